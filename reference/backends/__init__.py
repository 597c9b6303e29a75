"""Device backends. Each implements backends.interface.Backend; op modules reach them through
backend_of(device) and never name a device themselves."""
from .cpu import backend as _cpu
from .cuda import backend as _cuda
from .interface import Backend  # noqa: F401

_BACKENDS = {"cpu": _cpu, "cuda": _cuda}


def backend_of(device):
    return _BACKENDS[device.type]
