"""check / check_raises: run one piece of code on the namespace under test and judge the result.

A test is one line: the code (a string, `torch` bound to the namespace under test, inputs bound
to a, b, c...; the last statement is the result), the NumPy inputs, and the expected value (an
oracle function of the inputs, or a literal). `check` compares shape, dtype and values; when the
namespace is not torch and torch is importable it also runs the same code in torch (differential
check). Every failure message ends with a program that reproduces it.
"""
import ast
import functools
import math
import re

import numpy as np

from . import layouts, missing, oracle
from .api_surface import CODES
from ._namespace import CLASS_PATHS, MissingAPI, dtypes_of, is_torch, label_of, module_of, torch_or_none
from .repro import NP, snippet

NAMES = "abcdefgh"


class Settings:
    """Session-wide choices made by conftest from the command line."""
    device = "cpu"
    differential = True


settings = Settings()

# (rtol, atol) for one rounding of a result of the given dtype (elementwise ops: torch's vectorised
# transcendental functions are a few ulps off; float16's rtol is about one ulp).
TOLERANCE = {"float16": (1e-3, 1e-3), "float32": (1e-5, 1e-6), "float64": (1e-10, 1e-12)}

# Unit roundoff (half an ulp at 1.0) per float dtype.
UNIT_ROUNDOFF = {"float16": 2.0 ** -11, "bfloat16": 2.0 ** -8, "float32": 2.0 ** -24, "float64": 2.0 ** -53}
# torch accumulates float16/bfloat16 reductions in float32 and rounds the result once.
ACCUMULATES_IN = {"float16": "float32", "bfloat16": "float32"}


RESULT_ULPS = 4


def accumulation_error(dtype, n):
    """Relative bound, against the sum of the terms' absolute values, on the error of summing n
    terms of `dtype`: torch's cascade (pairwise) summation and BLAS dot products stay below
    (log2 n + 1) unit roundoffs of the accumulation dtype; twice that leaves a margin (measured:
    torch uses a quarter to a third of it for float32 sums, cumsum, mean and matmul up to 2**18 terms)."""
    if n <= 1:
        return 0.0
    acc = ACCUMULATES_IN.get(dtype, dtype)
    return (2 * math.ceil(math.log2(n)) + 2) * UNIT_ROUNDOFF.get(acc, 0.0)


def tolerance(dtype, reduce=1, scale=1.0, magnitude=None):
    """(rtol, atol) for a result of `dtype`.

    reduce=1: one rounding of the result. reduce=n: the result accumulates n terms, whose absolute
    values sum to `magnitude` (a number or an array matching the result; by default reduce * scale,
    scale bounding each term): atol grows by accumulation_error(dtype, n) * magnitude, while rtol
    is a few ulps of the result, since float16/bfloat16 accumulate in float32 and round once.
    """
    name = oracle.dtype_name(dtype)
    rtol, atol = TOLERANCE.get(name, (0.0, 0.0))
    if reduce > 1:
        m = reduce * scale if magnitude is None else np.asarray(magnitude, dtype=np.float64)
        atol = atol + accumulation_error(name, reduce) * m
        if magnitude is not None:
            # With the terms' magnitude known, the final rounding (and an exp/log on the way) is
            # a few ulps, never the elementwise allowance, which would hide a dropped term. Without
            # it (`reduce` as a count of steps, e.g. an optimizer's), the one-rounding rtol stays.
            rtol = min(rtol, RESULT_ULPS * 2 * UNIT_ROUNDOFF.get(name, 0.0))
    return rtol, atol


class SpecFailure(AssertionError):
    pass


# ---------------------------------------------------------------------------------------------
# running code

def is_tensor(x):
    return hasattr(x, "shape") and hasattr(x, "dtype") and not isinstance(x, (np.ndarray, np.generic))


def to_numpy(t):
    return t.detach().cpu().numpy()


# Storages up to this many elements are built from a nested list (torch.tensor, the most basic
# creation path); larger ones through from_numpy, which is fast.
LIST_LIMIT = 4096


def _storage_tensor(ns, arr, device):
    if arr.size > LIST_LIMIT:
        t = ns.from_numpy(arr.copy())
        return t if device == "cpu" else t.to(device)
    kwargs = {"dtype": getattr(ns, arr.dtype.name)}
    if device != "cpu":
        kwargs["device"] = device
    t = ns.tensor(arr.tolist(), **kwargs)
    if arr.size == 0 and arr.ndim != 1:
        t = t.reshape(*arr.shape)
    return t


def make_tensor(ns, arr, device):
    """A tensor of ns holding arr's values, in the layout the strategy drew for it (if any)."""
    layout = layouts.resolve(arr)
    if layout is None:
        return _storage_tensor(ns, np.asarray(arr), device)
    return layouts.apply_tensor(_storage_tensor(ns, layout.storage, device), layout.steps)


