"""Gradients in float32, and gradients at the points where a formula has a kink, a tie or a zero.

The float64 gradient tables (test_grad_elementwise, test_grad_reductions, test_grad_linalg,
test_grad_views) run here again on float32 inputs: the gradient arrives in float32 and is compared
with the float64 closed form rounded to float32 (a backward that computes in the wrong dtype, or
loses precision the forward keeps, shows here).

Singular points follow the autograd notes' rule for non-differentiable functions: a convex kink
takes the sub-gradient of minimum norm (abs and relu at 0: 0; the 2-norm of a zero vector: 0), ties
of amax/amin/max()/maximum share the gradient evenly, while max(dim)/min(dim) give it to the index
they return; clamp passes the gradient at its bounds; prod and cumprod at zeros give the products of
the other factors, never 0/0; a zero base keeps pow's gradient finite for exponents of at least 1.
"""
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import oracle_grad as OG
from . import strategies as S
from .catalogue import api, cases, doc, spec
from .grad_harness import check_grad
from .harness import check
from .oracle_nn import numeric_pullback
from .test_grad_elementwise import BINARY, SCALAR, UNARY
from .test_grad_linalg import MATMUL, PRODUCTS, matmul_shapes
from .test_grad_reductions import ALONG, FULL_EXTREMES, REDUCE, SELECT, SPREAD, distinct, reduce_args, spread_args
from .test_distances import np_cdist
from .test_grad_views import JOINS, SPLITS, VIEW_CASES, join_inputs, split_case, view_case

F32 = "float32"
GRAD_DTYPES = ("float32", "float64")
NON_DIFFERENTIABLE = doc("notes/autograd.html#gradients-for-non-differentiable-functions")


# The float64 tables rerun below in float32 (the coverage meta-test reads their code strings).
FLOAT32_TABLES = (UNARY, BINARY, SCALAR, REDUCE, FULL_EXTREMES, SELECT, SPREAD, ALONG, MATMUL, PRODUCTS, JOINS,
                  VIEW_CASES, SPLITS)


def f32(x):
    return np.asarray(x).astype(np.float32)


# ---------------------------------------------------------------------------------------------
# the float64 tables, in float32

@pytest.mark.parametrize("code, op, domain", UNARY)
@given(data=st.data())
def test_unary_float32(T, code, op, domain, data):
    check_grad(T, data, code, data.draw(S.arrays(F32, None, **domain), label="a"), oracle=op)


@pytest.mark.parametrize("code, op, left, right", BINARY)
@given(data=st.data())
def test_binary_float32(T, code, op, left, right, data):
    sa, sb = data.draw(S.broadcastable_shapes(2), label="shapes")
    a = data.draw(S.arrays(F32, sa, **left), label="a")
    b = data.draw(S.arrays(F32, sb, **right), label="b")
    # a broadcast operand's gradient sums up to 64 terms
    check_grad(T, data, code, a, b, oracle=op, reduce=64)


@pytest.mark.parametrize("template, op, domain, scalar", SCALAR)
@given(data=st.data())
def test_scalar_operand_float32(T, template, op, domain, scalar, data):
    x = data.draw(S.arrays(F32, None, **domain), label="a")
    c = data.draw(S.scalars("float", **{"lo": -5, "hi": 5, **scalar}), label="c")
    check_grad(T, data, template.format(c=repr(c)), x, oracle=lambda x: op(x, c))


@pytest.mark.parametrize("fn, op, xs, tuple_dims", REDUCE)
@given(data=st.data())
def test_reduce_float32(T, fn, op, xs, tuple_dims, data):
    allow_none = fn not in ("torch.amax", "torch.amin", "torch.logsumexp")
    x, dim, keepdim = data.draw(reduce_args(xs.map(f32), tuple_dims, allow_none), label="x, dim, keepdim")
    rest = [] if dim is None else [repr(dim), f"keepdim={keepdim}"]
    code = f"{fn}({', '.join(([] if fn.startswith('a.') else ['a']) + rest)})"
    check_grad(T, data, code, x, oracle=lambda x: op(x, dim, keepdim if dim is not None else False), reduce=x.size)


@pytest.mark.parametrize("code, op", FULL_EXTREMES)
@given(data=st.data())
def test_full_extreme_float32(T, code, op, data):
    check_grad(T, data, code, data.draw(S.arrays(F32, None, lo=-1, hi=1, quarters=True), label="a"), oracle=op)


@pytest.mark.parametrize("template, op", SELECT)
@given(data=st.data())
def test_select_along_dim_float32(T, template, op, data):
    x = f32(data.draw(distinct(), label="a"))
    d = data.draw(S.dims(x.ndim), label="dim")
    k = data.draw(st.booleans(), label="keepdim")
    check_grad(T, data, template.format(d=d, k=k), x, oracle=lambda x: op(x, d, k))


@pytest.mark.parametrize("fn, op", SPREAD)
@given(args=spread_args(), data=st.data())
def test_var_std_float32(T, fn, op, args, data):
    x, dim, correction, keepdim = args
    x = f32(x)
    code = f"{fn}(a, {dim!r}, correction={correction}, keepdim={keepdim})"
    check_grad(T, data, code, x, oracle=lambda x: op(x, dim, correction, keepdim), reduce=x.size)


@pytest.mark.parametrize("kind, shapes", VIEW_CASES)
@given(data=st.data())
def test_view_float32(T, kind, shapes, data):
    layouts = S.CONTIGUOUS if kind == "view" else S.LAYOUTS
    x = data.draw(S.arrays(F32, shapes, lo=-10, hi=10, layouts=layouts), label="a")
    code, move = data.draw(view_case(kind, x), label="view")
    check_grad(T, data, code, x, oracle=lambda x: OG.gather(move, x))


@pytest.mark.parametrize("kind", SPLITS)
@given(data=st.data())
def test_split_weighted_float32(T, kind, data):
    x, code, split = data.draw(split_case(kind), label="a, split")
    joined = f"torch.cat([p.reshape(-1) * (i + 1) for i, p in enumerate({code})])"
    check_grad(T, data, joined, f32(x), oracle=lambda x: OG.weighted_pieces(split, x))


@pytest.mark.parametrize("template, op", ALONG)
@given(data=st.data())
def test_along_dim_float32(T, template, op, data):
    x = data.draw(S.arrays(F32, S.shapes(1, 4), lo=-10, hi=10), label="a")
    d = data.draw(S.dims(x.ndim), label="dim")
    check_grad(T, data, template.format(d=d), x, oracle=lambda x: op(x, d), reduce=x.shape[d])


