"""Block-cooperative reductions: one block per row of an (outer, reduced, inner) strided view, each
thread a strided partial over the reduced axis, the partials combined across the block.

Two ways to combine, chosen once per process (_launch.WARP_SHUFFLES):
- warp shuffles (a GPU): a butterfly of shfl_xor_sync inside each warp, one shared slot per warp, then
  the same butterfly over the warps' slots. Every lane ends with the total, so no broadcast is needed.
- the shared-memory tree (the fallback numba's simulator runs, having no shuffles): each thread's
  partial in a shared slot, halved pairwise in log2(threads) barriers, then read back by every thread.
Both give every thread of the block the combined value ("all-reduce"), which softmax needs to write
its row and argmax needs to pick one writer. Threads per block: a power of two (a multiple of 32 for
the shuffle path). Floats accumulate in float64 and integers in int64, as the CPU backend does.

The combine rules sit in small device functions shared by both paths: a sum, a max in which a NaN wins
(softmax and logsumexp take the row's max that way), and torch's max/min with an index (a NaN wins,
ties and NaNs go to the first index). `block_reductions(threads, shuffles)` builds the kernels.
"""
import math
from types import SimpleNamespace

from numba import cuda, float64, int64

from . import device_math as dm

WARP = 32
FULL_MASK = 0xFFFFFFFF


@cuda.jit(device=True)
def _add(a, b):
    return a + b


@cuda.jit(device=True)
def _max_nan(a, b):
    if a != a:
        return a
    if b != b or b > a:
        return b
    return a


@cuda.jit(device=True)
def _pick(v, i, w, j, want_max):
    """The (value, index) torch's max/min keeps of two candidates: a NaN first, then the larger (or
    smaller) value, on a tie the lower index."""
    if v != v or w != w:
        if v != v and (w == w or i <= j):
            return v, i
        return w, j
    if w == v:
        return (v, i) if i <= j else (w, j)
    if (w > v) if want_max else (w < v):
        return w, j
    return v, i


