"""Attention's masked softmax over the last axis of (A, B, L, S) scores, forward and backward.

Forward: out[a, b, l, :] = softmax(scale * x[a, b, l, :] + mask[a, b, l, :]), where the additive
mask arrives already broadcast to the scores' shape (a stride-0 view, never materialised), and
`causal` masks the keys s > l (top-left aligned, as scaled_dot_product_attention documents). A row
whose every key is masked gives zeros (torch's CPU attention does the same), not NaN.
Backward: d scores = scale * y * (g - sum(g * y)), the gradient of the pre-softmax logits being
y * (g - sum(g * y)) (the additive mask's gradient, when it needs one).
Each row sums in float64, whatever the dtype of the scores.
"""
import numpy as np
from numba import njit

_opts = dict(cache=True, nogil=True, error_model="numpy")


@njit(**_opts)
def masked_softmax(x, mask, has_mask, causal, scale, out):
    A, B, L, S = x.shape
    row = np.empty(S, np.float64)
    for a in range(A):
        for b in range(B):
            for l in range(L):
                top = S if not causal else min(S, l + 1)
                m = -np.inf
                for s in range(top):
                    v = scale * np.float64(x[a, b, l, s])
                    if has_mask:
                        v += mask[a, b, l, s]
                    row[s] = v
                    if v > m or v != v:
                        m = v
                if m == -np.inf:
                    for s in range(S):
                        out[a, b, l, s] = 0.0
                    continue
                total = 0.0
                for s in range(top):
                    e = np.exp(row[s] - m)
                    row[s] = e
                    total += e
                inv = 1.0 / total
                for s in range(top):
                    out[a, b, l, s] = row[s] * inv
                for s in range(top, S):
                    out[a, b, l, s] = 0.0


@njit(**_opts)
def masked_softmax_backward(y, g, scale, gz, gx):
    """gz: the gradient of the masked logits (scale * x + mask); gx = scale * gz."""
    A, B, L, S = y.shape
    for a in range(A):
        for b in range(B):
            for l in range(L):
                dot = 0.0
                for s in range(S):
                    dot += np.float64(g[a, b, l, s]) * y[a, b, l, s]
                for s in range(S):
                    d = y[a, b, l, s] * (g[a, b, l, s] - dot)
                    gz[a, b, l, s] = d
                    gx[a, b, l, s] = scale * d
