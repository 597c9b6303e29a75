"""The backend interface: the CPU backend implements every declared member; the CUDA stub (what a
session without numba.cuda gets) raises torch's error from each of them; CUDA tensors work exactly
when numba.cuda runs (a GPU, or the simulator under NUMBA_ENABLE_CUDASIM=1)."""
import pytest

import reference
from reference.backends import Backend, backend_of
from reference.backends.cuda import unavailable as cuda_stub
from reference.backends.cuda._launch import available
from reference.backends.interface import Backend as DeclaredBackend

MEMBERS = sorted(n for n, v in vars(DeclaredBackend).items() if callable(v) and not n.startswith("_"))


def test_interface_declares_the_primitives():
    for name in ("empty", "copy", "compute_dtype", "elementwise", "reduce", "bmm", "gather", "scatter", "fill",
                 "uniform", "fused", "has_fused", "any_zero"):
        assert name in MEMBERS


def test_cpu_backend_implements_the_interface():
    cpu = backend_of(reference.device("cpu"))
    assert isinstance(cpu, Backend)
    missing = [n for n in MEMBERS if not callable(getattr(cpu, n, None))]
    assert missing == []


def test_cpu_dtype_policy_lives_in_the_backend():
    cpu = backend_of(reference.device("cpu"))
    assert cpu.compute_dtype(reference.float16) is reference.float32
    assert cpu.compute_dtype(reference.float64) is reference.float64


def test_unknown_fused_kernel_names_itself():
    cpu = backend_of(reference.device("cpu"))
    assert not cpu.has_fused("no_such_kernel")
    with pytest.raises(NotImplementedError, match="no_such_kernel"):
        cpu.fused("no_such_kernel")


@pytest.mark.parametrize("name", MEMBERS + ["some_family_kernel"])
def test_cuda_stub_raises_torchs_error(name):
    with pytest.raises(AssertionError, match="Torch not compiled with CUDA enabled"):
        getattr(cuda_stub, name)()


def test_cuda_is_available_exactly_when_numba_cuda_runs():
    assert reference.cuda.is_available() is available()
    assert reference.cuda.device_count() == (1 if available() else 0)


@pytest.mark.parametrize("make", [
    lambda: reference.zeros(2, device="cuda"),
    lambda: reference.randn(2, device="cuda:0"),
    lambda: reference.tensor([1.0]).cuda(),
    lambda: reference.tensor([1.0]).to("cuda"),
])
def test_cuda_tensors_need_numba_cuda(make):
    if available():
        assert str(make().device) == "cuda:0"
    else:
        with pytest.raises(AssertionError, match="Torch not compiled with CUDA enabled"):
            make()
