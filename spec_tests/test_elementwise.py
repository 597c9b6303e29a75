"""Elementwise math against the float64 oracle (https://pytorch.org/docs/stable/torch.html#pointwise-ops)."""
import math

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from . import oracle
from . import strategies as S
from .catalogue import api, cases, doc, seed, spec
from . import seed_passages as SP
from .harness import check, check_raises

# ---------------------------------------------------------------------------------------------
# unary functions that always return a floating tensor

UNARY_FLOAT = cases([
    ("elementwise.exp", api("torch.exp"), "exp", dict(lo=-10, hi=10)),
    ("elementwise.log", api("torch.log"), "log", dict(lo=0.01, hi=100)),
    ("elementwise.log1p", api("torch.log1p"), "log1p", dict(lo=-0.9, hi=100)),
    ("elementwise.expm1", api("torch.expm1"), "expm1", dict(lo=-10, hi=10)),
    ("elementwise.exp2", api("torch.exp2"), "exp2", dict(lo=-10, hi=10)),
    ("elementwise.sqrt", api("torch.sqrt"), "sqrt", dict(lo=0, hi=100)),
    ("elementwise.rsqrt", api("torch.rsqrt"), "rsqrt", dict(lo=0.01, hi=100)),
    ("elementwise.sin", api("torch.sin"), "sin", dict(lo=-10, hi=10)),
    ("elementwise.cos", api("torch.cos"), "cos", dict(lo=-10, hi=10)),
    ("elementwise.tanh", api("torch.tanh"), "tanh", dict(lo=-10, hi=10)),
    ("elementwise.sigmoid", api("torch.sigmoid"), "sigmoid", dict(lo=-20, hi=20)),
    ("elementwise.asinh", api("torch.asinh"), "asinh", dict(lo=-1000, hi=1000)),
])


@pytest.mark.parametrize("op, domain", UNARY_FLOAT)
@given(data=st.data())
def test_unary_float(T, op, domain, data):
    x = data.draw(S.arrays(S.dtypes(S.FLOATS), **domain), label="a")
    check(T, f"torch.{op}(a)", x, expected=getattr(oracle, op))


@pytest.mark.parametrize("op, domain", UNARY_FLOAT)
@given(data=st.data())
def test_unary_float_of_integers(T, op, domain, data):
    # Integer inputs compute in the default float dtype; the method form must agree.
    x = data.draw(S.arrays(S.dtypes(S.INTS), **domain), label="a")
    check(T, f"a.{op}()", x, expected=getattr(oracle, op))


# ---------------------------------------------------------------------------------------------
# unary functions that keep the dtype

UNARY_SAME = cases([
    ("elementwise.neg", api("torch.neg"), "torch.neg(a)", oracle.neg, S.FLOATS + S.SIGNED_INTS),
    ("elementwise.neg-operator", api("torch.neg"), "-a", oracle.neg, S.FLOATS + S.SIGNED_INTS),
    ("elementwise.abs", api("torch.abs"), "torch.abs(a)", oracle.abs, S.NUMERIC),
    ("elementwise.abs-builtin", api("torch.abs"), "abs(a)", oracle.abs, S.NUMERIC),
    ("elementwise.sign", api("torch.sign"), "torch.sign(a)", oracle.sign, S.FLOATS + S.SIGNED_INTS),
    ("elementwise.relu", api("torch.nn.functional.relu"), "torch.relu(a)", oracle.relu, S.NUMERIC),
    ("elementwise.floor", api("torch.floor"), "torch.floor(a)", oracle.floor, S.NUMERIC),
    ("elementwise.ceil", api("torch.ceil"), "a.ceil()", oracle.ceil, S.NUMERIC),
    ("elementwise.round", api("torch.round"), "torch.round(a)", oracle.round, S.NUMERIC),
    ("elementwise.trunc", api("torch.trunc"), "torch.trunc(a)", oracle.trunc, S.NUMERIC),
])


