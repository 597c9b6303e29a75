"""The suite as an outside implementation meets it: fake namespaces whose dtypes print differently,
that lack a dtype, a function or a method, that give a sub-namespace as a class; expected-failures
entries of each kind; tiers; the report and its diff; the toy NumPy namespace end to end."""
import json
import subprocess
import sys
import types
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis.errors import FailedHealthCheck, Unsatisfiable

from spec_tests import harness, messages, missing, oracle, report, report_html
from spec_tests import strategies as S
from spec_tests._namespace import MissingAPI, Namespace
from spec_tests.catalogue import DOCUMENTED, INTERNAL, tier
from spec_tests.conftest import _caused_by_missing
from spec_tests.harness import SpecFailure, check, check_raises
from spec_tests.meta import fake_torch, toy_numpy

SPEC = Path(__file__).resolve().parent.parent
TOY = Namespace(toy_numpy, "toy")


def _module(name, **attrs):
    m = types.ModuleType(name)
    m.__dict__.update(attrs)
    return m


# ---------------------------------------------------------------------------------------------
# dtypes by identity

def test_dtypes_printing_differently_are_resolved_by_identity():
    x = np.array([0.5, -1.25], np.float32)
    out = check(TOY, "torch.exp(a)", x, expected=oracle.exp)
    assert repr(out.dtype) == "toy.float32"


def test_a_dtype_printing_as_another_is_still_itself():
    # a namespace whose float32 object prints "float64": identity decides, not the text
    class Liar:
        def __repr__(self):
            return "torch.float64"
    lying = {name: getattr(toy_numpy, name) for name in ("bool", "uint8", "int8", "int32", "int64", "float16",
                                                          "float64")}
    f32 = Liar()
    ns = _module("liar", float32=f32, **lying)
    oracle.register_dtypes({"float32": f32})
    assert oracle.dtype_name(f32) == "float32"
    assert oracle.dtype_name(ns.float64) == "float64"


# ---------------------------------------------------------------------------------------------
# missing API: reported once, draws rejected

def test_missing_dtype_rejects_its_draws_and_is_recorded():
    missing.reset()
    ran = []

    @settings(max_examples=15, database=None, deadline=None)
    @given(x=S.arrays(S.dtypes(("int16", "int32")), S.shapes(1, 2), lo=-5, hi=5))
    def prop(x):
        check(TOY, "torch.abs(a)", x, expected=oracle.abs)
        ran.append(x.dtype.name)
    prop()  # passes: every int16 draw was rejected, every int32 draw checked
    assert set(ran) == {"int32"}
    assert "torch.int16" in missing.CURRENT


def test_a_test_whose_every_draw_needs_a_missing_name_is_a_missing_result():
    missing.reset()

    @settings(max_examples=5, database=None, deadline=None)
    @given(x=S.arrays("float32", S.shapes(1, 2)))
    def prop(x):
        check(TOY, "torch.sigmoid(a)", x, expected=oracle.sigmoid)
    with pytest.raises((Unsatisfiable, FailedHealthCheck)) as info:
        prop()
    assert _caused_by_missing(info.value) and missing.CURRENT == {"torch.sigmoid"}


def test_missing_name_outside_hypothesis_carries_repro_and_failing_expression():
    missing.reset()
    with pytest.raises(MissingAPI) as info:
        check(TOY, "b = a + 1\ntorch.sigmoid(b)", np.array([1.0], np.float32), expected=oracle.sigmoid)
    notes = "\n".join(info.value.__notes__)
    assert info.value.missing == "torch.sigmoid"
    assert "failing expression: torch.sigmoid(b)" in notes
    assert "Reproduce with:" in notes and "import spec_tests.meta.toy_numpy as torch" in notes


def test_missing_tensor_method_is_named_with_repro():
    with pytest.raises(MissingAPI) as info:
        check(TOY, "a.sigmoid()", np.array([1.0], np.float32), expected=oracle.sigmoid)
    assert info.value.missing == "Tensor.sigmoid" and "Reproduce with:" in "\n".join(info.value.__notes__)


