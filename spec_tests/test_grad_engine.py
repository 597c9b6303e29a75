"""The autograd engine's documented behaviour: the tutorials' worked examples, accumulation into
leaf .grad, retain_graph, leaves and grad_fn, hooks, grad modes, detach, long chains
(https://pytorch.org/docs/stable/notes/autograd.html)."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import oracle_grad as OG
from . import strategies as S
from .catalogue import api, cases, doc, seed, spec
from . import seed_passages as SP
from .grad_harness import check_grad
from .harness import check

AUTOGRAD = doc("notes/autograd.html")
LOCALLY_DISABLING = doc("notes/autograd.html#locally-disabling-gradient-computation")
HOOKS = doc("notes/autograd.html#backward-hooks-execution")
F64 = "float64"

small = S.arrays(F64, S.shapes(1, 3), lo=-5, hi=5)


@st.composite
def same_shape_pair(draw, **domain):
    shape = draw(S.shapes(1, 3))
    return draw(S.arrays(F64, shape, **domain)), draw(S.arrays(F64, shape, **domain))


def f32(x):
    return np.asarray(x, dtype=np.float32)


# ---------------------------------------------------------------------------------------------
# the tutorials' worked examples, as written

TUTORIALS = cases([
    ("autograd.tutorial-square-sum", SP.AUTOGRAD,
     "x = torch.tensor([2.0, 3.0], requires_grad=True); y = x ** 2; z = y.sum(); z.backward(); x.grad",
     f32([4.0, 6.0])),
    ("autograd.tutorial-chain-rule-scalar", SP.AUTOGRAD_COMPUTES_GRADIENTS,
     "x = torch.tensor(1.0, requires_grad=True); y = x ** 2; z = 2 * y + 3; z.backward(); x.grad", f32(4.0)),
    ("autograd.tutorial-mean-of-square", SP.AUTOGRAD,
     "x = torch.ones(2, 2, requires_grad=True); y = x + 2; z = y * y * 3; out = z.mean(); out.backward(); x.grad",
     f32(np.full((2, 2), 4.5))),
    ("autograd.tutorial-forward-values", SP.AUTOGRAD,
     "x = torch.ones(2, 2, requires_grad=True); y = x + 2; z = y * y * 3; out = z.mean(); (y, z, out)",
     (f32(np.full((2, 2), 3.0)), f32(np.full((2, 2), 27.0)), f32(27.0))),
    ("autograd.tutorial-no-grad-square", SP.NO_GRAD,
     "x = torch.ones(2, 2, requires_grad=True)\nwith torch.no_grad():\n    r = (x ** 2).requires_grad\nr", False),
    ("autograd.tutorial-accumulation-problem", SP.ZERO_GRAD_EACH_BACKWARD,
     "x = torch.ones(5, requires_grad=True)\nseen = []\nfor epoch in range(3):\n    y = (x * 2).sum()\n"
     "    y.backward()\n    seen.append(x.grad.clone())\nseen", [f32(np.full(5, 2.0 * k)) for k in (1, 2, 3)]),
    ("autograd.tutorial-zero-grad-each-epoch", SP.ZERO_GRAD_EACH_BACKWARD,
     "x = torch.ones(5, requires_grad=True)\nseen = []\nfor epoch in range(3):\n    y = (x * 2).sum()\n"
     "    y.backward()\n    seen.append(x.grad.clone())\n    x.grad.zero_()\n(seen, x.grad)",
     ([f32(np.full(5, 2.0))] * 3, f32(np.zeros(5)))),
])


@pytest.mark.parametrize("code, want", TUTORIALS)
def test_tutorial(T, code, want):
    check(T, code, expected=want)


@spec("autograd.tutorial-times-two-sum", SP.AUTOGRAD)
@given(x=S.arrays("float32", (10,), lo=-3, hi=3))
def test_times_two(T, x):
    # x = torch.randn(10, requires_grad=True); (x * 2).sum().backward() gives 2 everywhere.
    check(T, "a.requires_grad_(); y = a * 2; z = y.sum(); z.backward(); a.grad", x, expected=np.full(10, 2, np.float32))


LINEAR_X = [1.0, 2.0, 3.0, 4.0]
LINEAR_Y = [2.1, 3.9, 6.1, 8.0]


def linear_step(w, b, lr=0.01):
    """One step of the tutorial's regression: loss = mean((w x + b - y)^2), then w -= lr dL/dw."""
    x, y = np.array(LINEAR_X), np.array(LINEAR_Y)
    r = w * x + b - y
    dw, db = np.mean(2 * r * x), np.mean(2 * r)
    return w - lr * dw, b - lr * db, dw, db


