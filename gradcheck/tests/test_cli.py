"""python -m gradcheck MODULE:CALLABLE --shapes ...: exit codes and output."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gradcheck._cli import main, parse_shape

REPO = Path(__file__).resolve().parents[2]
TARGETS = "gradcheck.tests.cli_targets"


def run_main(capsys, *argv):
    code = main(list(argv))
    return code, capsys.readouterr()


def test_parse_shape():
    assert parse_shape("3,4") == (3, 4)
    assert parse_shape("5") == (5,)
    assert parse_shape("()") == () == parse_shape("scalar")


def test_pass_exits_0(ns, capsys):
    code, out = run_main(capsys, f"{TARGETS}:square_plus", "--shapes", "2,3", "3", "--impl",
                         ns.__name__, "--examples", "3")
    assert code == 0
    assert f"gradcheck passed: {TARGETS}:square_plus on up to 3 generated inputs of shapes 2,3 3 " \
           f"({ns.__name__})" in out.out


def test_failure_exits_1_with_the_report(ns, capsys):
    code, out = run_main(capsys, f"{TARGETS}:bad_exp", "--shapes", "3", "--impl", ns.__name__,
                         "--examples", "3")
    assert code == 1
    assert "smallest failing input found by hypothesis" in out.out
    assert "Jacobian mismatch" in out.out and "constant scale error" in out.out


def test_second_order_flag(ns, capsys):
    args = [f"{TARGETS}:bad_second_order", "--shapes", "3", "--impl", ns.__name__, "--examples", "2"]
    assert run_main(capsys, *args)[0] == 0
    code, out = run_main(capsys, *args, "--second-order")
    assert code == 1 and "gradgradcheck failed" in out.out


def test_domain_options(ns, capsys):
    code, _ = run_main(capsys, "gradcheck.tests.cli_targets:square_plus", "--shapes", "2", "2",
                       "--impl", ns.__name__, "--examples", "2", "--low", "1", "--high", "2",
                       "--avoid", "1.5", "--margin", "0.1", "--fast", "--rtol", "1e-2")
    assert code == 0


def test_usage_errors_exit_2(capsys):
    assert run_main(capsys, "no_such_module_xyz:f", "--shapes", "3")[0] == 2
    code, out = run_main(capsys, f"{TARGETS}:NOT_CALLABLE", "--shapes", "3")
    assert code == 2 and "is not callable" in out.err
    assert run_main(capsys, "missing_colon", "--shapes", "3")[0] == 2
    with pytest.raises(SystemExit) as info:
        main([f"{TARGETS}:bad_exp", "--shapes", "3,x"])
    assert info.value.code == 2


def test_python_dash_m(ns):
    """One real `python -m gradcheck` per namespace (a fresh interpreter imports the library,
    which dominates the cost); the exit-0 path is covered in-process above."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.run([sys.executable, "-m", "gradcheck", f"{TARGETS}:bad_exp", "--shapes", "3",
                           "--impl", ns.__name__, "--examples", "2"],
                          capture_output=True, text=True, cwd=REPO, env=env, timeout=120)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Jacobian mismatch" in proc.stdout and "smallest failing input" in proc.stdout
