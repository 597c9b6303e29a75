"""torch.autograd.Variable: the deprecated wrapper, now a plain Tensor (every tensor is a Variable)."""
from .graph import is_tensor


class _VariableMeta(type):
    def __instancecheck__(cls, obj):
        return is_tensor(obj)


class Variable(metaclass=_VariableMeta):
    """Variable(t, requires_grad=False) returns a tensor sharing t's data, detached from its graph."""

    def __new__(cls, data, requires_grad=False, volatile=False):
        if not is_tensor(data):
            raise TypeError(f"Variable data has to be a tensor, but got {type(data).__name__}")
        return data.detach().requires_grad_(requires_grad)