LINEAR_STEP = """
x_data = torch.tensor([1.0, 2.0, 3.0, 4.0], device=dev)
y_data = torch.tensor([2.1, 3.9, 6.1, 8.0], device=dev)
a.requires_grad_(); b.requires_grad_()
y_pred = a * x_data + b
loss = ((y_pred - y_data) ** 2).mean()
loss.backward()
grads = (a.grad.clone(), b.grad.clone())
with torch.no_grad():
    a -= 0.01 * a.grad
    b -= 0.01 * b.grad
a.grad.zero_()
b.grad.zero_()
(grads, a, b, a.grad, a.is_leaf, a.requires_grad)
"""


@spec("autograd.tutorial-linear-regression-step", SP.TRAINING)
@given(w=S.arrays("float32", (1,), lo=-3, hi=3), b=S.arrays("float32", (1,), lo=-3, hi=3))
def test_linear_regression_step(T, w, b):
    def want(w, b):
        w1, b1, dw, db = (np.float32(v) for v in linear_step(float(w[0]), float(b[0])))
        return ((f32([dw]), f32([db])), f32([w1]), f32([b1]), f32([0.0]), True, True)
    # float32 data and parameters, as in the tutorial; the gradients are means of 4 terms.
    check(T, LINEAR_STEP, w, b, expected=want, reduce=4)


LINEAR_TRAIN = """
x_data = torch.tensor([1.0, 2.0, 3.0, 4.0], dtype=torch.float64, device=dev)
y_data = torch.tensor([2.1, 3.9, 6.1, 8.0], dtype=torch.float64, device=dev)
a.requires_grad_(); b.requires_grad_()
for epoch in range(100):
    y_pred = a * x_data + b
    loss = ((y_pred - y_data) ** 2).mean()
    loss.backward()
    with torch.no_grad():
        a -= 0.01 * a.grad
        b -= 0.01 * b.grad
    a.grad.zero_()
    b.grad.zero_()
(a, b)
"""


@spec("autograd.tutorial-linear-regression-training", SP.TRAINING)
@given(w=S.arrays(F64, (1,), lo=-3, hi=3), b=S.arrays(F64, (1,), lo=-3, hi=3))
def test_linear_regression_training(T, w, b):
    def want(w, b):
        w, b = float(w[0]), float(b[0])
        for _ in range(100):
            w, b, _, _ = linear_step(w, b)
        return np.array([w]), np.array([b])
    check(T, LINEAR_TRAIN, w, b, expected=want, reduce=400)


# ---------------------------------------------------------------------------------------------
# accumulation, zeroing, retain_graph

@spec("autograd.accumulates-across-backward", AUTOGRAD)
@given(ab=same_shape_pair())
def test_accumulates(T, ab):
    check(T, "a.requires_grad_(); (a * b).sum().backward(); (a * b).sum().backward(); a.grad", *ab,
          expected=lambda a, b: 2 * b)


@spec("autograd.leaf-grads-are-their-own", AUTOGRAD)
@given(ab=same_shape_pair())
def test_leaf_grads_are_their_own(T, ab):
    # One gradient tensor reaching two leaves (an add passes it on to both), or the caller's own
    # gradient reaching a leaf: each .grad is a tensor of its own, so accumulating into one leaves
    # the others (and the caller's tensor) as they were.
    check(T, "a.requires_grad_(); b.requires_grad_(); ((a + b) * 3).sum().backward(); a.grad.add_(1)\n"
             "c = a.detach().clone().requires_grad_(); g = torch.full_like(c, 5.0); (c + 0).backward(g); c.grad.add_(1)\n"
             "(a.grad, b.grad, c.grad, g)", *ab,
          expected=lambda a, b: (np.full_like(a, 4.0), np.full_like(a, 3.0), np.full_like(a, 6.0), np.full_like(a, 5.0)))


