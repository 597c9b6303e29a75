"""Convolutions (conv1d/2d, conv_transpose1d/2d) and unfold/fold, each one recorded op.

Every form runs as a 2-D convolution (1-D inputs get height 1) through the device backend:
im2col plus one matrix product per group. The backward gives the input, weight and bias
gradients from the same column buffer the forward built.
"""
from ... import _dtype as D
from ..._ops._util import empty_tensor
from ...autograd.graph import needs_grad, record
from ...backends import backend_of
from .._geometry import ntuple, shape_list
from ._half import in_float32, is_half
from ._twice import creating_graph
from ._vision import pad

__all__ = ["conv1d", "conv2d", "conv_transpose1d", "conv_transpose2d", "unfold", "fold"]

_TYPE_NAMES = {"float32": "Float", "float64": "Double", "float16": "Half"}


def _check_input_rank(x, nd, what):
    if x.dim() not in (nd + 1, nd + 2):
        raise RuntimeError(f"Expected {nd + 1}D (unbatched) or {nd + 2}D (batched) input to {what}, but got "
                           f"input of size: {shape_list(x.shape)}")


def _check_dtypes(x, w, b):
    for t in (w, b):
        if t is not None and t.dtype is not x.dtype:
            raise RuntimeError(f"expected scalar type {_TYPE_NAMES.get(x.dtype.name, x.dtype.name)} but found "
                               f"{_TYPE_NAMES.get(t.dtype.name, t.dtype.name)}")
    if not x.dtype.is_floating_point:
        raise RuntimeError(f"\"slow_conv2d_cpu\" not implemented for '{x.dtype.name}'")


def _check_bias(w, b):
    if b is not None and (b.dim() != 1 or b.shape[0] != w.shape[0]):
        raise RuntimeError(f"Given weight of size {shape_list(w.shape)}, expected bias to be 1-dimensional with "
                           f"{w.shape[0]} elements, but got bias of size {shape_list(b.shape)} instead")


def _as_2d(t, nd):
    """A detached contiguous (N, C, H, W) view of a batched 1-D or 2-D tensor."""
    t = t.detach().contiguous()
    return t.unsqueeze(2) if nd == 1 else t


def _check_groups(groups):
    # the channel counts are divided by groups
    if groups <= 0:
        raise RuntimeError("non-positive groups is not supported")


def _geom2(nd, stride, padding, dilation, transposed=False):
    """(sh, sw, ph, pw, dh, dw): 2-D geometry; a 1-D layer has a unit, unpadded height. The output
    size divides by the stride, so a non-positive one is refused, as are negative padding and
    non-positive dilation (torch's order and messages)."""
    s, p, d = ntuple(stride, nd, "stride"), ntuple(padding, nd, "padding"), ntuple(dilation, nd, "dilation")
    if nd == 1:
        s, p, d = (1,) + s, (0,) + p, (1,) + d
    if any(v < 0 for v in p):
        raise RuntimeError("negative padding is not supported")
    if any(v <= 0 for v in s):
        raise RuntimeError("non-positive stride is not supported")
    if any(v <= 0 for v in d):
        got = f"dilation_height: {d[0]}, dilation_width: {d[1]}" if transposed else str(list(d))
        raise RuntimeError(f"dilation should be greater than zero, but got {got}")
    return s[0], s[1], p[0], p[1], d[0], d[1]


def _conv_out_size(size, k, s, p, d):
    return (size + 2 * p - d * (k - 1) - 1) // s + 1