@pytest.mark.parametrize("code, fn, kinds", UNARY_SAME)
@given(data=st.data())
def test_unary_same_dtype(T, code, fn, kinds, data):
    x = data.draw(S.arrays(S.dtypes(kinds)), label="a")
    check(T, code, x, expected=fn)


@spec("elementwise.round-half-to-even", api("torch.round"))
# the worked example(s) of the page this cites
@example(x=np.array([4.7, -2.3, 9.1, -7.7], np.float32))
@example(x=np.array([-0.5, 0.5, 1.5, 2.5], np.float32))
@given(x=S.arrays(S.dtypes(S.FLOATS), quarters=True, lo=-10, hi=10))
def test_round_half_even(T, x):
    # Multiples of 0.25 put many elements exactly halfway between two integers.
    check(T, "torch.round(a)", x, expected=lambda x: np.round(x))


# ---------------------------------------------------------------------------------------------
# binary arithmetic, with Python scalars on either side

ARITH = cases([
    ("elementwise.add", SP.TENSOR_OPS, "+", oracle.add, dict(lo=-60, hi=60), dict(lo=-60, hi=60), True),
    ("elementwise.sub", api("torch.sub"), "-", oracle.sub, dict(lo=-60, hi=60), dict(lo=-60, hi=60), False),
    ("elementwise.mul", api("torch.mul"), "*", oracle.mul, dict(lo=-11, hi=11),
     dict(lo=-11, hi=11), True),
    ("elementwise.true-div", api("torch.div"), "/", oracle.div, dict(), dict(avoid=0.25), False),
    ("elementwise.floor-divide", api("torch.floor_divide"), "//", oracle.floor_divide,
     dict(quarters=True, lo=-50, hi=50), dict(quarters=True, lo=-50, hi=50, avoid=0.25), False),
    ("elementwise.remainder", api("torch.remainder"), "%", oracle.remainder,
     dict(quarters=True, lo=-50, hi=50), dict(quarters=True, lo=-50, hi=50, avoid=0.25), False),
    ("elementwise.pow", api("torch.pow"), "**", oracle.pow, dict(lo=1, hi=5), dict(lo=0, hi=3), False),
])


def _tensor(data, domain, with_bool, label, shape=None):
    kinds = S.NUMERIC + (("bool",) if with_bool else ())
    return data.draw(S.arrays(S.dtypes(kinds), shape, **domain), label=label)


def _scalar(data, domain, with_bool, label):
    kinds = ["int", "float"] + (["bool"] if with_bool else [])
    kind = data.draw(st.sampled_from(kinds), label=label + " kind")
    d = {k: v for k, v in domain.items() if k in ("lo", "hi", "avoid", "quarters")}
    if kind == "int":
        d.pop("quarters", None)
    return data.draw(S.scalars(kind, **{"lo": -S.BOUND, "hi": S.BOUND, **d}), label=label)


@pytest.mark.parametrize("sym, fn, left, right, with_bool", ARITH)
@given(data=st.data())
def test_tensor_op_tensor(T, sym, fn, left, right, with_bool, data):
    shapes = data.draw(S.broadcastable_shapes(2), label="shapes")
    a = _tensor(data, left, with_bool, "a", shapes[0])
    b = _tensor(data, right, with_bool, "b", shapes[1])
    check(T, f"a {sym} b", a, b, expected=fn)


@pytest.mark.parametrize("sym, fn, left, right, with_bool", ARITH)
@given(data=st.data())
def test_tensor_op_scalar(T, sym, fn, left, right, with_bool, data):
    a = _tensor(data, left, with_bool, "a")
    b = _scalar(data, right, with_bool, "b")
    check(T, f"a {sym} b", a, b, expected=fn)


@pytest.mark.parametrize("sym, fn, left, right, with_bool", ARITH)
@given(data=st.data())
def test_scalar_op_tensor(T, sym, fn, left, right, with_bool, data):
    # The reflected operators (__radd__, __rsub__, __rtruediv__, __rpow__, ...).
    a = _tensor(data, right, with_bool, "a")
    b = _scalar(data, left, with_bool, "b")
    check(T, f"b {sym} a", a, b, expected=lambda a, b: fn(b, a))


