"""Reading a checkpoint's object tree: torch's globals map to reference objects, and with weights_only
only an allow-list of globals may be named at all (anything else is refused before it is imported)."""
import _codecs
import _compat_pickle
import collections
import importlib
import pickle

from .. import _dtype as D
from .._device import device as Device
from .._shape import Size
from .._tensor import Tensor
from ..nn.parameter import Parameter
from . import names as N

_user_safe = {}  # "module.name" -> object, from add_safe_globals


class StorageType:
    """What the GLOBAL torch.FloatStorage (etc.) loads as: the dtype of the bytes it names."""
    __slots__ = ("name", "dtype")

    def __init__(self, name, dtype):
        self.name, self.dtype = name, dtype


def _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks, metadata=None):
    return storage.tensor(storage_offset, size, stride, requires_grad)


def _rebuild_parameter(data, requires_grad, backward_hooks, state=None):
    p = Parameter(data, requires_grad)
    if state:
        for k, v in state.items():
            setattr(p, k, v)
    return p


def _rebuild_parameter_with_state(data, requires_grad, backward_hooks, state):
    return _rebuild_parameter(data, requires_grad, backward_hooks, state)


def _torch_globals():
    """The torch globals a weights-only checkpoint may name, as reference objects."""
    table = {"torch._utils._rebuild_tensor_v2": _rebuild_tensor_v2,
             "torch._utils._rebuild_parameter": _rebuild_parameter,
             "torch._utils._rebuild_parameter_with_state": _rebuild_parameter_with_state,
             "torch.Size": Size, "torch.device": Device, "torch.Tensor": Tensor,
             "torch.nn.parameter.Parameter": Parameter}
    for dt in D.ALL:
        table[f"torch.{dt.name}"] = dt
    for alias, dt in D.ALIASES.items():
        table.setdefault(f"torch.{alias}", dt)
    for name, dt in N.STORAGE_NAMES.items():
        table[f"torch.{name}"] = StorageType(name, dt)
    for name in N.UNSUPPORTED_STORAGES:
        table[f"torch.{name}"] = StorageType(name, None)
    return table


# Python's own globals that data-only pickles use, as torch allows them: containers, and _codecs.encode
# (protocol 2 writes non-empty bytes as encode(str, 'latin1'); b'' needs builtins.bytes, refused like torch).
_PY_SAFE = {"collections.OrderedDict": collections.OrderedDict, "collections.Counter": collections.Counter,
            "builtins.set": set, "builtins.bytearray": bytearray, "builtins.complex": complex}
_TORCH = []


def torch_globals():
    if not _TORCH:
        table = dict(_PY_SAFE)
        table["_codecs.encode"] = _codecs.encode
        table.update(_torch_globals())
        _TORCH.append(table)
    return _TORCH[0]


def refusal(module, name):
    full = f"{module}.{name}"
    return pickle.UnpicklingError(
        f"Weights only load failed: the file names the global {full}, which is not an allowed global. "
        f"Loading it could run arbitrary code. If you trust the file's source, allow it with "
        f"reference.serialization.add_safe_globals([{name}]) or the safe_globals([...]) context manager, "
        f"or load with weights_only=False.")


class CheckpointUnpickler(pickle.Unpickler):
    def __init__(self, file, weights_only, storages):
        super().__init__(file)
        self.weights_only = weights_only
        self.storages = storages  # persistent id -> storage (a loader object with .tensor(...))

    def find_class(self, module, name):
        # protocol-2 pickles name Python 2 modules (__builtin__.set); read them as Python 3's
        if (module, name) in _compat_pickle.NAME_MAPPING:
            module, name = _compat_pickle.NAME_MAPPING[(module, name)]
        elif module in _compat_pickle.IMPORT_MAPPING:
            module = _compat_pickle.IMPORT_MAPPING[module]
        full = f"{module}.{name}"
        known = torch_globals().get(full)
        if known is not None:
            return known
        if full in _user_safe:
            return _user_safe[full]
        if self.weights_only:
            raise refusal(module, name)
        if module == "torch" or module.startswith("torch."):
            return _reference_twin(module, name)
        return super().find_class(module, name)

    def persistent_load(self, pid):
        return self.storages(pid)


def _reference_twin(module, name):
    """torch.nn.modules.linear.Linear -> reference.nn.modules.linear.Linear, for weights_only=False files."""
    twin = "reference" + module[len("torch"):]
    try:
        obj = importlib.import_module(twin)
        for part in name.split("."):
            obj = getattr(obj, part)
        return obj
    except (ImportError, AttributeError):
        raise pickle.UnpicklingError(f"the file needs torch's {module}.{name}, which the reference lacks") from None


def add_safe_globals(safe_globals):
    """Allow these globals (objects, or (object, "module.name") pairs) in weights-only loads."""
    for g in safe_globals:
        if isinstance(g, tuple):
            obj, full = g
        else:
            obj, full = g, f"{g.__module__}.{g.__qualname__}"
        _user_safe[full] = obj


def get_safe_globals():
    return list(_user_safe.values())


def clear_safe_globals():
    _user_safe.clear()


class safe_globals:
    """Context manager: these globals are allowed inside the with-block only."""

    def __init__(self, safe_globals):
        self.safe_globals = safe_globals

    def __enter__(self):
        self._saved = dict(_user_safe)
        add_safe_globals(self.safe_globals)

    def __exit__(self, *exc):
        _user_safe.clear()
        _user_safe.update(self._saved)
        return False
