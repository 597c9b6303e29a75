"""NumPy bridge: from_numpy and numpy() share memory on CPU
(https://pytorch.org/docs/stable/generated/torch.from_numpy.html)."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import strategies as S
from .catalogue import api, seed, spec
from . import seed_passages as SP
from .harness import check, check_raises
from .repro import NP

# from_numpy/numpy() share memory with CPU tensors only.
pytestmark = pytest.mark.cpu_only


@spec("numpy.from-numpy-shares-memory", SP.NUMPY_BRIDGE)
@given(x=S.arrays(S.dtypes(S.NUMERIC), lo=-50, hi=50))
def test_from_numpy_sees_numpy_writes(T, x):
    check(T, "t = torch.from_numpy(a); a *= 2; t", NP(x), expected=lambda a: a * np.asarray(2, a.dtype))


@spec("numpy.from-numpy-writes-reach-numpy", api("torch.from_numpy"))
@given(x=S.arrays(S.dtypes(S.FLOATS)))
def test_from_numpy_writes_back(T, x):
    check(T, "t = torch.from_numpy(a); t.add_(1); a", NP(x), expected=lambda a: (a.astype(np.float64) + 1).astype(a.dtype))


@spec("numpy.numpy-shares-memory", SP.NUMPY_BRIDGE)
@given(x=S.arrays("float32", S.shapes(1, 3)))
def test_numpy_shares(T, x):
    check(T, "n = a.numpy(); n[...] = 5.0; a", x, expected=lambda x: np.full_like(x, 5.0))


@spec("numpy.numpy-sees-tensor-writes", SP.NUMPY_BRIDGE)
@given(x=S.arrays("float64", S.shapes(1, 3)))
def test_numpy_sees_writes(T, x):
    check(T, "n = a.numpy(); a.zero_(); n", x, expected=lambda x: np.zeros_like(x))


@spec("numpy.numpy-keeps-dtype", api("torch.Tensor.numpy"))
@given(x=S.arrays(S.dtypes()))
def test_numpy_dtype(T, x):
    check(T, "a.numpy()", x, expected=lambda x: x)


@spec("numpy.from-numpy-default-int-array-is-int64", SP.NUMPY_BRIDGE)
def test_from_numpy_int_array(T):
    check(T, "torch.from_numpy(a).dtype == torch.int64", NP(np.array([1, 2, 3], dtype=np.int64)), expected=True)


@spec("numpy.from-numpy-strided-array", api("torch.from_numpy"))
@given(x=S.arrays("float32", st.tuples(st.integers(1, 4), st.integers(2, 8))))
def test_from_numpy_strided(T, x):
    check(T, "t = torch.from_numpy(a[:, ::2]); a[:, ::2] += 1; t", NP(x),
          expected=lambda a: (a[:, ::2].astype(np.float64) + 1).astype(np.float32))


@spec("numpy.tensor-of-array-copies", api("torch.tensor"))
@given(x=S.arrays("int64", S.shapes(1, 2)))
def test_tensor_copies(T, x):
    check(T, "t = torch.tensor(a); a[...] = 0; t", NP(x), expected=lambda a: a)


@spec("numpy.unsupported-dtype-raises", api("torch.from_numpy"))
def test_from_numpy_object_raises(T):
    check_raises(T, "torch.from_numpy(np.array([1, 'x'], dtype=object))", exc=TypeError)


@spec("numpy.numpy-of-requires-grad-raises", api("torch.Tensor.numpy"))
def test_numpy_requires_grad_raises(T):
    check_raises(T, "torch.ones(3, requires_grad=True).numpy()", exc=RuntimeError, contains=("detach",))


@spec("numpy.detach-then-numpy", api("torch.Tensor.numpy"))
@given(x=S.arrays("float32", S.shapes(1, 2)))
def test_detach_numpy(T, x):
    check(T, "a.requires_grad_(); a.detach().numpy()", x, expected=lambda x: x)
