"""torch.linalg: decompositions and solves run by the backend on batches of matrices; the norms are
compositions of ops. Each differentiable result records its node with a backward written in ops
(so second derivatives of det/inv/solve come for free)."""
import math

import numpy as np

from .. import _dtype as D
from .._tensor import Tensor
from ..autograd.grad_mode import no_grad
from ..autograd.graph import needs_grad, record
from ..backends import backend_of
from . import registry as R
from .creation import tensor
from .joining import cat
from .linalg import cross, matmul
from .reduction import amax, amin, sum as _sum


class LinAlgError(RuntimeError):
    """torch.linalg.LinAlgError: the matrix is singular or not positive-definite."""


def _square(a, name):
    if not isinstance(a, Tensor):
        raise TypeError(f"linalg.{name}(): argument 'A' must be Tensor, not {type(a).__name__}")
    if a.dim() < 2 or a._shape[-1] != a._shape[-2]:
        raise RuntimeError(f"linalg.{name}: A must be batches of square matrices, but they are "
                           f"{a._shape[-2] if a.dim() >= 2 else 1} by {a._shape[-1] if a.dim() else 1} matrices")
    if not a.dtype.is_floating_point:
        raise RuntimeError(f"linalg.{name}: Expected a floating point or complex tensor as input. Got "
                           f"{D.TYPE_NAMES[a.dtype.name]}")


def _matrix(a, name):
    if not isinstance(a, Tensor):
        raise TypeError(f"linalg.{name}(): argument 'A' must be Tensor, not {type(a).__name__}")
    if a.dim() < 2:
        raise RuntimeError(f"linalg.{name}: The input tensor A must have at least 2 dimensions.")
    if not a.dtype.is_floating_point:
        raise RuntimeError(f"linalg.{name}: Expected a floating point or complex tensor as input. Got "
                           f"{D.TYPE_NAMES[a.dtype.name]}")


def _run(name, a, *extra):
    """The backend's result arrays for the (batched) matrices of a, as tensors of a's dtype/device."""
    batch = tuple(a._shape[:-2])
    a3 = a.detach().reshape((-1,) + tuple(a._shape[-2:]))
    ex = [e.detach().reshape((a3._shape[0],) + tuple(e._shape[len(batch):])) if isinstance(e, Tensor) else e
          for e in extra]
    try:
        outs = backend_of(a._storage.device).linalg(name, a3, *ex)
    except np.linalg.LinAlgError as err:
        raise LinAlgError(f"linalg.{name}: {err}") from None
    res = []
    for o in outs:
        o = np.asarray(o)
        dt = a.dtype if o.dtype.kind == "f" else D.int64
        res.append(tensor(np.ascontiguousarray(o).astype(dt.np), device=a._storage.device)
                   .reshape(batch + tuple(o.shape[1:])))
    return res


def _mT(x):
    return x.transpose(-2, -1)


# ---------------------------------------------------------------- det, inv, solve


def _d_det(ctx, g):
    a, d = ctx._saved_self, ctx._saved_result
    return ((g * d).unsqueeze(-1).unsqueeze(-1) * _mT(inv(a)),)


def det(A):
    _square(A, "det")
    (d,) = _run("det", A)
    if needs_grad(A):
        record("LinalgDetBackward0", _d_det, (A,), d, save=(A, d), names=("self", "result"))
    return d


def _d_inv(ctx, g):
    ai = ctx._saved_result
    return (-matmul(matmul(_mT(ai), g), _mT(ai)),)


def inv(A):
    _square(A, "inv")
    (ai,) = _run("inv", A)
    if needs_grad(A):
        record("LinalgInvExBackward0", _d_inv, (A,), ai, save=(ai,), names=("result",))
    return ai


def _d_solve(ctx, g):
    a, x = ctx._saved_A, ctx._saved_result
    vector = ctx._saved_vector
    gb = solve(_mT(a), g)
    gx, xx = (gb.unsqueeze(-1), x.unsqueeze(-1)) if vector else (gb, x)
    ga = -matmul(gx, _mT(xx))
    return (ga if ctx.needs_input_grad[0] else None, gb if ctx.needs_input_grad[1] else None)


