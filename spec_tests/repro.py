"""Copy-pasteable reproductions: Python source for the inputs and the code a failing check ran."""
import ast
import inspect
import math
import textwrap

import numpy as np

from . import layouts


class NP:
    """Marks an input that reaches the code as a NumPy array rather than as a tensor."""

    __slots__ = ("array",)

    def __init__(self, array):
        self.array = np.asarray(array)


def literal(value):
    """Python source that evaluates to `value` (floats like inf and nan included)."""
    if isinstance(value, (bool, np.bool_)):
        return repr(bool(value))
    if isinstance(value, (float, np.floating)):
        value = float(value)
        if math.isnan(value):
            return "float('nan')"
        if math.isinf(value):
            return "float('inf')" if value > 0 else "float('-inf')"
        return repr(value)
    if isinstance(value, (int, np.integer)):
        return repr(int(value))
    if isinstance(value, list):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, tuple):
        inner = ", ".join(literal(v) for v in value)
        return "(" + inner + ("," if len(value) == 1 else "") + ")"
    if isinstance(value, slice):
        return f"slice({literal(value.start)}, {literal(value.stop)}, {literal(value.step)})"
    if value is Ellipsis:
        return "..."
    if isinstance(value, NP):
        return numpy_source(value.array)
    if isinstance(value, np.ndarray):
        return tensor_source(value)
    return repr(value)


def _nested(arr):
    # tolist() turns float16/float32 elements into the Python floats equal to them, so the
    # literal round-trips exactly through the dtype.
    return literal(arr.tolist())


def tensor_source(arr, device="cpu"):
    """Source of a tensor holding arr, in the layout a strategy drew for it."""
    layout = layouts.resolve(arr)
    if layout is not None:
        if layout.recipe is not None:
            storage = f"torch.from_numpy({layout.recipe})" + ("" if device == "cpu" else f".to({device!r})")
        else:
            storage = _plain_tensor_source(layout.storage, device)
        return layouts.build_source(layout, storage)
    return _plain_tensor_source(arr, device)


def _plain_tensor_source(arr, device="cpu"):
    arr = np.asarray(arr)
    src = f"torch.tensor({_nested(arr)}, dtype=torch.{arr.dtype.name}"
    if device != "cpu":
        src += f", device={device!r}"
    src += ")"
    if arr.size == 0 and arr.ndim != 1:
        src += f".reshape{literal(tuple(arr.shape))}"
    return src


def numpy_source(arr):
    src = f"np.array({_nested(arr)}, dtype=np.{arr.dtype.name})"
    if arr.size == 0 and arr.ndim != 1:
        src += f".reshape{literal(tuple(arr.shape))}"
    return src


def input_source(value, device="cpu"):
    if isinstance(value, np.ndarray):
        return tensor_source(value, device)
    if isinstance(value, list) and value and all(isinstance(v, np.ndarray) for v in value):
        return "[" + ", ".join(tensor_source(v, device) for v in value) + "]"
    return literal(value)


def _uses_numpy(inputs):
    return any(isinstance(v, NP) or getattr(getattr(v, "layout", None), "recipe", None) for v in inputs)


def import_line(module_name):
    return "import torch" if module_name == "torch" else f"import {module_name} as torch"


def statements(code):
    """The statements of a code string, each as its own source text (a decorated def or class
    keeps its decorators: the node's own position starts at the `def`/`class` line)."""
    tree = ast.parse(code)
    lines = code.splitlines()
    out = []
    for node in tree.body:
        decorators = getattr(node, "decorator_list", None)
        if decorators:
            first = min(d.lineno for d in decorators) - 1
            out.append("\n".join(lines[first:node.end_lineno]))
        else:
            out.append(ast.get_source_segment(code, node))
    return out


def lambda_source(fn):
    """`lambda ...: ...` as written in the test, or None when it cannot be isolated."""
    try:
        src = textwrap.dedent(inspect.getsource(fn))
        tree = ast.parse(src)
    except (OSError, TypeError, SyntaxError):
        return None
    nargs = fn.__code__.co_argcount
    found = [n for n in ast.walk(tree) if isinstance(n, ast.Lambda) and len(n.args.args) == nargs]
    return ast.get_source_segment(src, found[0]) if len(found) == 1 else None


def snippet(module_name, code, names, inputs, device="cpu"):
    """A self-contained program: import, inputs with their values, the code, the printed result."""
    lines = []
    if _uses_numpy(inputs) or (isinstance(code, str) and "np." in code):
        lines.append("import numpy as np")
    lines.append(import_line(module_name))
    if isinstance(code, str) and "dev" in code:
        lines.append(f"dev = {device!r}")
    for name, value in zip(names, inputs):
        lines.append(f"{name} = {input_source(value, device)}")
    if isinstance(code, str):
        *body, last = statements(code)
        lines.extend(body)
        if isinstance(ast.parse(code).body[-1], ast.Expr):
            lines.append(f"out = {last}")
        else:
            lines.append(last)
            lines.append("out = None  # the code ends in a statement")
    else:
        fn_src = lambda_source(code)
        if fn_src is None:
            fn_src = f"...  # {getattr(code, '__qualname__', code)!s}; source unavailable"
        lines.append(f"fn = {fn_src}")
        lines.append(f"out = fn(torch{''.join(', ' + n for n in names)})")
    lines.append("print(out)")
    return "\n".join(lines)
