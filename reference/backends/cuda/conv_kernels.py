"""Direct convolution kernels on contiguous (N, C, H, W) buffers: one thread per output element.

Geometry is 2-D (a 1-D convolution has height 1): stride (sh, sw), padding (ph, pw), dilation
(dh, dw); weights (O, C/groups, kh, kw). The three products of a convolution (forward, input
gradient, weight gradient) are three gathers, so no thread writes where another does and no atomics
are needed; the transposed convolution and fold reuse them with the roles of the operands swapped.
"""
from numba import cuda

from . import device_math as dm


@cuda.jit
def forward(X, xo, W, wo, Bv, bo, has_bias, O, oo, N, C, H, Wd, Oc, oh, ow, kh, kw,
            sh, sw, ph, pw, dh, dw, groups):
    """O[n, o, y, z] = bias[o] + sum over the group's c, i, j of W[o, c, i, j] * X[n, c, iy, ix]."""
    cg = C // groups
    og = Oc // groups
    for e in range(cuda.grid(1), N * Oc * oh * ow, cuda.gridsize(1)):
        z = e % ow
        r = e // ow
        y = r % oh
        r = r // oh
        o = r % Oc
        n = r // Oc
        g = o // og
        acc = dm.acc64(0.0)
        for c in range(cg):
            xc = xo + (n * C + g * cg + c) * H * Wd
            wc = wo + (o * cg + c) * kh * kw
            for i in range(kh):
                iy = y * sh - ph + i * dh
                if iy < 0 or iy >= H:
                    continue
                for j in range(kw):
                    ix = z * sw - pw + j * dw
                    if ix >= 0 and ix < Wd:
                        acc += W[wc + i * kw + j] * X[xc + iy * Wd + ix]
        if has_bias:
            acc += Bv[bo + o]
        O[oo + e] = acc


@cuda.jit
def input_grad(G, go, W, wo, Bv, bo, has_bias, GX, gxo, N, C, H, Wd, Oc, oh, ow, kh, kw,
               sh, sw, ph, pw, dh, dw, groups):
    """GX[n, c, iy, ix] = sum over o of c's group and the (i, j, y, z) with iy = y*sh - ph + i*dh,
    ix = z*sw - pw + j*dw of G[n, o, y, z] * W[o, c, i, j] (+ bias[c]: the transposed convolution)."""
    cg = C // groups
    og = Oc // groups
    for e in range(cuda.grid(1), N * C * H * Wd, cuda.gridsize(1)):
        ix = e % Wd
        r = e // Wd
        iy = r % H
        r = r // H
        c = r % C
        n = r // C
        g = c // cg
        cl = c % cg
        acc = dm.acc64(0.0)
        for ol in range(og):
            o = g * og + ol
            gc = go + (n * Oc + o) * oh * ow
            wc = wo + (o * cg + cl) * kh * kw
            for i in range(kh):
                ty = iy + ph - i * dh
                if ty < 0 or ty % sh != 0 or ty // sh >= oh:
                    continue
                y = ty // sh
                for j in range(kw):
                    tx = ix + pw - j * dw
                    if tx >= 0 and tx % sw == 0 and tx // sw < ow:
                        acc += G[gc + y * ow + tx // sw] * W[wc + i * kw + j]
        if has_bias:
            acc += Bv[bo + c]
        GX[gxo + e] = acc


@cuda.jit
def weight_grad(G, go, X, xo, GW, gwo, N, C, H, Wd, Oc, oh, ow, kh, kw, sh, sw, ph, pw, dh, dw, groups):
    """GW[o, c, i, j] = sum over n, y, z of G[n, o, y, z] * X[n, group(o)*cg + c, iy, ix]."""
    cg = C // groups
    og = Oc // groups
    for e in range(cuda.grid(1), Oc * cg * kh * kw, cuda.gridsize(1)):
        j = e % kw
        r = e // kw
        i = r % kh
        r = r // kh
        c = r % cg
        o = r // cg
        ci = (o // og) * cg + c
        acc = dm.acc64(0.0)
        for n in range(N):
            gc = go + (n * Oc + o) * oh * ow
            xc = xo + (n * C + ci) * H * Wd
            for y in range(oh):
                iy = y * sh - ph + i * dh
                if iy < 0 or iy >= H:
                    continue
                for z in range(ow):
                    ix = z * sw - pw + j * dw
                    if ix >= 0 and ix < Wd:
                        acc += G[gc + y * ow + z] * X[xc + iy * Wd + ix]
        GW[gwo + e] = acc


@cuda.jit
def channel_sums(G, go, N, Oc, L, out, oo):
    """out[o] = sum over n, l of G[n, o, l] (a bias gradient)."""
    for o in range(cuda.grid(1), Oc, cuda.gridsize(1)):
        acc = dm.acc64(0.0)
        for n in range(N):
            base = go + (n * Oc + o) * L
            for l in range(L):
                acc += G[base + l]
        out[oo + o] = acc


@cuda.jit
def unfold(X, xo, O, oo, N, C, H, Wd, oh, ow, kh, kw, sh, sw, ph, pw, dh, dw):
    """O[n, (c*kh + i)*kw + j, y*ow + z] = X[n, c, iy, ix], 0 outside."""
    L = oh * ow
    rows = C * kh * kw
    for e in range(cuda.grid(1), N * rows * L, cuda.gridsize(1)):
        l = e % L
        r = e // L
        row = r % rows
        n = r // rows
        j = row % kw
        i = (row // kw) % kh
        c = row // (kw * kh)
        iy = (l // ow) * sh - ph + i * dh
        ix = (l % ow) * sw - pw + j * dw
        v = dm.acc64(0.0)
        if iy >= 0 and iy < H and ix >= 0 and ix < Wd:
            v = X[xo + ((n * C + c) * H + iy) * Wd + ix]
        O[oo + e] = v


@cuda.jit
def fold(Cols, co, O, oo, N, C, H, Wd, oh, ow, kh, kw, sh, sw, ph, pw, dh, dw):
    """O[n, c, iy, ix] = the sum of every column entry unfold would read from there."""
    L = oh * ow
    rows = C * kh * kw
    for e in range(cuda.grid(1), N * C * H * Wd, cuda.gridsize(1)):
        ix = e % Wd
        r = e // Wd
        iy = r % H
        r = r // H
        c = r % C
        n = r // C
        acc = dm.acc64(0.0)
        for i in range(kh):
            ty = iy + ph - i * dh
            if ty < 0 or ty % sh != 0 or ty // sh >= oh:
                continue
            for j in range(kw):
                tx = ix + pw - j * dw
                if tx >= 0 and tx % sw == 0 and tx // sw < ow:
                    acc += Cols[co + (n * rows + (c * kh + i) * kw + j) * L + (ty // sh) * ow + tx // sw]
        O[oo + e] = acc
