"""torch.autograd's function-level API as ordinary code uses it: autograd.functional (vjp, jvp, vhp,
hvp, jacobian, hessian), autograd.gradcheck/gradgradcheck, Variable, and the namespace's in-place
twins of unary functions (torch.exp_, ...)."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import strategies as S
from .catalogue import api, cases, doc, spec
from .harness import check, check_raises

FUNCTIONAL = doc("autograd.html#functional-higher-level-api")

# f(x, y) = x**2 * y + sin(x) elementwise; its derivatives in closed form (float64)
F = "def f(x, y):\n    return x ** 2 * y + x.sin()\n"
CUBE = "def g(x):\n    return (x ** 3).sum() + (x[0] * x[-1])\n"


def _cube_hessian(x):
    n = x.size
    h = np.diag(6 * x)
    h[0, n - 1] += 1
    h[n - 1, 0] += 1
    if n == 1:
        h = np.array([[6 * x[0] + 2]])
    return h


@spec("autograd.functional-vjp", api("torch.autograd.functional.vjp"))
@given(x=S.arrays("float64", S.shapes(1, 2), lo=-2, hi=2), y=st.data())
def test_vjp(T, x, y):
    yv = y.draw(S.arrays("float64", x.shape, lo=-2, hi=2), label="y")
    v = y.draw(S.arrays("float64", x.shape, lo=-2, hi=2), label="v")
    check(T, F + "torch.autograd.functional.vjp(f, (a, b), c)", x, yv, v,
          expected=lambda x, yv, v: (x ** 2 * yv + np.sin(x), (v * (2 * x * yv + np.cos(x)), v * x ** 2)))


@spec("autograd.functional-jvp", api("torch.autograd.functional.jvp"))
@given(x=S.arrays("float64", S.shapes(1, 2), lo=-2, hi=2), data=st.data())
def test_jvp(T, x, data):
    yv = data.draw(S.arrays("float64", x.shape, lo=-2, hi=2), label="y")
    u = data.draw(S.arrays("float64", x.shape, lo=-2, hi=2), label="u")
    w = data.draw(S.arrays("float64", x.shape, lo=-2, hi=2), label="w")
    check(T, F + "torch.autograd.functional.jvp(f, (a, b), (c, d))", x, yv, u, w,
          expected=lambda x, yv, u, w: (x ** 2 * yv + np.sin(x), u * (2 * x * yv + np.cos(x)) + w * x ** 2))


@spec("autograd.functional-jacobian", api("torch.autograd.functional.jacobian"))
@given(x=S.arrays("float64", (3,), lo=-2, hi=2), data=st.data())
def test_jacobian(T, x, data):
    yv = data.draw(S.arrays("float64", x.shape, lo=-2, hi=2), label="y")
    check(T, F + "torch.autograd.functional.jacobian(f, (a, b))", x, yv,
          expected=lambda x, yv: (np.diag(2 * x * yv + np.cos(x)), np.diag(x ** 2)))


@spec("autograd.functional-jacobian-accepts-vectorize-and-strategy", api("torch.autograd.functional.jacobian"))
@given(x=S.arrays("float64", (3,), lo=-2, hi=2))
def test_jacobian_options(T, x):
    check(T, "torch.autograd.functional.jacobian(lambda x: x.exp(), a, vectorize=True, strategy='reverse-mode')", x,
          expected=lambda x: np.diag(np.exp(x)))


@spec("autograd.functional-hessian", api("torch.autograd.functional.hessian"))
@given(x=S.arrays("float64", S.shapes(1, 1, max_side=4), lo=-2, hi=2))
def test_hessian(T, x):
    check(T, CUBE + "torch.autograd.functional.hessian(g, a)", x, expected=_cube_hessian)


@spec("autograd.functional-hvp", api("torch.autograd.functional.hvp"))
@given(x=S.arrays("float64", S.shapes(1, 1, max_side=4), lo=-2, hi=2), data=st.data())
def test_hvp(T, x, data):
    v = data.draw(S.arrays("float64", x.shape, lo=-2, hi=2), label="v")
    check(T, CUBE + "torch.autograd.functional.hvp(g, a, b)", x, v,
          expected=lambda x, v: (np.array((x ** 3).sum() + x[0] * x[-1]), _cube_hessian(x) @ v))


@spec("autograd.functional-vhp", api("torch.autograd.functional.vhp"))
@given(x=S.arrays("float64", S.shapes(1, 1, max_side=4), lo=-2, hi=2), data=st.data())
def test_vhp(T, x, data):
    v = data.draw(S.arrays("float64", x.shape, lo=-2, hi=2), label="v")
    check(T, CUBE + "torch.autograd.functional.vhp(g, a, b)", x, v,
          expected=lambda x, v: (np.array((x ** 3).sum() + x[0] * x[-1]), v @ _cube_hessian(x)))


@spec("autograd.functional-leaves-inputs-alone", FUNCTIONAL)
def test_functional_does_not_touch_inputs(T):
    check(T, "x = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)\n"
             "torch.autograd.functional.jacobian(lambda t: t * t, x)\n(x.grad is None, x.requires_grad)",
          expected=(True, True))


@spec("autograd.functional-create-graph-is-differentiable", FUNCTIONAL)
@given(x=S.arrays("float64", (2,), lo=-2, hi=2))
def test_functional_create_graph(T, x):
    check(T, "_, vj = torch.autograd.functional.vjp(lambda t: t ** 3, a.requires_grad_(), torch.ones_like(a), "
             "create_graph=True)\nvj.sum().backward()\na.grad", x, expected=lambda x: 6 * x)


GRADCHECK = api("torch.autograd.gradcheck.gradcheck")


@spec("autograd.gradcheck-accepts-correct-gradients", GRADCHECK)
# gradcheck perturbs each input element on its own: no stride-0 (expanded) inputs
@given(x=S.arrays("float64", S.shapes(1, 2), lo=-2, hi=2, layouts=S.WRITABLE))
def test_gradcheck_true(T, x):
    check(T, "torch.autograd.gradcheck(lambda t: (t.sin() * t).sum(), (a.requires_grad_(),))", x, expected=True)


@spec("autograd.gradgradcheck-accepts-correct-gradients", api("torch.autograd.gradcheck.gradgradcheck"))
# gradcheck perturbs each input element on its own: no stride-0 (expanded) inputs
@given(x=S.arrays("float64", S.shapes(1, 2), lo=-2, hi=2, layouts=S.WRITABLE))
def test_gradgradcheck_true(T, x):
    check(T, "torch.autograd.gradgradcheck(lambda t: t.exp() * t, (a.requires_grad_(),))", x, expected=True)


WRONG = ("class Wrong(torch.autograd.Function):\n"
         "    @staticmethod\n    def forward(ctx, x):\n        ctx.save_for_backward(x)\n        return x * x\n"
         "    @staticmethod\n    def backward(ctx, g):\n        (x,) = ctx.saved_tensors\n        return g * x\n")


@spec("autograd.gradcheck-rejects-wrong-gradients", GRADCHECK)
def test_gradcheck_rejects(T):
    check_raises(T, WRONG + "torch.autograd.gradcheck(Wrong.apply, (a.requires_grad_(),))",
                 np.array([1.0, 2.0]), exc=RuntimeError, contains=("Jacobian",))


@spec("autograd.gradcheck-raise-exception-false", GRADCHECK)
def test_gradcheck_false(T):
    check(T, WRONG + "torch.autograd.gradcheck(Wrong.apply, (a.requires_grad_(),), raise_exception=False)",
          np.array([1.0, 2.0]), expected=False)


VARIABLE = doc("autograd.html#variable-deprecated")


@spec("autograd.variable-returns-a-tensor", VARIABLE)
@given(x=S.arrays("float32", S.shapes(1, 2)))
def test_variable(T, x):
    check(T, "Variable = torch.autograd.Variable\nv = Variable(a, requires_grad=True)\n"
             "(isinstance(v, torch.Tensor), type(v) is torch.Tensor, v.requires_grad, a.requires_grad, "
             "isinstance(a, Variable), v.detach())", x, expected=lambda x: (True, True, True, False, True, x))


@spec("autograd.variable-detaches", VARIABLE)
def test_variable_detaches(T):
    check(T, "Variable = torch.autograd.Variable\nb = (a.requires_grad_() * 2)\nv = Variable(b)\n"
          "(v.requires_grad, v.grad_fn is None)", np.ones(2, np.float32), expected=(False, True))


# torch.abs_ and the other namespace in-place twins have no pages of their own: the method's page states them
# (relu_ is documented only as torch.nn.functional.relu_)
_INPLACE_PAGE = {"relu": "torch.nn.functional.relu_"}
INPLACE = cases([(f"elementwise.namespace-inplace-{n}", api(_INPLACE_PAGE.get(n, f"torch.Tensor.{n}_")), n, fn)
                 for n, fn in [
    ("exp", np.exp), ("sin", np.sin), ("sqrt", np.sqrt), ("abs", np.abs), ("neg", np.negative),
    ("tanh", np.tanh), ("sigmoid", lambda x: 1 / (1 + np.exp(-x))), ("relu", lambda x: np.maximum(x, 0)),
    ("floor", np.floor), ("reciprocal", lambda x: 1 / x), ("log1p", np.log1p)]])


@pytest.mark.parametrize("name, fn", INPLACE)
@given(x=S.arrays("float32", S.shapes(1, 2), lo=0.25, hi=3, layouts=S.WRITABLE))  # written in place
def test_namespace_inplace_twins(T, name, fn, x):
    check(T, f"r = torch.{name}_(a)\n(r is a, a)", x, expected=lambda x: (True, fn(x.astype(np.float64)).astype(np.float32)))
