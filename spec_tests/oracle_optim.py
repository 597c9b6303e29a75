"""float64 NumPy transcriptions of the optimizer algorithms and closed forms of the lr schedules,
written from the pseudo-code and formulas on the PyTorch documentation pages
(https://pytorch.org/docs/stable/optim.html and each generated/torch.optim.*.html page).

Optimizers: `name(p0, grads, **hyper)` runs len(grads) steps from parameter p0, the t-th step
seeing gradient grads[t], and returns the final parameter (float64). Schedules: a function of the
epoch (or the list of lrs over epochs) in closed form.
"""
import math

import numpy as np


def _f64(p0, grads):
    return np.asarray(p0, np.float64).copy(), [np.asarray(g, np.float64) for g in grads]


def _state_scalar(x):
    """A scalar kept in a one-element state tensor of the default dtype (float32), as the documented
    state layout has it (NAdam's mu_product, ASGD's eta and mu)."""
    return float(np.float32(x))


def _rate(lr, t):
    """The lr of step t (1-based): a constant, or one value per step (a schedule)."""
    return lr[t - 1] if isinstance(lr, (list, tuple)) else lr


# ---------------------------------------------------------------------------------------------
# optimizers

def sgd(p0, grads, lr=1e-3, momentum=0.0, dampening=0.0, weight_decay=0.0, nesterov=False, maximize=False):
    p, grads = _f64(p0, grads)
    b = None
    for t, g in enumerate(grads, 1):
        g = -g if maximize else g
        if weight_decay:
            g = g + weight_decay * p
        if momentum:
            # b_1 = g_1 (no dampening on the first step), then b_t = mu b_{t-1} + (1 - tau) g_t
            b = g.copy() if b is None else momentum * b + (1 - dampening) * g
            g = g + momentum * b if nesterov else b
        p = p - _rate(lr, t) * g
    return p


def adam(p0, grads, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, amsgrad=False, maximize=False,
         decoupled_weight_decay=False):
    p, grads = _f64(p0, grads)
    b1, b2 = betas
    m = np.zeros_like(p)
    v = np.zeros_like(p)
    vmax = np.zeros_like(p)
    for t, g in enumerate(grads, 1):
        g = -g if maximize else g
        lr_t = _rate(lr, t)
        if decoupled_weight_decay:
            p = p * (1 - lr_t * weight_decay)
        elif weight_decay:
            g = g + weight_decay * p
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        m_hat = m / (1 - b1 ** t)
        if amsgrad:
            vmax = np.maximum(vmax, v)
            v_hat = vmax / (1 - b2 ** t)
        else:
            v_hat = v / (1 - b2 ** t)
        p = p - lr_t * m_hat / (np.sqrt(v_hat) + eps)
    return p


def adamw(p0, grads, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2, amsgrad=False, maximize=False):
    return adam(p0, grads, lr, betas, eps, weight_decay, amsgrad, maximize, decoupled_weight_decay=True)


def adamax(p0, grads, lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, maximize=False):
    p, grads = _f64(p0, grads)
    b1, b2 = betas
    m = np.zeros_like(p)
    u = np.zeros_like(p)
    for t, g in enumerate(grads, 1):
        g = -g if maximize else g
        if weight_decay:
            g = g + weight_decay * p
        m = b1 * m + (1 - b1) * g
        u = np.maximum(b2 * u, np.abs(g) + eps)
        p = p - lr * m / ((1 - b1 ** t) * u)
    return p


