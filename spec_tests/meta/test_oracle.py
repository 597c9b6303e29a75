"""The oracle's closed forms on cases computed by hand."""
import math

import numpy as np
import pytest

from spec_tests import oracle as O


def arr(values, dtype):
    return np.array(values, dtype=dtype)


def test_integer_add_wraps_in_its_dtype():
    out = O.add(arr([250], "uint8"), 10)
    assert out.dtype == np.uint8 and out.tolist() == [4]


def test_true_division_of_ints_is_float32():
    out = O.div(arr([1, 7], "int64"), 2)
    assert out.dtype == np.float32 and out.tolist() == [0.5, 3.5]


@pytest.mark.parametrize("a, b, q, r", [(-7, 2, -4, 1), (7, -2, -4, -1), (7, 2, 3, 1), (-7, -2, 3, -1)])
def test_floor_division_and_remainder_follow_python(a, b, q, r):
    for dt in ("int32", "float32"):
        assert O.floor_divide(arr([a], dt), b).tolist() == [q]
        assert O.remainder(arr([a], dt), b).tolist() == [r]


def test_trunc_division():
    assert O.div_trunc(arr([-7, 7], "int64"), 2).tolist() == [-3, 3]
    assert O.div_trunc(arr([-7.5], "float64"), 2.0).tolist() == [-3.0]


def test_round_half_to_even():
    assert O.round(arr([0.5, 1.5, 2.5, -0.5, -1.5, 0.25], "float32")).tolist() == [0, 2, 2, 0, -2, 0]


def test_comparison_rounds_scalar_to_tensor_dtype():
    # float32(0.1) == 0.1 in torch: the scalar is converted to float32 first.
    assert O.eq(arr([0.1], "float32"), 0.1).tolist() == [True]
    assert O.eq(arr([0.1], "float64"), 0.1).tolist() == [True]
    assert O.lt(arr([1, 2], "int32"), 1.5).tolist() == [True, False]


def test_var_std_corrections():
    x = arr([1, 2, 3, 4], "float64")
    assert O.var(x, correction=1) == pytest.approx(5 / 3)
    assert O.var(x, correction=0) == pytest.approx(1.25)
    assert O.var(x, correction=2) == pytest.approx(2.5)
    assert O.std(x, correction=0) == pytest.approx(math.sqrt(1.25))
    m = arr([[1, 3], [2, 6]], "float32")
    assert O.var(m, dim=0).tolist() == [0.5, 4.5]
    assert O.var(m, dim=1, keepdim=True).shape == (2, 1)


def test_logsumexp_is_stable():
    out = O.logsumexp(arr([1000, 1000], "float32"), 0)
    assert out.dtype == np.float32 and out == pytest.approx(1000 + math.log(2))
    assert O.logsumexp(arr([[0, 0], [1, 1]], "float64"), 1).tolist() == pytest.approx([math.log(2), 1 + math.log(2)])


def test_softmax_and_log_softmax():
    s = O.softmax(arr([[1, 2, 3]], "float64"), -1)
    e = np.exp([1, 2, 3])
    assert s.tolist()[0] == pytest.approx((e / e.sum()).tolist())
    assert O.log_softmax(arr([0, 0], "float32"), 0).tolist() == pytest.approx([-math.log(2)] * 2)


def test_argmax_takes_first_occurrence():
    x = arr([[1, 3, 3], [2, 2, 1]], "int64")
    assert O.argmax(x, 1).tolist() == [1, 0]
    assert O.argmin(x, 1).tolist() == [0, 2]
    assert O.argmax(x).tolist() == 1
    assert O.argmax(x, 0, keepdim=True).tolist() == [[1, 0, 0]]
    values, idx = O.max_dim(x, 0)
    assert values.tolist() == [2, 3, 3] and idx.tolist() == [1, 0, 0]


def test_integer_sums_accumulate_in_int64():
    assert O.sum(arr([200, 100], "uint8")).tolist() == 300
    assert O.sum(arr([200, 100], "uint8")).dtype == np.int64
    assert O.sum(arr([True, True, False], "bool")).tolist() == 2
    assert O.cumsum(arr([100, 100], "int8"), 0).tolist() == [100, 200]
    assert O.prod(arr([2, 3], "int16")).dtype == np.int64


