"""CUDA entry points of the layer kernels (convolution, pooling, normalisation), with the signatures
of reference/backends/cpu/nn_layers.py. Inputs are read contiguous (a copy on the device when a
caller passes a strided view); outputs are the contiguous tensors the op layer allocated. A forward
may return an opaque state for its backward; these kernels recompute instead, so it is None."""
from ..._shape import numel
from . import conv_kernels as _ck
from . import fill_kernels as _fk
from . import norm_kernels as _nk
from . import pool_kernels as _pk
from ._launch import grid
from .memory import operand, optional_operand, output


def _zero(t):
    """t[...] = 0 for an output the kernels accumulate into (atomic adds)."""
    _fk.zero[grid(numel(t._shape))](*output(t), numel(t._shape))


# ---- convolution: x (N, C, H, W), w (O, C/groups, kh, kw), out (N, O, oh, ow) ----

def conv2d(x, w, bias, geom, groups, out):
    """geom = (sh, sw, ph, pw, dh, dw)."""
    n, c, h, wd = x._shape
    o, _, kh, kw = w._shape
    oh, ow = out._shape[2:]
    b, bo, has_b = optional_operand(bias)
    _ck.forward[grid(numel(out._shape))](*operand(x), *operand(w), b, bo, has_b, *output(out), n, c, h, wd, o, oh, ow,
                                         kh, kw, *geom, groups)
    return None


def conv2d_backward(g, x, w, state, geom, groups, gx, gw, gb):
    """Writes the requested gradients (gx, gw, gb may be None)."""
    n, c, h, wd = x._shape
    o, _, kh, kw = w._shape
    oh, ow = g._shape[2:]
    gd = operand(g)
    if gx is not None:
        b, bo, _ = optional_operand(None)
        _ck.input_grad[grid(numel(gx._shape))](*gd, *operand(w), b, bo, False, *output(gx), n, c, h, wd, o, oh, ow,
                                               kh, kw, *geom, groups)
    if gw is not None:
        _ck.weight_grad[grid(numel(gw._shape))](*gd, *operand(x), *output(gw), n, c, h, wd, o, oh, ow, kh, kw, *geom,
                                                groups)
    if gb is not None:
        _ck.channel_sums[grid(o)](*gd, n, o, oh * ow, *output(gb))


def conv_transpose2d(x, w, bias, geom, groups, out):
    """The adjoint of conv2d in its input: x (N, Cin, H, W), w (Cin, Cout/groups, kh, kw), out
    (N, Cout, OH, OW): conv2d's input gradient with x as the output gradient, plus the bias."""
    n, cin, h, wd = x._shape
    _, _, kh, kw = w._shape
    cout, oh, ow = out._shape[1:]
    b, bo, has_b = optional_operand(bias)
    _ck.input_grad[grid(numel(out._shape))](*operand(x), *operand(w), b, bo, has_b, *output(out), n, cout, oh, ow, cin,
                                            h, wd, kh, kw, *geom, groups)
    return None


def conv_transpose2d_backward(g, x, w, state, geom, groups, gx, gw, gb):
    n, cout, oh, ow = g._shape
    cin, _, kh, kw = w._shape
    h, wd = x._shape[2:]
    gd = operand(g)
    if gb is not None:
        _ck.channel_sums[grid(cout)](*gd, n, cout, oh * ow, *output(gb))
    if gx is not None:
        # the transposed convolution's input gradient is the plain convolution of g
        b, bo, _ = optional_operand(None)
        _ck.forward[grid(numel(gx._shape))](*gd, *operand(w), b, bo, False, *output(gx), n, cout, oh, ow, cin, h, wd,
                                            kh, kw, *geom, groups)
    if gw is not None:
        _ck.weight_grad[grid(numel(gw._shape))](*operand(x), *gd, *output(gw), n, cout, oh, ow, cin, h, wd, kh, kw,
                                                *geom, groups)


def unfold2d(x, k, geom, blocks, out):
    """out (N, C*kh*kw, L) = the sliding blocks of x (N, C, H, W) as columns."""
    n, c, h, wd = x._shape
    _ck.unfold[grid(numel(out._shape))](*operand(x), *output(out), n, c, h, wd, *blocks, *k, *geom)


def fold2d(cols3, k, geom, blocks, out):
    """out (N, C, H, W) = the sum of the blocks of cols3 (N, C*kh*kw, L) put back in place."""
    n, c, h, wd = out._shape
    _ck.fold[grid(numel(out._shape))](*operand(cols3), *output(out), n, c, h, wd, *blocks, *k, *geom)


# ---- pooling: planes (P, H, W) ----

def max_pool2d(x, k, s, p, d, out, idx):
    P, H, W = x._shape
    oh, ow = out._shape[1:]
    _pk.max_pool[grid(numel(out._shape))](*operand(x), P, H, W, *output(out), *output(idx), oh, ow, *k, *s, *p, *d)


def max_pool2d_backward(g, idx, gx):
    _zero(gx)
    n = numel(g._shape)
    P, H, W = gx._shape
    _pk.scatter_max_grad[grid(n)](*operand(g), *operand(idx), n, g._shape[1] * g._shape[2], H * W, *output(gx))


