"""CUDA entry points of the layer kernels (convolution, pooling, normalisation), with the signatures
of reference/backends/cpu/nn_layers.py. Inputs are read contiguous (a copy on the device when a
caller passes a strided view); outputs are the contiguous tensors the op layer allocated. A forward
may return an opaque state for its backward; these kernels recompute instead, so it is None."""
import numpy as np
from numba import cuda

from ..._shape import numel
from . import conv_kernels as _ck
from . import fill_kernels as _fk
from . import norm_kernels as _nk
from . import pool_kernels as _pk
from ._launch import grid
from .memory import device_data


def _in(t):
    """(flat device array, offset) of t's elements in row-major order."""
    c = t.contiguous()
    return device_data(c), c._offset


def _out(t):
    return device_data(t), t._offset


_NONE = {}


def _opt(t):
    """(array, offset, present) of an optional operand; a one-element placeholder when absent."""
    if t is None:
        dummy = _NONE.get("f")
        if dummy is None:
            dummy = _NONE["f"] = cuda.to_device(np.zeros(1))
        return dummy, 0, False
    return (*_in(t), True)


def _zero(t):
    """t[...] = 0 for an output the kernels accumulate into (atomic adds)."""
    _fk.zero[grid(numel(t._shape))](*_out(t), numel(t._shape))


# ---- convolution: x (N, C, H, W), w (O, C/groups, kh, kw), out (N, O, oh, ow) ----

def conv2d(x, w, bias, geom, groups, out):
    """geom = (sh, sw, ph, pw, dh, dw)."""
    n, c, h, wd = x._shape
    o, _, kh, kw = w._shape
    oh, ow = out._shape[2:]
    b, bo, has_b = _opt(bias)
    _ck.forward[grid(numel(out._shape))](*_in(x), *_in(w), b, bo, has_b, *_out(out), n, c, h, wd, o, oh, ow,
                                         kh, kw, *geom, groups)
    return None


def conv2d_backward(g, x, w, state, geom, groups, gx, gw, gb):
    """Writes the requested gradients (gx, gw, gb may be None)."""
    n, c, h, wd = x._shape
    o, _, kh, kw = w._shape
    oh, ow = g._shape[2:]
    gd = _in(g)
    if gx is not None:
        b, bo, _ = _opt(None)
        _ck.input_grad[grid(numel(gx._shape))](*gd, *_in(w), b, bo, False, *_out(gx), n, c, h, wd, o, oh, ow,
                                               kh, kw, *geom, groups)
    if gw is not None:
        _ck.weight_grad[grid(numel(gw._shape))](*gd, *_in(x), *_out(gw), n, c, h, wd, o, oh, ow, kh, kw, *geom,
                                                groups)
    if gb is not None:
        _ck.channel_sums[grid(o)](*gd, n, o, oh * ow, *_out(gb))


def conv_transpose2d(x, w, bias, geom, groups, out):
    """The adjoint of conv2d in its input: x (N, Cin, H, W), w (Cin, Cout/groups, kh, kw), out
    (N, Cout, OH, OW): conv2d's input gradient with x as the output gradient, plus the bias."""
    n, cin, h, wd = x._shape
    _, _, kh, kw = w._shape
    cout, oh, ow = out._shape[1:]
    b, bo, has_b = _opt(bias)
    _ck.input_grad[grid(numel(out._shape))](*_in(x), *_in(w), b, bo, has_b, *_out(out), n, cout, oh, ow, cin,
                                            h, wd, kh, kw, *geom, groups)
    return None


def conv_transpose2d_backward(g, x, w, state, geom, groups, gx, gw, gb):
    n, cout, oh, ow = g._shape
    cin, _, kh, kw = w._shape
    h, wd = x._shape[2:]
    gd = _in(g)
    if gb is not None:
        _ck.channel_sums[grid(cout)](*gd, n, cout, oh * ow, *_out(gb))
    if gx is not None:
        # the transposed convolution's input gradient is the plain convolution of g
        b, bo, _ = _opt(None)
        _ck.forward[grid(numel(gx._shape))](*gd, *_in(w), b, bo, False, *_out(gx), n, cout, oh, ow, cin, h, wd,
                                            kh, kw, *geom, groups)
    if gw is not None:
        _ck.weight_grad[grid(numel(gw._shape))](*_in(x), *gd, *_out(gw), n, cout, oh, ow, cin, h, wd, kh, kw,
                                                *geom, groups)


def unfold2d(x, k, geom, blocks, out):
    """out (N, C*kh*kw, L) = the sliding blocks of x (N, C, H, W) as columns."""
    n, c, h, wd = x._shape
    _ck.unfold[grid(numel(out._shape))](*_in(x), *_out(out), n, c, h, wd, *blocks, *k, *geom)


def fold2d(cols3, k, geom, blocks, out):
    """out (N, C, H, W) = the sum of the blocks of cols3 (N, C*kh*kw, L) put back in place."""
    n, c, h, wd = out._shape
    _ck.fold[grid(numel(out._shape))](*_in(cols3), *_out(out), n, c, h, wd, *blocks, *k, *geom)


# ---- pooling: planes (P, H, W) ----

