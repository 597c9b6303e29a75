"""Expected values: float64 NumPy closed forms written from PyTorch's documentation.

Nothing here imports torch or the reference. A function returns a NumPy array whose dtype is the
dtype torch documents for the result; floating results are computed in float64 and rounded to that
dtype once at the end, integer results are computed in their own dtype (so they wrap like C).
Inputs are NumPy arrays (ndim > 0: a dimensioned tensor, ndim == 0: a 0-dim tensor) or Python
bool/int/float scalars, which take part in promotion the way torch's "wrapped numbers" do.
"""
import builtins
import math

import numpy as np

# This module mirrors torch's names (sum, any, all, abs, round, pow), shadowing the builtins.
builtins_any = builtins.any
builtins_max = builtins.max

# ---------------------------------------------------------------------------------------------
# dtypes and promotion (https://pytorch.org/docs/stable/tensor_attributes.html#type-promotion-doc)

BOOL, INT, FLOAT = 0, 1, 2
FLOATS = ("float16", "float32", "float64")
INTS = ("uint8", "int8", "int16", "int32", "int64")
DTYPES = ("bool",) + INTS + FLOATS
DEFAULT_FLOAT = "float32"
DEFAULT_INT = "int64"

_BITS = {"bool": 1, "uint8": 8, "int8": 8, "int16": 16, "int32": 32, "int64": 64,
         "float16": 16, "float32": 32, "float64": 64}


def category(dtype):
    name = dtype_name(dtype)
    return BOOL if name == "bool" else FLOAT if name in FLOATS else INT


# Dtype objects of the namespaces in use, by identity: {id(obj): (obj, name)} (see register_dtypes).
_KNOWN_DTYPES = {}


def register_dtypes(by_name):
    """Teach dtype_name a namespace's own dtype objects ({name: obj}), so they are recognised by
    identity, however they print."""
    for name, obj in by_name.items():
        _KNOWN_DTYPES[id(obj)] = (obj, name)


def dtype_name(dtype):
    """'float32' for np.float32, np.dtype, 'torch.float32', a registered namespace's dtype object
    (by identity), else by how it prints."""
    known = _KNOWN_DTYPES.get(id(dtype))
    if known is not None and known[0] is dtype:
        return known[1]
    if isinstance(dtype, str):
        return dtype.rsplit(".", 1)[-1]
    if isinstance(dtype, type) and issubclass(dtype, np.generic) or isinstance(dtype, np.dtype):
        return np.dtype(dtype).name
    return str(dtype).rsplit(".", 1)[-1]


def promote_types(a, b):
    """The smallest dtype of the higher category able to hold both (torch.promote_types)."""
    a, b = dtype_name(a), dtype_name(b)
    if a == b:
        return a
    ca, cb = category(a), category(b)
    if ca != cb:
        return a if ca > cb else b
    if ca == FLOAT:
        return a if _BITS[a] > _BITS[b] else b
    # Integers: uint8 is the one unsigned type; with a signed type it needs a signed type wider
    # than 8 bits, so uint8 + int8 -> int16 while uint8 + int32 -> int32.
    if "uint8" in (a, b):
        other = b if a == "uint8" else a
        return "int16" if _BITS[other] <= 8 else other
    return a if _BITS[a] > _BITS[b] else b


def _scalar_dtype(value):
    if isinstance(value, (bool, np.bool_)):
        return "bool"
    if isinstance(value, (int, np.integer)):
        return DEFAULT_INT
    if isinstance(value, (float, np.floating)):
        return DEFAULT_FLOAT
    raise TypeError(f"not a scalar: {value!r}")


def _join(dtypes):
    out = None
    for d in dtypes:
        out = d if out is None else promote_types(out, d)
    return out


