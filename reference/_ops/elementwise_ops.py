"""The elementwise registry: one entry per op, holding its dtype rule, kernel expression (codegen
compiles it into backends/cpu/_*_kernels.py), torch's node name and its backward with named saved
values. elementwise.py launches them; methods.py binds them; a new elementwise op is one entry here
plus its oracle and test row in spec_tests (then `python -m reference.backends.cpu.codegen`).

Kernel expressions name their operands x (unary), a, b (binary), c, a, b (ternary); operands arrive
cast to the compute dtype, so each is a plain numba scalar expression. NaN handling follows torch:
the comparison-based ops (relu, maximum, minimum, clamp) are written so that a NaN propagates.

Backward formulas are written with Tensor methods and operators only (so they run on every device
and are themselves differentiable), read saved values by name (ctx._saved_self, ._saved_other,
._saved_result, and the non-tensor values recorded with them) and undo broadcasting with sum_to.
"""
import math

from . import registry as R
from ._grad_utils import sum_to, threshold_backward
from .registry import (ARITH, BINARY, BITWISE, COMPARE, FLOAT_MATH, LOGICAL, PREDICATE, SAME, TERNARY, TRUEDIV,
                       UNARY, Op)

# ---------------------------------------------------------------- unary backward formulas


def neg_backward(ctx, g):
    return (-g,)


def abs_backward(ctx, g):
    return (g * ctx._saved_self.sign(),)


def zero_backward(ctx, g):
    return (g * 0,)


def identity_backward(ctx, g):
    return (g,)


def exp_backward(ctx, g):
    return (g * ctx._saved_result,)


def log_backward(ctx, g):
    return (g / ctx._saved_self,)


def log2_backward(ctx, g):
    return (g / (ctx._saved_self * math.log(2.0)),)


def log10_backward(ctx, g):
    return (g / (ctx._saved_self * math.log(10.0)),)


def log1p_backward(ctx, g):
    return (g / (ctx._saved_self + 1),)


def expm1_backward(ctx, g):
    return (g * (ctx._saved_result + 1),)


def exp2_backward(ctx, g):
    return (g * ctx._saved_result * math.log(2.0),)


def sqrt_backward(ctx, g):
    return (g / (2 * ctx._saved_result),)


def rsqrt_backward(ctx, g):
    return (-0.5 * g * ctx._saved_result ** 3,)


def square_backward(ctx, g):
    return (2 * g * ctx._saved_self,)


def reciprocal_backward(ctx, g):
    r = ctx._saved_result
    return (-g * r * r,)


def sin_backward(ctx, g):
    return (g * ctx._saved_self.cos(),)


def cos_backward(ctx, g):
    return (-g * ctx._saved_self.sin(),)


def tan_backward(ctx, g):
    return (g * (1 + ctx._saved_result ** 2),)


def asin_backward(ctx, g):
    return (g * (1 - ctx._saved_self ** 2).rsqrt(),)


def acos_backward(ctx, g):
    return (-g * (1 - ctx._saved_self ** 2).rsqrt(),)


def atan_backward(ctx, g):
    return (g / (1 + ctx._saved_self ** 2),)


def sinh_backward(ctx, g):
    return (g * ctx._saved_self.cosh(),)


def cosh_backward(ctx, g):
    return (g * ctx._saved_self.sinh(),)


def tanh_backward(ctx, g):
    return (g * (1 - ctx._saved_result ** 2),)


def sigmoid_backward(ctx, g):
    r = ctx._saved_result
    return (g * r * (1 - r),)


def relu_backward(ctx, g):
    return (threshold_backward(ctx._saved_result, g, 0.0),)


def erf_backward(ctx, g):
    return (g * (2 / math.sqrt(math.pi)) * (-(ctx._saved_self ** 2)).exp(),)


def erfc_backward(ctx, g):
    return (g * (-2 / math.sqrt(math.pi)) * (-(ctx._saved_self ** 2)).exp(),)


def asinh_backward(ctx, g):
    return (g * (ctx._saved_self ** 2 + 1).rsqrt(),)


def _unary(name, dtype, expr, node=None, backward=None, saves=(), inplace="both", **kw):
    R.add(Op(name, UNARY, dtype=dtype, expr=expr, node=node, backward=backward, saves=saves, inplace=inplace, **kw))


# internal kernels: conversions, no op of their own
_unary("copy", SAME, "x", method=False, function=False, inplace=None)
_unary("to_bool", PREDICATE, "x != 0", method=False, function=False, inplace=None)

