"""torch.linalg's factorisations on the device (backend.linalg): det, inv, solve, cholesky, eigh, qr and
svd through linalg_kernels.py. As the interface asks, results come back as host arrays (the op layer makes them
device tensors again) and a failed factorisation raises numpy.linalg.LinAlgError, which the op layer
reports as torch.linalg.LinAlgError; the host read is also where torch synchronises to raise."""
import numpy as np
from numba import cuda

from . import linalg_kernels as _lk
from ._launch import grid
from .memory import operand


def _lu(a):
    """(LU, pivots, sign, first zero pivot per matrix on the host) of a (B, n, n)."""
    b, n, _ = a._shape
    lu = cuda.device_array(max(b * n * n, 1), np.float64)
    piv = cuda.device_array(max(b * n, 1), np.int64)
    sign = cuda.device_array(max(b, 1), np.float64)
    bad = cuda.device_array(max(b, 1), np.int64)
    if b:
        _lk.lu_factor[grid(b)](*operand(a), lu, piv, sign, bad, b, n)
    return lu, piv, sign, bad


def _raise_singular(bad, what):
    first = int(np.max(bad)) if bad.size else 0
    if first:
        at = int(np.flatnonzero(bad)[0])
        raise np.linalg.LinAlgError(f"{'(Batch element ' + str(at) + '): ' if bad.size > 1 else ''}"
                                    f"The diagonal element {int(bad[at])} is zero, the {what} could not be "
                                    "completed because the input matrix is singular.")


def det(a):
    b, n, _ = a._shape
    lu, _, sign, _ = _lu(a)
    out = cuda.device_array(max(b, 1), np.float64)
    if b:
        _lk.lu_det[grid(b)](lu, sign, b, n, out, 0)
    return (out.copy_to_host()[:b],)


def _solve(a, rhs, k):
    b, n, _ = a._shape
    lu, piv, _, bad = _lu(a)
    _raise_singular(bad.copy_to_host()[:b], "inversion" if rhs is None else "solve")
    x = cuda.device_array(max(b * n * k, 1), np.float64)
    src, so = operand(rhs) if rhs is not None else (x, 0)
    if b * k:
        _lk.lu_solve[grid(b * k)](lu, piv, src, so, rhs is None, x, b, n, k)
    return (x.copy_to_host()[:b * n * k].reshape(b, n, k),)


def inv(a):
    return _solve(a, None, a._shape[-1])


def solve(a, rhs):
    return _solve(a, rhs, rhs._shape[-1])


def cholesky(a):
    b, n, _ = a._shape
    low = cuda.device_array(max(b * n * n, 1), np.float64)
    bad = cuda.device_array(max(b, 1), np.int64)
    if b:
        _lk.cholesky[grid(b)](*operand(a), low, bad, b, n)
    bad = bad.copy_to_host()[:b]
    if bad.any():
        at = int(np.flatnonzero(bad)[0])
        raise np.linalg.LinAlgError(f"{'(Batch element ' + str(at) + '): ' if b > 1 else ''}The factorization "
                                    "could not be completed because the input is not positive-definite (the "
                                    f"leading minor of order {int(bad[at])} is not positive-definite).")
    return (low.copy_to_host()[:b * n * n].reshape(b, n, n),)


def eigh(a, upper):
    b, n, _ = a._shape
    w = cuda.device_array(max(b * n, 1), np.float64)
    v = cuda.device_array(max(b * n * n, 1), np.float64)
    scratch = cuda.device_array(max(b * n * n, 1), np.float64)
    if b:
        _lk.jacobi_eigh[grid(b)](*operand(a), bool(upper), w, v, scratch, b, n, _JACOBI_SWEEPS)
    return w.copy_to_host()[:b * n].reshape(b, n), v.copy_to_host()[:b * n * n].reshape(b, n, n)


_JACOBI_SWEEPS = 60  # far beyond what convergence needs (about 6-10 sweeps in double precision)


def qr(a, mode):
    """mode 'reduced' (Q (m, k), R (k, n), k = min(m, n)), 'complete' (Q (m, m), R (m, n)) or 'r'
    (reduced; the op layer keeps R only)."""
    b, m, n = a._shape
    q = cuda.device_array(max(b * m * m, 1), np.float64)
    r = cuda.device_array(max(b * m * n, 1), np.float64)
    if b:
        _lk.householder_qr[grid(b)](*operand(a), q, r, b, m, n)
    q = q.copy_to_host()[:b * m * m].reshape(b, m, m)
    r = r.copy_to_host()[:b * m * n].reshape(b, m, n)
    if mode == "complete":
        return q, r
    k = min(m, n)
    return np.ascontiguousarray(q[:, :, :k]), np.ascontiguousarray(r[:, :k, :])


def svd(a, full):
    """(U, S, Vh) as NumPy's svd: U (m, k) or (m, m) with full, S (k,), Vh (k, n) or (n, n)."""
    b, m, n = a._shape
    k = min(m, n)
    transpose = m < n
    rows = max(m, n)
    ld = rows if full else k
    u = cuda.device_array(max(b * rows * ld, 1), np.float64)
    s = cuda.device_array(max(b * k, 1), np.float64)
    v = cuda.device_array(max(b * k * k, 1), np.float64)
    if b:
        _lk.jacobi_svd[grid(b)](*operand(a), transpose, u, ld, s, v, b, m, n, k, _JACOBI_SWEEPS)
    u = u.copy_to_host()[:b * rows * ld].reshape(b, rows, ld)
    s = s.copy_to_host()[:b * k].reshape(b, k)
    v = v.copy_to_host()[:b * k * k].reshape(b, k, k)
    if not transpose:
        return u, s, np.ascontiguousarray(np.swapaxes(v, 1, 2))
    # A^T = W S V^T, so A = V S W^T: U is V, and Vh is W^T
    return v, s, np.ascontiguousarray(np.swapaxes(u, 1, 2))


FACTORISATIONS = {"det": det, "inv": inv, "solve": solve, "cholesky": cholesky, "eigh": eigh, "qr": qr,
                  "svd": svd}
