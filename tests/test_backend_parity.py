"""The CUDA backend offers every public function of the CPU backend and a twin of every CPU fused
kernel, so the two devices cannot drift apart. A CPU fused kernel whose CUDA twin is not written yet
is listed in CUDA_PENDING (its CUDA lookup raises NotImplementedError naming it); the list must only
shrink: adding a CPU fused kernel means adding its CUDA twin (see reference/backends/cuda/__init__.py)."""
import inspect

import pytest

from reference.backends.cpu import backend as cpu
from reference.backends.cpu.backend import _LINALG as CPU_LINALG
from reference.backends.cpu.fused import FUSED as CPU_FUSED
from reference.backends.cuda import backend as cuda
from reference.backends.cuda.fused import FUSED as CUDA_FUSED
from reference.backends.cuda.linalg import FACTORISATIONS as CUDA_LINALG
from reference.backends.interface import Backend

CUDA_PENDING = set()  # every CPU fused kernel has its CUDA twin now; keep it that way

# torch.linalg names the CPU backend factors and the CUDA backend does not yet (its linalg raises
# NotImplementedError naming them; spec_tests/device_scope.py leaves their spec tests out on cuda):
# none now, and a new CPU name needs its CUDA kernel
LINALG_PENDING = set()


def _public_functions(module):
    return sorted(name for name, value in vars(module).items()
                  if inspect.isfunction(value) and not name.startswith("_") and value.__module__ == module.__name__)


@pytest.mark.parametrize("name", _public_functions(cpu))
def test_cuda_backend_has_every_cpu_function(name):
    assert callable(getattr(cuda, name, None)), f"the cuda backend lacks {name}() of the cpu backend"


def test_cuda_backend_implements_the_interface():
    missing = [n for n, v in vars(Backend).items()
               if callable(v) and not n.startswith("_") and not callable(getattr(cuda, n, None))]
    assert missing == []


@pytest.mark.parametrize("name", sorted(CPU_FUSED))
def test_cuda_has_every_cpu_fused_kernel(name):
    assert name in CUDA_FUSED or name in CUDA_PENDING, (
        f"the cpu fused kernel {name!r} has no cuda twin: add it to reference/backends/cuda/fused.py")


def test_pending_list_only_names_missing_kernels():
    assert sorted(n for n in CUDA_PENDING if n in CUDA_FUSED or n not in CPU_FUSED) == []


def test_a_missing_kernel_names_itself():
    for name in sorted(CUDA_PENDING) + ["no_such_kernel"]:
        assert not cuda.has_fused(name)
        with pytest.raises(NotImplementedError, match=name):
            cuda.fused(name)


def test_cuda_has_no_fused_kernel_the_cpu_lacks():
    assert sorted(set(CUDA_FUSED) - set(CPU_FUSED)) == []


@pytest.mark.parametrize("name", sorted(CPU_LINALG))
def test_cuda_factors_every_cpu_linalg_name(name):
    assert name in CUDA_LINALG or name in LINALG_PENDING, (
        f"the cpu backend factors {name!r} and the cuda backend does not: add it to "
        "reference/backends/cuda/linalg.py (or to LINALG_PENDING with its spec tests in device_scope.py)")


def test_linalg_pending_only_names_missing():
    assert sorted(n for n in LINALG_PENDING if n in CUDA_LINALG or n not in CPU_LINALG) == []


def test_the_factorisations_ordinary_code_uses_run_on_cuda():
    assert {"det", "inv", "solve", "cholesky", "eigh", "qr", "svd"} <= set(CUDA_LINALG)
