"""Rprop: per-element step sizes grown by etaplus while the gradient keeps its sign and shrunk by
etaminus when it flips (that step is then skipped); only the gradient's sign is used."""
from . import _fused
from ._state import check_non_negative, full_like, step_count, zeros_like
from .optimizer import Optimizer

__all__ = ["Rprop"]


class Rprop(Optimizer):
    def __init__(self, params, lr=1e-2, etas=(0.5, 1.2), step_sizes=(1e-6, 50), *, capturable=False, foreach=None,
                 maximize=False, differentiable=False):
        check_non_negative("learning rate", lr)
        if not 0.0 < etas[0] < 1.0 < etas[1]:
            raise ValueError(f"Invalid eta values: {etas[0]}, {etas[1]}")
        defaults = dict(lr=lr, etas=etas, step_sizes=step_sizes, foreach=foreach, maximize=maximize,
                        differentiable=differentiable, capturable=capturable)
        super().__init__(params, defaults)

    def step(self, closure=None):
        loss = self._closure_loss(closure)
        for group in self.param_groups:
            etaminus, etaplus = group["etas"]
            step_min, step_max = group["step_sizes"]
            for p in self._params_with_grad(group):
                state = self.state[p]
                if len(state) == 0:
                    state["step"] = step_count()
                    state["prev"] = zeros_like(p)
                    state["step_size"] = full_like(p, group["lr"])
                _fused.bump(state["step"])
                _fused.update("rprop", p, p.grad, [state["prev"], state["step_size"]],
                              (etaminus, etaplus, step_min, step_max, 0.0, 1.0), (group["maximize"],))
        return loss
