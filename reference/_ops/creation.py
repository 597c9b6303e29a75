"""Tensor creation: from data, filled, ranges, random, and the *_like family."""
import numbers
import random

import numpy as np

from .. import _dtype as D
from .._device import CPU, as_device
from .._shape import Size, contiguous_strides, numel
from .._storage import Storage
from .._tensor import Tensor
from ..autograd.grad_mode import no_grad
from ..autograd.graph import needs_grad, record
from ..backends import backend_of, seed_accelerators
from . import registry as R
from ._util import cast, empty_tensor


def _shape_arg(size):
    """Sizes given as f(2, 3), f((2, 3)), f([2, 3]) or f(torch.Size)."""
    if len(size) == 1 and isinstance(size[0], (tuple, list)):
        size = tuple(size[0])
    out = []
    for s in size:
        if isinstance(s, Tensor):
            s = int(s)
        if not isinstance(s, (int, np.integer)) or isinstance(s, bool):
            raise TypeError(f"empty(): argument 'size' must be tuple of ints, but found element of type "
                            f"{type(s).__name__}")
        if s < 0:
            raise RuntimeError(f"Trying to create tensor with negative dimension {s}: {list(size)}")
        out.append(int(s))
    return tuple(out)


def _dtype_arg(dtype, default=None):
    if dtype is None:
        return default if default is not None else D.get_default_dtype()
    if isinstance(dtype, D.dtype):
        return dtype
    if dtype is bool:
        return D.bool_
    if dtype is float:
        return D.float64
    if dtype is int:
        return D.int64
    try:
        return D.from_numpy_dtype(dtype)
    except TypeError:
        raise TypeError(f"dtype must be a reference dtype, got {dtype!r}") from None


def _finish(t, requires_grad, device=None):
    if device is not None:
        dev = as_device(device)
        if dev != t._storage.device:
            t = t.to(dev)
    if requires_grad:
        t.requires_grad_(True)
    return t


def _sizes(args, size):
    """The shape given positionally (f(2, 3), f((2, 3))) or as size= (f(size=(2, 3)))."""
    if size is not None:
        if args:
            raise TypeError("size given both positionally and as a keyword")
        return _shape_arg((size,))
    return _shape_arg(args)


def empty(*args, size=None, dtype=None, device=None, requires_grad=False, layout=None, pin_memory=False,
          memory_format=None):
    t = empty_tensor(_sizes(args, size), _dtype_arg(dtype), as_device(device))
    return _finish(t, requires_grad)


def empty_strided(size, stride, *, dtype=None, layout=None, device=None, requires_grad=False, pin_memory=False):
    """An uninitialised tensor laid out with the given strides over a storage just large enough for them."""
    shape = _shape_arg((size,))
    stride = tuple(int(s) for s in stride)
    if len(stride) != len(shape):
        raise RuntimeError(f"dimensionality of sizes ({len(shape)}) must match dimensionality of strides "
                           f"({len(stride)})")
    if any(s < 0 for s in stride):
        raise RuntimeError(f"Storage size calculation overflowed with sizes={list(shape)} and strides={list(stride)}")
    extent = 0 if 0 in shape else 1 + sum((n - 1) * s for n, s in zip(shape, stride))
    dt, dev = _dtype_arg(dtype), as_device(device)
    t = Tensor._make(Storage(backend_of(dev).empty(extent, dt.np), dev), shape, stride, 0, dt)
    return _finish(t, requires_grad)


def full(size, fill_value, *, dtype=None, device=None, requires_grad=False, layout=None):
    value = fill_value.item() if isinstance(fill_value, Tensor) else fill_value
    dt = _dtype_arg(dtype, D.scalar_dtype(value))
    if not isinstance(fill_value, Tensor):
        fill_value = D.check_fits(value, dt)
    else:
        D.check_fits(value, dt)
    t = empty_tensor(_shape_arg((size,)), dt, as_device(device))
    backend_of(t._storage.device).fill(t, fill_value)
    return _finish(t, requires_grad)


