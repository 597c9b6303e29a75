"""The storage offsets of an advanced (integer-tensor) index in one launch: bounds check, negative
wrap-around and the sum over index tensors of index * stride, fused (the op layer's composition of
tensor ops took six launches and most of a tiny `x[idx]`'s time)."""
import math

import numpy as np
from numba import njit

_opts = dict(cache=True, nogil=True)


@njit(**_opts)
def _offsets(idx, sizes, strides, out):
    """out[j] = sum_i wrap(idx[i, j]) * strides[i]; returns (i, value) of the first index out of
    range, scanning index tensor 0 first, or (-1, 0)."""
    k, n = idx.shape
    for j in range(n):
        out[j] = 0
    for i in range(k):
        size = sizes[i]
        stride = strides[i]
        for j in range(n):
            v = idx[i, j]
            if v < -size or v >= size:
                return i, v
            if v < 0:
                v += size
            out[j] += v * stride
    return -1, 0


def index_offsets(indices, bshape, sizes, strides, out):
    """out (contiguous int64 of bshape) = the summed offsets of the index tensors broadcast to bshape.
    Returns None, or (position of the index tensor, its value) for the first index out of range."""
    n = math.prod(bshape)
    if len(indices) == 1 and tuple(indices[0]._shape) == tuple(bshape) and indices[0].is_contiguous():
        rows = indices[0]._np().reshape(1, n)
    else:
        rows = np.stack([np.broadcast_to(it._np(), bshape).reshape(n) for it in indices])
    if rows.dtype != np.int64:
        rows = rows.astype(np.int64)
    flat = out._storage.data[out._offset:out._offset + n]
    i, v = _offsets(rows, np.asarray(sizes, np.int64), np.asarray(strides, np.int64), flat)
    return None if i < 0 else (int(i), int(v))
