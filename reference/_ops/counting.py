"""Counting: count_nonzero, bincount and histc (no gradient, as in torch). The counts are taken on
the host, one synchronisation, and returned on the input's device."""
import numpy as np

from .. import _dtype as D
from .._shape import normalize_dims
from ..autograd.grad_mode import no_grad
from . import registry as R
from .conversion import to
from .creation import tensor


def _host(x):
    with no_grad():
        return to(x.detach(), "cpu").contiguous()._np()


def count_nonzero(input, dim=None):
    host = _host(input)
    axis = None if dim is None else normalize_dims(dim if isinstance(dim, (tuple, list)) else (dim,), input.dim())
    return tensor(np.count_nonzero(host, axis=axis), dtype=D.int64, device=input.device)


def bincount(input, weights=None, minlength=0):
    if input.dim() != 1 or input.dtype.is_floating_point or input.dtype is D.bool_:
        raise RuntimeError("bincount only supports 1-d non-negative integral inputs.")
    host = _host(input)
    if host.size and host.min() < 0:
        raise RuntimeError("bincount only supports 1-d non-negative integral inputs.")
    if weights is None:
        return tensor(np.bincount(host, minlength=minlength).astype(np.int64), device=input.device)
    w = _host(weights)
    # float weights keep float32/float64 as torch does (double for any other weight dtype)
    dt = weights.dtype if weights.dtype in (D.float32, D.float64) else D.float64
    return tensor(np.bincount(host, weights=w.astype(np.float64), minlength=minlength), dtype=dt,
                  device=input.device)


def histc(input, bins=100, min=0, max=0):
    """bins equal-width bins over [min, max] (the data's range when both are 0); values outside are
    ignored and the top edge belongs to the last bin."""
    if not input.dtype.is_floating_point:
        raise RuntimeError(f"\"histogram_cpu\" not implemented for '{D.TYPE_NAMES[input.dtype.name]}'")
    host = _host(input).reshape(-1).astype(np.float64)
    lo, hi = float(min), float(max)
    if lo == hi and host.size:
        lo, hi = float(host.min()), float(host.max())
    if lo == hi:
        lo, hi = lo - 1, hi + 1
    if lo > hi:
        raise RuntimeError("torch.histc: max must be larger than min")
    counts, _ = np.histogram(host, bins=bins, range=(lo, hi))
    return tensor(counts.astype(np.float64), dtype=input.dtype, device=input.device)


# ---------------------------------------------------------------- registry
R.define_all("counting", [
    (count_nonzero, None, R.INDEX),
    (bincount, None, R.INDEX),
    (histc, None, R.SAME),
])
