"""Recurrent kernels: one fused step per cell type (Elman RNN, LSTM, GRU) forward and backward, and the
time loops that call them over a packed sequence.

A sequence arrives packed the way PackedSequence stores it: rows (N, features) grouped by time step,
`batch_sizes[t]` rows at step t, the longest sequences first, so a padded (T, B) batch is the case
where every step has B rows. At each step the previous states go through one matrix product
(h @ W_hh^T, BLAS through np.dot) and the fused step computes every gate of every row in one sweep;
the input projection x @ W_ih^T of all steps is one product before the loop, and the weight
gradients are one product each after the backward loop (they sum over steps).

Gate order is torch's: LSTM (i, f, g, o), GRU (r, z, n). Activations are computed in float64 and
rounded to the arrays' dtype; the forward saves what its backward needs (activated gates, previous states).
"""
import numpy as np
from numba import njit

# numpy's error model: the gate activations divide by 1 + exp(...), never zero; without the python
# model's zero check before every division the gate sweeps vectorise
_opts = dict(cache=True, nogil=True, error_model="numpy")


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
# exp over a buffer, in a loop LLVM vectorises: numba's np.exp calls libm once per element, which
# left the gate steps many times slower than torch's SIMD activations (measured: 80 us of a 90 us
# GRU step of 16 x 64). Cody-Waite reduction to r in [-ln2/2, ln2/2], a degree-13 Taylor polynomial
# (error below 1e-16 relative), and 2**k built from its exponent bits; arguments are clamped to the
# finite range, NaN passes through.

_LOG2E = 1.4426950408889634
_LN2_HI = 6.93147180369123816490e-01
_LN2_LO = 1.90821492927058770002e-10


@njit(**_opts)
def exp_inplace(x, bits):
    """x[i] = exp(x[i]) for a flat float64 buffer; bits is int64 scratch of the same length."""
    n = x.shape[0]
    for i in range(n):
        v = x[i]
        v = 709.0 if v > 709.0 else v
        v = -708.0 if v < -708.0 else v
        k = np.floor(v * _LOG2E + 0.5)
        r = (v - k * _LN2_HI) - k * _LN2_LO
        p = 1.0 / 6227020800.0
        p = p * r + 1.0 / 479001600.0
        p = p * r + 1.0 / 39916800.0
        p = p * r + 1.0 / 3628800.0
        p = p * r + 1.0 / 362880.0
        p = p * r + 1.0 / 40320.0
        p = p * r + 1.0 / 5040.0
        p = p * r + 1.0 / 720.0
        p = p * r + 1.0 / 120.0
        p = p * r + 1.0 / 24.0
        p = p * r + 1.0 / 6.0
        p = p * r + 0.5
        p = p * r + 1.0
        x[i] = p * r + 1.0
        bits[i] = (np.int64(k) + 1023) << 52
    scale = bits[:n].view(np.float64)
    for i in range(n):
        x[i] *= scale[i]


# ---------------------------------------------------------------------------------------------
# fused steps: every gate of every row, after the one matrix product of the step. `e` (float64) and
# `bits` (int64) are scratch of at least rows * gates * hidden elements. sigmoid(v) = 1 / (1 + e^-v),
# tanh(v) = 1 - 2 / (e^2v + 1).

@njit(**_opts)
def rnn_cell(gx, gh, relu, hnew, e, bits):
    """hnew = act(gx + gh); gx holds x W_ih^T + b_ih + b_hh, gh = h W_hh^T."""
    b, hs = hnew.shape
    if relu:
        for r in range(b):
            for j in range(hs):
                v = gx[r, j] + gh[r, j]
                hnew[r, j] = v if v > 0 else 0.0
        return
    for r in range(b):
        for j in range(hs):
            e[r * hs + j] = 2.0 * (gx[r, j] + gh[r, j])
    exp_inplace(e[:b * hs], bits)
    for r in range(b):
        for j in range(hs):
            hnew[r, j] = 1.0 - 2.0 / (e[r * hs + j] + 1.0)


@njit(**_opts)
def rnn_cell_backward(dh, hnew, relu, dgates):
    """dgates = dh * act'(pre-activation), written from the activated output."""
    b, hs = dh.shape
    for r in range(b):
        for j in range(hs):
            y = hnew[r, j]
            dgates[r, j] = dh[r, j] * ((1.0 if y > 0 else 0.0) if relu else 1.0 - y * y)


