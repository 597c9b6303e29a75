"""Softmax and log_softmax backward on the device (the twin of backends/cpu/softmax_grad.py, same
signature): one thread per row (o, i) of the contiguous (O, R, I) tensors, its sum in float64."""
from math import prod

from numba import cuda

from . import device_math as dm
from ._launch import grid
from .memory import operand, output


@cuda.jit
def _softmax_backward(Y, yo, G, go, R, I, rows, log, GX, gxo):
    for row in range(cuda.grid(1), rows, cuda.gridsize(1)):
        o = row // I
        i = row % I
        base = o * R * I + i
        s = dm.acc64(0.0)
        for r in range(R):
            if log:
                s += G[go + base + r * I]
            else:
                s += dm.acc64(G[go + base + r * I]) * Y[yo + base + r * I]
        for r in range(R):
            k = base + r * I
            if log:
                GX[gxo + k] = G[go + k] - dm.exp(Y[yo + k]) * s
            else:
                GX[gxo + k] = Y[yo + k] * (G[go + k] - s)


def softmax_backward(y, g, gx, dim, log):
    shape = tuple(y._shape) or (1,)
    R, I = shape[dim], prod(shape[dim + 1:])
    rows = prod(shape[:dim]) * I
    if rows and R:
        _softmax_backward[grid(rows)](*operand(y), *operand(g), R, I, rows, bool(log), *output(gx))
