"""In-place variants and aliases: every `Tensor.X_` is "the in-place version of X" and every alias
"is an alias for" its original (https://pytorch.org/docs/stable/tensors.html,
https://pytorch.org/docs/stable/torch.html). Each is checked against the float64 oracle of the
original, written through the operand in any writable layout, returning self and bumping its version.
"""
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import oracle
from . import strategies as S
from .catalogue import api, cases
from .harness import check

F = S.FLOATS


def _f(fn):
    """A float64 closed form rounded to the input's dtype (in-place results keep self's dtype)."""
    def op(a):
        return np.asarray(fn(a.astype(np.float64))).astype(a.dtype)
    return op


def _erf(x):
    return np.vectorize(math.erf)(x)


# name, oracle on a float array, domain
UNARY_INPLACE = cases([
    ("api.abs-inplace", api("torch.Tensor.abs_"), "abs_", _f(np.abs), {}),
    ("api.absolute-inplace", api("torch.Tensor.absolute_"), "absolute_", _f(np.abs), {}),
    ("api.neg-inplace", api("torch.Tensor.neg_"), "neg_", _f(np.negative), {}),
    ("api.negative-inplace", api("torch.Tensor.negative_"), "negative_", _f(np.negative), {}),
    ("api.exp2-inplace", api("torch.Tensor.exp2_"), "exp2_", _f(np.exp2), dict(lo=-10, hi=10)),
    ("api.expm1-inplace", api("torch.Tensor.expm1_"), "expm1_", _f(np.expm1), dict(lo=-5, hi=5)),
    ("api.log-inplace", api("torch.Tensor.log_"), "log_", _f(np.log), dict(lo=0.01, hi=100)),
    ("api.log2-inplace", api("torch.Tensor.log2_"), "log2_", _f(np.log2), dict(lo=0.01, hi=100)),
    ("api.log10-inplace", api("torch.Tensor.log10_"), "log10_", _f(np.log10), dict(lo=0.01, hi=100)),
    ("api.log1p-inplace", api("torch.Tensor.log1p_"), "log1p_", _f(np.log1p), dict(lo=-0.9, hi=100)),
    ("api.sqrt-inplace", api("torch.Tensor.sqrt_"), "sqrt_", _f(np.sqrt), dict(lo=0, hi=100)),
    ("api.rsqrt-inplace", api("torch.Tensor.rsqrt_"), "rsqrt_", _f(lambda x: 1 / np.sqrt(x)), dict(lo=0.01, hi=100)),
    ("api.reciprocal-inplace", api("torch.Tensor.reciprocal_"), "reciprocal_", _f(lambda x: 1 / x), dict(avoid=0.25)),
    ("api.square-inplace", api("torch.Tensor.square_"), "square_", _f(np.square), dict(lo=-10, hi=10)),
    ("api.sin-inplace", api("torch.Tensor.sin_"), "sin_", _f(np.sin), dict(lo=-10, hi=10)),
    ("api.cos-inplace", api("torch.Tensor.cos_"), "cos_", _f(np.cos), dict(lo=-10, hi=10)),
    ("api.tan-inplace", api("torch.Tensor.tan_"), "tan_", _f(np.tan), dict(lo=-1.2, hi=1.2)),
    ("api.asin-inplace", api("torch.Tensor.asin_"), "asin_", _f(np.arcsin), dict(lo=-1, hi=1)),
    ("api.arcsin-inplace", api("torch.Tensor.arcsin_"), "arcsin_", _f(np.arcsin), dict(lo=-1, hi=1)),
    ("api.acos-inplace", api("torch.Tensor.acos_"), "acos_", _f(np.arccos), dict(lo=-1, hi=1)),
    ("api.arccos-inplace", api("torch.Tensor.arccos_"), "arccos_", _f(np.arccos), dict(lo=-1, hi=1)),
    ("api.atan-inplace", api("torch.Tensor.atan_"), "atan_", _f(np.arctan), {}),
    ("api.arctan-inplace", api("torch.Tensor.arctan_"), "arctan_", _f(np.arctan), {}),
    ("api.sinh-inplace", api("torch.Tensor.sinh_"), "sinh_", _f(np.sinh), dict(lo=-5, hi=5)),
    ("api.cosh-inplace", api("torch.Tensor.cosh_"), "cosh_", _f(np.cosh), dict(lo=-5, hi=5)),
    ("api.asinh-inplace", api("torch.Tensor.asinh_"), "asinh_", _f(np.arcsinh), dict(lo=-100, hi=100)),
    ("api.arcsinh-inplace", api("torch.Tensor.arcsinh_"), "arcsinh_", _f(np.arcsinh), dict(lo=-100, hi=100)),
    ("api.tanh-inplace", api("torch.Tensor.tanh_"), "tanh_", _f(np.tanh), dict(lo=-10, hi=10)),
    ("api.sigmoid-inplace", api("torch.Tensor.sigmoid_"), "sigmoid_", _f(lambda x: 1 / (1 + np.exp(-x))), dict(lo=-20, hi=20)),
    ("api.relu-inplace", api("torch.nn.functional.relu_"), "relu_", _f(lambda x: np.maximum(x, 0)), {}),
    ("api.erf-inplace", api("torch.Tensor.erf_"), "erf_", _f(_erf), dict(lo=-3, hi=3)),
    ("api.erfc-inplace", api("torch.Tensor.erfc_"), "erfc_", _f(lambda x: 1 - _erf(x)), dict(lo=-1, hi=3)),
    ("api.floor-inplace", api("torch.Tensor.floor_"), "floor_", _f(np.floor), {}),
    ("api.ceil-inplace", api("torch.Tensor.ceil_"), "ceil_", _f(np.ceil), {}),
    ("api.round-inplace", api("torch.Tensor.round_"), "round_", _f(np.round), dict(quarters=True, lo=-10, hi=10)),
    ("api.trunc-inplace", api("torch.Tensor.trunc_"), "trunc_", _f(np.trunc), {}),
    ("api.fix-inplace", api("torch.Tensor.fix_"), "fix_", _f(np.trunc), {}),
    ("api.frac-inplace", api("torch.Tensor.frac_"), "frac_", _f(lambda x: x - np.trunc(x)), {}),
    ("api.sign-inplace", api("torch.Tensor.sign_"), "sign_", _f(np.sign), {}),
])


