"""Unit tests of the pure layout functions every device shares, against NumPy's own rules."""
import numpy as np
from hypothesis import given, settings, strategies as st

from reference._shape import broadcast_shapes, collapse, contiguous_strides, is_contiguous, view_strides

small_shapes = st.lists(st.integers(1, 4), min_size=0, max_size=4).map(tuple)


@given(small_shapes, st.data())
@settings(max_examples=60, deadline=None)
def test_view_strides_agree_with_numpy_reshape_without_copy(shape, data):
    base = np.arange(int(np.prod(shape)) if shape else 1).reshape(shape)
    perm = data.draw(st.permutations(range(len(shape))))
    arr = base.transpose(perm)
    n = arr.size
    divisors = [d for d in range(1, n + 1) if n % d == 0]
    d = data.draw(st.sampled_from(divisors))
    new_shape = (d, n // d)
    strides = tuple(s // arr.itemsize for s in arr.strides)
    got = view_strides(arr.shape, strides, new_shape)
    try:
        view = arr.view()
        view.shape = new_shape  # numpy raises when a copy would be needed
        expected = tuple(s // arr.itemsize for s in view.strides)
    except AttributeError:
        expected = None
    if expected is None:
        assert got is None
    else:
        assert got is not None
        flat = base.reshape(-1)
        picked = np.lib.stride_tricks.as_strided(flat, new_shape, [s * flat.itemsize for s in got])
        assert np.array_equal(picked, arr.reshape(new_shape))


@given(st.lists(small_shapes, min_size=2, max_size=3))
@settings(max_examples=60, deadline=None)
def test_broadcast_shapes_matches_numpy(shapes):
    try:
        expected = np.broadcast_shapes(*shapes)
    except ValueError:
        expected = None
    try:
        got = broadcast_shapes(*shapes)
    except RuntimeError:
        got = None
    assert got == expected


def test_collapse_merges_contiguous_dims_and_keeps_broadcast_apart():
    assert collapse((2, 3, 4), (12, 4, 1)) == ((24,), ((1,),))
    assert collapse((2, 3), (3, 1), (0, 1)) == ((2, 3), ((3, 1), (0, 1)))


def test_contiguity():
    assert is_contiguous((2, 3), contiguous_strides((2, 3)))
    assert not is_contiguous((2, 3), (1, 2))
    assert is_contiguous((2, 1, 3), (3, 99, 1))
