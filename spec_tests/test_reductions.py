"""Reductions (https://pytorch.org/docs/stable/torch.html#reduction-ops): dims as int, tuple or
negative, keepdim, result dtypes, ties and numerical stability."""
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import oracle
from . import strategies as S
from .catalogue import api, cases, seed, spec
from .harness import check, check_raises


@st.composite
def reduce_args(draw, dtype_names, tuple_dims=True, **domain):
    """(array, dim, keepdim): dim None, an int (maybe negative) or a tuple of dims."""
    x = draw(S.arrays(S.dtypes(dtype_names), S.shapes(1, 4), **domain))
    choices = [st.none(), S.dims(x.ndim)] + ([S.dim_tuples(x.ndim)] if tuple_dims else [])
    return x, draw(st.one_of(*choices)), draw(st.booleans())


def _reduced_count(x, dim):
    dims = oracle.normalize_dims(dim, x.ndim)
    return max(1, math.prod(x.shape[d] for d in dims))


def _call(name, dim, keepdim):
    if dim is None:
        return f"{name}(a)" if not keepdim else f"{name}(a, dim=b, keepdim=True)"
    return f"{name}(a, b, keepdim=c)"


SUMS = cases([
    ("reductions.sum", api("torch.sum"), "torch.sum", oracle.sum, S.ALL, {}),
    ("reductions.mean", api("torch.mean"), "torch.mean", oracle.mean, S.FLOATS, {}),
    ("reductions.prod", api("torch.prod"), "torch.prod", oracle.prod, S.FLOATS + S.SIGNED_INTS,
     dict(lo=-1.5, hi=1.5)),
    ("reductions.amax", api("torch.amax"), "torch.amax", oracle.amax, S.ALL, {}),
    ("reductions.amin", api("torch.amin"), "torch.amin", oracle.amin, S.ALL, {}),
    ("reductions.all", api("torch.all"), "torch.all", oracle.all, ("bool",) + S.FLOATS + ("int64",), {}),
    ("reductions.any", api("torch.any"), "torch.any", oracle.any, ("bool",) + S.FLOATS + ("int64",), {}),
])


@pytest.mark.parametrize("name, fn, kinds, domain", SUMS)
@given(data=st.data())
def test_reduce(T, name, fn, kinds, domain, data):
    multi = name not in ("torch.prod", "torch.all", "torch.any")  # these take a single int dim
    x, dim, keepdim = data.draw(reduce_args(kinds, tuple_dims=multi, **domain), label="args")
    if dim is None and keepdim:
        if name in ("torch.prod", "torch.all", "torch.any"):
            keepdim = False
        else:
            dim = tuple(range(x.ndim))
    n = _reduced_count(x, dim)
    check(T, _call(name, dim, keepdim), x, dim, keepdim, expected=lambda x, d, k: fn(x, d, k), reduce=n)


@spec("reductions.integer-sum-is-int64", api("torch.sum"))
@given(x=S.arrays(S.dtypes(S.INTS + ("bool",)), lo=0, hi=100))
def test_integer_sum_int64(T, x):
    # uint8 values summing past 255 must not wrap: the accumulator is int64.
    check(T, "a.sum()", x, expected=oracle.sum)


def _row_shapes():
    """Two to six rows (maybe under a leading dim) of 129 to 1500 elements: rows longer than the
    blocks a cascade (pairwise) summation adds up at a time, and few enough for a row-by-row loop."""
    rows = st.tuples(st.integers(2, 6), st.integers(129, 1500))
    return st.one_of(rows, st.tuples(st.integers(1, 3), st.integers(2, 3), st.integers(129, 1500)))


@spec("reductions.sum-long-rows", api("torch.sum"))
@given(data=st.data())
def test_sum_long_rows(T, data):
    # float64 and int64 rows summed along the last dim: each row's sum is its own, whatever a
    # row-by-row kernel carries from one row into the next (int64 sums are exact).
    dtype = data.draw(S.dtypes(("float64", "int64")), label="dtype")
    x = data.draw(S.large_arrays(dtype, _row_shapes()), label="a")
    d = data.draw(st.sampled_from((-1, x.ndim - 1)), label="dim")
    k = data.draw(st.booleans(), label="keepdim")
    check(T, "torch.sum(a, b, keepdim=c)", x, d, k, expected=lambda x, d, k: oracle.sum(x, d, k),
          reduce=x.shape[-1], magnitude=lambda x, d, k: np.abs(x.astype(np.float64)).sum(axis=d, keepdims=k))


@spec("reductions.sum-item", api("torch.Tensor.item"))
@given(x=S.arrays("float64"))
def test_sum_item(T, x):
    check(T, "a.sum().item()", x, expected=lambda x: float(oracle.sum(x)), rtol=1e-9, atol=1e-9)


@spec("reductions.sum-dtype-argument", api("torch.sum"))
@given(x=S.arrays(S.dtypes(S.INTS + S.FLOATS), lo=-10, hi=10))
def test_sum_dtype(T, x):
    check(T, "a.sum(dtype=torch.float64)", x, expected=lambda x: oracle.sum(x.astype(np.float64)))


