"""CPU backend entry points of attention's fused masked softmax (kernels in attention_kernels.py).

Scores and outputs are contiguous (A, B, L, S) tensors the op layer allocated; the additive float
mask (or None) is any view broadcast to that shape, read through its strides (stride 0 included).
"""
import numpy as np

from . import attention_kernels as _ak

_NO_MASK = {}


def _rows(t):
    v = t._np()
    return v.reshape(-1, v.shape[-1])


def masked_softmax(x, mask, causal, scale, out):
    _, b, l, _ = x._shape
    if mask is None:
        dt = x.dtype.np
        mv = _NO_MASK.get(dt)
        if mv is None:
            mv = _NO_MASK[dt] = np.zeros((1, 1, 1, 1), dt)
    else:
        mv = mask._np()
    _ak.masked_softmax(_rows(x), mv, mask is not None, b, l, bool(causal), float(scale), _rows(out))


def masked_softmax_backward(y, g, scale, gz, gx):
    """gz (the logits' gradient, for a mask that needs one) and gx (the scores') are written."""
    _ak.masked_softmax_backward(_rows(y), _rows(g), float(scale), _rows(gz), _rows(gx))