def _bind(ns, value, device):
    if isinstance(value, np.ndarray):
        return make_tensor(ns, value, device)
    if isinstance(value, NP):
        return value.array.copy()
    if isinstance(value, list) and value and all(isinstance(v, np.ndarray) for v in value):
        return [make_tensor(ns, v, device) for v in value]
    return value


def _plain(value):
    """What the oracle sees: NumPy arrays and Python values, never tensors."""
    return value.array if isinstance(value, NP) else value


_REGISTERED = set()


def _register_dtypes(ns):
    """The namespace's dtype objects, recognised by identity from now on (see oracle.dtype_name)."""
    key = id(module_of(ns))
    if key not in _REGISTERED:
        _REGISTERED.add(key)
        oracle.register_dtypes(dtypes_of(ns))


def execute(ns, code, inputs, names, device):
    """Run `code` with `torch` = ns and the inputs bound; return the last expression's value."""
    _register_dtypes(ns)
    env = {"torch": ns, "np": np, "dev": device}
    args = [_bind(ns, v, device) for v in inputs]
    env.update(zip(names, args))
    if callable(code):
        return code(ns, *args)
    CODES.add(code)
    body, last = _compiled(code)
    exec(body, env)
    return None if last is None else eval(last, env)


@functools.lru_cache(maxsize=None)
def _compiled(code):
    """(statements, final expression or None) of a code string, compiled once per distinct string.
    Code that ends in a statement (`a += 1` in check_raises) has no result."""
    tree = ast.parse(code)
    *body, last = tree.body
    if not isinstance(last, ast.Expr):
        body, last = tree.body, None
    return (compile(ast.Module(body=body, type_ignores=[]), "<spec>", "exec"),
            None if last is None else compile(ast.Expression(last.value), "<spec>", "eval"))


# ---------------------------------------------------------------------------------------------
# comparing

def _fmt(x):
    return np.array2string(np.asarray(x), threshold=20, edgeitems=3)


def _values_problem(actual, expected, dtype, reduce, scale, rtol=None, atol=None, magnitude=None):
    """None when actual matches expected, else a description of the first mismatches."""
    name = oracle.dtype_name(dtype)
    if name not in oracle.FLOATS:
        bad = actual != expected
        tol_text = "exactly"
    else:
        r, a = tolerance(name, reduce, scale, magnitude)
        r = r if rtol is None else rtol
        a = a if atol is None else atol
        x = actual.astype(np.float64)
        y = expected.astype(np.float64)
        both_nan = np.isnan(x) & np.isnan(y)
        same_inf = np.isinf(x) & np.isinf(y) & (x == y)
        with np.errstate(invalid="ignore"):
            # Infinities only match themselves: inf - (-inf) <= rtol * inf would let them pass.
            close = np.isfinite(x) & np.isfinite(y) & (np.abs(x - y) <= a + r * np.abs(y))
        bad = ~(both_nan | same_inf | close)
        a_text = f"{a:.1e}" if np.ndim(a) == 0 else f"{np.min(a):.1e}..{np.max(a):.1e}"
        tol_text = f"within rtol={r:.1e} atol={a_text}"
    bad = np.asarray(bad)
    if not bad.any():
        return None
    where = np.argwhere(bad)[:5] if bad.ndim else [()]
    lines = [f"{int(bad.sum())} of {bad.size} elements differ (expected equal {tol_text}):"]
    for idx in where:
        idx = tuple(int(i) for i in idx)
        lines.append(f"  at {idx}: got {actual[idx]!r}, expected {expected[idx]!r}")
    lines.append(f"  got      {_fmt(actual)}")
    lines.append(f"  expected {_fmt(expected)}")
    return "\n".join(lines)


