"""Loss functions (torch.nn.functional). Each computes its pointwise loss with tensor ops and reduces it
with one shared helper; cross-entropy over class indices runs the backend's fused kernel."""
import math
import warnings

import numpy as np

from ... import _dtype as D
from ..._ops import elementwise as E
from ..._ops import reduction as R
from ..._ops._util import cast, empty_tensor
from ..._ops.creation import from_numpy
from ..._tensor import Tensor
from ...autograd.grad_mode import no_grad
from ...autograd.graph import needs_grad, record
from ...backends import backend_of
from ._activation import _pointwise
from ._sparse import one_hot
from ._twice import creating_graph

__all__ = ["l1_loss", "mse_loss", "smooth_l1_loss", "huber_loss", "binary_cross_entropy",
           "binary_cross_entropy_with_logits", "kl_div", "nll_loss", "cross_entropy", "cosine_embedding_loss",
           "margin_ranking_loss", "triplet_margin_loss", "pairwise_distance", "soft_margin_loss",
           "hinge_embedding_loss", "poisson_nll_loss", "gaussian_nll_loss", "ctc_loss"]

_TYPE_NAMES = {"float32": "Float", "float64": "Double", "float16": "Half", "int64": "Long", "int32": "Int",
               "int16": "Short", "int8": "Char", "uint8": "Byte", "bool": "Bool"}


# ---------------------------------------------------------------------------------------------
# reduction

def _legacy_reduction(size_average, reduce, reduction):
    """The deprecated size_average/reduce pair as a reduction string."""
    if size_average is None and reduce is None:
        return reduction
    size_average = True if size_average is None else size_average
    reduce = True if reduce is None else reduce
    warnings.warn("size_average and reduce args will be deprecated, please use reduction='{}' instead.".format(
        "none" if not reduce else ("mean" if size_average else "sum")))
    return "none" if not reduce else ("mean" if size_average else "sum")


def _check_reduction(reduction):
    if reduction not in ("none", "mean", "sum"):
        raise ValueError(f"{reduction} is not a valid value for reduction")


def _reduce(loss, reduction):
    _check_reduction(reduction)
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss


def _same_size_warning(input, target):
    if tuple(target.shape) != tuple(input.shape):
        warnings.warn(f"Using a target size ({target.shape}) that is different to the input size ({input.shape}). "
                      "This will likely lead to incorrect results due to broadcasting. Please ensure they have the "
                      "same size.", stacklevel=3)


def _pair(input, target, name):
    if not isinstance(input, Tensor) or not isinstance(target, Tensor):
        raise TypeError(f"{name}(): argument 'input' and 'target' must be Tensor")
    _same_size_warning(input, target)


# ---------------------------------------------------------------------------------------------
# regression losses

def l1_loss(input, target, size_average=None, reduce=None, reduction="mean", weight=None):
    reduction = _legacy_reduction(size_average, reduce, reduction)
    _check_reduction(reduction)
    _pair(input, target, "l1_loss")
    return _reduce(E.abs(input - target), reduction)


def mse_loss(input, target, size_average=None, reduce=None, reduction="mean", weight=None):
    reduction = _legacy_reduction(size_average, reduce, reduction)
    _check_reduction(reduction)
    _pair(input, target, "mse_loss")
    d = input - target
    return _reduce(d * d, reduction)


def smooth_l1_loss(input, target, size_average=None, reduce=None, reduction="mean", beta=1.0):
    """0.5 d^2 / beta where |d| < beta, else |d| - 0.5 beta (plain L1 when beta is 0)."""
    reduction = _legacy_reduction(size_average, reduce, reduction)
    _check_reduction(reduction)
    if beta < 0:
        raise RuntimeError("smooth_l1_loss does not support negative values for beta.")
    _pair(input, target, "smooth_l1_loss")
    d = E.abs(input - target)
    if beta == 0:
        return _reduce(d, reduction)
    return _reduce(E.where(d < beta, d * d * (0.5 / beta), d - 0.5 * beta), reduction)


