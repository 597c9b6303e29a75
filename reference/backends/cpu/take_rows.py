"""x[index] for an integer index tensor into a tensor whose rows (everything after dim 0) are
contiguous: bounds check, negative wrap-around and the copy of each selected row in one launch.
The general advanced-index path (offsets, then a gather over outer x inner offsets) costs several
launches and most of a tiny `x[idx]`'s time; this is the case tutorials write (embedding lookups,
batches by permutation, `x[idx]` on a vector)."""
import numpy as np
from numba import njit

_opts = dict(cache=True, nogil=True)


def _movable(a):
    """Pure data movement: numba has no float16, so float16 elements travel as int16."""
    return a.view(np.int16) if a.dtype == np.float16 else a


@njit(**_opts)
def _take_rows(src, offset, stride, size, row, idx, out):
    """out[i * row:(i + 1) * row] = src[offset + wrap(idx[i]) * stride:...+ row]; returns the index
    position of the first value out of range, or -1 (nothing written past it matters: it raises)."""
    for i in range(idx.shape[0]):
        v = idx[i]
        if v < -size or v >= size:
            return i
        if v < 0:
            v += size
        base = offset + v * stride
        dst = i * row
        for j in range(row):
            out[dst + j] = src[base + j]
    return -1


def take_rows(x, index, out):
    """out (contiguous, index.shape + x.shape[1:]) = x[index]; x's rows and the index contiguous.
    Returns None, or the first index value out of range for dim 0."""
    n = index._shape.numel()
    total = out._shape.numel()
    idx = index._storage.data[index._offset:index._offset + n]
    dst = out._storage.data[out._offset:out._offset + total]
    # Python ints reach the kernel as int64 (no numpy scalar to build per call)
    bad = _take_rows(_movable(x._storage.data), x._offset, x._stride[0], x._shape[0], total // n if n else 0,
                     idx, _movable(dst))
    return None if bad < 0 else int(idx[bad])
