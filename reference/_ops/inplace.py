"""In-place ops. Without autograd they write straight into self. With autograd they compute the
out-of-place result from a clone of self (so saved values are the old ones, as torch keeps them),
write it into self and move self's history onto the new node; a written view rebases its base."""
import numpy as np

from .. import _dtype as D
from .._shape import broadcast_shapes
from .._tensor import Tensor
from ..autograd.grad_mode import no_grad
from ..autograd.graph import Node, needs_grad
from ..backends import backend_of
from . import elementwise as E
from . import registry as R
from ._grad_utils import sum_to
from ._util import common_device, copy_into, empty_tensor, resize_, scalar_as
from .creation import bernoulli, rand_like
from .elementwise_ops import BINARY_OPS, UNARY_OPS
from .indexing import _history_of, _rebase_base, index_fill, index_put, masked_fill, scatter, setitem
from .joining import tril, triu
from .reduction import cumprod, cumsum
from .views import as_strided, squeeze, t, transpose, unsqueeze

_NAMES = D.TYPE_NAMES


def check_inplace_target(x):
    x._check_inplace()


def _check_result(x, shape, dtype):
    if tuple(shape) != tuple(x._shape):
        raise RuntimeError(f"output with shape {list(x._shape)} doesn't match the broadcast shape "
                           f"{list(shape)}")
    if not D.can_cast(dtype, x.dtype):
        raise RuntimeError(f"result type {_NAMES[dtype.name]} can't be cast to the desired output type "
                           f"{_NAMES[x.dtype.name]}")


def _zero_grad(ctx, g):
    return (g * 0,)


def _rebase(x, old, name, backward=_zero_grad, others=(), meta=None):
    """x (already written) becomes the output of a new node `name` whose inputs are x's previous
    history and `others`; a view's base is rebased onto it."""
    node = Node(name, backward, (old,) + tuple(others), 1)
    node.meta = meta
    x._requires_grad = True
    x.grad_fn = node
    x._output_nr = 0
    if x._base is not None and x._base is not x:
        _rebase_base(x._base, x, node)
    return x


def _d_copy(ctx, g):
    gsrc = None
    if ctx.needs_input_grad[1]:
        gsrc = sum_to(g, ctx._saved_src_sym_sizes)
        if gsrc.dtype is not ctx._saved_src_dtype:
            gsrc = gsrc.to(ctx._saved_src_dtype)
    return (g * 0 if ctx.needs_input_grad[0] else None, gsrc)


def _adopt(x, r):
    """x (already holding r's values) takes r's history; a view's base is rebased onto it."""
    if r.requires_grad and r.grad_fn is not None:
        x._requires_grad = True
        x.grad_fn = r.grad_fn
        x._output_nr = r._output_nr
    elif x._requires_grad:
        node = Node("CopyBackwards", _zero_grad, (_history_of(x),), 1)
        x.grad_fn = node
        x._output_nr = 0
    else:
        return x
    if x._base is not None and x._base is not x:
        _rebase_base(x._base, x, x.grad_fn)
    return x


def apply(x, compute, *others):
    """x <- compute(x), checking shape and dtype like torch's in-place ops."""
    x._check_inplace()
    track = needs_grad(x, *others)
    r = compute(x.clone() if track else x)
    _check_result(x, r._shape, r.dtype)
    with no_grad():
        copy_into(x, r)
    x._bump_version()
    return _adopt(x, r) if track else x


def binary_(name, x, other, alpha=1):
    """add_/sub_/mul_/... : written straight into x when no history has to be recorded."""
    x._check_inplace()
    op = BINARY_OPS[name]
    if needs_grad(x, other) or alpha != 1 or not isinstance(x, Tensor):
        return apply(x, lambda s: E._binary(op, s, other, alpha), other)
    common_device(x, other)
    compute, out_dtype = E.binary_dtypes(name, x, other)
    shape = broadcast_shapes(tuple(x._shape), tuple(other._shape) if isinstance(other, Tensor) else ())
    _check_result(x, shape, out_dtype)
    if not compute.is_floating_point:
        E._check_integer_domain(name, x, other, compute)
    E._launch(name, [x, other], compute, out_dtype, shape, x._storage.device, out=x)
    x._bump_version()
    return x


