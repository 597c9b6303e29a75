"""reference: a PyTorch-compatible tensor library on numba kernels (`import reference as torch`).

The namespace is explicit: the op functions come from the op registry (reference/_ops/registry.py),
the rest is listed in __all__ below; no internal helper leaks into it."""
import numba as _numba

from . import autograd, cuda, nn  # noqa: F401
from ._device import device, get_default_device, set_default_device
from ._dtype import (bool_ as bool, can_cast, dtype, float16, float32, float64, get_default_dtype, int8, int16,
                     int32, int64, promote_types, set_default_dtype, uint8)
from ._info import finfo, iinfo
from ._ops import methods as _methods  # noqa: F401  (binds the registry to Tensor)
from ._ops import registry as _registry
from ._ops.creation import LEGACY_TYPES as _LEGACY_TYPES
from ._shape import Size
from ._tensor import Tensor
from .autograd import enable_grad, inference_mode, is_grad_enabled, no_grad, set_grad_enabled
from ._generator import Generator
from . import utils  # noqa: F401
from . import optim  # noqa: F401,E402
from . import linalg  # noqa: F401

# the op functions (and their aliases and namespace in-place twins), from the registry
globals().update(_registry.namespace())
# torch.FloatTensor(...) and friends
globals().update(_LEGACY_TYPES)
from . import serialization  # noqa: F401
from .serialization import load, save

half, float, double = float16, float32, float64
short, int, long = int16, int32, int64


def get_num_threads():
    return _numba.get_num_threads()


def set_num_threads(n):
    _numba.set_num_threads(n)


__version__ = "0.1.0"

# memory formats: only the strided layouts exist here
contiguous_format = "contiguous_format"
preserve_format = "preserve_format"

__all__ = sorted(_registry.namespace()) + sorted(_LEGACY_TYPES) + [
    # types, dtypes and devices
    "Tensor", "Size", "dtype", "device", "finfo", "iinfo",
    "bool", "uint8", "int8", "int16", "int32", "int64", "float16", "float32", "float64",
    "half", "float", "double", "short", "int", "long",
    "get_default_dtype", "set_default_dtype", "promote_types", "can_cast",
    "get_default_device", "set_default_device",
    # autograd switches
    "no_grad", "enable_grad", "set_grad_enabled", "is_grad_enabled", "inference_mode",
    # threads, version, memory formats
    "get_num_threads", "set_num_threads", "__version__", "contiguous_format", "preserve_format",
    "Generator",
    # subpackages
    "autograd", "cuda", "nn", "utils", "optim", "linalg",
]
# Subpackages owned by other areas (optim, utils, amp, save/load) are appended here by their owners.
__all__ += ["serialization", "save", "load"]
from . import amp  # noqa: E402
from .amp import autocast, get_autocast_dtype, is_autocast_enabled  # noqa: E402
__all__ += ["amp", "autocast", "get_autocast_dtype", "is_autocast_enabled"]
# torch's float constants (the torch.equal page compares torch.tensor([3, torch.nan]))
import math as _math  # noqa: E402
nan, inf, pi, e = _math.nan, _math.inf, _math.pi, _math.e
__all__ += ["nan", "inf", "pi", "e"]