FUNCTIONS = cases([
    ("elementwise.add-function", SP.TENSOR_OPS, "torch.add(a, b)", oracle.add),
    ("elementwise.add-alpha", api("torch.add"), "torch.add(a, b, alpha=2)", lambda a, b: oracle.add(a, oracle.mul(b, 2))),
    ("elementwise.sub-alpha", api("torch.sub"), "torch.sub(a, b, alpha=3)", lambda a, b: oracle.sub(a, oracle.mul(b, 3))),
    ("elementwise.mul-function", api("torch.mul"), "torch.mul(a, b)", oracle.mul),
    ("elementwise.div-floor-mode", api("torch.div"), "torch.div(a, b, rounding_mode='floor')", oracle.floor_divide),
    ("elementwise.div-trunc-mode", api("torch.div"), "torch.div(a, b, rounding_mode='trunc')", oracle.div_trunc),
    ("elementwise.maximum", api("torch.maximum"), "torch.maximum(a, b)", oracle.maximum),
    ("elementwise.minimum", api("torch.minimum"), "torch.minimum(a, b)", oracle.minimum),
    ("elementwise.pow-function", api("torch.pow"), "torch.pow(a.abs() + 1, b.abs() % 3)",
     lambda a, b: oracle.pow(oracle.add(oracle.abs(a), 1), oracle.remainder(oracle.abs(b), 3))),
])


@pytest.mark.parametrize("code, fn", FUNCTIONS)
@given(data=st.data())
def test_binary_functions(T, code, fn, data):
    shapes = data.draw(S.broadcastable_shapes(2), label="shapes")
    a = data.draw(S.arrays(S.dtypes(S.FLOATS + S.SIGNED_INTS), shapes[0], quarters=True, lo=-10, hi=10), label="a")
    b = data.draw(S.arrays(S.dtypes(S.FLOATS + S.SIGNED_INTS), shapes[1], quarters=True, lo=-10, hi=10,
                           avoid=0.25), label="b")
    check(T, code, a, b, expected=fn)


@spec("elementwise.pow-negative-float-exponent", api("torch.pow"))
@given(x=S.arrays(S.dtypes(S.FLOATS), lo=0.5, hi=20), e=st.sampled_from([-0.5, -1.0, -2.0, 0.5, 1.5]))
def test_pow_float_exponent(T, x, e):
    check(T, "a ** b", x, e, expected=oracle.pow)


@spec("elementwise.square-via-pow-2", api("torch.pow"))
@given(x=S.arrays(S.dtypes(S.FLOATS + S.SIGNED_INTS), lo=-11, hi=11))
def test_pow_two(T, x):
    check(T, "a ** 2", x, expected=lambda x: oracle.pow(x, 2))


# ---------------------------------------------------------------------------------------------
# comparisons and logic

COMPARE = cases([
    ("elementwise.eq", api("torch.eq"), "==", oracle.eq, "torch.eq"),
    ("elementwise.ne", api("torch.ne"), "!=", oracle.ne, "torch.ne"),
    ("elementwise.lt", api("torch.lt"), "<", oracle.lt, "torch.lt"),
    ("elementwise.le", api("torch.le"), "<=", oracle.le, "torch.le"),
    ("elementwise.gt", api("torch.gt"), ">", oracle.gt, "torch.gt"),
    ("elementwise.ge", api("torch.ge"), ">=", oracle.ge, "torch.ge"),
])

# Small multiples of 0.25: comparisons need many exact ties to be tested at all.
TIES = dict(quarters=True, lo=-3, hi=3)
REFLECT = {"==": "==", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}