@pytest.mark.parametrize("left_rank, right_rank", MATMUL)
@given(data=st.data())
def test_matmul_float32(T, left_rank, right_rank, data):
    sa, sb, k = data.draw(matmul_shapes(left_rank, right_rank), label="shapes")
    a = data.draw(S.arrays(F32, sa, lo=-5, hi=5), label="a")
    b = data.draw(S.arrays(F32, sb, lo=-5, hi=5), label="b")
    check_grad(T, data, "torch.matmul(a, b)", a, b, oracle=OG.matmul, reduce=max(k, 4) * 4)


@pytest.mark.parametrize("code, ranks, op", PRODUCTS)
@given(data=st.data())
def test_product_float32(T, code, ranks, op, data):
    n, k, m, batch = (data.draw(st.integers(1, 4), label=s) for s in "nkmb")
    if op is OG.outer:
        sa, sb = (n,), (m,)
    else:
        sa = {1: (k,), 2: (n, k), 3: (batch, n, k)}[ranks[0]]
        sb = {1: (k,), 2: (k, m), 3: (batch, k, m)}[ranks[1]]
    a = data.draw(S.arrays(F32, sa, lo=-5, hi=5), label="a")
    b = data.draw(S.arrays(F32, sb, lo=-5, hi=5), label="b")
    check_grad(T, data, code, a, b, oracle=op, reduce=16)


@pytest.mark.parametrize("fn, same_shape, twin", JOINS)
@given(data=st.data())
def test_join_float32(T, fn, same_shape, twin, data):
    xs, d = data.draw(join_inputs(same_shape), label="inputs, dim")
    xs = [f32(x) for x in xs]
    names = "abc"[:len(xs)]
    check_grad(T, data, f"torch.{fn}([{', '.join(names)}], {d})", *xs, oracle=lambda *v: OG.gather(twin(d), *v))


# ---------------------------------------------------------------------------------------------
# singular points

def _with_zeros(values, positions):
    out = np.array(values)
    flat = out.reshape(-1)
    for i in positions:
        flat[i % flat.size] = 0
    return out


@st.composite
def zeros_inside(draw, dtype, shape=None, lo=-2, hi=2, most=2):
    """An array of nonzero values with 1..most of them set to zero."""
    x = draw(S.arrays(dtype, S.shapes(1, 3, max_size=12) if shape is None else shape, lo=lo, hi=hi, avoid=0.25,
                      layouts=S.CONTIGUOUS))
    return _with_zeros(x, draw(st.lists(st.integers(0, 63), min_size=1, max_size=most)))


KINKS = cases([
    ("grad.abs-zero-at-zero", NON_DIFFERENTIABLE, "torch.abs(a)", OG.abs),
    ("grad.relu-zero-at-zero", NON_DIFFERENTIABLE, "torch.relu(a)", OG.relu),
    ("grad.relu-functional-zero-at-zero", NON_DIFFERENTIABLE, "torch.nn.functional.relu(a)", OG.relu),
])


@pytest.mark.parametrize("code, op", KINKS)
@given(data=st.data(), dtype=st.sampled_from(GRAD_DTYPES))
def test_kink_at_zero(T, code, op, data, dtype):
    # the oracles give sign(x) and (x > 0): 0 at x = 0, the sub-gradient of minimum norm
    check_grad(T, data, code, data.draw(zeros_inside(dtype, most=4), label="a"), oracle=op)


CLAMP_BOUNDS = cases([
    ("grad.clamp-passes-at-bounds", api("torch.clamp"), "torch.clamp(a, {lo}, {hi})", True, True),
    ("grad.clamp-min-passes-at-bound", api("torch.clamp"), "torch.clamp(a, min={lo})", True, False),
    ("grad.clamp-max-passes-at-bound", api("torch.clamp"), "a.clamp(max={hi})", False, True),
    ("grad.clamp-min-function-passes-at-bound", api("torch.clamp"), "torch.clamp_min(a, {lo})", True, False),
    ("grad.clamp-max-function-passes-at-bound", api("torch.clamp"), "torch.clamp_max(a, {hi})", False, True),
])


def _clamp_at_bounds(x, lo, hi):
    """clamp's gradient is g where lo <= x <= hi (the bounds included), else 0."""
    x = OG.f64(x)
    inside = np.ones(x.shape, bool)
    if lo is not None:
        inside &= x >= lo
    if hi is not None:
        inside &= x <= hi
    return np.clip(x, lo, hi), lambda g: (g * inside,)


@pytest.mark.parametrize("template, use_lo, use_hi", CLAMP_BOUNDS)
@given(data=st.data(), dtype=st.sampled_from(GRAD_DTYPES))
def test_clamp_at_bounds(T, template, use_lo, use_hi, data, dtype):
    # values on a quarter grid, bounds on the same grid: many elements sit exactly on a bound
    x = data.draw(S.arrays(dtype, None, lo=-2, hi=2, quarters=True), label="a")
    lo = data.draw(st.integers(-6, 2), label="lo") / 4
    hi = lo + data.draw(st.integers(0, 6), label="width") / 4
    lo, hi = (lo if use_lo else None), (hi if use_hi else None)
    check_grad(T, data, template.format(lo=lo, hi=hi), x, oracle=lambda x: _clamp_at_bounds(x, lo, hi))


def _prod_of_others(x, dim=None, keepdim=False):
    """prod and its gradient without division: d/dx_i prod = the product of the other factors
    (exclusive products from the left times those from the right), finite at zeros."""
    x = OG.f64(x)
    axes = OG._axes(dim, x.ndim)
    rest = [a for a in range(x.ndim) if a not in axes]
    moved = np.transpose(x, rest + list(axes))
    flat = moved.reshape(moved.shape[:len(rest)] + (-1,))
    ones = np.ones(flat.shape[:-1] + (1,))
    left = np.cumprod(np.concatenate([ones, flat[..., :-1]], axis=-1), axis=-1)
    right = np.cumprod(np.concatenate([ones, flat[..., :0:-1]], axis=-1), axis=-1)[..., ::-1]
    others = np.transpose((left * right).reshape(moved.shape), np.argsort(rest + list(axes)))
    p = x.prod(axis=axes, keepdims=True)
    out = p if keepdim else p.reshape([s for i, s in enumerate(x.shape) if i not in axes])
    return out, lambda g: (OG._keep(g, x.ndim, dim, keepdim) * others,)


