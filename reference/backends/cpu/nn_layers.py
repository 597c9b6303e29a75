"""CPU backend entry points of the layer kernels (convolution, pooling, normalisation).

Arguments are tensors the op layer made contiguous, in a float dtype numba computes in, and
outputs it allocated; geometry arrives as plain ints in 2-D form (a 1-D layer has height 1).
A forward may return an opaque saved state its backward takes back (the column buffer).
"""
import numpy as np

from . import conv_kernels as _ck
from . import norm_kernels as _nk
from . import pool_kernels as _pk


def _a(t):
    return np.ascontiguousarray(t._np())


def _dummy(dtype):
    return np.zeros(1, dtype)


# ---- convolution: x (N, C, H, W), w (O, C/groups, kh, kw), out (N, O, oh, ow) ----

def conv2d(x, w, bias, geom, groups, out):
    """geom = (sh, sw, ph, pw, dh, dw). Returns the column buffer for the backward."""
    xv, wv, ov = _a(x), _a(w), out._np()
    n, c = xv.shape[:2]
    o, _, kh, kw = wv.shape
    oh, ow = ov.shape[2:]
    cols = np.empty((c * kh * kw, n * oh * ow), xv.dtype)
    _ck.im2col(xv, kh, kw, *geom, oh, ow, cols)
    bv = _a(bias) if bias is not None else _dummy(xv.dtype)
    _ck.grouped_product(wv.reshape(o, -1), cols, groups, bv, bias is not None, ov.reshape(n, o, oh * ow))
    return cols


def conv2d_backward(g, x, w, cols, geom, groups, gx, gw, gb):
    """Writes the requested gradients (gx, gw, gb may be None)."""
    gv, wv = _a(g), _a(w)
    n, o, oh, ow = gv.shape
    kh, kw = wv.shape[2:]
    g3 = gv.reshape(n, o, oh * ow)
    g2 = _ck.batch_major(g3)
    if gw is not None:
        _ck.grouped_weight_grad(g2, cols, groups, gw._np().reshape(o, -1))
    if gb is not None:
        _ck.channel_sums(g3, gb._np())
    if gx is not None:
        dcols = np.empty_like(cols)
        _ck.grouped_product_t(wv.reshape(o, -1), g2, groups, dcols)
        gxv = gx._np()
        gxv[...] = 0
        _ck.col2im(dcols, kh, kw, *geom, oh, ow, gxv)


def conv_transpose2d(x, w, bias, geom, groups, out):
    """The adjoint of conv2d in its input: x (N, Cin, H, W), w (Cin, Cout/groups, kh, kw),
    out (N, Cout, OH, OW). Returns x in batch-major layout for the weight gradient."""
    xv, wv, ov = _a(x), _a(w), out._np()
    n, cin, h, wd = xv.shape
    kh, kw = wv.shape[2:]
    x2 = _ck.batch_major(xv.reshape(n, cin, h * wd))
    cout = ov.shape[1]
    dcols = np.empty((cout * kh * kw, n * h * wd), xv.dtype)
    _ck.grouped_product_t(wv.reshape(cin, -1), x2, groups, dcols)
    ov[...] = 0
    _ck.col2im(dcols, kh, kw, *geom, h, wd, ov)
    if bias is not None:
        _ck.add_channel_bias(ov.reshape(n, cout, -1), _a(bias))
    return x2


def conv_transpose2d_backward(g, x, w, x2, geom, groups, gx, gw, gb):
    gv, wv = _a(g), _a(w)
    n, cout = gv.shape[:2]
    cin, _, kh, kw = wv.shape
    h, wd = x._shape[2:]
    if gb is not None:
        _ck.channel_sums(gv.reshape(n, cout, -1), gb._np())
    if gx is None and gw is None:
        return
    cols = np.empty((cout * kh * kw, n * h * wd), gv.dtype)
    _ck.im2col(gv, kh, kw, *geom, h, wd, cols)
    if gx is not None:
        _ck.grouped_product(wv.reshape(cin, -1), cols, groups, _dummy(gv.dtype), False,
                            gx._np().reshape(n, cin, h * wd))
    if gw is not None:
        _ck.grouped_weight_grad(x2, cols, groups, gw._np().reshape(cin, -1))


def unfold2d(x, k, geom, blocks, out):
    """out (N, C*kh*kw, L) = the sliding blocks of x (N, C, H, W) as columns."""
    xv = _a(x)
    n, c = xv.shape[:2]
    L = blocks[0] * blocks[1]
    cols = np.empty((c * k[0] * k[1], n * L), xv.dtype)
    _ck.im2col(xv, k[0], k[1], *geom, blocks[0], blocks[1], cols)
    out._np()[...] = cols.reshape(-1, n, L).transpose(1, 0, 2)


