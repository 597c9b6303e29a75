"""Pure functions on shapes and strides, shared by every device (no tensor, no kernel here)."""
from functools import lru_cache


class Size(tuple):
    """torch.Size: a tuple that prints as torch.Size([...])."""

    def __repr__(self):
        return f"torch.Size({list(self)})"

    def numel(self):
        n = 1
        for s in self:
            n *= s
        return n

    def __getitem__(self, item):
        r = tuple.__getitem__(self, item)
        return Size(r) if isinstance(item, slice) else r

    def __add__(self, other):
        return Size(tuple(self) + tuple(other))


def numel(shape):
    n = 1
    for s in shape:
        n *= s
    return n


@lru_cache(maxsize=4096)
def contiguous_strides(shape):
    strides = [1] * len(shape)
    acc = 1
    for i in range(len(shape) - 1, -1, -1):
        strides[i] = acc
        acc *= max(shape[i], 1)
    return tuple(strides)


@lru_cache(maxsize=4096)
def contiguous_layout(shape):
    """(contiguous strides, element count) of a shape, in one cached lookup: what every allocation
    and every flat kernel launch needs."""
    return contiguous_strides(tuple(shape)), numel(shape)


def is_contiguous(shape, strides):
    expected = 1
    for size, stride in zip(reversed(shape), reversed(strides)):
        if size == 0:
            return True
        if size != 1 and stride != expected:
            return False
        expected *= size
    return True


def normalize_dim(dim, ndim):
    """A possibly negative dim into range(ndim); scalars accept -1 and 0 like torch."""
    if not isinstance(dim, int) or isinstance(dim, bool):
        raise TypeError(f"dim must be an int, got {type(dim).__name__}")
    n = max(ndim, 1)
    if not -n <= dim < n:
        raise IndexError(f"Dimension out of range (expected to be in range of [{-n}, {n - 1}], but got {dim})")
    return dim + n if dim < 0 else dim


def normalize_dims(dims, ndim):
    """dim=None, an int or a sequence of ints into a sorted tuple; repeated dims raise like torch."""
    if dims is None:
        return tuple(range(ndim))
    if isinstance(dims, int):
        dims = (dims,)
    out = tuple(normalize_dim(d, ndim) for d in dims)
    if len(set(out)) != len(out):
        raise RuntimeError(f"dim {out} appears multiple times in the list of dims")
    return tuple(sorted(d for d in out if d < ndim)) if ndim else ()


@lru_cache(maxsize=4096)
def broadcast_shapes(*shapes):
    """NumPy/torch broadcasting: align right, missing dims are 1, a 1 stretches to the other size."""
    ndim = max((len(s) for s in shapes), default=0)
    out = [1] * ndim
    for shape in shapes:
        for i, size in enumerate(shape):
            j = ndim - len(shape) + i
            if out[j] == 1:
                out[j] = size
            elif size != 1 and size != out[j]:
                a, b = shapes[0], shapes[1] if len(shapes) > 1 else shape
                raise RuntimeError(
                    f"The size of tensor a ({_size_at(a, j, ndim)}) must match the size of tensor b "
                    f"({_size_at(b, j, ndim)}) at non-singleton dimension {j}: shapes {list(shapes[0])} "
                    f"and {list(shape)} cannot be broadcast together")
    return tuple(out)


def _size_at(shape, j, ndim):
    k = j - (ndim - len(shape))
    return shape[k] if k >= 0 else 1


def broadcast_strides(shape, strides, out_shape):
    """Strides that read `shape` as if expanded to `out_shape` (0 where a dim is stretched)."""
    lead = len(out_shape) - len(shape)
    res = [0] * lead
    for size, stride, osize in zip(shape, strides, out_shape[lead:]):
        res.append(stride if size == osize else 0)
    return tuple(res)


@lru_cache(maxsize=8192)
def collapse(shape, *strides_list):
    """Merge adjacent dims that every operand walks contiguously and drop size-1 dims, so a
    contiguous problem becomes 1-D and kernels need few rank specialisations."""
    dims = [(s, tuple(st[i] for st in strides_list)) for i, s in enumerate(shape) if s != 1]
    if not dims:
        return (1,), tuple((0,) for _ in strides_list)
    merged = [list(dims[0][0:1]) + [list(dims[0][1])]]
    for size, sts in dims[1:]:
        psize, psts = merged[-1]
        if all(p == s * size for p, s in zip(psts, sts)):
            merged[-1] = [psize * size, list(sts)]
        else:
            merged.append([size, list(sts)])
    out_shape = tuple(m[0] for m in merged)
    out_strides = tuple(tuple(m[1][k] for m in merged) for k in range(len(strides_list)))
    return out_shape, out_strides


@lru_cache(maxsize=4096)
def view_strides(shape, strides, new_shape):
    """Strides that let `new_shape` view the same memory as (shape, strides), or None when it
    cannot. Old dims split into chunks that are contiguous with one another; each chunk must be
    covered exactly by a run of new dims, which then walk the chunk with contiguous strides."""
    if numel(shape) == 0:
        return contiguous_strides(tuple(new_shape))
    if not shape:
        shape, strides = (1,), (1,)
    new_strides = [0] * len(new_shape)
    view_d = len(new_shape) - 1
    base = strides[-1]
    chunk_numel = 1
    view_numel = 1
    for d in range(len(shape) - 1, -1, -1):
        chunk_numel *= shape[d]
        ends_here = d == 0 or (shape[d - 1] != 1 and strides[d - 1] != chunk_numel * base)
        if not ends_here:
            continue
        while view_d >= 0 and (view_numel < chunk_numel or new_shape[view_d] == 1):
            new_strides[view_d] = view_numel * base
            view_numel *= new_shape[view_d]
            view_d -= 1
        if view_numel != chunk_numel:
            return None
        if d > 0:
            base = strides[d - 1]
            chunk_numel = 1
            view_numel = 1
    if view_d != -1:
        return None
    return tuple(new_strides)


def infer_size(shape, numel_):
    """Resolve a single -1 in a requested shape, raising like torch on a bad request."""
    shape = list(shape)
    neg = [i for i, s in enumerate(shape) if s == -1]
    if len(neg) > 1:
        raise RuntimeError("only one dimension can be inferred")
    for s in shape:
        if s < -1:
            raise RuntimeError(f"invalid shape dimension {s}")
    known = numel([s for s in shape if s != -1])
    if neg:
        if known == 0 or numel_ % known:
            raise RuntimeError(f"shape '{list(shape)}' is invalid for input of size {numel_}")
        shape[neg[0]] = numel_ // known
    elif known != numel_:
        raise RuntimeError(f"shape '{list(shape)}' is invalid for input of size {numel_}")
    return tuple(shape)
