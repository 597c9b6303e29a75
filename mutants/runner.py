"""Applying mutants to temporary copies of the tree and running their tests there."""
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from . import ROOT

# Copied trees leave out what is rebuilt or irrelevant. __pycache__ comes along (copies keep their
# modification times): numba's cache entries are stamped with their source file's mtime and size, so
# unmutated kernel files load compiled, and only a mutated file (new stamp) recompiles.
_IGNORE = shutil.ignore_patterns(".git", ".venv", ".tox", ".hypothesis", "*.egg-info", ".pytest_cache",
                                 "conformance-report.*", "build", "dist")


def copy_tree(dest):
    shutil.copytree(ROOT, dest, ignore=_IGNORE, symlinks=True)
    return Path(dest)


def pytest_command(tests, seed, extra=()):
    return [sys.executable, "-m", "pytest", *tests, "-x", "-q", "--tb=line", "-p", "no:cacheprovider",
            "-p", "no:xdist", f"--hypothesis-seed={seed}", *extra]


def run_tests(tree, tests, seed, timeout, extra=(), env_extra=()):
    """(return code, seconds, last lines of output) of the tests run inside `tree`."""
    env = dict(os.environ, PYTHONPATH=str(tree), PYTHONDONTWRITEBYTECODE="1", **dict(env_extra))
    env.pop("SPEC_PLANTED", None)
    start = time.time()
    try:
        proc = subprocess.run(pytest_command(tests, seed, extra), cwd=tree, env=env, capture_output=True, text=True,
                              timeout=timeout)
        code, text = proc.returncode, proc.stdout + proc.stderr
    except subprocess.TimeoutExpired as exc:
        code, text = "timeout", (exc.stdout or b"").decode(errors="replace") if isinstance(exc.stdout, bytes) else ""
    return code, time.time() - start, "\n".join(text.strip().splitlines()[-6:])


def verdict(code):
    """pytest's 1 (tests failed) kills a mutant; 0 means it survived. Anything else (a collection
    error, a crash, a timeout) also stops the mutant but is reported apart."""
    if code == 0:
        return "survived"
    if code == 1:
        return "killed"
    return f"killed ({'timeout' if code == 'timeout' else f'pytest exit {code}'})"


class Worker:
    """One temporary tree; mutants are applied to it one at a time and reverted after."""

    def __init__(self, dest):
        self.tree = copy_tree(dest)

    def run(self, mutant, seed, timeout, extra=()):
        target = self.tree / mutant.path
        original = target.read_text(encoding="utf-8")
        target.write_text(original.replace(mutant.old, mutant.new, 1), encoding="utf-8")
        try:
            return run_tests(self.tree, list(mutant.tests), seed, timeout, tuple(extra) + mutant.args, mutant.env)
        finally:
            target.write_text(original, encoding="utf-8")


def run_all(mutants, seed, jobs=1, timeout=900, extra=(), report=print):
    """Baseline then mutants. Returns (baseline ok, [(mutant, verdict, seconds, tail)])."""
    results = []
    with tempfile.TemporaryDirectory(prefix="mutants-") as tmp:
        workers = [Worker(Path(tmp) / f"tree{i}") for i in range(jobs)]
        runs = {}  # one baseline per environment and option set the mutants ask for
        for m in mutants:
            runs.setdefault((m.env, m.args), set()).update(m.tests)
        for (env, args), tests in runs.items():
            report(f"baseline: {len(tests)} test paths on the unmutated copy" +
                   (f" ({' '.join(f'{k}={v}' for k, v in env)} {' '.join(args)})" if env or args else ""))
            code, secs, tail = run_tests(workers[0].tree, sorted(tests), seed, timeout * 4, tuple(extra) + args, env)
            if code != 0:
                report(f"baseline FAILED (pytest exit {code}, {secs:.0f}s): the tests must pass before mutants "
                       f"mean anything\n{tail}")
                return False, results
            report(f"baseline passed ({secs:.0f}s)")
        queue = list(mutants)

        def work(worker):
            done = []
            while queue:
                try:
                    m = queue.pop(0)
                except IndexError:
                    break
                code, secs, tail = worker.run(m, seed, timeout, extra)
                v = verdict(code)
                report(f"  {v:<9} {m.id}  ({secs:.0f}s)" + (f"\n{tail}" if v == "survived" else ""))
                done.append((m, v, secs, tail))
            return done

        with ThreadPoolExecutor(max_workers=jobs) as pool:
            for done in pool.map(work, workers):
                results.extend(done)
    order = {m.id: i for i, m in enumerate(mutants)}
    results.sort(key=lambda r: order[r[0].id])
    return True, results

