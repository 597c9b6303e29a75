"""RAdam: Adam whose adaptive step is rectified by the variance of the second moment estimate,
and plain momentum SGD while that variance is intractable (rho_t <= 5)."""
import math

from . import _fused
from ._state import check_betas, check_non_negative, step_count, zeros_like
from .optimizer import Optimizer

__all__ = ["RAdam"]


class RAdam(Optimizer):
    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, decoupled_weight_decay=False,
                 *, foreach=None, maximize=False, capturable=False, differentiable=False):
        check_non_negative("learning rate", lr)
        check_non_negative("epsilon value", eps)
        check_betas(betas)
        check_non_negative("weight_decay value", weight_decay)
        defaults = dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay, maximize=maximize, foreach=foreach,
                        capturable=capturable, decoupled_weight_decay=decoupled_weight_decay,
                        differentiable=differentiable)
        super().__init__(params, defaults)

    def step(self, closure=None):
        loss = self._closure_loss(closure)
        for group in self.param_groups:
            beta1, beta2 = group["betas"]
            lr, wd = group["lr"], group["weight_decay"]
            rho_inf = 2 / (1 - beta2) - 1
            for p in self._params_with_grad(group):
                state = self.state[p]
                if len(state) == 0:
                    state["step"] = step_count()
                    state["exp_avg"] = zeros_like(p)
                    state["exp_avg_sq"] = zeros_like(p)
                step = _fused.bump(state["step"])
                bias_correction1 = 1 - beta1 ** step
                bias_correction2 = 1 - beta2 ** step
                rho_t = rho_inf - 2 * step * (beta2 ** step) / bias_correction2
                rectified = rho_t > 5.0
                rect = math.sqrt((rho_t - 4) * (rho_t - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho_t)) \
                    if rectified else 0.0
                _fused.update("radam", p, p.grad, [state["exp_avg"], state["exp_avg_sq"]],
                              (beta1, 1 - beta1, beta2, 1 - beta2, wd, 1 - lr * wd, bias_correction1,
                               math.sqrt(bias_correction2), lr, rect, group["eps"]),
                              (rectified, group["maximize"], group["decoupled_weight_decay"]))
        return loss
