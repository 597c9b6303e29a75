"""Binds the op functions to Tensor as methods and operators (thin aliases, no logic)."""
from .. import _dtype as D
from .._tensor import Tensor
from . import conversion as C
from . import creation as CR
from . import elementwise as E
from . import indexing as IX
from . import inplace as IP
from . import joining as J
from . import linalg as L
from . import reduction as R
from . import views as V


def _bin(name):
    return lambda self, other: E.binary(name, self, other)


def _rbin(name):
    return lambda self, other: E.binary(name, other, self)


def _ibin(name):
    return lambda self, other: IP.binary_(name, self, other)


_OPERATORS = {
    "__add__": _bin("add"), "__radd__": _rbin("add"), "__iadd__": _ibin("add"),
    "__sub__": _bin("sub"), "__rsub__": _rbin("sub"), "__isub__": _ibin("sub"),
    "__mul__": _bin("mul"), "__rmul__": _rbin("mul"), "__imul__": _ibin("mul"),
    "__truediv__": _bin("div"), "__rtruediv__": _rbin("div"), "__itruediv__": _ibin("div"),
    "__floordiv__": _bin("floor_divide"), "__rfloordiv__": _rbin("floor_divide"),
    "__ifloordiv__": _ibin("floor_divide"),
    "__mod__": _bin("remainder"), "__rmod__": _rbin("remainder"), "__imod__": _ibin("remainder"),
    "__pow__": _bin("pow"), "__rpow__": _rbin("pow"), "__ipow__": _ibin("pow"),
    "__eq__": _bin("eq"), "__ne__": _bin("ne"), "__lt__": _bin("lt"), "__le__": _bin("le"),
    "__gt__": _bin("gt"), "__ge__": _bin("ge"),
    "__and__": _bin("bitwise_and"), "__rand__": _rbin("bitwise_and"), "__iand__": _ibin("bitwise_and"),
    "__or__": _bin("bitwise_or"), "__ror__": _rbin("bitwise_or"), "__ior__": _ibin("bitwise_or"),
    "__xor__": _bin("bitwise_xor"), "__rxor__": _rbin("bitwise_xor"), "__ixor__": _ibin("bitwise_xor"),
    "__matmul__": lambda self, other: L.matmul(self, other),
    "__rmatmul__": lambda self, other: L.matmul(other, self),
    "__neg__": lambda self: E.unary("neg", self),
    "__pos__": lambda self: self,
    "__abs__": lambda self: E.unary("abs", self),
    "__invert__": lambda self: E.unary("bitwise_not", self),
    "__getitem__": IX.getitem,
    "__setitem__": IX.setitem,
}

_SAME_NAME = {
    E: list(E._UNARY) + ["add", "sub", "div", "mul", "floor_divide", "remainder", "fmod", "pow", "atan2",
                         "maximum", "minimum", "fmax", "fmin", "eq", "ne", "lt", "le", "gt", "ge",
                         "logical_and", "logical_or", "logical_xor", "bitwise_and", "bitwise_or",
                         "bitwise_xor", "clamp", "lerp", "true_divide"],
    V: ["view", "reshape", "view_as", "reshape_as", "flatten", "unflatten", "permute", "transpose", "t",
        "movedim", "unsqueeze", "squeeze", "expand", "expand_as", "broadcast_to", "narrow", "select",
        "as_strided", "clone", "contiguous", "unbind"],
    R: ["sum", "mean", "prod", "max", "min", "amax", "amin", "argmax", "argmin", "all", "any", "var", "std",
        "logsumexp", "softmax", "log_softmax", "cumsum", "cumprod", "norm"],
    L: ["matmul", "mm", "bmm", "mv", "dot", "outer"],
    J: ["split", "chunk", "tensor_split", "flip", "roll", "repeat", "tile", "tril", "triu"],
    IX: ["masked_fill", "masked_select", "index_select", "gather", "scatter", "scatter_add", "nonzero",
         "index_put"],
    C: ["to", "cpu", "cuda", "numpy", "item", "tolist"],
}

_ALIASES = {
    "multiply": E.mul, "subtract": E.sub, "divide": E.div, "absolute": E.abs, "negative": E.neg,
    "clip": E.clamp, "greater": E.gt, "less": E.lt, "greater_equal": E.ge, "less_equal": E.le,
    "not_equal": E.ne, "arctan2": E.atan2, "swapaxes": V.transpose, "swapdims": V.transpose,
    "moveaxis": V.movedim, "concat": J.cat,
    "float": C._dtype_method(D.float32), "double": C._dtype_method(D.float64),
    "half": C._dtype_method(D.float16), "long": C._dtype_method(D.int64), "int": C._dtype_method(D.int32),
    "short": C._dtype_method(D.int16), "char": C._dtype_method(D.int8), "byte": C._dtype_method(D.uint8),
    "bool": C._dtype_method(D.bool_),
    "where": lambda self, condition, other: E.where(condition, self, other),
    "new_zeros": lambda self, *size, dtype=None, device=None, requires_grad=False: CR.zeros(
        *size, dtype=dtype or self.dtype, device=device or self.device, requires_grad=requires_grad),
    "new_ones": lambda self, *size, dtype=None, device=None, requires_grad=False: CR.ones(
        *size, dtype=dtype or self.dtype, device=device or self.device, requires_grad=requires_grad),
    "new_empty": lambda self, *size, dtype=None, device=None, requires_grad=False: CR.empty(
        *size, dtype=dtype or self.dtype, device=device or self.device, requires_grad=requires_grad),
    "new_full": lambda self, size, fill_value, dtype=None, device=None, requires_grad=False: CR.full(
        size, fill_value, dtype=dtype or self.dtype, device=device or self.device, requires_grad=requires_grad),
    "new_tensor": lambda self, data, dtype=None, device=None, requires_grad=False: CR.tensor(
        data, dtype=dtype or self.dtype, device=device or self.device, requires_grad=requires_grad),
    "T": property(V._T), "mT": property(lambda self: V.transpose(self, -2, -1)),
    "H": property(V._T),
    "type_as": lambda self, other: C.to(self, other.dtype),
    "sign_": lambda self: IP.unary_("sign", self),
    "bernoulli": lambda self, p=None: CR.bernoulli(self, p),
    "diag_embed": None,
}