def avg_pool2d(x, k, s, p, count_include_pad, divisor, out):
    P, H, W = x._shape
    oh, ow = out._shape[1:]
    _pk.avg_pool[grid(numel(out._shape))](*operand(x), P, H, W, *output(out), oh, ow, *k, *s, *p[:2],
                                          bool(count_include_pad), divisor or 0)


def avg_pool2d_backward(g, k, s, p, count_include_pad, divisor, gx):
    _zero(gx)
    P, H, W = gx._shape
    oh, ow = g._shape[1:]
    _pk.avg_pool_grad[grid(numel(g._shape))](*operand(g), P, H, W, *output(gx), oh, ow, *k, *s, *p[:2],
                                             bool(count_include_pad), divisor or 0)


def adaptive_avg_pool2d(x, out):
    P, H, W = x._shape
    _pk.adaptive_avg_pool[grid(numel(out._shape))](*operand(x), P, H, W, *output(out), *out._shape[1:])


def adaptive_avg_pool2d_backward(g, gx):
    _zero(gx)
    P, H, W = gx._shape
    _pk.adaptive_avg_pool_grad[grid(numel(g._shape))](*operand(g), P, H, W, *output(gx), *g._shape[1:])


def adaptive_max_pool2d(x, out, idx):
    P, H, W = x._shape
    _pk.adaptive_max_pool[grid(numel(out._shape))](*operand(x), P, H, W, *output(out), *output(idx), *out._shape[1:])


# ---- normalisation: statistics (mean, var, rstd) and weight/bias gradients are float64 tensors ----

def batch_norm(x, training, running_mean, running_var, eps, w, b, y, mean, var, rstd):
    """x, y (N, C, L); mean, var, rstd (C,). Out of training the running statistics are used."""
    n, c, L = x._shape
    rm, rmo, _ = optional_operand(running_mean if not training else None)
    rv, rvo, _ = optional_operand(running_var if not training else None)
    wd, wo, hw = optional_operand(w)
    bd, bo, hb = optional_operand(b)
    _nk.batch_norm[grid(c)](*operand(x), n, c, L, bool(training), rm, rmo, rv, rvo, float(eps), wd, wo, bd, bo,
                            hw, hb, *output(y), _flat(mean), _flat(var), _flat(rstd))


def _flat(t):
    return t._storage.data[t._offset:t._offset + numel(t._shape)]


def batch_norm_backward(g, x, training, mean, rstd, w, gx, gw, gb):
    n, c, L = x._shape
    wd, wo, hw = optional_operand(w)
    gxd, gxo, need = optional_operand(gx)
    _nk.batch_norm_grad[grid(c)](*operand(g), *operand(x), n, c, L, bool(training), _flat(mean), _flat(rstd), wd, wo,
                                 hw, gxd, gxo, need, *output(gw), *output(gb))


def layer_norm(x, eps, w, b, y, mean, rstd):
    """x, y (R, D); w, b (D,) or None; mean, rstd (R,)."""
    r, d = x._shape
    wd, wo, hw = optional_operand(w)
    bd, bo, hb = optional_operand(b)
    _nk.layer_norm[grid(r)](*operand(x), r, d, float(eps), wd, wo, bd, bo, hw, hb, *output(y), *output(mean),
                            *output(rstd))


def layer_norm_backward(g, x, mean, rstd, w, gx, gw, gb):
    r, d = x._shape
    gd, xd = operand(g), operand(x)
    if gx is not None:
        wd, wo, hw = optional_operand(w)
        _nk.layer_norm_grad_input[grid(r)](*gd, *xd, r, d, *operand(mean), *operand(rstd), wd, wo, hw, *output(gx))
    _nk.layer_norm_grad_affine[grid(d)](*gd, *xd, r, d, *operand(mean), *operand(rstd), *output(gw), *output(gb))


def group_norm(x, eps, batch_stats, w, b, y, mean, rstd):
    """x, y (N, G, Cg, L); mean, rstd (N, G); batch_stats: instance norm's zero-variance rule."""
    n, g, cg, L = x._shape
    wd, wo, hw = optional_operand(w)
    bd, bo, hb = optional_operand(b)
    _nk.group_norm[grid(n * g)](*operand(x), n, g, cg, L, float(eps), bool(batch_stats), wd, wo, bd, bo, hw, hb,
                                *output(y), *output(mean), *output(rstd))


def group_norm_backward(g, x, mean, rstd, w, gx, gw, gb):
    n, q, cg, L = x._shape
    gd, xd = operand(g), operand(x)
    if gx is not None:
        wd, wo, hw = optional_operand(w)
        _nk.group_norm_grad_input[grid(n * q)](*gd, *xd, n, q, cg, L, *operand(mean), *operand(rstd), wd, wo, hw,
                                               *output(gx))
    _nk.group_norm_grad_affine[grid(q * cg)](*gd, *xd, n, q, cg, L, *operand(mean), *operand(rstd), *output(gw),
                                             *output(gb))
