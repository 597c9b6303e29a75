"""Gradients of reductions, normalisations and scans against float64 closed forms.

amax/amin and the full max()/min() draw from a coarse grid so that ties happen (torch splits the
gradient evenly among tied elements); max(dim)/min(dim), var and std draw distinct values (the
index a tie selects is unspecified, and a zero std has no derivative).
"""
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import oracle_grad as OG
from . import strategies as S
from .catalogue import api, cases, seed, spec
from . import seed_passages as SP
from .grad_harness import check_grad

F64 = "float64"


@st.composite
def distinct(draw, shape=None, min_dims=1):
    """(shape: a strategy of shapes) float64 values that are pairwise at least 0.1 apart: a shuffled grid plus random jitter."""
    shape = draw(S.shapes(min_dims, 4) if shape is None else shape)
    n = math.prod(shape)
    order = np.array(draw(st.permutations(range(n))), dtype=np.float64)
    jitter = np.array(draw(st.lists(st.floats(0, 0.4), min_size=n, max_size=n)), dtype=np.float64)
    return ((order - n / 2) * 0.5 + jitter).reshape(shape)


@st.composite
def reduce_args(draw, x_strategy, tuple_dims=True, allow_none=True):
    """(x, dim, keepdim): dim None, an int (maybe negative) or a tuple of dims."""
    x = draw(x_strategy)
    choices = ([st.none()] if allow_none else []) + [S.dims(x.ndim)] + ([S.dim_tuples(x.ndim)] if tuple_dims else [])
    return x, draw(st.one_of(*choices)), draw(st.booleans())


def count(x, dim):
    axes = OG._axes(dim, x.ndim)
    return math.prod(x.shape[a] for a in axes)


def call(fn, dim, keepdim):
    """torch.sum(a, dim, keepdim=k) or, for a method name like 'a.sum', a.sum(dim, keepdim=k)."""
    first = [] if fn.startswith("a.") else ["a"]
    rest = [] if dim is None else [repr(dim), f"keepdim={keepdim}"]
    return f"{fn}({', '.join(first + rest)})"


REDUCE = cases([
    ("grad.sum", SP.AUTOGRAD, "torch.sum", OG.sum, S.arrays(F64, S.shapes(1, 4)), True),
    ("grad.sum-method", api("torch.Tensor.sum"), "a.sum", OG.sum, S.arrays(F64, S.shapes(1, 4)), True),
    ("grad.mean", SP.AUTOGRAD, "torch.mean", OG.mean, S.arrays(F64, S.shapes(1, 4)), True),
    # without NaNs nansum's gradient is sum's (test_nansum_index_fill.py puts NaNs in)
    ("grad.nansum", api("torch.nansum"), "torch.nansum", OG.sum, S.arrays(F64, S.shapes(1, 4)), True),
    ("grad.prod", api("torch.prod"), "torch.prod", OG.prod,
     S.arrays(F64, S.shapes(1, 3, max_size=12), lo=-2, hi=2, avoid=0.5), False),
    ("grad.amax-ties-split", api("torch.amax"), "torch.amax", OG.amax,
     S.arrays(F64, S.shapes(1, 4), lo=-1, hi=1, quarters=True), True),
    ("grad.amin-ties-split", api("torch.amin"), "torch.amin", OG.amin,
     S.arrays(F64, S.shapes(1, 4), lo=-1, hi=1, quarters=True), True),
    ("grad.logsumexp", api("torch.logsumexp"), "torch.logsumexp", OG.logsumexp,
     S.arrays(F64, S.shapes(1, 4), lo=-20, hi=20), True),
])


@pytest.mark.parametrize("fn, op, xs, tuple_dims", REDUCE)
@given(data=st.data())
def test_reduce(T, fn, op, xs, tuple_dims, data):
    allow_none = fn not in ("torch.amax", "torch.amin", "torch.logsumexp")  # these take dims
    x, dim, keepdim = data.draw(reduce_args(xs, tuple_dims, allow_none), label="x, dim, keepdim")
    code = call(fn, dim, keepdim)
    check_grad(T, data, code, x, oracle=lambda x: op(x, dim, keepdim if dim is not None else False))