def zeros(*args, size=None, dtype=None, device=None, requires_grad=False, layout=None):
    return full(_sizes(args, size), 0, dtype=_dtype_arg(dtype), device=device, requires_grad=requires_grad)


def ones(*args, size=None, dtype=None, device=None, requires_grad=False, layout=None):
    return full(_sizes(args, size), 1, dtype=_dtype_arg(dtype), device=device, requires_grad=requires_grad)


def scalar_tensor(value, dtype=None, device=None):
    return full((), value, dtype=_dtype_arg(dtype, D.scalar_dtype(value)), device=device)


def _like(t, dtype, device):
    return _dtype_arg(dtype, t.dtype), (t._storage.device if device is None else as_device(device))


def empty_like(input, *, dtype=None, device=None, requires_grad=False, memory_format=None):
    dt, dev = _like(input, dtype, device)
    return _finish(empty_tensor(input._shape, dt, dev), requires_grad)


def zeros_like(input, *, dtype=None, device=None, requires_grad=False, memory_format=None):
    dt, dev = _like(input, dtype, device)
    return full(input._shape, 0, dtype=dt, device=dev, requires_grad=requires_grad)


def ones_like(input, *, dtype=None, device=None, requires_grad=False, memory_format=None):
    dt, dev = _like(input, dtype, device)
    return full(input._shape, 1, dtype=dt, device=dev, requires_grad=requires_grad)


def full_like(input, fill_value, *, dtype=None, device=None, requires_grad=False, memory_format=None):
    dt, dev = _like(input, dtype, device)
    return full(input._shape, fill_value, dtype=dt, device=dev, requires_grad=requires_grad)


def rand_like(input, *, dtype=None, device=None, requires_grad=False, memory_format=None):
    dt, dev = _like(input, dtype, device)
    return rand(input._shape, dtype=dt, device=dev, requires_grad=requires_grad)


def randn_like(input, *, dtype=None, device=None, requires_grad=False, memory_format=None):
    dt, dev = _like(input, dtype, device)
    return randn(input._shape, dtype=dt, device=dev, requires_grad=requires_grad)


def randint_like(input, low=0, high=None, *, dtype=None, device=None, requires_grad=False):
    if high is None:
        low, high = 0, low
    dt, dev = _like(input, dtype, device)
    return randint(low, high, input._shape, dtype=dt, device=dev)


# ---------------------------------------------------------------- random


def manual_seed(seed):
    backend_of(CPU).manual_seed(int(seed))
    seed_accelerators(int(seed))  # torch.manual_seed seeds every device
    return _Generator(int(seed))


def seed():
    s = random.getrandbits(63)
    manual_seed(s)
    return s


class _Generator:
    def __init__(self, seed):
        self._seed = seed

    def initial_seed(self):
        return self._seed

    def manual_seed(self, s):
        manual_seed(s)
        return self


def _random(kind, size, dtype, device, requires_grad, *params):
    dt = _dtype_arg(dtype)
    if kind in ("uniform", "normal") and not dt.is_floating_point:
        raise RuntimeError(f"\"{'check_uniform_bounds' if kind == 'uniform' else 'normal_kernel_cpu'}\" "
                           f"not implemented for '{dt.name}'")
    t = empty_tensor(_shape_arg(size), dt, as_device(device))
    getattr(backend_of(t._storage.device), kind)(t, *params)
    return _finish(t, requires_grad)


def _drawn(generator, kind, size, dtype, device, requires_grad, *params):
    """A draw from an explicit Generator: its own stream, the global one is left alone."""
    dt = _dtype_arg(dtype)
    t = from_numpy(generator._sample(kind, _shape_arg(size), dt.np, *params))
    return _finish(t, requires_grad, device)


