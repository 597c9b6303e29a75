"""The arguments: raise_exception, nondet_tol, eps/atol/rtol and float32 defaults, batched and
undefined grads, and usage errors."""
import warnings

import numpy as np
import pytest

from gradcheck import (GradcheckError, GradcheckFailureWarning, GradcheckPrecisionWarning,
                       gradcheck, gradgradcheck)
from gradcheck._errors import BATCHED_GRAD, EPS_TOO_SMALL, NONZERO_NUMERICAL

from .corpus import CASES, arr, leaf
from .helpers import ours, square_function

BY_NAME = {c.name: c for c in CASES}


def made(ns, name):
    func, build = BY_NAME[name].make(ns)
    return func, build()


def test_raise_exception_false_returns_false_and_warns_the_report(ns):
    func, inputs = made(ns, "bug_wrong_sign")
    with pytest.warns(GradcheckFailureWarning, match="Jacobian mismatch") as record:
        assert gradcheck(func, inputs, raise_exception=False) is False
    assert "a sign error in backward" in str(record[0].message)


def test_raise_exception_false_contains_errors_from_user_code(ns):
    for name in ("bug_wrong_shape", "bug_backward_raises"):
        func, inputs = made(ns, name)
        with pytest.warns(GradcheckFailureWarning):
            assert gradcheck(func, inputs, raise_exception=False) is False


def test_forward_that_raises_is_reported(ns):
    def picky(x):
        if float(x.detach().sum()) > 0.5:
            raise ValueError("sum too large")
        return x * 2
    x = leaf(ns, np.array([0.25, 0.25]))  # sum 0.5: the +eps perturbation crosses the threshold
    with pytest.raises(GradcheckError, match="picky raised at input 0\\[0\\] perturbed by \\+eps: "
                                             "ValueError: sum too large") as info:
        gradcheck(picky, (x,))
    assert isinstance(info.value.__cause__, ValueError)
    assert "edge of the function's domain" in str(info.value)


def test_returns_true_and_accepts_a_bare_tensor(ns):
    x = leaf(ns, arr((3,), 1))
    assert gradcheck(ns.sin, x) is True
    assert gradgradcheck(ns.sin, x) is True


def test_nondet_tol_admits_small_nondeterminism(ns):
    func, inputs = made(ns, "bug_nondeterministic")
    assert isinstance(ours(func, inputs), GradcheckError)
    assert gradcheck(func, inputs, nondet_tol=1e-7) is True
    assert gradcheck(func, inputs, nondet_tol=1e-7, fast_mode=True) is True


def test_user_tensors_are_left_untouched(ns):
    x = leaf(ns, arr((3,), 2))
    before = x.detach().numpy().copy()
    gradcheck(ns.sin, (x,))
    gradcheck(ns.sin, (x,), fast_mode=True)
    np.testing.assert_array_equal(x.detach().numpy(), before)
    assert x.grad is None  # autograd.grad never accumulates into .grad


def test_eps_is_honoured(ns):
    x = leaf(ns, np.array([0.5, 1.5]))
    # central difference of x^3: 3x^2 + eps^2, so eps=0.1 shifts the numerical value by 0.01
    assert isinstance(ours(lambda t: t ** 3, (x,), eps=0.1), GradcheckError)
    assert gradcheck(lambda t: t ** 3, (x,), eps=0.1, atol=0.011) is True
    err = ours(lambda t: t ** 3, (x,), eps=0.1)
    assert "numerical 0.76, analytical 0.75" in str(err)


def test_eps_below_resolution_is_reported(ns):
    x = leaf(ns, np.array([1e11, 1.0]))
    err = ours(lambda t: t * 2, (x,))
    assert err.kinds == [EPS_TOO_SMALL]
    assert "input 0[0] = 100000000000.0" in str(err) and "pass a larger eps" in str(err)


def test_float32_warns_and_uses_float32_defaults(ns):
    x = ns.tensor([0.3, -0.7, 1.1], dtype=ns.float32, requires_grad=True)
    with pytest.warns(GradcheckPrecisionWarning, match=r"input 0 \(float32\) requires grad but is "
                                                       r"not float64.*eps=0.001, atol=0.001, rtol=0.01"):
        assert gradcheck(ns.exp, (x,)) is True
    # torch's float64 defaults on float32 inputs: eps=1e-6 is a few ulps, the check is noise
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert gradcheck(ns.exp, (x,), eps=1e-6, atol=1e-5, rtol=1e-3, raise_exception=False) is False


