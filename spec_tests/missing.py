"""Missing API as its own outcome: a name the namespace lacks is recorded against the running test,
and a property test rejects the draw that needed it (the test still runs every draw the namespace
can serve). A test whose every draw, or whose one fixed case, needed a missing name ends as a
missing-API result that names it; the report ranks missing names by the cases they block."""
from hypothesis import reject
from hypothesis.control import currently_in_test_context

# Missing names met by the test now running (reset by conftest before each test), and the text of the
# last MissingAPI met (its message, failing expression and repro).
CURRENT = set()
LAST_TEXT = None


def reset():
    global LAST_TEXT
    CURRENT.clear()
    LAST_TEXT = None


def met(exc):
    """Record a MissingAPI; inside a hypothesis example, reject the draw instead of failing."""
    global LAST_TEXT
    CURRENT.add(getattr(exc, "missing", None) or str(exc))
    LAST_TEXT = "\n".join([str(exc)] + list(getattr(exc, "__notes__", ())))
    if currently_in_test_context():
        reject()
