"""float64 NumPy oracles for attention and the Transformer layers, written from their documentation:
https://pytorch.org/docs/stable/generated/torch.nn.functional.scaled_dot_product_attention.html,
torch.nn.MultiheadAttention, torch.nn.TransformerEncoderLayer, TransformerDecoderLayer, Transformer.
Nothing here imports torch or the reference.

A module's parameters travel as one flat float vector in the order of `module.parameters()` (which is
the order of its state_dict, these modules having no buffers); `*_param_shapes` list that order, and
`unpack` cuts the vector into named arrays. The spec's code loads the same vector into the module under
test, so a gradient of every parameter is one flat vector too.
"""
import math

import numpy as np

from .oracle_nn import ACTIVATIONS, f64


# ---------------------------------------------------------------------------------------------
# scaled dot-product attention

def softmax_rows(z):
    """softmax over the last axis; a row with every entry -inf gives zeros (torch's attention does)."""
    m = np.max(z, axis=-1, keepdims=True)
    dead = np.isneginf(m)
    e = np.exp(z - np.where(dead, 0.0, m))
    s = e.sum(axis=-1, keepdims=True)
    return np.where(dead, 0.0, e / np.where(dead, 1.0, s))


def sdpa_mask(mask):
    """An SDPA attn_mask as an additive float mask: a bool mask's True takes part in attention."""
    if mask is None:
        return 0.0
    mask = np.asarray(mask)
    return np.where(mask, 0.0, -np.inf) if mask.dtype == bool else f64(mask)


def causal_mask(L, S):
    """The top-left aligned causal mask SDPA documents: tril(ones(L, S)) as additive 0 / -inf."""
    return np.where(np.tril(np.ones((L, S), bool)), 0.0, -np.inf)


def attention_weights(q, k, mask=None, is_causal=False, scale=None):
    q, k = f64(q), f64(k)
    s = 1.0 / math.sqrt(q.shape[-1]) if scale is None else scale
    z = q @ np.swapaxes(k, -1, -2) * s + sdpa_mask(mask)
    if is_causal:
        z = z + causal_mask(q.shape[-2], k.shape[-2])
    return softmax_rows(z)


