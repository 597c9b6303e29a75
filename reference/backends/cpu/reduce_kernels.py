"""Reductions over the middle axis of an (outer, reduced, inner) array, the one layout every
reduction is brought to. Accumulators are float64/int64 (chosen by the caller's `zero`).

Each public kernel (`sum_ori`, ...) is a small Python function with a serial and a parallel
(`prange`) body behind it (softmax and logsumexp: a serial body and a NumPy path, see below). A parallel launch costs a few microseconds and `parallel=True` costs
about 10x the compile time, so it is taken only for large inputs; small inputs (every test and
every tiny op) never compile or run the parallel bodies. The parallel sum splits the work into
tiles whose bounds depend only on the shape, never on the thread count, so a result is the same
on every machine.
"""
import numpy as np
from numba import get_num_threads, njit, prange

_opts = dict(cache=True, nogil=True, error_model="numpy")
# reassociation lets the row sums vectorise; NaN/inf semantics stay intact (no 'nnan'/'ninf')
_sum_opts = dict(_opts, fastmath={"reassoc", "contract"})
_par_opts = dict(_opts, parallel=True)
_par_sum_opts = dict(_sum_opts, parallel=True)

# elements from which a parallel launch pays
PARALLEL_MIN = 1 << 17
# elements from which softmax/logsumexp take NumPy's vectorised exp (a few calls' overhead)
VECTOR_MIN = 1 << 12
# sum tiles: at most this many reduced elements per tile along R (I == 1) ...
SUM_TILE_ROWS = 1 << 16
# ... or this many columns per tile (I > 1), and at least this many tiles when R must be split
SUM_TILE_COLS = 256
SUM_MIN_TILES = 16
# how many threads a parallel body would get (a module attribute so tests can force either path)
threads = get_num_threads


def _parallel(x, min_size):
    """Large enough, more than one independent (outer, inner) row to share out, and more than one
    thread: a parallel body run on one thread still goes through the thread pool, and measured
    5-20x slower than the serial body on a busy machine."""
    return x.size >= min_size and x.shape[0] * x.shape[2] > 1 and threads() > 1


# ---- sum ----

# Rows are summed in blocks of _BLOCK, and block sums are combined pairwise (a binary counter of
# partial sums, as in a cascade sum): the rounding error grows like log2(R) instead of R, which is
# what torch's own cascade summation gives (a float64 sum of 2**18 terms was 5e4 ulps off before).
# Narrower elements need no cascade in the float64 accumulator (see _row_sum). Each loop runs over a
# whole unit-stride array, the shape LLVM vectorises: a sum of 4M float32 went from 2.1-5 ms to
# 0.6 ms (torch: 0.6 ms, one thread), the same memory-bound speed as NumPy's.
_BLOCK = 16
_LEVELS = 64


@njit(**_sum_opts)
def _cascade_add(levels, used, part, I):
    """Merge one block's partial sums into the counter of pairwise partial sums."""
    lv = 0
    while used[lv]:
        for i in range(I):
            part[i] += levels[lv, i]
        used[lv] = False
        lv += 1
    for i in range(I):
        levels[lv, i] = part[i]
    used[lv] = True


@njit(**_sum_opts)
def _block_sum(b, zero):
    """Sum of one block. A loop over a whole (unit-stride when possible) array is what LLVM
    vectorises into several accumulator lanes; the same loop over an index range of the row
    (`range(start, min(start + n, R))`) stayed scalar and ran 10x slower (6 ms for 4M float32)."""
    acc = zero
    for r in range(b.shape[0]):
        acc += b[r]
    return acc


@njit(**_sum_opts)
def _cascade_blocks(v, zero, levels, used):
    """Blocks of a row summed into the accumulator, block sums combined pairwise in `levels`
    (the counter `used` is all False on entry and is left so)."""
    R = v.shape[0]
    step = _BLOCK * 8
    top = 0  # levels at and above `top` are unused
    for start in range(0, R, step):
        acc = _block_sum(v[start:min(start + step, R)], zero)
        lv = 0
        while used[lv]:
            acc += levels[lv]
            used[lv] = False
            lv += 1
        levels[lv] = acc
        used[lv] = True
        top = max(top, lv + 1)
    acc = zero
    for lv in range(top):
        if used[lv]:
            acc += levels[lv]
            used[lv] = False
    return acc


