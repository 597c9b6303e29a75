"""Indexing: basic keys (int, slice, None, ...) make views; integer-tensor and boolean-mask keys
gather/scatter through storage offsets. One key parser serves get and set."""
import numbers
from functools import lru_cache

import numpy as np

from .. import _dtype as D
from .._shape import broadcast_shapes, contiguous_strides, normalize_dim, numel
from .._tensor import Tensor
from ..autograd.grad_mode import no_grad
from ..autograd.graph import Node, needs_grad, record
from ..backends import backend_of
from ._grad_utils import sum_to
from ._util import cast, copy_into, empty_tensor
from .creation import arange, full, ones, scalar_tensor, tensor, zeros
from .elementwise import binary, where
from .views import _d_region, clone, expand, strided_offsets  # noqa: F401  (strided_offsets: re-export)
from . import registry as R


class _Parsed:
    __slots__ = ("shape", "strides", "offset", "adv", "basic_key")


def _to_index_tensor(item, device):
    if isinstance(item, Tensor):
        return item
    arr = np.asarray(item)
    if arr.dtype == object or arr.dtype.kind not in "biu":
        raise IndexError("tensors used as indices must be long, int, byte or bool tensors")
    return tensor(arr if arr.dtype.kind == "b" else arr.astype(np.int64), device=device)


