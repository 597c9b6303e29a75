"""Reductions over the middle axis of an (outer, reduced, inner) strided view, into contiguous outputs.

The view arrives as its flat storage, offset and three strides (xs0, xs1, xs2). Floats accumulate in
float64 and integers in int64, as on the CPU. These kernels give one thread a whole row (o, i) in a
grid-stride loop over the O*I rows, which keeps every thread busy when rows are many; few long rows
take the block reductions of block_reduce.py instead (a block per row, warp shuffles on a GPU).
"""
import math

import numpy as np
from numba import cuda

from . import device_math as dm


@cuda.jit
def sum_rows(X, xo, xs0, xs1, xs2, R, I, rows, out, oo, zero):
    for row in range(cuda.grid(1), rows, cuda.gridsize(1)):
        base = xo + (row // I) * xs0 + (row % I) * xs2
        acc = zero
        for r in range(R):
            acc += X[base + r * xs1]
        out[oo + row] = acc


@cuda.jit
def prod_rows(X, xo, xs0, xs1, xs2, R, I, rows, out, oo, one):
    for row in range(cuda.grid(1), rows, cuda.gridsize(1)):
        base = xo + (row // I) * xs0 + (row % I) * xs2
        acc = one
        for r in range(R):
            acc *= X[base + r * xs1]
        out[oo + row] = acc


@cuda.jit
def extreme_rows(X, xo, xs0, xs1, xs2, R, I, rows, out, oo, idx, io, want_max):
    """Max or min with the index of its first occurrence; a NaN wins and stops the search."""
    for row in range(cuda.grid(1), rows, cuda.gridsize(1)):
        base = xo + (row // I) * xs0 + (row % I) * xs2
        best = X[base]
        bi = 0
        if best == best:
            for r in range(1, R):
                v = X[base + r * xs1]
                if v != v:
                    best = v
                    bi = r
                    break
                if (v > best) if want_max else (v < best):
                    best = v
                    bi = r
        out[oo + row] = best
        idx[io + row] = bi


@cuda.jit
def var_rows(X, xo, xs0, xs1, xs2, R, I, rows, out, oo, correction):
    for row in range(cuda.grid(1), rows, cuda.gridsize(1)):
        base = xo + (row // I) * xs0 + (row % I) * xs2
        s = dm.acc64(0.0)
        for r in range(R):
            s += X[base + r * xs1]
        mean = s / R
        ss = dm.acc64(0.0)
        for r in range(R):
            d = X[base + r * xs1] - mean
            ss += d * d
        out[oo + row] = ss / max(R - correction, 0.0)


@cuda.jit(device=True)
def _max_and_expsum(X, base, xs1, R):
    """Max of a row (NaN wins) and the sum of exp(x - max): the stable core of logsumexp/softmax."""
    m = dm.acc64(-math.inf)
    for r in range(R):
        v = X[base + r * xs1]
        if v > m or v != v:
            m = dm.acc64(v)
    s = dm.acc64(0.0)
    if m == m and not dm.isinf(m):
        for r in range(R):
            s += dm.exp(X[base + r * xs1] - m)
    return m, s


@cuda.jit
def logsumexp_rows(X, xo, xs0, xs1, xs2, R, I, rows, out, oo):
    for row in range(cuda.grid(1), rows, cuda.gridsize(1)):
        base = xo + (row // I) * xs0 + (row % I) * xs2
        m, s = _max_and_expsum(X, base, xs1, R)
        out[oo + row] = m if (m != m or dm.isinf(m)) else m + dm.log(s)


@cuda.jit
def softmax_rows(X, xo, xs0, xs1, xs2, R, I, rows, out, oo, log):
    """out is the contiguous (O, R, I) result."""
    for row in range(cuda.grid(1), rows, cuda.gridsize(1)):
        o = row // I
        i = row % I
        base = xo + o * xs0 + i * xs2
        obase = oo + o * R * I + i
        m, s = _max_and_expsum(X, base, xs1, R)
        if m != m or dm.isinf(m):
            # all -inf, or a NaN/+inf present: exp(x - m) is NaN or 0/0, as in torch
            s = dm.acc64(0.0)
            for r in range(R):
                s += dm.exp(X[base + r * xs1] - m)
        if log:
            ls = dm.log(s)
            for r in range(R):
                out[obase + r * I] = X[base + r * xs1] - m - ls
        else:
            for r in range(R):
                out[obase + r * I] = dm.exp(X[base + r * xs1] - m) / s


@cuda.jit
def scan_rows(X, xo, xs0, xs1, xs2, R, I, rows, out, oo, start, multiply):
    """Inclusive cumulative sum (or product) along R into the contiguous (O, R, I) out."""
    for row in range(cuda.grid(1), rows, cuda.gridsize(1)):
        o = row // I
        i = row % I
        base = xo + o * xs0 + i * xs2
        obase = oo + o * R * I + i
        acc = start
        for r in range(R):
            if multiply:
                acc *= X[base + r * xs1]
            else:
                acc += X[base + r * xs1]
            out[obase + r * I] = acc


def accumulator(np_dtype, one=False):
    if np.issubdtype(np_dtype, np.floating):
        return np.float64(1.0 if one else 0.0)
    return np.int64(1 if one else 0)
