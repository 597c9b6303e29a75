"""Gradients of elementwise ops against float64 closed forms (spec_tests/oracle_grad.py).

Inputs are float64, drawn inside each op's domain and away from its kinks (0 for abs and relu,
the bounds for clamp); maximum/minimum draw from a coarse grid so that ties happen, and torch
splits a tie's gradient evenly between the two sides.
"""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import oracle_grad as OG
from . import strategies as S
from .catalogue import api, cases, doc, seed, spec
from . import seed_passages as SP
from .grad_harness import check_grad

F64 = "float64"
AUTOGRAD = doc("notes/autograd.html")


def arr(data, label, shape=None, **domain):
    return data.draw(S.arrays(F64, shape, **domain), label=label)


# ---------------------------------------------------------------------------------------------
# unary

UNARY = cases([
    ("grad.neg", api("torch.neg"), "-a", OG.neg, {}),
    ("grad.neg-function", api("torch.neg"), "torch.neg(a)", OG.neg, {}),
    ("grad.abs", api("torch.abs"), "torch.abs(a)", OG.abs, dict(avoid=0.01)),
    ("grad.exp", api("torch.exp"), "torch.exp(a)", OG.exp, dict(lo=-5, hi=5)),
    ("grad.log", api("torch.log"), "torch.log(a)", OG.log, dict(lo=0.05, hi=50)),
    ("grad.log1p", api("torch.log1p"), "torch.log1p(a)", OG.log1p, dict(lo=-0.9, hi=50)),
    ("grad.expm1", api("torch.expm1"), "torch.expm1(a)", OG.expm1, dict(lo=-5, hi=5)),
    ("grad.exp2", api("torch.exp2"), "torch.exp2(a)", OG.exp2, dict(lo=-5, hi=5)),
    ("grad.sqrt", api("torch.sqrt"), "torch.sqrt(a)", OG.sqrt, dict(lo=0.05, hi=50)),
    ("grad.rsqrt", api("torch.rsqrt"), "torch.rsqrt(a)", OG.rsqrt, dict(lo=0.05, hi=50)),
    ("grad.sin", api("torch.sin"), "torch.sin(a)", OG.sin, dict(lo=-6, hi=6)),
    ("grad.cos", api("torch.cos"), "torch.cos(a)", OG.cos, dict(lo=-6, hi=6)),
    ("grad.tanh", api("torch.tanh"), "torch.tanh(a)", OG.tanh, dict(lo=-5, hi=5)),
    ("grad.sigmoid", api("torch.sigmoid"), "torch.sigmoid(a)", OG.sigmoid, dict(lo=-10, hi=10)),
    ("grad.asinh", api("torch.asinh"), "torch.asinh(a)", OG.asinh, dict(lo=-50, hi=50)),
    ("grad.arcsinh", api("torch.arcsinh"), "a.arcsinh()", OG.asinh, dict(lo=-50, hi=50)),
    ("grad.relu", SP.AUTOGRAD, "torch.relu(a)", OG.relu, dict(avoid=0.01)),
    ("grad.exp-method", api("torch.Tensor.exp"), "a.exp()", OG.exp, dict(lo=-5, hi=5)),
    ("grad.tanh-method", api("torch.Tensor.tanh"), "a.tanh()", OG.tanh, dict(lo=-5, hi=5)),
])


@pytest.mark.parametrize("code, op, domain", UNARY)
@given(data=st.data())
def test_unary(T, code, op, domain, data):
    check_grad(T, data, code, arr(data, "a", **domain), oracle=op)


# ---------------------------------------------------------------------------------------------
# clamp: the bounds sit at odd multiples of 1/8 and x on multiples of 1/4, so no x meets a bound

@st.composite
def clamp_args(draw):
    x = draw(S.arrays(F64, None, lo=-3, hi=3, quarters=True))
    lo = draw(st.integers(-12, 8)) / 4 + 0.125
    hi = lo + draw(st.integers(0, 8)) / 4 + 0.25
    return x, lo, hi


