"""The pytest plugin, loaded into an inner pytest run (in-process, so the tensor library is not
imported again) exactly as `-p gradcheck.pytest_plugin` would load it in a user's suite."""
import sys

import pytest

USER_TESTS = """
import pytest
from gradcheck.tests.cli_targets import bad_exp, bad_second_order


def test_correct_op(gradcheck_op):
    ns = gradcheck_op.ns
    assert ns.__name__ == "{impl}"
    assert gradcheck_op(lambda a, b: a * b + ns.sin(a), (2, 3), (2, 3))
    assert gradcheck_op.check(ns.sin, gradcheck_op.tensor([0.1, 0.2]))
    assert gradcheck_op.check_second_order(ns.sin, gradcheck_op.tensor([0.1, 0.2]))


def test_buggy_op(gradcheck_op):
    gradcheck_op(bad_exp, (3,))


@pytest.mark.gradcheck(second_order=True, max_examples=2)
def test_marker_turns_on_second_order(gradcheck_op):
    gradcheck_op(bad_second_order, (3,))


@pytest.mark.gradcheck(rtol=0.02)
def test_marker_passes_gradcheck_options(gradcheck_op):
    assert gradcheck_op(bad_exp, (3,))
    assert gradcheck_op.check(bad_exp, gradcheck_op.tensor([0.5]))
"""


class Recorder:
    def __init__(self):
        self.outcomes = {}
        self.reports = {}

    def pytest_runtest_logreport(self, report):
        if report.when == "call":
            name = report.nodeid.split("::")[-1]
            self.outcomes[name] = report.outcome
            self.reports[name] = report.longreprtext


def test_fixture_and_marker(ns, tmp_path, monkeypatch):
    module = f"test_user_{ns.__name__}"  # unique: the inner run imports it into this process
    (tmp_path / f"{module}.py").write_text(USER_TESTS.format(impl=ns.__name__))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    monkeypatch.setattr(sys, "path", list(sys.path))  # the inner run prepends tmp_path
    recorder = Recorder()
    try:
        code = pytest.main(["-p", "gradcheck.pytest_plugin", "--strict-markers", "-p",
                            "no:cacheprovider", f"--gradcheck-impl={ns.__name__}",
                            "--gradcheck-examples=3", "-q", f"{module}.py"], plugins=[recorder])
    finally:
        sys.modules.pop(module, None)
    assert code == pytest.ExitCode.TESTS_FAILED
    assert recorder.outcomes == {
        "test_correct_op": "passed", "test_buggy_op": "failed",
        "test_marker_turns_on_second_order": "failed",
        "test_marker_passes_gradcheck_options": "passed"}
    buggy = recorder.reports["test_buggy_op"]
    assert "smallest failing input found by hypothesis" in buggy and "Jacobian mismatch" in buggy
    assert "_check_op.py" not in buggy  # the report replaces a traceback into gradcheck
    assert "gradgradcheck failed" in recorder.reports["test_marker_turns_on_second_order"]