def solve(A, B, *, left=True):
    _square(A, "solve")
    if not left:
        return _mT(solve(_mT(A), _mT(B)))
    vector = B.dim() == 1 or (B.dim() == A.dim() - 1 and tuple(B._shape) == tuple(A._shape[:-1]))
    b = B.unsqueeze(-1) if vector else B
    if b._shape[-2] != A._shape[-1]:
        raise RuntimeError(f"linalg.solve: Incompatible shapes of A and B for the equation AX = B "
                           f"({A._shape[-2]}x{A._shape[-1]} and {b._shape[-2]}x{b._shape[-1]})")
    batch = tuple(np.broadcast_shapes(tuple(A._shape[:-2]), tuple(b._shape[:-2])))
    a_e = A.expand(batch + tuple(A._shape[-2:]))
    b_e = b.expand(batch + tuple(b._shape[-2:]))
    (x,) = _run("solve", a_e.contiguous(), b_e.contiguous())
    if vector:
        x = x.squeeze(-1)
    if needs_grad(A, B):
        record("LinalgSolveExBackward0", _d_solve, (A, B), x, save=(A, x), names=("A", "result"),
               meta={"vector": vector})
    return x


# ---------------------------------------------------------------- decompositions


def _d_cholesky(ctx, g):
    L = ctx._saved_result
    # gA = L^-T Phi(L^T gL) L^-1, symmetrised
    p = matmul(_mT(L), g)
    p = p.tril() - 0.5 * (p * _eye_like(p))
    li = inv(L)
    ga = matmul(matmul(_mT(li), p), li)
    return (0.5 * (ga + _mT(ga)),)


def _eye_like(x):
    n = x._shape[-1]
    return tensor(np.eye(n), dtype=x.dtype, device=x._storage.device)


def cholesky(A, *, upper=False):
    _square(A, "cholesky")
    (L,) = _run("cholesky", A)
    if needs_grad(A):
        record("LinalgCholeskyExBackward0", _d_cholesky, (A,), L, save=(L,), names=("result",))
    return _mT(L) if upper else L


class _Named(tuple):
    """torch.return_types.*: a tuple whose fields are also attributes."""
    _fields = ()

    def __new__(cls, *values):
        return tuple.__new__(cls, values)

    def __getattr__(self, name):
        try:
            return self[self._fields.index(name)]
        except ValueError:
            raise AttributeError(name) from None


def _named(type_name, fields):
    return type(type_name, (_Named,), {"_fields": fields})


EighResult = _named("linalg_eigh", ("eigenvalues", "eigenvectors"))
SVDResult = _named("linalg_svd", ("U", "S", "Vh"))
QRResult = _named("linalg_qr", ("Q", "R"))
LstsqResult = _named("linalg_lstsq", ("solution", "residuals", "rank", "singular_values"))


def _d_eigh(ctx, gw, gv):
    w, v = ctx._saved_eigenvalues, ctx._saved_eigenvectors
    ga = None
    if gw is not None:
        ga = matmul(v * gw.unsqueeze(-2), _mT(v))
    if gv is not None:
        diff = w.unsqueeze(-2) - w.unsqueeze(-1)
        f = (1.0 / diff.where(diff != 0, math.inf))
        inner = f * matmul(_mT(v), gv)
        part = matmul(matmul(v, inner), _mT(v))
        ga = part if ga is None else ga + part
    return (0.5 * (ga + _mT(ga)),)


def eigh(A, UPLO="L"):
    _square(A, "eigh")
    w, v = _run("eigh", A, UPLO == "U")
    if needs_grad(A):
        record("LinalgEighBackward0", _d_eigh, (A,), (w, v), save=(w, v), names=("eigenvalues", "eigenvectors"))
    return EighResult(w, v)


def eigvalsh(A, UPLO="L"):
    return eigh(A, UPLO)[0]


