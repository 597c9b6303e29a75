"""Shared by the test modules: verdicts as values, so a test can compare them."""
import warnings

from gradcheck import GradcheckError, gradcheck, gradgradcheck


def square_function(ns, grad, name="Square"):
    """x -> x * x as an autograd.Function whose backward is grad(x, g): the tests plant different
    bugs in that one expression, so the skeleton lives here once."""
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * x

    def backward(ctx, g):
        (x,) = ctx.saved_tensors
        return grad(x, g)

    return type(name, (ns.autograd.Function,), {"forward": staticmethod(forward),
                                                "backward": staticmethod(backward)})


def ours(func, inputs, second_order=False, **kwargs):
    """True, or the GradcheckError (so tests can look at its failure kinds)."""
    check = gradgradcheck if second_order else gradcheck
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return check(func, inputs, **kwargs)
        except GradcheckError as exc:
            return exc


def torch_verdict(torch, func, inputs, second_order=False, **kwargs):
    """torch's own verdict; an exception of any type counts as a failure."""
    check = torch.autograd.gradgradcheck if second_order else torch.autograd.gradcheck
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return bool(check(func, inputs, **kwargs))
        except Exception:  # noqa: BLE001 - any exception is torch saying "fail"
            return False