def rand(*args, size=None, dtype=None, device=None, requires_grad=False, generator=None, layout=None):
    if generator is not None:
        return _drawn(generator, "uniform", (_sizes(args, size),), dtype, device, requires_grad, 0.0, 1.0)
    return _random("uniform", (_sizes(args, size),), dtype, device, requires_grad, 0.0, 1.0)


def randn(*args, size=None, dtype=None, device=None, requires_grad=False, generator=None, layout=None):
    if generator is not None:
        return _drawn(generator, "normal", (_sizes(args, size),), dtype, device, requires_grad, 0.0, 1.0)
    return _random("normal", (_sizes(args, size),), dtype, device, requires_grad, 0.0, 1.0)


def randint(low=0, high=None, size=None, *, dtype=None, device=None, requires_grad=False, generator=None):
    if size is None:  # randint(high, size)
        low, high, size = 0, low, high
    if high is None:
        raise TypeError("randint() missing required argument 'high'")
    if low >= high:
        raise RuntimeError(f"random_ expects 'from' to be less than 'to', but got from={low} >= to={high}")
    if generator is not None:
        return _drawn(generator, "randint", (size,), _dtype_arg(dtype, D.int64), device, False, low, high)
    t = empty_tensor(_shape_arg((size,)), _dtype_arg(dtype, D.int64), as_device(device))
    backend_of(t._storage.device).randint(t, low, high)
    return t


def randperm(n, *, dtype=None, device=None, requires_grad=False, generator=None):
    if generator is not None:
        return _drawn(generator, "randperm", (), _dtype_arg(dtype, D.int64), device, False, int(n))
    t = empty_tensor((int(n),), _dtype_arg(dtype, D.int64), as_device(device))
    backend_of(t._storage.device).randperm(t)
    return t


def _zero_grads(ctx, g):
    # a random draw is not reparameterised: torch's gradient to its parameters is zero
    return tuple(g * 0 if need else None for need in ctx.needs_input_grad)


def normal(mean=0.0, std=1.0, size=None, *, generator=None, dtype=None, device=None, requires_grad=False):
    if isinstance(mean, Tensor) or isinstance(std, Tensor):
        ref = mean if isinstance(mean, Tensor) else std
        with no_grad():
            out = randn(ref.shape, dtype=ref.dtype, device=ref.device, generator=generator) * std + mean
        params = tuple(p for p in (mean, std) if isinstance(p, Tensor))
        if needs_grad(*params):
            name = "NormalBackward3" if len(params) == 2 else ("NormalBackward1" if params[0] is mean else
                                                                "NormalBackward2")
            record(name, _zero_grads, params, out)
        return out
    # torch's default-device mode passes no device to normal (it takes none of its own there): the
    # float-parameter draw stays on the CPU under set_default_device, as in torch
    device = CPU if device is None else device
    if generator is not None:
        return _drawn(generator, "normal", (size,), dtype, device, requires_grad, mean, std)
    return _random("normal", (size,), dtype, device, requires_grad, mean, std)


def bernoulli(input, p=None, *, generator=None):
    probs = input if p is None else full_like(input, p)
    if generator is not None:
        u = generator._sample("uniform", tuple(input._shape), np.float64, 0.0, 1.0)
        hits = u < probs.detach().to(D.float64).cpu().numpy()
        return _finish(from_numpy(hits.astype(input.dtype.np)), False, input.device)
    t = empty_tensor(input._shape, input.dtype, input._storage.device)
    backend_of(t._storage.device).bernoulli(t, cast(probs.detach().contiguous(), D.float64))
    if p is None and needs_grad(input):
        record("BernoulliBackward0", _zero_grads, (input,), t)
    return t


# ---------------------------------------------------------------- ranges


