"""Reductions over the middle axis of an (outer, reduced, inner) array, the one layout every
reduction is brought to. Accumulators are float64/int64 (chosen by the caller's `zero`)."""
import numpy as np
from numba import njit

_opts = dict(cache=True, nogil=True, error_model="numpy")
# reassociation lets the row sums vectorise; NaN/inf semantics stay intact (no 'nnan'/'ninf')
_sum_opts = dict(_opts, fastmath={"reassoc", "contract"})


@njit(**_sum_opts)
def sum_ori(x, out, zero):
    O, R, I = x.shape
    if I == 1:
        for o in range(O):
            acc = zero
            for r in range(R):
                acc += x[o, r, 0]
            out[o, 0] = acc
        return
    acc = np.full(I, zero)
    for o in range(O):
        acc[:] = zero
        for r in range(R):
            row = x[o, r]
            for i in range(I):
                acc[i] += row[i]
        for i in range(I):
            out[o, i] = acc[i]


@njit(**_opts)
def prod_ori(x, out, one):
    O, R, I = x.shape
    acc = np.full(I, one)
    for o in range(O):
        acc[:] = one
        for r in range(R):
            row = x[o, r]
            for i in range(I):
                acc[i] *= row[i]
        for i in range(I):
            out[o, i] = acc[i]


@njit(**_opts)
def extreme_ori(x, vals, idx, want_max):
    """Max or min with the index of its first occurrence; a NaN wins and stops the search."""
    O, R, I = x.shape
    for o in range(O):
        for i in range(I):
            best = x[o, 0, i]
            bi = 0
            if best == best:
                for r in range(1, R):
                    v = x[o, r, i]
                    if v != v:
                        best = v
                        bi = r
                        break
                    if (v > best) if want_max else (v < best):
                        best = v
                        bi = r
            vals[o, i] = best
            idx[o, i] = bi


@njit(**_opts)
def var_ori(x, out, correction):
    O, R, I = x.shape
    for o in range(O):
        for i in range(I):
            s = 0.0
            for r in range(R):
                s += x[o, r, i]
            mean = s / R
            ss = 0.0
            for r in range(R):
                d = x[o, r, i] - mean
                ss += d * d
            out[o, i] = ss / max(R - correction, 0.0)


@njit(**_opts)
def _max_and_expsum(x, o, i):
    """Max of a row (NaN wins) and the sum of exp(x - max): the stable core of logsumexp/softmax."""
    R = x.shape[1]
    m = -np.inf
    for r in range(R):
        v = x[o, r, i]
        if v > m or v != v:
            m = v
    s = 0.0
    if m == m and not np.isinf(m):
        for r in range(R):
            s += np.exp(x[o, r, i] - m)
    return m, s


@njit(**_opts)
def logsumexp_ori(x, out):
    O, R, I = x.shape
    for o in range(O):
        for i in range(I):
            m, s = _max_and_expsum(x, o, i)
            # an infinite or NaN maximum is the answer itself
            out[o, i] = m if (m != m or np.isinf(m)) else m + np.log(s)


@njit(**_opts)
def softmax_ori(x, out, log):
    O, R, I = x.shape
    for o in range(O):
        for i in range(I):
            m, s = _max_and_expsum(x, o, i)
            if m != m or np.isinf(m):
                # all -inf, or a NaN/+inf present: exp(x - m) is NaN or 0/0, as in torch
                s = 0.0
                for r in range(R):
                    s += np.exp(x[o, r, i] - m)
            if log:
                ls = np.log(s)
                for r in range(R):
                    out[o, r, i] = x[o, r, i] - m - ls
            else:
                for r in range(R):
                    out[o, r, i] = np.exp(x[o, r, i] - m) / s


@njit(**_opts)
def cumsum_ori(x, out, zero):
    O, R, I = x.shape
    for o in range(O):
        for i in range(I):
            acc = zero
            for r in range(R):
                acc += x[o, r, i]
                out[o, r, i] = acc


@njit(**_opts)
def cumprod_ori(x, out, one):
    O, R, I = x.shape
    for o in range(O):
        for i in range(I):
            acc = one
            for r in range(R):
                acc *= x[o, r, i]
                out[o, r, i] = acc
