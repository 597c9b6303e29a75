"""Device backends. Each offers the same functions (see cpu/backend.py); op modules reach them
through backend_of(device) and never name a device themselves."""

_backends = {}


def backend_of(device):
    b = _backends.get(device.type)
    if b is None:
        if device.type == "cpu":
            from .cpu import backend as b
        else:
            from .cuda import backend as b  # noqa: F401  (later issue: numba.cuda kernels)
        _backends[device.type] = b
    return b