def arange(start, end=None, step=1, *, dtype=None, device=None, requires_grad=False, layout=None):
    if end is None:
        start, end = 0, start
    vals = [v.item() if isinstance(v, Tensor) else v for v in (start, end, step)]
    start, end, step = vals
    if step == 0:
        raise RuntimeError("step must be nonzero")
    if (end - start) * step < 0:
        raise RuntimeError("upper bound and larger bound inconsistent with step sign")
    if dtype is None:
        dtype = D.get_default_dtype() if any(isinstance(v, float) for v in vals) else D.int64
    n = int(np.ceil((end - start) / step))
    t = empty_tensor((max(n, 0),), _dtype_arg(dtype), as_device(device))
    backend_of(t._storage.device).arange(t, start, step)
    return _finish(t, requires_grad)


def linspace(start, end, steps, *, dtype=None, device=None, requires_grad=False, layout=None):
    if steps < 0:
        raise RuntimeError("number of steps must be non-negative")
    t = empty_tensor((int(steps),), _dtype_arg(dtype), as_device(device))
    if steps:
        backend_of(t._storage.device).linspace(t, start, end)
    return _finish(t, requires_grad)


def logspace(start, end, steps, base=10.0, *, dtype=None, device=None, requires_grad=False):
    return _finish((base ** linspace(start, end, steps, dtype=D.float64)).to(_dtype_arg(dtype)), requires_grad,
                   device)


def eye(n, m=None, *, dtype=None, device=None, requires_grad=False, layout=None):
    m = n if m is None else m
    t = zeros(n, m, dtype=dtype, device=device)
    k = min(n, m)
    if k:
        diag = t.as_strided((k,), (m + 1,), 0)
        backend_of(t._storage.device).fill(diag, 1)
    return _finish(t, requires_grad)


# ---------------------------------------------------------------- from data


# what torch.tensor reads as nested data (any sequence: lists, tuples, ranges, torch.Size, arrays)
_SEQUENCES = (list, tuple, range, np.ndarray)


def _infer(data):
    """(flat list of python scalars, shape, dtype) of nested sequences, as torch.tensor infers."""
    shape = []
    d = data
    while isinstance(d, _SEQUENCES) and not (isinstance(d, np.ndarray) and d.ndim == 0):
        shape.append(len(d))
        if not len(d):
            break
        d = d[0]
    flat = []
    kinds = set()

    def walk(x, depth):
        if isinstance(x, np.ndarray) and x.ndim == 0:
            x = x[()]
        if isinstance(x, _SEQUENCES):
            if depth >= len(shape) or len(x) != shape[depth]:
                raise ValueError(f"expected sequence of length {shape[depth] if depth < len(shape) else 0} "
                                 f"at dim {depth} (got {len(x)})")
            for y in x:
                walk(y, depth + 1)
            return
        if depth != len(shape):
            raise ValueError("expected a sequence at dim %d" % depth)
        if isinstance(x, Tensor):
            if x.numel() != 1:
                raise ValueError("only one element tensors can be converted to Python scalars")
            kinds.add(x.dtype)
            flat.append(x.item())
            return
        if isinstance(x, np.generic) and not isinstance(x, np.bool_):
            kinds.add(D.from_numpy_dtype(x.dtype))  # a NumPy scalar keeps its dtype, as in torch
            x = x.item()
        elif isinstance(x, (bool, np.bool_)):
            kinds.add(D.bool_)
        elif isinstance(x, (numbers.Integral,)):
            kinds.add(D.int64)
        elif isinstance(x, numbers.Real):
            kinds.add(D.get_default_dtype())
        else:
            raise TypeError(f"new(): invalid data type '{type(x).__name__}'")
        flat.append(x)

    walk(data, 0)
    dt = None
    for k in kinds:
        dt = k if dt is None else D.promote_types(dt, k)
    return flat, tuple(shape), dt or D.get_default_dtype()


