"""The op registry is the single source of truth: every public op it lists has a spec behaviour that
names it, every elementwise entry is complete, and the Tensor class and the namespace are what the
registry says (nothing listed by hand elsewhere)."""
import glob
import os
import re

import pytest

import reference
from reference._ops import registry as R

SPEC = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "spec_tests")


def _spec_source():
    return "\n".join(open(f).read() for f in glob.glob(os.path.join(SPEC, "**", "*.py"), recursive=True))


SOURCE = _spec_source()


def _named_in_spec(name):
    # spelled as torch.name, .name (a method) or a quoted table entry "name"
    return re.search(r"(torch\.|\.)%s\b" % re.escape(name), SOURCE) or f'"{name}"' in SOURCE


def test_every_registry_op_is_named_by_the_spec():
    missing = [n for n in R.names() if not _named_in_spec(n)]
    assert missing == [], f"ops without a spec behaviour: {missing}"


def test_coverage_check_can_fail():
    assert not _named_in_spec("no_such_op_anywhere")


@pytest.mark.parametrize("op", R.ops(*R.ELEMENTWISE), ids=lambda op: op.name)
def test_elementwise_entries_are_complete(op):
    assert op.expr, f"{op.name} has no kernel expression"
    if op.node is not None and op.family == R.UNARY:
        assert op.backward is not None, f"{op.name} names node {op.node} but has no backward"
    for name in op.saves:
        assert name in ("self", "other", "result"), f"{op.name} saves an unknown value {name}"


@pytest.mark.parametrize("op", [op for op in R.ops() if op.function and op.fn is not None and not op.namespace],
                         ids=lambda op: op.name)
def test_namespace_is_the_registry(op):
    for name in (op.name,) + op.aliases:
        assert getattr(reference, name) is op.fn
        assert name in reference.__all__


@pytest.mark.parametrize("op", [op for op in R.ops() if op.method], ids=lambda op: op.name)
def test_tensor_methods_come_from_the_registry(op):
    for name in (op.name,) + op.aliases:
        assert callable(getattr(reference.Tensor, name))
    if op.inplace in ("method", "both"):
        assert callable(getattr(reference.Tensor, op.name + "_"))
    if op.inplace == "both":
        assert getattr(reference, op.name + "_") is op.inplace_fn


def test_namespace_exports_no_internals():
    for name in reference.__all__:
        assert not name.startswith("_") or name == "__version__"
    for leaked in ("record", "needs_grad", "backend_of", "cast", "math", "np", "numba"):
        assert leaked not in reference.__all__ and not hasattr(reference, leaked)


def test_kernel_modules_are_generated_from_the_registry():
    from reference.backends.cpu import codegen
    assert set(codegen.TARGETS["_unary_kernels.py"][0]) == {op.name for op in R.ops(R.UNARY)}
    assert set(codegen.TARGETS["_binary_kernels.py"][0]) == {op.name for op in R.ops(R.BINARY)}


def test_every_op_states_its_dtype_rule_and_node():
    for op in R.ops():
        assert op.dtype in R.DTYPE_RULES, f"{op.qualname} has no dtype rule"
        # torch's nodes are XBackwardN, or autograd's own (torch::autograd::CopySlices for a write through a view)
        assert op.node is None or (isinstance(op.node, str) and ("Backward" in op.node or
                                                                op.node.startswith("torch::autograd::"))), op.qualname


def _spec_nodes():
    from spec_tests.test_grad_fn_names import NODES
    rows = {}
    for name, _code, _fn, node, _wrt in NODES:
        rows.setdefault(name, set()).add(node)
    return rows


@pytest.mark.parametrize("op", [op for op in R.ops() if op.node is not None and (op.function or op.method)],
                         ids=lambda op: op.qualname)
def test_node_names_are_confirmed_by_the_spec(op):
    # spec_tests/test_grad_fn_names.py runs each row on torch: its node names are torch's
    rows = _spec_nodes()
    assert op.node in rows.get(op.qualname, ()), (
        f"{op.qualname}: registry names node {op.node}; spec rows give {sorted(rows.get(op.qualname, ()))}")


def test_node_check_can_fail():
    assert "NoSuchBackward0" not in _spec_nodes().get("sum", ())


def test_linalg_namespace_is_the_registry():
    for op in R.ops("linalg"):
        assert getattr(reference.linalg, op.name) is op.fn
        assert op.name in reference.linalg.__all__
