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

from ..._shape import numel

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
def _forward_row(x, rmax, target, weight, ignore_index, smoothing, nll, smooth, lse, row_weight, n):
    C = x.shape[1]
    t = target[n]
    l = _row_lse(x, n, rmax[n])
    lse[n] = l
    if t == ignore_index:
        nll[n] = 0.0
        smooth[n] = 0.0
        row_weight[n] = 0.0
        return
    w = weight[t]
    row_weight[n] = w
    nll[n] = w * (l - x[n, t])
    if smoothing:
        # -sum_c w_c log p_c: the part of the loss label smoothing spreads over the classes
        acc = 0.0
        for c in range(C):
            acc += weight[c] * (l - x[n, c])
        smooth[n] = acc


@njit(**_opts)
def ce_forward(x, rmax, target, weight, ignore_index, smoothing, nll, smooth, lse, row_weight):
    for n in range(x.shape[0]):
        _forward_row(x, rmax, target, weight, ignore_index, smoothing, nll, smooth, lse, row_weight, n)


@njit(parallel=True, **_opts)
def ce_forward_parallel(x, rmax, target, weight, ignore_index, smoothing, nll, smooth, lse, row_weight):
    for n in prange(x.shape[0]):
        _forward_row(x, rmax, target, weight, ignore_index, smoothing, nll, smooth, lse, row_weight, n)


@njit(**_opts)
def _backward_row(x, target, weight, ignore_index, lse, scale_nll, scale_smooth, grad, n):
    """scale_nll[n] * d nll_n / dx[n] + scale_smooth[n] * d smooth_n / dx[n], where
    d nll_n / dx_c = w_t (p_c - [c == t]) and d smooth_n / dx_c = sum(w) p_c - w_c."""
    C = x.shape[1]
    t = target[n]
    if t == ignore_index:
        for c in range(C):
            grad[n, c] = 0.0
        return
    l = lse[n]
    a = scale_nll[n] * weight[t]
    b = scale_smooth[n]
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
def ce_backward(x, target, weight, ignore_index, lse, scale_nll, scale_smooth, grad):
    for n in range(x.shape[0]):
        _backward_row(x, target, weight, ignore_index, lse, scale_nll, scale_smooth, grad, n)


@njit(parallel=True, **_opts)
def ce_backward_parallel(x, target, weight, ignore_index, lse, scale_nll, scale_smooth, grad):
    for n in prange(x.shape[0]):
        _backward_row(x, target, weight, ignore_index, lse, scale_nll, scale_smooth, grad, n)


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

def _rows(t):
    """A 2-D numpy view of a contiguous (N, C) tensor."""
    return t._storage.data[t._offset:t._offset + numel(t._shape)].reshape(t._shape)


def _vec(t):
    return t._storage.data[t._offset:t._offset + numel(t._shape)]


class CrossEntropyState:
    """What backward needs from forward: per-row logsumexp and the scales of the reduction."""
    __slots__ = ("lse", "row_weight", "nll_div", "smooth_div", "smoothing", "weight", "reduction")


def cross_entropy_forward(x, target, weight, ignore_index, smoothing, reduction, out):
    """x (N, C) float32/float64 and target (N,) int64, both contiguous; weight a float64 numpy array
    (C,) (ones when the caller has none); out a contiguous tensor of x's dtype, (N,) for reduction
    'none', else 0-d. Returns the state cross_entropy_backward takes."""
    xv = _rows(x)
    n, c = xv.shape
    nll, smooth, lse, row_weight = (np.empty(n, np.float64) for _ in range(4))
    kernel = ce_forward_parallel if xv.size >= PARALLEL_MIN else ce_forward
    # NumPy's row maximum is SIMD (NaN propagating); the same loop in numba did not vectorise
    rmax = xv.max(axis=1).astype(np.float64) if c else np.full(n, -np.inf)
    kernel(xv, rmax, _vec(target), weight, np.int64(ignore_index), bool(smoothing), nll, smooth, lse, row_weight)
    st = CrossEntropyState()
    st.lse, st.row_weight, st.weight, st.smoothing, st.reduction = lse, row_weight, weight, smoothing, reduction
    keep = 1.0 - smoothing
    spread = smoothing / c if c else 0.0
    ov = _vec(out)
    if reduction == "none":
        st.nll_div = st.smooth_div = 1.0
        ov[:] = keep * nll + spread * smooth if smoothing else nll
        return st
    if reduction == "sum":
        st.nll_div = st.smooth_div = 1.0
    else:
        # mean: both terms divide by the weighted count of the rows not ignored
        st.nll_div = st.smooth_div = float(row_weight.sum())
    with np.errstate(invalid="ignore", divide="ignore"):
        value = keep * (nll.sum() / np.float64(st.nll_div))
        if smoothing:
            value += spread * (smooth.sum() / np.float64(st.smooth_div))
    ov[0] = value
    return st


def cross_entropy_backward(state, x, target, ignore_index, g, grad):
    """grad (N, C) = d loss / dx times the upstream g ((N,) for reduction 'none', else 0-d)."""
    xv = _rows(x)
    n, c = xv.shape
    gv = _vec(g).astype(np.float64)
    if state.reduction != "none":
        gv = np.full(n, gv[0])
    with np.errstate(invalid="ignore", divide="ignore"):
        scale_nll = gv * ((1.0 - state.smoothing) / state.nll_div)
        scale_smooth = gv * ((state.smoothing / c) / state.smooth_div) if state.smoothing else np.zeros(n)
    kernel = ce_backward_parallel if xv.size >= PARALLEL_MIN else ce_backward
    kernel(xv, _vec(target), state.weight, np.int64(ignore_index), state.lse, scale_nll, scale_smooth, _rows(grad))


def first_bad_target(target, n_classes, ignore_index):
    bad = check_targets(_vec(target), np.int64(n_classes), np.int64(ignore_index))
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
