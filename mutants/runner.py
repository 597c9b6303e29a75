"""Applying mutants to a temporary copy of the tree and running their tests there, cheaply.

Each mutant runs only its own tests, with -x, at the `planted` hypothesis profile (5 examples, no shrinking);
one that survives that is run again at the `ci` profile before it counts as a survivor. Instead of a baseline
of every named test on the unmutated copy (the whole suite, tens of minutes on a loaded machine), the kills
are confirmed at the end: the tests that failed under the mutants must pass on the unmutated copy with the
same seed, in one run (and test sets that crashed under a mutant must collect there).

Test runs are forked from a server process that has already imported pytest, hypothesis, NumPy, numba and
torch, so a run pays only for importing the tree's own packages. Mutants that set environment variables numba
reads at import (the CUDA simulator) run in a fresh interpreter instead.

Copied trees keep their modification times and __pycache__: numba's cache entries are stamped with their
source file's mtime and size, so unmutated kernel files load compiled. The mutated file's directory cache is
saved before each run and put back after, with the file's original mtime, so the next run loads it compiled.
"""
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import ROOT

_IGNORE = shutil.ignore_patterns(".git", ".venv", ".tox", ".hypothesis", "*.egg-info", ".pytest_cache",
                                 "conformance-report.*", "build", "dist")
PROFILE = "planted"        # the first, cheap run of each mutant
CONFIRM_PROFILE = "ci"     # the second run of a mutant that survived the first
_PRELOAD = ("numpy", "scipy", "hypothesis", "pytest", "numba", "torch")


def copy_tree(dest):
    shutil.copytree(ROOT, dest, ignore=_IGNORE, symlinks=True)
    return Path(dest)


def pytest_args(tests, seed, extra=()):
    return [*tests, "-x", "-q", "-rfE", "--tb=line", "-p", "no:cacheprovider", "-p", "no:xdist",
            f"--hypothesis-seed={seed}", *extra]


def _has_profile(args):
    return any(a.startswith("--hypothesis-profile") for a in args)


class Result:
    """Outcome of one pytest run: its exit code (or 'timeout'), seconds, output tail and first failing test."""

    def __init__(self, code, seconds, text):
        self.code, self.seconds = code, seconds
        lines = text.strip().splitlines()
        self.tail = "\n".join(lines[-6:])
        self.all_failed = [ln.split(" ", 1)[1].split(" - ", 1)[0].strip() for ln in lines
                           if ln.startswith(("FAILED ", "ERROR "))]
        self.failed = self.all_failed[0] if self.all_failed else None


def _preload():
    for name in _PRELOAD:
        try:
            __import__(name)
        except ImportError:
            pass


