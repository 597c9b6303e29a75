"""Joining and splitting: cat and stack copy into one new tensor; split, chunk and unbind are views."""
import math

from .. import _dtype as D
from .._shape import normalize_dim
from .._tensor import Tensor
from ..autograd.graph import needs_grad, record
from ..autograd.grad_mode import no_grad
from ._util import common_device, copy_into, empty_tensor, result_type, write_out
from .creation import arange
from .elementwise import where
from . import registry as R


def _d_cat(ctx, g):
    d, sizes = ctx._saved_dim, ctx._saved_tensors_args_sizes
    grads, start = [], 0
    for s in sizes:
        grads.append(g.narrow(d, start, s) if s is not None else None)
        start += s or 0
    return tuple(grads)


def cat(tensors, dim=0, *, out=None):
    tensors = list(tensors)
    if not tensors:
        raise RuntimeError("torch.cat(): expected a non-empty list of Tensors")
    for t in tensors:
        if not isinstance(t, Tensor):
            raise TypeError(f"expected Tensor as element in argument 0, but got {type(t).__name__}")
    # legacy rule: 1-D empty tensors are skipped
    parts = [t for t in tensors if not (t.dim() == 1 and t._shape[0] == 0)] or tensors[:1]
    ref = parts[0]
    if ref.dim() == 0:
        raise RuntimeError("zero-dimensional tensor (at position 0) cannot be concatenated")
    d = normalize_dim(dim, ref.dim())
    for i, t in enumerate(parts):
        if t.dim() != ref.dim():
            raise RuntimeError(f"Tensors must have same number of dimensions: got {ref.dim()} and {t.dim()}")
        for k in range(ref.dim()):
            if k != d and t._shape[k] != ref._shape[k]:
                raise RuntimeError(f"Sizes of tensors must match except in dimension {d}. Expected size "
                                   f"{ref._shape[k]} but got size {t._shape[k]} for tensor number {i} in the "
                                   "list.")
    # the skipped empty tensors still take part in type promotion (torch promotes over every operand)
    dt = result_type(*tensors) if len(tensors) > 1 else ref.dtype
    dev = common_device(*parts)
    shape = list(ref._shape)
    shape[d] = sum(t._shape[d] for t in parts)
    res = empty_tensor(tuple(shape), dt, dev)
    start = 0
    with no_grad():
        for t in parts:
            n = t._shape[d]
            if n:
                copy_into(res.narrow(d, start, n), t)
            start += n
    if out is not None:
        return write_out(out, res, tensors, "cat")
    if needs_grad(*parts):
        record("CatBackward0", _d_cat, tuple(parts), res, meta={"dim": d, "tensors_args_sizes": [t._shape[d] for t in parts]})
    return res


concat = cat
concatenate = cat


def stack(tensors, dim=0, *, out=None):
    tensors = list(tensors)
    if not tensors:
        raise RuntimeError("stack expects a non-empty TensorList")
    for i, t in enumerate(tensors):
        if tuple(t._shape) != tuple(tensors[0]._shape):
            raise RuntimeError(f"stack expects each tensor to be equal size, but got {list(tensors[0].shape)} "
                               f"at entry 0 and {list(t.shape)} at entry {i}")
    nd = tensors[0].dim() + 1
    if not -nd <= dim < nd:
        raise IndexError(f"Dimension out of range (expected to be in range of [{-nd}, {nd - 1}], but got {dim})")
    d = dim + nd if dim < 0 else dim
    with no_grad():
        res = cat([t.unsqueeze(d) for t in tensors], d)
    if out is not None:
        return write_out(out, res, tensors, "stack")
    if needs_grad(*tensors):
        record("StackBackward0", _d_stack, tuple(tensors), res, meta={"dim": d})
    return res


def _d_stack(ctx, g):
    return g.unbind(ctx._saved_dim)


def hstack(tensors):
    return cat(tensors, 0 if tensors[0].dim() == 1 else 1)


def vstack(tensors):
    return cat([t.reshape(1, -1) if t.dim() == 1 else t for t in tensors], 0)


