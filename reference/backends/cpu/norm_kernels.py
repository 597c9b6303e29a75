"""Normalisation kernels: batch norm over (N, C, L) per channel, layer norm over (R, D) per row,
group norm over (N, G, Cg, L) per (sample, group). Each forward normalises and applies the affine
map in one sweep after its statistics; each backward gives the input, weight and bias gradients
in one sweep after its two sums. Sums accumulate in float64.
"""
import numpy as np
from numba import njit

# numpy's error model: a zero variance with eps=0 divides by zero, which gives inf (and NaN
# downstream) as torch does instead of raising; without the python model's zero check before
# every division the row sweeps also vectorise
_opts = dict(cache=True, nogil=True, error_model="numpy")


@njit(**_opts)
def batch_invstd(v, eps):
    """1 / sqrt(v + eps) for statistics taken over the batch, as torch's batch-norm statistics
    (training batch norm, instance norm): a zero variance with eps=0 gives 0, so a constant
    channel normalises to its bias with zero input gradient instead of NaN."""
    if v == 0.0 and eps == 0.0:
        return 0.0
    return 1.0 / np.sqrt(v + eps)


@njit(**_opts)
def batch_norm(x, training, mean_in, var_in, eps, w, b, has_w, has_b, y, mean, var, rstd):
    """training: statistics of this batch (biased variance) into mean/var; else mean_in/var_in."""
    n_, c_, L = x.shape
    m = n_ * L
    for c in range(c_):
        if training:
            s = 0.0
            for n in range(n_):
                for l in range(L):
                    s += x[n, c, l]
            mu = s / m
            q = 0.0
            for n in range(n_):
                for l in range(L):
                    d = x[n, c, l] - mu
                    q += d * d
            v = q / m
            r = batch_invstd(v, eps)
        else:
            mu = mean_in[c]
            v = var_in[c]
            r = 1.0 / np.sqrt(v + eps)
        mean[c] = mu
        var[c] = v
        rstd[c] = r
        scale = r * (w[c] if has_w else 1.0)
        shift = (b[c] if has_b else 0.0) - mu * scale
        for n in range(n_):
            for l in range(L):
                y[n, c, l] = x[n, c, l] * scale + shift


@njit(**_opts)
def batch_norm_grad(g, x, training, mean, rstd, w, has_w, gx, need_gx, gw, gb):
    """In training the statistics depend on x, which adds the two mean terms of the input gradient."""
    n_, c_, L = x.shape
    m = n_ * L
    for c in range(c_):
        mu = mean[c]
        r = rstd[c]
        sg = 0.0
        sgx = 0.0
        for n in range(n_):
            for l in range(L):
                gv = g[n, c, l]
                sg += gv
                sgx += gv * (x[n, c, l] - mu)
        gb[c] = sg
        gw[c] = sgx * r
        if need_gx:
            wc = w[c] if has_w else 1.0
            k = wc * r
            if training:
                a = sg / m
                bcoef = sgx * r * r / m
                for n in range(n_):
                    for l in range(L):
                        gx[n, c, l] = k * (g[n, c, l] - a - (x[n, c, l] - mu) * bcoef)
            else:
                for n in range(n_):
                    for l in range(L):
                        gx[n, c, l] = k * g[n, c, l]


@njit(**_opts)
def layer_norm(x, eps, w, b, has_w, has_b, y, mean, rstd):
    r_, d_ = x.shape
    for i in range(r_):
        s = 0.0
        for j in range(d_):
            s += x[i, j]
        mu = s / d_
        q = 0.0
        for j in range(d_):
            d = x[i, j] - mu
            q += d * d
        r = 1.0 / np.sqrt(q / d_ + eps)
        mean[i] = mu
        rstd[i] = r
        for j in range(d_):
            v = (x[i, j] - mu) * r
            if has_w:
                v = v * w[j]
            if has_b:
                v = v + b[j]
            y[i, j] = v


@njit(**_opts)
def layer_norm_grad(g, x, mean, rstd, w, has_w, gx, need_gx, gw, gb):
    """gw, gb (D,) are accumulated over rows and must start zeroed."""
    r_, d_ = x.shape
    for i in range(r_):
        mu = mean[i]
        r = rstd[i]
        a = 0.0    # sum of g * w
        bq = 0.0   # sum of g * w * xhat
        for j in range(d_):
            xh = (x[i, j] - mu) * r
            gv = g[i, j]
            gw[j] += gv * xh
            gb[j] += gv
            gh = gv * w[j] if has_w else gv
            a += gh
            bq += gh * xh
        if need_gx:
            a /= d_
            bq /= d_
            for j in range(d_):
                xh = (x[i, j] - mu) * r
                gh = g[i, j] * w[j] if has_w else g[i, j]
                gx[i, j] = r * (gh - a - xh * bq)


@njit(**_opts)
def group_norm(x, eps, batch_stats, w, b, has_w, has_b, y, mean, rstd):
    """x, y: (N, G, Cg, L); w, b per channel g * Cg + c; mean, rstd: (N, G). batch_stats: the
    statistics are instance norm's, whose zero variance with eps=0 gives rstd 0 (batch_invstd)."""
    n_, g_, cg, L = x.shape
    m = cg * L
    for n in range(n_):
        for g in range(g_):
            s = 0.0
            for c in range(cg):
                for l in range(L):
                    s += x[n, g, c, l]
            mu = s / m
            q = 0.0
            for c in range(cg):
                for l in range(L):
                    d = x[n, g, c, l] - mu
                    q += d * d
            v = q / m
            r = batch_invstd(v, eps) if batch_stats else 1.0 / np.sqrt(v + eps)
            mean[n, g] = mu
            rstd[n, g] = r
            for c in range(cg):
                ch = g * cg + c
                scale = r * (w[ch] if has_w else 1.0)
                shift = (b[ch] if has_b else 0.0) - mu * scale
                for l in range(L):
                    y[n, g, c, l] = x[n, g, c, l] * scale + shift


@njit(**_opts)
def group_norm_grad(g, x, mean, rstd, w, has_w, gx, need_gx, gw, gb):
    """gw, gb (C,) are accumulated over samples and must start zeroed."""
    n_, g_, cg, L = x.shape
    m = cg * L
    for n in range(n_):
        for q in range(g_):
            mu = mean[n, q]
            r = rstd[n, q]
            a = 0.0
            bq = 0.0
            for c in range(cg):
                ch = q * cg + c
                wc = w[ch] if has_w else 1.0
                sg = 0.0
                sgx = 0.0
                for l in range(L):
                    gv = g[n, q, c, l]
                    xh = (x[n, q, c, l] - mu) * r
                    sg += gv
                    sgx += gv * xh
                gw[ch] += sgx
                gb[ch] += sg
                a += sg * wc
                bq += sgx * wc
            if need_gx:
                a /= m
                bq /= m
                for c in range(cg):
                    wc = w[q * cg + c] if has_w else 1.0
                    for l in range(L):
                        xh = (x[n, q, c, l] - mu) * r
                        gx[n, q, c, l] = r * (g[n, q, c, l] * wc - a - xh * bq)
