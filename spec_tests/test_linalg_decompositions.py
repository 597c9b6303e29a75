"""torch.linalg: det, inv, solve, cholesky, eigh (with gradients), svd, qr, pinv, matrix_rank, lstsq,
and the vector/matrix norms (with gradients). Expected values are float64 NumPy; gradients are the
documented closed forms."""
import math

import numpy as np
import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from . import strategies as S
from .catalogue import api, cases, spec
from .grad_harness import check_grad
from .harness import check, check_raises


@st.composite
def well_conditioned(draw, batch=True, spd=False):
    n = draw(st.integers(1, 4))
    lead = tuple(draw(S.shapes(0, 1, max_side=2))) if batch else ()
    dt = draw(S.dtypes(("float64",)))
    m = draw(S.arrays(dt, lead + (n, n), lo=-1, hi=1))
    if spd:
        return m @ np.swapaxes(m, -1, -2) + n * np.eye(n)
    return m + 3 * n * np.eye(n)  # diagonally dominant: far from singular


def _det(a):
    d = np.linalg.det(a)
    return d, lambda g: ((g * d)[..., None, None] * np.swapaxes(np.linalg.inv(a), -1, -2),)


def _inv(a):
    ai = np.linalg.inv(a)
    return ai, lambda g: (-np.swapaxes(ai, -1, -2) @ g @ np.swapaxes(ai, -1, -2),)


def _solve(a, b):
    x = np.linalg.solve(a, b)

    def pullback(g):
        gb = np.linalg.solve(np.swapaxes(a, -1, -2), g)
        return (-gb @ np.swapaxes(x, -1, -2), gb)
    return x, pullback


@spec("linalg.det-and-grad", api("torch.linalg.det"))
@given(a=well_conditioned(), data=st.data())
def test_det(T, a, data):
    check_grad(T, data, "torch.linalg.det(a)", a, oracle=_det, reduce=a.shape[-1] ** 2)


@spec("linalg.inv-and-grad", api("torch.linalg.inv"))
@given(a=well_conditioned(), data=st.data())
def test_inv(T, a, data):
    check_grad(T, data, "torch.linalg.inv(a)", a, oracle=_inv, reduce=a.shape[-1] ** 2)


@spec("linalg.solve-and-grad", api("torch.linalg.solve"))
@given(a=well_conditioned(), data=st.data())
def test_solve(T, a, data):
    b = data.draw(S.arrays("float64", a.shape[:-1] + (2,), lo=-2, hi=2), label="b")
    check_grad(T, data, "torch.linalg.solve(a, b)", a, b, oracle=_solve, reduce=a.shape[-1] ** 2)


@spec("linalg.solve-vector-rhs", api("torch.linalg.solve"))
@given(a=well_conditioned(batch=False), data=st.data())
def test_solve_vector(T, a, data):
    b = data.draw(S.arrays("float64", a.shape[:1], lo=-2, hi=2), label="b")
    check(T, "torch.linalg.solve(a, b)", a, b, expected=lambda a, b: np.linalg.solve(a, b), reduce=a.shape[0])


def _cholesky(a):
    L = np.linalg.cholesky(a)

    def pullback(g):
        p = L.swapaxes(-1, -2) @ g
        p = np.tril(p) - 0.5 * (p * np.eye(p.shape[-1]))
        li = np.linalg.inv(L)
        ga = li.swapaxes(-1, -2) @ p @ li
        return (0.5 * (ga + ga.swapaxes(-1, -2)),)
    return L, pullback


@spec("linalg.cholesky-and-grad", api("torch.linalg.cholesky"))
@given(a=well_conditioned(spd=True), data=st.data())
def test_cholesky(T, a, data):
    # the input is symmetrised inside the expression, so the gradient is the documented symmetric one
    check_grad(T, data, "torch.linalg.cholesky((a + a.transpose(-1, -2)) / 2)", a, oracle=_cholesky,
               reduce=a.shape[-1] ** 2)


@spec("linalg.cholesky-not-positive-definite-raises", api("torch.linalg.cholesky"))
def test_cholesky_raises(T):
    check_raises(T, "torch.linalg.cholesky(a)", -np.eye(2), exc=RuntimeError)


@spec("linalg.eigh-eigenvalues-and-grad", api("torch.linalg.eigh"))
@given(a=well_conditioned(spd=True), data=st.data())
def test_eigh_values(T, a, data):
    # a repeated eigenvalue has no derivative: the documented gradient needs distinct ones
    w = np.linalg.eigvalsh((a + a.swapaxes(-1, -2)) / 2)
    assume(a.shape[-1] < 2 or np.diff(w, axis=-1).min() > 1e-3 * max(1.0, np.abs(w).max()))
    def oracle(a):
        w, v = np.linalg.eigh(a)
        return w, lambda g: (0.5 * ((v * g[..., None, :]) @ v.swapaxes(-1, -2) +
                                    ((v * g[..., None, :]) @ v.swapaxes(-1, -2)).swapaxes(-1, -2)),)
    check_grad(T, data, "torch.linalg.eigh((a + a.transpose(-1, -2)) / 2).eigenvalues", a, oracle=oracle,
               reduce=a.shape[-1] ** 2)


