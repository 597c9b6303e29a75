"""repr in torch's format: 4 decimals or scientific notation chosen over all values, right-aligned
columns, 80-character lines, ... past 1000 elements, and dtype/grad suffixes."""
import math

import numpy as np

from ._dtype import get_default_dtype

LINEWIDTH = 80
THRESHOLD = 1000
EDGEITEMS = 3
PRECISION = 4
_DEFAULT_SUFFIXLESS = ("float32", "int64", "bool")


class _Formatter:
    def __init__(self, values, dtype):
        self.kind = "float" if dtype.is_floating_point else ("bool" if dtype.name == "bool" else "int")
        self.sci = False
        self.int_mode = True
        vals = values.reshape(-1)
        if self.kind == "float" and vals.size:
            v = vals.astype(np.float64)
            finite = v[np.isfinite(v)]
            self.int_mode = bool(np.all(np.ceil(finite) == finite)) if finite.size else True
            nz = np.abs(finite[finite != 0])
            if nz.size:
                lo, hi = nz.min(), nz.max()
                if self.int_mode:
                    self.sci = hi / lo > 1000.0 or hi > 1e8
                else:
                    self.sci = hi / lo > 1000.0 or hi > 1e8 or lo < 1e-4
        if self.kind == "float":
            # torch sizes float columns by the finite non-zero values only; inf/nan/0 just pad to it
            v = vals.astype(np.float64)
            shown = v[np.isfinite(v) & (v != 0)]
            self.width = max((len(self._fmt(x)) for x in shown), default=1)
        else:
            self.width = max((len(self._fmt(x)) for x in vals), default=1)

    def _fmt(self, x):
        if self.kind == "bool":
            return str(bool(x))
        if self.kind == "int":
            return str(int(x))
        x = float(x)
        if math.isnan(x):
            return "nan"
        if math.isinf(x):
            return "inf" if x > 0 else "-inf"
        if self.sci:
            return f"{x:.{PRECISION}e}"
        if self.int_mode:
            return f"{x:.0f}."
        return f"{x:.{PRECISION}f}"

    def format(self, x):
        return self._fmt(x).rjust(self.width)


def _summary_values(a, summarize):
    if not summarize or a.ndim == 0:
        return a
    parts = []
    for axis in range(a.ndim):
        if a.shape[axis] > 2 * EDGEITEMS:
            a = np.concatenate([a.take(range(EDGEITEMS), axis), a.take(range(a.shape[axis] - EDGEITEMS,
                                                                            a.shape[axis]), axis)], axis)
    return a


def _vector(a, indent, fmt, summarize):
    elem_len = fmt.width + 2
    per_line = max(1, int(math.floor((LINEWIDTH - indent) / elem_len)))
    if summarize and a.shape[0] > 2 * EDGEITEMS:
        items = [fmt.format(x) for x in a[:EDGEITEMS]] + [" ..."] + [fmt.format(x) for x in a[-EDGEITEMS:]]
    else:
        items = [fmt.format(x) for x in a]
    lines = [", ".join(items[i:i + per_line]) for i in range(0, len(items), per_line)]
    return "[" + ("," + "\n" + " " * (indent + 1)).join(lines) + "]"


def _nested(a, indent, fmt, summarize):
    if a.ndim == 0:
        return fmt.format(a[()])
    if a.ndim == 1:
        return _vector(a, indent, fmt, summarize)
    n = a.shape[0]
    if summarize and n > 2 * EDGEITEMS:
        rows = [_nested(a[i], indent + 1, fmt, summarize) for i in range(EDGEITEMS)] + ["..."] + \
               [_nested(a[i], indent + 1, fmt, summarize) for i in range(n - EDGEITEMS, n)]
    else:
        rows = [_nested(a[i], indent + 1, fmt, summarize) for i in range(n)]
    sep = "," + "\n" * (a.ndim - 1) + " " * (indent + 1)
    return "[" + sep.join(rows) + "]"


def tensor_repr(t):
    prefix = "tensor("
    indent = len(prefix)
    a = t.detach().cpu()._np()
    suffixes = []
    if t.device.type == "cuda":
        suffixes.append(f"device='{t.device}'")
    if a.size == 0:
        body = "[]"
        if a.ndim != 1:
            suffixes.append(f"size={tuple(a.shape)}")
    else:
        summarize = a.size > THRESHOLD
        fmt = _Formatter(_summary_values(a, summarize), t.dtype)
        body = _nested(a, indent, fmt, summarize)
    if t.dtype.name not in _DEFAULT_SUFFIXLESS or (t.dtype.name == "float32" and
                                                   _default_name() != "float32"):
        suffixes.append(f"dtype={t.dtype!r}")
    if t.grad_fn is not None:
        suffixes.append(f"grad_fn=<{t.grad_fn.name()}>")
    elif t.requires_grad:
        suffixes.append("requires_grad=True")
    out = [prefix + body]
    last = len(out[0]) - out[0].rfind("\n") + 1
    for s in suffixes:
        if last + len(s) + 2 > LINEWIDTH:
            out.append(",\n" + " " * indent + s)
            last = indent + len(s)
        else:
            out.append(", " + s)
            last += len(s) + 2
    out.append(")")
    return "".join(out)


def _default_name():
    return get_default_dtype().name
