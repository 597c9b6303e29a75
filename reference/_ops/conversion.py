"""dtype and device conversions, and the ways out to Python and NumPy."""
import numpy as np

from .. import _dtype as D
from .._device import as_device, device as _device_cls
from .._shape import contiguous_strides
from .._storage import Storage
from .._tensor import Tensor
from ..autograd.graph import needs_grad, record
from ..backends import backend_of
from . import registry as R
from ._util import cast, copy_into, empty_tensor
from .creation import _dtype_arg


def _d_to(ctx, g):
    dtype, dev = ctx._saved_self_dtype, ctx._saved_self_device
    if g._storage.device != dev:
        g = g.to(dev)
    return (g.to(dtype),)


def _parse_to(args, kwargs):
    dtype = kwargs.get("dtype")
    dev = kwargs.get("device")
    for a in args:
        if isinstance(a, D.dtype):
            dtype = a
        elif isinstance(a, (str, _device_cls)):
            dev = a
        elif isinstance(a, Tensor):
            dtype, dev = a.dtype, a.device
        elif a is None:
            continue
        else:
            dtype = _dtype_arg(a)
    return dtype, (as_device(dev) if dev is not None else None)


def to(x, *args, copy=False, non_blocking=False, **kwargs):
    dtype, dev = _parse_to(args, kwargs)
    dtype = dtype or x.dtype
    dev = dev or x._storage.device
    if dtype is x.dtype and dev == x._storage.device and not copy:
        return x
    src = x
    if dev != x._storage.device:
        src = _to_device(x, dev)
    res = cast(src, dtype) if src.dtype is not dtype else (src if src is not x else _copy(x))
    if needs_grad(x) and dtype.is_floating_point:
        record("ToCopyBackward0", _d_to, (x,), res, meta={"self_dtype": x.dtype, "self_device": x._storage.device})
    return res


def _copy(x):
    out = empty_tensor(x._shape, x.dtype, x._storage.device)
    copy_into(out, x)
    return out


def _to_device(x, dev):
    host = backend_of(x._storage.device).to_host(x.contiguous()._storage.data)
    c = x.contiguous()
    host = host[c._offset:c._offset + c.numel()]
    data = backend_of(dev).from_host(np.ascontiguousarray(host))
    return Tensor._make(Storage(data, dev), tuple(x._shape), contiguous_strides(tuple(x._shape)), 0, x.dtype)


def _dtype_method(dt):
    def method(self, memory_format=None):
        return to(self, dt)
    return method


def cpu(x, memory_format=None):
    return to(x, "cpu")


def cuda(x, device=None, non_blocking=False, memory_format=None):
    return to(x, "cuda" if device is None else as_device(device if not isinstance(device, int) else f"cuda:{device}"))


def numpy(x, *, force=False):
    if x.requires_grad and not force:
        raise RuntimeError("Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.")
    if x._storage.device.type != "cpu":
        if not force:
            raise TypeError(f"can't convert {x._storage.device.type}:0 device type tensor to numpy. Use "
                            "Tensor.cpu() to copy the tensor to host memory first.")
        x = x.cpu()
    return x._np()


def item(x):
    if x.numel() != 1:
        raise RuntimeError(f"a Tensor with {x.numel()} elements cannot be converted to Scalar")
    v = x.detach().cpu()._np().reshape(-1)[0]
    return v.item()


def tolist(x):
    return x.detach().cpu()._np().tolist()


def type_as(self, other):
    return to(self, other.dtype)


# ---------------------------------------------------------------- registry
# a copy to another dtype or device is ToCopyBackward0; integer and bool results carry no gradient
R.define_all("conversion", [
    (to, "ToCopyBackward0", R.TARGET),
    # on the tensor's own device these return it unchanged (no node); a move is to(device)'s ToCopyBackward0
    (cpu, None, R.SAME),
    (cuda, None, R.SAME),
    (numpy, None, R.SAME),
    (item, None, R.PYTHON),
    (tolist, None, R.PYTHON),
    (type_as, "ToCopyBackward0", R.TARGET),
], function=False)
for _name, _dt in (("float", D.float32), ("double", D.float64), ("half", D.float16), ("long", D.int64),
                   ("int", D.int32), ("short", D.int16), ("char", D.int8), ("byte", D.uint8), ("bool", D.bool_)):
    R.define("conversion", _dtype_method(_dt), name=_name, node="ToCopyBackward0" if _dt.is_floating_point else None,
             dtype=R.TARGET, function=False)