@pytest.mark.parametrize("sym, fn, func", COMPARE)
@given(data=st.data())
def test_compare(T, sym, fn, func, data):
    shapes = data.draw(S.broadcastable_shapes(2), label="shapes")
    a = data.draw(S.arrays(S.dtypes(), shapes[0], **TIES), label="a")
    b = data.draw(S.arrays(S.dtypes(), shapes[1], **TIES), label="b")
    check(T, f"a {sym} b", a, b, expected=fn)
    check(T, f"{func}(a, b)", a, b, expected=fn)
    s = data.draw(st.one_of(S.scalars("int", -3, 3), S.scalars("float", -3, 3, quarters=True)), label="s")
    check(T, f"a {sym} b", a, s, expected=fn)
    # A scalar on the left reaches the tensor's reflected comparison.
    check(T, f"b {REFLECT[sym]} a", a, s, expected=fn)


LOGICAL = cases([
    ("elementwise.logical-and", api("torch.logical_and"), "torch.logical_and(a, b)", oracle.logical_and),
    ("elementwise.logical-or", api("torch.logical_or"), "torch.logical_or(a, b)", oracle.logical_or),
    ("elementwise.logical-xor", api("torch.logical_xor"), "torch.logical_xor(a, b)", oracle.logical_xor),
    ("elementwise.logical-not", api("torch.logical_not"), "torch.logical_not(a)", lambda a, b: oracle.logical_not(a)),
])


@pytest.mark.parametrize("code, fn", LOGICAL)
@given(data=st.data())
def test_logical(T, code, fn, data):
    shapes = data.draw(S.broadcastable_shapes(2), label="shapes")
    a = data.draw(S.arrays(S.dtypes(), shapes[0], lo=-2, hi=2, integral=True), label="a")
    b = data.draw(S.arrays(S.dtypes(), shapes[1], lo=-2, hi=2, integral=True), label="b")
    check(T, code, a, b, expected=fn)


BOOL_OPS = cases([
    ("elementwise.bool-and-operator", api("torch.bitwise_and"), "a & b", np.logical_and),
    ("elementwise.bool-or-operator", api("torch.bitwise_or"), "a | b", np.logical_or),
    ("elementwise.bool-xor-operator", api("torch.bitwise_xor"), "a ^ b", np.logical_xor),
    ("elementwise.bool-invert-operator", api("torch.bitwise_not"), "~a", lambda a, b: np.logical_not(a)),
])


@pytest.mark.parametrize("code, fn", BOOL_OPS)
@given(shapes=S.broadcastable_shapes(2), data=st.data())
def test_bool_operators(T, code, fn, shapes, data):
    a = data.draw(S.arrays("bool", shapes[0]), label="a")
    b = data.draw(S.arrays("bool", shapes[1]), label="b")
    check(T, code, a, b, expected=fn)


@spec("elementwise.where-with-scalar", api("torch.where"))
@given(data=st.data(), s=st.one_of(S.scalars("float", -5, 5), S.scalars("int", -5, 5)))
def test_where_scalar(T, data, s):
    x = data.draw(S.arrays(S.dtypes(S.NUMERIC), lo=-50, hi=50), label="b")
    c = data.draw(S.arrays("bool", x.shape), label="a")
    check(T, "torch.where(a, b, c)", c, x, s, expected=oracle.where)


@spec("elementwise.where-promotes", api("torch.where"))
@given(data=st.data())
def test_where_promotes(T, data):
    x = data.draw(S.arrays(S.dtypes(S.NUMERIC), lo=-50, hi=50), label="b")
    y = data.draw(S.arrays(S.dtypes(S.NUMERIC), x.shape, lo=-50, hi=50), label="c")
    c = data.draw(S.arrays("bool", x.shape), label="a")
    check(T, "torch.where(a, b, c)", c, x, y, expected=oracle.where)


# ---------------------------------------------------------------------------------------------
# clamp

@spec("elementwise.clamp-min-max", api("torch.clamp"))
@given(x=S.arrays(S.dtypes(S.FLOATS)), lo=S.scalars("float", -50, 50), hi=S.scalars("float", -50, 50))
def test_clamp(T, x, lo, hi):
    # lo > hi is allowed: every element becomes hi.
    check(T, "torch.clamp(a, min=b, max=c)", x, lo, hi, expected=lambda a, lo, hi: oracle.clamp(a, lo, hi))


