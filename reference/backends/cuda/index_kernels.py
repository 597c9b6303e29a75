"""Gather/scatter by storage offsets (every advanced-indexing case reduces to these), bounds checks,
the zero test of integer division, and nonzero."""
from numba import cuda


@cuda.jit
def gather(src, outer, inner, out, oo):
    m = inner.shape[0]
    n = outer.shape[0] * m
    for e in range(cuda.grid(1), n, cuda.gridsize(1)):
        out[oo + e] = src[outer[e // m] + inner[e % m]]


@cuda.jit
def scatter(dst, outer, inner, vals, vo):
    # duplicate targets: one of the writes wins, as in torch on CUDA
    m = inner.shape[0]
    n = outer.shape[0] * m
    for e in range(cuda.grid(1), n, cuda.gridsize(1)):
        dst[outer[e // m] + inner[e % m]] = vals[vo + e]


@cuda.jit
def scatter_add(dst, outer, inner, vals, vo):
    m = inner.shape[0]
    n = outer.shape[0] * m
    for e in range(cuda.grid(1), n, cuda.gridsize(1)):
        cuda.atomic.add(dst, outer[e // m] + inner[e % m], vals[vo + e])


@cuda.jit
def first_out_of_bounds(idx, io, n, size, first):
    """first[0] = the smallest i with idx[i] outside [-size, size) (first[0] starts at n)."""
    for i in range(cuda.grid(1), n, cuda.gridsize(1)):
        v = idx[io + i]
        if v < -size or v >= size:
            cuda.atomic.min(first, 0, i)


@cuda.jit
def count_zeros(x, xo, n, count):
    for i in range(cuda.grid(1), n, cuda.gridsize(1)):
        if x[xo + i] == 0:
            cuda.atomic.add(count, 0, 1)


@cuda.jit
def nonzero_rows(x, xo, n, shape, res, count):
    """Multi-indices of the non-zero elements of a contiguous array, in C order. One thread: the
    order needs a running count (a device prefix scan would parallelise it)."""
    if cuda.grid(1) != 0:
        return
    nd = shape.shape[0]
    c = 0
    for i in range(n):
        if x[xo + i] != 0:
            rem = i
            for d in range(nd - 1, -1, -1):
                res[c, d] = rem % shape[d]
                rem //= shape[d]
            c += 1
    count[0] = c


@cuda.jit
def index_offsets(idx, io, shape, strides, size, stride, first, slot, out, n, accumulate):
    """out[j] (+)= wrap(idx[j]) * stride for one index tensor read at the broadcast position j (its
    layout collapsed to `shape`/`strides`, tuples); first[slot] = the smallest j out of range."""
    nd = len(shape)
    for j in range(cuda.grid(1), n, cuda.gridsize(1)):
        rem = j
        at = io
        for d in range(nd - 1, -1, -1):
            at += (rem % shape[d]) * strides[d]
            rem //= shape[d]
        v = idx[at]
        if v < -size or v >= size:
            cuda.atomic.min(first, slot, j)
            v = 0
        elif v < 0:
            v += size
        out[j] = v * stride + (out[j] if accumulate else 0)
