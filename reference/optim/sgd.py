"""SGD with momentum, dampening, Nesterov momentum, weight decay and maximize."""
from . import _fused
from ._state import check_non_negative, zeros_like
from .optimizer import Optimizer

__all__ = ["SGD"]


class SGD(Optimizer):
    def __init__(self, params, lr=1e-3, momentum=0, dampening=0, weight_decay=0, nesterov=False, *,
                 maximize=False, foreach=None, differentiable=False, fused=None):
        check_non_negative("learning rate", lr)
        check_non_negative("momentum value", momentum)
        check_non_negative("weight_decay value", weight_decay)
        if nesterov and (momentum <= 0 or dampening != 0):
            raise ValueError("Nesterov momentum requires a momentum and zero dampening")
        defaults = dict(lr=lr, momentum=momentum, dampening=dampening, weight_decay=weight_decay,
                        nesterov=nesterov, maximize=maximize, foreach=foreach, differentiable=differentiable,
                        fused=fused)
        super().__init__(params, defaults)

    def __setstate__(self, state):
        super().__setstate__(state)
        for group in self.param_groups:
            group.setdefault("nesterov", False)
            group.setdefault("maximize", False)

    def step(self, closure=None):
        loss = self._closure_loss(closure)
        for group in self.param_groups:
            momentum = group["momentum"]
            scalars = (-group["lr"], group["weight_decay"], momentum, 1 - group["dampening"])
            for p in self._params_with_grad(group):
                buf = None
                first = False
                if momentum != 0:
                    state = self.state[p]
                    buf = state.get("momentum_buffer")
                    if buf is None:
                        # The first momentum step copies the gradient (the kernel writes it): no
                        # dampening yet.
                        buf = state["momentum_buffer"] = zeros_like(p)
                        first = True
                _fused.update("sgd", p, p.grad, [buf], scalars,
                              (momentum != 0, first, group["nesterov"], group["maximize"]))
        return loss