@njit(**_sum_opts)
def _row_sum(v, zero, levels, used):
    """Sum of one row (the I == 1 case). A row of a 3-D view is typed as strided even when its
    elements are adjacent; seen as contiguous (a view, no copy) its loop vectorises.
    Only 8-byte elements need the cascade: the float64 accumulator of a float32 (or narrower) row
    errs by under n * 2**-53 of the terms' absolute sum, below one float32 rounding for any
    n < 2**29, so such a row is summed in one loop; integer sums are exact in any order."""
    if v.shape[0] <= 1 or v.strides[0] == v.itemsize:
        c = np.ascontiguousarray(v)
        if c.itemsize < 8:
            return _block_sum(c, zero)
        return _cascade_blocks(c, zero, levels, used)
    if v.itemsize < 8:
        return _block_sum(v, zero)
    return _cascade_blocks(v, zero, levels, used)


@njit(**_sum_opts)
def _cascade_sum_row(v, zero):
    """Cascade sum of one row, with its own counter."""
    return _row_sum(v, zero, np.full(_LEVELS, zero), np.zeros(_LEVELS, np.bool_))


@njit(**_sum_opts)
def _add_row(part, row):
    for i in range(row.shape[0]):
        part[i] += row[i]


@njit(**_sum_opts)
def _add_rows(part, x, o, r0, r1, i0, i1):
    """part += x[o, r, i0:i1] for r in [r0, r1); unit-stride rows seen as contiguous (see _row_sum)."""
    unit = i1 - i0 <= 1 or x.strides[2] == x.itemsize
    for r in range(r0, r1):
        if unit:
            _add_row(part, np.ascontiguousarray(x[o, r, i0:i1]))
        else:
            _add_row(part, x[o, r, i0:i1])


@njit(**_sum_opts)
def _cascade_cols(x, o, r0, r1, i0, i1, zero, dst):
    """dst[i] = the cascade sum over r in [r0, r1) of x[o, r, i], for i in [i0, i1). As in
    _row_sum, only 8-byte elements need the cascade."""
    w = i1 - i0
    part = np.full(w, zero)
    if x.itemsize < 8:
        _add_rows(part, x, o, r0, r1, i0, i1)
    else:
        levels = np.full((_LEVELS, w), zero)
        used = np.zeros(_LEVELS, np.bool_)
        for start in range(r0, r1, _BLOCK):
            part[:] = zero
            _add_rows(part, x, o, start, min(start + _BLOCK, r1), i0, i1)
            _cascade_add(levels, used, part, w)
        part[:] = zero
        for lv in range(_LEVELS):
            if used[lv]:
                for i in range(w):
                    part[i] += levels[lv, i]
    for i in range(w):
        dst[i0 + i] = part[i]


@njit(**_sum_opts)
def _sum_serial(x, out, zero):
    O, R, I = x.shape
    levels = np.full(_LEVELS, zero)
    used = np.zeros(_LEVELS, np.bool_)
    for o in range(O):
        if I == 1:
            out[o, 0] = _row_sum(x[o, :, 0], zero, levels, used)
        else:
            _cascade_cols(x, o, 0, R, 0, I, zero, out[o])


