"""Sorting and order statistics: sort, argsort, msort, topk, kthvalue, median, nanmedian, mode.

The order is found on the host (one synchronisation, as unique does) with NumPy's stable sort; the
values are then gathered on the input's device, so the result keeps its device and the gradient
scatters back through the indices (torch's SortBackward0, TopkBackward0, ...). NaN sorts above every
number, as in torch: last in ascending order, first in descending order.
"""
import numpy as np

from .._shape import normalize_dim
from .._tensor import Tensor
from ..autograd.grad_mode import no_grad
from ..autograd.graph import needs_grad, record
from . import registry as R
from .conversion import to
from .creation import tensor, zeros
from .elementwise import binary
from .indexing import gather
from .reduction import _ReturnTypes, _d_select_index


def _host(x):
    with no_grad():
        return to(x.detach(), "cpu").contiguous()._np()


def _order(rows, descending):
    """Stable argsort along the last axis; descending keeps equal elements in their input order
    (the ascending order of the reversed rows, reversed back) and puts NaN first."""
    if not descending:
        return np.argsort(rows, axis=-1, kind="stable")
    n = rows.shape[-1]
    return n - 1 - np.flip(np.argsort(np.flip(rows, -1), axis=-1, kind="stable"), -1)


def _sorted_indices(x, d, descending):
    """int64 indices (on the host) that sort x along dim d."""
    host = _host(x)
    if x.dim() == 0:
        return np.zeros((), np.int64)
    return np.moveaxis(_order(np.moveaxis(host, d, -1), descending), -1, d).astype(np.int64)


def _dim(x, dim):
    return normalize_dim(dim, x.dim()) if x.dim() else 0


def _on_device(idx, like):
    return tensor(idx, device=like._storage.device)


def _take(x, d, idx):
    """x gathered at idx along d, without a node (the caller records the op's own)."""
    with no_grad():
        return gather(x, d, idx) if x.dim() else x.clone()


def _record_selection(node, x, values, idx, d, keepdim):
    if needs_grad(x):
        record(node, _d_select_index, (x,), values, save=(idx,), names=("indices",),
               meta={"self_sym_sizes": tuple(x._shape), "dim": d, "keepdim": keepdim})


def _sort_arguments(args, dim, descending, stable):
    """torch's two overloads: sort(input, dim=-1, descending=False) and sort(input, *, stable, dim=-1,
    descending=False): with stable= the other arguments are keywords only (TypeError otherwise)."""
    if stable is not None and args or len(args) > 2:
        given = ", ".join(["Tensor"] + [type(a).__name__ for a in args]
                          + [f"{k}={type(v).__name__}" for k, v in (("stable", stable), ("dim", dim),
                                                                    ("descending", descending)) if v is not None])
        raise TypeError(f"sort() received an invalid combination of arguments - got ({given}), but expected one of:\n"
                        " * (Tensor input, *, bool stable, int dim = -1, bool descending = False, tuple of Tensors "
                        "out = None)\n * (Tensor input, int dim = -1, bool descending = False, *, tuple of Tensors "
                        "out = None)")
    for name, value, position in (("dim", dim, 0), ("descending", descending, 1)):
        if value is not None and len(args) > position:
            raise TypeError(f"sort() got multiple values for argument '{name}'")
    dim = args[0] if args else (-1 if dim is None else dim)
    descending = args[1] if len(args) > 1 else bool(descending)
    return dim, descending


def sort(input, *args, stable=None, dim=None, descending=None, out=None):
    dim, descending = _sort_arguments(args, dim, descending, stable)
    d = _dim(input, dim)
    idx = _on_device(_sorted_indices(input, d, descending), input)
    values = _take(input, d, idx)
    # torch's sort with the stable= keyword is its own overload (SortBackward1)
    _record_selection("SortBackward0" if stable is None else "SortBackward1", input, values, idx, d, True)
    return _ReturnTypes(values, idx, "sort")


def argsort(input, dim=-1, descending=False, stable=False):
    d = _dim(input, dim)
    return _on_device(_sorted_indices(input, d, descending), input)


def msort(input):
    return sort(input, 0)[0]


def topk(input, k, dim=-1, largest=True, sorted=True):
    d = _dim(input, dim)
    n = input.shape[d] if input.dim() else 1
    if not 0 <= k <= n:
        raise RuntimeError("selected index k out of range")
    order = _sorted_indices(input, d, largest)
    idx = _on_device(np.take(order, np.arange(k), axis=d) if input.dim() else order, input)
    values = _take(input, d, idx)
    _record_selection("TopkBackward0", input, values, idx, d, True)
    return _ReturnTypes(values, idx, "topk")