def tensor(data, *, dtype=None, device=None, requires_grad=False, pin_memory=False):
    if isinstance(data, Tensor):
        t = data.detach().clone()
        if dtype is not None:
            t = t.to(_dtype_arg(dtype))
        return _finish(t, requires_grad, device)
    if isinstance(data, np.ndarray) or isinstance(data, np.generic):
        arr = np.array(data)
        dt = _dtype_arg(dtype, D.from_numpy_dtype(arr.dtype))
        host = np.ascontiguousarray(arr, dtype=dt.np).reshape(-1)
        shape = arr.shape
    else:
        flat, shape, inferred = _infer(data)
        dt = _dtype_arg(dtype, inferred)
        if dt.category == D.INT and dt is not inferred:
            # a number the integer dtype cannot hold is refused (a negative one wraps into uint8)
            flat = [D.check_fits(v, dt, reading=True) for v in flat]
        if dt.category == D.INT and any(isinstance(v, float) for v in flat):
            host = np.array([int(v) for v in flat], dtype=dt.np)  # truncates like a cast
        else:
            host = np.array(flat, dtype=np.float64 if dt.is_floating_point else None)
            if dt.is_floating_point and dt.itemsize < 8:
                with np.errstate(over="ignore"):  # a float beyond the dtype's range becomes inf, silently
                    host = host.astype(dt.np)
            else:
                host = host.astype(dt.np) if host.size else np.empty(0, dt.np)
    dev = as_device(device)
    data = backend_of(dev).from_host(host.copy() if host.base is not None or not host.flags.owndata else host)
    t = Tensor._make(Storage(data, dev), shape, contiguous_strides(tuple(shape)), 0, dt)
    return _finish(t, requires_grad)


def as_tensor(data, dtype=None, device=None):
    if isinstance(data, Tensor):
        t = data
        if dtype is not None:
            t = t.to(_dtype_arg(dtype))
        return t if device is None else t.to(device)
    if isinstance(data, np.ndarray) and (dtype is None or _dtype_arg(dtype).np == data.dtype) and \
            as_device(device).type == "cpu":
        return from_numpy(data)
    return tensor(data, dtype=dtype, device=device)