def max_pool2d(x, k, s, p, d, out, idx):
    P, H, W = x._shape
    oh, ow = out._shape[1:]
    _pk.max_pool[grid(numel(out._shape))](*_in(x), P, H, W, *_out(out), *_out(idx), oh, ow, *k, *s, *p, *d)


def max_pool2d_backward(g, idx, gx):
    _zero(gx)
    n = numel(g._shape)
    P, H, W = gx._shape
    _pk.scatter_max_grad[grid(n)](*_in(g), *_in(idx), n, g._shape[1] * g._shape[2], H * W, *_out(gx))


def avg_pool2d(x, k, s, p, count_include_pad, divisor, out):
    P, H, W = x._shape
    oh, ow = out._shape[1:]
    _pk.avg_pool[grid(numel(out._shape))](*_in(x), P, H, W, *_out(out), oh, ow, *k, *s, *p[:2],
                                          bool(count_include_pad), divisor or 0)


def avg_pool2d_backward(g, k, s, p, count_include_pad, divisor, gx):
    _zero(gx)
    P, H, W = gx._shape
    oh, ow = g._shape[1:]
    _pk.avg_pool_grad[grid(numel(g._shape))](*_in(g), P, H, W, *_out(gx), oh, ow, *k, *s, *p[:2],
                                             bool(count_include_pad), divisor or 0)


def adaptive_avg_pool2d(x, out):
    P, H, W = x._shape
    _pk.adaptive_avg_pool[grid(numel(out._shape))](*_in(x), P, H, W, *_out(out), *out._shape[1:])


def adaptive_avg_pool2d_backward(g, gx):
    _zero(gx)
    P, H, W = gx._shape
    _pk.adaptive_avg_pool_grad[grid(numel(g._shape))](*_in(g), P, H, W, *_out(gx), *g._shape[1:])


def adaptive_max_pool2d(x, out, idx):
    P, H, W = x._shape
    _pk.adaptive_max_pool[grid(numel(out._shape))](*_in(x), P, H, W, *_out(out), *_out(idx), *out._shape[1:])


# ---- normalisation: statistics (mean, var, rstd) and weight/bias gradients are float64 tensors ----

def batch_norm(x, training, running_mean, running_var, eps, w, b, y, mean, var, rstd):
    """x, y (N, C, L); mean, var, rstd (C,). Out of training the running statistics are used."""
    n, c, L = x._shape
    rm, rmo, _ = _opt(running_mean if not training else None)
    rv, rvo, _ = _opt(running_var if not training else None)
    wd, wo, hw = _opt(w)
    bd, bo, hb = _opt(b)
    _nk.batch_norm[grid(c)](*_in(x), n, c, L, bool(training), rm, rmo, rv, rvo, float(eps), wd, wo, bd, bo,
                            hw, hb, *_out(y), _flat(mean), _flat(var), _flat(rstd))


def _flat(t):
    return t._storage.data[t._offset:t._offset + numel(t._shape)]


def batch_norm_backward(g, x, training, mean, rstd, w, gx, gw, gb):
    n, c, L = x._shape
    wd, wo, hw = _opt(w)
    gxd, gxo, need = _opt(gx)
    _nk.batch_norm_grad[grid(c)](*_in(g), *_in(x), n, c, L, bool(training), _flat(mean), _flat(rstd), wd, wo,
                                 hw, gxd, gxo, need, *_out(gw), *_out(gb))


def layer_norm(x, eps, w, b, y, mean, rstd):
    """x, y (R, D); w, b (D,) or None; mean, rstd (R,)."""
    r, d = x._shape
    wd, wo, hw = _opt(w)
    bd, bo, hb = _opt(b)
    _nk.layer_norm[grid(r)](*_in(x), r, d, float(eps), wd, wo, bd, bo, hw, hb, *_out(y), *_out(mean), *_out(rstd))


def layer_norm_backward(g, x, mean, rstd, w, gx, gw, gb):
    r, d = x._shape
    gd, xd = _in(g), _in(x)
    if gx is not None:
        wd, wo, hw = _opt(w)
        _nk.layer_norm_grad_input[grid(r)](*gd, *xd, r, d, *_in(mean), *_in(rstd), wd, wo, hw, *_out(gx))
    _nk.layer_norm_grad_affine[grid(d)](*gd, *xd, r, d, *_in(mean), *_in(rstd), *_out(gw), *_out(gb))


def group_norm(x, eps, w, b, y, mean, rstd):
    """x, y (N, G, Cg, L); mean, rstd (N, G)."""
    n, g, cg, L = x._shape
    wd, wo, hw = _opt(w)
    bd, bo, hb = _opt(b)
    _nk.group_norm[grid(n * g)](*_in(x), n, g, cg, L, float(eps), wd, wo, bd, bo, hw, hb, *_out(y), *_out(mean),
                                *_out(rstd))


def group_norm_backward(g, x, mean, rstd, w, gx, gw, gb):
    n, q, cg, L = x._shape
    gd, xd = _in(g), _in(x)
    if gx is not None:
        wd, wo, hw = _opt(w)
        _nk.group_norm_grad_input[grid(n * q)](*gd, *xd, n, q, cg, L, *_in(mean), *_in(rstd), wd, wo, hw, *_out(gx))
    _nk.group_norm_grad_affine[grid(q * cg)](*gd, *xd, n, q, cg, L, *_in(mean), *_in(rstd), *_out(gw), *_out(gb))
