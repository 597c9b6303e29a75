"""Fused softmax + cross-entropy over the rows of a contiguous (N, C) array of logits, and CTC.

Cross-entropy: one thread per row computes that row's logsumexp, weighted NLL and label-smoothing
term; one thread then folds the rows into the reduction (its divisor, the weighted count of rows not
ignored, stays on the device for the backward). Backward recomputes softmax from the saved
logsumexp while writing each row's gradient. Class weights are float64 (ones when none).
CTC: the alpha/beta recursions in log space, one thread per batch element.
"""
import math

from numba import cuda

from . import device_math as dm


@cuda.jit(device=True)
def _ieee_div(a, b):
    """a / b with IEEE results for b == 0 (the simulator's Python floats would raise)."""
    if b != 0.0:
        return a / b
    if a != a or a == 0.0:
        return math.nan
    return math.inf if a > 0 else -math.inf


@cuda.jit(device=True)
def _row_lse(X, base, C):
    m = dm.acc64(-math.inf)
    for c in range(C):
        v = X[base + c]
        if v > m or v != v:
            m = dm.acc64(v)
    if m != m or m == -math.inf:
        return m
    if m == math.inf:
        return m - m
    s = dm.acc64(0.0)
    for c in range(C):
        s += dm.exp(X[base + c] - m)
    return m + dm.log(s)


@cuda.jit
def ce_rows(X, xo, N, C, T, to, Wt, ignore_index, smoothing, nll, smooth, lse, row_weight):
    for n in range(cuda.grid(1), N, cuda.gridsize(1)):
        base = xo + n * C
        t = T[to + n]
        l = _row_lse(X, base, C)
        lse[n] = l
        if t == ignore_index:
            nll[n] = 0.0
            smooth[n] = 0.0
            row_weight[n] = 0.0
            continue
        w = Wt[t]
        row_weight[n] = w
        nll[n] = w * (l - X[base + t])
        acc = dm.acc64(0.0)
        if smoothing:
            # -sum_c w_c log p_c: the part of the loss label smoothing spreads over the classes
            for c in range(C):
                acc += Wt[c] * (l - X[base + c])
        smooth[n] = acc


@cuda.jit
def ce_none(nll, smooth, N, keep, spread, smoothing, out, oo):
    for n in range(cuda.grid(1), N, cuda.gridsize(1)):
        out[oo + n] = keep * nll[n] + spread * smooth[n] if smoothing else nll[n]


@cuda.jit
def ce_reduce(nll, smooth, row_weight, N, keep, spread, smoothing, mean, div, out, oo):
    """One thread: the sum (or the mean over the weighted count, saved in div[0]) of the rows."""
    if cuda.grid(1) != 0:
        return
    sn = dm.acc64(0.0)
    ss = dm.acc64(0.0)
    sw = dm.acc64(0.0)
    for n in range(N):
        sn += nll[n]
        ss += smooth[n]
        sw += row_weight[n]
    d = sw if mean else 1.0
    div[0] = d
    value = keep * _ieee_div(sn, d)
    if smoothing:
        value += spread * _ieee_div(ss, d)
    out[oo] = value


@cuda.jit
def ce_backward(X, xo, N, C, T, to, Wt, ignore_index, lse, G, go, per_row, keep, spread, smoothing, div,
                GX, gxo):
    """GX[n, c] = g_n * (keep/div * w_t (p_c - [c == t]) + spread/div * (sum(w) p_c - w_c))."""
    for n in range(cuda.grid(1), N, cuda.gridsize(1)):
        base = n * C
        t = T[to + n]
        if t == ignore_index:
            for c in range(C):
                GX[gxo + base + c] = 0.0
            continue
        gv = G[go + n] if per_row else G[go]
        d = div[0]
        a = gv * _ieee_div(keep, d) * Wt[t]
        b = gv * _ieee_div(spread, d) if smoothing else 0.0
        l = lse[n]
        wsum = dm.acc64(0.0)
        if b != 0.0:
            for c in range(C):
                wsum += Wt[c]
        for c in range(C):
            p = dm.exp(X[xo + base + c] - l)
            GX[gxo + base + c] = (a + b * wsum) * p - (b * Wt[c] if b != 0.0 else 0.0)
        GX[gxo + base + t] -= a


@cuda.jit
def first_bad_target(T, to, n, n_classes, ignore_index, first):
    """first[0] = the smallest position of a target outside [0, n_classes) that is not ignored."""
    for i in range(cuda.grid(1), n, cuda.gridsize(1)):
        t = T[to + i]
        if t != ignore_index and (t < 0 or t >= n_classes):
            cuda.atomic.min(first, 0, i)


@cuda.jit(device=True)
def _lse2(a, b):
    if a == -math.inf:
        return b
    if b == -math.inf:
        return a
    m = max(a, b)
    return m + dm.log(dm.exp(a - m) + dm.exp(b - m))


@cuda.jit(device=True)
def _ext_label(targets, n, s, blank):
    return blank if s % 2 == 0 else targets[n, s // 2]


@cuda.jit
def ctc_forward(lp, targets, in_lens, tgt_lens, blank, nll, alpha):
    """lp (T, N, C) float64 log-probabilities; targets (N, S) int64; alpha (N, T, 2S+1); nll (N,)."""
    N = lp.shape[1]
    for n in range(cuda.grid(1), N, cuda.gridsize(1)):
        tl = in_lens[n]
        L = 2 * tgt_lens[n] + 1
        for t in range(alpha.shape[1]):
            for s in range(alpha.shape[2]):
                alpha[n, t, s] = -math.inf
        if tl == 0:
            nll[n] = 0.0 if tgt_lens[n] == 0 else math.inf
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
                alpha[n, t, s] = a + lp[t, n, c] if a != -math.inf else -math.inf
        end = alpha[n, tl - 1, L - 1]
        if L > 1:
            end = _lse2(end, alpha[n, tl - 1, L - 2])
        nll[n] = -end


@cuda.jit
def ctc_backward(lp, targets, in_lens, tgt_lens, blank, nll, alpha, beta, acc, gscale, grad):
    """grad (T, N, C) of nll_n * gscale[n] w.r.t. lp; acc (N, C) scratch."""
    T = lp.shape[0]
    N = lp.shape[1]
    C = lp.shape[2]
    for n in range(cuda.grid(1), N, cuda.gridsize(1)):
        tl = in_lens[n]
        L = 2 * tgt_lens[n] + 1
        for t in range(T):
            for c in range(C):
                grad[t, n, c] = 0.0
        if tl == 0 or nll[n] == math.inf or gscale[n] == 0.0:
            continue
        for t in range(beta.shape[1]):
            for s in range(beta.shape[2]):
                beta[n, t, s] = -math.inf
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
                beta[n, t, s] = b + lp[t, n, c] if b != -math.inf else -math.inf
        for t in range(tl):
            for c in range(C):
                acc[n, c] = -math.inf
            for s in range(L):
                c = _ext_label(targets, n, s, blank)
                acc[n, c] = _lse2(acc[n, c], alpha[n, t, s] + beta[n, t, s])
            for c in range(C):
                grad[t, n, c] = (dm.exp(lp[t, n, c]) - dm.exp(acc[n, c] + nll[n] - lp[t, n, c])) * gscale[n]
