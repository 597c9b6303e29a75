"""Whether operations record autograd history (thread-local, like torch)."""
import functools
import threading



class _GradState(threading.local):
    # a class-level default: every thread starts enabled, and reading it never goes through a
    # missing-attribute lookup (getattr with a default on a threading.local cost 0.4 us per op)
    enabled = True


_state = _GradState()


def is_grad_enabled():
    return _state.enabled


def _set(mode):
    _state.enabled = bool(mode)


class _Mode:
    """Base of the grad-mode switches: a context manager and a decorator alike."""
    _mode = True

    def __enter__(self):
        self._prev = is_grad_enabled()
        _set(self._mode)
        return self

    def __exit__(self, *exc):
        _set(self._prev)
        return False

    def __call__(self, fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            with self.__class__():
                return fn(*args, **kwargs)
        return wrapper

    def clone(self):
        return self.__class__()


class _BareDecoratable(_Mode):
    """Also usable as a bare decorator: torch.no_grad(fn) and @torch.no_grad without parentheses."""

    def __new__(cls, fn=None):
        self = super().__new__(cls)
        if fn is not None and callable(fn):
            return self(fn)
        return self

    def __init__(self, fn=None):
        pass


class no_grad(_BareDecoratable):
    _mode = False


class enable_grad(_BareDecoratable):
    _mode = True


class set_grad_enabled(_Mode):
    def __init__(self, mode):
        self._mode = bool(mode)
        # torch applies the mode at construction, so a bare call works as a function too
        self._prev = is_grad_enabled()
        _set(self._mode)

    def __enter__(self):
        return self

    def __call__(self, fn):
        _set(self._prev)
        mode = self._mode

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            with set_grad_enabled(mode):
                return fn(*args, **kwargs)
        return wrapper

    def clone(self):
        return set_grad_enabled(self._mode)


class inference_mode(no_grad):
    def __init__(self, mode=True):
        self._mode = not mode