_unary("neg", SAME, "-x", "NegBackward0", neg_backward, aliases=("negative",))
_unary("abs", SAME, "abs(x)", "AbsBackward0", abs_backward, ("self",), aliases=("absolute",))
_unary("sign", SAME, "(x > 0) - (x < 0)", "SignBackward0", zero_backward, inplace="method")
_unary("exp", FLOAT_MATH, "np.exp(x)", "ExpBackward0", exp_backward, ("result",))
_unary("log", FLOAT_MATH, "np.log(x)", "LogBackward0", log_backward, ("self",))
_unary("log2", FLOAT_MATH, "np.log2(x)", "Log2Backward0", log2_backward, ("self",))
_unary("log10", FLOAT_MATH, "np.log10(x)", "Log10Backward0", log10_backward, ("self",))
_unary("log1p", FLOAT_MATH, "np.log1p(x)", "Log1PBackward0", log1p_backward, ("self",))
_unary("expm1", FLOAT_MATH, "np.expm1(x)", "Expm1Backward0", expm1_backward, ("result",))
_unary("sqrt", FLOAT_MATH, "np.sqrt(x)", "SqrtBackward0", sqrt_backward, ("result",))
_unary("rsqrt", FLOAT_MATH, "1.0 / np.sqrt(x)", "RsqrtBackward0", rsqrt_backward, ("result",))
_unary("square", SAME, "x * x", "PowBackward0", square_backward, ("self",))
_unary("reciprocal", FLOAT_MATH, "1.0 / x", "ReciprocalBackward0", reciprocal_backward, ("result",))
_unary("sin", FLOAT_MATH, "np.sin(x)", "SinBackward0", sin_backward, ("self",))
_unary("cos", FLOAT_MATH, "np.cos(x)", "CosBackward0", cos_backward, ("self",))
_unary("tan", FLOAT_MATH, "np.tan(x)", "TanBackward0", tan_backward, ("result",))
_unary("asin", FLOAT_MATH, "np.arcsin(x)", "AsinBackward0", asin_backward, ("self",), aliases=("arcsin",))
_unary("acos", FLOAT_MATH, "np.arccos(x)", "AcosBackward0", acos_backward, ("self",), aliases=("arccos",))
_unary("atan", FLOAT_MATH, "np.arctan(x)", "AtanBackward0", atan_backward, ("self",), aliases=("arctan",))
_unary("sinh", FLOAT_MATH, "np.sinh(x)", "SinhBackward0", sinh_backward, ("self",))
_unary("cosh", FLOAT_MATH, "np.cosh(x)", "CoshBackward0", cosh_backward, ("self",))
_unary("asinh", FLOAT_MATH, "np.arcsinh(x)", "AsinhBackward0", asinh_backward, ("self",), aliases=("arcsinh",))
_unary("tanh", FLOAT_MATH, "np.tanh(x)", "TanhBackward0", tanh_backward, ("result",))
_unary("sigmoid", FLOAT_MATH, "1.0 / (1.0 + np.exp(-x))", "SigmoidBackward0", sigmoid_backward, ("result",))
_unary("relu", SAME, "x if not x <= 0 else 0", "ReluBackward0", relu_backward, ("result",))
_unary("floor", SAME, "np.floor(x)", "FloorBackward0", zero_backward)
_unary("ceil", SAME, "np.ceil(x)", "CeilBackward0", zero_backward)
_unary("round", SAME, "np.rint(x)", "RoundBackward0", zero_backward)
_unary("trunc", SAME, "np.trunc(x)", "TruncBackward0", zero_backward, aliases=("fix",))
_unary("frac", SAME, "x - np.trunc(x)", "FracBackward0", identity_backward)
_unary("erf", FLOAT_MATH, "math.erf(x)", "ErfBackward0", erf_backward, ("self",))
_unary("erfc", FLOAT_MATH, "math.erfc(x)", "ErfcBackward0", erfc_backward, ("self",))
_unary("exp2", FLOAT_MATH, "np.exp2(x)", "Exp2Backward0", exp2_backward, ("result",))
_unary("isnan", PREDICATE, "x != x", inplace=None)
_unary("isinf", PREDICATE, "np.isinf(x)", inplace=None)
_unary("isfinite", PREDICATE, "np.isfinite(x)", inplace=None)
_unary("logical_not", PREDICATE, "x == 0", inplace="method")
_unary("bitwise_not", SAME, "~x", inplace="method")

# integer inputs need no kernel for these: the result equals the input
IDENTITY_ON_INT = frozenset({"floor", "ceil", "round", "trunc"})

