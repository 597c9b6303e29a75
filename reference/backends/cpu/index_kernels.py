"""Gather/scatter by precomputed storage offsets: every advanced-indexing case reduces to these."""
from numba import njit

_opts = dict(cache=True, nogil=True)


@njit(**_opts)
def strided_offsets(shape, strides, offset, out):
    """Storage offset of every element of a strided layout, in C order."""
    nd = shape.shape[0]
    n = out.shape[0]
    idx = [0] * nd
    pos = offset
    for i in range(n):
        out[i] = pos
        d = nd - 1
        while d >= 0:
            idx[d] += 1
            pos += strides[d]
            if idx[d] < shape[d]:
                break
            pos -= strides[d] * shape[d]
            idx[d] = 0
            d -= 1


@njit(**_opts)
def gather(src, outer, inner, out):
    m = inner.shape[0]
    for i in range(outer.shape[0]):
        base = outer[i]
        for j in range(m):
            out[i * m + j] = src[base + inner[j]]


@njit(**_opts)
def scatter(dst, outer, inner, vals):
    m = inner.shape[0]
    for i in range(outer.shape[0]):
        base = outer[i]
        for j in range(m):
            dst[base + inner[j]] = vals[i * m + j]


@njit(**_opts)
def scatter_add(dst, outer, inner, vals):
    m = inner.shape[0]
    for i in range(outer.shape[0]):
        base = outer[i]
        for j in range(m):
            dst[base + inner[j]] += vals[i * m + j]


@njit(**_opts)
def nonzero(x, shape, out_count):
    """Multi-indices (rows) of the non-zero elements of a contiguous flat array, in C order."""
    n = x.shape[0]
    nd = shape.shape[0]
    count = 0
    for i in range(n):
        if x[i] != 0:
            count += 1
    res = out_count  # preallocated (n, nd); only the first `count` rows are filled
    r = 0
    for i in range(n):
        if x[i] != 0:
            rem = i
            for d in range(nd - 1, -1, -1):
                res[r, d] = rem % shape[d]
                rem //= shape[d]
            r += 1
    return count


@njit(**_opts)
def check_bounds(idx, size):
    """Index of the first out-of-range entry, or -1."""
    for i in range(idx.shape[0]):
        v = idx[i]
        if v < -size or v >= size:
            return i
    return -1
