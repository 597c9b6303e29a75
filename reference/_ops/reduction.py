"""Reductions, scans and softmax. Every one brings its input to an (outer, reduced, inner) layout
(a view when the strides allow, else a copy) and runs one kernel over the middle axis."""
import builtins
import math
from functools import lru_cache

from .. import _dtype as D
from .._shape import Size, normalize_dim, normalize_dims, numel, view_strides
from .._tensor import Tensor
from ..autograd.grad_mode import is_grad_enabled, no_grad
from ..autograd.graph import needs_grad, record
from ..backends import backend_of
from ._util import cast, empty_tensor
from .creation import full, zeros
from .elementwise import binary, where
from . import registry as R

_NAMES = {"float32": "Float", "float64": "Double", "float16": "Half", "int64": "Long", "int32": "Int",
          "int16": "Short", "int8": "Char", "uint8": "Byte", "bool": "Bool"}


@lru_cache(maxsize=4096)
def _ori_view(shape, stride, dims):
    """((O, R, I), strides) when a layout reads as (outer, reduced, inner) over `dims` without a copy
    (the dims are consecutive and the strides allow the view), else None. Decided once per layout."""
    if not dims:
        target = (numel(shape), 1, 1)
    elif list(dims) == list(range(dims[0], dims[-1] + 1)):
        target = (numel(shape[:dims[0]]), numel(shape[dims[0]:dims[-1] + 1]), numel(shape[dims[-1] + 1:]))
    else:
        return None
    st = view_strides(shape, stride, target)
    return None if st is None else (target, st)


def _as_ori(x, dims):
    """x as an (O, R, I) tensor reducing over `dims` (sorted), plus O and I."""
    view = _ori_view(x._shape, x._stride, dims)
    if view is not None:
        target, st = view
        return x._view_of(target, st, x._offset), target[0], target[2]
    shape = tuple(x._shape)
    nd = len(shape)
    if not dims:
        o, r, i = numel(shape), 1, 1
        target = (o, r, i)
        src = x
    elif list(dims) == list(range(dims[0], dims[-1] + 1)):
        o = numel(shape[:dims[0]])
        r = numel(shape[dims[0]:dims[-1] + 1])
        i = numel(shape[dims[-1] + 1:])
        src = x
    else:
        rest = [d for d in range(nd) if d not in dims]
        src = x.permute(rest + list(dims)).contiguous()
        o, r, i = numel([shape[d] for d in rest]), numel([shape[d] for d in dims]), 1
    target = (o, r, i)
    st = view_strides(tuple(src._shape), src._stride, target)
    if st is None:
        src = src.contiguous()
        st = view_strides(tuple(src._shape), src._stride, target)
    return src._view_of(target, st, src._offset), o, i


def _out_shape(shape, dims, keepdim):
    return _out_shape_of(tuple(shape), tuple(dims), bool(keepdim))


@lru_cache(maxsize=4096)
def _out_shape_of(shape, dims, keepdim):
    if keepdim:
        return Size(1 if d in dims else s for d, s in enumerate(shape))
    return Size(s for d, s in enumerate(shape) if d not in dims)


_ALL_DIMS = [tuple(range(n)) for n in range(65)]


def _dims_of(x, dim):
    if dim is None or (isinstance(dim, (tuple, list)) and len(dim) == 0):
        nd = len(x._shape)
        return _ALL_DIMS[nd] if nd < 65 else tuple(range(nd))
    return normalize_dims(dim, len(x._shape))


def _run(kind, x, dims, keepdim, out_dtype, **kw):
    x3, o, i = _as_ori(x, dims)
    # the kernel fills the (outer, inner) values in row-major order: exactly the output's layout
    out = empty_tensor(_out_shape(x._shape, dims, keepdim), out_dtype, x._storage.device)
    backend_of(x._storage.device).reduce(kind, x3, out, **kw)
    return out


def _expand_back(g, shape, dims, keepdim):
    """A reduced gradient broadcast back over the reduced dims."""
    if not keepdim:
        for d in dims:
            g = g.unsqueeze(d)
    return g.expand(shape)


# ---------------------------------------------------------------- sum / mean / prod


_SELF_RESULT = ("self", "result")


def _reduced(x, dims, keepdim):
    """The named values a reduction's backward reads (torch's names: _saved_self_sym_sizes, ...)."""
    return {"self_sym_sizes": tuple(x._shape), "dim": dims, "keepdim": keepdim}