@spec("grad.prod-finite-at-zeros", api("torch.prod"))
@given(data=st.data(), dtype=st.sampled_from(GRAD_DTYPES))
def test_prod_at_zeros(T, data, dtype):
    # one zero in a slice: its gradient is the product of the others; two zeros: all 0
    x = data.draw(zeros_inside(dtype), label="a")
    dim = data.draw(st.none() | S.dims(x.ndim), label="dim")
    keepdim = data.draw(st.booleans(), label="keepdim")
    code = "torch.prod(a)" if dim is None else f"torch.prod(a, {dim}, keepdim={keepdim})"
    check_grad(T, data, code, x, oracle=lambda x: _prod_of_others(x, dim, keepdim and dim is not None))


@spec("grad.prod-method-finite-at-zeros", api("torch.Tensor.prod"))
@given(data=st.data(), dtype=st.sampled_from(GRAD_DTYPES))
def test_prod_method_at_zeros(T, data, dtype):
    x = data.draw(zeros_inside(dtype), label="a")
    dim = data.draw(S.dims(x.ndim), label="dim")
    check_grad(T, data, f"a.prod({dim})", x, oracle=lambda x: _prod_of_others(x, dim))


@spec("grad.pow-zero-base-scalar-exponent", NON_DIFFERENTIABLE)
@given(data=st.data(), dtype=st.sampled_from(GRAD_DTYPES), p=st.sampled_from([0, 1, 2, 3, 1.5, 2.5]))
def test_pow_zero_base(T, data, dtype, p):
    # d/dx x**p = p x**(p-1): 1 at x = 0 for p = 1, 0 for p > 1; p = 0 is a constant (gradient 0)
    x = data.draw(zeros_inside(dtype, lo=0.25, hi=3, most=3), label="a")
    oracle = OG.pow_scalar if p else (lambda x, p: (np.ones_like(OG.f64(x)), lambda g: (np.zeros_like(x),)))
    check_grad(T, data, f"a ** {p}", x, oracle=lambda x: oracle(x, p))


def _pow_zero_base(a, b):
    """a ** b for a >= 0, b >= 1: da = b a**(b-1) (0 at a = 0 unless b = 1), db = a**b log a,
    which is 0 where a = 0 (the limit of a**b log a)."""
    a, b = OG.f64(a), OG.f64(b)
    out = a ** b
    with np.errstate(divide="ignore", invalid="ignore"):
        db = np.where(a == 0, 0.0, out * np.log(np.where(a == 0, 1.0, a)))
    da = b * a ** (b - 1)
    return out, lambda g: (OG.unbroadcast(g * da, a.shape), OG.unbroadcast(g * db, b.shape))


@spec("grad.pow-zero-base-tensor-exponent", NON_DIFFERENTIABLE)
@given(data=st.data(), dtype=st.sampled_from(GRAD_DTYPES))
def test_pow_zero_base_tensor_exponent(T, data, dtype):
    sa, sb = data.draw(S.broadcastable_shapes(2), label="shapes")
    a = data.draw(zeros_inside(dtype, sa if sa else (1,), lo=0.25, hi=2, most=3), label="a").reshape(sa)
    b = data.draw(S.arrays(dtype, sb, lo=1, hi=3, quarters=True), label="b")
    check_grad(T, data, "torch.pow(a, b)", a, b, oracle=_pow_zero_base, reduce=64)


@spec("grad.norm-zero-at-zero-vector", NON_DIFFERENTIABLE)
@given(data=st.data(), dtype=st.sampled_from(GRAD_DTYPES))
def test_norm_at_zero(T, data, dtype):
    # the 2-norm is convex with a kink at 0: the sub-gradient of minimum norm there is 0
    shape = data.draw(S.shapes(1, 3), label="shape")
    check(T, "a.requires_grad_()\ntorch.norm(a).backward()\na.grad", np.zeros(shape, dtype),
          expected=np.zeros(shape, dtype))


FTIES = cases([
    ("grad.fmax-tie-to-first", api("torch.fmax"), "torch.fmax(a, b)", np.greater_equal),
    ("grad.fmin-tie-to-first", api("torch.fmin"), "torch.fmin(a, b)", np.less_equal),
])


@pytest.mark.parametrize("code, keeps_first", FTIES)
@given(data=st.data(), dtype=st.sampled_from(GRAD_DTYPES))
def test_fmax_fmin_ties(T, code, keeps_first, data, dtype):
    # fmax/fmin return the first operand on a tie, and its gradient goes with it (unlike maximum,
    # which splits a tie's gradient)
    sa, sb = data.draw(S.broadcastable_shapes(2), label="shapes")
    a = data.draw(S.arrays(dtype, sa, lo=-1, hi=1, quarters=True), label="a")
    b = data.draw(S.arrays(dtype, sb, lo=-1, hi=1, quarters=True), label="b")

    def oracle(a, b):
        a, b = OG.f64(a), OG.f64(b)
        first = keeps_first(a, b)
        return np.where(first, a, b), lambda g: (OG.unbroadcast(g * first, a.shape),
                                                 OG.unbroadcast(g * ~first, b.shape))
    check_grad(T, data, code, a, b, oracle=oracle, reduce=64)


SELECTED_TIES = cases([
    ("grad.max-dim-tie-to-returned-index", api("torch.max"), "torch.max(a, {d}, keepdim={k})"),
    ("grad.min-dim-tie-to-returned-index", api("torch.min"), "torch.min(a, {d}, keepdim={k})"),
    ("grad.max-dim-method-tie-to-returned-index", api("torch.Tensor.max"), "a.max({d}, {k})"),
    ("grad.median-tie-to-returned-index", api("torch.median"), "torch.median(a, {d}, keepdim={k})"),
    ("grad.kthvalue-tie-to-returned-index", api("torch.kthvalue"), "torch.kthvalue(a, 1, {d}, keepdim={k})"),
    ("grad.mode-tie-to-returned-index", api("torch.mode"), "torch.mode(a, {d}, keepdim={k})"),
])


