"""View ops: new shape/strides/offset over the same storage; no element is copied.
Each backward maps the gradient back onto the input's layout."""
from .. import _dtype as D
from .._shape import contiguous_strides, infer_size, normalize_dim, normalize_dims, numel, view_strides
from .._storage import Storage
from .._tensor import Tensor
from ..autograd.grad_mode import no_grad
from ..autograd.graph import needs_grad, record
from ..backends import backend_of
from ._grad_utils import sum_to
from ._util import copy_into, empty_tensor
from .creation import tensor, zeros
from .joining import stack
from . import registry as R


def _sizes(shape):
    if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
        shape = tuple(shape[0])
    return tuple(int(s) for s in shape)


# Each view's backward reads named values (torch's names where torch exposes them on the node:
# grad_fn._saved_self_sym_sizes, ._saved_dims, ._saved_dim0 ...).


def _d_reshape(ctx, g):
    return (g.reshape(ctx._saved_self_sym_sizes),)


def _record_view(name, backward, x, out, saved):
    if needs_grad(x):
        record(name, backward, (x,), out, meta=saved)
    return out


def _sizes_of(x):
    return {"self_sym_sizes": tuple(x._shape)}


def view(x, *shape):
    if len(shape) == 1 and isinstance(shape[0], D.dtype):
        return _view_dtype(x, shape[0])
    shape = infer_size(_sizes(shape), x.numel())
    strides = view_strides(tuple(x._shape), x._stride, shape)
    if strides is None:
        raise RuntimeError("view size is not compatible with input tensor's size and stride (at least one "
                           "dimension spans across two contiguous subspaces). Use .reshape(...) instead.")
    out = x._view_of(shape, strides, x._offset)
    return _record_view("ViewBackward0", _d_reshape, x, out, _sizes_of(x))


def _view_dtype(x, dt):
    if dt.itemsize != x.dtype.itemsize:
        raise RuntimeError("view(dtype) with a different element size is not supported")
    data = x._storage.data.view(dt.np)
    st = Storage(data, x._storage.device)
    st.version = x._storage.version
    return Tensor._make(st, x._shape, x._stride, x._offset, dt)


def reshape(x, *shape):
    shape = infer_size(_sizes(shape), x.numel())
    strides = view_strides(tuple(x._shape), x._stride, shape)
    if strides is not None:
        out = x._view_of(shape, strides, x._offset)
        return _record_view("ViewBackward0", _d_reshape, x, out, _sizes_of(x))
    out = contiguous(x)
    res = out._view_of(shape, contiguous_strides(shape), 0)
    res._base = None
    return _record_view("UnsafeViewBackward0", _d_reshape, out, res, _sizes_of(x))


def view_as(x, other):
    return view(x, tuple(other.shape))


def reshape_as(x, other):
    return reshape(x, tuple(other.shape))


def flatten(x, start_dim=0, end_dim=-1):
    if x.dim() == 0:
        return reshape(x, (1,))
    s = normalize_dim(start_dim, x.dim())
    e = normalize_dim(end_dim, x.dim())
    if s > e:
        raise RuntimeError("flatten() has invalid args: start_dim cannot come after end_dim")
    if s == e:
        return x
    shape = tuple(x._shape[:s]) + (numel(x._shape[s:e + 1]),) + tuple(x._shape[e + 1:])
    return reshape(x, shape)


def unflatten(x, dim, sizes):
    d = normalize_dim(dim, x.dim())
    sizes = infer_size(tuple(sizes), x._shape[d])
    return view(x, tuple(x._shape[:d]) + sizes + tuple(x._shape[d + 1:])) if x.is_contiguous() else \
        reshape(x, tuple(x._shape[:d]) + sizes + tuple(x._shape[d + 1:]))


def _d_permute(ctx, g):
    dims = ctx._saved_dims
    inv = [0] * len(dims)
    for i, p in enumerate(dims):
        inv[p] = i
    return (g.permute(inv),)