def _combine(higher_priority, lower_priority):
    """Merge two priority groups: the higher group wins unless the lower one is of a higher category.

    When the lower-priority group has the higher category, the result is that category's type
    large enough for the lower group's operands (e.g. int32 tensor + 5.5 -> float32, the default;
    int8 tensor + 0-dim float64 tensor -> float64).
    """
    if higher_priority is None:
        return lower_priority
    if lower_priority is None:
        return higher_priority
    if category(lower_priority) > category(higher_priority):
        return promote_types(higher_priority, lower_priority)
    return higher_priority


def result_type(*operands):
    """torch.result_type over tensors (NumPy arrays here) and Python scalars.

    Three priority groups: dimensioned tensors, then 0-dim tensors, then Python numbers.
    Within a group dtypes promote normally; a lower group only matters if it is of a higher
    category (bool < integer < floating). A Python float counts as the default float dtype and a
    Python int as int64.
    """
    dims, zeros, scalars = [], [], []
    for x in operands:
        if isinstance(x, np.ndarray):
            (dims if x.ndim > 0 else zeros).append(x.dtype.name)
        else:
            scalars.append(_scalar_dtype(x))
    return _combine(_join(dims), _combine(_join(zeros), _join(scalars)))


def float_result(dtype):
    """Result dtype of a floating-only function (exp, sqrt, mean...) on an input of `dtype`."""
    name = dtype_name(dtype)
    return name if name in FLOATS else DEFAULT_FLOAT


def can_cast(from_dtype, to_dtype):
    """In-place and out= results may not move to a lower category (torch.can_cast)."""
    return category(from_dtype) <= category(to_dtype)


# ---------------------------------------------------------------------------------------------
# helpers

def _f64(x):
    return np.asarray(x, dtype=np.float64)


def _as(values, dtype):
    return np.asarray(values).astype(dtype_name(dtype))


def _in(x, dtype):
    """x converted to `dtype` first: torch computes in the promoted type, so 0.1 + float32 tensor
    adds float32(0.1)."""
    return np.asarray(x).astype(dtype_name(dtype))


def _in64(x, dtype):
    return _in(x, dtype).astype(np.float64)


# ---------------------------------------------------------------------------------------------
# broadcasting (https://pytorch.org/docs/stable/notes/broadcasting.html)

def broadcast_shapes(*shapes):
    """Align from the right, missing dims count as 1, each dim pair equal or one of them 1."""
    ndim = max((len(s) for s in shapes), default=0)
    out = []
    for i in range(1, ndim + 1):
        sizes = {s[-i] for s in shapes if len(s) >= i} - {1}
        if len(sizes) > 1:
            raise ValueError(f"shapes {shapes} do not broadcast")
        out.append(sizes.pop() if sizes else 1)
    return tuple(reversed(out))


def broadcastable(*shapes):
    try:
        broadcast_shapes(*shapes)
        return True
    except ValueError:
        return False


# ---------------------------------------------------------------------------------------------
# elementwise: unary

def _unary_float(fn):
    def op(a):
        return _as(fn(_f64(a)), float_result(a.dtype))
    op.__name__ = getattr(fn, "__name__", "op")
    return op


def _sigmoid(x):
    return np.where(x >= 0, 1.0 / (1.0 + np.exp(-np.abs(x))), np.exp(-np.abs(x)) / (1.0 + np.exp(-np.abs(x))))


exp = _unary_float(np.exp)
log = _unary_float(np.log)
log1p = _unary_float(np.log1p)
expm1 = _unary_float(np.expm1)
exp2 = _unary_float(np.exp2)
sqrt = _unary_float(np.sqrt)
rsqrt = _unary_float(lambda x: 1.0 / np.sqrt(x))
sin = _unary_float(np.sin)
cos = _unary_float(np.cos)
tanh = _unary_float(np.tanh)
sigmoid = _unary_float(_sigmoid)
asinh = _unary_float(np.arcsinh)


def _same_dtype(fn):
    def op(a):
        if a.dtype.kind in "fc":
            return _as(fn(_f64(a)), a.dtype)
        return _as(fn(a), a.dtype)
    return op


