"""Helpers backward formulas share."""
from .. import _dtype as D
from ..autograd.grad_mode import is_grad_enabled
from ..backends import backend_of
from ._util import empty_tensor

FUSED_DTYPES = (D.float32, D.float64)  # what the fused backward kernels compute in on every device


def threshold_backward(y, g, threshold):
    """g where y > threshold, else 0 (a NaN or infinite g too, as torch's threshold_backward): relu's
    backward. One fused pass when no graph is being built and the operands are contiguous
    float32/float64 tensors of one shape, dtype and device; a differentiable where otherwise."""
    if (is_grad_enabled() or y.dtype is not g.dtype or y.dtype not in FUSED_DTYPES or y._shape != g._shape
            or y._storage.device != g._storage.device or not y.is_contiguous() or not g.is_contiguous()):
        return g.where(y > threshold, 0)
    out = empty_tensor(y._shape, y.dtype, y._storage.device)
    backend_of(y._storage.device).fused("threshold_backward")(y, g, threshold, out)
    return out


def sum_to(g, shape):
    """Reduce a broadcast gradient back to the shape of the input it flows to (the one place
    broadcasting is undone for every op)."""
    shape = tuple(shape)
    if tuple(g.shape) == shape:
        return g
    lead = g.dim() - len(shape)
    dims = list(range(lead))
    dims += [lead + i for i, s in enumerate(shape) if s == 1 and g.shape[lead + i] != 1]
    if dims:
        g = g.sum(dim=tuple(dims), keepdim=True)
    if lead:
        g = g.reshape(shape)
    return g


def renamed(out, name):
    """`out` whose node takes torch's name for the op it completes (matmul's final view of a fresh
    product is torch's UnsafeViewBackward0): only for a node that already has the op's edges."""
    if out.grad_fn is not None:
        out.grad_fn._name = name
    return out
