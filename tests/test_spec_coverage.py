"""Every public callable of the reference is named by a spec test.

The reference's top-level namespace (less its subpackages: nn, optim, utils, autograd, linalg... have
their own areas and suites) and Tensor's public methods are listed, and each name must occur in the
code of some spec_tests/test_*.py. UNSPECIFIED is the debt: names known to lack a spec test. It may
only shrink: a listed name that gains a test, or a new name without one, fails this test.
"""
import inspect

import pytest
import re
from pathlib import Path

import reference

SPEC = Path(__file__).resolve().parent.parent / "spec_tests"

# Known gaps, each to be specified (then removed from here).
UNSPECIFIED = {
    "namespace": {"CharTensor", "HalfTensor", "IntTensor", "ShortTensor", "get_num_threads", "set_num_threads",
                  "seed"},
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


# ---------------------------------------------------------------------------------------------
# the gradient half: every differentiable name has a float64 and a float32 gradient test, and the
# names with a kink, a tie or a zero where a naive backward breaks are tested exactly there

def _probe_calls(fn, x, leaf):
    """Ways to call a function or method on float64 tensors; the first that returns a tensor wins."""
    yield lambda: fn(x())
    yield lambda: fn(x(), 1)
    yield lambda: fn(x(), x())
    yield lambda: fn(x(), 0.5)
    yield lambda: fn([x(), x()])
    yield lambda: fn(x(), x(), x())
    yield lambda: fn(x(), leaf().long().clamp(0, 1))
    yield lambda: fn(x(), x().t())
    yield lambda: fn(x()[0], x()[0])
    yield lambda: fn(x(), x()[0])
    yield lambda: fn(leaf() > 0, x(), x())
    yield lambda: fn(x(), leaf() > 0, 0.5)
    yield lambda: fn(x(), 1, leaf().long().clamp(0, 1))


# Names never probed: they change global state or touch files.
_NOT_PROBED = re.compile(r"^(set_|manual_seed$|seed$|save$|load$|use_|initial_seed$|compile$|from_file$)")


def _differentiable(obj, method):
    """Public callables of `obj` whose result, for some simple call on tensors requiring grad,
    carries a grad_fn."""
    found = set()

    def leaf():
        return reference.tensor([[0.5, -1.25, 2.0], [1.5, 0.75, -0.5]], dtype=reference.float64)

    def x():
        return leaf().requires_grad_()
    for name in sorted(_public_callables(obj)):
        if _NOT_PROBED.match(name) or name.endswith("_") or isinstance(getattr(obj, name), type):
            continue
        target = (lambda n: (lambda first, *rest: getattr(first, n)(*rest))) (name) if method \
            else getattr(obj, name)
        for call in _probe_calls(target, x, leaf):
            try:
                out = call()
            except Exception:  # noqa: BLE001 - a signature that does not fit; try the next
                continue
            first = out[0] if type(out) in (tuple, list) and out else out
            if getattr(first, "grad_fn", None) is not None:
                found.add(name)
                break
    return found


def _param_text(table):
    return " ".join(f'"{v}"' for p in table for v in p.values if isinstance(v, str))


def _grad_sources():
    """(float64 gradient source, float32 gradient source) of the spec: files that differentiate,
    and test_grad_edges.py with the string values of the tables it reruns in float32."""
    import spec_tests.test_grad_edges as edges
    f64 = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SPEC.glob("test_*.py"))
                    if re.search(r"check_grad|\.backward\(|autograd\.grad\(", p.read_text(encoding="utf-8")))
    f32 = (SPEC / "test_grad_edges.py").read_text(encoding="utf-8") + " " + " ".join(
        _param_text(t) for t in edges.FLOAT32_TABLES)
    return f64, f32


# Differentiable names known to lack a gradient test (debt: may only shrink).
GRAD_UNSPECIFIED = {
    "float64": set(),
    "float32": set(),
}

# Names whose backward has a singular point, and the behaviour that tests it there.
SINGULAR_POINTS = {
    "abs": "grad.abs-zero-at-zero",
    "relu": "grad.relu-zero-at-zero",
    "clamp": "grad.clamp-passes-at-bounds",
    "clamp_min": "grad.clamp-min-function-passes-at-bound",
    "clamp_max": "grad.clamp-max-function-passes-at-bound",
    "prod": "grad.prod-finite-at-zeros",
    "cumprod": "grad.cumprod-finite-at-zeros",
    "pow": "grad.pow-zero-base-tensor-exponent",
    "norm": "grad.norm-zero-at-zero-vector",
    "maximum": "grad.maximum-ties-split",
    "minimum": "grad.minimum-ties-split",
    "fmax": "grad.fmax-tie-to-first",
    "fmin": "grad.fmin-tie-to-first",
    "amax": "grad.amax-ties-split",
    "amin": "grad.amin-ties-split",
    "max": "grad.max-dim-tie-to-returned-index",
    "min": "grad.min-dim-tie-to-returned-index",
    "median": "grad.median-tie-to-returned-index",
    "sort": "grad.sort-ties-to-returned-indices",
    "kthvalue": "grad.kthvalue-tie-to-returned-index",
    "mode": "grad.mode-tie-to-returned-index",
}


@pytest.fixture(scope="module")
def differentiable():
    return {"namespace": _differentiable(reference, False), "tensor": _differentiable(reference.Tensor, True)}


def test_the_probe_finds_gradients(differentiable):
    # the probe is what every check below rests on: it must see the obvious ones and no integer op
    assert {"exp", "sum", "matmul", "prod", "cumprod", "abs"} <= differentiable["namespace"]
    assert {"exp", "sum", "prod", "max"} <= differentiable["tensor"]
    assert not {"argmax", "eq", "zeros", "randint"} & differentiable["namespace"]


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_every_differentiable_name_has_a_gradient_test(differentiable, dtype):
    f64, f32 = _grad_sources()
    mentioned = _mentioned(f64 if dtype == "float64" else f32)
    names = differentiable["namespace"] | differentiable["tensor"]
    untested = {n for n in names if n not in mentioned}
    new = sorted(untested - GRAD_UNSPECIFIED[dtype])
    paid = sorted(GRAD_UNSPECIFIED[dtype] - untested)
    assert not new, f"differentiable names without a {dtype} gradient test: {new}"
    assert not paid, f"now tested in {dtype} (remove them from GRAD_UNSPECIFIED[{dtype!r}]): {paid}"


def test_singular_points_are_tested(differentiable):
    import spec_tests.test_api_regressions  # noqa: F401 - fill the catalogue
    import spec_tests.test_grad_edges  # noqa: F401
    import spec_tests.test_grad_elementwise  # noqa: F401
    import spec_tests.test_grad_reductions  # noqa: F401
    from spec_tests.catalogue import CATALOGUE
    names = differentiable["namespace"] | differentiable["tensor"]
    missing = sorted(f"{name} ({bid})" for name, bid in SINGULAR_POINTS.items()
                     if name in names and bid not in CATALOGUE)
    assert not missing, f"differentiable names not tested at their singular points: {missing}"
