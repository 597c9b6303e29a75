"""Warp shuffles for numba's CUDA simulator, which has none (its kernelapi lacks shfl_*_sync).

Installed only when REFERENCE_CUDASIM_SHUFFLES=1 (see _launch), so that the shuffle path of the block
reductions runs on the simulator too; by default the simulator takes their shared-memory fallback.
The emulation keeps the hardware's contract strict rather than forgiving, so that a kernel which only
works by luck fails here:
- the calling lane must be named in the mask, and every lane the mask names must exist in the block;
- every lane the mask names must reach the same shuffle (a warp-wide barrier, with a timeout that
  reports a divergent shuffle instead of hanging);
- reading a lane outside the mask is undefined on a GPU: here it raises.
Each simulated thread is a Python thread (kernel.BlockThread), so a warp is 32 of them; blocks run one
after another, and each block has its own BlockManager, which holds the warps' exchange slots.
"""
import threading

from numba.cuda.simulator import kernelapi

WARP = 32
_TIMEOUT_S = 30.0
_state_lock = threading.Lock()


class WarpShuffleError(RuntimeError):
    """A shuffle whose result a GPU leaves undefined."""


def _warp_slots(thread, mask):
    manager = thread._manager
    warp = thread.thread_id // WARP
    size = 1
    for d in manager._block_dim:
        size *= d
    lanes_here = min(WARP, size - warp * WARP)
    lane = thread.thread_id % WARP
    if not (mask >> lane) & 1:
        raise WarpShuffleError(f"lane {lane} of warp {warp} shuffles with mask {mask:#010x}, which does not name it")
    if mask >> lanes_here:
        raise WarpShuffleError(f"mask {mask:#010x} names lanes that warp {warp} lacks (it has {lanes_here})")
    with _state_lock:
        states = manager.__dict__.setdefault("_warp_shuffle_slots", {})
        key = (warp, mask)
        if key not in states:
            states[key] = ([None] * WARP, threading.Barrier(bin(mask).count("1"), timeout=_TIMEOUT_S))
        return lane, states[key]


def _exchange(mask, value, source_of):
    thread = threading.current_thread()
    lane, (slots, barrier) = _warp_slots(thread, mask)
    src = source_of(lane)
    try:
        slots[lane] = value
        barrier.wait()
        if src is not None and not (mask >> src) & 1:
            barrier.abort()   # wake the other lanes: the kernel is wrong, not slow
            raise WarpShuffleError(f"lane {lane} reads lane {src}, outside the mask {mask:#010x}")
        out = value if src is None else slots[src]
        barrier.wait()   # nobody overwrites a slot before every lane has read
    except threading.BrokenBarrierError:
        raise WarpShuffleError("a lane named in the mask never reached this shuffle (a divergent shuffle)") from None
    return out


def shfl_xor_sync(self, mask, value, lane_mask):
    return _exchange(mask, value, lambda lane: lane ^ lane_mask)


def shfl_down_sync(self, mask, value, delta):
    # a source past the warp's end leaves the caller's own value, as on the hardware
    return _exchange(mask, value, lambda lane: lane + delta if lane + delta < WARP else None)


def install():
    kernelapi.FakeCUDAModule.shfl_xor_sync = shfl_xor_sync
    kernelapi.FakeCUDAModule.shfl_down_sync = shfl_down_sync
