"""Expected-failures files: one line per known gap, `NODEID_OR_PREFIX [strict]  # reason`.

Entries are test ids relative to the spec_tests directory, exact
(`test_views.py::test_view_after_t_raises`) or a prefix (`test_elementwise.py::test_unary_float[exp`,
`test_printing.py`). A matched test that fails counts as an expected failure; one that passes is
simply a pass (an entry may cover passing cases), unless the entry says `strict`: then it must
fail. An entry that matches nothing, or whose every matched test passed, is stale and is listed.

Where the file is: `--xfails FILE`, else `spec-xfails-<impl>.txt` or `spec-xfails.txt` in the
working directory, else the file shipped for the implementation (spec_tests/xfails/<impl>.txt).
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
    strict: bool = False


def parse(text):
    """Entries of an xfails file; blank lines and lines starting with '#' are ignored."""
    entries = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        prefix, _, reason = line.partition("#")
        words = prefix.split()
        strict = len(words) == 2 and words[1] == "strict"
        if len(words) != 1 and not strict:
            raise ValueError(f"xfails line {number}: a node id prefix has no spaces (only a `strict` "
                             f"marker may follow it): {raw!r}")
        entries.append(Entry(words[0], reason.strip() or "listed in the expected-failures file", number, strict))
    return entries


def default_path(impl, cwd=None):
    """The expected-failures file used without --xfails (see the module docstring), or None."""
    here = Path.cwd() if cwd is None else Path(cwd)
    for path in (here / f"spec-xfails-{impl}.txt", here / "spec-xfails.txt", XFAILS_DIR / f"{impl}.txt"):
        if path.exists():
            return path
    return None


def stale(entries, matched, outcomes):
    """Entries that match no test, or whose matched tests all passed ({nodeid: outcome})."""
    by_entry = {}
    for nodeid, entry in matched.items():
        by_entry.setdefault(entry, []).append(outcomes.get(nodeid))
    out = []
    for entry in entries:
        results = by_entry.get(entry)
        if not results:
            out.append((entry, "matches no test"))
        elif all(r in ("passed", "xpassed") for r in results):
            out.append((entry, f"all {len(results)} matched tests pass"))
    return out


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
