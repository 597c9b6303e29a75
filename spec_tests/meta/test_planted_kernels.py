"""The suite catches a bug planted in each kernel variant a backend picks by size and layout.

Each variant runs the large-input and layout-driven tests (spec_tests/test_large.py) in a
subprocess against spec_tests/meta/planted_kernels.py, torch with one variant's results corrupted,
and requires failures; the control run, with nothing planted, must pass, so the failures are the
bug's and nothing else's.
"""
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("torch")

SPEC = Path(__file__).resolve().parent.parent
VARIANTS = ("parallel", "scalar", "strided", "leading-dims", "reduce", "reduce-copy", "matmul", "index", "join",
            "copy")


def _run(variant, *extra):
    env = dict(os.environ, SPEC_PLANTED=variant)
    cmd = [sys.executable, "-m", "pytest", str(SPEC / "test_large.py"), "--impl=spec_tests.meta.planted_kernels",
           "--hypothesis-profile=planted", "-p", "no:cacheprovider", "-p", "no:xdist", "-q", "--tb=line", *extra]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=SPEC.parent, env=env, timeout=900)


@pytest.mark.parametrize("variant", VARIANTS)
def test_planted_kernel_bug_is_caught(variant):
    proc = _run(variant, "-x")
    assert proc.returncode == 1 and " failed" in proc.stdout, \
        f"a bug planted in the {variant!r} kernel variant survived the suite:\n{proc.stdout[-3000:]}"


def test_control_without_a_planted_bug_passes():
    proc = _run("")
    assert proc.returncode == 0, proc.stdout[-3000:]
