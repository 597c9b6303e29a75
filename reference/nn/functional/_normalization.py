"""Normalisation: batch_norm (with its running-statistics update), layer_norm, group_norm,
instance_norm, and the vector forms normalize and cosine_similarity.

batch/layer/group norm are one recorded op each over a device kernel that normalises and applies
the affine map; statistics are kept in float64 for the backward.
"""
from ... import _dtype as D
from ..._shape import broadcast_shapes, numel
from ..._ops._util import empty_tensor
from ...autograd.grad_mode import no_grad
from ...autograd.graph import needs_grad, record
from ...backends import backend_of
from .._geometry import shape_list
from ._half import in_float32, is_half
from ._twice import creating_graph

__all__ = ["batch_norm", "layer_norm", "group_norm", "instance_norm", "normalize", "cosine_similarity"]


def _detached(t):
    return t.detach().contiguous() if t is not None else None


def _check_float(x, what):
    if not x.dtype.is_floating_point:
        raise RuntimeError(f"\"{what}\" not implemented for '{x.dtype.name}'")


def _grad_as(g64, like):
    """A float64 statistic-space gradient in the dtype of the parameter it belongs to."""
    return g64.to(like.dtype)


def _norm_grads_composite(x, g, w, stat_dims, param_dims, w_shape, eps, stats, need, batch_stats=False):
    """The gradients of y = (x - mean) * rstd * w + b as recorded ops, for a backward that must
    itself be differentiable. Statistics over stat_dims come from x itself (stats None), or are
    the constants stats = (mean, rstd) (batch norm on running statistics); the weight and bias
    gradients sum over param_dims. batch_stats: a zero variance with eps=0 gives rstd 0 (batch
    norm's statistics in training, instance norm's)."""
    if stats is None:
        xc = x - x.mean(stat_dims, keepdim=True)
        var = (xc * xc).mean(stat_dims, keepdim=True)
        if batch_stats and eps == 0:
            # rsqrt taken away from zero, so that its derivative stays finite where it is masked
            constant = var == 0
            rstd = var.masked_fill(constant, 1.0).rsqrt().masked_fill(constant, 0.0)
        else:
            rstd = (var + eps).rsqrt()
    else:
        xc = x - stats[0]
        rstd = stats[1]
    xhat = xc * rstd
    gxhat = g * w.reshape(w_shape) if w is not None else g
    gx = gw = gb = None
    if need[0]:
        if stats is None:
            gx = rstd * (gxhat - gxhat.mean(stat_dims, keepdim=True)
                         - xhat * (gxhat * xhat).mean(stat_dims, keepdim=True))
        else:
            gx = gxhat * rstd
    if need[1]:
        gw = (g * xhat).sum(param_dims)
    if need[2]:
        gb = g.sum(param_dims)
    return gx, gw, gb


def _empty_norm(input, weight, bias, param_shape):
    """An empty input normalises to an empty output without statistics (a mean over no values
    would divide by zero); the weight and bias still get their (zero) gradients through the affine
    map, as torch's do."""
    y = input * 1
    if weight is not None:
        y = y * weight.reshape(param_shape)
    if bias is not None:
        y = y + bias.reshape(param_shape)
    return y


def _shaped(grads, input, weight):
    gx, gw, gb = grads
    return (gx.reshape(tuple(input.shape)) if gx is not None else None,
            gw.reshape(tuple(weight.shape)) if gw is not None else None,
            gb.reshape(tuple(weight.shape if weight is not None else gb.shape)) if gb is not None else None)


# ---------------------------------------------------------------------------------------------
# batch norm

