"""Launch geometry: how many blocks and threads a kernel gets, on a GPU and on the simulator.

Every kernel loops grid-stride, so any geometry computes the same result; only speed differs. On a
GPU a launch covers the data with 256-thread blocks (capped, the loop does the rest). numba's CUDA
simulator (NUMBA_ENABLE_CUDASIM=1) runs each simulated thread as a Python thread, about 150 us
apiece, while a loop iteration costs a few us: there a launch gets one small block, so the
grid-stride loops still take several strides per thread and the block-level code paths (shared
memory, syncthreads) still run with more than one thread.
"""
import os

from numba import config

SIMULATOR = bool(config.ENABLE_CUDASIM)
# Block reductions combine partials by warp shuffles on a GPU. numba's simulator has no shuffles, so
# there they take the shared-memory tree, unless REFERENCE_CUDASIM_SHUFFLES=1 installs an emulation
# (_sim_warp) to run the shuffle path itself, in 64-thread blocks (two warps, so both levels run).
SIM_SHUFFLES = SIMULATOR and os.environ.get("REFERENCE_CUDASIM_SHUFFLES") == "1"
WARP_SHUFFLES = not SIMULATOR or SIM_SHUFFLES
if SIM_SHUFFLES:
    from . import _sim_warp
    _sim_warp.install()

THREADS = 4 if SIMULATOR else 256          # threads per block of a 1-D grid-stride launch
MAX_BLOCKS = 1 if SIMULATOR else 4096      # blocks per launch at most
REDUCE_THREADS = (64 if SIM_SHUFFLES else 4) if SIMULATOR else 128   # threads of a block reduction's block
TILE = 4 if SIMULATOR else 16              # side of a matmul tile (TILE x TILE threads per block)


def grid(n):
    """(blocks, threads) for n independent work items."""
    if n <= 0:
        return 1, 1
    blocks = min(MAX_BLOCKS, -(-n // THREADS))
    return blocks, THREADS


def matmul_grid(n, m, batches):
    """Blocks (along m, along n, batches) of a tiled matrix product; the kernel strides over the rest.
    On the simulator one block: each block's threads and barriers cost far more than its loops."""
    if SIMULATOR:
        return 1, 1, 1
    return min(-(-m // TILE), 65535), min(-(-n // TILE), 65535), min(batches, 65535)


def available():
    """Whether numba.cuda can run kernels here: the simulator, or a GPU with its driver."""
    if SIMULATOR:
        return True
    import numba.cuda  # optional (numba-cuda), and probing the driver costs seconds: only when asked
    try:
        return bool(numba.cuda.is_available())
    except Exception:  # noqa: BLE001 - a broken driver install means no CUDA, as in torch
        return False
