"""Normalisation kernels on contiguous buffers: batch norm over (N, C, L) per channel, layer norm
over (R, D) per row, group norm over (N, G, Cg, L) per (sample, group). One thread owns one
statistics group (a channel, a row, a (sample, group)): it takes the two sums in float64, then
writes its normalised outputs, so no two threads write one place. Layer/group norm weight and bias
gradients are sums over the groups: one thread per feature (layer norm) or channel (group norm)."""
from numba import cuda

from . import device_math as dm


@cuda.jit(device=True)
def batch_invstd(v, eps):
    """1 / sqrt(v + eps) for statistics taken over the batch (training batch norm, instance norm),
    as torch's batch-norm statistics: a zero variance with eps=0 gives 0, so a constant channel
    normalises to its bias with zero input gradient instead of NaN."""
    if v == 0.0 and eps == 0.0:
        return dm.acc64(0.0)
    return 1.0 / dm.sqrt(v + eps)


@cuda.jit
def batch_norm(X, xo, N, C, L, training, MI, mio, VI, vio, eps, Wt, wo, Bs, bo, has_w, has_b,
               Y, yo, M, V, RS):
    """training: statistics of this batch (biased variance) into M/V; else MI/VI."""
    m = N * L
    for c in range(cuda.grid(1), C, cuda.gridsize(1)):
        if training:
            s = dm.acc64(0.0)
            for n in range(N):
                for l in range(L):
                    s += X[xo + (n * C + c) * L + l]
            mu = s / m
            q = dm.acc64(0.0)
            for n in range(N):
                for l in range(L):
                    d = X[xo + (n * C + c) * L + l] - mu
                    q += d * d
            v = q / m
            r = batch_invstd(v, eps)
        else:
            mu = dm.acc64(MI[mio + c])
            v = dm.acc64(VI[vio + c])
            r = 1.0 / dm.sqrt(v + eps)
        M[c] = mu
        V[c] = v
        RS[c] = r
        scale = r * (Wt[wo + c] if has_w else 1.0)
        shift = (Bs[bo + c] if has_b else 0.0) - mu * scale
        for n in range(N):
            for l in range(L):
                Y[yo + (n * C + c) * L + l] = X[xo + (n * C + c) * L + l] * scale + shift


@cuda.jit
def batch_norm_grad(G, go, X, xo, N, C, L, training, M, RS, Wt, wo, has_w, GX, gxo, need_gx, GW, gwo, GB, gbo):
    m = N * L
    for c in range(cuda.grid(1), C, cuda.gridsize(1)):
        mu = M[c]
        r = RS[c]
        sg = dm.acc64(0.0)
        sgx = dm.acc64(0.0)
        for n in range(N):
            for l in range(L):
                k = (n * C + c) * L + l
                gv = G[go + k]
                sg += gv
                sgx += gv * (X[xo + k] - mu)
        GB[gbo + c] = sg
        GW[gwo + c] = sgx * r
        if need_gx:
            kk = (Wt[wo + c] if has_w else 1.0) * r
            a = sg / m if training else 0.0
            bcoef = sgx * r * r / m if training else 0.0
            for n in range(N):
                for l in range(L):
                    k = (n * C + c) * L + l
                    GX[gxo + k] = kk * (G[go + k] - a - (X[xo + k] - mu) * bcoef)


@cuda.jit
def layer_norm(X, xo, R, D, eps, Wt, wo, Bs, bo, has_w, has_b, Y, yo, M, mo, RS, ro):
    for i in range(cuda.grid(1), R, cuda.gridsize(1)):
        base = xo + i * D
        s = dm.acc64(0.0)
        for j in range(D):
            s += X[base + j]
        mu = s / D
        q = dm.acc64(0.0)
        for j in range(D):
            d = X[base + j] - mu
            q += d * d
        r = 1.0 / dm.sqrt(q / D + eps)
        M[mo + i] = mu
        RS[ro + i] = r
        for j in range(D):
            v = (X[base + j] - mu) * r
            if has_w:
                v = v * Wt[wo + j]
            if has_b:
                v = v + Bs[bo + j]
            Y[yo + i * D + j] = v


