"""Planted bugs in the dispatch fast paths (issue 14): a decision cached under too coarse a key, a
fast path taken for operands it does not fit, the fused advanced-index offsets."""
_E = "reference/_ops/elementwise.py"
PROMO = ["spec_tests/test_promotion.py"]

MUTANTS = [
    dict(id="perf.promotion-cache-ignores-default-dtype", path=_E,
         old="    return op, ka, kb, D.get_default_dtype()",
         new="    return op, ka, kb", tests=PROMO),
    dict(id="perf.promotion-cache-ignores-zero-dim", path=_E,
         old="    ka = (a.dtype if a._shape else (a.dtype, 0)) if isinstance(a, Tensor) else type(a)\n"
             "    kb = (b.dtype if b._shape else (b.dtype, 0)) if isinstance(b, Tensor) else type(b)",
         new="    ka = a.dtype if isinstance(a, Tensor) else type(a)\n"
             "    kb = b.dtype if isinstance(b, Tensor) else type(b)", tests=PROMO),
    dict(id="perf.promotion-cache-ignores-scalar-type", path=_E,
         old="if isinstance(b, Tensor) else type(b)\n",
         new="if isinstance(b, Tensor) else 'scalar'\n", tests=PROMO),
    dict(id="perf.contiguous-launch-ignores-operand-shape", path="reference/backends/cpu/backend.py",
         old="            elif o._shape == shape and o._stride == contig:",
         new="            elif o._stride == contig or o._shape == shape:",
         tests=["spec_tests/test_broadcasting.py", "spec_tests/test_elementwise.py"]),
    dict(id="perf.index-offsets-no-negative-wrap", path="reference/backends/cpu/advanced_index.py",
         old="            if v < 0:\n                v += size\n",
         new="", tests=["spec_tests/test_indexing.py"]),
    dict(id="perf.index-offsets-bound-off-by-one", path="reference/backends/cpu/advanced_index.py",
         old="            if v < -size or v >= size:",
         new="            if v < -size or v > size:", tests=["spec_tests/test_indexing.py"]),
    dict(id="perf.index-offsets-first-stride-only", path="reference/backends/cpu/advanced_index.py",
         old="        stride = strides[i]\n",
         new="        stride = strides[0]\n", tests=["spec_tests/test_indexing.py"]),
    dict(id="perf.reduction-shape-cache-ignores-keepdim", path="reference/_ops/reduction.py",
         old="    return _out_shape_of(tuple(shape), tuple(dims), bool(keepdim))",
         new="    return _out_shape_of(tuple(shape), tuple(dims), False)",
         tests=["spec_tests/test_reductions.py"]),
    dict(id="perf.parallel-gemm-drops-last-row", path="reference/backends/cpu/linalg_kernels.py",
         old="        r1 = min(r0 + chunk, n)\n", new="        r1 = min(r0 + chunk, n - 1)\n",
         tests=["spec_tests/test_matmul_large.py"]),
    dict(id="perf.parallel-gemm-transposed-operand-read-plain", path="reference/backends/cpu/backend.py",
         old="    if ta:  # rows of a transposed operand are not contiguous: one copy, small beside the product\n"
             "        ac = np.ascontiguousarray(ac.transpose(0, 2, 1))\n",
         new="", tests=["spec_tests/test_matmul_large.py"]),
]
