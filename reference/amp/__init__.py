"""reference.amp: mixed precision (autocast regions and GradScaler), as torch.amp; the deprecated
torch.cuda.amp spellings live in cuda_amp (also reachable as reference.cuda.amp)."""
from . import cuda_amp  # noqa: F401
from .autocast_mode import (autocast, custom_bwd, custom_fwd, get_autocast_dtype, is_autocast_available,  # noqa: F401
                            is_autocast_enabled, set_autocast_enabled)
from .grad_scaler import GradScaler, OptState  # noqa: F401

__all__ = ["autocast", "GradScaler", "custom_fwd", "custom_bwd", "is_autocast_available"]
