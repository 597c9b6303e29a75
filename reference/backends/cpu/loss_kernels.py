"""Fused softmax + cross-entropy over the rows of an (N, C) array of logits with integer targets.

Forward keeps one number per row (logsumexp) so that backward recomputes softmax in the same pass
that writes the gradient; the (N, C) probabilities are never stored. Class weights arrive as a
float64 array (ones when the caller has none); an ignored row contributes nothing and has weight 0.
Rows run in parallel only above PARALLEL_MIN elements: on this 2-core machine, shared, a parallel launch
at 256x1000 took 50 ms against 1.7 ms serial (the pool's threads wait for busy cores).
"""
import numpy as np
from llvmlite import ir
from numba import njit, prange
from numba.core import types
from numba.extending import intrinsic

from .dense_views import flat, shaped

# reassociation lets the row loops vectorise (exp included); NaN/inf semantics stay (no nnan/ninf)
_opts = dict(cache=True, nogil=True, error_model="numpy", fastmath={"reassoc", "contract"})
PARALLEL_MIN = 1 << 22


@intrinsic
def _bits_to_f64(typingctx, bits):
    """The float64 whose IEEE bits are `bits` (free; keeps the loop vectorisable)."""
    def codegen(context, builder, signature, args):
        return builder.bitcast(args[0], ir.DoubleType())
    return types.float64(types.int64), codegen


_LOG2E = 1.4426950408889634
_LN2_HI = 0.6931471803691238
_LN2_LO = 1.9082149292705877e-10


@njit(inline="always", **_opts)
def _exp_nonpositive(x):
    """exp(x) for x <= 0 within 3e-13 relative, without a libm call: numba has no vector exp here (no
    SVML), and a scalar exp per element made these kernels 6x slower. x = n ln2 + r, |r| <= ln2 / 2,
    e^r by its Taylor series to r^10, 2^n built from its exponent bits; below -700 the result is 0."""
    y = max(x, -700.0)
    n = np.floor(y * _LOG2E + 0.5)
    r = y - n * _LN2_HI - n * _LN2_LO
    p = 1.0 + r * (1.0 + r * (0.5 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120 + r * (1.0 / 720 + r * (
        1.0 / 5040 + r * (1.0 / 40320 + r * (1.0 / 362880 + r * (1.0 / 3628800))))))))))
    e = p * _bits_to_f64((np.int64(n) + 1023) << 52)
    return e if x >= -700.0 else (x - x if x != x else 0.0)


@njit(**_opts)
def _row_lse(x, n, m):
    """logsumexp of row n given its maximum m (NaN if the row has one; an all -inf row gives -inf, a +inf
    NaN, as torch's log_softmax)."""
    if m != m or m == -np.inf:
        return m
    if m == np.inf:
        return m - m
    s = 0.0
    for c in range(x.shape[1]):
        s += _exp_nonpositive(x[n, c] - m)
    return m + np.log(s)


@njit(**_opts)
def _row_max(x, n):
    """The maximum of row n, NaN if the row has one (for short rows; NumPy's SIMD max takes long ones)."""
    m = -np.inf
    for c in range(x.shape[1]):
        v = x[n, c]
        if v > m or v != v:
            m = v
            if v != v:
                break
    return m


@njit(**_opts)
def _forward_row(x, target, weight, ignore_index, keep, spread, rmax, rows, n):
    """rows[0, n] = logsumexp of row n, rows[1, n] = the row's weight w[t] (0 when ignored), rows[2, n] =
    its loss: keep * w[t] (lse - x[t]) + spread * sum_c w_c (lse - x[c]), the second term what label
    smoothing spreads over the classes."""
    C = x.shape[1]
    t = target[n]
    l = _row_lse(x, n, rmax[n] if rmax.shape[0] == x.shape[0] else _row_max(x, n))
    rows[0, n] = l
    if t == ignore_index:
        rows[1, n] = 0.0
        rows[2, n] = 0.0
        return
    w = weight[t]
    rows[1, n] = w
    loss = keep * (w * (l - x[n, t]))
    if spread != 0.0:
        acc = 0.0
        for c in range(C):
            acc += weight[c] * (l - x[n, c])
        loss += spread * acc
    rows[2, n] = loss


@njit(**_opts)
def _totals(rows):
    """(sum of the row losses, sum of the row weights, their quotient: the 'mean' value, NaN for 0/0)."""
    total = 0.0
    weights = 0.0
    for n in range(rows.shape[1]):
        total += rows[2, n]
        weights += rows[1, n]
    return total, weights, total / weights


@njit(**_opts)
def ce_forward(x, target, weight, ignore_index, keep, spread, rmax, rows):
    for n in range(x.shape[0]):
        _forward_row(x, target, weight, ignore_index, keep, spread, rmax, rows, n)
    return _totals(rows)


