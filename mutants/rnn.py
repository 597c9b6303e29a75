"""Planted bugs in the recurrent layers: the fused step kernels (forward gates, backward gates, the exp
they share, the time order), the module's state handling and initialisation, inter-layer dropout, and
the packing utilities; each must fail the spec file(s) named with it."""
_K = "reference/backends/cpu/rnn_kernels.py"
_RNN_T = ["spec_tests/test_nn_rnn.py"]
_MOD_T = ["spec_tests/test_nn_rnn_module.py"]
_UTIL_T = ["spec_tests/test_nn_rnn_utils.py"]

MUTANTS = [
    dict(id="nn.lstm-forget-gate-uses-input-gate", path=_K,
         old="c = f * cprev[r, j] + i * g", new="c = i * cprev[r, j] + i * g", tests=_RNN_T),
    dict(id="nn.gru-update-gate-swapped", path=_K,
         old="hnew[r, j] = (1.0 - z) * n + z * hprev[r, j]", new="hnew[r, j] = z * n + (1.0 - z) * hprev[r, j]",
         tests=_RNN_T),
    dict(id="nn.gru-reset-gate-skips-hidden-bias", path=_K,
         old="e[r * hs + j] = 2.0 * (gi[r, g2 + j] + act[r, j] * hn)",
         new="e[r * hs + j] = 2.0 * (gi[r, g2 + j] + act[r, j] * gh[r, g2 + j] + hn - gh[r, g2 + j])",
         tests=_RNN_T),
    dict(id="nn.rnn-reverse-direction-runs-forward", path=_K,
         old="return steps - 1 - s if reverse else s", new="return s", tests=_RNN_T),
    dict(id="nn.lstm-backward-forget-gate-derivative", path=_K,
         old="dgates[r, hs + j] = dcn * cprev[r, j] * f * (1.0 - f)", new="dgates[r, hs + j] = dcn * cprev[r, j] * f",
         tests=_RNN_T),
    dict(id="nn.gru-backward-hidden-n-gate-unscaled", path=_K,
         old="dgh[r, 2 * hs + j] = dn * rg", new="dgh[r, 2 * hs + j] = dn", tests=_RNN_T),
    dict(id="nn.rnn-exp-polynomial-wrong-term", path=_K,
         old="        p = p * r + 0.5\n", new="        p = p * r + 0.25\n", tests=_RNN_T),
    dict(id="nn.rnn-packed-initial-state-not-sorted", path="reference/nn/modules/rnn.py",
         old="            h0 = h0.index_select(1, sorted_indices)\n", new="            h0 = h0\n", tests=_RNN_T),
    dict(id="nn.rnn-dropout-in-eval", path="reference/nn/functional/_rnn.py",
         old="if dropout > 0 and training and layer < num_layers - 1:",
         new="if dropout > 0 and layer < num_layers - 1:", tests=_RNN_T),
    dict(id="nn.rnn-init-bound-from-input-size", path="reference/nn/modules/rnn.py",
         old="""    def reset_parameters(self):
        stdv = 1.0 / math.sqrt(self.hidden_size) if self.hidden_size > 0 else 0
        for weight in self.parameters():
            init.uniform_(weight, -stdv, stdv)

    def flatten_parameters(self):""",
         new="""    def reset_parameters(self):
        stdv = 1.0 / math.sqrt(self.input_size) if self.hidden_size > 0 else 0
        for weight in self.parameters():
            init.uniform_(weight, -stdv, stdv)

    def flatten_parameters(self):""", tests=_MOD_T),
    dict(id="nn.pad-packed-keeps-sorted-order", path="reference/nn/utils/rnn.py",
         old="        padded = padded.index_select(1, unsorted_indices)\n", new="        padded = padded\n",
         tests=_UTIL_T),
]
