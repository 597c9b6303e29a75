"""Joining and splitting: cat and stack copy into one new tensor; split, chunk and unbind are views."""
import math

from .. import _dtype as D
from .._shape import normalize_dim
from .._tensor import Tensor
from ..autograd.graph import needs_grad, record
from ..autograd.grad_mode import no_grad
from ._grad_utils import renamed
from ._util import common_device, copy_into, empty_tensor, result_type, write_out
from .creation import arange, zeros
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


def _d_split(ctx, *gs):
    """One node for all parts (torch's SplitBackward0): parts without a gradient contribute zeros."""
    d, sizes = ctx._saved_dim, ctx._saved_split_sizes
    ref = next(g for g in gs if g is not None)
    shape = list(ctx._saved_self_sym_sizes)
    parts = []
    for g, s in zip(gs, sizes):
        if g is None:
            shape[d] = s
            g = zeros(tuple(shape), dtype=ref.dtype, device=ref.device)
        parts.append(g)
    return (cat(parts, d),)


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
    with no_grad():
        for s in sizes:
            parts.append(tensor.narrow(d, start, s))
            start += s
    if needs_grad(tensor):
        node = "SplitBackward0" if isinstance(split_size_or_sections, int) else "SplitWithSizesBackward0"
        record(node, _d_split, (tensor,), tuple(parts),
               meta={"dim": d, "split_sizes": sizes, "self_sym_sizes": tuple(tensor._shape)})
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
    # each part is a slice of its own (SliceBackward0), as torch records tensor_split
    parts, start = [], 0
    for s in sizes:
        parts.append(tensor.narrow(d, start, s))
        start += s
    return tuple(parts)


def _d_flip(ctx, g):
    return (flip(g, ctx._saved_dims),)


def flip(x, dims):
    if isinstance(dims, int):
        dims = (dims,)
    dims = tuple(normalize_dim(d, x.dim()) for d in dims)
    res = x
    with no_grad():
        for d in dims:
            idx = arange(x._shape[d] - 1, -1, -1, device=x.device)
            k = [slice(None)] * x.dim()
            k[d] = idx
            res = res[tuple(k)]
        if res is x:
            res = x.clone()
    if needs_grad(x):
        record("FlipBackward0", _d_flip, (x,), res, meta={"dims": dims})
    return res


def _d_roll(ctx, g):
    shifts, dims = ctx._saved_shifts, ctx._saved_dims
    return (roll(g, tuple(-s for s in shifts), dims),)


def roll(x, shifts, dims=None):
    with no_grad():
        res = _roll(x, shifts, dims)
    if needs_grad(x):
        shifts_t = (shifts,) if isinstance(shifts, int) else tuple(shifts)
        dims_t = None if dims is None else ((dims,) if isinstance(dims, int) else tuple(dims))
        record("RollBackward0", _d_roll, (x,), res, meta={"shifts": shifts_t, "dims": dims_t})
    return res


def _roll(x, shifts, dims):
    if dims is None:
        s = shifts if isinstance(shifts, int) else shifts[0]
        return _roll(x.reshape(-1), s, 0).reshape(x.shape)
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
    return res if res is not x else x.clone()


def _d_repeat(ctx, g):
    """Sum each repeated block back onto the input: view g as (r0, s0, r1, s1, ...) and sum the r's."""
    reps, shape = ctx._saved_repeats, ctx._saved_self_sym_sizes
    full = (1,) * (len(reps) - len(shape)) + tuple(shape)
    inter = []
    for r, s in zip(reps, full):
        inter += [r, s]
    summed = g.reshape(inter).sum(dim=tuple(range(0, 2 * len(reps), 2)))
    return (summed.reshape(shape),)


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
    with no_grad():
        res = e.expand(target).reshape([r * s for r, s in zip(sizes, xs.shape)]).contiguous()
    if needs_grad(x):
        record("RepeatBackward0", _d_repeat, (x,), res,
               meta={"repeats": tuple(sizes), "self_sym_sizes": tuple(x._shape)})
    return res


def tile(x, dims):
    dims = tuple(dims)
    if len(dims) < x.dim():
        dims = (1,) * (x.dim() - len(dims)) + dims
    return repeat(x, dims)


def block_diag(*tensors):
    """The tensors (0-, 1- or 2-D, as 1 x 1, 1 x n and n x m blocks) along the diagonal of one matrix of
    their promoted dtype; written block by block, so the gradient reads each block back."""
    blocks = []
    for i, t in enumerate(tensors):
        if t.dim() > 2:
            raise RuntimeError(f"torch.block_diag: Input tensors must have 2 or fewer dimensions. Input {i} has "
                               f"{t.dim()} dimensions")
        blocks.append(t.reshape(1, -1) if t.dim() < 2 else t)
    dt = result_type(*blocks) if blocks else D.get_default_dtype()
    rows, cols = sum(b.shape[0] for b in blocks), sum(b.shape[1] for b in blocks)
    dev = common_device(*blocks) if blocks else None
    res = zeros((rows if blocks else 1, cols), dtype=dt, device=dev)
    r = c = 0
    for b in blocks:
        h, w = b.shape
        res[r:r + h, c:c + w] = b
        r, c = r + h, c + w
    return renamed(res, "BlockDiagBackward0")


def _d_tril(ctx, g):
    return (tril(g, ctx._saved_diagonal),)


def _d_triu(ctx, g):
    return (triu(g, ctx._saved_diagonal),)


def _triangle(x, diagonal, lower):
    n, m = x._shape[-2], x._shape[-1]
    offset = arange(m, device=x.device).unsqueeze(0) - arange(n, device=x.device).unsqueeze(1)
    with no_grad():
        # a zero of x's own dtype: a Python 0 would promote a bool matrix to int64
        zero = zeros((), dtype=x.dtype, device=x.device)
        res = where(offset <= diagonal if lower else offset >= diagonal, x, zero)
    if needs_grad(x):
        record("TrilBackward0" if lower else "TriuBackward0", _d_tril if lower else _d_triu, (x,), res,
               meta={"diagonal": diagonal})
    return res


def tril(x, diagonal=0):
    return _triangle(x, diagonal, True)


def triu(x, diagonal=0):
    return _triangle(x, diagonal, False)


# ---------------------------------------------------------------- registry
R.define_all("joining", [
    (cat, "CatBackward0", R.ARITH),
    (stack, "StackBackward0", R.ARITH),
    (hstack, "CatBackward0", R.ARITH),
    (vstack, "CatBackward0", R.ARITH),
    (block_diag, "BlockDiagBackward0", R.ARITH),
], method=False)
R.REGISTRY["cat"].aliases = ("concat", "concatenate")
R.define_all("joining", [
    (split, "SplitBackward0", R.SAME),
    (chunk, "SplitBackward0", R.SAME),
    (tensor_split, "SliceBackward0", R.SAME),
    (flip, "FlipBackward0", R.SAME),
    (roll, "RollBackward0", R.SAME),
    (tile, "RepeatBackward0", R.SAME),
    (tril, "TrilBackward0", R.SAME),
    (triu, "TriuBackward0", R.SAME),
])
R.define("joining", repeat, node="RepeatBackward0", dtype=R.SAME, function=False)