FULL_EXTREMES = cases([
    ("grad.max-all-ties-split", api("torch.max"), "torch.max(a)", OG.amax),
    ("grad.min-all-ties-split", api("torch.min"), "a.min()", OG.amin),
])


@pytest.mark.parametrize("code, op", FULL_EXTREMES)
@given(data=st.data())
def test_full_extreme(T, code, op, data):
    check_grad(T, data, code, data.draw(S.arrays(F64, None, lo=-1, hi=1, quarters=True), label="a"), oracle=op)


SELECT = cases([
    ("grad.max-dim-values", api("torch.max"), "torch.max(a, {d}, keepdim={k}).values", OG.max_dim),
    ("grad.max-dim-tuple", api("torch.max"), "a.max({d}, {k})[0]", OG.max_dim),
    ("grad.min-dim-values", api("torch.min"), "torch.min(a, dim={d}, keepdim={k}).values", OG.min_dim),
])


@pytest.mark.parametrize("template, op", SELECT)
@given(data=st.data())
def test_select_along_dim(T, template, op, data):
    x = data.draw(distinct(), label="a")
    d = data.draw(S.dims(x.ndim), label="dim")
    k = data.draw(st.booleans(), label="keepdim")
    check_grad(T, data, template.format(d=d, k=k), x, oracle=lambda x: op(x, d, k))


@st.composite
def spread_args(draw):
    """(x, dim, correction, keepdim) with at least correction + 1 elements reduced."""
    x, dim, keepdim = draw(reduce_args(distinct(S.shapes(1, 3).filter(lambda s: math.prod(s) >= 2))))
    n = count(x, dim)
    if n < 2:
        dim = None
        n = x.size
    correction = draw(st.integers(0, min(2, n - 1)))
    return x, dim, correction, keepdim


SPREAD = cases([
    ("grad.var-correction", api("torch.var"), "torch.var", OG.var),
    ("grad.std-correction", api("torch.std"), "torch.std", OG.std),
])


@pytest.mark.parametrize("fn, op", SPREAD)
@given(args=spread_args(), data=st.data())
def test_var_std(T, fn, op, args, data):
    x, dim, correction, keepdim = args
    code = f"{fn}(a, {dim!r}, correction={correction}, keepdim={keepdim})"
    check_grad(T, data, code, x, oracle=lambda x: op(x, dim, correction, keepdim), reduce=count(x, dim))


@spec("grad.var-default-correction", api("torch.var"))
@given(x=distinct(S.shapes(1, 3).filter(lambda s: math.prod(s) >= 2)), data=st.data())
def test_var_default(T, x, data):
    # Without arguments var uses Bessel's correction (N - 1) over all elements.
    check_grad(T, data, "a.var()", x, oracle=lambda x: OG.var(x, None, 1), reduce=x.size)


ALONG = cases([
    ("grad.softmax", api("torch.softmax"), "torch.softmax(a, {d})", OG.softmax),
    ("grad.softmax-method", api("torch.Tensor.softmax"), "a.softmax(dim={d})", OG.softmax),
    ("grad.log-softmax", api("torch.nn.functional.log_softmax"), "torch.log_softmax(a, {d})", OG.log_softmax),
    ("grad.cumsum", api("torch.cumsum"), "torch.cumsum(a, {d})", OG.cumsum),
    ("grad.cumsum-method", api("torch.Tensor.cumsum"), "a.cumsum(dim={d})", OG.cumsum),
])


@pytest.mark.parametrize("template, op", ALONG)
@given(data=st.data())
def test_along_dim(T, template, op, data):
    x = data.draw(S.arrays(F64, S.shapes(1, 4), lo=-10, hi=10), label="a")
    d = data.draw(S.dims(x.ndim), label="dim")
    check_grad(T, data, template.format(d=d), x, oracle=lambda x: op(x, d), reduce=x.shape[d])
