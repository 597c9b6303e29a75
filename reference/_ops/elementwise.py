"""Elementwise ops: promotion and broadcasting decide the output, the device's kernel fills it, and
the op's node is recorded with the backward its registry entry (elementwise_ops.py) names."""
import math
from functools import lru_cache

import numpy as np

from .. import _dtype as D
from .._shape import broadcast_shapes
from .._tensor import Tensor
from ..autograd.grad_mode import is_grad_enabled, no_grad
from ..autograd.graph import needs_grad, record
from ..backends import backend_of
from . import registry as R
from ._grad_utils import sum_to
from ._util import cast, common_device, empty_tensor, is_scalar, result_type, scalar_as, write_out
from .creation import full, scalar_tensor, tensor
from .elementwise_ops import (BINARY_OPS, IDENTITY_ON_INT, SCALAR_OTHER_NODES, UNARY_OPS, identity_backward,
                              pow_scalar_base_backward,
                              pow_scalar_exponent_backward, rsub_backward)
from .registry import (BITWISE, COMPARE, FLOAT_MATH, LOGICAL, PREDICATE, TRUEDIV)

# ---------------------------------------------------------------- launching


def _operand(o, compute, kd):
    if isinstance(o, Tensor):
        if kd is not compute and o.dtype is not compute:
            # as torch: operands are first converted to the op's dtype (a float64 0-d tensor in a
            # float16 op is rounded to float16), then widened for the kernel
            o = cast(o, compute)
        return cast(o, kd)
    if kd is not compute:
        # torch converts a Python scalar to the op's dtype first: in float16, 18 - 32.328125 uses
        # the scalar rounded to float16 (32.32), even where the kernel computes in float32
        return scalar_as(scalar_as(o, compute), kd)
    return scalar_as(o, kd)


def _launch(name, operands, compute, out_dtype, shape, device, out=None):
    """Run kernel `name` on operands converted to the backend's compute dtype for `compute`, into a
    new tensor of out_dtype (or into `out`)."""
    be = backend_of(device)
    kd = be.compute_dtype(compute)
    # operands already in the compute dtype and on the device go as they are (the common case: no
    # conversion at all); a 0-d CPU tensor may meet tensors of another device (torch treats it as a scalar)
    ops = [o if type(o) is Tensor and o.dtype is kd and o._storage.device is device else
           _operand(o.item() if isinstance(o, Tensor) and o._storage.device is not device
                    and o._storage.device != device else o, compute, kd) for o in operands]
    if out is not None:
        target = out.dtype
        if be.compute_dtype(target) is target and (target is out_dtype):
            be.elementwise(name, ops, out)
            return out
    okd = be.compute_dtype(out_dtype)
    res = empty_tensor(shape, okd, device)
    be.elementwise(name, ops, res)
    if out is not None:
        be.copy(out, res)
        return out
    return res if okd is out_dtype else cast(res, out_dtype)


def _check_tensor_arg(x, fname):
    if not isinstance(x, Tensor):
        raise TypeError(f"{fname}(): argument 'input' (position 1) must be Tensor, not {type(x).__name__}")


# ---------------------------------------------------------------- unary


def unary(name, x, out=None):
    return _unary(UNARY_OPS[name], x, out)


def _unary(op, x, out=None):
    name = op.name
    _check_tensor_arg(x, name)
    kind = op.dtype
    dt = x.dtype
    if kind == FLOAT_MATH:
        out_dtype = dt if dt.is_floating_point else D.get_default_dtype()
    elif kind == PREDICATE:
        out_dtype = D.bool_
    else:
        out_dtype = dt
        if name == "neg" and dt is D.bool_:
            raise RuntimeError("Negation, the `-` operator, on a bool tensor is not supported. If you "
                               "are trying to invert a mask, use the `~` or `logical_not()` operator "
                               "instead.")
        if name == "bitwise_not" and dt.is_floating_point:
            raise TypeError("bitwise_not is only implemented for integer and boolean tensors")
    kname = name
    if name == "bitwise_not" and dt is D.bool_:
        kname = "logical_not"
    if name in ("isnan", "isinf") and not dt.is_floating_point:
        kname = None  # never true for integers
    if name == "isfinite" and not dt.is_floating_point:
        kname = "to_bool_true"
    if name in IDENTITY_ON_INT and not dt.is_floating_point:
        kname = "copy"
    dev = x._storage.device
    if kname is None or kname == "to_bool_true":
        res = full(x._shape, kname is not None, dtype=D.bool_, device=dev)
    else:
        res = _launch(kname, [x], dt if kind == PREDICATE else out_dtype, out_dtype, x._shape, dev)
    if out is not None:
        return write_out(out, res, (x,))
    if op.backward is not None and needs_grad(x):
        saves = op.saves
        if saves:
            record(op.node, op.backward, (x,), res, save=(x if saves[0] == "self" else res,), names=saves)
        else:
            record(op.node, op.backward, (x,), res)
    return res