def _parse(x, key):
    """Apply the basic part of `key` to x's layout and collect advanced indices as
    (view_dim, int64 index tensor) pairs."""
    if isinstance(key, Tensor) and key._shape and key.dtype.category == D.INT and key.dtype is not D.uint8 \
            and x._shape:
        # the common x[index_tensor]: one advanced index on dim 0, the other dims kept whole
        p = _Parsed()
        p.shape, p.strides, p.offset = [None, *x._shape[1:]], [None, *x._stride[1:]], x._offset
        p.adv = [(0, key, x._shape[0], x._stride[0])]
        return p
    if not isinstance(key, tuple):
        key = (key,)
    consumed = 0
    for k in key:
        if k is None or k is Ellipsis or isinstance(k, bool):
            continue
        if isinstance(k, Tensor) and k.dim() == 0 and k.dtype is D.bool_:
            continue
        if isinstance(k, Tensor) and k.dtype in (D.bool_, D.uint8):
            consumed += max(k.dim(), 1) if k.dim() else 0
        elif isinstance(k, (list, np.ndarray)) and np.asarray(k).dtype == np.bool_:
            consumed += np.asarray(k).ndim
        else:
            consumed += 1
    if consumed > x.dim():
        raise IndexError(f"too many indices for tensor of dimension {x.dim()}")
    if sum(k is Ellipsis for k in key) > 1:
        raise IndexError("an index can only have a single ellipsis ('...')")
    shape, strides = list(x._shape), list(x._stride)
    out_shape, out_strides = [], []
    offset = x._offset
    adv = []
    d = 0
    for k in key:
        if k is Ellipsis:
            n = x.dim() - consumed
            out_shape += shape[d:d + n]
            out_strides += strides[d:d + n]
            d += n
        elif k is None:
            out_shape.append(1)
            out_strides.append(0)
        elif isinstance(k, bool) or (isinstance(k, Tensor) and k.dim() == 0 and k.dtype is D.bool_):
            # a scalar mask: True acts like None plus an all-selecting mask; False selects nothing
            out_shape.append(1 if bool(k) else 0)
            out_strides.append(0)
        elif isinstance(k, (numbers.Integral,)) or (isinstance(k, Tensor) and k.dim() == 0 and
                                                     k.dtype.category == D.INT):
            i = int(k)
            size = shape[d]
            if not -size <= i < size:
                raise IndexError(f"index {i} is out of bounds for dimension {d} with size {size}")
            offset += (i + size if i < 0 else i) * strides[d]
            d += 1
        elif isinstance(k, slice):
            start, stop, step = k.start, k.stop, k.step
            step = 1 if step is None else int(step)
            if step <= 0:
                raise ValueError("step must be greater than zero")
            size = shape[d]
            start, stop, _ = slice(start, stop, step).indices(size)
            n = max(0, (stop - start + step - 1) // step)
            offset += start * strides[d] if n else 0
            out_shape.append(n)
            out_strides.append(strides[d] * step)
            d += 1
        else:
            it = _to_index_tensor(k, x._storage.device)
            if it.dtype in (D.bool_, D.uint8):
                nd = it.dim()
                if tuple(it._shape) != tuple(shape[d:d + nd]):
                    raise IndexError(f"The shape of the mask {list(it.shape)} at index {d} does not match "
                                     f"the shape of the indexed tensor {list(shape)} at index {d}")
                rows = backend_of(it._storage.device).nonzero(cast(it, D.bool_).contiguous())
                for j in range(nd):
                    adv.append((len(out_shape), _host_long(rows[:, j], x), shape[d + j], strides[d + j]))
                    out_shape.append(None)
                    out_strides.append(None)
                d += nd
            elif it.dtype.category == D.INT:
                adv.append((len(out_shape), it, shape[d], strides[d]))
                out_shape.append(None)
                out_strides.append(None)
                d += 1
            else:
                raise IndexError("tensors used as indices must be long, int, byte or bool tensors")
    out_shape += shape[d:]
    out_strides += strides[d:]
    p = _Parsed()
    p.shape, p.strides, p.offset, p.adv = out_shape, out_strides, offset, adv
    return p


def _host_long(arr, like):
    return tensor(np.ascontiguousarray(arr), device=like._storage.device)


def _advanced_plan(x, p):
    """(result shape in B+R order, outer offsets over B, inner offsets over R, permutation that puts
    B where numpy/torch put it)."""
    be = backend_of(x._storage.device)
    positions = [a[0] for a in p.adv]
    idx_shapes = [tuple(a[1]._shape) for a in p.adv]
    try:
        bshape = broadcast_shapes(*idx_shapes)
    except RuntimeError:
        raise IndexError("shape mismatch: indexing tensors could not be broadcast together with shapes " +
                         " ".join(str(list(s)) for s in idx_shapes)) from None
    outer = _outer_offsets(be, x, p.adv, bshape)
    rem = [i for i in range(len(p.shape)) if i not in positions]
    rshape = tuple(p.shape[i] for i in rem)
    inner = be.strided_offsets(rshape, tuple(p.strides[i] for i in rem), p.offset)
    outer_host = outer
    adjacent = positions == list(range(positions[0], positions[0] + len(positions)))
    nb = len(bshape)
    if adjacent and positions[0] > 0:
        # B goes where the first advanced index stood: R[:p0] + B + R[p0:]
        p0 = positions[0]
        perm = list(range(nb, nb + p0)) + list(range(nb)) + list(range(nb + p0, nb + len(rshape)))
    else:
        perm = None
    return tuple(bshape) + rshape, outer_host, inner, perm


def _outer_offsets(be, x, adv, bshape):
    """The summed storage offsets of the advanced indices, broadcast to bshape, with bounds checked:
    one fused launch where the device has it, else a composition of tensor ops."""
    if be.has_fused("index_offsets") and numel(bshape):
        outer = empty_tensor(bshape, D.int64, x._storage.device)
        bad = be.fused("index_offsets")([a[1] for a in adv], bshape, [a[2] for a in adv],
                                        [a[3] for a in adv], outer)
        if bad is not None:
            view_dim, _, size, _ = adv[bad[0]]
            raise IndexError(f"index {bad[1]} is out of bounds for dimension {view_dim} with size {size}")
        return outer
    outer = zeros(bshape, dtype=D.int64, device=x._storage.device)
    for view_dim, it, size, stride in adv:
        it = cast(it, D.int64).to(x._storage.device)  # torch accepts CPU indices into a CUDA tensor
        bad = be.check_bounds(it.contiguous(), size) if it.numel() else -1
        if bad >= 0:
            v = int(it.reshape(-1)[bad])
            raise IndexError(f"index {v} is out of bounds for dimension {view_dim} with size {size}")
        wrapped = it + (it < 0) * size
        outer = outer + wrapped * stride
    return outer.contiguous()


@lru_cache(maxsize=4096)
def _rows_contiguous(shape, stride):
    """Whether every row (the elements after dim 0) of this layout is one contiguous block."""
    return tuple(stride[1:]) == contiguous_strides(tuple(shape[1:]))


def _take_rows(x, key):
    """x[index] by the device's one-launch row copy when it has one and the layouts fit (an integer
    index on x's device, the index and x's rows contiguous); else None (the general path)."""
    dt = key.dtype
    dev = x._storage.device
    if dt.category != D.INT or dt is D.uint8 or key._storage.device is not dev:
        return None
    if key._stride != contiguous_strides(key._shape) or not _rows_contiguous(x._shape, x._stride):
        return None
    be = backend_of(dev)
    if not be.has_fused("take_rows"):
        return None
    out = empty_tensor(key._shape + x._shape[1:], x.dtype, dev)
    bad = be.fused("take_rows")(x, key, out)
    if bad is not None:
        raise IndexError(f"index {bad} is out of bounds for dimension 0 with size {x._shape[0]}")
    if needs_grad(x):
        record("IndexBackward0", _d_index, (x,), out, meta={"self_sym_sizes": tuple(x._shape), "indices": key})
    return out


def getitem(x, key):
    if isinstance(key, Tensor) and key._shape and x._shape:
        out = _take_rows(x, key)
        if out is not None:
            return out
    p = _parse(x, key)
    if not p.adv:
        out = x._view_of(tuple(p.shape), tuple(p.strides), p.offset)
        if needs_grad(x):
            record(_basic_node_name(key), _d_region, (x,), out, meta={"self_sym_sizes": tuple(x._shape), "key": key})
        return out
    shape, outer, inner, perm = _advanced_plan(x, p)
    out = empty_tensor(shape, x.dtype, x._storage.device)
    if out.numel():
        backend_of(x._storage.device).gather(x, outer, inner, out)
    if perm is not None:
        with no_grad():
            out = out.permute(perm).contiguous()
    if needs_grad(x):
        record("IndexBackward0", _d_index, (x,), out, meta={"self_sym_sizes": tuple(x._shape), "indices": key})
    return out


def _basic_node_name(key):
    """torch names the node after the last view op the key amounts to."""
    items = key if isinstance(key, tuple) else (key,)
    if any(isinstance(k, slice) for k in items):
        return "SliceBackward0"
    if any(k is None for k in items):
        return "UnsqueezeBackward0"
    if any(isinstance(k, (int, Tensor)) and not isinstance(k, bool) for k in items):
        return "SelectBackward0"
    return "AliasBackward0"


def _d_index(ctx, g):
    gz = zeros(ctx._saved_self_sym_sizes, dtype=g.dtype, device=g.device)
    return (index_put(gz, ctx._saved_indices, g, accumulate=True),)


def setitem(x, key, value):
    """x[key] = value, with value broadcast to the indexed shape; records CopySlices history."""
    x._check_inplace()
    if not isinstance(value, Tensor):
        value = scalar_tensor(value, dtype=x.dtype, device=x._storage.device)
    track = needs_grad(x, value)
    old = _history_of(x) if track else None
    with no_grad():
        _index_put_raw(x, key, value, accumulate=False)
    x._bump_version()
    if track:
        _record_copy_slices(x, old, key, value)
    return x


def index_put(x, key, value, accumulate=False):
    """Out-of-place x with x[key] = value (or += with accumulate); differentiable in x and value."""
    out = clone(x)
    with no_grad():
        _index_put_raw(out, key, value, accumulate)
    if needs_grad(x, value):
        out_h = _history_of(out)
        out.grad_fn = None
        out._requires_grad = False
        record("IndexPutBackward0", _d_index_put, (x, value), out,
               meta={"indices": key, "values_sym_sizes": tuple(value.shape), "accumulate": accumulate})
        del out_h
    return out


def _d_index_put(ctx, g):
    key, vshape, accumulate = ctx._saved_indices, ctx._saved_values_sym_sizes, ctx._saved_accumulate
    gx = g if accumulate else index_put(g, key, g.new_zeros(()).expand(vshape) * 0, accumulate=False)
    gv = sum_to(getitem(g, key), vshape)
    return gx, gv


def _index_put_raw(x, key, value, accumulate):
    p = _parse(x, key)
    dev = x._storage.device
    if not p.adv:
        region = x._view_of(tuple(p.shape), tuple(p.strides), p.offset)
        v = value if value.dtype is x.dtype else cast(value, x.dtype)
        _check_value_shape(v, region.shape)
        if accumulate:
            copy_into(region, binary("add", region, v))
        else:
            copy_into(region, v)
        return
    shape, outer, inner, perm = _advanced_plan(x, p)
    if perm is not None:
        inv = [0] * len(perm)
        for i, q in enumerate(perm):
            inv[q] = i
        permuted = tuple(shape[q] for q in perm)
        _check_value_shape(value, permuted)
        v = value.expand(permuted).permute(inv)
    else:
        _check_value_shape(value, shape)
        v = value.expand(shape)
    v = cast(v, x.dtype).contiguous()
    if v.numel():
        if accumulate:
            backend_of(dev).scatter(x, outer, inner, v, accumulate=True)
        else:
            backend_of(dev).scatter(x, outer, inner, v)


def _check_value_shape(v, shape):
    try:
        if broadcast_shapes(tuple(v.shape), tuple(shape)) != tuple(shape):
            raise RuntimeError
    except RuntimeError:
        raise RuntimeError(f"shape mismatch: value tensor of shape {list(v.shape)} cannot be broadcast to "
                           f"indexing result of shape {list(shape)}") from None


# ---------------------------------------------------------------- autograd of writes into a region


def _history_of(x):
    """A stand-in carrying x's current autograd edge, so the node of a later write links to it."""
    h = x._alias()
    h._requires_grad = x._requires_grad
    h.grad_fn = x.grad_fn
    h._output_nr = x._output_nr
    return h


def _d_copy_slices(ctx, g):
    key, vshape = ctx._saved_key, ctx._saved_src_sym_sizes
    g_old = index_put(g, key, g.new_zeros(()), accumulate=False) if ctx.needs_input_grad[0] else None
    g_val = sum_to(getitem(g, key), vshape) if ctx.needs_input_grad[1] else None
    return g_old, g_val


def _record_copy_slices(x, old, key, value):
    """After x[key] = value: x's history becomes CopySlices(old history, value). When x is a view,
    the write also lands in its base, whose history is rebased the same way."""
    base = x._base
    inputs = (old, value)
    node = Node("torch::autograd::CopySlices", _d_copy_slices, inputs, 1)
    node.meta = {"key": key, "src_sym_sizes": tuple(value.shape)}
    x._requires_grad = True
    x.grad_fn = node
    x._output_nr = 0
    if base is not None and base is not x:
        _rebase_base(base, x, node)


def _rebase_base(base, view, view_node):
    """The base of a written view: its new history takes the view region from the view's node."""
    old = _history_of(base)
    geometry = (tuple(view._shape), tuple(view._stride), view._offset - base._offset)
    if not base.is_contiguous():
        raise RuntimeError("in-place write through a view of a non-contiguous base is not supported "
                           "for autograd by the reference implementation")
    region_holder = view._alias()
    region_holder._requires_grad = True
    region_holder.grad_fn = view_node
    region_holder._output_nr = 0
    node = Node("torch::autograd::CopySlices", _d_base_copy, (old, region_holder), 1)
    node.meta = dict(zip(("size", "stride", "storage_offset"), geometry))
    base._requires_grad = True
    base.grad_fn = node
    base._output_nr = 0


def _d_base_copy(ctx, g):
    shape, strides, offset = ctx._saved_size, ctx._saved_stride, ctx._saved_storage_offset
    g = g.contiguous()
    region = g.as_strided(shape, strides, g.storage_offset() + offset)
    keep = ones(g.shape, dtype=g.dtype, device=g.device)
    backend_of(keep._storage.device).fill(keep.as_strided(shape, strides, offset), 0)
    return g * keep, region


# ---------------------------------------------------------------- helpers for other modules


def nonzero(x, *, as_tuple=False):
    rows = backend_of(x._storage.device).nonzero(cast(x, D.bool_).contiguous())
    if as_tuple:
        return tuple(_host_long(rows[:, j], x) for j in range(max(x.dim(), 1)))
    return _host_long(rows, x)


def scatter_add_flat(dst, positions, values):
    """dst (1-D) with values added at positions (repeats accumulate); differentiable in values."""
    return index_put(dst, (positions,), values, accumulate=True)


def _d_masked_fill(ctx, g):
    mask = ctx._saved_mask
    gx = sum_to(g.masked_fill(mask, 0.0), ctx._saved_self_sym_sizes) if ctx.needs_input_grad[0] else None
    if len(ctx.needs_input_grad) == 1:
        return (gx,)
    gv = where(mask, g, 0.0).sum() if ctx.needs_input_grad[1] else None
    return gx, gv


def _check_fill_value(value, op):
    if isinstance(value, Tensor) and value.dim() != 0:
        raise RuntimeError(f"{op} only supports a 0-dimensional value tensor, but got tensor with "
                           f"{value.dim()} dimension(s).")


def _fill_where(x, mask, value, node, backward, meta=None):
    """x with value on the slots where mask holds. A Python (or constant) value is no input of the node
    (`node`0); a tensor value that requires grad is (`node`1, edges self and value)."""
    v = value.item() if isinstance(value, Tensor) and not value.requires_grad else value
    with no_grad():
        fill = v.to(x.dtype) if isinstance(v, Tensor) else scalar_tensor(v, dtype=x.dtype, device=x._storage.device)
        res = where(mask, fill, x)
    inputs = (x, v) if isinstance(v, Tensor) else (x,)
    if needs_grad(*inputs):
        record(f"{node}{len(inputs) - 1}", backward, inputs, res, save=(mask,), names=("mask",), meta=meta)
    return res


def masked_fill(x, mask, value):
    _check_fill_value(value, "masked_fill_")
    if mask.dtype is not D.bool_:
        raise RuntimeError(f"masked_fill_ only supports boolean masks, but got mask with dtype {mask.dtype}")
    return _fill_where(x, mask, value, "MaskedFillBackward", _d_masked_fill,
                       meta={"self_sym_sizes": tuple(x._shape)})


def _index_fill_mask(x, dim, index):
    """A bool mask, broadcastable to x, True on the slots index_fill writes (a repeated index is
    written once: the value's gradient counts each slot once, as torch's does)."""
    d = normalize_dim(dim, max(x.dim(), 1))
    if index.dtype is not D.int64:
        raise IndexError("index_fill_(): Expected dtype int64 for index.")
    if index.dim() > 1:
        raise RuntimeError("Index has to be a vector/scalar")
    n = x._shape[d] if x.dim() else 1
    positions = index.reshape(-1).tolist()
    for i in positions:
        if not -n <= i < n:
            raise IndexError(f"index {i} is out of bounds for dimension {d} with size {n}")
    flags = np.zeros(n, dtype=np.bool_)
    flags[[i % n for i in positions]] = True
    shape = [1] * x.dim()
    if x.dim():
        shape[d] = n
    return tensor(flags, device=x._storage.device).reshape(shape)


def _d_index_fill(ctx, g):
    mask = ctx._saved_mask
    gx = g.masked_fill(mask, 0.0) if ctx.needs_input_grad[0] else None
    if len(ctx.needs_input_grad) == 1:
        return (gx,)
    gv = where(mask, g, 0.0).sum() if ctx.needs_input_grad[1] else None
    return gx, gv


def index_fill(x, dim, index, value):
    _check_fill_value(value, "index_fill_")
    return _fill_where(x, _index_fill_mask(x, dim, index), value, "IndexFillBackward", _d_index_fill)


def _d_select_by_index(ctx, g):
    """The gradient of a gather-like op: zeros with g accumulated at the positions it read (summed
    back to the input's shape when the key indexed a broadcast of it)."""
    gz = zeros(ctx._saved_source_sym_sizes, dtype=g.dtype, device=g.device)
    if needs_grad(g):  # a double backward goes through g: the differentiable, out-of-place put
        gz = index_put(gz, ctx._saved_indices, g, accumulate=True)
    else:  # nobody else holds the fresh zeros: accumulate into them without index_put's clone
        with no_grad():
            _index_put_raw(gz, ctx._saved_indices, g, accumulate=True)
    return (sum_to(gz, ctx._saved_self_sym_sizes),)


def _gathered(name, x, key, source=None):
    """source[key] (source: x, or x broadcast to a mask's shape) recorded as torch's node `name`,
    with x as its one edge."""
    src = x if source is None else source
    with no_grad():
        res = getitem(src, key)
    if needs_grad(x):
        record(name, _d_select_by_index, (x,), res, meta={"self_sym_sizes": tuple(x._shape), "indices": key,
                                                          "source_sym_sizes": tuple(src._shape)})
    return res


def _d_masked_select(ctx, g):
    x, mask = ctx._saved_self, ctx._saved_mask
    shape = broadcast_shapes(tuple(x._shape), tuple(mask._shape))
    gz = zeros(shape, dtype=g.dtype, device=g.device)
    return (sum_to(index_put(gz, expand(mask, shape), g), tuple(x._shape)),)


def masked_select(x, mask):
    shape = broadcast_shapes(tuple(x._shape), tuple(mask._shape))
    with no_grad():
        res = getitem(expand(x, shape), expand(mask, shape))
    if needs_grad(x):
        # torch's node keeps the input and the mask as given (not broadcast): _saved_self, _saved_mask
        record("MaskedSelectBackward0", _d_masked_select, (x,), res, save=(x, mask), names=("self", "mask"))
    return res


def index_select(x, dim, index):
    d = normalize_dim(dim, x.dim())
    if index.dim() > 1:
        raise IndexError("index_select(): Index is supposed to be a vector")
    return _gathered("IndexSelectBackward0", x, (slice(None),) * d + (index.reshape(-1),))


def _along_dim_key(x, dim, index):
    """The advanced-index key that pairs `index` along `dim` with the positions of every other dim
    (what gather reads and scatter writes)."""
    d = normalize_dim(dim, x.dim())
    key = []
    for i in range(x.dim()):
        if i == d:
            key.append(index)
        else:
            shape = [1] * x.dim()
            shape[i] = index.shape[i]
            key.append(arange(index.shape[i], device=x.device).reshape(shape))
    return tuple(key)


def gather(x, dim, index):
    if index.dim() != x.dim():
        raise RuntimeError("Index tensor must have the same number of dimensions as input tensor")
    return _gathered("GatherBackward0", x, _along_dim_key(x, dim, index))


def _d_scatter(ctx, g):
    key, add = ctx._saved_indices, ctx._saved_accumulate
    gx = (g if add else index_put(g, key, g.new_zeros(()), accumulate=False)) if ctx.needs_input_grad[0] else None
    if len(ctx.needs_input_grad) == 1:
        return (gx,)
    gsrc = None
    if ctx.needs_input_grad[1]:
        gsrc = zeros(ctx._saved_src_sym_sizes, dtype=g.dtype, device=g.device)
        gsrc[ctx._saved_src_region] = getitem(g, key)
    return gx, gsrc


def scatter(x, dim, index, src=None, value=None, *, reduce=None):
    src = value if src is None else src  # torch's scatter(dim, index, value=...) overload
    value = not isinstance(src, Tensor)
    whole = full(index.shape, src, dtype=x.dtype, device=x.device) if value else src
    region = tuple(slice(0, s) for s in index.shape)
    key = _along_dim_key(x, dim, index)
    add = reduce == "add"
    with no_grad():
        res = index_put(x, key, whole[region], accumulate=add)
    # edges as torch's: (self, src) for a tensor src, (self,) for a Python value
    inputs = (x,) if value else (x, src)
    if needs_grad(*inputs):
        name = "ScatterAddBackward0" if add else ("ScatterBackward1" if value else "ScatterBackward0")
        record(name, _d_scatter, inputs, res, meta={"indices": key, "accumulate": add, "src_region": region,
                                                    "src_sym_sizes": tuple(whole._shape)})
    return res


def scatter_add(x, dim, index, src):
    return scatter(x, dim, index, src, reduce="add")


# ---------------------------------------------------------------- registry
R.define_all("indexing", [
    (masked_fill, "MaskedFillBackward0", R.SAME),
    (masked_select, "MaskedSelectBackward0", R.SAME),
    (index_fill, "IndexFillBackward0", R.SAME),
    (index_select, "IndexSelectBackward0", R.SAME),
    (gather, "GatherBackward0", R.SAME),
    (scatter, "ScatterBackward0", R.SAME),
    (scatter_add, "ScatterAddBackward0", R.SAME),
    (nonzero, None, R.INDEX),
    (index_put, "IndexPutBackward0", R.SAME),
])
