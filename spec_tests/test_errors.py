"""Errors mirror torch: the same exception type, and messages that name the offending sizes.
`a` is a 2x3 float32 tensor in every row."""
import numpy as np
import pytest

from .catalogue import api, doc, spec
from .harness import check_raises
from .messages import error_cases

ERRORS = error_cases([
    ("errors.subtract-bool-tensors", api("torch.sub"), "a.bool() - a.bool()", RuntimeError, ()),
    ("errors.subtract-bool-from-float", api("torch.sub"), "a - a.bool()", RuntimeError, ()),
    ("errors.negate-bool", api("torch.neg"), "-a.bool()", RuntimeError, ()),
    ("errors.invert-float", api("torch.bitwise_not"), "~a", TypeError, ()),
    ("errors.integer-negative-power", api("torch.pow"), "a.long() ** -1", RuntimeError, ()),
    ("errors.int-tensor-cannot-require-grad", doc("autograd.html#module-torch.autograd"),
     "torch.zeros(3, dtype=torch.long, requires_grad=True, device=dev)", RuntimeError, ()),
    ("errors.negative-size", api("torch.zeros"), "torch.zeros(-1, device=dev)", RuntimeError, ()),
    ("errors.reshape-wrong-numel", api("torch.reshape"), "a.reshape(5)", RuntimeError, (5, 6)),
    ("errors.view-wrong-numel", api("torch.Tensor.view"), "a.view(4, 2)", RuntimeError, (6,)),
    ("errors.view-two-minus-ones", api("torch.Tensor.view"), "a.view(-1, -1)", RuntimeError, ()),
    ("errors.expand-non-singleton", api("torch.Tensor.expand"), "a.expand(2, 4)", RuntimeError, (3, 4)),
    ("errors.permute-wrong-length", api("torch.permute"), "a.permute(0, 1, 2)", RuntimeError, ()),
    ("errors.permute-repeated-dim", api("torch.permute"), "a.permute(0, 0)", RuntimeError, ()),
    ("errors.transpose-dim-out-of-range", api("torch.transpose"), "a.transpose(0, 2)", IndexError, (2,)),
    ("errors.unsqueeze-dim-out-of-range", api("torch.unsqueeze"), "a.unsqueeze(3)", IndexError, (3,)),
    ("errors.squeeze-dim-out-of-range", api("torch.squeeze"), "a.squeeze(2)", IndexError, (2,)),
    ("errors.flatten-dim-out-of-range", api("torch.flatten"), "a.flatten(2)", IndexError, (2,)),
    ("errors.narrow-past-end", api("torch.narrow"), "a.narrow(1, 2, 2)", RuntimeError, ()),
    ("errors.arange-zero-step", api("torch.arange"), "torch.arange(0, 5, 0, device=dev)", RuntimeError, ()),
    ("errors.randint-empty-range", api("torch.randint"), "torch.randint(5, 5, (3,), device=dev)", RuntimeError, ()),
    ("errors.ragged-nested-list", api("torch.tensor"), "torch.tensor([[1, 2], [3]])", ValueError, ()),
    ("errors.tensor-of-strings", api("torch.tensor"), "torch.tensor([1, 'x'])", TypeError, ()),
    ("errors.clamp-without-bounds", api("torch.clamp"), "a.clamp()", RuntimeError, ()),
    ("errors.fill-with-non-scalar-tensor", api("torch.Tensor.fill_"), "a.fill_(torch.zeros(2, device=dev))", RuntimeError, ()),
    ("errors.copy-shape-mismatch", api("torch.Tensor.copy_"), "a.copy_(torch.zeros(3, 2, device=dev))", RuntimeError, ()),
    ("errors.eye-negative", api("torch.eye"), "torch.eye(-1, device=dev)", RuntimeError, ()),
    ("errors.linspace-negative-steps", api("torch.linspace"), "torch.linspace(0, 1, -1, device=dev)", RuntimeError, ()),
    ("errors.max-of-empty-needs-dim", api("torch.max"), "torch.zeros(0, device=dev).max()", RuntimeError, ()),
    ("errors.where-shape-mismatch", api("torch.where"), "torch.where(a > 0, a, torch.zeros(4, device=dev))", RuntimeError, (3, 4)),
    ("errors.where-condition-must-be-bool", api("torch.where"), "torch.where(a, a, a)", RuntimeError, ()),
    ("errors.size-dim-out-of-range", api("torch.Tensor.size"), "a.size(2)", IndexError, (2,)),
    ("errors.split-zero-size", api("torch.split"), "a.split(0)", RuntimeError, ()),
    # a Python number that the dtype cannot hold is refused when it fills a tensor (where arithmetic with
    # it would round to inf or wrap): a float beyond float32's range, an integer beyond int8's, NaN for an int
    ("errors.full-value-beyond-dtype", api("torch.full"), "torch.full((2, 3), 1e39, device=dev)", RuntimeError,
     ("float",)),
    ("errors.full-int-value-beyond-dtype", api("torch.full"),
     "torch.full((2, 3), 300, dtype=torch.int8, device=dev)", RuntimeError, ("int8",)),
    ("errors.full-nan-into-int", api("torch.full"),
     "torch.full((2, 3), float('nan'), dtype=torch.int32, device=dev)", RuntimeError, ("int",)),
    ("errors.fill-value-beyond-dtype", api("torch.Tensor.fill_"), "a.fill_(-1e39)", RuntimeError, ("float",)),
    ("errors.masked-fill-value-beyond-dtype", api("torch.Tensor.masked_fill"), "a.masked_fill(a > 2, 1e39)",
     RuntimeError, ("float",)),
    ("errors.setitem-value-beyond-dtype", api("torch.Tensor.__setitem__"), "a.to(torch.int8)[0] = 128",
     RuntimeError, ("int8",)),
    ("errors.tensor-int-data-beyond-dtype", api("torch.tensor"),
     "torch.tensor([[1, 2], [3, 300]], dtype=torch.int8, device=dev)", RuntimeError, ("int8",)),
    ("errors.tensor-float-data-into-int-beyond-dtype", api("torch.tensor"),
     "torch.tensor([1.0, 1e10], dtype=torch.int32, device=dev)", RuntimeError, ("int32",)),
    # and so is a Python bound, value or weight that an op's result dtype cannot hold
    ("errors.clamp-bound-beyond-dtype", api("torch.clamp"), "a.clamp(max=1e39)", RuntimeError, ("float",)),
    ("errors.clamp-int-bound-beyond-dtype", api("torch.clamp"), "a.to(torch.int8).clamp(min=-300)", RuntimeError,
     ("int8",)),
    ("errors.where-value-beyond-dtype", api("torch.where"), "torch.where(a > 2, a, -1e39)", RuntimeError, ("float",)),
    ("errors.lerp-weight-beyond-dtype", api("torch.lerp"), "torch.lerp(a, a + 1, 1e39)", RuntimeError, ("float",)),
])


@pytest.mark.parametrize("code, exc, contains", ERRORS)
def test_error(T, code, exc, contains):
    check_raises(T, code, np.arange(6, dtype=np.float32).reshape(2, 3), exc=exc, contains=contains)


@spec("errors.integer-division-by-zero", api("torch.floor_divide"))
@pytest.mark.cpu_only  # CUDA kernels do not check the divisor
def test_integer_division_by_zero(T):
    check_raises(T, "a.long() // 0", np.arange(6, dtype=np.float32).reshape(2, 3), exc=RuntimeError)
