"""torch.cuda: the numba.cuda device (a GPU, or numba's simulator under NUMBA_ENABLE_CUDASIM=1)."""
from ._device import device as _device
from .backends import backend_of
from .backends.cuda._launch import SIMULATOR as _SIMULATOR
from .backends.cuda._launch import available as _available

_CUDA = _device("cuda", 0)


def is_available():
    return _available()


def device_count():
    return 1 if _available() else 0


def current_device():
    _require()
    return 0


def get_device_name(device=None):
    _require()
    return "numba.cuda simulator" if _SIMULATOR else "numba.cuda device"


def _require():
    if not _available():
        raise AssertionError("Torch not compiled with CUDA enabled")


def manual_seed(seed):
    if _available():
        backend_of(_CUDA).manual_seed(int(seed))


manual_seed_all = manual_seed


def synchronize(device=None):
    if _available():
        backend_of(_CUDA).synchronize()


def memory_allocated(device=None):
    return backend_of(_CUDA).memory_allocated() if _available() else 0
