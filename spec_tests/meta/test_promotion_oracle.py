"""The promotion closed form on pairs documented in the type promotion notes."""
import itertools

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from spec_tests import oracle as O


@pytest.mark.parametrize("a, b, out", [
    ("uint8", "int8", "int16"), ("uint8", "int16", "int16"), ("uint8", "int32", "int32"), ("uint8", "int64", "int64"),
    ("int8", "int16", "int16"), ("int32", "int64", "int64"), ("bool", "uint8", "uint8"), ("bool", "float16", "float16"),
    ("int64", "float16", "float16"), ("float16", "float32", "float32"), ("float32", "float64", "float64"),
    ("bool", "bool", "bool"), ("int8", "float64", "float64"), ("uint8", "bool", "uint8"),
])
def test_promote_types_pairs(a, b, out):
    assert O.promote_types(a, b) == out
    assert O.promote_types(b, a) == out


def test_promote_types_is_commutative_and_associative():
    for a, b, c in itertools.product(O.DTYPES, repeat=3):
        assert O.promote_types(a, b) == O.promote_types(b, a)
        assert O.promote_types(O.promote_types(a, b), c) == O.promote_types(a, O.promote_types(b, c))


def t(dtype, ndim=1):
    return np.zeros((2,) * ndim, dtype=dtype)


@pytest.mark.parametrize("operands, out", [
    # From the notes' examples.
    ((t("int32"), 5), "int32"),
    ((t("int32"), 5.5), "float32"),
    ((t("int32"), t("int64", 0)), "int32"),
    ((t("int32"), t("float64", 0)), "float64"),
    ((t("float32"), t("float64", 0)), "float32"),
    ((t("float32"), t("float64")), "float64"),
    ((t("float16"), 2.5), "float16"),
    ((t("bool"), 3), "int64"),
    ((t("bool"), True), "bool"),
    ((t("uint8"), t("int8", 0)), "uint8"),
    ((t("int8", 0), t("int16", 0)), "int16"),
    ((t("int8", 0), 2.0), "float32"),
    ((t("bool", 0), 2), "int64"),
    ((t("int64"), t("bool", 0), 2.0), "float32"),
    ((1, 2.0), "float32"),
    ((True, 2), "int64"),
])
def test_result_type_examples(operands, out):
    assert O.result_type(*operands) == out


@given(st.sampled_from(O.DTYPES), st.sampled_from(O.DTYPES))
def test_dimensioned_operands_promote_normally(a, b):
    assert O.result_type(t(a), t(b)) == O.promote_types(a, b)


@given(st.sampled_from(O.DTYPES), st.sampled_from(O.DTYPES))
def test_lower_priority_only_matters_across_categories(a, b):
    out = O.result_type(t(a), t(b, 0))
    if O.category(b) <= O.category(a):
        assert out == a
    else:
        assert O.category(out) == O.category(b)


def test_can_cast():
    assert O.can_cast("int32", "float16") and O.can_cast("bool", "int8") and O.can_cast("float64", "float16")
    assert not O.can_cast("float32", "int64") and not O.can_cast("int8", "bool")


def test_dtype_names():
    assert O.dtype_name("torch.float32") == "float32"
    assert O.dtype_name(np.float16) == "float16"
    assert O.dtype_name(np.dtype("bool")) == "bool"
    assert O.float_result("int8") == "float32" and O.float_result("float16") == "float16"
