"""Guesses at the cause of a Jacobian mismatch, from the shape of the disagreement.

Each hint is only offered when the numbers support it within the check's own tolerance, so a hint
is a strong lead, never a certainty."""
from __future__ import annotations

import numpy as np


def _close(a, b, atol, rtol) -> bool:
    return a.shape == b.shape and bool(np.all(np.isclose(a, b, rtol=rtol, atol=atol)))


def _is_zero(a, atol) -> bool:
    return bool(np.all(np.abs(a) <= atol))


def pair_hints(analytical: np.ndarray, numerical: np.ndarray, atol: float, rtol: float) -> list[str]:
    a, n = analytical, numerical
    if not np.all(np.isfinite(n)):
        return ["the numerical Jacobian has NaN/inf entries: the function is undefined or singular "
                "within eps of the input; keep inputs inside its domain and away from poles "
                "(gradcheck.strategies.floats(low, high, avoid=[...]))"]
    if not np.all(np.isfinite(a)):
        return ["backward produced NaN/inf where the numerical derivative is finite"]
    if _is_zero(a, atol) and not _is_zero(n, atol):
        return ["the analytical gradient is all zero: backward returned None (or zeros) for this "
                "input, or did not propagate to it"]
    if _is_zero(n, atol) and not _is_zero(a, atol):
        return ["the numerical gradient is zero: the output does not depend on this input "
                "(detached or constant), yet backward returns a gradient for it"]
    hints = []
    if _close(a, -n, atol, rtol):
        hints.append("analytical = -numerical: a sign error in backward")
    else:
        denom = float(np.vdot(n, n))
        scale = float(np.vdot(a, n)) / denom if denom > 0 else 0.0
        if scale != 0.0 and abs(scale - 1.0) > rtol and _close(a, scale * n, atol, rtol):
            hints.append(f"analytical = {scale:.6g} x numerical: a constant scale error "
                         f"({(scale - 1.0) * 100:+.3g}%)")
    if a.ndim == 2 and a.shape[0] == a.shape[1] and not _close(n, n.T, atol, rtol) \
            and _close(a, n.T, atol, rtol):
        hints.append("analytical = numerical transposed: a missing or extra transpose")
    bad = ~np.isclose(a, n, rtol=rtol, atol=atol)
    halves = bad & np.isclose(2.0 * n, a, rtol=0.05, atol=atol) & (np.abs(a) > atol)
    if np.any(halves):
        hints.append(f"at {int(halves.sum())} of the {int(bad.sum())} mismatched entries the "
                     "numerical value is half the analytical one: the input sits on a kink "
                     "(abs or relu at 0, max with ties); keep inputs a margin away from kinks")
    return hints


def cross_hints(analytical: dict, numerical: dict, failing: list[tuple[int, int]], labels,
                atol: float, rtol: float) -> dict[tuple[int, int], list[str]]:
    """A failing (output i, input p) whose analytical block equals the numerical block of another
    input or output: gradients returned in the wrong order, or grad_outputs mixed up."""
    hints: dict[tuple[int, int], list[str]] = {}
    for i, p in failing:
        a = analytical[(i, p)]
        for (j, q), n in numerical.items():
            if (j, q) == (i, p) or n.shape != a.shape or _is_zero(n, atol):
                continue
            if np.all(np.isfinite(n)) and _close(a, n, atol, rtol):
                if j == i:
                    msg = (f"the analytical gradient for {labels.input(p)} equals the numerical one "
                           f"for {labels.input(q)}: are the returned gradients swapped or in the "
                           "wrong order?")
                else:
                    msg = (f"the analytical block for ({labels.output(i)}, {labels.input(p)}) equals "
                           f"the numerical one of {labels.output(j)}: are the grad_outputs of "
                           "different outputs mixed up?")
                hints.setdefault((i, p), []).append(msg)
    return hints