def nadam(p0, grads, lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, momentum_decay=4e-3,
          decoupled_weight_decay=False, maximize=False):
    p, grads = _f64(p0, grads)
    b1, b2 = betas
    m = np.zeros_like(p)
    v = np.zeros_like(p)
    mu_product = 1.0
    for t, g in enumerate(grads, 1):
        g = -g if maximize else g
        if weight_decay:
            if decoupled_weight_decay:
                p = p * (1 - lr * weight_decay)
            else:
                g = g + weight_decay * p
        mu = b1 * (1 - 0.5 * 0.96 ** (t * momentum_decay))
        mu_next = b1 * (1 - 0.5 * 0.96 ** ((t + 1) * momentum_decay))
        # torch multiplies the float32 state by mu rounded to float32
        mu_product = _state_scalar(mu_product * _state_scalar(mu))
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        m_hat = mu_next * m / (1 - mu_product * mu_next) + (1 - mu) * g / (1 - mu_product)
        v_hat = v / (1 - b2 ** t)
        p = p - lr * m_hat / (np.sqrt(v_hat) + eps)
    return p


def radam(p0, grads, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, decoupled_weight_decay=False,
          maximize=False):
    p, grads = _f64(p0, grads)
    b1, b2 = betas
    m = np.zeros_like(p)
    v = np.zeros_like(p)
    rho_inf = 2 / (1 - b2) - 1
    for t, g in enumerate(grads, 1):
        g = -g if maximize else g
        if weight_decay:
            if decoupled_weight_decay:
                p = p * (1 - lr * weight_decay)
            else:
                g = g + weight_decay * p
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        m_hat = m / (1 - b1 ** t)
        rho_t = rho_inf - 2 * t * b2 ** t / (1 - b2 ** t)
        if rho_t > 5:
            l_t = math.sqrt(1 - b2 ** t) / (np.sqrt(v) + eps)
            r_t = math.sqrt((rho_t - 4) * (rho_t - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho_t))
            p = p - lr * m_hat * l_t * r_t
        else:
            p = p - lr * m_hat
    return p


def rmsprop(p0, grads, lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0.0, momentum=0.0, centered=False,
            maximize=False):
    p, grads = _f64(p0, grads)
    v = np.zeros_like(p)
    g_ave = np.zeros_like(p)
    b = np.zeros_like(p)
    for g in grads:
        g = -g if maximize else g
        if weight_decay:
            g = g + weight_decay * p
        v = alpha * v + (1 - alpha) * g * g
        v_tilde = v
        if centered:
            g_ave = alpha * g_ave + (1 - alpha) * g
            v_tilde = v - g_ave * g_ave
        if momentum > 0:
            b = momentum * b + g / (np.sqrt(v_tilde) + eps)
            p = p - lr * b
        else:
            p = p - lr * g / (np.sqrt(v_tilde) + eps)
    return p


def adagrad(p0, grads, lr=1e-2, lr_decay=0.0, weight_decay=0.0, initial_accumulator_value=0.0, eps=1e-10,
            maximize=False):
    p, grads = _f64(p0, grads)
    state_sum = np.full_like(p, initial_accumulator_value)
    for t, g in enumerate(grads, 1):
        g = -g if maximize else g
        if weight_decay:
            g = g + weight_decay * p
        clr = lr / (1 + (t - 1) * lr_decay)
        state_sum = state_sum + g * g
        p = p - clr * g / (np.sqrt(state_sum) + eps)
    return p


def adadelta(p0, grads, lr=1.0, rho=0.9, eps=1e-6, weight_decay=0.0, maximize=False):
    p, grads = _f64(p0, grads)
    v = np.zeros_like(p)
    u = np.zeros_like(p)
    for g in grads:
        g = -g if maximize else g
        if weight_decay:
            g = g + weight_decay * p
        v = v * rho + g * g * (1 - rho)
        dx = np.sqrt(u + eps) / np.sqrt(v + eps) * g
        u = u * rho + dx * dx * (1 - rho)
        p = p - lr * dx
    return p