@spec("linalg.eigh-reconstructs", api("torch.linalg.eigh"))
@given(a=well_conditioned(spd=True))
def test_eigh_vectors(T, a):
    check(T, "w, v = torch.linalg.eigh(a)\n(v * w.unsqueeze(-2)) @ v.transpose(-1, -2)", a, expected=lambda a: a,
          reduce=a.shape[-1])


@spec("linalg.svd-reconstructs", api("torch.linalg.svd"))
@given(a=S.arrays("float64", S.shapes(2, 3, max_side=4), lo=-2, hi=2))
def test_svd(T, a):
    check(T, "U, S, Vh = torch.linalg.svd(a, full_matrices=False)\n((U * S.unsqueeze(-2)) @ Vh, S)", a,
          expected=lambda a: (a, np.linalg.svd(a, compute_uv=False)), reduce=a.shape[-1])


@spec("linalg.qr-reconstructs", api("torch.linalg.qr"))
# the worked example(s) of the page this cites
@example(a=np.array([[12.0, -51, 4], [6, 167, -68], [-4, 24, -41]]))
@given(a=S.arrays("float64", S.shapes(2, 2, max_side=4), lo=-2, hi=2))
def test_qr(T, a):
    check(T, "Q, R = torch.linalg.qr(a)\n(Q @ R, (R - torch.triu(R)).abs().max(), Q.transpose(-1, -2) @ Q)", a,
          expected=lambda a: (a, np.float64(0), np.eye(min(a.shape))), reduce=a.shape[-1])


def _rank_gap(s, noise=1e-12, kept=1e-2):
    """Whether the singular values `s` split cleanly into rounding noise (at most noise * their largest,
    what an exactly rank-deficient input, such as an expanded layout's repeated rows, computes for its
    zero ones) and values kept far from zero (above kept * max(1, largest)); and whether none is noise."""
    top = s.max(initial=0.0)
    small = s <= noise * top
    return bool(np.all(small | (s > kept * max(1.0, top)))), bool(top > 0 and not small.any())


def _pinv(rtol):
    def pinv(a):
        u, s, vh = np.linalg.svd(a, full_matrices=False)
        inv = np.where(s > rtol * s.max(initial=0.0), 1 / np.where(s > 0, s, 1), 0)
        return (vh.swapaxes(-1, -2) * inv[..., None, :]) @ u.swapaxes(-1, -2)
    return pinv


@spec("linalg.pinv", api("torch.linalg.pinv"))
@example(a=np.array([[0.0, 1.0], [5.737208779395067e-16, 0.0]]))  # a thorough run's draw (see below)
@given(a=S.arrays("float64", S.shapes(2, 2, max_side=4), lo=-2, hi=2))
def test_pinv(T, a):
    # pinv zeroes the singular values at or below rtol * the largest (default rtol: eps * max(m, n)) and is
    # discontinuous there. An exactly rank-deficient draw computes its zero singular values as rounding
    # noise (~eps * the largest), right at the default cutoff, where torch keeps or drops them by chance
    # (a [[0, 1], [5.7e-16, 0]] draw: torch's pinv has 1.7e15 where NumPy's rcond=1e-15 gives 0). So
    # full-rank draws (smallest singular value above 0.01 * max(1, largest): condition number <= 800,
    # norm of the pinv <= 100, forward error ~1e-11) run the default cutoff, rank-deficient ones an explicit
    # rtol=1e-6, far above the noise and below every kept value; the draws in between are left out.
    clean, full = _rank_gap(np.linalg.svd(a, compute_uv=False))
    assume(clean)
    if full:
        check(T, "torch.linalg.pinv(a)", a, expected=_pinv(np.finfo(np.float64).eps * max(a.shape)),
              reduce=a.size, atol=1e-6)
    else:
        check(T, "torch.linalg.pinv(a, rtol=1e-6)", a, expected=_pinv(1e-6), reduce=a.size, atol=1e-6)


@spec("linalg.matrix-rank", api("torch.linalg.matrix_rank"))
@given(n=st.integers(1, 4), r=st.integers(0, 4), data=st.data())
def test_matrix_rank(T, n, r, data):
    r = min(r, n)
    u = data.draw(S.arrays("float64", (n, r), lo=-2, hi=2, avoid=0), label="u") if r else np.zeros((n, 0))
    m = u @ u.T + 0.0  # rank <= r
    # the rank counts the singular values above rtol * the largest (default rtol: eps * n); the zero
    # singular values of an exactly rank-deficient product come out as rounding noise at that default
    # cutoff, where the count is chance: full-rank draws check the default, rank-deficient ones an explicit
    # rtol=1e-6 between the noise and every kept value (see _rank_gap); draws in between are left out
    s = np.linalg.svd(m, compute_uv=False)
    clean, full = _rank_gap(s)
    assume(clean)
    code = "torch.linalg.matrix_rank(a)" if full else "torch.linalg.matrix_rank(a, rtol=1e-6)"
    check(T, code, m, expected=np.array(int((s > (1e-6 if not full else 0) * s.max()).sum()), np.int64))


