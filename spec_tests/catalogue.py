"""The catalogue of behaviours: every conformance test names the behaviour it encodes and where
that behaviour is documented (a seed tutorial passage or a PyTorch documentation page)."""
import re

import pytest

DOCS = "https://pytorch.org/docs/stable/"

# behaviour id -> source; filled as test modules are imported.
CATALOGUE = {}


def doc(page):
    """A PyTorch documentation page: doc('generated/torch.exp.html')."""
    return DOCS + page


def api(name):
    """The reference page of one function, e.g. api('torch.exp') or api('torch.Tensor.view')."""
    return doc(f"generated/{name}.html")


def seed(number, passage):
    """A passage of a seed tutorial in /work/shared/seeds (number '000'..'003')."""
    return f'seed:{number} "{passage}"'


def spec(behaviour, source):
    """Mark a test (or a pytest.param) with its behaviour id and source.

    Use it as the outermost decorator, or in pytest.param(..., marks=spec(...)). One id may be
    shared by several tests, but always with the same source.
    """
    if not behaviour or "." not in behaviour or " " in behaviour:
        raise ValueError(f"behaviour ids look like 'area.what-it-does', got {behaviour!r}")
    known = CATALOGUE.setdefault(behaviour, source)
    if known != source:
        raise ValueError(f"behaviour {behaviour!r} cited with two sources: {known!r} and {source!r}")
    return pytest.mark.spec(behaviour, source=source)


def cases(table):
    """pytest.param entries, each carrying its own behaviour mark.

    table rows: (behaviour, source, *values); the param id is the part of the behaviour id
    after the area.
    """
    return [pytest.param(*values, marks=spec(behaviour, source), id=behaviour.split(".", 1)[1])
            for behaviour, source, *values in table]


def behaviour_of(item):
    """(behaviour, source) of a collected test item, or None."""
    mark = item.get_closest_marker("spec")
    if mark is None:
        return None
    return mark.args[0], mark.kwargs.get("source", "")


# Tiers: documented behaviour (the headline) apart from torch-internal details an implementation may
# reasonably differ in: autograd node names, the exact text of reprs, exact message texts.
DOCUMENTED, INTERNAL = "documented", "internal"
_INTERNAL = re.compile(r"(^|[.-])(node|nodes|node-name|node-names|grad-fn-name|repr|reprs|message-text)([.-]|$)")


def tier(behaviour):
    """'internal' for behaviours that pin torch-internal details, else 'documented'."""
    return INTERNAL if behaviour and _INTERNAL.search(behaviour) else DOCUMENTED


def area(behaviour):
    """The area a behaviour id belongs to: the part before the first dot."""
    return behaviour.split(".", 1)[0] if behaviour else None
