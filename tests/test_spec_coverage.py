"""Every public callable of the reference is named by a spec test.

The reference's top-level namespace (less its subpackages: nn, optim, utils, autograd, linalg... have
their own areas and suites) and Tensor's public methods are listed, and each name must occur in the
code of some spec_tests/test_*.py. UNSPECIFIED is the debt: names known to lack a spec test. It may
only shrink: a listed name that gains a test, or a new name without one, fails this test.
"""
import inspect
import re
from pathlib import Path

import reference

SPEC = Path(__file__).resolve().parent.parent / "spec_tests"

# Known gaps, each to be specified (then removed from here).
UNSPECIFIED = {
    "namespace": {"CharTensor", "HalfTensor", "IntTensor", "ShortTensor", "get_num_threads", "set_num_threads",
                  "seed", "set_default_dtype"},
    "tensor": {"untyped_storage"},
}


def _spec_source():
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(SPEC.glob("test_*.py")))


def _mentioned(source):
    """Names a spec test calls or looks up: torch.NAME, .NAME( and quoted "NAME" in code tables."""
    return (set(re.findall(r"torch\.([A-Za-z_]\w*)", source)) | set(re.findall(r"\.([A-Za-z_]\w*)\(", source))
            | set(re.findall(r"[\"']([A-Za-z_]\w*)[\"'(]", source)))


def _public_callables(obj):
    out = set()
    for name in dir(obj):
        if name.startswith("_"):
            continue
        value = getattr(obj, name, None)
        if inspect.ismodule(value) or not callable(value):
            continue
        out.add(name)
    return out


def _check(kind, names):
    mentioned = _mentioned(_spec_source())
    untested = {n for n in names if n not in mentioned}
    debt = UNSPECIFIED[kind]
    new = sorted(untested - debt)
    paid = sorted(debt - untested)
    assert not new, f"public {kind} names without a spec test: {new}"
    assert not paid, f"names now specified (remove them from UNSPECIFIED[{kind!r}]): {paid}"


def test_every_top_level_callable_has_a_spec_test():
    _check("namespace", _public_callables(reference) - {n for n in dir(reference) if isinstance(getattr(reference, n), type)
                                                         and n not in UNSPECIFIED["namespace"]})


def test_every_tensor_method_has_a_spec_test():
    _check("tensor", _public_callables(reference.Tensor))
