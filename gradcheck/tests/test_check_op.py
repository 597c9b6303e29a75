"""check_op: many generated inputs, and the smallest failing one when there is a failure."""
import numpy as np
import pytest

from gradcheck import GradcheckError, GradcheckFailureWarning, check_op
from gradcheck.strategies import Input

from .cli_targets import bad_exp, bad_second_order, square_plus
from .helpers import square_function


def _wrong_from_three_elements(ns):
    # right on small inputs, 10% off from three elements on: shrinking must land on size 3
    return square_function(ns, lambda x, g: 2 * x * g * (1.1 if x.numel() >= 3 else 1.0)).apply


def test_correct_ops_pass(ns):
    assert check_op(square_plus, (2, 3), (3,), impl=ns, max_examples=5, seed=0) is True
    assert check_op(lambda a, b: a @ b, Input(("m", "k")), Input(("k", "n")), impl=ns,
                    max_examples=5, seed=0, second_order=True) is True


def test_failure_is_shrunk_to_the_smallest_input(ns):
    with pytest.raises(GradcheckError) as info:
        check_op(_wrong_from_three_elements(ns), Input(), impl=ns, max_examples=25, seed=2)
    (example,) = info.value.example
    assert example.size == 3  # the smallest size at which the bug exists
    assert example.ndim == 1  # hypothesis shrinks (3,) below (1, 3)
    assert np.count_nonzero(example) >= 1  # at x = 0 the 10% error is invisible
    text = str(info.value)
    assert text.startswith("check_op: Square.apply fails; smallest failing input found by hypothesis")
    assert f"{ns.__name__}.tensor([" in text and "Jacobian mismatch" in text


def test_values_are_shrunk_too(ns):
    with pytest.raises(GradcheckError) as info:
        check_op(bad_exp, (2,), impl=ns, max_examples=10, seed=0)
    (example,) = info.value.example
    assert example.tolist() in ([0.0, 0.0],)  # exp'(0) = 1 is still off by 1%


def test_second_order_finds_second_order_bugs(ns):
    assert check_op(bad_second_order, (3,), impl=ns, max_examples=3, seed=0) is True
    with pytest.raises(GradcheckError, match="gradgradcheck failed"):
        check_op(bad_second_order, (3,), impl=ns, max_examples=3, seed=0, second_order=True)


def test_domain_and_kinks_are_respected(ns):
    def safe_log_abs(x):
        return ns.log(ns.abs(x))
    assert check_op(safe_log_abs, Input((4,), low=-3, high=3, avoid=(0.0,), margin=0.1), impl=ns,
                    max_examples=10, seed=0) is True


def test_raise_exception_false(ns):
    with pytest.warns(GradcheckFailureWarning, match="smallest failing input"):
        assert check_op(bad_exp, (2,), impl=ns, max_examples=3, seed=0,
                        raise_exception=False) is False


def test_gradcheck_options_are_forwarded(ns):
    with pytest.raises(GradcheckError, match="fast mode"):
        check_op(bad_exp, (2,), impl=ns, max_examples=3, seed=0, fast_mode=True)
    assert check_op(bad_exp, (2,), impl=ns, max_examples=3, seed=0, rtol=0.02) is True


def test_impl_by_name(ns):
    assert check_op(square_plus, (2,), (2,), impl=ns.__name__, max_examples=2, seed=0) is True
