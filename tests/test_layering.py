"""The layering of `reference`, checked on its import graph (built from the source, nothing imported):
no import cycles, autograd below the Tensor class and the ops, backends below the ops, and no imports
inside functions except optional dependencies."""
import ast
import os

import pytest

ROOT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "reference")

# imports allowed inside a function: optional dependencies, absent from a plain install
OPTIONAL = {"threadpoolctl", "numba.cuda", "scipy"}
# build tools that read the op layer (never imported at run time)
TOOLS = {"reference.backends.cpu.codegen", "reference.backends.cuda.codegen"}


def _modules():
    out = {}
    for dirpath, _, files in os.walk(ROOT):
        for name in files:
            if name.endswith(".py"):
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, os.path.dirname(ROOT))[:-3].replace(os.sep, ".")
                if rel.endswith(".__init__"):
                    rel = rel[: -len(".__init__")]
                out[rel] = path
    return out


MODULES = _modules()


def _is_package(mod):
    return MODULES[mod].endswith("__init__.py")


def _resolve(mod, node):
    """The modules an import statement names (a `from X import y` names X.y when that is a module)."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    if node.level:
        base = mod.split(".") if _is_package(mod) else mod.split(".")[:-1]
        base = base[: len(base) - (node.level - 1)]
        target = ".".join(base + ([node.module] if node.module else []))
    else:
        target = node.module
    out = []
    for a in node.names:
        sub = f"{target}.{a.name}"
        out.append(sub if sub in MODULES else target)
    return out


def _imports(mod):
    """(imported module, line, inside a function?) for every import statement of a module."""
    with open(MODULES[mod]) as f:
        tree = ast.parse(f.read())
    found = []

    def walk(node, in_function):
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                for target in _resolve(mod, child):
                    found.append((target, child.lineno, in_function))
            walk(child, nested)

    walk(tree, False)
    return found


GRAPH = {mod: sorted({t for t, _, _ in _imports(mod) if t in MODULES and t != mod}) for mod in MODULES}


def _cycles(graph):
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index, low, on_stack, stack, out = {}, {}, set(), [], []
    counter = [0]
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(graph[start]))]
        index[start] = low[start] = counter[0]
        counter[0] += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, it = work[-1]
            advanced = False
            for nxt in it:
                if nxt not in index:
                    index[nxt] = low[nxt] = counter[0]
                    counter[0] += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(graph[nxt])))
                    advanced = True
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                comp = []
                while True:
                    m = stack.pop()
                    on_stack.discard(m)
                    comp.append(m)
                    if m == node:
                        break
                if len(comp) > 1:
                    out.append(sorted(comp))
    return out


def test_graph_is_built_from_every_module():
    assert "reference._ops.elementwise" in GRAPH and "reference.autograd.engine" in GRAPH
    assert "reference._tensor" in GRAPH["reference._ops.elementwise"]


def test_no_import_cycles():
    assert _cycles(GRAPH) == []


def test_cycle_detector_finds_a_cycle():
    assert _cycles({"a": ["b"], "b": ["c"], "c": ["a"], "d": ["a"]}) == [["a", "b", "c"]]


@pytest.mark.parametrize("mod", sorted(m for m in MODULES if m.startswith("reference.autograd")))
def test_autograd_sits_below_tensor_and_ops(mod):
    bad = [t for t in GRAPH[mod] if t.startswith("reference._ops") or t == "reference._tensor"]
    assert bad == [], f"{mod} imports {bad}"


@pytest.mark.parametrize("mod", sorted(m for m in MODULES if m.startswith("reference.backends") and m not in TOOLS))
def test_backends_sit_below_ops(mod):
    bad = [t for t in GRAPH[mod] if t.startswith("reference._ops") or t == "reference._tensor"
           or t.startswith("reference.autograd")]
    assert bad == [], f"{mod} imports {bad}"


@pytest.mark.parametrize("mod", sorted(MODULES))
def test_no_imports_inside_functions(mod):
    bad = [(t, line) for t, line, inside in _imports(mod) if inside and t.split(".")[0] not in OPTIONAL
           and t not in OPTIONAL]
    assert bad == [], f"{mod} imports inside functions: {bad}"
