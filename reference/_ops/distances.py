"""cdist: the p-norm distance between every row of x1 and every row of x2, batched with broadcasting.

The distances come from the broadcast differences (..., P, R, M) in one pass of existing ops; the
backward (torch's CdistBackward0) is written out per p so that it is defined where the norm is not
differentiable: 0 at a zero distance (p = 2 and general p), sign(diff) for p = 1 (0 where the
coordinates agree), the tied maxima's signs for p = inf, and 0 for p = 0.
"""
import math

from .. import _dtype as D
from .._tensor import Tensor
from ..autograd.grad_mode import no_grad
from ..autograd.graph import needs_grad, record
from . import registry as R
from ._grad_utils import sum_to
from .elementwise import where

COMPUTE_MODES = ("use_mm_for_euclid_dist_if_necessary", "use_mm_for_euclid_dist", "donot_use_mm_for_euclid_dist")
# above this many rows torch computes p = 2 through a matrix product (its result's node is then a view)
_MM_ROWS = 25


def _check(x1, x2, p, compute_mode):
    for name, x in (("X1", x1), ("X2", x2)):
        if not isinstance(x, Tensor):
            raise TypeError(f"cdist(): argument '{name.lower()}' must be Tensor, not {type(x).__name__}")
    if compute_mode is not None and compute_mode not in COMPUTE_MODES:
        raise ValueError(f"{compute_mode} is not a valid value for compute_mode")
    for name, x in (("X1", x1), ("X2", x2)):
        if x.dim() < 2:
            raise RuntimeError(f"cdist only supports at least 2D tensors, {name} got: {x.dim()}D")
    for name, x in (("X1", x1), ("X2", x2)):
        if x.dtype is D.float16:
            raise NotImplementedError("\"cdist\" not implemented for 'Half'")
        if not x.dtype.is_floating_point:
            raise RuntimeError(f"cdist only supports floating-point dtypes, {name} got: {D.TYPE_NAMES[x.dtype.name]}")
    if x1.dtype is not x2.dtype:
        raise RuntimeError(f"expected scalar type {D.TYPE_NAMES[x1.dtype.name]} but found "
                           f"{D.TYPE_NAMES[x2.dtype.name]}")
    if x1.shape[-1] != x2.shape[-1]:
        raise RuntimeError(f"X1 and X2 must have the same number of columns. X1: {x1.shape[-1]} X2: {x2.shape[-1]}")
    if p < 0:
        raise RuntimeError("cdist only supports non-negative p values")


def _differences(x1, x2):
    return x1.unsqueeze(-2) - x2.unsqueeze(-3)


def _distances(diff, p):
    if diff.shape[-1] == 0:
        return diff.sum(-1)
    if p == 0:
        return (diff != 0).sum(-1).to(diff.dtype)
    a = diff.abs()
    if p == 1:
        return a.sum(-1)
    if p == 2:
        return (diff * diff).sum(-1).sqrt()
    if math.isinf(p):
        return a.amax(-1)
    return (a ** p).sum(-1) ** (1.0 / p)


def _slope(diff, dist, p):
    """d dist / d diff for each coordinate (..., P, R, M), with torch's values where it is undefined."""
    d = dist.unsqueeze(-1)
    if p == 0:
        return diff * 0
    if p == 1:
        return diff.sign()
    if math.isinf(p):
        return diff.sign() * (diff.abs() == d).to(diff.dtype)
    if p == 2:
        return where(d == 0, 0.0, diff / d)
    # sign(diff) |diff|^(p-1) / dist^(p-1); 0 where diff or dist is 0 (p < 1 would give 0 * inf there)
    slope = diff.sign() * diff.abs() ** (p - 1) / d ** (p - 1)
    return where((diff == 0) | (d == 0), 0.0, slope)


def _d_cdist(ctx, g):
    x1, x2, dist = ctx._saved_x1, ctx._saved_x2, ctx._saved_result
    p = ctx._saved_p
    gd = g.unsqueeze(-1) * _slope(_differences(x1, x2), dist, p)
    g1 = sum_to(gd.sum(-2), x1.shape) if ctx.needs_input_grad[0] else None
    g2 = sum_to(-gd.sum(-3), x2.shape) if ctx.needs_input_grad[1] else None
    return g1, g2


def cdist(x1, x2, p=2.0, compute_mode=None):
    """x1 (B..., P, M), x2 (B..., R, M) -> (B..., P, R): ||x1[..., i, :] - x2[..., j, :]||_p."""
    _check(x1, x2, p, compute_mode)
    with no_grad():
        res = _distances(_differences(x1, x2), p)
    if needs_grad(x1, x2):
        mode = compute_mode or COMPUTE_MODES[0]
        by_product = p == 2 and (mode == "use_mm_for_euclid_dist" or mode == COMPUTE_MODES[0]
                                 and max(x1.shape[-2], x2.shape[-2]) > _MM_ROWS)
        record("ViewBackward0" if by_product else "CdistBackward0", _d_cdist, (x1, x2), res,
               save=(x1, x2, res), names=("x1", "x2", "result"), meta={"p": float(p)})
    return res


# ---------------------------------------------------------------- registry
R.define("distances", cdist, node="CdistBackward0", dtype=R.FLOAT_ONLY, method=False)
