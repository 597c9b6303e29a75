"""Fused optimizer updates on the device: the CPU kernels' arithmetic (reference/backends/cpu/
optim_kernels.py), one element per iteration of a grid-stride loop. Each kernel takes the parameter,
its gradient and its state buffers as 1-D device arrays of the parameter's dtype and every
hyper-parameter already converted to that dtype by the caller (reference/optim/_fused.py); the host
functions at the bottom keep the CPU entries' signatures."""
import numpy as np
from numba import cuda

from . import device_math as dm
from ._launch import grid


@cuda.jit(device=True)
def _lerp(start, end, weight, one_minus_weight):
    # torch's lerp takes the formula that is exact at the nearer end.
    if weight < 0.5:
        return start + weight * (end - start)
    return end - (end - start) * one_minus_weight


@cuda.jit
def _sgd(param, grad, buf, neg_lr, wd, momentum, one_minus_dampening, use_momentum, first, nesterov, maximize):
    for i in range(cuda.grid(1), param.shape[0], cuda.gridsize(1)):
        p = param[i]
        g = -grad[i] if maximize else grad[i]
        if wd != 0:
            g = g + wd * p
        if use_momentum:
            if first:
                b = g
            else:
                b = buf[i] * momentum + one_minus_dampening * g
            buf[i] = b
            g = g + momentum * b if nesterov else b
        param[i] = p + neg_lr * g


@cuda.jit
def _adam(param, grad, exp_avg, exp_avg_sq, max_exp_avg_sq, beta1, one_minus_beta1, beta2, one_minus_beta2,
         wd, decay, neg_step_size, bias_correction2_sqrt, eps, amsgrad, maximize, decoupled):
    for i in range(cuda.grid(1), param.shape[0], cuda.gridsize(1)):
        p = param[i]
        g = -grad[i] if maximize else grad[i]
        if decoupled:
            p = p * decay
        elif wd != 0:
            g = g + wd * p
        m = _lerp(exp_avg[i], g, one_minus_beta1, beta1)
        exp_avg[i] = m
        v = exp_avg_sq[i] * beta2 + one_minus_beta2 * g * g
        exp_avg_sq[i] = v
        if amsgrad:
            prev = max_exp_avg_sq[i]
            if not prev >= v:  # NaN propagates like torch.maximum
                prev = v
            max_exp_avg_sq[i] = prev
            v = prev
        denom = dm.sqrt(v) / bias_correction2_sqrt + eps
        param[i] = p + neg_step_size * (m / denom)


@cuda.jit
def _adamax(param, grad, exp_avg, exp_inf, beta1, one_minus_beta1, beta2, wd, eps, neg_clr, maximize):
    for i in range(cuda.grid(1), param.shape[0], cuda.gridsize(1)):
        p = param[i]
        g = -grad[i] if maximize else grad[i]
        if wd != 0:
            g = g + wd * p
        m = _lerp(exp_avg[i], g, one_minus_beta1, beta1)
        exp_avg[i] = m
        a = exp_inf[i] * beta2
        b = abs(g) + eps
        u = a if (a >= b or a != a) else b
        exp_inf[i] = u
        param[i] = p + neg_clr * (m / u)


@cuda.jit
def _nadam(param, grad, exp_avg, exp_avg_sq, beta1, one_minus_beta1, beta2, one_minus_beta2, wd, decay,
          bias_correction2, eps, grad_coef, avg_coef, maximize, decoupled):
    for i in range(cuda.grid(1), param.shape[0], cuda.gridsize(1)):
        p = param[i]
        g = -grad[i] if maximize else grad[i]
        if decoupled:
            p = p * decay
        elif wd != 0:
            g = g + wd * p
        m = _lerp(exp_avg[i], g, one_minus_beta1, beta1)
        exp_avg[i] = m
        v = exp_avg_sq[i] * beta2 + one_minus_beta2 * g * g
        exp_avg_sq[i] = v
        denom = dm.sqrt(v / bias_correction2) + eps
        p = p + grad_coef * (g / denom)
        param[i] = p + avg_coef * (m / denom)


@cuda.jit
def _radam(param, grad, exp_avg, exp_avg_sq, beta1, one_minus_beta1, beta2, one_minus_beta2, wd, decay,
          bias_correction1, bias_correction2_sqrt, lr, rect, eps, rectified, maximize, decoupled):
    for i in range(cuda.grid(1), param.shape[0], cuda.gridsize(1)):
        p = param[i]
        g = -grad[i] if maximize else grad[i]
        if decoupled:
            p = p * decay
        elif wd != 0:
            g = g + wd * p
        m = _lerp(exp_avg[i], g, one_minus_beta1, beta1)
        exp_avg[i] = m
        v = exp_avg_sq[i] * beta2 + one_minus_beta2 * g * g
        exp_avg_sq[i] = v
        corrected = m / bias_correction1
        if rectified:
            adaptive = bias_correction2_sqrt / (dm.sqrt(v) + eps)
            param[i] = p - corrected * lr * adaptive * rect
        else:
            param[i] = p - corrected * lr


