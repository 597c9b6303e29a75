"""Plugs the namespace under test into the suite: options, fixtures, profiles, expected failures."""
import os
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from . import xfails
from ._namespace import load
from .catalogue import behaviour_of
from .harness import settings as harness_settings
from .report import JsonReport

HERE = Path(__file__).resolve().parent

# deadline=None: the reference compiles a numba kernel the first time an op meets a new dtype,
# which takes seconds once and microseconds afterwards.
settings.register_profile("ci", max_examples=10, deadline=None, derandomize=True, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("thorough", max_examples=200, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
# --hypothesis-profile (hypothesis' own pytest option) overrides this at configure time.
settings.load_profile(os.environ.get("SPEC_PROFILE", "ci"))


def pytest_addoption(parser):
    group = parser.getgroup("spec_tests", "torch conformance suite")
    options = [
        ("--impl", dict(default="reference", help="namespace under test: reference, torch or a dotted module")),
        ("--device", dict(default="cpu", choices=("cpu", "cuda"), help="device the tensors live on")),
        ("--xfails-file", dict(default=None, help="expected failures (default spec_tests/xfails/<impl>.txt)")),
        ("--report-json", dict(default=None, help="write per-test outcomes with behaviour ids to this file")),
        ("--no-differential", dict(action="store_true", default=False,
                                   help="do not also run each check in torch when testing another namespace")),
    ]
    for name, kwargs in options:
        try:
            group.addoption(name, **kwargs)
        except ValueError:
            pass  # another conftest in the same session already defines it (e.g. --impl)


def pytest_configure(config):
    config.addinivalue_line("markers", "spec(behaviour, source): the catalogue entry a conformance test encodes")
    config.addinivalue_line("markers", "cpu_only: a behaviour documented for CPU tensors only (NumPy memory "
                                       "sharing, repr without a device suffix); not collected with --device=cuda")
    harness_settings.device = config.getoption("device")
    harness_settings.differential = not config.getoption("no_differential")
    path = config.getoption("report_json")
    if path:
        profile = getattr(config.option, "hypothesis_profile", None) or os.environ.get("SPEC_PROFILE", "ci")
        config.pluginmanager.register(
            JsonReport(path, config.getoption("impl"), config.getoption("device"), profile), "spec_json_report")


def is_conformance(item):
    """Conformance tests live in spec_tests/test_*.py; spec_tests/meta/ tests the suite itself."""
    path = Path(str(item.fspath)).resolve()
    return path.parent == HERE and path.name.startswith("test_")


def _xfail_entries(config):
    path = config.getoption("xfails_file") or xfails.default_path(config.getoption("impl"))
    if not path:
        return [], None
    return xfails.parse(Path(path).read_text(encoding="utf-8")), path


def pytest_collection_modifyitems(session, config, items):
    if config.getoption("device") != "cpu":
        elsewhere = [item for item in items if item.get_closest_marker("cpu_only")]
        if elsewhere:
            items[:] = [item for item in items if not item.get_closest_marker("cpu_only")]
            config.hook.pytest_deselected(items=elsewhere)
    ours = [item for item in items if is_conformance(item)]
    config.stash[UNCATALOGUED] = [item.nodeid for item in ours if behaviour_of(item) is None]
    config.stash[CONFORMANCE_COUNT] = len(ours)
    entries, path = _xfail_entries(config)
    matched, unused = xfails.assign(entries, [item.nodeid for item in ours])
    for item in ours:
        entry = matched.get(item.nodeid)
        if entry is not None:
            item.add_marker(pytest.mark.xfail(reason=entry.reason, strict=True))
    for entry in unused:
        warnings.warn(pytest.PytestWarning(
            f"{path}:{entry.line}: {entry.prefix!r} matches no collected test"))


UNCATALOGUED = pytest.StashKey[list]()
CONFORMANCE_COUNT = pytest.StashKey[int]()


@pytest.fixture(scope="session")
def T(pytestconfig):
    """The namespace under test, behind a proxy that fails a test on a missing name."""
    return load(pytestconfig.getoption("impl"))


@pytest.fixture(scope="session")
def device(pytestconfig):
    return pytestconfig.getoption("device")