# ---------------------------------------------------------------- svd, qr, pinv, lstsq: gradients
# The formulas hold where the decomposition is differentiable: distinct non-zero singular values for
# svd (and a loss that does not depend on the singular vectors' signs), full rank for qr, pinv and
# lstsq. Each is written in ops, so it runs on every device.


def _eye(n, like):
    return tensor(np.eye(n), dtype=like.dtype, device=like._storage.device)


def _svd_core(U, S, Vh, gU, gS, gVh):
    """The pullback of the reduced SVD A = U diag(S) Vh (U: m x k, Vh: k x n, k = min(m, n))."""
    k = S._shape[-1]
    m, n = U._shape[-2], Vh._shape[-1]
    eye = _eye(k, S)
    inner = gS.unsqueeze(-1) * eye if gS is not None else None
    if gU is not None or gVh is not None:
        s2 = S * S
        diff = s2.unsqueeze(-2) - s2.unsqueeze(-1)      # [i, j] = s_j^2 - s_i^2
        F = 1.0 / diff.where(eye == 0, math.inf)       # 0 on the diagonal
    V = _mT(Vh)
    if gU is not None:
        UtgU = matmul(_mT(U), gU)
        part = (F * (UtgU - _mT(UtgU))) * S.unsqueeze(-2)
        inner = part if inner is None else inner + part
    if gVh is not None:
        gV = _mT(gVh)
        VtgV = matmul(_mT(V), gV)
        part = S.unsqueeze(-1) * (F * (VtgV - _mT(VtgV)))
        inner = part if inner is None else inner + part
    ga = matmul(matmul(U, inner), Vh) if inner is not None else None
    if gU is not None and m > k:
        # the part of gU outside span(U): (I - U U^T) gU S^-1 Vh
        out = matmul((gU - matmul(U, matmul(_mT(U), gU))) / S.unsqueeze(-2), Vh)
        ga = out if ga is None else ga + out
    if gVh is not None and n > k:
        out = matmul(U, _mT((gV - matmul(V, matmul(_mT(V), gV))) / S.unsqueeze(-2)))
        ga = out if ga is None else ga + out
    if ga is None:
        ga = matmul(matmul(U, 0 * _eye(k, S)), Vh)
    return ga


def _d_svd(ctx, gU, gS, gVh):
    U, S, Vh = ctx._saved_U, ctx._saved_S, ctx._saved_Vh
    k = S._shape[-1]
    if ctx._saved_full_matrices:
        # the columns beyond min(m, n) are an arbitrary basis: their gradients are ignored (torch's docs)
        U, Vh = U.narrow(-1, 0, k), Vh.narrow(-2, 0, k)
        gU = gU.narrow(-1, 0, k) if gU is not None else None
        gVh = gVh.narrow(-2, 0, k) if gVh is not None else None
    return (_svd_core(U, S, Vh, gU, gS, gVh),)


def svd(A, full_matrices=True):
    _matrix(A, "svd")
    u, s, vh = _run("svd", A, full_matrices)
    if needs_grad(A):
        record("LinalgSvdBackward0", _d_svd, (A,), (u, s, vh), save=(u, s, vh), names=("U", "S", "Vh"),
               meta={"full_matrices": full_matrices})
    return SVDResult(u, s, vh)


def svdvals(A):
    return svd(A, full_matrices=False)[1] if needs_grad(A) else _run("svd", A, False)[1]


def _copyltu(M):
    """The lower triangle mirrored onto the upper one."""
    return M.tril() + _mT(M.tril(-1))


def _qr_tall(Q, R, gQ, gR):
    """The pullback of A = QR for m >= n (Q: m x n, R: n x n invertible): (gQ + Q copyltu(M)) R^-T
    with M = R gR^T - gQ^T Q."""
    M = matmul(R, _mT(gR)) - matmul(_mT(gQ), Q)
    b = gQ + matmul(Q, _copyltu(M))
    return _mT(solve(R, _mT(b)))


