"""Planted bugs in nn's core: Module bookkeeping, init, Linear, activations, losses and the fused
cross-entropy kernel, utils. Each names the spec files that must catch it."""
_MOD = "reference/nn/modules/module.py"
_INIT = "reference/nn/init.py"
_ACT = "reference/nn/functional/_activation.py"
_LOSS = "reference/nn/functional/_loss.py"
_KERN = "reference/backends/cpu/loss_kernels.py"
_LIN = "reference/backends/cpu/linear_layer.py"
_T_MOD = ["spec_tests/test_nn_module.py"]
_T_INIT = ["spec_tests/test_nn_init.py"]
_T_ACT = ["spec_tests/test_nn_activation.py"]
_T_LOSS = ["spec_tests/test_nn_loss.py"]

MUTANTS = [
    # the fused layer (contiguous float32/float64 operands: what a model's Linear sees)
    dict(id="nn.linear-drops-bias", path=_LIN,
         old="    if has_bias:\n        _add_rows(out, b)\n", new="",
         tests=["spec_tests/test_nn_module.py", "spec_tests/test_nn_containers.py"]),
    dict(id="nn.linear-bias-grad-doubled", path=_LIN,
         old="            acc[j] += g[i, j]\n", new="            acc[j] += 2 * g[i, j]\n", tests=_T_MOD + _T_LOSS),
    dict(id="nn.linear-input-grad-skipped", path=_LIN,
         old="    if want_x:\n        np.dot(g, w, gx)\n", new="", tests=_T_MOD),
    dict(id="nn.linear-weight-grad-untransposed", path=_LIN,
         old="np.dot(g.T, x, gw)", new="np.dot(g.T[::-1], x, gw)", tests=_T_MOD),
    # the unfused path: strided operands (drawn by the spec's layouts)
    dict(id="nn.linear-bias-grad-wrong-axis", path="reference/nn/functional/_linear.py",
         old='gb = _reduce("sum", g, (0,), False, g.dtype) if', new='gb = _reduce("sum", g, (0,), False, g.dtype) * 2 if',
         tests=["spec_tests/test_nn_module.py::test_linear_grad_strided_input"]),
    # relu's fused backward (threshold_backward) and its clipped positions
    dict(id="nn.relu-grad-passes-at-clipped", path="reference/backends/cpu/activation_grads.py",
         old="g[k] if y[k] > threshold else 0", new="g[k] if y[k] >= threshold else 0", tests=_T_ACT),
    dict(id="nn.relu-grad-nan-through-clipped", path="reference/_ops/_grad_utils.py",
         old="        return g.where(y > threshold, 0)\n", new="        return g * (y > threshold)\n",
         tests=["spec_tests/test_nn_activation.py::test_relu_grad_clipped_positions"]),
    # the differentiable backward that create_graph takes (the line above is the kernels' fast path)
    dict(id="nn.linear-create-graph-bias-grad-doubled", path="reference/nn/functional/_linear.py",
         old="gb = g.sum(0) if", new="gb = g.sum(0) * 2 if", tests=["spec_tests/test_nn_double_backward.py"]),
    dict(id="nn.state-dict-saves-non-persistent", path=_MOD,
         old="if b is not None and name not in self._non_persistent_buffers_set:",
         new="if b is not None:", tests=_T_MOD),
    dict(id="nn.parameters-lists-shared-twice", path=_MOD,
         old="if v is None or (remove_duplicate and id(v) in memo):", new="if v is None:", tests=_T_MOD),
    dict(id="nn.load-state-dict-no-unexpected-keys", path=_MOD,
         old="                        unexpected_keys.append(key)", new="                        pass", tests=_T_MOD),
    dict(id="nn.zero-grad-keeps-grads", path=_MOD,
         old="                p.grad = None", new="                p.grad = p.grad", tests=_T_MOD),
    dict(id="nn.init-kaiming-swaps-fan-mode", path=_INIT,
         old='return fan_in if mode == "fan_in" else fan_out', new='return fan_out if mode == "fan_in" else fan_in',
         tests=_T_INIT),
    dict(id="nn.init-leaky-relu-gain-unsquared", path=_INIT,
         old="return math.sqrt(2.0 / (1 + slope ** 2))", new="return math.sqrt(2.0 / (1 + slope))", tests=_T_INIT),
    dict(id="nn.init-xavier-ignores-fan-out", path=_INIT,
         old="std = gain * math.sqrt(2.0 / float(fan_in + fan_out))\n    bound",
         new="std = gain * math.sqrt(2.0 / float(fan_in + fan_in))\n    bound", tests=_T_INIT),
    dict(id="nn.gelu-tanh-wrong-cubic", path=_ACT, old="_GELU_CUBIC = 0.044715", new="_GELU_CUBIC = 0.04715",
         tests=_T_ACT),
    dict(id="nn.elu-backward-drops-alpha", path=_ACT,
         old="neg = E.exp(x * input_scale) * (alpha * scale * input_scale)",
         new="neg = E.exp(x * input_scale) * (scale * input_scale)", tests=_T_ACT),
    dict(id="nn.ce-kernel-target-grad-halved", path=_KERN,
         old="    grad[n, t] -= a\n", new="    grad[n, t] -= a * 0.5\n", tests=_T_LOSS),
    dict(id="nn.ce-mean-ignores-class-weights", path=_KERN,
         old="        weights += rows[1, n]\n", new="        weights += 1.0 if rows[1, n] > 0 else 0.0\n", tests=_T_LOSS),
    dict(id="nn.ce-smoothing-spread-over-c-minus-1", path=_KERN,
         old="(smoothing / c if c else 0.0)", new="(smoothing / (c - 1) if c > 1 else 0.0)", tests=_T_LOSS),
    dict(id="nn.ce-reduced-gradient-ignores-divisor", path=_KERN,
         old="    scale = (g[n] if g.shape[0] == x.shape[0] else g[0]) / div\n",
         new="    scale = g[n] if g.shape[0] == x.shape[0] else g[0]\n", tests=_T_LOSS),
    dict(id="nn.bce-logits-pos-weight-off-by-one", path=_LOSS,
         old="coef = (pos_weight - 1) * target + 1", new="coef = pos_weight * target + 1", tests=_T_LOSS),
    dict(id="nn.huber-uses-smooth-l1", path=_LOSS,
         old="E.where(d <= delta, d * d * 0.5, (d - 0.5 * delta) * delta)",
         new="E.where(d <= delta, d * d * (0.5 / delta), d - 0.5 * delta)", tests=_T_LOSS),
    dict(id="nn.clip-grad-norm-never-clamps", path="reference/nn/utils/clip_grad.py",
         old="coef = min(coef, 1.0) if coef == coef else coef", new="coef = coef",
         tests=["spec_tests/test_nn_utils.py"]),
    dict(id="nn.ctc-allows-skipping-between-repeats", path=_KERN,
         old="                if s >= 2 and c != blank and c != _ext_label(targets, n, s - 2, blank):\n                    a = _lse2",
         new="                if s >= 2 and c != blank:\n                    a = _lse2", tests=_T_LOSS),
    dict(id="nn.ce-exp-polynomial-truncated", path=_KERN,
         old="1.0 / 5040 + r * (1.0 / 40320 + r * (1.0 / 362880 + r * (1.0 / 3628800))))))))))",
         new="1.0 / 5040 * 0)))))))", tests=_T_LOSS),
]

# trunc_normal_ by inverse transform
MUTANTS += [
    dict(id="nn.trunc-normal-mirror-not-undone", path=_INIT,
         old="values = np.clip(mean + std * (-z if flip else z), a, b)", new="values = mean + std * z", tests=_T_INIT),
    dict(id="nn.trunc-normal-no-tail-warning", path=_INIT,
         old="    if mean < a - 2 * std or mean > b + 2 * std:\n", new="    if False:\n", tests=_T_INIT),
    dict(id="nn.trunc-normal-empty-interval-accepted", path=_INIT,
         old="    if a > b:\n        raise RuntimeError", new="    if False:\n        raise RuntimeError", tests=_T_INIT),
]