@spec("autograd.grad-zero-between-backward", SP.ZERO_GRAD_EACH_BACKWARD)
@given(ab=same_shape_pair())
def test_zero_between(T, ab):
    check(T, "a.requires_grad_(); (a * a).sum().backward(); a.grad.zero_(); (a * b).sum().backward(); a.grad", *ab,
          expected=lambda a, b: b)


@spec("autograd.grad-set-to-none-restarts", api("torch.optim.Optimizer.zero_grad"))
@given(ab=same_shape_pair())
def test_grad_none_restarts(T, ab):
    check(T, "a.requires_grad_(); (a * a).sum().backward(); a.grad = None; (a * b).sum().backward(); a.grad", *ab,
          expected=lambda a, b: b)


@spec("autograd.retain-graph-allows-second-backward", api("torch.Tensor.backward"))
@given(x=small)
def test_retain_graph(T, x):
    # Saved tensors (exp's output) survive the first pass; the second pass accumulates.
    check(T, "a.requires_grad_(); y = torch.exp(a).sum(); y.backward(retain_graph=True); y.backward(); a.grad", x,
          expected=lambda x: 2 * np.exp(x))


@spec("autograd.grad-none-before-backward", AUTOGRAD)
def test_grad_none_initially(T):
    check(T, "a.requires_grad_(); (a.grad, a.requires_grad)", np.array([1.5, -2.0]), expected=(None, True))


GRAD_DTYPES = cases([
    ("autograd.grad-dtype-float32", AUTOGRAD, "float32"),
    ("autograd.grad-dtype-float64", AUTOGRAD, "float64"),
    ("autograd.grad-dtype-float16", AUTOGRAD, "float16"),
])


@pytest.mark.parametrize("dtype", GRAD_DTYPES)
@given(data=st.data())
def test_grad_shape_dtype(T, dtype, data):
    # The gradient has the leaf's shape and dtype.
    a = data.draw(S.arrays(dtype, S.shapes(0, 4), lo=-4, hi=4), label="a")
    check(T, "a.requires_grad_(); (a * a * 0.5).sum().backward(); a.grad", a, expected=lambda a: a)


@spec("autograd.broadcast-grad-sums-to-input", doc("notes/broadcasting.html"))
@given(data=st.data())
def test_broadcast_scalar_tensor(T, data):
    # A 0-dim tensor times a matrix: its gradient is the sum over all products.
    check_grad(T, data, "a * b", data.draw(S.arrays(F64, ()), label="a"), data.draw(small, label="b"), oracle=OG.mul)


@spec("autograd.diamond-graph-accumulates", AUTOGRAD)
@given(data=st.data())
def test_diamond(T, data):
    def both(x):
        return np.exp(x) + np.sin(x), lambda g: (g * (np.exp(x) + np.cos(x)),)
    check_grad(T, data, "torch.exp(a) + torch.sin(a)", data.draw(small, label="a"), oracle=both)


@spec("autograd.autograd-backward-function", api("torch.autograd.backward"))
@given(ab=same_shape_pair())
def test_autograd_backward_function(T, ab):
    check(T, "a.requires_grad_(); y = a * a; torch.autograd.backward([y], [b]); a.grad", *ab,
          expected=lambda a, b: 2 * a * b)


# ---------------------------------------------------------------------------------------------
# leaves, non-leaves, requires_grad

@spec("autograd.nonleaf-grad-is-none", AUTOGRAD)
def test_nonleaf_grad_none(T):
    check(T, "a.requires_grad_(); y = a * 2; y.sum().backward(); (y.grad, y.is_leaf)", np.array([1.0, -3.0]),
          expected=(None, False))


