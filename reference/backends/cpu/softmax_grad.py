"""Softmax and log_softmax backward in one pass per row: the fused kernel "softmax_backward" (its
kernels sit with the forward's in reduce_kernels.py)."""
from math import prod

from . import reduce_kernels as _rk


def _ori(t, dim):
    shape = tuple(t._shape) or (1,)
    return t._np().reshape(prod(shape[:dim]), shape[dim], prod(shape[dim + 1:]))


def softmax_backward(y, g, gx, dim, log):
    """gx = the gradient through softmax (log=False) or log_softmax (log=True) along dim, from its
    result y and the incoming g; y, g and gx contiguous, of one shape and float dtype."""
    if gx.numel():
        _rk.softmax_backward_ori(_ori(y, dim), _ori(g, dim), _ori(gx, dim), log)
