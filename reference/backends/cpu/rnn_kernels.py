"""Recurrent kernels: one fused step per cell type (Elman RNN, LSTM, GRU) forward and backward, and the
time loops that call them over a packed sequence.

A sequence arrives packed the way PackedSequence stores it: rows (N, features) grouped by time step,
`batch_sizes[t]` rows at step t, the longest sequences first, so a padded (T, B) batch is the case
where every step has B rows. At each step the previous states go through one matrix product
(h @ W_hh^T, BLAS through np.dot) and the fused step computes every gate of every row in one sweep;
the input projection x @ W_ih^T of all steps is one product before the loop, and the weight
gradients are one product each after the backward loop (they sum over steps).

Gate order is torch's: LSTM (i, f, g, o), GRU (r, z, n). Activations are computed in the arrays'
dtype; the forward saves what its backward needs (activated gates, previous states).
"""
import numpy as np
from numba import njit

_opts = dict(cache=True, nogil=True)


@njit(**_opts)
def _sigmoid(v):
    return 1.0 / (1.0 + np.exp(-v))


@njit(**_opts)
def _offsets(batch_sizes):
    off = np.zeros(batch_sizes.shape[0], np.int64)
    acc = 0
    for t in range(batch_sizes.shape[0]):
        off[t] = acc
        acc += batch_sizes[t]
    return off


@njit(**_opts)
def _step_at(s, steps, reverse):
    """The time index of the s-th step of a loop that runs backwards in time when `reverse`."""
    return steps - 1 - s if reverse else s


# ---------------------------------------------------------------------------------------------
# fused steps: every gate of every row, after the one matrix product of the step

@njit(**_opts)
def rnn_cell(gx, gh, relu, hnew):
    """hnew = act(gx + gh); gx holds x W_ih^T + b_ih + b_hh, gh = h W_hh^T."""
    b, hs = hnew.shape
    for r in range(b):
        for j in range(hs):
            v = gx[r, j] + gh[r, j]
            hnew[r, j] = (v if v > 0 else 0.0) if relu else np.tanh(v)


@njit(**_opts)
def rnn_cell_backward(dh, hnew, relu, dgates):
    """dgates = dh * act'(pre-activation), written from the activated output."""
    b, hs = dh.shape
    for r in range(b):
        for j in range(hs):
            y = hnew[r, j]
            dgates[r, j] = dh[r, j] * ((1.0 if y > 0 else 0.0) if relu else 1.0 - y * y)


@njit(**_opts)
def lstm_cell(gx, gh, cprev, cnew, m, act):
    """gx: x W_ih^T + b_ih + b_hh, gh: h W_hh^T (both (b, 4H)); writes c' = f c + i g, m = o tanh(c')
    (the hidden state before any projection) and the activated gates."""
    b, hs = cnew.shape
    for r in range(b):
        for j in range(hs):
            i = _sigmoid(gx[r, j] + gh[r, j])
            f = _sigmoid(gx[r, hs + j] + gh[r, hs + j])
            g = np.tanh(gx[r, 2 * hs + j] + gh[r, 2 * hs + j])
            o = _sigmoid(gx[r, 3 * hs + j] + gh[r, 3 * hs + j])
            c = f * cprev[r, j] + i * g
            cnew[r, j] = c
            m[r, j] = o * np.tanh(c)
            act[r, j] = i
            act[r, hs + j] = f
            act[r, 2 * hs + j] = g
            act[r, 3 * hs + j] = o


@njit(**_opts)
def lstm_cell_backward(dm, dc, act, cprev, dgates):
    """dm: gradient of m = o tanh(c'); dc: gradient of c' in, of the previous c out; dgates: the
    gradient of the four pre-activations (shared by W_ih, W_hh and both biases)."""
    b, hs = dc.shape
    for r in range(b):
        for j in range(hs):
            i = act[r, j]
            f = act[r, hs + j]
            g = act[r, 2 * hs + j]
            o = act[r, 3 * hs + j]
            cp = cprev[r, j]
            tc = np.tanh(f * cp + i * g)
            dcn = dc[r, j] + dm[r, j] * o * (1.0 - tc * tc)
            dgates[r, j] = dcn * g * i * (1.0 - i)
            dgates[r, hs + j] = dcn * cp * f * (1.0 - f)
            dgates[r, 2 * hs + j] = dcn * i * (1.0 - g * g)
            dgates[r, 3 * hs + j] = dm[r, j] * tc * o * (1.0 - o)
            dc[r, j] = dcn * f