def permute(x, *dims):
    dims = _sizes(dims)
    nd = x.dim()
    if len(dims) != nd:
        raise RuntimeError(f"permute(sparse_coo): number of dimensions in the tensor input does not match "
                           f"the length of the desired ordering of dimensions i.e. input.dim() = {nd} is "
                           f"not equal to len(dims) = {len(dims)}")
    dims = tuple(normalize_dim(d, nd) for d in dims)
    if len(set(dims)) != nd:
        raise RuntimeError("permute(): duplicate dims are not allowed.")
    out = x._view_of(tuple(x._shape[d] for d in dims), tuple(x._stride[d] for d in dims), x._offset)
    return _record_view("PermuteBackward0", _d_permute, x, out, {"dims": dims})


def _d_transpose(ctx, g):
    return (g.transpose(ctx._saved_dim0, ctx._saved_dim1),)


def transpose(x, dim0, dim1):
    nd = x.dim()
    d0, d1 = normalize_dim(dim0, nd), normalize_dim(dim1, nd)
    if nd == 0:
        return _record_view("TransposeBackward0", _d_transpose, x, x._view_of((), (), x._offset),
                            {"dim0": 0, "dim1": 0})
    shape, strides = list(x._shape), list(x._stride)
    shape[d0], shape[d1] = shape[d1], shape[d0]
    strides[d0], strides[d1] = strides[d1], strides[d0]
    out = x._view_of(tuple(shape), tuple(strides), x._offset)
    return _record_view("TransposeBackward0", _d_transpose, x, out, {"dim0": d0, "dim1": d1})


def t(x):
    if x.dim() > 2:
        raise RuntimeError(f"t() expects a tensor with <= 2 dimensions, but self is {x.dim()}D")
    out = transpose(x, 0, 1 if x.dim() == 2 else 0)
    if out.grad_fn is not None:
        out.grad_fn._name = "TBackward0"
    return out


def _T(x):
    return permute(x, tuple(range(x.dim() - 1, -1, -1)))


def movedim(x, source, destination):
    nd = x.dim()
    src = (source,) if isinstance(source, int) else tuple(source)
    dst = (destination,) if isinstance(destination, int) else tuple(destination)
    src = [normalize_dim(s, nd) for s in src]
    dst = [normalize_dim(d, nd) for d in dst]
    order = [d for d in range(nd) if d not in src]
    for d, s in sorted(zip(dst, src)):
        order.insert(d, s)
    return permute(x, order)


def _d_unsqueeze(ctx, g):
    return (g.squeeze(ctx._saved_dim),)


def unsqueeze(x, dim):
    nd = x.dim()
    if not -nd - 1 <= dim <= nd:
        raise IndexError(f"Dimension out of range (expected to be in range of [{-nd - 1}, {nd}], but got {dim})")
    d = dim + nd + 1 if dim < 0 else dim
    shape, strides = list(x._shape), list(x._stride)
    new_stride = strides[d] * shape[d] if d < nd else 1
    shape.insert(d, 1)
    strides.insert(d, new_stride)
    out = x._view_of(tuple(shape), tuple(strides), x._offset)
    return _record_view("UnsqueezeBackward0", _d_unsqueeze, x, out, {"dim": d})


def squeeze(x, dim=None):
    nd = x.dim()
    dims = normalize_dims(dim, nd) if dim is not None else tuple(range(nd))
    keep = [i for i in range(nd) if not (i in dims and x._shape[i] == 1)]
    out = x._view_of(tuple(x._shape[i] for i in keep), tuple(x._stride[i] for i in keep), x._offset)
    # torch's node per argument form: no dim, one dim, a tuple of dims
    name = "SqueezeBackward0" if dim is None else "SqueezeBackward1" if isinstance(dim, int) else "SqueezeBackward2"
    return _record_view(name, _d_reshape, x, out, {"self_sym_sizes": tuple(x._shape), "dim": dims})


def _d_expand(ctx, g):
    return (sum_to(g, ctx._saved_self_sym_sizes),)