def unary_(name, x):
    op = UNARY_OPS[name]
    return apply(x, lambda s: E._unary(op, s))


def copy_(x, src, non_blocking=False):
    if not isinstance(src, Tensor):
        raise TypeError(f"copy_(): argument 'src' must be Tensor, not {type(src).__name__}")
    x._check_inplace()
    try:
        ok = broadcast_shapes(tuple(src._shape), tuple(x._shape)) == tuple(x._shape)
    except RuntimeError:
        ok = False
    if not ok:
        raise RuntimeError(f"The size of tensor a ({x._shape[-1] if x._shape else 1}) must match the size of "
                           f"tensor b ({src._shape[-1] if src._shape else 1}): copy_ cannot broadcast "
                           f"{list(src.shape)} to {list(x.shape)}")
    track = needs_grad(x, src)
    old = _history_of(x) if track else None
    moved = src.to(x._storage.device) if src._storage.device != x._storage.device else src
    with no_grad():
        copy_into(x, moved)
    x._bump_version()
    if track:
        _rebase(x, old, "torch::autograd::CopyBackwards", _d_copy, (src,),
                {"src_sym_sizes": tuple(src._shape), "src_dtype": src.dtype})
    return x


def fill_(x, value, _node="FillBackward2"):
    x._check_inplace()
    if isinstance(value, Tensor):
        if value.dim() != 0:
            raise RuntimeError(f"fill_ only supports 0-dimension value tensor but got tensor with "
                               f"{value.dim()} dimensions.")
        if value.requires_grad:
            return copy_(x, value)
        value = scalar_as(value.item(), x.dtype)  # a tensor's value is cast like a copy: never refused
    else:
        value = D.check_fits(value, x.dtype)
    track = needs_grad(x)
    old = _history_of(x) if track else None
    backend_of(x._storage.device).fill(x, value)
    x._bump_version()
    return _rebase(x, old, _node) if track else x


def fill_diagonal_(x, fill_value, wrap=False):
    """Fill the main diagonal (all dims equal beyond 2-D); wrap=True restarts it every n + 1 rows of a
    tall matrix. The diagonal is written through a view, so autograd records torch's CopySlices."""
    if x.dim() < 2:
        raise RuntimeError("dimensions must larger than 1")
    if x.dim() > 2 and len(set(x._shape)) != 1:
        raise RuntimeError("all dimensions of input must be of equal length")
    rows, cols = x._shape[0], x._shape[1]
    n = min(x._shape)
    diag = x._view_of((n,), (sum(x._stride),), x._offset) if not needs_grad(x) else \
        as_strided(x, (n,), (sum(x._stride),), x._offset)
    fill_(diag, fill_value)
    if wrap and x.dim() == 2 and rows > cols + 1:
        # the next diagonal starts cols + 1 rows further down
        fill_diagonal_(x[cols + 1:], fill_value, wrap=True)
    return x


def zero_(x):
    return fill_(x, 0, "ZeroBackward0")


def clamp_(x, min=None, max=None):
    return apply(x, lambda s: E.clamp(s, min, max), min, max)


def masked_fill_(x, mask, value):
    return apply(x, lambda s: masked_fill(s, mask, value), value)


def index_fill_(x, dim, index, value):
    return apply(x, lambda s: index_fill(s, dim, index, value), value)


def where_(x, condition, other):
    return apply(x, lambda s: E.where(condition, s, other), other)


def lerp_(x, end, weight):
    return apply(x, lambda s: E.lerp(s, end, weight), end, weight)


def index_put_(x, indices, values, accumulate=False):
    if accumulate or needs_grad(x, values):
        # with history: torch's IndexPutBackward0 (x[...] = v records CopySlices instead)
        return apply(x, lambda s: index_put(s, tuple(indices), values, accumulate=accumulate), values)
    setitem(x, tuple(indices), values)
    return x


