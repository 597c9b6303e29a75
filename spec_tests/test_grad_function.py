"""Extending autograd and asking it directly: custom torch.autograd.Function
(https://pytorch.org/docs/stable/notes/extending.html), torch.autograd.grad, backward(inputs=...)
and torch.autograd.functional.jacobian."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import oracle_grad as OG
from . import strategies as S
from .catalogue import api, cases, doc, seed, spec
from .grad_harness import check_grad
from .harness import check, check_raises

EXTENDING = doc("notes/extending.html")
FUNCTION = api("torch.autograd.Function")
GRAD = api("torch.autograd.grad")
BACKWARD = api("torch.Tensor.backward")
JACOBIAN = api("torch.autograd.functional.jacobian")
F64 = "float64"

small = S.arrays(F64, S.shapes(1, 3), lo=-5, hi=5)


@st.composite
def same_shape_pair(draw, shapes=S.shapes(1, 3), **domain):
    shape = draw(shapes)
    return draw(S.arrays(F64, shape, **domain)), draw(S.arrays(F64, shape, **domain))


# ---------------------------------------------------------------------------------------------
# custom Functions; each is a prelude the test's program starts with

# The tutorial's function, verbatim.
MY_RELU = '''
class MyReLU(torch.autograd.Function):
    @staticmethod
    def forward(ctx, input_tensor):
        ctx.save_for_backward(input_tensor)
        output = input_tensor.clamp(min=0)
        return output

    @staticmethod
    def backward(ctx, grad_output):
        input_tensor, = ctx.saved_tensors
        grad_input = grad_output.clone()
        grad_input[input_tensor < 0] = 0
        return grad_input
'''

# A non-tensor argument, an attribute on ctx, needs_input_grad, None for what needs no gradient.
MUL_CONSTANT = '''
seen = []
class MulConstant(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, other, k):
        ctx.save_for_backward(x, other)
        ctx.k = k
        return x * other * k

    @staticmethod
    def backward(ctx, grad_output):
        seen.append(tuple(ctx.needs_input_grad))
        x, other = ctx.saved_tensors
        gx = grad_output * other * ctx.k if ctx.needs_input_grad[0] else None
        gother = grad_output * x * ctx.k if ctx.needs_input_grad[1] else None
        return gx, gother, None
'''

# Saving the output rather than the input.
MY_EXP = '''
class MyExp(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        y = x.exp()
        ctx.save_for_backward(y)
        return y

    @staticmethod
    def backward(ctx, grad_output):
        (y,) = ctx.saved_tensors
        return grad_output * y
'''

# A second output marked non-differentiable.
WITH_MASK = '''
class WithMask(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        mask = (x > 0).to(x.dtype)
        ctx.mark_non_differentiable(mask)
        ctx.save_for_backward(mask)
        return x * 2, mask

    @staticmethod
    def backward(ctx, grad_out, grad_mask):
        (mask,) = ctx.saved_tensors
        return grad_out * 2 + mask * 0
'''

# Two differentiable outputs.
SIN_COS = '''
class SinCos(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x.sin(), x.cos()

    @staticmethod
    def backward(ctx, gs, gc):
        (x,) = ctx.saved_tensors
        return gs * x.cos() - gc * x.sin()
'''

# The backward is what autograd uses, whatever the forward computed.
DECLARED = '''
class Declared(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output * 5
'''


@spec("function.tutorial-my-relu", seed("002", "实现 ReLU 的前向和反向传播"))
@given(data=st.data())
def test_my_relu(T, data):
    check_grad(T, data, "MyReLU.apply(a)", data.draw(S.arrays(F64, None, avoid=0.01), label="a"),
               oracle=OG.relu, prelude=MY_RELU)


@spec("function.tutorial-my-relu-sum-backward", seed("002", "实现 ReLU 的前向和反向传播"))
@given(x=S.arrays("float32", (5,), lo=-3, hi=3, avoid=0.01))
def test_my_relu_tutorial(T, x):
    check(T, MY_RELU + "relu = MyReLU.apply\na.requires_grad_(); y = relu(a); y.sum().backward(); (y, a.grad)", x,
          expected=lambda x: (np.maximum(x, 0), (x > 0).astype(np.float32)))


@spec("function.saved-output", FUNCTION)
@given(data=st.data())
def test_saved_output(T, data):
    check_grad(T, data, "MyExp.apply(a)", data.draw(S.arrays(F64, None, lo=-3, hi=3), label="a"), oracle=OG.exp,
               prelude=MY_EXP)


@spec("function.non-tensor-argument-and-ctx-attribute", EXTENDING)
@given(data=st.data(), k=st.sampled_from([2.0, -0.5, 3.0]))
def test_mul_constant(T, data, k):
    a, b = data.draw(same_shape_pair(), label="a, b")

    def oracle(a, b):
        out, pullback = OG.mul(a, b)
        return out * k, lambda g: tuple(gr * k for gr in pullback(g))
    check_grad(T, data, f"MulConstant.apply(a, b, {k})", a, b, oracle=oracle, prelude=MUL_CONSTANT)


@spec("function.needs-input-grad-and-none-gradient", EXTENDING)
@given(ab=same_shape_pair())
def test_needs_input_grad(T, ab):
    # Only a requires grad: needs_input_grad is (True, False, False), backward returns None for b.
    check(T, MUL_CONSTANT + "a.requires_grad_(); MulConstant.apply(a, b, 3.0).sum().backward(); (seen, a.grad, b.grad)",
          *ab, expected=lambda a, b: ([(True, False, False)], 3 * b, None))


@spec("function.mark-non-differentiable", api("torch.autograd.function.FunctionCtx.mark_non_differentiable"))
@given(x=S.arrays(F64, S.shapes(1, 3), avoid=0.01))
def test_mark_non_differentiable(T, x):
    check(T, WITH_MASK + "a.requires_grad_(); y, m = WithMask.apply(a); y.sum().backward()\n"
                         "(y.requires_grad, m.requires_grad, m, a.grad)",
          x, expected=lambda x: (True, False, (x > 0).astype(np.float64), np.full(x.shape, 2.0)))


@spec("function.two-outputs", FUNCTION)
@given(data=st.data())
def test_two_outputs(T, data):
    x = data.draw(S.arrays(F64, S.shapes(1, 3), lo=-5, hi=5), label="a")
    g2 = data.draw(S.arrays(F64, x.shape, lo=-2, hi=2), label="b")
    check(T, SIN_COS + "a.requires_grad_(); s, c = SinCos.apply(a); torch.autograd.backward([s, c], [g, b]); a.grad",
          x, g2, data.draw(S.arrays(F64, x.shape, lo=-2, hi=2), label="g"), names="a b g",
          expected=lambda x, gc, gs: gs * np.cos(x) - gc * np.sin(x))


@spec("function.backward-overrides-forward-graph", EXTENDING)
@given(x=small)
def test_declared_backward(T, x):
    # forward runs without recording history; autograd uses the declared backward (5, not 2).
    check(T, DECLARED + "a.requires_grad_(); y = Declared.apply(a); y.sum().backward(); (y, a.grad)", x,
          expected=lambda x: (2 * x, np.full(x.shape, 5.0)))


FUNCTION_META = cases([
    ("function.grad-fn-name", EXTENDING, MY_RELU + "a.requires_grad_(); MyReLU.apply(a).grad_fn.name()",
     "MyReLUBackward"),
    ("function.output-requires-grad", FUNCTION, MY_RELU + "a.requires_grad_(); y = MyReLU.apply(a); (y.requires_grad, y.is_leaf)",
     (True, False)),
    ("function.no-grad-input-untracked", FUNCTION, MY_RELU + "y = MyReLU.apply(a); (y.requires_grad, y.grad_fn is None)",
     (False, True)),
    ("function.under-no-grad-untracked", FUNCTION,
     MY_RELU + "a.requires_grad_()\nwith torch.no_grad():\n    y = MyReLU.apply(a)\ny.requires_grad", False),
    ("function.next-functions-reach-leaf", FUNCTION,
     MY_RELU + "a.requires_grad_(); [(f.name(), i) for f, i in MyReLU.apply(a).grad_fn.next_functions]",
     [("torch::autograd::AccumulateGrad", 0)]),
])


@pytest.mark.parametrize("code, want", FUNCTION_META)
def test_function_meta(T, code, want):
    check(T, code, np.array([1.5, -2.0, 0.5]), expected=want)


# ---------------------------------------------------------------------------------------------
# torch.autograd.grad

AUTOGRAD_GRAD = cases([
    ("function.grad-returns-without-accumulating", GRAD,
     "a.requires_grad_(); (ga,) = torch.autograd.grad((a * b).sum(), a); (ga, a.grad)", lambda a, b: (b, None)),
    ("function.grad-several-inputs-in-order", GRAD,
     "a.requires_grad_(); b.requires_grad_(); torch.autograd.grad((a * b * b).sum(), [b, a])",
     lambda a, b: (2 * a * b, b * b)),
    ("function.grad-grad-outputs", GRAD,
     "a.requires_grad_(); torch.autograd.grad(a.exp(), a, grad_outputs=b)", lambda a, b: (b * np.exp(a),)),
    ("function.grad-several-outputs-sum", GRAD,
     "a.requires_grad_(); torch.autograd.grad([a.sin(), a * b], [a], grad_outputs=[b, torch.ones_like(a)])",
     lambda a, b: (b * np.cos(a) + b,)),
    ("function.grad-same-output-twice", GRAD,
     "a.requires_grad_(); y = a * a; torch.autograd.grad([y, y], a, grad_outputs=[b, torch.ones_like(a)])",
     lambda a, b: (2 * a * (b + 1),)),
    ("function.grad-allow-unused-gives-none", GRAD,
     "a.requires_grad_(); b.requires_grad_(); torch.autograd.grad((a * 2).sum(), [a, b], allow_unused=True)",
     lambda a, b: (np.full(a.shape, 2.0), None)),
    ("function.grad-materialize-grads", GRAD,
     "a.requires_grad_(); b.requires_grad_(); torch.autograd.grad((a * 2).sum(), [a, b], materialize_grads=True)",
     lambda a, b: (np.full(a.shape, 2.0), np.zeros(b.shape))),
    ("function.grad-of-nonleaf", GRAD,
     "a.requires_grad_(); h = a * b; torch.autograd.grad((h * h).sum(), h)", lambda a, b: (2 * a * b,)),
    ("function.grad-retain-graph", GRAD,
     "a.requires_grad_(); y = (a.exp() * b).sum(); g1 = torch.autograd.grad(y, a, retain_graph=True)\n"
     "g2 = torch.autograd.grad(y, a); (g1[0], g2[0])", lambda a, b: (b * np.exp(a), b * np.exp(a))),
])


@pytest.mark.parametrize("code, want", AUTOGRAD_GRAD)
@given(ab=same_shape_pair(lo=-3, hi=3))
def test_autograd_grad(T, code, want, ab):
    check(T, code, *ab, expected=want)


@spec("function.grad-unused-without-allow-unused-raises", GRAD)
def test_grad_unused_raises(T):
    check_raises(T, "a.requires_grad_(); b.requires_grad_(); torch.autograd.grad((a * 2).sum(), [a, b])",
                 np.array([1.0, 2.0]), np.array([3.0, -1.0]), exc=RuntimeError)


# ---------------------------------------------------------------------------------------------
# backward(inputs=...)

BACKWARD_INPUTS = cases([
    ("function.backward-inputs-only-those-leaves", BACKWARD,
     "a.requires_grad_(); b.requires_grad_(); (a * b).sum().backward(inputs=[a]); (a.grad, b.grad)",
     lambda a, b: (b, None)),
    ("function.backward-inputs-accumulates", BACKWARD,
     "a.requires_grad_(); b.requires_grad_(); (a * b).sum().backward(inputs=[b]); (a * b).sum().backward(inputs=[b])\n"
     "(a.grad, b.grad)", lambda a, b: (None, 2 * a)),
    ("function.backward-inputs-both", BACKWARD,
     "a.requires_grad_(); b.requires_grad_(); (a * b * b).sum().backward(inputs=[a, b]); (a.grad, b.grad)",
     lambda a, b: (b * b, 2 * a * b)),
    ("function.autograd-backward-inputs", api("torch.autograd.backward"),
     "a.requires_grad_(); b.requires_grad_(); torch.autograd.backward([(a * b).sum()], inputs=[b]); (a.grad, b.grad)",
     lambda a, b: (None, a)),
])


@pytest.mark.parametrize("code, want", BACKWARD_INPUTS)
@given(ab=same_shape_pair(lo=-3, hi=3))
def test_backward_inputs(T, code, want, ab):
    check(T, code, *ab, expected=want)


# ---------------------------------------------------------------------------------------------
# torch.autograd.functional.jacobian

@spec("function.jacobian-closed-form", JACOBIAN)
@given(x=S.arrays(F64, st.integers(1, 5).map(lambda n: (n,)), lo=-2, hi=2))
def test_jacobian(T, x):
    # f(x) = exp(x) * sum(x): J[i, j] = exp(x_i) (delta_ij sum(x) + 1).
    check(T, "torch.autograd.functional.jacobian(lambda t: t.exp() * t.sum(), a)", x,
          expected=lambda x: np.exp(x)[:, None] * (np.eye(x.size) * x.sum() + 1), reduce=x.size)


@spec("function.jacobian-linear-map", JACOBIAN)
@given(data=st.data())
def test_jacobian_linear(T, data):
    # f(x) = M @ x has Jacobian M, whatever x is.
    m = data.draw(S.arrays(F64, st.tuples(st.integers(1, 4), st.integers(1, 4)), lo=-5, hi=5), label="m")
    x = data.draw(S.arrays(F64, (m.shape[1],), lo=-5, hi=5), label="x")
    check(T, "torch.autograd.functional.jacobian(lambda t: torch.mv(m, t), x)", m, x, names="m x",
          expected=lambda m, x: m)


@spec("function.jacobian-several-inputs", JACOBIAN)
@given(ab=same_shape_pair(S.shapes(1, 1), lo=-3, hi=3))
def test_jacobian_inputs(T, ab):
    # f(a, b) = a * b: (diag(b), diag(a)).
    check(T, "torch.autograd.functional.jacobian(lambda p, q: p * q, (a, b))", *ab,
          expected=lambda a, b: (np.diag(b), np.diag(a)))


@spec("function.jacobian-matrix-input-shape", JACOBIAN)
@given(x=S.arrays(F64, S.shapes(2, 2, max_side=3), lo=-3, hi=3))
def test_jacobian_shape(T, x):
    # The Jacobian of an elementwise map of an (n, m) input has shape (n, m, n, m).
    n, m = x.shape
    check(T, "torch.autograd.functional.jacobian(torch.sin, a)", x,
          expected=lambda x: (np.eye(n * m) * np.cos(x).reshape(-1)).reshape(n, m, n, m))
