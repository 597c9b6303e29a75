"""Autograd misuse raises what torch raises (https://pytorch.org/docs/stable/notes/autograd.html).
`a` and `b` are float32 tensors of 3 elements in every row; `a` does not require grad until the
code says so."""
import numpy as np
import pytest

from .catalogue import api, doc
from .harness import check_raises
from .messages import error_cases

AUTOGRAD = doc("notes/autograd.html")
INPLACE = doc("notes/autograd.html#in-place-operations-with-autograd")
BACKWARD = api("torch.Tensor.backward")
GRAD = api("torch.autograd.grad")

BAD_FUNCTION = '''
class TooMany(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2

    @staticmethod
    def backward(ctx, g):
        return g, g
'''

WRONG_SHAPE = '''
class WrongShape(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2

    @staticmethod
    def backward(ctx, g):
        return torch.ones(5)
'''

ERRORS = error_cases([
    # backward needs a gradient for a non-scalar output
    ("grad-errors.non-scalar-backward-needs-gradient", BACKWARD,
     "a.requires_grad_(); (a * 2).backward()", RuntimeError, ("scalar",)),
    ("grad-errors.non-scalar-grad-needs-grad-outputs", GRAD,
     "a.requires_grad_(); torch.autograd.grad(a * 2, a)", RuntimeError, ("scalar",)),
    ("grad-errors.gradient-shape-mismatch", BACKWARD,
     "a.requires_grad_(); (a * 2).backward(torch.ones(2))", RuntimeError, ()),
    # saved tensors are freed by the first backward
    ("grad-errors.second-backward-freed-exp", BACKWARD,
     "a.requires_grad_(); y = a.exp().sum(); y.backward(); y.backward()", RuntimeError, ("second time",)),
    ("grad-errors.second-backward-freed-mul", BACKWARD,
     "a.requires_grad_(); y = (a * b).sum(); y.backward(); y.backward()", RuntimeError, ("second time",)),
    ("grad-errors.second-grad-call-freed", GRAD,
     "a.requires_grad_(); y = a.exp().sum(); torch.autograd.grad(y, a); torch.autograd.grad(y, a)", RuntimeError,
     ("second time",)),
    # a leaf that requires grad refuses in-place writes (outside no_grad)
    ("grad-errors.inplace-on-leaf", INPLACE, "a.requires_grad_(); a.add_(1)", RuntimeError, ("leaf",)),
    ("grad-errors.augmented-assignment-on-leaf", INPLACE, "a.requires_grad_(); a += 1; a", RuntimeError, ("leaf",)),
    ("grad-errors.zero-on-leaf", INPLACE, "a.requires_grad_(); a.zero_()", RuntimeError, ("leaf",)),
    ("grad-errors.setitem-on-leaf", INPLACE, "a.requires_grad_(); a[0] = 1; a", RuntimeError, ("leaf",)),
    ("grad-errors.inplace-on-view-of-leaf", INPLACE, "a.requires_grad_(); a[0].mul_(2)", RuntimeError,
     ("view of a leaf",)),
    ("grad-errors.inplace-on-reshaped-leaf", INPLACE, "a.requires_grad_(); a.view(3, 1).add_(1)", RuntimeError,
     ("view of a leaf",)),
    # the version counter catches a saved tensor modified in place
    ("grad-errors.saved-input-modified", INPLACE,
     "a.requires_grad_(); y = a * 2; z = y * y; y.add_(1); z.sum().backward()", RuntimeError, ("inplace",)),
    ("grad-errors.saved-output-modified", INPLACE,
     "a.requires_grad_(); z = a.exp(); z.mul_(2); z.sum().backward()", RuntimeError, ("inplace",)),
    ("grad-errors.saved-sigmoid-output-modified", INPLACE,
     "a.requires_grad_(); z = a.sigmoid(); z.add_(1); z.sum().backward()", RuntimeError, ("inplace",)),
    ("grad-errors.saved-modified-through-view", INPLACE,
     "a.requires_grad_(); y = a * 2; z = y * y; y[0].mul_(3); z.sum().backward()", RuntimeError, ("inplace",)),
    ("grad-errors.saved-view-modified-through-base", INPLACE,
     "a.requires_grad_(); y = a * 2; v = y[0:2]; z = v * v; y.add_(1); z.sum().backward()", RuntimeError,
     ("inplace",)),
    ("grad-errors.saved-modified-by-fill", INPLACE,
     "a.requires_grad_(); y = a * 2; z = y * y; y.fill_(1.0); z.sum().backward()", RuntimeError, ("inplace",)),
    ("grad-errors.saved-modified-by-zero", INPLACE,
     "a.requires_grad_(); y = a * 2; z = y.exp(); z.zero_(); z.sum().backward()", RuntimeError, ("inplace",)),
    ("grad-errors.saved-modified-via-setitem", INPLACE,
     "a.requires_grad_(); y = a * 2; z = y.tanh(); z[1] = 0.0; z.sum().backward()", RuntimeError, ("inplace",)),
    # nothing to differentiate
    ("grad-errors.backward-without-requires-grad", BACKWARD, "(a * 2).sum().backward()", RuntimeError,
     ("does not require grad",)),
    ("grad-errors.backward-of-plain-leaf", BACKWARD, "a.sum().backward()", RuntimeError, ("does not require grad",)),
    ("grad-errors.grad-of-output-without-graph", GRAD, "torch.autograd.grad((a * 2).sum(), a)", RuntimeError, ()),
    ("grad-errors.grad-wrt-tensor-without-grad", GRAD,
     "a.requires_grad_(); torch.autograd.grad((a * 2).sum(), [a, b])", RuntimeError, ()),
    ("grad-errors.backward-inside-no-grad-graph", doc("notes/autograd.html#locally-disabling-gradient-computation"),
     "a.requires_grad_()\nwith torch.no_grad():\n    y = (a * 2).sum()\ny.backward()", RuntimeError,
     ("does not require grad",)),
    # only floating tensors can require grad
    ("grad-errors.integer-requires-grad-method", api("torch.Tensor.requires_grad_"),
     "torch.tensor([1, 2]).requires_grad_()", RuntimeError, ("floating point",)),
    ("grad-errors.integer-requires-grad-argument", api("torch.tensor"),
     "torch.tensor([1, 2], requires_grad=True)", RuntimeError, ()),
    ("grad-errors.integer-requires-grad-attribute", api("torch.Tensor.requires_grad"),
     "x = torch.arange(3); x.requires_grad = True; x", RuntimeError, ()),
    ("grad-errors.bool-requires-grad", api("torch.Tensor.requires_grad_"),
     "(a > 0).requires_grad_()", RuntimeError, ()),
    # numpy() refuses a tensor that requires grad
    ("grad-errors.numpy-of-leaf-requiring-grad", api("torch.Tensor.numpy"),
     "a.requires_grad_(); a.numpy()", RuntimeError, ("detach",)),
    ("grad-errors.numpy-of-result-requiring-grad", api("torch.Tensor.numpy"),
     "a.requires_grad_(); (a * 2).numpy()", RuntimeError, ("detach",)),
    # custom Functions must return one gradient per input, of the input's shape
    ("grad-errors.function-too-many-gradients", doc("notes/extending.html"),
     BAD_FUNCTION + "a.requires_grad_(); TooMany.apply(a).sum().backward()", RuntimeError, ()),
    ("grad-errors.function-gradient-wrong-shape", doc("notes/extending.html"),
     WRONG_SHAPE + "a.requires_grad_(); WrongShape.apply(a).sum().backward()", RuntimeError, ()),
])


@pytest.mark.parametrize("code, exc, contains", ERRORS)
def test_grad_error(T, code, exc, contains):
    check_raises(T, code, np.array([1.5, -2.0, 0.5], np.float32), np.array([3.0, 0.25, -1.0], np.float32),
                 exc=exc, contains=contains)
