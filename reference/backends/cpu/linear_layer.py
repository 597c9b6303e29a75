"""The fused linear layer on the CPU: y = x W^T + b and its three gradients, each a BLAS product and a
row or column pass in one numba call (the op-level path paid for a tensor, a dispatch and a view per
product and a reduction for the bias: 60-80 us of a small layer's 75-90 us).

Operands are contiguous 2-D tensors of one float dtype (float32 or float64) the op layer checked, with
no zero-sized dimension; outputs are fresh contiguous tensors it allocated, viewed without Tensor._np's
cached view (dense_views.py) so that a gradient can become a leaf's .grad without a copy.
"""
import numpy as np
from numba import njit

from .dense_views import shaped
from .gemm import gemm, splits

_opts = dict(cache=True, nogil=True)


@njit(**_opts)
def _add_rows(out, b):
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] += b[j]


@njit(**_opts)
def _column_sums(g, out):
    """out[j] = sum_i g[i, j], accumulated in float64 (below one float32 rounding for n < 2^29)."""
    acc = np.zeros(g.shape[1], np.float64)
    for i in range(g.shape[0]):
        for j in range(g.shape[1]):
            acc[j] += g[i, j]
    for j in range(g.shape[1]):
        out[j] = acc[j]


@njit(**_opts)
def _forward(x, w, b, out, has_bias):
    np.dot(x, w.T, out)
    if has_bias:
        _add_rows(out, b)


@njit(**_opts)
def _backward(g, x, w, gx, gw, gb, want_x, want_w, want_b):
    if want_x:
        np.dot(g, w, gx)
    if want_w:
        np.dot(g.T, x, gw)
    if want_b:
        _column_sums(g, gb)


_NONE = {}


def _none(dtype, ndim):
    """A placeholder for an absent operand (numba types every argument)."""
    key = (dtype, ndim)
    a = _NONE.get(key)
    if a is None:
        a = _NONE[key] = np.zeros((1,) * ndim, dtype)
    return a


def linear_forward(x, w, bias, out):
    """out (N, O) = x (N, I) @ w (O, I)^T, plus bias (O,) unless it is None."""
    xv, wv, ov = x._np(), w._np(), shaped(out)
    n, i = xv.shape
    if splits(n * i * wv.shape[0]):
        gemm(xv[None], wv[None], ov[None], False, True)
        if bias is not None:
            _add_rows(ov, bias._np())
        return
    _forward(xv, wv, bias._np() if bias is not None else _none(xv.dtype, 1), ov, bias is not None)


def linear_backward(g, x, w, gx, gw, gb):
    """gx (N, I) = g @ w, gw (O, I) = g^T @ x, gb (O,) = g summed over rows, for g (N, O); an output
    that is None is not computed."""
    gv, xv, wv = g._np(), x._np(), w._np()
    n, o = gv.shape
    if splits(n * o * xv.shape[1]):
        if gx is not None:
            gemm(gv[None], wv[None], shaped(gx)[None], False, False)
        if gw is not None:
            gemm(gv[None], xv[None], shaped(gw)[None], True, False)
        if gb is not None:
            _column_sums(gv, shaped(gb))
        return
    _backward(gv, xv, wv, _out(gx, 2, gv.dtype), _out(gw, 2, gv.dtype), _out(gb, 1, gv.dtype),
              gx is not None, gw is not None, gb is not None)


def _out(t, ndim, dtype):
    return shaped(t) if t is not None else _none(dtype, ndim)