def huber_loss(input, target, reduction="mean", delta=1.0, weight=None):
    """0.5 d^2 where |d| <= delta, else delta (|d| - 0.5 delta)."""
    _check_reduction(reduction)
    if delta <= 0:
        raise RuntimeError("huber_loss does not support non-positive values for delta.")
    _pair(input, target, "huber_loss")
    d = E.abs(input - target)
    return _reduce(E.where(d <= delta, d * d * 0.5, (d - 0.5 * delta) * delta), reduction)


# ---------------------------------------------------------------------------------------------
# binary classification

def binary_cross_entropy(input, target, weight=None, size_average=None, reduce=None, reduction="mean"):
    """-w (y log x + (1 - y) log(1 - x)), each log clamped at -100 as torch documents."""
    reduction = _legacy_reduction(size_average, reduce, reduction)
    _check_reduction(reduction)
    if tuple(target.shape) != tuple(input.shape):
        raise ValueError(f"Using a target size ({target.shape}) that is different to the input size "
                         f"({input.shape}) is deprecated. Please ensure they have the same size.")
    with no_grad():
        if input.numel() and bool(((input < 0) | (input > 1)).any()):
            raise RuntimeError("all elements of input should be between 0 and 1")
    log_x = E.clamp(E.log(input), min=-100.0)
    log_1mx = E.clamp(E.log(1 - input), min=-100.0)
    loss = -(target * log_x + (1 - target) * log_1mx)
    if weight is not None:
        loss = loss * weight
    return _reduce(loss, reduction)


def binary_cross_entropy_with_logits(input, target, weight=None, size_average=None, reduce=None,
                                     reduction="mean", pos_weight=None):
    """-w [p y log s(x) + (1 - y) log(1 - s(x))], computed stably as
    (1 - y) x + (1 + (p - 1) y) (log(1 + exp(-|x|)) + max(-x, 0))."""
    reduction = _legacy_reduction(size_average, reduce, reduction)
    _check_reduction(reduction)
    if tuple(target.shape) != tuple(input.shape):
        raise ValueError(f"Target size ({target.shape}) must be the same as input size ({input.shape})")
    softplus_neg = _pointwise("SoftplusBackward0", input,
                              lambda x: E.log1p(E.exp(-E.abs(x))) + E.clamp(-x, min=0.0),
                              lambda x, y, g: -g * E.sigmoid(-x))
    if pos_weight is not None:
        coef = (pos_weight - 1) * target + 1
        loss = (1 - target) * input + coef * softplus_neg
    else:
        loss = (1 - target) * input + softplus_neg
    if weight is not None:
        loss = loss * weight
    return _reduce(loss, reduction)


# ---------------------------------------------------------------------------------------------
# distributions

def kl_div(input, target, size_average=None, reduce=None, reduction="mean", log_target=False):
    """target (log target - input), with 0 where target is 0; input holds log-probabilities."""
    reduction = _legacy_reduction(size_average, reduce, reduction)
    if reduction == "mean":
        warnings.warn("reduction: 'mean' divides the total loss by both the batch size and the support size."
                      "'batchmean' divides only by the batch size, and aligns with the KL div math definition."
                      "'mean' will be changed to behave the same as 'batchmean' in the next major release.")
    if reduction not in ("none", "mean", "sum", "batchmean"):
        raise ValueError(f"{reduction} is not a valid value for reduction")
    if log_target:
        loss = E.exp(target) * (target - input)
    else:
        # xlogy: 0 * log 0 counts as 0
        safe = E.where(target > 0, target, target * 0 + 1)
        loss = E.where(target > 0, target * E.log(safe), target * 0) - target * input
    if reduction == "batchmean":
        total = loss.sum()
        return total / input.shape[0] if input.dim() else total
    return _reduce(loss, reduction)


