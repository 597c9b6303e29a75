"""Activation functions (torch.nn.functional).

Each pointwise activation computes its value with tensor ops outside the graph and records one
node under torch's name whose backward is written with tensor ops too (so it runs on every device
and is itself differentiable). `inplace=True` writes the result into the input the way torch's
in-place variants do: the input's history continues through the activation.
"""
import math
import warnings

from ..._ops import elementwise as E
from ..._ops import reduction as R
from ..._ops._grad_utils import threshold_backward
from ..._tensor import Tensor
from ...autograd.grad_mode import no_grad
from ...autograd.graph import needs_grad, rebase_history, record

__all__ = ["relu", "relu_", "relu6", "leaky_relu", "leaky_relu_", "prelu", "elu", "elu_", "selu", "selu_",
           "celu", "celu_", "gelu", "silu", "mish", "sigmoid", "tanh", "hardtanh", "hardtanh_", "hardsigmoid",
           "hardswish", "softplus", "softsign", "softmax", "log_softmax", "softmin", "logsigmoid", "threshold",
           "tanhshrink", "softshrink", "hardshrink"]

SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946
_SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)
_GELU_CUBIC = 0.044715


def _check_input(x, name):
    if not isinstance(x, Tensor):
        raise TypeError(f"{name}(): argument 'input' (position 1) must be Tensor, not {type(x).__name__}")


def _pointwise(node_name, x, forward, backward, inplace=False):
    """y = forward(x) as one graph node; backward(x, y, g) -> grad of x, written with tensor ops."""
    with no_grad():
        y = forward(x.detach())
    if inplace:
        return _write_inplace(x, y, node_name, backward)
    if needs_grad(x):
        record(node_name, lambda ctx, g: (backward(*ctx.saved_tensors, g),), (x,), y, save=(x, y))
    return y


def _write_inplace(x, y, node_name, backward):
    if needs_grad(x):
        # the op continues x's history: the new node's input is a copy of x as it was
        x._check_inplace()
        before = x.clone()
        with no_grad():
            x.copy_(y)
        rebase_history(x, node_name, lambda ctx, g: (backward(ctx.saved_tensors[0], ctx.saved_tensors[1], g),),
                       (before,), save=(before, y))
        return x
    with no_grad():
        x.copy_(y)
    return x


def _float_like(mask, like):
    return mask.to(like.dtype)


# ---------------------------------------------------------------------------------------------
# rectifiers

def relu(input, inplace=False):
    _check_input(input, "relu")
    if inplace:
        return _pointwise("ReluBackward0", input, E.relu, lambda x, y, g: threshold_backward(y, g, 0.0), inplace=True)
    return E.relu(input)


def relu_(input):
    return relu(input, inplace=True)


def hardtanh(input, min_val=-1.0, max_val=1.0, inplace=False):
    _check_input(input, "hardtanh")
    if min_val > max_val:
        raise ValueError("min_val cannot be greater than max_val")
    # the gradient passes strictly inside (min_val, max_val), as torch's hardtanh_backward
    return _pointwise("HardtanhBackward0", input, lambda x: E.clamp(x, min_val, max_val),
                      lambda x, y, g: g * _float_like((x > min_val) & (x < max_val), g), inplace)


def hardtanh_(input, min_val=-1.0, max_val=1.0):
    return hardtanh(input, min_val, max_val, inplace=True)


def relu6(input, inplace=False):
    return hardtanh(input, 0.0, 6.0, inplace)


def leaky_relu(input, negative_slope=0.01, inplace=False):
    _check_input(input, "leaky_relu")
    return _pointwise("LeakyReluBackward0", input,
                      lambda x: E.where(x > 0, x, x * negative_slope),
                      lambda x, y, g: E.where(x > 0, g, g * negative_slope), inplace)


def leaky_relu_(input, negative_slope=0.01):
    return leaky_relu(input, negative_slope, inplace=True)


def _d_prelu(ctx, g):
    x, w = ctx.saved_tensors
    shape = ctx._saved_weight_view
    wb = w.reshape(shape)
    pos = x > 0
    gx = E.where(pos, g, g * wb) if ctx.needs_input_grad[0] else None
    gw = None
    if ctx.needs_input_grad[1]:
        contrib = E.where(pos, g * 0, g * x)
        dims = [d for d in range(x.dim()) if not (d == 1 and shape[d] != 1)] if x.dim() else []
        gw = contrib.sum(dim=dims).reshape(w.shape) if dims else contrib.reshape(w.shape)
    return gx, gw


