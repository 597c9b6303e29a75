"""Elementwise ops: promotion and broadcasting decide the output, a device kernel fills it, and
each op's backward sits next to it, written with ops so it is itself differentiable."""
import math

from .. import _dtype as D
from .._shape import broadcast_shapes
from .._tensor import Tensor
from ..autograd.graph import needs_grad, record
from ..autograd.grad_mode import no_grad
from ..backends import backend_of
from ._grad_utils import sum_to
from ._util import cast, common_device, empty_tensor, is_scalar, kernel_dtype, result_type, scalar_as

# ---------------------------------------------------------------- launching


def _launch(name, operands, compute, out_dtype, shape, device, out=None):
    """Run kernel `name` on operands converted to the compute dtype, into a new tensor of
    out_dtype (or into `out`)."""
    kd = kernel_dtype(compute)
    ops = [cast(o, kd) if isinstance(o, Tensor) else scalar_as(o, kd) for o in operands]
    target_dtype = out.dtype if out is not None else out_dtype
    direct = out is not None and kernel_dtype(target_dtype) is target_dtype and (
        target_dtype is out_dtype or out_dtype is D.bool_ and target_dtype is D.bool_)
    if direct:
        backend_of(device).elementwise(name, ops, out)
        return out
    k_out = kernel_dtype(out_dtype) if out_dtype is not D.bool_ else D.bool_
    res = empty_tensor(shape, k_out, device)
    backend_of(device).elementwise(name, ops, res)
    if out is not None:
        from ._util import copy_into
        copy_into(out, res)
        return out
    return cast(res, out_dtype)


def _check_tensor_arg(x, fname):
    if not isinstance(x, Tensor):
        raise TypeError(f"{fname}(): argument 'input' (position 1) must be Tensor, not {type(x).__name__}")


# ---------------------------------------------------------------- unary

FLOAT_MATH = "float"    # int/bool inputs compute in the default float dtype
SAME = "same"           # output keeps the input dtype
PREDICATE = "pred"      # output is bool


def _d_exp(ctx, g):
    (out,) = ctx.saved_tensors
    return (g * out,)


def _d_log(ctx, g):
    (x,) = ctx.saved_tensors
    return (g / x,)


