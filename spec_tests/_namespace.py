"""Loading the namespace under test, and the proxy that turns a missing name into one test's failure."""
import importlib
import types

from .api_surface import ACCESSED


# torch's dtype attributes (and their aliases): never wrapped, resolved by identity.
DTYPE_NAMES = ("bool", "uint8", "int8", "int16", "int32", "int64", "float16", "bfloat16", "float32", "float64",
               "complex64", "complex128")
DTYPE_ALIASES = {"half": "float16", "float": "float32", "double": "float64", "short": "int16", "int": "int32",
                 "long": "int64", "cfloat": "complex64", "cdouble": "complex128"}

# Values returned as they are (not wrapped as a sub-namespace even though they are not callable).
_PLAIN = (int, float, complex, str, bytes, bool, tuple, list, dict, set, frozenset, type(None))


class MissingAPI(AttributeError):
    """The namespace under test lacks a name the spec uses.

    An AttributeError so that ``hasattr`` keeps working through the proxy; the check helpers
    re-raise it untouched, so it is never mistaken for an expected exception. `missing` is the
    dotted name (torch.int16, torch.nn.functional.gelu, Tensor.addmm): the report ranks the
    missing names by the cases each one blocks.
    """

    def __init__(self, message, missing=None):
        super().__init__(message)
        self.missing = missing


def missing(label, path):
    return MissingAPI(f"namespace {label!r} lacks {path}", path)


class Namespace:
    """A thin read-only view of a module: attribute access fails with a message naming the gap."""

    __slots__ = ("_module", "_label", "_path")

    def __init__(self, module, label, path="torch"):
        object.__setattr__(self, "_module", module)
        object.__setattr__(self, "_label", label)
        object.__setattr__(self, "_path", path)

    def __getattr__(self, name):
        ACCESSED.add(f"{self._path}.{name}")
        try:
            value = getattr(self._module, name)
        except MissingAPI:
            raise
        except AttributeError:
            raise missing(self._label, f"{self._path}.{name}") from None
        if isinstance(value, type):
            _register_class(value, f"{self._path}.{name}")
        if _is_subnamespace(name, value):
            # Submodules (torch.nn.functional, ...), or any other object a namespace groups names
            # in, need the same treatment for their own gaps. One wrapper per object, so that
            # `torch.autocast is torch.amp.autocast` still holds.
            key = (id(value), self._label)
            if key not in _WRAPPERS:
                _WRAPPERS[key] = (value, Namespace(value, self._label, f"{self._path}.{name}"))
            return _WRAPPERS[key][1]
        return value

    def __setattr__(self, name, value):
        raise AttributeError("the namespace under test is read-only in the suite")

    def __dir__(self):
        return dir(self._module)

    def __repr__(self):
        return f"<namespace {self._label!r} ({self._module.__name__})>"


# Classes reached through a namespace, by id: an attribute a class lacks (a sub-namespace given as a
# class, torch.Tensor's methods) is reported under this path.
CLASS_PATHS = {}
# (id(object), label) -> (object, its Namespace wrapper); the object is kept so its id stays its own.
_WRAPPERS = {}


def _register_class(cls, path, depth=3):
    """Remember where a class was reached (and the classes nested in it: a sub-namespace given as a
    class of static methods and classes), so a name it lacks is reported under that path. Classes
    are not wrapped: code compares them by identity and subclasses them."""
    if id(cls) in CLASS_PATHS or depth == 0:
        return
    CLASS_PATHS[id(cls)] = path
    for attr, value in list(vars(cls).items()):
        if isinstance(value, type) and not attr.startswith("_"):
            _register_class(value, f"{path}.{attr}", depth - 1)


def _is_subnamespace(name, value):
    """A module, or a non-callable object that is not a value (a number, a dtype, a tensor...)."""
    if isinstance(value, types.ModuleType):
        return True
    if callable(value) or isinstance(value, _PLAIN) or name in DTYPE_NAMES or name in DTYPE_ALIASES:
        return False
    if hasattr(value, "shape") and hasattr(value, "dtype"):
        return False  # a tensor or an array
    return hasattr(value, "__dict__") and type(value).__name__ not in ("dtype", "device", "finfo", "iinfo")


def dtypes_of(ns):
    """{dtype name: the namespace's own dtype object} for the dtypes it has."""
    module = module_of(ns)
    found = {}
    for name in DTYPE_NAMES:
        try:
            found[name] = getattr(module, name)
        except Exception:  # noqa: BLE001 - a missing dtype, whatever the module raises
            pass
    return found


def module_of(ns):
    """The real module behind a Namespace (or the object itself)."""
    return ns._module if isinstance(ns, Namespace) else ns


def label_of(ns):
    return ns._label if isinstance(ns, Namespace) else getattr(ns, "__name__", repr(ns))


def is_torch(ns):
    return module_of(ns).__name__ == "torch"


class _Unimportable:
    """Stands in for a module that failed to import, so each test fails on its own with the cause."""

    def __init__(self, name, error):
        self.__name__ = name
        self._error = error

    def __getattr__(self, attr):
        if attr.startswith("__"):
            raise AttributeError(attr)
        raise MissingAPI(f"namespace {self.__name__!r} could not be imported ({self._error}), "
                         f"so it lacks torch.{attr}", f"torch.{attr}")


def load(name):
    """Import the implementation named on the command line; 'reference' and 'torch' are plain modules."""
    try:
        module = importlib.import_module(name)
    except Exception as exc:  # a half-written reference may raise anything on import
        module = _Unimportable(name, f"{type(exc).__name__}: {exc}")
    return Namespace(module, name)


_torch = []


def torch_or_none():
    """Real torch for the differential check, imported lazily and at most once."""
    if not _torch:
        try:
            import torch
        except Exception:
            torch = None
        _torch.append(None if torch is None else Namespace(torch, "torch"))
    return _torch[0]
