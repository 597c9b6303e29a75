"""cov, corrcoef, quantile and nanquantile against float64 NumPy closed forms written from their pages."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import strategies as S
from .catalogue import api, cases, spec
from .harness import check, check_raises

F64 = np.float64
COV = api("torch.cov")
QUANTILE = api("torch.quantile")
NANQUANTILE = api("torch.nanquantile")


def _np_cov(x, correction=1, fweights=None, aweights=None):
    """The weighted covariance of the rows (variables) over the columns (observations)."""
    x = np.atleast_2d(x.astype(F64))
    w = np.ones(x.shape[1])
    if fweights is not None:
        w = w * fweights
    if aweights is not None:
        w = w * aweights
    w_sum = w.sum()
    avg = (x * w).sum(1, keepdims=True) / w_sum
    if aweights is None:
        norm = w_sum - correction
    else:
        norm = w_sum - correction * (w * aweights).sum() / w_sum
    centred = x - avg
    c = (centred * w) @ centred.T / norm
    return c.squeeze()


def _cov_magnitude(x, w=None):
    """Per element, the sum of |terms| of the weighted products (cancellation sets float32's error)."""
    x = np.atleast_2d(x.astype(F64))
    centred = np.abs(x - x.mean(1, keepdims=True)) + np.abs(x).max()
    w = np.ones(x.shape[1]) if w is None else w
    return ((centred * w) @ centred.T).squeeze()


@st.composite
def observations(draw, dtype, min_obs=2):
    """Quarter-grid samples: 1-3 variables (or one 1-D variable) over 2-5 observations."""
    n = draw(st.integers(min_obs, 5), label="observations")
    shape = draw(st.sampled_from([(n,), (1, n), (2, n), (3, n)]), label="shape")
    return draw(S.arrays(dtype, shape, lo=-3, hi=3, quarters=True), label="a")


@spec("statistics.cov", COV)
@given(data=st.data(), dtype=S.dtypes(("float32", "float64")), correction=st.integers(0, 1))
def test_cov(T, data, dtype, correction):
    x = data.draw(observations(dtype))
    check(T, f"torch.cov(a, correction={correction})", x,
          expected=lambda a: _np_cov(a, correction).astype(a.dtype), reduce=5, magnitude=_cov_magnitude)


@spec("statistics.cov-weights", COV)
@given(data=st.data(), dtype=S.dtypes(("float32", "float64")), correction=st.integers(0, 1))
def test_cov_weights(T, data, dtype, correction):
    x = data.draw(observations(dtype))
    n = x.shape[-1]
    fw = np.array(data.draw(st.lists(st.integers(1, 3), min_size=n, max_size=n), label="fweights"), np.int64)
    aw = data.draw(S.arrays(dtype, (n,), lo=0.5, hi=2, quarters=True), label="aweights")
    # positive weights over at least two observations keep the normalisation positive
    check(T, f"torch.cov(a, correction={correction}, fweights=b, aweights=c)", x, fw, aw,
          expected=lambda a, f, w: _np_cov(a, correction, f, w).astype(a.dtype), reduce=5,
          magnitude=lambda a, f, w: _cov_magnitude(a, f * w))


@spec("statistics.cov-matches-numpy", COV)
@given(data=st.data())
def test_cov_numpy(T, data):
    x = data.draw(observations("float64"))
    check(T, "torch.cov(a)", x, expected=lambda a: np.asarray(np.cov(a)), reduce=5, magnitude=_cov_magnitude)


@spec("statistics.cov-of-integers-is-float", COV)
def test_cov_integers(T):
    check(T, "torch.cov(torch.tensor([[1, 2, 4], [1, 0, 1]]))",
          expected=np.array([[7 / 3, 1 / 6], [1 / 6, 1 / 3]], np.float32))


@spec("statistics.corrcoef", api("torch.corrcoef"))
@given(data=st.data(), dtype=S.dtypes(("float32", "float64")))
def test_corrcoef(T, data, dtype):
    x = data.draw(observations(dtype))
    if x.ndim == 2:
        # a constant row has no correlation (0/0): torch and NumPy both give NaN; drawn apart here
        x = x + np.arange(x.shape[1], dtype=x.dtype) * np.arange(1, x.shape[0] + 1, dtype=x.dtype)[:, None] / 8

    def want(a):
        c = _np_cov(a)
        if c.ndim == 0:
            return (c / c).astype(a.dtype)
        s = np.sqrt(np.diag(c))
        return np.clip(c / s[:, None] / s[None, :], -1, 1).astype(a.dtype)
    check(T, "torch.corrcoef(a)", x, expected=want, reduce=16)


COV_ERRORS = cases([
    ("statistics.cov-3d-raises", COV, "torch.cov(torch.ones(2, 3, 4))", (3,)),
    ("statistics.cov-float-fweights-raises", COV, "torch.cov(torch.ones(2, 3), fweights=torch.ones(3))",
     ("fweights", "integral")),
    ("statistics.cov-negative-fweights-raises", COV, "torch.cov(torch.ones(2, 3), fweights=torch.tensor([1, -1, 1]))",
     ("negative",)),
    ("statistics.cov-integer-aweights-raises", COV, "torch.cov(torch.ones(2, 3), aweights=torch.tensor([1, 1, 1]))",
     ("aweights", "floating")),
    ("statistics.cov-weights-size-raises", COV, "torch.cov(torch.ones(2, 3), aweights=torch.ones(4))", (3, 4)),
])


@pytest.mark.parametrize("code, contains", COV_ERRORS)
def test_cov_errors(T, code, contains):
    check_raises(T, code, exc=RuntimeError, contains=contains)


# ---------------------------------------------------------------- quantile


def _np_quantile_row(row, q, interpolation, ignore_nan):
    """One row's q-quantile as the page defines it: the sorted row's index q * (n - 1) (n: the count of
    numbers for nanquantile); a NaN in the row (quantile) or no number at all (nanquantile) gives NaN."""
    if ignore_nan:
        row = row[~np.isnan(row)]
    elif np.isnan(row).any():
        return np.nan
    if row.size == 0:
        return np.nan
    s = np.sort(row)
    pos = q * (s.size - 1)
    i, j = int(np.floor(pos)), int(np.ceil(pos))
    a, b = s[i], s[j]
    if interpolation == "linear":
        return a + (b - a) * (pos - i)
    if interpolation == "lower":
        return a
    if interpolation == "higher":
        return b
    if interpolation == "midpoint":
        return (a + b) / 2
    return s[int(np.rint(pos))]  # nearest: as torch.round, halves to even


def _np_quantile(x, qs, dim, keepdim, interpolation, ignore_nan, scalar_q):
    x = x.astype(F64)
    dim = None if dim is None else dim % x.ndim
    moved = x.reshape(-1) if dim is None else np.moveaxis(x, dim, -1)
    rows = moved.reshape(-1, moved.shape[-1])
    out = np.array([[_np_quantile_row(r, q, interpolation, ignore_nan) for r in rows] for q in qs])
    out = out.reshape((len(qs),) + (() if dim is None else moved.shape[:-1]))
    if keepdim:
        out = out.reshape((len(qs),) + (1,) * x.ndim) if dim is None else np.expand_dims(out, dim + 1)
    return out[0] if scalar_q else out


@st.composite
def quantile_case(draw, nan=False):
    dtype = draw(S.dtypes(("float32", "float64")), label="dtype")
    x = draw(S.arrays(dtype, S.shapes(1, 3, max_side=4), lo=-9, hi=9), label="a")
    if nan:
        x = np.array(x)
        mask = np.array(draw(st.lists(st.booleans(), min_size=x.size, max_size=x.size)), bool).reshape(x.shape)
        x[mask] = np.nan
    dim = draw(st.one_of(st.none(), S.dims(x.ndim)), label="dim")
    # q on a 1/16 grid: q * (n - 1) is exact in float32 as in float64 (at most 63 elements per row),
    # so both pick the same neighbours; torch computes the index in the input's dtype
    qs = draw(st.lists(st.integers(0, 16).map(lambda k: k / 16), min_size=1, max_size=3), label="q")
    scalar = draw(st.booleans(), label="q as a float")
    return x, (qs[:1] if scalar else qs), dim, scalar, draw(st.booleans(), label="keepdim")


INTERPOLATIONS = ["linear", "lower", "higher", "midpoint", "nearest"]


@spec("statistics.quantile", QUANTILE)
@given(case=quantile_case(), interpolation=st.sampled_from(INTERPOLATIONS))
def test_quantile(T, case, interpolation):
    x, qs, dim, scalar, keepdim = case
    q = repr(qs[0]) if scalar else f"torch.tensor({qs}, dtype=a.dtype)"
    check(T, f"torch.quantile(a, {q}, dim={dim}, keepdim={keepdim}, interpolation='{interpolation}')", x,
          expected=lambda a: _np_quantile(a, qs, dim, keepdim, interpolation, False, scalar).astype(a.dtype),
          reduce=2)


@spec("statistics.quantile-nan-propagates", QUANTILE)
@given(case=quantile_case(nan=True), interpolation=st.sampled_from(INTERPOLATIONS))
def test_quantile_nan(T, case, interpolation):
    x, qs, dim, scalar, keepdim = case
    q = repr(qs[0]) if scalar else f"torch.tensor({qs}, dtype=a.dtype)"
    check(T, f"a.quantile({q}, dim={dim}, keepdim={keepdim}, interpolation='{interpolation}')", x,
          expected=lambda a: _np_quantile(a, qs, dim, keepdim, interpolation, False, scalar).astype(a.dtype),
          reduce=2, scale=9)


@spec("statistics.nanquantile-ignores-nan", NANQUANTILE)
@given(case=quantile_case(nan=True), interpolation=st.sampled_from(INTERPOLATIONS))
def test_nanquantile(T, case, interpolation):
    x, qs, dim, scalar, keepdim = case
    q = repr(qs[0]) if scalar else f"torch.tensor({qs}, dtype=a.dtype)"
    check(T, f"torch.nanquantile(a, {q}, dim={dim}, keepdim={keepdim}, interpolation='{interpolation}')", x,
          expected=lambda a: _np_quantile(a, qs, dim, keepdim, interpolation, True, scalar).astype(a.dtype),
          reduce=2, scale=9)


QUANTILE_ERRORS = cases([
    ("statistics.quantile-q-above-one-raises", QUANTILE, "torch.quantile(torch.ones(3), 1.5)", ("[0, 1]", "1.5")),
    ("statistics.quantile-q-negative-raises", QUANTILE, "torch.quantile(torch.ones(3), -0.25)", ("[0, 1]",)),
    ("statistics.quantile-q-tensor-range-raises", QUANTILE, "torch.quantile(torch.ones(3), torch.tensor([0.5, 1.25]))",
     ("[0, 1]",)),
    ("statistics.quantile-q-matrix-raises", QUANTILE, "torch.quantile(torch.ones(3), torch.tensor([[0.5]]))",
     ("1D",)),
    ("statistics.quantile-q-dtype-raises", QUANTILE,
     "torch.quantile(torch.ones(3), torch.tensor([0.5], dtype=torch.float64))", ("dtype",)),
    ("statistics.quantile-integers-raise", QUANTILE, "torch.quantile(torch.tensor([1, 2]), 0.5)", ("float",)),
    ("statistics.quantile-empty-raises", QUANTILE, "torch.quantile(torch.ones(0), 0.5)", ("empty",)),
    ("statistics.quantile-interpolation-raises", QUANTILE, "torch.quantile(torch.ones(3), 0.5, interpolation='mean')",
     ("mean",)),
])


@pytest.mark.parametrize("code, contains", QUANTILE_ERRORS)
def test_quantile_errors(T, code, contains):
    check_raises(T, code, exc=RuntimeError, contains=contains)
