"""interpolate(..., antialias=True) for bilinear, bicubic and lanczos on (N, C, H, W) input.

Anti-aliased resampling is a separable filter, as Pillow resizes (the documentation: with
align_corners=False the result "would match Pillow result for downsampling"): output sample j of a
dim sits at input coordinate c_j = s * (j + 0.5) (s = input units per output unit), and reads every
input pixel p whose centre p + 0.5 lies within the filter's support, weighted by
filter((p + 0.5 - c_j) / max(s, 1)), the weights of each output sample normalised to sum to 1.
Downsampling (s > 1) thus widens the filter by s, so each output averages every input pixel it
covers instead of skipping some; upsampling keeps the plain filter, whose taps are cut off at the
borders and renormalised (not clamped to the border pixel as without antialias). The filters are
the triangle (bilinear), Keys' cubic convolution kernel with a = -0.5 (Pillow's bicubic) and
Lanczos-3, sinc(d) * sinc(d / 3) for |d| < 3 (Pillow's lanczos).

Each dim is one dense (n_out, n_in) matrix, so the op is out = R @ x @ C^T: two BLAS products
forward, and the backward R^T @ g @ C is the same ops again, hence differentiable twice.
"""
import numpy as np

from ..._ops.creation import from_numpy
from ...autograd.graph import needs_grad, record

__all__ = ["antialiased", "antialias_filter_matrix"]

_PILLOW_CUBIC_A = -0.5


def _triangle(d):
    return np.maximum(1.0 - np.abs(d), 0.0)


def _cubic(d):
    a = _PILLOW_CUBIC_A
    d = np.abs(d)
    near = ((a + 2) * d - (a + 3)) * d * d + 1
    far = ((a * d - 5 * a) * d + 8 * a) * d - 4 * a
    return np.where(d < 1, near, np.where(d < 2, far, 0.0))


def _lanczos3(d):
    return np.where(np.abs(d) < 3, np.sinc(d) * np.sinc(d / 3), 0.0)


# mode -> (filter, node name)
_FILTERS = {"bilinear": (_triangle, "UpsampleBilinear2DAaBackward0"),
            "bicubic": (_cubic, "UpsampleBicubic2DAaBackward0"),
            "lanczos": (_lanczos3, "UpsampleLanczos2DAaBackward0")}


def antialias_filter_matrix(n_in, n_out, scale, align_corners, mode):
    """(n_out, n_in) float64: row j holds the normalised weights of output sample j. `scale` is the
    caller's scale_factor (or None); align_corners changes only the spacing s, (in-1)/(out-1)."""
    if align_corners:
        s = (n_in - 1) / (n_out - 1) if n_out > 1 else 0.0
    else:
        s = 1.0 / scale if scale is not None else n_in / n_out
    centres = s * (np.arange(n_out, dtype=np.float64) + 0.5)
    weights = _FILTERS[mode][0]((np.arange(n_in) + 0.5 - centres[:, None]) / max(s, 1.0))
    totals = weights.sum(axis=1, keepdims=True)
    return weights / np.where(totals != 0, totals, 1.0)


def _tensor(matrix, like):
    return from_numpy(np.ascontiguousarray(matrix, dtype=like.dtype.np)).to(like.device)


def antialiased(x, sizes, scales, mode, align_corners):
    """x (N, C, H, W) resampled to `sizes` with the widened filter of `mode`."""
    rows, cols = (_tensor(antialias_filter_matrix(x.shape[2 + i], sizes[i], scales[i] if scales else None,
                                                  align_corners, mode), x) for i in range(2))
    out = rows @ (x.detach() @ cols.t())
    if needs_grad(x):
        record(_FILTERS[mode][1], _d_antialiased, (x,), out, meta=dict(rows=rows, cols=cols))
    return out


def _d_antialiased(ctx, g):
    return (ctx._saved_rows.t() @ (g @ ctx._saved_cols),)
