"""The text torch prints for a tensor, written down from its documented printing behaviour
(https://pytorch.org/docs/stable/generated/torch.set_printoptions.html: precision 4, threshold
1000, linewidth 80, sci_mode chosen automatically) for tensors that need no summarising or
line wrapping: at most 5 elements per row, no more than 1000 elements."""
import numpy as np

from .oracle import DEFAULT_FLOAT, DEFAULT_INT, FLOATS

PRECISION = 4
LINEWIDTH = 80
PREFIX = "tensor("


def _float_format(values):
    """A function formatting one element of a floating tensor, and the common width.

    Only finite non-zero elements decide the style and the width:
    - all whole numbers: printed as '3.' unless the largest / smallest magnitude exceeds 1000
      or the largest exceeds 1e8, which switches to scientific notation;
    - otherwise fixed with 4 decimals, unless largest / smallest > 1000, largest > 1e8 or
      smallest < 1e-4, which switch to scientific notation with 4 decimals.
    Zero, inf and nan follow the chosen style but do not widen the column.
    """
    chosen = [float(v) for v in values if np.isfinite(v) and v != 0]
    if not chosen:
        def whole(v):
            return f"{v:.0f}" + ("." if np.isfinite(v) else "")
        return whole, 1
    mags = np.abs(chosen)
    lo, hi = float(mags.min()), float(mags.max())
    whole_numbers = all(v == np.ceil(v) for v in chosen)
    if whole_numbers:
        sci = hi / lo > 1000.0 or hi > 1e8
    else:
        sci = hi / lo > 1000.0 or hi > 1e8 or lo < 1e-4
    if sci:
        def fmt(v):
            return f"{v:.{PRECISION}e}"
        width = max(len(fmt(v)) for v in chosen)
    elif whole_numbers:
        def fmt(v):
            return f"{v:.0f}" + ("." if np.isfinite(v) else "")
        width = max(len(fmt(v)) for v in chosen)
    else:
        def fmt(v):
            return f"{v:.{PRECISION}f}"
        width = max(len(fmt(v)) for v in chosen)
    return fmt, width


def _formatter(arr):
    flat = arr.reshape(-1)
    if arr.dtype.name in FLOATS:
        fmt, width = _float_format([float(v) for v in flat])
        return lambda v: fmt(float(v)).rjust(width)
    texts = [str(v.item()) for v in flat]
    width = max([len(t) for t in texts] or [1])
    return lambda v: str(v.item()).rjust(width)


def _body(arr, fmt, depth):
    if arr.ndim == 0:
        return fmt(arr[()])
    if arr.ndim == 1:
        return "[" + ", ".join(fmt(v) for v in arr) + "]"
    # Sub-tensors are separated by one newline per remaining dimension and indented to sit
    # under the opening bracket of their level.
    sep = "," + "\n" * (arr.ndim - 1) + " " * (len(PREFIX) + depth + 1)
    return "[" + sep.join(_body(sub, fmt, depth + 1) for sub in arr) + "]"


def tensor_repr(arr, requires_grad=False):
    arr = np.asarray(arr)
    suffixes = []
    if arr.size == 0:
        body = "[]"
        if arr.shape != (0,):
            suffixes.append(f"size={tuple(arr.shape)}")
    else:
        body = _body(arr, _formatter(arr), 0)
    if arr.dtype.name not in (DEFAULT_FLOAT, DEFAULT_INT, "bool"):
        suffixes.append(f"dtype=torch.{arr.dtype.name}")
    if requires_grad:
        suffixes.append("requires_grad=True")
    text = PREFIX + body
    line = len(text) - text.rfind("\n") - 1
    for suffix in suffixes:
        # A suffix that would make the line 80 columns or longer starts a new line instead.
        if line + 2 + len(suffix) + 1 >= LINEWIDTH:
            text += ",\n" + " " * len(PREFIX) + suffix
            line = len(PREFIX) + len(suffix)
        else:
            text += ", " + suffix
            line += 2 + len(suffix)
    return text + ")"
