"""The check helpers judge results, explain failures and print repros that run."""
import contextlib
import io
import math

import numpy as np
import pytest

from spec_tests import harness
from spec_tests._namespace import MissingAPI, Namespace
from spec_tests.harness import SpecFailure, check, check_raises, compare
from spec_tests.repro import NP, literal, snippet

from . import fake_torch


@pytest.fixture(autouse=True)
def _no_differential(monkeypatch):
    monkeypatch.setattr(harness, "torch_or_none", lambda: None)


def ns(bug=None):
    return Namespace(fake_torch.make(bug=bug), "fake")


X = np.array([[0.5, -1.25, 2.0]], dtype=np.float32)


def _np_exp(a):
    return np.exp(a.astype(np.float64)).astype(a.dtype)


def test_check_passes_on_correct_values():
    check(ns(), "torch.exp(a)", X, expected=_np_exp)
    check(ns(), "a + b", X, 1.5, expected=lambda a, b: a + np.float32(b))


@pytest.mark.parametrize("bug, words", [("exp-off", "elements differ"), ("add-dtype", "dtype float64, expected float32"),
                                        ("add-shape", "shape (3,), expected (1, 3)")])
def test_check_reports_each_defect(bug, words):
    code = "torch.exp(a)" if bug == "exp-off" else "a + b"
    with pytest.raises(SpecFailure) as info:
        check(ns(bug), code, X, X, expected=(lambda a, b: _np_exp(a)) if bug == "exp-off" else (lambda a, b: a + b))
    assert words in str(info.value)
    assert "Reproduce with:" in str(info.value)


def test_repro_snippet_runs_and_shows_inputs():
    with pytest.raises(SpecFailure) as info:
        check(ns("exp-off"), "torch.exp(a)", X, expected=_np_exp)
    text = str(info.value)
    program = text.split("Reproduce with:\n", 1)[1]
    program = "\n".join(line[4:] for line in program.splitlines())
    assert "a = torch.tensor([[0.5, -1.25, 2.0]], dtype=torch.float32)" in program
    assert program.splitlines()[0] == "import spec_tests.meta.fake_torch as torch" or "import" in program.splitlines()[0]
    env = {"torch": fake_torch.make(bug="exp-off")}
    body = "\n".join(l for l in program.splitlines() if not l.startswith("import"))
    with contextlib.redirect_stdout(io.StringIO()) as out:
        exec(body, env)
    assert "tensor(" in out.getvalue()


def test_float_tolerance_by_dtype():
    # A relative error of 1e-4 is far outside float32's tolerance but inside float16's.
    exp32 = np.array([1.0], np.float32)
    assert compare(FakeT(np.array([1.0001], np.float32)), exp32)
    assert not compare(FakeT(np.array([1.0001], np.float16)), np.array([1.0], np.float16))
    assert not compare(FakeT(np.array([np.nan], np.float32)), np.array([np.nan], np.float32))
    assert compare(FakeT(np.array([np.inf], np.float32)), np.array([-np.inf], np.float32))


def test_integers_compare_exactly():
    assert compare(FakeT(np.array([3], np.int64)), np.array([4], np.int64))
    assert not compare(FakeT(np.array([3], np.int64)), np.array([3], np.int64))


def test_python_values_compare_by_type():
    assert compare(1, True)  # an int is not a bool
    assert compare(1.0, 1)  # nor a float an int
    assert not compare((1, [2, 3]), (1, [2, 3]))
    assert compare("a", "b")
    assert compare(math.inf, -math.inf)
    assert not compare(math.nan, math.nan)


class FakeT:
    def __init__(self, arr):
        self.arr = arr
        self.shape = arr.shape
        self.dtype = "torch." + arr.dtype.name

    def detach(self):
        return self

    def cpu(self):
        return self

    def numpy(self):
        return self.arr


def test_check_raises_accepts_type_and_sizes():
    a, b = np.ones((2, 3), np.float32), np.ones((2, 4), np.float32)
    check_raises(ns(), "torch.cat([a, b])", a, b, exc=RuntimeError, contains=(3, 4))


