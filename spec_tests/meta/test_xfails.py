"""Expected-failures files: parsing and matching node ids."""
import pytest

from spec_tests import xfails


def test_parse_lines_with_reasons_and_comments():
    text = """
# known gaps of a partial implementation
test_views.py::test_t   # t() of 1-D not done
test_printing.py::test_repr_literal[inf

test_errors.py  #  whole file: errors not wired yet
"""
    entries = xfails.parse(text)
    assert [(e.prefix, e.reason, e.line) for e in entries] == [
        ("test_views.py::test_t", "t() of 1-D not done", 3),
        ("test_printing.py::test_repr_literal[inf", "listed in the expected-failures file", 4),
        ("test_errors.py", "whole file: errors not wired yet", 6),
    ]


def test_prefix_with_space_is_rejected():
    with pytest.raises(ValueError, match="line 1"):
        xfails.parse("test_views.py::test_t extra  # reason")


@pytest.mark.parametrize("nodeid", ["spec_tests/test_views.py::test_t[x]", "test_views.py::test_t[x]",
                                    "main/spec_tests/test_views.py::test_t[x]"])
def test_relative_id_ignores_rootdir(nodeid):
    assert xfails.relative_id(nodeid) == "test_views.py::test_t[x]"


def test_assign_matches_prefixes_and_reports_unused():
    entries = xfails.parse("test_a.py::test_x  # one\ntest_b.py  # file\ntest_c.py::nothing  # stale\n")
    ids = ["spec_tests/test_a.py::test_x[1]", "spec_tests/test_a.py::test_y", "spec_tests/test_b.py::test_z"]
    matched, unused = xfails.assign(entries, ids)
    assert {k: v.reason for k, v in matched.items()} == {ids[0]: "one", ids[2]: "file"}
    assert [e.prefix for e in unused] == ["test_c.py::nothing"]


def test_shipped_files_exist_and_reference_is_empty():
    assert xfails.default_path("torch") is not None
    assert xfails.parse(xfails.default_path("reference").read_text()) == []
    assert xfails.default_path("no-such-impl") is None
