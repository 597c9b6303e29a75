"""Planted bugs in the parallel bodies of the CPU reduction kernels (tests/test_reduce_parallel.py)."""
_K = "reference/backends/cpu/reduce_kernels.py"
_T = ["tests/test_reduce_parallel.py"]

MUTANTS = [
    dict(id="reduce.sum-drops-last-partial", path=_K,
         old="for c in range(1, C):", new="for c in range(1, C - 1):", tests=_T),
    dict(id="reduce.sum-tile-drops-last-row", path=_K,
         old="r1 = min(R, r0 + rows)", new="r1 = min(R - 1, r0 + rows)", tests=_T),
    dict(id="reduce.sum-column-block-short", path=_K,
         old="i1 = min(I, i0 + cols)", new="i1 = min(I, i0 + cols - 1)", tests=_T),
    dict(id="reduce.sum-plan-floors-tile-count", path=_K,
         old="return SUM_TILE_ROWS, 1, -(-R // SUM_TILE_ROWS)", new="return SUM_TILE_ROWS, 1, max(1, R // SUM_TILE_ROWS)",
         tests=_T),
    dict(id="reduce.sum-tile-starts-from-first-row", path=_K,
         old="partial[o, c, 0] = _cascade_sum_row(x[o, r0:r1, 0], zero)",
         new="partial[o, c, 0] = _cascade_sum_row(x[o, r0:r1, 0], zero) + x[o, r0, 0]", tests=_T),
    dict(id="reduce.parallel-min-is-max", path=_K,
         old="_extreme_at(x, vals, idx, want_max, k // I, k % I)", new="_extreme_at(x, vals, idx, True, k // I, k % I)",
         tests=_T),
    dict(id="reduce.parallel-var-ignores-correction", path=_K,
         old="_var_at(x, out, correction, k // I, k % I)", new="_var_at(x, out, 0.0, k // I, k % I)", tests=_T),
    dict(id="reduce.vector-log-softmax-unshifted", path=_K,
         old="np.subtract(shifted, np.log(s), out=out", new="np.subtract(x, np.log(s), out=out", tests=_T),
    dict(id="reduce.vector-logsumexp-inf-max-not-kept", path=_K,
         old="np.where(np.isfinite(m), m + np.log(s), m)", new="m + np.log(s)", tests=_T),
    dict(id="reduce.parallel-cumprod-sums", path=_K,
         old="_cumulate_at(x, out, start, multiply, k // I, k % I)",
         new="_cumulate_at(x, out, start, False, k // I, k % I)", tests=_T),
    dict(id="reduce.parallel-prod-starts-at-zero", path=_K,
         old="        acc = one\n        for r in range(R):\n            acc *= x[o, r, i]",
         new="        acc = one - one\n        for r in range(R):\n            acc *= x[o, r, i]", tests=_T),
]
