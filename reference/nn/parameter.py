"""Parameter: a Tensor that a Module registers as one of its parameters."""
from .._ops.creation import empty
from .._tensor import Tensor
from ..autograd.grad_mode import no_grad


class Parameter(Tensor):
    """A leaf tensor sharing `data`'s storage; requires_grad defaults to True."""

    def __new__(cls, data=None, requires_grad=True):
        if data is None:
            data = empty(0)
        obj = object.__new__(cls)
        obj._init_from(data.detach())
        obj._is_param = True
        obj.requires_grad_(requires_grad)
        return obj

    def __repr__(self):
        return "Parameter containing:\n" + super().__repr__()

    __str__ = __repr__

    def __deepcopy__(self, memo):
        if id(self) in memo:
            return memo[id(self)]
        with no_grad():
            result = type(self)(self.detach().clone(), self.requires_grad)
        if self.grad is not None:
            result.grad = self.grad.clone()
        memo[id(self)] = result
        return result

    def __reduce_ex__(self, protocol):
        return (_rebuild_parameter, (self.detach(), self.requires_grad))


def _rebuild_parameter(data, requires_grad):
    return Parameter(data, requires_grad)