# ---------------------------------------------------------------- binary backward formulas
# A binary node saves its tensor operands as "self"/"other"; a Python scalar operand is recorded as
# the value itself under the same name (torch: grad_fn._saved_other is the scalar). "self_shape" /
# "other_shape" are the shapes to sum a broadcast gradient back to (None: no gradient wanted).


def add_backward(ctx, g):
    alpha = ctx._saved_alpha
    sa, sb = ctx._saved_self_shape, ctx._saved_other_shape
    return (sum_to(g, sa) if sa is not None else None,
            sum_to(g * alpha if alpha != 1 else g, sb) if sb is not None else None)


def sub_backward(ctx, g):
    alpha = ctx._saved_alpha
    sa, sb = ctx._saved_self_shape, ctx._saved_other_shape
    return (sum_to(g, sa) if sa is not None else None,
            sum_to(-g * alpha if alpha != 1 else -g, sb) if sb is not None else None)


def rsub_backward(ctx, g):
    """other - alpha * self with a Python scalar `other`: one edge, to self (torch's RsubBackward1)."""
    return (-g * ctx._saved_alpha if ctx._saved_alpha != 1 else -g,)


def mul_backward(ctx, g):
    a, b = ctx._saved_self, ctx._saved_other
    return (sum_to(g * b, ctx._saved_self_shape) if ctx.needs_input_grad[0] else None,
            sum_to(g * a, ctx._saved_other_shape) if ctx.needs_input_grad[1] else None)


def div_backward(ctx, g):
    a, b = ctx._saved_self, ctx._saved_other
    return (sum_to(g / b, ctx._saved_self_shape) if ctx.needs_input_grad[0] else None,
            sum_to(-g * a / (b * b), ctx._saved_other_shape) if ctx.needs_input_grad[1] else None)


def pow_backward(ctx, g):
    """Both operands tensors (PowBackward1)."""
    a, b = ctx._saved_self, ctx._saved_other
    ga = gb = None
    if ctx.needs_input_grad[0]:
        ga = sum_to(g * b * a.where(b != 0, 1.0) ** (b - 1) * (b != 0), ctx._saved_self_shape)
    if ctx.needs_input_grad[1]:
        # 0 ** b has gradient 0 in b for b >= 0 (log 0 is not used)
        ga_log = a.where((a != 0) | (b < 0), 1.0).log()
        gb = sum_to(g * ctx._saved_result * ga_log, ctx._saved_other_shape)
    return ga, gb


def pow_scalar_exponent_backward(ctx, g):
    """tensor ** scalar (PowBackward0): one edge."""
    a, b = ctx._saved_self, ctx._saved_exponent
    return (g * b * a ** (b - 1) if b != 0 else g * 0,)


def pow_scalar_base_backward(ctx, g):
    """scalar ** tensor (PowBackward2): one edge, to the exponent."""
    a, out = ctx._saved_self, ctx._saved_result
    return (g * out * math.log(a) if a != 0 else g * 0,)


def maximum_backward(ctx, g):
    return _extreme_backward(ctx, g, True)


def minimum_backward(ctx, g):
    return _extreme_backward(ctx, g, False)


def _extreme_backward(ctx, g, is_max):
    a, b = ctx._saved_self, ctx._saved_other
    win_a = (a > b) if is_max else (a < b)
    # ties split the gradient evenly, as torch does
    wa = win_a + (a == b) * 0.5
    return (sum_to(g * wa, ctx._saved_self_shape) if ctx.needs_input_grad[0] else None,
            sum_to(g * (1 - wa), ctx._saved_other_shape) if ctx.needs_input_grad[1] else None)


def fmax_backward(ctx, g):
    return _first_wins_backward(ctx, g, True)


def fmin_backward(ctx, g):
    return _first_wins_backward(ctx, g, False)


def _first_wins_backward(ctx, g, is_max):
    # fmax/fmin return the first operand on a tie (or when the second is NaN); its gradient goes with it
    a, b = ctx._saved_self, ctx._saved_other
    wa = ((a >= b) if is_max else (a <= b)).logical_or(b.isnan())
    return (sum_to(g * wa, ctx._saved_self_shape) if ctx.needs_input_grad[0] else None,
            sum_to(g * wa.logical_not(), ctx._saved_other_shape) if ctx.needs_input_grad[1] else None)


