"""Statistics of samples: cov, corrcoef, quantile and nanquantile.

cov and corrcoef are compositions of differentiable ops (their gradients are those ops'); quantile
sorts (SortBackward0 carries the gradient back to the input), reads the ranks' neighbours with
gather and interpolates with lerp. The ranks are computed on the host in the input's dtype, as torch
computes them, so the same q picks the same neighbours.
"""
import warnings

import numpy as np

from .. import _dtype as D
from .._shape import normalize_dim
from .._tensor import Tensor
from ..autograd.grad_mode import no_grad
from . import registry as R
from ._grad_utils import renamed
from .conversion import to
from .creation import tensor
from .elementwise import lerp
from .indexing import gather
from .linalg import mm
from .sorting import sort

# ---------------------------------------------------------------- cov, corrcoef


def _check_weights(w, name, n, floating):
    if w.dim() > 1:
        raise RuntimeError(f"cov(): expected {name} to have one or fewer dimensions but got {name} with "
                           f"{w.dim()} dimensions")
    if w.numel() != n:
        raise RuntimeError(f"cov(): expected {name} to have the same numel as there are observations in the input "
                           f"but got {w.numel()} != {n}")
    if floating and not w.dtype.is_floating_point:
        raise RuntimeError(f"cov(): expected {name} to have floating point dtype but got {name} with "
                           f"{D.TYPE_NAMES[w.dtype.name]} dtype")
    if not floating and (w.dtype.is_floating_point or w.dtype is D.bool_):
        raise RuntimeError(f"cov(): expected {name} to have integral dtype but got {name} with "
                           f"{D.TYPE_NAMES[w.dtype.name]} dtype")
    with no_grad():
        if bool((w < 0).any()):
            raise RuntimeError(f"cov(): {name} cannot be negative")


def _warn_dof():
    warnings.warn("cov(): degrees of freedom is <= 0. Correction should be strictly less than the number of "
                  "observations.", UserWarning, stacklevel=3)


def cov(input, *, correction=1, fweights=None, aweights=None):
    """Rows are variables, columns observations; fweights count observations, aweights weigh them."""
    if input.dim() > 2:
        raise RuntimeError(f"cov(): expected input to have two or fewer dimensions but got an input with "
                           f"{input.dim()} dimensions")
    x = input.reshape(1, -1) if input.dim() < 2 else input
    if not x.dtype.is_floating_point:
        x = x.to(D.get_default_dtype())
    n = x.shape[1]
    w = None
    if fweights is not None:
        _check_weights(fweights, "fweights", n, False)
        w = fweights
    if aweights is not None:
        _check_weights(aweights, "aweights", n, True)
        w = aweights if w is None else w * aweights
    if w is None:
        avg = x.mean(1, keepdim=True)
        norm = n - correction if correction else n
        if norm <= 0:
            _warn_dof()
            norm = 0
        centred = x - avg
        c = mm(centred, centred.t()) / norm
    else:
        w_sum = w.sum()
        avg = (x * w).sum(1, keepdim=True) / w_sum
        if not correction:
            norm = w_sum
        elif aweights is None:
            norm = w_sum - correction
        else:
            norm = w_sum - correction * (w * aweights).sum() / w_sum
        with no_grad():
            if bool(norm <= 0):
                _warn_dof()
        norm = norm.clamp_min(0)
        centred = x - avg
        c = mm(centred * w, centred.t()) / norm
    # torch squeezes the (1, 1) result of a single variable to a 0-dim tensor: SqueezeBackward0
    return renamed(c.squeeze(), "SqueezeBackward0")


def corrcoef(input):
    """Pearson correlation coefficients: cov normalised by the standard deviations, clamped to [-1, 1]."""
    c = cov(input)
    if c.dim() == 0:
        return c / c
    std = c.diagonal().sqrt()
    c = c / std.unsqueeze(1)
    c = c / std.unsqueeze(0)
    return c.clamp(-1, 1)


# ---------------------------------------------------------------- quantile

INTERPOLATIONS = ("linear", "lower", "higher", "midpoint", "nearest")