@spec("autograd.retain-grad-keeps-nonleaf-grad", api("torch.Tensor.retain_grad"))
@given(x=small)
def test_retain_grad(T, x):
    check(T, "a.requires_grad_(); y = a * 2; y.retain_grad(); (y * y).sum().backward(); (y.grad, y.retains_grad, a.grad)",
          x, expected=lambda x: (4 * x, True, 8 * x))


LEAVES = cases([
    ("autograd.leaf-requiring-grad-is-leaf", api("torch.Tensor.is_leaf"), "a.requires_grad_(); a.is_leaf", True),
    ("autograd.op-result-is-not-leaf", api("torch.Tensor.is_leaf"), "a.requires_grad_(); (a * 2).is_leaf", False),
    ("autograd.no-grad-tensor-is-leaf", api("torch.Tensor.is_leaf"), "(a * 2).is_leaf", True),
    ("autograd.detached-is-leaf", api("torch.Tensor.detach"), "a.requires_grad_(); (a * 2).detach().is_leaf", True),
    ("autograd.requires-grad-propagates", AUTOGRAD,
     "a.requires_grad_(); ((a * b).requires_grad, (b * 2).requires_grad, (a[0] + b).requires_grad)", (True, False, True)),
    ("autograd.leaf-has-no-grad-fn", api("torch.Tensor.is_leaf"), "a.requires_grad_(); a.grad_fn is None", True),
    ("autograd.no-grad-input-no-grad-fn", AUTOGRAD, "(a * b).grad_fn is None", True),
    ("autograd.unused-leaf-grad-stays-none", AUTOGRAD,
     "a.requires_grad_(); b.requires_grad_(); (a * 2).sum().backward(); b.grad is None", True),
    ("autograd.input-not-requiring-grad-gets-none", AUTOGRAD,
     "b.requires_grad_(); (a * b).sum().backward(); (a.grad is None, b.grad is None)", (True, False)),
    ("autograd.requires-grad-false-stops-flow", api("torch.Tensor.requires_grad_"),
     "a.requires_grad_(); a.requires_grad_(False); (a * b).requires_grad", False),
    ("autograd.requires-grad-returns-self", api("torch.Tensor.requires_grad_"), "a.requires_grad_() is a", True),
    ("autograd.requires-grad-setter", api("torch.Tensor.requires_grad"),
     "a.requires_grad = True; (a.requires_grad, (a * 2).requires_grad)", (True, True)),
])


@pytest.mark.parametrize("code, want", LEAVES)
def test_leaves(T, code, want):
    check(T, code, np.array([1.5, -2.0, 0.5]), np.array([3.0, 0.25, -1.0]), expected=want)


# ---------------------------------------------------------------------------------------------
# grad_fn: names torch gives its nodes, and the graph's edges