def expand(x, *sizes):
    sizes = _sizes(sizes)
    nd = x.dim()
    if len(sizes) < nd:
        raise RuntimeError(f"expand(torch.FloatTensor{{{list(x.shape)}}}, size={list(sizes)}): the number of "
                           f"sizes provided ({len(sizes)}) must be greater or equal to the number of "
                           f"dimensions in the tensor ({nd})")
    lead = len(sizes) - nd
    shape, strides = [], []
    for i, s in enumerate(sizes):
        if i < lead:
            if s < 0:
                raise RuntimeError(f"The expanded size of the tensor ({s}) isn't allowed in a leading, "
                                   f"non-existing dimension {i}")
            shape.append(s)
            strides.append(0)
            continue
        cur, st = x._shape[i - lead], x._stride[i - lead]
        if s == -1 or s == cur:
            shape.append(cur)
            strides.append(st)
        elif cur == 1:
            shape.append(s)
            strides.append(0)
        else:
            raise RuntimeError(f"The expanded size of the tensor ({s}) must match the existing size ({cur}) "
                               f"at non-singleton dimension {i}.  Target sizes: {list(sizes)}.  Tensor "
                               f"sizes: {list(x.shape)}")
    out = x._view_of(tuple(shape), tuple(strides), x._offset)
    return _record_view("ExpandBackward0", _d_expand, x, out, _sizes_of(x))


def expand_as(x, other):
    return expand(x, tuple(other.shape))


def broadcast_to(x, shape):
    return expand(x, tuple(shape))


def _d_region(ctx, g):
    """Gradient of a view that selects part of its input: zeros with the part filled from g."""
    gz = zeros(ctx._saved_self_sym_sizes, dtype=g.dtype, device=g.device)
    gz[ctx._saved_key] = g
    return (gz,)


def _d_slice(ctx, g):
    d = ctx._saved_dim
    gz = zeros(ctx._saved_self_sym_sizes, dtype=g.dtype, device=g.device)
    gz[(slice(None),) * d + (slice(ctx._saved_start, ctx._saved_end, ctx._saved_step),)] = g
    return (gz,)


def _d_select(ctx, g):
    d = ctx._saved_dim
    gz = zeros(ctx._saved_self_sym_sizes, dtype=g.dtype, device=g.device)
    gz[(slice(None),) * d + (ctx._saved_index,)] = g
    return (gz,)


def narrow(x, dim, start, length):
    d = normalize_dim(dim, x.dim())
    size = x._shape[d]
    if isinstance(start, Tensor):
        start = int(start)
    if start < 0:
        start += size
    if not 0 <= start <= size or length < 0 or start + length > size:
        raise RuntimeError(f"start ({start}) + length ({length}) exceeds dimension size ({size}).")
    shape = list(x._shape)
    shape[d] = length
    out = x._view_of(tuple(shape), x._stride, x._offset + start * x._stride[d])
    # torch records narrow as the slice it is
    return _record_view("SliceBackward0", _d_slice, x, out, {"self_sym_sizes": tuple(x._shape), "dim": d,
                                                             "start": start, "end": start + length, "step": 1})


def select(x, dim, index):
    d = normalize_dim(dim, x.dim())
    size = x._shape[d]
    if not -size <= index < size:
        raise IndexError(f"select(): index {index} out of range for tensor of size {list(x.shape)} at "
                         f"dimension {d}")
    index = index + size if index < 0 else index
    out = x._view_of(tuple(x._shape[:d] + x._shape[d + 1:]), x._stride[:d] + x._stride[d + 1:],
                     x._offset + index * x._stride[d])
    return _record_view("SelectBackward0", _d_select, x, out, {"self_sym_sizes": tuple(x._shape), "dim": d,
                                                               "index": index})