@pytest.mark.parametrize("template", SELECTED_TIES)
@given(data=st.data(), dtype=st.sampled_from(GRAD_DTYPES))
def test_select_ties(T, template, data, dtype):
    # With ties the index is unspecified, but the gradient goes exactly to the index returned:
    # a.grad equals g scattered at the returned indices, and those indices hold the extreme value.
    # torch 2.13's median along a dim misreads stride-0 (expanded) inputs: median rows draw the others
    layouts = S.L.WRITABLE if "median" in template else S.L.ALL
    x = data.draw(S.arrays(dtype, S.shapes(1, 3), lo=-1, hi=1, quarters=True, layouts=layouts), label="a")
    d = data.draw(S.dims(x.ndim), label="dim")
    k = data.draw(st.booleans(), label="keepdim")
    g = data.draw(S.arrays(dtype, np.max(x, axis=d, keepdims=k).shape, lo=-2, hi=2, avoid=0.25), label="g")
    code = (f"a.requires_grad_()\nv, i = {template.format(d=d, k=k)}\nv.backward(b)\n"
            f"j = i if {k} else i.unsqueeze({d})\n"
            f"(a.grad - torch.zeros_like(a).scatter({d}, j, b if {k} else b.unsqueeze({d})), "
            f"a.detach().gather({d}, j) == v.detach().reshape(j.shape))")
    check(T, code, x, g, expected=(np.zeros_like(x), np.ones(np.max(x, axis=d, keepdims=True).shape, bool)))


# ---------------------------------------------------------------------------------------------
# the remaining differentiable names (aliases included), each in float32 and float64

def _erf(x):
    return np.vectorize(math.erf)(x)


def _unary(fn, deriv):
    return lambda x: (fn(OG.f64(x)), lambda g: (OG.f64(g) * deriv(OG.f64(x)),))


_ZERO = lambda x: np.zeros_like(x)  # noqa: E731 - piecewise-constant ops
_ONE = lambda x: np.ones_like(x)  # noqa: E731

UNARY_REST = cases([
    ("grad.absolute", api("torch.absolute"), "torch.absolute(a)", _unary(np.abs, np.sign), dict(avoid=0.01)),
    ("grad.negative", api("torch.negative"), "torch.negative(a)", _unary(np.negative, lambda x: -_ONE(x)), {}),
    ("grad.acos", api("torch.acos"), "torch.acos(a)", _unary(np.arccos, lambda x: -1 / np.sqrt(1 - x * x)),
     dict(lo=-0.9, hi=0.9)),
    ("grad.arccos", api("torch.arccos"), "torch.arccos(a)", _unary(np.arccos, lambda x: -1 / np.sqrt(1 - x * x)),
     dict(lo=-0.9, hi=0.9)),
    ("grad.asin", api("torch.asin"), "torch.asin(a)", _unary(np.arcsin, lambda x: 1 / np.sqrt(1 - x * x)),
     dict(lo=-0.9, hi=0.9)),
    ("grad.arcsin", api("torch.arcsin"), "a.arcsin()", _unary(np.arcsin, lambda x: 1 / np.sqrt(1 - x * x)),
     dict(lo=-0.9, hi=0.9)),
    ("grad.atan", api("torch.atan"), "torch.atan(a)", _unary(np.arctan, lambda x: 1 / (1 + x * x)), {}),
    ("grad.arctan", api("torch.arctan"), "torch.arctan(a)", _unary(np.arctan, lambda x: 1 / (1 + x * x)), {}),
    ("grad.sinh", api("torch.sinh"), "torch.sinh(a)", _unary(np.sinh, np.cosh), dict(lo=-5, hi=5)),
    ("grad.cosh", api("torch.cosh"), "torch.cosh(a)", _unary(np.cosh, np.sinh), dict(lo=-5, hi=5)),
    ("grad.tan", api("torch.tan"), "torch.tan(a)", _unary(np.tan, lambda x: 1 / np.cos(x) ** 2),
     dict(lo=-1.2, hi=1.2)),
    ("grad.erf", api("torch.erf"), "torch.erf(a)", _unary(_erf, lambda x: 2 / math.sqrt(math.pi) * np.exp(-x * x)),
     dict(lo=-3, hi=3)),
    ("grad.erfc", api("torch.erfc"), "torch.erfc(a)",
     _unary(lambda x: 1 - _erf(x), lambda x: -2 / math.sqrt(math.pi) * np.exp(-x * x)), dict(lo=-3, hi=3)),
    ("grad.log10", api("torch.log10"), "torch.log10(a)", _unary(np.log10, lambda x: 1 / (x * math.log(10))),
     dict(lo=0.05, hi=50)),
    ("grad.log2", api("torch.log2"), "torch.log2(a)", _unary(np.log2, lambda x: 1 / (x * math.log(2))),
     dict(lo=0.05, hi=50)),
    ("grad.reciprocal", api("torch.reciprocal"), "torch.reciprocal(a)", _unary(np.reciprocal, lambda x: -1 / x ** 2),
     dict(lo=-5, hi=5, avoid=0.5)),
    ("grad.square", api("torch.square"), "torch.square(a)", OG.square, dict(lo=-10, hi=10)),
    ("grad.sign-zero", api("torch.sign"), "torch.sign(a)", _unary(np.sign, _ZERO), {}),
    ("grad.ceil-zero", api("torch.ceil"), "torch.ceil(a)", _unary(np.ceil, _ZERO), {}),
    ("grad.floor-zero", api("torch.floor"), "torch.floor(a)", _unary(np.floor, _ZERO), {}),
    ("grad.round-zero", api("torch.round"), "torch.round(a)", _unary(np.round, _ZERO), {}),
    ("grad.trunc-zero", api("torch.trunc"), "torch.trunc(a)", _unary(np.trunc, _ZERO), {}),
    ("grad.fix-zero", api("torch.fix"), "torch.fix(a)", _unary(np.trunc, _ZERO), {}),
    ("grad.frac", api("torch.frac"), "torch.frac(a)", _unary(lambda x: x - np.trunc(x), _ONE), {}),
])


@pytest.mark.parametrize("code, op, domain", UNARY_REST)
@given(data=st.data(), dtype=st.sampled_from(GRAD_DTYPES))
def test_unary_rest(T, code, op, domain, data, dtype):
    check_grad(T, data, code, data.draw(S.arrays(dtype, None, **domain), label="a"), oracle=op)


def _atan2_da(a, b):
    return b / (a * a + b * b)


def _atan2_db(a, b):
    return -a / (a * a + b * b)


def _binary(fn, da, db):
    def op(a, b):
        a, b = OG.f64(a), OG.f64(b)
        return fn(a, b), lambda g: (OG.unbroadcast(OG.f64(g) * da(a, b), a.shape),
                                    OG.unbroadcast(OG.f64(g) * db(a, b), b.shape))
    return op


# fmod/remainder: a and b on a quarter grid, so a / b is an integer exactly or at least 1/12 from one,
# in float32 as in float64 (the quotient's rounding cannot move it across an integer)
GRID = dict(lo=-3, hi=3, quarters=True)
NONZERO_GRID = dict(lo=-3, hi=3, quarters=True, avoid=0.25)

