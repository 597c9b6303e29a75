"""One time step of the recurrent cells on the device (the twins of backends/cpu/rnn_kernels.py's fused
steps), forward and backward, on contiguous row-major buffers (flat device array + offset).

A step covers the b rows of the packed sequence that start at row o. One thread owns one (row, hidden
unit) pair and computes every gate of that unit: it takes the recurrent products h W_hh^T of its gates
itself (a dot product over the previous state), so a step is one launch and no thread reads what
another writes. The previous states are read from the saved copies (hprev/cprev rows o..o+b, written
by the host loop's copy before the step), while the running state h/c (B, ...) is written, which keeps
reads and writes apart. Gate order is torch's: LSTM (i, f, g, o), GRU (r, z, n); activations in
float64, stored in the buffers' dtype.

The backward steps take the running state gradients dh/dc (B, ...) plus the output gradient of the
step's rows; the product with W_hh that carries dh to the previous step is row_products.rows_times,
launched by the host after the step (it needs every gate gradient of a row).
"""
from numba import cuda

from . import device_math as dm


@cuda.jit(device=True)
def sigmoid(v):
    # two branches so that exp never overflows (the simulator warns on inf)
    if v >= 0:
        return 1.0 / (1.0 + dm.exp(-v))
    e = dm.exp(v)
    return e / (1.0 + e)


@cuda.jit(device=True)
def recurrent_dot(H, ho, Wt, wo, k):
    """sum_q H[ho + q] * W[wo + q]: one gate's share of h W_hh^T."""
    acc = dm.acc64(0.0)
    for q in range(k):
        acc += H[ho + q] * Wt[wo + q]
    return acc


# ---- Elman RNN: h' = act(x W_ih^T + b_ih + h W_hh^T + b_hh); gx holds the input part with both biases ----

@cuda.jit
def rnn_step(GX, HP, Whh, who, Y, Hs, o, b, hs, relu):
    for e in range(cuda.grid(1), b * hs, cuda.gridsize(1)):
        r = e // hs
        j = e % hs
        row = o + r
        v = GX[row * hs + j] + recurrent_dot(HP, row * hs, Whh, who + j * hs, hs)
        if relu:
            y = v if v > 0 else 0.0
        else:
            y = dm.tanh(v)
        Y[row * hs + j] = y
        Hs[r * hs + j] = y


@cuda.jit
def rnn_step_backward(GO, goo, has_go, DH, Y, DG, o, b, hs, relu):
    """DG rows o.. = (dh + the step's output gradient) * act'(pre-activation), from the saved output."""
    for e in range(cuda.grid(1), b * hs, cuda.gridsize(1)):
        r = e // hs
        j = e % hs
        row = o + r
        d = DH[r * hs + j] + (GO[goo + row * hs + j] if has_go else 0.0)
        y = Y[row * hs + j]
        if relu:
            DG[row * hs + j] = d * (1.0 if y > 0 else 0.0)
        else:
            DG[row * hs + j] = d * (1.0 - y * y)


# ---- LSTM: c' = f c + i g, m = o tanh(c'), h' = m (or m W_hr^T with a projection of width p) ----

@cuda.jit
def lstm_step(GX, HP, CP, Whh, who, A, Cs, Mm, TC, Y, Hs, o, b, hs, p, has_proj):
    g4 = 4 * hs
    for e in range(cuda.grid(1), b * hs, cuda.gridsize(1)):
        r = e // hs
        j = e % hs
        row = o + r
        base = row * g4
        i = sigmoid(GX[base + j] + recurrent_dot(HP, row * p, Whh, who + j * p, p))
        f = sigmoid(GX[base + hs + j] + recurrent_dot(HP, row * p, Whh, who + (hs + j) * p, p))
        g = dm.tanh(GX[base + 2 * hs + j] + recurrent_dot(HP, row * p, Whh, who + (2 * hs + j) * p, p))
        og = sigmoid(GX[base + 3 * hs + j] + recurrent_dot(HP, row * p, Whh, who + (3 * hs + j) * p, p))
        c = f * CP[row * hs + j] + i * g
        tc = dm.tanh(c)
        m = og * tc
        A[base + j] = i
        A[base + hs + j] = f
        A[base + 2 * hs + j] = g
        A[base + 3 * hs + j] = og
        Cs[r * hs + j] = c
        TC[row * hs + j] = tc
        Mm[row * hs + j] = m
        if not has_proj:
            Y[row * hs + j] = m
            Hs[r * hs + j] = m


@cuda.jit
def lstm_projection(Mm, Whr, wro, Y, Hs, o, b, hs, p):
    """h' = m W_hr^T for the step's rows (an LSTM with proj_size)."""
    for e in range(cuda.grid(1), b * p, cuda.gridsize(1)):
        r = e // p
        k = e % p
        row = o + r
        y = recurrent_dot(Mm, row * hs, Whr, wro + k * hs, hs)
        Y[row * p + k] = y
        Hs[r * p + k] = y


