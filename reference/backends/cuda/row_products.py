"""Small dense products on contiguous row-major buffers (flat device array + offset), one thread per
output element, float64 accumulation: the products the recurrent layers run around their time loops
(every step's input projection before, the input and weight gradients after) and a flat copy.

Shapes are (rows, cols) of row-major buffers; W is a weight in torch's (out_features, in_features)
layout, so `affine_rows` is x W^T and `rows_times` is a @ B with B read as stored."""
from numba import cuda

from . import device_math as dm


@cuda.jit
def copy_flat(S, so, D, do, n):
    """D[do:do+n] = S[so:so+n]."""
    for i in range(cuda.grid(1), n, cuda.gridsize(1)):
        D[do + i] = S[so + i]


@cuda.jit
def affine_rows(X, xo, Wt, wo, B1, b1o, B2, b2o, n_bias, O, oo, n, k, m):
    """O (n, m) = X (n, k) W^T (W: (m, k)) + B1 (+ B2) for the first n_bias of the two biases."""
    for e in range(cuda.grid(1), n * m, cuda.gridsize(1)):
        r = e // m
        j = e % m
        acc = dm.dot(X, xo + r * k, 1, Wt, wo + j * k, 1, k)
        if n_bias > 0:
            acc += B1[b1o + j]
        if n_bias > 1:
            acc += B2[b2o + j]
        O[oo + e] = acc


@cuda.jit
def rows_times(A, ao, Bm, bo, O, oo, n, k, m, accumulate):
    """O (n, m) = A (n, k) B (k, m), or O += that when accumulate."""
    for e in range(cuda.grid(1), n * m, cuda.gridsize(1)):
        r = e // m
        j = e % m
        acc = dm.dot(A, ao + r * k, 1, Bm, bo + j, m, k)
        if accumulate:
            acc += O[oo + e]
        O[oo + e] = acc


@cuda.jit
def product_tn(A, ao, Bm, bo, O, oo, n, p, q):
    """O (p, q) = A^T B for A (n, p), B (n, q): a weight gradient summed over the packed rows."""
    for e in range(cuda.grid(1), p * q, cuda.gridsize(1)):
        i = e // q
        j = e % q
        O[oo + e] = dm.dot(A, ao + i, p, Bm, bo + j, q, n)


@cuda.jit
def column_sums(A, ao, n, p, O, oo):
    """O (p,) = the sum of the rows of A (n, p): a bias gradient."""
    for j in range(cuda.grid(1), p, cuda.gridsize(1)):
        acc = dm.acc64(0.0)
        for r in range(n):
            acc += A[ao + r * p + j]
        O[oo + j] = acc