BINARY_REST = cases([
    ("grad.atan2", api("torch.atan2"), "torch.atan2(a, b)", _binary(np.arctan2, _atan2_da, _atan2_db),
     dict(lo=-3, hi=3), dict(lo=0.5, hi=3)),
    ("grad.arctan2", api("torch.arctan2"), "torch.arctan2(a, b)", _binary(np.arctan2, _atan2_da, _atan2_db),
     dict(lo=-3, hi=3), dict(lo=-3, hi=-0.5)),
    ("grad.fmod", api("torch.fmod"), "torch.fmod(a, b)",
     _binary(np.fmod, lambda a, b: np.ones_like(a * b), lambda a, b: -np.trunc(a / b)), GRID, NONZERO_GRID),
    ("grad.remainder", api("torch.remainder"), "torch.remainder(a, b)",
     _binary(np.remainder, lambda a, b: np.ones_like(a * b), lambda a, b: -np.floor(a / b)), GRID, NONZERO_GRID),
    ("grad.divide", api("torch.divide"), "torch.divide(a, b)", OG.div, dict(lo=-5, hi=5),
     dict(lo=-5, hi=5, avoid=0.5)),
    ("grad.true-divide", api("torch.true_divide"), "torch.true_divide(a, b)", OG.div, dict(lo=-5, hi=5),
     dict(lo=-5, hi=5, avoid=0.5)),
    ("grad.multiply", api("torch.multiply"), "torch.multiply(a, b)", OG.mul, dict(lo=-5, hi=5), dict(lo=-5, hi=5)),
    ("grad.subtract", api("torch.subtract"), "torch.subtract(a, b)", OG.sub, {}, {}),
    ("grad.sub-function", api("torch.sub"), "torch.sub(a, b)", OG.sub, {}, {}),
    # torch.rsub (other - input) has no page of its own: it cites the subtraction it reverses
    ("grad.rsub-function", api("torch.sub"), "torch.rsub(a, b)",
     _binary(lambda a, b: b - a, lambda a, b: -1.0, lambda a, b: 1.0), {}, {}),
    ("grad.lerp-scalar-weight", api("torch.lerp"), "torch.lerp(a, b, 0.25)",
     _binary(lambda a, b: a + 0.25 * (b - a), lambda a, b: 0.75 + 0 * a, lambda a, b: 0.25 + 0 * b), {}, {}),
])


@pytest.mark.parametrize("code, op, left, right", BINARY_REST)
@given(data=st.data(), dtype=st.sampled_from(GRAD_DTYPES))
def test_binary_rest(T, code, op, left, right, data, dtype):
    sa, sb = data.draw(S.broadcastable_shapes(2), label="shapes")
    a = data.draw(S.arrays(dtype, sa, **left), label="a")
    b = data.draw(S.arrays(dtype, sb, **right), label="b")
    check_grad(T, data, code, a, b, oracle=op, reduce=64)


@spec("grad.lerp-tensor-weight", api("torch.lerp"))
@given(data=st.data(), dtype=st.sampled_from(GRAD_DTYPES))
def test_lerp_tensor_weight(T, data, dtype):
    shape = data.draw(S.shapes(1, 3), label="shape")
    a, b, w = (data.draw(S.arrays(dtype, shape, lo=-3, hi=3), label=n) for n in "abw")

    def oracle(a, b, w):
        a, b, w = OG.f64(a), OG.f64(b), OG.f64(w)
        return a + w * (b - a), lambda g: (g * (1 - w), g * w, g * (b - a))
    check_grad(T, data, "torch.lerp(a, b, c)", a, b, w, oracle=oracle)


MOVES = cases([
    ("grad.flip", api("torch.flip"), "torch.flip(a, [0])", lambda v: np.flip(v, 0)),
    ("grad.roll", api("torch.roll"), "torch.roll(a, 2, 0)", lambda v: np.roll(v, 2, 0)),
    ("grad.view-as", api("torch.Tensor.view_as"), "a.view_as(torch.zeros(a.numel()))", lambda v: v.reshape(-1)),
    ("grad.reshape-as", api("torch.Tensor.reshape_as"), "a.reshape_as(torch.zeros(a.numel(), 1))",
     lambda v: v.reshape(-1, 1)),
    ("grad.expand-as", api("torch.Tensor.expand_as"), "a.expand_as(torch.zeros((2,) + tuple(a.shape)))",
     lambda v: np.broadcast_to(v, (2,) + v.shape)),
    ("grad.as-strided", api("torch.as_strided"), "torch.as_strided(a.contiguous(), (a.numel(),), (1,))",
     lambda v: v.reshape(-1)),
    ("grad.masked-select", api("torch.masked_select"), "torch.masked_select(a, a > 0)", None),
    ("grad.hstack", api("torch.hstack"), "torch.hstack([a, a * 2])", None),
    ("grad.vstack", api("torch.vstack"), "torch.vstack([a, a])", lambda v: np.vstack([v, v])),
    ("grad.concat", api("torch.concat"), "torch.concat([a, a], 0)", lambda v: np.concatenate([v, v], 0)),
    ("grad.concatenate", api("torch.concatenate"), "torch.concatenate([a, a], 0)",
     lambda v: np.concatenate([v, v], 0)),
    ("grad.tensor-split", api("torch.tensor_split"), "torch.cat(torch.tensor_split(a, 3, 0)[1:], 0)",
     lambda v: np.concatenate(np.array_split(v, 3, 0)[1:], 0)),
    ("grad.broadcast-tensors", api("torch.broadcast_tensors"),
     "torch.broadcast_tensors(a, torch.zeros((2,) + tuple(a.shape)))[0]",
     lambda v: np.broadcast_to(v, (2,) + v.shape)),
])


@pytest.mark.parametrize("code, move", MOVES)
@given(data=st.data(), dtype=st.sampled_from(GRAD_DTYPES))
def test_moves(T, code, move, data, dtype):
    # view_as needs strides that allow the view: a contiguous operand there
    layouts = S.CONTIGUOUS if "view_as" in code else S.LAYOUTS
    x = data.draw(S.arrays(dtype, S.shapes(1, 3), lo=-3, hi=3, avoid=0.25, layouts=layouts), label="a")
    if "masked_select" in code:
        mask = x > 0
        move = lambda v: v[mask]  # noqa: E731 - the mask is fixed by the drawn values
    elif "hstack" in code:
        check_grad(T, data, code, x, oracle=lambda x: (np.hstack([OG.f64(x), 2 * OG.f64(x)]), lambda g: (
            (OG.f64(g)[:x.shape[0]] + 2 * OG.f64(g)[x.shape[0]:]) if x.ndim == 1 else
            (OG.f64(g)[:, :x.shape[1]] + 2 * OG.f64(g)[:, x.shape[1]:]),)))
        return
    check_grad(T, data, code, x, oracle=lambda x: OG.gather(move, x))