def test_attribute_error_on_another_return_type_is_not_a_missing_method():
    ns = Namespace(_module("odd", weird=lambda t: [1, 2], **{n: getattr(toy_numpy, n) for n in
                                                             ("tensor", "float32", "Tensor")}), "odd")
    with pytest.raises(AttributeError) as info:
        check(ns, "torch.weird(a).exp()", np.array([1.0], np.float32), expected=oracle.exp)
    assert not isinstance(info.value, MissingAPI)
    assert "failing expression: torch.weird(a).exp()" in "\n".join(info.value.__notes__)


def test_class_sub_namespace_reports_missing_names():
    class functional:  # noqa: N801 - a sub-namespace given as a class
        relu = staticmethod(lambda x: x)

    class nn:  # noqa: N801
        pass
    nn.functional = functional
    ns = Namespace(_module("classy", nn=nn, **{n: getattr(toy_numpy, n) for n in ("tensor", "float32", "Tensor")}),
                   "classy")
    assert ns.nn.functional.relu(3) == 3 and ns.nn is nn  # classes stay themselves
    with pytest.raises(MissingAPI, match=r"lacks torch\.nn\.functional\.gelu") as info:
        check(ns, "torch.nn.functional.gelu(a)", np.array([1.0], np.float32), expected=oracle.exp)
    assert info.value.missing == "torch.nn.functional.gelu"
    assert "failing expression: torch.nn.functional.gelu(a)" in "\n".join(info.value.__notes__)


def test_non_callable_sub_namespace_is_wrapped():
    ns = Namespace(_module("objs", linalg=types.SimpleNamespace(norm=abs), float32=toy_numpy.float32), "objs")
    assert ns.linalg.norm(-2) == 2
    assert ns.float32 is toy_numpy.float32  # dtypes are values, never wrapped
    with pytest.raises(MissingAPI, match=r"torch\.linalg\.det"):
        ns.linalg.det


# ---------------------------------------------------------------------------------------------
# tiers

def test_tiers():
    assert tier("nn.linear-node-name") == INTERNAL and tier("grad.node-names") == INTERNAL
    assert tier("nn.module-repr-nested") == INTERNAL
    assert tier("elementwise.exp") == DOCUMENTED and tier("printing.print-shows-values") == DOCUMENTED


def test_message_wording_is_internal_and_names_are_documented():
    names, wording = messages.split_message((3, "float32", "4x10", "torch.Size([2, 4])", "[1, 5, 4]",
                                             "Sizes of tensors must match"))
    assert names == (3, "float32", "4x10", "torch.Size([2, 4])", "[1, 5, 4]")
    assert wording == ("Sizes of tensors must match",)
    rows = messages.error_cases([("joining.cat-widths", "src", "torch.cat([a, b])", RuntimeError,
                                  (3, 4, "Sizes of tensors must match")),
                                 ("joining.cat-dim", "src", "torch.cat([a], 2)", IndexError, (2,))])
    got = {p.marks[0].args[0]: p.values for p in rows}
    assert got == {"joining.cat-widths": ("torch.cat([a, b])", RuntimeError, (3, 4)),
                   "joining.cat-widths-message-text": ("torch.cat([a, b])", RuntimeError,
                                                       ("Sizes of tensors must match",)),
                   "joining.cat-dim": ("torch.cat([a], 2)", IndexError, (2,))}
    assert tier("joining.cat-widths-message-text") == INTERNAL and tier("joining.cat-widths") == DOCUMENTED


