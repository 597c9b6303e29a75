"""Fused softmax + cross-entropy over the rows of an (N, C) array of logits with integer targets.

Forward keeps one number per row (logsumexp) so that backward recomputes softmax in the same pass
that writes the gradient; the (N, C) probabilities are never stored. Class weights arrive as a
float64 array (ones when the caller has none); an ignored row contributes nothing and has weight 0.
Rows run in parallel only above PARALLEL_MIN elements: on this 2-core machine, shared, a parallel launch
at 256x1000 took 50 ms against 1.7 ms serial (the pool's threads wait for busy cores).
"""
import numpy as np
from numba import njit, prange

from ..._shape import numel

# reassociation lets the row loops vectorise (exp included); NaN/inf semantics stay (no nnan/ninf)
_opts = dict(cache=True, nogil=True, error_model="numpy", fastmath={"reassoc", "contract"})
PARALLEL_MIN = 1 << 22


@njit(**_opts)
def _row_lse(x, n):
    """logsumexp of row n (NaN propagates, an all -inf row gives -inf)."""
    C = x.shape[1]
    m = -np.inf
    for c in range(C):
        v = x[n, c]
        if v > m or v != v:
            m = v
    if m != m or np.isinf(m):
        return m
    s = 0.0
    for c in range(C):
        s += np.exp(x[n, c] - m)
    return m + np.log(s)


@njit(**_opts)
def _forward_row(x, target, weight, ignore_index, smoothing, nll, smooth, lse, row_weight, n):
    C = x.shape[1]
    t = target[n]
    l = _row_lse(x, n)
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
def ce_forward(x, target, weight, ignore_index, smoothing, nll, smooth, lse, row_weight):
    for n in range(x.shape[0]):
        _forward_row(x, target, weight, ignore_index, smoothing, nll, smooth, lse, row_weight, n)


@njit(parallel=True, **_opts)
def ce_forward_parallel(x, target, weight, ignore_index, smoothing, nll, smooth, lse, row_weight):
    for n in prange(x.shape[0]):
        _forward_row(x, target, weight, ignore_index, smoothing, nll, smooth, lse, row_weight, n)


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
            grad[n, c] = coef * np.exp(x[n, c] - l) - b * weight[c]
    else:
        for c in range(C):
            grad[n, c] = a * np.exp(x[n, c] - l)
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
    kernel(xv, _vec(target), weight, np.int64(ignore_index), bool(smoothing), nll, smooth, lse, row_weight)
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
