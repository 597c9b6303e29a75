"""autocast: regions where selected ops run in a lower precision (torch's documented op lists).

Inside an enabled region for a device type, the ops of the matmul family (matmul, mm, bmm, linear,
conv) cast their floating inputs to the region's dtype, and the ops listed as float32 (losses, and
others numerically sensitive) cast theirs to float32; every other op runs in the type its inputs
promote to. Regions nest: the innermost decides, and `enabled=False` turns casting off inside.

Which op is on which list is declared where the op is: its registry entry's `autocast` policy
(reference/_ops/registry.py; nn.functional's table in its __init__). Those ops are exported behind the
registry's autocast hook; while any region is open this module installs the hook that consults the
current region, and the outermost exit removes it.
"""
import functools
import threading
import warnings

from .. import _dtype as D
from .. import cuda
from .._ops import registry as R
from .._tensor import Tensor

__all__ = ["autocast", "is_autocast_available", "is_autocast_enabled", "get_autocast_dtype",
           "set_autocast_enabled", "custom_fwd", "custom_bwd"]

_DEFAULT_DTYPE = {"cpu": "bfloat16", "cuda": "float16"}


class _State(threading.local):
    def __init__(self):
        self.stack = []  # (device_type, enabled, dtype) of the open regions, innermost last


_state = _State()
_open_regions = 0
_lock = threading.Lock()


def _cpu_dtypes():
    """The dtypes a CPU region can run in: torch's bfloat16 and float16, those this build has."""
    return tuple(d for d in (getattr(D, "bfloat16", None), D.float16) if d is not None)


def is_autocast_available(device_type):
    return device_type in ("cpu", "cuda")


def _current(device_type):
    for dev, enabled, dtype in reversed(_state.stack):
        if dev == device_type:
            return enabled, dtype
    return False, getattr(D, _DEFAULT_DTYPE.get(device_type, "float16"), None)


def is_autocast_enabled(device_type=None):
    return _current(device_type or "cuda")[0]


def get_autocast_dtype(device_type):
    return _current(device_type)[1]


def set_autocast_enabled(*args):
    device_type, enabled = (args if len(args) == 2 else ("cuda", args[0]))
    _state.stack.append((device_type, bool(enabled), get_autocast_dtype(device_type)))


def _cast(value, dtype):
    # float64 (and non-floating) tensors are not eligible: they run in their own type.
    if isinstance(value, Tensor) and value.dtype.is_floating_point and value.dtype not in (dtype, D.float64):
        return value.to(dtype)
    if isinstance(value, (list, tuple)):
        return type(value)(_cast(v, dtype) for v in value)
    return value


def _device_type(args, kwargs):
    for v in list(args) + list(kwargs.values()):
        if isinstance(v, Tensor):
            return v.device.type
    return None


def _region_casts(policy, args, kwargs):
    """The registry's autocast hook: an op's arguments as the innermost region for their device
    wants them."""
    dev = _device_type(args, kwargs)
    if dev is None:
        return args, kwargs
    enabled, dtype = _current(dev)
    if not enabled:
        return args, kwargs
    target = dtype if policy == R.LOWER_PRECISION else D.float32
    return _cast(args, target), {k: _cast(v, target) for k, v in kwargs.items()}


class autocast:
    """Context manager and decorator: autocast(device_type, dtype=None, enabled=True, cache_enabled=None)."""

    def __init__(self, device_type, dtype=None, enabled=True, cache_enabled=None):
        if not isinstance(device_type, str):
            raise ValueError(f"Expected `device_type` of type `str`, got: `{type(device_type)}`")
        self.device = device_type
        self.fast_dtype = dtype if dtype is not None else getattr(D, _DEFAULT_DTYPE.get(device_type, ""), None)
        self._enabled = enabled
        self._cache_enabled = cache_enabled
        if enabled and device_type == "cpu" and self.fast_dtype not in _cpu_dtypes():
            # torch's rule and words for a CPU region in a dtype it cannot run; the reference has no
            # bfloat16, so its default CPU region (torch's is bfloat16) lands here too.
            names = ", ".join(f"torch.{d.name}" for d in _cpu_dtypes())
            warnings.warn("In CPU autocast, but the target dtype is not supported. Disabling autocast.\n"
                          f"CPU Autocast only supports dtypes of {names} currently.")
            self._enabled = False
        elif enabled and self.fast_dtype is None:
            warnings.warn(f"In {device_type} autocast, the target dtype {_DEFAULT_DTYPE.get(device_type)} is not "
                          f"supported by this implementation. Disabling autocast.")
            self._enabled = False
        if enabled and device_type == "cuda" and not cuda.is_available():
            warnings.warn("User provided device_type of 'cuda', but CUDA is not available. Disabling")
            self._enabled = False

    def __enter__(self):
        global _open_regions
        _state.stack.append((self.device, self._enabled, self.fast_dtype))
        with _lock:
            if _open_regions == 0:
                R.set_autocast_hook(_region_casts)
            _open_regions += 1
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        global _open_regions
        _state.stack.pop()
        with _lock:
            _open_regions -= 1
            if _open_regions == 0:
                R.set_autocast_hook(None)
        return False

    def __call__(self, func):
        @functools.wraps(func)
        def decorated(*args, **kwargs):
            with autocast(self.device, self.fast_dtype, self._enabled, self._cache_enabled):
                return func(*args, **kwargs)
        return decorated


def custom_fwd(fwd=None, *, device_type="cuda", cast_inputs=None):
    """Decorator for a custom Function's forward: with cast_inputs, it runs outside autocast with
    its floating inputs cast to that dtype."""
    if fwd is None:
        return functools.partial(custom_fwd, device_type=device_type, cast_inputs=cast_inputs)

    @functools.wraps(fwd)
    def decorated(*args, **kwargs):
        if cast_inputs is None or not _current(device_type)[0]:
            return fwd(*args, **kwargs)
        with autocast(device_type, enabled=False):
            return fwd(*_cast(args, cast_inputs), **{k: _cast(v, cast_inputs) for k, v in kwargs.items()})
    return decorated


def custom_bwd(bwd=None, *, device_type="cuda"):
    if bwd is None:
        return functools.partial(custom_bwd, device_type=device_type)
    return bwd
