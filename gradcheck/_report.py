"""Turning failures into text a user can act on."""
from __future__ import annotations

import numpy as np

from ._errors import Failure, JACOBIAN_MISMATCH
from ._jacobian import element

WORST_ENTRIES = 5
# Whole Jacobians are printed when they have at most this many entries (e.g. 10 x 10).
FULL_JACOBIAN_MAX_ENTRIES = 100


def fmt(x: float) -> str:
    return f"{x:.10g}"


def matrix(a: np.ndarray) -> str:
    # a + 0.0 turns -0.0 into 0.0, which would otherwise print as a spurious "-0."
    return np.array2string(a + 0.0, precision=6, max_line_width=110, threshold=FULL_JACOBIAN_MAX_ENTRIES + 1)


def indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line for line in text.splitlines())


def mismatch_failure(i: int, p: int, analytical: np.ndarray, numerical: np.ndarray,
                     out_shape: tuple, in_shape: tuple, atol: float, rtol: float, labels,
                     context: str = "") -> Failure:
    """The worst entries of one (output, input) block, and the whole block if it is small."""
    a, n = analytical, numerical
    allowed = atol + rtol * np.abs(n)
    diff = np.abs(a - n)
    excess = np.where(np.isnan(diff), np.inf, diff - allowed)
    bad = ~np.isclose(a, n, rtol=rtol, atol=atol)
    order = np.argsort(-excess, axis=None, kind="stable")[:min(WORST_ENTRIES, int(bad.sum()))]
    out_l, in_l = labels.output(i), labels.input(p)
    details = [f"tolerance: |analytical - numerical| <= atol + rtol * |numerical| with atol={atol:g}, "
               f"rtol={rtol:g}"]
    details.append(f"worst entries ({out_l} element / {in_l} element: numerical, analytical, "
                   "difference, allowed):")
    for flat in order:
        r, c = np.unravel_index(flat, a.shape)
        details.append(f"  {list(element(out_shape, int(r)))} / {list(element(in_shape, int(c)))}: "
                       f"numerical {fmt(n[r, c])}, analytical {fmt(a[r, c])}, "
                       f"difference {diff[r, c]:.3g}, allowed {allowed[r, c]:.3g}")
    if a.size <= FULL_JACOBIAN_MAX_ENTRIES:
        details.append(f"numerical Jacobian (rows: elements of {out_l}, columns: elements of {in_l}):")
        details.extend(indent(matrix(n)).splitlines())
        details.append("analytical Jacobian:")
        details.extend(indent(matrix(a)).splitlines())
    else:
        details.append(f"(the {a.shape[0]} x {a.shape[1]} Jacobians are too large to print; "
                       "gradcheck prints them up to "
                       f"{FULL_JACOBIAN_MAX_ENTRIES} entries)")
    max_diff = float(np.nanmax(diff)) if not np.all(np.isnan(diff)) else float("nan")
    summary = (f"{out_l} with respect to {in_l}{context}: {int(bad.sum())} of {a.size} entries "
               f"outside tolerance (max |difference| {max_diff:.3g})")
    return Failure(JACOBIAN_MISMATCH, p, i, summary=summary, details=details)


def render(check_name: str, func_name: str, failures: list[Failure], problem, settings: str) -> str:
    head = failures[0]
    where = _pair(head, problem.labels)
    lines = [f"{check_name} failed for {func_name}: {head.title}{where}"]
    for n, f in enumerate(failures, 1):
        lines.append("")
        lines.append(f"[{n}] {f.title}: {f.summary}" if f.summary else f"[{n}] {f.title}")
        lines.extend(indent(d) for d in f.details)
        lines.extend(indent(f"hint: {h}") for h in f.hints)
    lines.append("")
    lines.append("inputs: " + describe_inputs(problem))
    lines.append("settings: " + settings)
    return "\n".join(lines)


def _pair(f: Failure, labels) -> str:
    parts = []
    if f.output_index is not None:
        parts.append(labels.output(f.output_index))
    if f.input_index is not None:
        parts.append(labels.input(f.input_index))
    if not parts:
        return ""
    return " (" + " with respect to ".join(parts) + ")" if len(parts) == 2 else f" ({parts[0]})"


def describe_inputs(problem) -> str:
    ns = problem.ns
    items = []
    for p, x in enumerate(problem.inputs):
        label = problem.labels.input(p)
        if ns.is_tensor(x):
            flag = "requires grad" if p in problem.canonical else "not differentiated"
            items.append(f"{label}: {ns.name} tensor shape {tuple(x.shape)} "
                         f"{ns.dtype_name(x.dtype)}, {flag}")
        else:
            items.append(f"{label}: {type(x).__name__} (passed through)")
    return "; ".join(items)
