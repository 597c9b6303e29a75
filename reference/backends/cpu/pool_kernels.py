"""Pooling kernels over planes: inputs are (P, H, W) with P = N * C (1-D pooling has H = 1).

Max pooling records, per output, the flat index y * W + x of the chosen element within its plane
(torch's return_indices convention); its backward scatters through those indices. A NaN in a
window wins, as in torch.
"""
import numpy as np
from numba import njit

# numpy's error model: no zero check before each window's division (the divisor is validated
# nonzero before the call), so the sweeps vectorise
_opts = dict(cache=True, nogil=True, error_model="numpy")


@njit(**_opts)
def max_pool(x, kh, kw, sh, sw, ph, pw, dh, dw, out, idx):
    p_, h_, w_ = x.shape
    _, oh, ow = out.shape
    for p in range(p_):
        for y in range(oh):
            y0 = y * sh - ph
            for z in range(ow):
                x0 = z * sw - pw
                best = -np.inf
                bi = -1
                for i in range(kh):
                    iy = y0 + i * dh
                    if iy < 0 or iy >= h_:
                        continue
                    for j in range(kw):
                        ix = x0 + j * dw
                        if ix < 0 or ix >= w_:
                            continue
                        v = x[p, iy, ix]
                        if v > best or np.isnan(v) or bi < 0:
                            best = v
                            bi = iy * w_ + ix
                            if np.isnan(v):
                                break
                    if bi >= 0 and np.isnan(best):
                        break
                out[p, y, z] = best
                idx[p, y, z] = bi


@njit(**_opts)
def scatter_max_grad(g, idx, gx):
    """gx (P, H*W), zeroed, accumulates each output gradient at the index its max came from."""
    p_, oh, ow = g.shape
    for p in range(p_):
        for y in range(oh):
            for z in range(ow):
                gx[p, idx[p, y, z]] += g[p, y, z]


@njit(**_opts)
def _avg_window(y, k, s, p, size):
    """(start, end, padded count) of one average-pooling window along one axis: the padded window
    stops at size + p; the count includes padding, the clipped range does not."""
    start = y * s - p
    end = min(start + k, size + p)
    count = end - start
    return max(start, 0), min(end, size), count


@njit(**_opts)
def _avg_divisor(divisor, count_include_pad, yc, xc, ys, ye, xs, xe):
    """divisor_override when given (nonzero, either sign), else the padded or the clipped count."""
    if divisor != 0:
        return divisor
    if count_include_pad:
        return yc * xc
    return (ye - ys) * (xe - xs)


@njit(**_opts)
def avg_pool(x, kh, kw, sh, sw, ph, pw, count_include_pad, divisor, out):
    # plane by plane: each plane's rows are read in order (the windows are recomputed per plane, cheaply)
    p_, h_, w_ = x.shape
    _, oh, ow = out.shape
    for p in range(p_):
        for y in range(oh):
            ys, ye, yc = _avg_window(y, kh, sh, ph, h_)
            for z in range(ow):
                xs, xe, xc = _avg_window(z, kw, sw, pw, w_)
                s = 0.0
                for iy in range(ys, ye):
                    for ix in range(xs, xe):
                        s += x[p, iy, ix]
                out[p, y, z] = s / _avg_divisor(divisor, count_include_pad, yc, xc, ys, ye, xs, xe)


@njit(**_opts)
def avg_pool_grad(g, kh, kw, sh, sw, ph, pw, count_include_pad, divisor, gx):
    p_, h_, w_ = gx.shape
    _, oh, ow = g.shape
    for p in range(p_):
        for y in range(oh):
            ys, ye, yc = _avg_window(y, kh, sh, ph, h_)
            for z in range(ow):
                xs, xe, xc = _avg_window(z, kw, sw, pw, w_)
                v = g[p, y, z] / _avg_divisor(divisor, count_include_pad, yc, xc, ys, ye, xs, xe)
                for iy in range(ys, ye):
                    for ix in range(xs, xe):
                        gx[p, iy, ix] += v


@njit(**_opts)
def _adaptive_range(i, n_in, n_out):
    """torch's adaptive windows: [floor(i * in / out), ceil((i + 1) * in / out))."""
    return (i * n_in) // n_out, ((i + 1) * n_in + n_out - 1) // n_out


@njit(**_opts)
def adaptive_avg_pool(x, out):
    p_, h_, w_ = x.shape
    _, oh, ow = out.shape
    for y in range(oh):
        ys, ye = _adaptive_range(y, h_, oh)
        for z in range(ow):
            xs, xe = _adaptive_range(z, w_, ow)
            d = (ye - ys) * (xe - xs)
            for p in range(p_):
                s = 0.0
                for iy in range(ys, ye):
                    for ix in range(xs, xe):
                        s += x[p, iy, ix]
                out[p, y, z] = s / d


@njit(**_opts)
def adaptive_avg_pool_grad(g, gx):
    p_, h_, w_ = gx.shape
    _, oh, ow = g.shape
    for y in range(oh):
        ys, ye = _adaptive_range(y, h_, oh)
        for z in range(ow):
            xs, xe = _adaptive_range(z, w_, ow)
            d = (ye - ys) * (xe - xs)
            for p in range(p_):
                v = g[p, y, z] / d
                for iy in range(ys, ye):
                    for ix in range(xs, xe):
                        gx[p, iy, ix] += v


@njit(**_opts)
def adaptive_max_pool(x, out, idx):
    p_, h_, w_ = x.shape
    _, oh, ow = out.shape
    for y in range(oh):
        ys, ye = _adaptive_range(y, h_, oh)
        for z in range(ow):
            xs, xe = _adaptive_range(z, w_, ow)
            for p in range(p_):
                best = x[p, ys, xs]
                bi = ys * w_ + xs
                for iy in range(ys, ye):
                    for ix in range(xs, xe):
                        v = x[p, iy, ix]
                        if (v > best or np.isnan(v)) and not np.isnan(best):
                            best = v
                            bi = iy * w_ + ix
                out[p, y, z] = best
                idx[p, y, z] = bi

