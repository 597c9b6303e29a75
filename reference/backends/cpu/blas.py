"""The OpenBLAS that numba's `@` calls (SciPy's) runs on one thread; products large enough to split
are shared out over numba's pool instead (linalg_kernels.bmm_blas_rows), so the process has one pool.

Why: OpenBLAS's threads wait for each other by spinning and yielding. On a machine whose cores are
shared they lose against numba's workers and against other processes: measured on 2 cores at load
26, a 256x256 float32 GEMM with 2 BLAS threads took 174 ms median (0.30 ms min); with 1 BLAS thread
and numba's pool at 2, 0.37 ms median, as torch's 0.36 ms in the same run.
"""
import os

import scipy
import scipy.linalg.cython_blas  # noqa: F401  (loads the library, so the limit below reaches it)
from threadpoolctl import ThreadpoolController

_SCIPY_DIR = os.path.dirname(os.path.dirname(os.path.abspath(scipy.__file__)))


def _numba_blas(controller):
    """The BLAS libraries SciPy ships (wheels keep them in scipy.libs, beside the package); not
    NumPy's own, which the user's NumPy code calls and which stays as the user set it."""
    return [lib for lib in controller.lib_controllers
            if lib.user_api == "blas" and os.path.dirname(os.path.abspath(lib.filepath)).startswith(
                os.path.join(_SCIPY_DIR, "scipy"))]


def limit_to_one_thread():
    for lib in _numba_blas(ThreadpoolController()):
        lib.set_num_threads(1)


limit_to_one_thread()
