"""Device backends. Each implements backends.interface.Backend; op modules reach them through
backend_of(device) and never name a device themselves."""
import sys

from .cpu import backend as _cpu
from .cuda import selected as _cuda
from .cuda._launch import SIMULATOR, available
from .interface import Backend  # noqa: F401

_BACKENDS = {"cpu": _cpu, "cuda": _cuda}


def backend_of(device):
    return _BACKENDS[device.type]


def seed_accelerators(seed):
    """Seed the CUDA generator too when numba.cuda runs here (torch.manual_seed seeds all devices);
    without CUDA there is nothing to seed and nothing is probed."""
    if SIMULATOR or ("numba.cuda" in sys.modules and available()):
        _cuda.manual_seed(seed)