_UNARY = {
    # name: (kind, torch node name, backward(ctx, g) or None, what to save: "x" | "out" | None)
    "neg": (SAME, "NegBackward0", lambda ctx, g: (-g,), None),
    "abs": (SAME, "AbsBackward0", lambda ctx, g: (g * ctx.saved_tensors[0].sign(),), "x"),
    "sign": (SAME, "SignBackward0", lambda ctx, g: (g * 0,), None),
    "exp": (FLOAT_MATH, "ExpBackward0", _d_exp, "out"),
    "log": (FLOAT_MATH, "LogBackward0", _d_log, "x"),
    "log2": (FLOAT_MATH, "Log2Backward0", lambda ctx, g: (g / (ctx.saved_tensors[0] * math.log(2.0)),), "x"),
    "log10": (FLOAT_MATH, "Log10Backward0", lambda ctx, g: (g / (ctx.saved_tensors[0] * math.log(10.0)),), "x"),
    "log1p": (FLOAT_MATH, "Log1PBackward0", lambda ctx, g: (g / (ctx.saved_tensors[0] + 1),), "x"),
    "expm1": (FLOAT_MATH, "Expm1Backward0", lambda ctx, g: (g * (ctx.saved_tensors[0] + 1),), "out"),
    "sqrt": (FLOAT_MATH, "SqrtBackward0", lambda ctx, g: (g / (2 * ctx.saved_tensors[0]),), "out"),
    "rsqrt": (FLOAT_MATH, "RsqrtBackward0", lambda ctx, g: (-0.5 * g * ctx.saved_tensors[0] ** 3,), "out"),
    "square": (SAME, "PowBackward0", lambda ctx, g: (2 * g * ctx.saved_tensors[0],), "x"),
    "reciprocal": (FLOAT_MATH, "ReciprocalBackward0",
                   lambda ctx, g: (-g * ctx.saved_tensors[0] * ctx.saved_tensors[0],), "out"),
    "sin": (FLOAT_MATH, "SinBackward0", lambda ctx, g: (g * ctx.saved_tensors[0].cos(),), "x"),
    "cos": (FLOAT_MATH, "CosBackward0", lambda ctx, g: (-g * ctx.saved_tensors[0].sin(),), "x"),
    "tan": (FLOAT_MATH, "TanBackward0", lambda ctx, g: (g * (1 + ctx.saved_tensors[0] ** 2),), "out"),
    "asin": (FLOAT_MATH, "AsinBackward0", lambda ctx, g: (g * (1 - ctx.saved_tensors[0] ** 2).rsqrt(),), "x"),
    "acos": (FLOAT_MATH, "AcosBackward0", lambda ctx, g: (-g * (1 - ctx.saved_tensors[0] ** 2).rsqrt(),), "x"),
    "atan": (FLOAT_MATH, "AtanBackward0", lambda ctx, g: (g / (1 + ctx.saved_tensors[0] ** 2),), "x"),
    "sinh": (FLOAT_MATH, "SinhBackward0", lambda ctx, g: (g * ctx.saved_tensors[0].cosh(),), "x"),
    "cosh": (FLOAT_MATH, "CoshBackward0", lambda ctx, g: (g * ctx.saved_tensors[0].sinh(),), "x"),
    "tanh": (FLOAT_MATH, "TanhBackward0", lambda ctx, g: (g * (1 - ctx.saved_tensors[0] ** 2),), "out"),
    "sigmoid": (FLOAT_MATH, "SigmoidBackward0",
                lambda ctx, g: (g * ctx.saved_tensors[0] * (1 - ctx.saved_tensors[0]),), "out"),
    "relu": (SAME, "ReluBackward0", lambda ctx, g: (g * (ctx.saved_tensors[0] > 0),), "out"),
    "floor": (SAME, "FloorBackward0", lambda ctx, g: (g * 0,), None),
    "ceil": (SAME, "CeilBackward0", lambda ctx, g: (g * 0,), None),
    "round": (SAME, "RoundBackward0", lambda ctx, g: (g * 0,), None),
    "trunc": (SAME, "TruncBackward0", lambda ctx, g: (g * 0,), None),
    "frac": (SAME, "FracBackward0", lambda ctx, g: (g,), None),
    "erf": (FLOAT_MATH, "ErfBackward0",
            lambda ctx, g: (g * (2 / math.sqrt(math.pi)) * (-(ctx.saved_tensors[0] ** 2)).exp(),), "x"),
    "erfc": (FLOAT_MATH, "ErfcBackward0",
             lambda ctx, g: (g * (-2 / math.sqrt(math.pi)) * (-(ctx.saved_tensors[0] ** 2)).exp(),), "x"),
    "isnan": (PREDICATE, None, None, None),
    "isinf": (PREDICATE, None, None, None),
    "isfinite": (PREDICATE, None, None, None),
    "logical_not": (PREDICATE, None, None, None),
    "bitwise_not": (SAME, None, None, None),
}

# integer inputs need no kernel for these: the result equals the input
_IDENTITY_ON_INT = {"floor", "ceil", "round", "trunc"}


def unary(name, x, out=None):
    _check_tensor_arg(x, name)
    kind, node_name, backward, save = _UNARY[name]
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
    if name in _IDENTITY_ON_INT and not dt.is_floating_point:
        kname = "copy"
    dev = x._storage.device
    if kname is None or kname == "to_bool_true":
        from .creation import full
        res = full(x._shape, kname is not None, dtype=D.bool_, device=dev)
    else:
        res = _launch(kname, [x], dt if kind == PREDICATE else out_dtype, out_dtype, x._shape, dev)
    if out is not None:
        return _write_out(out, res)
    if backward is not None and needs_grad(x):
        saved = (x,) if save == "x" else (res,) if save == "out" else ()
        record(node_name, backward, (x,), res, save=saved)
    return res


