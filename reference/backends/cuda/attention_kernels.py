"""Attention's masked softmax on the device (the twin of backends/cpu/attention*.py, same signatures).

One thread owns one row (a, b, l) of the (A, B, L, S) scores: it takes the row's maximum and its sum of
exponentials in float64, then writes softmax(scale * x + mask) (keys after l left out when causal, a row
with every key masked written as zeros), so no two threads write one place. The additive mask is read
through its strides (a broadcast view has stride 0). Backward: one thread per row as well.
"""
import numpy as np
from numba import cuda

from . import device_math as dm
from ._launch import grid
from .memory import device_data, operand, optional_operand, output

_NEG_INF = -np.inf


@cuda.jit
def _masked_softmax(X, xo, R, S, B, L, M, mo, m0, m1, m2, m3, has_mask, causal, scale, Y, yo):
    for r in range(cuda.grid(1), R, cuda.gridsize(1)):
        l = r % L
        mb = mo + (r // (B * L)) * m0 + ((r // L) % B) * m1 + l * m2
        top = min(S, l + 1) if causal else S
        mx = dm.acc64(_NEG_INF)
        nan = False
        for s in range(top):
            v = scale * dm.acc64(X[xo + r * S + s]) + (M[mb + s * m3] if has_mask else 0.0)
            if v != v:
                nan = True
            elif v > mx:
                mx = v
        if nan:
            mx = dm.acc64(np.nan)
        if mx == _NEG_INF:
            for s in range(S):
                Y[yo + r * S + s] = 0.0
            continue
        total = dm.acc64(0.0)
        for s in range(top):
            total += dm.exp(scale * dm.acc64(X[xo + r * S + s]) + (M[mb + s * m3] if has_mask else 0.0) - mx)
        for s in range(top):
            Y[yo + r * S + s] = dm.exp(scale * dm.acc64(X[xo + r * S + s]) + (M[mb + s * m3] if has_mask else 0.0)
                                       - mx) / total
        for s in range(top, S):
            Y[yo + r * S + s] = 0.0


@cuda.jit
def _masked_softmax_backward(Yv, yo, G, go, R, S, scale, GZ, gzo, GX, gxo):
    for r in range(cuda.grid(1), R, cuda.gridsize(1)):
        dot = dm.acc64(0.0)
        for s in range(S):
            dot += dm.acc64(G[go + r * S + s]) * Yv[yo + r * S + s]
        for s in range(S):
            d = Yv[yo + r * S + s] * (G[go + r * S + s] - dot)
            GZ[gzo + r * S + s] = d
            GX[gxo + r * S + s] = scale * d


def masked_softmax(x, mask, causal, scale, out):
    """x, out contiguous (A, B, L, S); mask (or None) a view broadcast to that shape."""
    _, b, l, s = x._shape
    rows = x.numel() // s if s else 0
    if mask is None:
        md, mo, _ = optional_operand(None)
        st = (0, 0, 0, 0)
    else:
        md, mo, st = device_data(mask), mask._offset, tuple(mask._stride)
    _masked_softmax[grid(rows)](*operand(x), rows, s, b, l, md, mo, *st, mask is not None, bool(causal),
                                float(scale), *output(out))


def masked_softmax_backward(y, g, scale, gz, gx):
    s = y._shape[-1]
    rows = y.numel() // s if s else 0
    _masked_softmax_backward[grid(rows)](*operand(y), *operand(g), rows, s, float(scale), *output(gz),
                                         *output(gx))
