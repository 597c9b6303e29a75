"""Pooling: max (with indices), average, adaptive average and adaptive max, 1-D and 2-D.

Every form runs over planes (P, H, W), P being all leading dims together and a 1-D input having
height 1, through one device kernel; the backward is one more kernel (a scatter through the
recorded indices for max, the window spread for average).
"""
from ... import _dtype as D
from ..._ops._util import empty_tensor
from ...autograd.graph import needs_grad, record
from ...backends import backend_of
from .._geometry import ntuple, shape_list
from ._half import in_float32, is_half
from ._twice import creating_graph, record_linear

__all__ = ["max_pool1d", "max_pool2d", "avg_pool1d", "avg_pool2d", "adaptive_avg_pool1d", "adaptive_avg_pool2d",
           "adaptive_max_pool1d", "adaptive_max_pool2d", "max_pool1d_with_indices", "max_pool2d_with_indices",
           "adaptive_max_pool2d_with_indices"]


def pooled_size(size, k, s, p, d, ceil_mode):
    """Output length of a window sweep (torch's rule, ceil_mode included: the last window must
    start inside the input or its left padding)."""
    span = size + 2 * p - d * (k - 1) - 1
    n = (-(-span // s) if ceil_mode else span // s) + 1
    if ceil_mode and (n - 1) * s >= size + p:
        n -= 1
    return n


def _planes(x, nd):
    """A detached contiguous (P, H, W) view of x; nd spatial dims at the end of x."""
    x = x.detach().contiguous()
    if nd == 1:
        return x.reshape(-1, 1, x.shape[-1])
    return x.reshape(-1, x.shape[-2], x.shape[-1])


def _to_2d(nd, *pairs):
    """1-D window parameters as 2-D ones of unit height (kernel 1, stride 1, pad 0, dilation 1)."""
    return [(unit,) + v if nd == 1 else v for unit, v in zip((1, 1, 0, 1), pairs)]


def _window_args(nd, kernel_size, stride, padding, dilation):
    k = ntuple(kernel_size, nd, "kernel_size")
    s = k if stride is None or (isinstance(stride, (list, tuple)) and len(stride) == 0) \
        else ntuple(stride, nd, "stride")
    p, d = ntuple(padding, nd, "padding"), ntuple(dilation, nd, "dilation")
    if any(v == 0 for v in s):
        raise RuntimeError("stride should not be zero")
    for kk, pp, dd in zip(k, p, d):
        if pp > kk // 2:
            raise RuntimeError(f"pad should be at most half of effective kernel size, but got pad={pp}, "
                               f"kernel_size={kk} and dilation={dd}")
    return k, s, p, d


def _check_rank(x, nd, what):
    if x.dim() not in (nd + 1, nd + 2) or x.numel() == 0:
        if nd == 2:
            raise RuntimeError("non-empty 3D or 4D (batch mode) tensor expected for input")
        raise RuntimeError(f"{what}: Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size for "
                           f"input, but got:{shape_list(x.shape)}")
    if not x.dtype.is_floating_point:
        raise RuntimeError(f"\"{what}\" not implemented for '{x.dtype.name}'")


def _out_spatial(x, nd, k, s, p, d, ceil_mode):
    ins = tuple(x.shape[-nd:])
    outs = tuple(pooled_size(ins[i], k[i], s[i], p[i], d[i], ceil_mode) for i in range(nd))
    if min(outs) <= 0:
        lead = x.shape[-nd - 1]
        raise RuntimeError(f"Given input size: ({'x'.join(str(v) for v in (lead,) + ins)}). Calculated output size: "
                           f"({'x'.join(str(v) for v in (lead,) + outs)}). Output size is too small")
    return outs


def _result(x, nd, planes_out, outs):
    return planes_out.reshape(tuple(x.shape[:-nd]) + outs)


# ---------------------------------------------------------------------------------------------
# max pooling

def _max_pool(nd, x, kernel_size, stride, padding, dilation, ceil_mode, return_indices, what):
    _check_rank(x, nd, what)
    if is_half(x):
        return in_float32(lambda x: _max_pool(nd, x, kernel_size, stride, padding, dilation, ceil_mode,
                                              return_indices, what), x)
    k, s, p, d = _window_args(nd, kernel_size, stride, padding, dilation)
    # the padded extent is divided by the dilation
    if any(v <= 0 for v in d):
        if nd == 1:
            raise RuntimeError(f"max_pool1d() dilation must be greater than zero, but got {d[0]}")
        raise RuntimeError(f"dilation should be greater than zero, but got dilationH: {d[0]} dilationW: {d[1]}")
    outs = _out_spatial(x, nd, k, s, p, d, ceil_mode)
    planes = _planes(x, nd)
    o2 = ((1,) + outs) if nd == 1 else outs
    out = empty_tensor((planes.shape[0],) + o2, x.dtype, x.device)
    idx = empty_tensor((planes.shape[0],) + o2, D.int64, x.device)
    backend_of(x.device).fused("max_pool2d")(planes, *_to_2d(nd, k, s, p, d), out, idx)
    out, idx = _result(x, nd, out, outs), _result(x, nd, idx, outs)
    if needs_grad(x):
        record("MaxPool2DWithIndicesBackward0", _d_max_pool, (x,), out,
               meta=dict(indices=idx, nd=nd, self_sizes=tuple(x.shape),
                         twice_node="MaxPool2DWithIndicesBackwardBackward0"))
    return (out, idx) if return_indices else out


def _d_max_pool(ctx, g):
    idx, nd, shape, twice = ctx._saved_indices, ctx._saved_nd, ctx._saved_self_sizes, ctx._saved_twice_node
    gx = empty_tensor(shape, g.dtype, g.device)
    backend_of(g.device).fused("max_pool2d_backward")(_planes(g, nd), _planes(idx, nd), _planes(gx, nd))
    if creating_graph():
        # gx scatters g to the recorded argmax positions; its adjoint gathers from them
        record_linear(twice, g, gx, lambda gg: _gather_planes(gg, idx, nd))
    return (gx,)


def _gather_planes(x, idx, nd):
    """x at the flat spatial positions idx holds, plane by plane (idx has the pooled shape)."""
    lead = tuple(idx.shape[:-nd])
    picked = x.reshape(lead + (-1,)).gather(-1, idx.reshape(lead + (-1,)))
    return picked.reshape(tuple(idx.shape))


def max_pool1d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    return _max_pool(1, input, kernel_size, stride, padding, dilation, ceil_mode, return_indices, "max_pool1d")


def max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    return _max_pool(2, input, kernel_size, stride, padding, dilation, ceil_mode, return_indices, "max_pool2d")


def max_pool1d_with_indices(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False,
                            return_indices=True):
    return max_pool1d(input, kernel_size, stride, padding, dilation, ceil_mode, True)


def max_pool2d_with_indices(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False,
                            return_indices=True):
    return max_pool2d(input, kernel_size, stride, padding, dilation, ceil_mode, True)


# ---------------------------------------------------------------------------------------------
# average pooling

def _avg_pool(nd, x, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override, what):
    if x.dim() not in (nd + 1, nd + 2):
        if nd == 1:
            raise RuntimeError(f"Expected 2 to 3 dimensions, but got {x.dim()}-dimensional tensor for argument #1 "
                               "'self' (while checking arguments for avg_pool1d)")
        raise RuntimeError("non-empty 3D or 4D (batch mode) tensor expected for input")
    _check_rank(x, nd, what)
    if is_half(x):
        return in_float32(lambda x: _avg_pool(nd, x, kernel_size, stride, padding, ceil_mode, count_include_pad,
                                              divisor_override, what), x)
    if divisor_override is not None and divisor_override == 0:
        raise RuntimeError("divisor must be not zero")
    k, s, p, d = _window_args(nd, kernel_size, stride, padding, 1)
    outs = _out_spatial(x, nd, k, s, p, d, ceil_mode)
    planes = _planes(x, nd)
    o2 = ((1,) + outs) if nd == 1 else outs
    out = empty_tensor((planes.shape[0],) + o2, x.dtype, x.device)
    k2, s2, p2 = _to_2d(nd, k, s, p)
    divisor = int(divisor_override or 0)  # 0: no override (a zero override was refused above)
    backend_of(x.device).fused("avg_pool2d")(planes, k2, s2, p2, bool(count_include_pad), divisor, out)
    out = _result(x, nd, out, outs)
    if needs_grad(x):
        # the backward spreads g over each window: a linear map whose adjoint is this forward
        def again(t):
            return _avg_pool(nd, t, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override,
                             what)
        record("AvgPool2DBackward0", _d_avg_pool, (x,), out,
               meta=dict(nd=nd, self_sizes=tuple(x.shape), kernel_size=k2, stride=s2, padding=p2,
                         count_include_pad=bool(count_include_pad), divisor=divisor, adjoint=again))
    return out


def _d_avg_pool(ctx, g):
    nd, shape, k2, s2, p2 = ctx._saved_nd, ctx._saved_self_sizes, ctx._saved_kernel_size, ctx._saved_stride, \
        ctx._saved_padding
    cip, divisor, again = ctx._saved_count_include_pad, ctx._saved_divisor, ctx._saved_adjoint
    gx = empty_tensor(shape, g.dtype, g.device)
    backend_of(g.device).fused("avg_pool2d_backward")(_planes(g, nd), k2, s2, p2, cip, divisor, _planes(gx, nd))
    if creating_graph():
        record_linear("AvgPool2DBackwardBackward0", g, gx, again)
    return (gx,)


def avg_pool1d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True):
    return _avg_pool(1, input, kernel_size, stride, padding, ceil_mode, count_include_pad, None, "avg_pool1d")


def avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True,
               divisor_override=None):
    return _avg_pool(2, input, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override,
                     "avg_pool2d")


