"""ASGD: SGD with a decaying step eta_t and a running (Polyak) average `ax` of the iterates that
starts after t0 steps."""
from . import _fused
from ._state import check_non_negative, step_count, zeros_like
from .optimizer import Optimizer

__all__ = ["ASGD"]


class ASGD(Optimizer):
    def __init__(self, params, lr=1e-2, lambd=1e-4, alpha=0.75, t0=1e6, weight_decay=0, foreach=None,
                 maximize=False, differentiable=False, capturable=False):
        check_non_negative("learning rate", lr)
        check_non_negative("weight_decay value", weight_decay)
        defaults = dict(lr=lr, lambd=lambd, alpha=alpha, t0=t0, weight_decay=weight_decay, foreach=foreach,
                        maximize=maximize, differentiable=differentiable, capturable=capturable)
        super().__init__(params, defaults)

    def step(self, closure=None):
        loss = self._closure_loss(closure)
        for group in self.param_groups:
            lr, lambd = group["lr"], group["lambd"]
            for p in self._params_with_grad(group):
                state = self.state[p]
                if len(state) == 0:
                    state["step"] = step_count()
                    state["eta"] = step_count(lr)
                    state["mu"] = step_count(1.0)
                    state["ax"] = zeros_like(p)
                step = _fused.bump(state["step"])
                eta = _fused.value(state["eta"])
                mu = _fused.value(state["mu"])
                _fused.update("asgd", p, p.grad, [state["ax"]],
                              (group["weight_decay"], 1 - lambd * eta, -eta, mu), (mu != 1, group["maximize"]))
                _fused.set_scalar(state["eta"], lr / ((1 + lambd * lr * step) ** group["alpha"]))
                _fused.set_scalar(state["mu"], 1 / max(1, step - group["t0"]))
        return loss
