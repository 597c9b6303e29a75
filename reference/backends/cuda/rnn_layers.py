"""CUDA entry points of the recurrent layers, with the signatures of backends/cpu/rnn_layers.py: one
direction of one layer over a packed sequence (x (N, I) rows grouped by time step, `batch_sizes[t]` rows
at step t), states (B, P) / (B, H), weights in torch's layout, outputs the op layer allocated.

The time loop runs on the host (the step sizes are host metadata): per step one copy saves the
running state's rows as the step's previous state, then one launch of the fused step
(rnn_kernels.py); the input projection of every step is one launch before the loop and the weight
gradients one launch each after the backward loop (row_products.py). A forward returns the device
buffers its backward needs (activated gates, previous states); the backward writes the requested
gradients into `grads` (gx, gh0, gc0, gw_ih, gw_hh, gb_ih, gb_hh, gw_hr; None where not needed).
"""
import numpy as np

from . import fill_kernels as _fk
from . import rnn_kernels as _rk
from . import row_products as _rp
from ._launch import grid
from .memory import empty, operand, optional_operand, output


def _buffer(rows, width, dtype):
    return empty(max(rows * width, 1), dtype)


def _copy(src, so, dst, do, n):
    if n > 0:
        _rp.copy_flat[grid(n)](src, so, dst, do, n)


def _state(t, rows, width, dtype):
    """A running state (rows, width) starting from tensor t, or from zeros when t is None."""
    buf = _buffer(rows, width, dtype)
    if t is None:
        _fk.zero[grid(rows * width)](buf, 0, rows * width)
    else:
        _copy(*operand(t), buf, 0, rows * width)
    return buf


def _write(t, buf, n):
    """A requested gradient or output tensor t (n contiguous elements) = buf."""
    if t is not None:
        _copy(buf, 0, *output(t), n)


def _steps(batch_sizes, reverse):
    """(row offset, rows) of each time step in the order the loop visits them."""
    sizes = [int(b) for b in batch_sizes]
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(int) if sizes else []
    order = range(len(sizes) - 1, -1, -1) if reverse else range(len(sizes))
    return [(int(offsets[t]), sizes[t]) for t in order]


def _project_inputs(x, w_ih, biases, width):
    """Every step's input part x W_ih^T + the given biases, in one launch: a (N, width) buffer."""
    n, k = x._shape
    gx = _buffer(n, width, x.dtype.np)
    present = [operand(b) for b in biases if b is not None]
    b1, b1o = present[0] if present else optional_operand(None)[:2]
    b2, b2o = present[1] if len(present) > 1 else optional_operand(None)[:2]
    _rp.affine_rows[grid(n * width)](*operand(x), *operand(w_ih), b1, b1o, b2, b2o, len(present), gx, 0, n, k, width)
    return gx


def _shared_grads(x, hprev, dg_in, dg_hidden, gates, w_ih, grads):
    """The gradients the steps share: input = dg_in W_ih, W_ih = dg_in^T x, W_hh = dg_hidden^T h_prev,
    biases = the row sums of dg_in and dg_hidden; hprev is (buffer, width)."""
    gx, _, _, gw_ih, gw_hh, gb_ih, gb_hh, _ = grads
    n, k = x._shape
    if gx is not None:
        _rp.rows_times[grid(n * k)](dg_in, 0, *operand(w_ih), *output(gx), n, gates, k, False)
    if gw_ih is not None:
        _rp.product_tn[grid(gates * k)](dg_in, 0, *operand(x), *output(gw_ih), n, gates, k)
    if gw_hh is not None:
        hbuf, width = hprev
        _rp.product_tn[grid(gates * width)](dg_hidden, 0, hbuf, 0, *output(gw_hh), n, gates,
                                            width)
    for gb, dg in ((gb_ih, dg_in), (gb_hh, dg_hidden)):
        if gb is not None:
            _rp.column_sums[grid(gates)](dg, 0, n, gates, *output(gb))


# ---- Elman RNN (tanh or relu) ----

def rnn_forward(x, batch_sizes, reverse, h0, c0, weights, out, h_n, c_n, relu=False):
    w_ih, w_hh, b_ih, b_hh, _ = weights
    dt = x.dtype.np
    n, batch, hs = x._shape[0], h0._shape[0], w_hh._shape[0]
    gx = _project_inputs(x, w_ih, (b_ih, b_hh), hs)
    h = _state(h0, batch, hs, dt)
    hprev, y = _buffer(n, hs, dt), _buffer(n, hs, dt)
    whh = operand(w_hh)
    for o, b in _steps(batch_sizes, reverse):
        _copy(h, 0, hprev, o * hs, b * hs)
        _rk.rnn_step[grid(b * hs)](gx, hprev, *whh, y, h, o, b, hs, bool(relu))
    _write(out, y, n * hs)
    _write(h_n, h, batch * hs)
    return (x, tuple(batch_sizes), bool(reverse), bool(relu), batch, y, hprev, w_ih, w_hh)


def rnn_backward(saved, g_out, g_h, g_c, grads):
    x, batch_sizes, reverse, relu, batch, y, hprev, w_ih, w_hh = saved
    dt = x.dtype.np
    n, hs = x._shape[0], w_hh._shape[0]
    dh = _state(g_h, batch, hs, dt)
    go, goo, has_go = optional_operand(g_out)
    dg = _buffer(n, hs, dt)
    whh = operand(w_hh)
    for o, b in _steps(batch_sizes, not reverse):
        _rk.rnn_step_backward[grid(b * hs)](go, goo, has_go, dh, y, dg, o, b, hs, relu)
        _rp.rows_times[grid(b * hs)](dg, o * hs, *whh, dh, 0, b, hs, hs, False)
    _write(grads[1], dh, batch * hs)
    _shared_grads(x, (hprev, hs), dg, dg, hs, w_ih, grads)


