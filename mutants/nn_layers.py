"""Planted bugs in the layer kernels and functions (convolution, pooling, norms, dropout, embedding,
pad, interpolate); each must fail the spec file(s) named with it."""
_CONV_K = "reference/backends/cpu/conv_kernels.py"
_POOL_K = "reference/backends/cpu/pool_kernels.py"
_NORM_K = "reference/backends/cpu/norm_kernels.py"
_F = "reference/nn/functional/"
_CONV_T = ["spec_tests/test_nn_conv.py"]
_POOL_T = ["spec_tests/test_nn_pooling.py"]
_NORM_T = ["spec_tests/test_nn_norm.py"]
_MISC_T = ["spec_tests/test_nn_layers_misc.py"]

MUTANTS = [
    dict(id="nn.conv-bias-ignores-group", path=_CONV_K,
         old="b = bias[g * og + o] if has_bias else 0", new="b = bias[o] if has_bias else 0", tests=_CONV_T),
    dict(id="nn.col2im-overwrites-overlaps", path=_CONV_K,
         old="x[n, c, iy, ix] += cols[row, o + z]", new="x[n, c, iy, ix] = cols[row, o + z]", tests=_CONV_T),
    dict(id="nn.pool-ceil-mode-keeps-window-in-right-padding", path=_F + "_pooling.py",
         old="if ceil_mode and (n - 1) * s >= size + p:", new="if False:", tests=_POOL_T),
    dict(id="nn.avg-pool-ignores-divisor-override", path=_F + "_pooling.py",
         old="divisor = int(divisor_override or 0)", new="divisor = 0", tests=_POOL_T),
    dict(id="nn.max-pool-nan-loses", path=_POOL_K,
         old="if v > best or np.isnan(v) or bi < 0:", new="if v > best or bi < 0:", tests=_POOL_T),
    dict(id="nn.batch-norm-running-var-biased", path=_F + "_normalization.py",
         old="unbiased = var * (count / (count - 1)) if count > 1 else var", new="unbiased = var", tests=_NORM_T),
    dict(id="nn.batch-norm-eval-uses-batch-stats", path=_NORM_K,
         old="        if training:\n            s = 0.0", new="        if True:\n            s = 0.0", tests=_NORM_T),
    dict(id="nn.layer-norm-grad-drops-variance-term", path=_NORM_K,
         old="gx[i, j] = r * (gh - a - xh * bq)", new="gx[i, j] = r * (gh - a)", tests=_NORM_T),
    dict(id="nn.group-norm-affine-per-group-channel", path=_NORM_K,
         old="                ch = g * cg + c\n", new="                ch = c\n", tests=_NORM_T),
    dict(id="nn.embedding-padding-row-gets-gradient", path=_F + "_sparse.py",
         old="        gw[padding_idx] = 0", new="        pass", tests=_MISC_T),
    dict(id="nn.pad-reflect-repeats-edge", path=_F + "_vision.py",
         old="i = np.where(i >= size, 2 * (size - 1) - i, i)", new="i = np.where(i >= size, 2 * size - 1 - i, i)",
         tests=_MISC_T),
    dict(id="nn.interpolate-align-corners-ignored", path=_F + "_vision.py",
         old="return o * ((n_in - 1) / (n_out - 1)) if n_out > 1 else np.zeros(n_out)",
         new="return (o + 0.5) * (n_in / n_out) - 0.5", tests=_MISC_T),
    dict(id="nn.interpolate-bicubic-keys-a-half", path=_F + "_vision.py",
         old="_CUBIC_A = -0.75", new="_CUBIC_A = -0.5", tests=_MISC_T),
    dict(id="nn.interpolate-bicubic-clamps-coordinate", path=_F + "_vision.py",
         old="    src = _src_coords(n_in, n_out, scale, align_corners)\n    base",
         new="    src = np.maximum(_src_coords(n_in, n_out, scale, align_corners), 0.0)\n    base", tests=_MISC_T),
    dict(id="nn.interpolate-bicubic-taps-wrap-around", path=_F + "_vision.py",
         old="np.clip(base.astype(np.int64) + np.arange(-1, 3)[:, None], 0, n_in - 1)",
         new="(base.astype(np.int64) + np.arange(-1, 3)[:, None]) % n_in", tests=_MISC_T),
    dict(id="nn.interpolate-area-volume-pools-wrong-axis", path=_F + "_vision.py",
         old="y = adaptive_avg_pool1d(y.transpose(2, 3).reshape(", new="y = adaptive_avg_pool1d(y.reshape(",
         tests=_MISC_T),
    dict(id="nn.dropout-does-not-rescale", path=_F + "_dropout.py",
         old="scaled = keep.to(input.dtype) * (1.0 / (1.0 - p))", new="scaled = keep.to(input.dtype)",
         tests=_MISC_T),
]

# interpolate(..., antialias=True)
_AA = _F + "_antialias.py"
MUTANTS += [
    dict(id="nn.antialias-bicubic-uses-keys-a-075", path=_AA,
         old="_PILLOW_CUBIC_A = -0.5", new="_PILLOW_CUBIC_A = -0.75", tests=_MISC_T),
    dict(id="nn.antialias-filter-not-stretched-when-downsampling", path=_AA,
         old="/ max(s, 1.0))", new=")", tests=_MISC_T),
    dict(id="nn.antialias-weights-not-normalised", path=_AA,
         old="return weights / np.where(totals != 0, totals, 1.0)", new="return weights", tests=_MISC_T),
    dict(id="nn.antialias-align-corners-spacing-ignored", path=_AA,
         old="    if align_corners:\n        s = (n_in - 1)", new="    if False:\n        s = (n_in - 1)", tests=_MISC_T),
    dict(id="nn.antialias-ignores-scale-factor", path=_AA,
         old="s = 1.0 / scale if scale is not None else n_in / n_out", new="s = n_in / n_out", tests=_MISC_T),
    dict(id="nn.antialias-backward-misses-row-filter", path=_AA,
         old="return (ctx._saved_rows.t() @ (g @ ctx._saved_cols),)",
         new="return (ctx._saved_rows.t() @ (ctx._saved_rows @ (ctx._saved_rows.t() @ (g @ ctx._saved_cols))),)",
         tests=_MISC_T),
]
MUTANTS += [
    dict(id="nn.antialias-lanczos-2-lobes", path=_AA,
         old="np.sinc(d) * np.sinc(d / 3)", new="np.sinc(d) * np.sinc(d / 2)", tests=_MISC_T),
    dict(id="nn.lanczos-without-antialias-accepted", path=_F + "_vision.py",
         old="        if not antialias:\n            raise ValueError(\"Lanczos mode requires antialias=True\")\n",
         new="", tests=_MISC_T),
]
