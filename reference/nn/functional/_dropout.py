"""Dropout: zero elements (or whole channels) with probability p and scale the rest by 1/(1-p), so
the expected value is unchanged; the identity out of training."""
from ..._ops.creation import rand

__all__ = ["dropout", "dropout1d", "dropout2d", "dropout3d"]


def _check_p(p):
    if p < 0.0 or p > 1.0:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")


def _apply_mask(input, p, mask_shape, inplace):
    """input times a {0, 1/(1-p)} mask of mask_shape (broadcast over the rest)."""
    if p == 1.0:
        scaled = rand(mask_shape, dtype=input.dtype, device=input.device) * 0.0
    else:
        keep = rand(mask_shape, dtype=input.dtype, device=input.device) >= p
        scaled = keep.to(input.dtype) * (1.0 / (1.0 - p))
    return input.mul_(scaled) if inplace else input * scaled


def dropout(input, p=0.5, training=True, inplace=False):
    _check_p(p)
    if not training or p == 0.0:
        return input
    return _apply_mask(input, p, tuple(input.shape), inplace)


def _feature_dropout(input, p, training, inplace, spatial, what):
    _check_p(p)
    if input.dim() < 2:
        raise RuntimeError("Feature dropout requires at least 2 dimensions in the input")
    if not training or p == 0.0:
        return input
    # a batched input (N, C, *spatial) draws one mask entry per (sample, channel); unbatched per channel
    lead = 1 if input.dim() == spatial + 1 else 2
    mask_shape = tuple(input.shape[:lead]) + (1,) * (input.dim() - lead)
    return _apply_mask(input, p, mask_shape, inplace)


def dropout1d(input, p=0.5, training=True, inplace=False):
    if input.dim() not in (2, 3):
        raise RuntimeError(f"dropout1d: Expected 2D or 3D input, but received a {input.dim()}D input. Note that "
                           "dropout1d exists to provide channel-wise dropout on inputs with 1 spatial dimension, a "
                           "channel dimension, and an optional batch dimension (i.e. 2D or 3D inputs).")
    return _feature_dropout(input, p, training, inplace, 1, "dropout1d")


def dropout2d(input, p=0.5, training=True, inplace=False):
    # torch reads a 3-D input as (N, C, L) here (with a deprecation warning), so the mask is (N, C, 1)
    spatial = 1 if input.dim() == 3 else 2
    return _feature_dropout(input, p, training, inplace, spatial, "dropout2d")


def dropout3d(input, p=0.5, training=True, inplace=False):
    return _feature_dropout(input, p, training, inplace, 3, "dropout3d")