def batch_norm(input, running_mean, running_var, weight=None, bias=None, training=False, momentum=0.1, eps=1e-5):
    if input.dim() < 2:
        raise ValueError(f"expected 2D or 3D input (got {input.dim()}D input)")
    _check_float(input, "batch_norm")
    if is_half(input):
        return in_float32(lambda x, w, b: batch_norm(x, running_mean, running_var, w, b, training, momentum, eps),
                          input, weight, bias)
    n, c = input.shape[0], input.shape[1]
    for name, t in (("running_mean", running_mean), ("running_var", running_var), ("weight", weight),
                    ("bias", bias)):
        if t is not None and t.numel() != c:
            raise RuntimeError(f"{name} should contain {c} elements not {t.numel()}")
    if training and n * numel(input.shape[2:]) == 1:
        raise ValueError(f"Expected more than 1 value per channel when training, got input size {input.size()}")
    # a zero eps would divide a constant channel by zero (NaN is allowed through, as torch does)
    if training and eps <= 0.0:
        raise ValueError(f"batch_norm eps must be positive during training, but got {eps}")
    if eps < 0.0:
        raise ValueError(f"batch_norm eps must be non-negative, but got {eps}")
    if not training and (running_mean is None or running_var is None):
        raise RuntimeError("running_mean and running_var must be defined in evaluation mode")
    if input.numel() == 0:  # torch leaves the running statistics alone
        return _empty_norm(input, weight, bias, (1, c) + (1,) * (input.dim() - 2))
    x3 = input.detach().contiguous().reshape(n, c, numel(input.shape[2:]))
    y = empty_tensor(tuple(x3.shape), input.dtype, input.device)
    mean, var, rstd = (empty_tensor((c,), D.float64, input.device) for _ in range(3))
    wd, bd = _detached(weight), _detached(bias)
    backend_of(input.device).fused("batch_norm")(x3, bool(training), None if training else running_mean,
                                                 None if training else running_var, float(eps), wd, bd, y, mean,
                                                 var, rstd)
    if training and running_mean is not None:
        _update_running(running_mean, running_var, mean, var, x3.numel() // c, momentum)
    y = y.reshape(tuple(input.shape))
    if needs_grad(input, weight, bias):
        record("NativeBatchNormBackward0", _d_batch_norm, (input, weight, bias), y, save=(x3, input, weight),
               meta=dict(mean=mean, rstd=rstd, training=bool(training), weight_data=wd, eps=float(eps)))
    return y


def _update_running(running_mean, running_var, mean, var, count, momentum):
    """running = (1 - momentum) * running + momentum * batch statistic; the variance enters
    unbiased (count / (count - 1))."""
    with no_grad():
        running_mean.mul_(1 - momentum).add_((mean * momentum).to(running_mean.dtype))
        if running_var is not None:
            unbiased = var * (count / (count - 1)) if count > 1 else var
            running_var.mul_(1 - momentum).add_((unbiased * momentum).to(running_var.dtype))


def _d_batch_norm(ctx, g):
    x3, input, weight = ctx.saved_tensors
    mean, rstd, training, wd, eps = (ctx._saved_mean, ctx._saved_rstd, ctx._saved_training, ctx._saved_weight_data,
                                     ctx._saved_eps)
    need = ctx.needs_input_grad
    c = x3.shape[1]
    if creating_graph():
        stats = None if training else (mean.to(x3.dtype).reshape(1, c, 1), rstd.to(x3.dtype).reshape(1, c, 1))
        return _shaped(_norm_grads_composite(input.reshape(tuple(x3.shape)), g.reshape(tuple(x3.shape)), weight,
                                             (0, 2), (0, 2), (1, c, 1), eps, stats, need), input, weight)
    gx = empty_tensor(tuple(x3.shape), x3.dtype, x3.device) if need[0] else None
    gw, gb = empty_tensor((c,), D.float64, x3.device), empty_tensor((c,), D.float64, x3.device)
    g3 = g.detach().contiguous().reshape(tuple(x3.shape))
    backend_of(x3.device).fused("batch_norm_backward")(g3, x3, training, mean, rstd, wd, gx, gw, gb)
    return (gx.reshape(tuple(g.shape)) if gx is not None else None,
            _grad_as(gw, x3) if need[1] else None, _grad_as(gb, x3) if need[2] else None)


# ---------------------------------------------------------------------------------------------
# layer norm: statistics over the trailing normalized_shape

def layer_norm(input, normalized_shape, weight=None, bias=None, eps=1e-5):
    ns = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    _check_float(input, "layer_norm")
    if is_half(input):
        return in_float32(lambda x, w, b: layer_norm(x, normalized_shape, w, b, eps), input, weight, bias)
    k = len(ns)
    if k == 0 or input.dim() < k or tuple(input.shape[-k:]) != ns:
        raise RuntimeError(f"Given normalized_shape={list(ns)}, expected input with shape "
                           f"[*, {', '.join(str(s) for s in ns)}], but got input of size{shape_list(input.shape)}")
    for name, t in (("weight", weight), ("bias", bias)):
        if t is not None and tuple(t.shape) != ns:
            raise RuntimeError(f"Expected {name} to be of same shape as normalized_shape, but got {name} of shape "
                               f"{shape_list(t.shape)} and normalized_shape = {list(ns)}")
    if input.numel() == 0:
        return _empty_norm(input, weight, bias, ns)
    d = numel(ns)
    x2 = input.detach().contiguous().reshape(-1, d)
    r = x2.shape[0]
    y = empty_tensor((r, d), input.dtype, input.device)
    mean, rstd = empty_tensor((r,), D.float64, input.device), empty_tensor((r,), D.float64, input.device)
    wd = weight.detach().contiguous().reshape(d) if weight is not None else None
    bd = bias.detach().contiguous().reshape(d) if bias is not None else None
    backend_of(input.device).fused("layer_norm")(x2, float(eps), wd, bd, y, mean, rstd)
    y = y.reshape(tuple(input.shape))
    if needs_grad(input, weight, bias):
        record("NativeLayerNormBackward0", _d_layer_norm, (input, weight, bias), y, save=(x2, input, weight),
               meta=dict(mean=mean, rstd=rstd, weight_data=wd, normalized_shape=ns, eps=float(eps)))
    return y


def _d_layer_norm(ctx, g):
    x2, input, weight = ctx.saved_tensors
    mean, rstd, wd, ns, eps = (ctx._saved_mean, ctx._saved_rstd, ctx._saved_weight_data, ctx._saved_normalized_shape,
                               ctx._saved_eps)
    need = ctx.needs_input_grad
    d = x2.shape[1]
    if creating_graph():
        grads = _norm_grads_composite(input.reshape(tuple(x2.shape)), g.reshape(tuple(x2.shape)), weight, (1,), (0,),
                                      (1, d), eps, None, need)
        gx, gw, gb = _shaped(grads, input, weight)
        return gx, gw, (gb.reshape(ns) if gb is not None else None)
    gx = empty_tensor(tuple(x2.shape), x2.dtype, x2.device) if need[0] else None
    gw, gb = empty_tensor((d,), D.float64, x2.device), empty_tensor((d,), D.float64, x2.device)
    g2 = g.detach().contiguous().reshape(tuple(x2.shape))
    backend_of(x2.device).fused("layer_norm_backward")(g2, x2, mean, rstd, wd, gx, gw, gb)
    return (gx.reshape(tuple(g.shape)) if gx is not None else None,
            _grad_as(gw, x2).reshape(ns) if need[1] else None,
            _grad_as(gb, x2).reshape(ns) if need[2] else None)


# ---------------------------------------------------------------------------------------------
# group norm: statistics per (sample, group of channels)

def group_norm(input, num_groups, weight=None, bias=None, eps=1e-5):
    return _group_norm(input, num_groups, weight, bias, eps, False)


def _group_norm(input, num_groups, weight, bias, eps, batch_stats):
    """batch_stats: the statistics are instance norm's, taken as torch takes batch-norm statistics:
    a zero variance with eps=0 gives rstd 0 (the output is the bias, the input gradient 0)."""
    if input.dim() < 2:
        raise RuntimeError(f"Expected at least 2 dimensions for input tensor but received {input.dim()}")
    _check_float(input, "group_norm")
    if is_half(input):
        return in_float32(lambda x, w, b: _group_norm(x, num_groups, w, b, eps, batch_stats), input, weight, bias)
    n, c = input.shape[0], input.shape[1]
    if c % num_groups:
        raise RuntimeError(f"Expected number of channels in input to be divisible by num_groups, but got input of "
                           f"shape {shape_list(input.shape)} and num_groups={num_groups}")
    for name, t in (("weight", weight), ("bias", bias)):
        if t is not None and (t.dim() != 1 or t.numel() != c):
            raise RuntimeError(f"Expected {name} to be a vector of size equal to the number of channels in input, "
                               f"but got {name} of shape {shape_list(t.shape)} and input of shape "
                               f"{shape_list(input.shape)}")
    if input.numel() == 0:
        return _empty_norm(input, weight, bias, (1, c) + (1,) * (input.dim() - 2))
    x4 = input.detach().contiguous().reshape(n, num_groups, c // num_groups, numel(input.shape[2:]))
    y = empty_tensor(tuple(x4.shape), input.dtype, input.device)
    mean = empty_tensor((n, num_groups), D.float64, input.device)
    rstd = empty_tensor((n, num_groups), D.float64, input.device)
    wd, bd = _detached(weight), _detached(bias)
    backend_of(input.device).fused("group_norm")(x4, float(eps), bool(batch_stats), wd, bd, y, mean, rstd)
    y = y.reshape(tuple(input.shape))
    if needs_grad(input, weight, bias):
        record("NativeGroupNormBackward0", _d_group_norm, (input, weight, bias), y, save=(x4, input, weight),
               meta=dict(mean=mean, rstd=rstd, weight_data=wd, eps=float(eps), batch_stats=bool(batch_stats)))
    return y


def _d_group_norm(ctx, g):
    x4, input, weight = ctx.saved_tensors
    mean, rstd, wd, eps = ctx._saved_mean, ctx._saved_rstd, ctx._saved_weight_data, ctx._saved_eps
    need = ctx.needs_input_grad
    c = x4.shape[1] * x4.shape[2]
    if creating_graph():
        gx, gw, gb = _norm_grads_composite(input.reshape(tuple(x4.shape)), g.reshape(tuple(x4.shape)), weight,
                                           (2, 3), (0, 3), (1,) + tuple(x4.shape[1:3]) + (1,), eps, None, need,
                                           ctx._saved_batch_stats)
        return _shaped((gx, gw, gb.reshape(c) if gb is not None else None), input, weight)
    gx = empty_tensor(tuple(x4.shape), x4.dtype, x4.device) if need[0] else None
    gw, gb = empty_tensor((c,), D.float64, x4.device), empty_tensor((c,), D.float64, x4.device)
    g4 = g.detach().contiguous().reshape(tuple(x4.shape))
    backend_of(x4.device).fused("group_norm_backward")(g4, x4, mean, rstd, wd, gx, gw, gb)
    return (gx.reshape(tuple(g.shape)) if gx is not None else None,
            _grad_as(gw, x4) if need[1] else None, _grad_as(gb, x4) if need[2] else None)


# ---------------------------------------------------------------------------------------------
# instance norm: group norm with one channel per group, plus optional running statistics

def instance_norm(input, running_mean=None, running_var=None, weight=None, bias=None, use_input_stats=True,
                  momentum=0.1, eps=1e-5):
    if use_input_stats:
        if numel(input.shape[2:]) == 1:
            raise ValueError(f"Expected more than 1 spatial element when training, got input size {input.size()}")
        if running_mean is not None:
            with no_grad():
                per = input.detach().reshape(input.shape[0], input.shape[1], numel(input.shape[2:]))
                count = per.shape[2]
                mean = per.mean(-1).mean(0).to(D.float64)
                var = per.var(-1, correction=0).mean(0).to(D.float64)
            _update_running(running_mean, running_var, mean, var, count, momentum)
        return _group_norm(input, input.shape[1], weight, bias, eps, True)
    return batch_norm(input, running_mean, running_var, weight, bias, False, momentum, eps)


# ---------------------------------------------------------------------------------------------
# vector normalisation

def normalize(input, p=2.0, dim=1, eps=1e-12, out=None):
    """input / max(||input||_p along dim, eps)."""
    denom = input.norm(p, dim, keepdim=True).clamp(min=eps).expand_as(input)
    return input / denom


def cosine_similarity(x1, x2, dim=1, eps=1e-8):
    """(x1 . x2) / (max(||x1||, eps) * max(||x2||, eps)) along dim of the broadcast shape."""
    shape = broadcast_shapes(tuple(x1.shape), tuple(x2.shape))
    x1, x2 = x1.expand(shape), x2.expand(shape)
    n1 = x1.norm(2, dim).clamp(min=eps)
    n2 = x2.norm(2, dim).clamp(min=eps)
    return (x1 * x2).sum(dim) / (n1 * n2)