@cuda.jit
def lstm_step_backward(GO, goo, has_go, DH, DC, Whr, wro, has_proj, A, CP, TC, DG, DHS, o, b, hs, p):
    """DG rows o.. = the gradients of the four pre-activations; DC (B, H) carried to the previous c;
    with a projection DHS rows o.. keep each step's hidden-state gradient (for W_hr's gradient)."""
    g4 = 4 * hs
    for e in range(cuda.grid(1), b * hs, cuda.gridsize(1)):
        r = e // hs
        j = e % hs
        row = o + r
        if has_proj:
            dmv = dm.acc64(0.0)
            for k in range(p):
                dmv += (DH[r * p + k] + (GO[goo + row * p + k] if has_go else 0.0)) * Whr[wro + k * hs + j]
            if j < p:
                DHS[row * p + j] = DH[r * p + j] + (GO[goo + row * p + j] if has_go else 0.0)
        else:
            dmv = DH[r * hs + j] + (GO[goo + row * hs + j] if has_go else 0.0)
        base = row * g4
        i = A[base + j]
        f = A[base + hs + j]
        g = A[base + 2 * hs + j]
        og = A[base + 3 * hs + j]
        tc = TC[row * hs + j]
        dcn = DC[r * hs + j] + dmv * og * (1.0 - tc * tc)
        DG[base + j] = dcn * g * i * (1.0 - i)
        DG[base + hs + j] = dcn * CP[row * hs + j] * f * (1.0 - f)
        DG[base + 2 * hs + j] = dcn * i * (1.0 - g * g)
        DG[base + 3 * hs + j] = dmv * tc * og * (1.0 - og)
        DC[r * hs + j] = dcn * f


# ---- GRU: r, z = sigmoid(.), n = tanh(x W_in^T + b_in + r (h W_hn^T + b_hn)), h' = (1 - z) n + z h;
# gi holds x W_ih^T + b_ih, and b_hh enters inside r * (...) as the GRU page writes it ----

@cuda.jit
def gru_step(GI, HP, Whh, who, Bhh, bho, has_bias, A, GHN, Y, Hs, o, b, hs):
    g3 = 3 * hs
    for e in range(cuda.grid(1), b * hs, cuda.gridsize(1)):
        r = e // hs
        j = e % hs
        row = o + r
        base = row * g3
        h_at = row * hs
        rg = sigmoid(GI[base + j] + recurrent_dot(HP, h_at, Whh, who + j * hs, hs)
                     + (Bhh[bho + j] if has_bias else 0.0))
        z = sigmoid(GI[base + hs + j] + recurrent_dot(HP, h_at, Whh, who + (hs + j) * hs, hs)
                    + (Bhh[bho + hs + j] if has_bias else 0.0))
        hn = recurrent_dot(HP, h_at, Whh, who + (2 * hs + j) * hs, hs) + (Bhh[bho + 2 * hs + j] if has_bias else 0.0)
        n = dm.tanh(GI[base + 2 * hs + j] + rg * hn)
        y = (1.0 - z) * n + z * HP[h_at + j]
        A[base + j] = rg
        A[base + hs + j] = z
        A[base + 2 * hs + j] = n
        GHN[h_at + j] = hn
        Y[h_at + j] = y
        Hs[r * hs + j] = y


@cuda.jit
def gru_step_backward(GO, goo, has_go, DH, A, GHN, HP, DGI, DGH, o, b, hs):
    """DGI/DGH rows o.. = the gradients of the input and hidden pre-activations (they differ in the n
    gate only, where r scales the hidden part); DH keeps the z * h share, to which the host adds
    DGH W_hh."""
    g3 = 3 * hs
    for e in range(cuda.grid(1), b * hs, cuda.gridsize(1)):
        r = e // hs
        j = e % hs
        row = o + r
        base = row * g3
        d = DH[r * hs + j] + (GO[goo + row * hs + j] if has_go else 0.0)
        rg = A[base + j]
        z = A[base + hs + j]
        n = A[base + 2 * hs + j]
        dn = d * (1.0 - z) * (1.0 - n * n)
        dz = d * (HP[row * hs + j] - n) * z * (1.0 - z)
        dr = dn * GHN[row * hs + j] * rg * (1.0 - rg)
        DGI[base + j] = dr
        DGI[base + hs + j] = dz
        DGI[base + 2 * hs + j] = dn
        DGH[base + j] = dr
        DGH[base + hs + j] = dz
        DGH[base + 2 * hs + j] = dn * rg
        DH[r * hs + j] = d * z
