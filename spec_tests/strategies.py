"""Hypothesis strategies: shapes, broadcastable shapes, dtypes, arrays with domains, indices.

Arrays are NumPy arrays; the check helpers turn them into tensors of the namespace under test.
Every strategy keeps sizes small (the ci profile runs each test 10-20 times) and values in a range
where the float64 oracle and a float16/float32 implementation agree to a known tolerance.
"""
import functools
import math

import numpy as np
from hypothesis import strategies as st

from . import layouts as L
from . import oracle

FLOATS = oracle.FLOATS
INTS = oracle.INTS
SIGNED_INTS = ("int8", "int16", "int32", "int64")
NUMERIC = INTS + FLOATS
ALL = oracle.DTYPES
MAX_SIZE = 64
# Layouts an operand may take (see layouts.py); WRITABLE ones can be the target of an in-place op.
LAYOUTS, WRITABLE, CONTIGUOUS = L.ALL, L.WRITABLE, L.CONTIGUOUS

# Values stay within +-BOUND so that sums of up to MAX_SIZE elements fit float16 (max 65504)
# and products of two elements fit int16.
BOUND = 100


def dtypes(names=ALL):
    return st.sampled_from(tuple(names))


@functools.lru_cache(maxsize=None)
def shapes(min_dims=0, max_dims=4, min_side=1, max_side=5, max_size=MAX_SIZE):
    """Shapes whose total size is at most max_size."""
    def small(shape):
        return math.prod(shape) <= max_size
    return st.lists(st.integers(min_side, max_side), min_size=min_dims, max_size=max_dims) \
        .map(tuple).filter(small)


@st.composite
def broadcastable_shapes(draw, n=2, min_dims=0, max_dims=4, max_side=4, max_size=MAX_SIZE):
    """n shapes that broadcast together: each drops some leading dims of a common result shape
    and turns some of the rest into 1."""
    result = draw(shapes(min_dims, max_dims, 1, max_side, max_size))
    out = []
    for _ in range(n):
        ndim = draw(st.integers(0, len(result))) if min_dims == 0 else \
            draw(st.integers(min(min_dims, len(result)), len(result)))
        tail = result[len(result) - ndim:]
        ones = draw(st.lists(st.booleans(), min_size=ndim, max_size=ndim))
        out.append(tuple(1 if one else size for size, one in zip(tail, ones)))
    return tuple(out)


@st.composite
def incompatible_shapes(draw, max_dims=3, max_side=5):
    """Two shapes that do not broadcast: one aligned dim differs and neither side is 1."""
    a = list(draw(shapes(1, max_dims, 1, max_side)))
    b = list(a[len(a) - draw(st.integers(1, len(a))):])
    i = draw(st.integers(1, len(b)))
    size = a[-i]
    other = draw(st.integers(2, max_side + 2).filter(lambda s: s != size))
    a[-i] = max(a[-i], 2) if a[-i] == 1 else a[-i]
    if other == a[-i]:
        other += 1
    b[-i] = other
    return tuple(a), tuple(b)


def _dtype_bounds(dtype, lo, hi):
    name = oracle.dtype_name(dtype)
    if name in INTS:
        info = np.iinfo(name)
        lo = max(int(math.ceil(lo)), int(info.min))
        hi = min(int(math.floor(hi)), int(info.max))
    return lo, hi


def _inward(lo, hi, name):
    """Bounds rounded inward to values the float dtype represents exactly (hypothesis requires it)."""
    t = np.dtype(name).type
    a, b = t(lo), t(hi)
    if a < lo:
        a = np.nextafter(a, t(np.inf))
    if b > hi:
        b = np.nextafter(b, t(-np.inf))
    return float(a), float(b)


def _divider(scale):
    def divide(v):
        return v / scale
    return divide


@functools.lru_cache(maxsize=None)
def elements(dtype, lo=-BOUND, hi=BOUND, avoid=None, integral=False, quarters=False):
    """Scalar values for `dtype` in [lo, hi].

    avoid: a float m > 0 excludes the open interval (-m, m) (zero for division, tiny values that
    would overflow a reciprocal); integral: whole numbers only; quarters: multiples of 0.25,
    exact in every float dtype, for ops whose result jumps at integers (floor division, %).
    """
    name = oracle.dtype_name(dtype)
    if name == "bool":
        return st.booleans()
    lo, hi = _dtype_bounds(name, lo, hi)
    if name in INTS or integral or quarters:
        scale = 4 if quarters and name in FLOATS else 1
        a, b = int(math.ceil(lo * scale)), int(math.floor(hi * scale))
        ints = st.integers(a, b)
        if avoid:
            m = int(math.ceil(avoid * scale))
            ints = st.one_of(*([st.integers(max(a, m), b)] if b >= m else []) +
                             ([st.integers(a, min(b, -m))] if a <= -m else []))
        if name in INTS:
            return ints
        return ints.map(_divider(scale))
    width = {"float16": 16, "float32": 32, "float64": 64}[name]
    lo, hi = _inward(lo, hi, name)

    def floats(a, b):
        return st.floats(a, b, width=width, allow_nan=False, allow_infinity=False, allow_subnormal=False)
    if avoid:
        parts = []
        m = _inward(avoid, avoid * 2, name)[0]
        if hi >= m:
            parts.append(floats(max(lo, m), hi))
        if lo <= -m:
            parts.append(floats(lo, min(hi, -m)))
        return st.one_of(*parts)
    return floats(lo, hi)