def run_forked(tree, args, env_extra, timeout):
    """pytest.main(args) in a child forked from this (preloaded) process, inside `tree`."""
    out = tempfile.NamedTemporaryFile(prefix="mutant-run-", suffix=".log", delete=False)
    out.close()
    start = time.time()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        code = 3
        try:
            os.setpgid(0, 0)
            fd = os.open(out.name, os.O_WRONLY)
            os.dup2(fd, 1)
            os.dup2(fd, 2)
            os.chdir(tree)
            sys.path[:] = [str(tree)] + [p for p in sys.path if p not in ("", str(ROOT), os.getcwd())]
            sys.dont_write_bytecode = True
            os.environ.update(dict(env_extra))
            os.environ.pop("SPEC_PLANTED", None)
            import pytest
            code = int(pytest.main(list(args)))
        except BaseException:  # noqa: BLE001 - the child reports through its exit code only
            import traceback
            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    deadline = start + timeout
    code = "timeout"
    while time.time() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            code = os.waitstatus_to_exitcode(status)
            break
        time.sleep(0.2)
    else:
        try:
            os.killpg(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
    # worker processes a test left behind (DataLoader workers) go with the child's group
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    text = Path(out.name).read_text(errors="replace")
    os.unlink(out.name)
    return Result(code, time.time() - start, text)


def run_subprocess(tree, args, env_extra, timeout):
    env = dict(os.environ, PYTHONPATH=str(tree), PYTHONDONTWRITEBYTECODE="1", **dict(env_extra))
    env.pop("SPEC_PLANTED", None)
    start = time.time()
    try:
        proc = subprocess.run([sys.executable, "-m", "pytest", *args], cwd=tree, env=env, capture_output=True,
                              text=True, timeout=timeout)
        code, text = proc.returncode, proc.stdout + proc.stderr
    except subprocess.TimeoutExpired as exc:
        code = "timeout"
        text = exc.stdout.decode(errors="replace") if isinstance(exc.stdout, bytes) else (exc.stdout or "")
    return Result(code, time.time() - start, text)


def verdict(code):
    """pytest's 1 (tests failed) kills a mutant; 0 means it survived. Anything else (a collection
    error, a crash, a timeout) also stops the mutant but is reported apart."""
    if code == 0:
        return "survived"
    if code == 1:
        return "killed"
    return f"killed ({'timeout' if code == 'timeout' else f'pytest exit {code}'})"


class Tree:
    """One temporary copy of the tree; mutants are applied one at a time and reverted after."""

    def __init__(self, dest, forked=True):
        self.tree = copy_tree(dest)
        self.forked = forked

    def run(self, tests, seed, timeout, args=(), env=()):
        return self._pytest(pytest_args(tests, seed, args), env, timeout, PROFILE)

    def _pytest(self, args, env, timeout, profile):
        # the profile goes by SPEC_PROFILE (spec_tests/conftest.py reads it), not --hypothesis-profile, which
        # fails a run of tests/ alone: only the spec's conftest registers the profiles
        runner = run_forked if self.forked and not env else run_subprocess
        return runner(self.tree, args, (*env, ("SPEC_PROFILE", profile)), timeout)

    def mutate(self, mutant, seed, timeout, extra=()):
        """(verdict, Result) of one mutant: the cheap run, and a confirming run at the ci profile if it survived."""
        args = (*extra, *mutant.args)
        with self.applied(mutant):
            res = self.run(list(mutant.tests), seed, timeout, args, mutant.env)
            if res.code == 0 and not _has_profile(args):
                res = self._pytest(pytest_args(list(mutant.tests), seed, args), mutant.env, timeout,
                                   CONFIRM_PROFILE)
        return verdict(res.code), res

    def confirm(self, kills, seed, timeout, extra=()):
        """The kills whose evidence does not hold on the unmutated copy: the failing tests are run there together
        (one run per environment and option set), and the test sets of crashes are collected there."""
        groups = {}
        for m, res in kills:
            args = (*extra, *m.args)
            kind = "run" if res.code == 1 and res.failed else "collect"
            groups.setdefault((kind, m.env, args), []).append((m, res))
        unconfirmed = {}
        for (kind, env, args), items in groups.items():
            if kind == "run":
                nodes = sorted({res.failed for _, res in items})
                cmd = [a for a in pytest_args(nodes, seed, args) if a != "-x"]
            else:
                nodes = sorted({t for m, _ in items for t in m.tests})
                cmd = pytest_args(nodes, seed, (*args, "--collect-only"))
            base = self._pytest(cmd, env, timeout * 4, PROFILE)
            failing = set(base.all_failed)
            for m, res in items:
                if (kind == "run" and (res.failed in failing or base.code not in (0, 1))) or \
                        (kind == "collect" and base.code != 0):
                    unconfirmed[m.id] = base
        return unconfirmed

    def applied(self, mutant):
        """The mutant written into this tree for a `with` block."""
        return _Applied(self.tree / mutant.path, mutant.old, mutant.new)


class _Applied:
    """The file, its mtime and its own entries in __pycache__ (numba's cache, bytecode) restored after the block."""

    def __init__(self, target, old, new):
        self.target, self.old, self.new = target, old, new

    def _entries(self):
        cache = self.target.parent / "__pycache__"
        return sorted(cache.glob(f"{self.target.stem}.*")) if cache.is_dir() else []

    def __enter__(self):
        self.original = self.target.read_text(encoding="utf-8")
        self.stat = self.target.stat()
        self.saved = {p.name: p.read_bytes() for p in self._entries()}
        self.target.write_text(self.original.replace(self.old, self.new, 1), encoding="utf-8")
        return self

    def __exit__(self, *exc):
        self.target.write_text(self.original, encoding="utf-8")
        os.utime(self.target, ns=(self.stat.st_atime_ns, self.stat.st_mtime_ns))
        for p in self._entries():
            if p.name not in self.saved:
                p.unlink()
        for name, data in self.saved.items():
            (self.target.parent / "__pycache__" / name).write_bytes(data)
        return False


def run_all(mutants, seed, jobs=1, timeout=900, extra=(), report=print, forked=True):
    """Every mutant, `jobs` temporary trees side by side, then the confirmation of the kills on an unmutated
    copy. Returns (True, [(mutant, verdict, seconds, tail)]) in the mutants' order."""
    if forked:
        _preload()
    results = []
    with tempfile.TemporaryDirectory(prefix="mutants-") as tmp:
        trees = [Tree(Path(tmp) / f"tree{i}", forked=forked) for i in range(max(1, jobs))]
        queue = list(mutants)

        def work(tree):
            done = []
            while queue:
                try:
                    m = queue.pop(0)
                except IndexError:
                    break
                done.append(_one(tree, m, seed, timeout, extra, report))
            return done

        if len(trees) == 1:
            results = work(trees[0])
        else:
            from concurrent.futures import ThreadPoolExecutor  # noqa: PLC0415 - only for -j

            with ThreadPoolExecutor(max_workers=len(trees)) as pool:
                for done in pool.map(work, trees):
                    results.extend(done)
        kills = [(m, res) for m, v, res in results if v.startswith("killed") and res.code != "timeout"]
        report(f"confirming {len(kills)} kills on the unmutated copy")
        unconfirmed = trees[0].confirm(kills, seed, timeout, extra)
        for m, base in unconfirmed.items():
            report(f"  UNCONFIRMED {m}: what killed it fails on the unmutated copy too\n{base.tail}")
    order = {m.id: i for i, m in enumerate(mutants)}
    results.sort(key=lambda r: order[r[0].id])
    return True, [(m, "unconfirmed (fails unmutated too)" if m.id in unconfirmed else v, res.seconds, res.tail)
                  for m, v, res in results]


def _one(tree, m, seed, timeout, extra, report):
    v, res = tree.mutate(m, seed, timeout, extra)
    report(f"  {v:<9} {m.id}  ({res.seconds:.0f}s)" + (f"  [{res.failed}]" if res.failed and v == "killed" else "")
           + (f"\n{res.tail}" if not v.startswith("killed") else ""))
    return m, v, res