def _one_per_row(input, dim, keepdim, choose, node, name):
    """One element of each row along dim: choose(host, order, d) gives its index per row (with d
    kept as a dim of size 1); the values are gathered at it."""
    d = _dim(input, dim)
    host = _host(input)
    if input.dim():
        chosen = choose(host, _sorted_indices(input, d, False), d)
    else:
        chosen = np.zeros((), np.int64)
    idx = _on_device(chosen.astype(np.int64), input)
    values = _take(input, d, idx)
    if not keepdim and input.dim():
        values, idx = values.squeeze(d), idx.squeeze(d)
    _record_selection(node, input, values, idx, d, keepdim or not input.dim())
    return _ReturnTypes(values, idx, name)


def _at(pos):
    return lambda host, order, d: np.take(order, [pos(host.shape[d])], axis=d)


def kthvalue(input, k, dim=-1, keepdim=False):
    n = input.shape[_dim(input, dim)] if input.dim() else 1
    if not 1 <= k <= n:
        raise RuntimeError(f"kthvalue(): selected number k out of range for dimension {_dim(input, dim)}")
    return _one_per_row(input, dim, keepdim, _at(lambda n: k - 1), "KthvalueBackward0", "kthvalue")


def _lower_middle(host, order, d):
    """The lower of the two middle elements; a row holding NaN gives its first NaN, as torch."""
    chosen = np.take(order, [(host.shape[d] - 1) // 2], axis=d)
    if host.dtype.kind == "f":
        nan = np.isnan(host)
        first_nan = np.expand_dims(np.argmax(nan, axis=d), d)
        chosen = np.where(nan.any(axis=d, keepdims=True), first_nan, chosen)
    return chosen


def _lower_middle_of_numbers(host, order, d):
    """nanmedian: NaN sorts last, so the median of a row's numbers sits at (count - 1) // 2."""
    count = (~np.isnan(host)).sum(axis=d, keepdims=True) if host.dtype.kind == "f" else \
        np.full(np.take(host, [0], axis=d).shape, host.shape[d])
    return np.take_along_axis(order, np.maximum((count - 1) // 2, 0), axis=d)


def _most_frequent(host, order, d):
    """mode: the most frequent value of each row (the smallest among equally frequent ones), at the
    index of its last occurrence, as torch returns."""
    rows = np.moveaxis(host, d, -1)
    flat = rows.reshape(-1, rows.shape[-1])
    chosen = np.empty(flat.shape[0], np.int64)
    for r, row in enumerate(flat):
        values, counts = np.unique(row, return_counts=True)
        chosen[r] = np.flatnonzero(row == values[np.argmax(counts)])[-1] if row.size else 0
    return np.expand_dims(chosen.reshape(rows.shape[:-1]), d)


def _d_median_all(ctx, g):
    """median() without a dim: the gradient is shared evenly by the elements equal to the result."""
    x, res = ctx._saved_self, ctx._saved_result
    ties = binary("eq", x, res)
    return (g * ties / ties.sum(),)


def _median_all(input, node, ignore_nan):
    host = _host(input).reshape(-1)
    if input.dtype.is_floating_point and np.isnan(host).any():
        host = host[~np.isnan(host)] if ignore_nan else np.full(1, np.nan, host.dtype)
    value = np.sort(host, kind="stable")[(host.size - 1) // 2] if host.size else float("nan")
    with no_grad():
        res = tensor(value, dtype=input.dtype, device=input._storage.device)
    if needs_grad(input):
        record(node, _d_median_all, (input,), res, save=(input, res), names=("self", "result"))
    return res


def median(input, dim=None, keepdim=False):
    if dim is None:
        return _median_all(input, "MedianBackward0", False)
    return _one_per_row(input, dim, keepdim, _lower_middle, "MedianBackward1", "median")


def nanmedian(input, dim=None, keepdim=False):
    if dim is None:
        return _median_all(input, "NanmedianBackward0", True)
    return _one_per_row(input, dim, keepdim, _lower_middle_of_numbers, "NanmedianBackward1", "nanmedian")


def mode(input, dim=-1, keepdim=False):
    return _one_per_row(input, dim, keepdim, _most_frequent, "ModeBackward0", "mode")


# ---------------------------------------------------------------- registry
R.define_all("sorting", [
    (sort, "SortBackward0", R.VALUES_INDICES),
    (argsort, None, R.INDEX),
    (msort, "SortBackward0", R.SAME),
    (topk, "TopkBackward0", R.VALUES_INDICES),
    (kthvalue, "KthvalueBackward0", R.VALUES_INDICES),
    (median, "MedianBackward0", R.VALUES_INDICES),
    (nanmedian, "NanmedianBackward0", R.VALUES_INDICES),
    (mode, "ModeBackward0", R.VALUES_INDICES),
])