def scatter_(x, dim, index, src=None, value=None, *, reduce=None):
    src = value if src is None else src
    return apply(x, lambda s: scatter(s, dim, index, src, reduce=reduce), src)


def scatter_add_(x, dim, index, src):
    return scatter_(x, dim, index, src, reduce="add")


def tril_(x, diagonal=0):
    return apply(x, lambda s: tril(s, diagonal))


def triu_(x, diagonal=0):
    return apply(x, lambda s: triu(s, diagonal))


def cumsum_(x, dim, *, dtype=None):
    return apply(x, lambda s: cumsum(s, dim, dtype=dtype))


def cumprod_(x, dim, *, dtype=None):
    return apply(x, lambda s: cumprod(s, dim, dtype=dtype))


# ---------------------------------------------------------------- random fills


def _filled(x, values, node):
    """x overwritten with random `values`; on a tensor with history, a node of zero gradient named as
    torch names it (a leaf that requires grad is written as under no_grad, as nn.init does)."""
    x._check_inplace()
    track = x.requires_grad and x.grad_fn is not None
    old = _history_of(x) if track else None
    with no_grad():
        copy_into(x, values)
    x._bump_version()
    return _rebase(x, old, node) if track else x


def _random_fill(t, kind, a, b, node):
    tmp = empty_tensor(t._shape, t.dtype, t._storage.device)
    getattr(backend_of(t._storage.device), kind)(tmp, a, b)
    return _filled(t, tmp, node)


def uniform_(x, a=0.0, b=1.0, *, generator=None):
    return _random_fill(x, "uniform", a, b, "UniformBackward0")


def normal_(x, mean=0.0, std=1.0, *, generator=None):
    return _random_fill(x, "normal", mean, std, "NormalBackward0")


def _random_upper(dt):
    """random_()'s exclusive upper bound: floats draw from [0, 2**digits] (every integer there is
    exact), integers up to their largest value."""
    if dt.is_floating_point:
        return 2 ** (np.finfo(dt.np).nmant + 1) + 1
    if dt is D.bool_:
        return 2
    return int(np.iinfo(dt.np).max) + 1


def random_(x, low=None, high=None, *, generator=None):
    if low is None and high is None:
        return _random_fill(x, "randint", 0, _random_upper(x.dtype), "RandomBackward2")
    if high is None:
        return _random_fill(x, "randint", 0, low, "RandomBackward1")
    return _random_fill(x, "randint", low, high, "RandomBackward0")


def bernoulli_(x, p=0.5, *, generator=None):
    with no_grad():
        values = bernoulli(x.detach(), p)
    return _filled(x, values, "BernoulliBackward2" if not isinstance(p, Tensor) else "BernoulliBackward1")


def exponential_(x, lambd=1.0, *, generator=None):
    with no_grad():
        values = -(1 - rand_like(x)).log() / lambd
    return _filled(x, values, "ExponentialBackward0")


# ---------------------------------------------------------------- metadata in place


def _set_like(x, v):
    x._set_metadata(v._shape, v._stride, v._offset)
    return x


def resize(x, *size):
    shape = size[0] if len(size) == 1 and isinstance(size[0], (tuple, list)) else size
    return resize_(x, tuple(int(s) for s in shape))


def _d_restore_shape(ctx, g):
    return (g.reshape(ctx._saved_self_sym_sizes),)


def _d_transpose_back(ctx, g):
    return (g.transpose(ctx._saved_dim0, ctx._saved_dim1),)


def _relaid(x, v, node, backward, meta):
    """x takes v's layout in place; with history, a node (torch's in-place view names) maps the
    gradient back to x's former layout."""
    track = needs_grad(x)
    old = _history_of(x) if track else None
    _set_like(x, v)
    return _rebase(x, old, node, backward, meta=meta) if track else x


