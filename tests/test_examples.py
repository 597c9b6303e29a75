"""Every program in examples/ runs to completion with --smoke on both backends, as its own process.

Each example prints its final metric on its last stdout line; the pattern below pins that line's format and
a smoke-size sanity bound on the number (well above chance, far below the full-mode targets, which the
examples' docstrings state and which are checked by running them without --smoke)."""
import os
import re
import subprocess
import sys

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NUMBER = r"(\d+(?:\.\d+)?(?:e[+-]\d+)?)"


def at_least(bound):
    return lambda m: float(m.group(1)) >= bound


def at_most(bound):
    return lambda m: float(m.group(1)) <= bound


# example -> (regex of the last line, check of the match)
LAST_LINES = {
    "mlp_digits": (rf"accuracy: {NUMBER}%", at_least(50.0)),
    "cnn_digits": (rf"accuracy: {NUMBER}%", at_least(20.0)),
    "custom_op": (r"gradcheck: correct op passed, broken op rejected", lambda m: True),
    "schedulers_plot": (rf"max lr difference: {NUMBER} \(curves coincide\)", at_most(1e-12)),
    "save_resume": (rf"max \|resumed - uninterrupted\|: {NUMBER}", at_most(0.0)),
    "weighted_sampling": (rf"balanced class counts: \[\d+, \d+, \d+\] \(max/min {NUMBER}\)", at_most(1.6)),
    "mixed_precision": (rf"accuracy: {NUMBER}% \(skipped steps: ([1-9]\d*), final scale: (\d+)\)",
                        lambda m: float(m.group(3)) < 2 ** 24),
    "sequence_lstm": (rf"test loss: {NUMBER} \(threshold 1\.0\)", at_most(1.0)),
    # ten steps cannot teach reversal: the smoke run proves training, masks and greedy decoding run end to end
    "transformer_copy": (rf"sequence accuracy: {NUMBER}% \(threshold 0%\)", at_least(0.0)),
}


# these compare with, or load into, real PyTorch whatever the backend; the others must run without it
USE_TORCH_TOO = {"schedulers_plot", "save_resume"}


def test_every_example_is_tested():
    programs = {name[:-3] for name in os.listdir(os.path.join(REPO, "examples"))
                if name.endswith(".py") and not name.startswith("_")}
    assert programs == set(LAST_LINES)


@pytest.mark.parametrize("backend", ["reference", "torch"])
@pytest.mark.parametrize("example", sorted(LAST_LINES))
def test_example_smoke(example, backend, tmp_path):
    path = [REPO, os.environ.get("PYTHONPATH")]
    if backend == "reference" and example not in USE_TORCH_TOO:
        # a `torch` that cannot be imported shadows the real one: the reference backend must not need it
        blocker = tmp_path / "no_torch" / "torch"
        blocker.mkdir(parents=True)
        (blocker / "__init__.py").write_text("raise ImportError('the reference backend imported torch')\n")
        path.insert(0, str(blocker.parent))
    # one thread per library: pytest-xdist already runs two examples at once, and OpenMP workers waiting
    # on a busy core spin (torch's LSTM ran 10x slower with two threads each on two shared cores)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, path)), MPLBACKEND="Agg",
               OMP_NUM_THREADS="1", NUMBA_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
    command = [sys.executable, "-m", f"examples.{example}", "--backend", backend, "--smoke"]
    if example == "schedulers_plot":
        command += ["--out", str(tmp_path / "schedulers.png")]
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr[-3000:]}"
    lines = done.stdout.strip().splitlines()
    assert lines, f"{example} printed nothing"
    pattern, check = LAST_LINES[example]
    match = re.fullmatch(pattern, lines[-1])
    assert match, f"last line of {example} is {lines[-1]!r}, expected /{pattern}/"
    assert check(match), f"{example} --smoke on {backend}: implausible metric in {lines[-1]!r}"
    if example == "schedulers_plot":
        assert (tmp_path / "schedulers.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
