"""Attention: scaled_dot_product_attention and multi_head_attention_forward.

Both are batched matmuls over every (batch, head) pair around one recorded op, the device's fused
masked softmax (softmax(scale * q k^T + additive mask), optionally causal), so there is no Python loop
over batch elements or heads. Masks reach that op as one additive float view broadcast to the scores'
shape: a boolean mask becomes 0 / -inf first (SDPA's True means "attend", MHA's True means "masked",
as their pages document).
"""
import math

from ... import _dtype as D
from ..._ops._util import empty_tensor
from ..._ops.creation import zeros
from ..._ops.joining import cat
from ..._shape import broadcast_shapes
from ...autograd.grad_mode import is_grad_enabled
from ...autograd.graph import needs_grad, record
from ...backends import backend_of
from ._dropout import dropout
from ._linear import linear
from ._vision import pad

__all__ = ["scaled_dot_product_attention", "multi_head_attention_forward"]

_NEG_INF = float("-inf")


# ---------------------------------------------------------------------------------------------
# the fused masked softmax (one recorded op)

def _as4(t):
    """A view of t with exactly four dims: leading dims merged (or added) before the last two."""
    if t.dim() == 4:
        return t
    if t.dim() < 4:
        return t.reshape((1,) * (4 - t.dim()) + tuple(t.shape))
    return t.reshape(-1, t.shape[-3], t.shape[-2], t.shape[-1])


def masked_softmax(scores, mask, causal, scale):
    """softmax(scale * scores + mask) over the last dim; mask is an additive float tensor that
    broadcasts to scores' shape (or None); causal masks the keys after each query position."""
    shape = tuple(scores.shape)
    x4 = _as4(scores.contiguous())
    m4 = None
    if mask is not None:
        if broadcast_shapes(tuple(mask.shape), shape) != shape:
            raise RuntimeError(f"The size of the attention mask {list(mask.shape)} does not broadcast to the "
                               f"attention scores' size {list(shape)}")
        m4 = _as4(mask.expand(shape))
    y4 = empty_tensor(tuple(x4.shape), scores.dtype, scores.device)
    backend_of(scores.device).fused("masked_softmax")(x4, m4, causal, scale, y4)
    y = y4.reshape(shape)
    if needs_grad(scores, mask):
        inputs = (scores, mask) if mask is not None else (scores,)
        record("MaskedSoftmaxBackward0", _d_masked_softmax, inputs, y, save=(y,),
               meta=dict(scale=scale, mask_sizes=tuple(m4.shape) if m4 is not None else None))
    return y


def _d_masked_softmax(ctx, g):
    (y,) = ctx.saved_tensors
    scale, mask_shape = ctx._saved_scale, ctx._saved_mask_sizes
    need = ctx.needs_input_grad
    if is_grad_enabled():
        # create_graph: the formula in tensor ops, so that it is differentiable again
        gz = y * (g - (g * y).sum(dim=-1, keepdim=True))
        gx = gz * scale
    else:
        shape = tuple(y.shape)
        y4, g4 = _as4(y.contiguous()), _as4(g.contiguous())
        gx = empty_tensor(tuple(y4.shape), y.dtype, y.device)
        gz = empty_tensor(tuple(y4.shape), y.dtype, y.device) if len(need) > 1 and need[1] else gx
        backend_of(y.device).fused("masked_softmax_backward")(y4, g4, scale, gz, gx)
        gx, gz = gx.reshape(shape), gz.reshape(shape)
    if len(need) == 1:
        return (gx if need[0] else None,)
    return (gx if need[0] else None, gz if need[1] else None)


# ---------------------------------------------------------------------------------------------
# scaled dot-product attention

def _sdpa_mask(attn_mask, query):
    if attn_mask is None:
        return None
    if attn_mask.dtype is D.bool_:
        # True takes part in attention
        return zeros(tuple(attn_mask.shape), dtype=query.dtype, device=query.device).masked_fill(
            attn_mask.logical_not(), _NEG_INF)
    if not attn_mask.dtype.is_floating_point:
        raise RuntimeError(f"Expected attn_mask dtype to be bool or float or to match query dtype, but got "
                           f"attn_mask.dtype: {attn_mask.dtype} and  query.dtype: {query.dtype} instead.")
    return attn_mask if attn_mask.dtype is query.dtype else attn_mask.to(query.dtype)