# ---------------------------------------------------------------------------------------------
# adaptive pooling: windows [floor(i * in / out), ceil((i + 1) * in / out))

def _adaptive_sizes(x, nd, output_size, what):
    if x.dim() not in (nd + 1, nd + 2):
        raise RuntimeError(f"{what}(): Expected {nd + 1}D or {nd + 2}D tensor, but got {shape_list(x.shape)}")
    if not x.dtype.is_floating_point:
        raise RuntimeError(f"\"{what}\" not implemented for '{x.dtype.name}'")
    # each window averages over in / out elements: an empty spatial dim has none to take
    sizes = [int(s) for s in x.shape]
    if nd == 1 and what == "adaptive_avg_pool1d":  # torch runs it as the 2-D op on (..., 1, L)
        what, sizes = "adaptive_avg_pool2d", sizes[:-1] + [1] + sizes[-1:]
    for i in range(len(sizes) - nd, len(sizes)):
        if sizes[i] == 0:
            raise RuntimeError(f"{what}(): Expected input to have non-zero size for non-batch dimensions, but input "
                               f"has sizes {shape_list(sizes)} with dimension {i} being empty")
    outs = ntuple(output_size, nd, "output_size")
    return tuple(int(x.shape[-nd + i]) if o is None else int(o) for i, o in enumerate(outs))