def test_reduction_dims():
    x = np.ones((2, 3, 4), np.float32)
    assert O.sum(x, (0, -1)).tolist() == [8, 8, 8]
    assert O.sum(x, -2, keepdim=True).shape == (2, 1, 4)
    assert O.mean(x).shape == ()
    assert O.normalize_dims(-1, 3) == (2,)
    with pytest.raises(IndexError):
        O.normalize_dims(3, 3)


def test_all_any():
    x = arr([[0, 1], [2, 3]], "int64")
    assert O.all(x).tolist() is False
    assert O.all(x, 0).tolist() == [False, True]
    assert O.any(x, 1).tolist() == [True, True]


@pytest.mark.parametrize("s1, s2, out", [((3,), (3,), ()), ((2, 3), (3, 4), (2, 4)), ((3,), (3, 4), (4,)),
                                         ((2, 3), (3,), (2,)), ((5, 1, 2, 3), (4, 3, 7), (5, 4, 2, 7)),
                                         ((3,), (2, 3, 4), (2, 4)), ((2, 2, 3), (3,), (2, 2))])
def test_matmul_shape(s1, s2, out):
    assert O.matmul_shape(s1, s2) == out
    assert O.matmul(np.ones(s1), np.ones(s2)).shape == out


@pytest.mark.parametrize("s1, s2", [((3,), (4,)), ((2, 3), (4, 5)), ((), (3,)), ((2, 2, 3), (3, 3, 4))])
def test_matmul_shape_errors(s1, s2):
    with pytest.raises(ValueError):
        O.matmul_shape(s1, s2)


@pytest.mark.parametrize("shapes, out", [(((3, 1), (1, 4)), (3, 4)), (((5, 3, 4), (4,)), (5, 3, 4)),
                                         (((), (2, 3)), (2, 3)), (((1,), (1, 1)), (1, 1)),
                                         (((2, 1, 3), (4, 1), (3,)), (2, 4, 3))])
def test_broadcast_shapes(shapes, out):
    assert O.broadcast_shapes(*shapes) == out


@pytest.mark.parametrize("shapes", [((2, 3), (4, 3)), ((3,), (4,)), ((2, 1), (3, 1), (1, 4), (4, 4))])
def test_broadcast_incompatible(shapes):
    assert not O.broadcastable(*shapes)


def test_clamp():
    x = arr([-3, 0.5, 9], "float32")
    assert O.clamp(x, -1, 1).tolist() == [-1, 0.5, 1]
    assert O.clamp(x, 2, 1).tolist() == [1, 1, 1]  # min > max: all become max
    assert O.clamp(arr([-3, 5], "int32"), min=0).dtype == np.int32
    assert O.clamp(arr([-3, 5], "int32"), min=0.5).dtype == np.float32


def test_where_promotes():
    out = O.where(arr([True, False], "bool"), arr([1, 2], "int32"), 0.5)
    assert out.dtype == np.float32 and out.tolist() == [1.0, 0.5]


def test_unary_float_of_ints_is_float32():
    assert O.exp(arr([0, 1], "int64")).dtype == np.float32
    assert O.sqrt(arr([4.0], "float64")).dtype == np.float64
    assert O.sigmoid(arr([0.0, 1000.0, -1000.0], "float64")).tolist() == [0.5, 1.0, 0.0]


def test_creation_helpers():
    assert O.infer_dtype([[1, 2], [3, 4.5]]) == "float32"
    assert O.infer_dtype([1, 2]) == "int64"
    assert O.infer_dtype([True]) == "bool"
    assert O.arange_len(0, 10, 2) == 5 and O.arange_len(0, 10, 3) == 4 and O.arange_len(5, 0, 1) == 0
    assert O.arange_dtype(0, 10, 2) == "int64" and O.arange_dtype(0, 1.0) == "float32"
    assert O.linspace(0, 1, 5).tolist() == [0, 0.25, 0.5, 0.75, 1]
    assert O.linspace(3, 9, 1).tolist() == [3]


def test_outer():
    assert O.outer(arr([1, 2], "float32"), arr([3, 4, 5], "float32")).tolist() == [[3, 4, 5], [6, 8, 10]]