def compare(out, expected, what="result", reduce=1, scale=1.0, rtol=None, atol=None, magnitude=None):
    """A list of problems (empty when `out` matches `expected`)."""
    if isinstance(expected, (np.ndarray, np.generic)):
        expected = np.asarray(expected)
        if isinstance(out, np.ndarray):
            # Code that returns a NumPy array (numpy(), interop): same checks, no conversion.
            if out.shape != expected.shape or out.dtype != expected.dtype:
                return [f"{what}: NumPy array {out.shape} {out.dtype}, expected {expected.shape} {expected.dtype}"]
            vp = _values_problem(out, expected, expected.dtype, reduce, scale, rtol, atol, magnitude)
            return [f"{what}: {vp}"] if vp else []
        if not is_tensor(out):
            return [f"{what}: expected a tensor, got {type(out).__name__}: {out!r}"]
        problems = []
        shape = tuple(int(s) for s in out.shape)
        if shape != expected.shape:
            problems.append(f"{what}: shape {shape}, expected {expected.shape}")
        got_dtype = oracle.dtype_name(out.dtype)
        if got_dtype != expected.dtype.name:
            problems.append(f"{what}: dtype {got_dtype}, expected {expected.dtype.name}")
        if problems:
            return problems
        vp = _values_problem(to_numpy(out), expected, expected.dtype, reduce, scale, rtol, atol, magnitude)
        return [f"{what}: {vp}"] if vp else []
    if isinstance(expected, np.dtype):
        got = oracle.dtype_name(out)
        return [] if got == expected.name else [f"{what}: dtype {got}, expected {expected.name}"]
    if isinstance(expected, (tuple, list)):
        try:
            items = list(out)
        except TypeError:
            return [f"{what}: expected a sequence of {len(expected)}, got {type(out).__name__}"]
        if len(items) != len(expected):
            return [f"{what}: {len(items)} items, expected {len(expected)}"]
        problems = []
        for i, (o, e) in enumerate(zip(items, expected)):
            problems += compare(o, e, f"{what}[{i}]", reduce, scale, rtol, atol, magnitude)
        return problems
    if isinstance(expected, bool):
        if not isinstance(out, bool):
            return [f"{what}: expected Python bool {expected}, got {type(out).__name__}: {out!r}"]
        return [] if out == expected else [f"{what}: {out!r}, expected {expected!r}"]
    if isinstance(expected, int):
        if not isinstance(out, int) or isinstance(out, bool):
            return [f"{what}: expected Python int {expected}, got {type(out).__name__}: {out!r}"]
        return [] if out == expected else [f"{what}: {out!r}, expected {expected!r}"]
    if isinstance(expected, float):
        if not isinstance(out, float):
            return [f"{what}: expected Python float {expected}, got {type(out).__name__}: {out!r}"]
        r = 1e-6 if rtol is None else rtol
        a = 1e-7 if atol is None else atol
        ok = (math.isnan(out) and math.isnan(expected)) or out == expected or (
            math.isfinite(out) and math.isfinite(expected) and abs(out - expected) <= a + r * abs(expected))
        return [] if ok else [f"{what}: {out!r}, expected {expected!r} (rtol={r}, atol={a})"]
    if isinstance(expected, str):
        if out == expected:
            return []
        return [f"{what}: text differs\n  got:\n{_indent(out)}\n  expected:\n{_indent(expected)}"]
    if expected is None:
        return [] if out is None else [f"{what}: expected None, got {out!r}"]
    raise TypeError(f"check cannot compare with an expected value of type {type(expected).__name__}")


def _indent(text):
    return "\n".join("    " + line for line in str(text).splitlines())


def _as_expected(out):
    """torch's output as an expected value for the differential check."""
    if is_tensor(out):
        return to_numpy(out)
    if isinstance(out, (tuple, list)):
        return type(out)(_as_expected(o) for o in out) if type(out) in (tuple, list) \
            else tuple(_as_expected(o) for o in out)
    if type(out).__name__ == "dtype":
        return np.dtype(oracle.dtype_name(out))
    return out


# ---------------------------------------------------------------------------------------------
# the public helpers

def _names(inputs, names):
    if names is None:
        return list(NAMES[:len(inputs)])
    return names.split() if isinstance(names, str) else list(names)


def _fail(ns, code, names, inputs, problems, header):
    body = "\n".join(problems)
    repro = snippet(module_of(ns).__name__, code, names, inputs, settings.device)
    raise SpecFailure(f"{header} [{label_of(ns)}]\n{body}\n\nReproduce with:\n{_indent(repro)}")


def _missing_method(ns, err):
    """A Tensor method the namespace lacks (the object is an instance of the namespace's own Tensor
    class), or a name a class reached through the namespace lacks, reported like a missing
    torch.* name. An AttributeError on some other returned object is a wrong return type, left as
    it is."""
    if not isinstance(err, AttributeError) or isinstance(err, MissingAPI) or not getattr(err, "name", None):
        return None
    obj = getattr(err, "obj", None)
    if isinstance(obj, type) and id(obj) in CLASS_PATHS:
        path = f"{CLASS_PATHS[id(obj)]}.{err.name}"
    else:
        tensor_type = getattr(module_of(ns), "Tensor", None)
        own = isinstance(obj, tensor_type) if isinstance(tensor_type, type) else is_tensor(obj)
        if not own:
            return None
        path = f"Tensor.{err.name}"
    return MissingAPI(f"namespace {label_of(ns)!r} lacks {path}", path)


def failing_statement(exc, code):
    """The line of `code` that raised (the innermost frame of the code string), or None."""
    if not isinstance(code, str):
        return None
    tb, line = exc.__traceback__, None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<spec>":
            line = tb.tb_lineno
        tb = tb.tb_next
    lines = code.splitlines()
    return lines[line - 1].strip() if line and 0 < line <= len(lines) else None


