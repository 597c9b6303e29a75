"""Planted bugs (mutants) and the runner that proves the tests catch each one.

Every mutants/<room>.py holds `MUTANTS = [dict(id=, path=, old=, new=, tests=[...]), ...]`: in the
file `path`, the text `old` (which must occur exactly once) becomes `new`, and the named tests must
then fail (optional `env={...}` and `args=[...]` set environment variables and pytest options for
that run, e.g. the CUDA simulator and --device=cuda). `python -m mutants` applies each mutant to a temporary copy of the tree (never to the
working tree), runs its tests there, and exits non-zero if any mutant survives, if an `old` text no
longer matches, or if the test that caught a mutant also fails on the unmutated copy (mutants/runner.py).
"""
import importlib.util
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Mutant:
    id: str
    path: str
    old: str
    new: str
    tests: tuple
    room: str = field(default="")
    env: tuple = ()     # (name, value) pairs set for its test run, e.g. NUMBA_ENABLE_CUDASIM
    args: tuple = ()    # extra pytest options for its test run, e.g. --device=cuda


def rooms(directory=HERE):
    """The mutant files: every mutants/*.py except this package's own modules."""
    return sorted(p for p in directory.glob("*.py") if not p.name.startswith("_") and p.stem != "runner")


def load_room(path):
    spec = importlib.util.spec_from_file_location(f"mutants_room_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = []
    for entry in getattr(module, "MUTANTS", []):
        out.append(Mutant(id=entry["id"], path=entry["path"], old=entry["old"], new=entry["new"],
                          tests=tuple(entry["tests"]), room=path.stem,
                          env=tuple(sorted(entry.get("env", {}).items())), args=tuple(entry.get("args", ()))))
    return out


def discover(directory=HERE):
    mutants = []
    for path in rooms(directory):
        mutants.extend(load_room(path))
    return mutants


def problems(mutants, root=ROOT):
    """Mutants that cannot be applied as written: duplicate ids, missing files, `old` not found
    exactly once, `new` equal to `old`, no tests, or tests that do not exist."""
    out = []
    seen = set()
    for m in mutants:
        if m.id in seen:
            out.append(f"{m.id}: duplicate id")
        seen.add(m.id)
        target = root / m.path
        if not target.is_file():
            out.append(f"{m.id}: no file {m.path}")
            continue
        count = target.read_text(encoding="utf-8").count(m.old)
        if count != 1:
            out.append(f"{m.id}: the old text occurs {count} times in {m.path} (must be exactly once)")
        if m.old == m.new:
            out.append(f"{m.id}: new text equals old text")
        if not m.tests:
            out.append(f"{m.id}: names no tests")
        for t in m.tests:
            if not (root / t.split("::")[0]).exists():
                out.append(f"{m.id}: no test file {t}")
    return out
