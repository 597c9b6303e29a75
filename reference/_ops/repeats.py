"""repeat_interleave: each slice along a dim repeated in place. Python-int repeats are a view plus
one copy (expand, then merge the dims); tensor repeats are read on the host (one synchronisation) and
become an index_select, whose node and gradient torch's result also carries."""
import numpy as np

from .. import _dtype as D
from .._shape import normalize_dim
from .._tensor import Tensor
from ..autograd.grad_mode import no_grad
from . import registry as R
from ._grad_utils import renamed
from .creation import tensor
from .indexing import index_select


def _repeat_counts(repeats, n):
    """repeat_interleave's repeats as host int64 counts, one per slice along the dim (n of them)."""
    if isinstance(repeats, Tensor):
        if repeats.dim() > 1:
            raise RuntimeError("repeats must be 0-dim or 1-dim tensor")
        if repeats.dtype.is_floating_point or repeats.dtype is D.bool_:
            raise NotImplementedError(f"\"repeat_interleave_cpu\" not implemented for "
                                      f"'{D.TYPE_NAMES[repeats.dtype.name]}'")
        with no_grad():
            counts = repeats.detach().to("cpu").contiguous()._np().reshape(-1).astype(np.int64)
        if counts.size == 1:
            counts = np.repeat(counts, n)
        if counts.size != n:
            raise RuntimeError(f"repeats must have the same size as input along dim, but got repeats.size(0) = "
                               f"{counts.size} and input.size(0) = {n}")
        if (counts < 0).any():
            raise RuntimeError("repeats can not be negative")
        return counts
    if not isinstance(repeats, int) or isinstance(repeats, bool):
        raise TypeError(f"repeat_interleave(): argument 'repeats' must be Tensor or int, not {type(repeats).__name__}")
    if repeats < 0:
        raise RuntimeError("Repeats must be non-negative")
    return np.full(n, repeats, np.int64)


def _check_output_size(output_size, total, by_tensor):
    if output_size is not None and output_size != total:
        raise RuntimeError("allocated size does not match required size" if by_tensor else
                           f"repeat_interleave: Invalid output_size, expected {total} but got {output_size}")


def repeat_interleave(input, repeats=None, dim=None, *, output_size=None):
    """Each slice along dim repeated in place (dim=None: of the flattened input). The one-argument
    form repeat_interleave(repeats) gives each position i repeated repeats[i] times."""
    if repeats is None:
        if input.dim() != 1:
            raise RuntimeError("repeat_interleave only accept 1D vector as repeat")
        counts = _repeat_counts(input, input.shape[0])
        _check_output_size(output_size, int(counts.sum()), True)
        positions = np.repeat(np.arange(counts.size), counts)
        return _positions(positions, input)
    x = input.reshape(-1) if dim is None else input
    d = 0 if dim is None else normalize_dim(dim, input.dim())
    n = x.shape[d] if x.dim() else 1
    if isinstance(repeats, Tensor):
        counts = _repeat_counts(repeats, n)
        _check_output_size(output_size, int(counts.sum()), True)
        index = _positions(np.repeat(np.arange(n), counts), x, D.int64)
        return index_select(x, d, index)
    counts = _repeat_counts(repeats, n)
    _check_output_size(output_size, n * repeats, False)
    # a repeated copy along a new dim after d, merged into d (torch's ViewBackward0)
    shape = list(x.shape)
    grown = x.unsqueeze(d + 1).expand(shape[:d + 1] + [repeats] + shape[d + 1:])
    return renamed(grown.reshape(shape[:d] + [n * repeats] + shape[d + 1:]), "ViewBackward0")


def _positions(host, like, dtype=None):
    dt = like.dtype if dtype is None else dtype
    return tensor(host.astype(dt.np), dtype=dt, device=like._storage.device)


# ---------------------------------------------------------------- registry
R.define("repeats", repeat_interleave, node="ViewBackward0", dtype=R.SAME)