@functools.lru_cache(maxsize=None)
def _fixed_lists(strategy, n):
    return st.lists(strategy, min_size=n, max_size=n)


def _nonzero_elements(name, domain):
    if name in INTS or name in FLOATS:
        return elements(name, **{**domain, "avoid": max(domain.get("avoid") or 0, 1)})
    return st.just(True)


def _values(draw, name, shape, domain, logical_size):
    """Values of `shape`, never all zero when the operand they fill has two or more elements."""
    n = math.prod(shape)
    values = draw(_fixed_lists(elements(name, **domain), n))
    arr = np.array(values, dtype=name).reshape(shape)
    if logical_size >= 2 and n and not arr.any() and name != "bool":
        # Resample one element away from zero rather than filtering (filters slow hypothesis down).
        arr.reshape(-1)[draw(st.integers(0, n - 1))] = draw(_nonzero_elements(name, domain))
    return arr


# Contiguous twice: it stays the commonest layout and the one hypothesis shrinks to.
_LAYOUT_ORDER = ("contiguous", "transposed", "stepped", "offset", "expanded", "contiguous")


def _layout_kind(draw, layouts, shape):
    kinds = [k for k in _LAYOUT_ORDER if k in layouts and L.possible(k, shape)]
    return kinds[0] if len(kinds) == 1 else draw(st.sampled_from(kinds), label="layout")


def _stretched(draw, shape):
    """The base shape of an expanded operand: some dims of size > 1 become 1 (at least one), and
    stretched leading dims may be missing altogether."""
    big = [d for d, s in enumerate(shape) if s > 1]
    chosen = set(draw(st.lists(st.sampled_from(big), min_size=1, max_size=len(big), unique=True)))
    base = [1 if d in chosen else s for d, s in enumerate(shape)]
    lead = 0
    while lead < len(base) and lead in chosen:
        lead += 1
    return tuple(base[draw(st.integers(0, lead)):])


@st.composite
def arrays(draw, dtype, shape=None, layouts=L.ALL, empty=False, **domain):
    """A NumPy array of `dtype` and `shape` (drawn when None) with values from elements(**domain),
    laid out as one of `layouts` (see layouts.py: contiguous, transposed, stepped, offset,
    expanded) when its tensor is built.

    Elements are drawn independently; an array of two or more elements that are all zero is
    rejected, so no test passes on zeros alone. empty=True lets a drawn shape have a size-0 dim.
    """
    if isinstance(dtype, st.SearchStrategy):
        dtype = draw(dtype)
    if shape is None:
        shape = draw(shapes())
        if empty and draw(st.integers(0, 4), label="empty?") == 0:
            shape = tuple(shape) or (1,)
            d = draw(st.integers(0, len(shape) - 1))
            shape = shape[:d] + (0,) + shape[d + 1:]
    elif isinstance(shape, st.SearchStrategy):
        shape = draw(shape)
    shape = tuple(shape)
    name = oracle.dtype_name(dtype)
    n = math.prod(shape)
    kind = _layout_kind(draw, layouts, shape)
    if kind == "expanded":
        base = _values(draw, name, _stretched(draw, shape), domain, n)
        return L.attach(np.broadcast_to(base, shape).copy(), L.expanded(base, shape))
    arr = _values(draw, name, shape, domain, n)
    if kind == "transposed":
        layout = L.transposed(arr)
    elif kind == "stepped":
        layout = L.stepped(arr, draw(st.integers(0, arr.ndim - 1)))
    elif kind == "offset":
        layout = L.offset(arr, draw(st.integers(1, 3)))
    else:
        layout = L.contiguous(arr)
    return L.attach(arr, layout)


# Inputs with at least this many elements take the kernels' parallel and large-input paths.
LARGE = 1 << 18


