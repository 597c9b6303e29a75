"""Planted bugs in the CUDA backend (reference/backends/cuda), each caught by the spec run on
--device=cuda under numba's CUDA simulator."""
CUDA = "reference/backends/cuda/"
SIM = dict(env={"NUMBA_ENABLE_CUDASIM": "1"}, args=["--device=cuda", "--hypothesis-profile=cudasim"])

MUTANTS = [
    # elementwise launch: the output read through the first operand's strides, not its own
    dict(id="cuda.elementwise-output-takes-operand-strides", path=CUDA + "backend.py",
         old="    st = list(cstrides[1:]) + [cstrides[0]]\n",
         new="    st = list(cstrides[1:]) + [cstrides[1 if len(cstrides) > 1 else 0]]\n",
         tests=["spec_tests/test_inplace.py::test_inplace_tensor", "spec_tests/test_broadcasting.py"], **SIM),
    # block tree reduction: the first level halves the block twice, dropping half the partial sums
    dict(id="cuda.tree-sum-drops-half-the-partials", path=CUDA + "reduce_kernels.py",
         old="            width = REDUCE_THREADS // 2\n", new="            width = REDUCE_THREADS // 4\n",
         tests=["spec_tests/test_reductions.py::test_reduce", "spec_tests/test_reductions.py::test_sum_item"], **SIM),
    # variance: the correction argument ignored (always Bessel's)
    dict(id="cuda.var-ignores-correction", path=CUDA + "reduce_kernels.py",
         old="ss / max(R - correction, 0.0)", new="ss / max(R - 1, 0.0)",
         tests=["spec_tests/test_reductions.py::test_var_std", "spec_tests/test_reductions.py::test_var_unbiased"],
         **SIM),
    # log_softmax: the log-sum subtracted with the wrong sign
    dict(id="cuda.log-softmax-adds-logsum", path=CUDA + "reduce_kernels.py",
         old="X[base + r * xs1] - m - ls", new="X[base + r * xs1] - m + ls",
         tests=["spec_tests/test_reductions.py::test_softmax"], **SIM),
    # tiled matmul: the tile of a loaded as if its rows were contiguous (its column stride ignored)
    dict(id="cuda.matmul-tile-ignores-column-stride", path=CUDA + "matmul_kernels.py",
         old="A[abase + row * as1 + ka * as2]", new="A[abase + row * as1 + ka]",
         tests=["spec_tests/test_linalg.py::test_matmul"], **SIM),
    # gather: the outer and inner offsets of an advanced index swapped
    dict(id="cuda.gather-swaps-outer-inner", path=CUDA + "index_kernels.py",
         old="        out[oo + e] = src[outer[e // m] + inner[e % m]]",
         new="        out[oo + e] = src[outer[e % outer.shape[0]] + inner[e // outer.shape[0] % m]]",
         tests=["spec_tests/test_indexing.py"], **SIM),
    # convolution input gradient: strided outputs credited to inputs between the stride's steps
    dict(id="cuda.conv-input-grad-ignores-stride-phase", path=CUDA + "conv_kernels.py",
         old="                if ty < 0 or ty % sh != 0 or ty // sh >= oh:\n                    continue\n"
             "                y = ty // sh\n",
         new="                if ty < 0 or ty // sh >= oh:\n                    continue\n"
             "                y = ty // sh\n",
         tests=["spec_tests/test_nn_conv.py::test_conv_grad", "spec_tests/test_nn_conv.py::test_conv_value"], **SIM),
    # batch norm backward in eval mode: the batch-statistics terms of training mode applied
    dict(id="cuda.batch-norm-eval-grad-uses-batch-stats", path=CUDA + "norm_kernels.py",
         old="            a = sg / m if training else 0.0\n", new="            a = sg / m\n",
         tests=["spec_tests/test_nn_norm.py::test_batch_norm_grad_eval"], **SIM),
    # SGD momentum on the device: the old buffer not decayed by momentum
    dict(id="cuda.sgd-momentum-not-decayed", path=CUDA + "optim_kernels.py",
         old="                b = buf[i] * momentum + one_minus_dampening * g",
         new="                b = buf[i] + one_minus_dampening * g",
         tests=["spec_tests/test_optim.py::test_sgd_trajectory"], **SIM),
]
