"""Elementwise ops as scalar expressions; codegen.py turns each into numba kernels.

Names inside an expression: `x` (unary), `a`, `b` (binary), `c`, `a`, `b` (ternary). Expressions are
written for the dtype the op layer already chose (inputs arrive cast to the compute dtype), so
each one is a plain numba scalar expression. NaN handling follows torch: comparisons-based ops
(relu, maximum, minimum) are written so that a NaN operand propagates.
"""

UNARY = {
    "copy": "x",
    "to_bool": "x != 0",
    "neg": "-x",
    "abs": "abs(x)",
    "sign": "(x > 0) - (x < 0)",
    "exp": "np.exp(x)",
    "log": "np.log(x)",
    "log2": "np.log2(x)",
    "log10": "np.log10(x)",
    "log1p": "np.log1p(x)",
    "expm1": "np.expm1(x)",
    "sqrt": "np.sqrt(x)",
    "rsqrt": "1.0 / np.sqrt(x)",
    "square": "x * x",
    "reciprocal": "1.0 / x",
    "sin": "np.sin(x)",
    "cos": "np.cos(x)",
    "tan": "np.tan(x)",
    "asin": "np.arcsin(x)",
    "acos": "np.arccos(x)",
    "atan": "np.arctan(x)",
    "sinh": "np.sinh(x)",
    "cosh": "np.cosh(x)",
    "tanh": "np.tanh(x)",
    "sigmoid": "1.0 / (1.0 + np.exp(-x))",
    "relu": "x if not x <= 0 else 0",
    "floor": "np.floor(x)",
    "ceil": "np.ceil(x)",
    "round": "np.rint(x)",
    "trunc": "np.trunc(x)",
    "frac": "x - np.trunc(x)",
    "erf": "math.erf(x)",
    "erfc": "math.erfc(x)",
    "logical_not": "x == 0",
    "bitwise_not": "~x",
    "isnan": "x != x",
    "isinf": "np.isinf(x)",
    "isfinite": "np.isfinite(x)",
}

BINARY = {
    "add": "a + b",
    "sub": "a - b",
    "mul": "a * b",
    "div": "a / b",
    "floor_divide": "a // b",
    "remainder": "a % b",
    "fmod": "np.fmod(a, b)",
    "pow": "a ** b",
    "atan2": "np.arctan2(a, b)",
    "maximum": "a if (a > b or a != a) else b",
    "minimum": "a if (a < b or a != a) else b",
    "fmax": "a if (a > b or b != b) else b",
    "fmin": "a if (a < b or b != b) else b",
    "eq": "a == b",
    "ne": "a != b",
    "lt": "a < b",
    "le": "a <= b",
    "gt": "a > b",
    "ge": "a >= b",
    "logical_and": "(a != 0) and (b != 0)",
    "logical_or": "(a != 0) or (b != 0)",
    "logical_xor": "(a != 0) != (b != 0)",
    "bitwise_and": "a & b",
    "bitwise_or": "a | b",
    "bitwise_xor": "a ^ b",
}

TERNARY = {
    "where": "a if c else b",
    # clamp(x=c, lo=a, hi=b) = min(max(x, lo), hi), NaN propagating from x and the bounds like torch
    "clamp": "b if (b < (a if (a > c or a != a) else c) or b != b) else (a if (a > c or a != a) else c)",
    "lerp": "c + b * (a - c)",
}
