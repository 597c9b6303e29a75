"""Binds the registry to the Tensor class, once: every op with `method` set becomes a method (with
its aliases and in-place twin), and Python's operators map onto the registry's ops.

The operator table below is Python's protocol (which dunder means which op), not a list of ops:
the ops themselves, their methods and their in-place twins all come from the registry.
"""
from .._tensor import Tensor
from . import (comparison, conversion, creation, elementwise, indexing, inplace, joining, linalg,  # noqa: F401
               linalg_ops, reduction, setops, sorting, views)
from . import counting, grids, matrix_functions  # noqa: F401
from . import contractions, distances, repeats, statistics  # noqa: F401
from . import registry as R
from .._serialization.tensor_pickle import _rebuild_tensor, _tensor_state
from .creation import legacy_new
from .elementwise import _binary, _unary, rsub_scalar, rtruediv_scalar
from .elementwise_ops import BINARY_OPS, UNARY_OPS
from .inplace import binary_
from .signatures import adapt
from .views import transpose

# (the family modules above register their ops on import; this module only reads the registry)


def _op(name):
    op = BINARY_OPS[name]
    return lambda self, other: _binary(op, self, other)


def _rop(name):
    op = BINARY_OPS[name]
    return lambda self, other: _binary(op, other, self)


def _commuted(name):
    """1 + b, 2 * b: torch records them as add/mul(b, scalar), edges (b, none)."""
    op = BINARY_OPS[name]
    return lambda self, other: _binary(op, self, other)


def _iop(name):
    return lambda self, other: binary_(name, self, other)


def _rsub(self, other):
    if isinstance(other, Tensor):
        return _binary(BINARY_OPS["sub"], other, self)
    return rsub_scalar(self, other)


def _rtruediv(self, other):
    if isinstance(other, Tensor):
        return _binary(BINARY_OPS["div"], other, self)
    return rtruediv_scalar(self, other)


_NEG, _ABS, _NOT = UNARY_OPS["neg"], UNARY_OPS["abs"], UNARY_OPS["bitwise_not"]

OPERATORS = {
    "__add__": _op("add"), "__radd__": _commuted("add"), "__iadd__": _iop("add"),
    "__sub__": _op("sub"), "__rsub__": _rsub, "__isub__": _iop("sub"),
    "__mul__": _op("mul"), "__rmul__": _commuted("mul"), "__imul__": _iop("mul"),
    "__truediv__": _op("div"), "__rtruediv__": _rtruediv, "__itruediv__": _iop("div"),
    "__floordiv__": _op("floor_divide"), "__rfloordiv__": _rop("floor_divide"), "__ifloordiv__": _iop("floor_divide"),
    "__mod__": _op("remainder"), "__rmod__": _rop("remainder"), "__imod__": _iop("remainder"),
    "__pow__": _op("pow"), "__rpow__": _rop("pow"), "__ipow__": _iop("pow"),
    "__eq__": _op("eq"), "__ne__": _op("ne"), "__lt__": _op("lt"), "__le__": _op("le"),
    "__gt__": _op("gt"), "__ge__": _op("ge"),
    "__and__": _op("bitwise_and"), "__rand__": _commuted("bitwise_and"), "__iand__": _iop("bitwise_and"),
    "__or__": _op("bitwise_or"), "__ror__": _commuted("bitwise_or"), "__ior__": _iop("bitwise_or"),
    "__xor__": _op("bitwise_xor"), "__rxor__": _commuted("bitwise_xor"), "__ixor__": _iop("bitwise_xor"),
    "__matmul__": R.with_autocast(R.LOWER_PRECISION, lambda self, other: linalg.matmul(self, other)),
    "__rmatmul__": R.with_autocast(R.LOWER_PRECISION, lambda self, other: linalg.matmul(other, self)),
    "__neg__": lambda self: _unary(_NEG, self),
    "__pos__": lambda self: self,
    "__abs__": lambda self: _unary(_ABS, self),
    "__invert__": lambda self: _unary(_NOT, self),
    "__getitem__": indexing.getitem,
    "__setitem__": indexing.setitem,
}

# attributes that are properties rather than ops
PROPERTIES = {
    "T": property(views._T),
    "mT": property(lambda self: transpose(self, -2, -1)),
    "H": property(views._T),
}


def bind():
    for op in R.ops():
        if op.family not in R.ELEMENTWISE and op.fn is not None:
            # torch's keyword conventions (the elementwise functions are written with them)
            op.fn = adapt(op.fn)
        if op.method:
            fn = adapt(op.fn.__dict__.get("__wrapped__", op.fn), method=True) if op.method is True else op.method
            fn = R.with_autocast(op.autocast, fn)
            for name in (op.name,) + op.aliases:
                setattr(Tensor, name, fn)
        op.fn = R.with_autocast(op.autocast, op.fn)
        if op.inplace in ("method", "both") and op.inplace_fn is not None:
            setattr(Tensor, op.name + "_", op.inplace_fn)
            for alias in op.aliases:
                setattr(Tensor, alias + "_", op.inplace_fn)
    for name, fn in OPERATORS.items():
        setattr(Tensor, name, fn)
    for name, prop in PROPERTIES.items():
        setattr(Tensor, name, prop)
    Tensor._legacy_new = staticmethod(legacy_new)
    Tensor.__reduce_ex__ = lambda self, protocol: (_rebuild_tensor, _tensor_state(self))


bind()