@njit(parallel=True, **_opts)
def ce_forward_parallel(x, target, weight, ignore_index, keep, spread, rmax, rows):
    for n in prange(x.shape[0]):
        _forward_row(x, target, weight, ignore_index, keep, spread, rmax, rows, n)
    return _totals(rows)


@njit(**_opts)
def _backward_row(x, target, weight, ignore_index, lse, g, keep, spread, div, grad, n):
    """g_n / div times d loss_n / dx[n]: keep w_t (p_c - [c == t]) + spread (sum(w) p_c - w_c), where g_n is
    the upstream gradient of row n (g has one element when the loss was reduced)."""
    C = x.shape[1]
    t = target[n]
    if t == ignore_index:
        for c in range(C):
            grad[n, c] = 0.0
        return
    l = lse[n]
    scale = (g[n] if g.shape[0] == x.shape[0] else g[0]) / div
    a = scale * keep * weight[t]
    b = scale * spread
    if b != 0.0:
        wsum = 0.0
        for c in range(C):
            wsum += weight[c]
        coef = a + b * wsum
        for c in range(C):
            grad[n, c] = coef * _exp_nonpositive(x[n, c] - l) - b * weight[c]
    else:
        for c in range(C):
            grad[n, c] = a * _exp_nonpositive(x[n, c] - l)
    grad[n, t] -= a


@njit(**_opts)
def ce_backward(x, target, weight, ignore_index, lse, g, keep, spread, div, grad):
    for n in range(x.shape[0]):
        _backward_row(x, target, weight, ignore_index, lse, g, keep, spread, div, grad, n)


@njit(parallel=True, **_opts)
def ce_backward_parallel(x, target, weight, ignore_index, lse, g, keep, spread, div, grad):
    for n in prange(x.shape[0]):
        _backward_row(x, target, weight, ignore_index, lse, g, keep, spread, div, grad, n)


@njit(**_opts)
def check_targets(target, n_classes, ignore_index):
    """The first target outside [0, n_classes) that is not ignore_index, or n_classes when none is
    (the caller raises torch's IndexError naming it)."""
    for i in range(target.shape[0]):
        t = target[i]
        if t != ignore_index and (t < 0 or t >= n_classes):
            return t
    return n_classes


# ---- tensor-level entry points (what backend.cross_entropy_* call) ----

class CrossEntropyState:
    """What backward needs from forward: per-row logsumexp and the reduction's divisor."""
    __slots__ = ("lse", "div", "keep", "spread", "weight", "reduction")


NUMPY_MAX_MIN = 64  # classes per row from which NumPy's SIMD row maximum beats the scalar loop
_NO_MAX = np.empty(0)


def cross_entropy_forward(x, target, weight, ignore_index, smoothing, reduction, out):
    """x (N, C) float32/float64 and target (N,) int64, both contiguous; weight a float64 numpy array
    (C,) (ones when the caller has none); out a contiguous tensor of x's dtype, (N,) for reduction
    'none', else 0-d. Returns the state cross_entropy_backward takes."""
    xv = shaped(x)
    n, c = xv.shape
    rows = np.empty((3, n))  # logsumexp, weight, loss of each row
    kernel = ce_forward_parallel if xv.size >= PARALLEL_MIN else ce_forward
    # NumPy's row maximum is SIMD (NaN propagating); the same loop in numba did not vectorise
    rmax = xv.max(axis=1).astype(np.float64) if c >= NUMPY_MAX_MIN else _NO_MAX
    keep, spread = 1.0 - smoothing, (smoothing / c if c else 0.0)
    total, weights, mean = kernel(xv, flat(target), weight, ignore_index, keep, spread, rmax, rows)
    st = CrossEntropyState()
    st.lse, st.weight, st.keep, st.spread, st.reduction = rows[0], weight, keep, spread, reduction
    ov = flat(out)
    # mean: every row's loss divides by the weighted count of the rows not ignored
    st.div = weights if reduction == "mean" else 1.0
    if reduction == "none":
        ov[:] = rows[2]
    else:
        ov[0] = mean if reduction == "mean" else total
    return st


def cross_entropy_backward(state, x, target, ignore_index, g, grad):
    """grad (N, C) = d loss / dx times the upstream g ((N,) for reduction 'none', else 0-d)."""
    xv = shaped(x)
    kernel = ce_backward_parallel if xv.size >= PARALLEL_MIN else ce_backward
    kernel(xv, flat(target), state.weight, ignore_index, state.lse, flat(g), state.keep, state.spread,
           state.div, shaped(grad))


def first_bad_target(target, n_classes, ignore_index):
    bad = check_targets(flat(target), n_classes, ignore_index)
    return None if bad == n_classes else int(bad)


# ---- CTC: forward (alpha) and backward (beta) recursions in log space over the extended target
# (blank, l1, blank, l2, ..., blank); one batch element per outer iteration ----

