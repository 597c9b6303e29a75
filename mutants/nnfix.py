"""Planted bugs in the layers' differentiable-twice backwards (composite paths taken under
create_graph=True); each must fail the spec file(s) named with it."""
_F = "reference/nn/functional/"
_TWICE_T = ["spec_tests/test_nn_double_backward.py"]

MUTANTS = [
    dict(id="nnfix.conv-double-backward-detaches-grad", path=_F + "_conv.py",
         old="dcols = (w3.transpose(-1, -2) @ g3).reshape(n, c * kh * kw, blocks)",
         new="dcols = (w3.transpose(-1, -2) @ g3.detach()).reshape(n, c * kh * kw, blocks)", tests=_TWICE_T),
    dict(id="nnfix.conv-transpose-weight-grad-misses-groups", path=_F + "_conv.py",
         old="x3 = x4.reshape(n, groups, cin // groups, h * wd)",
         new="x3 = x4.reshape(n, 1, cin, h * wd)[:, :, :cin // groups].expand(n, groups, cin // groups, h * wd)",
         tests=_TWICE_T),
    dict(id="nnfix.avg-pool-backward-not-recorded", path=_F + "_pooling.py",
         old='record_linear("AvgPool2DBackwardBackward0", g, gx, again)', new="pass", tests=_TWICE_T),
    dict(id="nnfix.max-pool-double-backward-gathers-nothing", path=_F + "_pooling.py",
         old="lambda gg: _gather_planes(gg, idx, nd)", new="lambda gg: _gather_planes(gg * 0, idx, nd)",
         tests=_TWICE_T),
    dict(id="nnfix.norm-double-backward-drops-variance-term", path=_F + "_normalization.py",
         old="- xhat * (gxhat * xhat).mean(stat_dims, keepdim=True))", new=")", tests=_TWICE_T),
    dict(id="nnfix.cross-entropy-double-backward-smoothing-sign", path=_F + "_loss.py",
         old="grad = grad + (p * wc.sum() - wc)", new="grad = grad - (p * wc.sum() - wc)", tests=_TWICE_T),
]

_HALF_T = ["spec_tests/test_nn_float16.py"]
MUTANTS += [
    dict(id="nnfix.half-layer-returns-float32", path=_F + "_half.py",
         old="    return out.to(D.float16)", new="    return out", tests=_HALF_T),
    dict(id="nnfix.half-conv-drops-bias", path=_F + "_conv.py",
         old="groups, what), x, w, b)", new="groups, what), x, w, None)", tests=_HALF_T),
    dict(id="nn.ctc-double-backward-silently-constant", path="reference/nn/functional/_loss.py",
         old="        record(\"NotImplemented\", _d_ctc_twice, (log_probs, g), grad)\n", new="",
         tests=["spec_tests/test_nn_double_backward.py"]),
]

# interpolate differentiated twice (area through adaptive average pooling, antialias through its matrices)
MUTANTS += [
    dict(id="nnfix.antialias-double-backward-detaches-grad", path="reference/nn/functional/_antialias.py",
         old="(g @ ctx._saved_cols)", new="(g.detach() @ ctx._saved_cols)", tests=_TWICE_T),
    dict(id="nnfix.adaptive-avg-backward-not-recorded", path=_F + "_pooling.py",
         old='record_linear("AdaptiveAvgPool2DBackwardBackward0", g, gx, lambda gg: _adaptive(nd, gg, outs, "avg"))',
         new="pass", tests=_TWICE_T),
]