SPREAD_WITH_MEAN = cases([
    ("grad.var-mean", api("torch.var_mean"), "torch.var_mean", OG.var),
    ("grad.std-mean", api("torch.std_mean"), "torch.std_mean", OG.std),
])


@pytest.mark.parametrize("fn, op", SPREAD_WITH_MEAN)
@given(data=st.data(), dtype=st.sampled_from(GRAD_DTYPES))
def test_spread_with_mean(T, fn, op, data, dtype):
    # var_mean/std_mean return (spread, mean): the gradients of the two add up
    x = data.draw(distinct(S.shapes(1, 3).filter(lambda s: math.prod(s) >= 2)), label="a").astype(dtype)

    def oracle(x):
        s, ps = op(x, None, 1)
        m, pm = OG.mean(x)
        return s + m, lambda g: (ps(g)[0] + pm(g)[0],)
    check_grad(T, data, f"sum({fn}(a))", x, oracle=oracle, reduce=x.size)


def _same_dtype(op):
    """The oracle's output in the input's dtype (so the upstream gradient is drawn in it too)."""
    def wrapped(x):
        out, pullback = op(x)
        return np.asarray(out).astype(np.asarray(x).dtype), pullback
    return wrapped


def _masked(make):
    """An oracle for ops that keep some elements and zero the others: out = where(keep, x, fill),
    gradient g where kept."""
    def op(x):
        keep, fill = make(OG.f64(x))
        return np.where(keep, x, fill), lambda g: (np.where(keep, OG.f64(g), 0.0),)
    return _same_dtype(op)


def _cast(dtype):
    return lambda x: OG.to(x, dtype)


SAME_SHAPE = cases([
    ("grad.clone", api("torch.clone"), "torch.clone(a)", _same_dtype(lambda x: OG.gather(lambda v: v, x))),
    ("grad.cpu", api("torch.Tensor.cpu"), "a.cpu()", _same_dtype(lambda x: OG.gather(lambda v: v, x))),
    ("grad.tril", api("torch.tril"), "torch.tril(a)", _masked(lambda x: (np.tril(np.ones(x.shape, bool)), 0.0))),
    ("grad.triu", api("torch.triu"), "torch.triu(a, 1)", _masked(lambda x: (np.triu(np.ones(x.shape, bool), 1), 0.0))),
    ("grad.masked-fill", api("torch.Tensor.masked_fill"), "a.masked_fill(a > 0, 0.5)",
     _masked(lambda x: (~(x > 0), 0.5))),
    ("grad.double", api("torch.Tensor.double"), "a.double()", _cast("float64")),
    ("grad.half", api("torch.Tensor.half"), "a.half()", _cast("float16")),
    ("grad.to-dtype", api("torch.Tensor.to"), "a.to(torch.float64)", _cast("float64")),
    ("grad.type-dtype", api("torch.Tensor.type"), "a.type(torch.float64)", _cast("float64")),
    ("grad.type-as", api("torch.Tensor.type_as"), "a.type_as(torch.zeros(1, dtype=torch.float64))",
     _cast("float64")),
])


@pytest.mark.parametrize("code, op", SAME_SHAPE)
@given(data=st.data(), dtype=st.sampled_from(GRAD_DTYPES))
def test_same_shape(T, code, op, data, dtype):
    x = data.draw(S.arrays(dtype, S.shapes(2, 3), lo=-3, hi=3, avoid=0.25), label="a")
    check_grad(T, data, code, x, oracle=op)


def _cross(a, b):
    a, b = OG.f64(a), OG.f64(b)
    return np.cross(a, b), lambda g: (np.cross(b, OG.f64(g)), np.cross(OG.f64(g), a))


TWO_OPERANDS = cases([
    ("grad.cross", api("torch.cross"), "torch.cross(a, b, dim=-1)", _cross, 3),
    ("grad.ger", api("torch.ger"), "torch.ger(a[..., 0], b[..., 0])", None, 1),
])


@pytest.mark.parametrize("code, op, last", TWO_OPERANDS)
@given(data=st.data(), dtype=st.sampled_from(GRAD_DTYPES))
def test_two_operands(T, code, op, last, data, dtype):
    n = data.draw(st.integers(1, 4), label="n")
    a = data.draw(S.arrays(dtype, (n, last), lo=-3, hi=3), label="a")
    b = data.draw(S.arrays(dtype, (n, last), lo=-3, hi=3), label="b")
    if op is None:  # ger(a[:, 0], b[:, 0]) is the outer product of the two columns
        def op(a, b):
            out, pb = OG.outer(a[:, 0], b[:, 0])
            return out, lambda g: tuple(gr[:, None] for gr in pb(g))
    check_grad(T, data, code, a, b, oracle=op, reduce=4)


SELECTS = cases([
    ("grad.diagonal", api("torch.diagonal"), "torch.diagonal(a, 0, 0, -1)", lambda v: np.diagonal(v, 0, 0, -1)),
    ("grad.diagonal-offset", api("torch.Tensor.diagonal"), "a.diagonal(-1, -1, 0)", lambda v: np.diagonal(v, -1, -1, 0)),
])


@pytest.mark.parametrize("code, move", SELECTS)
@given(data=st.data(), dtype=st.sampled_from(GRAD_DTYPES))
def test_selects(T, code, move, data, dtype):
    x = data.draw(S.arrays(dtype, S.shapes(2, 3), lo=-3, hi=3), label="a")
    check_grad(T, data, code, x, oracle=_same_dtype(lambda x: OG.gather(move, x)))


# a draw is not reparameterised: torch's gradient to the parameters of bernoulli and normal is zero
RANDOM_DRAWS = cases([
    ("grad.bernoulli-zero", api("torch.bernoulli"), "torch.bernoulli(a.sigmoid())"),
    ("grad.normal-mean-zero", api("torch.normal"), "torch.normal(a, 1.0)"),
    ("grad.normal-std-zero", api("torch.normal"), "torch.normal(1.0, a.abs() + 0.5)"),
    ("grad.normal-both-zero", api("torch.normal"), "torch.normal(a, a.abs() + 0.5)"),
])


