"""Cold and warm start: the wall time of a child interpreter that imports the namespace and runs one
MLP training step (`benchmarks/_first_step.py`). Cold start gives the child an empty numba cache
(NUMBA_CACHE_DIR in a fresh temporary directory), so every kernel the step touches is compiled."""
import shutil
import subprocess
import sys
import tempfile
import time

from . import threads


def run_child(impl, cold):
    env = threads.child_env()
    cache = tempfile.mkdtemp(prefix="bench-numba-cache-") if cold else None
    if cache:
        env["NUMBA_CACHE_DIR"] = cache
    try:
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "benchmarks._first_step", impl], env=env,
                              capture_output=True, text=True)
        elapsed = time.perf_counter() - t0
    finally:
        if cache:
            shutil.rmtree(cache, ignore_errors=True)
    if proc.returncode != 0:
        raise RuntimeError(f"{impl} first-step child failed:\n{proc.stderr[-3000:]}")
    return elapsed


def timer(impl, cold):
    """The timed callable of a start-up workload (the parent times the whole child)."""
    return lambda: run_child(impl, cold)
