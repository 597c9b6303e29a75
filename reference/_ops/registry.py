"""The op registry: the single source of truth for every op of the library.

Each op family declares its ops here once (elementwise ops in elementwise_ops.py with their dtype
rule, kernel expression, torch node name and named backward; the other families register the
functions they define). Everything else is derived from the registry, never listed by hand:
  - the `reference` namespace exports (`namespace()`),
  - the Tensor methods, operators and in-place twins (`methods.bind()`),
  - the elementwise kernel modules (backends/cpu/codegen.py reads `kernel_exprs()`),
  - the coverage meta-test (tests/test_registry.py compares `names()` with the spec suite).

This module holds data only: it imports nothing of the library, so any layer may read it. Its one
piece of behaviour is the autocast hook: an op that declares an autocast policy is exported behind
`with_autocast`, which hands its arguments to the hook reference.amp installs while a region is open.
"""
import functools

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

# dtype rules of the other families
FLOAT_ONLY = "float-only"      # floating inputs only (mean, var, softmax, linalg): output keeps the dtype
SUM_INT64 = "sum"              # floating keeps its dtype; bool and integers accumulate in int64
INDEX = "int64"                # the result is int64 positions (argmax, nonzero)
BOOL = "bool"                  # the result is bool
MATCHING = "matching"          # operands must share one dtype (matmul family), which the result keeps
VALUES_INDICES = "values+int64"  # (values in the input dtype, int64 indices)
TARGET = "target"              # the dtype the call names (to, float(), type_as)
CREATED = "created"            # dtype= if given, else inferred from the data or the default dtype
PYTHON = "python"              # a Python value, not a tensor (item, numel, equal)

DTYPE_RULES = frozenset({FLOAT_MATH, SAME, PREDICATE, ARITH, TRUEDIV, COMPARE, LOGICAL, BITWISE, FLOAT_ONLY,
                         SUM_INT64, INDEX, BOOL, MATCHING, VALUES_INDICES, TARGET, CREATED, PYTHON})

# autocast policies (torch's autocast op lists): inside an enabled region the op's floating operands
# are cast to the region's low-precision dtype, or to float32
LOWER_PRECISION = "lower-precision"
TO_FLOAT32 = "float32"
AUTOCAST_POLICIES = frozenset({LOWER_PRECISION, TO_FLOAT32})


class Op:
    """One registry entry.

    name      torch's name (namespace function, Tensor method, kernel name)
    namespace the submodule that exports it ("" for `reference`, "linalg" for `reference.linalg`)
    family    unary | binary | ternary (elementwise: each has a kernel) | the name of a
              non-elementwise family (reduction, view, ...). An internal kernel (copy, to_bool) is an
              elementwise entry with method=False and function=False.
    fn        the namespace function (generated for elementwise ops)
    dtype     the dtype rule (one of DTYPE_RULES)
    expr      the scalar kernel expression codegen compiles (elementwise): x; a, b; c, a, b
    node      torch's grad_fn name for the op's main form (`y.grad_fn.name()`), or None when the op has
              no gradient; forms with another node are listed in spec_tests/test_grad_fn_names.py
    backward  backward(ctx, grad) -> grads per input; reads named saved values as ctx._saved_<name>
    saves     names of the tensors backward reads: "self", "other" (inputs), "result" (output)
    method    bind as a Tensor method (True, or the method's own callable)
    function  export in the `reference` namespace
    inplace   the in-place twin: "method" (x.op_()), "both" (also reference.op_), or None
    inplace_fn  the in-place twin's function (set by the family that generates it)
    other     the keyword name of a binary op's second operand ("other", "exponent")
    aliases   other names of the same op (namespace and method)
    autocast  the op's autocast policy (LOWER_PRECISION, TO_FLOAT32) or None: set by its family, applied
              to the exported function and method by `with_autocast`
    """
    __slots__ = ("name", "family", "fn", "dtype", "expr", "node", "backward", "saves", "method", "function",
                 "inplace", "inplace_fn", "other", "aliases", "namespace", "autocast")

    def __init__(self, name, family, fn=None, *, dtype=None, expr=None, node=None, backward=None, saves=(),
                 method=True, function=True, inplace=None, other="other", aliases=(), namespace=""):
        self.name = name
        self.namespace = namespace
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
        self.autocast = None

    @property
    def qualname(self):
        return f"{self.namespace}.{self.name}" if self.namespace else self.name

    def __repr__(self):
        return f"Op({self.qualname!r}, {self.family!r})"


REGISTRY = {}


def add(op):
    key = op.qualname
    if key in REGISTRY and REGISTRY[key].family != op.family:
        raise ValueError(f"op {key!r} registered by two families: {REGISTRY[key].family} and {op.family}")
    if op.dtype not in DTYPE_RULES:
        raise ValueError(f"op {key!r}: unknown dtype rule {op.dtype!r}")
    REGISTRY[key] = op
    return op


def define(family, fn, name=None, *, node, dtype, **kw):
    """Register a function a family module defines (name defaults to the function's). Every op
    states torch's node name (None: no gradient) and its dtype rule."""
    return add(Op(name or fn.__name__, family, fn, node=node, dtype=dtype, **kw))


def define_all(family, rows, **kw):
    """Register a family's table of (function, torch node name or None, dtype rule) rows."""
    for fn, node, dtype in rows:
        define(family, fn, node=node, dtype=dtype, **kw)


_autocast_hook = [None]  # hook(policy, args, kwargs) -> (args, kwargs), set while an autocast region is open


def set_autocast_hook(hook):
    """Install (or, with None, remove) the function that casts an autocast-listed op's arguments."""
    _autocast_hook[0] = hook


def with_autocast(policy, fn):
    """fn as exported: behind the autocast hook when it has a policy (one list read per call while
    no region is open), unchanged otherwise."""
    if policy is None:
        return fn
    if policy not in AUTOCAST_POLICIES:
        raise ValueError(f"unknown autocast policy {policy!r}")

    @functools.wraps(fn)
    def autocast_dispatch(*args, **kwargs):
        hook = _autocast_hook[0]
        if hook is not None:
            args, kwargs = hook(policy, args, kwargs)
        return fn(*args, **kwargs)
    return autocast_dispatch


def ops(*families):
    return [op for op in REGISTRY.values() if not families or op.family in families]


def table(family):
    """name -> Op of one family, in registration order."""
    return {op.name: op for op in REGISTRY.values() if op.family == family}


def names():
    """Every public op name (with aliases; linalg's as linalg.name): what the spec suite must cover."""
    out = []
    for op in REGISTRY.values():
        if op.function or op.method:
            out.append(op.qualname)
            out.extend(f"{op.namespace}.{a}" if op.namespace else a for a in op.aliases)
    return out


def kernel_exprs(family):
    """name -> scalar expression of the kernels of one elementwise family (codegen's input)."""
    return {op.name: op.expr for op in REGISTRY.values() if op.family == family and op.expr is not None}


def namespace(module=""):
    """name -> function for the `reference` namespace, or for one of its submodules ("linalg"), with
    aliases and namespace in-place twins."""
    out = {}
    for op in REGISTRY.values():
        if not op.function or op.fn is None or op.namespace != module:
            continue
        out[op.name] = op.fn
        for alias in op.aliases:
            out[alias] = op.fn
        if op.inplace == "both" and op.inplace_fn is not None:
            out[op.name + "_"] = op.inplace_fn
    return out