@pytest.mark.parametrize("code", RANDOM_DRAWS)
@given(data=st.data(), dtype=st.sampled_from(GRAD_DTYPES))
def test_random_draws_have_zero_gradient(T, code, data, dtype):
    x = data.draw(S.arrays(dtype, S.shapes(1, 3), lo=-3, hi=3), label="a")
    check_grad(T, data, code, x, oracle=lambda x: (x, lambda g: (np.zeros(x.shape),)))


# sort and the order statistics pass the gradient back to the element each output came from
# (distinct values: no tie decides where it goes). Each row gives, from the input x, the selection
# it makes as a function of any array of x's shape.
def _along(order, axis, pick=slice(None), squeeze=False):
    def select(x):
        def move(v):
            out = np.take_along_axis(v, np.take(order(x), np.arange(x.shape[axis])[pick], axis=axis), axis)
            return np.squeeze(out, axis) if squeeze else out
        return move
    return select


def _middle(x):
    return lambda v: v.reshape(-1)[np.argsort(x.reshape(-1))[(x.size - 1) // 2]]


ORDERS = cases([
    ("grad.sort", api("torch.sort"), "torch.sort(a, 0)[0]", _along(lambda x: np.argsort(x, 0), 0)),
    ("grad.sort-descending", api("torch.Tensor.sort"), "a.sort(-1, descending=True).values",
     _along(lambda x: np.argsort(-x, -1), -1)),
    ("grad.msort", api("torch.msort"), "torch.msort(a)", _along(lambda x: np.argsort(x, 0), 0)),
    ("grad.topk", api("torch.topk"), "torch.topk(a, 1, -1).values", _along(lambda x: np.argsort(-x, -1), -1, [0])),
    ("grad.kthvalue", api("torch.kthvalue"), "torch.kthvalue(a, 1, 0).values",
     _along(lambda x: np.argsort(x, 0), 0, [0], squeeze=True)),
    ("grad.median-dim", api("torch.median"), "torch.median(a, -1).values",
     lambda x: _along(lambda x: np.argsort(x, -1), -1, [(x.shape[-1] - 1) // 2], squeeze=True)(x)),
    ("grad.median", api("torch.median"), "torch.median(a)", _middle),
    ("grad.nanmedian", api("torch.nanmedian"), "torch.nanmedian(a)", _middle),
    # mode of distinct values: each occurs once, and torch returns the smallest
    ("grad.mode", api("torch.mode"), "torch.mode(a, 0).values", _along(lambda x: np.argsort(x, 0), 0, [0], squeeze=True)),
])


@pytest.mark.parametrize("code, select", ORDERS)
@given(data=st.data(), dtype=st.sampled_from(GRAD_DTYPES))
def test_orders(T, code, select, data, dtype):
    x = data.draw(distinct(S.shapes(1, 3)), label="a").astype(dtype)
    check_grad(T, data, code, x, oracle=_same_dtype(lambda x: OG.gather(select(OG.f64(x)), x)))


@spec("grad.sort-ties-to-returned-indices", api("torch.sort"))
@given(data=st.data(), dtype=st.sampled_from(GRAD_DTYPES), descending=st.booleans())
def test_sort_ties(T, data, dtype, descending):
    # equal elements may be ordered either way, but each gradient element goes back to the index
    # sort returned for it
    x = data.draw(S.arrays(dtype, S.shapes(1, 3), lo=-1, hi=1, quarters=True), label="a")
    d = data.draw(S.dims(x.ndim), label="dim")
    g = data.draw(S.arrays(dtype, x.shape, lo=-2, hi=2, avoid=0.25), label="g")
    code = (f"a.requires_grad_()\nv, i = torch.sort(a, {d}, {descending})\nv.backward(b)\n"
            f"a.grad - torch.zeros_like(a).scatter({d}, i, b)")
    check(T, code, x, g, expected=np.zeros_like(x))


# matrix functions and grids, in both dtypes (float64 central differences of the NumPy forward)
MATRIX_FUNCTIONS = cases([
    ("grad.trace", api("torch.trace"), "torch.trace(a)", lambda a: np.trace(a)),
    ("grad.diag-vector", api("torch.diag"), "torch.diag(a[0], -1)", lambda a: np.diag(a[0], -1)),
    ("grad.diag-matrix", api("torch.Tensor.diag"), "a.diag(1)", lambda a: np.diag(a, 1)),
    ("grad.matrix-power", api("torch.matrix_power"), "torch.matrix_power(a, 2)", lambda a: a @ a),
    ("grad.matrix-power-negative", api("torch.Tensor.matrix_power"), "(a + 4 * torch.eye(3, dtype=a.dtype)).matrix_power(-1)",
     lambda a: np.linalg.inv(a + 4 * np.eye(3))),
    ("grad.det-old-name", api("torch.det"), "torch.det(a + 4 * torch.eye(3, dtype=a.dtype))",
     lambda a: np.linalg.det(a + 4 * np.eye(3))),
    ("grad.inverse", api("torch.inverse"), "torch.inverse(a + 4 * torch.eye(3, dtype=a.dtype))",
     lambda a: np.linalg.inv(a + 4 * np.eye(3))),
    ("grad.meshgrid", api("torch.meshgrid"), "torch.meshgrid(a[0], a[1, :2], indexing='ij')[0]",
     lambda a: np.meshgrid(a[0], a[1, :2], indexing="ij")[0]),
    ("grad.cartesian-prod", api("torch.cartesian_prod"), "torch.cartesian_prod(a[0], a[1, :2])",
     lambda a: np.array([[x, y] for x in a[0] for y in a[1, :2]])),
    ("grad.diff", api("torch.diff"), "torch.diff(a, n=2)", lambda a: np.diff(a, 2)),
])


@pytest.mark.parametrize("code, fn", MATRIX_FUNCTIONS)
@given(data=st.data(), dtype=st.sampled_from(GRAD_DTYPES))
def test_matrix_functions(T, code, fn, data, dtype):
    x = data.draw(S.arrays(dtype, (3, 3), lo=-1, hi=1), label="a")
    # float64: the central differences carry ~1e-10 of their own error (as test_grad_fn_names allows)
    tol = dict(rtol=1e-6, atol=1e-8) if dtype == "float64" else {}
    check_grad(T, data, code, x, oracle=_same_dtype(lambda x: numeric_pullback(fn, x)), reduce=9, **tol)


# products, repeats and rounding, in both dtypes (float64 central differences of the NumPy forward)
PRODUCT_FUNCTIONS = cases([
    ("grad.einsum-matrix-product", api("torch.einsum"), "torch.einsum('ij,kj->ik', a, a[:2])", lambda a: a @ a[:2].T),
    ("grad.einsum-ellipsis", api("torch.einsum"), "torch.einsum('...i,...i->...', a, a[0])", lambda a: (a * a[0]).sum(-1)),
    ("grad.einsum-trace", api("torch.einsum"), "torch.einsum('ii', a)", lambda a: np.trace(a)),
    ("grad.einsum-three-operands", api("torch.einsum"), "torch.einsum('ij,jk,k->i', [a, a, a[1]])",
     lambda a: a @ a @ a[1]),
    ("grad.kron", api("torch.kron"), "torch.kron(a[0], a[1:, :2])", lambda a: np.kron(a[0], a[1:, :2])),
    ("grad.repeat-interleave-int", api("torch.repeat_interleave"), "a.repeat_interleave(2)",
     lambda a: np.repeat(a.reshape(-1), 2)),
    ("grad.repeat-interleave-tensor", api("torch.repeat_interleave"),
     "torch.repeat_interleave(a, torch.tensor([2, 0, 1]), dim=0)", lambda a: np.repeat(a, [2, 0, 1], 0)),
    ("grad.tensordot", api("torch.tensordot"), "torch.tensordot(a, a[:2], dims=([0], [1]))",
     lambda a: np.tensordot(a, a[:2], ([0], [1]))),
    ("grad.inner", api("torch.inner"), "torch.inner(a, a[1:])", lambda a: np.inner(a, a[1:])),
    ("grad.addmm", api("torch.addmm"), "torch.addmm(a[0], a, a.mT, beta=0.5, alpha=2)",
     lambda a: 0.5 * a[0] + 2 * a @ a.T),
    ("grad.block-diag", api("torch.block_diag"), "torch.block_diag(a[:2, :2], a[2])",
     lambda a: np.block([[a[:2, :2], np.zeros((2, 3))], [np.zeros((1, 2)), a[2:]]])),
    ("grad.fill-diagonal", api("torch.Tensor.fill_diagonal_"), "(a * 1).fill_diagonal_(1.5)",
     lambda a: np.where(np.eye(3) > 0, 1.5, a)),
])


@pytest.mark.parametrize("code, fn", PRODUCT_FUNCTIONS)
@given(data=st.data(), dtype=st.sampled_from(GRAD_DTYPES))
def test_product_functions(T, code, fn, data, dtype):
    # torch 2.13's kron fails on transposed operands (test_contractions.KRON_LAYOUTS says why)
    layouts = tuple(k for k in S.L.ALL if k != "transposed") if "kron" in code else S.L.ALL
    x = data.draw(S.arrays(dtype, (3, 3), lo=-1, hi=1, layouts=layouts), label="a")
    tol = dict(rtol=1e-6, atol=1e-8) if dtype == "float64" else {}
    check_grad(T, data, code, x, oracle=_same_dtype(lambda x: numeric_pullback(fn, x)), reduce=9, **tol)


@spec("grad.round-decimals-is-zero", api("torch.round"))
@given(data=st.data(), dtype=st.sampled_from(GRAD_DTYPES))
def test_round_decimals_grad(T, data, dtype):
    x = data.draw(S.arrays(dtype, (3, 3), lo=-9, hi=9), label="a")
    check_grad(T, data, "torch.round(a, decimals=2)", x,
               oracle=_same_dtype(lambda a: (np.round(a, 2), lambda g: (np.zeros_like(a),))))


# distances and statistics, on pairwise distinct values (no tie for quantile's sort or cdist's max);
# cdist(a[:2], a[1:]) also meets a zero distance (row 1 against itself), where torch's gradient is 0
STATISTICS_FUNCTIONS = cases([
    ("grad.cdist-euclidean", api("torch.cdist"), "torch.cdist(a[:2], a[1:])", lambda a: np_cdist(a[:2], a[1:], 2)),
    ("grad.cdist-manhattan", api("torch.cdist"), "torch.cdist(a[:2], a[1:], p=1)", lambda a: np_cdist(a[:2], a[1:], 1)),
    ("grad.cdist-p3", api("torch.cdist"), "torch.cdist(a[:2], a[1:], p=3)", lambda a: np_cdist(a[:2], a[1:], 3)),
    ("grad.cdist-p-half", api("torch.cdist"), "torch.cdist(a[:2], a[1:], p=0.5)", lambda a: np_cdist(a[:2], a[1:], 0.5)),
    # exp keeps the largest |difference| of a row pair unique (distinct grid values can tie in it)
    ("grad.cdist-chebyshev", api("torch.cdist"), "torch.cdist(a[:2], a[1:].exp(), p=float('inf'))",
     lambda a: np_cdist(a[:2], np.exp(a[1:]), math.inf)),
    ("grad.cdist-batched", api("torch.cdist"), "torch.cdist(a[None, :, :2], a[:, None, 1:])",
     lambda a: np_cdist(a[None, :, :2], a[:, None, 1:], 2)),
    ("grad.cov", api("torch.cov"), "torch.cov(a)", lambda a: np.cov(a)),
    ("grad.cov-aweights", api("torch.cov"), "torch.cov(a, aweights=a[0].exp())", lambda a: np.cov(a, aweights=np.exp(a[0]))),
    ("grad.corrcoef", api("torch.corrcoef"), "torch.corrcoef(a)", lambda a: np.corrcoef(a)),
    ("grad.quantile", api("torch.quantile"), "torch.quantile(a, 0.3, dim=1)", lambda a: np.quantile(a, 0.3, axis=1)),
    ("grad.quantile-q-tensor", api("torch.quantile"), "a.quantile(torch.tensor([0.25, 0.8], dtype=a.dtype))",
     lambda a: np.quantile(a, [0.25, 0.8])),
    ("grad.quantile-midpoint", api("torch.quantile"), "torch.quantile(a, 0.5, dim=0, interpolation='midpoint')",
     lambda a: np.quantile(a, 0.5, axis=0, method="midpoint")),
    ("grad.nanquantile", api("torch.nanquantile"), "torch.nanquantile(a, 0.6, dim=0, keepdim=True)",
     lambda a: np.nanquantile(a, 0.6, axis=0, keepdims=True)),
])


@pytest.mark.parametrize("code, fn", STATISTICS_FUNCTIONS)
@given(data=st.data(), dtype=st.sampled_from(GRAD_DTYPES))
def test_statistics_functions(T, code, fn, data, dtype):
    x = data.draw(distinct(st.just((3, 3))), label="a").astype(dtype)
    tol = dict(rtol=1e-6, atol=1e-8) if dtype == "float64" else {}
    check_grad(T, data, code, x, oracle=_same_dtype(lambda x: numeric_pullback(fn, x)), reduce=9, **tol)