def _shuffle_allreduce(combine, threads):
    warps = threads // WARP

    @cuda.jit(device=True)
    def allreduce(v, part, t):
        lane = t % WARP
        off = WARP // 2
        while off > 0:
            v = combine(v, cuda.shfl_xor_sync(FULL_MASK, v, off))
            off //= 2
        if lane == 0:
            part[t // WARP] = v
        cuda.syncthreads()
        # every warp combines the warps' partials: lanes 0..warps-1 hold them (repeated over the
        # lanes above), and xor offsets below `warps` stay inside each group of `warps` lanes
        v = part[lane % warps]
        off = warps // 2
        while off > 0:
            v = combine(v, cuda.shfl_xor_sync(FULL_MASK, v, off))
            off //= 2
        cuda.syncthreads()   # the slots are free for the next row only once every warp has read them
        return v
    return allreduce


def _tree_allreduce(combine, threads):
    @cuda.jit(device=True)
    def allreduce(v, part, t):
        part[t] = v
        cuda.syncthreads()
        width = threads // 2
        while width > 0:
            if t < width:
                part[t] = combine(part[t], part[t + width])
            cuda.syncthreads()
            width //= 2
        v = part[0]
        cuda.syncthreads()
        return v
    return allreduce


def _shuffle_allpick(threads):
    warps = threads // WARP

    @cuda.jit(device=True)
    def allpick(v, i, vals, idxs, t, want_max):
        lane = t % WARP
        off = WARP // 2
        while off > 0:
            v, i = _pick(v, i, cuda.shfl_xor_sync(FULL_MASK, v, off), cuda.shfl_xor_sync(FULL_MASK, i, off),
                         want_max)
            off //= 2
        if lane == 0:
            vals[t // WARP] = v
            idxs[t // WARP] = i
        cuda.syncthreads()
        v = vals[lane % warps]
        i = idxs[lane % warps]
        off = warps // 2
        while off > 0:
            v, i = _pick(v, i, cuda.shfl_xor_sync(FULL_MASK, v, off), cuda.shfl_xor_sync(FULL_MASK, i, off),
                         want_max)
            off //= 2
        cuda.syncthreads()
        return v, i
    return allpick


def _tree_allpick(threads):
    @cuda.jit(device=True)
    def allpick(v, i, vals, idxs, t, want_max):
        vals[t] = v
        idxs[t] = i
        cuda.syncthreads()
        width = threads // 2
        while width > 0:
            if t < width:
                vals[t], idxs[t] = _pick(vals[t], idxs[t], vals[t + width], idxs[t + width], want_max)
            cuda.syncthreads()
            width //= 2
        v = vals[0]
        i = idxs[0]
        cuda.syncthreads()
        return v, i
    return allpick


def block_reductions(threads, shuffles):
    """The block kernels for `threads` threads per block, combining by warp shuffles or by the tree.
    Launch each as kernel[blocks, threads]; every kernel strides its blocks over the rows."""
    if shuffles:
        if threads % WARP or threads > WARP * WARP or threads & (threads - 1):
            raise ValueError(f"a shuffle reduction needs a power-of-two multiple of {WARP} threads up to "
                             f"{WARP * WARP}, not {threads}")
        slots = threads // WARP
        allsum, allmax = _shuffle_allreduce(_add, threads), _shuffle_allreduce(_max_nan, threads)
        allpick = _shuffle_allpick(threads)
    else:
        if threads & (threads - 1):
            raise ValueError(f"a tree reduction needs a power-of-two thread count, not {threads}")
        slots = threads
        allsum, allmax = _tree_allreduce(_add, threads), _tree_allreduce(_max_nan, threads)
        allpick = _tree_allpick(threads)

    @cuda.jit(device=True)
    def partial_sum(X, base, xs1, R, t, acc):
        """acc plus this thread's share of a row: its elements t, t + threads, ..."""
        for r in range(t, R, threads):
            acc += X[base + r * xs1]
        return acc

    def summing(acc_type):
        @cuda.jit
        def kernel(X, xo, xs0, xs1, xs2, R, I, rows, out, oo, zero):
            part = cuda.shared.array(slots, acc_type)
            t = cuda.threadIdx.x
            for row in range(cuda.blockIdx.x, rows, cuda.gridDim.x):
                base = xo + (row // I) * xs0 + (row % I) * xs2
                acc = allsum(partial_sum(X, base, xs1, R, t, zero), part, t)
                if t == 0:
                    out[oo + row] = acc
        return kernel

    def picking(acc_type):
        @cuda.jit
        def kernel(X, xo, xs0, xs1, xs2, R, I, rows, out, oo, idx, io, want_max, start):
            """Max or min with the index of its first occurrence; `start` is the identity (-inf for a
            float max, the type's lowest integer, ...), paired with index R so any element beats it."""
            vals = cuda.shared.array(slots, acc_type)
            idxs = cuda.shared.array(slots, int64)
            t = cuda.threadIdx.x
            for row in range(cuda.blockIdx.x, rows, cuda.gridDim.x):
                base = xo + (row // I) * xs0 + (row % I) * xs2
                best = start
                bi = R
                for r in range(t, R, threads):
                    best, bi = _pick(best, bi, X[base + r * xs1], r, want_max)
                best, bi = allpick(best, bi, vals, idxs, t, want_max)
                if t == 0:
                    out[oo + row] = best
                    idx[io + row] = bi
        return kernel

    @cuda.jit(device=True)
    def row_max_and_expsum(X, base, xs1, R, part, t):
        """Max of a row (NaN wins) and the sum of exp(x - max), on every thread of the block."""
        m = dm.acc64(-math.inf)
        for r in range(t, R, threads):
            m = _max_nan(m, dm.acc64(X[base + r * xs1]))
        m = allmax(m, part, t)
        s = dm.acc64(0.0)
        for r in range(t, R, threads):
            s += dm.exp(X[base + r * xs1] - m)
        return m, allsum(s, part, t)

    @cuda.jit
    def logsumexp(X, xo, xs0, xs1, xs2, R, I, rows, out, oo):
        part = cuda.shared.array(slots, float64)
        t = cuda.threadIdx.x
        for row in range(cuda.blockIdx.x, rows, cuda.gridDim.x):
            base = xo + (row // I) * xs0 + (row % I) * xs2
            m, s = row_max_and_expsum(X, base, xs1, R, part, t)
            if t == 0:
                out[oo + row] = m if (m != m or dm.isinf(m)) else m + dm.log(s)

    @cuda.jit
    def softmax(X, xo, xs0, xs1, xs2, R, I, rows, out, oo, log):
        """out is the contiguous (O, R, I) result; all -inf, a NaN or a +inf give NaN as in torch."""
        part = cuda.shared.array(slots, float64)
        t = cuda.threadIdx.x
        for row in range(cuda.blockIdx.x, rows, cuda.gridDim.x):
            o = row // I
            i = row % I
            base = xo + o * xs0 + i * xs2
            obase = oo + o * R * I + i
            m, s = row_max_and_expsum(X, base, xs1, R, part, t)
            ls = dm.log(s)
            for r in range(t, R, threads):
                if log:
                    out[obase + r * I] = X[base + r * xs1] - m - ls
                else:
                    out[obase + r * I] = dm.exp(X[base + r * xs1] - m) / s

    @cuda.jit
    def var(X, xo, xs0, xs1, xs2, R, I, rows, out, oo, correction):
        part = cuda.shared.array(slots, float64)
        t = cuda.threadIdx.x
        for row in range(cuda.blockIdx.x, rows, cuda.gridDim.x):
            base = xo + (row // I) * xs0 + (row % I) * xs2
            mean = allsum(partial_sum(X, base, xs1, R, t, dm.acc64(0.0)), part, t) / R
            ss = dm.acc64(0.0)
            for r in range(t, R, threads):
                d = X[base + r * xs1] - mean
                ss += d * d
            ss = allsum(ss, part, t)
            if t == 0:
                out[oo + row] = ss / max(R - correction, 0.0)

    return SimpleNamespace(threads=threads, shuffles=shuffles, sum_float=summing(float64), sum_int=summing(int64),
                           extreme_float=picking(float64), extreme_int=picking(int64), logsumexp=logsumexp,
                           softmax=softmax, var=var)