def split(tensor, split_size_or_sections, dim=0):
    d = normalize_dim(dim, tensor.dim())
    size = tensor._shape[d]
    if isinstance(split_size_or_sections, int):
        step = split_size_or_sections
        if step <= 0 and size:
            raise RuntimeError(f"split_size can only be 0 if dimension size is 0, but got dimension size of {size}")
        sizes = [min(step, size - s) for s in range(0, size, step)] if size else [0]
    else:
        sizes = list(split_size_or_sections)
        if sum(sizes) != size:
            raise RuntimeError(f"split_with_sizes expects split_sizes to sum exactly to {size} (input tensor's "
                               f"size at dimension {d}), but got split_sizes={sizes}")
    parts, start = [], 0
    for s in sizes:
        parts.append(tensor.narrow(d, start, s))
        start += s
    return tuple(parts)


def chunk(tensor, chunks, dim=0):
    if chunks <= 0:
        raise RuntimeError("chunk expects `chunks` to be greater than 0, got: %d" % chunks)
    d = normalize_dim(dim, tensor.dim())
    size = tensor._shape[d]
    step = max(1, math.ceil(size / chunks)) if size else 1
    return split(tensor, step, d)


def tensor_split(tensor, indices_or_sections, dim=0):
    d = normalize_dim(dim, tensor.dim())
    size = tensor._shape[d]
    if isinstance(indices_or_sections, int):
        n = indices_or_sections
        q, r = divmod(size, n)
        sizes = [q + 1] * r + [q] * (n - r)
    else:
        bounds = [0] + list(indices_or_sections) + [size]
        sizes = [max(0, min(b, size) - min(a, size)) for a, b in zip(bounds, bounds[1:])]
    return split(tensor, sizes, d)


def flip(x, dims):
    if isinstance(dims, int):
        dims = (dims,)
    key = [slice(None)] * x.dim()
    res = x
    for d in dims:
        d = normalize_dim(d, x.dim())
        idx = arange(x._shape[d] - 1, -1, -1, device=x.device)
        k = [slice(None)] * x.dim()
        k[d] = idx
        res = res[tuple(k)]
    return res


def roll(x, shifts, dims=None):
    if dims is None:
        return roll(x.reshape(-1), shifts, 0).reshape(x.shape)
    if isinstance(shifts, int):
        shifts, dims = (shifts,), (dims,)
    res = x
    for s, d in zip(shifts, dims):
        d = normalize_dim(d, x.dim())
        n = x._shape[d]
        if n == 0:
            continue
        s %= n
        if s:
            res = cat([res.narrow(d, n - s, s), res.narrow(d, 0, n - s)], d)
    return res


def repeat(x, *sizes):
    if len(sizes) == 1 and isinstance(sizes[0], (tuple, list)):
        sizes = tuple(sizes[0])
    if len(sizes) < x.dim():
        raise RuntimeError("Number of dimensions of repeat dims can not be smaller than number of dimensions "
                           "of tensor")
    xs = x.reshape((1,) * (len(sizes) - x.dim()) + tuple(x.shape))
    # interleave a broadcast dim before every dim, expand it, then merge
    shape = []
    for s in xs.shape:
        shape += [1, s]
    e = xs.reshape(shape)
    target = []
    for r, s in zip(sizes, xs.shape):
        target += [r, s]
    return e.expand(target).reshape([r * s for r, s in zip(sizes, xs.shape)])


def tile(x, dims):
    dims = tuple(dims)
    if len(dims) < x.dim():
        dims = (1,) * (x.dim() - len(dims)) + dims
    return repeat(x, dims)


def tril(x, diagonal=0):
    n, m = x._shape[-2], x._shape[-1]
    keep = arange(m, device=x.device).unsqueeze(0) - arange(n, device=x.device).unsqueeze(1) <= diagonal
    return where(keep, x, 0)


def triu(x, diagonal=0):
    n, m = x._shape[-2], x._shape[-1]
    keep = arange(m, device=x.device).unsqueeze(0) - arange(n, device=x.device).unsqueeze(1) >= diagonal
    return where(keep, x, 0)


# ---------------------------------------------------------------- registry
for _fn in (cat, stack, hstack, vstack):
    R.define("joining", _fn, method=False)
R.REGISTRY["cat"].aliases = ("concat", "concatenate")
for _fn in (split, chunk, tensor_split, flip, roll, tile, tril, triu):
    R.define("joining", _fn)
R.define("joining", repeat, function=False)