def prelu(input, weight):
    """max(0, x) + a * min(0, x), with one learnt `a` or one per channel (dim 1)."""
    _check_input(input, "prelu")
    n = weight.numel()
    channels = input.shape[1] if input.dim() >= 2 else (input.shape[0] if input.dim() == 1 else 1)
    if n != 1 and n != channels:
        raise RuntimeError(f"Mismatch of parameter numbers and input channel size. Found parameter numbers = {n} "
                           f"and channel size = {channels}.")
    if input.dim() == 0 and n != 1:
        raise RuntimeError("Not allow zero-dim input tensor.")
    if n == 1:
        shape = (1,) * input.dim()
    elif input.dim() == 1:
        shape = (n,)
    else:
        shape = tuple(n if d == 1 else 1 for d in range(input.dim()))
    with no_grad():
        xd = input.detach()
        y = E.where(xd > 0, xd, xd * weight.detach().reshape(shape))
    if needs_grad(input, weight):
        record("PreluKernelBackward0", _d_prelu, (input, weight), y, save=(input, weight), meta=dict(weight_view=shape))
    return y


# ---------------------------------------------------------------------------------------------
# exponential family

def _elu_forward(alpha, scale, input_scale):
    def forward(x):
        neg = (E.exp(x * input_scale) - 1) * alpha
        return E.where(x > 0, x, neg) * scale
    return forward


def _elu_backward(alpha, scale, input_scale):
    def backward(x, y, g):
        # below zero d/dx scale*alpha*(exp(x*s)-1) = scale*alpha*s*exp(x*s)
        neg = E.exp(x * input_scale) * (alpha * scale * input_scale)
        return E.where(x > 0, g * scale, g * neg)
    return backward


def _elu_family(node, input, alpha, scale, input_scale, inplace):
    return _pointwise(node, input, _elu_forward(alpha, scale, input_scale),
                      _elu_backward(alpha, scale, input_scale), inplace)


def elu(input, alpha=1.0, inplace=False):
    _check_input(input, "elu")
    return _elu_family("EluBackward0", input, alpha, 1.0, 1.0, inplace)


def elu_(input, alpha=1.0):
    return elu(input, alpha, inplace=True)


def selu(input, inplace=False):
    _check_input(input, "selu")
    return _elu_family("EluBackward0", input, SELU_ALPHA, SELU_SCALE, 1.0, inplace)


def selu_(input):
    return selu(input, inplace=True)


def celu(input, alpha=1.0, inplace=False):
    _check_input(input, "celu")
    if alpha == 0:
        raise RuntimeError("ZeroDivisionError")
    return _elu_family("EluBackward0", input, alpha, 1.0, 1.0 / alpha, inplace)


def celu_(input, alpha=1.0):
    return celu(input, alpha, inplace=True)


# ---------------------------------------------------------------------------------------------
# smooth gates

def _gelu_exact(x):
    return x * (E.erf(x * (1 / math.sqrt(2.0))) + 1) * 0.5


def _d_gelu_exact(x, y, g):
    cdf = (E.erf(x * (1 / math.sqrt(2.0))) + 1) * 0.5
    pdf = E.exp(x * x * -0.5) * (1 / math.sqrt(2 * math.pi))
    return g * (cdf + x * pdf)


def _gelu_tanh(x):
    inner = (x + x * x * x * _GELU_CUBIC) * _SQRT_2_OVER_PI
    return x * (E.tanh(inner) + 1) * 0.5


def _d_gelu_tanh(x, y, g):
    inner = (x + x * x * x * _GELU_CUBIC) * _SQRT_2_OVER_PI
    t = E.tanh(inner)
    d_inner = (x * x * (3 * _GELU_CUBIC) + 1) * _SQRT_2_OVER_PI
    return g * ((t + 1) * 0.5 + x * 0.5 * (1 - t * t) * d_inner)


def gelu(input, approximate="none"):
    _check_input(input, "gelu")
    if approximate == "none":
        return _pointwise("GeluBackward0", input, _gelu_exact, _d_gelu_exact)
    if approximate == "tanh":
        return _pointwise("GeluBackward0", input, _gelu_tanh, _d_gelu_tanh)
    raise RuntimeError("approximate argument must be either none or tanh.")


