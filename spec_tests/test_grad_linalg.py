"""Gradients of products against float64 closed forms: for C = A @ B, dA = G @ B^T and dB = A^T @ G,
with 1-D operands promoted and demoted as torch.matmul documents and broadcast batch dims summed
back (https://pytorch.org/docs/stable/generated/torch.matmul.html)."""
import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from . import oracle_grad as OG
from . import strategies as S
from .catalogue import api, cases, seed, spec
from . import seed_passages as SP
from .grad_harness import check_grad
from .oracle_nn import numeric_pullback

F64 = "float64"
side = st.integers(1, 4)


@st.composite
def matmul_shapes(draw, left_rank, right_rank):
    """Shapes of ranks (left_rank, right_rank) whose inner dims agree; batch dims broadcast."""
    n, k, m = draw(side), draw(side), draw(side)
    left = (k,) if left_rank == 1 else (n, k)
    right = (k,) if right_rank == 1 else (k, m)
    batch_l = max(left_rank - 2, 0)
    batch_r = max(right_rank - 2, 0)
    if batch_l or batch_r:
        full = tuple(draw(st.lists(st.integers(1, 3), min_size=max(batch_l, batch_r), max_size=max(batch_l, batch_r))))
        bl = tuple(1 if draw(st.booleans()) else s for s in full[len(full) - batch_l:])
        br = tuple(1 if draw(st.booleans()) else s for s in full[len(full) - batch_r:])
        left, right = bl + left, br + right
    return left, right, k


RANKS = [(1, 1), (1, 2), (2, 1), (2, 2), (3, 2), (2, 3), (3, 3), (4, 3), (1, 3), (3, 1)]

MATMUL = [pytest.param(lr, rr, marks=spec("grad.matmul", api("torch.matmul")), id=f"matmul-{lr}d-{rr}d")
          for lr, rr in RANKS]


@pytest.mark.parametrize("left_rank, right_rank", MATMUL)
@given(data=st.data())
def test_matmul(T, left_rank, right_rank, data):
    sa, sb, k = data.draw(matmul_shapes(left_rank, right_rank), label="shapes")
    a = data.draw(S.arrays(F64, sa, lo=-5, hi=5), label="a")
    b = data.draw(S.arrays(F64, sb, lo=-5, hi=5), label="b")
    check_grad(T, data, "torch.matmul(a, b)", a, b, oracle=OG.matmul, reduce=max(k, 4) * 4)


PRODUCTS = cases([
    ("grad.matmul-operator", SP.AUTOGRAD, "a @ b", (2, 2), OG.matmul),
    ("grad.mm", api("torch.mm"), "torch.mm(a, b)", (2, 2), OG.mm),
    ("grad.bmm", api("torch.bmm"), "torch.bmm(a, b)", (3, 3), OG.bmm),
    ("grad.mv", api("torch.mv"), "torch.mv(a, b)", (2, 1), OG.mv),
    ("grad.dot", SP.AUTOGRAD, "torch.dot(a, b)", (1, 1), OG.dot),
    ("grad.outer", api("torch.outer"), "torch.outer(a, b)", (1, 1), OG.outer),
])


@pytest.mark.parametrize("code, ranks, op", PRODUCTS)
@given(data=st.data())
def test_product(T, code, ranks, op, data):
    n, k, m, batch = data.draw(side, label="n"), data.draw(side, label="k"), data.draw(side, label="m"), \
        data.draw(side, label="batch")
    if op is OG.outer:
        sa, sb = (n,), (m,)
    else:
        sa = {1: (k,), 2: (n, k), 3: (batch, n, k)}[ranks[0]]
        sb = {1: (k,), 2: (k, m), 3: (batch, k, m)}[ranks[1]]
    a = data.draw(S.arrays(F64, sa, lo=-5, hi=5), label="a")
    b = data.draw(S.arrays(F64, sb, lo=-5, hi=5), label="b")
    check_grad(T, data, code, a, b, oracle=op, reduce=16)


# ---------------------------------------------------------------------------------------------
# decompositions: gradients against float64 central differences of the NumPy forward, on inputs
# drawn away from the sets where the decomposition is not differentiable (torch.linalg.svd: distinct
# singular values, and non-zero ones for a non-square input; qr, pinv, lstsq: full rank)

def _matrix(data, shape):
    return np.asarray(data.draw(S.arrays(F64, shape, lo=-2, hi=2, layouts=S.CONTIGUOUS), label="a"))


def _svd_separated(a):
    """Singular values at least 0.1 apart (relative) and away from zero."""
    s = np.linalg.svd(a, compute_uv=False)
    gaps = np.diff(s[..., ::-1], axis=-1)
    return s.min() > 0.1 * max(1.0, s.max()) and (gaps.size == 0 or gaps.min() > 0.1 * max(1.0, s.max()))


matrix_shapes = st.tuples(st.integers(0, 2), side, side).map(lambda t: ((2,) if t[0] == 2 else ()) + t[1:])


