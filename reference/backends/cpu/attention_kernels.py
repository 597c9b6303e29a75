"""Attention's masked softmax over the last axis of (A, B, L, S) scores, forward and backward.

Forward: out[a, b, l, :] = softmax(scale * x[a, b, l, :] + mask[a, b, l, :]), where the additive
mask arrives already broadcast to the scores' shape (a stride-0 view, never materialised), and
`causal` masks the keys s > l (top-left aligned, as scaled_dot_product_attention documents). A row
whose every key is masked gives zeros (torch's CPU attention does the same), not NaN.
Backward: d logits = y * (g - sum(g * y)) (the additive mask's gradient, when it needs one) and
d scores = scale * d logits.
Scores and outputs arrive as contiguous (rows, S) arrays, row r being (a, b, l) in row-major order;
each row sums in float64. exp is loss_kernels' vectorisable one (a libm call per element made the
forward 20x slower than the matmuls around it).
"""
import numpy as np
from numba import njit

from .loss_kernels import _exp_nonpositive

# reassociation lets the row loops vectorise; NaN/inf semantics stay (no nnan/ninf)
_opts = dict(cache=True, nogil=True, error_model="numpy", fastmath={"reassoc", "contract"})


@njit(**_opts)
def masked_softmax(x, mask, has_mask, B, L, causal, scale, out):
    """x, out (A * B * L, S) contiguous; mask (A, B, L, S) read through its strides."""
    S = x.shape[1]
    row = np.empty(S, np.float64)
    for r in range(x.shape[0]):
        l = r % L
        top = min(S, l + 1) if causal else S
        if has_mask:
            mrow = mask[r // (B * L), (r // L) % B, l]
            for s in range(top):
                row[s] = scale * np.float64(x[r, s]) + mrow[s]
        else:
            for s in range(top):
                row[s] = scale * np.float64(x[r, s])
        m = -np.inf
        nan = False
        for s in range(top):
            v = row[s]
            nan |= v != v
            m = max(m, v)
        if nan:
            m = np.nan
        if m == -np.inf:
            for s in range(S):
                out[r, s] = 0.0
            continue
        total = 0.0
        for s in range(top):
            e = _exp_nonpositive(row[s] - m)
            row[s] = e
            total += e
        inv = 1.0 / total
        for s in range(top):
            out[r, s] = row[s] * inv
        for s in range(top, S):
            out[r, s] = 0.0


@njit(**_opts)
def masked_softmax_backward(y, g, scale, gz, gx):
    """y, g, gz, gx (rows, S) contiguous; gz may be gx itself when the mask needs no gradient."""
    for r in range(y.shape[0]):
        dot = 0.0
        for s in range(y.shape[1]):
            dot += np.float64(g[r, s]) * y[r, s]
        for s in range(y.shape[1]):
            d = y[r, s] * (g[r, s] - dot)
            gz[r, s] = d
            gx[r, s] = scale * d
