"""benchmarks/gpu_check.py, the script a session with a GPU runs for issue 15, stays runnable without
one: it imports, its suite share is .ci/run's simulator list (every file exists), and it reads pytest's
summary, an interrupted run's too. benchmarks/ptx_check.py finds a factory-built kernel by name. (`python -m benchmarks.gpu_check --dry-run` runs it whole on the
simulator in about 20 s.)"""
from pathlib import Path

from benchmarks.gpu_check import suite_areas, summary_counts
from benchmarks.ptx_check import _dispatchers
from reference.backends.cuda import backend as cuda_backend

ROOT = Path(__file__).resolve().parent.parent


def test_suite_share_is_the_ci_simulator_list():
    areas = suite_areas()
    assert len(areas) > 20 and "spec_tests/test_reductions.py" in areas
    assert all((ROOT / a.split("::")[0]).is_file() for a in areas), areas


def test_reads_pytest_summaries():
    assert summary_counts("....\n120 passed, 3 skipped in 40.1s\n") == (120, 0)
    assert summary_counts("FAILED a.py::t - x\n2 failed, 98 passed, 1 error in 9s\n") == (98, 3)
    assert summary_counts("!!! KeyboardInterrupt !!!\n57 passed, 1 failed in 150.02s\n\n") == (57, 1)
    assert summary_counts("no tests ran") == (0, 0)


def test_ptx_check_finds_factory_kernels_by_name():
    kernel = cuda_backend.BLOCK.sum_float
    found = _dispatchers(kernel.py_func.__module__, kernel.py_func.__qualname__)
    assert kernel in found and cuda_backend.BLOCK.sum_int in found
    assert _dispatchers("reference.backends.cuda.reduce_kernels", "sum_rows") == [
        cuda_backend._rk.sum_rows]