# ---------------------------------------------------------------------------------------------
# classification over classes: nll_loss and cross_entropy

def _class_layout(input, target, weight, ignore_index):
    """Validate (N, C, d1...) input against an (N, d1...) integer target; return the input as (M, C), the
    target as a contiguous int64 (M,), C, and the first out-of-range target (None when all are valid)."""
    if input.dim() < 1:
        raise ValueError(f"Expected 1 or more dimensions (got {input.dim()})")
    if target.dtype not in (D.int64, D.uint8):
        raise RuntimeError(f"expected target dtype to be Long or Byte, but got {_TYPE_NAMES[target.dtype.name]}")
    if input.dim() == 1:
        if target.dim() != 0:
            raise RuntimeError("0D or 1D target tensor expected, multi-target not supported")
        c = input.shape[0]
        x2, t1 = input.reshape(1, c), target.reshape(1)
    else:
        if target.dim() == 0 or input.shape[0] != target.shape[0]:
            tb = target.shape[0] if target.dim() else 1
            raise ValueError(f"Expected input batch_size ({input.shape[0]}) to match target batch_size ({tb}).")
        c = input._shape[1]
        expected = (input._shape[0],) + tuple(input._shape[2:])
        if tuple(target._shape) != expected:
            raise RuntimeError(f"Expected target size {list(expected)}, got {list(target.shape)}")
        x2 = _class_rows(input)
        t1 = target if target.dim() == 1 else target.reshape(-1)
    if weight is not None and (weight.dim() != 1 or weight.numel() != c):
        raise RuntimeError(f"weight tensor should be defined either for all {c} classes or no classes but got "
                           f"weight tensor of shape: {list(weight.shape)}")
    t1 = cast(t1, D.int64)
    if not t1.is_contiguous():
        t1 = t1.contiguous()
    first_bad = backend_of(t1._storage.device).fused("cross_entropy_first_bad_target")
    bad = first_bad(t1, c, ignore_index) if t1._shape[0] else None
    return x2, t1, c, bad


def _class_rows(input):
    """(N, C, d1...) input as (M, C) rows of class scores (a single sample is one row)."""
    if input.dim() == 1:
        return input.reshape(1, input.shape[0])
    return input if input.dim() == 2 else input.movedim(1, -1).reshape(-1, input.shape[1])


def _raise_bad(bad):
    if bad is not None:
        raise IndexError(f"Target {bad} is out of bounds.")


def nll_loss(input, target, weight=None, size_average=None, ignore_index=-100, reduce=None, reduction="mean"):
    """-w[t] input[n, t] per element; 'mean' divides by the summed weights of the kept targets."""
    reduction = _legacy_reduction(size_average, reduce, reduction)
    _check_reduction(reduction)
    x2, t1, c, bad = _class_layout(input, target, weight, ignore_index)
    _raise_bad(bad)
    kept = t1 != ignore_index
    safe = E.where(kept, t1, t1 * 0)
    picked = x2.gather(1, safe.unsqueeze(1)).squeeze(1)
    w = kept.to(input.dtype)
    if weight is not None:
        w = w * weight.detach().to(input.dtype)[safe]
    loss = -picked * w
    if reduction == "none":
        return loss.reshape(target.shape)
    if reduction == "sum":
        return loss.sum()
    return loss.sum() / w.sum()


