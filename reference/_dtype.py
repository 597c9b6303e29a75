"""dtypes, torch's type-promotion rules, and the default floating dtype."""
import math

import numpy as np

BOOL, INT, FLOAT = 0, 1, 2  # promotion categories, ordered


class dtype:
    __slots__ = ("name", "np", "itemsize", "category", "is_signed", "_rank", "is_floating_point")

    def __init__(self, name, np_dtype, category, rank):
        self.name = name
        self.np = np.dtype(np_dtype)
        self.itemsize = self.np.itemsize
        self.category = category
        self.is_signed = name not in ("bool", "uint8")
        self._rank = rank
        self.is_floating_point = category == FLOAT  # a plain attribute: every op reads it

    @property
    def is_complex(self):
        return False

    def __repr__(self):
        # Printed like torch's so that tutorial output reads the same.
        return "torch." + self.name

    def __reduce__(self):
        return (_dtype_by_name, (self.name,))


bool_ = dtype("bool", np.bool_, BOOL, 0)
uint8 = dtype("uint8", np.uint8, INT, 1)
int8 = dtype("int8", np.int8, INT, 1)
int16 = dtype("int16", np.int16, INT, 2)
int32 = dtype("int32", np.int32, INT, 3)
int64 = dtype("int64", np.int64, INT, 4)
float16 = dtype("float16", np.float16, FLOAT, 5)
float32 = dtype("float32", np.float32, FLOAT, 6)
float64 = dtype("float64", np.float64, FLOAT, 7)

ALL = (bool_, uint8, int8, int16, int32, int64, float16, float32, float64)
_BY_NAME = {d.name: d for d in ALL}
_BY_NP = {d.np: d for d in ALL}
ALIASES = {"half": float16, "float": float32, "double": float64, "short": int16,
           "int": int32, "long": int64, "bool": bool_}


def _dtype_by_name(name):
    return _BY_NAME[name]


def from_numpy_dtype(np_dtype):
    try:
        return _BY_NP[np.dtype(np_dtype)]
    except KeyError:
        raise TypeError(f"can't convert np.ndarray of type numpy.{np.dtype(np_dtype).name}. "
                        "The only supported types are: float64, float32, float16, int64, int32, "
                        "int16, int8, uint8, and bool.") from None


_default_float = [float32]


def get_default_dtype():
    return _default_float[0]


def set_default_dtype(d):
    if not isinstance(d, dtype) or not d.is_floating_point:
        raise TypeError("only floating-point types are supported as the default type")
    _default_float[0] = d


def promote_types(a, b):
    """The smallest dtype both a and b convert to without losing category."""
    if a is b:
        return a
    if {a, b} == {uint8, int8}:
        return int16  # neither holds the other's range
    if a.category != b.category:
        return a if a.category > b.category else b
    return a if a._rank >= b._rank else b


def scalar_dtype(value):
    """The dtype a Python scalar takes when it stands alone (torch.tensor(value))."""
    if isinstance(value, (bool, np.bool_)):
        return bool_
    if isinstance(value, (int, np.integer)):
        return int64
    if isinstance(value, (float, np.floating)):
        return get_default_dtype()
    raise TypeError(f"unsupported scalar type {type(value).__name__}")


def _combine(higher, lower):
    # A participant of lower priority only matters when it is of a higher category.
    if higher is None:
        return lower
    if lower is None or higher.category == FLOAT:
        return higher
    if higher.category == BOOL or lower.category > higher.category:
        return promote_types(higher, lower)
    return higher


def result_type_of(dim_dtypes, zero_dim_dtypes, scalar_values):
    """torch.result_type: dimensioned tensors outrank 0-dim tensors, which outrank Python scalars,
    unless the lower-priority participant is of a higher category (bool < integer < floating)."""
    def fold(dts):
        r = None
        for d in dts:
            r = d if r is None else promote_types(r, d)
        return r
    wrapped = fold(scalar_dtype(v) for v in scalar_values)
    return _combine(fold(dim_dtypes), _combine(fold(zero_dim_dtypes), wrapped))


def can_cast(from_, to):
    """Same-kind rule used by in-place ops and out=: no float into int, no int/float into bool."""
    return from_.category <= to.category


# torch's names of the scalar types, as its error messages spell them ("Float", "Long", ...)
TYPE_NAMES = {"float32": "Float", "float64": "Double", "float16": "Half", "int64": "Long", "int32": "Int",
              "int16": "Short", "int8": "Char", "uint8": "Byte", "bool": "Bool"}


# A number that does not fit the dtype it fills is refused, not rounded to inf or wrapped: torch raises
# RuntimeError "value cannot be converted to type float without overflow", naming the C++ type when it
# fills (full, fill_, masked_fill) and the dtype when it reads nested data (torch.tensor).
_CPP_NAMES = {"float32": "float", "float64": "double", "float16": "c10::Half", "int64": "int64_t",
              "int32": "int", "int16": "int16_t", "int8": "int8_t", "uint8": "uint8_t"}


def _fit_limits(d):
    """(lowest integer, lowest float, highest) a dtype takes. A negative integer fills an unsigned dtype by
    wrapping when its magnitude fits (-1 gives 255), a negative float does not."""
    if d.category == FLOAT:
        hi = float(np.finfo(d.np).max)
        return -hi, -hi, hi
    info = np.iinfo(d.np)
    return (-int(info.max) if not d.is_signed else int(info.min)), int(info.min), int(info.max)


_FIT_LIMITS = {d: _fit_limits(d) for d in ALL if d is not bool_}


def check_fits(value, d, reading=False):
    """`value` as dtype `d` stores it (a negative integer wrapped into an unsigned dtype), or torch's
    RuntimeError when the Python (or NumPy) number does not fit: a finite float beyond a float dtype's
    range, NaN, an infinity or an out-of-range number for an integer dtype. Infinities and NaN fill a float
    dtype, and bools fit every dtype. reading=True: torch.tensor's rule, under which a float dtype takes
    any float (rounding to inf)."""
    limits = _FIT_LIMITS.get(d)
    if limits is None or isinstance(value, (bool, np.bool_)) or (reading and d.category == FLOAT):
        return value
    lo_int, lo_float, hi = limits
    if isinstance(value, (int, np.integer)):
        fits = lo_int <= value <= hi
        if fits and value < 0 and not d.is_signed:
            return int(value) + (hi + 1)
    elif isinstance(value, (float, np.floating)):
        if d.category == FLOAT:
            fits = not math.isfinite(value) or -hi <= value <= hi
        else:
            fits = lo_float <= value <= hi  # False for NaN
    else:
        return value
    if not fits:
        name = d.name if reading else _CPP_NAMES[d.name]
        raise RuntimeError(f"value cannot be converted to type {name} without overflow")
    return value
