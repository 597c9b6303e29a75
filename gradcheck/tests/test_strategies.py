"""The hypothesis strategies keep inputs where finite differences are trustworthy."""
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gradcheck import strategies as gs

FEW = settings(max_examples=30, deadline=None)


@FEW
@given(gs.shapes(max_dims=3, max_side=5, max_numel=12))
def test_shapes_respect_their_bounds(shape):
    assert len(shape) <= 3 and all(1 <= s <= 5 for s in shape) and math.prod(shape) <= 12


@FEW
@given(gs.floats(-1.0, 3.0, avoid=[0.0, 1.0, 2.0], margin=0.2))
def test_floats_stay_in_domain_and_away_from_kinks(x):
    assert -1.0 <= x <= 3.0
    assert all(abs(x - k) >= 0.2 for k in (0.0, 1.0, 2.0))


@FEW
@given(gs.arrays((3, 2), low=0.5, high=4.0, avoid=[1.0], margin=0.05))
def test_arrays_have_shape_dtype_and_conditioning(a):
    assert a.shape == (3, 2) and a.dtype == np.float64
    assert np.all((a >= 0.5) & (a <= 4.0)) and np.all(np.abs(a - 1.0) >= 0.05)
    assert np.all(np.isfinite(a))


@FEW
@given(gs.arrays((6,), low=-1.0, high=1.0, avoid=[0.0], margin=0.1, separated=True))
def test_separated_values_are_pairwise_apart(a):
    gaps = np.diff(np.sort(a))
    assert np.all(gaps >= 0.1 - 1e-12) and np.all(np.abs(a) >= 0.1 - 1e-12)


@FEW
@given(gs.examples(gs.Input(("m", "k")), gs.Input(("k", "n")), (2,), max_side=3))
def test_named_dimensions_are_shared(arrays):
    a, b, c = arrays
    assert a.shape[1] == b.shape[0] and c.shape == (2,)
    assert max(a.shape + b.shape) <= 3


@FEW
@given(gs.examples(gs.Input(), st.just(np.ones(2))))
def test_unshaped_inputs_and_raw_strategies(arrays):
    assert arrays[0].ndim <= 3 and arrays[1].tolist() == [1.0, 1.0]


def test_impossible_domains_are_refused():
    with pytest.raises(ValueError, match="no value"):
        gs.floats(0.0, 1.0, avoid=[0.5], margin=1.0)
    with pytest.raises(ValueError, match="empty domain"):
        gs.floats(1.0, 1.0)
    with pytest.raises(ValueError, match="cannot place"):
        gs.arrays((30,), low=0, high=1, margin=0.1, separated=True)
    with pytest.raises(TypeError, match="input spec"):
        gs.as_input("3,4")
