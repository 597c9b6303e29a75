"""Expected gradients: float64 NumPy closed forms of derivatives, written from calculus and the
PyTorch autograd documentation (https://pytorch.org/docs/stable/notes/autograd.html).

Nothing here imports torch or the reference. Every op is a function of NumPy inputs that returns
`(out, pullback)`, in the style of a vector-Jacobian product: `out` is the forward value (float64,
or the dtype the op returns) and `pullback(g)` maps an upstream gradient `g` of out's shape to a
tuple with one gradient per differentiable input, each of that input's shape and dtype.

Conventions torch documents or exhibits and these forms encode:
- broadcasting: the gradient of a broadcast input is summed back to the input's shape;
- ties: maximum/minimum split the gradient evenly between equal operands; amax/amin and the
  full max()/min() reductions split it evenly among all elements equal to the extreme;
- clamp passes the gradient where min <= x <= max; relu where x > 0; abs is sign(x);
- views, indexing, joining and splitting are linear maps that move elements; their pullback adds
  each upstream element into the input element it came from (`gather`), so repeated indices
  accumulate.
"""
import math

import numpy as np


def f64(x):
    return np.asarray(x, dtype=np.float64)


def unbroadcast(g, shape):
    """Sum g over the dims that broadcasting added or stretched, back to `shape`."""
    g = f64(g)
    extra = g.ndim - len(shape)
    if extra:
        g = g.sum(axis=tuple(range(extra)))
    dims = tuple(i for i, s in enumerate(shape) if s == 1 and g.shape[i] != 1)
    if dims:
        g = g.sum(axis=dims, keepdims=True)
    return g.reshape(shape)


def _axes(dim, ndim):
    """dim (None, int or tuple, negatives allowed) as a sorted tuple of axes."""
    if dim is None:
        return tuple(range(ndim))
    dims = (dim,) if isinstance(dim, int) else tuple(dim)
    return tuple(sorted(d % ndim if ndim else 0 for d in dims))


def _keep(g, x_ndim, dim, keepdim):
    """Re-insert reduced dims into g so it broadcasts against the input."""
    g = f64(g)
    if keepdim:
        return g
    for ax in _axes(dim, x_ndim):
        g = np.expand_dims(g, ax)
    return g


# ---------------------------------------------------------------------------------------------
# unary elementwise: d/dx f(x)

def _unary(fn, deriv):
    def op(x):
        x = f64(x)
        return fn(x), lambda g: (f64(g) * deriv(x),)
    op.__name__ = fn.__name__ if hasattr(fn, "__name__") else "unary"
    return op


def _sigmoid(x):
    return np.where(x >= 0, 1 / (1 + np.exp(-np.abs(x))), np.exp(-np.abs(x)) / (1 + np.exp(-np.abs(x))))


neg = _unary(np.negative, lambda x: -np.ones_like(x))
abs = _unary(np.abs, np.sign)  # noqa: A001 - torch's name
exp = _unary(np.exp, np.exp)
log = _unary(np.log, lambda x: 1 / x)
log1p = _unary(np.log1p, lambda x: 1 / (1 + x))
expm1 = _unary(np.expm1, np.exp)
exp2 = _unary(np.exp2, lambda x: np.exp2(x) * np.log(2.0))
sqrt = _unary(np.sqrt, lambda x: 0.5 / np.sqrt(x))
rsqrt = _unary(lambda x: 1 / np.sqrt(x), lambda x: -0.5 * x ** -1.5)
sin = _unary(np.sin, np.cos)
cos = _unary(np.cos, lambda x: -np.sin(x))
tanh = _unary(np.tanh, lambda x: 1 - np.tanh(x) ** 2)
sigmoid = _unary(_sigmoid, lambda x: _sigmoid(x) * (1 - _sigmoid(x)))
relu = _unary(lambda x: np.maximum(x, 0), lambda x: (x > 0).astype(np.float64))
asinh = _unary(np.arcsinh, lambda x: 1 / np.sqrt(x * x + 1))
square = _unary(np.square, lambda x: 2 * x)