def _d_as_strided(ctx, g):
    in_shape, in_strides, in_offset = ctx._saved_self_sym_sizes, ctx._saved_self_sym_strides, ctx._saved_self_offset
    size, stride, offset = ctx._saved_size, ctx._saved_stride, ctx._saved_storage_offset
    # positions (in the input's storage) that each output element reads, mapped to input indices;
    # repeated positions accumulate
    gz = zeros((numel(in_shape),), dtype=g.dtype, device=g.device)
    pos = strided_offsets(size, stride, offset - in_offset, g.device)
    return (gz.index_put((pos,), g.reshape(-1), accumulate=True).as_strided(in_shape, in_strides, 0),)


def strided_offsets(size, stride, offset, device):
    """An int64 tensor of the storage offsets of every element of a strided layout."""
    return tensor(backend_of(device).strided_offsets(tuple(size), tuple(stride), offset), device=device)


def as_strided(x, size, stride, storage_offset=None):
    off = x._offset if storage_offset is None else storage_offset
    out = x._view_of(tuple(size), tuple(stride), off)
    return _record_view("AsStridedBackward0", _d_as_strided, x, out,
                        {"self_sym_sizes": tuple(x._shape), "self_sym_strides": contiguous_strides(tuple(x._shape)),
                         "self_offset": x._offset, "size": tuple(size), "stride": tuple(stride),
                         "storage_offset": off})


def _d_diagonal(ctx, g):
    """Zeros of the input's shape with g written on the diagonal (through index_put, so it is
    differentiable in g)."""
    shape = ctx._saved_self_sym_sizes
    size, stride, offset = _diagonal_layout(shape, contiguous_strides(shape), 0, ctx._saved_offset,
                                            ctx._saved_dim1, ctx._saved_dim2)
    pos = strided_offsets(size, stride, offset, g.device)
    flat = zeros((numel(shape),), dtype=g.dtype, device=g.device)
    return (flat.index_put((pos.reshape(-1),), g.reshape(-1)).reshape(shape),)


def _diagonal_layout(shape, strides, base, offset, d1, d2):
    """(shape, strides, storage offset) of the diagonal `offset` of dims d1, d2, appended last."""
    n1, n2 = shape[d1], shape[d2]
    n = max(0, min(n1, n2 - offset) if offset >= 0 else min(n1 + offset, n2))
    start = base + (offset * strides[d2] if offset >= 0 else -offset * strides[d1]) if n else base
    keep = [i for i in range(len(shape)) if i not in (d1, d2)]
    return (tuple(shape[i] for i in keep) + (n,), tuple(strides[i] for i in keep) + (strides[d1] + strides[d2],),
            start)


def diagonal(x, offset=0, dim1=0, dim2=1):
    nd = x.dim()
    d1, d2 = normalize_dim(dim1, nd), normalize_dim(dim2, nd)
    if d1 == d2:
        raise RuntimeError(f"diagonal dimensions cannot be identical {dim1}, {dim2}")
    size, stride, start = _diagonal_layout(tuple(x._shape), x._stride, x._offset, offset, d1, d2)
    out = x._view_of(size, stride, start)
    return _record_view("DiagonalBackward0", _d_diagonal, x, out, {"self_sym_sizes": tuple(x._shape),
                                                                   "offset": offset, "dim1": d1, "dim2": d2})


# ---------------------------------------------------------------- copies


def _d_clone(ctx, g):
    return (g,)


def _non_overlapping_and_dense(shape, strides):
    """Whether the elements fill one block of storage exactly once, in some order of the dims."""
    if 0 in shape:
        return True  # no element, nothing to overlap
    expected = 1
    for d in sorted(range(len(shape)), key=lambda d: strides[d]):
        if shape[d] == 1:
            continue
        if strides[d] != expected:
            return False
        expected *= shape[d]
    return True


def _stride_order_before(shape, strides, d0, d1):
    """> 0 when dim d0 sits outside d1 in memory, < 0 inside, 0 when the strides cannot tell
    (a broadcast dim, or equal strides and sizes)."""
    s0, s1 = strides[d0], strides[d1]
    if s0 == 0 or s1 == 0:
        return 0
    if s0 != s1:
        return 1 if s0 > s1 else -1
    return 1 if shape[d0] > shape[d1] else 0