CLAMPS = cases([
    ("grad.clamp", api("torch.clamp"), "torch.clamp(a, {lo}, {hi})", True, True),
    ("grad.clamp-min", api("torch.clamp"), "torch.clamp(a, min={lo})", True, False),
    ("grad.clamp-max", api("torch.clamp"), "a.clamp(max={hi})", False, True),
])


@pytest.mark.parametrize("template, use_lo, use_hi", CLAMPS)
@given(args=clamp_args(), data=st.data())
def test_clamp(T, template, use_lo, use_hi, args, data):
    x, lo, hi = args
    bounds = dict(min=lo if use_lo else None, max=hi if use_hi else None)
    check_grad(T, data, template.format(lo=lo, hi=hi), x, oracle=lambda x: OG.clamp(x, **bounds))


# ---------------------------------------------------------------------------------------------
# binary, tensor with tensor: broadcast inputs get their gradient summed back to their shape

BINARY = cases([
    ("grad.add", SP.AUTOGRAD, "a + b", OG.add, {}, {}),
    ("grad.add-function", api("torch.add"), "torch.add(a, b)", OG.add, {}, {}),
    ("grad.sub", api("torch.sub"), "a - b", OG.sub, {}, {}),
    ("grad.mul", SP.AUTOGRAD, "a * b", OG.mul, dict(lo=-5, hi=5), dict(lo=-5, hi=5)),
    ("grad.mul-function", api("torch.mul"), "torch.mul(a, b)", OG.mul, dict(lo=-5, hi=5), dict(lo=-5, hi=5)),
    ("grad.div", api("torch.div"), "a / b", OG.div, dict(lo=-5, hi=5), dict(lo=-5, hi=5, avoid=0.5)),
    ("grad.div-function", api("torch.div"), "torch.div(a, b)", OG.div, dict(lo=-5, hi=5),
     dict(lo=-5, hi=5, avoid=0.5)),
    ("grad.pow-tensor-exponent", api("torch.pow"), "a ** b", OG.pow, dict(lo=0.25, hi=3), dict(lo=-2, hi=2)),
    ("grad.pow-function", api("torch.pow"), "torch.pow(a, b)", OG.pow, dict(lo=0.25, hi=3), dict(lo=-2, hi=2)),
    ("grad.maximum-ties-split", api("torch.maximum"), "torch.maximum(a, b)", OG.maximum,
     dict(lo=-1, hi=1, quarters=True), dict(lo=-1, hi=1, quarters=True)),
    ("grad.minimum-ties-split", api("torch.minimum"), "torch.minimum(a, b)", OG.minimum,
     dict(lo=-1, hi=1, quarters=True), dict(lo=-1, hi=1, quarters=True)),
])


@pytest.mark.parametrize("code, op, left, right", BINARY)
@given(data=st.data())
def test_binary(T, code, op, left, right, data):
    sa, sb = data.draw(S.broadcastable_shapes(2), label="shapes")
    check_grad(T, data, code, arr(data, "a", sa, **left), arr(data, "b", sb, **right), oracle=op)


@spec("grad.add-alpha", api("torch.add"))
@given(data=st.data(), alpha=st.sampled_from([2, -0.5, 3.25]))
def test_add_alpha(T, data, alpha):
    sa, sb = data.draw(S.broadcastable_shapes(2), label="shapes")
    check_grad(T, data, f"torch.add(a, b, alpha={alpha})", arr(data, "a", sa), arr(data, "b", sb),
               oracle=lambda a, b: OG.add_alpha(a, b, alpha))


@spec("grad.same-tensor-both-operands", AUTOGRAD)
@given(data=st.data())
def test_same_tensor_twice(T, data):
    # x * x: the two uses' gradients add up to 2x.
    check_grad(T, data, "a * a", arr(data, "a", lo=-5, hi=5), oracle=OG.square)


