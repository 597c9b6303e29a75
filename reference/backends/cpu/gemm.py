"""Float matrix products on the CPU: BLAS on one thread (blas.py), a large product split by rows over
numba's threads. Shared by the backend's bmm and the fused linear layer."""
import numba
import numpy as np

from . import linalg_kernels as _lk

PARALLEL_GEMM_MIN = 1 << 22  # multiply-adds: below this one BLAS call beats splitting the rows


def splits(macs):
    """Whether a product of `macs` multiply-adds is shared out over numba's threads."""
    # the size first: numba's thread count takes a process lock (6-10 us right after a product)
    return macs >= PARALLEL_GEMM_MIN and numba.get_num_threads() > 1


def gemm(ac, bc, out, ta, tb):
    """out[i] = op(ac[i]) @ op(bc[i]), op a transpose where the flag is set; ac, bc C-contiguous
    batches (a transposed view arrives as its contiguous transpose plus the flag), out contiguous."""
    nb, n, k = out.shape[0], out.shape[1], ac.shape[1] if ta else ac.shape[2]
    if not splits(nb * n * k * out.shape[2]):
        _lk.bmm_blas(ac, bc, out, ta, tb)
        return
    threads = numba.get_num_threads()
    if ta:  # rows of a transposed operand are not contiguous: one copy, small beside the product
        ac = np.ascontiguousarray(ac.transpose(0, 2, 1))
    parts = -(-threads // nb)  # chunks per product so that every thread gets one
    _lk.bmm_blas_rows(ac, bc, out, tb, max(1, -(-n // parts)))
