"""torch.linalg: decompositions and solves run by the backend on batches of matrices; the norms are
compositions of ops. Each differentiable result records its node with a backward written in ops
(so second derivatives of det/inv/solve come for free)."""
import math

import numpy as np

from .. import _dtype as D
from .._tensor import Tensor
from ..autograd.graph import needs_grad, record
from ..backends import backend_of
from .creation import tensor
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


def svd(A, full_matrices=True):
    u, s, vh = _run("svd", A, full_matrices)
    return SVDResult(u, s, vh)


def svdvals(A):
    return _run("svd", A, False)[1]


def qr(A, mode="reduced"):
    q, r = _run("qr", A, mode)
    return QRResult(q, r)


def pinv(A, *, hermitian=False):
    return _run("pinv", A, hermitian)[0]


def matrix_rank(A, *, hermitian=False):
    return _run("matrix_rank", A, hermitian)[0]


def lstsq(A, B, rcond=None, *, driver=None):
    vector = B.dim() == A.dim() - 1
    b = B.unsqueeze(-1) if vector else B
    x, res, rank, sv = _run("lstsq", A, b)
    if vector:
        x = x.squeeze(-1)
    return LstsqResult(x, res, rank, sv)


# ---------------------------------------------------------------- norms (compositions of ops)


def _d_vector_norm2(ctx, g):
    x, n = ctx._saved_self, ctx._saved_result
    dims, keepdim = ctx._saved_dim, ctx._saved_keepdim
    if not keepdim and dims is not None:
        for d in sorted(dims):
            g, n = g.unsqueeze(d), n.unsqueeze(d)
    # the norm's gradient is x / |x|, and 0 at x = 0 (as torch's)
    return (g * x / n.where(n != 0, 1.0) * (n != 0),)


def vector_norm(x, ord=2, dim=None, keepdim=False, *, dtype=None):
    if dtype is not None:
        x = x.to(dtype)
    if not x.dtype.is_floating_point:
        raise RuntimeError(f"linalg.vector_norm: Expected a floating point or complex tensor as input. Got "
                           f"{D.TYPE_NAMES[x.dtype.name]}")
    dims = None if dim is None else ((dim,) if isinstance(dim, int) else tuple(dim))
    nd = x.dim()
    dims_n = None if dims is None else tuple(d % nd if nd else 0 for d in dims)
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
        xd = x.detach()
        wide = xd.to(D.float64) if xd.dtype is not D.float64 else xd
        res = _sum(wide * wide, dims, keepdim).sqrt().to(x.dtype)
        if needs_grad(x):
            record("LinalgVectorNormBackward0", _d_vector_norm2, (x,), res, save=(x, res), names=("self", "result"),
                   meta={"dim": dims_n if dims_n is not None else tuple(range(nd)), "keepdim": keepdim})
        return res
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


# what reference.linalg exports (the module reference/linalg.py is built from this)
EXPORTS = {"norm": norm, "vector_norm": vector_norm, "matrix_norm": matrix_norm, "det": det, "inv": inv,
           "solve": solve, "cholesky": cholesky, "eigh": eigh, "eigvalsh": eigvalsh, "svd": svd, "svdvals": svdvals,
           "qr": qr, "pinv": pinv, "matrix_rank": matrix_rank, "lstsq": lstsq, "cross": linalg_cross,
           "LinAlgError": LinAlgError}
