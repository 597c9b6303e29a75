"""CUDA entry points of the loss kernels, with the signatures of reference/backends/cpu/loss_kernels.py:
softmax + cross-entropy on device tensors, and CTC on the host arrays its op passes (copied to the
device, recursed there, copied back)."""
import numpy as np
from numba import cuda

from ..._shape import numel
from . import loss_kernels as _lk
from ._launch import grid


class CrossEntropyState:
    """What backward needs from forward, all on the device: per-row logsumexp and the reduction's divisor."""
    __slots__ = ("lse", "div", "smoothing", "weight", "reduction")


def cross_entropy_forward(x, target, weight, ignore_index, smoothing, reduction, out):
    """x (N, C) and target (N,) contiguous; weight a float64 host array (C,); out (N,) for reduction
    'none', else 0-d. Returns the state cross_entropy_backward takes."""
    n, c = x._shape
    w = cuda.to_device(np.ascontiguousarray(weight, np.float64))
    nll, smooth, lse, row_weight = (cuda.device_array(max(n, 1), np.float64) for _ in range(4))
    if n:
        _lk.ce_rows[grid(n)](x._storage.data, x._offset, n, c, target._storage.data, target._offset, w,
                             np.int64(ignore_index), bool(smoothing), nll, smooth, lse, row_weight)
    keep = 1.0 - smoothing
    spread = smoothing / c if c else 0.0
    st = CrossEntropyState()
    st.lse, st.weight, st.smoothing, st.reduction = lse, w, smoothing, reduction
    st.div = cuda.to_device(np.ones(1))
    if reduction == "none":
        if n:
            _lk.ce_none[grid(n)](nll, smooth, n, keep, spread, bool(smoothing), out._storage.data, out._offset)
    else:
        _lk.ce_reduce[1, 1](nll, smooth, row_weight, n, keep, spread, bool(smoothing), reduction == "mean",
                            st.div, out._storage.data, out._offset)
    st.smoothing = (keep, spread, bool(smoothing))
    return st


def cross_entropy_backward(state, x, target, ignore_index, g, grad):
    """grad (N, C) = d loss / dx times the upstream g ((N,) for reduction 'none', else 0-d)."""
    n, c = x._shape
    keep, spread, smoothing = state.smoothing
    if n:
        _lk.ce_backward[grid(n)](x._storage.data, x._offset, n, c, target._storage.data, target._offset,
                                 state.weight, np.int64(ignore_index), state.lse, g._storage.data, g._offset,
                                 state.reduction == "none", keep, spread, smoothing, state.div,
                                 grad._storage.data, grad._offset)


def first_bad_target(target, n_classes, ignore_index):
    n = numel(target._shape)
    first = cuda.to_device(np.array([n], np.int64))
    _lk.first_bad_target[grid(n)](target._storage.data, target._offset, n, np.int64(n_classes),
                                  np.int64(ignore_index), first)
    pos = int(first.copy_to_host()[0])
    return None if pos == n else int(target._storage.data[target._offset + pos])


def ctc_loss_forward(lp, targets, in_lens, tgt_lens, blank):
    """Host arrays in (the op's interface), (nll (N,), alpha) host arrays out."""
    T, N, _ = lp.shape
    S = targets.shape[1]
    nll = cuda.device_array(N, np.float64)
    alpha = cuda.device_array((N, T, 2 * S + 1), np.float64)
    _lk.ctc_forward[grid(N)](cuda.to_device(lp), cuda.to_device(targets), cuda.to_device(in_lens),
                             cuda.to_device(tgt_lens), np.int64(blank), nll, alpha)
    return nll.copy_to_host(), alpha.copy_to_host()


def ctc_loss_backward(lp, targets, in_lens, tgt_lens, blank, nll, alpha, gscale):
    T, N, C = lp.shape
    grad = cuda.device_array(lp.shape, np.float64)
    beta = cuda.device_array(alpha.shape, np.float64)
    acc = cuda.device_array((N, C), np.float64)
    _lk.ctc_backward[grid(N)](cuda.to_device(lp), cuda.to_device(targets), cuda.to_device(in_lens),
                              cuda.to_device(tgt_lens), np.int64(blank), cuda.to_device(nll),
                              cuda.to_device(alpha), beta, acc, cuda.to_device(np.ascontiguousarray(gscale)), grad)
    return grad.copy_to_host()