def _cross_entropy_grad_composite(x, t1, w, ignore_index, reduction, smoothing, g):
    """d loss / d x (M, C) as recorded ops, for a backward that must itself be differentiable:
    per kept row (1 - e) w[t] (p - onehot(t)) + (e / C) (sum(w) p - w), p = softmax(x), scaled by
    g ('none'), g ('sum') or g / sum of the kept rows' w[t] ('mean')."""
    c = x.shape[1]
    kept = t1 != ignore_index
    safe = E.where(kept, t1, t1 * 0)
    wc = from_numpy(w).to(x.dtype).to(x.device)
    wt = wc[safe] * kept.to(x.dtype)
    p = R.softmax(x, 1)
    grad = (p - one_hot(safe, c).to(x.dtype)) * (wt * (1.0 - smoothing)).unsqueeze(1)
    if smoothing:
        grad = grad + (p * wc.sum() - wc) * (kept.to(x.dtype) * (smoothing / c)).unsqueeze(1)
    g = g.to(x.dtype)
    if reduction == "none":
        return grad * g.reshape(-1, 1)
    return grad * (g if reduction == "sum" else g / wt.sum())


def _d_cross_entropy(ctx, g):
    x2, t1, input = ctx.saved_tensors
    state, ignore_index, composite = ctx._saved_kernel_state, ctx._saved_ignore_index, ctx._saved_composite
    shape, dtype, dim = ctx._saved_self_sizes, ctx._saved_self_dtype, len(ctx._saved_self_sizes)
    if creating_graph():
        grad = _cross_entropy_grad_composite(_class_rows(input).to(x2.dtype), t1, ignore_index=ignore_index, g=g,
                                             **composite)
    else:
        grad = empty_tensor(tuple(x2.shape), x2.dtype, x2.device)
        kernel = backend_of(x2.device).fused("cross_entropy_backward")
        kernel(state, x2, t1, ignore_index, cast(g.detach(), x2.dtype).contiguous(), grad)
    grad = cast(grad, dtype)
    if dim == 1:
        return (grad.reshape(shape),)
    if dim == 2:
        return (grad,)
    lead = (shape[0],) + tuple(shape[2:]) + (shape[1],)
    return (grad.reshape(lead).movedim(-1, 1),)


def _cross_entropy_indices(input, target, weight, ignore_index, reduction, label_smoothing):
    x2, t1, c, bad = _class_layout(input, target, weight, ignore_index)
    _raise_bad(bad)
    compute = D.float32 if input.dtype is D.float16 else input.dtype
    xk = x2.detach() if x2.dtype is compute else cast(x2, compute)
    if not xk.is_contiguous():
        xk = xk.contiguous()
    w = _ones(c) if weight is None else weight.detach().cpu().numpy().astype(np.float64)
    device = input._storage.device
    out = empty_tensor((xk._shape[0],) if reduction == "none" else (), compute, device)
    kernel = backend_of(device).fused("cross_entropy_forward")
    state = kernel(xk, t1, w, ignore_index, float(label_smoothing), reduction, out)
    res = cast(out, input.dtype)
    if reduction == "none":
        res = res.reshape(target.shape)
    if needs_grad(input):
        record("NllLossBackward0", _d_cross_entropy, (input,), res, save=(xk, t1, input),
               meta=dict(kernel_state=state, ignore_index=ignore_index, self_sizes=tuple(input._shape),
                         self_dtype=input.dtype,
                         composite=dict(w=w, reduction=reduction, smoothing=float(label_smoothing))))
    return res


_ONES = {}


def _ones(c):
    """The unit class weights of c classes, float64 (shared: every reader only reads them)."""
    w = _ONES.get(c)
    if w is None:
        w = np.ones(c)
        if len(_ONES) < 64:
            _ONES[c] = w
    return w