def _annotate(exc, ns, code, names, inputs):
    """Add the failing statement and the reproduction program to an exception's notes."""
    statement = failing_statement(exc, code)
    if statement is not None:
        exc.add_note(f"failing expression: {statement}")
    repro = snippet(module_of(ns).__name__, code, names, inputs, settings.device)
    exc.add_note(f"\nReproduce with:\n{_indent(repro)}")


def _run_noting(ns, code, inputs, names):
    try:
        return execute(ns, code, inputs, names, settings.device)
    except Exception as exc:
        gap = exc if isinstance(exc, MissingAPI) else _missing_method(ns, exc)
        if gap is not None:
            if gap is not exc:
                gap.__cause__ = exc
                gap.__traceback__ = exc.__traceback__
            _annotate(gap, ns, code, names, inputs)
            missing.met(gap)
            raise gap from exc if gap is not exc else None
        _annotate(exc, ns, code, names, inputs)
        raise


def check(T, code, *inputs, expected, names=None, reduce=1, scale=None, rtol=None, atol=None, magnitude=None):
    """Run `code` on the inputs in namespace T and compare with `expected`.

    expected: a function of the (NumPy) inputs returning the expected value, or the value itself.
    reduce/scale: the number and magnitude of accumulated terms, to widen float tolerance for
    reductions (scale defaults to the largest absolute input value).
    magnitude: a function of the inputs (or a value) giving, per result element, the sum of the
    absolute values of the terms it accumulates (the error model's bound, see tolerance());
    without it that sum is bounded by reduce * scale.
    """
    names = _names(inputs, names)
    out = _run_noting(T, code, inputs, names)
    plain = [_plain(v) for v in inputs]
    want = expected(*plain) if callable(expected) else expected
    if scale is None:
        scale = max([float(np.max(np.abs(v.astype(np.float64)))) for v in plain
                     if isinstance(v, np.ndarray) and v.size] or [1.0])
    if callable(magnitude):
        magnitude = magnitude(*plain)
    problems = compare(out, want, reduce=reduce, scale=scale, rtol=rtol, atol=atol, magnitude=magnitude)
    if problems:
        _fail(T, code, names, inputs, problems, "result differs from the spec")
    torch = differential_torch(T)
    if torch is not None:
        theirs = execute(torch, code, inputs, names, settings.device)
        problems = compare(out, _as_expected(theirs), what="result vs torch",
                           reduce=reduce, scale=scale, rtol=rtol, atol=atol, magnitude=magnitude)
        if problems:
            _fail(T, code, names, inputs, problems, "result differs from torch")
    return out


def differential_torch(T):
    """Real torch for the differential check of namespace T, when torch can run on the device under
    test (a CPU-only torch cannot check --device=cuda; the oracle still does)."""
    if not settings.differential or is_torch(T):
        return None
    torch = torch_or_none()
    if torch is None or (settings.device != "cpu" and not torch.cuda.is_available()):
        return None
    return torch


def _message_problems(message, contains):
    problems = []
    for part in contains:
        if isinstance(part, int) and not isinstance(part, bool):
            if not re.search(rf"(?<![\d.]){part}(?![\d.])", message):
                problems.append(f"message does not mention {part}: {message!r}")
        elif str(part) not in message:
            problems.append(f"message does not contain {str(part)!r}: {message!r}")
    return problems


def check_raises(T, code, *inputs, exc, contains=(), names=None):
    """Run `code` and require it to raise `exc` (a subclass counts) whose message contains each
    item of `contains` (ints must appear as whole numbers, e.g. the offending sizes)."""
    names = _names(inputs, names)
    targets = [T]
    torch = differential_torch(T)
    if torch is not None:
        targets.append(torch)
    for ns in targets:
        try:
            out = execute(ns, code, inputs, names, settings.device)
        except Exception as err:  # noqa: BLE001 - any exception is judged below
            gap = err if isinstance(err, MissingAPI) else _missing_method(ns, err)
            if gap is not None:
                if gap is not err:
                    gap.__traceback__ = err.__traceback__
                _annotate(gap, ns, code, names, inputs)
                missing.met(gap)
                raise gap from (err if gap is not err else None)
            if not isinstance(err, exc):
                _fail(ns, code, names, inputs,
                      [f"raised {type(err).__name__}: {err}", f"expected {exc.__name__}"],
                      "wrong exception type")
            problems = _message_problems(str(err), contains)
            if problems:
                _fail(ns, code, names, inputs, problems, "error message lacks detail")
        else:
            shown = out if not is_tensor(out) else f"tensor of shape {tuple(out.shape)}"
            _fail(ns, code, names, inputs, [f"returned {shown!r}"], f"expected {exc.__name__}, nothing raised")
