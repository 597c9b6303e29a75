"""Spatial rearrangements: pad (all modes), interpolate (nearest, linear/bilinear/trilinear, bicubic,
area; antialiased bilinear/bicubic/lanczos in _antialias.py), pixel_shuffle.

Non-constant padding and resampling are gathers along one dim at a time (index_select with an
index map computed once on the host), so their gradients are the scatter-adds autograd already
has; constant padding is its own op whose gradient is the unpadded region. Bicubic is separable
too: each output is four clamped taps weighted by Keys' cubic convolution kernel (A = -0.75, the
value torch documents through its bicubic references). Area is adaptive average pooling.
"""
import math

import numpy as np

from ..._ops._util import copy_into
from ..._ops.creation import from_numpy, full
from ...autograd.graph import needs_grad, record
from .._geometry import shape_list
from ._antialias import antialiased
from ._half import in_float32, is_half
from ._pooling import adaptive_avg_pool1d, adaptive_avg_pool2d

__all__ = ["pad", "interpolate", "upsample", "upsample_nearest", "upsample_bilinear", "pixel_shuffle",
           "pixel_unshuffle"]

_NONCONSTANT = ("reflect", "replicate", "circular")
_NODE_KIND = {"reflect": "Reflection", "replicate": "Replication"}


def pad(input, pad, mode="constant", value=None):
    """pad = (last_left, last_right, second_last_left, ...); negative widths crop."""
    pad = [int(p) for p in pad]
    if len(pad) % 2:
        raise RuntimeError("Padding length must be divisible by 2")
    if len(pad) // 2 > input.dim():
        raise RuntimeError(f"Padding length should be less than or equal to two times the input dimension but got "
                           f"padding length {len(pad)} and input of dimension {input.dim()}")
    if mode == "constant":
        return _constant_pad(input, pad, 0.0 if value is None else value)
    if mode not in _NONCONSTANT:
        raise NotImplementedError(f"Unrecognised padding mode {mode}")
    n = len(pad) // 2
    if not (n + 1 <= input.dim() <= n + 2) or n > 3:
        raise NotImplementedError(
            f"Padding size {len(pad)} is not supported for {input.dim()}D input tensor.\n"
            "Supported combinations for non-constant padding:\n"
            "  - 2D or 3D input: padding size = 2 (pads last dimension)\n"
            "  - 3D or 4D input: padding size = 4 (pads last 2 dimensions)\n"
            "  - 4D or 5D input: padding size = 6 (pads last 3 dimensions)")
    x = _crop(input, pad)
    for i in range(n):
        dim = input.dim() - 1 - i
        left, right = max(pad[2 * i], 0), max(pad[2 * i + 1], 0)
        size = x.shape[dim]
        if mode == "reflect" and (left >= size or right >= size):
            raise RuntimeError(f"Argument #4: Padding size should be less than the corresponding input dimension, "
                               f"but got: padding ({left}, {right}) at dimension {dim} of input "
                               f"{shape_list(input.shape)}")
        if mode == "circular" and (left > size or right > size):
            raise RuntimeError("Padding value causes wrapping around more than once.")
        if left or right:
            x = x.index_select(dim, _index(_pad_map(mode, size, left, right), x))
    return x


def _pad_map(mode, size, left, right):
    """The input position each output position of a padded dim reads."""
    i = np.arange(-left, size + right)
    if mode == "reflect":
        i = np.abs(i)
        i = np.where(i >= size, 2 * (size - 1) - i, i)
    elif mode == "replicate":
        i = np.clip(i, 0, size - 1)
    else:
        i = i % size
    return i


def _index(arr, like):
    return from_numpy(np.ascontiguousarray(arr, dtype=np.int64)).to(like.device)