def _d_sum(ctx, g):
    shape, dims, keepdim = ctx._saved_self_sym_sizes, ctx._saved_dim, ctx._saved_keepdim
    return (_expand_back(g, shape, dims, keepdim),)


def sum(input, dim=None, keepdim=False, *, dtype=None):
    x = input if dtype is None else cast(input, dtype)
    out_dtype = x.dtype if x.dtype.is_floating_point else (x.dtype if dtype is not None else D.int64)
    dims = _dims_of(x, dim)
    res = _run("sum", x, dims, keepdim, out_dtype)
    if needs_grad(input):
        record("SumBackward0" if dim is None else "SumBackward1", _d_sum, (x,), res,
               meta=_reduced(x, dims, keepdim))
    return res


def _d_mean(ctx, g):
    shape, dims, keepdim, n = ctx._saved_self_sym_sizes, ctx._saved_dim, ctx._saved_keepdim, ctx._saved_numel
    return (_expand_back(g / n, shape, dims, keepdim),)


def mean(input, dim=None, keepdim=False, *, dtype=None):
    x = input if dtype is None else cast(input, dtype)
    if not x.dtype.is_floating_point:
        raise RuntimeError("mean(): could not infer output dtype. Input dtype must be either a floating "
                           f"point or complex dtype. Got: {_NAMES[x.dtype.name]}")
    dims = _dims_of(x, dim)
    n = numel([x._shape[d] for d in dims])
    with _no_record():
        res = _run("sum", x, dims, keepdim, x.dtype) / n if n else _run("sum", x, dims, keepdim, x.dtype) / 0.0
    if needs_grad(input):
        record("MeanBackward0" if dim is None else "MeanBackward1", _d_mean, (x,), res,
               meta=dict(_reduced(x, dims, keepdim), numel=builtins.max(n, 1)))
    return res


def _no_record():
    return no_grad()


def _d_nansum(ctx, g):
    x = ctx._saved_self
    g = _expand_back(g, ctx._saved_self_sym_sizes, ctx._saved_dim, ctx._saved_keepdim)
    # a NaN contributed nothing to the sum, so it receives no gradient
    return (where(x != x, 0.0, g),)


def nansum(input, dim=None, keepdim=False, *, dtype=None):
    x = input if dtype is None else cast(input, dtype)
    with _no_record():
        clean = where(x != x, 0.0, x) if x.dtype.is_floating_point else x
        res = sum(clean, dim, keepdim)
    if needs_grad(x):
        record("NansumBackward0", _d_nansum, (x,), res, save=(x,), names=("self",),
               meta=_reduced(x, _dims_of(x, dim), keepdim))
    return res


def _d_prod(ctx, g):
    x, out = ctx._saved_self, ctx._saved_result
    shape, dims, keepdim = ctx._saved_self_sym_sizes, ctx._saved_dim, ctx._saved_keepdim
    g = _expand_back(g, shape, dims, keepdim)
    out_e = _expand_back(out, shape, dims, keepdim)
    zero = x == 0
    nz = _expand_back(sum(zero, dims, keepdim), shape, dims, keepdim)
    safe = where(zero, 1.0, x)
    others = _expand_back(prod_dims(safe, dims, keepdim), shape, dims, keepdim)
    # one zero: its gradient is the product of the others; two or more: every gradient is 0
    grad_zero = where(nz == 1, others, 0.0)
    return (g * where(zero, grad_zero, out_e / safe),)


def prod_dims(x, dims, keepdim, node="ProdBackward1"):
    res = _run("prod", x, dims, keepdim, x.dtype if x.dtype.is_floating_point else D.int64)
    if needs_grad(x):
        record(node, _d_prod, (x,), res, save=(x, res), names=_SELF_RESULT, meta=_reduced(x, dims, keepdim))
    return res


def prod(input, dim=None, keepdim=False, *, dtype=None):
    x = input if dtype is None else cast(input, dtype)
    dims = _dims_of(x, dim) if dim is not None else tuple(range(x.dim()))
    if dim is not None and not isinstance(dim, int):
        raise TypeError("prod(): argument 'dim' must be int")
    return prod_dims(x, dims, keepdim, "ProdBackward0" if dim is None else "ProdBackward1")


# ---------------------------------------------------------------- max / min / arg*