@njit(**_par_sum_opts)
def _sum_tiles(x, partial, zero, rows, cols):
    """partial[o, c, i] = the sum of x[o, c*rows:(c+1)*rows, i], one tile per (o, c, column block)."""
    O, R, I = x.shape
    nc = partial.shape[1]
    nb = (I + cols - 1) // cols
    for k in prange(O * nc * nb):
        k = np.int64(k)
        o = k // (nc * nb)
        c = (k // nb) % nc
        b = k % nb
        r0 = c * rows
        r1 = min(R, r0 + rows)
        i0 = b * cols
        i1 = min(I, i0 + cols)
        if I == 1:
            partial[o, c, 0] = _cascade_sum_row(x[o, r0:r1, 0], zero)
        else:
            _cascade_cols(x, o, r0, r1, i0, i1, zero, partial[o, c])


@njit(**_sum_opts)
def _sum_partials(partial, out):
    O, C, I = partial.shape
    for o in range(O):
        for i in range(I):
            acc = partial[o, 0, i]
            for c in range(1, C):
                acc += partial[o, c, i]
            out[o, i] = acc


def _sum_plan(O, R, I):
    """(rows per tile, columns per tile, tiles along R): fixed by the shape alone."""
    if I == 1:
        return SUM_TILE_ROWS, 1, -(-R // SUM_TILE_ROWS)
    cols = min(I, SUM_TILE_COLS)
    blocks = O * -(-I // cols)
    splits = max(1, min(R, -(-SUM_MIN_TILES // blocks)))
    rows = -(-R // splits)
    return rows, cols, -(-R // rows)


def sum_ori(x, out, zero):
    if x.size < PARALLEL_MIN or threads() == 1:
        _sum_serial(x, out, zero)
        return
    O, R, I = x.shape
    rows, cols, splits = _sum_plan(O, R, I)
    partial = np.empty((O, splits, I), np.asarray(zero).dtype)
    _sum_tiles(x, partial, zero, rows, cols)
    _sum_partials(partial, out)


# ---- prod ----

@njit(**_opts)
def _prod_serial(x, out, one):
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


@njit(**_par_opts)
def _prod_parallel(x, out, one):
    O, R, I = x.shape
    for k in prange(O * I):
        k = np.int64(k)
        o, i = k // I, k % I
        acc = one
        for r in range(R):
            acc *= x[o, r, i]
        out[o, i] = acc


def prod_ori(x, out, one):
    (_prod_parallel if _parallel(x, PARALLEL_MIN) else _prod_serial)(x, out, one)


# ---- max/min with index ----

@njit(**_opts)
def _extreme_at(x, vals, idx, want_max, o, i):
    """Max or min with the index of its first occurrence; a NaN wins and stops the search."""
    R = x.shape[1]
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
def _extreme_serial(x, vals, idx, want_max):
    O, R, I = x.shape
    for o in range(O):
        for i in range(I):
            _extreme_at(x, vals, idx, want_max, o, i)


@njit(**_par_opts)
def _extreme_parallel(x, vals, idx, want_max):
    O, R, I = x.shape
    for k in prange(O * I):
        k = np.int64(k)
        _extreme_at(x, vals, idx, want_max, k // I, k % I)


def extreme_ori(x, vals, idx, want_max):
    (_extreme_parallel if _parallel(x, PARALLEL_MIN) else _extreme_serial)(x, vals, idx, want_max)


# ---- variance ----

@njit(**_opts)
def _var_at(x, out, correction, o, i):
    R = x.shape[1]
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
def _var_serial(x, out, correction):
    O, R, I = x.shape
    for o in range(O):
        for i in range(I):
            _var_at(x, out, correction, o, i)


@njit(**_par_opts)
def _var_parallel(x, out, correction):
    O, R, I = x.shape
    for k in prange(O * I):
        k = np.int64(k)
        _var_at(x, out, correction, k // I, k % I)


def var_ori(x, out, correction):
    (_var_parallel if _parallel(x, PARALLEL_MIN) else _var_serial)(x, out, correction)


# ---- logsumexp and softmax ----
# Small inputs take the numba bodies (one call, no temporaries); large ones NumPy: numba lowers exp
# to a scalar libm call (this llvmlite has no SVML), and NumPy's SIMD exp measured 17x faster on a
# 256x1000 float32 input (0.10 ms, against 1.76 ms for the whole numba kernel). Both propagate NaN
# from the max pass; a row whose max is +/-inf or NaN gives NaN (softmax) or that max (logsumexp),
# as in torch; sums of exponentials accumulate in float64.

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
def _logsumexp_at(x, out, o, i):
    m, s = _max_and_expsum(x, o, i)
    # an infinite or NaN maximum is the answer itself
    out[o, i] = m if (m != m or np.isinf(m)) else m + np.log(s)


@njit(**_opts)
def _logsumexp_serial(x, out):
    O, R, I = x.shape
    for o in range(O):
        for i in range(I):
            _logsumexp_at(x, out, o, i)


@njit(**_opts)
def _softmax_at(x, out, log, o, i):
    R = x.shape[1]
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
def _softmax_serial(x, out, log):
    O, R, I = x.shape
    for o in range(O):
        for i in range(I):
            _softmax_at(x, out, log, o, i)


def logsumexp_ori(x, out):
    if x.size < VECTOR_MIN:
        _logsumexp_serial(x, out)
        return
    m = x.max(axis=1)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        s = np.exp(x - m[:, None, :]).sum(axis=1, dtype=np.float64)
        out[...] = np.where(np.isfinite(m), m + np.log(s), m)


@njit(**_sum_opts)
def _softmax_rows(e, out, log):
    """The I == 1 layout as (O, R) arrays: out holds x - max on entry, e = exp(out)."""
    levels = np.zeros(_LEVELS)
    used = np.zeros(_LEVELS, np.bool_)
    for o in range(e.shape[0]):
        s = _row_sum(e[o], 0.0, levels, used)
        dst = out[o]
        if log:
            ls = np.log(s)
            for r in range(dst.shape[0]):
                dst[r] = dst[r] - ls
        else:
            src = e[o]
            for r in range(dst.shape[0]):
                dst[r] = src[r] / s


@njit(**_sum_opts)
def _softmax_cols(e, out, log):
    """(O, R, I) arrays with I > 1: out holds x - max on entry, e = exp(out)."""
    O, R, I = e.shape
    s = np.empty(I)
    for o in range(O):
        s[:] = 0.0
        for r in range(R):
            _add_row(s, e[o, r])
        if log:
            for i in range(I):
                s[i] = np.log(s[i])
            for r in range(R):
                dst = out[o, r]
                for i in range(I):
                    dst[i] = dst[i] - s[i]
        else:
            for r in range(R):
                dst = out[o, r]
                src = e[o, r]
                for i in range(I):
                    dst[i] = src[i] / s[i]


def softmax_ori(x, out, log):
    """out: a C-contiguous (O, R, I) array. From VECTOR_MIN elements NumPy computes the max and the
    exponentials (its SIMD exp) and numba the float64 sums and the result, without temporaries in
    float64 (the all-NumPy version took 0.73 ms on 256x1000 float32, this one 0.3 ms)."""
    if x.size < VECTOR_MIN:
        _softmax_serial(x, out, log)
        return
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        np.subtract(x, x.max(axis=1, keepdims=True), out=out)
        # log_softmax keeps x - max in out; softmax needs only the exponentials
        e = np.exp(out) if log else np.exp(out, out=out)
    O, R, I = out.shape
    if I == 1:
        _softmax_rows(e.reshape(O, R), out.reshape(O, R), log)
    else:
        _softmax_cols(e, out, log)


# ---- softmax backward (the fused kernel "softmax_backward"): one pass over each row's g and y ----

@njit(**_sum_opts)
def _dot_row(a, b):
    acc = 0.0
    for r in range(a.shape[0]):
        acc += a[r] * b[r]
    return acc


@njit(**_sum_opts)
def _add_prod_row(part, a, b):
    for i in range(a.shape[0]):
        part[i] += a[i] * b[i]


@njit(**_sum_opts)
def _softmax_backward_rows(y, g, gx, log):
    """(O, R) arrays. log_softmax: gx holds exp(y) on entry, gx = g - exp(y) * sum(g);
    softmax: gx = y * (g - sum(g * y)). Sums in float64."""
    levels = np.zeros(_LEVELS)
    used = np.zeros(_LEVELS, np.bool_)
    for o in range(y.shape[0]):
        gr = g[o]
        dst = gx[o]
        if log:
            s = _row_sum(gr, 0.0, levels, used)
            for r in range(dst.shape[0]):
                dst[r] = gr[r] - dst[r] * s
        else:
            yr = y[o]
            s = _dot_row(gr, yr)
            for r in range(dst.shape[0]):
                dst[r] = yr[r] * (gr[r] - s)


@njit(**_sum_opts)
def _softmax_backward_cols(y, g, gx, log):
    """(O, R, I) arrays with I > 1, as _softmax_backward_rows."""
    O, R, I = y.shape
    s = np.empty(I)
    for o in range(O):
        s[:] = 0.0
        for r in range(R):
            if log:
                _add_row(s, g[o, r])
            else:
                _add_prod_row(s, g[o, r], y[o, r])
        for r in range(R):
            dst = gx[o, r]
            gr = g[o, r]
            if log:
                for i in range(I):
                    dst[i] = gr[i] - dst[i] * s[i]
            else:
                yr = y[o, r]
                for i in range(I):
                    dst[i] = yr[i] * (gr[i] - s[i])


def softmax_backward_ori(y, g, gx, log):
    """y (the saved result), g, gx: C-contiguous (O, R, I) arrays of one float dtype. Replaces the
    composite's four ops and their temporaries: 256x1000 float32 log_softmax 0.8 ms -> 0.25 ms."""
    if log:
        with np.errstate(over="ignore", invalid="ignore"):
            np.exp(y, out=gx)  # NumPy's SIMD exp (see softmax_ori)
    O, R, I = y.shape
    if I == 1:
        _softmax_backward_rows(y.reshape(O, R), g.reshape(O, R), gx.reshape(O, R), log)
    else:
        _softmax_backward_cols(y, g, gx, log)


# ---- cumulative sum and product ----

@njit(**_opts)
def _cumulate_at(x, out, start, multiply, o, i):
    R = x.shape[1]
    acc = start
    for r in range(R):
        if multiply:
            acc *= x[o, r, i]
        else:
            acc += x[o, r, i]
        out[o, r, i] = acc


@njit(**_opts)
def _cumulate_serial(x, out, start, multiply):
    O, R, I = x.shape
    for o in range(O):
        for i in range(I):
            _cumulate_at(x, out, start, multiply, o, i)


@njit(**_par_opts)
def _cumulate_parallel(x, out, start, multiply):
    O, R, I = x.shape
    for k in prange(O * I):
        k = np.int64(k)
        _cumulate_at(x, out, start, multiply, k // I, k % I)


def _cumulate(x, out, start, multiply):
    (_cumulate_parallel if _parallel(x, PARALLEL_MIN) else _cumulate_serial)(x, out, start, multiply)


def cumsum_ori(x, out, zero):
    _cumulate(x, out, zero, False)


def cumprod_ori(x, out, one):
    _cumulate(x, out, one, True)