def clamp(x, min=None, max=None):  # noqa: A002 - torch's keyword names
    x = f64(x)
    lo = -np.inf if min is None else min
    hi = np.inf if max is None else max
    inside = (x >= lo) & (x <= hi)
    return np.clip(x, lo, hi), lambda g: (f64(g) * inside,)


def pow_scalar(x, p):
    """x ** p for a Python number p: p * x**(p-1)."""
    x = f64(x)
    return x ** p, lambda g: (f64(g) * p * x ** (p - 1),)


def rpow(c, x):
    """c ** x for a Python number c > 0: c**x * log(c)."""
    x = f64(x)
    y = c ** x
    return y, lambda g: (f64(g) * y * math.log(c),)


def mul_scalar(x, c):
    x = f64(x)
    return x * c, lambda g: (f64(g) * c,)


def div_scalar(x, c):
    x = f64(x)
    return x / c, lambda g: (f64(g) / c,)


def rdiv(c, x):
    """c / x: -c / x**2."""
    x = f64(x)
    return c / x, lambda g: (-f64(g) * c / x ** 2,)


def add_scalar(x, c):
    x = f64(x)
    return x + c, lambda g: (f64(g),)


def rsub(c, x):
    x = f64(x)
    return c - x, lambda g: (-f64(g),)


# ---------------------------------------------------------------------------------------------
# binary elementwise with broadcasting: each gradient summed back to its input's shape

def _binary(fn, da, db):
    def op(a, b):
        a, b = f64(a), f64(b)
        out = fn(a, b)

        def pullback(g):
            g = f64(g)
            return unbroadcast(g * da(a, b), a.shape), unbroadcast(g * db(a, b), b.shape)
        return out, pullback
    return op


add = _binary(np.add, lambda a, b: 1.0, lambda a, b: 1.0)
sub = _binary(np.subtract, lambda a, b: 1.0, lambda a, b: -1.0)
mul = _binary(np.multiply, lambda a, b: b, lambda a, b: a)
div = _binary(np.divide, lambda a, b: 1 / b, lambda a, b: -a / b ** 2)
pow = _binary(np.power, lambda a, b: b * a ** (b - 1), lambda a, b: a ** b * np.log(a))  # noqa: A001  (a > 0)
# Ties split the gradient evenly: each side gets half where a == b.
maximum = _binary(np.maximum, lambda a, b: (a > b) + 0.5 * (a == b), lambda a, b: (b > a) + 0.5 * (a == b))
minimum = _binary(np.minimum, lambda a, b: (a < b) + 0.5 * (a == b), lambda a, b: (b < a) + 0.5 * (a == b))


def add_alpha(a, b, alpha):
    out, pb = add(a, f64(b) * alpha)
    return out, lambda g: (pb(g)[0], unbroadcast(f64(g) * alpha, f64(b).shape))


def where(cond, a, b):
    """torch.where(cond, a, b): the gradient goes to a where cond holds, to b elsewhere."""
    cond, a, b = np.asarray(cond, dtype=bool), f64(a), f64(b)
    out = np.where(cond, a, b)
    return out, lambda g: (unbroadcast(np.where(cond, g, 0.0), a.shape),
                           unbroadcast(np.where(cond, 0.0, g), b.shape))


def to(x, dtype):
    """x.to(dtype): the value rounded to dtype; the gradient is cast back to x's dtype."""
    x = np.asarray(x)
    return x.astype(dtype), lambda g: (np.asarray(g).astype(x.dtype),)


# ---------------------------------------------------------------------------------------------
# reductions

def sum(x, dim=None, keepdim=False):  # noqa: A001
    x = f64(x)
    axes = _axes(dim, x.ndim)
    return x.sum(axis=axes, keepdims=keepdim), \
        lambda g: (np.broadcast_to(_keep(g, x.ndim, dim, keepdim), x.shape).copy(),)