def _crop(x, pad):
    """x with the negative widths of pad cut off its ends."""
    if all(p >= 0 for p in pad):
        return x
    key = [slice(None)] * x.dim()
    for i in range(len(pad) // 2):
        dim = x.dim() - 1 - i
        lo, hi = pad[2 * i], pad[2 * i + 1]
        key[dim] = slice(-lo if lo < 0 else 0, x.shape[dim] + hi if hi < 0 else x.shape[dim])
    return x[tuple(key)]


def _constant_pad(input, pad, value):
    x = _crop(input, pad)
    shape = list(x.shape)
    key = [slice(None)] * x.dim()
    for i in range(len(pad) // 2):
        dim = x.dim() - 1 - i
        left, right = max(pad[2 * i], 0), max(pad[2 * i + 1], 0)
        key[dim] = slice(left, left + shape[dim])
        shape[dim] += left + right
    key = tuple(key)
    out = full(tuple(shape), value, dtype=x.dtype, device=x.device)
    copy_into(out[key], x.detach())
    if needs_grad(x):
        record("ConstantPadNdBackward0", _d_constant_pad, (x,), out, meta=dict(region=key))
    return out


def _d_constant_pad(ctx, g):
    return (g[ctx._saved_region],)


# ---------------------------------------------------------------------------------------------
# interpolate

# the interpolating modes and the input rank each needs; the others select (nearest) or average (area)
_INTERPOLATING = {"linear": 3, "bilinear": 4, "bicubic": 4, "trilinear": 5}
# lanczos only resamples with antialias=True (on 4-D input), so it has no plain path
_MODES = ("nearest", "nearest-exact", "area", "lanczos") + tuple(_INTERPOLATING)
_CUBIC_A = -0.75


def _out_sizes(x, size, scale_factor, n):
    if (size is None) == (scale_factor is None):
        raise ValueError("either size or scale_factor should be defined" if size is None else
                         "only one of size or scale_factor should be defined")
    if size is not None:
        sizes = tuple(size) if isinstance(size, (tuple, list)) else (size,) * n
        if len(sizes) != n:
            raise ValueError(f"Input and output must have the same number of spatial dimensions, but got input "
                             f"with spatial dimensions of {list(x.shape[2:])} and output size of {list(sizes)}. "
                             "Please provide input tensor in (N, C, d1, d2, ...,dK) format and output size in "
                             "(o1, o2, ...,oK) format.")
        return tuple(int(s) for s in sizes), None
    scales = tuple(scale_factor) if isinstance(scale_factor, (tuple, list)) else (scale_factor,) * n
    if len(scales) != n:
        raise ValueError(f"Input and scale_factor must have the same number of spatial dimensions, but got input "
                         f"with spatial dimensions of {list(x.shape[2:])} and scale_factor of shape "
                         f"{list(scales)}. Please provide input tensor in (N, C, d1, d2, ...,dK) format and "
                         "scale_factor in (s1, s2, ...,sK) format.")
    sizes = tuple(int(math.floor(x.shape[2 + i] * float(scales[i]))) for i in range(n))
    return sizes, tuple(float(s) for s in scales)


def _src_scale(n_in, n_out, scale):
    """Input units per output unit: 1/scale_factor when the caller gave one, else in/out."""
    return 1.0 / scale if scale is not None else n_in / n_out


def _src_coords(n_in, n_out, scale, align_corners):
    """The input coordinate each output sample sits on: align_corners maps the corner pixel centres
    onto each other, otherwise pixel centres are matched ((j + 0.5) * scale - 0.5)."""
    o = np.arange(n_out, dtype=np.float64)
    if align_corners:
        return o * ((n_in - 1) / (n_out - 1)) if n_out > 1 else np.zeros(n_out)
    return (o + 0.5) * _src_scale(n_in, n_out, scale) - 0.5


def _nearest_map(n_in, n_out, scale, exact):
    s = _src_scale(n_in, n_out, scale)
    o = np.arange(n_out, dtype=np.float64)
    src = np.floor((o + 0.5) * s) if exact else np.floor(o * s)
    return np.minimum(src.astype(np.int64), n_in - 1)


def _linear_weights(n_in, n_out, scale, align_corners):
    """(i0, i1, lambda): output j = (1 - lambda) * x[i0] + lambda * x[i1]; coordinates left of the
    first pixel centre are clamped onto it."""
    src = np.maximum(_src_coords(n_in, n_out, scale, align_corners), 0.0)
    i0 = np.minimum(np.floor(src).astype(np.int64), n_in - 1)
    i1 = np.minimum(i0 + 1, n_in - 1)
    return i0, i1, src - i0


def _cubic_taps(n_in, n_out, scale, align_corners):
    """(indices, weights), each (4, n_out): output j = sum_k weights[k, j] * x[indices[k, j]].
    The taps sit at floor(src) - 1 .. floor(src) + 2 and read the border pixel beyond the edges; the
    coordinate itself is not clamped, unlike linear."""
    src = _src_coords(n_in, n_out, scale, align_corners)
    base = np.floor(src)
    t = src - base
    near = lambda d: ((_CUBIC_A + 2) * d - (_CUBIC_A + 3)) * d * d + 1          # |d| <= 1
    far = lambda d: ((_CUBIC_A * d - 5 * _CUBIC_A) * d + 8 * _CUBIC_A) * d - 4 * _CUBIC_A  # 1 < |d| < 2
    weights = np.stack([far(1 + t), near(t), near(1 - t), far(2 - t)])
    indices = np.clip(base.astype(np.int64) + np.arange(-1, 3)[:, None], 0, n_in - 1)
    return indices, weights


def _along(values, dim, like):
    """A host vector as a tensor broadcasting along `dim` of `like`."""
    shape = [1] * like.dim()
    shape[dim] = values.shape[0]
    return from_numpy(np.ascontiguousarray(values.reshape(shape), dtype=like.dtype.np)).to(like.device)


def _area(x, sizes):
    """Area resampling is adaptive average pooling; a 3-D volume pools (H, W) then D, which is the
    same box mean because the weights 1/(d*h*w) factor per dim."""
    if x.dim() == 3:
        return adaptive_avg_pool1d(x, sizes)
    if x.dim() == 4:
        return adaptive_avg_pool2d(x, sizes)
    n, c, d, h, w = x.shape
    y = adaptive_avg_pool2d(x.reshape(n, c * d, h, w), sizes[1:]).reshape(n, c, d, sizes[1] * sizes[2])
    y = adaptive_avg_pool1d(y.transpose(2, 3).reshape(n, c * sizes[1] * sizes[2], d), sizes[0])
    return y.reshape(n, c, sizes[1] * sizes[2], sizes[0]).transpose(2, 3).reshape(n, c, *sizes)


def _resample(x, dim, n_out, scale, mode, align_corners):
    n_in = x.shape[dim]
    if mode in ("nearest", "nearest-exact"):
        return x.index_select(dim, _index(_nearest_map(n_in, n_out, scale, mode == "nearest-exact"), x))
    if mode == "bicubic":
        indices, weights = _cubic_taps(n_in, n_out, scale, align_corners)
        out = None
        for k in range(4):
            term = x.index_select(dim, _index(indices[k], x)) * _along(weights[k], dim, x)
            out = term if out is None else out + term
        return out
    i0, i1, lam = _linear_weights(n_in, n_out, scale, align_corners)
    lo = x.index_select(dim, _index(i0, x))
    hi = x.index_select(dim, _index(i1, x))
    return lo + (hi - lo) * _along(lam, dim, x)


def _input_error(input, mode):
    return NotImplementedError(f"Input Error: Only 3D, 4D and 5D input Tensors supported (got {input.dim()}D) "
                               f"for the modes: nearest | linear | bilinear | bicubic | trilinear | lanczos | area | "
                               f"nearest-exact (got {mode})")


def interpolate(input, size=None, scale_factor=None, mode="nearest", align_corners=None,
                recompute_scale_factor=None, antialias=False):
    if mode not in _MODES:
        raise _input_error(input, mode)
    if mode == "lanczos":
        if align_corners:
            raise ValueError("Lanczos mode does not support align_corners=True")
        if not antialias:
            raise ValueError("Lanczos mode requires antialias=True")
    elif align_corners is not None and mode not in _INTERPOLATING:
        raise ValueError("align_corners option can only be set with the interpolating modes: "
                         "linear | bilinear | bicubic | trilinear")
    if antialias and not (mode in ("bilinear", "bicubic", "lanczos") and input.dim() == 4):
        raise ValueError("Anti-alias option is restricted to bilinear, bicubic, and lanczos modes and requires a "
                         "4-D tensor as input")
    n = input.dim() - 2
    if n < 1 or n > 3:
        raise _input_error(input, mode)
    if mode in _INTERPOLATING and _INTERPOLATING[mode] != input.dim():
        if mode == "bicubic":
            raise _input_error(input, mode)
        raise NotImplementedError(f"Got {input.dim()}D input, but {mode} mode needs "
                                  f"{_INTERPOLATING[mode]}D input")
    sizes, scales = _out_sizes(input, size, scale_factor, n)
    if mode == "area":
        return in_float32(lambda x: _area(x, sizes), input) if is_half(input) else _area(input, sizes)
    if recompute_scale_factor:
        scales = None
    if antialias:
        return _antialiased(input, sizes, scales, mode, bool(align_corners))
    if mode == "bicubic" and is_half(input):
        return in_float32(lambda x: _resample_all(x, sizes, scales, mode, align_corners), input)
    return _resample_all(input, sizes, scales, mode, align_corners)


def _antialiased(x, sizes, scales, mode, align_corners):
    if not is_half(x):
        return antialiased(x, sizes, scales, mode, align_corners)
    if x.device.type == "cpu":
        # torch's CPU kernel has no half weights; its CUDA one does, and a half CUDA tensor gets them
        raise NotImplementedError('"compute_index_ranges_weights" not implemented for \'Half\'')
    return in_float32(lambda t: antialiased(t, sizes, scales, mode, align_corners), x)


def _resample_all(x, sizes, scales, mode, align_corners):
    for i, n_out in enumerate(sizes):
        x = _resample(x, 2 + i, n_out, scales[i] if scales is not None else None, mode, bool(align_corners))
    return x


def upsample(input, size=None, scale_factor=None, mode="nearest", align_corners=None):
    return interpolate(input, size, scale_factor, mode, align_corners)


def upsample_nearest(input, size=None, scale_factor=None):
    return interpolate(input, size, scale_factor, mode="nearest")


def upsample_bilinear(input, size=None, scale_factor=None):
    return interpolate(input, size, scale_factor, mode="bilinear", align_corners=True)


# ---------------------------------------------------------------------------------------------
# pixel shuffle: views and one permutation

def pixel_shuffle(input, upscale_factor):
    r = int(upscale_factor)
    if input.dim() < 3:
        raise RuntimeError(f"pixel_shuffle expects input to have at least 3 dimensions, but got input with "
                           f"{input.dim()} dimension(s)")
    *lead, c, h, w = input.shape
    if c % (r * r):
        raise RuntimeError(f"pixel_shuffle expects its input's 'channel' dimension to be divisible by the square "
                           f"of upscale_factor, but input.size(-3)={c} is not divisible by {r * r}")
    nl = len(lead)
    x = input.reshape(*lead, c // (r * r), r, r, h, w)
    x = x.permute(*range(nl), nl, nl + 3, nl + 1, nl + 4, nl + 2)
    return x.reshape(*lead, c // (r * r), h * r, w * r)


def pixel_unshuffle(input, downscale_factor):
    r = int(downscale_factor)
    if input.dim() < 3:
        raise RuntimeError(f"pixel_unshuffle expects input to have at least 3 dimensions, but got input with "
                           f"{input.dim()} dimension(s)")
    *lead, c, h, w = input.shape
    if h % r or w % r:
        raise RuntimeError(f"pixel_unshuffle expects height to be divisible by downscale_factor, but input.size(-2)="
                           f"{h} is not divisible by {r}" if h % r else
                           f"pixel_unshuffle expects width to be divisible by downscale_factor, but input.size(-1)="
                           f"{w} is not divisible by {r}")
    nl = len(lead)
    x = input.reshape(*lead, c, h // r, r, w // r, r)
    x = x.permute(*range(nl), nl, nl + 2, nl + 4, nl + 1, nl + 3)
    return x.reshape(*lead, c * r * r, h // r, w // r)
