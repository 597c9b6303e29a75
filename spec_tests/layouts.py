"""Memory layouts of test operands: the same logical values, held contiguously or as a view.

Kernels take different paths for a contiguous operand, a transposed one, a stepped slice, an
expanded (stride-0) one and a view that starts inside a larger storage, so every operand strategy
draws its layout too. A layout is a flat *storage* array plus the view *steps* that turn a tensor
of it into the operand: applied to the NumPy storage they give the logical values the oracle sees,
applied to a tensor of the namespace under test they give the operand, and rendered as source they
give the reproduction program. The three uses read one list, so they cannot disagree.

Storage elements that the view skips hold a *poison* value (NaN, or the dtype's largest integer),
so a kernel that reads past its strides produces a visibly wrong result.
"""
import math

import numpy as np

CONTIGUOUS = ("contiguous",)
# Layouts that leave every element its own memory: in-place writes to the operand are allowed.
WRITABLE = ("contiguous", "transposed", "stepped", "offset")
ALL = WRITABLE + ("expanded",)


class Laid(np.ndarray):
    """A NumPy array (the logical values) that remembers the layout its tensor is built in.

    Arrays derived from it (slices, arithmetic, astype) are plain values: only the array a
    strategy returned carries a layout.
    """

    def __array_finalize__(self, obj):
        self.layout = None

    def __reduce__(self):
        return np.asarray(self).__reduce__()

    def __repr__(self):
        text = repr(np.asarray(self))
        return text if self.layout is None else f"{text} laid out {self.layout.kind}"


class Layout:
    """storage: contiguous NumPy array; steps: ((method, args), ...) taking it to the operand;
    recipe: source that rebuilds the storage when its literal would be too long to print."""

    __slots__ = ("kind", "storage", "steps", "recipe")

    def __init__(self, kind, storage, steps=(), recipe=None):
        self.kind, self.storage, self.steps, self.recipe = kind, storage, tuple(steps), recipe

    def __repr__(self):
        return f"Layout({self.kind}, {view_source(self.steps)!r})"


def layout_of(value):
    return getattr(value, "layout", None) if isinstance(value, np.ndarray) else None


def attach(logical, layout):
    out = np.asarray(logical).view(Laid)
    out.layout = layout
    return out


# ---------------------------------------------------------------------------------------------
# the view steps, three ways

def apply_numpy(storage, steps):
    x = storage
    for method, args in steps:
        if method == "transpose":
            x = np.swapaxes(x, *args)
        elif method == "getitem":
            x = x[args]
        elif method == "expand":
            x = np.broadcast_to(x, args)
        elif method == "reshape":
            x = x.reshape(*args)
        else:
            raise ValueError(method)
    return x


def apply_tensor(t, steps):
    for method, args in steps:
        if method == "getitem":
            t = t[args]
        else:
            t = getattr(t, method)(*args)
    return t


def _slice_source(s):
    if not isinstance(s, slice):
        return "..." if s is Ellipsis else repr(s)
    text = ("" if s.start is None else str(s.start)) + ":" + ("" if s.stop is None else str(s.stop))
    return text + ("" if s.step is None else f":{s.step}")


def _arg_source(a):
    return repr(tuple(int(v) for v in a)) if isinstance(a, tuple) else str(int(a))


def view_source(steps):
    out = []
    for method, args in steps:
        if method == "getitem":
            items = args if isinstance(args, tuple) else (args,)
            out.append("[" + ", ".join(_slice_source(s) for s in items) + "]")
        else:
            out.append(f".{method}({', '.join(_arg_source(a) for a in args)})")
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# building layouts around values

def poison(dtype):
    dtype = np.dtype(dtype)
    if dtype.kind == "f":
        return np.nan
    if dtype.kind == "b":
        return True
    return np.iinfo(dtype).max


def possible(kind, shape):
    """Whether `kind` can hold a logical array of `shape` as a real view (not a copy)."""
    n = math.prod(shape)
    if kind == "contiguous":
        return True
    if n == 0:
        return False
    if kind == "transposed":
        return len(shape) >= 2 and shape[-1] > 1 and shape[-2] > 1
    if kind == "stepped":
        return len(shape) >= 1
    if kind == "expanded":
        return any(s > 1 for s in shape)
    return kind == "offset"


def transposed(values):
    """values held with their last two dims swapped in memory."""
    storage = np.swapaxes(values, -1, -2).copy()
    return Layout("transposed", storage, [("transpose", (-1, -2))])


def stepped(values, dim, step=2):
    """Every `step`-th element along `dim` of a storage `step` times longer there."""
    shape = list(values.shape)
    shape[dim] *= step
    storage = np.full(shape, poison(values.dtype), values.dtype)
    index = (slice(None),) * dim + (slice(None, None, step),)
    storage[index] = values
    steps = [("getitem", (Ellipsis, slice(None, None, step)) if dim == values.ndim - 1 else index)]
    return Layout("stepped", storage, steps)


def offset(values, skip):
    """values after `skip` poisoned elements of a flat storage, viewed in their shape."""
    flat = np.concatenate([np.full(skip, poison(values.dtype), values.dtype), values.reshape(-1)])
    return Layout("offset", flat, [("getitem", (slice(skip, None),)), ("reshape", (tuple(values.shape),))])


def expanded(base, shape):
    """A base whose size-1 dims (and missing leading dims) stretch to `shape` with stride 0."""
    return Layout("expanded", np.array(base), [("expand", tuple(shape))])


def contiguous(values):
    return Layout("contiguous", np.array(values))


def _same(a, b):
    a, b = np.asarray(a), np.asarray(b)
    if a.shape != b.shape or a.dtype != b.dtype:
        return False
    return bool(np.array_equal(a, b, equal_nan=a.dtype.kind == "f"))


def resolve(values):
    """The layout to build `values` in now. A test may change a drawn array after drawing it
    (plant zeros, say); the drawn layout then no longer holds those values, and the same kind of
    layout is rebuilt around the current ones (contiguous when an expanded one cannot hold them)."""
    layout = layout_of(values)
    if layout is None or _same(apply_numpy(layout.storage, layout.steps), values):
        return layout
    values = np.asarray(values)
    if layout.kind == "transposed" and possible("transposed", values.shape):
        return transposed(values)
    if layout.kind == "stepped" and possible("stepped", values.shape):
        return stepped(values, values.ndim - 1)
    if layout.kind == "offset":
        return offset(values, 1)
    return contiguous(values)


def build_source(layout, storage_source):
    """Source of the operand: the storage's source followed by the view steps."""
    return storage_source + view_source(layout.steps)