def _write_out(out, res):
    from .inplace import copy_
    if tuple(out.shape) != tuple(res.shape):
        out._resize(res.shape)
    copy_(out, res)
    return out


# ---------------------------------------------------------------- binary

ARITH, TRUEDIV, COMPARE, LOGICAL, BITWISE = "arith", "truediv", "compare", "logical", "bitwise"


def _d_add(ctx, g):
    sa, sb, alpha = ctx.meta
    return (sum_to(g, sa) if sa is not None else None,
            sum_to(g * alpha if alpha != 1 else g, sb) if sb is not None else None)


def _d_sub(ctx, g):
    sa, sb, alpha = ctx.meta
    return (sum_to(g, sa) if sa is not None else None,
            sum_to(-g * alpha if alpha != 1 else -g, sb) if sb is not None else None)


def _d_mul(ctx, g):
    a, b = _operands(ctx)
    sa, sb = ctx.meta[:2]
    return (sum_to(g * b, sa) if ctx.needs_input_grad[0] else None,
            sum_to(g * a, sb) if ctx.needs_input_grad[1] else None)


def _d_div(ctx, g):
    a, b = _operands(ctx)
    sa, sb = ctx.meta[:2]
    return (sum_to(g / b, sa) if ctx.needs_input_grad[0] else None,
            sum_to(-g * a / (b * b), sb) if ctx.needs_input_grad[1] else None)


def _d_pow(ctx, g):
    a, b = _operands(ctx)
    sa, sb = ctx.meta[:2]
    ga = gb = None
    if ctx.needs_input_grad[0]:
        if not isinstance(b, Tensor):
            ga = sum_to(g * b * a ** (b - 1) if b != 0 else g * 0, sa)
        else:
            ga = sum_to(g * b * where(b == 0, 1.0, a) ** (b - 1) * (b != 0), sa)
    if ctx.needs_input_grad[1]:
        out = a ** b
        if not isinstance(a, Tensor):
            gb = sum_to(g * out * math.log(a) if a != 0 else g * 0, sb)
        else:
            gb = sum_to(g * out * where((a == 0) & (b >= 0), 1.0, a).log(), sb)
    return ga, gb


def _d_maxmin(ctx, g):
    a, b = _operands(ctx)
    sa, sb = ctx.meta[:2]
    is_max = ctx.meta[4]
    win_a = (a > b) if is_max else (a < b)
    # ties split the gradient evenly, as torch does
    wa = win_a + (a == b) * 0.5
    return (sum_to(g * wa, sa) if ctx.needs_input_grad[0] else None,
            sum_to(g * (1 - wa), sb) if ctx.needs_input_grad[1] else None)


def _d_remainder(ctx, g):
    a, b = _operands(ctx)
    sa, sb = ctx.meta[:2]
    return (sum_to(g, sa) if ctx.needs_input_grad[0] else None,
            sum_to(-g * floor_divide(a, b), sb) if ctx.needs_input_grad[1] else None)


def _d_fmod(ctx, g):
    a, b = _operands(ctx)
    sa, sb = ctx.meta[:2]
    return (sum_to(g, sa) if ctx.needs_input_grad[0] else None,
            sum_to(-g * (a / b).trunc(), sb) if ctx.needs_input_grad[1] else None)


def _d_atan2(ctx, g):
    a, b = _operands(ctx)
    sa, sb = ctx.meta[:2]
    den = a * a + b * b
    return (sum_to(g * b / den, sa) if ctx.needs_input_grad[0] else None,
            sum_to(-g * a / den, sb) if ctx.needs_input_grad[1] else None)


def _d_zero(ctx, g):
    sa, sb = ctx.meta
    return (sum_to(g * 0, sa) if sa is not None else None, sum_to(g * 0, sb) if sb is not None else None)