def test_a_reworded_error_passes_the_documented_case_and_fails_the_wording(monkeypatch):
    monkeypatch.setattr(harness, "torch_or_none", lambda: None)
    reworded = Namespace(fake_torch.make(bug="cat-reworded"), "fake")
    a, b = np.ones((2, 3), np.float32), np.ones((2, 4), np.float32)
    (_, exc, names), (_, _, wording) = [p.values for p in messages.error_cases(
        [("joining.cat-widths", "src", "torch.cat([a, b])", RuntimeError, (3, 4, "Sizes of tensors must match"))])]
    check_raises(reworded, "torch.cat([a, b])", a, b, exc=exc, contains=names)
    with pytest.raises(SpecFailure, match="Sizes of tensors must match"):
        check_raises(reworded, "torch.cat([a, b])", a, b, exc=exc, contains=wording)
    with pytest.raises(SpecFailure, match="does not mention 3"):  # the names stay documented
        check_raises(Namespace(fake_torch.make(bug="cat-vague-error"), "fake"), "torch.cat([a, b])", a, b,
                     exc=exc, contains=names)


def test_documented_tier_leaves_out_message_wording():
    def collected(*extra):
        proc = subprocess.run([sys.executable, "-m", "pytest", str(SPEC / "test_nn_module.py"), "--collect-only", "-q",
                               "-p", "no:cacheprovider", f"--rootdir={SPEC.parent}", *extra],
                              capture_output=True, text=True, cwd=SPEC.parent, timeout=300, env=_env())
        return [line for line in proc.stdout.splitlines() if "::" in line]
    everything, documented = collected(), collected("--tier=documented")
    wording = [n for n in everything if "message-text" in n]
    assert "spec_tests/test_nn_module.py::test_errors[module-getattr-missing-message-text]" in wording
    assert "spec_tests/test_nn_module.py::test_errors[module-getattr-missing]" in documented
    assert not [n for n in documented if "message-text" in n]
    assert set(documented) | set(wording) <= set(everything)


def _run(impl, rows):
    return {"impl": impl, "duration_s": 1.0, "exitstatus": 1, "tests": [
        {"nodeid": f"spec_tests/test_{b.split('.')[0]}.py::test_{i}", "behaviour": b, "source": "s", "outcome": o,
         "tier": tier(b), "missing": m, "blocked_by": m if o == "missing" else [],
         "message": None if o == "passed" else "result differs from the spec [x]\nresult: dtype int16, expected "
                                                "int32\n\nReproduce with:\n    import x as torch\n    print(1)"}
        for i, (b, o, m) in enumerate(rows)], "xfails": {"entries": [
            {"entry": "test_gone.py", "line": 3, "strict": False, "reason": "r", "matched": 0,
             "stale": "matches no test"}]}}


ROWS = [("elementwise.exp", "passed", []), ("elementwise.add", "failed", []),
        ("elementwise.relu", "missing", ["torch.relu"]), ("elementwise.sign", "missing", ["torch.sign", "torch.int16"]),
        ("grad.node-names", "failed", []), ("views.view", "xfailed", []), ("views.t", "missing", ["torch.relu"])]


def test_report_headline_per_tier_rollup_missing_ranking_and_stale():
    s = report.summarise({"toy": _run("toy", ROWS)})
    doc, internal = s["totals"]["toy"]["documented"], s["totals"]["toy"]["internal"]
    assert (doc["total"], doc["passed"], doc["failed"], doc["missing"], doc["xfailed"]) == (6, 1, 1, 3, 1)
    assert (internal["total"], internal["failed"]) == (1, 1)
    ranked = [(m["name"], m["blocked"]) for m in s["missing"]["toy"]]
    assert ranked[0] == ("torch.relu", 2)
    areas = {a["area"]: a["results"]["toy"] for a in s["areas"]}
    assert areas["elementwise"]["total"] == 4 and areas["views"]["xfailed"] == 1
    md = report.markdown(s)
    assert md.index("## Areas") < md.index("## Missing API") < md.index("## Failures") < md.index("## Behaviours")
    assert "documented behaviour: 1/6 cases pass" in md and "internal behaviour: 0/1" in md
    assert "result differs from the spec [x] result: dtype int16, expected int32" in md  # first real error line
    assert "import x as torch" in md  # the repro
    assert "Stale expected failures" in md and "test_gone.py" in md
    html = report_html.render(s)
    assert html.count("<details>") == 2 and "addEventListener('click'" in html and "<table>" in html


