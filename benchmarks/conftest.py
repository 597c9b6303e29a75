"""pytest-benchmark settings for the workloads: thread counts, quick mode, the namespaces."""
import importlib
import os

# Set before torch or numba load an OpenMP runtime (this conftest is imported first). Idle OpenMP
# workers of torch and of numba otherwise spin next to each other and next to OpenBLAS's threads in
# the one process that times both: a 256x256 matmul + relu + backward measured 190 ms instead of
# 1 ms on 2 busy cores. Both sides run under the same policy; export OMP_WAIT_POLICY to override.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import pytest  # noqa: E402

from . import threads  # noqa: E402


def pytest_addoption(parser):
    group = parser.getgroup("benchmarks", "reference/torch benchmark workloads")
    group.addoption("--bench-quick", action="store_true", default=False,
                    help="a third of the rounds and no cold start: for demos and smoke runs")
    group.addoption("--bench-threads", type=int, default=None,
                    help="threads for torch, numba and BLAS alike (default: the cores numba may use)")


def pytest_configure(config):
    n = config.getoption("bench_threads") or threads.default_threads()
    # BLAS on one thread: the reference's own policy (reference/backends/cpu/blas.py), which splits
    # large products over numba's n threads instead; torch's MKL is not an OpenBLAS and keeps n
    threads.configure(n, blas_threads=1)


def pytest_report_header(config):
    s = threads.settings()
    return (f"benchmarks: {s['threads']} threads for torch and numba, BLAS limited to {s['blas_threads']}, "
            f"OMP_WAIT_POLICY={s['omp_wait_policy']}")


@pytest.fixture(scope="session")
def namespaces():
    return {"reference": importlib.import_module("reference"), "torch": importlib.import_module("torch")}
