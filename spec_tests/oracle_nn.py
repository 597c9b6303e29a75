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

def numeric_grad(fn, arrays, g, wrt=None, eps=1e-6):
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


def numeric_pullback(fn, *arrays, wrt=None, eps=1e-6):
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
