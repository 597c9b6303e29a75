"""Plugs the namespace under test into the suite: options, fixtures, profiles, expected failures."""
import os
import random
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings

from . import device_scope, missing, xfails
from ._namespace import DTYPE_NAMES, MissingAPI, load
from .catalogue import DOCUMENTED, area, behaviour_of, tier
from .harness import settings as harness_settings
from .report import JsonReport, worker_output

HERE = Path(__file__).resolve().parent

# deadline=None: the reference compiles a numba kernel the first time an op meets a new dtype,
# which takes seconds once and microseconds afterwards. Both profiles draw fresh inputs on every
# run: the run's seed is printed in the header, and --hypothesis-seed=N replays a run exactly
# (serial or under pytest-xdist alike, since each test seeds its own generator from it).
_COMMON = dict(deadline=None, print_blob=True, derandomize=False,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("ci", max_examples=25, **_COMMON)
settings.register_profile("thorough", max_examples=200, **_COMMON)
# For --device=cuda on numba's CUDA simulator (each simulated thread costs ~150 us): CI's pass.
settings.register_profile("cudasim", max_examples=8, **_COMMON)
# For iterating on an adapter: one example per test, no shrinking.
settings.register_profile("smoke", **dict(_COMMON, max_examples=1, phases=[Phase.explicit, Phase.generate]))
# For the meta-tests that run the suite against planted bugs: a few examples, no shrinking.
settings.register_profile("planted", **dict(_COMMON, max_examples=5, print_blob=False,
                                            phases=[Phase.explicit, Phase.generate]))
# --hypothesis-profile (hypothesis' own pytest option) overrides this at configure time.
settings.load_profile(os.environ.get("SPEC_PROFILE", "ci"))


def pytest_addoption(parser):
    group = parser.getgroup("spec_tests", "torch conformance suite")
    options = [
        ("--impl", dict(default="reference", help="namespace under test: reference, torch or a dotted module")),
        ("--device", dict(default="cpu", choices=("cpu", "cuda"), help="device the tensors live on")),
        ("--xfails", dict(default=None, dest="xfails_file",
                          help="expected failures file (default: spec-xfails-<impl>.txt or spec-xfails.txt in the "
                               "working directory, else spec_tests/xfails/<impl>.txt)")),
        ("--xfails-file", dict(default=None, dest="xfails_file", help="the same as --xfails")),
        ("--tier", dict(default="all", choices=("all", DOCUMENTED),
                        help="'documented': only documented behaviour, not torch-internal details "
                             "(autograd node names, repr text, exact messages)")),
        ("--areas", dict(default=None, help="comma-separated areas (behaviour id prefixes such as elementwise, grad, "
                                            "nn, or test file names without test_) to run")),
        ("--report-json", dict(default=None, help="write per-test outcomes with behaviour ids to this file")),
        ("--no-differential", dict(action="store_true", default=False,
                                   help="do not also run each check in torch when testing another namespace")),
    ]
    for name, kwargs in options:
        try:
            group.addoption(name, **kwargs)
        except ValueError:
            pass  # another conftest in the same session already defines it (e.g. --impl)


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config):
    _choose_seed(config)
    config.addinivalue_line("markers", "spec(behaviour, source): the catalogue entry a conformance test encodes")
    config.addinivalue_line("markers", "cpu_only: a behaviour documented for CPU tensors only (NumPy memory "
                                       "sharing, repr without a device suffix); not collected with --device=cuda")
    harness_settings.device = config.getoption("device")
    harness_settings.differential = not config.getoption("no_differential")
    path = config.getoption("report_json")
    if path and not hasattr(config, "workerinput"):  # under xdist the controller writes it
        profile = getattr(config.option, "hypothesis_profile", None) or os.environ.get("SPEC_PROFILE", "ci")
        plugin = JsonReport(path, config.getoption("impl"), config.getoption("device"), profile)
        plugin.meta["seed"] = getattr(config.option, "hypothesis_seed", None)
        plugin.meta["tier"] = config.getoption("tier")
        config.pluginmanager.register(plugin, "spec_json_report")


def _choose_seed(config):
    """A fresh seed per run unless --hypothesis-seed gives one. Chosen before hypothesis' own
    plugin reads the option, and inherited by xdist workers with the other options."""
    if getattr(config.option, "hypothesis_seed", "absent") is None and not hasattr(config, "workerinput"):
        config.option.hypothesis_seed = str(random.SystemRandom().randrange(1 << 32))


def pytest_report_header(config):
    seed = getattr(config.option, "hypothesis_seed", None)
    if seed is not None:
        return f"spec_tests: hypothesis seed {seed} (replay this run with --hypothesis-seed={seed})"
    return None


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    for reason in config.stash.get(LEFT_OUT, []):
        terminalreporter.write_line(f"spec_tests: not run on {config.getoption('device')}: {reason} "
                                    "(spec_tests/device_scope.py)")
    seed = getattr(config.option, "hypothesis_seed", None)
    if seed is not None and exitstatus not in (0, 5):
        terminalreporter.write_line(f"spec_tests: replay this run with --hypothesis-seed={seed}")