# ---------------------------------------------------------------- binary


def binary_dtypes(name, a, b):
    """(compute dtype, output dtype) of a binary op under torch's promotion rules."""
    kind = BINARY_OPS[name].dtype
    compute = result_type(a, b)
    if kind == TRUEDIV and not compute.is_floating_point:
        compute = D.get_default_dtype()
    if kind == BITWISE and compute.is_floating_point:
        raise TypeError(f"\"{name}_cpu\" not implemented for '{D.TYPE_NAMES[compute.name]}'")
    if name == "sub":
        bools = [isinstance(o, Tensor) and o.dtype is D.bool_ or isinstance(o, bool) for o in (a, b)]
        if all(bools):
            raise RuntimeError("Subtraction, the `-` operator, with two bool tensors is not supported. "
                               "Use the `^` or `logical_xor()` operator instead.")
        if any(bools):
            raise RuntimeError("Subtraction, the `-` operator, with a bool tensor is not supported. If you "
                               "are trying to invert a mask, use the `~` or `logical_not()` operator instead.")
    out_dtype = D.bool_ if kind in (COMPARE, LOGICAL) else compute
    return compute, out_dtype


def binary(name, a, b, alpha=1, out=None):
    return _binary(BINARY_OPS[name], a, b, alpha, out)


# Promotion of a binary op depends on the operands' dtypes, on which are 0-dim tensors and on the
# types of Python scalars, never on values: decided once per such key (by binary_dtypes, which also
# raises for the combinations torch rejects, so a rejected key is never stored).
_BINARY_DTYPES = {}


def _promotion_key(op, a, b):
    ka = (a.dtype if a._shape else (a.dtype, 0)) if isinstance(a, Tensor) else type(a)
    kb = (b.dtype if b._shape else (b.dtype, 0)) if isinstance(b, Tensor) else type(b)
    return op, ka, kb, D.get_default_dtype()  # the default dtype types Python floats and int / int


# The direct path: a tensor with a tensor of its dtype and device, or with a Python scalar, where the
# op computes natively in that dtype and needs no domain check. Its output dtype and backend depend
# only on (op, dtype, the other operand's kind, device type); the general path stores them the first
# time it meets such a key (so a key whose promotion raises is never stored).
_DIRECT = {}
_SCALAR_TYPES = (float, int, bool)
_DOMAIN_CHECKED = ("floor_divide", "remainder", "fmod", "pow")


def _binary(op, a, b, alpha=1, out=None):
    if out is None and alpha == 1 and isinstance(a, Tensor):
        tb = type(b)
        dev = a._storage.device
        if tb is float or tb is int or tb is bool:
            direct = _DIRECT.get((op, a.dtype, tb, dev.type))
            if direct is not None:
                be, out_dtype = direct
                res = empty_tensor(a._shape, out_dtype, dev)
                be.elementwise(op.name, [a, scalar_as(b, a.dtype)], res)
                if a._requires_grad and op.node is not None and is_grad_enabled():
                    _record_binary(op, a, b, res, 1)
                return res
        elif isinstance(b, Tensor) and b.dtype is a.dtype and b._storage.device is dev:
            direct = _DIRECT.get((op, a.dtype, None, dev.type))
            if direct is not None:
                be, out_dtype = direct
                shape = a._shape
                if b._shape != shape:
                    shape = broadcast_shapes(shape, b._shape)
                res = empty_tensor(shape, out_dtype, dev)
                be.elementwise(op.name, [a, b], res)
                if (a._requires_grad or b._requires_grad) and op.node is not None and is_grad_enabled():
                    _record_binary(op, a, b, res, 1)
                return res
    return _binary_general(op, a, b, alpha, out)


