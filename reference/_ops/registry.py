"""The op registry: the single source of truth for every op of the library.

Each op family declares its ops here once (elementwise ops in elementwise_ops.py with their dtype
rule, kernel expression, torch node name and named backward; the other families register the
functions they define). Everything else is derived from the registry, never listed by hand:
  - the `reference` namespace exports (`namespace()`),
  - the Tensor methods, operators and in-place twins (`methods.bind()`),
  - the elementwise kernel modules (backends/cpu/codegen.py reads `kernel_exprs()`),
  - the coverage meta-test (tests/test_registry.py compares `names()` with the spec suite).

This module holds data only: it imports nothing of the library, so any layer may read it.
"""

UNARY, BINARY, TERNARY = "unary", "binary", "ternary"
ELEMENTWISE = (UNARY, BINARY, TERNARY)

# dtype rules of elementwise ops
FLOAT_MATH = "float"    # int/bool inputs compute in the default float dtype
SAME = "same"           # output keeps the (promoted) input dtype
PREDICATE = "pred"      # output is bool, computed in the input dtype
ARITH = "arith"         # promoted dtype of the operands
TRUEDIV = "truediv"     # promoted dtype, integers promoted to the default float dtype
COMPARE = "compare"     # computed in the promoted dtype, output bool
LOGICAL = "logical"     # output bool
BITWISE = "bitwise"     # integers and bool only


class Op:
    """One registry entry.

    name      torch's name (namespace function, Tensor method, kernel name)
    family    unary | binary | ternary (elementwise: each has a kernel) | the name of a
              non-elementwise family (reduction, view, ...). An internal kernel (copy, to_bool) is an
              elementwise entry with method=False and function=False.
    fn        the namespace function (generated for elementwise ops)
    dtype     the dtype rule (elementwise)
    expr      the scalar kernel expression codegen compiles (elementwise): x; a, b; c, a, b
    node      torch's grad_fn name, or None when the op has no gradient
    backward  backward(ctx, grad) -> grads per input; reads named saved values as ctx._saved_<name>
    saves     names of the tensors backward reads: "self", "other" (inputs), "result" (output)
    method    bind as a Tensor method (True, or the method's own callable)
    function  export in the `reference` namespace
    inplace   the in-place twin: "method" (x.op_()), "both" (also reference.op_), or None
    inplace_fn  the in-place twin's function (set by the family that generates it)
    other     the keyword name of a binary op's second operand ("other", "exponent")
    aliases   other names of the same op (namespace and method)
    """
    __slots__ = ("name", "family", "fn", "dtype", "expr", "node", "backward", "saves", "method", "function",
                 "inplace", "inplace_fn", "other", "aliases")

    def __init__(self, name, family, fn=None, *, dtype=None, expr=None, node=None, backward=None, saves=(),
                 method=True, function=True, inplace=None, other="other", aliases=()):
        self.name = name
        self.family = family
        self.fn = fn
        self.dtype = dtype
        self.expr = expr
        self.node = node
        self.backward = backward
        self.saves = tuple(saves)
        self.method = method
        self.function = function
        self.inplace = inplace
        self.inplace_fn = None
        self.other = other
        self.aliases = tuple(aliases)

    def __repr__(self):
        return f"Op({self.name!r}, {self.family!r})"


REGISTRY = {}


def add(op):
    if op.name in REGISTRY and REGISTRY[op.name].family != op.family:
        raise ValueError(f"op {op.name!r} registered by two families: {REGISTRY[op.name].family} and "
                         f"{op.family}")
    REGISTRY[op.name] = op
    return op


def define(family, fn, name=None, **kw):
    """Register a function a family module defines (name defaults to the function's)."""
    return add(Op(name or fn.__name__, family, fn, **kw))


def ops(*families):
    return [op for op in REGISTRY.values() if not families or op.family in families]


def table(family):
    """name -> Op of one family, in registration order."""
    return {op.name: op for op in REGISTRY.values() if op.family == family}


def names():
    """Every public op name (with aliases): what the spec suite must cover."""
    out = []
    for op in REGISTRY.values():
        if op.function or op.method:
            out.append(op.name)
            out.extend(op.aliases)
    return out


def kernel_exprs(family):
    """name -> scalar expression of the kernels of one elementwise family (codegen's input)."""
    return {op.name: op.expr for op in REGISTRY.values() if op.family == family and op.expr is not None}


def namespace():
    """name -> function for the `reference` namespace (aliases and namespace in-place twins included)."""
    out = {}
    for op in REGISTRY.values():
        if not op.function or op.fn is None:
            continue
        out[op.name] = op.fn
        for alias in op.aliases:
            out[alias] = op.fn
        if op.inplace == "both" and op.inplace_fn is not None:
            out[op.name + "_"] = op.inplace_fn
    return out