def _check_nonempty(x, dims, name):
    for d in dims:
        if x._shape[d] == 0:
            raise IndexError(f"{name}(): Expected reduction dim {d} to have non-zero size.")
    if not dims and x.numel() == 0:
        raise RuntimeError(f"{name}(): Expected reduction dim to be specified for input.numel() == 0. "
                           "Specify the reduction dim with the 'dim' argument.")


def _extreme(x, dims, keepdim, want_max):
    _check_nonempty(x, dims, "max" if want_max else "min")
    if x.numel() == 0 and not dims:
        _check_nonempty(x, (), "max")
    x3, o, i = _as_ori(x, dims)
    vals = empty_tensor((o, i), x.dtype, x._storage.device)
    idx = empty_tensor((o, i), D.int64, x._storage.device)
    backend_of(x._storage.device).reduce("max" if want_max else "min", x3, vals, indices=idx)
    shape = _out_shape(tuple(x._shape), dims, keepdim)
    return vals.reshape(shape), idx.reshape(shape)


def _d_amax(ctx, g):
    x, out = ctx._saved_self, ctx._saved_result
    shape, dims, keepdim = ctx._saved_self_sym_sizes, ctx._saved_dim, ctx._saved_keepdim
    mask = x == _expand_back(out, shape, dims, keepdim)
    count = _expand_back(sum(mask, dims, keepdim), shape, dims, keepdim)
    return (_expand_back(g, shape, dims, keepdim) * mask / count,)


def _amax_like(input, dim, keepdim, want_max, name):
    if x_is_empty_full(input, dim):
        raise RuntimeError(f"{name}(): Expected reduction dim to be specified for input.numel() == 0. "
                           "Specify the reduction dim with the 'dim' argument.")
    dims = _dims_of(input, dim)
    vals, _ = _extreme(input, dims, keepdim, want_max)
    if needs_grad(input):
        node = {"amax": "AmaxBackward0", "amin": "AminBackward0", "max": "MaxBackward1",
                "min": "MinBackward1"}[name]
        record(node, _d_amax, (input,), vals, save=(input, vals), names=_SELF_RESULT,
               meta=_reduced(input, dims, keepdim))
    return vals


def x_is_empty_full(x, dim):
    return x.numel() == 0 and (dim is None or dim == ())


def amax(input, dim=(), keepdim=False):
    return _amax_like(input, dim, keepdim, True, "amax")


def amin(input, dim=(), keepdim=False):
    return _amax_like(input, dim, keepdim, False, "amin")


class _ReturnTypes(tuple):
    """torch.return_types.max and friends: a (values, indices) tuple with names."""

    def __new__(cls, values, indices, name="max"):
        t = tuple.__new__(cls, (values, indices))
        t._name = name
        return t

    @property
    def values(self):
        return self[0]

    @property
    def indices(self):
        return self[1]

    def __repr__(self):
        return f"torch.return_types.{self._name}(\nvalues={self[0]!r},\nindices={self[1]!r})"


def _d_select_index(ctx, g):
    idx = ctx._saved_indices
    shape, d, keepdim = ctx._saved_self_sym_sizes, ctx._saved_dim, ctx._saved_keepdim
    if not keepdim:
        g = g.unsqueeze(d)
        idx = idx.unsqueeze(d)
    return (zeros(shape, dtype=g.dtype, device=g.device).scatter(d, idx, g),)


def _max_min(input, dim, keepdim, other, want_max):
    name = "max" if want_max else "min"
    if isinstance(dim, Tensor):
        other, dim = dim, None
    if other is not None:
        return binary("maximum" if want_max else "minimum", input, other)
    if dim is None:
        return _amax_like(input, None, False, want_max, name)
    d = normalize_dim(dim, input.dim())
    vals, idx = _extreme(input, (d,) if input.dim() else (), keepdim, want_max)
    if needs_grad(input):
        record("MaxBackward0" if want_max else "MinBackward0", _d_select_index, (input,), vals, save=(idx,),
               names=("indices",), meta=_reduced(input, d, keepdim))
    return _ReturnTypes(vals, idx, name)


def max(input, dim=None, keepdim=False, *, other=None):
    return _max_min(input, dim, keepdim, other, True)


def min(input, dim=None, keepdim=False, *, other=None):
    return _max_min(input, dim, keepdim, other, False)


