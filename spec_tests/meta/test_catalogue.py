"""Every conformance test names its behaviour and a source that exists."""
import importlib
import os
import re
from pathlib import Path

import pytest

from spec_tests import catalogue
from spec_tests.conftest import CONFORMANCE_COUNT, UNCATALOGUED

HERE = Path(__file__).resolve().parent.parent
MODULES = sorted(p.stem for p in HERE.glob("test_*.py"))
# The area prefix of the behaviour ids in each tensor-behaviour module; modules not listed here
# (e.g. the gradient ones) only need well-formed ids.
AREAS = {"test_broadcasting": "broadcast", "test_contiguity": "contiguity", "test_conversions": "conversions",
         "test_creation": "creation", "test_elementwise": "elementwise", "test_errors": "errors",
         "test_float16": "float16", "test_indexing": "indexing", "test_inplace": "inplace",
         "test_joining": "joining", "test_linalg": "linalg", "test_numpy_interop": "numpy",
         "test_printing": "printing", "test_promotion": "promotion", "test_reductions": "reductions",
         "test_views": "views"}
def _seeds_dir():
    """The seed tutorials: $SPEC_SEEDS_DIR, else the first shared/seeds found walking up from the
    repository (../shared/seeds in CI, /work/shared/seeds next to a worktree's parent), else the
    project machines' /work/shared/seeds."""
    if os.environ.get("SPEC_SEEDS_DIR"):
        return Path(os.environ["SPEC_SEEDS_DIR"])
    for folder in HERE.parents:
        if (folder / "shared" / "seeds").is_dir():
            return folder / "shared" / "seeds"
    return Path("/work/shared/seeds")


SEEDS = _seeds_dir()
ID = re.compile(r"^[a-z0-9][a-z0-9-]*\.[a-z0-9][a-z0-9-]*$")
SEED = re.compile(r'^seed:(\d{3}) "(.+)"$')


def _spec_marks(obj):
    return [m for m in getattr(obj, "pytestmark", []) if m.name == "spec"]


def _behaviours(fn):
    """Behaviour ids of a test function, or None when some case has none."""
    own = _spec_marks(fn)
    if own:
        return [m.args[0] for m in own]
    ids = []
    for mark in getattr(fn, "pytestmark", []):
        if mark.name != "parametrize":
            continue
        for param in mark.args[1]:
            marks = [m for m in getattr(param, "marks", ()) if m.name == "spec"]
            if not marks:
                return None
            ids.append(marks[0].args[0])
    return ids or None


def _tests():
    for name in MODULES:
        module = importlib.import_module(f"spec_tests.{name}")
        for attr, fn in vars(module).items():
            if attr.startswith("test") and callable(fn):
                yield name, attr, fn


@pytest.mark.parametrize("module", MODULES)
def test_every_test_function_is_catalogued(module):
    for name, attr, fn in _tests():
        if name != module:
            continue
        ids = _behaviours(fn)
        assert ids, f"{name}.{attr} has no @spec(...) (or a parametrize case lacks one)"
        area = AREAS.get(name)
        for behaviour in ids:
            assert ID.match(behaviour), behaviour
            assert area is None or behaviour.split(".")[0] == area, \
                f"{name}.{attr}: {behaviour} is not in area {area!r}"


def test_collected_conformance_tests_are_catalogued(pytestconfig):
    # In a run that collected conformance tests, conftest recorded any without a behaviour mark.
    assert pytestconfig.stash.get(UNCATALOGUED, []) == []


def test_sources_are_docs_or_seed_passages():
    seeds = {p.name[:3]: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")} if SEEDS.is_dir() else {}
    # Missing seeds fail the check instead of skipping it: a quote nobody verified is no citation.
    assert seeds, f"no seed tutorials found at {SEEDS} (set SPEC_SEEDS_DIR)"
    for name, _, _ in _tests():
        pass  # importing every module fills the catalogue
    assert len(catalogue.CATALOGUE) > 100
    for behaviour, source in catalogue.CATALOGUE.items():
        if source.startswith(catalogue.DOCS):
            continue
        m = SEED.match(source)
        assert m, f"{behaviour}: source {source!r} is neither a doc URL nor a seed passage"
        assert m.group(1) in seeds, f"{behaviour}: no seed {m.group(1)}"
        assert m.group(2) in seeds[m.group(1)], f"{behaviour}: passage not found in seed {m.group(1)}: {m.group(2)!r}"


def test_spec_rejects_bad_ids_and_conflicting_sources():
    with pytest.raises(ValueError):
        catalogue.spec("no-area", catalogue.doc("x.html"))
    catalogue.spec("meta.sample", catalogue.doc("x.html"))
    with pytest.raises(ValueError):
        catalogue.spec("meta.sample", catalogue.doc("y.html"))
    catalogue.CATALOGUE.pop("meta.sample")


def test_conformance_count_recorded(pytestconfig, request):
    # conftest counted exactly the conformance tests this session collected (none in a meta-only run)
    from spec_tests.conftest import is_conformance
    assert pytestconfig.stash.get(CONFORMANCE_COUNT, 0) == sum(is_conformance(i) for i in request.session.items)
