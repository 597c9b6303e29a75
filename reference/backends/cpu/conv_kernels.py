"""Convolution kernels: im2col/col2im plus one BLAS product per group.

Geometry is 2-D throughout (a 1-D convolution is a 2-D one of height 1). Column buffers are laid
out (C * kh * kw, N * oh * ow): the rows of one group are contiguous, so each group's product is a
single np.dot on row slices (numba hands it to BLAS), over the whole batch at once.
"""
import numpy as np
from numba import njit

# numpy's error model: the only division is by groups, which the op layer checks positive;
# without the python model's zero check the loops vectorise
_opts = dict(cache=True, nogil=True, error_model="numpy")


@njit(**_opts)
def im2col(x, kh, kw, sh, sw, ph, pw, dh, dw, oh, ow, cols):
    """cols[(c, i, j), (n, y, z)] = x[n, c, y*sh - ph + i*dh, z*sw - pw + j*dw] (0 outside)."""
    n_, c_, h_, w_ = x.shape
    L = oh * ow
    for c in range(c_):
        for i in range(kh):
            for j in range(kw):
                row = (c * kh + i) * kw + j
                for n in range(n_):
                    base = n * L
                    for y in range(oh):
                        iy = y * sh - ph + i * dh
                        o = base + y * ow
                        if iy < 0 or iy >= h_:
                            for z in range(ow):
                                cols[row, o + z] = 0
                            continue
                        for z in range(ow):
                            ix = z * sw - pw + j * dw
                            if ix >= 0 and ix < w_:
                                cols[row, o + z] = x[n, c, iy, ix]
                            else:
                                cols[row, o + z] = 0


@njit(**_opts)
def col2im(cols, kh, kw, sh, sw, ph, pw, dh, dw, oh, ow, x):
    """The adjoint of im2col: x[n, c, iy, ix] += every column entry read from it. x starts zeroed."""
    n_, c_, h_, w_ = x.shape
    L = oh * ow
    for c in range(c_):
        for i in range(kh):
            for j in range(kw):
                row = (c * kh + i) * kw + j
                for n in range(n_):
                    base = n * L
                    for y in range(oh):
                        iy = y * sh - ph + i * dh
                        if iy < 0 or iy >= h_:
                            continue
                        o = base + y * ow
                        for z in range(ow):
                            ix = z * sw - pw + j * dw
                            if ix >= 0 and ix < w_:
                                x[n, c, iy, ix] += cols[row, o + z]


@njit(**_opts)
def grouped_product(w2, cols, groups, bias, has_bias, out3):
    """out3[n, o, l] = sum_r w2[o, r] * cols[g(o)*R + r, n*L + l] + bias[o]: the forward product.
    w2: (O, R) with O = groups * Og; cols: (groups * R, N * L); out3: (N, O, L)."""
    o_, r_ = w2.shape
    n_, _, L = out3.shape
    og = o_ // groups
    res = np.empty((og, n_ * L), out3.dtype)
    for g in range(groups):
        np.dot(w2[g * og:(g + 1) * og], cols[g * r_:(g + 1) * r_], res)
        for o in range(og):
            b = bias[g * og + o] if has_bias else 0
            for n in range(n_):
                for l in range(L):
                    out3[n, g * og + o, l] = res[o, n * L + l] + b


@njit(**_opts)
def batch_major(a3):
    """(N, O, L) -> (O, N * L): the layout the per-group products read their right operand in."""
    n_, o_, L = a3.shape
    t = np.empty((o_, n_ * L), a3.dtype)
    for n in range(n_):
        for o in range(o_):
            for l in range(L):
                t[o, n * L + l] = a3[n, o, l]
    return t


@njit(**_opts)
def grouped_product_t(w2, g2, groups, dcols):
    """dcols[g*R:(g+1)*R] = w2[group g].T @ g2[group g]: columns from outputs (input gradient of a
    convolution, forward of a transposed one). w2: (O, R); g2: (O, N*L); dcols: (groups*R, N*L)."""
    o_, r_ = w2.shape
    og = o_ // groups
    for g in range(groups):
        np.dot(w2[g * og:(g + 1) * og].T, g2[g * og:(g + 1) * og], dcols[g * r_:(g + 1) * r_])


@njit(**_opts)
def grouped_weight_grad(g2, cols, groups, gw2):
    """gw2[group g] = g2[group g] @ cols[group g].T. g2: (O, N*L); cols: (groups*R, N*L); gw2: (O, R)."""
    o_, r_ = gw2.shape
    og = o_ // groups
    for g in range(groups):
        np.dot(g2[g * og:(g + 1) * og], cols[g * r_:(g + 1) * r_].T, gw2[g * og:(g + 1) * og])


@njit(**_opts)
def channel_sums(a3, out):
    """out[o] = sum over n, l of a3[n, o, l] (the bias gradient)."""
    n_, o_, L = a3.shape
    for o in range(o_):
        out[o] = 0
    for n in range(n_):
        for o in range(o_):
            s = out[o]
            for l in range(L):
                s += a3[n, o, l]
            out[o] = s


@njit(**_opts)
def add_channel_bias(out3, bias):
    n_, o_, L = out3.shape
    for n in range(n_):
        for o in range(o_):
            b = bias[o]
            for l in range(L):
                out3[n, o, l] += b
