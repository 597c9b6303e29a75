"""toy: a small torch-like namespace on NumPy, plugged into the suite as docs/plugging-in.md shows.

    python -m spec_tests --impl spec_tests.meta.toy_numpy --profile smoke --areas elementwise

It has what the harness needs (dtypes, `tensor`, `from_numpy`, a Tensor with shape, dtype, detach,
cpu, numpy, reshape and the view methods layouts use), elementwise math with torch's type
promotion, and a few reductions. Its dtypes print as `toy.float32` (the suite resolves dtypes by
identity, not by their text), it has no int16 and no bfloat16, and it leaves out sigmoid, rsqrt,
log1p, expm1, exp2, sign and relu, so its report shows what a partial implementation's looks like.
"""
import numpy as np


class dtype:  # noqa: N801 - torch's name
    def __init__(self, name, kind):
        self.name, self.kind = name, kind  # kind: 0 bool, 1 integer, 2 floating point
        self.is_floating_point = kind == 2

    def __repr__(self):
        return f"toy.{self.name}"


bool = dtype("bool", 0)  # noqa: A001 - torch's names
uint8, int8, int32, int64 = (dtype(n, 1) for n in ("uint8", "int8", "int32", "int64"))
float16, float32, float64 = (dtype(n, 2) for n in ("float16", "float32", "float64"))
_BY_NAME = {d.name: d for d in (bool, uint8, int8, int32, int64, float16, float32, float64)}


def _dtype_of(array):
    return _BY_NAME.get(array.dtype.name) or dtype(array.dtype.name, 2 if array.dtype.kind == "f" else 1)


def _promote(*operands):
    """torch's rule: the highest category present wins; tensors decide within it, Python numbers only
    raise the category (to int64 for int, float32 for float)."""
    tensors = [o for o in operands if isinstance(o, Tensor)]
    kind = max(_dtype_of(t._a).kind for t in tensors)
    scalar_kind = max([0 if isinstance(s, type(True)) else 1 if isinstance(s, int) else 2
                       for s in operands if not isinstance(s, Tensor)] or [-1])
    same = [t._a.dtype for t in tensors if _dtype_of(t._a).kind == kind]
    if scalar_kind > kind:
        return np.dtype("int64" if scalar_kind == 1 else "float32")
    return np.result_type(*same)


def _values(x):
    return x._a if isinstance(x, Tensor) else x


class Tensor:
    def __init__(self, array):
        self._a = array

    shape = property(lambda self: tuple(self._a.shape))
    dtype = property(lambda self: _dtype_of(self._a))

    def detach(self):
        return self

    def cpu(self):
        return self

    def numpy(self):
        return self._a

    def dim(self):
        return self._a.ndim

    def numel(self):
        return self._a.size

    def reshape(self, *shape):
        return Tensor(self._a.reshape(shape[0] if len(shape) == 1 and isinstance(shape[0], tuple) else shape))

    def transpose(self, d0, d1):
        return Tensor(np.swapaxes(self._a, d0, d1))

    def expand(self, *shape):
        return Tensor(np.broadcast_to(self._a, shape))

    def __getitem__(self, index):
        return Tensor(self._a[index])

    def __repr__(self):
        return f"toy.tensor({self._a.tolist()}, dtype={self.dtype})"

    def _binary(self, other, fn, reflected=False, dtype_rule=_promote):
        a, b = (other, self) if reflected else (self, other)
        out = dtype_rule(a, b)
        return Tensor(np.asarray(fn(np.asarray(_values(a)).astype(out), np.asarray(_values(b)).astype(out)))
                      .astype(out))

    def __add__(self, o):
        return self._binary(o, np.add)

    def __radd__(self, o):
        return self._binary(o, np.add, True)

    def __sub__(self, o):
        return self._binary(o, np.subtract)

    def __rsub__(self, o):
        return self._binary(o, np.subtract, True)

    def __mul__(self, o):
        return self._binary(o, np.multiply)

    def __rmul__(self, o):
        return self._binary(o, np.multiply, True)

    def __truediv__(self, o):
        return self._binary(o, np.true_divide, dtype_rule=_true_div)

    def __rtruediv__(self, o):
        return self._binary(o, np.true_divide, True, dtype_rule=_true_div)

    def __neg__(self):
        return Tensor(-self._a)

    def __abs__(self):
        return Tensor(np.abs(self._a))

    def sum(self, dim=None, keepdim=False):
        return sum(self, dim, keepdim)

    def __getattr__(self, name):
        # a.exp(), a.ceil(), ...: the namespace's function of the same name, if there is one
        fn = _METHODS.get(name)
        if fn is None:
            raise AttributeError(f"'Tensor' object has no attribute {name!r}", name=name, obj=self)
        return lambda *args, **kwargs: fn(self, *args, **kwargs)


def _true_div(a, b):
    out = _promote(a, b)
    return out if out.kind == "f" else np.dtype("float32")


def tensor(data, dtype=None, device=None):
    array = np.array(data)
    if dtype is not None:
        array = array.astype(dtype.name)
    elif array.dtype.kind == "f":
        array = array.astype(np.float32)
    return Tensor(array)


def from_numpy(array):
    return Tensor(array)


def _float_math(fn):
    def op(x):
        a = x._a if x._a.dtype.kind == "f" else x._a.astype(np.float32)
        with np.errstate(all="ignore"):
            return Tensor(fn(a).astype(a.dtype))
    return op


def _same_dtype(fn):
    def op(x):
        return Tensor(x._a.copy() if x._a.dtype.kind in "biu" and fn is not np.abs and fn is not np.negative
                      else fn(x._a).astype(x._a.dtype))
    return op


exp, log, sqrt, sin, cos, tanh = (_float_math(f) for f in (np.exp, np.log, np.sqrt, np.sin, np.cos, np.tanh))
floor, ceil, round, trunc = (_same_dtype(f) for f in (np.floor, np.ceil, np.round, np.trunc))  # noqa: A001
abs, neg = _same_dtype(np.abs), _same_dtype(np.negative)  # noqa: A001


def add(a, b, alpha=1):
    return a + (b if alpha == 1 else b * alpha)


def sub(a, b, alpha=1):
    return a - (b if alpha == 1 else b * alpha)


def mul(a, b):
    return a * b


def maximum(a, b):
    return a._binary(b, np.maximum)


def minimum(a, b):
    return a._binary(b, np.minimum)


def sum(x, dim=None, keepdim=False):  # noqa: A001
    out = np.int64 if x._a.dtype.kind in "biu" else x._a.dtype
    return Tensor(np.asarray(x._a.sum(axis=dim, keepdims=keepdim, dtype=out)))


_METHODS = {"exp": exp, "log": log, "sqrt": sqrt, "sin": sin, "cos": cos, "tanh": tanh, "floor": floor,
            "ceil": ceil, "round": round, "trunc": trunc, "abs": abs, "neg": neg, "add": add, "sub": sub,
            "mul": mul, "maximum": maximum, "minimum": minimum}
