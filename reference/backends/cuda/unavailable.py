"""The backend of a build without CUDA: each member of backends.interface.Backend raises the
AssertionError torch raises when a CUDA tensor is requested from a CPU-only build."""
from ..interface import Backend

NOT_COMPILED = "Torch not compiled with CUDA enabled"


def is_available():
    return False


def _unavailable(*args, **kwargs):
    raise AssertionError(NOT_COMPILED)


def _declared_members():
    return [name for name, member in vars(Backend).items() if callable(member) and not name.startswith("_")]


# every primitive and fused-kernel lookup of the interface, so no op can reach a missing attribute
for _name in _declared_members():
    globals()[_name] = _unavailable


def __getattr__(name):
    # kernels a layer family added to another device's backend only: still torch's error here
    if name.startswith("__"):
        raise AttributeError(name)
    return _unavailable
