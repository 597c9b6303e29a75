"""torch.nansum (a sum that counts NaN as zero) and Tensor.index_fill / index_fill_ (the slots of
`dim` that `index` names set to one value): values against float64 NumPy closed forms over several
dtypes and memory layouts, gradients in float32 and float64, and torch's errors."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import layouts as L
from . import strategies as S
from .catalogue import api, spec
from .grad_harness import check_grad
from .harness import check, check_raises
from .messages import error_cases

NANSUM = api("torch.nansum")
INDEX_FILL = api("torch.Tensor.index_fill_")
_WRITABLE = ("contiguous", "transposed", "stepped", "offset")


@st.composite
def _with_nans(draw, dtype, shape=None):
    """A float array with NaNs at drawn places (never all of them), in a drawn writable layout."""
    shape = draw(S.shapes(0, 3)) if shape is None else shape
    values = np.array(draw(S.arrays(dtype, shape, layouts=("contiguous",))))
    holes = np.array(draw(S.arrays("bool", shape, layouts=("contiguous",))))
    if holes.size and holes.all():
        holes.reshape(-1)[0] = False
    values = np.where(holes, np.nan, values).astype(dtype)
    kinds = [k for k in _WRITABLE if L.possible(k, shape)]
    kind = draw(st.sampled_from(kinds), label="layout")
    layout = {"contiguous": L.contiguous, "transposed": L.transposed,
              "stepped": lambda v: L.stepped(v, draw(st.integers(0, max(v.ndim - 1, 0)))),
              "offset": lambda v: L.offset(v, 2)}[kind](values)
    return L.attach(values, layout)


def _dim_and_keep(draw, ndim):
    dim = None if ndim == 0 or draw(st.booleans(), label="all dims?") else draw(st.integers(-ndim, ndim - 1))
    return dim, draw(st.booleans(), label="keepdim")


def _np_nansum(a, dim, keepdim, dtype=None):
    out = np.nansum(a.astype(np.float64), axis=dim, keepdims=keepdim)
    return np.asarray(out).astype(dtype or a.dtype)


@spec("reduction.nansum-counts-nan-as-zero", NANSUM)
@given(data=st.data(), dtype=st.sampled_from(["float32", "float64"]))
def test_nansum_float(T, data, dtype):
    x = data.draw(_with_nans(dtype), label="a")
    dim, keep = _dim_and_keep(data.draw, x.ndim)
    code = "torch.nansum(a)" if dim is None and not keep else f"a.nansum({dim}, keepdim={keep})"
    if dim is None and keep:
        code = "a.nansum(tuple(range(a.dim())), keepdim=True)"
        dim = tuple(range(x.ndim))
    n = x.size if dim is None else int(np.prod([x.shape[d] for d in np.atleast_1d(dim)]))
    check(T, code, x, expected=lambda a: _np_nansum(a, dim, keep), reduce=max(n, 1),
          magnitude=lambda a: np.nansum(np.abs(a.astype(np.float64)), axis=dim, keepdims=keep))


@spec("reduction.nansum-integers-sum-to-int64", NANSUM)
@given(data=st.data(), dtype=st.sampled_from(["int32", "int64", "uint8", "bool"]))
def test_nansum_integer(T, data, dtype):
    x = data.draw(S.arrays(dtype, S.shapes(1, 3), lo=0, hi=50) if dtype != "bool" else S.arrays(dtype, S.shapes(1, 3)),
                  label="a")
    dim = data.draw(st.integers(-x.ndim, x.ndim - 1))
    check(T, f"a.nansum({dim})", x, expected=lambda a: a.astype(np.int64).sum(axis=dim))


@spec("reduction.nansum-dtype-casts-first", NANSUM)
@given(data=st.data())
def test_nansum_dtype(T, data):
    x = data.draw(_with_nans("float32", data.draw(S.shapes(1, 3))), label="a")
    check(T, "torch.nansum(a, 0, dtype=torch.float64)", x,
          expected=lambda a: np.nansum(a.astype(np.float64), axis=0), rtol=1e-12, atol=1e-12)


@spec("reduction.nansum-gradient-skips-nan", NANSUM)
@given(data=st.data(), dtype=st.sampled_from(["float32", "float64"]))
def test_nansum_gradient(T, data, dtype):
    x = data.draw(_with_nans(dtype, data.draw(S.shapes(1, 3))), label="a")
    dim = data.draw(st.integers(-x.ndim, x.ndim - 1))

    def oracle(a):
        def pullback(g):
            return (np.where(np.isnan(a), 0.0, np.expand_dims(g, dim)),)
        return np.nansum(a.astype(np.float64), axis=dim).astype(a.dtype), pullback
    check_grad(T, data, f"a.nansum({dim})", x, oracle=oracle)


def _filled(a, dim, index, value):
    out = np.array(a, copy=True)
    idx = [slice(None)] * a.ndim
    idx[dim] = np.asarray(index).reshape(-1)
    out[tuple(idx)] = value
    return out


@st.composite
def _fill_case(draw, dtype, min_dims=1):
    x = draw(S.arrays(dtype, S.shapes(min_dims, 3), lo=-20, hi=20), label="a")
    dim = draw(st.integers(-x.ndim, x.ndim - 1), label="dim")
    n = x.shape[dim]
    index = draw(st.lists(st.integers(-n, n - 1), min_size=1, max_size=3), label="index")
    scalar_index = len(index) == 1 and draw(st.booleans(), label="0-d index?")
    return x, dim, index[0] if scalar_index else index, scalar_index


@spec("indexing.index-fill-sets-slots", INDEX_FILL)
@given(data=st.data(), dtype=st.sampled_from(["float32", "float64", "int64", "int32"]))
def test_index_fill_values(T, data, dtype):
    x, dim, index, _ = data.draw(_fill_case(dtype))
    check(T, f"a.index_fill({dim}, torch.tensor({index!r}), 3.0)", x,
          expected=lambda a: _filled(a, dim, index, 3).astype(a.dtype))


@spec("indexing.index-fill-tensor-value-and-in-place", INDEX_FILL)
@given(data=st.data(), dtype=st.sampled_from(["float32", "float64"]))
def test_index_fill_inplace_tensor_value(T, data, dtype):
    x, dim, index, _ = data.draw(_fill_case(dtype))
    v = data.draw(S.arrays(dtype, ()), label="b")
    check(T, f"c = a.clone(); r = c.index_fill_({dim}, torch.tensor({index!r}), b); (c, r is c)", x, v,
          expected=lambda a, b: (_filled(a, dim, index, b), True))


@spec("indexing.index-fill-gradients", INDEX_FILL)
@given(data=st.data(), dtype=st.sampled_from(["float32", "float64"]))
def test_index_fill_gradient(T, data, dtype):
    x, dim, index, _ = data.draw(_fill_case(dtype))
    # non-negative positions: torch 2.13's value gradient index_selects the raw index and refuses a
    # negative one ('index out of range in self'); negative indices are covered by the value rows
    index = np.mod(index, x.shape[dim]).tolist()
    v = data.draw(S.arrays(dtype, ()), label="b")

    def oracle(a, b):
        slots = _filled(np.zeros(a.shape, bool), dim, index, True)

        def pullback(g):
            # every filled slot counts once for the value, however often the index names it
            return np.where(slots, 0.0, g), np.where(slots, g, 0.0).sum()
        return _filled(a, dim, index, b), pullback
    check_grad(T, data, f"a.index_fill({dim}, torch.tensor({index!r}), b)", x, v, oracle=oracle,
               reduce=max(x.size, 1))


ERRORS = error_cases([
    ("indexing.index-fill-float-index-raises", INDEX_FILL, "a.index_fill(0, torch.tensor([0.0]), 1.0)",
     IndexError, ("int64",)),
    ("indexing.index-fill-int32-index-raises", INDEX_FILL,
     "a.index_fill(0, torch.tensor([0], dtype=torch.int32), 1.0)", IndexError, ("int64",)),
    ("indexing.index-fill-index-out-of-range-raises", INDEX_FILL, "a.index_fill(0, torch.tensor([3]), 1.0)",
     IndexError, (3,)),
    ("indexing.index-fill-negative-index-out-of-range-raises", INDEX_FILL,
     "a.index_fill(1, torch.tensor([-5]), 1.0)", IndexError, (-5,)),
    ("indexing.index-fill-2d-index-raises", INDEX_FILL, "a.index_fill(0, torch.tensor([[0]]), 1.0)",
     RuntimeError, ()),
    ("indexing.index-fill-1d-value-raises", INDEX_FILL, "a.index_fill(0, torch.tensor([0]), torch.ones(2))",
     RuntimeError, ()),
    ("indexing.index-fill-dim-out-of-range-raises", INDEX_FILL, "a.index_fill(2, torch.tensor([0]), 1.0)",
     IndexError, ()),
])


@pytest.mark.parametrize("code, exc, contains", ERRORS)
def test_index_fill_errors(T, code, exc, contains):
    check_raises(T, code, np.arange(12, dtype=np.float32).reshape(3, 4), exc=exc, contains=contains)
