"""Planted bugs the worked examples of the cited pages (spec_tests/test_doc_examples.py) must catch: each breaks
exactly what one printed example shows."""
EXAMPLES = ["spec_tests/test_doc_examples.py"]

MUTANTS = [
    dict(id="cite.chunk-rounds-chunk-size-down", path="reference/_ops/joining.py",
         old="step = max(1, math.ceil(size / chunks)) if size else 1",
         new="step = max(1, size // chunks) if size else 1", tests=EXAMPLES),
    dict(id="cite.roll-without-dims-rolls-rows", path="reference/_ops/joining.py",
         old="return _roll(x.reshape(-1), s, 0).reshape(x.shape)",
         new="return _roll(x, s, 0)", tests=EXAMPLES),
    dict(id="cite.isclose-infinities-not-close", path="reference/_ops/comparison.py",
         old="    close = close | (input == other)\n",
         new="", tests=EXAMPLES),
    dict(id="cite.allclose-default-atol-too-loose", path="reference/_ops/comparison.py",
         old="def allclose(input, other, rtol=1e-05, atol=1e-08, equal_nan=False):",
         new="def allclose(input, other, rtol=1e-05, atol=1e-07, equal_nan=False):", tests=EXAMPLES),
    dict(id="cite.logspace-default-base-two", path="reference/_ops/creation.py",
         old="def logspace(start, end, steps, base=10.0,",
         new="def logspace(start, end, steps, base=2.0,", tests=EXAMPLES),
]