def remainder_backward(ctx, g):
    a, b = ctx._saved_self, ctx._saved_other
    return (sum_to(g, ctx._saved_self_shape) if ctx.needs_input_grad[0] else None,
            sum_to(-g * (a // b), ctx._saved_other_shape) if ctx.needs_input_grad[1] else None)


def fmod_backward(ctx, g):
    a, b = ctx._saved_self, ctx._saved_other
    return (sum_to(g, ctx._saved_self_shape) if ctx.needs_input_grad[0] else None,
            sum_to(-g * (a / b).trunc(), ctx._saved_other_shape) if ctx.needs_input_grad[1] else None)


def atan2_backward(ctx, g):
    a, b = ctx._saved_self, ctx._saved_other
    den = a * a + b * b
    return (sum_to(g * b / den, ctx._saved_self_shape) if ctx.needs_input_grad[0] else None,
            sum_to(-g * a / den, ctx._saved_other_shape) if ctx.needs_input_grad[1] else None)


def _binary(name, dtype, expr, node=None, backward=None, saves=(), inplace="method", **kw):
    R.add(Op(name, BINARY, dtype=dtype, expr=expr, node=node, backward=backward, saves=saves, inplace=inplace,
             **kw))


_SELF_OTHER = ("self", "other")
_binary("add", ARITH, "a + b", "AddBackward0", add_backward)
_binary("sub", ARITH, "a - b", "SubBackward0", sub_backward, aliases=("subtract",))
_binary("mul", ARITH, "a * b", "MulBackward0", mul_backward, _SELF_OTHER, aliases=("multiply",))
_binary("div", TRUEDIV, "a / b", "DivBackward0", div_backward, _SELF_OTHER, aliases=("divide",))
_binary("floor_divide", ARITH, "a // b")
_binary("remainder", ARITH, "a % b", "RemainderBackward1", remainder_backward, _SELF_OTHER)
_binary("fmod", ARITH, "np.fmod(a, b)", "FmodBackward1", fmod_backward, _SELF_OTHER)
# torch's nodes for a Python scalar `other` where its Scalar overload has its own (one edge, to self)
SCALAR_OTHER_NODES = {"remainder": "RemainderBackward0", "fmod": "FmodBackward0"}
_binary("pow", ARITH, "a ** b", "PowBackward1", pow_backward, _SELF_OTHER, other="exponent")
_binary("atan2", TRUEDIV, "np.arctan2(a, b)", "Atan2Backward0", atan2_backward, _SELF_OTHER,
        aliases=("arctan2",))
_binary("maximum", ARITH, "a if (a > b or a != a) else b", "MaximumBackward0", maximum_backward, _SELF_OTHER,
        inplace=None)
_binary("minimum", ARITH, "a if (a < b or a != a) else b", "MinimumBackward0", minimum_backward, _SELF_OTHER,
        inplace=None)
_binary("fmax", ARITH, "a if (a > b or b != b) else b", "FmaxBackward0", fmax_backward, _SELF_OTHER,
        inplace=None)
_binary("fmin", ARITH, "a if (a < b or b != b) else b", "FminBackward0", fmin_backward, _SELF_OTHER,
        inplace=None)
_binary("eq", COMPARE, "a == b")
_binary("ne", COMPARE, "a != b", aliases=("not_equal",))
_binary("lt", COMPARE, "a < b", aliases=("less",))
_binary("le", COMPARE, "a <= b", aliases=("less_equal",))
_binary("gt", COMPARE, "a > b", aliases=("greater",))
_binary("ge", COMPARE, "a >= b", aliases=("greater_equal",))
_binary("logical_and", LOGICAL, "(a != 0) and (b != 0)")
_binary("logical_or", LOGICAL, "(a != 0) or (b != 0)")
_binary("logical_xor", LOGICAL, "(a != 0) != (b != 0)")
_binary("bitwise_and", BITWISE, "a & b")
_binary("bitwise_or", BITWISE, "a | b")
_binary("bitwise_xor", BITWISE, "a ^ b")

# ---------------------------------------------------------------- ternary kernels
# where/clamp/lerp are functions of elementwise.py (their own argument handling); the registry holds
# their kernels. clamp(x=c, lo=a, hi=b) = min(max(x, lo), hi), NaN propagating from x and the bounds.
R.add(Op("where", TERNARY, dtype=ARITH, expr="a if c else b", node="WhereBackward0", method=False, function=False))
R.add(Op("clamp", TERNARY, dtype=ARITH, node="ClampBackward1", method=False, function=False,
         expr="b if (b < (a if (a > c or a != a) else c) or b != b) else (a if (a > c or a != a) else c)"))
R.add(Op("lerp", TERNARY, dtype=ARITH, expr="c + b * (a - c)", node="LerpBackward0", method=False, function=False))

UNARY_OPS = R.table(UNARY)
BINARY_OPS = R.table(BINARY)