@njit(**_opts)
def gru_cell(gi, gh, b_hh, has_bias, hprev, hnew, act, ghn):
    """gi: x W_ih^T + b_ih, gh: h W_hh^T (both (b, 3H)); b_hh enters inside r * (W_hn h + b_hn) as the
    GRU page writes it. Saves the activated r, z, n and W_hn h + b_hn."""
    b, hs = hnew.shape
    for r in range(b):
        for j in range(hs):
            br = b_hh[j] if has_bias else 0.0
            bz = b_hh[hs + j] if has_bias else 0.0
            bn = b_hh[2 * hs + j] if has_bias else 0.0
            rg = _sigmoid(gi[r, j] + gh[r, j] + br)
            z = _sigmoid(gi[r, hs + j] + gh[r, hs + j] + bz)
            hn = gh[r, 2 * hs + j] + bn
            n = np.tanh(gi[r, 2 * hs + j] + rg * hn)
            hnew[r, j] = (1.0 - z) * n + z * hprev[r, j]
            act[r, j] = rg
            act[r, hs + j] = z
            act[r, 2 * hs + j] = n
            ghn[r, j] = hn


@njit(**_opts)
def gru_cell_backward(dh, act, ghn, hprev, dgi, dgh):
    """dh: gradient of h' in, of h through the z * h term out; dgi, dgh: gradients of the input and
    hidden pre-activations (they differ only in the n gate, where r scales the hidden part)."""
    b, hs = dh.shape
    for r in range(b):
        for j in range(hs):
            rg = act[r, j]
            z = act[r, hs + j]
            n = act[r, 2 * hs + j]
            d = dh[r, j]
            dn = d * (1.0 - z) * (1.0 - n * n)
            dz = d * (hprev[r, j] - n) * z * (1.0 - z)
            dr = dn * ghn[r, j] * rg * (1.0 - rg)
            dgi[r, j] = dr
            dgi[r, hs + j] = dz
            dgi[r, 2 * hs + j] = dn
            dgh[r, j] = dr
            dgh[r, hs + j] = dz
            dgh[r, 2 * hs + j] = dn * rg
            dh[r, j] = d * z


# ---------------------------------------------------------------------------------------------
# time loops over a packed sequence: h (B, P) and c (B, H) hold the initial states in and the final
# states out; a row that ends early keeps its last state (forward) or starts from the initial
# state when it first appears (reverse)

@njit(**_opts)
def rnn_sequence(gx, batch_sizes, reverse, relu, h, w_hh, out, hprev, gh):
    off = _offsets(batch_sizes)
    steps = batch_sizes.shape[0]
    for s in range(steps):
        t = _step_at(s, steps, reverse)
        o, b = off[t], batch_sizes[t]
        hprev[o:o + b] = h[:b]
        np.dot(h[:b], w_hh.T, gh[:b])
        rnn_cell(gx[o:o + b], gh[:b], relu, out[o:o + b])
        h[:b] = out[o:o + b]


@njit(**_opts)
def rnn_sequence_backward(g_out, batch_sizes, reverse, relu, dh, w_hh, out, dgates):
    off = _offsets(batch_sizes)
    steps = batch_sizes.shape[0]
    for s in range(steps):
        t = _step_at(s, steps, not reverse)
        o, b = off[t], batch_sizes[t]
        dh[:b] += g_out[o:o + b]
        rnn_cell_backward(dh[:b], out[o:o + b], relu, dgates[o:o + b])
        np.dot(dgates[o:o + b], w_hh, dh[:b])