def test_missing_names_are_counted_per_tier():
    rows = ROWS + [("grad.node-names", "missing", ["torch.relu"]), ("nn.module-repr", "missing", ["Tensor.grad_fn"]),
                   ("nn.module-repr-nested", "missing", ["Tensor.grad_fn"])]
    s = report.summarise({"toy": _run("toy", rows)})
    by_name = {m["name"]: m["tiers"] for m in s["missing"]["toy"]}
    assert by_name["torch.relu"] == {DOCUMENTED: {"blocked": 2, "met": 2}, INTERNAL: {"blocked": 1, "met": 1}}
    assert by_name["Tensor.grad_fn"] == {DOCUMENTED: {"blocked": 0, "met": 0}, INTERNAL: {"blocked": 2, "met": 2}}
    totals = s["totals"]["toy"]
    assert (totals[DOCUMENTED]["missing_names"], totals[INTERNAL]["missing_names"]) == (3, 2)
    md = report.markdown(s)
    assert "(4 names, by cases blocked; 3 block documented cases, 2 block internal cases)" in md
    assert "| name | cases blocked | documented blocked | internal blocked | cases that met it | e.g. |" in md
    assert "| `torch.relu` | 3 | 2 | 1 | 3 |" in md and "| `Tensor.grad_fn` | 2 | 0 | 2 | 2 |" in md
    assert "3 missing names block it" in md and "2 missing names block it" in md
    html = report_html.render(s)
    assert "3 block documented cases, 2 block internal cases" in html and "<th>internal blocked</th>" in html
    assert "missing torch.relu: blocks 3 (documented 2, internal 1)" in report.stable_view(s)
    assert json.loads(json.dumps(s))["missing"]["toy"][0]["tiers"][INTERNAL]["blocked"] == 1


def test_diff_lists_fixed_and_regressed(tmp_path):
    old = {"runs": {"toy": _run("toy", ROWS)}}
    new_rows = list(ROWS)
    new_rows[1] = ("elementwise.add", "passed", [])
    new_rows[0] = ("elementwise.exp", "failed", [])
    new = {"runs": {"toy": _run("toy", new_rows)}}
    d = report.diff(old, new)["toy"]
    assert d["fixed"] == ["spec_tests/test_elementwise.py::test_1"]
    assert d["regressed"] == ["spec_tests/test_elementwise.py::test_0"]
    (tmp_path / "old.json").write_text(json.dumps(old))
    (tmp_path / "new.json").write_text(json.dumps(new))
    proc = subprocess.run([sys.executable, "-m", "spec_tests", "diff", str(tmp_path / "old.json"),
                           str(tmp_path / "new.json")], capture_output=True, text=True, cwd=SPEC.parent)
    assert proc.returncode == 1 and "1 fixed, 1 regressed" in proc.stdout


GROUP = """\
  + Exception Group Traceback (most recent call last):
  |   File "t.py", line 3, in test_two
  | ExceptionGroup: Hypothesis found 2 distinct failures. (2 sub-exceptions)
  +-+---------------- 1 ----------------
    | Traceback (most recent call last):
    |   File "t.py", line 7, in test_two
    |     check(T, "a + b", a, b)
    | spec_tests.harness.SpecFailure: result differs from the spec [toy]
    | result: dtype int16, expected int32
    | Failing test case: test_two(
    |     x=7,
    | )
    +---------------- 2 ----------------
    | Traceback (most recent call last):
    |   File "t.py", line 6, in test_two
    |     raise ValueError("three is bad")
    | ValueError: three is bad
    | Explanation:
    |     These lines were always and only run by failing test cases:
    +------------------------------------
"""


def test_exception_group_keeps_each_error():
    assert report._group_members(GROUP) == ("[1] spec_tests.harness.SpecFailure: result differs from the spec [toy]\n"
                                            "result: dtype int16, expected int32\n\n[2] ValueError: three is bad")


