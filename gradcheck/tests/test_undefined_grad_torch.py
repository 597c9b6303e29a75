"""check_undefined_grad. A backward only sees None for an unused output with torch's
ctx.set_materialize_grads(False), which is outside the namespace contract, so these tests are
torch-only (under the contract, custom backwards receive zeros, which the always-on zero-grad check
covers on both namespaces).

Any backward that simply crashes on None already fails the per-output Jacobian check, where every
other output's grad is undefined. What remains for this check is a backward whose handling of a
missing grad is wrong only when the remaining grads are zero, as below."""
from gradcheck import GradcheckError
from gradcheck._errors import UNDEFINED_GRAD

from .corpus import arr, leaf
from .helpers import ours, torch_verdict


def _sincos(torch, leaky_fallback):
    class SinCos(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.set_materialize_grads(False)
            ctx.save_for_backward(x)
            return torch.sin(x), torch.cos(x)

        @staticmethod
        def backward(ctx, g_sin, g_cos):
            (x,) = ctx.saved_tensors
            defined = [g for g in (g_sin, g_cos) if g is not None]
            if leaky_fallback and len(defined) < 2 and not any(bool(g.any()) for g in defined):
                return torch.ones_like(x)  # "no gradient information": a made-up default
            grad = torch.zeros_like(x)
            if g_sin is not None:
                grad = grad + g_sin * torch.cos(x)
            if g_cos is not None:
                grad = grad - g_cos * torch.sin(x)
            return grad
    return SinCos.apply


def test_none_aware_backward_passes_like_torch(torch):
    func = _sincos(torch, leaky_fallback=False)
    x = leaf(torch, arr((3,), 1))
    assert ours(func, (x,)) is True and torch_verdict(torch, func, (x,)) is True


def test_mishandled_undefined_grad_is_caught_like_torch(torch):
    func = _sincos(torch, leaky_fallback=True)
    x = leaf(torch, arr((3,), 1))
    err = ours(func, (x,))
    assert isinstance(err, GradcheckError) and set(err.kinds) == {UNDEFINED_GRAD}
    assert "with no gradient flowing into output 1 (others zero), the gradient for input 0" in str(err)
    assert torch_verdict(torch, func, (x,)) is False
    assert ours(func, (x,), check_undefined_grad=False) is True
    assert torch_verdict(torch, func, (x,), check_undefined_grad=False) is True