@spec("linalg.lstsq-solution", api("torch.linalg.lstsq"))
@given(a=well_conditioned(batch=False), data=st.data())
def test_lstsq(T, a, data):
    b = data.draw(S.arrays("float64", (a.shape[0], 2), lo=-2, hi=2), label="b")
    check(T, "torch.linalg.lstsq(a, b).solution", a, b, expected=lambda a, b: np.linalg.solve(a, b),
          reduce=a.shape[0])


def _vnorm2(x, dims):
    # float32 accumulates in float64 (tiny entries do not underflow); float64 squares in float64
    dtype, x = x.dtype, x.astype(np.float64)
    n = np.sqrt((x ** 2).sum(axis=dims))

    def pullback(g):
        ne = np.expand_dims(n, dims) if dims is not None else n
        ge = np.expand_dims(g, dims) if dims is not None else g
        return (np.where(ne != 0, ge * x / np.where(ne != 0, ne, 1), 0),)
    return n.astype(dtype), pullback


@spec("linalg.vector-norm-and-grad", api("torch.linalg.vector_norm"))
@given(x=S.arrays(S.dtypes(("float32", "float64")), S.shapes(1, 3), lo=-3, hi=3), data=st.data())
def test_vector_norm(T, x, data):
    # underflow of the squares is not a documented behaviour: entries whose square would leave the
    # dtype's normal range become exact zeros (torch's float32 norm of 4.7e-24 is 0, with gradient 0)
    tiny = 1e-18 if x.dtype == np.float32 else 1e-150
    x = np.where(np.abs(x) < tiny, 0, x).astype(x.dtype)
    d = data.draw(S.dims(x.ndim, allow_negative=False), label="dim")
    check_grad(T, data, "torch.linalg.vector_norm(a, dim=b)", x, d, oracle=lambda x, d: _vnorm2(x, d), wrt="a",
               reduce=x.size)


@spec("linalg.vector-norm-grad-at-zero-is-zero", api("torch.linalg.vector_norm"))
def test_vector_norm_zero(T):
    check(T, "a.requires_grad_()\ntorch.linalg.vector_norm(a).backward()\na.grad", np.zeros(3), expected=np.zeros(3))


ORDS = cases([
    ("linalg.vector-norm-ord-1", api("torch.linalg.vector_norm"), 1, lambda x: np.abs(x).sum()),
    ("linalg.vector-norm-ord-inf", api("torch.linalg.vector_norm"), math.inf, lambda x: np.abs(x).max()),
    ("linalg.vector-norm-ord-3", api("torch.linalg.vector_norm"), 3, lambda x: (np.abs(x) ** 3).sum() ** (1 / 3)),
    ("linalg.vector-norm-ord-0", api("torch.linalg.vector_norm"), 0, lambda x: np.float64((x != 0).sum())),
])


@pytest.mark.parametrize("ord_, fn", ORDS)
@given(x=S.arrays("float64", S.shapes(1, 2), lo=-3, hi=3))
def test_vector_norm_ords(T, ord_, fn, x):
    check(T, "torch.linalg.vector_norm(a, b)", x, ord_, expected=lambda x, o: np.asarray(fn(x)), reduce=x.size)


MATRIX_ORDS = cases([
    ("linalg.matrix-norm-fro", api("torch.linalg.matrix_norm"), "fro", lambda a: np.linalg.norm(a, "fro")),
    ("linalg.matrix-norm-1", api("torch.linalg.matrix_norm"), 1, lambda a: np.linalg.norm(a, 1)),
    ("linalg.matrix-norm-inf", api("torch.linalg.matrix_norm"), math.inf, lambda a: np.linalg.norm(a, np.inf)),
    ("linalg.matrix-norm-2", api("torch.linalg.matrix_norm"), 2, lambda a: np.linalg.norm(a, 2)),
    ("linalg.matrix-norm-nuc", api("torch.linalg.matrix_norm"), "nuc", lambda a: np.linalg.norm(a, "nuc")),
])


@pytest.mark.parametrize("ord_, fn", MATRIX_ORDS)
@given(a=S.arrays("float64", S.shapes(2, 2, max_side=4), lo=-3, hi=3))
def test_matrix_norm(T, ord_, fn, a):
    check(T, "(torch.linalg.matrix_norm(a, b), torch.linalg.norm(a, b))", a, ord_,
          expected=lambda a, o: (np.asarray(fn(a)), np.asarray(fn(a))), reduce=a.size)


@spec("linalg.norm-default-is-2-norm-of-flat", api("torch.linalg.norm"))
@given(x=S.arrays("float64", S.shapes(1, 3), lo=-3, hi=3))
def test_norm_default(T, x):
    check(T, "torch.linalg.norm(a)", x, expected=lambda x: np.asarray(np.sqrt((x ** 2).sum())), reduce=x.size)


@spec("linalg.det-non-square-raises", api("torch.linalg.det"))
def test_det_non_square(T):
    check_raises(T, "torch.linalg.det(a)", np.ones((2, 3)), exc=RuntimeError, contains=(2, 3))
