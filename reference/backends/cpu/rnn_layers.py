"""CPU backend entry points of the recurrent layers: one direction of one layer over a packed sequence.

Arguments are tensors the op layer made contiguous (x (N, I) packed rows, states (B, P) / (B, H),
weights in torch's layout) and outputs it allocated; `batch_sizes` is the host list of rows per step
and `weights` is (w_ih, w_hh, b_ih, b_hh, w_hr) with None for what the layer lacks. A forward
returns an opaque saved state (activated gates, previous states) its backward takes back; the
backward writes the requested gradients into the tensors of `grads` (gx, gh0, gc0, gw_ih, gw_hh,
gb_ih, gb_hh, gw_hr; None where not needed).
"""
import numpy as np

from . import rnn_kernels as _rk


def _a(t):
    return np.ascontiguousarray(t._np())


def _steps(batch_sizes):
    return np.asarray(batch_sizes, dtype=np.int64)


def _scratch(rows, width):
    """The fused steps' exp buffers: float64 values and int64 exponent bits."""
    return np.empty(max(rows * width, 1), np.float64), np.empty(max(rows * width, 1), np.int64)


def _bias_terms(b_ih, b_hh, dtype):
    present = [_a(b) for b in (b_ih, b_hh) if b is not None]
    dummy = np.zeros(1, dtype)
    return (present + [dummy, dummy])[:2] + [len(present)]


def _zeros_like_state(t, rows, cols, dtype):
    return _a(t).copy() if t is not None else np.zeros((rows, cols), dtype)


def _write(t, value):
    if t is not None:
        t._np()[...] = value


def _shared_grads(saved_x, saved_hprev, dgates, w_ih, grads):
    """Input and weight gradients from the per-row gate gradients, when some are requested."""
    gx, _, _, gw_ih, gw_hh, gb_ih, gb_hh, _ = grads
    dt = dgates.dtype
    gxv = gx._np() if gx is not None else np.empty((dgates.shape[0], saved_x.shape[1]), dt)
    gwi = np.empty((dgates.shape[1], saved_x.shape[1]), dt)
    gwh = np.empty((dgates.shape[1], saved_hprev.shape[1]), dt)
    gb = np.empty(dgates.shape[1], dt)
    _rk.weight_grads(dgates, saved_x, saved_hprev, w_ih, gxv, gx is not None, gwi, gwh, gb)
    _write(gw_ih, gwi)
    _write(gw_hh, gwh)
    _write(gb_ih, gb)
    _write(gb_hh, gb)


# ---- Elman RNN (tanh or relu) ----

def rnn_forward(x, batch_sizes, reverse, h0, c0, weights, out, h_n, c_n, relu=False):
    w_ih, w_hh, b_ih, b_hh, _ = weights
    xv = _a(x)
    bs = _steps(batch_sizes)
    n, hs = xv.shape[0], w_hh._shape[0]
    gx = np.empty((n, hs), xv.dtype)
    _rk.input_projection(xv, _a(w_ih), *_bias_terms(b_ih, b_hh, xv.dtype), gx)
    h = _a(h0).copy()
    ov = out._np()
    hprev = np.empty((n, hs), xv.dtype)
    whh = _a(w_hh)
    _rk.rnn_sequence(gx, bs, bool(reverse), bool(relu), h, whh, ov, hprev, np.empty(h.shape, xv.dtype),
                     *_scratch(h.shape[0], hs))
    h_n._np()[...] = h
    return (xv, bs, bool(reverse), bool(relu), ov.copy(), hprev, _a(w_ih), whh)


def rnn_backward(saved, g_out, g_h, g_c, grads):
    xv, bs, reverse, relu, ov, hprev, w_ih, w_hh = saved
    dt = xv.dtype
    dh = _zeros_like_state(g_h, int(bs[0]) if bs.size else 0, w_hh.shape[0], dt)
    gout = _a(g_out) if g_out is not None else np.zeros(ov.shape, dt)
    dgates = np.empty(ov.shape, dt)
    _rk.rnn_sequence_backward(gout, bs, reverse, relu, dh, w_hh, ov, dgates)
    _write(grads[1], dh)
    _shared_grads(xv, hprev, dgates, w_ih, grads)


# ---- LSTM (with an optional projection of the hidden state) ----

