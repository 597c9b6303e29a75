"""torch.nn.utils: clip_grad_norm_, clip_grad_value_, parameters_to_vector, vector_to_parameters
(https://pytorch.org/docs/stable/nn.html#utilities)."""
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import strategies as S
from .catalogue import api, cases, spec
from .harness import check, check_raises
from .messages import error_cases

CLIP = api("torch.nn.utils.clip_grad_norm_")
F32 = "float32"

# two parameters whose .grad are the drawn arrays
SETUP = ("p = torch.nn.Parameter(torch.zeros_like(a))\nq = torch.nn.Parameter(torch.zeros_like(b))\n"
         "p.grad = a.clone()\nq.grad = b.clone()\n")


def _norm(arrays, p):
    flat = np.concatenate([a.astype(np.float64).reshape(-1) for a in arrays])
    if p == math.inf:
        return np.abs(flat).max()
    if p == 0:
        # the norm of the per-tensor norms: each tensor's count of non-zeros, then how many are non-zero
        return float(sum(1 for a in arrays if np.count_nonzero(a)))
    return (np.abs(flat) ** p).sum() ** (1 / p)


def _clipped(arrays, max_norm, p):
    total = _norm(arrays, p)
    coef = min(max_norm / (total + 1e-6), 1.0)
    return [(a.astype(np.float64) * coef).astype(a.dtype) for a in arrays], total


@spec("nn.clip-grad-norm", CLIP)
@given(a=S.arrays(F32, S.shapes(1, 2), lo=-4, hi=4), b=S.arrays(F32, S.shapes(1, 2), lo=-4, hi=4),
       max_norm=st.sampled_from([0.1, 1.0, 5.0, 100.0]), p=st.sampled_from([1.0, 2.0, 3.0, math.inf, 0.0]))
def test_clip_grad_norm(T, a, b, max_norm, p):
    def expected(a, b):
        (ga, gb), total = _clipped([a, b], max_norm, p)
        return np.float32(total), ga, gb
    check(T, SETUP + f"n = torch.nn.utils.clip_grad_norm_([p, q], {max_norm}, norm_type=float('{p}'))\n(n, p.grad, q.grad)",
          a, b, expected=expected, reduce=a.size + b.size)


@spec("nn.clip-grad-norm-module-parameters", CLIP)
@given(x=S.arrays(F32, (4, 3), lo=-3, hi=3))
def test_clip_grad_norm_model(T, x):
    # after clipping a model's gradients their total 2-norm is at most max_norm
    check(T, "torch.manual_seed(0)\nm = torch.nn.Sequential(torch.nn.Linear(3, 5), torch.nn.Tanh(), torch.nn.Linear(5, 2)).to(dev)\n"
             "(m(a) * 10).sum().backward()\ntotal = torch.nn.utils.clip_grad_norm_(m.parameters(), 0.5)\n"
             "after = sum((p.grad.double() ** 2).sum() for p in m.parameters()).sqrt().item()\n"
             "(isinstance(total, torch.Tensor), total.dim(), after <= 0.5 + 1e-5)", x, expected=(True, 0, True))