def _remember_direct(op, a, b, compute, out_dtype):
    """Store the direct path's decision for (op, a, b) when the direct path fits them."""
    if not isinstance(a, Tensor) or a.dtype is not compute:
        return
    if not (compute.is_floating_point or op.name not in _DOMAIN_CHECKED):
        return
    dev = a._storage.device
    if type(b) in _SCALAR_TYPES:
        kind = type(b)
    elif isinstance(b, Tensor) and b.dtype is compute and b._storage.device is dev:
        kind = None
    else:
        return
    be = backend_of(dev)
    if be.compute_dtype(compute) is compute and be.compute_dtype(out_dtype) is out_dtype:
        _DIRECT[(op, compute, kind, dev.type)] = (be, out_dtype)


# torch.add(5, 2) is tensor(7): these functions take two Python numbers (the others raise TypeError);
# the first becomes a 0-dim tensor of its own type, so the result has the scalars' promoted dtype
NUMBER_OPERANDS = frozenset({"add", "sub", "mul", "div", "floor_divide"})


def _binary_general(op, a, b, alpha, out):
    if (op.name in NUMBER_OPERANDS and not isinstance(a, Tensor) and not isinstance(b, Tensor)
            and is_scalar(a) and is_scalar(b)):
        a = tensor(a)  # read like data: torch.add(1e39, 1) is inf, where filling with 1e39 is refused
    key = _promotion_key(op, a, b)
    dtypes = _BINARY_DTYPES.get(key)
    if dtypes is None:
        dtypes = _binary_dtypes_checked(op, a, b)
        if dtypes is NotImplemented:
            return dtypes
        _BINARY_DTYPES[key] = dtypes
    compute, out_dtype = dtypes
    if out is None and alpha == 1:
        _remember_direct(op, a, b, compute, out_dtype)
    name = op.name
    if isinstance(a, Tensor):
        if isinstance(b, Tensor):
            dev = a._storage.device
            if b._storage.device is not dev:
                dev = common_device(a, b)
            shape = a._shape if a._shape == b._shape else broadcast_shapes(a._shape, b._shape)
        else:
            dev, shape = a._storage.device, a._shape
    else:
        dev, shape = b._storage.device, b._shape
    bk = b
    if alpha != 1:
        if name not in ("add", "sub"):
            raise TypeError(f"{name}() got an unexpected keyword argument 'alpha'")
        if not compute.is_floating_point and isinstance(alpha, float):
            raise RuntimeError("For integral input tensors, argument alpha must not be a floating point number.")
        # alpha scales b inside the op: the node keeps b itself as its input (torch's edges)
        bk = _launch("mul", [b, alpha], compute, compute, b._shape, dev) if isinstance(b, Tensor) else b * alpha
    if not compute.is_floating_point:
        _check_integer_domain(name, a, bk, compute)
    res = _launch(name, [a, bk], compute, out_dtype, shape, dev)
    if out is not None:
        return write_out(out, res, (a, b))
    if op.node is not None and needs_grad(a, b):
        _record_binary(op, a, b, res, alpha)
    return res


def _binary_dtypes_checked(op, a, b):
    """binary_dtypes after the operand checks: TypeError without a tensor, NotImplemented (Python
    tries the reflected operator) for an operand that is neither a tensor nor a scalar."""
    if not isinstance(a, Tensor) and not isinstance(b, Tensor):
        raise TypeError(f"{op.name}(): argument 'input' must be Tensor")
    for o in (a, b):
        if not isinstance(o, Tensor) and not is_scalar(o):
            return NotImplemented
    return binary_dtypes(op.name, a, b)


@lru_cache(maxsize=1024)
def _plain_shape(shape):
    return tuple(shape)


def _shape_of(x):
    # one shared plain tuple per shape: a fresh tuple per node kept the node's meta dict tracked by
    # the cyclic collector (a dict of atomic values is not), a third of a long chain's tracked objects
    return _plain_shape(x._shape) if isinstance(x, Tensor) and x._requires_grad else None


_SELF, _OTHER, _SELF_OTHER = ("self",), ("other",), ("self", "other")
# ops whose gradient with respect to self needs other alone (g * other, g / other)
_GRAD_NEEDS_NO_SELF = frozenset(("mul", "div"))