def _repeat_heads(t, groups):
    """(..., Hkv, S, E) -> (..., Hkv * groups, S, E), each head repeated `groups` times in place."""
    if groups == 1:
        return t
    lead, (h, s, e) = tuple(t.shape[:-3]), tuple(t.shape[-3:])
    return t.unsqueeze(-3).expand(lead + (h, groups, s, e)).reshape(lead + (h * groups, s, e))


def scaled_dot_product_attention(query, key, value, attn_mask=None, dropout_p=0.0, is_causal=False, scale=None,
                                 enable_gqa=False):
    """softmax(query @ key^T * scale + mask) @ value, with dropout (probability dropout_p) on the
    attention weights; scale defaults to 1 / sqrt(query.size(-1))."""
    if query.dim() < 2 or key.dim() < 2 or value.dim() < 2:
        raise RuntimeError(f"scaled_dot_product_attention: expected query, key and value with at least 2 "
                           f"dimensions, got {query.dim()}, {key.dim()} and {value.dim()}")
    if is_causal and attn_mask is not None:
        raise RuntimeError("_scaled_dot_product_attention: Explicit attn_mask should not be set when is_causal=True")
    if enable_gqa and query.dim() >= 3 and key.dim() >= 3:
        hq, hk, hv = query.shape[-3], key.shape[-3], value.shape[-3]
        if hq % hk or hq % hv:
            raise RuntimeError(f"number of heads in key/value must divide the number of heads in query, got "
                               f"query heads {hq}, key heads {hk} and value heads {hv}")
        key, value = _repeat_heads(key, hq // hk), _repeat_heads(value, hq // hv)
    s = 1.0 / math.sqrt(query.shape[-1]) if scale is None else float(scale)
    scores = query.matmul(key.transpose(-2, -1))
    attn = masked_softmax(scores, _sdpa_mask(attn_mask, query), bool(is_causal), s)
    if dropout_p > 0.0:
        attn = dropout(attn, dropout_p, training=True)
    return attn.matmul(value)


# ---------------------------------------------------------------------------------------------
# multi-head attention

def _canonical_mask(mask, name, dtype):
    """A bool mask (True: not allowed to attend) as 0 / -inf of dtype; a float mask as it is."""
    if mask is None:
        return None
    if mask.dtype is D.bool_:
        return zeros(tuple(mask.shape), dtype=dtype, device=mask.device).masked_fill(mask, _NEG_INF)
    if not mask.dtype.is_floating_point:
        raise AssertionError(f"only bool and floating types of {name} are supported")
    return mask if mask.dtype is dtype else mask.to(dtype)


def _shape_check(query, key, value, key_padding_mask, attn_mask, num_heads):
    """Whether the input is batched (3-D query) or one sequence (2-D), with torch's errors."""
    if query.dim() == 3:
        if key.dim() != 3 or value.dim() != 3:
            raise AssertionError(f"For batched (3-D) `query`, expected `key` and `value` to be 3-D but found "
                                 f"{key.dim()}-D and {value.dim()}-D tensors respectively")
        if key_padding_mask is not None and key_padding_mask.dim() != 2:
            raise AssertionError(f"For batched (3-D) `query`, expected `key_padding_mask` to be `None` or 2-D but "
                                 f"found {key_padding_mask.dim()}-D tensor instead")
        if attn_mask is not None and attn_mask.dim() not in (2, 3):
            raise AssertionError(f"For batched (3-D) `query`, expected `attn_mask` to be `None`, 2-D or 3-D but "
                                 f"found {attn_mask.dim()}-D tensor instead")
        return True
    if query.dim() == 2:
        if key.dim() != 2 or value.dim() != 2:
            raise AssertionError(f"For unbatched (2-D) `query`, expected `key` and `value` to be 2-D but found "
                                 f"{key.dim()}-D and {value.dim()}-D tensors respectively")
        if key_padding_mask is not None and key_padding_mask.dim() != 1:
            raise AssertionError(f"For unbatched (2-D) `query`, expected `key_padding_mask` to be `None` or 1-D "
                                 f"but found {key_padding_mask.dim()}-D tensor instead")
        if attn_mask is not None:
            if attn_mask.dim() not in (2, 3):
                raise AssertionError(f"For unbatched (2-D) `query`, expected `attn_mask` to be `None`, 2-D or 3-D "
                                     f"but found {attn_mask.dim()}-D tensor instead")
            if attn_mask.dim() == 3:
                want = (num_heads, query.shape[0], key.shape[0])
                if tuple(attn_mask.shape) != want:
                    raise AssertionError(f"Expected `attn_mask` shape to be {want} but got {attn_mask.shape}")
        return False
    raise AssertionError(f"query should be unbatched 2D or batched 3D tensor but received {query.dim()}-D query tensor")


def _in_projection(query, key, value, e, in_proj_weight, in_proj_bias, separate, q_w, k_w, v_w):
    """q (L, N, E), k (S, N, E), v (S, N, E): one matmul for self-attention's packed weight."""
    if not separate:
        if query is key and key is value:
            return linear(query, in_proj_weight, in_proj_bias).chunk(3, -1)
        ws = in_proj_weight.chunk(3)
        bs = in_proj_bias.chunk(3) if in_proj_bias is not None else (None, None, None)
        return linear(query, ws[0], bs[0]), linear(key, ws[1], bs[1]), linear(value, ws[2], bs[2])
    for name, w in (("q_proj_weight", q_w), ("k_proj_weight", k_w), ("v_proj_weight", v_w)):
        if w is None:
            raise AssertionError(f"use_separate_proj_weight is True but {name} is None")
    bs = in_proj_bias.chunk(3) if in_proj_bias is not None else (None, None, None)
    return linear(query, q_w, bs[0]), linear(key, k_w, bs[1]), linear(value, v_w, bs[2])


def _heads(t, n, h, hd):
    """(T, N, E) -> (N, H, T, hd), a view."""
    return t.reshape(t.shape[0], n, h, hd).permute(1, 2, 0, 3)


def _static(t, name, n, h, hd):
    if t.shape[0] != n * h:
        raise AssertionError(f"expecting {name}.size(0) of {n * h}, but got {t.shape[0]}")
    if t.shape[2] != hd:
        raise AssertionError(f"expecting {name}.size(2) of {hd}, but got {t.shape[2]}")
    return t.reshape(n, h, t.shape[1], hd)


def multi_head_attention_forward(query, key, value, embed_dim_to_check, num_heads, in_proj_weight, in_proj_bias,
                                 bias_k, bias_v, add_zero_attn, dropout_p, out_proj_weight, out_proj_bias,
                                 training=True, key_padding_mask=None, need_weights=True, attn_mask=None,
                                 use_separate_proj_weight=False, q_proj_weight=None, k_proj_weight=None,
                                 v_proj_weight=None, static_k=None, static_v=None, average_attn_weights=True,
                                 is_causal=False):
    """Inputs (L, N, E) / (S, N, kdim) / (S, N, vdim), or unbatched (L, E) ...; returns the output
    (L, N, E) and the attention weights (N, L, S) averaged over heads, (N, H, L, S) per head, or None."""
    batched = _shape_check(query, key, value, key_padding_mask, attn_mask, num_heads)
    if not batched:
        query, key, value = query.unsqueeze(1), key.unsqueeze(1), value.unsqueeze(1)
        if key_padding_mask is not None:
            key_padding_mask = key_padding_mask.unsqueeze(0)
    tgt_len, bsz, embed_dim = query.shape
    src_len = key.shape[0]
    if embed_dim != embed_dim_to_check:
        raise AssertionError(f"was expecting embedding dimension of {embed_dim_to_check}, but got {embed_dim}")
    head_dim = embed_dim // num_heads
    if head_dim * num_heads != embed_dim:
        raise AssertionError(f"embed_dim {embed_dim} not divisible by num_heads {num_heads}")
    if use_separate_proj_weight:
        if tuple(key.shape[:2]) != tuple(value.shape[:2]):
            raise AssertionError(f"key's sequence and batch dims {key.shape[:2]} do not match value's "
                                 f"{value.shape[:2]}")
    elif tuple(key.shape) != tuple(value.shape):
        raise AssertionError(f"key shape {key.shape} does not match value shape {value.shape}")
    dtype = query.dtype
    key_padding_mask = _canonical_mask(key_padding_mask, "key_padding_mask", dtype)
    if is_causal and attn_mask is None:
        raise RuntimeError("Need attn_mask if specifying the is_causal hint. You may use the Transformer module "
                           "method `generate_square_subsequent_mask` to create this mask.")
    # the hint is trusted only where torch trusts it: no padding mask and no weights to return
    causal = bool(is_causal) and key_padding_mask is None and not need_weights
    attn_mask = None if causal else _canonical_mask(attn_mask, "attn_mask", dtype)

    if attn_mask is not None:
        if attn_mask.dim() == 2:
            if tuple(attn_mask.shape) != (tgt_len, src_len):
                raise RuntimeError(f"The shape of the 2D attn_mask is {attn_mask.shape}, but should be "
                                   f"{(tgt_len, src_len)}.")
            attn_mask = attn_mask.unsqueeze(0)
        elif attn_mask.dim() == 3:
            if tuple(attn_mask.shape) != (bsz * num_heads, tgt_len, src_len):
                raise RuntimeError(f"The shape of the 3D attn_mask is {attn_mask.shape}, but should be "
                                   f"{(bsz * num_heads, tgt_len, src_len)}.")
        else:
            raise RuntimeError(f"attn_mask's dimension {attn_mask.dim()} is not supported")

    q, k, v = _in_projection(query, key, value, embed_dim, in_proj_weight, in_proj_bias, use_separate_proj_weight,
                             q_proj_weight, k_proj_weight, v_proj_weight)
    if bias_k is not None and bias_v is not None:
        if static_k is not None:
            raise AssertionError("bias cannot be added to static key.")
        if static_v is not None:
            raise AssertionError("bias cannot be added to static value.")
        k = cat([k, bias_k.expand(1, bsz, embed_dim)])
        v = cat([v, bias_v.expand(1, bsz, embed_dim)])
        attn_mask = pad(attn_mask, (0, 1)) if attn_mask is not None else None
        key_padding_mask = pad(key_padding_mask, (0, 1)) if key_padding_mask is not None else None
    elif bias_k is not None or bias_v is not None:
        raise AssertionError("bias_k and bias_v must both be given or both be None")

    q = _heads(q, bsz, num_heads, head_dim)
    k = _heads(k, bsz, num_heads, head_dim) if static_k is None else _static(static_k, "static_k", bsz, num_heads,
                                                                              head_dim)
    v = _heads(v, bsz, num_heads, head_dim) if static_v is None else _static(static_v, "static_v", bsz, num_heads,
                                                                              head_dim)
    if add_zero_attn:
        k = cat([k, zeros((bsz, num_heads, 1, head_dim), dtype=k.dtype, device=k.device)], dim=2)
        v = cat([v, zeros((bsz, num_heads, 1, head_dim), dtype=v.dtype, device=v.device)], dim=2)
        attn_mask = pad(attn_mask, (0, 1)) if attn_mask is not None else None
        key_padding_mask = pad(key_padding_mask, (0, 1)) if key_padding_mask is not None else None
    src_len = k.shape[2]

    # one additive mask over (N or 1, H or 1, L or 1, S)
    mask = None
    if attn_mask is not None:
        mask = attn_mask.reshape(bsz, num_heads, tgt_len, src_len) if attn_mask.shape[0] > 1 else \
            attn_mask.unsqueeze(0)
    if key_padding_mask is not None:
        for d, want in enumerate((bsz, src_len)):
            if key_padding_mask.shape[d] != want:
                raise AssertionError(f"Expected key_padded_mask.shape[{d}] to be {want}, but got "
                                     f"{key_padding_mask.shape[d]}")
        kpm = key_padding_mask.reshape(bsz, 1, 1, src_len)
        mask = kpm if mask is None else mask + kpm

    scores = q.matmul(k.transpose(-2, -1))
    weights = masked_softmax(scores, mask, causal, 1.0 / math.sqrt(head_dim))
    attn = dropout(weights, dropout_p, training=True) if training and dropout_p > 0.0 else weights
    out = attn.matmul(v).permute(2, 0, 1, 3).reshape(tgt_len, bsz, embed_dim)
    out = linear(out, out_proj_weight, out_proj_bias)
    if not need_weights:
        return (out if batched else out.squeeze(1)), None
    # the weights returned are the ones applied: after dropout, as torch's
    weights = attn.mean(dim=1) if average_attn_weights else attn
    if not batched:
        return out.squeeze(1), weights.squeeze(0)
    return out, weights
