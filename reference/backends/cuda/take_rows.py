"""x[index] for an integer index into rows that are contiguous, the twin of
backends/cpu/take_rows.py: the bounds answer and the row offsets are read on the host (one
synchronisation, as the CPU-side check of an index does), then one gather launch copies the rows."""
import numpy as np
from numba import cuda

from . import index_kernels as _ik
from ._launch import grid
from .memory import device_data


def take_rows(x, index, out):
    """out (contiguous, index.shape + x.shape[1:]) = x[index]; x's rows and the index contiguous.
    Returns None, or the first index value out of range for dim 0."""
    n = index._shape.numel()
    total = out._shape.numel()
    idx = device_data(index)[index._offset:index._offset + n].copy_to_host().astype(np.int64)
    size = x._shape[0]
    bad = np.flatnonzero((idx < -size) | (idx >= size))
    if bad.size:
        return int(idx[bad[0]])
    if total == 0:
        return None
    outer = np.where(idx < 0, idx + size, idx) * x._stride[0] + x._offset
    inner = np.arange(total // n, dtype=np.int64)
    _ik.gather[grid(total)](device_data(x), cuda.to_device(outer), cuda.to_device(inner), device_data(out),
                            out._offset)
    return None