# in-place twins: x.exp_() etc.
_INPLACE_UNARY = ["neg", "abs", "exp", "log", "log1p", "expm1", "sqrt", "rsqrt", "sin", "cos", "tanh",
                  "sigmoid", "relu", "floor", "ceil", "round", "trunc", "reciprocal", "square", "sign",
                  "log2", "log10", "tan", "atan", "erf", "frac", "logical_not", "bitwise_not"]
_INPLACE_BINARY = ["add", "sub", "mul", "div", "floor_divide", "remainder", "fmod", "pow", "maximum",
                   "minimum", "atan2", "logical_and", "logical_or", "logical_xor", "bitwise_and",
                   "bitwise_or", "bitwise_xor", "eq", "ne", "lt", "le", "gt", "ge"]


def _inplace_binary(name):
    if name in ("add", "sub"):
        return lambda self, other, *, alpha=1: IP.binary_(name, self, other, alpha=alpha)
    if name == "div":
        def div_(self, other, *, rounding_mode=None):
            if rounding_mode is None:
                return IP.binary_("div", self, other)
            return IP.apply(self, lambda s: E.div(s, other, rounding_mode=rounding_mode), other)
        return div_
    return lambda self, other: IP.binary_(name, self, other)


def _inplace_unary(name):
    return lambda self: IP.unary_(name, self)


def _bind():
    for name, fn in _OPERATORS.items():
        setattr(Tensor, name, fn)
    for module, names in _SAME_NAME.items():
        for name in names:
            setattr(Tensor, name, getattr(module, name))
    for name, fn in _ALIASES.items():
        if fn is not None:
            setattr(Tensor, name, fn)
    for name in _INPLACE_UNARY:
        setattr(Tensor, name + "_", _inplace_unary(name))
    for name in _INPLACE_BINARY:
        setattr(Tensor, name + "_", _inplace_binary(name))
    Tensor.mul_ = _inplace_binary("mul")
    Tensor.copy_ = IP.copy_
    Tensor.fill_ = IP.fill_
    Tensor.zero_ = IP.zero_
    Tensor.clamp_ = IP.clamp_
    Tensor.clip_ = IP.clamp_
    Tensor.masked_fill_ = IP.masked_fill_
    Tensor.uniform_ = lambda self, a=0.0, b=1.0: _random_fill(self, "uniform", a, b)
    Tensor.normal_ = lambda self, mean=0.0, std=1.0: _random_fill(self, "normal", mean, std)
    Tensor.random_ = lambda self, low=0, high=None: _random_fill(self, "randint", *((0, low) if high is None else (low, high)))
    Tensor.bernoulli_ = lambda self, p=0.5: IP.copy_(self, CR.bernoulli(self, p))
    Tensor.index_put_ = lambda self, indices, values, accumulate=False: _index_put_(self, indices, values,
                                                                                   accumulate)
    Tensor.exponential_ = lambda self, lambd=1.0: IP.copy_(self, -(1 - CR.rand_like(self)).log() / lambd)
    Tensor.resize_ = lambda self, *size: _resize_(self, *size)
    Tensor._resize = lambda self, shape: _resize_(self, shape)
    Tensor.squeeze_ = lambda self, dim=None: _set_like(self, V.squeeze(self.detach(), dim))
    Tensor.unsqueeze_ = lambda self, dim: _set_like(self, V.unsqueeze(self.detach(), dim))
    Tensor.t_ = lambda self: _set_like(self, V.t(self.detach()))
    Tensor.transpose_ = lambda self, a, b: _set_like(self, V.transpose(self.detach(), a, b))


def _random_fill(t, kind, a, b):
    from ..backends import backend_of
    from ._util import empty_tensor
    tmp = empty_tensor(t._shape, t.dtype, t._storage.device)
    getattr(backend_of(t._storage.device), kind)(tmp, a, b)
    from ..autograd.grad_mode import no_grad
    with no_grad():
        return IP.copy_(t, tmp) if not t.requires_grad or t.grad_fn is not None else _raw_copy(t, tmp)


def _raw_copy(t, src):
    from ._util import copy_into
    copy_into(t, src)
    t._bump_version()
    return t


def _index_put_(x, indices, values, accumulate):
    if accumulate:
        return IP.apply(x, lambda s: IX.index_put(s, tuple(indices), values, accumulate=True), values)
    IX.setitem(x, tuple(indices), values)
    return x


def _set_like(x, v):
    x._set_metadata(v._shape, v._stride, v._offset)
    return x


def _resize_(x, *size):
    from .creation import _shape_arg
    shape = _shape_arg(size)
    from .._shape import contiguous_strides, numel
    if numel(shape) != x.numel() or not x.is_contiguous():
        from ._util import empty_tensor
        fresh = empty_tensor(shape, x.dtype, x._storage.device)
        x._storage = fresh._storage
        x._set_metadata(shape, contiguous_strides(shape), 0)
    else:
        x._set_metadata(shape, contiguous_strides(shape), x._offset)
    return x


_bind()