# ---- LSTM (with an optional projection of the hidden state to width p) ----

def lstm_forward(x, batch_sizes, reverse, h0, c0, weights, out, h_n, c_n, relu=False):
    w_ih, w_hh, b_ih, b_hh, w_hr = weights
    dt = x.dtype.np
    n, batch = x._shape[0], h0._shape[0]
    hs = w_hh._shape[1] if w_hr is None else w_hr._shape[1]
    p = w_hh._shape[1]
    gx = _project_inputs(x, w_ih, (b_ih, b_hh), 4 * hs)
    h, c = _state(h0, batch, p, dt), _state(c0, batch, hs, dt)
    act = _buffer(n, 4 * hs, dt)
    hprev, y = _buffer(n, p, dt), _buffer(n, p, dt)
    cprev, m, tanh_c = _buffer(n, hs, dt), _buffer(n, hs, dt), _buffer(n, hs, dt)
    whh = operand(w_hh)
    whr, wro, has_proj = optional_operand(w_hr)
    for o, b in _steps(batch_sizes, reverse):
        _copy(h, 0, hprev, o * p, b * p)
        _copy(c, 0, cprev, o * hs, b * hs)
        _rk.lstm_step[grid(b * hs)](gx, hprev, cprev, *whh, act, c, m, tanh_c, y, h, o, b, hs, p, has_proj)
        if has_proj:
            _rk.lstm_projection[grid(b * p)](m, whr, wro, y, h, o, b, hs, p)
    _write(out, y, n * p)
    _write(h_n, h, batch * p)
    _write(c_n, c, batch * hs)
    return (x, tuple(batch_sizes), bool(reverse), batch, act, hprev, cprev, m, tanh_c, w_ih, w_hh, w_hr)


def lstm_backward(saved, g_out, g_h, g_c, grads):
    x, batch_sizes, reverse, batch, act, hprev, cprev, m, tanh_c, w_ih, w_hh, w_hr = saved
    dt = x.dtype.np
    n = x._shape[0]
    hs, p = w_hh._shape[0] // 4, w_hh._shape[1]
    dh, dc = _state(g_h, batch, p, dt), _state(g_c, batch, hs, dt)
    go, goo, has_go = optional_operand(g_out)
    whr, wro, has_proj = optional_operand(w_hr)
    dg = _buffer(n, 4 * hs, dt)
    dhs = _buffer(n, p, dt) if has_proj else optional_operand(None)[0]
    whh = operand(w_hh)
    for o, b in _steps(batch_sizes, not reverse):
        _rk.lstm_step_backward[grid(b * hs)](go, goo, has_go, dh, dc, whr, wro, has_proj, act, cprev, tanh_c, dg,
                                             dhs, o, b, hs, p)
        _rp.rows_times[grid(b * p)](dg, o * 4 * hs, *whh, dh, 0, b, 4 * hs, p, False)
    _write(grads[1], dh, batch * p)
    _write(grads[2], dc, batch * hs)
    _shared_grads(x, (hprev, p), dg, dg, 4 * hs, w_ih, grads)
    gw_hr = grads[7]
    if gw_hr is not None:
        _rp.product_tn[grid(p * hs)](dhs, 0, m, 0, *output(gw_hr), n, p, hs)


# ---- GRU ----

def gru_forward(x, batch_sizes, reverse, h0, c0, weights, out, h_n, c_n, relu=False):
    w_ih, w_hh, b_ih, b_hh, _ = weights
    dt = x.dtype.np
    n, batch, hs = x._shape[0], h0._shape[0], w_hh._shape[1]
    gi = _project_inputs(x, w_ih, (b_ih,), 3 * hs)
    h = _state(h0, batch, hs, dt)
    act = _buffer(n, 3 * hs, dt)
    hprev, ghn, y = _buffer(n, hs, dt), _buffer(n, hs, dt), _buffer(n, hs, dt)
    whh = operand(w_hh)
    bhh = optional_operand(b_hh)
    for o, b in _steps(batch_sizes, reverse):
        _copy(h, 0, hprev, o * hs, b * hs)
        _rk.gru_step[grid(b * hs)](gi, hprev, *whh, *bhh, act, ghn, y, h, o, b, hs)
    _write(out, y, n * hs)
    _write(h_n, h, batch * hs)
    return (x, tuple(batch_sizes), bool(reverse), batch, act, hprev, ghn, w_ih, w_hh)


def gru_backward(saved, g_out, g_h, g_c, grads):
    x, batch_sizes, reverse, batch, act, hprev, ghn, w_ih, w_hh = saved
    dt = x.dtype.np
    n, hs = x._shape[0], w_hh._shape[1]
    dh = _state(g_h, batch, hs, dt)
    go, goo, has_go = optional_operand(g_out)
    dgi, dgh = _buffer(n, 3 * hs, dt), _buffer(n, 3 * hs, dt)
    whh = operand(w_hh)
    for o, b in _steps(batch_sizes, not reverse):
        _rk.gru_step_backward[grid(b * hs)](go, goo, has_go, dh, act, ghn, hprev, dgi, dgh, o, b, hs)
        _rp.rows_times[grid(b * hs)](dgh, o * 3 * hs, *whh, dh, 0, b, 3 * hs, hs, True)
    _write(grads[1], dh, batch * hs)
    _shared_grads(x, (hprev, hs), dgi, dgh, 3 * hs, w_ih, grads)