def lstm_forward(x, batch_sizes, reverse, h0, c0, weights, out, h_n, c_n, relu=False):
    w_ih, w_hh, b_ih, b_hh, w_hr = weights
    xv = _a(x)
    dt = xv.dtype
    bs = _steps(batch_sizes)
    n = xv.shape[0]
    hs = w_hh._shape[1] if w_hr is None else w_hr._shape[1]
    p = w_hh._shape[1]
    gx = np.empty((n, 4 * hs), dt)
    _rk.input_projection(xv, _a(w_ih), *_bias_terms(b_ih, b_hh, dt), gx)
    h = _a(h0).copy()
    c = _a(c0).copy()
    whh = _a(w_hh)
    whr = _a(w_hr) if w_hr is not None else np.zeros((1, 1), dt)
    act = np.empty((n, 4 * hs), dt)
    hprev = np.empty((n, p), dt)
    cprev = np.empty((n, hs), dt)
    m = np.empty((n, hs), dt)
    tanh_c = np.empty((n, hs), dt)
    _rk.lstm_sequence(gx, bs, bool(reverse), h, c, whh, whr, w_hr is not None, out._np(), act, hprev, cprev, m,
                      tanh_c, np.empty((h.shape[0], 4 * hs), dt), *_scratch(h.shape[0], 4 * hs))
    h_n._np()[...] = h
    c_n._np()[...] = c
    return (xv, bs, bool(reverse), act, hprev, cprev, m, tanh_c, _a(w_ih), whh, whr, w_hr is not None)


def lstm_backward(saved, g_out, g_h, g_c, grads):
    xv, bs, reverse, act, hprev, cprev, m, tanh_c, w_ih, w_hh, w_hr, has_proj = saved
    dt = xv.dtype
    batch = int(bs[0]) if bs.size else 0
    n, hs = cprev.shape
    p = hprev.shape[1]
    dh = _zeros_like_state(g_h, batch, p, dt)
    dc = _zeros_like_state(g_c, batch, hs, dt)
    gout = _a(g_out) if g_out is not None else np.zeros((n, p), dt)
    dgates = np.empty((n, 4 * hs), dt)
    dhs = np.empty((n, p) if has_proj else (1, 1), dt)
    _rk.lstm_sequence_backward(gout, bs, reverse, dh, dc, w_hh, w_hr, has_proj, act, cprev, tanh_c, dgates, dhs,
                               np.empty((batch, hs), dt))
    _write(grads[1], dh)
    _write(grads[2], dc)
    _shared_grads(xv, hprev, dgates, w_ih, grads)
    if grads[7] is not None:
        gwr = np.empty(w_hr.shape, dt)
        _rk.product_tn(dhs, m, gwr)
        _write(grads[7], gwr)


# ---- GRU ----

def gru_forward(x, batch_sizes, reverse, h0, c0, weights, out, h_n, c_n, relu=False):
    w_ih, w_hh, b_ih, b_hh, _ = weights
    xv = _a(x)
    dt = xv.dtype
    bs = _steps(batch_sizes)
    n, hs = xv.shape[0], w_hh._shape[1]
    gi = np.empty((n, 3 * hs), dt)
    _rk.input_projection(xv, _a(w_ih), *_bias_terms(b_ih, None, dt), gi)
    h = _a(h0).copy()
    whh = _a(w_hh)
    bhh = _a(b_hh) if b_hh is not None else np.zeros(1, dt)
    act = np.empty((n, 3 * hs), dt)
    hprev = np.empty((n, hs), dt)
    ghn = np.empty((n, hs), dt)
    _rk.gru_sequence(gi, bs, bool(reverse), h, whh, bhh, b_hh is not None, out._np(), act, hprev, ghn,
                     np.empty((h.shape[0], 3 * hs), dt), *_scratch(h.shape[0], 2 * hs))
    h_n._np()[...] = h
    return (xv, bs, bool(reverse), act, hprev, ghn, _a(w_ih), whh)


def gru_backward(saved, g_out, g_h, g_c, grads):
    xv, bs, reverse, act, hprev, ghn, w_ih, w_hh = saved
    dt = xv.dtype
    batch = int(bs[0]) if bs.size else 0
    n, hs = hprev.shape
    dh = _zeros_like_state(g_h, batch, hs, dt)
    gout = _a(g_out) if g_out is not None else np.zeros((n, hs), dt)
    dgi = np.empty((n, 3 * hs), dt)
    dgh = np.empty((n, 3 * hs), dt)
    _rk.gru_sequence_backward(gout, bs, reverse, dh, w_hh, act, ghn, hprev, dgi, dgh, np.empty((batch, hs), dt))
    _write(grads[1], dh)
    gx, _, _, gw_ih, gw_hh, gb_ih, gb_hh, _ = grads
    gxv = gx._np() if gx is not None else np.empty((n, xv.shape[1]), dt)
    gwi = np.empty(w_ih.shape, dt)
    gbi = np.empty(3 * hs, dt)
    _rk.weight_grads(dgi, xv, hprev, w_ih, gxv, gx is not None, gwi, np.empty(w_hh.shape, dt), gbi)
    _write(gw_ih, gwi)
    _write(gb_ih, gbi)
    if gw_hh is not None or gb_hh is not None:
        gwh = np.empty(w_hh.shape, dt)
        _rk.product_tn(dgh, hprev, gwh)
        _write(gw_hh, gwh)
        _write(gb_hh, dgh.sum(0))