def _arg(input, dim, keepdim, want_max):
    if dim is None:
        flat = input.reshape(-1)
        if flat.numel() == 0:
            raise RuntimeError(f"arg{'max' if want_max else 'min'}(): Expected reduction dim to be specified "
                               "for input.numel() == 0.")
        _, idx = _extreme(flat, (0,), False, want_max)
        return idx.reshape(()) if not keepdim else idx.reshape((1,) * input.dim())
    d = normalize_dim(dim, input.dim())
    _, idx = _extreme(input, (d,) if input.dim() else (), keepdim, want_max)
    return idx


def argmax(input, dim=None, keepdim=False):
    return _arg(input, dim, keepdim, True)


def argmin(input, dim=None, keepdim=False):
    return _arg(input, dim, keepdim, False)


def _truth(input, dim, keepdim, want_any):
    """all() and any(): the min or max of the input read as bool; empty reductions give the identity."""
    if input.numel() == 0 and dim is None:
        return full((), not want_any, dtype=D.bool_)
    dims = _dims_of(input, dim)
    if not input.numel():
        return _all_empty(input, dims, keepdim, not want_any)
    return _extreme(cast(input, D.bool_), dims, keepdim, want_any)[0]


def all(input, dim=None, keepdim=False):
    return _truth(input, dim, keepdim, False)


def any(input, dim=None, keepdim=False):
    return _truth(input, dim, keepdim, True)


def _all_empty(x, dims, keepdim, value):
    return full(_out_shape(tuple(x._shape), dims, keepdim), value, dtype=D.bool_)


# ---------------------------------------------------------------- var / std / logsumexp


def _correction(unbiased, correction):
    if correction is not None:
        return correction
    if unbiased is None:
        return 1
    return 1 if unbiased else 0


def _d_var(ctx, g):
    x = ctx._saved_self
    shape, dims, keepdim = ctx._saved_self_sym_sizes, ctx._saved_dim, ctx._saved_keepdim
    n, c = ctx._saved_numel, ctx._saved_correction
    m = x.mean(dim=dims, keepdim=True)
    return (_expand_back(g, shape, dims, keepdim) * 2 * (x - m) / builtins.max(n - c, 0),)


def _var_args(input, dim, unbiased, keepdim, correction):
    if isinstance(dim, bool):  # var(x, True) is var(x, unbiased=True)
        unbiased, dim = dim, None
    if not input.dtype.is_floating_point:
        raise RuntimeError(f"std and var only support floating point and complex dtypes")
    dims = _dims_of(input, dim)
    return dims, _correction(unbiased, correction)


def var(input, dim=None, unbiased=None, keepdim=False, *, correction=None):
    dims, c = _var_args(input, dim, unbiased, keepdim, correction)
    res = _run("var", input, dims, keepdim, input.dtype, correction=c)
    if needs_grad(input):
        n = numel([input._shape[d] for d in dims])
        record("VarBackward0", _d_var, (input,), res, save=(input,), names=("self",),
               meta=dict(_reduced(input, dims, keepdim), numel=n, correction=c))
    return res


def _d_std(ctx, g):
    x, s = ctx._saved_self, ctx._saved_result
    shape, dims, keepdim = ctx._saved_self_sym_sizes, ctx._saved_dim, ctx._saved_keepdim
    n, c = ctx._saved_numel, ctx._saved_correction
    m = x.mean(dim=dims, keepdim=True)
    # d std = d var / (2 std)
    return (_expand_back(g / s, shape, dims, keepdim) * (x - m) / builtins.max(n - c, 0),)


def _moments(input, dim, unbiased, keepdim, correction):
    """(variance without history, dims, correction, n): std and the *_mean twins record their own
    node over it."""
    dims, c = _var_args(input, dim, unbiased, keepdim, correction)
    with _no_record():
        v = _run("var", input, dims, keepdim, input.dtype, correction=c)
    return v, dims, c, numel([input._shape[d] for d in dims])


def std(input, dim=None, unbiased=None, keepdim=False, *, correction=None):
    v, dims, c, n = _moments(input, dim, unbiased, keepdim, correction)
    with _no_record():
        res = v.sqrt()
    if needs_grad(input):
        record("StdBackward0", _d_std, (input,), res, save=(input, res), names=_SELF_RESULT,
               meta=dict(_reduced(input, dims, keepdim), numel=n, correction=c))
    return res


