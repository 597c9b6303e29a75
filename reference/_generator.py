"""torch.Generator: an explicit random stream (PCG64) for the choices a caller wants reproducible.

The global stream behind rand/randn/manual_seed lives in the CPU backend's kernels; a Generator is a
separate stream, so seeding one never disturbs the other (as in torch).
"""
import pickle
import random

import numpy as np

from ._device import as_device
from ._ops.creation import from_numpy, randint

# torch gives every fresh Generator this seed until it is reseeded.
DEFAULT_SEED = 67280421310721
_SEED_SPACE = 2 ** 64


class Generator:
    def __init__(self, device="cpu"):
        self.device = as_device(device)
        self.manual_seed(DEFAULT_SEED)

    def manual_seed(self, seed):
        seed = int(seed)  # TypeError for non-numbers, like torch
        self._initial_seed = seed % _SEED_SPACE
        self._rng = np.random.Generator(np.random.PCG64(self._initial_seed))
        return self

    def initial_seed(self):
        return self._initial_seed

    def seed(self):
        """Reseed from a non-deterministic source and return the new seed."""
        s = random.SystemRandom().getrandbits(63)
        self.manual_seed(s)
        return s

    def get_state(self):
        return from_numpy(np.frombuffer(pickle.dumps(self._rng.bit_generator.state), dtype=np.uint8).copy())

    def set_state(self, new_state):
        if getattr(new_state, "dtype", None) is None or new_state.dtype.name != "uint8":
            raise TypeError("expected a torch.ByteTensor, but got " + type(new_state).__name__)
        state = pickle.loads(np.asarray(new_state).tobytes())
        self._rng.bit_generator.state = state
        return self

    def __repr__(self):
        return f"<torch._C.Generator object at {id(self):#x}>"

    # ---- draws used by the library (numpy results; callers wrap them) ----
    def _sample(self, kind, shape, np_dtype, *params):
        """A C-contiguous array of np_dtype for rand/randn/randint/randperm(generator=self)."""
        if kind == "uniform":
            low, high = params
            out = (low + (high - low) * self._rng.random(shape)).astype(np_dtype)
            # float64 draws just below `high` may round up to it in a narrower dtype; [low, high) holds
            top = np.nextafter(np.asarray(high, np_dtype), np.asarray(low, np_dtype))
            return np.minimum(out, top, out=out)
        if kind == "normal":
            mean, std = params
            return (mean + std * self._rng.standard_normal(shape)).astype(np_dtype)
        if kind == "randint":
            low, high = params
            return self._rng.integers(low, high, size=shape, dtype=np.int64).astype(np_dtype)
        if kind == "randperm":
            return self._permutation(params[0]).astype(np_dtype)
        raise ValueError(f"unknown distribution {kind!r}")

    def _permutation(self, n):
        return self._rng.permutation(n).astype(np.int64)

    def _integers(self, low, high, size=None):
        return self._rng.integers(low, high, size=size, dtype=np.int64)

    def _uniform(self, size=None):
        return self._rng.random(size)

    def _seed64(self):
        """A fresh 63-bit seed, for streams derived from this one (workers, epochs)."""
        return int(self._rng.integers(0, 2 ** 63 - 1, dtype=np.int64))


def global_seed64():
    """A 63-bit seed drawn from the global stream, so manual_seed(s) fixes everything derived from it."""
    return int(randint(0, 2 ** 62, ()).item())


def generator_or_fresh(generator):
    """The caller's generator, or a new one seeded from the global stream (torch's behaviour for None)."""
    if generator is not None:
        return generator
    return Generator().manual_seed(global_seed64())
