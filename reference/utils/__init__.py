"""torch.utils: data loading (`reference.utils.data`)."""
from . import data  # noqa: F401
