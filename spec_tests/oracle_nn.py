"""float64 NumPy oracles for torch.nn: activations, losses, layers, init statistics, written from the
documentation pages they cite (https://pytorch.org/docs/stable/nn.html). Nothing here imports torch
or the reference.

Reusable helpers for every nn spec file:
- `numeric_pullback(fn, *arrays)`: an oracle op `(out, pullback)` (the shape grad_harness.check_grad
  takes) whose gradients are float64 central differences of the NumPy forward `fn`, for layers whose
  closed-form gradient would be long;
- `op(fn, grad)`: the same shape from a forward and a closed-form pullback;
- `ks_pvalue(sample, cdf)`: a Kolmogorov-Smirnov p-value for init distributions.
"""
import math

import numpy as np
from scipy import stats


def f64(x):
    return np.asarray(x, dtype=np.float64)


# ---------------------------------------------------------------------------------------------
# gradient oracles

def numeric_grad(fn, arrays, g, wrt=None, eps=1e-5):
    """Central differences of sum(fn(*arrays) * g) with respect to each array in `wrt` (indices,
    default all float arrays), in float64."""
    xs = [f64(a) if isinstance(a, np.ndarray) and a.dtype.kind == "f" else a for a in arrays]
    if wrt is None:
        wrt = [i for i, a in enumerate(arrays) if isinstance(a, np.ndarray) and a.dtype.kind == "f"]
    g = f64(g)
    grads = []
    for i in wrt:
        x = xs[i]
        grad = np.zeros_like(x)
        flat = x.reshape(-1)
        gflat = grad.reshape(-1)
        for k in range(flat.size):
            keep = flat[k]
            flat[k] = keep + eps
            up = np.sum(f64(fn(*xs)) * g)
            flat[k] = keep - eps
            down = np.sum(f64(fn(*xs)) * g)
            flat[k] = keep
            gflat[k] = (up - down) / (2 * eps)
        grads.append(grad)
    return tuple(grads)


def numeric_pullback(fn, *arrays, wrt=None, eps=1e-5):
    """An oracle op for check_grad: fn's float64 value and a finite-difference pullback."""
    out = f64(fn(*[f64(a) if isinstance(a, np.ndarray) and a.dtype.kind == "f" else a for a in arrays]))
    return out, lambda g: numeric_grad(fn, arrays, g, wrt, eps)


def op(forward, pullback):
    """An oracle op `(out, pullback)` from a forward and its closed-form vector-Jacobian product
    pullback(g, *inputs) -> tuple of gradients."""
    def oracle(*arrays):
        xs = [f64(a) if isinstance(a, np.ndarray) and a.dtype.kind == "f" else a for a in arrays]
        return forward(*xs), lambda g: pullback(f64(g), *xs)
    return oracle


# ---------------------------------------------------------------------------------------------
# init statistics

def ks_pvalue(sample, cdf):
    """p-value of a one-sample Kolmogorov-Smirnov test of `sample` against a continuous `cdf`."""
    return float(stats.kstest(f64(sample).reshape(-1), cdf).pvalue)


def uniform_cdf(low, high):
    return stats.uniform(loc=low, scale=high - low).cdf


def normal_cdf(mean, std):
    return stats.norm(loc=mean, scale=std).cdf


def trunc_normal_cdf(mean, std, a, b):
    return stats.truncnorm((a - mean) / std, (b - mean) / std, loc=mean, scale=std).cdf


def fans(shape):
    """(fan_in, fan_out) as torch.nn.init documents: dims after the first two form the receptive field."""
    receptive = int(np.prod(shape[2:])) if len(shape) > 2 else 1
    return shape[1] * receptive, shape[0] * receptive


def gain(nonlinearity, param=None):
    """calculate_gain's table (torch.nn.init.calculate_gain)."""
    if nonlinearity in ("linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d",
                        "conv_transpose3d", "sigmoid"):
        return 1.0
    if nonlinearity == "tanh":
        return 5.0 / 3
    if nonlinearity == "relu":
        return math.sqrt(2.0)
    if nonlinearity == "leaky_relu":
        slope = 0.01 if param is None else param
        return math.sqrt(2.0 / (1 + slope ** 2))
    if nonlinearity == "selu":
        return 0.75
    raise ValueError(nonlinearity)


# ---------------------------------------------------------------------------------------------
# activations (https://pytorch.org/docs/stable/nn.html#non-linear-activations-weighted-sum-nonlinearity):
# each is (value(x), derivative(x)) of float64 x

SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946


def _erf(x):
    return np.vectorize(math.erf, otypes=[np.float64])(x)