@njit(**_opts)
def lstm_cell(gx, gh, cprev, cnew, m, act, tanh_c, e, bits):
    """gx: x W_ih^T + b_ih + b_hh, gh: h W_hh^T (both (b, 4H)); writes c' = f c + i g, m = o tanh(c')
    (the hidden state before any projection), the activated gates and tanh(c')."""
    b, hs = cnew.shape
    g4 = 4 * hs
    for r in range(b):
        for q in range(4):
            scale = 2.0 if q == 2 else -1.0
            base = q * hs
            for j in range(hs):
                e[r * g4 + base + j] = scale * (gx[r, base + j] + gh[r, base + j])
    exp_inplace(e[:b * g4], bits)
    for r in range(b):
        for j in range(hs):
            i = 1.0 / (1.0 + e[r * g4 + j])
            f = 1.0 / (1.0 + e[r * g4 + hs + j])
            g = 1.0 - 2.0 / (e[r * g4 + 2 * hs + j] + 1.0)
            o = 1.0 / (1.0 + e[r * g4 + 3 * hs + j])
            c = f * cprev[r, j] + i * g
            cnew[r, j] = c
            act[r, j] = i
            act[r, hs + j] = f
            act[r, 2 * hs + j] = g
            act[r, 3 * hs + j] = o
            e[r * hs + j] = 2.0 * c
    exp_inplace(e[:b * hs], bits)
    for r in range(b):
        for j in range(hs):
            tc = 1.0 - 2.0 / (e[r * hs + j] + 1.0)
            tanh_c[r, j] = tc
            m[r, j] = act[r, 3 * hs + j] * tc


@njit(**_opts)
def lstm_cell_backward(dm, dc, act, cprev, tanh_c, dgates):
    """dm: gradient of m = o tanh(c'); dc: gradient of c' in, of the previous c out; dgates: the
    gradient of the four pre-activations (shared by W_ih, W_hh and both biases)."""
    b, hs = dc.shape
    for r in range(b):
        for j in range(hs):
            i = act[r, j]
            f = act[r, hs + j]
            g = act[r, 2 * hs + j]
            o = act[r, 3 * hs + j]
            tc = tanh_c[r, j]
            dcn = dc[r, j] + dm[r, j] * o * (1.0 - tc * tc)
            dgates[r, j] = dcn * g * i * (1.0 - i)
            dgates[r, hs + j] = dcn * cprev[r, j] * f * (1.0 - f)
            dgates[r, 2 * hs + j] = dcn * i * (1.0 - g * g)
            dgates[r, 3 * hs + j] = dm[r, j] * tc * o * (1.0 - o)
            dc[r, j] = dcn * f


@njit(**_opts)
def gru_cell(gi, gh, b_hh, has_bias, hprev, hnew, act, ghn, e, bits):
    """gi: x W_ih^T + b_ih, gh: h W_hh^T (both (b, 3H)); b_hh enters inside r * (W_hn h + b_hn) as the
    GRU page writes it. Saves the activated r, z, n and W_hn h + b_hn."""
    b, hs = hnew.shape
    g2 = 2 * hs
    for r in range(b):
        for j in range(g2):
            e[r * g2 + j] = -(gi[r, j] + gh[r, j] + (b_hh[j] if has_bias else 0.0))
    exp_inplace(e[:b * g2], bits)
    for r in range(b):
        for j in range(g2):
            act[r, j] = 1.0 / (1.0 + e[r * g2 + j])
    for r in range(b):
        for j in range(hs):
            hn = gh[r, g2 + j] + (b_hh[g2 + j] if has_bias else 0.0)
            ghn[r, j] = hn
            e[r * hs + j] = 2.0 * (gi[r, g2 + j] + act[r, j] * hn)
    exp_inplace(e[:b * hs], bits)
    for r in range(b):
        for j in range(hs):
            n = 1.0 - 2.0 / (e[r * hs + j] + 1.0)
            z = act[r, hs + j]
            act[r, g2 + j] = n
            hnew[r, j] = (1.0 - z) * n + z * hprev[r, j]


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
def rnn_sequence(gx, batch_sizes, reverse, relu, h, w_hh, out, hprev, gh, e, bits):
    off = _offsets(batch_sizes)
    steps = batch_sizes.shape[0]
    for s in range(steps):
        t = _step_at(s, steps, reverse)
        o, b = off[t], batch_sizes[t]
        hprev[o:o + b] = h[:b]
        np.dot(h[:b], w_hh.T, gh[:b])
        rnn_cell(gx[o:o + b], gh[:b], relu, out[o:o + b], e, bits)
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
def lstm_sequence(gx, batch_sizes, reverse, h, c, w_hh, w_hr, has_proj, out, act, hprev, cprev, m, tanh_c, gh, e,
                  bits):
    off = _offsets(batch_sizes)
    steps = batch_sizes.shape[0]
    for s in range(steps):
        t = _step_at(s, steps, reverse)
        o, b = off[t], batch_sizes[t]
        hprev[o:o + b] = h[:b]
        cprev[o:o + b] = c[:b]
        np.dot(h[:b], w_hh.T, gh[:b])
        lstm_cell(gx[o:o + b], gh[:b], cprev[o:o + b], c[:b], m[o:o + b], act[o:o + b], tanh_c[o:o + b], e, bits)
        if has_proj:
            np.dot(m[o:o + b], w_hr.T, out[o:o + b])
        else:
            out[o:o + b] = m[o:o + b]
        h[:b] = out[o:o + b]