def _cross_entropy_probabilities(input, target, weight, reduction, label_smoothing):
    if not target.dtype.is_floating_point:
        raise RuntimeError(f"Expected floating point type for target with class probabilities, got "
                           f"{_TYPE_NAMES[target.dtype.name]}")
    class_dim = 0 if input.dim() == 1 else 1
    c = input.shape[class_dim]
    if label_smoothing > 0:
        target = target * (1 - label_smoothing) + label_smoothing / c
    logp = R.log_softmax(input, class_dim)
    if weight is not None:
        shape = [1] * input.dim()
        shape[class_dim] = c
        logp = logp * weight.reshape(shape)
    loss = -(logp * target).sum(class_dim)
    if reduction == "mean":
        return loss.sum() / (input.numel() // c if c else 0) if input.numel() else loss.sum() / 0.0
    return _reduce(loss, reduction)


def cross_entropy(input, target, weight=None, size_average=None, ignore_index=-100, reduce=None, reduction="mean",
                  label_smoothing=0.0):
    """log_softmax over dim 1 (dim 0 for a single sample) followed by the negative log-likelihood of the
    target classes, or of target class probabilities when target has input's shape and a float dtype."""
    reduction = _legacy_reduction(size_average, reduce, reduction)
    _check_reduction(reduction)
    if not isinstance(input, Tensor) or not isinstance(target, Tensor):
        raise TypeError("cross_entropy(): argument 'input' and 'target' must be Tensor")
    if not 0.0 <= label_smoothing <= 1.0:
        raise RuntimeError(f"label_smoothing must be between 0.0 and 1.0. Got: {label_smoothing}")
    if tuple(target.shape) == tuple(input.shape):
        return _cross_entropy_probabilities(input, target, weight, reduction, label_smoothing)
    if not input.dtype.is_floating_point:
        raise RuntimeError(f"\"log_softmax_lastdim_kernel_impl\" not implemented for "
                           f"'{_TYPE_NAMES[input.dtype.name]}'")
    return _cross_entropy_indices(input, target, weight, ignore_index, reduction, label_smoothing)


# ---------------------------------------------------------------------------------------------
# embeddings and ranking

def pairwise_distance(x1, x2, p=2.0, eps=1e-6, keepdim=False):
    """||x1 - x2 + eps||_p over the last dim."""
    d = x1 - x2 + eps
    dim = -1 if d.dim() else 0
    if p == math.inf:
        return E.abs(d).amax(dim=dim, keepdim=keepdim)
    if p == 1:
        return E.abs(d).sum(dim=dim, keepdim=keepdim)
    if p == 2:
        return E.sqrt((d * d).sum(dim=dim, keepdim=keepdim))
    return E.pow(E.pow(E.abs(d), p).sum(dim=dim, keepdim=keepdim), 1.0 / p)


def cosine_embedding_loss(input1, input2, target, margin=0.0, size_average=None, reduce=None, reduction="mean"):
    """1 - cos(x1, x2) where y = 1, max(0, cos(x1, x2) - margin) where y = -1."""
    reduction = _legacy_reduction(size_average, reduce, reduction)
    _check_reduction(reduction)
    if input1.dim() not in (1, 2) or tuple(input1.shape) != tuple(input2.shape):
        raise RuntimeError(f"cosine_embedding_loss: expected 1D or 2D input tensors of the same shape, got "
                           f"{list(input1.shape)} and {list(input2.shape)}")
    eps = 1e-12
    dim = input1.dim() - 1
    dot = (input1 * input2).sum(dim)
    mag1 = (input1 * input1).sum(dim) + eps
    mag2 = (input2 * input2).sum(dim) + eps
    cos = dot / E.sqrt(mag1 * mag2)
    zeros = cos * 0
    pos = E.where(target == 1, 1 - cos, zeros)
    neg = E.where(target == -1, E.clamp(cos - margin, min=0.0), zeros)
    return _reduce(pos + neg, reduction)


def margin_ranking_loss(input1, input2, target, margin=0.0, size_average=None, reduce=None, reduction="mean"):
    """max(0, -y (x1 - x2) + margin)."""
    reduction = _legacy_reduction(size_average, reduce, reduction)
    _check_reduction(reduction)
    if input1.dim() != input2.dim() or input1.dim() != target.dim():
        raise RuntimeError(f"margin_ranking_loss : All input tensors should have same dimension but got sizes: "
                           f"input1: {input1.shape}, input2: {input2.shape}, target: {target.shape} ")
    return _reduce(E.clamp(-target * (input1 - input2) + margin, min=0.0), reduction)


def triplet_margin_loss(anchor, positive, negative, margin=1.0, p=2, eps=1e-6, swap=False, size_average=None,
                        reduce=None, reduction="mean"):
    """max(d(a, p) - d(a, n) + margin, 0) with d the p-norm pairwise distance; swap uses the smaller of
    d(a, n) and d(p, n)."""
    reduction = _legacy_reduction(size_average, reduce, reduction)
    _check_reduction(reduction)
    dims = (anchor.dim(), positive.dim(), negative.dim())
    if len(set(dims)) != 1:
        raise RuntimeError(f"The anchor, positive, and negative tensors are expected to have the same number of "
                           f"dimensions, but got: anchor {dims[0]}D, positive {dims[1]}D, and negative {dims[2]}D "
                           "inputs")
    d_pos = pairwise_distance(anchor, positive, p, eps)
    d_neg = pairwise_distance(anchor, negative, p, eps)
    if swap:
        d_neg = E.minimum(d_neg, pairwise_distance(positive, negative, p, eps))
    return _reduce(E.clamp(d_pos - d_neg + margin, min=0.0), reduction)


def soft_margin_loss(input, target, size_average=None, reduce=None, reduction="mean"):
    reduction = _legacy_reduction(size_average, reduce, reduction)
    return _reduce(E.log1p(E.exp(-target * input)), reduction)


def hinge_embedding_loss(input, target, margin=1.0, size_average=None, reduce=None, reduction="mean"):
    reduction = _legacy_reduction(size_average, reduce, reduction)
    zeros = input * 0
    pos = E.where(target == 1, input, zeros)
    neg = E.where(target == -1, E.clamp(margin - input, min=0.0), zeros)
    return _reduce(pos + neg, reduction)


def poisson_nll_loss(input, target, log_input=True, full=False, size_average=None, eps=1e-8, reduce=None,
                     reduction="mean"):
    reduction = _legacy_reduction(size_average, reduce, reduction)
    if log_input:
        loss = E.exp(input) - target * input
    else:
        loss = input - target * E.log(input + eps)
    if full:
        stirling = target * E.log(E.where(target > 1, target, target * 0 + 1)) - target + \
            E.log(target * (2 * math.pi) + (target <= 1).to(target.dtype)) * 0.5
        loss = loss + E.where(target > 1, stirling, stirling * 0)
    return _reduce(loss, reduction)


def gaussian_nll_loss(input, target, var, full=False, eps=1e-6, reduction="mean"):
    v = E.clamp(var, min=eps)
    loss = (E.log(v) + (input - target) ** 2 / v) * 0.5
    if full:
        loss = loss + 0.5 * math.log(2 * math.pi)
    return _reduce(loss, reduction)



# ---------------------------------------------------------------------------------------------
# connectionist temporal classification

def _lengths(v, name):
    if isinstance(v, Tensor):
        return v.detach().cpu().numpy().astype(np.int64).reshape(-1)
    return np.asarray(list(v), dtype=np.int64).reshape(-1)


def _padded_targets(targets, tgt_lens, n):
    """(N, S) int64 host targets from the padded (N, S) or the concatenated 1-D form."""
    t = targets.detach().cpu().numpy().astype(np.int64)
    if t.ndim == 2:
        return np.ascontiguousarray(t)
    width = int(tgt_lens.max()) if tgt_lens.size else 0
    out = np.zeros((n, width), np.int64)
    pos = 0
    for i, length in enumerate(tgt_lens):
        out[i, :length] = t[pos:pos + length]
        pos += length
    return out


def _d_ctc(ctx, g):
    lp, targets, in_lens, tgt_lens = ctx._saved_log_probs, ctx._saved_targets, ctx._saved_input_lengths, \
        ctx._saved_target_lengths
    blank, nll, alpha, zero_inf = ctx._saved_blank, ctx._saved_neg_log_likelihood, ctx._saved_log_alpha, \
        ctx._saved_zero_infinity
    shape, dtype = ctx._saved_self_sizes, ctx._saved_self_dtype
    gscale = np.asarray(g.detach().cpu().numpy(), np.float64).reshape(-1)
    if zero_inf:
        gscale = np.where(np.isinf(nll), 0.0, gscale)
    grad = backend_of(g.device).fused("ctc_loss_backward")(lp, targets, in_lens, tgt_lens, blank, nll, alpha, gscale)
    grad = from_numpy(grad).to(dtype=dtype, device=g.device).reshape(shape)
    if creating_graph():
        # torch has no derivative of this backward: the gradient joins the graph through a node that
        # refuses to be differentiated, rather than as a constant (a silently wrong zero)
        (log_probs,) = ctx.saved_tensors
        record("NotImplemented", _d_ctc_twice, (log_probs, g), grad)
    return (grad,)


def _d_ctc_twice(ctx, *grads):
    raise RuntimeError("derivative for aten::_ctc_loss_backward is not implemented")


def ctc_loss(log_probs, targets, input_lengths, target_lengths, blank=0, reduction="mean", zero_infinity=False):
    """The negative log-likelihood of each target sequence summed over all its alignments (blanks and
    repeats collapsed), by the forward recursion over the extended target; log_probs is (T, N, C)."""
    _check_reduction(reduction)
    unbatched = log_probs.dim() == 2
    lp_t = log_probs.unsqueeze(1) if unbatched else log_probs
    if lp_t.dim() != 3:
        raise RuntimeError(f"ctc_loss: expected log_probs to be 2-D or 3-D, got {log_probs.dim()}-D")
    steps, n, _ = lp_t.shape
    in_lens = _lengths(input_lengths, "input_lengths")
    tgt_lens = _lengths(target_lengths, "target_lengths")
    tg = targets.unsqueeze(0) if unbatched and targets.dim() == 1 else targets
    host_targets = _padded_targets(tg, tgt_lens, n)
    if in_lens.size and in_lens.max() > steps:
        raise RuntimeError(f"Expected input_lengths to have value at most {steps}, but got value {in_lens.max()} "
                           "(while checking arguments for ctc_loss_allocate_outputs)")
    if tg.dim() == 2 and tgt_lens.size and tgt_lens.max() > host_targets.shape[1]:
        raise RuntimeError(f"Expected tensor to have size at least {tgt_lens.max()} at dimension 1, but got size "
                           f"{host_targets.shape[1]} for argument #2 'targets' (while checking arguments for "
                           "ctc_loss_allocate_outputs)")
    lp = np.ascontiguousarray(lp_t.detach().cpu().numpy().astype(np.float64))
    nll, alpha = backend_of(log_probs.device).fused("ctc_loss_forward")(lp, host_targets, in_lens, tgt_lens, blank)
    values = np.where(np.isinf(nll), 0.0, nll) if zero_infinity else nll
    per_sample = from_numpy(values.copy()).to(dtype=log_probs.dtype, device=log_probs.device)
    if needs_grad(log_probs):
        record("CtcLossBackward0", _d_ctc, (log_probs,), per_sample, save=(log_probs,),
               meta=dict(log_probs=lp, targets=host_targets, input_lengths=in_lens, target_lengths=tgt_lens,
                         blank=blank, neg_log_likelihood=nll, log_alpha=alpha, zero_infinity=zero_infinity,
                         self_sizes=tuple(log_probs.shape), self_dtype=log_probs.dtype))
    if reduction == "none":
        return per_sample.reshape(()) if unbatched else per_sample
    if reduction == "sum":
        return per_sample.sum()
    divisor = from_numpy(np.maximum(tgt_lens, 1).astype(np.float64)).to(dtype=log_probs.dtype, device=log_probs.device)
    return (per_sample / divisor).mean()