def sdpa(q, k, v, mask=None, is_causal=False, scale=None, enable_gqa=False):
    """softmax(q k^T * scale + mask) v; with enable_gqa, each key/value head serves
    Hq / Hkv consecutive query heads."""
    k, v = f64(k), f64(v)
    if enable_gqa:
        k = np.repeat(k, q.shape[-3] // k.shape[-3], axis=-3)
        v = np.repeat(v, q.shape[-3] // v.shape[-3], axis=-3)
    return attention_weights(q, k, mask, is_causal, scale) @ v


# ---------------------------------------------------------------------------------------------
# parameters as one flat vector

def mha_param_shapes(E, kdim=None, vdim=None, bias=True, add_bias_kv=False):
    kdim, vdim = kdim or E, vdim or E
    shapes = [("in_proj_weight", (3 * E, E))] if kdim == E and vdim == E else \
        [("q_proj_weight", (E, E)), ("k_proj_weight", (E, kdim)), ("v_proj_weight", (E, vdim))]
    if bias:
        shapes.append(("in_proj_bias", (3 * E,)))
    if add_bias_kv:
        shapes += [("bias_k", (1, 1, E)), ("bias_v", (1, 1, E))]
    shapes.append(("out_proj.weight", (E, E)))
    if bias:
        shapes.append(("out_proj.bias", (E,)))
    return shapes


def _prefixed(prefix, shapes):
    return [(prefix + n, s) for n, s in shapes]


def _linear_shapes(name, fin, fout, bias):
    return [(f"{name}.weight", (fout, fin))] + ([(f"{name}.bias", (fout,))] if bias else [])


def _norm_shapes(name, E, bias):
    return [(f"{name}.weight", (E,))] + ([(f"{name}.bias", (E,))] if bias else [])


def encoder_layer_param_shapes(E, F, bias=True):
    return (_prefixed("self_attn.", mha_param_shapes(E, bias=bias)) + _linear_shapes("linear1", E, F, bias)
            + _linear_shapes("linear2", F, E, bias) + _norm_shapes("norm1", E, bias) + _norm_shapes("norm2", E, bias))


def decoder_layer_param_shapes(E, F, bias=True):
    return (_prefixed("self_attn.", mha_param_shapes(E, bias=bias))
            + _prefixed("multihead_attn.", mha_param_shapes(E, bias=bias)) + _linear_shapes("linear1", E, F, bias)
            + _linear_shapes("linear2", F, E, bias) + _norm_shapes("norm1", E, bias) + _norm_shapes("norm2", E, bias)
            + _norm_shapes("norm3", E, bias))


def stack_param_shapes(layer_shapes, n, E=None):
    """TransformerEncoder/Decoder: layers.0..., layers.n-1..., then norm.weight/norm.bias when E is given."""
    out = []
    for i in range(n):
        out += _prefixed(f"layers.{i}.", layer_shapes)
    return out + (_norm_shapes("norm", E, True) if E is not None else [])


def transformer_param_shapes(E, F, n_enc, n_dec):
    return (_prefixed("encoder.", stack_param_shapes(encoder_layer_param_shapes(E, F), n_enc, E))
            + _prefixed("decoder.", stack_param_shapes(decoder_layer_param_shapes(E, F), n_dec, E)))


def size(shapes):
    return sum(int(np.prod(s)) for _, s in shapes)


def unpack(p, shapes):
    out, o = {}, 0
    for name, shape in shapes:
        n = int(np.prod(shape))
        out[name] = f64(p[o:o + n]).reshape(shape)
        o += n
    return out


def sub(params, prefix):
    return {k[len(prefix):]: v for k, v in params.items() if k.startswith(prefix)}


# ---------------------------------------------------------------------------------------------
# multi-head attention (torch.nn.MultiheadAttention)

def mha_mask(mask):
    """An MHA mask (attn_mask or key_padding_mask) as additive float: a bool mask's True is masked."""
    if mask is None:
        return None
    mask = np.asarray(mask)
    return np.where(mask, -np.inf, 0.0) if mask.dtype == bool else f64(mask)


def _pad_key(mask):
    return None if mask is None else np.concatenate([mask, np.zeros(mask.shape[:-1] + (1,))], axis=-1)


def mha(query, key, value, P, num_heads, key_padding_mask=None, attn_mask=None, need_weights=True,
        average_attn_weights=True, add_zero_attn=False, batch_first=False, training_dropout=None):
    """The forward of MultiheadAttention with parameters P (names as mha_param_shapes). Returns
    (output, weights or None) in the input's layout: (L, N, E), (N, L, E) with batch_first, or (L, E)."""
    query, key, value = f64(query), f64(key), f64(value)
    unbatched = query.ndim == 2
    if unbatched:
        query, key, value = query[:, None], key[:, None], value[:, None]
        key_padding_mask = None if key_padding_mask is None else np.asarray(key_padding_mask)[None]
    elif batch_first:
        query, key, value = (np.swapaxes(t, 0, 1) for t in (query, key, value))
    L, N, E = query.shape
    H = num_heads
    hd = E // H
    if "in_proj_weight" in P:
        wq, wk, wv = np.split(P["in_proj_weight"], 3)
    else:
        wq, wk, wv = P["q_proj_weight"], P["k_proj_weight"], P["v_proj_weight"]
    bq, bk, bv = np.split(P["in_proj_bias"], 3) if "in_proj_bias" in P else (0.0, 0.0, 0.0)
    q, k, v = query @ wq.T + bq, key @ wk.T + bk, value @ wv.T + bv
    am, kpm = mha_mask(attn_mask), mha_mask(key_padding_mask)
    if "bias_k" in P:
        k = np.concatenate([k, np.broadcast_to(P["bias_k"], (1, N, E))])
        v = np.concatenate([v, np.broadcast_to(P["bias_v"], (1, N, E))])
        am, kpm = _pad_key(am), _pad_key(kpm)

    def heads(t):
        return t.reshape(t.shape[0], N, H, hd).transpose(1, 2, 0, 3)
    q, k, v = heads(q), heads(k), heads(v)
    if add_zero_attn:
        k = np.concatenate([k, np.zeros((N, H, 1, hd))], axis=2)
        v = np.concatenate([v, np.zeros((N, H, 1, hd))], axis=2)
        am, kpm = _pad_key(am), _pad_key(kpm)
    S = k.shape[2]
    z = q @ k.transpose(0, 1, 3, 2) / math.sqrt(hd)
    if am is not None:
        z = z + (am.reshape(N, H, L, S) if am.ndim == 3 else am)
    if kpm is not None:
        z = z + kpm.reshape(N, 1, 1, S)
    w = softmax_rows(z)
    out = (w @ v).transpose(2, 0, 1, 3).reshape(L, N, E) @ P["out_proj.weight"].T
    out = out + P.get("out_proj.bias", 0.0)
    weights = (w.mean(axis=1) if average_attn_weights else w) if need_weights else None
    if unbatched:
        return out[:, 0], (None if weights is None else weights[0])
    if batch_first:
        out = np.swapaxes(out, 0, 1)
    return out, weights


# ---------------------------------------------------------------------------------------------
# Transformer layers

def layer_norm(x, w, b, eps):
    mu = x.mean(axis=-1, keepdims=True)
    var = ((x - mu) ** 2).mean(axis=-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * w + (0.0 if b is None else b)


def _norm(P, name, eps):
    return lambda x: layer_norm(x, P[f"{name}.weight"], P.get(f"{name}.bias"), eps)


def _ff(P, activation):
    act = ACTIVATIONS[activation][0] if isinstance(activation, str) else activation

    def block(x):
        h = act(x @ P["linear1.weight"].T + P.get("linear1.bias", 0.0))
        return h @ P["linear2.weight"].T + P.get("linear2.bias", 0.0)
    return block


def encoder_layer(src, P, nhead, norm_first=False, activation="relu", eps=1e-5, batch_first=False,
                  src_mask=None, src_key_padding_mask=None):
    """Post-norm: x = norm1(x + SA(x)); x = norm2(x + FF(x)). Pre-norm: x = x + SA(norm1(x));
    x = x + FF(norm2(x)). SA is self-attention, FF linear2(activation(linear1(x)))."""
    A = sub(P, "self_attn.")

    def sa(x):
        return mha(x, x, x, A, nhead, key_padding_mask=src_key_padding_mask, attn_mask=src_mask,
                   need_weights=False, batch_first=batch_first)[0]
    ff, n1, n2 = _ff(P, activation), _norm(P, "norm1", eps), _norm(P, "norm2", eps)
    x = f64(src)
    if norm_first:
        x = x + sa(n1(x))
        return x + ff(n2(x))
    x = n1(x + sa(x))
    return n2(x + ff(x))


def decoder_layer(tgt, memory, P, nhead, norm_first=False, activation="relu", eps=1e-5, batch_first=False,
                  tgt_mask=None, memory_mask=None, tgt_key_padding_mask=None, memory_key_padding_mask=None):
    """Self-attention on tgt, cross-attention to memory, feed-forward; each residual, post- or pre-norm."""
    A, C = sub(P, "self_attn."), sub(P, "multihead_attn.")
    mem = f64(memory)

    def sa(x):
        return mha(x, x, x, A, nhead, key_padding_mask=tgt_key_padding_mask, attn_mask=tgt_mask,
                   need_weights=False, batch_first=batch_first)[0]

    def ca(x):
        return mha(x, mem, mem, C, nhead, key_padding_mask=memory_key_padding_mask, attn_mask=memory_mask,
                   need_weights=False, batch_first=batch_first)[0]
    ff = _ff(P, activation)
    n1, n2, n3 = _norm(P, "norm1", eps), _norm(P, "norm2", eps), _norm(P, "norm3", eps)
    x = f64(tgt)
    if norm_first:
        x = x + sa(n1(x))
        x = x + ca(n2(x))
        return x + ff(n3(x))
    x = n1(x + sa(x))
    x = n2(x + ca(x))
    return n3(x + ff(x))


def encoder(src, P, n_layers, nhead, norm=True, **kw):
    mask, kpm = kw.pop("mask", None), kw.pop("src_key_padding_mask", None)
    x = f64(src)
    for i in range(n_layers):
        x = encoder_layer(x, sub(P, f"layers.{i}."), nhead, src_mask=mask, src_key_padding_mask=kpm, **kw)
    return layer_norm(x, P["norm.weight"], P["norm.bias"], kw.get("eps", 1e-5)) if norm else x


def decoder(tgt, memory, P, n_layers, nhead, norm=True, tgt_mask=None, memory_mask=None, tgt_key_padding_mask=None,
            memory_key_padding_mask=None, **kw):
    x = f64(tgt)
    for i in range(n_layers):
        x = decoder_layer(x, memory, sub(P, f"layers.{i}."), nhead, tgt_mask=tgt_mask, memory_mask=memory_mask,
                          tgt_key_padding_mask=tgt_key_padding_mask,
                          memory_key_padding_mask=memory_key_padding_mask, **kw)
    return layer_norm(x, P["norm.weight"], P["norm.bias"], kw.get("eps", 1e-5)) if norm else x


def transformer(src, tgt, P, n_enc, n_dec, nhead, src_mask=None, tgt_mask=None, memory_mask=None,
                src_key_padding_mask=None, tgt_key_padding_mask=None, memory_key_padding_mask=None, **kw):
    memory = encoder(src, sub(P, "encoder."), n_enc, nhead, mask=src_mask, src_key_padding_mask=src_key_padding_mask,
                     **kw)
    return decoder(tgt, memory, sub(P, "decoder."), n_dec, nhead, tgt_mask=tgt_mask, memory_mask=memory_mask,
                   tgt_key_padding_mask=tgt_key_padding_mask, memory_key_padding_mask=memory_key_padding_mask, **kw)


def square_subsequent_mask(sz):
    """Transformer.generate_square_subsequent_mask: -inf above the diagonal, 0 on and below it."""
    return np.triu(np.full((sz, sz), -np.inf), 1)