def mean(x, dim=None, keepdim=False):
    x = f64(x)
    axes = _axes(dim, x.ndim)
    n = math.prod(x.shape[a] for a in axes)
    return x.mean(axis=axes, keepdims=keepdim), \
        lambda g: (np.broadcast_to(_keep(g, x.ndim, dim, keepdim) / n, x.shape).copy(),)


def prod(x, dim=None, keepdim=False):
    """For nonzero x: d/dx_i prod = prod / x_i."""
    x = f64(x)
    axes = _axes(dim, x.ndim)
    p = x.prod(axis=axes, keepdims=True)
    out = p if keepdim else p.reshape([s for i, s in enumerate(x.shape) if i not in axes])
    return out, lambda g: (_keep(g, x.ndim, dim, keepdim) * p / x,)


def _extreme(pick):
    def op(x, dim=None, keepdim=False):
        """amax/amin, and the full max()/min(): ties share the gradient evenly."""
        x = f64(x)
        axes = _axes(dim, x.ndim)
        m = pick(x, axis=axes, keepdims=True)
        hit = (x == m).astype(np.float64)
        count = hit.sum(axis=axes, keepdims=True)
        out = m if keepdim else m.reshape([s for i, s in enumerate(x.shape) if i not in axes])
        return out, lambda g: (_keep(g, x.ndim, dim, keepdim) * hit / count,)
    return op


amax = _extreme(np.max)
amin = _extreme(np.min)


def _select(arg):
    def op(x, dim, keepdim=False):
        """max(x, dim).values / min(x, dim).values for distinct values: the gradient goes to the
        one element selected along dim."""
        x = f64(x)
        d = dim % x.ndim
        idx = np.expand_dims(arg(x, axis=d), d)
        vals = np.take_along_axis(x, idx, axis=d)
        out = vals if keepdim else vals.squeeze(d)

        def pullback(g):
            gx = np.zeros_like(x)
            np.put_along_axis(gx, idx, _keep(g, x.ndim, d, keepdim), axis=d)
            return (gx,)
        return out, pullback
    return op


max_dim = _select(np.argmax)
min_dim = _select(np.argmin)


def var(x, dim=None, correction=1, keepdim=False):
    """d/dx_i var = 2 (x_i - mean) / (N - correction)."""
    x = f64(x)
    axes = _axes(dim, x.ndim)
    n = math.prod(x.shape[a] for a in axes)
    c = x - x.mean(axis=axes, keepdims=True)
    v = (c ** 2).sum(axis=axes, keepdims=keepdim) / (n - correction)
    return v, lambda g: (_keep(g, x.ndim, dim, keepdim) * 2 * c / (n - correction),)


def std(x, dim=None, correction=1, keepdim=False):
    """d/dx_i std = (x_i - mean) / ((N - correction) std)."""
    x = f64(x)
    axes = _axes(dim, x.ndim)
    n = math.prod(x.shape[a] for a in axes)
    c = x - x.mean(axis=axes, keepdims=True)
    s = np.sqrt((c ** 2).sum(axis=axes, keepdims=True) / (n - correction))
    out = s if keepdim else s.reshape([k for i, k in enumerate(x.shape) if i not in axes])
    return out, lambda g: (_keep(g, x.ndim, dim, keepdim) * c / ((n - correction) * s),)


def _softmax(x, axis):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def logsumexp(x, dim, keepdim=False):
    """d/dx logsumexp = softmax(x)."""
    x = f64(x)
    axes = _axes(dim, x.ndim)
    m = x.max(axis=axes, keepdims=True)
    lse = m + np.log(np.exp(x - m).sum(axis=axes, keepdims=True))
    out = lse if keepdim else lse.reshape([k for i, k in enumerate(x.shape) if i not in axes])
    return out, lambda g: (_keep(g, x.ndim, dim, keepdim) * np.exp(x - lse),)


