"""Planted bugs in the division-by-zero corners of the layer kernels and their op layers (norms,
pooling, convolution): each caught by the eps=0 / zero-divisor / non-positive-geometry spec rows."""
NORM = "spec_tests/test_nn_norm.py"
EPS0 = [NORM + "::test_eps_zero_constant_groups", NORM + "::test_instance_norm_eps_zero_mixed"]
BN_EPS = [NORM + "::test_batch_norm_eps_errors"]
POOL = "spec_tests/test_nn_pooling.py"
CONV_ERRORS = ["spec_tests/test_nn_conv.py::test_conv_errors"]
CPU_NORM = "reference/backends/cpu/norm_kernels.py"
CUDA_NORM = "reference/backends/cuda/norm_kernels.py"
FNORM = "reference/nn/functional/_normalization.py"
SIM = dict(env={"NUMBA_ENABLE_CUDASIM": "1"}, args=["--device=cuda", "--hypothesis-profile=cudasim"])

MUTANTS = [
    # the python error model put back: eps=0 on a constant row raises ZeroDivisionError, not NaN
    dict(id="norms.kernels-raise-on-zero-division", path=CPU_NORM,
         old='_opts = dict(cache=True, nogil=True, error_model="numpy")', new="_opts = dict(cache=True, nogil=True)",
         tests=EPS0),
    # instance norm's zero-variance rule dropped in the kernel: a constant instance gives NaN, not its bias
    dict(id="norms.instance-norm-zero-invstd-rule-dropped", path=CPU_NORM,
         old="    if v == 0.0 and eps == 0.0:\n        return 0.0\n", new="", tests=EPS0),
    # instance norm taking group norm's statistics (plain 1 / sqrt(var + eps)) instead of batch norm's
    dict(id="norms.instance-norm-without-batch-stats", path=FNORM,
         old="return _group_norm(input, input.shape[1], weight, bias, eps, True)",
         new="return _group_norm(input, input.shape[1], weight, bias, eps, False)", tests=EPS0),
    # the zero-variance rule applied to group norm too (torch gives NaN there)
    dict(id="norms.group-norm-takes-batch-stats", path=FNORM,
         old="    return _group_norm(input, num_groups, weight, bias, eps, False)",
         new="    return _group_norm(input, num_groups, weight, bias, eps, True)", tests=EPS0),
    # the rule dropped from the differentiable backward (create_graph): rsqrt(0) gives NaN second derivatives
    dict(id="norms.instance-norm-double-backward-rule-dropped", path=FNORM,
         old="        if batch_stats and eps == 0:\n", new="        if False:\n",
         tests=[NORM + "::test_eps_zero_constant_groups"]),
    # batch norm accepting eps=0 in training / a negative eps in eval
    dict(id="norms.batch-norm-training-accepts-eps-zero", path=FNORM,
         old="    if training and eps <= 0.0:", new="    if training and eps < 0.0:", tests=BN_EPS),
    dict(id="norms.batch-norm-eval-accepts-negative-eps", path=FNORM,
         old="    if eps < 0.0:\n        raise ValueError", new="    if eps < -1.0:\n        raise ValueError",
         tests=BN_EPS),
    # a negative divisor_override ignored (the window's count used instead)
    dict(id="norms.avg-pool-negative-divisor-ignored", path="reference/backends/cpu/pool_kernels.py",
         old="    if divisor != 0:\n        return divisor\n", new="    if divisor > 0:\n        return divisor\n",
         tests=[POOL + "::test_avg_pool_negative_divisor"]),
    # max pooling accepting a zero dilation
    dict(id="norms.max-pool-zero-dilation-accepted", path="reference/nn/functional/_pooling.py",
         old="    if any(v <= 0 for v in d):\n        if nd == 1:",
         new="    if any(v < 0 for v in d):\n        if nd == 1:",
         tests=[POOL + "::test_pool_errors"]),
    # convolution dividing by a zero groups / stride instead of refusing them
    dict(id="norms.conv-zero-groups-accepted", path="reference/nn/functional/_conv.py",
         old="    if groups <= 0:", new="    if groups < 0:", tests=CONV_ERRORS),
    dict(id="norms.conv-zero-stride-accepted", path="reference/nn/functional/_conv.py",
         old="    if any(v <= 0 for v in s):", new="    if any(v < 0 for v in s):", tests=CONV_ERRORS),
    # an empty training batch normalised by the kernels: its NaN statistics (0 / 0) reach the running ones
    dict(id="norms.batch-norm-empty-batch-updates-running-stats", path=FNORM,
         old="    if input.numel() == 0:  # torch leaves the running statistics alone\n"
             "        return _empty_norm(input, weight, bias, (1, c) + (1,) * (input.dim() - 2))\n",
         new="    if input.numel() == 0 and not training:\n"
             "        return _empty_norm(input, weight, bias, (1, c) + (1,) * (input.dim() - 2))\n",
         tests=[NORM + "::test_empty_inputs"]),
    # adaptive pooling over an empty spatial dim not refused
    dict(id="norms.adaptive-pool-empty-spatial-accepted", path="reference/nn/functional/_pooling.py",
         old="        if sizes[i] == 0:\n", new="        if sizes[i] < 0:\n", tests=[POOL + "::test_pool_errors"]),
    # the CUDA twin of the instance-norm rule dropped
    dict(id="norms.cuda-instance-norm-zero-invstd-rule-dropped", path=CUDA_NORM,
         old="    if v == 0.0 and eps == 0.0:\n        return dm.acc64(0.0)\n", new="", tests=EPS0, **SIM),
]
