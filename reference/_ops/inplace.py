"""In-place ops. Without autograd they write straight into self. With autograd they compute the
out-of-place result from a clone of self (so saved values are the old ones, as torch keeps them),
write it into self and move self's history onto the new node; a written view rebases its base."""
from .. import _dtype as D
from .._tensor import Tensor
from ..autograd.graph import Node, needs_grad
from ..autograd.grad_mode import is_grad_enabled, no_grad
from . import elementwise as E
from ._util import copy_into, result_type

_NAMES = {"float32": "Float", "float64": "Double", "float16": "Half", "int64": "Long", "int32": "Int",
          "int16": "Short", "int8": "Char", "uint8": "Byte", "bool": "Bool"}


def check_inplace_target(x):
    x._check_inplace()


def _check_result(x, shape, dtype):
    if tuple(shape) != tuple(x._shape):
        raise RuntimeError(f"output with shape {list(x._shape)} doesn't match the broadcast shape "
                           f"{list(shape)}")
    if not D.can_cast(dtype, x.dtype):
        raise RuntimeError(f"result type {_NAMES[dtype.name]} can't be cast to the desired output type "
                           f"{_NAMES[x.dtype.name]}")


def _zero_grad(ctx, g):
    return (g * 0,)


def _adopt(x, r):
    """x (already holding r's values) takes r's history; a view's base is rebased onto it."""
    from .indexing import _rebase_base
    if r.requires_grad and r.grad_fn is not None:
        x._requires_grad = True
        x.grad_fn = r.grad_fn
        x._output_nr = r._output_nr
    elif x._requires_grad:
        from .indexing import _history_of
        node = Node("CopyBackwards", _zero_grad, (_history_of(x),), 1)
        x.grad_fn = node
        x._output_nr = 0
    else:
        return x
    if x._base is not None and x._base is not x:
        _rebase_base(x._base, x, x.grad_fn)
    return x


def apply(x, compute, *others):
    """x <- compute(x), checking shape and dtype like torch's in-place ops."""
    x._check_inplace()
    track = needs_grad(x, *others)
    r = compute(x.clone() if track else x)
    _check_result(x, r._shape, r.dtype)
    with no_grad():
        copy_into(x, r)
    x._bump_version()
    return _adopt(x, r) if track else x


def binary_(name, x, other, alpha=1):
    """add_/sub_/mul_/... : written straight into x when no history has to be recorded."""
    x._check_inplace()
    if needs_grad(x, other) or alpha != 1 or not isinstance(x, Tensor):
        return apply(x, lambda s: E.binary(name, s, other, alpha=alpha), other)
    compute, out_dtype = E.binary_dtypes(name, x, other)
    from .._shape import broadcast_shapes
    shape = broadcast_shapes(tuple(x._shape), tuple(other._shape) if isinstance(other, Tensor) else ())
    _check_result(x, shape, out_dtype)
    if not compute.is_floating_point:
        E._check_integer_domain(name, x, other, compute)
    E._launch(name, [x, other], compute, out_dtype, shape, x._storage.device, out=x)
    x._bump_version()
    return x


def unary_(name, x):
    x._check_inplace()
    return apply(x, lambda s: E.unary(name, s))


def copy_(x, src, non_blocking=False):
    if not isinstance(src, Tensor):
        raise TypeError(f"copy_(): argument 'src' must be Tensor, not {type(src).__name__}")
    x._check_inplace()
    from .._shape import broadcast_shapes
    try:
        ok = broadcast_shapes(tuple(src._shape), tuple(x._shape)) == tuple(x._shape)
    except RuntimeError:
        ok = False
    if not ok:
        raise RuntimeError(f"The size of tensor a ({x._shape[-1] if x._shape else 1}) must match the size of "
                           f"tensor b ({src._shape[-1] if src._shape else 1}): copy_ cannot broadcast "
                           f"{list(src.shape)} to {list(x.shape)}")
    track = needs_grad(x, src)
    if src._storage.device != x._storage.device:
        src = src.to(x._storage.device)
    with no_grad():
        copy_into(x, src)
    x._bump_version()
    if track:
        from .views import expand
        r = expand(src, tuple(x._shape)).to(x.dtype) if src.requires_grad else src
        _adopt(x, r)
    return x


def fill_(x, value):
    x._check_inplace()
    if isinstance(value, Tensor):
        if value.dim() != 0:
            raise RuntimeError(f"fill_ only supports 0-dimension value tensor but got tensor with "
                               f"{value.dim()} dimensions.")
        if value.requires_grad:
            return copy_(x, value)
        value = value.item()
    track = needs_grad(x)
    from ..backends import backend_of
    backend_of(x._storage.device).fill(x, value)
    x._bump_version()
    if track:
        from .creation import scalar_tensor
        _adopt(x, scalar_tensor(0.0))
    return x


def zero_(x):
    return fill_(x, 0)


def clamp_(x, min=None, max=None):
    return apply(x, lambda s: E.clamp(s, min, max), min, max)


def masked_fill_(x, mask, value):
    from .indexing import masked_fill
    return apply(x, lambda s: masked_fill(s, mask, value), value)


def where_(x, condition, other):
    return apply(x, lambda s: E.where(condition, s, other), other)
