"""One thread count for every pool in the process: torch's, numba's and the BLAS that numba calls.

Numba's `@` goes through SciPy's OpenBLAS, whose threads spin next to numba's workers on a small
machine (DESIGN.md: a kernel between two matmuls ran 30-45x slower with default settings), so the
BLAS pool is limited explicitly rather than left at its default. The reference itself keeps that
BLAS at one thread and splits large products over numba's pool (reference/backends/cpu/blas.py);
the suite limits BLAS to one thread to match.
"""
import os

import numba
# numba's np.dot calls this module's OpenBLAS; it must be loaded before the limit is set, or the
# limit misses it (measured: a 256x256 matmul at 40 ms instead of 0.2 ms on 2 busy cores)
import scipy.linalg.cython_blas  # noqa: F401
from threadpoolctl import threadpool_limits

import reference

_settings = {}


def default_threads():
    return min(os.cpu_count() or 1, numba.config.NUMBA_NUM_THREADS)


def configure(threads, blas_threads):
    """Apply the counts to this process (torch, numba, BLAS) and remember them for child processes."""
    import torch  # optional dependency (the `bench` extra); never imported by reference/
    torch.set_num_threads(threads)
    reference.set_num_threads(threads)
    _settings.update(threads=threads, blas_threads=blas_threads,
                     limiter=threadpool_limits(limits=blas_threads, user_api="blas"))


def settings():
    return dict({k: _settings[k] for k in ("threads", "blas_threads")},
                omp_wait_policy=os.environ.get("OMP_WAIT_POLICY", "default"))


def child_env(threads=None, blas_threads=None):
    """Environment that gives a child interpreter the same counts before anything is imported."""
    threads = threads or _settings.get("threads") or default_threads()
    blas = blas_threads or _settings.get("blas_threads") or threads
    env = dict(os.environ)
    env.update(NUMBA_NUM_THREADS=str(threads), OMP_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS=str(blas),
               BENCH_THREADS=str(threads))
    return env
