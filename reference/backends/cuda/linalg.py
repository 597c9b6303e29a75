"""torch.linalg's factorisations on the device (backend.linalg): det, inv, solve, cholesky, eigh, qr,
svd, pinv, matrix_rank and lstsq through linalg_kernels.py. As the interface asks, results come back
as host arrays (the op layer makes them device tensors again) and a failed factorisation raises
numpy.linalg.LinAlgError, which the op layer reports as torch.linalg.LinAlgError; the host read is
also where torch synchronises to raise."""
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
    if bad.any():
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


def _svd_device(a, full):
    """The device buffers of a's SVD: (W (B, rows, ld), s (B, k), V (B, k, k), transposed): W holds
    the left vectors of A (or, transposed, of A^T), so A = W S V^T or A = V S W^T."""
    b, m, n = a._shape
    k = min(m, n)
    rows = max(m, n)
    ld = rows if full else k
    w = cuda.device_array(max(b * rows * ld, 1), np.float64)
    s = cuda.device_array(max(b * k, 1), np.float64)
    v = cuda.device_array(max(b * k * k, 1), np.float64)
    if b:
        _lk.jacobi_svd[grid(b)](*operand(a), m < n, w, ld, s, v, b, m, n, k, _JACOBI_SWEEPS)
    return w, s, v, m < n


def svd(a, full):
    """(U, S, Vh) as NumPy's svd: U (m, k) or (m, m) with full, S (k,), Vh (k, n) or (n, n)."""
    b, m, n = a._shape
    k = min(m, n)
    rows = max(m, n)
    ld = rows if full else k
    w, s, v, transposed = _svd_device(a, full)
    w = w.copy_to_host()[:b * rows * ld].reshape(b, rows, ld)
    s = s.copy_to_host()[:b * k].reshape(b, k)
    v = v.copy_to_host()[:b * k * k].reshape(b, k, k)
    if not transposed:
        return w, s, np.ascontiguousarray(np.swapaxes(v, 1, 2))
    return v, s, np.ascontiguousarray(np.swapaxes(w, 1, 2))


def _tolerances(a, atol, rtol):
    """(atol, rtol) as floats, torch's default rtol max(m, n) * eps of a's dtype when atol is not given."""
    atol = float(atol.item()) if hasattr(atol, "item") else atol
    rtol = float(rtol.item()) if hasattr(rtol, "item") else rtol
    if rtol is None:
        rtol = max(a._shape[-2:]) * float(np.finfo(a.dtype.np).eps) if not atol else 0.0
    return float(atol or 0.0), float(rtol)


def _spectrum(a, hermitian):
    """A = L diag(d) R on the device: (L, its strides, d, R, its strides, k)."""
    b, m, n = a._shape
    if hermitian:
        w = cuda.device_array(max(b * n, 1), np.float64)
        v = cuda.device_array(max(b * n * n, 1), np.float64)
        scratch = cuda.device_array(max(b * n * n, 1), np.float64)
        if b:
            _lk.jacobi_eigh[grid(b)](*operand(a), False, w, v, scratch, b, n, _JACOBI_SWEEPS)
        return v, (n * n, n, 1), w, v, (n * n, 1, n), n
    k = min(m, n)
    w, s, v, transposed = _svd_device(a, False)
    if not transposed:  # L = W (m, k), R = V^T
        return w, (m * k, k, 1), s, v, (k * k, 1, k), k
    return v, (k * k, k, 1), s, w, (n * k, 1, k), k  # L = V (m, m), R = W^T


def pinv(a, hermitian, atol=None, rtol=None):
    b, m, n = a._shape
    L, ls, d, R, rs, k = _spectrum(a, hermitian)
    p = cuda.device_array(max(b * n * m, 1), np.float64)
    if b * n * m:
        _lk.pinv_from_spectrum[grid(b * n * m)](L, *ls, d, R, *rs, b, m, n, k, *_tolerances(a, atol, rtol), p)
    return (p.copy_to_host()[:b * n * m].reshape(b, n, m),)


def matrix_rank(a, hermitian, atol=None, rtol=None):
    b = a._shape[0]
    _, _, d, _, _, k = _spectrum(a, hermitian)
    out = cuda.device_array(max(b, 1), np.int64)
    if b:
        _lk.rank_from_spectrum[grid(b)](d, b, k, *_tolerances(a, atol, rtol), out)
    return (out.copy_to_host()[:b],)

def lstsq(a, rhs, rcond=None):
    """(solution (B, n, k), residuals (B, k) or (B, 0), rank (B,), singular values (B, min(m, n))) as
    NumPy's lstsq: singular values at or below rcond * the largest count as zero, rcond defaulting to
    eps * max(m, n); residuals only when m > n and A has full rank."""
    b, m, n = a._shape
    k = rhs._shape[-1]
    rtol = float(np.finfo(np.float64).eps) * max(m, n) if rcond is None else float(rcond)
    L, ls, d, R, rs, r = _spectrum(a, False)
    x = cuda.device_array(max(b * n * k, 1), np.float64)
    rank = cuda.device_array(max(b, 1), np.int64)
    if b:
        _lk.lstsq_from_spectrum[grid(b * n * k)](L, *ls, d, R, *rs, *operand(rhs), b, m, n, k, r, rtol, x)
        _lk.rank_from_spectrum[grid(b)](d, b, r, 0.0, rtol, rank)
    rank = rank.copy_to_host()[:b]
    residuals = np.zeros((b, 0))
    if b and m > n and rank[0] == n:
        res = cuda.device_array(max(b * k, 1), np.float64)
        _lk.squared_residuals[grid(b * k)](*operand(a), x, *operand(rhs), b, m, n, k, res)
        residuals = res.copy_to_host()[:b * k].reshape(b, k)
    return (x.copy_to_host()[:b * n * k].reshape(b, n, k), residuals, rank,
            d.copy_to_host()[:b * r].reshape(b, r))

FACTORISATIONS = {"det": det, "inv": inv, "solve": solve, "cholesky": cholesky, "eigh": eigh, "qr": qr,
                  "svd": svd, "pinv": pinv, "matrix_rank": matrix_rank, "lstsq": lstsq}
