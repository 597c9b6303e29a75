"""Expected-failures files: one line per known gap, `NODEID_PREFIX  # reason`.

Prefixes are test ids relative to the spec_tests directory, e.g.
`test_views.py::test_view_after_t_raises` or `test_elementwise.py::test_unary_float[exp`.
"""
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
XFAILS_DIR = HERE / "xfails"


@dataclass(frozen=True)
class Entry:
    prefix: str
    reason: str
    line: int


def parse(text):
    """Entries of an xfails file; blank lines and lines starting with '#' are ignored."""
    entries = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        prefix, _, reason = line.partition("#")
        prefix = prefix.strip()
        if " " in prefix:
            raise ValueError(f"xfails line {number}: a node id prefix has no spaces: {raw!r}")
        entries.append(Entry(prefix, reason.strip() or "listed in the expected-failures file", number))
    return entries


def default_path(impl):
    path = XFAILS_DIR / f"{impl}.txt"
    return path if path.exists() else None


def relative_id(nodeid):
    """A pytest node id made relative to spec_tests/, whatever the rootdir was."""
    path, sep, rest = nodeid.partition("::")
    marker = "spec_tests/"
    i = path.rfind(marker)
    if i >= 0:
        path = path[i + len(marker):]
    return path + sep + rest


def matches(entry, nodeid):
    return relative_id(nodeid).startswith(entry.prefix)


def assign(entries, nodeids):
    """({nodeid: entry} for matched tests, [entries matching nothing])."""
    matched, used = {}, set()
    for nodeid in nodeids:
        for entry in entries:
            if matches(entry, nodeid):
                matched[nodeid] = entry
                used.add(entry)
                break
    return matched, [e for e in entries if e not in used]