# ---------------------------------------------------------------------------------------------
# expected failures of each kind, and the toy namespace end to end

XFAILS = """\
test_elementwise.py::test_unary_float[sigmoid]  # exact id: toy has no sigmoid
test_elementwise.py::test_unary_float_of_integers  # a prefix covering passing and failing cases
test_elementwise.py::test_unary_float[exp] strict  # strict, but it passes: an error
test_elementwise.py::test_unary_float[cos]  # passes: stale
test_gone.py::test_nothing  # matches nothing: stale
"""


def test_xfail_entries_of_each_kind(tmp_path):
    (tmp_path / "spec-xfails.txt").write_text(XFAILS, encoding="utf-8")  # the working directory's default
    out = tmp_path / "run.json"
    subprocess.run([sys.executable, "-m", "pytest", str(SPEC / "test_elementwise.py"), "-k", "unary_float",
                    "--impl=spec_tests.meta.toy_numpy", "--hypothesis-profile=smoke", "--no-differential",
                    f"--report-json={out}", "-p", "no:cacheprovider", "-q", f"--rootdir={SPEC.parent}"],
                   capture_output=True, text=True, cwd=tmp_path, timeout=600, env=_env())
    data = json.loads(out.read_text(encoding="utf-8"))
    got = {t["nodeid"].split("::")[1]: t["outcome"] for t in data["tests"]}
    assert got["test_unary_float[sigmoid]"] == "xfailed"
    assert got["test_unary_float_of_integers[exp]"] == "passed"  # non-strict prefix: a pass stays a pass
    assert got["test_unary_float_of_integers[rsqrt]"] == "xfailed"
    assert got["test_unary_float[exp]"] == "failed"  # strict entry that passed
    assert got["test_unary_float[log1p]"] == "missing"  # not listed: a missing-API result
    stale = {e["entry"]: e["stale"] for e in data["xfails"]["entries"] if e["stale"]}
    assert stale == {"test_elementwise.py::test_unary_float[cos]": "all 1 matched tests pass",
                     "test_gone.py::test_nothing": "matches no test"}
    assert data["xfails"]["path"].endswith("spec-xfails.txt")


def _env():
    import os
    return dict(os.environ, PYTHONPATH=str(SPEC.parent))


EXPECTED = Path(__file__).resolve().parent / "toy_expected_report.txt"


def test_toy_namespace_end_to_end(tmp_path):
    """docs/plugging-in.md's example: the toy's report, less what depends on draws and timing, is the
    checked-in one (regenerate with SPEC_REGENERATE=1 after an intended change)."""
    import os
    proc = subprocess.run([sys.executable, "-m", "spec_tests", "--impl", "spec_tests.meta.toy_numpy", "--profile",
                           "smoke", "--areas", "elementwise", "--out", str(tmp_path), "--", "--no-differential",
                           "-k", "unary or tensor_op_tensor"],
                          capture_output=True, text=True, cwd=tmp_path, timeout=900, env=_env())
    data = json.loads((tmp_path / "conformance-report.json").read_text(encoding="utf-8"))
    view = report.stable_view(data["summary"])
    assert (tmp_path / "conformance-report.html").exists() and (tmp_path / "conformance-report.md").exists()
    if os.environ.get("SPEC_REGENERATE"):
        EXPECTED.write_text(view, encoding="utf-8")
    assert view == EXPECTED.read_text(encoding="utf-8"), proc.stdout[-3000:]


def test_the_docs_show_the_whole_toy_adapter():
    doc = (SPEC.parent / "docs" / "plugging-in.md").read_text(encoding="utf-8")
    code = (SPEC / "meta" / "toy_numpy.py").read_text(encoding="utf-8")
    assert "```python\n" + code + "```" in doc
    assert "docs/plugging-in.md" in (SPEC.parent / "README.md").read_text(encoding="utf-8")