def _same_padding(x, nd, k, dilation):
    """torch's padding='same': total d*(k-1) per dim, the odd extra one on the far side (padded
    into the input here, the even part goes to the kernel)."""
    d = ntuple(dilation, nd, "dilation")
    sym, extra = [], []
    for kk, dd in zip(k, d):
        total = dd * (kk - 1)
        sym.append(total // 2)
        extra.append(total - 2 * (total // 2))
    if any(extra):
        widths = []
        for e in reversed(extra):
            widths += [0, e]
        x = pad(x, widths)
    return x, tuple(sym)


def _convnd(nd, x, w, b, stride, padding, dilation, groups, what):
    _check_input_rank(x, nd, what)
    if w.dim() != nd + 2:
        raise RuntimeError(f"weight should have at least three dimensions, but got weight of size "
                           f"{shape_list(w.shape)}")
    _check_dtypes(x, w, b)
    if is_half(x):
        return in_float32(lambda x, w, b: _convnd(nd, x, w, b, stride, padding, dilation, groups, what), x, w, b)
    unbatched = x.dim() == nd + 1
    if unbatched:
        x = x.unsqueeze(0)
    _check_groups(groups)
    if not isinstance(padding, str):
        _geom2(nd, stride, padding, dilation)
    if w.shape[0] % groups:
        raise RuntimeError(f"Given groups={groups}, expected weight to be divisible by {groups} at dimension 0, "
                           f"but got weight of size [{shape_list(w.shape)}] instead")
    if x.shape[1] != w.shape[1] * groups:
        raise RuntimeError(f"Given groups={groups}, weight of size {shape_list(w.shape)}, expected "
                           f"input{shape_list(x.shape)} to have {w.shape[1] * groups} channels, but got "
                           f"{x.shape[1]} channels instead")
    _check_bias(w, b)
    k = tuple(w.shape[2:])
    if isinstance(padding, str):
        if padding == "valid":
            padding = 0
        elif padding == "same":
            if any(s != 1 for s in ntuple(stride, nd, "stride")):
                raise RuntimeError("padding='same' is not supported for strided convolutions")
            x, padding = _same_padding(x, nd, k, dilation)
        else:
            raise RuntimeError(f"Invalid padding string: '{padding}'")
    geom = _geom2(nd, stride, padding, dilation)
    k2 = (1,) + k if nd == 1 else k
    in2 = (1,) + tuple(x.shape[2:]) if nd == 1 else tuple(x.shape[2:])
    out2 = tuple(_conv_out_size(in2[i], k2[i], geom[i], geom[2 + i], geom[4 + i]) for i in range(2))
    if min(out2) <= 0:
        padded = " x ".join(str(in2[i] + 2 * geom[2 + i]) for i in range(2 - nd, 2))
        eff = " x ".join(str(geom[4 + i] * (k2[i] - 1) + 1) for i in range(2 - nd, 2))
        raise RuntimeError(f"Calculated padded input size per channel: ({padded}). Kernel size: ({eff}). "
                           "Kernel size can't be greater than actual input size")
    out = _conv_op(x, w, b, nd, geom, groups, out2)
    return out.squeeze(0) if unbatched else out


def _conv_op(x, w, b, nd, geom, groups, out2):
    x2, w2 = _as_2d(x, nd), _as_2d(w, nd)
    bd = b.detach().contiguous() if b is not None else None
    n, o = x2.shape[0], w2.shape[0]
    out = empty_tensor((n, o) + out2, x.dtype, x.device)
    cols = backend_of(x.device).fused("conv2d")(x2, w2, bd, geom, groups, out)
    if nd == 1:
        out = out.squeeze(2)
    if needs_grad(x, w, b):
        record("ConvolutionBackward0", _d_conv, (x, w, b), out, save=(x2, w2, x, w),
               meta=dict(columns=cols, geometry=geom, groups=groups, nd=nd))
    return out


def _spatial_4d(nd, *ts):
    """(N, C, H, W) forms, with history, of 1-D or 2-D layer tensors."""
    return [t.unsqueeze(2) if nd == 1 and t is not None else t for t in ts]


def _spatial_nd(nd, *ts):
    return [t.squeeze(2) if nd == 1 and t is not None else t for t in ts]


def _conv_grads_composite(x, w, g, nd, geom, groups, need):
    """conv's gradients as recorded ops (im2col as unfold, one product per group, col2im as
    fold), for a backward that must itself be differentiable."""
    x4, w4, g4 = _spatial_4d(nd, x, w, g)
    n, c, h, wd = x4.shape
    o, cg, kh, kw = w4.shape
    sh, sw, ph, pw, dh, dw = geom
    blocks = g4.shape[2] * g4.shape[3]
    g3 = g4.reshape(n, groups, o // groups, blocks)
    gx = gw = gb = None
    if need[0]:
        w3 = w4.reshape(groups, o // groups, cg * kh * kw)
        dcols = (w3.transpose(-1, -2) @ g3).reshape(n, c * kh * kw, blocks)
        gx = fold(dcols, (h, wd), (kh, kw), (dh, dw), (ph, pw), (sh, sw))
    if need[1]:
        cols = unfold(x4, (kh, kw), (dh, dw), (ph, pw), (sh, sw)).reshape(n, groups, cg * kh * kw, blocks)
        gw = (g3 @ cols.transpose(-1, -2)).sum(0).reshape(tuple(w4.shape))
    if need[2]:
        gb = g4.sum((0, 2, 3))
    gx, gw = _spatial_nd(nd, gx, gw)
    return gx, gw, gb


def _d_conv(ctx, g):
    x2, w2, x, w = ctx.saved_tensors
    cols, geom, groups, nd = ctx._saved_columns, ctx._saved_geometry, ctx._saved_groups, ctx._saved_nd
    need = ctx.needs_input_grad
    if creating_graph():
        return _conv_grads_composite(x, w, g, nd, geom, groups, need)
    gx = empty_tensor(x2.shape, x2.dtype, x2.device) if need[0] else None
    gw = empty_tensor(w2.shape, w2.dtype, w2.device) if need[1] else None
    gb = empty_tensor((w2.shape[0],), w2.dtype, w2.device) if need[2] else None
    g2 = g.detach().unsqueeze(2) if nd == 1 else g.detach()
    backend_of(x2.device).fused("conv2d_backward")(g2, x2, w2, cols, geom, groups, gx, gw, gb)
    if nd == 1:
        gx = gx.squeeze(2) if gx is not None else None
        gw = gw.squeeze(2) if gw is not None else None
    return gx, gw, gb


def conv1d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    return _convnd(1, input, weight, bias, stride, padding, dilation, groups, "conv1d")


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    return _convnd(2, input, weight, bias, stride, padding, dilation, groups, "conv2d")


# ---------------------------------------------------------------------------------------------
# transposed convolution: the adjoint of convolution in its input

def _conv_transposend(nd, x, w, b, stride, padding, output_padding, groups, dilation, what):
    _check_input_rank(x, nd, what)
    _check_dtypes(x, w, b)
    if is_half(x):
        return in_float32(lambda x, w, b: _conv_transposend(nd, x, w, b, stride, padding, output_padding, groups,
                                                            dilation, what), x, w, b)
    unbatched = x.dim() == nd + 1
    if unbatched:
        x = x.unsqueeze(0)
    _check_groups(groups)
    _geom2(nd, stride, padding, dilation, transposed=True)
    if x.shape[1] != w.shape[0]:
        raise RuntimeError(f"Given transposed=1, weight of size {shape_list(w.shape)}, expected "
                           f"input{shape_list(x.shape)} to have {w.shape[0]} channels, but got {x.shape[1]} "
                           "channels instead")
    if w.shape[0] % groups:
        raise RuntimeError(f"Given groups={groups}, expected weight to be divisible by {groups} at dimension 0, "
                           f"but got weight of size [{shape_list(w.shape)}] instead")
    if b is not None and (b.dim() != 1 or b.shape[0] != w.shape[1] * groups):
        raise RuntimeError(f"Given transposed=1, weight of size {shape_list(w.shape)}, expected bias to be "
                           f"1-dimensional with {w.shape[1] * groups} elements, but got bias of size "
                           f"{shape_list(b.shape)} instead")
    geom = _geom2(nd, stride, padding, dilation, transposed=True)
    op = ntuple(output_padding, nd, "output_padding")
    op2 = (0,) + op if nd == 1 else op
    for i in range(2):
        if op2[i] >= geom[i] and op2[i] >= geom[4 + i]:
            s, d = geom[2 - nd:2], geom[6 - nd:6]
            raise RuntimeError(f"output padding must be smaller than either stride or dilation, but got "
                               f"output_padding: {list(op)} stride: {list(s)} dilation: {list(d)}")
    k = tuple(w.shape[2:])
    k2 = (1,) + k if nd == 1 else k
    in2 = (1,) + tuple(x.shape[2:]) if nd == 1 else tuple(x.shape[2:])
    out2 = tuple((in2[i] - 1) * geom[i] - 2 * geom[2 + i] + geom[4 + i] * (k2[i] - 1) + op2[i] + 1
                 for i in range(2))
    if min(out2) <= 0:
        raise RuntimeError(f"Given input size per channel: {shape_list(in2[2 - nd:])}. Calculated output size "
                           f"per channel: {shape_list(out2[2 - nd:])}. Output size is too small")
    x2, w2 = _as_2d(x, nd), _as_2d(w, nd)
    bd = b.detach().contiguous() if b is not None else None
    out = empty_tensor((x2.shape[0], w2.shape[1] * groups) + out2, x.dtype, x.device)
    x_bm = backend_of(x.device).fused("conv_transpose2d")(x2, w2, bd, geom, groups, out)
    if nd == 1:
        out = out.squeeze(2)
    if needs_grad(x, w, b):
        record("ConvolutionBackward0", _d_conv_transpose, (x, w, b), out, save=(x2, w2, x, w),
               meta=dict(input_batch_major=x_bm, geometry=geom, groups=groups, nd=nd))
    return out.squeeze(0) if unbatched else out


def _conv_transpose_grads_composite(x, w, g, nd, geom, groups, need):
    """conv_transpose's gradients as recorded ops: the input's is the convolution of g with the
    same weight, the weight's pairs x with g's sliding blocks, per group. A block grid longer
    than x (output_padding past the stride) is cut to x's size."""
    x4, w4, g4 = _spatial_4d(nd, x, w, g)
    n, cin, h, wd = x4.shape
    _, og, kh, kw = w4.shape
    sh, sw, ph, pw, dh, dw = geom
    gx = gw = gb = None
    if need[0]:
        gx = _convnd(2, g4, w4, None, (sh, sw), (ph, pw), (dh, dw), groups, "conv2d")[:, :, :h, :wd]
    if need[1]:
        oh, ow = g4.shape[2:]
        bh = _conv_out_size(oh, kh, sh, ph, dh)
        bw = _conv_out_size(ow, kw, sw, pw, dw)
        cols = unfold(g4, (kh, kw), (dh, dw), (ph, pw), (sh, sw)).reshape(n, og * groups * kh * kw, bh, bw)
        cols = cols[:, :, :h, :wd].reshape(n, groups, og * kh * kw, h * wd)
        x3 = x4.reshape(n, groups, cin // groups, h * wd)
        gw = (x3 @ cols.transpose(-1, -2)).sum(0).reshape(tuple(w4.shape))
    if need[2]:
        gb = g4.sum((0, 2, 3))
    gx, gw = _spatial_nd(nd, gx, gw)
    return gx, gw, gb


def _d_conv_transpose(ctx, g):
    x2, w2, x, w = ctx.saved_tensors
    x_bm, geom, groups, nd = ctx._saved_input_batch_major, ctx._saved_geometry, ctx._saved_groups, ctx._saved_nd
    need = ctx.needs_input_grad
    if creating_graph():
        return _conv_transpose_grads_composite(x, w, g, nd, geom, groups, need)
    gx = empty_tensor(x2.shape, x2.dtype, x2.device) if need[0] else None
    gw = empty_tensor(w2.shape, w2.dtype, w2.device) if need[1] else None
    gb = empty_tensor((w2.shape[1] * groups,), w2.dtype, w2.device) if need[2] else None
    g2 = g.detach().unsqueeze(2) if nd == 1 else g.detach()
    backend_of(x2.device).fused("conv_transpose2d_backward")(g2, x2, w2, x_bm, geom, groups, gx, gw, gb)
    if nd == 1:
        gx = gx.squeeze(2) if gx is not None else None
        gw = gw.squeeze(2) if gw is not None else None
    return gx, gw, gb


def conv_transpose1d(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1, dilation=1):
    return _conv_transposend(1, input, weight, bias, stride, padding, output_padding, groups, dilation,
                             "conv_transpose1d")


def conv_transpose2d(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1, dilation=1):
    return _conv_transposend(2, input, weight, bias, stride, padding, output_padding, groups, dilation,
                             "conv_transpose2d")


# ---------------------------------------------------------------------------------------------
# unfold / fold: im2col and its adjoint as user-facing ops

def _sliding_geom(kernel_size, dilation, padding, stride):
    k = ntuple(kernel_size, 2, "kernel_size")
    s, p, d = ntuple(stride, 2, "stride"), ntuple(padding, 2, "padding"), ntuple(dilation, 2, "dilation")
    return k, (s[0], s[1], p[0], p[1], d[0], d[1])


def unfold(input, kernel_size, dilation=1, padding=0, stride=1):
    """(N, C, H, W) -> (N, C * kh * kw, L): every sliding block as a column."""
    if input.dim() not in (3, 4):
        raise NotImplementedError(f"Input Error: Only 3D or 4D input Tensors are supported (got {input.dim()}D)")
    if is_half(input):
        return in_float32(lambda x: unfold(x, kernel_size, dilation, padding, stride), input)
    unbatched = input.dim() == 3
    x = input.unsqueeze(0) if unbatched else input
    k, geom = _sliding_geom(kernel_size, dilation, padding, stride)
    n, c, h, w = x.shape
    oh = _conv_out_size(h, k[0], geom[0], geom[2], geom[4])
    ow = _conv_out_size(w, k[1], geom[1], geom[3], geom[5])
    if oh <= 0 or ow <= 0:
        raise RuntimeError(f"Given input with spatial size ({h}, {w}), kernel_size=({k[0]}, {k[1]}), "
                           f"dilation=({geom[4]}, {geom[5]}), padding=({geom[2]}, {geom[3]}), calculated shape of "
                           f"the array of sliding blocks as ({oh}, {ow}), but its components must be at least one.")
    xd = x.detach().contiguous()
    out = empty_tensor((n, c * k[0] * k[1], oh * ow), x.dtype, x.device)
    backend_of(x.device).fused("unfold2d")(xd, k, geom, (oh, ow), out)
    if needs_grad(x):
        record("Im2ColBackward0", _d_unfold, (x,), out,
               meta=dict(self_sizes=tuple(x.shape), kernel_size=k, geometry=geom, blocks=(oh, ow)))
    return out.squeeze(0) if unbatched else out


def _d_unfold(ctx, g):
    shape, k, geom, blocks = ctx._saved_self_sizes, ctx._saved_kernel_size, ctx._saved_geometry, ctx._saved_blocks
    if creating_graph():
        return (fold(g, shape[2:], k, geom[4:], geom[2:4], geom[:2]),)
    gx = empty_tensor(shape, g.dtype, g.device)
    backend_of(g.device).fused("fold2d")(g.detach().contiguous(), k, geom, blocks, gx)
    return (gx,)


def fold(input, output_size, kernel_size, dilation=1, padding=0, stride=1):
    """(N, C * kh * kw, L) -> (N, C, H, W): the adjoint of unfold, summing overlapping blocks."""
    if input.dim() not in (2, 3):
        raise NotImplementedError(f"Input Error: Only unbatched (2D) or batched (3D) input Tensors are supported "
                                  f"(got {input.dim()}D)")
    if is_half(input):
        return in_float32(lambda c: fold(c, output_size, kernel_size, dilation, padding, stride), input)
    unbatched = input.dim() == 2
    cols = input.unsqueeze(0) if unbatched else input
    k, geom = _sliding_geom(kernel_size, dilation, padding, stride)
    h, w = ntuple(output_size, 2, "output_size")
    n, ck, L = cols.shape
    if ck % (k[0] * k[1]):
        raise RuntimeError(f"Expected size of input's dimension 1 to be divisible by the product of kernel_size, "
                           f"but got input.size(1)={ck} and kernel_size=({k[0]}, {k[1]})")
    oh = _conv_out_size(h, k[0], geom[0], geom[2], geom[4])
    ow = _conv_out_size(w, k[1], geom[1], geom[3], geom[5])
    if oh * ow != L:
        raise RuntimeError(f"Given output_size=({h}, {w}), kernel_size=({k[0]}, {k[1]}), dilation=({geom[4]}, "
                           f"{geom[5]}), padding=({geom[2]}, {geom[3]}), stride=({geom[0]}, {geom[1]}), expected "
                           f"size of input's dimension 2 to match the calculated number of sliding blocks "
                           f"{oh} * {ow} = {oh * ow}, but got input.size(2)={L}.")
    out = empty_tensor((n, ck // (k[0] * k[1]), h, w), cols.dtype, cols.device)
    backend_of(cols.device).fused("fold2d")(cols.detach().contiguous(), k, geom, (oh, ow), out)
    if needs_grad(cols):
        record("Col2ImBackward0", _d_fold, (cols,), out, meta=dict(kernel_size=k, geometry=geom, blocks=(oh, ow)))
    return out.squeeze(0) if unbatched else out


def _d_fold(ctx, g):
    k, geom, blocks = ctx._saved_kernel_size, ctx._saved_geometry, ctx._saved_blocks
    if creating_graph():
        return (unfold(g, k, geom[4:], geom[2:4], geom[:2]),)
    n, c = g.shape[:2]
    gc = empty_tensor((n, c * k[0] * k[1], blocks[0] * blocks[1]), g.dtype, g.device)
    backend_of(g.device).fused("unfold2d")(g.detach().contiguous(), k, geom, blocks, gc)
    return (gc,)
