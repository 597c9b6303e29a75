"""Planted bugs in attention and the Transformer layers (the masked softmax kernel, SDPA, multi-head
attention, the layers and their stacks); each must fail the spec file(s) named with it."""
_K = "reference/backends/cpu/attention_kernels.py"
_F = "reference/nn/functional/_attention.py"
_M = "reference/nn/modules/attention.py"
_TR = "reference/nn/modules/transformer.py"
_ATT_T = ["spec_tests/test_nn_attention.py"]
_TR_T = ["spec_tests/test_nn_transformer.py"]

MUTANTS = [
    dict(id="nn.attention-causal-includes-next-key", path=_K,
         old="top = min(S, l + 1) if causal else S", new="top = min(S, l + 2) if causal else S", tests=_ATT_T),
    dict(id="nn.attention-softmax-grad-drops-mean-term", path=_K,
         old="d = y[r, s] * (g[r, s] - dot)", new="d = y[r, s] * g[r, s]", tests=_ATT_T),
    dict(id="nn.attention-mask-ignored", path=_K,
         old="row[s] = scale * np.float64(x[r, s]) + mrow[s]", new="row[s] = scale * np.float64(x[r, s])",
         tests=_ATT_T),
    dict(id="nn.sdpa-bool-mask-inverted", path=_F,
         old="attn_mask.logical_not(), _NEG_INF)", new="attn_mask, _NEG_INF)", tests=_ATT_T),
    dict(id="nn.sdpa-scale-sqrt-missing", path=_F,
         old="s = 1.0 / math.sqrt(query.shape[-1]) if scale is None else float(scale)",
         new="s = 1.0 / query.shape[-1] if scale is None else float(scale)", tests=_ATT_T),
    dict(id="nn.mha-key-padding-mask-per-query", path=_F,
         old="kpm = key_padding_mask.reshape(bsz, 1, 1, src_len)",
         new="kpm = key_padding_mask.reshape(bsz, 1, src_len, 1).transpose(-1, -2)\n"
             "        kpm = kpm.flip(-1)", tests=_ATT_T),
    dict(id="nn.mha-bias-kv-without-mask-padding", path=_F,
         old="        attn_mask = pad(attn_mask, (0, 1)) if attn_mask is not None else None\n"
             "        key_padding_mask = pad(key_padding_mask, (0, 1)) if key_padding_mask is not None else None\n"
             "    elif",
         new="        attn_mask = pad(attn_mask, (0, 1), value=float('-inf')) if attn_mask is not None else None\n"
             "        key_padding_mask = pad(key_padding_mask, (0, 1)) if key_padding_mask is not None else None\n"
             "    elif", tests=_ATT_T),
    dict(id="nn.mha-weights-not-averaged", path=_F,
         old="weights = attn.mean(dim=1) if average_attn_weights else attn",
         new="weights = attn.sum(dim=1) if average_attn_weights else attn", tests=_ATT_T),
    dict(id="nn.mha-init-in-proj-bias-random", path=_M,
         old="            init.constant_(self.in_proj_bias, 0.0)\n",
         new="            init.uniform_(self.in_proj_bias, -0.1, 0.1)\n", tests=_ATT_T),
    dict(id="nn.transformer-pre-norm-as-post-norm", path=_TR,
         old="            x = x + self._sa_block(self.norm1(x), src_mask, src_key_padding_mask, is_causal)\n"
             "            return x + self._ff_block(self.norm2(x))",
         new="            x = self.norm1(x + self._sa_block(x, src_mask, src_key_padding_mask, is_causal))\n"
             "            return self.norm2(x + self._ff_block(x))", tests=_TR_T),
    dict(id="nn.transformer-decoder-cross-attention-ignores-memory-mask", path=_TR,
         old="x = self.multihead_attn(x, mem, mem, attn_mask=attn_mask,",
         new="x = self.multihead_attn(x, mem, mem, attn_mask=None,", tests=_TR_T),
    dict(id="nn.transformer-stack-shares-layers", path=_TR,
         old="return ModuleList([copy.deepcopy(module) for _ in range(n)])",
         new="return ModuleList([module for _ in range(n)])", tests=_TR_T),
    dict(id="nn.transformer-mask-diagonal-masked", path=_TR,
         old='full((sz, sz), float("-inf"), device=device, dtype=dtype).triu(diagonal=1)',
         new='full((sz, sz), float("-inf"), device=device, dtype=dtype).triu(diagonal=0)', tests=_TR_T),
]
