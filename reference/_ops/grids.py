"""Grids and differences: meshgrid, cartesian_prod, diff (compositions of views, stack and sub, so
their gradients and nodes are those of the ops they are made of, as in torch)."""
from .._shape import normalize_dim
from .._tensor import Tensor
from . import registry as R
from .joining import cat, stack


def _tensor_list(tensors, name):
    if len(tensors) == 1 and isinstance(tensors[0], (list, tuple)):
        tensors = tuple(tensors[0])
    for t in tensors:
        if not isinstance(t, Tensor) or t.dim() > 1:
            raise RuntimeError(f"torch.{name}: Expected 0D or 1D tensor in the tensor list")
    return tensors


def meshgrid(*tensors, indexing=None):
    """Coordinate grids: output i varies along dim i ('ij', the default) or, with 'xy', the first two
    inputs swap roles (x along columns, y along rows)."""
    tensors = _tensor_list(tensors, "meshgrid")
    if indexing not in (None, "ij", "xy"):
        raise RuntimeError(f"torch.meshgrid: indexing must be one of \"xy\" or \"ij\", but received: {indexing}")
    sizes = [t.numel() for t in tensors]
    swap = indexing == "xy" and len(tensors) >= 2
    if swap:
        sizes[0], sizes[1] = sizes[1], sizes[0]
    out = []
    for i, t in enumerate(tensors):
        d = {0: 1, 1: 0}.get(i, i) if swap else i
        shape = [1] * len(tensors)
        shape[d] = -1
        out.append(t.reshape(shape).expand(sizes))
    return tuple(out)


def cartesian_prod(*tensors):
    tensors = _tensor_list(tensors, "cartesian_prod")
    if len(tensors) == 1:
        return tensors[0]
    return stack([g.reshape(-1) for g in meshgrid(*tensors, indexing="ij")], 1)


def diff(input, n=1, dim=-1, prepend=None, append=None):
    """The n-th forward difference along dim (after prepend/append are joined to the input)."""
    d = normalize_dim(dim, input.dim())
    x = input
    if prepend is not None or append is not None:
        x = cat([p for p in (prepend, input, append) if p is not None], d)
    for _ in range(n):
        k = x.shape[d]
        if k:
            after, before = x.narrow(d, 1, k - 1), x.narrow(d, 0, k - 1)
            # bool differences are "changed or not", as torch's logical_xor
            x = after.logical_xor(before) if x.dtype.name == "bool" else after - before
    return x


# ---------------------------------------------------------------- registry
R.define_all("grids", [
    (meshgrid, "ExpandBackward0", R.SAME),
    (cartesian_prod, "StackBackward0", R.SAME),
    (diff, "SubBackward0", R.SAME),
], method=False)
R.REGISTRY["diff"].method = True