def _d_qr(ctx, gQ, gR):
    Q, R = ctx._saved_Q, ctx._saved_R
    m, n = Q._shape[-2], R._shape[-1]
    gQ = gQ if gQ is not None else Q * 0
    gR = gR if gR is not None else R * 0
    if m >= n:
        return (_qr_tall(Q, R, gQ, gR),)
    # wide A = [X | Y]: X = Q U is square, Y = Q V (R = [U | V])
    A = ctx._saved_A
    Y = A.narrow(-1, m, n - m)
    gU, gV = gR.narrow(-1, 0, m), gR.narrow(-1, m, n - m)
    gX = _qr_tall(Q, R.narrow(-1, 0, m), gQ + matmul(Y, _mT(gV)), gU)
    return (cat([gX, matmul(Q, gV)], -1),)


def qr(A, mode="reduced"):
    _matrix(A, "qr")
    if mode not in ("reduced", "complete", "r"):
        raise RuntimeError(f"qr received unrecognized mode '{mode}' but expected one of 'reduced' (default), "
                           "'r', or 'complete'")
    q, r = _run("qr", A, mode)
    if mode == "r":
        q = tensor(np.zeros((0,)), dtype=A.dtype, device=A._storage.device)
    if needs_grad(A):
        m, n = A._shape[-2], A._shape[-1]
        if mode == "r" or (mode == "complete" and m > n):
            # torch: the derivative needs Q, and is not unique for a complete Q of a tall matrix
            def _undefined(ctx, *g):
                raise RuntimeError("The derivative of linalg.qr depends on Q, which is not computed when "
                                   "mode='r'" if mode == "r" else "The QR decomposition is not differentiable "
                                   "when mode='complete' and nrows > ncols.")
            record("LinalgQrBackward0", _undefined, (A,), (q, r))
        else:
            record("LinalgQrBackward0", _d_qr, (A,), (q, r), save=(A, q, r), names=("A", "Q", "R"))
    return QRResult(q, r)


def _d_pinv(ctx, g):
    A, P = ctx._saved_self, ctx._saved_result
    m, n = A._shape[-2], A._shape[-1]
    # d P = -P dA P + P P^T dA^T (I - A P) + (I - P A) dA^T P^T P, pulled back through <g, dP>
    Pt = _mT(P)
    ga = -matmul(matmul(Pt, g), Pt)
    ga = ga + matmul(matmul(_eye(m, A) - matmul(A, P), _mT(g)), matmul(P, Pt))
    ga = ga + matmul(matmul(Pt, P), matmul(_mT(g), _eye(n, A) - matmul(P, A)))
    return (ga,)


def pinv(A, *, hermitian=False, atol=None, rtol=None):
    _matrix(A, "pinv")
    (p,) = _run("pinv", A, hermitian, atol, rtol)
    if needs_grad(A):
        record("LinalgPinvBackward0", _d_pinv, (A,), p, save=(A, p), names=("self", "result"))
    return p


def matrix_rank(A, *, hermitian=False, atol=None, rtol=None):
    _matrix(A, "matrix_rank")
    return _run("matrix_rank", A, hermitian, atol, rtol)[0]


def _d_lstsq(ctx, gx, *unused):
    # the minimum-norm solution is X = pinv(A) B: dB = pinv(A)^T gX, dA = pinv's pullback of gX B^T
    A, B, P = ctx._saved_self, ctx._saved_b, ctx._saved_pinv
    vector = ctx._saved_vector
    if gx is None:
        return None, None
    g = gx.unsqueeze(-1) if vector else gx
    gb = matmul(_mT(P), g)
    holder = _PinvCtx(A, P)
    ga = _d_pinv(holder, matmul(g, _mT(B)))[0] if ctx.needs_input_grad[0] else None
    return ga, (gb.squeeze(-1) if vector else gb) if ctx.needs_input_grad[1] else None


class _PinvCtx:
    """The saved values _d_pinv reads, for lstsq's use of the same pullback."""
    def __init__(self, A, P):
        self._saved_self, self._saved_result = A, P