@spec("reductions.mean-of-integers-raises", api("torch.mean"))
@given(x=S.arrays(S.dtypes(S.INTS)))
def test_mean_int_raises(T, x):
    check_raises(T, "a.mean()", x, exc=RuntimeError)


@spec("reductions.max-min-no-dim", api("torch.max"))
@given(x=S.arrays(S.dtypes(S.NUMERIC)))
def test_max_min_all(T, x):
    check(T, "(torch.max(a), torch.min(a), a.max(), a.min())", x,
          expected=lambda x: (oracle.amax(x), oracle.amin(x), oracle.amax(x), oracle.amin(x)))


@st.composite
def dim_args(draw, kinds=S.NUMERIC, **domain):
    x = draw(S.arrays(S.dtypes(kinds), S.shapes(1, 4), **domain))
    return x, draw(S.dims(x.ndim)), draw(st.booleans())


# Values drawn from {-2..2} make ties common, so first-occurrence indices are really tested.
TIED = dict(lo=-2, hi=2, integral=True)


@spec("reductions.max-dim-values-indices", api("torch.max"))
@given(args=dim_args(**TIED))
def test_max_dim(T, args):
    check(T, "torch.max(a, b, keepdim=c)", *args, expected=lambda x, d, k: oracle.max_dim(x, d, k))


@spec("reductions.min-dim-values-indices", api("torch.min"))
@given(args=dim_args(**TIED))
def test_min_dim(T, args):
    check(T, "a.min(b, keepdim=c)", *args, expected=lambda x, d, k: oracle.min_dim(x, d, k))


@spec("reductions.max-dim-named-fields", api("torch.max"))
@given(args=dim_args(**TIED))
def test_max_dim_fields(T, args):
    check(T, "r = a.max(b); (r.values, r.indices)", *args[:2], expected=lambda x, d: oracle.max_dim(x, d))


ARGS = cases([
    ("reductions.argmax-first-occurrence", api("torch.argmax"), "torch.argmax", oracle.argmax),
    ("reductions.argmin-first-occurrence", api("torch.argmin"), "torch.argmin", oracle.argmin),
])


@pytest.mark.parametrize("name, fn", ARGS)
@given(args=dim_args(**TIED), flat=st.booleans())
def test_arg_reductions(T, name, fn, args, flat):
    x, d, k = args
    if flat:
        check(T, f"{name}(a)", x, expected=lambda x: fn(x))
    else:
        check(T, f"{name}(a, dim=b, keepdim=c)", x, d, k, expected=lambda x, d, k: fn(x, d, k))


@spec("reductions.argmax-seed-example", api("torch.argmax"))
@given(x=S.arrays("float32", st.tuples(st.integers(1, 6), st.integers(1, 10)), **TIED))
def test_argmax_method(T, x):
    check(T, "a.argmax(1)", x, expected=lambda x: oracle.argmax(x, 1))


@st.composite
def var_args(draw):
    x = draw(S.arrays(S.dtypes(S.FLOATS), S.shapes(1, 3), lo=-10, hi=10))
    # Only reductions over more than `correction` elements: fewer divide by max(0, N - correction) = 0.
    correction = draw(st.sampled_from([c for c in (0, 1, 2) if c < x.size]))
    dims = [d for d in range(x.ndim) if x.shape[d] > correction]
    if not dims or draw(st.booleans()):
        return x, None, correction, False
    return x, draw(st.sampled_from(dims)) - draw(st.sampled_from([0, x.ndim])), correction, draw(st.booleans())


VARS = cases([
    ("reductions.var-correction", api("torch.var"), "torch.var", oracle.var),
    ("reductions.std-correction", api("torch.std"), "torch.std", oracle.std),
])


@pytest.mark.parametrize("name, fn", VARS)
@given(args=var_args())
def test_var_std(T, name, fn, args):
    x, dim, corr, keepdim = args
    n = _reduced_count(x, dim)
    scale = float(np.max(np.abs(x.astype(np.float64)))) ** (2 if "var" in name else 1)
    if dim is None:
        check(T, f"{name}(a, correction=b)", x, corr,
              expected=lambda x, c: fn(x, None, c), reduce=n, scale=scale)
    else:
        check(T, f"{name}(a, dim=b, correction=c, keepdim=d)", x, dim, corr, keepdim,
              expected=lambda x, d, c, k: fn(x, d, c, k), reduce=n, scale=scale)


@spec("reductions.var-unbiased-flag", api("torch.var"))
@given(x=S.arrays(S.dtypes(S.FLOATS), S.shapes(1, 3).filter(lambda s: math.prod(s) > 1), lo=-10, hi=10),
       unbiased=st.booleans())
def test_var_unbiased(T, x, unbiased):
    check(T, "(a.var(unbiased=b), a.std(unbiased=b))", x, unbiased,
          expected=lambda x, u: (oracle.var(x, None, int(u)), oracle.std(x, None, int(u))),
          reduce=x.size, scale=float(np.max(np.abs(x.astype(np.float64)))) ** 2)


@spec("reductions.var-of-integers-raises", api("torch.var"))
def test_var_int_raises(T):
    check_raises(T, "a.var()", np.array([1, 2, 3], dtype=np.int64), exc=RuntimeError)


