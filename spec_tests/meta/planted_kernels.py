"""A torch-like namespace with one planted kernel bug: `--impl=spec_tests.meta.planted_kernels`.

It is torch, except that tensors it creates are a subclass whose results are corrupted (one element
changed) whenever an op would take the kernel variant named by the SPEC_PLANTED environment
variable in a backend that dispatches the way the reference's CPU backend does:

  parallel      elementwise, every operand contiguous and of the output's shape, >= 2**18 elements
  scalar        elementwise with a Python number operand and a contiguous tensor, >= 2**18 elements
  strided       elementwise with a view or broadcast operand, rank <= 4 once mergeable dims merge
  leading-dims  elementwise whose operands keep more than 4 unmergeable dims (a loop over the
                leading ones around a rank-4 kernel)
  reduce        a reduction over an input of >= 2**18 elements
  reduce-copy   a reduction over dims that are not adjacent (copied to bring them together)
  matmul        a matrix product with >= 2**18 output elements
  index         advanced indexing (get or put) touching >= 2**18 elements
  join          cat/stack producing >= 2**18 elements
  copy          contiguous/clone/to of >= 2**18 elements

With SPEC_PLANTED unset it is plain torch behind the subclass (the control run).
spec_tests/meta/test_planted_kernels.py asserts the suite fails on each variant and passes the control.
"""
import builtins
import math
import os

import torch as _torch

BUG = os.environ.get("SPEC_PLANTED") or None
LARGE = 1 << 18

_ELEMENTWISE = {"add", "sub", "mul", "div", "neg", "abs", "exp", "gt", "lt", "where", "clamp", "rsub",
                "__add__", "__radd__", "__sub__", "__rsub__", "__mul__", "__rmul__", "__truediv__", "__neg__",
                "__gt__", "__lt__", "add_", "sub_", "mul_", "copy_", "__iadd__", "__imul__"}
_REDUCTIONS = {"sum", "mean", "amax", "amin", "max", "min", "argmax", "argmin", "prod", "var", "std",
               "cumsum", "softmax", "log_softmax", "logsumexp"}
_MATMUL = {"matmul", "__matmul__", "__rmatmul__", "mm", "bmm"}
_INDEX = {"__getitem__", "__setitem__", "index_put_", "masked_select"}
_JOIN = {"cat", "stack"}
_COPY = {"contiguous", "clone", "to"}


def _tensors(args, kwargs):
    flat = list(args) + list(kwargs.values())
    out = []
    for a in flat:
        if isinstance(a, _torch.Tensor):
            out.append(a)
        elif isinstance(a, (list, tuple)):
            out.extend(x for x in a if isinstance(x, _torch.Tensor))
    return out


def _numbers(args):
    return [a for a in args if isinstance(a, (int, float)) and not isinstance(a, builtins.bool)]


def _merged_rank(shape, stride_sets):
    """Rank after dropping size-1 dims and merging neighbours contiguous in every operand."""
    dims = [i for i, s in enumerate(shape) if s != 1]
    rank = 0
    prev = None
    for i in dims:
        if prev is not None and all(st[prev] == st[i] * shape[i] for st in stride_sets):
            prev = i
            continue
        rank += 1
        prev = i
    return rank


def _broadcast_strides(t, shape):
    lead = len(shape) - t.dim()
    return tuple(0 if d < lead or t.shape[d - lead] == 1 else t.stride(d - lead) for d in range(len(shape)))


def _written(name, args, out):
    """The tensor an op produced: its first output, or self for in-place ops and item assignment."""
    if name == "__setitem__" or (name.endswith("_") and not name.startswith("__")) or name.startswith("__i"):
        return args[0] if args else None
    return out[0] if isinstance(out, (tuple, list)) and out else out


def _triggers(name, args, kwargs, out):
    result = _written(name, args, out)
    if not isinstance(result, _torch.Tensor):
        return False
    tensors = _tensors(args, kwargs)
    n = result.numel()
    if name in _ELEMENTWISE:
        shape = tuple(result.shape)
        plain = builtins.all(tuple(t.shape) == shape and t.is_contiguous() for t in tensors)
        if BUG == "parallel":
            return n >= LARGE and plain and not _numbers(args[1:])
        if BUG == "scalar":
            return n >= LARGE and plain and len(tensors) == 1 and bool(_numbers(args))
        if BUG in ("strided", "leading-dims") and not plain and n:
            rank = _merged_rank(shape, [_broadcast_strides(t, shape) for t in tensors] + [result.stride()])
            return rank > 4 if BUG == "leading-dims" else 1 < rank <= 4
        return False
    biggest = max((t.numel() for t in tensors), default=0)
    if name in _REDUCTIONS and BUG == "reduce":
        return biggest >= LARGE
    if name in _REDUCTIONS and BUG == "reduce-copy":
        dim = kwargs.get("dim", args[1] if len(args) > 1 else None)
        if isinstance(dim, (tuple, list)) and len(dim) > 1 and tensors:
            nd = tensors[0].dim()
            ds = sorted(d % nd for d in dim)
            return biggest >= LARGE and ds != list(range(ds[0], ds[-1] + 1))
        return False
    if name in _MATMUL and BUG == "matmul":
        return n >= LARGE
    if name in _INDEX and BUG == "index":
        # advanced indexing only: a tensor among the indices (basic slicing makes a view)
        return len(tensors) > 1 and builtins.max(n, biggest) >= LARGE
    if name in _JOIN and BUG == "join":
        return n >= LARGE
    if name in _COPY and BUG == "copy":
        return n >= LARGE
    return False


def _corrupt(t):
    """Change the last element (of the written tensor, for in-place ops)."""
    if t.numel() == 0:
        return
    last = tuple(s - 1 for s in t.shape)
    if t.dtype == _torch.bool:
        t[last] = not bool(t[last])
    else:
        t[last] = t[last] + 1


class Planted(_torch.Tensor):
    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        out = super().__torch_function__(func, types, args, kwargs)
        if BUG is None:
            return out
        name = getattr(func, "__name__", "")
        if name == "__set__" or name == "__get__":
            return out
        with _torch._C.DisableTorchFunctionSubclass(), _torch.no_grad():
            if _triggers(name, args, kwargs, out):
                _corrupt(_written(name, args, out))
        return out


def _wrap(fn):
    def call(*args, **kwargs):
        out = fn(*args, **kwargs)
        return out.as_subclass(Planted) if isinstance(out, _torch.Tensor) and not isinstance(out, Planted) else out
    call.__name__ = getattr(fn, "__name__", "call")
    return call


def __getattr__(name):
    value = getattr(_torch, name)
    if callable(value) and not isinstance(value, type) and name in _CREATION:
        return _wrap(value)
    return value


_CREATION = {"tensor", "from_numpy", "zeros", "ones", "full", "empty", "arange", "rand", "randn", "as_tensor"}
__version__ = _torch.__version__
del math
