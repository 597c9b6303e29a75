"""Merging per-implementation results into the conformance report."""
import json
from types import SimpleNamespace

from spec_tests import report
from spec_tests.__main__ import exit_code


def _run(impl, outcomes):
    return {"impl": impl, "duration_s": 1.0, "exitstatus": 0, "tests": [
        {"nodeid": f"spec_tests/test_x.py::test_{i}", "behaviour": b, "source": "seed:002 \"广播机制\"",
         "outcome": o, "message": None if o == "passed" else "E boom"} for i, (b, o) in enumerate(outcomes)]}


RUNS = {
    "reference": _run("reference", [("views.a", "passed"), ("views.a", "failed"), ("views.b", "xfailed")]),
    "torch": _run("torch", [("views.a", "passed"), ("views.a", "passed"), ("views.b", "passed")]),
}


def test_summary_counts_per_behaviour_and_impl():
    s = report.summarise(RUNS)
    rows = {r["behaviour"]: r["results"] for r in s["behaviours"]}
    assert rows["views.a"]["reference"]["passed"] == 1 and rows["views.a"]["reference"]["total"] == 2
    # an expected failure is its own outcome, never a pass
    assert rows["views.b"]["reference"]["passed"] == 0 and rows["views.b"]["reference"]["xfailed"] == 1
    doc = s["totals"]["reference"]["documented"]
    assert (doc["total"], doc["passed"], doc["failed"], doc["xfailed"], doc["missing"]) == (3, 1, 1, 1, 0)
    assert (doc["behaviours"], doc["behaviours_passing"]) == (2, 1)
    assert s["totals"]["torch"]["documented"]["failed"] == 0


def test_markdown_table():
    md = report.markdown(report.summarise(RUNS))
    assert "| behaviour | tier | source | reference | torch |" in md
    assert "| `views.a` | documented | seed:002 \"广播机制\" “广播机制” | **FAIL** 1/2 | pass 2/2 |" in md
    assert "xfail 0/1 (1 xfailed)" in md  # the expected failure's own cell
    assert "spec_tests/test_x.py::test_1" in md  # failures are listed with their node ids
    json.dumps(report.summarise(RUNS))  # the JSON half is serialisable


def test_exit_code_follows_reference():
    s = report.summarise(RUNS)
    assert exit_code(s, RUNS) == 1
    good = dict(RUNS, reference=RUNS["torch"])
    assert exit_code(report.summarise(good), good) == 0


def test_outcomes_of_reports():
    def rep(**kw):
        base = dict(when="call", outcome="passed", failed=False, skipped=False)
        return SimpleNamespace(**{**base, **kw})
    assert report._outcome(rep()) == "passed"
    assert report._outcome(rep(outcome="failed", failed=True)) == "failed"
    assert report._outcome(rep(when="setup", outcome="failed", failed=True)) == "error"
    assert report._outcome(rep(outcome="skipped", skipped=True, wasxfail="r")) == "xfailed"