@spec("reductions.logsumexp-stable", api("torch.logsumexp"))
@given(args=dim_args(S.FLOATS, lo=-60, hi=80))
def test_logsumexp(T, args):
    # exp(80) overflows float16 and nearly float32: the result must still be finite.
    x, d, k = args
    check(T, "torch.logsumexp(a, b, keepdim=c)", x, d, k, expected=lambda x, d, k: oracle.logsumexp(x, d, k),
          reduce=x.shape[d])


SOFTMAX = cases([
    ("reductions.softmax", api("torch.nn.functional.softmax"), "a.softmax(dim=b)", oracle.softmax),
    ("reductions.softmax-function", api("torch.softmax"), "torch.softmax(a, b)", oracle.softmax),
    ("reductions.log-softmax", api("torch.nn.functional.log_softmax"), "torch.log_softmax(a, dim=b)", oracle.log_softmax),
    ("reductions.log-softmax-method", api("torch.nn.functional.log_softmax"), "a.log_softmax(b)", oracle.log_softmax),
])


@pytest.mark.parametrize("code, fn", SOFTMAX)
@given(args=dim_args(S.FLOATS, lo=-30, hi=30))
def test_softmax(T, code, fn, args):
    x, d, _ = args
    check(T, code, x, d, expected=lambda x, d: fn(x, d), reduce=x.shape[d])


LARGE_SOFTMAX = cases([
    ("reductions.softmax-large-values", api("torch.nn.functional.softmax"), "torch.softmax(a, b)", oracle.softmax),
    ("reductions.log-softmax-large-values", api("torch.nn.functional.log_softmax"), "torch.log_softmax(a, b)",
     oracle.log_softmax),
])
# values past the point where exp overflows (88.7 in float32, 709.8 in float64)
_PAST_EXP_RANGE = {"float32": (-50.0, 150.0), "float64": (-300.0, 1000.0)}


@pytest.mark.parametrize("code, fn", LARGE_SOFTMAX)
@given(data=st.data())
def test_softmax_large_values(T, code, fn, data):
    # Rows of 4096 elements and more (the size a backend may hand to a vectorised exp) whose values
    # exceed exp's range: the result is the finite softmax of the row all the same.
    dtype = data.draw(st.sampled_from(("float32", "float64")), label="dtype")
    lo, hi = _PAST_EXP_RANGE[dtype]
    shape = data.draw(st.tuples(st.integers(8, 16), st.integers(512, 1024)), label="shape")
    x = data.draw(S.large_arrays(dtype, shape, lo=lo, hi=hi, layouts=S.CONTIGUOUS), label="a")
    d = data.draw(st.sampled_from((0, -1)), label="dim")
    check(T, code, x, d, expected=lambda x, d: fn(x, d), reduce=x.shape[d])


@spec("reductions.softmax-sums-to-one", api("torch.softmax"))
@given(args=dim_args(("float32", "float64"), lo=-30, hi=30))
def test_softmax_sums_to_one(T, args):
    x, d, _ = args
    check(T, "torch.softmax(a, b).sum(b)", x, d, expected=lambda x, d: np.ones(np.delete(x.shape, d), x.dtype),
          reduce=x.shape[d])


@spec("reductions.cumsum", api("torch.cumsum"))
@given(args=dim_args(S.ALL, lo=-20, hi=20))
def test_cumsum(T, args):
    x, d, _ = args
    check(T, "torch.cumsum(a, dim=b)", x, d, expected=lambda x, d: oracle.cumsum(x, d), reduce=x.shape[d])


EMPTY = cases([
    ("reductions.empty-sum-is-zero", api("torch.sum"), "torch.zeros(0, device=dev).sum()", np.array(0.0, np.float32)),
    ("reductions.empty-prod-is-one", api("torch.prod"), "torch.zeros(0, device=dev).prod()", np.array(1.0, np.float32)),
    ("reductions.empty-mean-is-nan", api("torch.mean"), "torch.zeros(0, device=dev).mean()", np.array(np.nan, np.float32)),
    ("reductions.empty-all-is-true", api("torch.all"), "torch.zeros(0, dtype=torch.bool, device=dev).all()", np.array(True)),
    ("reductions.empty-any-is-false", api("torch.any"), "torch.zeros(0, dtype=torch.bool, device=dev).any()", np.array(False)),
    ("reductions.sum-over-empty-dim", api("torch.sum"), "torch.ones(0, 3, device=dev).sum(0)", np.zeros(3, np.float32)),
])


@pytest.mark.parametrize("code, want", EMPTY)
def test_empty_reductions(T, code, want):
    check(T, code, expected=want)


@spec("reductions.dim-out-of-range-raises", api("torch.sum"))
@given(x=S.arrays("float32", S.shapes(1, 3)), name=st.sampled_from(["sum", "mean", "amax", "argmax", "cumsum",
                                                                     "softmax", "logsumexp"]))
def test_reduction_bad_dim(T, x, name):
    check_raises(T, f"a.{name}(b)", x, x.ndim, exc=IndexError)
