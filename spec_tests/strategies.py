"""Hypothesis strategies: shapes, broadcastable shapes, dtypes, arrays with domains, indices.

Arrays are NumPy arrays; the check helpers turn them into tensors of the namespace under test.
Every strategy keeps sizes small (the ci profile runs each test 10-20 times) and values in a range
where the float64 oracle and a float16/float32 implementation agree to a known tolerance.
"""
import functools
import math

import numpy as np
from hypothesis import strategies as st

from . import oracle

FLOATS = oracle.FLOATS
INTS = oracle.INTS
SIGNED_INTS = ("int8", "int16", "int32", "int64")
NUMERIC = INTS + FLOATS
ALL = oracle.DTYPES
MAX_SIZE = 64

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


@st.composite
def arrays(draw, dtype, shape=None, **domain):
    """A NumPy array of `dtype` and `shape` (drawn when None) with values from elements(**domain).

    Elements are drawn independently; an array of two or more elements that are all zero is
    rejected, so no test passes on zeros alone.
    """
    if isinstance(dtype, st.SearchStrategy):
        dtype = draw(dtype)
    if shape is None:
        shape = draw(shapes())
    elif isinstance(shape, st.SearchStrategy):
        shape = draw(shape)
    name = oracle.dtype_name(dtype)
    n = math.prod(shape)
    values = draw(_fixed_lists(elements(name, **domain), n))
    arr = np.array(values, dtype=name).reshape(shape)
    if n >= 2 and not arr.any() and name != "bool":
        # Resample one element away from zero rather than filtering (filters slow hypothesis down).
        nonzero = elements(name, **{**domain, "avoid": max(domain.get("avoid") or 0, 1)}) \
            if name in INTS or name in FLOATS else st.just(True)
        flat = arr.reshape(-1)
        flat[draw(st.integers(0, n - 1))] = draw(nonzero)
    return arr


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