def softmax(x, dim):
    """s = softmax(x): the pullback is s * (g - sum(g * s))."""
    x = f64(x)
    d = dim % x.ndim
    s = _softmax(x, d)
    return s, lambda g: (s * (f64(g) - (f64(g) * s).sum(axis=d, keepdims=True)),)


def log_softmax(x, dim):
    """log_softmax: the pullback is g - softmax(x) * sum(g)."""
    x = f64(x)
    d = dim % x.ndim
    s = _softmax(x, d)
    return np.log(s), lambda g: (f64(g) - s * f64(g).sum(axis=d, keepdims=True),)


def cumsum(x, dim):
    """The pullback of a running sum is the running sum from the end."""
    x = f64(x)
    d = dim % x.ndim
    return np.cumsum(x, axis=d), lambda g: (np.flip(np.cumsum(np.flip(f64(g), d), axis=d), d),)


# ---------------------------------------------------------------------------------------------
# linear algebra

def mm(a, b):
    a, b = f64(a), f64(b)
    return a @ b, lambda g: (f64(g) @ b.T, a.T @ f64(g))


def bmm(a, b):
    a, b = f64(a), f64(b)
    tr = (0, 2, 1)
    return a @ b, lambda g: (f64(g) @ b.transpose(tr), a.transpose(tr) @ f64(g))


def mv(a, v):
    a, v = f64(a), f64(v)
    return a @ v, lambda g: (np.outer(g, v), a.T @ f64(g))


def dot(a, b):
    a, b = f64(a), f64(b)
    return np.dot(a, b), lambda g: (f64(g) * b, f64(g) * a)


def outer(a, b):
    a, b = f64(a), f64(b)
    return np.outer(a, b), lambda g: (f64(g) @ b, f64(g).T @ a)


def matmul(a, b):
    """torch.matmul for any ranks >= 1: 1-D operands get a dim prepended (left) or appended
    (right) that is removed from the result; batch dims broadcast and their gradients sum back."""
    a, b = f64(a), f64(b)
    a2 = a[None, :] if a.ndim == 1 else a
    b2 = b[:, None] if b.ndim == 1 else b
    out = a2 @ b2
    if a.ndim == 1:
        out = out.squeeze(-2)
    if b.ndim == 1:
        out = out.squeeze(-1)

    def pullback(g):
        g2 = f64(g)
        if b.ndim == 1:
            g2 = g2[..., None]
        if a.ndim == 1:
            g2 = g2[..., None, :]
        ga = g2 @ np.swapaxes(b2, -1, -2)
        gb = np.swapaxes(a2, -1, -2) @ g2
        ga = unbroadcast(ga, a2.shape).reshape(a.shape)
        gb = unbroadcast(gb, b2.shape).reshape(b.shape)
        return ga, gb
    return out, pullback


# ---------------------------------------------------------------------------------------------
# ops that move elements: views, indexing, joining, splitting

def gather(move, *xs):
    """`move` maps NumPy arrays of the inputs' shapes to one output array (a view, an index, a
    concatenation: anything that only moves, copies or drops elements). The pullback adds each
    upstream element into the input element it came from, so repeated elements accumulate."""
    xs = [np.asarray(x) for x in xs]
    sizes = [x.size for x in xs]
    starts = np.cumsum([0] + sizes)
    labels = [np.arange(starts[i], starts[i + 1]).reshape(x.shape) for i, x in enumerate(xs)]
    where = np.asarray(move(*labels))
    out = np.asarray(move(*[f64(x) for x in xs]))

    def pullback(g):
        flat = np.bincount(where.reshape(-1), weights=f64(g).reshape(-1), minlength=int(starts[-1]))
        return tuple(flat[starts[i]:starts[i + 1]].reshape(x.shape) for i, x in enumerate(xs))
    return out, pullback


