"""Type promotion (https://pytorch.org/docs/stable/tensor_attributes.html#type-promotion-doc)."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import oracle
from . import strategies as S
from .catalogue import api, cases, doc, spec
from .harness import check, check_raises

PROMOTION = doc("tensor_attributes.html#type-promotion-doc")


def small(dt, shape=None, layouts=S.LAYOUTS):
    # Small values: promotion tests are about dtypes, and int8 must not overflow.
    return S.arrays(dt, shape if shape is not None else S.shapes(1, 3), lo=-10, hi=10, layouts=layouts)


@spec("promotion.promote-types-table", api("torch.promote_types"))
@pytest.mark.parametrize("left", S.ALL)
def test_promote_types(T, left):
    check(T, "[str(torch.promote_types(getattr(torch, a), getattr(torch, b))).split('.')[-1] for b in c]",
          left, None, list(S.ALL), names="a _ c",
          expected=[oracle.promote_types(left, right) for right in S.ALL])


@spec("promotion.result-type-dimensioned-tensors", PROMOTION)
@given(data=st.data())
def test_result_type_tensors(T, data):
    a = data.draw(small(S.dtypes()), label="a")
    b = data.draw(small(S.dtypes()), label="b")
    check(T, "torch.result_type(a, b)", a, b, expected=lambda a, b: np.dtype(oracle.result_type(a, b)))


@spec("promotion.zero-dim-tensor-acts-like-scalar", PROMOTION)
@given(data=st.data())
def test_result_type_zero_dim(T, data):
    a = data.draw(small(S.dtypes()), label="a")
    b = data.draw(small(S.dtypes(), ()), label="b")
    check(T, "torch.result_type(a, b)", a, b, expected=lambda a, b: np.dtype(oracle.result_type(a, b)))
    check(T, "torch.result_type(b, a)", a, b, expected=lambda a, b: np.dtype(oracle.result_type(a, b)))


@spec("promotion.python-scalar-category", PROMOTION)
@given(data=st.data(), kind=st.sampled_from(["bool", "int", "float"]))
def test_result_type_scalar(T, data, kind):
    a = data.draw(st.one_of(small(S.dtypes()), small(S.dtypes(), ())), label="a")
    s = data.draw(S.scalars(kind, -10, 10), label="s")
    check(T, "torch.result_type(a, b)", a, s, expected=lambda a, s: np.dtype(oracle.result_type(a, s)))


@spec("promotion.add-uses-result-type", PROMOTION)
@given(data=st.data())
def test_add_promotes(T, data):
    a = data.draw(st.one_of(small(S.dtypes()), small(S.dtypes(), ())), label="a")
    b = data.draw(st.one_of(small(S.dtypes(), a.shape), small(S.dtypes(), ()), S.scalars("int", -10, 10),
                            S.scalars("float", -10, 10), S.scalars("bool")), label="b")
    check(T, "a + b", a, b, expected=oracle.add)
    check(T, "b * a", a, b, expected=lambda a, b: oracle.mul(b, a))


def _arr(values, dtype):
    return np.array(values, dtype=dtype)


EXAMPLES = cases([
    # The worked examples of the type promotion notes, one behaviour each.
    ("promotion.int-tensor-times-float-is-float32", PROMOTION, "a * 2.5",
     [_arr([1, 2, 3], "int32")], lambda a: oracle.mul(a, 2.5)),
    ("promotion.int-tensor-plus-int-zero-dim-keeps-int32", PROMOTION, "a + b",
     [_arr([1, 2], "int32"), _arr(5, "int64")], oracle.add),
    ("promotion.int-tensor-plus-float-zero-dim-is-float64", PROMOTION, "a + b",
     [_arr([1, 2], "int32"), _arr(5.5, "float64")], oracle.add),
    ("promotion.float32-plus-float64-is-float64", PROMOTION, "a + b",
     [_arr([1.5, 2], "float32"), _arr([0.25, 1], "float64")], oracle.add),
    ("promotion.uint8-with-int8-is-int16", PROMOTION, "a + b",
     [_arr([200, 3], "uint8"), _arr([-7, 100], "int8")], oracle.add),
    ("promotion.bool-tensor-plus-int-is-int64", PROMOTION, "a + 3",
     [_arr([True, False], "bool")], lambda a: oracle.add(a, 3)),
    ("promotion.float16-plus-python-float-stays-float16", PROMOTION, "a + 0.5",
     [_arr([1, 2], "float16")], lambda a: oracle.add(a, 0.5)),
    ("promotion.int64-tensor-plus-float-is-float32", PROMOTION, "a + 1.5",
     [_arr([1, 2], "int64")], lambda a: oracle.add(a, 1.5)),
    ("promotion.uint8-zero-dim-with-int8-tensor-keeps-int8", PROMOTION, "a + b",
     [_arr([1, -2], "int8"), _arr(3, "uint8")], oracle.add),
    ("promotion.zero-dim-tensors-promote-normally", PROMOTION, "a + b",
     [_arr(1, "int8"), _arr(2, "int16")], oracle.add),
    ("promotion.true-division-of-ints-is-float32", api("torch.div"), "a / b",
     [_arr([1, 7], "int64"), _arr([2, 4], "int32")], oracle.div),
    # one dtype pair, a 0-dim operand then a dimensioned one and back: each keeps its own rule (an
    # implementation that remembers promotions per dtype pair must key on the 0-dim-ness too)
    ("promotion.zero-dim-and-dimensioned-int-operands-in-turn", PROMOTION, "(a + b, a + c, a + b)",
     [_arr([1, 2], "int32"), _arr(5, "int64"), _arr([3, 4], "int64")],
     lambda a, b, c: (oracle.add(a, b), oracle.add(a, c), oracle.add(a, b))),
    ("promotion.zero-dim-and-dimensioned-float-operands-in-turn", PROMOTION, "(a + c, a + b, a + c)",
     [_arr([1.5, 2], "float32"), _arr(0.25, "float64"), _arr([3, 4.5], "float64")],
     lambda a, b, c: (oracle.add(a, c), oracle.add(a, b), oracle.add(a, c))),
])


@pytest.mark.parametrize("code, inputs, expected", EXAMPLES)
def test_promotion_examples(T, code, inputs, expected):
    check(T, code, *inputs, expected=expected)


@spec("promotion.comparison-is-bool", PROMOTION)
@given(data=st.data())
def test_comparison_result_bool(T, data):
    a = data.draw(small(S.dtypes()), label="a")
    b = data.draw(small(S.dtypes(), a.shape), label="b")
    check(T, "(a < b).dtype == torch.bool", a, b, expected=True)


@spec("promotion.can-cast-no-category-downcast", api("torch.can_cast"))
@pytest.mark.parametrize("src", S.ALL)
def test_can_cast(T, src):
    check(T, "[torch.can_cast(getattr(torch, a), getattr(torch, b)) for b in c]", src, None, list(S.ALL),
          names="a _ c", expected=[oracle.can_cast(src, dst) for dst in S.ALL])


INPLACE_OPS = ["add_", "sub_", "mul_", "div_"]


@spec("promotion.inplace-cannot-downcast-category", PROMOTION)
@pytest.mark.parametrize("op", INPLACE_OPS)
@given(data=st.data())
def test_inplace_cannot_downcast(T, op, data):
    a = data.draw(small(S.dtypes(S.INTS)), label="a")
    b = data.draw(st.one_of(small(S.dtypes(S.FLOATS), a.shape), S.scalars("float", 0.5, 10)), label="b")
    check_raises(T, f"a.{op}(b)", a, b, exc=RuntimeError)


@spec("promotion.inplace-int-true-division-raises", PROMOTION)
@given(data=st.data())
def test_inplace_int_div_raises(T, data):
    a = data.draw(small(S.dtypes(S.INTS)), label="a")
    check_raises(T, "a.div_(2)", a, exc=RuntimeError)


@spec("promotion.inplace-keeps-self-dtype", PROMOTION)
@pytest.mark.parametrize("op", ["add_", "sub_", "mul_"])
@given(data=st.data())
def test_inplace_keeps_dtype(T, op, data):
    # Within a category (or from a lower one) the result is cast back into self's dtype.
    a = data.draw(small(S.dtypes(S.FLOATS), layouts=S.WRITABLE), label="a")
    # (Subtracting a bool tensor is refused outright, so sub_ draws numeric operands only.)
    b = data.draw(small(S.dtypes(S.NUMERIC + (("bool",) if op != "sub_" else ())), a.shape), label="b")
    fn = {"add_": oracle.add, "sub_": oracle.sub, "mul_": oracle.mul}[op]
    check(T, f"a.{op}(b); a", a, b, expected=lambda a, b: fn(a, b).astype(a.dtype))


DEFAULT_DTYPE_CASES = [
    # (code, input dtypes, whether the result takes the default dtype)
    ("a + 1.5", ("int32",), True),
    ("a / b", ("int64", "int64"), True),
    ("a * 2.5", ("float32",), False),
]


@spec("promotion.default-dtype-types-python-floats-and-int-division", api("torch.set_default_dtype"))
@pytest.mark.parametrize("code, dtypes, takes_default", DEFAULT_DTYPE_CASES)
@given(data=st.data())
def test_default_dtype_drives_promotion(T, code, dtypes, takes_default, data):
    # the same op, first under float32 then under float64 as the default, then float32 again: a
    # result type decided once and reused would keep the first default
    inputs = [data.draw(small(np.dtype(d), shape=(3,), layouts=S.CONTIGUOUS).filter(lambda v: (v != 0).all()),
                        label=f"x{i}") for i, d in enumerate(dtypes)]
    names = dict(zip("ab", [T.tensor(np.asarray(v)) for v in inputs]))
    default = T.get_default_dtype()
    try:
        for dflt in ("float32", "float64", "float32"):
            T.set_default_dtype(getattr(T, dflt))
            out = eval(code, {}, names)
            want = np.dtype(dflt) if takes_default else np.dtype(dtypes[0])
            assert str(out.dtype).split(".")[-1] == want.name, (code, dflt, out.dtype)
            ref = eval(code, {}, {k: np.asarray(v, np.float64) for k, v in zip("ab", inputs)})
            np.testing.assert_allclose(out.numpy().astype(np.float64), ref, rtol=1e-6)
    finally:
        T.set_default_dtype(default)


PYTHON_NUMBERS = cases([
    ("promotion.two-python-ints", api("torch.add"), "torch.add(5, 5)", np.array(10)),
    ("promotion.python-int-and-float", api("torch.add"), "torch.add(5, 2.5)", np.array(7.5, np.float32)),
    ("promotion.two-python-bools", api("torch.add"), "torch.add(True, False)", np.array(True)),
    ("promotion.python-bool-and-int", api("torch.mul"), "torch.mul(True, 3)", np.array(3)),
    ("promotion.python-numbers-mul", api("torch.mul"), "torch.mul(2.5, True)", np.array(2.5, np.float32)),
    ("promotion.python-ints-divide", api("torch.div"), "torch.div(5, 2)", np.array(2.5, np.float32)),
    ("promotion.python-ints-floor-divide", api("torch.div"), "torch.div(7, 2, rounding_mode='floor')", np.array(3)),
    ("promotion.python-ints-alpha", api("torch.add"), "torch.add(5, 2, alpha=3)", np.array(11)),
])


@pytest.mark.parametrize("code, want", PYTHON_NUMBERS)
def test_python_numbers(T, code, want):
    # both operands Python numbers: a 0-dim tensor of the numbers' promoted type (int64, the default float, bool)
    check(T, code, expected=want)


@spec("promotion.python-numbers-only-arithmetic", api("torch.remainder"))
def test_python_numbers_rejected(T):
    check_raises(T, "torch.remainder(5, 2)", exc=TypeError)
