"""Adagrad: per-element steps scaled by the root of the summed squared gradients; its state
exists from construction (the accumulator starts at initial_accumulator_value)."""
from . import _fused
from ._state import check_non_negative, full_like, step_count
from .optimizer import Optimizer

__all__ = ["Adagrad"]


class Adagrad(Optimizer):
    def __init__(self, params, lr=1e-2, lr_decay=0, weight_decay=0, initial_accumulator_value=0, eps=1e-10,
                 foreach=None, *, maximize=False, differentiable=False, fused=None):
        check_non_negative("learning rate", lr)
        check_non_negative("lr_decay value", lr_decay)
        check_non_negative("weight_decay value", weight_decay)
        check_non_negative("initial_accumulator_value value", initial_accumulator_value)
        check_non_negative("epsilon value", eps)
        defaults = dict(lr=lr, lr_decay=lr_decay, eps=eps, weight_decay=weight_decay,
                        initial_accumulator_value=initial_accumulator_value, foreach=foreach, maximize=maximize,
                        differentiable=differentiable, fused=fused)
        super().__init__(params, defaults)
        for group in self.param_groups:
            for p in group["params"]:
                state = self.state[p]
                state["step"] = step_count()
                state["sum"] = full_like(p, group["initial_accumulator_value"])

    def share_memory(self):
        pass  # CPU storages are already shareable within a process

    def step(self, closure=None):
        loss = self._closure_loss(closure)
        for group in self.param_groups:
            for p in self._params_with_grad(group):
                state = self.state[p]
                step = _fused.bump(state["step"])
                clr = group["lr"] / (1 + (step - 1) * group["lr_decay"])
                _fused.update("adagrad", p, p.grad, [state["sum"]],
                              (group["weight_decay"], group["eps"], -clr), (group["maximize"],))
        return loss