GRAD_FN_NAMES = cases([
    ("autograd.grad-fn-add", AUTOGRAD, "a + b", "AddBackward0"),
    ("autograd.grad-fn-add-scalar", AUTOGRAD, "a + 1", "AddBackward0"),
    ("autograd.grad-fn-sub", AUTOGRAD, "a - b", "SubBackward0"),
    ("autograd.grad-fn-mul", AUTOGRAD, "a * b", "MulBackward0"),
    ("autograd.grad-fn-div", AUTOGRAD, "a / b", "DivBackward0"),
    ("autograd.grad-fn-neg", AUTOGRAD, "-a", "NegBackward0"),
    ("autograd.grad-fn-pow-scalar", AUTOGRAD, "a ** 2", "PowBackward0"),
    ("autograd.grad-fn-pow-tensor", AUTOGRAD, "a.abs() ** b", "PowBackward1"),
    ("autograd.grad-fn-exp", AUTOGRAD, "a.exp()", "ExpBackward0"),
    ("autograd.grad-fn-log", AUTOGRAD, "a.abs().log()", "LogBackward0"),
    ("autograd.grad-fn-abs", AUTOGRAD, "a.abs()", "AbsBackward0"),
    ("autograd.grad-fn-tanh", AUTOGRAD, "a.tanh()", "TanhBackward0"),
    ("autograd.grad-fn-sigmoid", AUTOGRAD, "a.sigmoid()", "SigmoidBackward0"),
    ("autograd.grad-fn-relu", AUTOGRAD, "a.relu()", "ReluBackward0"),
    ("autograd.grad-fn-sum", SP.AUTOGRAD, "a.sum()", "SumBackward0"),
    ("autograd.grad-fn-mean", SP.AUTOGRAD, "a.mean()", "MeanBackward0"),
    ("autograd.grad-fn-mm", AUTOGRAD, "a.view(3, 1) @ b.view(1, 3)", "MmBackward0"),
    ("autograd.grad-fn-dot", AUTOGRAD, "torch.dot(a, b)", "DotBackward0"),
    ("autograd.grad-fn-view", AUTOGRAD, "a.view(3, 1)", "ViewBackward0"),
    ("autograd.grad-fn-t", AUTOGRAD, "a.view(3, 1).t()", "TBackward0"),
    ("autograd.grad-fn-transpose", AUTOGRAD, "a.view(3, 1).transpose(0, 1)", "TransposeBackward0"),
    ("autograd.grad-fn-permute", AUTOGRAD, "a.view(3, 1).permute(1, 0)", "PermuteBackward0"),
    ("autograd.grad-fn-unsqueeze", AUTOGRAD, "a.unsqueeze(0)", "UnsqueezeBackward0"),
    ("autograd.grad-fn-expand", AUTOGRAD, "a.expand(2, 3)", "ExpandBackward0"),
    ("autograd.grad-fn-select", AUTOGRAD, "a[0]", "SelectBackward0"),
    ("autograd.grad-fn-slice", AUTOGRAD, "a[1:]", "SliceBackward0"),
    ("autograd.grad-fn-index", AUTOGRAD, "a[[0, 0, 2]]", "IndexBackward0"),
    ("autograd.grad-fn-cat", AUTOGRAD, "torch.cat([a, b])", "CatBackward0"),
    ("autograd.grad-fn-stack", AUTOGRAD, "torch.stack([a, b])", "StackBackward0"),
    ("autograd.grad-fn-clone", AUTOGRAD, "a.clone()", "CloneBackward0"),
    ("autograd.grad-fn-to-dtype", AUTOGRAD, "a.to(torch.float32)", "ToCopyBackward0"),
    ("autograd.grad-fn-softmax", AUTOGRAD, "a.softmax(0)", "SoftmaxBackward0"),
    ("autograd.grad-fn-log-softmax", AUTOGRAD, "a.log_softmax(0)", "LogSoftmaxBackward0"),
    ("autograd.grad-fn-amax", AUTOGRAD, "a.amax(0)", "AmaxBackward0"),
    ("autograd.grad-fn-max-dim", AUTOGRAD, "a.max(0).values", "MaxBackward0"),
    ("autograd.grad-fn-cumsum", AUTOGRAD, "a.cumsum(0)", "CumsumBackward0"),
])


@pytest.mark.parametrize("code, name", GRAD_FN_NAMES)
def test_grad_fn_name(T, code, name):
    check(T, f"a.requires_grad_(); b.requires_grad_(); ({code}).grad_fn.name()",
          np.array([1.5, -2.0, 0.5]), np.array([3.0, 0.25, -1.0]), expected=name)


NEXT_FUNCTIONS = cases([
    ("autograd.next-functions-leaves", api("torch.autograd.graph.Node.next_functions"), "a * b",
     [("torch::autograd::AccumulateGrad", 0), ("torch::autograd::AccumulateGrad", 0)]),
    ("autograd.next-functions-chain", api("torch.autograd.graph.Node.next_functions"), "(a * b).exp()",
     [("MulBackward0", 0)]),
    ("autograd.next-functions-constant-is-none", api("torch.autograd.graph.Node.next_functions"), "a * c",
     [("torch::autograd::AccumulateGrad", 0), (None, 0)]),
    ("autograd.next-functions-output-number", api("torch.autograd.graph.Node.next_functions"),
     "torch.unbind(a.view(3, 1), 0)[2] * 2", [("UnbindBackward0", 2), (None, 0)]),
])