def rprop(p0, grads, lr=1e-2, etas=(0.5, 1.2), step_sizes=(1e-6, 50), maximize=False):
    p, grads = _f64(p0, grads)
    eta_minus, eta_plus = etas
    lo, hi = step_sizes
    prev = np.zeros_like(p)
    eta = np.full_like(p, lr)
    for g in grads:
        g = (-g if maximize else g).copy()
        prod = g * prev
        # step sizes stay within step_sizes on every step (an lr outside them is clamped at once)
        eta = np.clip(np.where(prod > 0, eta * eta_plus, np.where(prod < 0, eta * eta_minus, eta)), lo, hi)
        g[prod < 0] = 0  # after a sign change the step is skipped and the gradient forgotten
        p = p - np.sign(g) * eta
        prev = g
    return p


def asgd(p0, grads, lr=1e-2, lambd=1e-4, alpha=0.75, t0=1e6, weight_decay=0.0, maximize=False, with_ax=False):
    p, grads = _f64(p0, grads)
    eta, mu = _state_scalar(lr), 1.0
    ax = np.zeros_like(p)
    for t, g in enumerate(grads, 1):
        g = -g if maximize else g
        if weight_decay:
            g = g + weight_decay * p
        p = p * (1 - lambd * eta) - eta * g
        ax = ax + mu * (p - ax) if mu != 1 else p.copy()
        eta = _state_scalar(lr / (1 + lambd * lr * t) ** alpha)
        mu = _state_scalar(1 / max(1, t - t0))
    return (p, ax) if with_ax else p


# ---------------------------------------------------------------------------------------------
# lr schedules: closed forms in the epoch e (the lr after e scheduler steps)

