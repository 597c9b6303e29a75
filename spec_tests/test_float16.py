"""float16 (half precision): creation rounds to nearest, arithmetic stays in float16, overflow
gives inf (https://pytorch.org/docs/stable/tensor_attributes.html)."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import oracle
from . import strategies as S
from .catalogue import cases, doc, spec
from .harness import check

ATTRS = doc("tensor_attributes.html")


@spec("float16.creation-rounds-to-nearest", ATTRS)
@given(values=st.lists(st.floats(-60000, 60000, allow_nan=False), min_size=1, max_size=12))
def test_creation_rounds(T, values):
    check(T, "torch.tensor(a, dtype=torch.float16, device=dev)", values, expected=lambda v: np.array(v, dtype=np.float16))


@spec("float16.half-of-float32-rounds", ATTRS)
@given(x=S.arrays("float32", lo=-60000, hi=60000))
def test_half_rounds(T, x):
    check(T, "a.half()", x, expected=lambda x: x.astype(np.float16))


@spec("float16.widening-is-exact", ATTRS)
@given(x=S.arrays("float16", lo=-60000, hi=60000))
def test_widen(T, x):
    check(T, "(a.float(), a.double())", x, expected=lambda x: (x.astype(np.float32), x.astype(np.float64)), rtol=0, atol=0)


ARITH = cases([
    ("float16.add-stays-float16", ATTRS, "a + b", oracle.add),
    ("float16.mul-stays-float16", ATTRS, "a * b", oracle.mul),
    ("float16.div-stays-float16", ATTRS, "a / b", oracle.div),
])


@pytest.mark.parametrize("code, fn", ARITH)
@given(data=st.data())
def test_arith(T, code, fn, data):
    a = data.draw(S.arrays("float16", S.shapes(1, 3), lo=-100, hi=100), label="a")
    b = data.draw(S.arrays("float16", a.shape, lo=-100, hi=100, avoid=0.5), label="b")
    check(T, code, a, b, expected=fn)


@spec("float16.with-float32-is-float32", ATTRS)
@given(data=st.data())
def test_mixed(T, data):
    a = data.draw(S.arrays("float16", S.shapes(1, 3)), label="a")
    b = data.draw(S.arrays("float32", a.shape), label="b")
    check(T, "a + b", a, b, expected=oracle.add)


@spec("float16.overflow-is-inf", ATTRS)
@given(x=S.arrays("float16", S.shapes(1, 2), lo=40000, hi=60000))
def test_overflow(T, x):
    check(T, "(a * 2, -a * 2)", x, expected=lambda x: (np.full(x.shape, np.inf, np.float16), np.full(x.shape, -np.inf, np.float16)))


@spec("float16.sum-accumulates-wider", doc("notes/numerical_accuracy.html"))
@given(n=st.integers(2048, 4096))
def test_sum_accumulates(T, n):
    # 1.0 added n times: a float16 accumulator would stall at 2048; the result must be n.
    check(T, "torch.ones(a, dtype=torch.float16, device=dev).sum()", n, expected=lambda n: np.array(n, np.float16))


@spec("float16.mean-of-halfs", doc("notes/numerical_accuracy.html"))
@given(x=S.arrays("float16", S.shapes(1, 3), lo=-100, hi=100))
def test_mean(T, x):
    check(T, "a.mean()", x, expected=oracle.mean, reduce=x.size)
