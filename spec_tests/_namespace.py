"""Loading the namespace under test, and the proxy that turns a missing name into one test's failure."""
import importlib
import types

from .api_surface import ACCESSED


class MissingAPI(AttributeError):
    """The namespace under test lacks a name the spec uses.

    An AttributeError so that ``hasattr`` keeps working through the proxy; the check helpers
    re-raise it untouched, so it is never mistaken for an expected exception.
    """


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
            raise MissingAPI(f"namespace {self._label!r} lacks {self._path}.{name}") from None
        if isinstance(value, types.ModuleType):
            # Submodules (torch.nn.functional, ...) need the same treatment for their own gaps.
            return Namespace(value, self._label, f"{self._path}.{name}")
        return value

    def __setattr__(self, name, value):
        raise AttributeError("the namespace under test is read-only in the suite")

    def __dir__(self):
        return dir(self._module)

    def __repr__(self):
        return f"<namespace {self._label!r} ({self._module.__name__})>"


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
                         f"so it lacks torch.{attr}")


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