def _rng_source(seed, name, shape, lo, hi):
    rng = f"np.random.default_rng({seed})"
    if name == "bool":
        return f"{rng}.integers(0, 2, {shape!r}).astype(np.bool_)"
    if name in INTS:
        return f"{rng}.integers({int(lo)}, {int(hi) + 1}, {shape!r}, dtype=np.{name})"
    return f"{rng}.uniform({float(lo)!r}, {float(hi)!r}, {shape!r}).astype(np.{name})"


def _large_plan(draw, kind, shape):
    """(storage shape, view steps) of a large operand: the storage is drawn whole, then viewed."""
    if kind == "transposed":
        return shape[:-2] + (shape[-1], shape[-2]), [("transpose", (-1, -2))]
    if kind == "stepped":
        return shape[:-1] + (2 * shape[-1],), [("getitem", (Ellipsis, slice(None, None, 2)))]
    if kind == "offset":
        skip = draw(st.integers(1, 3))
        return (math.prod(shape) + skip,), [("getitem", (slice(skip, None),)), ("reshape", (shape,))]
    if kind == "expanded":
        d = next(d for d, s in enumerate(shape) if s > 1)
        return shape[:d] + (1,) + shape[d + 1:], [("expand", shape)]
    return shape, []


@st.composite
def large_arrays(draw, dtype, shape, lo=-BOUND, hi=BOUND, layouts=L.ALL):
    """An array of `shape` (typically LARGE elements or more) whose values come from a seeded NumPy
    generator, uniform in [lo, hi]; its reproduction prints the generator call, not the values."""
    if isinstance(dtype, st.SearchStrategy):
        dtype = draw(dtype)
    if isinstance(shape, st.SearchStrategy):
        shape = draw(shape)
    shape = tuple(shape)
    name = oracle.dtype_name(dtype)
    kind = _layout_kind(draw, layouts, shape)
    storage_shape, steps = _large_plan(draw, kind, shape)
    seed = draw(st.integers(0, 2 ** 32 - 1), label="seed")
    recipe = _rng_source(seed, name, storage_shape, lo, hi)
    storage = eval(recipe, {"np": np})  # the recipe is the single source of the values
    layout = L.Layout(kind, storage, steps, recipe=recipe)
    return L.attach(np.array(L.apply_numpy(storage, steps)), layout)


def scalars(kind, lo=-BOUND, hi=BOUND, avoid=None, quarters=False):
    """Python scalars: kind is 'bool', 'int' or 'float' (a Python float has float64 precision)."""
    if kind == "bool":
        return st.booleans()
    if kind == "int":
        return elements("int64", lo, hi, avoid=avoid)
    return elements("float64", lo, hi, avoid=avoid, quarters=quarters)


@st.composite
def dims(draw, ndim, allow_negative=True):
    """One valid dim for a tensor of `ndim` dims (ndim >= 1)."""
    d = draw(st.integers(0, ndim - 1))
    if allow_negative and draw(st.booleans()):
        d -= ndim
    return d


@st.composite
def dim_tuples(draw, ndim):
    """A non-empty tuple of distinct valid dims, possibly negative."""
    chosen = draw(st.lists(st.integers(0, ndim - 1), min_size=1, max_size=ndim, unique=True))
    return tuple(d - ndim if draw(st.booleans()) else d for d in chosen)


@st.composite
def basic_indices(draw, shape, allow_none=True, allow_ellipsis=True):
    """An index expression of ints, slices (positive steps), None and at most one Ellipsis,
    valid for `shape` (NumPy's basic indexing rules, which torch shares for these forms)."""
    parts = []
    ndim = len(shape)
    consumed = draw(st.integers(0, ndim))
    for size in shape[:consumed]:
        kind = draw(st.sampled_from(("int", "slice", "slice")))
        if kind == "int":
            parts.append(draw(st.integers(-size, size - 1)))
        else:
            start = draw(st.one_of(st.none(), st.integers(-size - 1, size + 1)))
            stop = draw(st.one_of(st.none(), st.integers(-size - 1, size + 1)))
            step = draw(st.one_of(st.none(), st.integers(1, 3)))
            parts.append(slice(start, stop, step))
    if allow_ellipsis and consumed < ndim and draw(st.booleans()):
        parts.append(Ellipsis)
    if allow_none:
        for _ in range(draw(st.integers(0, 2))):
            parts.insert(draw(st.integers(0, len(parts))), None)
    return tuple(parts)


@st.composite
def integer_index_arrays(draw, size, max_len=6):
    """An int64 index array into a dim of `size`, negatives included."""
    n = draw(st.integers(1, max_len))
    return np.array(draw(st.lists(st.integers(-size, size - 1), min_size=n, max_size=n)), dtype=np.int64)