def is_conformance(item):
    """Conformance tests live in spec_tests/test_*.py; spec_tests/meta/ tests the suite itself."""
    path = Path(str(item.fspath)).resolve()
    return path.parent == HERE and path.name.startswith("test_")


def _xfail_entries(config):
    path = config.getoption("xfails_file") or xfails.default_path(config.getoption("impl"))
    if not path:
        return [], None
    return xfails.parse(Path(path).read_text(encoding="utf-8")), path


def _selected(item, areas, documented_only):
    found = behaviour_of(item)
    if documented_only and found is not None and tier(found[0]) != DOCUMENTED:
        return False
    if areas is None:
        return True
    stem = Path(str(item.fspath)).stem
    return (found is not None and area(found[0]) in areas) or stem[len("test_"):] in areas or stem in areas


def pytest_collection_modifyitems(session, config, items):
    if config.getoption("device") != "cpu":
        elsewhere = [item for item in items if item.get_closest_marker("cpu_only")
                     or device_scope.left_out(item.nodeid)]
        if elsewhere:
            items[:] = [item for item in items if item not in set(elsewhere)]
            config.hook.pytest_deselected(items=elsewhere)
        config.stash[LEFT_OUT] = sorted({device_scope.left_out(i.nodeid) for i in elsewhere} - {None})
    areas = config.getoption("areas")
    areas = None if not areas else {a.strip() for a in areas.split(",") if a.strip()}
    documented_only = config.getoption("tier") == DOCUMENTED
    if areas is not None or documented_only:
        keep = [i for i in items if not is_conformance(i) or _selected(i, areas, documented_only)]
        dropped = [i for i in items if i not in set(keep)]
        if dropped:
            items[:] = keep
            config.hook.pytest_deselected(items=dropped)
    ours = [item for item in items if is_conformance(item)]
    for item in ours:
        # Reports carry the behaviour to the JSON writer, which under xdist sees only reports.
        found = behaviour_of(item)
        if found is not None:
            item.user_properties.append(("spec", found))
            item.user_properties.append(("tier", tier(found[0])))
    config.stash[UNCATALOGUED] = [item.nodeid for item in ours if behaviour_of(item) is None]
    config.stash[CONFORMANCE_COUNT] = len(ours)
    entries, path = _xfail_entries(config)
    matched, unused = xfails.assign(entries, [item.nodeid for item in ours])
    for item in ours:
        entry = matched.get(item.nodeid)
        if entry is not None:
            # non-strict: an entry may cover passing cases; `strict` ones must fail
            item.add_marker(pytest.mark.xfail(reason=entry.reason, strict=entry.strict))
            item.user_properties.append(("xfail_entry", entry.line))
    config.stash[XFAILS] = (str(path) if path else None, entries, matched)
    for entry in unused:
        warnings.warn(pytest.PytestWarning(
            f"{path}:{entry.line}: {entry.prefix!r} matches no collected test"))


def pytest_runtest_setup(item):
    missing.reset()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A test that met a missing name: its report names the names; a failure caused by them (a
    MissingAPI, or hypothesis finding no draw the namespace could serve) becomes a missing-API result."""
    outcome = yield
    report = outcome.get_result()
    if call.when != "call" or not missing.CURRENT:
        return
    names = sorted(missing.CURRENT)
    report.user_properties.append(("missing", names))
    if report.failed and call.excinfo is not None and _caused_by_missing(call.excinfo.value):
        # A function or method the test needs blocks it whatever is drawn; a dtype only blocks the
        # draws of that dtype, so it is the blocker only when nothing else is missing.
        blockers = [n for n in names if n.rsplit(".", 1)[-1] not in DTYPE_NAMES] or names
        report.user_properties += [("outcome", "missing"), ("blocked_by", blockers)]
        detail = missing.LAST_TEXT or ""
        report.longrepr = (f"MissingAPI: the namespace lacks {', '.join(blockers)}; no draw of this test could run "
                           f"without it\n{detail}")


def _caused_by_missing(exc):
    if isinstance(exc, MissingAPI):
        return True
    name = type(exc).__name__
    return name in ("Unsatisfiable", "FailedHealthCheck") or (
        isinstance(exc, BaseExceptionGroup) and all(_caused_by_missing(e) for e in exc.exceptions))


def pytest_sessionfinish(session, exitstatus):
    worker_output(session.config)


UNCATALOGUED = pytest.StashKey[list]()
XFAILS = pytest.StashKey[tuple]()
CONFORMANCE_COUNT = pytest.StashKey[int]()
LEFT_OUT = pytest.StashKey[list]()


@pytest.fixture(scope="session")
def T(pytestconfig):
    """The namespace under test, behind a proxy that fails a test on a missing name."""
    return load(pytestconfig.getoption("impl"))


@pytest.fixture(scope="session")
def device(pytestconfig):
    return pytestconfig.getoption("device")