def _sigmoid(x):
    return 0.5 * (1 + np.tanh(0.5 * x))


def _softplus(x, beta=1.0, threshold=20.0):
    return np.where(x * beta > threshold, x, np.logaddexp(0, x * beta) / beta)


def _gelu_tanh_parts(x):
    k = math.sqrt(2 / math.pi)
    inner = k * (x + 0.044715 * x ** 3)
    return np.tanh(inner), k * (1 + 3 * 0.044715 * x ** 2)


ACTIVATIONS = {
    "relu": (lambda x: np.maximum(x, 0), lambda x: (x > 0) * 1.0),
    "relu6": (lambda x: np.clip(x, 0, 6), lambda x: ((x > 0) & (x < 6)) * 1.0),
    "leaky_relu": (lambda x, s=0.01: np.where(x > 0, x, s * x), lambda x, s=0.01: np.where(x > 0, 1.0, s)),
    "elu": (lambda x, a=1.0: np.where(x > 0, x, a * np.expm1(x)), lambda x, a=1.0: np.where(x > 0, 1.0, a * np.exp(x))),
    "selu": (lambda x: SELU_SCALE * np.where(x > 0, x, SELU_ALPHA * np.expm1(x)),
             lambda x: SELU_SCALE * np.where(x > 0, 1.0, SELU_ALPHA * np.exp(x))),
    "celu": (lambda x, a=1.0: np.maximum(x, 0) + np.minimum(0, a * np.expm1(x / a)),
             lambda x, a=1.0: np.where(x > 0, 1.0, np.exp(x / a))),
    "gelu": (lambda x: 0.5 * x * (1 + _erf(x / math.sqrt(2))),
             lambda x: 0.5 * (1 + _erf(x / math.sqrt(2))) + x * np.exp(-x * x / 2) / math.sqrt(2 * math.pi)),
    "gelu_tanh": (lambda x: 0.5 * x * (1 + _gelu_tanh_parts(x)[0]),
                  lambda x: 0.5 * (1 + _gelu_tanh_parts(x)[0])
                  + 0.5 * x * (1 - _gelu_tanh_parts(x)[0] ** 2) * _gelu_tanh_parts(x)[1]),
    "silu": (lambda x: x * _sigmoid(x), lambda x: _sigmoid(x) * (1 + x * (1 - _sigmoid(x)))),
    "mish": (lambda x: x * np.tanh(_softplus(x)),
             lambda x: np.tanh(_softplus(x)) + x * (1 - np.tanh(_softplus(x)) ** 2) * _sigmoid(x)),
    "sigmoid": (_sigmoid, lambda x: _sigmoid(x) * (1 - _sigmoid(x))),
    "tanh": (np.tanh, lambda x: 1 - np.tanh(x) ** 2),
    "hardtanh": (lambda x, lo=-1.0, hi=1.0: np.clip(x, lo, hi),
                 lambda x, lo=-1.0, hi=1.0: ((x > lo) & (x < hi)) * 1.0),
    "hardsigmoid": (lambda x: np.clip(x / 6 + 0.5, 0, 1), lambda x: ((x > -3) & (x < 3)) / 6.0),
    "hardswish": (lambda x: x * np.clip(x + 3, 0, 6) / 6,
                  lambda x: np.where(x < -3, 0.0, np.where(x > 3, 1.0, (2 * x + 3) / 6))),
    "softplus": (_softplus, lambda x, beta=1.0, threshold=20.0: np.where(x * beta > threshold, 1.0, _sigmoid(beta * x))),
    "softsign": (lambda x: x / (1 + np.abs(x)), lambda x: 1 / (1 + np.abs(x)) ** 2),
    "logsigmoid": (lambda x: -np.logaddexp(0, -x), lambda x: _sigmoid(-x)),
}


def activation(name, **kw):
    """An oracle op (out, pullback) for a pointwise activation with keyword options."""
    value, deriv = ACTIVATIONS[name]
    return op(lambda x: value(x, **kw), lambda g, x: (g * deriv(x, **kw),))


def softmax(x, dim):
    e = np.exp(x - x.max(axis=dim, keepdims=True))
    return e / e.sum(axis=dim, keepdims=True)


def log_softmax(x, dim):
    m = x.max(axis=dim, keepdims=True)
    return x - m - np.log(np.exp(x - m).sum(axis=dim, keepdims=True))


def softmax_op(dim):
    def pull(g, x):
        y = softmax(x, dim)
        return (y * (g - (g * y).sum(axis=dim, keepdims=True)),)
    return op(lambda x: softmax(x, dim), pull)