def _q_values(q, dtype):
    """(host array of q in the input's dtype, whether q was a scalar)."""
    if isinstance(q, Tensor):
        if q.dim() > 1:
            raise RuntimeError("quantile() q must be a scalar or 1D tensor")
        if q.dtype is not dtype:
            raise RuntimeError("quantile() q tensor must be same dtype as the input tensor")
        with no_grad():
            values = to(q.detach(), "cpu").contiguous()._np().reshape(-1)
        if ((values < 0) | (values > 1)).any():
            raise RuntimeError("quantile() q values must be in the range [0, 1]")
        return values.astype(dtype.np), q.dim() == 0
    if not 0 <= q <= 1:
        raise RuntimeError(f"quantile() q must be in the range [0, 1] but got {q}")
    return np.array([q], dtype.np), True


def _positions(ranks, interpolation):
    """(lower index, upper index, weight) of each rank, in the ranks' dtype as torch computes them."""
    below, above = np.floor(ranks), np.ceil(ranks)
    if interpolation == "lower":
        above = below
    elif interpolation == "higher":
        below = above
    elif interpolation == "nearest":
        below = above = np.rint(ranks)  # halves to even
    weight = {"linear": ranks - below, "midpoint": np.full_like(ranks, 0.5)}.get(interpolation,
                                                                                np.zeros_like(ranks))
    return below, above, weight


def _quantile(input, q, dim, keepdim, interpolation, name, ignore_nan):
    if not isinstance(input, Tensor):
        raise TypeError(f"{name}(): argument 'input' (position 1) must be Tensor, not {type(input).__name__}")
    if input.dtype not in (D.float32, D.float64):
        raise RuntimeError(f"{name}() input tensor must be either float or double dtype")
    qs, scalar_q = _q_values(q, input.dtype)
    if input.numel() == 0:
        raise RuntimeError(f"{name}() input tensor must be non-empty")
    if interpolation not in INTERPOLATIONS:
        raise RuntimeError(f"{name}() interpolation must be one of linear, lower, higher, midpoint or nearest, "
                           f"but got {interpolation}")
    if dim is None:
        x, d = input.reshape(-1), 0
    else:
        d = normalize_dim(dim, input.dim()) if input.dim() else 0
        x = input.reshape(1) if input.dim() == 0 else input
    rows = sort(x.movedim(d, -1), -1).values  # NaN sorts last
    n = rows.shape[-1]
    with no_grad():
        host = to(rows.detach(), "cpu").contiguous()._np()
    nan = np.isnan(host)
    count = (n - nan.sum(-1)) if ignore_nan else np.full(host.shape[:-1], n)
    # ranks per (row, q), in the input's dtype
    ranks = qs * (count[..., None] - 1).astype(qs.dtype)
    below, above, weight = _positions(ranks, interpolation)
    # a row whose result is NaN reads a NaN (torch's choice, where its gradient goes): quantile's row
    # with a NaN its last element, nanquantile's row of NaN only its first
    undefined = (nan.any(-1) if not ignore_nan else count == 0)[..., None] & np.ones_like(ranks, bool)
    at = 0 if ignore_nan else n - 1
    below = np.where(undefined, at, below).astype(np.int64)
    above = np.where(undefined, at, above).astype(np.int64)
    dev = input._storage.device
    lo = gather(rows, -1, tensor(below, device=dev))
    hi = gather(rows, -1, tensor(above, device=dev))
    res = lerp(lo, hi, tensor(weight, dtype=input.dtype, device=dev)) if interpolation in ("linear", "midpoint") \
        else lo
    res = res.movedim(-1, 0)  # q first, as torch returns it
    if keepdim:
        res = res.reshape([len(qs)] + [1] * input.dim()) if dim is None else res.unsqueeze(d + 1)
    # torch's last step squeezes a dim of its own layout: SqueezeBackward4 in every form
    return renamed(res.squeeze(0) if scalar_q else res.clone(), "SqueezeBackward4")


def quantile(input, q, dim=None, keepdim=False, *, interpolation="linear"):
    return _quantile(input, q, dim, keepdim, interpolation, "quantile", False)


def nanquantile(input, q, dim=None, keepdim=False, *, interpolation="linear"):
    return _quantile(input, q, dim, keepdim, interpolation, "nanquantile", True)


# ---------------------------------------------------------------- registry
R.define_all("statistics", [
    (cov, "SqueezeBackward0", R.FLOAT_ONLY),
    (corrcoef, "ClampBackward1", R.FLOAT_ONLY),
    (quantile, "SqueezeBackward4", R.FLOAT_ONLY),
    (nanquantile, "SqueezeBackward4", R.FLOAT_ONLY),
])