CLIP_CASES = cases([
    ("nn.clip-grad-norm-single-tensor", CLIP,
     "p = torch.nn.Parameter(torch.zeros(2))\np.grad = torch.tensor([3.0, 4.0])\n"
     "(torch.nn.utils.clip_grad_norm_(p, 1.0), p.grad)",
     (np.float32(5.0), np.array([0.6, 0.8], np.float32))),
    ("nn.clip-grad-norm-no-grads", CLIP, "torch.nn.utils.clip_grad_norm_([torch.nn.Parameter(torch.ones(2))], 1.0)",
     np.float32(0.0)),
    ("nn.clip-grad-norm-below-max-unchanged", CLIP,
     "p = torch.nn.Parameter(torch.zeros(2))\np.grad = torch.tensor([0.3, 0.4])\n"
     "torch.nn.utils.clip_grad_norm_(p, 10.0)\np.grad", np.array([0.3, 0.4], np.float32)),
    ("nn.clip-grad-norm-skips-none", CLIP,
     "p = torch.nn.Parameter(torch.zeros(2))\nr = torch.nn.Parameter(torch.zeros(2))\np.grad = torch.tensor([6.0, 8.0])\n"
     "(torch.nn.utils.clip_grad_norm_([p, r], 5.0), r.grad)", (np.float32(10.0), None)),
    ("nn.clip-grad-norm-nan-kept", CLIP,
     "p = torch.nn.Parameter(torch.zeros(2))\np.grad = torch.tensor([float('nan'), 1.0])\n"
     "torch.nn.utils.clip_grad_norm_(p, 1.0)", np.float32("nan")),
    ("nn.clip-grad-value", api("torch.nn.utils.clip_grad_value_"),
     "p = torch.nn.Parameter(torch.zeros(4))\np.grad = torch.tensor([-3.0, -0.5, 0.25, 2.0])\n"
     "r = torch.nn.utils.clip_grad_value_([p], 1.0)\n(r, p.grad)",
     (None, np.array([-1.0, -0.5, 0.25, 1.0], np.float32))),
    ("nn.parameters-to-vector", api("torch.nn.utils.parameters_to_vector"),
     "m = torch.nn.Linear(2, 2)\nm.load_state_dict({'weight': torch.tensor([[1.0, 2.0], [3.0, 4.0]]), 'bias': torch.tensor([5.0, 6.0])})\n"
     "torch.nn.utils.parameters_to_vector(m.parameters())", np.arange(1, 7, dtype=np.float32)),
    ("nn.vector-to-parameters", api("torch.nn.utils.vector_to_parameters"),
     "m = torch.nn.Linear(2, 2)\ntorch.nn.utils.vector_to_parameters(torch.arange(6.0), m.parameters())\n"
     "(m.weight.detach(), m.bias.detach(), type(m.weight).__name__)",
     (np.array([[0, 1], [2, 3]], np.float32), np.array([4, 5], np.float32), "Parameter")),
])


@pytest.mark.parametrize("code, expected", CLIP_CASES)
def test_cases(T, code, expected):
    check(T, code, expected=expected)


@spec("nn.clip-grad-value-drawn", api("torch.nn.utils.clip_grad_value_"))
@given(a=S.arrays(F32, S.shapes(1, 3), lo=-5, hi=5), c=st.sampled_from([0.1, 1.0, 2.5]))
def test_clip_grad_value(T, a, c):
    check(T, f"p = torch.nn.Parameter(torch.zeros_like(a))\np.grad = a.clone()\ntorch.nn.utils.clip_grad_value_(p, {c})\np.grad",
          a, expected=lambda a: np.clip(a, -np.float32(c), np.float32(c)))


@spec("nn.vector-roundtrip", api("torch.nn.utils.vector_to_parameters"))
@given(v=S.arrays(F32, (12,), lo=-3, hi=3))
def test_vector_roundtrip(T, v):
    check(T, "m = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.Linear(3, 1, bias=False))\n"
             "torch.nn.utils.vector_to_parameters(a, m.parameters())\ntorch.nn.utils.parameters_to_vector(m.parameters())",
          v, expected=lambda v: v)


ERRORS = error_cases([
    ("nn.clip-grad-norm-nonfinite-error", CLIP,
     "p = torch.nn.Parameter(torch.zeros(2))\np.grad = torch.tensor([float('inf'), 1.0])\n"
     "torch.nn.utils.clip_grad_norm_(p, 1.0, error_if_nonfinite=True)", RuntimeError,
     ("The total norm of order 2.0 for gradients from `parameters` is non-finite",)),
    ("nn.vector-to-parameters-not-tensor", api("torch.nn.utils.vector_to_parameters"),
     "torch.nn.utils.vector_to_parameters([1.0], [torch.nn.Parameter(torch.ones(1))])", TypeError,
     ("expected torch.Tensor, but got: list",)),
])


@pytest.mark.parametrize("code, exc, contains", ERRORS)
def test_errors(T, code, exc, contains):
    check_raises(T, code, exc=exc, contains=contains)