@pytest.mark.parametrize("bug, words", [("cat-wrong-error", "wrong exception type"),
                                        ("cat-vague-error", "does not mention 3"),
                                        ("cat-no-error", "nothing raised")])
def test_check_raises_reports_each_defect(bug, words):
    a, b = np.ones((2, 3), np.float32), np.ones((2, 4), np.float32)
    with pytest.raises(SpecFailure) as info:
        check_raises(ns(bug), "torch.cat([a, b])", a, b, exc=RuntimeError, contains=(3, 4))
    assert words in str(info.value)


def test_whole_number_matching_in_messages():
    assert harness._message_problems("sizes 13 and 4", (3,))
    assert not harness._message_problems("sizes 3 and 4", (3, 4))
    assert harness._message_problems("size 3.5", (3,))


def test_missing_name_fails_with_its_name():
    with pytest.raises(MissingAPI, match="namespace 'fake' lacks torch.frobnicate"):
        check(ns(), "torch.frobnicate(a)", X, expected=_np_exp)
    assert not hasattr(ns(), "frobnicate")


def test_missing_method_fails_with_its_name():
    with pytest.raises(MissingAPI, match="lacks Tensor.frobnicate"):
        check(ns(), "a.frobnicate()", X, expected=_np_exp)


def test_missing_name_is_not_an_expected_exception():
    with pytest.raises(MissingAPI):
        check_raises(ns(), "torch.frobnicate(a)", X, exc=Exception)


def test_differential_check_compares_with_torch(monkeypatch):
    # The "torch" of this test is a correct fake; the namespace under test has a planted bug
    # that the oracle is too loose to see (its expected value is computed from the buggy output).
    monkeypatch.setattr(harness, "torch_or_none", lambda: Namespace(fake_torch.make("torch"), "torch"))
    buggy = ns("exp-off")
    with pytest.raises(SpecFailure, match="differs from torch"):
        check(buggy, "torch.exp(a)", X, expected=lambda a: _np_exp(a) * np.float32(1 + 1e-3))


def test_unimportable_namespace_fails_each_use():
    from spec_tests._namespace import load
    T = load("spec_tests.meta.no_such_module")
    with pytest.raises(MissingAPI, match="could not be imported"):
        T.tensor


@pytest.mark.parametrize("value", [1.5, -0.0, math.inf, -math.inf, 3, True, None, [1, [2.5, math.inf]], (1,), (),
                                   slice(1, None, 2), (Ellipsis, None, 0)])
def test_literal_round_trips(value):
    back = eval(literal(value))
    assert repr(back) == repr(value)


def test_literal_nan():
    assert math.isnan(eval(literal(math.nan)))


def test_snippet_of_numpy_input_and_empty_tensor():
    text = snippet("reference", "torch.from_numpy(a) + b", ["a", "b"],
                   [NP(np.zeros((2, 0), np.float32)), np.zeros((0, 3), np.int64)])
    assert text.splitlines()[:2] == ["import numpy as np", "import reference as torch"]
    assert "a = np.array([[], []], dtype=np.float32)" in text
    assert "b = torch.tensor([], dtype=torch.int64).reshape(0, 3)" in text
    assert text.splitlines()[-2:] == ["out = torch.from_numpy(a) + b", "print(out)"]


def test_snippet_of_lambda():
    fn = lambda t, a: t.exp(a)  # noqa: E731
    text = snippet("torch", fn, ["a"], [X])
    assert "fn = lambda t, a: t.exp(a)" in text
    assert "out = fn(torch, a)" in text


def test_code_ending_in_a_statement_has_no_result():
    assert harness.execute(ns(), "b = a[0]; c = b", [X], ["a"], "cpu") is None
    text = snippet("torch", "a[0] = 1", ["a"], [X])
    assert text.splitlines()[-3:] == ["a[0] = 1", "out = None  # the code ends in a statement", "print(out)"]


def test_repro_statements_keep_decorators():
    from spec_tests.repro import statements
    code = "x = 1\n@torch.no_grad()\ndef f(t):\n    return t * 2\ny = f(x)"
    assert statements(code) == ["x = 1", "@torch.no_grad()\ndef f(t):\n    return t * 2", "y = f(x)"]