neg = _same_dtype(np.negative)
abs = _same_dtype(np.abs)  # noqa: A001 - mirrors torch.abs
sign = _same_dtype(np.sign)
relu = _same_dtype(lambda x: np.maximum(x, 0))
floor = _same_dtype(np.floor)
ceil = _same_dtype(np.ceil)
trunc = _same_dtype(np.trunc)
# torch.round rounds half to even, as np.round does.
round = _same_dtype(np.round)  # noqa: A001


def square(a):
    return mul(a, a)


def isnan(a):
    return np.isnan(_f64(a))


def isfinite(a):
    return np.isfinite(_f64(a))


def isinf(a):
    return np.isinf(_f64(a))


def logical_not(a):
    return np.logical_not(np.asarray(a).astype(bool))


# ---------------------------------------------------------------------------------------------
# elementwise: binary (operands are arrays or Python scalars, in either position)

def _binary(float_fn, int_fn=None, result=None):
    def op(a, b):
        dt = result(a, b) if result else result_type(a, b)
        if category(dt) == FLOAT:
            return _as(float_fn(_in64(a, dt), _in64(b, dt)), dt)
        with np.errstate(over="ignore"):
            return _as((int_fn or float_fn)(_in(a, dt), _in(b, dt)), dt)
    return op


def _true_div_type(a, b):
    return float_result(result_type(a, b))