def weighted_pieces(split, x):
    """`split` maps an array to a list of pieces (split/chunk/unbind); the output is every piece
    flattened, scaled by 1, 2, 3... and joined: one output in which each piece's own gradient is
    visible. The pullback adds (i + 1) * g into the elements of piece i."""
    x = f64(x)
    labels = np.arange(x.size).reshape(x.shape)
    where = [np.asarray(p).reshape(-1) for p in split(labels)]
    scale = np.concatenate([np.full(p.size, i + 1.0) for i, p in enumerate(where)])
    where = np.concatenate(where).astype(np.int64)
    out = x.reshape(-1)[where] * scale

    def pullback(g):
        return (np.bincount(where, weights=f64(g) * scale, minlength=x.size).reshape(x.shape),)
    return out, pullback


def np_split(x, size_or_sizes, dim):
    """torch.split: pieces of `size` along dim (the last one shorter), or of the listed sizes."""
    n = x.shape[dim]
    if isinstance(size_or_sizes, int):
        cuts = list(range(size_or_sizes, n, size_or_sizes))
    else:
        cuts = list(np.cumsum(size_or_sizes)[:-1])
    return np.split(x, cuts, axis=dim)


def np_chunk(x, chunks, dim):
    """torch.chunk: split into pieces of ceil(n / chunks) (so possibly fewer than `chunks`)."""
    return np_split(x, -(-x.shape[dim] // chunks), dim)


def np_unbind(x, dim):
    return [np.take(x, i, axis=dim) for i in range(x.shape[dim])]


# ---------------------------------------------------------------------------------------------
# second derivatives: d/dx <w, J(x)^T v>, the gradient of a first gradient taken with
# grad_outputs=v and then differentiated with grad_outputs=w

def second_elementwise(d2):
    """For y = f(x) elementwise: the first pullback is v * f'(x), its derivative w * v * f''(x)."""
    def op(x, v, w):
        return f64(w) * f64(v) * d2(f64(x))
    return op


SECOND = {
    "exp": second_elementwise(np.exp),
    "sin": second_elementwise(lambda x: -np.sin(x)),
    "tanh": second_elementwise(lambda x: -2 * np.tanh(x) * (1 - np.tanh(x) ** 2)),
    "sigmoid": second_elementwise(lambda x: _sigmoid(x) * (1 - _sigmoid(x)) * (1 - 2 * _sigmoid(x))),
    "log": second_elementwise(lambda x: -1 / x ** 2),
    "cube": second_elementwise(lambda x: 6 * x),  # x ** 3
}


def second_pow(x, p, v, w):
    """x ** p: p (p - 1) x**(p-2)."""
    return f64(w) * f64(v) * p * (p - 1) * f64(x) ** (p - 2)


def second_softmax(x, dim, v, w):
    """<w, s*(v - <v,s>)> differentiated in x: with d<c,s>/dx = s*(c - <c,s>),
    s*(w v - <w v, s>) - s*(w - <w,s>) <v,s> - <w,s> s*(v - <v,s>)."""
    x, v, w = f64(x), f64(v), f64(w)
    d = dim % x.ndim
    s = _softmax(x, d)

    def dot(c):
        return (c * s).sum(axis=d, keepdims=True)
    return s * (w * v - dot(w * v)) - s * (w - dot(w)) * dot(v) - dot(w) * s * (v - dot(v))


def second_log_softmax(x, dim, v, w):
    """<w, v - s*sum(v)> differentiated in x: -sum(v) * s * (w - <w,s>)."""
    x, v, w = f64(x), f64(v), f64(w)
    d = dim % x.ndim
    s = _softmax(x, d)
    return -v.sum(axis=d, keepdims=True) * s * (w - (w * s).sum(axis=d, keepdims=True))


def second_mm_cross(v, w):
    """For z = a @ b: the gradient of <w, v @ b.T> (the first gradient in a) in b is w.T @ v."""
    return f64(w).T @ f64(v)


def second_mul_cross(v, w):
    """For z = a * b: the gradient of <w, v * b> in b is w * v."""
    return f64(w) * f64(v)