def fold2d(cols3, k, geom, blocks, out):
    """out (N, C, H, W) = the sum of the blocks of cols3 (N, C*kh*kw, L) put back in place."""
    cv = _a(cols3)
    n, ck, L = cv.shape
    cols = np.ascontiguousarray(cv.transpose(1, 0, 2)).reshape(ck, n * L)
    ov = out._np()
    ov[...] = 0
    _ck.col2im(cols, k[0], k[1], *geom, blocks[0], blocks[1], ov)


# ---- pooling: planes (P, H, W) ----

def max_pool2d(x, k, s, p, d, out, idx):
    _pk.max_pool(_a(x), *k, *s, *p, *d, out._np(), idx._np())


def max_pool2d_backward(g, idx, gx):
    gxv = gx._np()
    gxv[...] = 0
    _pk.scatter_max_grad(_a(g), _a(idx), gxv.reshape(gxv.shape[0], -1))


def avg_pool2d(x, k, s, p, count_include_pad, divisor, out):
    _pk.avg_pool(_a(x), *k, *s, *p, count_include_pad, divisor, out._np())


def avg_pool2d_backward(g, k, s, p, count_include_pad, divisor, gx):
    gxv = gx._np()
    gxv[...] = 0
    _pk.avg_pool_grad(_a(g), *k, *s, *p, count_include_pad, divisor, gxv)


def adaptive_avg_pool2d(x, out):
    _pk.adaptive_avg_pool(_a(x), out._np())


def adaptive_avg_pool2d_backward(g, gx):
    gxv = gx._np()
    gxv[...] = 0
    _pk.adaptive_avg_pool_grad(_a(g), gxv)


def adaptive_max_pool2d(x, out, idx):
    _pk.adaptive_max_pool(_a(x), out._np(), idx._np())


# ---- normalisation: statistics (mean, var, rstd) and weight/bias gradients are float64 tensors ----

def _opt(t, dtype):
    return (_a(t), True) if t is not None else (_dummy(dtype), False)


def batch_norm(x, training, running_mean, running_var, eps, w, b, y, mean, var, rstd):
    """x, y (N, C, L); mean, var, rstd (C,). Out of training the running statistics are used."""
    xv = _a(x)
    wv, hw = _opt(w, xv.dtype)
    bv, hb = _opt(b, xv.dtype)
    m, v = mean._np(), var._np()
    rm = _a(running_mean).astype(np.float64) if running_mean is not None else m
    rv = _a(running_var).astype(np.float64) if running_var is not None else v
    _nk.batch_norm(xv, training, rm, rv, eps, wv, bv, hw, hb, y._np(), m, v, rstd._np())


def batch_norm_backward(g, x, training, mean, rstd, w, gx, gw, gb):
    xv = _a(x)
    wv, hw = _opt(w, xv.dtype)
    gxv = gx._np() if gx is not None else _dummy(xv.dtype).reshape(1, 1, 1)
    _nk.batch_norm_grad(_a(g), xv, training, mean._np(), rstd._np(), wv, hw, gxv, gx is not None,
                        gw._np(), gb._np())


def layer_norm(x, eps, w, b, y, mean, rstd):
    """x, y (R, D); w, b (D,) or None; mean, rstd (R,)."""
    xv = _a(x)
    wv, hw = _opt(w, xv.dtype)
    bv, hb = _opt(b, xv.dtype)
    _nk.layer_norm(xv, eps, wv, bv, hw, hb, y._np(), mean._np(), rstd._np())


def layer_norm_backward(g, x, mean, rstd, w, gx, gw, gb):
    xv = _a(x)
    wv, hw = _opt(w, xv.dtype)
    gxv = gx._np() if gx is not None else _dummy(xv.dtype).reshape(1, 1)
    gwv, gbv = gw._np(), gb._np()
    gwv[...] = 0
    gbv[...] = 0
    _nk.layer_norm_grad(_a(g), xv, mean._np(), rstd._np(), wv, hw, gxv, gx is not None, gwv, gbv)


def group_norm(x, eps, batch_stats, w, b, y, mean, rstd):
    """x, y (N, G, Cg, L); mean, rstd (N, G); batch_stats: instance norm's zero-variance rule."""
    xv = _a(x)
    wv, hw = _opt(w, xv.dtype)
    bv, hb = _opt(b, xv.dtype)
    _nk.group_norm(xv, eps, bool(batch_stats), wv, bv, hw, hb, y._np(), mean._np(), rstd._np())


def group_norm_backward(g, x, mean, rstd, w, gx, gw, gb):
    xv = _a(x)
    wv, hw = _opt(w, xv.dtype)
    gxv = gx._np() if gx is not None else _dummy(xv.dtype).reshape(1, 1, 1, 1)
    gwv, gbv = gw._np(), gb._np()
    gwv[...] = 0
    gbv[...] = 0
    _nk.group_norm_grad(_a(g), xv, mean._np(), rstd._np(), wv, hw, gxv, gx is not None, gwv, gbv)
