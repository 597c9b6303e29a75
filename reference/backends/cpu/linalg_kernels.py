"""Matrix products. Floats go to BLAS through numba's np.dot; integers take a plain loop."""
import numpy as np
from numba import njit, prange

_opts = dict(cache=True, nogil=True)


@njit(**_opts)
def bmm_blas(a, b, out, ta, tb):
    """out[i] = op(a[i]) @ op(b[i]) where op transposes when the flag is set. Operands always arrive
    C-contiguous (a transposed view is passed as its C-contiguous transpose plus a flag), so each
    dtype compiles once instead of once per layout combination."""
    for i in range(out.shape[0]):
        if ta:
            if tb:
                np.dot(a[i].T, b[i].T, out[i])
            else:
                np.dot(a[i].T, b[i], out[i])
        else:
            if tb:
                np.dot(a[i], b[i].T, out[i])
            else:
                np.dot(a[i], b[i], out[i])


@njit(parallel=True, **_opts)
def bmm_blas_rows(a, b, out, tb, chunk):
    """out[i] = a[i] @ op(b[i]) with each product's rows cut into chunks of `chunk`: one
    single-threaded BLAS call per chunk, the chunks shared out by numba's pool (blas.py: the
    process's only pool). a and out are C-contiguous, so every row chunk is too."""
    nb, n = out.shape[0], out.shape[1]
    nc = (n + chunk - 1) // chunk
    for t in prange(nb * nc):
        i = t // nc
        r0 = (t % nc) * chunk
        r1 = min(r0 + chunk, n)
        if tb:
            np.dot(a[i, r0:r1], b[i].T, out[i, r0:r1])
        else:
            np.dot(a[i, r0:r1], b[i], out[i, r0:r1])


@njit(**_opts)
def bmm_loop(a, b, out):
    nb, n, k = a.shape
    m = b.shape[2]
    for q in range(nb):
        for i in range(n):
            for j in range(m):
                out[q, i, j] = 0
            for p in range(k):
                av = a[q, i, p]
                for j in range(m):
                    out[q, i, j] += av * b[q, p, j]