@njit(**_opts)
def lstm_sequence(gx, batch_sizes, reverse, h, c, w_hh, w_hr, has_proj, out, act, hprev, cprev, m, gh):
    off = _offsets(batch_sizes)
    steps = batch_sizes.shape[0]
    for s in range(steps):
        t = _step_at(s, steps, reverse)
        o, b = off[t], batch_sizes[t]
        hprev[o:o + b] = h[:b]
        cprev[o:o + b] = c[:b]
        np.dot(h[:b], w_hh.T, gh[:b])
        lstm_cell(gx[o:o + b], gh[:b], cprev[o:o + b], c[:b], m[o:o + b], act[o:o + b])
        if has_proj:
            np.dot(m[o:o + b], w_hr.T, out[o:o + b])
        else:
            out[o:o + b] = m[o:o + b]
        h[:b] = out[o:o + b]


@njit(**_opts)
def lstm_sequence_backward(g_out, batch_sizes, reverse, dh, dc, w_hh, w_hr, has_proj, act, cprev, dgates,
                           dhs, dm):
    """dh, dc: gradients of the final states in, of the initial states out; dhs (N, P) keeps each
    step's hidden-state gradient for the projection's weight gradient."""
    off = _offsets(batch_sizes)
    steps = batch_sizes.shape[0]
    for s in range(steps):
        t = _step_at(s, steps, not reverse)
        o, b = off[t], batch_sizes[t]
        dh[:b] += g_out[o:o + b]
        if has_proj:
            dhs[o:o + b] = dh[:b]
            np.dot(dh[:b], w_hr, dm[:b])
            lstm_cell_backward(dm[:b], dc[:b], act[o:o + b], cprev[o:o + b], dgates[o:o + b])
        else:
            lstm_cell_backward(dh[:b], dc[:b], act[o:o + b], cprev[o:o + b], dgates[o:o + b])
        np.dot(dgates[o:o + b], w_hh, dh[:b])


@njit(**_opts)
def gru_sequence(gi, batch_sizes, reverse, h, w_hh, b_hh, has_bias, out, act, hprev, ghn, gh):
    off = _offsets(batch_sizes)
    steps = batch_sizes.shape[0]
    for s in range(steps):
        t = _step_at(s, steps, reverse)
        o, b = off[t], batch_sizes[t]
        hprev[o:o + b] = h[:b]
        np.dot(h[:b], w_hh.T, gh[:b])
        gru_cell(gi[o:o + b], gh[:b], b_hh, has_bias, hprev[o:o + b], out[o:o + b], act[o:o + b], ghn[o:o + b])
        h[:b] = out[o:o + b]


@njit(**_opts)
def gru_sequence_backward(g_out, batch_sizes, reverse, dh, w_hh, act, ghn, hprev, dgi, dgh, tmp):
    off = _offsets(batch_sizes)
    steps = batch_sizes.shape[0]
    for s in range(steps):
        t = _step_at(s, steps, not reverse)
        o, b = off[t], batch_sizes[t]
        dh[:b] += g_out[o:o + b]
        gru_cell_backward(dh[:b], act[o:o + b], ghn[o:o + b], hprev[o:o + b], dgi[o:o + b], dgh[o:o + b])
        np.dot(dgh[o:o + b], w_hh, tmp[:b])
        dh[:b] += tmp[:b]


# ---------------------------------------------------------------------------------------------
# the products before and after the loops

@njit(**_opts)
def input_projection(x, w_ih, b1, b2, n_bias, out):
    """out = x W_ih^T + b1 (+ b2): every step's input part in one product."""
    np.dot(x, w_ih.T, out)
    if n_bias > 0:
        for r in range(out.shape[0]):
            for j in range(out.shape[1]):
                out[r, j] += b1[j] + (b2[j] if n_bias > 1 else 0.0)


@njit(**_opts)
def weight_grads(dgates, x, hprev, w_ih, gx, need_gx, gw_ih, gw_hh, gb):
    """The gradients the steps share: input, W_ih = dgates^T x, W_hh = dgates^T h_prev, bias = sum of rows."""
    if need_gx:
        np.dot(dgates, w_ih, gx)
    np.dot(dgates.T, x, gw_ih)
    np.dot(dgates.T, hprev, gw_hh)
    for j in range(gb.shape[0]):
        gb[j] = 0.0
    for r in range(dgates.shape[0]):
        for j in range(gb.shape[0]):
            gb[j] += dgates[r, j]


@njit(**_opts)
def product_tn(a, b, out):
    """out = a^T b (a weight gradient summed over the packed rows)."""
    np.dot(a.T, b, out)