@cuda.jit
def _rmsprop(param, grad, square_avg, grad_avg, buf, alpha, one_minus_alpha, wd, eps, neg_lr, momentum,
            centered, use_momentum, maximize):
    for i in range(cuda.grid(1), param.shape[0], cuda.gridsize(1)):
        p = param[i]
        g = -grad[i] if maximize else grad[i]
        if wd != 0:
            g = g + wd * p
        s = square_avg[i] * alpha + one_minus_alpha * g * g
        square_avg[i] = s
        if centered:
            ga = _lerp(grad_avg[i], g, one_minus_alpha, alpha)
            grad_avg[i] = ga
            avg = dm.sqrt(s - ga * ga) + eps
        else:
            avg = dm.sqrt(s) + eps
        if use_momentum:
            b = buf[i] * momentum + g / avg
            buf[i] = b
            param[i] = p + neg_lr * b
        else:
            param[i] = p + neg_lr * (g / avg)


@cuda.jit
def _adagrad(param, grad, state_sum, wd, eps, neg_clr, maximize):
    for i in range(cuda.grid(1), param.shape[0], cuda.gridsize(1)):
        p = param[i]
        g = -grad[i] if maximize else grad[i]
        if wd != 0:
            g = g + wd * p
        s = state_sum[i] + g * g
        state_sum[i] = s
        param[i] = p + neg_clr * (g / (dm.sqrt(s) + eps))


@cuda.jit
def _adadelta(param, grad, square_avg, acc_delta, rho, one_minus_rho, wd, eps, neg_lr, maximize):
    for i in range(cuda.grid(1), param.shape[0], cuda.gridsize(1)):
        p = param[i]
        g = -grad[i] if maximize else grad[i]
        if wd != 0:
            g = g + wd * p
        s = square_avg[i] * rho + one_minus_rho * g * g
        square_avg[i] = s
        std = dm.sqrt(s + eps)
        delta = dm.sqrt(acc_delta[i] + eps) / std * g
        acc_delta[i] = acc_delta[i] * rho + one_minus_rho * delta * delta
        param[i] = p + neg_lr * delta


@cuda.jit
def _rprop(param, grad, prev, step_size, etaminus, etaplus, step_min, step_max, zero, one, maximize):
    for i in range(cuda.grid(1), param.shape[0], cuda.gridsize(1)):
        g = -grad[i] if maximize else grad[i]
        product = g * prev[i]
        if product > zero:
            factor = etaplus
        elif product < zero:
            factor = etaminus
        else:
            factor = one
        s = step_size[i] * factor
        if s < step_min:
            s = step_min
        if s > step_max:
            s = step_max
        step_size[i] = s
        # After a sign change the step is not taken and the gradient is forgotten.
        if factor == etaminus:
            g = zero
        if g > zero:
            param[i] = param[i] - s
        elif g < zero:
            param[i] = param[i] + s
        prev[i] = g


@cuda.jit
def _asgd(param, grad, ax, wd, decay, neg_eta, mu, average, maximize):
    for i in range(cuda.grid(1), param.shape[0], cuda.gridsize(1)):
        p = param[i]
        g = -grad[i] if maximize else grad[i]
        if wd != 0:
            g = g + wd * p
        p = p * decay + neg_eta * g
        param[i] = p
        if average:
            ax[i] = ax[i] + (p - ax[i]) * mu
        else:
            ax[i] = p


@cuda.jit
def _unscale_and_check(grad, inv_scale, found):
    """grad *= inv_scale in place; found[0] = 1 when any element is inf or NaN (GradScaler)."""
    for i in range(cuda.grid(1), grad.shape[0], cuda.gridsize(1)):
        g = grad[i]
        if not dm.isfinite(g):
            found[0] = 1
        grad[i] = g * inv_scale


def _launcher(kernel):
    def launch(param, *args):
        n = param.shape[0]
        if n:
            kernel[grid(n)](param, *args)
    return launch


sgd = _launcher(_sgd)
adam = _launcher(_adam)
adamax = _launcher(_adamax)
nadam = _launcher(_nadam)
radam = _launcher(_radam)
rmsprop = _launcher(_rmsprop)
adagrad = _launcher(_adagrad)
adadelta = _launcher(_adadelta)
rprop = _launcher(_rprop)
asgd = _launcher(_asgd)


def unscale_and_check(grad, inv_scale):
    found = cuda.to_device(np.zeros(1, np.int64))
    n = grad.shape[0]
    if n:
        _unscale_and_check[grid(n)](grad, inv_scale, found)
    return bool(found.copy_to_host()[0])