def _record_binary(op, a, b, res, alpha):
    name = op.name
    ta, tb = isinstance(a, Tensor), isinstance(b, Tensor)
    if name == "pow" and not tb:
        record("PowBackward0", pow_scalar_exponent_backward, (a,), res, save=(a,), names=_SELF,
               meta={"exponent": b})
        return
    if name == "pow" and not ta:
        record("PowBackward2", pow_scalar_base_backward, (b,), res, save=(res,), names=("result",),
               meta={"self": a})
        return
    meta = {"self_shape": _shape_of(a), "other_shape": _shape_of(b)}
    if name in ("add", "sub"):
        meta["alpha"] = alpha
        record(op.node, op.backward, (a, b), res, meta=meta)
        return
    if ta and not tb and name in SCALAR_OTHER_NODES:
        # torch's Scalar overload: its own node, one edge (remainder(t, 2) is RemainderBackward0)
        record(SCALAR_OTHER_NODES[name], identity_backward, (a,), res, meta={"other": b})
        return
    # a Python scalar operand is recorded as its value under its own name (no tensor is made for it)
    if ta and tb:
        save, names = (a, b), _SELF_OTHER
    elif ta:
        meta["other"] = b
        if name in _GRAD_NEEDS_NO_SELF:
            # as torch: self is kept only for the gradient of a tensor other (_saved_self is None).
            # Keeping it held every intermediate of a chain of `y * c` alive until backward.
            meta["self"] = None
            record(op.node, op.backward, (a, b), res, meta=meta)
            return
        save, names = (a,), _SELF
    else:
        save, names = (b,), _OTHER
        meta["self"] = a
    if name == "pow":
        save, names = save + (res,), names + ("result",)
    record(op.node, op.backward, (a, b), res, save=save, names=names, meta=meta)


def _check_integer_domain(name, a, b, compute):
    """Integer division by zero and negative integer powers raise, as torch does on the CPU (the
    zero test is a host synchronisation, so it belongs to the backend)."""
    if name in ("floor_divide", "remainder", "fmod"):
        if (isinstance(b, Tensor) and backend_of(b._storage.device).any_zero(b)) or \
                (not isinstance(b, Tensor) and b == 0):
            raise RuntimeError("ZeroDivisionError")
    if name == "pow" and compute.category == D.INT:
        # any_zero(b >= 0): some exponent is negative
        if (isinstance(b, Tensor) and backend_of(b._storage.device).any_zero(_binary(BINARY_OPS["ge"], b, 0))) or \
                (not isinstance(b, Tensor) and b < 0):
            raise RuntimeError("Integers to negative integer powers are not allowed.")


# ---------------------------------------------------------------- scalar-on-the-left operators
# torch records these with its own nodes and edges: 2 * b and 1 + b as mul/add(b, 2) (edges b, then
# none), 2 - b as RsubBackward1 (one edge), 2 / b as reciprocal(b) * 2, 2 ** b as PowBackward2.


def rsub_scalar(x, scalar, alpha=1):
    """scalar - alpha * x."""
    op = BINARY_OPS["sub"]
    compute, out_dtype = binary_dtypes("sub", scalar, x)
    xk = x if alpha == 1 else _launch("mul", [x, alpha], compute, compute, x._shape, x._storage.device)
    res = _launch("sub", [scalar, xk], compute, out_dtype, x._shape, x._storage.device)
    if op.node is not None and needs_grad(x):
        record("RsubBackward1", rsub_backward, (x,), res, meta={"alpha": alpha, "other": scalar})
    return res


def rtruediv_scalar(x, scalar):
    return _binary(BINARY_OPS["mul"], _unary(UNARY_OPS["reciprocal"], x), scalar)


# ---------------------------------------------------------------- ternary


def _d_where(ctx, g):
    c = ctx._saved_condition
    sa, sb = ctx._saved_self_shape, ctx._saved_other_shape
    return (None,
            sum_to(g.where(c, 0.0), sa) if sa is not None else None,
            sum_to(g.where(c.logical_not(), 0.0), sb) if sb is not None else None)