def squeeze_(x, dim=None):
    node = "SqueezeBackward3" if dim is None else "SqueezeBackward4" if isinstance(dim, int) else "SqueezeBackward5"
    return _relaid(x, squeeze(x.detach(), dim), node, _d_restore_shape, {"self_sym_sizes": tuple(x._shape)})


def unsqueeze_(x, dim):
    return _relaid(x, unsqueeze(x.detach(), dim), "UnsqueezeBackward1", _d_restore_shape,
                   {"self_sym_sizes": tuple(x._shape)})


def t_(x):
    v = t(x.detach())
    d1 = 1 if x.dim() == 2 else 0
    return _relaid(x, v, "TBackward1", _d_transpose_back, {"dim0": 0, "dim1": d1})


def transpose_(x, dim0, dim1):
    return _relaid(x, transpose(x.detach(), dim0, dim1), "TransposeBackward1", _d_transpose_back,
                   {"dim0": dim0, "dim1": dim1})


# ---------------------------------------------------------------- in-place twins of the elementwise ops


def _unary_twin(op):
    def fn(input):
        return unary_(op.name, input)
    fn.__name__ = fn.__qualname__ = op.name + "_"
    return fn


def _binary_twin(op):
    name = op.name
    if name in ("add", "sub"):
        def fn(input, other, *, alpha=1):
            return binary_(name, input, other, alpha=alpha)
    elif name == "div":
        def fn(input, other, *, rounding_mode=None):
            if rounding_mode is None:
                return binary_("div", input, other)
            return apply(input, lambda s: E.div(s, other, rounding_mode=rounding_mode), other)
    else:
        def fn(input, other):
            return binary_(name, input, other)
    fn.__name__ = fn.__qualname__ = name + "_"
    return fn


for _op in R.ops(R.UNARY):
    if _op.inplace:
        _op.inplace_fn = _unary_twin(_op)
for _op in R.ops(R.BINARY):
    if _op.inplace:
        _op.inplace_fn = _binary_twin(_op)
R.REGISTRY["clamp"].inplace_fn = clamp_


def round_(input, *, decimals=0):
    if decimals == 0:
        return unary_("round", input)
    return apply(input, lambda s: E.round_decimals(s, decimals=decimals))


R.REGISTRY["round"].inplace_fn = round_
R.REGISTRY["lerp"].inplace_fn = lerp_
R.define_all("inplace", [
    (copy_, "torch::autograd::CopyBackwards", R.SAME),
    (fill_, "FillBackward2", R.SAME),
    (fill_diagonal_, "torch::autograd::CopySlices", R.SAME),
    (zero_, "ZeroBackward0", R.SAME),
    (masked_fill_, "MaskedFillBackward0", R.SAME),
    (index_fill_, "IndexFillBackward0", R.SAME),
    (index_put_, "IndexPutBackward0", R.SAME),
    (scatter_, "ScatterBackward0", R.SAME),
    (scatter_add_, "ScatterAddBackward0", R.SAME),
    (tril_, "TrilBackward0", R.SAME),
    (triu_, "TriuBackward0", R.SAME),
    (cumsum_, "CumsumBackward0", R.SAME),
    (cumprod_, "CumprodBackward0", R.SAME),
    (uniform_, "UniformBackward0", R.SAME),
    (normal_, "NormalBackward0", R.SAME),
    (random_, "RandomBackward2", R.SAME),
    (bernoulli_, "BernoulliBackward2", R.SAME),
    (exponential_, "ExponentialBackward0", R.SAME),
    (squeeze_, "SqueezeBackward3", R.SAME),
    (unsqueeze_, "UnsqueezeBackward1", R.SAME),
    (t_, "TBackward1", R.SAME),
    (transpose_, "TransposeBackward1", R.SAME),
], function=False)
R.define("inplace", resize, name="resize_", node=None, dtype=R.SAME, function=False)
R.REGISTRY["index_put"].inplace = "both"
R.REGISTRY["index_put"].inplace_fn = index_put_