@pytest.mark.parametrize("code, want", NEXT_FUNCTIONS)
def test_next_functions(T, code, want):
    check(T, f"a.requires_grad_(); b.requires_grad_(); y = {code}\n"
             "[(None if f is None else f.name(), i) for f, i in y.grad_fn.next_functions]",
          np.array([1.5, -2.0, 0.5]), np.array([3.0, 0.25, -1.0]), np.array([2.0, 1.0, 4.0]), expected=want)


@spec("autograd.accumulate-grad-variable-is-leaf", api("torch.autograd.graph.Node.next_functions"))
def test_accumulate_grad_variable(T):
    check(T, "a.requires_grad_(); (a * 2).grad_fn.next_functions[0][0].variable is a", np.array([1.0, 2.0]),
          expected=True)


# ---------------------------------------------------------------------------------------------
# hooks

HOOK_CASES = cases([
    ("autograd.hook-on-leaf-modifies-grad", api("torch.Tensor.register_hook"),
     "a.requires_grad_(); a.register_hook(lambda g: g * 2); (a * b).sum().backward(); a.grad",
     lambda a, b: 2 * b),
    ("autograd.hook-on-nonleaf-modifies-flow", api("torch.Tensor.register_hook"),
     "a.requires_grad_(); y = a * b; y.register_hook(lambda g: g + 1); (y * 3).sum().backward(); a.grad",
     lambda a, b: 4 * b),
    ("autograd.hook-returning-none-observes", api("torch.Tensor.register_hook"),
     "a.requires_grad_(); seen = []; y = a * b; y.register_hook(lambda g: seen.append(g.clone()))\n"
     "(y * y).sum().backward(); (seen[0], a.grad)", lambda a, b: (2 * a * b, 2 * a * b * b)),
    ("autograd.hook-handle-remove", api("torch.Tensor.register_hook"),
     "a.requires_grad_(); h = a.register_hook(lambda g: g * 10); h.remove(); (a * b).sum().backward(); a.grad",
     lambda a, b: b),
    ("autograd.hooks-run-in-order", HOOKS,
     "a.requires_grad_(); a.register_hook(lambda g: g + 1); a.register_hook(lambda g: g * 3)\n"
     "(a * b).sum().backward(); a.grad", lambda a, b: 3 * (b + 1)),
])


@pytest.mark.parametrize("code, want", HOOK_CASES)
@given(ab=same_shape_pair())
def test_hooks(T, code, want, ab):
    check(T, code, *ab, expected=want)


# ---------------------------------------------------------------------------------------------
# grad modes: context managers, decorators, the function form

