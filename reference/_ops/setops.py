"""unique and unique_consecutive (no gradient, as in torch): the distinct values are found on the
host, one synchronisation, then returned on the input's device."""
import numpy as np

from .._shape import normalize_dim
from ..autograd.grad_mode import no_grad
from . import registry as R
from .conversion import to
from .creation import tensor


def _host(x):
    with no_grad():
        return to(x.detach(), "cpu").contiguous()._np()


def _out(values, inverse, counts, like, return_inverse, return_counts):
    dev = like._storage.device
    res = (tensor(np.array(values), dtype=like.dtype, device=dev),)
    if return_inverse:
        res += (tensor(np.array(inverse, dtype=np.int64), device=dev),)
    if return_counts:
        res += (tensor(np.array(counts, dtype=np.int64), device=dev),)
    return res[0] if len(res) == 1 else res


def unique(input, sorted=True, return_inverse=False, return_counts=False, dim=None):
    host = _host(input)
    if dim is None:
        values, inverse, counts = np.unique(host.reshape(-1), return_inverse=True, return_counts=True)
        inverse = inverse.reshape(host.shape)
    else:
        d = normalize_dim(dim, input.dim())
        values, inverse, counts = np.unique(host, return_inverse=True, return_counts=True, axis=d)
        inverse = inverse.reshape(-1)
    return _out(values, inverse, counts, input, return_inverse, return_counts)


def unique_consecutive(input, return_inverse=False, return_counts=False, dim=None):
    host = _host(input)
    if dim is None:
        flat = host.reshape(-1)
        starts = np.ones(flat.shape[0], bool)
        starts[1:] = flat[1:] != flat[:-1]
        values = flat[starts]
        inverse_shape = host.shape
    else:
        d = normalize_dim(dim, input.dim())
        moved = np.moveaxis(host, d, 0)
        rows = moved.reshape(moved.shape[0], -1)
        starts = np.ones(rows.shape[0], bool)
        starts[1:] = (rows[1:] != rows[:-1]).any(axis=1)
        values = np.moveaxis(moved[starts], 0, d)
        inverse_shape = (rows.shape[0],)
    inverse = (np.cumsum(starts) - 1).reshape(inverse_shape)
    counts = np.diff(np.append(np.flatnonzero(starts), starts.shape[0]))
    return _out(values, inverse, counts, input, return_inverse, return_counts)


# ---------------------------------------------------------------- registry
R.define_all("setops", [
    (unique, None, R.SAME),
    (unique_consecutive, None, R.SAME),
])