# ---------------------------------------------------------------------------------------------
# binary with a Python number on one side

SCALAR = cases([
    ("grad.mul-scalar", SP.AUTOGRAD, "a * {c}", OG.mul_scalar, {}, {}),
    ("grad.rmul-scalar", SP.AUTOGRAD_COMPUTES_GRADIENTS, "{c} * a", lambda x, c: OG.mul_scalar(x, c), {}, {}),
    ("grad.add-scalar", SP.AUTOGRAD, "a + {c}", OG.add_scalar, {}, {}),
    ("grad.rsub-scalar", api("torch.sub"), "{c} - a", lambda x, c: OG.rsub(c, x), {}, {}),
    ("grad.div-scalar", api("torch.div"), "a / {c}", OG.div_scalar, {}, dict(avoid=0.5)),
    ("grad.rdiv-scalar", api("torch.div"), "{c} / a", lambda x, c: OG.rdiv(c, x), dict(avoid=0.5), {}),
    ("grad.pow-scalar-exponent", SP.AUTOGRAD, "a ** {c}", OG.pow_scalar,
     dict(lo=0.25, hi=4), dict(lo=-3, hi=3)),
    ("grad.pow-scalar-exponent-function", api("torch.pow"), "torch.pow(a, {c})", OG.pow_scalar,
     dict(lo=0.25, hi=4), dict(lo=-3, hi=3)),
    ("grad.pow-scalar-base", api("torch.pow"), "{c} ** a", lambda x, c: OG.rpow(c, x), dict(lo=-3, hi=3),
     dict(lo=0.25, hi=5)),
    ("grad.pow-scalar-base-function", api("torch.pow"), "torch.pow({c}, a)", lambda x, c: OG.rpow(c, x),
     dict(lo=-3, hi=3), dict(lo=0.25, hi=5)),
])


@pytest.mark.parametrize("template, op, domain, scalar", SCALAR)
@given(data=st.data())
def test_scalar_operand(T, template, op, domain, scalar, data):
    x = arr(data, "a", **domain)
    c = data.draw(S.scalars("float", **{"lo": -5, "hi": 5, **scalar}), label="c")
    check_grad(T, data, template.format(c=repr(c)), x, oracle=lambda x: op(x, c))


@spec("grad.pow-integer-exponent", api("torch.pow"))
@given(data=st.data(), p=st.sampled_from([-2, -1, 0, 1, 2, 3]))
def test_pow_integer_exponent(T, data, p):
    # Integer exponents are defined for negative bases too; p = 0 has a zero gradient.
    check_grad(T, data, f"a ** {p}", arr(data, "a", lo=-3, hi=3, avoid=0.25), oracle=lambda x: OG.pow_scalar(x, p))


# ---------------------------------------------------------------------------------------------
# where and dtype conversion

@spec("grad.where", api("torch.where"))
@given(data=st.data())
def test_where(T, data):
    sc, sa, sb = data.draw(S.broadcastable_shapes(3), label="shapes")
    cond = data.draw(S.arrays("bool", sc), label="cond")
    check_grad(T, data, "torch.where(a, b, c)", cond, arr(data, "b", sa), arr(data, "c", sb), oracle=OG.where)


CASTS = cases([
    ("grad.to-float32-casts-back", api("torch.Tensor.to"), "float64", "float32"),
    ("grad.to-float64-casts-back", api("torch.Tensor.to"), "float32", "float64"),
])


@pytest.mark.parametrize("src, dst", CASTS)
@given(data=st.data())
def test_to_dtype(T, src, dst, data):
    # The gradient of a conversion arrives in the input's dtype.
    x = data.draw(S.arrays(src, None, lo=-10, hi=10), label="a")
    check_grad(T, data, f"a.to(torch.{dst})", x, oracle=lambda x: OG.to(x, dst))