def _d_silu(x, y, g):
    s = E.sigmoid(x)
    return g * s * (1 + x * (1 - s))


def silu(input, inplace=False):
    _check_input(input, "silu")
    return _pointwise("SiluBackward0", input, lambda x: x * E.sigmoid(x), _d_silu, inplace)


def _softplus_value(x, beta, threshold):
    bx = x * beta
    soft = E.log1p(E.exp(bx)) / beta
    return E.where(bx > threshold, x, soft)


def _d_mish(x, y, g):
    sp = _softplus_value(x, 1.0, 20.0)
    t = E.tanh(sp)
    return g * (t + x * (1 - t * t) * E.sigmoid(x))


def mish(input, inplace=False):
    _check_input(input, "mish")
    return _pointwise("MishBackward0", input, lambda x: x * E.tanh(_softplus_value(x, 1.0, 20.0)), _d_mish,
                      inplace)


def sigmoid(input):
    return E.sigmoid(input)


def tanh(input):
    return E.tanh(input)


def hardsigmoid(input, inplace=False):
    _check_input(input, "hardsigmoid")
    return _pointwise("HardsigmoidBackward0", input, lambda x: E.clamp(x + 3, 0.0, 6.0) / 6,
                      lambda x, y, g: g * _float_like((x > -3) & (x < 3), g) / 6, inplace)


def _d_hardswish(x, y, g):
    middle = g * (x / 3 + 0.5)
    return E.where(x < -3, g * 0, E.where(x <= 3, middle, g))


def hardswish(input, inplace=False):
    _check_input(input, "hardswish")
    return _pointwise("HardswishBackward0", input, lambda x: x * E.clamp(x + 3, 0.0, 6.0) / 6, _d_hardswish,
                      inplace)


def softplus(input, beta=1.0, threshold=20.0):
    """log(1 + exp(beta x)) / beta, linear where beta x > threshold."""
    _check_input(input, "softplus")

    def backward(x, y, g):
        bx = x * beta
        return E.where(bx > threshold, g, g * E.sigmoid(bx))
    return _pointwise("SoftplusBackward0", input, lambda x: _softplus_value(x, beta, threshold), backward)


def softsign(input):
    _check_input(input, "softsign")
    return input / (E.abs(input) + 1)


def logsigmoid(input):
    _check_input(input, "logsigmoid")
    # -softplus(-x), stable for large |x|
    return _pointwise("LogSigmoidBackward0", input, lambda x: -_softplus_value(-x, 1.0, 20.0),
                      lambda x, y, g: g * E.sigmoid(-x))


def threshold(input, threshold, value, inplace=False):
    return _pointwise("ThresholdBackward0", input, lambda x: E.where(x > threshold, x, x * 0 + value),
                      lambda x, y, g: g * _float_like(x > threshold, g), inplace)


def tanhshrink(input):
    return input - E.tanh(input)


def softshrink(input, lambd=0.5):
    return _pointwise("SoftshrinkBackward0", input,
                      lambda x: E.where(x > lambd, x - lambd, E.where(x < -lambd, x + lambd, x * 0)),
                      lambda x, y, g: g * _float_like((x > lambd) | (x < -lambd), g))


def hardshrink(input, lambd=0.5):
    return _pointwise("HardshrinkBackward0", input,
                      lambda x: E.where((x > lambd) | (x < -lambd), x, x * 0),
                      lambda x, y, g: g * _float_like((x > lambd) | (x < -lambd), g))


# ---------------------------------------------------------------------------------------------
# softmax family

def _implicit_dim(name, ndim):
    warnings.warn(f"Implicit dimension choice for {name} has been deprecated. Change the call to include "
                  "dim=X as an argument.", stacklevel=3)
    return 0 if ndim in (0, 1, 3) else 1


def softmax(input, dim=None, _stacklevel=3, dtype=None):
    if dim is None:
        dim = _implicit_dim("softmax", input.dim())
    return R.softmax(input, dim, dtype=dtype)


def log_softmax(input, dim=None, _stacklevel=3, dtype=None):
    if dim is None:
        dim = _implicit_dim("log_softmax", input.dim())
    return R.log_softmax(input, dim, dtype=dtype)


def softmin(input, dim=None, _stacklevel=3, dtype=None):
    if dim is None:
        dim = _implicit_dim("softmin", input.dim())
    x = input if dtype is None else input.to(dtype)
    return R.softmax(-x, dim)

