"""Finite-difference gradient checks for custom autograd ops, on torch or `reference` tensors.

    from gradcheck import gradcheck, gradgradcheck, check_op, GradcheckError

`gradcheck.strategies` (hypothesis) and `check_op` are imported on first use, so the core needs
only numpy and the tensor library."""
from ._api import gradcheck, gradgradcheck
from ._errors import (Failure, GradcheckError, GradcheckFailureWarning,
                      GradcheckPrecisionWarning)

__all__ = ["gradcheck", "gradgradcheck", "check_op", "strategies", "GradcheckError", "Failure",
           "GradcheckFailureWarning", "GradcheckPrecisionWarning"]


def __getattr__(name):
    if name == "check_op":
        from ._check_op import check_op
        return check_op
    if name == "strategies":
        import importlib
        return importlib.import_module(".strategies", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
