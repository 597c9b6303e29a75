"""Small helpers the op modules share: operand classification, allocation, casting."""
import numbers

import numpy as np

from .. import _dtype as D
from .._device import CPU
from .._shape import Size, contiguous_layout, contiguous_strides, numel
from .._storage import Storage
from .._tensor import Tensor
from ..autograd.grad_mode import is_grad_enabled
from ..backends import backend_of


def is_tensor(x):
    return isinstance(x, Tensor)


def is_scalar(x):
    return isinstance(x, (numbers.Number, np.bool_)) and not isinstance(x, complex)


def empty_tensor(shape, dtype, device=CPU):
    if type(shape) is not Size:
        shape = Size(shape)
    strides, n = contiguous_layout(shape)
    return Tensor._make(Storage(backend_of(device).empty(n, dtype.np), device), shape, strides, 0, dtype)


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


# the largest finite value of the float dtypes narrower than a Python float
_NARROW_FLOAT_MAX = {D.float16: float(np.finfo(np.float16).max), D.float32: float(np.finfo(np.float32).max)}


def scalar_as(value, dt):
    """A Python scalar as a numpy scalar of dtype dt, wrapping out-of-range ints like a cast; a float
    beyond a narrower float dtype's range rounds to inf, silently as in torch (NumPy would warn)."""
    hi = _NARROW_FLOAT_MAX.get(dt)
    if hi is not None and isinstance(value, float) and abs(value) > hi:
        with np.errstate(over="ignore"):
            return dt.np.type(value)
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


def kernel_dtype(dt, device=CPU):
    """The dtype the device's kernels compute in for dt (the backend's dtype policy)."""
    return backend_of(device).compute_dtype(dt)


def cast(t, dt):
    """t converted to dtype dt (t itself when it already has it)."""
    if t.dtype is dt:
        return t
    out = empty_tensor(t._shape, dt, t._storage.device)
    copy_into(out, t)
    return out


def copy_into(dst, src):
    """dst[...] = src with broadcasting and dtype conversion (no autograd, no version bump)."""
    backend_of(dst._storage.device).copy(dst, src)


def write_out(out, res, inputs=(), name="op"):
    """The `out=` variant of an op: res written into `out` (resized when its shape differs, as torch
    does), with torch's checks. Returns out."""
    if not isinstance(out, Tensor):
        raise TypeError(f"argument 'out' must be Tensor, not {type(out).__name__}")
    if is_grad_enabled() and (out._requires_grad or any(getattr(t, "_requires_grad", False) for t in inputs)):
        raise RuntimeError(f"{name}(): functions with out=... arguments don't support automatic "
                           "differentiation, but one of the arguments requires grad.")
    if out._storage.device != res._storage.device and not any(isinstance(t, Tensor) for t in inputs):
        res = res.to(out._storage.device)  # a creation op: out= names the device
    if out._storage.device != res._storage.device:
        raise RuntimeError(f"Expected out tensor to have device {res._storage.device}, but got {out._storage.device} "
                           "instead")
    if not D.can_cast(res.dtype, out.dtype):
        raise RuntimeError(f"result type {D.TYPE_NAMES[res.dtype.name]} can't be cast to the desired output "
                           f"type {D.TYPE_NAMES[out.dtype.name]}")
    if tuple(out._shape) != tuple(res._shape):
        resize_(out, res._shape)
    copy_into(out, res)
    out._bump_version()
    return out



def resize_(x, shape):
    """x takes `shape`, keeping its storage when the element count and layout allow."""
    shape = tuple(shape)
    if numel(shape) != x.numel() or not x.is_contiguous():
        fresh = empty_tensor(shape, x.dtype, x._storage.device)
        x._storage = fresh._storage
        x._set_metadata(shape, contiguous_strides(shape), 0)
    else:
        x._set_metadata(shape, contiguous_strides(shape), x._offset)
    return x
