"""The pytest plugin end to end, in a subprocess: a namespace lacking every name fails each test on
its own (collection survives), expected failures become xfails, stale lines warn, JSON is written."""
import json
import subprocess
import sys
from pathlib import Path

SPEC = Path(__file__).resolve().parent.parent


def test_plugin_end_to_end(tmp_path):
    xf = tmp_path / "xfails.txt"
    xf.write_text("test_errors.py::test_error[negate-bool]  # planted for the test\n"
                  "test_nothing.py::test_gone  # stale line\n", encoding="utf-8")
    out = tmp_path / "run.json"
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", str(SPEC / "test_errors.py"), "--impl=spec_tests.meta.empty_ns",
         f"--xfails-file={xf}", f"--report-json={out}", "--no-differential", "-p", "no:cacheprovider",
         "-q", "--tb=short"],
        capture_output=True, text=True, cwd=SPEC.parent, timeout=300)
    data = json.loads(out.read_text(encoding="utf-8"))
    outcomes = {t["nodeid"].split("::")[-1]: t for t in data["tests"]}
    assert data["impl"] == "spec_tests.meta.empty_ns"
    assert len(outcomes) > 20, proc.stdout[-2000:]
    assert outcomes.pop("test_error[negate-bool]")["outcome"] == "xfailed"
    for name, t in outcomes.items():
        assert t["outcome"] == "missing", name  # a missing name is its own result, with the name
        assert t["blocked_by"] and t["blocked_by"][0].startswith(("torch.", "Tensor.")), t
        assert t["behaviour"].startswith("errors.") and t["source"]
        assert "namespace 'spec_tests.meta.empty_ns' lacks torch." in t["message"] \
            or "lacks Tensor." in t["message"], t["message"]
    assert "test_nothing.py::test_gone" in proc.stdout and "matches no collected test" in proc.stdout
