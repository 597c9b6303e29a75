"""Adamax: Adam with the infinity norm of past gradients in place of the second moment."""
from . import _fused
from ._state import check_betas, check_non_negative, step_count, zeros_like
from .optimizer import Optimizer

__all__ = ["Adamax"]


class Adamax(Optimizer):
    def __init__(self, params, lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, foreach=None, *,
                 maximize=False, differentiable=False, capturable=False):
        check_non_negative("learning rate", lr)
        check_non_negative("epsilon value", eps)
        check_betas(betas)
        check_non_negative("weight_decay value", weight_decay)
        defaults = dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay, foreach=foreach, maximize=maximize,
                        differentiable=differentiable, capturable=capturable)
        super().__init__(params, defaults)

    def step(self, closure=None):
        loss = self._closure_loss(closure)
        for group in self.param_groups:
            beta1, beta2 = group["betas"]
            for p in self._params_with_grad(group):
                state = self.state[p]
                if len(state) == 0:
                    state["step"] = step_count()
                    state["exp_avg"] = zeros_like(p)
                    state["exp_inf"] = zeros_like(p)
                step = _fused.bump(state["step"])
                clr = group["lr"] / (1 - beta1 ** step)
                _fused.update("adamax", p, p.grad, [state["exp_avg"], state["exp_inf"]],
                              (beta1, 1 - beta1, beta2, group["weight_decay"], group["eps"], -clr),
                              (group["maximize"],))
        return loss