@cuda.jit
def layer_norm_grad_input(G, go, X, xo, R, D, M, mo, RS, ro, Wt, wo, has_w, GX, gxo):
    for i in range(cuda.grid(1), R, cuda.gridsize(1)):
        mu = M[mo + i]
        r = RS[ro + i]
        a = 0.0    # mean of g * w
        bq = 0.0   # mean of g * w * xhat
        for j in range(D):
            xh = (X[xo + i * D + j] - mu) * r
            gh = G[go + i * D + j] * (Wt[wo + j] if has_w else 1.0)
            a += gh
            bq += gh * xh
        a /= D
        bq /= D
        for j in range(D):
            xh = (X[xo + i * D + j] - mu) * r
            gh = G[go + i * D + j] * (Wt[wo + j] if has_w else 1.0)
            GX[gxo + i * D + j] = r * (gh - a - xh * bq)


@cuda.jit
def layer_norm_grad_affine(G, go, X, xo, R, D, M, mo, RS, ro, GW, gwo, GB, gbo):
    for j in range(cuda.grid(1), D, cuda.gridsize(1)):
        sw = dm.acc64(0.0)
        sb = dm.acc64(0.0)
        for i in range(R):
            gv = G[go + i * D + j]
            sw += gv * (X[xo + i * D + j] - M[mo + i]) * RS[ro + i]
            sb += gv
        GW[gwo + j] = sw
        GB[gbo + j] = sb


@cuda.jit
def group_norm(X, xo, N, Gs, Cg, L, eps, batch_stats, Wt, wo, Bs, bo, has_w, has_b, Y, yo, M, mo, RS, ro):
    m = Cg * L
    for e in range(cuda.grid(1), N * Gs, cuda.gridsize(1)):
        g = e % Gs
        base = xo + e * m
        s = dm.acc64(0.0)
        for k in range(m):
            s += X[base + k]
        mu = s / m
        q = dm.acc64(0.0)
        for k in range(m):
            d = X[base + k] - mu
            q += d * d
        v = q / m
        r = batch_invstd(v, eps) if batch_stats else 1.0 / dm.sqrt(v + eps)
        M[mo + e] = mu
        RS[ro + e] = r
        for c in range(Cg):
            ch = g * Cg + c
            scale = r * (Wt[wo + ch] if has_w else 1.0)
            shift = (Bs[bo + ch] if has_b else 0.0) - mu * scale
            for l in range(L):
                k = c * L + l
                Y[yo + e * m + k] = X[base + k] * scale + shift


@cuda.jit
def group_norm_grad_input(G, go, X, xo, N, Gs, Cg, L, M, mo, RS, ro, Wt, wo, has_w, GX, gxo):
    m = Cg * L
    for e in range(cuda.grid(1), N * Gs, cuda.gridsize(1)):
        q = e % Gs
        mu = M[mo + e]
        r = RS[ro + e]
        a = dm.acc64(0.0)
        bq = dm.acc64(0.0)
        for c in range(Cg):
            wc = Wt[wo + q * Cg + c] if has_w else 1.0
            for l in range(L):
                k = e * m + c * L + l
                gv = G[go + k]
                a += gv * wc
                bq += gv * (X[xo + k] - mu) * r * wc
        a /= m
        bq /= m
        for c in range(Cg):
            wc = Wt[wo + q * Cg + c] if has_w else 1.0
            for l in range(L):
                k = e * m + c * L + l
                xh = (X[xo + k] - mu) * r
                GX[gxo + k] = r * (G[go + k] * wc - a - xh * bq)


@cuda.jit
def group_norm_grad_affine(G, go, X, xo, N, Gs, Cg, L, M, mo, RS, ro, GW, gwo, GB, gbo):
    m = Cg * L
    for ch in range(cuda.grid(1), Gs * Cg, cuda.gridsize(1)):
        q = ch // Cg
        c = ch % Cg
        sw = dm.acc64(0.0)
        sb = dm.acc64(0.0)
        for n in range(N):
            e = n * Gs + q
            for l in range(L):
                k = e * m + c * L + l
                gv = G[go + k]
                sw += gv * (X[xo + k] - M[mo + e]) * RS[ro + e]
                sb += gv
        GW[gwo + ch] = sw
        GB[gbo + ch] = sb