def _adaptive(nd, x, output_size, kind, return_indices=False):
    what = f"adaptive_{kind}_pool{nd}d"
    outs = _adaptive_sizes(x, nd, output_size, what)
    if is_half(x):
        return in_float32(lambda x: _adaptive(nd, x, output_size, kind, return_indices), x)
    planes = _planes(x, nd)
    o2 = ((1,) + outs) if nd == 1 else outs
    out = empty_tensor((planes.shape[0],) + o2, x.dtype, x.device)
    be = backend_of(x.device)
    if kind == "avg":
        if out.numel():
            be.fused("adaptive_avg_pool2d")(planes, out)
        out = _result(x, nd, out, outs)
        if needs_grad(x):
            record("AdaptiveAvgPool2DBackward0", _d_adaptive_avg, (x,), out,
                   meta=dict(nd=nd, self_sizes=tuple(x.shape), output_size=outs))
        return out
    idx = empty_tensor((planes.shape[0],) + o2, D.int64, x.device)
    if out.numel():
        be.fused("adaptive_max_pool2d")(planes, out, idx)
    out, idx = _result(x, nd, out, outs), _result(x, nd, idx, outs)
    if needs_grad(x):
        record("AdaptiveMaxPool2DBackward0", _d_max_pool, (x,), out,
               meta=dict(indices=idx, nd=nd, self_sizes=tuple(x.shape), twice_node="AdaptiveMaxPool2DBackwardBackward0"))
    return (out, idx) if return_indices else out


def _d_adaptive_avg(ctx, g):
    nd, shape, outs = ctx._saved_nd, ctx._saved_self_sizes, ctx._saved_output_size
    gx = empty_tensor(shape, g.dtype, g.device)
    backend_of(g.device).fused("adaptive_avg_pool2d_backward")(_planes(g, nd), _planes(gx, nd))
    if creating_graph():
        record_linear("AdaptiveAvgPool2DBackwardBackward0", g, gx, lambda gg: _adaptive(nd, gg, outs, "avg"))
    return (gx,)


def adaptive_avg_pool1d(input, output_size):
    return _adaptive(1, input, output_size, "avg")


def adaptive_avg_pool2d(input, output_size):
    return _adaptive(2, input, output_size, "avg")


def adaptive_max_pool1d(input, output_size, return_indices=False):
    return _adaptive(1, input, output_size, "max", return_indices)


def adaptive_max_pool2d(input, output_size, return_indices=False):
    return _adaptive(2, input, output_size, "max", return_indices)


def adaptive_max_pool2d_with_indices(input, output_size, return_indices=True):
    return _adaptive(2, input, output_size, "max", True)

