"""Run by tests/test_cuda_warp_shuffles.py under NUMBA_ENABLE_CUDASIM=1 REFERENCE_CUDASIM_SHUFFLES=1:
the warp-shuffle path of the block reductions (two 32-lane warps a block, through the simulator's
shuffle emulation) against the CPU backend, and the emulation's refusals. Prints "all ok" at the end."""
import sys

import numpy as np
from numba import cuda

import reference as torch
import reference.backends.cuda.backend  # noqa: F401 - the module object itself, below
from reference.backends.cuda._sim_warp import WarpShuffleError

B = sys.modules["reference.backends.cuda.backend"]
assert B.BLOCK.shuffles and B.BLOCK.threads == 64, (B.BLOCK.shuffles, B.BLOCK.threads)

rng = np.random.default_rng(15)


def same(name, got, want, exact=False):
    got = got.cpu().numpy()
    want = want.numpy()
    ok = np.array_equal(got, want, equal_nan=True) if exact else np.allclose(got, want, rtol=1e-6, atol=1e-7,
                                                                                equal_nan=True)
    assert ok and got.dtype == want.dtype, f"{name}: cuda {got} != cpu {want}"
    print("ok", name)


# 70 elements a row: lanes 0-5 take two, the rest one; 9 elements: most lanes hold only the identity
floats = rng.standard_normal((2, 70))
floats[0, 3] = floats[0, 66] = floats[0].max() + 1.0          # a tie for the max: the first index wins
floats[1, 40] = np.nan                                         # a NaN wins max, min and softmax
floats[1, 10] = np.inf                                         # ... and logsumexp, over a +inf
short = rng.standard_normal((3, 9)).astype(np.float32)
ints = rng.integers(-4, 4, (2, 70)).astype(np.int32)           # many ties

for label, a in (("float64", floats), ("float32-short", short)):
    x, c = torch.tensor(a, device="cuda"), torch.tensor(a)
    same(f"sum {label}", x.sum(1), c.sum(1))
    same(f"max {label}", x.max(1)[0], c.max(1)[0], exact=True)
    same(f"argmax {label}", x.max(1)[1], c.max(1)[1], exact=True)
    same(f"argmin {label}", x.min(1)[1], c.min(1)[1], exact=True)
    same(f"var {label}", x.var(1), c.var(1))
    same(f"logsumexp {label}", x.logsumexp(1), c.logsumexp(1))
    same(f"softmax {label}", x.softmax(1), c.softmax(1))
    same(f"log_softmax {label}", x.log_softmax(1), c.log_softmax(1))

x, c = torch.tensor(ints, device="cuda"), torch.tensor(ints)
same("sum int32", x.sum(1), c.sum(1), exact=True)
same("argmax int32 ties", x.max(1)[1], c.max(1)[1], exact=True)
same("argmin int32 ties", x.min(1)[1], c.min(1)[1], exact=True)
strided = torch.tensor(floats[:, :64].T.copy(), device="cuda").t()   # rows read through a column stride
same("sum strided", strided.sum(1), torch.tensor(floats[:, :64]).sum(1))


@cuda.jit
def _partial_mask(out):
    out[cuda.threadIdx.x] = cuda.shfl_xor_sync(0x0000FFFF, 1.0, 1)


@cuda.jit
def _reads_outside_mask(out):
    t = cuda.threadIdx.x
    if t < 16:
        out[t] = cuda.shfl_xor_sync(0x0000FFFF, 1.0, 16)


for name, kernel in (("a lane outside its mask", _partial_mask), ("a read outside the mask", _reads_outside_mask)):
    try:
        kernel[1, 32](np.zeros(32))
    except WarpShuffleError:
        print("ok refuses", name)
    else:
        raise AssertionError(f"the shuffle emulation accepted {name}")
print("all ok")
