"""Planted bugs in the core of reference (registry, backward formulas, argument forms, the three fixed
bugs), each caught by the named tests."""
REG = ["spec_tests/test_api_regressions.py"]
TENSOR = ["spec_tests/test_api_tensor.py"]
KEYWORDS = ["spec_tests/test_api_keywords.py"]

MUTANTS = [
    dict(id="core.cat-promotes-without-empty-operands", path="reference/_ops/joining.py",
         old="dt = result_type(*tensors) if len(tensors) > 1 else ref.dtype",
         new="dt = result_type(*parts) if len(parts) > 1 else ref.dtype", tests=REG),
    dict(id="core.float16-scalar-not-rounded-first", path="reference/_ops/elementwise.py",
         old="return scalar_as(scalar_as(o, compute), kd)", new="return scalar_as(o, kd)", tests=REG),
    dict(id="core.cumprod-grad-zero-at-first-zero", path="reference/_ops/reduction.py",
         old="grad_before.where(before, grad_first.where(first_zero, 0.0))",
         new="grad_before.where(before, 0.0)", tests=REG),
    dict(id="core.radd-records-scalar-edge-first", path="reference/_ops/methods.py",
         old='"__radd__": _commuted("add")', new='"__radd__": _rop("add")', tests=TENSOR),
    dict(id="core.rpow-records-two-edges", path="reference/_ops/elementwise.py",
         old='record("PowBackward2", pow_scalar_base_backward, (b,), res',
         new='record("PowBackward2", lambda c, g: (None,) + pow_scalar_base_backward(c, g), (a, b), res', tests=TENSOR),
    dict(id="core.legacy-constructor-no-args-one-element", path="reference/_ops/creation.py",
         old="return empty_tensor((0,), dt, as_device(device))", new="return empty_tensor((1,), dt, as_device(device))",
         tests=TENSOR),
    dict(id="core.axis-alias-ignored", path="reference/_ops/signatures.py",
         old='kwargs["dim"] = kwargs.pop("axis")', new='kwargs.pop("axis")', tests=KEYWORDS),
    dict(id="core.out-not-resized", path="reference/_ops/_util.py",
         old="        resize_(out, res._shape)\n", new="        pass\n", tests=KEYWORDS),
    dict(id="core.mul-backward-swaps-operands", path="reference/_ops/elementwise_ops.py",
         old="return (sum_to(g * b, ctx._saved_self_shape) if ctx.needs_input_grad[0] else None,",
         new="return (sum_to(g * a, ctx._saved_self_shape) if ctx.needs_input_grad[0] else None,",
         tests=["spec_tests/test_grad_elementwise.py"]),
    dict(id="core.exp-keeps-integer-dtype", path="reference/_ops/elementwise_ops.py",
         old='_unary("exp", FLOAT_MATH,', new='_unary("exp", SAME,', tests=["spec_tests/test_elementwise.py"]),
]