@pytest.mark.parametrize("name, fn, domain", UNARY_INPLACE)
@given(data=st.data())
def test_unary_inplace(T, name, fn, domain, data):
    x = data.draw(S.arrays(S.dtypes(("float32", "float64")), lo=domain.get("lo", -50), hi=domain.get("hi", 50),
                           layouts=S.WRITABLE, **{k: v for k, v in domain.items() if k not in ("lo", "hi")}), label="a")
    check(T, f"v = a._version; r = a.{name}(); (a, r is a, a._version > v)", x,
          expected=lambda x: (fn(x), True, True), reduce=1)


def _binary(fn):
    def op(a, b):
        return np.asarray(fn(a.astype(np.float64), b.astype(np.float64))).astype(a.dtype)
    return op


BINARY_INPLACE = cases([
    ("api.subtract-inplace", api("torch.Tensor.subtract_"), "subtract_", _binary(np.subtract), {}),
    ("api.multiply-inplace", api("torch.Tensor.multiply_"), "multiply_", _binary(np.multiply), {}),
    ("api.divide-inplace", api("torch.Tensor.divide_"), "divide_", _binary(np.divide), dict(avoid=0.25)),
    ("api.pow-inplace", api("torch.Tensor.pow_"), "pow_", _binary(np.power), dict(lo=0.5, hi=2)),
    ("api.fmod-inplace", api("torch.Tensor.fmod_"), "fmod_", _binary(np.fmod), dict(quarters=True, avoid=0.25)),
    ("api.remainder-inplace", api("torch.Tensor.remainder_"), "remainder_", _binary(lambda a, b: a - np.floor(a / b) * b),
     dict(quarters=True, avoid=0.25)),
    ("api.floor-divide-inplace", api("torch.Tensor.floor_divide_"), "floor_divide_", _binary(lambda a, b: np.floor(a / b)),
     dict(quarters=True, avoid=0.25)),
    ("api.atan2-inplace", api("torch.Tensor.atan2_"), "atan2_", _binary(np.arctan2), dict(avoid=0.25)),
    ("api.arctan2-inplace", api("torch.Tensor.arctan2_"), "arctan2_", _binary(np.arctan2), dict(avoid=0.25)),
    ("api.lerp-inplace", api("torch.Tensor.lerp_"), "lerp_", _binary(lambda a, b: a + 0.25 * (b - a)), {}),
])