def _d_var_mean(ctx, g_first, g_mean):
    """One node for var_mean/std_mean: the gradients of both outputs flow into the one input."""
    x = ctx._saved_self
    shape, dims, keepdim = ctx._saved_self_sym_sizes, ctx._saved_dim, ctx._saved_keepdim
    n, c = ctx._saved_numel, ctx._saved_correction
    grad = None
    if g_first is not None:
        m = x.mean(dim=dims, keepdim=True)
        scale = g_first / ctx._saved_result0 if ctx._saved_is_std else 2 * g_first
        grad = _expand_back(scale, shape, dims, keepdim) * (x - m) / builtins.max(n - c, 0)
    if g_mean is not None:
        gm = _expand_back(g_mean / builtins.max(n, 1), shape, dims, keepdim)
        grad = gm if grad is None else grad + gm
    return (grad,)


def _with_mean(input, dim, unbiased, keepdim, correction, is_std):
    v, dims, c, n = _moments(input, dim, unbiased, keepdim, correction)
    with _no_record():
        first = v.sqrt() if is_std else v
        m = mean(input, dims, keepdim)
    if needs_grad(input):
        record("StdMeanBackward0" if is_std else "VarMeanBackward0", _d_var_mean, (input,), (first, m),
               save=(input, first), names=("self", "result0"),
               meta=dict(_reduced(input, dims, keepdim), numel=n, correction=c, is_std=is_std))
    return first, m


def var_mean(input, dim=None, unbiased=None, keepdim=False, *, correction=None):
    return _with_mean(input, dim, unbiased, keepdim, correction, False)


def std_mean(input, dim=None, unbiased=None, keepdim=False, *, correction=None):
    return _with_mean(input, dim, unbiased, keepdim, correction, True)


def _d_logsumexp(ctx, g):
    x, out = ctx._saved_self, ctx._saved_result
    shape, dims, keepdim = ctx._saved_self_sym_sizes, ctx._saved_dim, ctx._saved_keepdim
    return (_expand_back(g, shape, dims, keepdim) * (x - _expand_back(out, shape, dims, keepdim)).exp(),)


def logsumexp(input, dim, keepdim=False):
    x = input if input.dtype.is_floating_point else cast(input, D.get_default_dtype())
    dims = _dims_of(x, dim)
    res = _run("logsumexp", x, dims, keepdim, x.dtype)
    if needs_grad(input):
        record("LogsumexpBackward0", _d_logsumexp, (input,), res, save=(x, res), names=_SELF_RESULT,
               meta=_reduced(x, dims, keepdim))
    return res


# ---------------------------------------------------------------- softmax / scans (same-shape output)


def _along(kind, x, d, out_dtype):
    x3, o, i = _as_ori(x, (d,))
    out = empty_tensor((o, x._shape[d] if x.dim() else 1, i), out_dtype, x._storage.device)
    backend_of(x._storage.device).reduce(kind, x3, out)
    return out.reshape(tuple(x._shape))


def _fused_softmax_grad(y, g, d, log):
    """The device's one-pass kernel, unless this backward must itself be differentiable (grad mode
    is on exactly when create_graph=True) or the dtypes are not one float type its kernels take."""
    if is_grad_enabled() or g.dtype is not y.dtype or y.dtype not in (D.float32, D.float64):
        return None
    be = backend_of(y.device)
    if not be.has_fused("softmax_backward"):
        return None
    gx = empty_tensor(tuple(y._shape), y.dtype, y.device)
    be.fused("softmax_backward")(y.contiguous(), g.contiguous(), gx, d, log)
    return gx


def _d_softmax(ctx, g):
    y, d = ctx._saved_result, ctx._saved_dim
    gx = _fused_softmax_grad(y, g, d, False)
    return (y * (g - (g * y).sum(dim=d, keepdim=True)) if gx is None else gx,)


def _d_log_softmax(ctx, g):
    y, d = ctx._saved_result, ctx._saved_dim
    gx = _fused_softmax_grad(y, g, d, True)
    return (g - y.exp() * g.sum(dim=d, keepdim=True) if gx is None else gx,)


def _softmax_common(kind, input, dim, dtype):
    if dim is None:
        raise TypeError(f"{kind}() missing required argument 'dim'")
    x = input if dtype is None else cast(input, dtype)
    if not x.dtype.is_floating_point:
        raise RuntimeError(f"\"{kind}_lastdim_kernel_impl\" not implemented for '{_NAMES[x.dtype.name]}'")
    d = normalize_dim(dim, x.dim())
    res = _along(kind, x, d, x.dtype)
    if needs_grad(input):
        record("SoftmaxBackward0" if kind == "softmax" else "LogSoftmaxBackward0",
               _d_softmax if kind == "softmax" else _d_log_softmax, (x,), res, save=(res,), names=("result",), meta={"dim": d})
    return res