def step_lr(base, e, step_size, gamma=0.1):
    return base * gamma ** (e // step_size)


def multistep_lr(base, e, milestones, gamma=0.1):
    return base * gamma ** sum(1 for m in milestones if m <= e)


def constant_lr(base, e, factor=1 / 3, total_iters=5):
    return base * (factor if e < total_iters else 1.0)


def linear_lr(base, e, start_factor=1 / 3, end_factor=1.0, total_iters=5):
    return base * (start_factor + (end_factor - start_factor) * min(e, total_iters) / total_iters)


def exponential_lr(base, e, gamma):
    return base * gamma ** e


def polynomial_lr(base, e, total_iters=5, power=1.0):
    return base * (1 - min(e, total_iters) / total_iters) ** power


def cosine_lr(base, e, T_max, eta_min=0.0):
    """eta_min + (base - eta_min)(1 + cos(pi e / T_max)) / 2: periodic in e, never clamped."""
    return eta_min + (base - eta_min) * (1 + math.cos(math.pi * e / T_max)) / 2


def warm_restarts_lr(base, e, T_0, T_mult=1, eta_min=0.0):
    """SGDR: T_cur counts epochs since the last restart, T_i the length of the current run."""
    T_i, start = T_0, 0.0
    while e >= start + T_i:
        start += T_i
        T_i *= T_mult
    T_cur = e - start
    return eta_min + (base - eta_min) * (1 + math.cos(math.pi * T_cur / T_i)) / 2


def cyclic_lr(e, base_lr, max_lr, step_size_up=2000, step_size_down=None, mode="triangular", gamma=1.0):
    """(lr, momentum factor in [0, 1]) at iteration e; the momentum moves opposite to the lr."""
    down = step_size_up if step_size_down is None else step_size_down
    total = step_size_up + down
    cycle = math.floor(1 + e / total)
    x = e / total - (cycle - 1)            # position within the cycle, [0, 1)
    up_ratio = step_size_up / total
    height = x / up_ratio if x <= up_ratio else (1 - x) / (1 - up_ratio)
    scale = {"triangular": 1.0, "triangular2": 1 / 2 ** (cycle - 1), "exp_range": gamma ** e}[mode]
    return base_lr + (max_lr - base_lr) * height * scale, height * scale


def one_cycle(e, max_lr, total_steps, pct_start=0.3, anneal_strategy="cos", div_factor=25.0,
              final_div_factor=1e4, three_phase=False, base_momentum=0.85, max_momentum=0.95):
    """(lr, momentum) at step e of the 1cycle policy."""
    initial = max_lr / div_factor
    final = initial / final_div_factor
    if three_phase:
        ends = [pct_start * total_steps - 1, 2 * pct_start * total_steps - 2, total_steps - 1]
        lrs = [(initial, max_lr), (max_lr, initial), (initial, final)]
        moms = [(max_momentum, base_momentum), (base_momentum, max_momentum), (max_momentum, max_momentum)]
    else:
        ends = [pct_start * total_steps - 1, total_steps - 1]
        lrs = [(initial, max_lr), (max_lr, final)]
        moms = [(max_momentum, base_momentum), (base_momentum, max_momentum)]

    def anneal(a, b, pct):
        if anneal_strategy == "cos":
            return b + (a - b) * (1 + math.cos(math.pi * pct)) / 2
        return a + (b - a) * pct

    start = 0.0
    for i, end in enumerate(ends):
        if e <= end or i == len(ends) - 1:
            pct = (e - start) / (end - start)
            return anneal(*lrs[i], pct), anneal(*moms[i], pct)
        start = end


def plateau_lrs(metrics, lr, mode="min", factor=0.1, patience=10, threshold=1e-4, threshold_mode="rel",
                cooldown=0, min_lr=0.0, eps=1e-8):
    """The lr after each metric, from the documented rule: reduce once the metric has not improved
    (by the threshold) for more than `patience` epochs, then ignore `cooldown` epochs; a reduction
    smaller than eps is not made."""
    best = math.inf if mode == "min" else -math.inf
    bad = cool = 0
    out = []
    for x in metrics:
        if mode == "min":
            better = x < (best * (1 - threshold) if threshold_mode == "rel" else best - threshold)
        else:
            better = x > (best * (1 + threshold) if threshold_mode == "rel" else best + threshold)
        if better:
            best, bad = x, 0
        else:
            bad += 1
        if cool > 0:
            cool -= 1
            bad = 0
        if bad > patience:
            new = max(lr * factor, min_lr)
            if lr - new > eps:
                lr = new
            cool, bad = cooldown, 0
        out.append(lr)
    return out


# ---------------------------------------------------------------------------------------------
# GradScaler

def grad_scaler_scales(found_infs, init_scale=2.0 ** 16, growth_factor=2.0, backoff_factor=0.5,
                       growth_interval=2000):
    """The scale after each update(): backed off after a step whose gradients held inf/NaN, grown
    after growth_interval clean steps in a row (the count restarts after either)."""
    scale, clean, out = init_scale, 0, []
    for found in found_infs:
        if found:
            scale, clean = scale * backoff_factor, 0
        else:
            clean += 1
            if clean == growth_interval:
                scale, clean = scale * growth_factor, 0
        out.append(scale)
    return out


# ---------------------------------------------------------------------------------------------
# swa_utils

def swalr(lr0, e, swa_lr, anneal_epochs=10, anneal_strategy="cos"):
    """The lr after e SWALR steps from a constant lr0: lr0 moved towards swa_lr by the anneal
    fraction of t = e / anneal_epochs (at once when anneal_epochs is 0), held at swa_lr after."""
    t = 1.0 if anneal_epochs == 0 else min(1.0, e / anneal_epochs)
    alpha = t if anneal_strategy == "linear" else (1 - math.cos(math.pi * t)) / 2
    return swa_lr * alpha + lr0 * (1 - alpha)


def batch_norm_cumulative(batches):
    """Running mean and (unbiased) variance after update_bn: the plain average over the batches of
    each batch's statistics (BatchNorm with momentum None)."""
    batches = [np.asarray(b, np.float64) for b in batches]
    means = [b.mean(0) for b in batches]
    variances = [b.var(0, ddof=1) for b in batches]
    return np.mean(means, 0), np.mean(variances, 0)