def lstsq(A, B, rcond=None, *, driver=None):
    _matrix(A, "lstsq")
    if driver not in (None, "gels", "gelsy", "gelsd", "gelss"):
        raise RuntimeError(f"torch.linalg.lstsq: parameter `driver` should be one of (gels, gelsy, gelsd, gelss)")
    vector = B.dim() == A.dim() - 1
    b = B.unsqueeze(-1) if vector else B
    x, res, rank, sv = _run("lstsq", A, b, rcond)
    if vector:
        x = x.squeeze(-1)
    if needs_grad(A, B):
        with no_grad():
            p = pinv(A)
        record("LinalgLstsqBackward0", _d_lstsq, (A, B), x, save=(A, b, p), names=("self", "b", "pinv"),
               meta={"vector": vector})
    return LstsqResult(x, res, rank, sv)


# ---------------------------------------------------------------- norms (compositions of ops)


def _d_vector_norm(ctx, g):
    x, n, p = ctx._saved_self, ctx._saved_result, ctx._saved_ord
    dims, keepdim = ctx._saved_dim, ctx._saved_keepdim
    if not keepdim and dims is not None:
        for d in sorted(dims):
            g, n = g.unsqueeze(d), n.unsqueeze(d)
    if p == 2:
        # the norm's gradient is x / |x|, and 0 at x = 0 (as torch's)
        return (g * x / n.where(n != 0, 1.0) * (n != 0),)
    if p == 0:
        return (g * x * 0,)
    if p == 1:
        return (g * x.sign(),)
    if p in (math.inf, -math.inf):
        # the extreme entries share the gradient evenly
        hit = (x.abs() == n).to(x.dtype)
        return (g * x.sign() * hit / _sum(hit, dims, True),)
    # d ||x||_p = sign(x) |x|^(p-1) / ||x||^(p-1), 0 at x = 0
    safe = n.where(n != 0, 1.0)
    return (g * x.sign() * x.abs() ** (p - 1) / safe ** (p - 1) * (n != 0),)


def vector_norm(x, ord=2, dim=None, keepdim=False, *, dtype=None):
    if dtype is not None:
        x = x.to(dtype)
    if not x.dtype.is_floating_point:
        raise RuntimeError(f"linalg.vector_norm: Expected a floating point or complex tensor as input. Got "
                           f"{D.TYPE_NAMES[x.dtype.name]}")
    dims = None if dim is None else ((dim,) if isinstance(dim, int) else tuple(dim))
    nd = x.dim()
    dims_n = None if dims is None else tuple(d % nd if nd else 0 for d in dims)
    with no_grad():
        res = _vector_norm_value(x.detach(), ord, dims, keepdim)
    if needs_grad(x):
        record("LinalgVectorNormBackward0", _d_vector_norm, (x,), res, save=(x, res), names=("self", "result"),
               meta={"dim": dims_n if dims_n is not None else tuple(range(nd)), "keepdim": keepdim, "ord": ord})
    return res


def _vector_norm_value(x, ord, dims, keepdim):
    a = x.abs()
    if ord == math.inf:
        return amax(a, dims if dims is not None else (), keepdim)
    if ord == -math.inf:
        return amin(a, dims if dims is not None else (), keepdim)
    if ord == 0:
        return _sum((x != 0).to(x.dtype), dims, keepdim)
    if ord == 1:
        return _sum(a, dims, keepdim)
    if ord == 2:
        # squares accumulate in float64 (torch's accumulation type for float32), then round once
        wide = x.to(D.float64) if x.dtype is not D.float64 else x
        return _sum(wide * wide, dims, keepdim).sqrt().to(x.dtype)
    return _sum(a ** ord, dims, keepdim) ** (1.0 / ord)