def _preserved_strides(shape, strides):
    """Strides of a copy under torch.preserve_format: the input's own when it is non-overlapping
    and dense (a transposed or permuted tensor stays so); otherwise fresh dense strides with the
    dims nested as the input's strides nest them."""
    if _non_overlapping_and_dense(shape, strides):
        return tuple(strides)
    n = len(shape)
    order = list(range(n - 1, -1, -1))  # innermost first; insertion sort keeps ambiguous dims in place
    for i in range(1, n):
        j = i
        for k in range(i - 1, -1, -1):
            c = _stride_order_before(shape, strides, order[k], order[j])
            if c > 0:
                order[k], order[j] = order[j], order[k]
                j = k
            elif c < 0:
                break
    out = [0] * n
    acc = 1
    for d in order:
        out[d] = acc
        acc *= max(shape[d], 1)
    return tuple(out)


def clone(x, *, memory_format=None):
    out = empty_tensor(x._shape, x.dtype, x._storage.device)
    if memory_format in (None, "preserve_format") and x._stride != contiguous_strides(tuple(x._shape)):
        out._set_metadata(x._shape, _preserved_strides(tuple(x._shape), x._stride), 0)
    copy_into(out, x)
    if needs_grad(x):
        record("CloneBackward0", _d_clone, (x,), out)
    return out


def contiguous(x, memory_format=None):
    if x.is_contiguous():
        return x
    return clone(x, memory_format="contiguous_format")


def _d_unbind(ctx, *gs):
    shape, dim = ctx._saved_self_sym_sizes, ctx._saved_dim
    dtype, device = ctx._saved_self_dtype, ctx._saved_self_device
    part = tuple(s for i, s in enumerate(shape) if i != dim)
    gs = [g if g is not None else zeros(part, dtype=dtype, device=device) for g in gs]
    return (stack(gs, dim),)


def unbind(x, dim=0):
    d = normalize_dim(dim, x.dim())
    with no_grad():
        parts = tuple(select(x, d, i) for i in range(x._shape[d]))
    if needs_grad(x) and parts:
        record("UnbindBackward0", _d_unbind, (x,), parts, meta={"self_sym_sizes": tuple(x._shape), "dim": d,
                                                                   "self_dtype": x.dtype, "self_device": x.device})
    return parts


# ---------------------------------------------------------------- registry
# (function, torch's node for its main form, dtype rule); reshape of a layout that cannot be viewed
# records UnsafeViewBackward0, squeeze(dim)/squeeze(dims) SqueezeBackward1/2
R.define_all("view", [
    (reshape, "ViewBackward0", R.SAME),
    (flatten, "ViewBackward0", R.SAME),
    (unflatten, "ViewBackward0", R.SAME),
    (permute, "PermuteBackward0", R.SAME),
    (transpose, "TransposeBackward0", R.SAME),
    (t, "TBackward0", R.SAME),
    (movedim, "PermuteBackward0", R.SAME),
    (unsqueeze, "UnsqueezeBackward0", R.SAME),
    (squeeze, "SqueezeBackward0", R.SAME),
    (broadcast_to, "ExpandBackward0", R.SAME),
    (narrow, "SliceBackward0", R.SAME),
    (select, "SelectBackward0", R.SAME),
    (as_strided, "AsStridedBackward0", R.SAME),
    (clone, "CloneBackward0", R.SAME),
    (unbind, "UnbindBackward0", R.SAME),
    (diagonal, "DiagonalBackward0", R.SAME),
])
R.REGISTRY["transpose"].aliases = ("swapaxes", "swapdims")
R.REGISTRY["movedim"].aliases = ("moveaxis",)
R.define_all("view", [
    (view, "ViewBackward0", R.SAME),
    (view_as, "ViewBackward0", R.SAME),
    (reshape_as, "ViewBackward0", R.SAME),
    (expand, "ExpandBackward0", R.SAME),
    (expand_as, "ExpandBackward0", R.SAME),
    (contiguous, "CloneBackward0", R.SAME),
], function=False)
