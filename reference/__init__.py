"""reference: a PyTorch-compatible tensor library on numba kernels (`import reference as torch`)."""
import builtins as _b

from . import _dtype
from ._device import device
from ._dtype import (bool_ as bool, can_cast, dtype, float16, float32, float64, get_default_dtype, int8, int16,
                     int32, int64, promote_types, set_default_dtype, uint8)
from ._info import finfo, iinfo
from ._shape import Size
from ._tensor import Tensor
from ._ops import methods as _methods  # noqa: F401  (binds Tensor methods)
from ._ops.creation import (arange, as_tensor, asarray, bernoulli, empty, empty_like, eye, from_numpy, full,
                            full_like, linspace, logspace, manual_seed, normal, ones, ones_like, rand, rand_like,
                            randint, randint_like, randn, randn_like, randperm, scalar_tensor, seed, tensor, zeros,
                            zeros_like)
from ._ops.elementwise import *  # noqa: F401,F403
from ._ops.elementwise import (abs, add, clamp, div, lerp, mul, pow, rsub, sub, true_divide, where)  # noqa: F401
from ._ops.conversion import numpy as _numpy  # noqa: F401
from ._ops.indexing import (gather, index_put, index_select, masked_fill, masked_select, nonzero, scatter,
                            scatter_add)
from ._ops.joining import (cat, chunk, concat, concatenate, flip, hstack, repeat as _repeat, roll, split, stack,
                           tensor_split, tile, tril, triu, vstack)
from ._ops.linalg import bmm, dot, ger, matmul, mm, mv, outer
from ._ops.reduction import (all, amax, amin, any, argmax, argmin, cumprod, cumsum, log_softmax, logsumexp, max,
                             mean, min, norm, prod, softmax, std, std_mean, sum, var, var_mean)
from ._ops.views import (as_strided, broadcast_to, clone, flatten, movedim, narrow, permute, reshape, select,
                         squeeze, t, transpose, unbind, unflatten, unsqueeze)
from . import autograd, cuda, nn  # noqa: F401
from ._generator import Generator  # noqa: F401
from . import utils  # noqa: F401
from . import optim  # noqa: F401,E402
from .autograd import enable_grad, inference_mode, is_grad_enabled, no_grad, set_grad_enabled  # noqa: F401
from ._shape import broadcast_shapes as _broadcast_shapes

half, float, double = float16, float32, float64
short, int, long = int16, int32, int64
FloatTensor = DoubleTensor = LongTensor = IntTensor = BoolTensor = ByteTensor = Tensor


def broadcast_shapes(*shapes):
    return Size(_broadcast_shapes(*(tuple(s) if not isinstance(s, _b.int) else (s,) for s in shapes)))


def broadcast_tensors(*tensors):
    shape = broadcast_shapes(*(t.shape for t in tensors))
    return tuple(t.expand(shape) for t in tensors)


def result_type(tensor1, tensor2):
    from ._ops._util import result_type as _rt
    return _rt(tensor1, tensor2)


def is_tensor(obj):
    return isinstance(obj, Tensor)


def is_floating_point(t):
    return t.dtype.is_floating_point


def numel(t):
    return t.numel()


def swapaxes(x, a, b):
    return transpose(x, a, b)


def is_nonzero(t):
    if t.numel() != 1:
        raise RuntimeError("Boolean value of Tensor with more than one value is ambiguous")
    return _b.bool(t.item())


def allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False):
    return _b.bool(isclose(a, b, rtol, atol, equal_nan).all())


def isclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False):
    diff = (a - b).abs()
    close = diff <= atol + rtol * b.abs()
    close = close | (a == b)
    if equal_nan:
        close = close | (a.isnan() & b.isnan())
    return close


def equal(a, b):
    return tuple(a.shape) == tuple(b.shape) and _b.bool((a == b).all())


def get_num_threads():
    import numba
    return numba.get_num_threads()


def set_num_threads(n):
    import numba
    numba.set_num_threads(n)


__version__ = "0.1.0"

# memory formats: only the strided layouts exist here
contiguous_format = "contiguous_format"
preserve_format = "preserve_format"
