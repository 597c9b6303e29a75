"""Shared by the test modules: verdicts as values, so a test can compare them."""
import warnings

from gradcheck import GradcheckError, gradcheck, gradgradcheck


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
