"""torch.unique and torch.unique_consecutive (sorted values, inverse indices, counts, dim), and
torch.cross with its gradient."""
import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from . import strategies as S
from .catalogue import api, spec
from .grad_harness import check_grad
from .harness import check

UNIQUE = api("torch.unique")


@spec("setops.unique-sorted-inverse-counts", UNIQUE)
# the worked example(s) of the page this cites
@example(x=np.array([1, 3, 2, 3]))
@given(x=S.arrays(S.dtypes(("int64", "int32", "float32", "float64")), S.shapes(0, 3), lo=-3, hi=3, integral=True))
def test_unique(T, x):
    def want(x):
        v, i, c = np.unique(x.reshape(-1), return_inverse=True, return_counts=True)
        return v, i.reshape(x.shape).astype(np.int64), c.astype(np.int64)
    check(T, "torch.unique(a, return_inverse=True, return_counts=True)", x, expected=want)


@spec("setops.unique-values-only", UNIQUE)
# the worked example(s) of the page this cites
@example(x=np.array([1, 3, 2, 3]))
@given(x=S.arrays("int64", S.shapes(1, 2), lo=-3, hi=3))
def test_unique_plain(T, x):
    check(T, "(torch.unique(a), a.unique(sorted=True))", x, expected=lambda x: (np.unique(x), np.unique(x)))


@spec("setops.unique-dim", UNIQUE)
@given(x=S.arrays("int64", S.shapes(2, 2), lo=0, hi=2), d=st.integers(0, 1))
def test_unique_dim(T, x, d):
    def want(x, d):
        v, i, c = np.unique(x, return_inverse=True, return_counts=True, axis=d)
        return v, i.reshape(-1).astype(np.int64), c.astype(np.int64)
    check(T, "torch.unique(a, dim=b, return_inverse=True, return_counts=True)", x, d, expected=want)


def _consecutive(flat):
    starts = np.ones(flat.shape[0], bool)
    starts[1:] = flat[1:] != flat[:-1]
    counts = np.diff(np.append(np.flatnonzero(starts), flat.shape[0])).astype(np.int64)
    return flat[starts], (np.cumsum(starts) - 1).astype(np.int64), counts


@spec("setops.unique-consecutive", api("torch.unique_consecutive"))
# the worked example(s) of the page this cites
@example(x=np.array([1, 1, 2, 2, 3, 1, 1, 2]))
@given(x=S.arrays("int64", S.shapes(1, 1, max_side=8), lo=0, hi=2))
def test_unique_consecutive(T, x):
    check(T, "torch.unique_consecutive(a, return_inverse=True, return_counts=True)", x, expected=_consecutive)


@spec("setops.unique-consecutive-dim", api("torch.unique_consecutive"))
@given(x=S.arrays("int64", S.shapes(2, 2), lo=0, hi=1))
def test_unique_consecutive_dim(T, x):
    def want(x):
        keep = np.ones(x.shape[0], bool)
        keep[1:] = (x[1:] != x[:-1]).any(axis=1)
        return x[keep], np.diff(np.append(np.flatnonzero(keep), x.shape[0])).astype(np.int64)
    check(T, "torch.unique_consecutive(a, dim=0, return_counts=True)", x, expected=want)


def _cross_oracle(a, b, d):
    out = np.cross(a.astype(np.float64), b.astype(np.float64), axis=d)

    def pullback(g):
        g = g.astype(np.float64)
        # d(a x b)/da applied to g is b x g; d(a x b)/db applied to g is g x a
        return (np.cross(b, g, axis=d), np.cross(g, a, axis=d))
    return out.astype(a.dtype), pullback


@st.composite
def cross_inputs(draw):
    shape = list(draw(S.shapes(1, 3, max_side=3)))
    d = draw(st.integers(0, len(shape) - 1))
    shape[d] = 3
    dt = draw(S.dtypes(("float32", "float64")))
    return (draw(S.arrays(dt, tuple(shape), lo=-2, hi=2)), draw(S.arrays(dt, tuple(shape), lo=-2, hi=2)), d)


@spec("linalg.cross", api("torch.cross"))
@given(args=cross_inputs(), data=st.data())
def test_cross_and_grad(T, args, data):
    a, b, d = args
    check_grad(T, data, "torch.cross(a, b, dim=c)", a, b, d, oracle=_cross_oracle, reduce=3)


@spec("linalg.linalg-cross-last-dim", api("torch.linalg.cross"))
@given(args=cross_inputs())
def test_linalg_cross(T, args):
    a, b, _ = args
    a, b = np.moveaxis(a, _, -1), np.moveaxis(b, _, -1)
    check(T, "torch.linalg.cross(a, b)", np.ascontiguousarray(a), np.ascontiguousarray(b),
          expected=lambda a, b: np.cross(a.astype(np.float64), b.astype(np.float64)).astype(a.dtype), reduce=3)
