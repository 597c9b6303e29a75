"""torch.cuda.amp: the deprecated spellings the tutorials use (`from torch.cuda.amp import
GradScaler, autocast`). Both are the device-generic classes with device "cuda"; without CUDA they
warn and disable themselves, as torch's do. This module is also reachable as `<package>.cuda.amp`
(registered below, so that the `from ... import` form works while `cuda` is a plain module)."""
import sys
import warnings

from .. import cuda
from . import autocast_mode, grad_scaler

__all__ = ["GradScaler", "autocast", "custom_fwd", "custom_bwd"]


class GradScaler(grad_scaler.GradScaler):
    def __init__(self, init_scale=2.0 ** 16, growth_factor=2.0, backoff_factor=0.5, growth_interval=2000,
                 enabled=True):
        warnings.warn("`torch.cuda.amp.GradScaler(args...)` is deprecated. Please use "
                      "`torch.amp.GradScaler('cuda', args...)` instead.", FutureWarning, stacklevel=2)
        super().__init__("cuda", init_scale=init_scale, growth_factor=growth_factor,
                         backoff_factor=backoff_factor, growth_interval=growth_interval, enabled=enabled)


class autocast(autocast_mode.autocast):
    def __init__(self, enabled=True, dtype=None, cache_enabled=True):
        warnings.warn("`torch.cuda.amp.autocast(args...)` is deprecated. Please use "
                      "`torch.amp.autocast('cuda', args...)` instead.", FutureWarning, stacklevel=2)
        super().__init__("cuda", dtype=dtype, enabled=enabled, cache_enabled=cache_enabled)


custom_fwd = autocast_mode.custom_fwd
custom_bwd = autocast_mode.custom_bwd

cuda.amp = sys.modules[__name__]
sys.modules[cuda.__name__ + ".amp"] = sys.modules[__name__]