add = _binary(np.add)
sub = _binary(np.subtract)
mul = _binary(np.multiply)
# `/` is true division: integer operands give the default float dtype.
div = _binary(np.divide, result=_true_div_type)
# `//` rounds toward negative infinity and `%` takes the sign of the divisor (Python semantics).
floor_divide = _binary(np.floor_divide)
# torch.div(..., rounding_mode='trunc') rounds toward zero and keeps integer dtypes.
div_trunc = _binary(lambda x, y: np.trunc(x / y), lambda x, y: (np.sign(x) * np.sign(y) * (np.abs(x) // np.abs(y))))
remainder = _binary(np.remainder)
pow = _binary(np.power)  # noqa: A001
maximum = _binary(np.maximum)
minimum = _binary(np.minimum)


def _compare(fn):
    def op(a, b):
        dt = result_type(a, b)
        return fn(_in(a, dt), _in(b, dt))
    return op


eq = _compare(np.equal)
ne = _compare(np.not_equal)
lt = _compare(np.less)
le = _compare(np.less_equal)
gt = _compare(np.greater)
ge = _compare(np.greater_equal)


def logical_and(a, b):
    return np.logical_and(np.asarray(a).astype(bool), np.asarray(b).astype(bool))


def logical_or(a, b):
    return np.logical_or(np.asarray(a).astype(bool), np.asarray(b).astype(bool))


def logical_xor(a, b):
    return np.logical_xor(np.asarray(a).astype(bool), np.asarray(b).astype(bool))


def where(cond, x, y):
    dt = result_type(x, y)
    return _as(np.where(np.asarray(cond).astype(bool), _in(x, dt), _in(y, dt)), dt)


def clamp(a, min=None, max=None):  # noqa: A002 - torch's keyword names
    """min(max(a, lo), hi); with lo > hi every element becomes hi."""
    dt = result_type(a, *[v for v in (min, max) if v is not None])
    out = _in64(a, dt) if category(dt) == FLOAT else _in(a, dt)
    if min is not None:
        out = np.maximum(out, _in64(min, dt) if category(dt) == FLOAT else _in(min, dt))
    if max is not None:
        out = np.minimum(out, _in64(max, dt) if category(dt) == FLOAT else _in(max, dt))
    return _as(out, dt)


# ---------------------------------------------------------------------------------------------
# reductions (https://pytorch.org/docs/stable/torch.html#reduction-ops)

def normalize_dims(dim, ndim):
    """None -> all dims; an int or tuple of ints, negatives counted from the end."""
    if dim is None:
        return tuple(range(ndim))
    dims = (dim,) if isinstance(dim, int) else tuple(dim)
    span = max(ndim, 1)
    out = []
    for d in dims:
        if not -span <= d < span:
            raise IndexError(f"dim {d} out of range for {ndim} dims")
        out.append(d % span)
    return tuple(sorted(set(out))) if ndim else ()


def _reduce(a, dim, keepdim, fn):
    dims = normalize_dims(dim, a.ndim)
    return fn(a, axis=dims, keepdims=keepdim)


def sum_dtype(dtype):
    """sum/prod/cumsum of bool or integer tensors accumulate in int64."""
    name = dtype_name(dtype)
    return DEFAULT_INT if category(name) != FLOAT else name


def sum(a, dim=None, keepdim=False):  # noqa: A001
    dt = sum_dtype(a.dtype)
    src = _f64(a) if category(dt) == FLOAT else a.astype(dt)
    return _as(_reduce(src, dim, keepdim, np.sum), dt)


def prod(a, dim=None, keepdim=False):
    dt = sum_dtype(a.dtype)
    src = _f64(a) if category(dt) == FLOAT else a.astype(dt)
    return _as(_reduce(src, dim, keepdim, np.prod), dt)


def mean(a, dim=None, keepdim=False):
    return _as(_reduce(_f64(a), dim, keepdim, np.mean), a.dtype)


def var(a, dim=None, correction=1, keepdim=False):
    """sum((x - mean)^2) / (N - correction), N the number of reduced elements."""
    dims = normalize_dims(dim, a.ndim)
    x = _f64(a)
    n = int(np.prod([a.shape[d] for d in dims])) if dims else 1
    centred = x - x.mean(axis=dims, keepdims=True)
    out = (centred ** 2).sum(axis=dims, keepdims=keepdim) / max(n - correction, 0)
    return _as(out, a.dtype)


def std(a, dim=None, correction=1, keepdim=False):
    return _as(np.sqrt(_f64(var(a.astype(np.float64), dim, correction, keepdim))), a.dtype)


def amax(a, dim=None, keepdim=False):
    return _as(_reduce(a, dim, keepdim, np.max), a.dtype)


def amin(a, dim=None, keepdim=False):
    return _as(_reduce(a, dim, keepdim, np.min), a.dtype)


def _arg(a, dim, keepdim, pick):
    """Index of the first extreme element along `dim` (flattened when dim is None)."""
    if dim is None:
        out = np.asarray(pick(a.reshape(-1)))
        return out.reshape((1,) * a.ndim if keepdim else ()).astype(np.int64)
    d = normalize_dims(dim, a.ndim)[0] if a.ndim else 0
    if a.ndim == 0:
        return np.asarray(0, dtype=np.int64)
    out = np.apply_along_axis(pick, d, a)
    if keepdim:
        out = np.expand_dims(out, d)
    return out.astype(np.int64)


def argmax(a, dim=None, keepdim=False):
    # np.argmax returns the first occurrence, which is what torch documents.
    return _arg(a, dim, keepdim, np.argmax)


def argmin(a, dim=None, keepdim=False):
    return _arg(a, dim, keepdim, np.argmin)


def max_dim(a, dim, keepdim=False):
    """torch.max(a, dim): (values, indices of the first maximal value)."""
    return amax(a, dim, keepdim), argmax(a, dim, keepdim)


def min_dim(a, dim, keepdim=False):
    return amin(a, dim, keepdim), argmin(a, dim, keepdim)


def logsumexp(a, dim, keepdim=False):
    """log(sum(exp(x))) computed with the maximum shifted out, so large inputs do not overflow."""
    dims = normalize_dims(dim, a.ndim)
    x = _f64(a)
    m = x.max(axis=dims, keepdims=True)
    out = np.log(np.exp(x - m).sum(axis=dims, keepdims=True)) + m
    if not keepdim:
        out = np.squeeze(out, axis=dims)
    return _as(out, float_result(a.dtype))


def softmax(a, dim):
    x = _f64(a)
    d = normalize_dims(dim, a.ndim)
    e = np.exp(x - x.max(axis=d, keepdims=True))
    return _as(e / e.sum(axis=d, keepdims=True), a.dtype)


def log_softmax(a, dim):
    x = _f64(a)
    d = normalize_dims(dim, a.ndim)
    shifted = x - x.max(axis=d, keepdims=True)
    return _as(shifted - np.log(np.exp(shifted).sum(axis=d, keepdims=True)), a.dtype)


def all(a, dim=None, keepdim=False):  # noqa: A001
    return _reduce(np.asarray(a).astype(bool), dim, keepdim, np.all)


def any(a, dim=None, keepdim=False):  # noqa: A001
    return _reduce(np.asarray(a).astype(bool), dim, keepdim, np.any)


def cumsum(a, dim):
    dt = sum_dtype(a.dtype)
    d = normalize_dims(dim, a.ndim)[0] if a.ndim else 0
    src = _f64(a) if category(dt) == FLOAT else a.astype(dt)
    if a.ndim == 0:
        return _as(src, dt)
    return _as(np.cumsum(src, axis=d), dt)


# ---------------------------------------------------------------------------------------------
# linear algebra (https://pytorch.org/docs/stable/generated/torch.matmul.html)

def matmul_shape(s1, s2):
    """1-D x 1-D: scalar; a 1-D first operand gains a leading 1 and a 1-D second operand a
    trailing 1, each removed afterwards; batch dims (all but the last two) broadcast."""
    s1, s2 = tuple(s1), tuple(s2)
    if not s1 or not s2:
        raise ValueError("matmul needs at least 1-D operands")
    if len(s1) == 1 and len(s2) == 1:
        if s1 != s2:
            raise ValueError(f"dot of {s1} and {s2}")
        return ()
    a = (1,) + s1 if len(s1) == 1 else s1
    b = s2 + (1,) if len(s2) == 1 else s2
    if a[-1] != b[-2]:
        raise ValueError(f"inner dims differ: {s1} @ {s2}")
    batch = broadcast_shapes(a[:-2], b[:-2])
    out = batch + (a[-2], b[-1])
    if len(s1) == 1:
        out = out[:-2] + out[-1:]
    if len(s2) == 1:
        out = out[:-1]
    return out


def matmul(a, b):
    dt = result_type(a, b)
    shape = matmul_shape(a.shape, b.shape)
    if category(dt) == FLOAT:
        values = np.matmul(_f64(a), _f64(b))
    else:
        values = np.matmul(a.astype(np.int64), b.astype(np.int64))
    return _as(np.reshape(values, shape), dt)


def outer(a, b):
    dt = result_type(a, b)
    return _as(np.multiply.outer(_in64(a, dt), _in64(b, dt)), dt)


# ---------------------------------------------------------------------------------------------
# creation (https://pytorch.org/docs/stable/torch.html#creation-ops)

def infer_dtype(data):
    """torch.tensor(data) without dtype=: any float -> default float, else any int -> int64,
    else bool."""
    flat = list(_flatten(data))
    if builtins_any(isinstance(v, float) for v in flat):
        return DEFAULT_FLOAT
    if builtins_any(isinstance(v, int) and not isinstance(v, bool) for v in flat):
        return DEFAULT_INT
    return "bool" if flat else DEFAULT_FLOAT


def _flatten(data):
    if isinstance(data, (list, tuple)):
        for v in data:
            yield from _flatten(v)
    else:
        yield data


def arange_len(start, end, step):
    """Number of elements of arange: ceil((end - start) / step)."""
    return builtins_max(0, math.ceil((end - start) / step))


def arange_dtype(*args):
    """int64 when start, end and step are all integers, otherwise the default float dtype."""
    return DEFAULT_FLOAT if builtins_any(isinstance(v, float) for v in args) else DEFAULT_INT


def linspace(start, end, steps, dtype=DEFAULT_FLOAT):
    """start + i * (end - start) / (steps - 1) for i in range(steps)."""
    if steps == 1:
        return _as([start], dtype)
    i = np.arange(steps, dtype=np.float64)
    return _as(start + i * (end - start) / (steps - 1), dtype)

