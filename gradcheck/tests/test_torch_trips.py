"""Where torch.autograd.gradcheck (2.13) trips, and what gradcheck does instead. Each test first
shows torch's behaviour, so a torch release that fixes it makes the test say so."""
import importlib

import numpy as np
import pytest

from gradcheck import GradcheckError, GradcheckFailureWarning, gradcheck

from .corpus import CASES, leaf

BY_NAME = {c.name: c for c in CASES}


def torch_gradcheck_error():
    return importlib.import_module("torch.autograd.gradcheck").GradcheckError


def test_exception_from_backward_escapes_torch_even_without_raise(torch):
    func, build = BY_NAME["bug_wrong_shape"].make(torch)
    with pytest.raises(RuntimeError, match="returned an invalid gradient") as info:
        torch.autograd.gradcheck(func, build(), raise_exception=False)
    assert not isinstance(info.value, torch_gradcheck_error())
    with pytest.warns(GradcheckFailureWarning, match="invalid gradient"):
        assert gradcheck(func, build(), raise_exception=False) is False
    with pytest.raises(GradcheckError) as ours:
        gradcheck(func, build())
    assert isinstance(ours.value.__cause__, RuntimeError)


def test_exception_from_forward_escapes_torch_even_without_raise(torch):
    def fails_off_center(x):
        if float(x.detach().sum()) != 0.5:
            raise ArithmeticError("only defined on the original input")
        return x * 2
    x = leaf(torch, np.array([0.25, 0.25]))
    with pytest.raises(ArithmeticError):
        torch.autograd.gradcheck(fails_off_center, (x,), raise_exception=False)
    with pytest.warns(GradcheckFailureWarning, match="ArithmeticError"):
        assert gradcheck(fails_off_center, (x,), raise_exception=False) is False


@pytest.mark.parametrize("fast_mode", [False, True])
def test_bool_output_crashes_torch(torch, fast_mode):
    func, build = BY_NAME["bool_second_output"].make(torch)
    with pytest.raises(RuntimeError, match="bool tensors is not supported"):
        torch.autograd.gradcheck(func, build(), fast_mode=fast_mode)
    assert gradcheck(func, build(), fast_mode=fast_mode) is True


def test_fast_mode_pairs_outputs_wrongly_after_a_non_differentiable_one(torch):
    func, build = BY_NAME["detached_first_output"].make(torch)
    assert torch.autograd.gradcheck(func, build()) is True
    with pytest.raises(torch_gradcheck_error(), match="Jacobian mismatch"):
        torch.autograd.gradcheck(func, build(), fast_mode=True)
    assert gradcheck(func, build(), fast_mode=True) is True


def test_fast_mode_fallback_uses_the_callers_eps(ns):
    """The element-wise recomputation in a fast-mode report must use the caller's eps: with
    eps=0.1 the central difference of x^3 is 3x^2 + eps^2, visibly so."""
    class Cube(ns.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x ** 3

        @staticmethod
        def backward(ctx, g):
            (x,) = ctx.saved_tensors
            return g * 3 * x * x * 1.05
    x = leaf(ns, np.array([1.0, 2.0]))
    with pytest.raises(GradcheckError) as info:
        gradcheck(Cube.apply, (x,), eps=0.1, fast_mode=True)
    text = str(info.value)
    assert "slow mode, eps=0.1" in text
    assert "numerical 3.01," in text and "numerical 12.01," in text
