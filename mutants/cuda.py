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
    dict(id="cuda.tree-sum-drops-half-the-partials", path=CUDA + "block_reduce.py",
         old="        part[t] = v\n        cuda.syncthreads()\n        width = threads // 2\n",
         new="        part[t] = v\n        cuda.syncthreads()\n        width = threads // 4\n",
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
    # LSTM step: the forget gate applied to the candidate and the input gate to the old cell
    dict(id="cuda.lstm-swaps-forget-and-input-gates", path=CUDA + "rnn_kernels.py",
         old="        c = f * CP[row * hs + j] + i * g\n", new="        c = i * CP[row * hs + j] + f * g\n",
         tests=["spec_tests/test_nn_rnn.py::test_rnn_value"], **SIM),
    # GRU backward: the hidden part of the n gate's gradient not scaled by r
    dict(id="cuda.gru-grad-hidden-n-unscaled-by-r", path=CUDA + "rnn_kernels.py",
         old="        DGH[base + 2 * hs + j] = dn * rg\n", new="        DGH[base + 2 * hs + j] = dn\n",
         tests=["spec_tests/test_nn_rnn.py::test_rnn_grad"], **SIM),
    # GRU backward: the product carrying dh to the previous step overwrites the z * h share
    dict(id="cuda.row-product-ignores-accumulate", path=CUDA + "row_products.py",
         old="        if accumulate:\n            acc += O[oo + e]\n", new="",
         tests=["spec_tests/test_nn_rnn.py::test_rnn_grad"], **SIM),
    # recurrent backward: the time loop run in the forward's direction
    dict(id="cuda.rnn-backward-loop-forward-in-time", path=CUDA + "rnn_layers.py",
         old="    for o, b in _steps(batch_sizes, not reverse):\n        _rk.rnn_step_backward",
         new="    for o, b in _steps(batch_sizes, reverse):\n        _rk.rnn_step_backward",
         tests=["spec_tests/test_nn_rnn.py::test_rnn_grad"], **SIM),
    # LSTM with a projection: the running state keeps m instead of the projected h
    dict(id="cuda.lstm-projection-not-fed-back", path=CUDA + "rnn_kernels.py",
         old="        Y[row * p + k] = y\n        Hs[r * p + k] = y\n", new="        Y[row * p + k] = y\n",
         tests=["spec_tests/test_nn_rnn.py::test_rnn_value"], **SIM),
    # advanced-index offsets: negative indices not wrapped around
    dict(id="cuda.index-offsets-no-negative-wrap", path=CUDA + "index_kernels.py",
         old="        elif v < 0:\n            v += size\n", new="",
         tests=["spec_tests/test_indexing.py"], **SIM),
    # advanced-index offsets: each index tensor overwrites the offsets of the ones before it
    dict(id="cuda.index-offsets-second-index-overwrites", path=CUDA + "advanced_index.py",
         old="first, slot, flat, n, slot > 0)", new="first, slot, flat, n, False)",
         tests=["spec_tests/test_indexing.py"], **SIM),
    # LU: a row swap does not flip the determinant's sign
    dict(id="cuda.lu-swap-keeps-det-sign", path=CUDA + "linalg_kernels.py",
         old="                s = -s\n", new="",
         tests=["tests/test_cuda_simulator.py"]),  # runs its script under the simulator itself
    # LU solve: back substitution skips the division by U's diagonal
    dict(id="cuda.lu-solve-skips-pivot-division", path=CUDA + "linalg_kernels.py",
         old="            X[base + i * k + j] = acc / LU[lu + i * n + i]\n",
         new="            X[base + i * k + j] = acc\n",
         tests=["spec_tests/test_linalg_decompositions.py::test_inv",
                "spec_tests/test_linalg_decompositions.py::test_solve"], **SIM),
    # Cholesky: the sub-diagonal column multiplied by the pivot instead of divided
    dict(id="cuda.cholesky-multiplies-by-pivot", path=CUDA + "linalg_kernels.py",
         old="                L[base + i * n + j] = t / d\n", new="                L[base + i * n + j] = t * d\n",
         tests=["spec_tests/test_linalg_decompositions.py::test_cholesky"], **SIM),
    # Jacobi eigh: the rotation's tangent always positive, so half the rotations fail to zero their pair
    dict(id="cuda.jacobi-rotation-ignores-theta-sign", path=CUDA + "linalg_kernels.py",
         old="    if theta < 0.0:\n        t = -t\n", new="",
         tests=["spec_tests/test_linalg_decompositions.py::test_eigh_values",
                "spec_tests/test_linalg_decompositions.py::test_eigh_vectors",
                "spec_tests/test_linalg_decompositions.py::test_svd"], **SIM),
    # a Jacobi rotation applied to one line with the sine's sign flipped (eigh and the one-sided SVD)
    dict(id="cuda.jacobi-rotate-pair-sign", path=CUDA + "linalg_kernels.py",
         old="        M[j0 + k * step] = s * x + c * y\n", new="        M[j0 + k * step] = -s * x + c * y\n",
         tests=["spec_tests/test_linalg_decompositions.py::test_eigh_values",
                "spec_tests/test_linalg_decompositions.py::test_svd"], **SIM),
    # Householder QR: Q accumulates the reflections without their diagonal component
    dict(id="cuda.qr-q-misses-reflection-head", path=CUDA + "linalg_kernels.py",
         old="                d = Q[qb + r * m + j] * v0\n", new="                d = Q[qb + r * m + j] * 0.0\n",
         tests=["spec_tests/test_linalg_decompositions.py::test_qr"], **SIM),
    # one-sided Jacobi SVD: singular values left in the order the rotations leave them
    dict(id="cuda.svd-unsorted-singular-values", path=CUDA + "linalg_kernels.py",
         old="                if Sv[q * k + c] > Sv[q * k + big]:\n", new="                if False:\n",
         tests=["spec_tests/test_linalg_decompositions.py::test_svd"], **SIM),
    # pinv: the right singular vectors read transposed
    dict(id="cuda.pinv-reads-right-vectors-transposed", path=CUDA + "linalg_kernels.py",
         old="R[q * rs0 + c * rs1 + i * rs2]", new="R[q * rs0 + i * rs1 + c * rs2]",
         tests=["spec_tests/test_linalg_decompositions.py::test_pinv"], **SIM),
    # lstsq: every column of the solution projected from the first column of b
    dict(id="cuda.lstsq-reads-first-column-of-b", path=CUDA + "linalg_kernels.py",
         old="dm.dot(L, q * ls0 + s * ls2, ls1, Bv, bo + q * m * k + c, k, m)",
         new="dm.dot(L, q * ls0 + s * ls2, ls1, Bv, bo + q * m * k, k, m)",
         tests=["spec_tests/test_linalg_decompositions.py::test_lstsq"], **SIM),
    # warp-shuffle block reductions (a GPU's path; tests/test_cuda_warp_shuffles.py runs it on the simulator
    # through a strict shuffle emulation): the butterfly starts at a quarter warp, so lanes 16-31 are lost
    dict(id="cuda.shuffle-butterfly-starts-at-quarter-warp", path=CUDA + "block_reduce.py",
         old="        off = WARP // 2\n        while off > 0:\n            v = combine(v,",
         new="        off = WARP // 4\n        while off > 0:\n            v = combine(v,",
         tests=["tests/test_cuda_warp_shuffles.py"]),
    # the lane mask names only the lower half-warp (lanes 16-31 shuffle with a mask that omits them)
    dict(id="cuda.shuffle-mask-misses-upper-lanes", path=CUDA + "block_reduce.py",
         old="FULL_MASK = 0xFFFFFFFF\n", new="FULL_MASK = 0x0000FFFF\n",
         tests=["tests/test_cuda_warp_shuffles.py"]),
    # the cross-warp level: each warp combines only its own partial, not every warp's
    dict(id="cuda.shuffle-cross-warp-reads-own-slot", path=CUDA + "block_reduce.py",
         old="        v = part[lane % warps]\n", new="        v = part[t // WARP]\n",
         tests=["tests/test_cuda_warp_shuffles.py"]),
    # argmax/argmin across threads: a tie goes to the later index (torch keeps the first)
    dict(id="cuda.block-pick-tie-to-later-index", path=CUDA + "block_reduce.py",
         old="        return (v, i) if i <= j else (w, j)\n", new="        return (w, j)\n",
         tests=["tests/test_cuda_warp_shuffles.py"]),
    # the row max of softmax/logsumexp: a NaN in the second operand is dropped
    dict(id="cuda.block-max-drops-nan", path=CUDA + "block_reduce.py",
         old="    if b != b or b > a:\n", new="    if b > a:\n",
         tests=["tests/test_cuda_warp_shuffles.py"]),
    # the fused linear layer on the device: the bias added to the first row only, the weight gradient's product
    # reading g untransposed, the bias gradient's column sum stopping a row short
    dict(id="cuda.linear-bias-first-row-only", path=CUDA + "linear_layer.py",
         old="        O[oo + k] += B[bo + k % m]\n", new="        O[oo + k] += B[bo + k % m] if k < m else 0\n",
         tests=["spec_tests/test_nn_module.py::test_linear_functional"], **SIM),
    dict(id="cuda.linear-weight-grad-g-untransposed", path=CUDA + "linear_layer.py",
         old="_product(G, g._offset, (1, o), X,", new="_product(G, g._offset, (o, 1), X,",
         tests=["spec_tests/test_nn_module.py::test_linear_grad"], **SIM),
    dict(id="cuda.linear-bias-grad-row-short", path=CUDA + "row_products.py",
         old="        for r in range(n):\n            acc += A[ao + r * p + j]\n",
         new="        for r in range(n - 1):\n            acc += A[ao + r * p + j]\n",
         tests=["spec_tests/test_nn_module.py::test_linear_grad_batch"], **SIM),
    dict(id="cuda.relu-grad-passes-at-clipped", path=CUDA + "activation_grads.py",
         old="G[go + k] if Y[yo + k] > threshold else 0", new="G[go + k] if Y[yo + k] >= threshold else 0",
         tests=["spec_tests/test_nn_activation.py::test_relu_grad_clipped_positions"], **SIM),
]
