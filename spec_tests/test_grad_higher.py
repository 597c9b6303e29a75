"""Second derivatives: a gradient taken with create_graph=True is itself differentiable
(https://pytorch.org/docs/stable/generated/torch.autograd.grad.html). Each test takes the first
gradient of y = f(a) with grad_outputs=v, then differentiates it with grad_outputs=w and compares
both with closed forms (spec_tests/oracle_grad.py)."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import oracle_grad as OG
from . import strategies as S
from .catalogue import api, cases, spec
from .harness import check

GRAD = api("torch.autograd.grad")
F64 = "float64"

TWICE = ("a.requires_grad_()\n"
         "(g1,) = torch.autograd.grad({y}, a, grad_outputs=v, create_graph=True)\n"
         "(g2,) = torch.autograd.grad(g1, a, grad_outputs=w)\n"
         "(g1, g1.requires_grad, g2)")


def vw(data, shape):
    v = data.draw(S.arrays(F64, shape, lo=-2, hi=2), label="v")
    w = data.draw(S.arrays(F64, shape, lo=-2, hi=2), label="w")
    return v, w


ELEMENTWISE = cases([
    ("grad.second-exp", GRAD, "torch.exp(a)", OG.exp, "exp", dict(lo=-3, hi=3)),
    ("grad.second-sin", GRAD, "torch.sin(a)", OG.sin, "sin", dict(lo=-6, hi=6)),
    ("grad.second-tanh", GRAD, "torch.tanh(a)", OG.tanh, "tanh", dict(lo=-4, hi=4)),
    ("grad.second-sigmoid", GRAD, "torch.sigmoid(a)", OG.sigmoid, "sigmoid", dict(lo=-8, hi=8)),
    ("grad.second-log", GRAD, "torch.log(a)", OG.log, "log", dict(lo=0.1, hi=10)),
    ("grad.second-pow-cube", GRAD, "a ** 3", lambda x: OG.pow_scalar(x, 3), "cube", dict(lo=-3, hi=3)),
])


@pytest.mark.parametrize("code, op, second, domain", ELEMENTWISE)
@given(data=st.data())
def test_elementwise(T, code, op, second, domain, data):
    x = data.draw(S.arrays(F64, S.shapes(0, 3), **domain), label="a")
    v, w = vw(data, x.shape)

    def want(x, v, w):
        return op(x)[1](v)[0], True, OG.SECOND[second](x, v, w)
    check(T, TWICE.format(y=code), x, v, w, names="a v w", expected=want)


@spec("grad.second-pow-scalar-exponent", GRAD)
@given(data=st.data(), p=st.sampled_from([2, -1, 0.5, 2.5, -1.5]))
def test_pow(T, data, p):
    x = data.draw(S.arrays(F64, S.shapes(0, 3), lo=0.25, hi=4), label="a")
    v, w = vw(data, x.shape)
    check(T, TWICE.format(y=f"a ** {p}"), x, v, w, names="a v w",
          expected=lambda x, v, w: (OG.pow_scalar(x, p)[1](v)[0], True, OG.second_pow(x, p, v, w)))


ALONG = cases([
    ("grad.second-softmax", GRAD, "torch.softmax(a, {d})", OG.softmax, OG.second_softmax),
    ("grad.second-log-softmax", GRAD, "torch.log_softmax(a, {d})", OG.log_softmax, OG.second_log_softmax),
])


@pytest.mark.parametrize("template, op, second", ALONG)
@given(data=st.data())
def test_along_dim(T, template, op, second, data):
    x = data.draw(S.arrays(F64, S.shapes(1, 3), lo=-5, hi=5), label="a")
    d = data.draw(S.dims(x.ndim), label="dim")
    v, w = vw(data, x.shape)
    check(T, TWICE.format(y=template.format(d=d)), x, v, w, names="a v w", reduce=x.shape[d],
          expected=lambda x, v, w: (op(x, d)[1](v)[0], True, second(x, d, v, w)))


CROSS = ("a.requires_grad_(); b.requires_grad_()\n"
         "(ga,) = torch.autograd.grad({y}, a, grad_outputs=v, create_graph=True)\n"
         "(gb,) = torch.autograd.grad(ga, b, grad_outputs=w)\n"
         "(ga, gb)")

CROSSES = cases([
    ("grad.second-mul-cross", GRAD, "a * b", "elementwise", OG.mul, OG.second_mul_cross),
    ("grad.second-matmul-cross", GRAD, "torch.matmul(a, b)", "matmul", OG.mm, OG.second_mm_cross),
    ("grad.second-mm-cross", GRAD, "a @ b", "matmul", OG.mm, OG.second_mm_cross),
])


@pytest.mark.parametrize("code, shapes, op, second", CROSSES)
@given(data=st.data())
def test_cross(T, code, shapes, op, second, data):
    # The first gradient in a depends on b alone: differentiate it in b.
    n, k, m = (data.draw(st.integers(1, 4), label=s) for s in "nkm")
    sa, sb, so = ((n, k), (n, k), (n, k)) if shapes == "elementwise" else ((n, k), (k, m), (n, m))
    a = data.draw(S.arrays(F64, sa, lo=-3, hi=3), label="a")
    b = data.draw(S.arrays(F64, sb, lo=-3, hi=3), label="b")
    v = data.draw(S.arrays(F64, so, lo=-2, hi=2), label="v")
    w = data.draw(S.arrays(F64, sa, lo=-2, hi=2), label="w")
    check(T, CROSS.format(y=code), a, b, v, w, names="a b v w", reduce=4 * max(n, k, m),
          expected=lambda a, b, v, w: (op(a, b)[1](v)[0], second(v, w)))


REDUCTIONS = cases([
    # y = sum(a)**2: dy/da = 2 v sum(a) everywhere, and its derivative along w is 2 v sum(w).
    ("grad.second-sum-squared", GRAD, "a.sum() ** 2", lambda x, v, w: (np.full(x.shape, 2 * v * x.sum()),
                                                                  np.full(x.shape, 2 * v * w.sum()))),
    # y = mean(a)**2: dy/da = 2 v mean(a) / n, then 2 v sum(w) / n**2.
    ("grad.second-mean-squared", GRAD, "a.mean() ** 2", lambda x, v, w: (np.full(x.shape, 2 * v * x.mean() / x.size),
                                                                    np.full(x.shape, 2 * v * w.sum() / x.size ** 2))),
])


@pytest.mark.parametrize("code, want", REDUCTIONS)
@given(data=st.data())
def test_reduction(T, code, want, data):
    x = data.draw(S.arrays(F64, S.shapes(1, 3), lo=-3, hi=3), label="a")
    v = data.draw(S.arrays(F64, (), lo=-2, hi=2), label="v")
    w = data.draw(S.arrays(F64, x.shape, lo=-2, hi=2), label="w")
    check(T, TWICE.format(y=code), x, v, w, names="a v w", reduce=x.size,
          expected=lambda x, v, w: (want(x, v, w)[0], True, want(x, v, w)[1]))


@spec("grad.second-gradient-penalty-backward", GRAD)
@given(x=S.arrays(F64, S.shapes(1, 3), lo=-3, hi=3))
def test_gradient_penalty(T, x):
    # g = d/da sum(a**3) = 3 a**2 keeps its graph; backward of sum(g**2) = sum(9 a**4) gives 36 a**3.
    check(T, "a.requires_grad_(); (g,) = torch.autograd.grad((a ** 3).sum(), a, create_graph=True)\n"
             "(g * g).sum().backward(); a.grad", x, expected=lambda x: 36 * x ** 3)


@spec("grad.second-backward-create-graph", api("torch.Tensor.backward"))
@given(x=S.arrays(F64, S.shapes(1, 3), lo=-3, hi=3), w=st.data())
def test_backward_create_graph(T, x, w):
    # backward(create_graph=True) leaves a .grad with history: 3 a**2, whose derivative along w is 6 a w.
    wv = w.draw(S.arrays(F64, x.shape, lo=-2, hi=2), label="w")
    check(T, "a.requires_grad_(); (a ** 3).sum().backward(create_graph=True); g = a.grad\n"
             "(h,) = torch.autograd.grad(g, a, grad_outputs=w); (g, g.requires_grad, h)", x, wv, names="a w",
          expected=lambda x, w: (3 * x ** 2, True, 6 * x * w))


@spec("grad.second-first-grad-without-create-graph-is-constant", GRAD)
def test_without_create_graph(T):
    check(T, "a.requires_grad_(); (g,) = torch.autograd.grad((a ** 3).sum(), a); (g.requires_grad, g.grad_fn is None)",
          np.array([1.5, -0.5]), expected=(False, True))