def where(condition, input=None, other=None, *, out=None):
    if input is None and other is None:
        return condition.nonzero(as_tuple=True)
    if not isinstance(condition, Tensor):
        raise TypeError("where(): argument 'condition' must be Tensor")
    if condition.dtype is not D.bool_:
        raise RuntimeError(f"where expected condition to be a boolean tensor, but got a tensor with "
                           f"dtype {D.TYPE_NAMES[condition.dtype.name]}")
    compute = result_type(input, other)
    # a Python value the result dtype cannot hold is refused, as a fill is
    input, other = (v if isinstance(v, Tensor) else D.check_fits(v, compute) for v in (input, other))
    dev = common_device(condition, input, other)
    shape = broadcast_shapes(condition._shape, *(x._shape for x in (input, other) if isinstance(x, Tensor)))
    res = _launch_where(condition, input, other, compute, shape, dev)
    if out is not None:
        return write_out(out, res, (input, other))
    if needs_grad(input, other):
        record("WhereBackward0", _d_where, (condition, input, other), res, save=(condition,),
               names=("condition",), meta={"self_shape": _shape_of(input), "other_shape": _shape_of(other)})
    return res


def _launch_where(condition, input, other, compute, shape, dev):
    # the condition stays bool: it is not converted to the compute dtype
    be = backend_of(dev)
    kd = be.compute_dtype(compute)
    ops = [condition] + [_operand(o, compute, kd) for o in (input, other)]
    res = empty_tensor(shape, kd, dev)
    be.elementwise("where", ops, res)
    return cast(res, compute)


def _d_clamp(ctx, g):
    x, lo, hi = ctx._saved_self, ctx._saved_min, ctx._saved_max
    sx, slo, shi = ctx._saved_self_shape, ctx._saved_min_shape, ctx._saved_max_shape
    inside = g * 0 + 1
    if lo is not None:
        inside = inside * (x >= lo)
    if hi is not None:
        inside = inside * (x <= hi)
    gx = sum_to(g * inside, sx) if sx is not None else None
    glo = sum_to(g * (x < lo), slo) if slo is not None else None
    ghi = sum_to(g * (x > hi), shi) if shi is not None else None
    return gx, glo, ghi


def _d_clamp_self(ctx, g):
    return _d_clamp(ctx, g)[:1]


def _d_clamp_min(ctx, g):
    return _d_clamp(ctx, g)[:2]


def _d_clamp_max(ctx, g):
    gx, _, ghi = _d_clamp(ctx, g)
    return gx, ghi


# torch's nodes: (name, backward, inputs kept) with scalar bounds, then with tensor bounds
_CLAMP_NODES = {
    "clamp": (("ClampBackward1", _d_clamp_self, 1), ("ClampBackward0", _d_clamp, 3)),
    "clamp_min": (("ClampMinBackward0", _d_clamp_self, 1), ("ClampMinBackward1", _d_clamp_min, 2)),
    "clamp_max": (("ClampMaxBackward0", _d_clamp_self, 1), ("ClampMaxBackward1", _d_clamp_max, 2)),
}


def clamp(input, min=None, max=None, *, out=None):
    return _clamp(input, min, max, out, "clamp")


def _clamp(input, min, max, out, which):
    _check_tensor_arg(input, "clamp")
    if min is None and max is None:
        raise RuntimeError("torch.clamp: At least one of 'min' or 'max' must not be None")
    compute = result_type(input, min, max)
    if not (isinstance(min, Tensor) or isinstance(max, Tensor)):
        # scalar bounds never promote the input beyond its category
        compute = result_type(input, *(v for v in (min, max) if v is not None))
    # a Python bound the compute dtype cannot hold is refused (a negative one wraps into uint8), as a fill is
    min, max = (v if v is None or isinstance(v, Tensor) else D.check_fits(v, compute) for v in (min, max))
    lo = min if min is not None else _neutral_bound(compute, low=True)
    hi = max if max is not None else _neutral_bound(compute, low=False)
    dev = common_device(input, min, max)
    shape = broadcast_shapes(input._shape, *(x._shape for x in (min, max) if isinstance(x, Tensor)))
    res = _launch("clamp", [input, lo, hi], compute, compute, shape, dev)
    if out is not None:
        return write_out(out, res, (input, min, max))
    if needs_grad(input, min, max):
        name, backward, n = _CLAMP_NODES[which][isinstance(min, Tensor) or isinstance(max, Tensor)]
        inputs = (input, min, max) if which != "clamp_max" else (input, max, min)
        # as torch's node: tensor bounds are saved tensors, Python bounds stay Python numbers
        # (grad_fn._saved_min is 0.5, not tensor(0.5))
        bounds = {"min": min, "max": max}
        kept = tuple(k for k, v in bounds.items() if isinstance(v, Tensor))
        meta = {k: v for k, v in bounds.items() if k not in kept}
        meta.update(self_shape=_shape_of(input), min_shape=_shape_of(min), max_shape=_shape_of(max))
        record(name, backward, inputs[:n], res, save=(input,) + tuple(bounds[k] for k in kept),
               names=("self",) + kept, meta=meta)
    return res


