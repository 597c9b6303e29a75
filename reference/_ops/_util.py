"""Small helpers the op modules share: operand classification, allocation, casting."""
import numbers

import numpy as np

from .. import _dtype as D
from .._device import CPU
from .._shape import contiguous_strides, numel
from .._storage import Storage
from .._tensor import Tensor
from ..backends import backend_of


def is_tensor(x):
    return isinstance(x, Tensor)


def is_scalar(x):
    return isinstance(x, (numbers.Number, np.bool_)) and not isinstance(x, complex)


def empty_tensor(shape, dtype, device=CPU):
    shape = tuple(shape)
    kd = dtype
    data = backend_of(device).empty(numel(shape), kd.np)
    return Tensor._make(Storage(data, device), shape, contiguous_strides(shape), 0, dtype)


def result_type(*operands):
    if len(operands) == 2:
        a, b = operands
        if type(a) is Tensor and type(b) is Tensor and a.dtype is b.dtype:
            return a.dtype
    dims, zeros, scalars = [], [], []
    for o in operands:
        if isinstance(o, Tensor):
            (dims if o._shape else zeros).append(o.dtype)
        elif o is not None:
            scalars.append(o)
    return D.result_type_of(dims, zeros, scalars)


def scalar_as(value, dt):
    """A Python scalar as a numpy scalar of dtype dt, wrapping out-of-range ints like a cast."""
    try:
        return dt.np.type(value)
    except (OverflowError, ValueError):
        return np.array(value).astype(dt.np)[()]


def common_device(*operands):
    if len(operands) == 2:
        a, b = operands
        if type(a) is Tensor and type(b) is Tensor and a._storage.device is b._storage.device:
            return a._storage.device
    dev = None
    for o in operands:
        if isinstance(o, Tensor):
            d = o._storage.device
            if dev is None:
                dev = d
            elif d != dev and o._shape != () and not _is_cpu_scalar(o):
                raise RuntimeError("Expected all tensors to be on the same device, but found at least "
                                   f"two devices, {dev} and {d}!")
    return dev or CPU


def _is_cpu_scalar(t):
    return t._storage.device.type == "cpu" and t._shape == ()


def kernel_dtype(dt):
    """numba has no float16 arithmetic on CPU: float16 work runs in float32 and is rounded once."""
    return D.float32 if dt is D.float16 else dt


def cast(t, dt):
    """t converted to dtype dt (t itself when it already has it)."""
    if t.dtype is dt:
        return t
    out = empty_tensor(t._shape, dt, t._storage.device)
    copy_into(out, t)
    return out


def copy_into(dst, src):
    """dst[...] = src with broadcasting and dtype conversion (no autograd, no version bump)."""
    be = backend_of(dst._storage.device)
    if D.float16 in (dst.dtype, src.dtype) and hasattr(be, "copy_f16"):
        be.copy_f16(dst, src)
        return
    be.elementwise("to_bool" if dst.dtype is D.bool_ and src.dtype is not D.bool_ else "copy",
                   [src], dst)