@pytest.mark.parametrize("name, fn, domain", BINARY_INPLACE)
@given(data=st.data())
def test_binary_inplace(T, name, fn, domain, data):
    shape = data.draw(S.shapes(1, 3), label="shape")
    x = data.draw(S.arrays(S.dtypes(("float32", "float64")), shape, lo=-20, hi=20, layouts=S.WRITABLE,
                           **({"quarters": True} if domain.get("quarters") else {})), label="a")
    y = data.draw(S.arrays(str(x.dtype), shape[data.draw(st.integers(0, len(shape))):],
                           lo=domain.get("lo", -20), hi=domain.get("hi", 20),
                           **{k: v for k, v in domain.items() if k not in ("lo", "hi")}), label="b")
    if name == "pow_":
        x = np.abs(x) + np.asarray(0.5, x.dtype)
    extra = ", 0.25" if name == "lerp_" else ""
    check(T, f"v = a._version; r = a.{name}(b{extra}); (a, r is a, a._version > v)", x, y,
          expected=lambda x, y: (fn(x, y), True, True))


COMPARE_INPLACE = cases([
    ("api.eq-inplace", api("torch.Tensor.eq_"), "eq_", np.equal),
    ("api.ne-inplace", api("torch.Tensor.ne_"), "ne_", np.not_equal),
    ("api.not-equal-inplace", api("torch.Tensor.not_equal_"), "not_equal_", np.not_equal),
    ("api.lt-inplace", api("torch.Tensor.lt_"), "lt_", np.less),
    ("api.less-inplace", api("torch.Tensor.less_"), "less_", np.less),
    ("api.le-inplace", api("torch.Tensor.le_"), "le_", np.less_equal),
    ("api.less-equal-inplace", api("torch.Tensor.less_equal_"), "less_equal_", np.less_equal),
    ("api.gt-inplace", api("torch.Tensor.gt_"), "gt_", np.greater),
    ("api.greater-inplace", api("torch.Tensor.greater_"), "greater_", np.greater),
    ("api.ge-inplace", api("torch.Tensor.ge_"), "ge_", np.greater_equal),
    ("api.greater-equal-inplace", api("torch.Tensor.greater_equal_"), "greater_equal_", np.greater_equal),
    ("api.logical-and-inplace", api("torch.Tensor.logical_and_"), "logical_and_", np.logical_and),
    ("api.logical-or-inplace", api("torch.Tensor.logical_or_"), "logical_or_", np.logical_or),
    ("api.logical-xor-inplace", api("torch.Tensor.logical_xor_"), "logical_xor_", np.logical_xor),
])


@pytest.mark.parametrize("name, fn", COMPARE_INPLACE)
@given(data=st.data())
def test_compare_inplace_keeps_dtype(T, name, fn, data):
    # the truth value is written back in self's dtype (1/0), not as a bool tensor
    x = data.draw(S.arrays(S.dtypes(("float32", "int64")), lo=-3, hi=3, integral=True, layouts=S.WRITABLE), label="a")
    y = data.draw(S.arrays(str(x.dtype), x.shape, lo=-3, hi=3, integral=True), label="b")
    check(T, f"a.{name}(b); a", x, y, expected=lambda x, y: fn(x, y).astype(x.dtype))


