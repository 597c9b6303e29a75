"""The corpus on both namespaces: correct ops pass, planted bugs are caught, torch agrees."""
import pytest

from gradcheck import GradcheckError

from .corpus import BUGGY, CASES, CORRECT
from .helpers import ours, torch_verdict

MODES = {"slow": {}, "fast": {"fast_mode": True}}
SECOND_ORDER = [c for c in CASES if c.gradgrad is not None]
REQUIRED_BUGS = ["bug_dropped_term", "bug_swapped_grads", "bug_missing_transpose", "bug_wrong_sign",
                 "bug_scale_1pct", "bug_ignores_grad_output_scalar", "bug_missing_grad_none",
                 "bug_wrong_shape", "bug_wrong_dtype", "bug_nondeterministic"]


def ids(cases):
    return [c.name for c in cases]


def test_corpus_covers_the_required_kinds():
    names = {c.name for c in CASES}
    assert len(CASES) >= 30
    assert len(CORRECT) >= 15 and len(BUGGY) >= 10
    assert set(REQUIRED_BUGS) <= names
    assert any(c.name.startswith("fn_") for c in CORRECT)
    assert {True, False} <= {c.gradgrad for c in SECOND_ORDER}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("case", CORRECT, ids=ids(CORRECT))
def test_correct_op_passes(ns, case, mode):
    func, build = case.make(ns)
    assert ours(func, build(), **MODES[mode]) is True


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("case", BUGGY, ids=ids(BUGGY))
def test_planted_bug_is_caught(ns, case, mode):
    func, build = case.make(ns)
    verdict = ours(func, build(), **MODES[mode])
    if case.first_order_ok:  # a second-order bug: first order is genuinely right
        assert verdict is True
        verdict = ours(func, build(), second_order=True, **MODES[mode])
    assert isinstance(verdict, GradcheckError), case.bug
    assert set(verdict.kinds) & case.kinds, (case.bug, verdict.kinds)


@pytest.mark.parametrize("case", SECOND_ORDER, ids=ids(SECOND_ORDER))
def test_gradgradcheck_verdict(ns, case):
    func, build = case.make(ns)
    assert (ours(func, build(), second_order=True) is True) is case.gradgrad


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("case", CASES, ids=ids(CASES))
def test_torch_gradcheck_agrees(torch, case, mode):
    func, build = case.make(torch)
    mine = ours(func, build(), **MODES[mode]) is True
    if mode in case.torch_trips:
        # torch errs on this correct op (see test_torch_trips); we do not copy its mistake.
        assert mine is True and torch_verdict(torch, func, build(), **MODES[mode]) is False
    else:
        assert mine is torch_verdict(torch, func, build(), **MODES[mode])


@pytest.mark.parametrize("case", SECOND_ORDER, ids=ids(SECOND_ORDER))
def test_torch_gradgradcheck_agrees(torch, case):
    func, build = case.make(torch)
    mine = ours(func, build(), second_order=True) is True
    assert mine is torch_verdict(torch, func, build(), second_order=True) is case.gradgrad