_BINARY = {
    "add": (ARITH, "AddBackward0"), "sub": (ARITH, "SubBackward0"), "mul": (ARITH, "MulBackward0"),
    "div": (TRUEDIV, "DivBackward0"), "floor_divide": (ARITH, None), "remainder": (ARITH, "RemainderBackward0"),
    "fmod": (ARITH, "FmodBackward0"), "pow": (ARITH, "PowBackward1"), "atan2": (TRUEDIV, "Atan2Backward0"),
    "maximum": (ARITH, "MaximumBackward0"), "minimum": (ARITH, "MinimumBackward0"),
    "fmax": (ARITH, "FmaxBackward0"), "fmin": (ARITH, "FminBackward0"),
    "eq": (COMPARE, None), "ne": (COMPARE, None), "lt": (COMPARE, None), "le": (COMPARE, None),
    "gt": (COMPARE, None), "ge": (COMPARE, None),
    "logical_and": (LOGICAL, None), "logical_or": (LOGICAL, None), "logical_xor": (LOGICAL, None),
    "bitwise_and": (BITWISE, None), "bitwise_or": (BITWISE, None), "bitwise_xor": (BITWISE, None),
}

_TORCH_NAMES = {"float32": "Float", "float64": "Double", "float16": "Half", "int64": "Long", "int32": "Int",
                "int16": "Short", "int8": "Char", "uint8": "Byte", "bool": "Bool"}


def binary_dtypes(name, a, b):
    """(compute dtype, output dtype) of a binary op under torch's promotion rules."""
    kind = _BINARY[name][0]
    compute = result_type(a, b)
    if kind == TRUEDIV and not compute.is_floating_point:
        compute = D.get_default_dtype()
    if kind == BITWISE and compute.is_floating_point:
        raise TypeError(f"\"bitwise_{name.split('_')[1]}_cpu\" not implemented for "
                        f"'{_TORCH_NAMES[compute.name]}'")
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
    if not isinstance(a, Tensor) and not isinstance(b, Tensor):
        raise TypeError(f"{name}(): argument 'input' must be Tensor")
    for o in (a, b):
        if not isinstance(o, Tensor) and not is_scalar(o):
            return NotImplemented
    compute, out_dtype = binary_dtypes(name, a, b)
    dev = common_device(a, b)
    shape = broadcast_shapes(a._shape if isinstance(a, Tensor) else (), b._shape if isinstance(b, Tensor) else ())
    if alpha != 1:
        if name not in ("add", "sub"):
            raise TypeError(f"{name}() got an unexpected keyword argument 'alpha'")
        if not compute.is_floating_point and isinstance(alpha, float):
            raise RuntimeError(f"For integral input tensors, argument alpha must not be a floating point number.")
        b = mul(b, alpha)
    if not compute.is_floating_point:
        _check_integer_domain(name, a, b, compute)
    res = _launch(name, [a, b], compute, out_dtype, shape, dev)
    if out is not None:
        return _write_out(out, res)
    node_name = _BINARY[name][1]
    if node_name is not None and needs_grad(a, b):
        _record_binary(name, node_name, a, b, res, alpha)
    return res


def _shape_of(x):
    return tuple(x._shape) if isinstance(x, Tensor) and x._requires_grad else None


_BINARY_BACKWARD = {"mul": _d_mul, "div": _d_div, "pow": _d_pow, "remainder": _d_remainder,
                    "fmod": _d_fmod, "atan2": _d_atan2}


