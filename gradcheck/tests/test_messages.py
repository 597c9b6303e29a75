"""What a failure says: the check, the input and output, the worst entries, the Jacobians, a hint."""
import re

import numpy as np

from gradcheck import GradcheckError
from gradcheck._errors import (BACKWARD_RAISED, GRAD_SHAPE, JACOBIAN_MISMATCH, NOT_REENTRANT,
                               ZERO_GRAD_OUTPUT)

from .corpus import CASES, arr, leaf
from .helpers import ours

BY_NAME = {c.name: c for c in CASES}


def failure_of(ns, name, **kwargs):
    func, build = BY_NAME[name].make(ns)
    verdict = ours(func, build(), **kwargs)
    assert isinstance(verdict, GradcheckError)
    return verdict


def test_mismatch_names_check_pair_entries_and_jacobians(ns):
    err = failure_of(ns, "bug_scale_1pct")
    text = str(err)
    assert text.startswith("gradcheck failed for Exp.apply: Jacobian mismatch "
                           "(output 0 with respect to input 0)")
    assert "4 of 16 entries outside tolerance" in text
    assert "worst entries" in text
    # the worst entry line carries its indices and the three numbers
    assert re.search(r"\[\d, \d\] / \[\d, \d\]: numerical [-\d.e]+, analytical [-\d.e]+, "
                     r"difference [\d.e-]+, allowed", text)
    assert "numerical Jacobian (rows: elements of output 0, columns: elements of input 0):" in text
    assert "analytical Jacobian:" in text
    assert "analytical = 1.01 x numerical: a constant scale error (+1%)" in text
    assert "atol=1e-05, rtol=0.001" in text
    f = err.failures[0]
    assert (f.kind, f.output_index, f.input_index) == (JACOBIAN_MISMATCH, 0, 0)


def test_worst_entry_is_really_the_worst(ns):
    class Bumpy(ns.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x * 2

        @staticmethod
        def backward(ctx, g):
            bump = np.zeros(6)
            bump[4] = 0.5
            bump[1] = 0.1
            return g * 2 + ns.tensor(bump.reshape(2, 3).tolist(), dtype=ns.float64) * g
    err = ours(Bumpy.apply, (leaf(ns, arr((2, 3), 1)),))
    entries = [line.strip() for line in str(err).splitlines() if "] / [" in line]
    assert entries[0].startswith("[1, 1] / [1, 1]: numerical ")
    assert "analytical 2.5, difference 0.5" in entries[0]
    assert entries[1].startswith("[0, 1] / [0, 1]: numerical ")


def test_sign_and_swap_and_missing_hints(ns):
    assert "a sign error in backward" in str(failure_of(ns, "bug_wrong_sign"))
    swapped = str(failure_of(ns, "bug_swapped_grads"))
    assert "the analytical gradient for input 0 equals the numerical one for input 1" in swapped
    assert "output 0 with respect to input 1" in swapped  # both inputs are reported
    missing = failure_of(ns, "bug_missing_grad_none")
    assert [(f.output_index, f.input_index) for f in missing.failures] == [(0, 1)]
    assert "backward returned None (or zeros) for this input" in str(missing)


def test_large_jacobians_are_summarised_not_printed(ns):
    class Off(ns.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x * 3

        @staticmethod
        def backward(ctx, g):
            return g * 3.1
    err = ours(Off.apply, (leaf(ns, arr((11, 11), 2)),))
    assert "the 121 x 121 Jacobians are too large to print" in str(err)
    assert "analytical Jacobian:" not in str(err)


def test_reentrancy_message_suggests_nondet_tol(ns):
    err = failure_of(ns, "bug_nondeterministic")
    assert err.kinds == [NOT_REENTRANT]
    text = str(err)
    assert "backward is not reentrant" in text
    assert "nondet_tol=0" in text and "pass nondet_tol >=" in text


def test_zero_grad_output_message(ns):
    err = failure_of(ns, "bug_ignores_grad_output_scalar")
    assert err.kinds == [ZERO_GRAD_OUTPUT]
    assert "with zero grad_outputs, the gradient for input 0 has entries up to" in str(err)
    assert "without multiplying by grad_output" in str(err)


def test_wrong_shape_names_the_shapes(ns):
    err = failure_of(ns, "bug_wrong_shape")
    assert err.kinds[0] in (GRAD_SHAPE, BACKWARD_RAISED)
    text = str(err)
    assert ("(6,)" in text or "[6]" in text) and ("(2, 3)" in text or "[2, 3]" in text)
    if err.kinds[0] == BACKWARD_RAISED:  # the engine rejected it; its exception is chained
        assert err.__cause__ is not None


def test_inputs_and_settings_are_listed(ns):
    text = str(failure_of(ns, "bug_copy_paste"))
    assert f"input 2: {ns.__name__} tensor shape (3,) float64, requires grad" in text
    assert "settings: eps=1e-06 atol=1e-05 rtol=0.001 nondet_tol=0 fast_mode=False" in text


def test_fast_mode_failure_shows_projection_and_elementwise_recheck(ns):
    err = failure_of(ns, "bug_scale_1pct", fast_mode=True)
    text = str(err)
    assert "(fast mode)" in text
    assert re.search(r"fast mode: v\^T J u numerical [-\d.e]+, analytical [-\d.e]+", text)
    assert "element-wise recomputation of this pair (slow mode, eps=1e-06)" in text
    assert "4 of 16 entries outside tolerance" in text


def test_gradgradcheck_names_grad_outputs_and_first_order_grads(ns):
    func, build = BY_NAME["bug_backward_detached"].make(ns)
    text = str(ours(func, build(), second_order=True))
    assert text.startswith("gradgradcheck failed for Square.apply (first-order gradients)")
    assert "first-order grad of input 0 with respect to input 0" in text
    assert "grad_output 0:" in text  # the extra input of the second-order problem is named


def test_error_is_a_runtime_error_with_structured_failures(ns):
    err = failure_of(ns, "bug_copy_paste")
    assert isinstance(err, RuntimeError)
    assert err.report == str(err)
    assert [(f.output_index, f.input_index) for f in err.failures] == [(0, 2)]


def test_exception_in_backward_is_chained(ns):
    err = failure_of(ns, "bug_backward_raises")
    assert err.kinds == [BACKWARD_RAISED]
    assert err.__cause__ is not None
    assert "backward raised for output 0 with grad_output one-hot at [0, 0]" in str(err)