def from_numpy(array):
    """A tensor over the array's own memory: writes through either are seen by the other."""
    if not isinstance(array, np.ndarray):
        raise TypeError(f"expected np.ndarray (got {type(array).__name__})")
    dt = D.from_numpy_dtype(array.dtype)
    isz = array.itemsize
    if any(s < 0 for s in array.strides):
        raise ValueError("At least one stride in the given numpy array is negative, and tensors with "
                         "negative strides are not currently supported. (You can probably work around "
                         "this by making a copy of your array  with array.copy().) ")
    if any(s % isz for s in array.strides):
        raise ValueError("given numpy array strides not a multiple of the element byte size. Copy the "
                         "numpy array to reallocate the memory.")
    strides = tuple(s // isz for s in array.strides)
    extent = 1 + sum((n - 1) * s for n, s in zip(array.shape, strides)) if array.size else 0
    flat = np.lib.stride_tricks.as_strided(array, shape=(extent,), strides=(isz,)) if extent else \
        np.empty(0, array.dtype)
    return Tensor._make(Storage(flat, CPU), array.shape, strides, 0, dt)


def asarray(obj, *, dtype=None, device=None, copy=None, requires_grad=False):
    if copy:
        return tensor(obj, dtype=dtype, device=device, requires_grad=requires_grad)
    return _finish(as_tensor(obj, dtype=dtype, device=device), requires_grad)


def complex(*_a, **_k):
    raise RuntimeError("complex tensors are not supported by the reference implementation")


# ---------------------------------------------------------------- legacy constructors


def legacy_new(args, kwargs, dtype=None):
    """torch.Tensor(...) and the typed constructors: no arguments give an empty 1-D tensor, sizes give
    an uninitialised tensor, one sequence (or array) gives a copy of its data. They are CPU
    constructors: set_default_device does not move them (as in torch), only device= does."""
    dt = dtype or D.get_default_dtype()
    device = kwargs.pop("device", None) or CPU
    if kwargs:
        raise TypeError(f"new() received an invalid combination of arguments: unexpected keyword "
                        f"{sorted(kwargs)[0]!r}")
    if not args:
        return empty_tensor((0,), dt, as_device(device))
    data = args[0]
    if len(args) == 1 and not isinstance(data, (int, np.integer, Size)):
        if isinstance(data, Tensor):
            if dtype is not None and data.dtype is not dtype:
                raise TypeError(f"expected {D.TYPE_NAMES[dtype.name]} (got {D.TYPE_NAMES[data.dtype.name]})")
            return data
        return tensor(data, dtype=dt, device=device)
    return empty(*args, dtype=dt, device=device)


class LegacyTensorType:
    """torch.FloatTensor and friends: a constructor of one dtype that isinstance() also understands."""

    def __init__(self, name, dtype):
        self.__name__ = self.__qualname__ = name
        self.dtype = dtype

    def __call__(self, *args, **kwargs):
        return legacy_new(args, kwargs, self.dtype)

    def __instancecheck__(self, obj):
        return isinstance(obj, Tensor) and obj.dtype is self.dtype and obj.device.type == "cpu"

    def __repr__(self):
        return f"<class 'torch.{self.__name__}'>"


LEGACY_TYPES = {name: LegacyTensorType(name, dt) for name, dt in (
    ("FloatTensor", D.float32), ("DoubleTensor", D.float64), ("HalfTensor", D.float16),
    ("LongTensor", D.int64), ("IntTensor", D.int32), ("ShortTensor", D.int16), ("CharTensor", D.int8),
    ("ByteTensor", D.uint8), ("BoolTensor", D.bool_))}


# ---------------------------------------------------------------- Tensor.new_* (same dtype and device)


def new_empty(self, *size, dtype=None, device=None, requires_grad=False):
    return empty(*size, dtype=dtype or self.dtype, device=device or self.device, requires_grad=requires_grad)


def new_zeros(self, *size, dtype=None, device=None, requires_grad=False):
    return zeros(*size, dtype=dtype or self.dtype, device=device or self.device, requires_grad=requires_grad)


def new_ones(self, *size, dtype=None, device=None, requires_grad=False):
    return ones(*size, dtype=dtype or self.dtype, device=device or self.device, requires_grad=requires_grad)


def new_full(self, size, fill_value, *, dtype=None, device=None, requires_grad=False):
    return full(size, fill_value, dtype=dtype or self.dtype, device=device or self.device,
                requires_grad=requires_grad)


def new_tensor(self, data, dtype=None, device=None, requires_grad=False):
    return tensor(data, dtype=dtype or self.dtype, device=device or self.device, requires_grad=requires_grad)


# ---------------------------------------------------------------- registry
# creation makes leaves: no node, except the random draws whose parameters may carry history
# (torch names them, with a zero gradient for bernoulli; normal's node depends on which of mean/std
# is a tensor: NormalBackward1/2/3)
R.define_all("creation", [(fn, None, R.CREATED) for fn in (
    arange, as_tensor, asarray, empty, empty_like, empty_strided, eye, from_numpy, full, full_like, linspace, logspace, ones,
    ones_like, rand, rand_like, randint, randint_like, randn, randn_like, randperm, scalar_tensor, tensor, zeros,
    zeros_like)] + [
    (bernoulli, "BernoulliBackward0", R.SAME),
    (normal, "NormalBackward1", R.CREATED),
    (manual_seed, None, R.PYTHON),
    (seed, None, R.PYTHON),
], method=False)
R.define_all("creation", [(fn, None, R.CREATED) for fn in (new_empty, new_zeros, new_ones, new_full, new_tensor)],
             function=False)
R.REGISTRY["bernoulli"].method = lambda self, p=None, *, generator=None: bernoulli(self, p)