def _record_binary(name, node_name, a, b, res, alpha):
    sa, sb = _shape_of(a), _shape_of(b)
    if name in ("add", "sub"):
        fn = _d_add if name == "add" else _d_sub
        # alpha was folded into b above; b's gradient is then plain (+/-)g
        record(node_name, fn, (a, b), res, meta=(sa, sb, 1))
        return
    # a Python scalar operand stays a constant of the node (no tensor is made for it)
    ta, tb = (a if isinstance(a, Tensor) else None), (b if isinstance(b, Tensor) else None)
    consts = (None if ta is not None else a, None if tb is not None else b)
    if name in _BINARY_BACKWARD:
        if name == "pow" and tb is None:
            node_name = "PowBackward0"
        record(node_name, _BINARY_BACKWARD[name], (a, b), res, save=(ta, tb), meta=(sa, sb) + consts)
    elif name in ("maximum", "minimum", "fmax", "fmin"):
        record(node_name, _d_maxmin, (a, b), res, save=(ta, tb),
               meta=(sa, sb) + consts + (name in ("maximum", "fmax"),))


def _operands(ctx):
    """The two operands a binary node saved: tensors from saved_tensors, scalars from meta."""
    a, b = ctx.saved_tensors
    ca, cb = ctx.meta[2], ctx.meta[3]
    return (ca if a is None else a), (cb if b is None else b)


def _const_like(value, like):
    from .creation import scalar_tensor
    return scalar_tensor(value, dtype=like.dtype if like.dtype.is_floating_point else None,
                         device=like._storage.device)


def _check_integer_domain(name, a, b, compute):
    if name in ("floor_divide", "remainder", "fmod", "div") and name != "div":
        if (isinstance(b, Tensor) and bool(any_(b == 0))) or (not isinstance(b, Tensor) and b == 0):
            raise RuntimeError("ZeroDivisionError")
    if name == "pow" and compute.category == D.INT:
        if (isinstance(b, Tensor) and bool(any_(b < 0))) or (not isinstance(b, Tensor) and b < 0):
            raise RuntimeError("Integers to negative integer powers are not allowed.")


def any_(t):
    from .reduction import any as _any
    return _any(t)


# ---------------------------------------------------------------- ternary


def _d_where(ctx, g):
    (c,) = ctx.saved_tensors
    sa, sb = ctx.meta
    zero = g * 0
    return (None,
            sum_to(where(c, g, zero), sa) if sa is not None else None,
            sum_to(where(c, zero, g), sb) if sb is not None else None)


def where(condition, input=None, other=None):
    if input is None and other is None:
        from .indexing import nonzero
        return nonzero(condition, as_tuple=True)
    if not isinstance(condition, Tensor):
        raise TypeError("where(): argument 'condition' must be Tensor")
    if condition.dtype is not D.bool_:
        raise RuntimeError(f"where expected condition to be a boolean tensor, but got a tensor with "
                           f"dtype {_TORCH_NAMES[condition.dtype.name]}")
    compute = result_type(input, other)
    dev = common_device(condition, input, other)
    shape = broadcast_shapes(condition._shape, *(x._shape for x in (input, other) if isinstance(x, Tensor)))
    c = condition
    kd = kernel_dtype(compute)
    ops = [c] + [cast(o, kd) if isinstance(o, Tensor) else scalar_as(o, kd) for o in (input, other)]
    res = empty_tensor(shape, kd, dev)
    backend_of(dev).elementwise("where", ops, res)
    res = cast(res, compute)
    if needs_grad(input, other):
        record("WhereBackward0", _d_where, (condition, input, other), res, save=(condition,),
               meta=(_shape_of(input), _shape_of(other)))
    return res


def _d_clamp(ctx, g):
    x, lo, hi = ctx.saved_tensors
    sx, slo, shi = ctx.meta
    inside = g * 0 + 1
    if lo is not None:
        inside = inside * (x >= lo)
    if hi is not None:
        inside = inside * (x <= hi)
    gx = sum_to(g * inside, sx) if sx is not None else None
    glo = sum_to(g * (x < lo), slo) if slo is not None else None
    ghi = sum_to(g * (x > hi), shi) if shi is not None else None
    return gx, glo, ghi


