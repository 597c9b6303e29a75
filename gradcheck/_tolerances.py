"""Default step and tolerances, per input precision.

The signature shows torch's float64 defaults (eps=1e-6, atol=1e-5, rtol=1e-3). Those defaults are
instances of `_Default`, a float that remembers the caller did not choose it: when the inputs are
float32, an argument left at its default is replaced by the float32 row below, while a value the
caller passed (even 1e-6) is used as given.

Why the float32 row: a float32 value has ~7 significant digits, so a step of 1e-6 around x=1 is a
handful of ulps and the central difference is mostly rounding noise. With eps=1e-3 the rounding
error of f(x±eps)/(2 eps) is about 1e-7/1e-3 = 1e-4 relative to |f|, and the truncation error
eps^2 f'''/6 about 2e-7; atol=1e-3 and rtol=1e-2 leave room for both on well-scaled inputs. The
check is correspondingly weaker: a 1% error in a float32 backward sits at the edge of rtol.
"""
from __future__ import annotations

from dataclasses import dataclass


class _Default(float):
    """A float default the caller did not pass explicitly."""

    def __repr__(self) -> str:
        return float.__repr__(self)


DEFAULT_EPS = _Default(1e-6)
DEFAULT_ATOL = _Default(1e-5)
DEFAULT_RTOL = _Default(1e-3)


@dataclass(frozen=True)
class Tolerances:
    eps: float
    atol: float
    rtol: float


FLOAT64 = Tolerances(eps=1e-6, atol=1e-5, rtol=1e-3)
FLOAT32 = Tolerances(eps=1e-3, atol=1e-3, rtol=1e-2)


def is_default(value) -> bool:
    return isinstance(value, _Default)


def resolve(eps, atol, rtol, lowest_precision: str) -> Tolerances:
    """Fill the arguments the caller left at their defaults from the row for `lowest_precision`
    ("float64" or "float32"); lower precisions than float32 also use the float32 row."""
    row = FLOAT64 if lowest_precision == "float64" else FLOAT32
    return Tolerances(
        eps=row.eps if is_default(eps) else float(eps),
        atol=row.atol if is_default(atol) else float(atol),
        rtol=row.rtol if is_default(rtol) else float(rtol),
    )