def test_float32_still_catches_gross_bugs(ns):
    func, _ = made(ns, "bug_wrong_sign")
    x = ns.tensor([0.3, -0.7, 1.1], dtype=ns.float32, requires_grad=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", GradcheckPrecisionWarning)
        assert isinstance(ours(func, (x,)), GradcheckError)
        assert isinstance(ours(func, (x,), fast_mode=True), GradcheckError)


def test_float32_corpus_of_correct_ops_passes_with_float32_defaults(ns):
    for name in ("sin", "matmul", "softmax_by_hand", "fn_sincos", "mul_broadcast"):
        func, inputs = made(ns, name)
        inputs32 = tuple(ns.tensor(t.detach().numpy().astype(np.float32).tolist(), dtype=ns.float32,
                                   requires_grad=True) for t in inputs)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", GradcheckPrecisionWarning)
            assert gradcheck(func, inputs32) is True, name


def test_no_input_requiring_grad_is_a_usage_error(ns):
    with pytest.raises(ValueError, match="no input requires grad"):
        gradcheck(ns.sin, (leaf(ns, arr((3,), 3), requires_grad=False),))
    with pytest.raises(TypeError, match="holds no tensor"):
        gradcheck(lambda a: a, (1.0, 2.0))


def test_no_differentiable_output_passes_when_truly_constant(ns):
    x = leaf(ns, arr((3,), 4))
    assert gradcheck(lambda t: (t > 0), (x,)) is True
    err = ours(lambda t: t.detach() * 2, (x,), fast_mode=True)
    assert err.kinds == [NONZERO_NUMERICAL] and "cut the graph" in str(err)


def _nonlinear_in_grad_output(ns):
    # g*g equals g when g is one-hot: slow mode cannot see it
    return square_function(ns, lambda x, g: 2 * x * g * g, name="SquaresGrad").apply


def test_check_batched_grad_catches_what_one_hot_grad_outputs_miss(ns, torch):
    func = _nonlinear_in_grad_output(ns)
    x = leaf(ns, arr((3,), 5))
    assert gradcheck(func, (x,)) is True  # a blind spot shared with torch's slow mode
    err = ours(func, (x,), check_batched_grad=True)
    assert err.kinds == [BATCHED_GRAD] and "not linear in grad_output" in str(err)
    assert isinstance(ours(func, (x,), fast_mode=True), GradcheckError)
    if ns is torch:
        assert torch.autograd.gradcheck(func, (x,)) is True


def test_check_batched_grad_passes_correct_ops(ns):
    for name in ("matmul", "two_outputs", "fn_sincos", "same_tensor_twice"):
        func, inputs = made(ns, name)
        assert gradcheck(func, inputs, check_batched_grad=True) is True, name
        assert gradcheck(func, inputs, check_batched_grad=True, fast_mode=True) is True, name


def test_gen_non_contig_grad_outputs(ns):
    func, inputs = made(ns, "fn_matmul")
    assert gradgradcheck(func, inputs, gen_non_contig_grad_outputs=True) is True


def test_gradgradcheck_with_explicit_grad_outputs(ns):
    x = leaf(ns, arr((3,), 6))
    g = leaf(ns, arr((3,), 7))
    assert gradgradcheck(lambda t: t ** 3, (x,), (g,)) is True
    with pytest.raises(GradcheckError, match="2 grad_outputs given for 1 differentiable outputs"):
        gradgradcheck(lambda t: t ** 3, (x,), (g, g))


def test_complex_tensors_are_refused_not_skipped(torch):
    z = torch.tensor([1 + 2j], dtype=torch.complex128, requires_grad=True)
    with pytest.raises(ValueError, match="input 0 requires grad but has dtype complex128"):
        gradcheck(lambda t: t * 2, (z,))
    x = torch.tensor([0.5], dtype=torch.float64, requires_grad=True)
    with pytest.raises(ValueError, match="output 0 requires grad but has dtype complex128"):
        gradcheck(lambda t: t * (1 + 1j), (x,))


def test_gradgradcheck_reports_a_failing_function(ns):
    def broken(x):
        raise RuntimeError("not implemented")
    x = leaf(ns, arr((2,), 8))
    with pytest.warns(GradcheckFailureWarning, match="not implemented"):
        assert gradgradcheck(broken, (x,), raise_exception=False) is False


def test_errors_survive_pickling(ns):
    import pickle
    err = ours(*made(ns, "bug_wrong_sign"))
    again = pickle.loads(pickle.dumps(err))
    assert str(again) == str(err) and isinstance(again, GradcheckError)


def test_empty_tensors(ns):
    empty = ns.tensor([], dtype=ns.float64, requires_grad=True)
    x = leaf(ns, arr((2,), 9))
    for fast in (False, True):
        assert gradcheck(lambda e, t: (e * 2, t * 3), (empty, x), fast_mode=fast) is True
        assert gradcheck(lambda e: e * 2, (empty,), fast_mode=fast) is True