def clamp_min(input, min, *, out=None):
    return _clamp(input, min, None, out, "clamp_min")


def clamp_max(input, max, *, out=None):
    return _clamp(input, None, max, out, "clamp_max")


def _const_like(value, like):
    return scalar_tensor(value, dtype=like.dtype if like.dtype.is_floating_point else None,
                         device=like._storage.device)


def _neutral_bound(dt, low):
    if dt.is_floating_point:
        return -math.inf if low else math.inf
    if dt is D.bool_:
        return False if low else True
    info = np.iinfo(dt.np)
    return int(info.min if low else info.max)


def _d_lerp(ctx, g):
    start, end, weight = ctx._saved_self, ctx._saved_end, ctx._saved_weight
    ss, se, sw = ctx._saved_self_shape, ctx._saved_end_shape, ctx._saved_weight_shape
    return (sum_to(g * (1 - weight), ss) if ss is not None else None,
            sum_to(g * weight, se) if se is not None else None,
            sum_to(g * (end - start), sw) if sw is not None else None)


def _d_lerp_scalar_weight(ctx, g):
    return _d_lerp(ctx, g)[:2]


def lerp(input, end, weight, *, out=None):
    compute = result_type(input, end)
    if not isinstance(weight, Tensor):
        weight = D.check_fits(weight, compute)  # a Python weight the dtype cannot hold is refused
    dev = common_device(input, end, weight)
    shape = broadcast_shapes(input._shape, end._shape, weight._shape if isinstance(weight, Tensor) else ())
    res = _launch("lerp", [input, end, weight], compute, compute, shape, dev)
    if out is not None:
        return write_out(out, res, (input, end, weight))
    if needs_grad(input, end, weight):
        tw = weight if isinstance(weight, Tensor) else _const_like(weight, res)
        # a Python weight is no input of the node (LerpBackward0: two edges); a tensor weight is
        if isinstance(weight, Tensor):
            name, backward, inputs = "LerpBackward1", _d_lerp, (input, end, weight)
        else:
            name, backward, inputs = "LerpBackward0", _d_lerp_scalar_weight, (input, end)
        record(name, backward, inputs, res, save=(input, end, tw),
               names=("self", "end", "weight"),
               meta={"self_shape": _shape_of(input), "end_shape": _shape_of(end), "weight_shape": _shape_of(weight)})
    return res


# ---------------------------------------------------------------- namespace functions from the registry


def _unary_fn(op):
    def fn(input, *, out=None):
        return _unary(op, input, out)
    fn.__name__ = fn.__qualname__ = op.name
    fn.__doc__ = f"{op.name}(input, *, out=None) -> Tensor"
    return fn


def _binary_fn(op):
    def fn(input, other, *, out=None):
        return _binary(op, input, other, 1, out)
    fn.__name__ = fn.__qualname__ = op.name
    fn.__doc__ = f"{op.name}(input, other, *, out=None) -> Tensor"
    return fn


def add(input, other, *, alpha=1, out=None):
    return _binary(BINARY_OPS["add"], input, other, alpha, out)


def sub(input, other, *, alpha=1, out=None):
    return _binary(BINARY_OPS["sub"], input, other, alpha, out)


def pow(input, exponent, *, out=None):
    return _binary(BINARY_OPS["pow"], input, exponent, 1, out)


def div(input, other, *, rounding_mode=None, out=None):
    if rounding_mode is None:
        return _binary(BINARY_OPS["div"], input, other, 1, out)
    if rounding_mode == "floor":
        return _binary(BINARY_OPS["floor_divide"], input, other, 1, out)
    if rounding_mode == "trunc":
        res = _unary(UNARY_OPS["trunc"], _binary(BINARY_OPS["div"], input, other))
        res = cast(res, result_type(input, other))
        return res if out is None else write_out(out, res, (input, other))
    raise RuntimeError(f"div expected rounding_mode to be one of None, 'trunc', or 'floor' but found "
                       f"'{rounding_mode}'")