def softmax(input, dim=None, dtype=None):
    return _softmax_common("softmax", input, dim, dtype)


def log_softmax(input, dim=None, dtype=None):
    return _softmax_common("log_softmax", input, dim, dtype)


def _d_cumsum(ctx, g):
    d = ctx._saved_dim
    # reverse cumulative sum: total minus the running sum before each position
    return (g.sum(dim=d, keepdim=True) - cumsum(g, d) + g,)


def cumsum(input, dim, *, dtype=None):
    x = input if dtype is None else cast(input, dtype)
    out_dtype = x.dtype if x.dtype.is_floating_point or dtype is not None else D.int64
    d = normalize_dim(dim, x.dim())
    res = _along("cumsum", x, d, out_dtype)
    if needs_grad(input):
        record("CumsumBackward0", _d_cumsum, (x,), res, meta={"dim": d})
    return res


def _reverse_cumsum(s, d):
    """sum_{k >= i} s_k, accumulated from the end (a total minus a running sum loses small terms)."""
    return cumsum(s.flip(d), d).flip(d)


def _d_cumprod(ctx, g):
    """d out_k / d x_i = prod_{j <= k, j != i} x_j for k >= i. Before the first zero of a slice that is
    out_k / x_i; at the first zero it is the cumulative product with that zero replaced by 1; after
    it every term holds the zero, so the gradient is 0 (no division by zero anywhere)."""
    x, out, d = ctx._saved_self, ctx._saved_result, ctx._saved_dim
    is_zero = x == 0
    zeros_so_far = cumsum(is_zero, d)
    before = zeros_so_far == 0
    first_zero = is_zero & (zeros_so_far == 1)
    grad_before = _reverse_cumsum(g * out, d) / x.where(before, 1.0)
    grad_first = _reverse_cumsum(g * cumprod(x.where(first_zero.logical_not(), 1.0), d), d)
    return (grad_before.where(before, grad_first.where(first_zero, 0.0)),)


def cumprod(input, dim, *, dtype=None):
    x = input if dtype is None else cast(input, dtype)
    out_dtype = x.dtype if x.dtype.is_floating_point or dtype is not None else D.int64
    d = normalize_dim(dim, x.dim())
    res = _along("cumprod", x, d, out_dtype)
    if needs_grad(input):
        record("CumprodBackward0", _d_cumprod, (x,), res, save=(x, res), names=_SELF_RESULT, meta={"dim": d})
    return res


# ---------------------------------------------------------------- registry
# (function, torch's node for its main form, dtype rule): sum/mean/prod without dim record
# SumBackward0/MeanBackward0/ProdBackward0, max/min without dim MaxBackward1/MinBackward1
R.define_all("reduction", [
    (sum, "SumBackward1", R.SUM_INT64),
    (mean, "MeanBackward1", R.FLOAT_ONLY),
    (nansum, "NansumBackward0", R.SUM_INT64),
    (prod, "ProdBackward1", R.SUM_INT64),
    (max, "MaxBackward0", R.VALUES_INDICES),
    (min, "MinBackward0", R.VALUES_INDICES),
    (amax, "AmaxBackward0", R.SAME),
    (amin, "AminBackward0", R.SAME),
    (argmax, None, R.INDEX),
    (argmin, None, R.INDEX),
    (all, None, R.BOOL),
    (any, None, R.BOOL),
    (var, "VarBackward0", R.FLOAT_ONLY),
    (std, "StdBackward0", R.FLOAT_ONLY),
    (logsumexp, "LogsumexpBackward0", R.FLOAT_MATH),
    (softmax, "SoftmaxBackward0", R.FLOAT_ONLY),
    (log_softmax, "LogSoftmaxBackward0", R.FLOAT_ONLY),
    (cumsum, "CumsumBackward0", R.SUM_INT64),
    (cumprod, "CumprodBackward0", R.SUM_INT64),
])
R.REGISTRY["prod"].autocast = R.TO_FLOAT32
R.define_all("reduction", [
    (var_mean, "VarMeanBackward0", R.FLOAT_ONLY),
    (std_mean, "StdMeanBackward0", R.FLOAT_ONLY),
], method=False)
