"""Planted bugs in the tensor core that the strengthened spec (layouts, 2**18-element inputs, error-model
tolerances) must catch: one per kernel variant the CPU dispatcher picks, and in shapes, promotion,
views, indexing, reductions, matrix products, autograd, in-place versions and printing."""
_K = "reference/backends/cpu/"
LARGE = ["spec_tests/test_large.py"]

MUTANTS = [
    # kernel variants: each is reached only by inputs of a given size or layout
    dict(id="spec.parallel-binary-kernel-skips-last-write", path=_K + "_binary_kernels.py",
         old="def add_1dp(A, B, O):\n    for i in prange(O.shape[0]):\n        a = A[i]; b = B[i]\n        O[i] = a + b",
         new="def add_1dp(A, B, O):\n    for i in prange(O.shape[0] - 1):\n        a = A[i]; b = B[i]\n        O[i] = a + b",
         tests=LARGE),
    dict(id="spec.parallel-unary-kernel-skips-last-write", path=_K + "_unary_kernels.py",
         old="def neg_1dp(X, O):\n    for i in prange(O.shape[0]):",
         new="def neg_1dp(X, O):\n    for i in prange(O.shape[0] - 1):", tests=LARGE),
    dict(id="spec.parallel-ternary-kernel-swaps-branches", path=_K + "_ternary_kernels.py",
         old="def where_1dp(C, A, B, O):\n    for i in prange(O.shape[0]):\n        c = C[i]; a = A[i]; b = B[i]\n"
             "        O[i] = a if c else b",
         new="def where_1dp(C, A, B, O):\n    for i in prange(O.shape[0]):\n        c = C[i]; a = A[i]; b = B[i]\n"
             "        O[i] = a if (c and i > 0) else b", tests=LARGE),
    dict(id="spec.strided-kernel-skips-last-column", path=_K + "_binary_kernels.py",
         old="def add_4d(A, B, O):\n    n0, n1, n2, n3 = O.shape",
         new="def add_4d(A, B, O):\n    n0, n1, n2, n3 = O.shape\n    n3 = n3 - 1 if n3 > 8 else n3",
         tests=LARGE),
    dict(id="spec.scalar-right-kernel-skips-first", path=_K + "_binary_kernels.py",
         old="def mul_1d_rs(A, b, O):\n    for i in range(O.shape[0]):",
         new="def mul_1d_rs(A, b, O):\n    for i in range(1, O.shape[0]):", tests=LARGE),
    dict(id="spec.scalar-left-kernel-swaps-operands", path=_K + "_binary_kernels.py",
         old="def sub_1d_ls(a, B, O):\n    for i in range(O.shape[0]):\n        b = B[i]\n        O[i] = a - b",
         new="def sub_1d_ls(a, B, O):\n    for i in range(O.shape[0]):\n        b = B[i]\n"
             "        O[i] = a - b if i < 4096 else b - a", tests=LARGE),
    dict(id="spec.leading-dims-loop-skips-last", path=_K + "backend.py",
         old="for idx in np.ndindex(*cshape[:-4]):", new="for idx in list(np.ndindex(*cshape[:-4]))[:-1]:",
         tests=LARGE),
    dict(id="spec.reduce-copy-path-wrong-order", path="reference/_ops/reduction.py",
         old="src = x.permute(rest + list(dims)).contiguous()",
         new="src = x.permute(rest[::-1] + list(dims)).contiguous()",
         tests=LARGE + ["spec_tests/test_reductions.py"]),
    dict(id="spec.matmul-ignores-transposed-flag", path=_K + "linalg_kernels.py",
         old="            if tb:\n                np.dot(a[i].T, b[i].T, out[i])",
         new="            if tb:\n                np.dot(a[i].T, b[i], out[i])",
         tests=["spec_tests/test_linalg.py::test_matmul_column_major_operands"]),
    dict(id="spec.gather-drops-last-element", path=_K + "index_kernels.py",
         old="        for j in range(m):\n            out[i * m + j] = src[base + inner[j]]",
         new="        for j in range(m):\n            out[i * m + j] = src[base + inner[j]] if i + j < 100000 else src[base]",
         tests=LARGE),
    # error-model tolerances: wrong by one term or by n - 1 for n, which the old tolerance accepted
    dict(id="spec.sum-drops-an-element", path=_K + "reduce_kernels.py",
         old="    for r in range(b.shape[0]):\n        acc += b[r]",
         new="    for r in range(1 if b.shape[0] > 128 else 0, b.shape[0]):\n        acc += b[r]",
         tests=["spec_tests/test_large.py::test_sum"]),
    dict(id="spec.mean-divides-by-n-minus-1", path="reference/_ops/reduction.py",
         old="def mean(input, dim=None, keepdim=False, *, dtype=None):",
         new="def mean(input, dim=None, keepdim=False, *, dtype=None):\n    return _mean_n_minus_1(input, dim, keepdim)\n\n\n"
             "def _mean_n_minus_1(input, dim, keepdim):\n    s = sum(input, dim, keepdim)\n"
             "    return s / max(1, input.numel() // max(1, s.numel()) - 1)\n\n\ndef _unused_mean(input, dim=None, "
             "keepdim=False, *, dtype=None):",
         tests=["spec_tests/test_reductions.py::test_reduce"]),
    # shapes, promotion, views
    dict(id="spec.collapse-merges-any-neighbours", path="reference/_shape.py",
         old="        if all(p == s * size for p, s in zip(psts, sts)):",
         new="        if all(p == s * size for p, s in zip(psts[:1], sts[:1])):",
         tests=["spec_tests/test_elementwise.py", "spec_tests/test_large.py"]),
    dict(id="spec.uint8-int8-promote-to-uint8", path="reference/_dtype.py",
         old="        return int16  # neither holds the other's range", new="        return uint8",
         tests=["spec_tests/test_promotion.py"]),
    # autograd and in-place
    dict(id="spec.leaf-grad-replaced-not-accumulated", path="reference/autograd/engine.py",
         old="        leaf.grad.add_(g.detach())", new="        leaf.grad = g.detach().clone()",
         tests=["spec_tests/test_grad_engine.py"]),
    dict(id="spec.inplace-fill-keeps-version", path="reference/_ops/inplace.py",
         old="    backend_of(x._storage.device).fill(x, value)\n    x._bump_version()",
         new="    backend_of(x._storage.device).fill(x, value)", tests=["spec_tests/test_grad_engine.py",
                                                                       "spec_tests/test_grad_errors.py"]),
    # gradients at singular points and in float32 (test_grad_edges)
    dict(id="spec.norm-grad-nan-at-zero", path="reference/_ops/linalg_ops.py",
         old="        return (g * x / n.where(n != 0, 1.0) * (n != 0),)", new="        return (g * x / n,)",
         tests=["spec_tests/test_grad_edges.py"]),
    dict(id="spec.fmax-tie-split", path="reference/_ops/elementwise_ops.py",
         old="    wa = ((a >= b) if is_max else (a <= b)).logical_or(b.isnan())",
         new="    wa = ((a > b) if is_max else (a < b)).logical_or(b.isnan())",
         tests=["spec_tests/test_grad_edges.py"]),
    dict(id="spec.backward-keeps-gradient-dtype", path="reference/autograd/engine.py",
         old="            g = g.to(out.dtype)  # as torch does", new="            g = g  # as torch does",
         tests=["spec_tests/test_grad_edges.py"]),
    # printing
    dict(id="spec.repr-sci-threshold-off", path="reference/_print.py",
         old="                    self.sci = hi / lo > 1000.0 or hi > 1e8 or lo < 1e-4",
         new="                    self.sci = hi / lo > 10000.0 or hi > 1e8 or lo < 1e-4",
         tests=["spec_tests/test_printing.py"]),
    dict(id="spec.repr-sci-threshold-off-whole-numbers", path="reference/_print.py",
         old="                    self.sci = hi / lo > 1000.0 or hi > 1e8\n",
         new="                    self.sci = hi / lo > 10000.0 or hi > 1e8\n",
         tests=["spec_tests/test_printing.py"]),
    # shapes given to broadcast_shapes: a tensor is not one
    dict(id="spec.broadcast-shapes-iterates-a-tensor", path="reference/_ops/comparison.py",
         old="    else:\n        raise RuntimeError(f\"Input shapes should be",
         new="    elif hasattr(shape, 'shape'):\n        sizes = tuple(shape)\n    else:\n        raise RuntimeError(f\"Input shapes should be",
         tests=["spec_tests/test_broadcasting.py"]),
]
