"""Fused optimizer updates: one pass over a parameter's elements per step.

Each kernel takes the parameter, its gradient and its state buffers as 1-D arrays of the
parameter's dtype, and every hyper-parameter already converted to that dtype by the caller, so
the arithmetic stays in the parameter's dtype (a bare float literal here would promote float32 to
float64). Derived scalars that depend only on the step (bias corrections, step sizes) are computed
once per step in Python, in float64, as torch computes them.
"""
import numpy as np
from numba import njit

# numpy's error model: a division by zero gives inf or NaN as torch's does, and without the zero
# check the python model puts before every division the loops vectorise (Adam on 1M float32
# parameters: 2.7 ms -> 0.7 ms)
_opts = dict(cache=True, nogil=True, error_model="numpy")


@njit(**_opts)
def _lerp(start, end, weight, one_minus_weight):
    # torch's lerp takes the formula that is exact at the nearer end.
    if weight < 0.5:
        return start + weight * (end - start)
    return end - (end - start) * one_minus_weight


@njit(**_opts)
def sgd(param, grad, buf, neg_lr, wd, momentum, one_minus_dampening, use_momentum, first, nesterov, maximize):
    for i in range(param.shape[0]):
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


@njit(**_opts)
def adam(param, grad, exp_avg, exp_avg_sq, max_exp_avg_sq, beta1, one_minus_beta1, beta2, one_minus_beta2,
         wd, decay, neg_step_size, bias_correction2_sqrt, eps, amsgrad, maximize, decoupled):
    for i in range(param.shape[0]):
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
        denom = np.sqrt(v) / bias_correction2_sqrt + eps
        param[i] = p + neg_step_size * (m / denom)


@njit(**_opts)
def adamax(param, grad, exp_avg, exp_inf, beta1, one_minus_beta1, beta2, wd, eps, neg_clr, maximize):
    for i in range(param.shape[0]):
        p = param[i]
        g = -grad[i] if maximize else grad[i]
        if wd != 0:
            g = g + wd * p
        m = _lerp(exp_avg[i], g, one_minus_beta1, beta1)
        exp_avg[i] = m
        a = exp_inf[i] * beta2
        b = np.abs(g) + eps
        u = a if (a >= b or a != a) else b
        exp_inf[i] = u
        param[i] = p + neg_clr * (m / u)


@njit(**_opts)
def nadam(param, grad, exp_avg, exp_avg_sq, beta1, one_minus_beta1, beta2, one_minus_beta2, wd, decay,
          bias_correction2, eps, grad_coef, avg_coef, maximize, decoupled):
    for i in range(param.shape[0]):
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
        denom = np.sqrt(v / bias_correction2) + eps
        p = p + grad_coef * (g / denom)
        param[i] = p + avg_coef * (m / denom)


@njit(**_opts)
def radam(param, grad, exp_avg, exp_avg_sq, beta1, one_minus_beta1, beta2, one_minus_beta2, wd, decay,
          bias_correction1, bias_correction2_sqrt, lr, rect, eps, rectified, maximize, decoupled):
    for i in range(param.shape[0]):
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
            adaptive = bias_correction2_sqrt / (np.sqrt(v) + eps)
            param[i] = p - corrected * lr * adaptive * rect
        else:
            param[i] = p - corrected * lr


@njit(**_opts)
def rmsprop(param, grad, square_avg, grad_avg, buf, alpha, one_minus_alpha, wd, eps, neg_lr, momentum,
            centered, use_momentum, maximize):
    for i in range(param.shape[0]):
        p = param[i]
        g = -grad[i] if maximize else grad[i]
        if wd != 0:
            g = g + wd * p
        s = square_avg[i] * alpha + one_minus_alpha * g * g
        square_avg[i] = s
        if centered:
            ga = _lerp(grad_avg[i], g, one_minus_alpha, alpha)
            grad_avg[i] = ga
            avg = np.sqrt(s - ga * ga) + eps
        else:
            avg = np.sqrt(s) + eps
        if use_momentum:
            b = buf[i] * momentum + g / avg
            buf[i] = b
            param[i] = p + neg_lr * b
        else:
            param[i] = p + neg_lr * (g / avg)


@njit(**_opts)
def adagrad(param, grad, state_sum, wd, eps, neg_clr, maximize):
    for i in range(param.shape[0]):
        p = param[i]
        g = -grad[i] if maximize else grad[i]
        if wd != 0:
            g = g + wd * p
        s = state_sum[i] + g * g
        state_sum[i] = s
        param[i] = p + neg_clr * (g / (np.sqrt(s) + eps))


@njit(**_opts)
def adadelta(param, grad, square_avg, acc_delta, rho, one_minus_rho, wd, eps, neg_lr, maximize):
    for i in range(param.shape[0]):
        p = param[i]
        g = -grad[i] if maximize else grad[i]
        if wd != 0:
            g = g + wd * p
        s = square_avg[i] * rho + one_minus_rho * g * g
        square_avg[i] = s
        std = np.sqrt(s + eps)
        delta = np.sqrt(acc_delta[i] + eps) / std * g
        acc_delta[i] = acc_delta[i] * rho + one_minus_rho * delta * delta
        param[i] = p + neg_lr * delta


@njit(**_opts)
def rprop(param, grad, prev, step_size, etaminus, etaplus, step_min, step_max, zero, one, maximize):
    for i in range(param.shape[0]):
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


@njit(**_opts)
def asgd(param, grad, ax, wd, decay, neg_eta, mu, average, maximize):
    for i in range(param.shape[0]):
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


@njit(**_opts)
def unscale_and_check(grad, inv_scale):
    """grad *= inv_scale in place; True when any element is inf or NaN (GradScaler)."""
    found = False
    for i in range(grad.shape[0]):
        g = grad[i]
        if not np.isfinite(g):
            found = True
        grad[i] = g * inv_scale
    return found
