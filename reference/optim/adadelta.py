"""Adadelta: steps scaled by the ratio of running RMS of past updates to running RMS of gradients."""
from . import _fused
from ._state import check_non_negative, step_count, zeros_like
from .optimizer import Optimizer

__all__ = ["Adadelta"]


class Adadelta(Optimizer):
    def __init__(self, params, lr=1.0, rho=0.9, eps=1e-6, weight_decay=0, foreach=None, *, capturable=False,
                 maximize=False, differentiable=False):
        check_non_negative("learning rate", lr)
        if not 0.0 <= rho <= 1.0:
            raise ValueError(f"Invalid rho value: {rho}")
        check_non_negative("epsilon value", eps)
        check_non_negative("weight_decay value", weight_decay)
        defaults = dict(lr=lr, rho=rho, eps=eps, weight_decay=weight_decay, maximize=maximize, capturable=capturable,
                        foreach=foreach, differentiable=differentiable)
        super().__init__(params, defaults)

    def step(self, closure=None):
        loss = self._closure_loss(closure)
        for group in self.param_groups:
            rho = group["rho"]
            for p in self._params_with_grad(group):
                state = self.state[p]
                if len(state) == 0:
                    state["step"] = step_count()
                    state["square_avg"] = zeros_like(p)
                    state["acc_delta"] = zeros_like(p)
                _fused.bump(state["step"])
                _fused.update("adadelta", p, p.grad, [state["square_avg"], state["acc_delta"]],
                              (rho, 1 - rho, group["weight_decay"], group["eps"], -group["lr"]),
                              (group["maximize"],))
        return loss
