"""CPU backend entry points of attention's fused masked softmax (kernels in attention_kernels.py).

Scores and outputs are contiguous (A, B, L, S) tensors the op layer allocated; the additive float
mask (or None) is any view broadcast to that shape, read through its strides (stride 0 included).
"""
import numpy as np

from . import attention_kernels as _ak


def masked_softmax(x, mask, causal, scale, out):
    xv = x._np()
    mv = mask._np() if mask is not None else np.zeros((1, 1, 1, 1), xv.dtype)
    _ak.masked_softmax(xv, mv, mask is not None, bool(causal), float(scale), out._np())


def masked_softmax_backward(y, g, scale, gz, gx):
    """gz (the logits' gradient, for a mask that needs one) and gx (the scores') are written."""
    _ak.masked_softmax_backward(y._np(), g._np(), float(scale), gz._np(), gx._np())