def log_softmax_op(dim):
    def pull(g, x):
        return (g - softmax(x, dim) * g.sum(axis=dim, keepdims=True),)
    return op(lambda x: log_softmax(x, dim), pull)


def softmin_op(dim):
    def pull(g, x):
        y = softmax(-x, dim)
        return (-(y * (g - (g * y).sum(axis=dim, keepdims=True))),)
    return op(lambda x: softmax(-x, dim), pull)


def prelu(x, w):
    """max(0, x) + w * min(0, x), w of one element or one per channel (dim 1; dim 0 of a 1-D x)."""
    shape = [1] * x.ndim
    if w.size > 1:
        shape[1 if x.ndim >= 2 else 0] = w.size
    return np.where(x > 0, x, w.reshape(shape) * x)


def prelu_op(x, w):
    x, w = f64(x), f64(w)

    def pull(g):
        g = f64(g)
        shape = [1] * x.ndim
        axis = 1 if x.ndim >= 2 else 0
        if w.size > 1:
            shape[axis] = w.size
        gx = np.where(x > 0, g, g * w.reshape(shape))
        contrib = np.where(x > 0, 0.0, g * x)
        if w.size > 1:
            gw = contrib.sum(axis=tuple(d for d in range(x.ndim) if d != axis))
        else:
            gw = np.array([contrib.sum()])
        return gx, gw.reshape(w.shape)
    return prelu(x, w), pull


# ---------------------------------------------------------------------------------------------
# losses (https://pytorch.org/docs/stable/nn.html#loss-functions); `reduction` as documented

def reduce(loss, reduction):
    if reduction == "mean":
        return np.asarray(loss.mean())
    if reduction == "sum":
        return np.asarray(loss.sum())
    return loss


def l1_loss(x, y, reduction="mean"):
    return reduce(np.abs(f64(x) - y), reduction)


def mse_loss(x, y, reduction="mean"):
    return reduce((f64(x) - y) ** 2, reduction)


def smooth_l1_loss(x, y, reduction="mean", beta=1.0):
    d = np.abs(f64(x) - y)
    if beta == 0:
        return reduce(d, reduction)
    return reduce(np.where(d < beta, 0.5 * d * d / beta, d - 0.5 * beta), reduction)


def huber_loss(x, y, reduction="mean", delta=1.0):
    d = np.abs(f64(x) - y)
    return reduce(np.where(d <= delta, 0.5 * d * d, delta * (d - 0.5 * delta)), reduction)


def binary_cross_entropy(x, y, weight=None, reduction="mean"):
    x = f64(x)
    loss = -(y * np.maximum(np.log(x), -100) + (1 - y) * np.maximum(np.log(1 - x), -100))
    if weight is not None:
        loss = loss * weight
    return reduce(loss, reduction)


def binary_cross_entropy_with_logits(x, y, weight=None, pos_weight=None, reduction="mean"):
    x = f64(x)
    log_sig = -np.logaddexp(0, -x)
    log_one_minus = -np.logaddexp(0, x)
    p = 1.0 if pos_weight is None else pos_weight
    loss = -(p * y * log_sig + (1 - y) * log_one_minus)
    if weight is not None:
        loss = loss * weight
    return reduce(loss, reduction)


def kl_div(x, y, reduction="mean", log_target=False):
    x = f64(x)
    if log_target:
        loss = np.exp(y) * (y - x)
    else:
        with np.errstate(divide="ignore", invalid="ignore"):
            loss = np.where(y > 0, y * (np.log(np.where(y > 0, y, 1.0)) - x), 0.0 - y * x)
    if reduction == "batchmean":
        return np.asarray(loss.sum() / x.shape[0])
    return reduce(loss, reduction)


def _class_last(x):
    """(N, C, d1...) -> (M, C) rows; a single (C,) sample -> (1, C)."""
    if x.ndim == 1:
        return x[None, :]
    return np.moveaxis(x, 1, -1).reshape(-1, x.shape[1])


def nll_loss(x, t, weight=None, ignore_index=-100, reduction="mean"):
    x2 = _class_last(f64(x))
    t1 = np.asarray(t).reshape(-1)
    c = x2.shape[1]
    w = np.ones(c) if weight is None else f64(weight)
    kept = t1 != ignore_index
    safe = np.where(kept, t1, 0)
    wt = w[safe] * kept
    loss = -x2[np.arange(len(t1)), safe] * wt
    if reduction == "none":
        return loss.reshape(np.shape(t))
    if reduction == "sum":
        return np.asarray(loss.sum())
    return np.asarray(loss.sum() / wt.sum())


