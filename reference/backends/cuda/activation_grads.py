"""Activation gradients on the device (the twin of backends/cpu/activation_grads.py, same signature):
one thread per element."""
from numba import cuda

from ..._shape import numel
from ._launch import grid
from .memory import output


@cuda.jit
def _threshold_backward(Y, yo, G, go, threshold, n, O, oo):
    for k in range(cuda.grid(1), n, cuda.gridsize(1)):
        O[oo + k] = G[go + k] if Y[yo + k] > threshold else 0


def threshold_backward(y, g, threshold, out):
    n = numel(out._shape)
    if n:
        _threshold_backward[grid(n)](y._storage.data, y._offset, g._storage.data, g._offset, threshold, n,
                                     *output(out))
