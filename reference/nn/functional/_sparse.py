"""Embedding lookups and one_hot.

embedding is one recorded op: rows of the weight gathered by index; its backward adds each
output row's gradient into the row it came from, leaves the padding_idx row at zero, and divides
by each index's frequency when scale_grad_by_freq is set.
"""
import numpy as np

from ... import _dtype as D
from ..._ops.creation import arange, from_numpy, zeros
from ...autograd.grad_mode import no_grad
from ...autograd.graph import needs_grad, record

__all__ = ["embedding", "one_hot"]


def _check_indices(input, n):
    if input.dtype not in (D.int64, D.int32):
        raise RuntimeError("Expected tensor for argument #1 'indices' to have one of the following scalar types: "
                           f"Long, Int; but got {input.type()} instead (while checking arguments for embedding)")
    if input.numel() and (int(input.min()) < 0 or int(input.max()) >= n):
        raise IndexError("index out of range in self")


def _renorm_rows(weight, flat, max_norm, norm_type):
    """Rescale, in place, the looked-up rows whose norm exceeds max_norm to that norm."""
    rows = from_numpy(np.unique(flat.cpu().numpy())).to(weight.device)  # index bookkeeping, as unique()
    with no_grad():
        sel = weight.index_select(0, rows)
        norms = sel.norm(norm_type, 1, keepdim=True)
        scale = (norms > max_norm).to(weight.dtype) * (max_norm / (norms + 1e-7) - 1.0) + 1.0
        weight[rows] = sel * scale


def embedding(input, weight, padding_idx=None, max_norm=None, norm_type=2.0, scale_grad_by_freq=False,
              sparse=False):
    n = weight.shape[0]
    if padding_idx is not None:
        if not -n <= padding_idx < n:
            raise AssertionError("Padding_idx must be within num_embeddings")
        padding_idx = padding_idx % n
    _check_indices(input, n)
    flat = input.reshape(-1).to(D.int64)
    if max_norm is not None:
        _renorm_rows(weight, flat, max_norm, norm_type)
    out = weight.detach().index_select(0, flat).reshape(tuple(input.shape) + tuple(weight.shape[1:]))
    if needs_grad(weight):
        record("EmbeddingBackward0", _d_embedding, (weight,), out,
               meta=dict(indices=flat, weight_sizes=tuple(weight.shape), padding_idx=padding_idx,
                         scale_grad_by_freq=scale_grad_by_freq))
    return out


def _d_embedding(ctx, g):
    flat, shape = ctx._saved_indices, ctx._saved_weight_sizes
    padding_idx, by_freq = ctx._saved_padding_idx, ctx._saved_scale_grad_by_freq
    rows = g.detach().reshape(-1, *shape[1:])
    if by_freq:
        host = flat.cpu().numpy()  # index bookkeeping, as unique()
        counts = np.bincount(host, minlength=shape[0]).astype(rows.dtype.np)
        rows = rows / from_numpy(counts[host]).to(g.device).reshape((-1,) + (1,) * (len(shape) - 1))
    gw = zeros(shape, dtype=g.dtype, device=g.device)
    gw.index_put_((flat,), rows, accumulate=True)
    if padding_idx is not None:
        gw[padding_idx] = 0
    return (gw,)


def one_hot(tensor, num_classes=-1):
    if tensor.dtype is not D.int64:
        raise RuntimeError("one_hot is only applicable to index tensor of type LongTensor.")
    if tensor.numel() and int(tensor.min()) < 0:
        raise RuntimeError("Class values must be non-negative.")
    if num_classes == -1:
        if tensor.numel() == 0:
            raise RuntimeError("Can not infer total number of classes from empty tensor.")
        num_classes = int(tensor.max()) + 1
    elif tensor.numel() and int(tensor.max()) >= num_classes:
        raise RuntimeError("Class values must be smaller than num_classes.")
    classes = arange(num_classes, device=tensor.device)
    return (tensor.unsqueeze(-1) == classes).to(D.int64)