def cross_entropy(x, t, weight=None, ignore_index=-100, reduction="mean", label_smoothing=0.0):
    """Class indices (integer t) or class probabilities (float t of x's shape), as the page documents:
    with label smoothing the target mixes with the uniform distribution over the C classes."""
    x = f64(x)
    class_dim = 0 if x.ndim == 1 else 1
    c = x.shape[class_dim]
    logp = log_softmax(x, class_dim)
    w = np.ones(c) if weight is None else f64(weight)
    wshape = [1] * x.ndim
    wshape[class_dim] = c
    if np.asarray(t).dtype.kind == "f":
        y = f64(t) * (1 - label_smoothing) + label_smoothing / c
        loss = -(logp * w.reshape(wshape) * y).sum(axis=class_dim)
        if reduction == "mean":
            return np.asarray(loss.sum() / (x.size // c))
        return reduce(loss, reduction)
    nll = nll_loss(logp, t, weight, ignore_index, reduction)
    if not label_smoothing:
        return nll
    t1 = np.asarray(t).reshape(-1)
    kept = t1 != ignore_index
    smooth = -(_class_last(logp) * w).sum(axis=1) * kept
    if reduction == "none":
        smooth = smooth.reshape(np.shape(t))
    elif reduction == "sum":
        smooth = np.asarray(smooth.sum())
    else:
        smooth = np.asarray(smooth.sum() / (w[np.where(kept, t1, 0)] * kept).sum())
    return (1 - label_smoothing) * nll + label_smoothing / c * smooth


def cosine_embedding_loss(x1, x2, y, margin=0.0, reduction="mean"):
    x1, x2 = f64(x1), f64(x2)
    eps = 1e-12
    cos = (x1 * x2).sum(-1) / np.sqrt(((x1 * x1).sum(-1) + eps) * ((x2 * x2).sum(-1) + eps))
    loss = np.where(y == 1, 1 - cos, np.maximum(0, cos - margin))
    return reduce(loss, reduction)


def margin_ranking_loss(x1, x2, y, margin=0.0, reduction="mean"):
    return reduce(np.maximum(0, -y * (f64(x1) - x2) + margin), reduction)


def pairwise_distance(a, b, p=2.0, eps=1e-6):
    d = np.abs(f64(a) - b + eps)
    if p == np.inf:
        return d.max(-1)
    return (d ** p).sum(-1) ** (1 / p)


def triplet_margin_loss(a, p, n, margin=1.0, norm=2.0, eps=1e-6, swap=False, reduction="mean"):
    d_pos = pairwise_distance(a, p, norm, eps)
    d_neg = pairwise_distance(a, n, norm, eps)
    if swap:
        d_neg = np.minimum(d_neg, pairwise_distance(p, n, norm, eps))
    return reduce(np.maximum(d_pos - d_neg + margin, 0), reduction)


def ctc_nll(lp, target, blank=0):
    """-log p(target | lp) for one sample: lp (T, C) log-probabilities, target a sequence of labels; the
    forward recursion of Graves et al. (2006) over the target with blanks between and around labels."""
    ext = [blank]
    for c in target:
        ext += [int(c), blank]
    steps, size = lp.shape[0], len(ext)
    alpha = np.full((steps, size), -np.inf)
    if steps == 0:
        return 0.0 if len(target) == 0 else np.inf
    alpha[0, 0] = lp[0, blank]
    if size > 1:
        alpha[0, 1] = lp[0, ext[1]]
    for t in range(1, steps):
        for s in range(size):
            terms = [alpha[t - 1, s]]
            if s >= 1:
                terms.append(alpha[t - 1, s - 1])
            if s >= 2 and ext[s] != blank and ext[s] != ext[s - 2]:
                terms.append(alpha[t - 1, s - 2])
            alpha[t, s] = np.logaddexp.reduce(terms) + lp[t, ext[s]]
    end = alpha[-1, -1] if size == 1 else np.logaddexp(alpha[-1, -1], alpha[-1, -2])
    return -end


def ctc_loss(lp, targets, input_lengths, target_lengths, blank=0, reduction="mean", zero_infinity=False):
    """lp (T, N, C); targets (N, S) padded; mean divides each loss by its target length, then averages."""
    lp = f64(lp)
    losses = np.array([ctc_nll(lp[:input_lengths[n], n], targets[n][:target_lengths[n]], blank)
                       for n in range(lp.shape[1])])
    if zero_infinity:
        losses = np.where(np.isinf(losses), 0.0, losses)
    if reduction == "none":
        return losses
    if reduction == "sum":
        return np.asarray(losses.sum())
    return np.asarray((losses / np.maximum(np.asarray(target_lengths), 1)).mean())