def true_divide(input, other, *, out=None):
    return _binary(BINARY_OPS["div"], input, other, 1, out)


def _d_rsub(ctx, g):
    alpha = ctx._saved_alpha
    return (sum_to(-g * alpha if alpha != 1 else -g, ctx._saved_self_shape) if ctx.needs_input_grad[0] else None,
            sum_to(g, ctx._saved_other_shape) if ctx.needs_input_grad[1] else None)


def rsub(input, other, alpha=1):
    """other - alpha * input; torch records it as RsubBackward0 with edges (input, other)."""
    if not isinstance(other, Tensor):
        return rsub_scalar(input, other, alpha)
    with no_grad():
        res = sub(other, input, alpha=alpha)
    if needs_grad(input, other):
        record("RsubBackward0", _d_rsub, (input, other), res,
               meta={"alpha": alpha, "self_shape": tuple(input._shape), "other_shape": tuple(other._shape)})
    return res


def _d_round_decimals(ctx, g):
    return (g * 0,)


def round_decimals(input, *, decimals=0, out=None):
    """round(input, decimals=d): to the nearest multiple of 10**-d, halves to even (torch's round.decimals,
    node RoundBackward1, gradient zero), computed in the input's dtype as input * 10**d (or / 10**-d)."""
    op = UNARY_OPS["round"]
    if type(decimals) is not int:  # noqa: E721 (bool is not an int here, as in torch's parser)
        raise TypeError(f"round() received an invalid combination of arguments - got (Tensor, "
                        f"decimals={type(decimals).__name__}), but expected one of:\n * (Tensor input, *, Tensor out = "
                        f"None)\n * (Tensor input, *, int decimals, Tensor out = None)")
    if decimals == 0:
        return _unary(op, input, out)
    _check_tensor_arg(input, "round")
    if not input.dtype.is_floating_point:
        raise NotImplementedError(f"\"round_cpu\" not implemented for '{D.TYPE_NAMES[input.dtype.name]}'")
    scale = 10.0 ** (decimals if decimals > 0 else -decimals)  # (abs is the op here)
    with no_grad():
        if decimals > 0:
            res = _binary(BINARY_OPS["div"], _unary(op, _binary(BINARY_OPS["mul"], input, scale)), scale)
        else:
            res = _binary(BINARY_OPS["mul"], _unary(op, _binary(BINARY_OPS["div"], input, scale)), scale)
    if out is not None:
        return write_out(out, res, (input,))
    if needs_grad(input):
        record("RoundBackward1", _d_round_decimals, (input,), res, meta={"decimals": decimals})
    return res


round_decimals.__name__ = round_decimals.__qualname__ = "round"

_HAND_WRITTEN = {"add": add, "sub": sub, "div": div, "pow": pow}
for _op in UNARY_OPS.values():
    _op.fn = _unary_fn(_op)
UNARY_OPS["round"].fn = round_decimals
for _op in BINARY_OPS.values():
    _op.fn = _HAND_WRITTEN.get(_op.name) or _binary_fn(_op)
for _fn in (where, clamp, lerp):
    _top = R.REGISTRY[_fn.__name__]
    _top.fn, _top.function = _fn, True
R.REGISTRY["clamp"].method = True
R.REGISTRY["clamp"].aliases = ("clip",)
R.REGISTRY["clamp"].inplace = "both"
R.REGISTRY["lerp"].method = True
R.REGISTRY["lerp"].inplace = "method"
R.REGISTRY["where"].method = lambda self, condition, other: where(condition, self, other)
R.define_all("elementwise", [
    (true_divide, "DivBackward0", R.TRUEDIV),
    (rsub, "RsubBackward0", R.ARITH),
    (clamp_min, "ClampMinBackward0", R.ARITH),
    (clamp_max, "ClampMaxBackward0", R.ARITH),
])
# module-level names of the generated functions (E.relu, E.exp, ... for the layer families)
globals().update({op.name: op.fn for op in list(UNARY_OPS.values()) + list(BINARY_OPS.values()) if op.function})