def _svd_parts(a, full):
    u, s, vh = np.linalg.svd(a, full_matrices=full)
    k = s.shape[-1]
    # sign-invariant functions of the singular vectors (each vector pair is defined up to a sign)
    return np.concatenate([(u[..., :, :k] ** 2).reshape(a.shape[:-2] + (-1,)), s,
                           (vh[..., :k, :] ** 2).reshape(a.shape[:-2] + (-1,)),
                           (u[..., :, :k] @ vh[..., :k, :]).reshape(a.shape[:-2] + (-1,))], -1)


SVD_PRELUDE = """
def svd_parts(a, full):
    U, S, Vh = torch.linalg.svd(a, full_matrices=full)
    k = S.shape[-1]
    U, Vh = U[..., :k], Vh[..., :k, :]
    return torch.cat([(U ** 2).flatten(-2), S, (Vh ** 2).flatten(-2), (U @ Vh).flatten(-2)], -1)
"""


@spec("grad.linalg-svd", api("torch.linalg.svd"))
@given(shape=matrix_shapes, full=st.booleans(), data=st.data())
def test_svd(T, shape, full, data):
    # with full_matrices=True the columns beyond min(m, n) are an arbitrary basis, so the loss reads
    # only the first min(m, n) (torch's docs: their gradients are ignored)
    a = _matrix(data, shape)
    assume(_svd_separated(a))
    check_grad(T, data, "svd_parts(a, b)", a, full, wrt="a", prelude=SVD_PRELUDE,
               oracle=lambda a, f: numeric_pullback(_svd_parts, a, f, wrt=[0]), rtol=1e-6, atol=1e-8)


@spec("grad.linalg-svdvals", api("torch.linalg.svdvals"))
@given(shape=matrix_shapes, data=st.data())
def test_svdvals(T, shape, data):
    a = _matrix(data, shape)
    assume(_svd_separated(a))
    check_grad(T, data, "torch.linalg.svdvals(a)", a,
               oracle=lambda a: numeric_pullback(lambda x: np.linalg.svd(x, compute_uv=False), a), rtol=1e-6, atol=1e-8)


def _full_rank(a):
    s = np.linalg.svd(a, compute_uv=False)
    return s.min() > 0.2 * max(1.0, s.max())


def _qr_parts(a, mode):
    q, r = np.linalg.qr(a, mode=mode)
    # Q and R are unique once R's diagonal is made positive (a full-rank input)
    d = np.sign(np.diagonal(r, axis1=-2, axis2=-1))
    k = d.shape[-1]
    q = q[..., :, :k] * d[..., None, :]
    r = r * d[..., :, None]
    return np.concatenate([q.reshape(a.shape[:-2] + (-1,)), r.reshape(a.shape[:-2] + (-1,))], -1)


QR_PRELUDE = """
def qr_parts(a, mode):
    Q, R = torch.linalg.qr(a, mode=mode)
    d = R.diagonal(dim1=-2, dim2=-1).sign()
    k = d.shape[-1]
    return torch.cat([(Q[..., :, :k] * d.unsqueeze(-2)).flatten(-2), (R * d.unsqueeze(-1)).flatten(-2)], -1)
"""


@spec("grad.linalg-qr", api("torch.linalg.qr"))
@given(shape=matrix_shapes, data=st.data())
def test_qr(T, shape, data):
    a = _matrix(data, shape)
    # torch.linalg.qr's gradient exists when the first min(m, n) columns are linearly independent
    assume(_full_rank(a[..., :, :min(shape[-2:])]))
    # complete mode is differentiable only when it equals reduced (rows <= columns)
    mode = "complete" if shape[-2] <= shape[-1] and data.draw(st.booleans(), label="complete") else "reduced"
    check_grad(T, data, "qr_parts(a, b)", a, mode, wrt="a", prelude=QR_PRELUDE,
               oracle=lambda a, m: numeric_pullback(_qr_parts, a, m, wrt=[0]), rtol=1e-6, atol=1e-8)


@spec("grad.linalg-pinv", api("torch.linalg.pinv"))
@given(shape=matrix_shapes, data=st.data())
def test_pinv(T, shape, data):
    a = _matrix(data, shape)
    assume(_full_rank(a))
    check_grad(T, data, "torch.linalg.pinv(a)", a, oracle=lambda a: numeric_pullback(np.linalg.pinv, a),
               rtol=1e-6, atol=1e-8)


def _lstsq(a, b):
    return np.linalg.lstsq(a, b, rcond=None)[0]


@spec("grad.linalg-lstsq", api("torch.linalg.lstsq"))
@given(shape=st.tuples(side, side), cols=side, data=st.data())
def test_lstsq(T, shape, cols, data):
    # over- and under-determined systems: the least-squares, minimum-norm solution
    a = _matrix(data, shape)
    assume(_full_rank(a))
    b = np.asarray(data.draw(S.arrays(F64, (shape[0], cols), lo=-2, hi=2, layouts=S.CONTIGUOUS), label="b"))
    check_grad(T, data, "torch.linalg.lstsq(a, b).solution", a, b,
               oracle=lambda a, b: numeric_pullback(lambda x, y: np.stack([_lstsq(x, y)])[0], a, b),
               rtol=1e-6, atol=1e-8)
