"""Pooling kernels over contiguous planes (P, H, W), P = N * C (1-D pooling has H = 1); one thread
per output element. Max pooling records the flat index iy * W + ix of the chosen element within its
plane (torch's return_indices); a NaN in a window wins, as in torch. Backward passes scatter with
atomic adds, since windows overlap."""
import math

from numba import cuda

from . import device_math as dm


@cuda.jit
def max_pool(X, xo, P, H, W, O, oo, I, io, oh, ow, kh, kw, sh, sw, ph, pw, dh, dw):
    for e in range(cuda.grid(1), P * oh * ow, cuda.gridsize(1)):
        z = e % ow
        y = (e // ow) % oh
        p = e // (ow * oh)
        base = xo + p * H * W
        best = -math.inf
        bi = -1
        found_nan = False
        for i in range(kh):
            iy = y * sh - ph + i * dh
            if iy < 0 or iy >= H or found_nan:
                continue
            for j in range(kw):
                ix = z * sw - pw + j * dw
                if ix < 0 or ix >= W:
                    continue
                v = X[base + iy * W + ix]
                if v > best or v != v or bi < 0:
                    best = v
                    bi = iy * W + ix
                    if v != v:
                        found_nan = True
                        break
        O[oo + e] = best
        I[io + e] = bi


@cuda.jit
def scatter_max_grad(G, go, I, io, n, per_plane, HW, GX, gxo):
    """GX (P, H*W), zeroed, accumulates each output gradient at the index its max came from."""
    for e in range(cuda.grid(1), n, cuda.gridsize(1)):
        cuda.atomic.add(GX, gxo + (e // per_plane) * HW + I[io + e], G[go + e])


@cuda.jit(device=True)
def _avg_window(y, k, s, p, size):
    """(start, end, padded count) of one average-pooling window along one axis."""
    start = y * s - p
    end = min(start + k, size + p)
    return max(start, 0), min(end, size), end - start


@cuda.jit(device=True)
def _divisor(divisor, count_include_pad, yc, xc, ys, ye, xs, xe):
    if divisor != 0:
        return divisor
    if count_include_pad:
        return yc * xc
    return (ye - ys) * (xe - xs)


@cuda.jit
def avg_pool(X, xo, P, H, W, O, oo, oh, ow, kh, kw, sh, sw, ph, pw, count_include_pad, divisor):
    for e in range(cuda.grid(1), P * oh * ow, cuda.gridsize(1)):
        z = e % ow
        y = (e // ow) % oh
        p = e // (ow * oh)
        ys, ye, yc = _avg_window(y, kh, sh, ph, H)
        xs, xe, xc = _avg_window(z, kw, sw, pw, W)
        d = _divisor(divisor, count_include_pad, yc, xc, ys, ye, xs, xe)
        s = dm.acc64(0.0)
        for iy in range(ys, ye):
            for ix in range(xs, xe):
                s += X[xo + (p * H + iy) * W + ix]
        O[oo + e] = s / d


@cuda.jit
def avg_pool_grad(G, go, P, H, W, GX, gxo, oh, ow, kh, kw, sh, sw, ph, pw, count_include_pad, divisor):
    for e in range(cuda.grid(1), P * oh * ow, cuda.gridsize(1)):
        z = e % ow
        y = (e // ow) % oh
        p = e // (ow * oh)
        ys, ye, yc = _avg_window(y, kh, sh, ph, H)
        xs, xe, xc = _avg_window(z, kw, sw, pw, W)
        v = G[go + e] / _divisor(divisor, count_include_pad, yc, xc, ys, ye, xs, xe)
        for iy in range(ys, ye):
            for ix in range(xs, xe):
                cuda.atomic.add(GX, gxo + (p * H + iy) * W + ix, v)


@cuda.jit(device=True)
def _adaptive_range(i, n_in, n_out):
    """torch's adaptive windows: [floor(i * in / out), ceil((i + 1) * in / out))."""
    return (i * n_in) // n_out, ((i + 1) * n_in + n_out - 1) // n_out


@cuda.jit
def adaptive_avg_pool(X, xo, P, H, W, O, oo, oh, ow):
    for e in range(cuda.grid(1), P * oh * ow, cuda.gridsize(1)):
        z = e % ow
        y = (e // ow) % oh
        p = e // (ow * oh)
        ys, ye = _adaptive_range(y, H, oh)
        xs, xe = _adaptive_range(z, W, ow)
        s = dm.acc64(0.0)
        for iy in range(ys, ye):
            for ix in range(xs, xe):
                s += X[xo + (p * H + iy) * W + ix]
        O[oo + e] = s / ((ye - ys) * (xe - xs))


@cuda.jit
def adaptive_avg_pool_grad(G, go, P, H, W, GX, gxo, oh, ow):
    for e in range(cuda.grid(1), P * oh * ow, cuda.gridsize(1)):
        z = e % ow
        y = (e // ow) % oh
        p = e // (ow * oh)
        ys, ye = _adaptive_range(y, H, oh)
        xs, xe = _adaptive_range(z, W, ow)
        v = G[go + e] / ((ye - ys) * (xe - xs))
        for iy in range(ys, ye):
            for ix in range(xs, xe):
                cuda.atomic.add(GX, gxo + (p * H + iy) * W + ix, v)


@cuda.jit
def adaptive_max_pool(X, xo, P, H, W, O, oo, I, io, oh, ow):
    for e in range(cuda.grid(1), P * oh * ow, cuda.gridsize(1)):
        z = e % ow
        y = (e // ow) % oh
        p = e // (ow * oh)
        ys, ye = _adaptive_range(y, H, oh)
        xs, xe = _adaptive_range(z, W, ow)
        base = xo + p * H * W
        best = X[base + ys * W + xs]
        bi = ys * W + xs
        for iy in range(ys, ye):
            for ix in range(xs, xe):
                v = X[base + iy * W + ix]
                if (v > best or v != v) and not best != best:
                    best = v
                    bi = iy * W + ix
        O[oo + e] = best
        I[io + e] = bi