BITWISE_INPLACE = cases([
    ("api.bitwise-and-inplace", api("torch.Tensor.bitwise_and_"), "bitwise_and_(b)", lambda a, b: a & b),
    ("api.bitwise-or-inplace", api("torch.Tensor.bitwise_or_"), "bitwise_or_(b)", lambda a, b: a | b),
    ("api.bitwise-xor-inplace", api("torch.Tensor.bitwise_xor_"), "bitwise_xor_(b)", lambda a, b: a ^ b),
    ("api.bitwise-not-inplace", api("torch.Tensor.bitwise_not_"), "bitwise_not_()", lambda a, b: ~a),
    ("api.logical-not-inplace", api("torch.Tensor.logical_not_"), "logical_not_()", lambda a, b: (a == 0).astype(a.dtype)),
    ("api.clip-inplace", api("torch.Tensor.clip_"), "clip_(-20, 20)", lambda a, b: np.clip(a, -20, 20)),
])


@pytest.mark.parametrize("code, fn", BITWISE_INPLACE)
@given(data=st.data())
def test_integer_inplace(T, code, fn, data):
    x = data.draw(S.arrays(S.dtypes(("int32", "int64")), lo=-50, hi=50, layouts=S.WRITABLE), label="a")
    y = data.draw(S.arrays(str(x.dtype), x.shape, lo=-50, hi=50), label="b")
    check(T, f"a.{code}; a", x, y, expected=fn)


ALIASES = cases([
    ("api.subtract-alias", api("torch.subtract"), "torch.subtract(a, b)", oracle.sub),
    ("api.multiply-alias", api("torch.multiply"), "a.multiply(b)", oracle.mul),
    ("api.divide-alias", api("torch.divide"), "torch.divide(a, b)", oracle.div),
    ("api.greater-alias", api("torch.greater"), "torch.greater(a, b)", oracle.gt),
    ("api.greater-equal-alias", api("torch.greater_equal"), "a.greater_equal(b)", oracle.ge),
    ("api.less-alias", api("torch.less"), "torch.less(a, b)", oracle.lt),
    ("api.less-equal-alias", api("torch.less_equal"), "a.less_equal(b)", oracle.le),
    ("api.not-equal-alias", api("torch.not_equal"), "torch.not_equal(a, b)", oracle.ne),
    ("api.concat-alias", api("torch.concat"), "torch.concat([a, b], -1)",
     lambda a, b: np.concatenate([a, b], -1)),
])


@pytest.mark.parametrize("code, fn", ALIASES)
@given(data=st.data())
def test_alias(T, code, fn, data):
    shape = data.draw(S.shapes(1, 3), label="shape")
    x = data.draw(S.arrays("float32", shape, avoid=0.25), label="a")
    y = data.draw(S.arrays("float32", shape, avoid=0.25), label="b")
    check(T, code, x, y, expected=fn)


UNARY_ALIASES = cases([
    ("api.negative-alias", api("torch.negative"), "torch.negative(a)", oracle.neg),
    ("api.square", api("torch.square"), "torch.square(a)", lambda a: np.square(a.astype(np.float64)).astype(a.dtype)),
    ("api.flip", api("torch.flip"), "torch.flip(a, (0,))", lambda a: a[::-1].copy()),
    ("api.flip-method-all-dims", api("torch.Tensor.flip"), "a.flip(list(range(a.dim())))",
     lambda a: np.flip(a, tuple(range(a.ndim))).copy()),
    ("api.nelement", api("torch.Tensor.nelement"), "a.nelement()", lambda a: int(a.size)),
    ("api.ndimension", api("torch.Tensor.ndimension"), "a.ndimension()", lambda a: int(a.ndim)),
    ("api.is-complex", api("torch.Tensor.is_complex"), "a.is_complex()", lambda a: False),
    ("api.is-complex-function", api("torch.is_complex"), "torch.is_complex(a)", lambda a: False),
])


@pytest.mark.parametrize("code, fn", UNARY_ALIASES)
@given(x=S.arrays("float32", S.shapes(1, 3), lo=-10, hi=10))
def test_unary_alias(T, code, fn, x):
    check(T, code, x, expected=fn)