# Decorators are applied as `f = decorator(f)`, which is what the @ syntax does, so that the
# printed reproduction (one statement per line) keeps them.
GRAD_MODES = cases([
    ("autograd.no-grad-context", LOCALLY_DISABLING,
     "a.requires_grad_()\nwith torch.no_grad():\n    y = a * 2\n(y.requires_grad, y.grad_fn is None, torch.is_grad_enabled())",
     (False, True, True)),
    ("autograd.no-grad-decorator", api("torch.no_grad"),
     "a.requires_grad_()\ndef f(x):\n    return x * 2\nf = torch.no_grad()(f)\n(f(a).requires_grad, torch.is_grad_enabled())",
     (False, True)),
    ("autograd.no-grad-bare-decorator", api("torch.no_grad"),
     "a.requires_grad_()\ndef f(x):\n    return x * 2\nf = torch.no_grad(f)\n(f(a).requires_grad, torch.is_grad_enabled())",
     (False, True)),
    ("autograd.enable-grad-inside-no-grad", api("torch.enable_grad"),
     "a.requires_grad_()\nwith torch.no_grad():\n    with torch.enable_grad():\n        y = a * 2\n    z = a * 2\n"
     "(y.requires_grad, z.requires_grad)", (True, False)),
    ("autograd.enable-grad-decorator", api("torch.enable_grad"),
     "a.requires_grad_()\ndef f(x):\n    return x * 2\nf = torch.enable_grad()(f)\nwith torch.no_grad():\n    y = f(a)\ny.requires_grad",
     True),
    ("autograd.set-grad-enabled-context", api("torch.set_grad_enabled"),
     "a.requires_grad_()\nwith torch.set_grad_enabled(False):\n    y = a * 2\nwith torch.set_grad_enabled(True):\n"
     "    z = a * 2\n(y.requires_grad, z.requires_grad, torch.is_grad_enabled())", (False, True, True)),
    ("autograd.set-grad-enabled-function", api("torch.set_grad_enabled"),
     "a.requires_grad_(); torch.set_grad_enabled(False); y = a * 2; torch.set_grad_enabled(True); z = a * 2\n"
     "(y.requires_grad, z.requires_grad)", (False, True)),
    ("autograd.set-grad-enabled-decorator", api("torch.set_grad_enabled"),
     "a.requires_grad_()\ndef f(x):\n    return x * 2\nf = torch.set_grad_enabled(False)(f)\n"
     "(f(a).requires_grad, torch.is_grad_enabled())", (False, True)),
    ("autograd.no-grad-restores-on-exception", LOCALLY_DISABLING,
     "try:\n    with torch.no_grad():\n        raise KeyError\nexcept KeyError:\n    pass\ntorch.is_grad_enabled()", True),
    ("autograd.no-grad-inplace-update-keeps-leaf", SP.NO_GRAD,
     "a.requires_grad_()\nwith torch.no_grad():\n    a -= 1.0\n(a.is_leaf, a.requires_grad, a.grad_fn is None)",
     (True, True, True)),
])


@pytest.mark.parametrize("code, want", GRAD_MODES)
def test_grad_modes(T, code, want):
    check(T, code, np.array([1.5, -2.0, 0.5]), expected=want)


# ---------------------------------------------------------------------------------------------
# detach

DETACH = cases([
    ("autograd.detach-stops-gradient", api("torch.Tensor.detach"),
     "a.requires_grad_(); (a * a.detach()).sum().backward(); a.grad", lambda x: x),
    ("autograd.detach-shares-storage", api("torch.Tensor.detach"),
     "a.requires_grad_(); d = a.detach(); d.add_(1); (a, d.requires_grad)", lambda x: (x + 1, False)),
    ("autograd.detach-inplace", api("torch.Tensor.detach_"),
     "a.requires_grad_(); y = a * 2; r = y.detach_(); (r is y, y.requires_grad, y.grad_fn is None, y.is_leaf, y)",
     lambda x: (True, False, True, True, 2 * x)),
    ("autograd.detached-branch-gets-no-grad", api("torch.Tensor.detach"),
     "a.requires_grad_(); y = a.exp(); z = y.detach() * a; z.sum().backward(); a.grad", np.exp),
])


@pytest.mark.parametrize("code, want", DETACH)
@given(x=S.arrays(F64, S.shapes(1, 3), lo=-5, hi=5, layouts=S.WRITABLE))  # detached views are written
def test_detach(T, code, want, x):
    check(T, code, x, expected=want)


# ---------------------------------------------------------------------------------------------
# depth: the engine walks the graph without recursion

@spec("autograd.long-chain-no-recursion-error", doc("notes/autograd.html#how-autograd-encodes-the-history"))
def test_long_chain(T):
    # 20,000 multiplications: d/dx of x * c**n is c**n, computed by the product of 20,000 local grads.
    code = "a.requires_grad_()\ny = a\nfor _ in range(20000):\n    y = y * 1.0001\ny.sum().backward()\na.grad"
    check(T, code, np.array([0.5, -1.5]), expected=np.full(2, 1.0001 ** 20000), rtol=1e-10)
