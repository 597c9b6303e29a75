"""cdist: p-norm distances between the rows of two batches of row vectors, against float64 NumPy."""
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import strategies as S
from .catalogue import api, cases, spec
from .grad_harness import check_grad
from .harness import check, check_raises

CDIST = api("torch.cdist")
P_VALUES = [0.0, 0.5, 1.0, 1.5, 2.0, 3.0, math.inf]


def np_cdist(x1, x2, p):
    d = np.abs(x1.astype(np.float64)[..., :, None, :] - x2.astype(np.float64)[..., None, :, :])
    if p == 0:
        return (d != 0).sum(-1).astype(np.float64)
    if math.isinf(p):
        return d.max(-1, initial=0.0)
    return (d ** p).sum(-1) ** (1 / p)


@st.composite
def row_batches(draw, dtype, max_rows=5):
    """x1 (B1..., P, M) and x2 (B2..., R, M) with broadcastable batch dims; at most 25 rows, where torch
    computes every p directly (beyond, p = 2 goes through a matrix product)."""
    b1, b2 = draw(S.broadcastable_shapes(2, max_dims=2, max_side=3), label="batch shapes")
    m = draw(st.integers(1, 4), label="M")
    x1 = draw(S.arrays(dtype, tuple(b1) + (draw(st.integers(1, max_rows)), m), lo=-3, hi=3), label="x1")
    x2 = draw(S.arrays(dtype, tuple(b2) + (draw(st.integers(1, max_rows)), m), lo=-3, hi=3), label="x2")
    return x1, x2


@spec("cdist.p-norm-distances", CDIST)
@given(data=st.data(), dtype=S.dtypes(("float32", "float64")), p=st.sampled_from(P_VALUES))
def test_cdist(T, data, dtype, p):
    x1, x2 = data.draw(row_batches(dtype))
    # each distance sums M <= 4 terms |d|^p (d up to 6) and takes a root
    p_text = "float('inf')" if math.isinf(p) else repr(p)
    check(T, f"torch.cdist(a, b, p={p_text})", x1, x2, expected=lambda a, b: np_cdist(a, b, p).astype(a.dtype),
          reduce=4, scale=6 ** max(p, 1) if not math.isinf(p) else 6)


@spec("cdist.compute-mode-accepted", CDIST)
@given(data=st.data(), mode=st.sampled_from(["use_mm_for_euclid_dist_if_necessary", "donot_use_mm_for_euclid_dist"]))
def test_cdist_compute_mode(T, data, mode):
    x1, x2 = data.draw(row_batches("float64"))
    check(T, f"torch.cdist(a, b, compute_mode='{mode}')", x1, x2, expected=lambda a, b: np_cdist(a, b, 2), reduce=4)


@spec("cdist.euclidean-zero-distance-gradient", CDIST)
@given(data=st.data(), dtype=S.dtypes(("float32", "float64")))
def test_cdist_zero_distance_grad(T, data, dtype):
    # the rows of a against themselves: every diagonal distance is 0, where torch's gradient is 0
    x = data.draw(S.arrays(dtype, (3, 3), lo=-2, hi=2), label="a")

    def oracle(a):
        a = a.astype(np.float64)
        diff = a[:, None, :] - a[None, :, :]
        dist = np.sqrt((diff ** 2).sum(-1))
        slope = np.divide(diff, dist[..., None], out=np.zeros_like(diff), where=dist[..., None] != 0)
        return dist.astype(x.dtype), lambda g: ((g[..., None] * slope).sum(1),)
    check_grad(T, data, "torch.cdist(a, a.detach())", x, oracle=oracle, reduce=3)


CDIST_ERRORS = cases([
    ("cdist.negative-p-raises", CDIST, "torch.cdist(torch.ones(2, 3), torch.ones(4, 3), p=-1)", RuntimeError,
     ("non-negative",)),
    ("cdist.columns-mismatch-raises", CDIST, "torch.cdist(torch.ones(2, 3), torch.ones(4, 5))", RuntimeError, (3, 5)),
    ("cdist.vector-raises", CDIST, "torch.cdist(torch.ones(3), torch.ones(4, 3))", RuntimeError, ("2D",)),
    ("cdist.integers-raise", CDIST, "torch.cdist(torch.ones(2, 3, dtype=torch.int64), torch.ones(4, 3, dtype=torch.int64))",
     RuntimeError, ("floating",)),
    ("cdist.compute-mode-raises", CDIST, "torch.cdist(torch.ones(2, 3), torch.ones(4, 3), compute_mode='fast')",
     ValueError, ("fast",)),
])


@pytest.mark.parametrize("code, exc, contains", CDIST_ERRORS)
def test_cdist_errors(T, code, exc, contains):
    check_raises(T, code, exc=exc, contains=contains)