@njit(**_opts)
def lstm_sequence_backward(g_out, batch_sizes, reverse, dh, dc, w_hh, w_hr, has_proj, act, cprev, tanh_c,
                           dgates, dhs, dm):
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
            lstm_cell_backward(dm[:b], dc[:b], act[o:o + b], cprev[o:o + b], tanh_c[o:o + b], dgates[o:o + b])
        else:
            lstm_cell_backward(dh[:b], dc[:b], act[o:o + b], cprev[o:o + b], tanh_c[o:o + b], dgates[o:o + b])
        np.dot(dgates[o:o + b], w_hh, dh[:b])


@njit(**_opts)
def gru_sequence(gi, batch_sizes, reverse, h, w_hh, b_hh, has_bias, out, act, hprev, ghn, gh, e, bits):
    off = _offsets(batch_sizes)
    steps = batch_sizes.shape[0]
    for s in range(steps):
        t = _step_at(s, steps, reverse)
        o, b = off[t], batch_sizes[t]
        hprev[o:o + b] = h[:b]
        np.dot(h[:b], w_hh.T, gh[:b])
        gru_cell(gi[o:o + b], gh[:b], b_hh, has_bias, hprev[o:o + b], out[o:o + b], act[o:o + b], ghn[o:o + b], e,
                 bits)
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
# the products before and after the loops, in blocks BLAS keeps on the calling thread: OpenBLAS
# threads a GEMM once m * n * k passes 65536 * 4, and on busy cores waking its threads cost more
# than the product (measured: x W_ih^T of 1600 x 10 x 80 at 38 ms with 2 BLAS threads, 0.1 ms in
# blocks; the time steps' own products are below the bound already)

_BLOCK_WORK = 1 << 18
_MIN_ROWS = 16


@njit(**_opts)
def _block_rows(per_row):
    return max(_MIN_ROWS, _BLOCK_WORK // max(per_row, 1))


@njit(**_opts)
def dot_rows(a, b, out):
    """out = a @ b, a block of rows at a time."""
    m = a.shape[0]
    step = _block_rows(a.shape[1] * b.shape[1])
    for s in range(0, m, step):
        e = min(m, s + step)
        np.dot(a[s:e], b, out[s:e])


@njit(**_opts)
def product_tn(a, b, out):
    """out = a^T b (a weight gradient summed over the packed rows), summed a block of rows at a time."""
    n = a.shape[0]
    step = _block_rows(out.shape[0] * out.shape[1])
    out[:] = 0.0
    part = np.empty_like(out)
    for s in range(0, n, step):
        e = min(n, s + step)
        np.dot(a[s:e].T, b[s:e], part)
        out += part


@njit(**_opts)
def input_projection(x, w_ih, b1, b2, n_bias, out):
    """out = x W_ih^T + b1 (+ b2): every step's input part in one product."""
    dot_rows(x, w_ih.T, out)
    if n_bias > 0:
        for r in range(out.shape[0]):
            for j in range(out.shape[1]):
                out[r, j] += b1[j] + (b2[j] if n_bias > 1 else 0.0)


@njit(**_opts)
def weight_grads(dgates, x, hprev, w_ih, gx, need_gx, gw_ih, gw_hh, gb):
    """The gradients the steps share: input, W_ih = dgates^T x, W_hh = dgates^T h_prev, bias = sum of rows."""
    if need_gx:
        dot_rows(dgates, w_ih, gx)
    product_tn(dgates, x, gw_ih)
    product_tn(dgates, hprev, gw_hh)
    for j in range(gb.shape[0]):
        gb[j] = 0.0
    for r in range(dgates.shape[0]):
        for j in range(gb.shape[0]):
            gb[j] += dgates[r, j]
