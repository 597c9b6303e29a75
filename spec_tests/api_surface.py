"""The public API a run actually used: names looked up on the namespace (recorded by the proxy),
Tensor attributes and Python operators found in the code the checks executed. It tells an
implementation exactly what the suite needs from it."""
import ast

# Filled during a run: "torch.x" paths looked up on the namespace, and code strings executed.
ACCESSED = set()
CODES = set()

# What the harness itself needs from every tensor, besides the code it runs.
HARNESS_TENSOR = ("shape", "dtype", "detach", "cpu", "numpy", "reshape")
HARNESS_NAMES = ("torch.tensor",) + tuple(f"torch.{d}" for d in (
    "bool", "uint8", "int8", "int16", "int32", "int64", "float16", "float32", "float64"))

_OPERATORS = {
    ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//", ast.Mod: "%",
    ast.Pow: "**", ast.MatMult: "@", ast.BitAnd: "&", ast.BitOr: "|", ast.BitXor: "^",
    ast.USub: "unary -", ast.Invert: "~", ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=",
    ast.Gt: ">", ast.GtE: ">=", ast.Is: "is",
}
_BUILTINS = {"len", "iter", "list", "float", "int", "bool", "repr", "str", "abs", "tuple"}
_NOT_TENSORS = {"torch", "np", "io", "f", "i", "contextlib"}


def _root(node):
    """The name an attribute chain hangs from: `torch` for torch.nn.functional.softmax, but None for
    torch.zeros(2).sum (a call's result is a tensor, whatever namespace made it)."""
    node = node.value
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def analyse(codes, tensor_type=None):
    """(attribute names used on objects other than the namespace, operators, builtins) in codes."""
    attrs, ops, builtins = set(), set(), set()
    for code in codes:
        for node in ast.walk(ast.parse(code)):
            if isinstance(node, ast.Attribute) and _root(node) not in _NOT_TENSORS:
                attrs.add(node.attr)
            elif isinstance(node, (ast.BinOp, ast.UnaryOp, ast.AugAssign)):
                op = _OPERATORS.get(type(node.op))
                if op:
                    ops.add(op + ("=" if isinstance(node, ast.AugAssign) else ""))
            elif isinstance(node, ast.Compare):
                ops.update(_OPERATORS[type(o)] for o in node.ops if type(o) in _OPERATORS)
            elif isinstance(node, ast.Subscript):
                ops.add("[] (store)" if isinstance(node.ctx, ast.Store) else "[]")
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _BUILTINS:
                builtins.add(node.func.id)
    if tensor_type is not None:
        attrs &= set(dir(tensor_type))
    return attrs | set(HARNESS_TENSOR), ops, builtins


# Attributes hypothesis probes on every test argument (the namespace fixture included).
_PROBES = {"execute_example", "setup_example", "teardown_example", "hypothesis_internal_is_this_a_mock_check"}


def surface(tensor_type=None):
    attrs, ops, builtins = analyse(CODES, tensor_type)
    names = {n for n in ACCESSED if n.rsplit(".", 1)[-1] not in _PROBES and not n.rsplit(".", 1)[-1].startswith("_")}
    return {"namespace": sorted(names | set(HARNESS_NAMES)), "tensor": sorted(attrs),
            "operators": sorted(ops), "builtins": sorted(builtins)}


def markdown(api):
    if not api:
        return ""
    return "\n".join([
        "", "## API surface used by the suite", "",
        f"- namespace ({len(api['namespace'])}): " + ", ".join(f"`{n}`" for n in api["namespace"]),
        f"- Tensor ({len(api['tensor'])}): " + ", ".join(f"`{n}`" for n in api["tensor"]),
        "- operators: " + " ".join(f"`{o}`" for o in api["operators"]),
        "- builtins on tensors: " + ", ".join(f"`{b}()`" for b in api["builtins"]), ""])
