"""torch.linalg (the functions live in reference/_ops/linalg_ops.py)."""
from ._ops.linalg_ops import EXPORTS

globals().update(EXPORTS)
__all__ = sorted(EXPORTS)
