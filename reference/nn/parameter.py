"""Parameter: a Tensor that a Module registers as one of its parameters."""
from .._tensor import Tensor


class Parameter(Tensor):
    """A leaf tensor sharing `data`'s storage; requires_grad defaults to True."""

    def __new__(cls, data=None, requires_grad=True):
        if data is None:
            from .._ops.creation import empty
            data = empty(0)
        obj = object.__new__(cls)
        obj._init_from(data.detach())
        obj._is_param = True
        obj.requires_grad_(requires_grad)
        return obj

    def __repr__(self):
        return "Parameter containing:\n" + super().__repr__()