@spec("elementwise.clamp-min-only", api("torch.clamp"))
@given(x=S.arrays(S.dtypes(S.FLOATS + S.SIGNED_INTS)))
def test_clamp_min(T, x):
    check(T, "a.clamp(min=0)", x, expected=lambda a: oracle.clamp(a, min=0))


@spec("elementwise.clamp-max-only", api("torch.clamp"))
@given(x=S.arrays(S.dtypes(S.FLOATS + S.SIGNED_INTS)), hi=S.scalars("int", -20, 20))
def test_clamp_max(T, x, hi):
    check(T, "a.clamp(max=b)", x, hi, expected=lambda a, hi: oracle.clamp(a, max=hi))


@spec("elementwise.clamp-tensor-bounds", api("torch.clamp"))
@given(data=st.data())
def test_clamp_tensors(T, data):
    shapes = data.draw(S.broadcastable_shapes(3), label="shapes")
    a, lo, hi = (data.draw(S.arrays("float32", s), label=n) for s, n in zip(shapes, "abc"))
    check(T, "torch.clamp(a, b, c)", a, lo, hi, expected=lambda a, lo, hi: oracle.clamp(a, lo, hi))


# ---------------------------------------------------------------------------------------------
# non-finite values

@st.composite
def with_specials(draw, dtype):
    shape = draw(S.shapes(1, 3))
    n = math.prod(shape)
    finite = S.elements(dtype)
    special = st.sampled_from([math.nan, math.inf, -math.inf])
    values = draw(st.lists(st.one_of(finite, special), min_size=n, max_size=n))
    return np.array(values, dtype=dtype).reshape(shape)


CLASSIFY = cases([
    ("elementwise.isnan", api("torch.isnan"), "torch.isnan(a)", oracle.isnan),
    ("elementwise.isfinite", api("torch.isfinite"), "torch.isfinite(a)", oracle.isfinite),
    ("elementwise.isinf", api("torch.isinf"), "torch.isinf(a)", oracle.isinf),
    ("elementwise.nan-propagates-through-add", doc("notes/numerical_accuracy.html"), "a + 1", lambda a: oracle.add(a, 1)),
    ("elementwise.nan-compares-unequal", doc("notes/numerical_accuracy.html"), "a == a", lambda a: oracle.eq(a, a)),
])


@pytest.mark.parametrize("code, fn", CLASSIFY)
@given(data=st.data())
def test_classify(T, code, fn, data):
    x = data.draw(with_specials(data.draw(S.dtypes(S.FLOATS), label="dtype")), label="a")
    check(T, code, x, expected=fn)


@spec("elementwise.isfinite-of-integers", api("torch.isfinite"))
@given(x=S.arrays(S.dtypes(S.INTS + ("bool",))))
def test_isfinite_ints(T, x):
    check(T, "(torch.isfinite(a), torch.isnan(a))", x, expected=lambda x: (np.ones(x.shape, bool), np.zeros(x.shape, bool)))


ROUND = api("torch.round")


@spec("elementwise.round-decimals", ROUND)
@given(x=S.arrays(S.dtypes(("float32", "float64")), S.shapes(0, 3), lo=-200, hi=200, quarters=True),
       decimals=st.integers(-2, 3))
def test_round_decimals(T, x, decimals):
    # quarter-grid values: x * 10**decimals is exact in both dtypes and x / 10**-decimals never lands
    # near a half it does not hit exactly, so the float64 oracle rounds the same halves (to even)
    check(T, f"(torch.round(a, decimals={decimals}), a.round(decimals={decimals}), "
             f"a.clone().round_(decimals={decimals}))", x,
          expected=lambda a: (np.round(a.astype(np.float64), decimals).astype(a.dtype),) * 3)


@spec("elementwise.round-decimals-integers-raise", ROUND)
def test_round_decimals_integers(T):
    check_raises(T, "torch.round(torch.tensor([15, 25]), decimals=-1)", exc=NotImplementedError,
                 contains=("round",))
