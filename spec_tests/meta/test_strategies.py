"""The strategies produce what they claim."""
import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from spec_tests import oracle
from spec_tests import strategies as S


@given(S.shapes(max_size=20))
def test_shapes_capped(shape):
    assert math.prod(shape) <= 20 and len(shape) <= 4 and all(s >= 1 for s in shape)


@given(S.broadcastable_shapes(3))
def test_broadcastable(shapes):
    assert oracle.broadcastable(*shapes)


@given(S.incompatible_shapes())
def test_incompatible(shapes):
    assert not oracle.broadcastable(*shapes)


@given(st.data())
def test_arrays_respect_dtype_shape_domain(data):
    dt = data.draw(S.dtypes())
    shape = data.draw(S.shapes())
    x = data.draw(S.arrays(dt, shape, lo=-7, hi=7, avoid=0.5))
    assert x.dtype == np.dtype(dt) and x.shape == shape
    if dt != "bool":
        assert np.all(np.abs(x.astype(np.float64)) <= 7) and np.all(np.abs(x.astype(np.float64)) >= 0.5)
        assert np.all(np.isfinite(x.astype(np.float64)))


@given(S.arrays(S.dtypes(S.FLOATS), quarters=True))
def test_quarters(x):
    assert np.all((x.astype(np.float64) * 4) % 1 == 0)


@given(S.arrays("uint8", lo=-50, hi=50))
def test_unsigned_bounds_clip(x):
    assert x.min() >= 0


@settings(max_examples=200)
@given(S.arrays(S.dtypes(S.NUMERIC), S.shapes(1, 3).filter(lambda s: math.prod(s) >= 2)))
def test_never_all_zero(x):
    assert np.any(x != 0)


@given(st.data())
def test_basic_indices_valid(data):
    shape = data.draw(S.shapes(1, 4))
    idx = data.draw(S.basic_indices(shape))
    assert sum(i is Ellipsis for i in idx) <= 1
    np.zeros(shape)[idx]  # NumPy accepts it


@given(st.data())
def test_index_arrays_in_range(data):
    n = data.draw(st.integers(1, 6))
    i = data.draw(S.integer_index_arrays(n))
    assert i.dtype == np.int64 and np.all(i >= -n) and np.all(i < n)


@given(st.data())
def test_dims(data):
    ndim = data.draw(st.integers(1, 4))
    d = data.draw(S.dims(ndim))
    assert -ndim <= d < ndim
    dims = data.draw(S.dim_tuples(ndim))
    assert len({x % ndim for x in dims}) == len(dims)


@given(S.scalars("int", -3, 3), S.scalars("float", -2, 2, quarters=True), S.scalars("bool"))
def test_scalars(i, f, b):
    assert type(i) is int and -3 <= i <= 3
    assert type(f) is float and (f * 4) % 1 == 0
    assert type(b) is bool
