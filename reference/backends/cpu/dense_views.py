"""NumPy views of a contiguous tensor's elements that the tensor does not keep (Tensor._np caches its
view, and a gradient whose data something still views cannot become a leaf's .grad without a copy:
autograd/engine.py). For the fused kernels' entry points, whose operands the op layer made contiguous."""
from ..._shape import numel


def flat(t):
    """The elements as a 1-D view."""
    return t._storage.data[t._offset:t._offset + numel(t._shape)]


def shaped(t):
    """The elements as a view of t's shape."""
    return flat(t).reshape(t._shape)
