"""RMSprop: divide the gradient by a running root mean square (centered: by its running standard
deviation), optionally with momentum."""
from . import _fused
from ._state import check_non_negative, step_count, zeros_like
from .optimizer import Optimizer

__all__ = ["RMSprop"]


class RMSprop(Optimizer):
    def __init__(self, params, lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0, momentum=0, centered=False,
                 capturable=False, foreach=None, maximize=False, differentiable=False):
        check_non_negative("learning rate", lr)
        check_non_negative("epsilon value", eps)
        check_non_negative("momentum value", momentum)
        check_non_negative("weight_decay value", weight_decay)
        check_non_negative("alpha value", alpha)
        defaults = dict(lr=lr, momentum=momentum, alpha=alpha, eps=eps, centered=centered, weight_decay=weight_decay,
                        capturable=capturable, foreach=foreach, maximize=maximize, differentiable=differentiable)
        super().__init__(params, defaults)

    def step(self, closure=None):
        loss = self._closure_loss(closure)
        for group in self.param_groups:
            alpha, momentum, centered = group["alpha"], group["momentum"], group["centered"]
            for p in self._params_with_grad(group):
                state = self.state[p]
                if len(state) == 0:
                    state["step"] = step_count()
                    state["square_avg"] = zeros_like(p)
                    if momentum > 0:
                        state["momentum_buffer"] = zeros_like(p)
                    if centered:
                        state["grad_avg"] = zeros_like(p)
                _fused.bump(state["step"])
                _fused.update("rmsprop", p, p.grad,
                              [state["square_avg"], state.get("grad_avg"), state.get("momentum_buffer")],
                              (alpha, 1 - alpha, group["weight_decay"], group["eps"], -group["lr"], momentum),
                              (centered, momentum > 0, group["maximize"]))
        return loss
