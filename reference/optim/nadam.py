"""NAdam: Adam with Nesterov momentum and the momentum-decay schedule mu_t of Dozat (2016)."""
from . import _fused
from ._state import check_betas, check_non_negative, step_count, zeros_like
from .optimizer import Optimizer

__all__ = ["NAdam"]


class NAdam(Optimizer):
    def __init__(self, params, lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, momentum_decay=4e-3,
                 decoupled_weight_decay=False, *, foreach=None, maximize=False, capturable=False,
                 differentiable=False):
        check_non_negative("learning rate", lr)
        check_non_negative("epsilon value", eps)
        check_betas(betas)
        check_non_negative("weight_decay value", weight_decay)
        check_non_negative("momentum_decay value", momentum_decay)
        defaults = dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay, momentum_decay=momentum_decay,
                        decoupled_weight_decay=decoupled_weight_decay, maximize=maximize, foreach=foreach,
                        capturable=capturable, differentiable=differentiable)
        super().__init__(params, defaults)

    def step(self, closure=None):
        loss = self._closure_loss(closure)
        for group in self.param_groups:
            beta1, beta2 = group["betas"]
            lr, wd, psi = group["lr"], group["weight_decay"], group["momentum_decay"]
            for p in self._params_with_grad(group):
                state = self.state[p]
                if len(state) == 0:
                    state["step"] = step_count()
                    state["mu_product"] = step_count(1.0)
                    state["exp_avg"] = zeros_like(p)
                    state["exp_avg_sq"] = zeros_like(p)
                step = _fused.bump(state["step"])
                mu = beta1 * (1.0 - 0.5 * 0.96 ** (step * psi))
                mu_next = beta1 * (1.0 - 0.5 * 0.96 ** ((step + 1) * psi))
                # The running product of the mu_t is kept in the state tensor's dtype, as torch keeps it.
                mu_product = _fused.scale(state["mu_product"], mu)
                grad_coef = -lr * (1.0 - mu) / (1.0 - mu_product)
                avg_coef = -lr * mu_next / (1.0 - mu_product * mu_next)
                _fused.update("nadam", p, p.grad, [state["exp_avg"], state["exp_avg_sq"]],
                              (beta1, 1 - beta1, beta2, 1 - beta2, wd, 1 - lr * wd, 1 - beta2 ** step,
                               group["eps"], grad_coef, avg_coef),
                              (group["maximize"], group["decoupled_weight_decay"]))
        return loss