def clamp(input, min=None, max=None, out=None):
    _check_tensor_arg(input, "clamp")
    if min is None and max is None:
        raise RuntimeError("torch.clamp: At least one of 'min' or 'max' must not be None")
    compute = result_type(input, min, max)
    if not (isinstance(min, Tensor) or isinstance(max, Tensor)):
        # scalar bounds never promote the input beyond its category
        compute = result_type(input, *(v for v in (min, max) if v is not None))
    lo = min if min is not None else _neutral_bound(compute, low=True)
    hi = max if max is not None else _neutral_bound(compute, low=False)
    dev = common_device(input, min, max)
    shape = broadcast_shapes(input._shape, *(x._shape for x in (min, max) if isinstance(x, Tensor)))
    res = _launch("clamp", [input, lo, hi], compute, compute, shape, dev)
    if out is not None:
        return _write_out(out, res)
    if needs_grad(input, min, max):
        tlo = min if isinstance(min, Tensor) else (_const_like(min, res) if min is not None else None)
        thi = max if isinstance(max, Tensor) else (_const_like(max, res) if max is not None else None)
        record("ClampBackward1", _d_clamp, (input, min, max), res, save=(input, tlo, thi),
               meta=(_shape_of(input), _shape_of(min), _shape_of(max)))
    return res


def _neutral_bound(dt, low):
    import numpy as np
    if dt.is_floating_point:
        return -math.inf if low else math.inf
    if dt is D.bool_:
        return False if low else True
    info = np.iinfo(dt.np)
    return int(info.min if low else info.max)


def _d_lerp(ctx, g):
    start, end, weight = ctx.saved_tensors
    ss, se, sw = ctx.meta
    return (sum_to(g * (1 - weight), ss) if ss is not None else None,
            sum_to(g * weight, se) if se is not None else None,
            sum_to(g * (end - start), sw) if sw is not None else None)


def lerp(input, end, weight):
    compute = result_type(input, end)
    dev = common_device(input, end, weight)
    shape = broadcast_shapes(input._shape, end._shape, weight._shape if isinstance(weight, Tensor) else ())
    res = _launch("lerp", [input, end, weight], compute, compute, shape, dev)
    if needs_grad(input, end, weight):
        tw = weight if isinstance(weight, Tensor) else _const_like(weight, res)
        record("LerpBackward0", _d_lerp, (input, end, weight), res, save=(input, end, tw),
               meta=(_shape_of(input), _shape_of(end), _shape_of(weight)))
    return res


# ---------------------------------------------------------------- named wrappers


def _unary_fn(name):
    def fn(input, *, out=None):
        return unary(name, input, out=out)
    fn.__name__ = name
    return fn


for _n in _UNARY:
    globals()[_n] = _unary_fn(_n)


def _binary_fn(name):
    def fn(input, other, *, out=None):
        return binary(name, input, other, out=out)
    fn.__name__ = name
    return fn


for _n in _BINARY:
    if _n not in ("add", "sub", "div"):
        globals()[_n] = _binary_fn(_n)


def add(input, other, *, alpha=1, out=None):
    return binary("add", input, other, alpha=alpha, out=out)


def sub(input, other, *, alpha=1, out=None):
    return binary("sub", input, other, alpha=alpha, out=out)


def div(input, other, *, rounding_mode=None, out=None):
    if rounding_mode is None:
        return binary("div", input, other, out=out)
    if rounding_mode == "floor":
        return binary("floor_divide", input, other, out=out)
    if rounding_mode == "trunc":
        res = binary("div", input, other)
        res = unary("trunc", res)
        compute = result_type(input, other)
        return cast(res, compute) if out is None else _write_out(out, res)
    raise RuntimeError(f"div expected rounding_mode to be one of None, 'trunc', or 'floor' but found "
                       f"'{rounding_mode}'")


def true_divide(input, other):
    return binary("div", input, other)


def rsub(input, other, alpha=1):
    return sub(other, input, alpha=alpha)


def square(input):
    return unary("square", input)


def sigmoid(input):
    return unary("sigmoid", input)


def relu(input):
    return unary("relu", input)
