"""pytest-benchmark settings for the workloads: thread counts, quick mode, the namespaces."""
import importlib

import pytest

from . import threads


def pytest_addoption(parser):
    group = parser.getgroup("benchmarks", "reference/torch benchmark workloads")
    group.addoption("--bench-quick", action="store_true", default=False,
                    help="a third of the rounds and no cold start: for demos and smoke runs")
    group.addoption("--bench-threads", type=int, default=None,
                    help="threads for torch, numba and BLAS alike (default: the cores numba may use)")


def pytest_configure(config):
    n = config.getoption("bench_threads") or threads.default_threads()
    threads.configure(n, blas_threads=n)


def pytest_report_header(config):
    s = threads.settings()
    return f"benchmarks: {s['threads']} threads for torch and numba, BLAS limited to {s['blas_threads']}"


@pytest.fixture(scope="session")
def namespaces():
    return {"reference": importlib.import_module("reference"), "torch": importlib.import_module("torch")}