def matrix_norm(A, ord="fro", dim=(-2, -1), keepdim=False, *, dtype=None):
    if dtype is not None:
        A = A.to(dtype)
    r, c = dim
    if ord == "fro":
        return vector_norm(A, 2, dim, keepdim)
    if ord == "nuc":
        s = svdvals(A if tuple(d % A.dim() for d in dim) == (A.dim() - 2, A.dim() - 1) else A.movedim(dim, (-2, -1)))
        res = s.sum(-1)
    elif ord in (2, -2):
        s = svdvals(A if tuple(d % A.dim() for d in dim) == (A.dim() - 2, A.dim() - 1) else A.movedim(dim, (-2, -1)))
        res = s.amax(-1) if ord == 2 else s.amin(-1)
    elif ord in (1, -1, math.inf, -math.inf):
        # 1: largest absolute column sum; inf: largest absolute row sum
        sum_dim, over = (r, c) if ord in (1, -1) else (c, r)
        sums = A.abs().sum(dim=sum_dim, keepdim=True)
        res = sums.amax(dim=over, keepdim=True) if ord in (1, math.inf) else sums.amin(dim=over, keepdim=True)
        return res if keepdim else res.squeeze(max(r % A.dim(), c % A.dim())).squeeze(min(r % A.dim(), c % A.dim()))
    else:
        raise RuntimeError(f"linalg.matrix_norm: Order {ord} not supported.")
    if keepdim:
        for d in sorted(x % A.dim() for x in dim):
            res = res.unsqueeze(d)
    return res


def norm(A, ord=None, dim=None, keepdim=False, *, dtype=None):
    if isinstance(dim, int):
        dim = (dim,)
    if ord is None:
        return vector_norm(A, 2, dim, keepdim, dtype=dtype)
    if dim is not None and len(dim) == 2 or dim is None and A.dim() == 2:
        return matrix_norm(A, ord, dim if dim is not None else (-2, -1), keepdim, dtype=dtype)
    if dim is None and A.dim() != 1:
        raise RuntimeError(f"linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. "
                           f"Got {A.dim()}D.")
    return vector_norm(A, ord, dim, keepdim, dtype=dtype)


def linalg_cross(input, other, *, dim=-1):
    return cross(input, other, dim)


def tensor_norm(input, p="fro", dim=None, keepdim=False, dtype=None):
    """torch.norm / Tensor.norm: the vector p-norm over `dim` (all elements by default), which torch
    computes (and records) as linalg.vector_norm."""
    if isinstance(dim, int):
        dim = (dim,)
    if p == "fro":
        p = 2
    if p == "nuc":
        return matrix_norm(input, "nuc", dim if dim is not None else (-2, -1), keepdim, dtype=dtype)
    return vector_norm(input, p, dim, keepdim, dtype=dtype)


# ---------------------------------------------------------------- registry: reference.linalg is built from it
R.define_all("linalg", [
    (norm, "LinalgVectorNormBackward0", R.FLOAT_ONLY),
    (vector_norm, "LinalgVectorNormBackward0", R.FLOAT_ONLY),
    (matrix_norm, "LinalgVectorNormBackward0", R.FLOAT_ONLY),
    (det, "LinalgDetBackward0", R.FLOAT_ONLY),
    (inv, "LinalgInvExBackward0", R.FLOAT_ONLY),
    (solve, "LinalgSolveExBackward0", R.FLOAT_ONLY),
    (cholesky, "LinalgCholeskyExBackward0", R.FLOAT_ONLY),
    (eigh, "LinalgEighBackward0", R.FLOAT_ONLY),
    (eigvalsh, "LinalgEighBackward0", R.FLOAT_ONLY),
    (svd, "LinalgSvdBackward0", R.FLOAT_ONLY),
    (svdvals, "LinalgSvdBackward0", R.FLOAT_ONLY),
    (qr, "LinalgQrBackward0", R.FLOAT_ONLY),
    (pinv, "LinalgPinvBackward0", R.FLOAT_ONLY),
    (matrix_rank, None, R.INDEX),
    (lstsq, "LinalgLstsqBackward0", R.FLOAT_ONLY),
], namespace="linalg", method=False)
R.define("linalg", linalg_cross, name="cross", node="LinalgCrossBackward0", dtype=R.ARITH, namespace="linalg",
         method=False)
R.define("reduction", tensor_norm, name="norm", node="LinalgVectorNormBackward0", dtype=R.FLOAT_ONLY)
