"""Whole-tensor comparisons (allclose, isclose, equal) and the small queries torch exposes as ops."""
import builtins as _b

from .._shape import Size, broadcast_shapes as _broadcast_shapes
from .._tensor import Tensor
from . import registry as R
from ._util import result_type as _result_type


def isclose(input, other, rtol=1e-05, atol=1e-08, equal_nan=False):
    diff = (input - other).abs()
    close = diff <= atol + rtol * other.abs()
    close = close | (input == other)
    if equal_nan:
        close = close | (input.isnan() & other.isnan())
    return close


def allclose(input, other, rtol=1e-05, atol=1e-08, equal_nan=False):
    return _b.bool(isclose(input, other, rtol, atol, equal_nan).all())


def equal(input, other):
    return tuple(input.shape) == tuple(other.shape) and _b.bool((input == other).all())


def is_nonzero(input):
    if input.numel() != 1:
        raise RuntimeError("Boolean value of Tensor with more than one value is ambiguous")
    return _b.bool(input.item())


def is_tensor(obj):
    return isinstance(obj, Tensor)


def is_floating_point(input):
    return input.dtype.is_floating_point


def is_complex(input):
    # no complex dtype exists here; the query still answers as torch's does
    return input.dtype.is_complex


def numel(input):
    return input.numel()


def result_type(tensor1, tensor2):
    return _result_type(tensor1, tensor2)


def _shape_argument(shape):
    """One argument of broadcast_shapes as a tuple of ints: an int or a sequence of ints; a tensor or a
    float is not a shape (tuple() of a tensor would silently yield its rows)."""
    if isinstance(shape, int):
        sizes = (shape,)
    elif isinstance(shape, (tuple, list)):
        sizes = tuple(shape)
        bad = [s for s in sizes if not isinstance(s, int)]
        if bad:
            raise TypeError(f"broadcast_shapes: a shape takes ints, got {type(bad[0]).__name__} {bad[0]!r} in {shape!r}")
    else:
        raise RuntimeError(f"Input shapes should be of type ints, a tuple of ints, or a list of ints, got {shape!r}")
    if any(s < 0 for s in sizes):
        raise ValueError(f"Attempting to broadcast a dimension with negative length! (shape {shape!r})")
    return tuple(int(s) for s in sizes)


def broadcast_shapes(*shapes):
    return Size(_broadcast_shapes(*(_shape_argument(s) for s in shapes)))


def broadcast_tensors(*tensors):
    shape = broadcast_shapes(*(t.shape for t in tensors))
    return tuple(t.expand(shape) for t in tensors)


# ---------------------------------------------------------------- registry
R.define_all("comparison", [
    (isclose, None, R.BOOL),
    (allclose, None, R.PYTHON),
    (equal, None, R.PYTHON),
    (is_nonzero, None, R.PYTHON),
    (is_floating_point, None, R.PYTHON),
    (is_complex, None, R.PYTHON),
])
R.define_all("comparison", [
    (is_tensor, None, R.PYTHON),
    (numel, None, R.PYTHON),
    (result_type, None, R.PYTHON),
    (broadcast_shapes, None, R.PYTHON),
    (broadcast_tensors, "ExpandBackward0", R.SAME),
], method=False)