@njit(cache=True, nogil=True, error_model="numpy")
def _lse2(a, b):
    if a == -np.inf:
        return b
    if b == -np.inf:
        return a
    m = max(a, b)
    return m + np.log(np.exp(a - m) + np.exp(b - m))


@njit(cache=True, nogil=True, error_model="numpy")
def _ext_label(targets, n, s, blank):
    return blank if s % 2 == 0 else targets[n, s // 2]


@njit(cache=True, nogil=True, error_model="numpy")
def ctc_forward(lp, targets, in_lens, tgt_lens, blank, nll, alpha):
    """lp (T, N, C) float64 log-probabilities; targets (N, S) int64; alpha (N, T, 2S+1) scratch; nll (N,)."""
    N = lp.shape[1]
    for n in range(N):
        tl = in_lens[n]
        L = 2 * tgt_lens[n] + 1
        for t in range(alpha.shape[1]):
            for s in range(alpha.shape[2]):
                alpha[n, t, s] = -np.inf
        if tl == 0:
            nll[n] = 0.0 if tgt_lens[n] == 0 else np.inf
            continue
        alpha[n, 0, 0] = lp[0, n, blank]
        if L > 1:
            alpha[n, 0, 1] = lp[0, n, _ext_label(targets, n, 1, blank)]
        for t in range(1, tl):
            for s in range(L):
                c = _ext_label(targets, n, s, blank)
                a = alpha[n, t - 1, s]
                if s >= 1:
                    a = _lse2(a, alpha[n, t - 1, s - 1])
                if s >= 2 and c != blank and c != _ext_label(targets, n, s - 2, blank):
                    a = _lse2(a, alpha[n, t - 1, s - 2])
                alpha[n, t, s] = a + lp[t, n, c] if a != -np.inf else -np.inf
        end = alpha[n, tl - 1, L - 1]
        if L > 1:
            end = _lse2(end, alpha[n, tl - 1, L - 2])
        nll[n] = -end


@njit(cache=True, nogil=True, error_model="numpy")
def ctc_backward(lp, targets, in_lens, tgt_lens, blank, nll, alpha, beta, gscale, grad):
    """grad (T, N, C) of nll_n * gscale[n] w.r.t. lp, as torch computes it:
    exp(lp) - exp(logsumexp over s with label c of alpha + beta + nll - lp), times gscale[n]."""
    T, N, C = lp.shape
    for n in range(N):
        tl = in_lens[n]
        L = 2 * tgt_lens[n] + 1
        for t in range(T):
            for c in range(C):
                grad[t, n, c] = 0.0
        if tl == 0 or nll[n] == np.inf or gscale[n] == 0.0:
            continue
        for t in range(beta.shape[1]):
            for s in range(beta.shape[2]):
                beta[n, t, s] = -np.inf
        beta[n, tl - 1, L - 1] = lp[tl - 1, n, blank]
        if L > 1:
            beta[n, tl - 1, L - 2] = lp[tl - 1, n, _ext_label(targets, n, L - 2, blank)]
        for t in range(tl - 2, -1, -1):
            for s in range(L):
                c = _ext_label(targets, n, s, blank)
                b = beta[n, t + 1, s]
                if s + 1 < L:
                    b = _lse2(b, beta[n, t + 1, s + 1])
                if s + 2 < L and c != blank and c != _ext_label(targets, n, s + 2, blank):
                    b = _lse2(b, beta[n, t + 1, s + 2])
                beta[n, t, s] = b + lp[t, n, c] if b != -np.inf else -np.inf
        acc = np.empty(C)
        for t in range(tl):
            for c in range(C):
                acc[c] = -np.inf
            for s in range(L):
                c = _ext_label(targets, n, s, blank)
                acc[c] = _lse2(acc[c], alpha[n, t, s] + beta[n, t, s])
            for c in range(C):
                grad[t, n, c] = (np.exp(lp[t, n, c]) - np.exp(acc[c] + nll[n] - lp[t, n, c])) * gscale[n]


def ctc_loss_forward(lp, targets, in_lens, tgt_lens, blank):
    """Host arrays in, (nll (N,), alpha) out."""
    T, N, _ = lp.shape
    S = targets.shape[1]
    nll = np.empty(N)
    alpha = np.empty((N, T, 2 * S + 1))
    ctc_forward(lp, targets, in_lens, tgt_lens, np.int64(blank), nll, alpha)
    return nll, alpha


def ctc_loss_backward(lp, targets, in_lens, tgt_lens, blank, nll, alpha, gscale):
    grad = np.empty(lp.shape)
    beta = np.empty(alpha.shape)
    ctc_backward(lp, targets, in_lens, tgt_lens, np.int64(blank), nll, alpha, beta, gscale, grad)
    return grad
