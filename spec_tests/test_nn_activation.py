"""Activations, functional and as modules (https://pytorch.org/docs/stable/nn.html#non-linear-activations-
weighted-sum-nonlinearity): values against the float64 formulas of the docs (spec_tests/oracle_nn.py), input
gradients against their closed-form derivatives, in-place variants, PReLU's learnt slope, the softmax
family, reprs and errors."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import oracle_nn as O
from . import strategies as S
from .catalogue import api, cases, seed, spec
from . import seed_passages as SP
from .grad_harness import check_grad
from .harness import check, check_raises
from .messages import error_cases

F = "torch.nn.functional."
FLOATS = st.sampled_from(["float32", "float64"])

# (behaviour, source, functional call, module call, oracle name, oracle options)
TABLE = [
    ("relu", "relu(a)", "ReLU()(a)", "relu", {}),
    ("relu6", "relu6(a)", "ReLU6()(a)", "relu6", {}),
    ("leaky-relu", "leaky_relu(a)", "LeakyReLU()(a)", "leaky_relu", {}),
    ("leaky-relu-slope", "leaky_relu(a, 0.2)", "LeakyReLU(0.2)(a)", "leaky_relu", dict(s=0.2)),
    ("elu", "elu(a)", "ELU()(a)", "elu", {}),
    ("elu-alpha", "elu(a, alpha=0.5)", "ELU(alpha=0.5)(a)", "elu", dict(a=0.5)),
    ("selu", "selu(a)", "SELU()(a)", "selu", {}),
    ("celu", "celu(a)", "CELU()(a)", "celu", {}),
    ("celu-alpha", "celu(a, alpha=2.0)", "CELU(alpha=2.0)(a)", "celu", dict(a=2.0)),
    ("gelu", "gelu(a)", "GELU()(a)", "gelu", {}),
    ("gelu-tanh", "gelu(a, approximate='tanh')", "GELU(approximate='tanh')(a)", "gelu_tanh", {}),
    ("silu", "silu(a)", "SiLU()(a)", "silu", {}),
    ("mish", "mish(a)", "Mish()(a)", "mish", {}),
    ("sigmoid", "sigmoid(a)", "Sigmoid()(a)", "sigmoid", {}),
    ("tanh", "tanh(a)", "Tanh()(a)", "tanh", {}),
    ("hardtanh", "hardtanh(a)", "Hardtanh()(a)", "hardtanh", {}),
    ("hardtanh-bounds", "hardtanh(a, -2.0, 3.0)", "Hardtanh(-2.0, 3.0)(a)", "hardtanh", dict(lo=-2.0, hi=3.0)),
    ("hardsigmoid", "hardsigmoid(a)", "Hardsigmoid()(a)", "hardsigmoid", {}),
    ("hardswish", "hardswish(a)", "Hardswish()(a)", "hardswish", {}),
    ("softplus", "softplus(a)", "Softplus()(a)", "softplus", {}),
    ("softplus-beta-threshold", "softplus(a, beta=2.0, threshold=3.0)", "Softplus(beta=2.0, threshold=3.0)(a)",
     "softplus", dict(beta=2.0, threshold=3.0)),
    ("softsign", "softsign(a)", "Softsign()(a)", "softsign", {}),
    ("logsigmoid", "logsigmoid(a)", "LogSigmoid()(a)", "logsigmoid", {}),
]


def _page(call):
    return api("torch.nn.functional." + call.split("(")[0])


def _module_page(call):
    return api("torch.nn." + call.split("(")[0])


FUNCTIONAL = cases([(f"nn.{b}", _page(fc), fc, name, kw) for b, fc, mc, name, kw in TABLE])
MODULES = cases([(f"nn.{b}-module", _module_page(mc), mc, name, kw) for b, fc, mc, name, kw in TABLE])
GRADS = cases([(f"nn.{b}-grad", _page(fc), fc, name, kw) for b, fc, mc, name, kw in TABLE])


def _expected(name, kw):
    value = O.ACTIVATIONS[name][0]
    return lambda x: value(x.astype(np.float64), **kw).astype(x.dtype)


@pytest.mark.parametrize("call, name, kw", FUNCTIONAL)
@given(data=st.data())
def test_functional(T, call, name, kw, data):
    x = data.draw(S.arrays(data.draw(FLOATS, label="dtype"), S.shapes(0, 3), lo=-8, hi=8), label="x")
    check(T, F + call, x, expected=_expected(name, kw))


@pytest.mark.parametrize("call, name, kw", MODULES)
@given(x=S.arrays("float32", S.shapes(1, 3), lo=-8, hi=8))
def test_module(T, call, name, kw, x):
    check(T, "torch.nn." + call, x, expected=_expected(name, kw))


# Gradients at multiples of 1/4 shifted by 1/8: never on a kink (0, +-1, +-3, 6, thresholds).
@st.composite
def off_kink(draw, shape=S.shapes(1, 3)):
    x = draw(S.arrays("float64", shape, lo=-6, hi=6, quarters=True))
    return x + 0.125


# torch's float64 hardsigmoid backward multiplies by 1/6 rounded to float32 (relative error 3e-8)
GRAD_RTOL = {"hardsigmoid": 1e-7}


@pytest.mark.parametrize("call, name, kw", GRADS)
@given(data=st.data())
def test_grad(T, call, name, kw, data):
    check_grad(T, data, F + call, data.draw(off_kink(), label="x"), oracle=O.activation(name, **kw),
               rtol=GRAD_RTOL.get(name))


# ---------------------------------------------------------------------------------------------
# in-place variants: the input tensor itself holds the result, and gradients flow through it

INPLACE = cases([
    ("nn.relu-inplace", api("torch.nn.ReLU"), "torch.nn.ReLU(inplace=True)", "relu", {}),
    ("nn.relu6-inplace", api("torch.nn.ReLU6"), "torch.nn.ReLU6(inplace=True)", "relu6", {}),
    ("nn.leaky-relu-inplace", api("torch.nn.LeakyReLU"), "torch.nn.LeakyReLU(0.1, inplace=True)", "leaky_relu",
     dict(s=0.1)),
    ("nn.elu-inplace", api("torch.nn.ELU"), "torch.nn.ELU(inplace=True)", "elu", {}),
    ("nn.selu-inplace", api("torch.nn.SELU"), "torch.nn.SELU(inplace=True)", "selu", {}),
    ("nn.silu-inplace", api("torch.nn.SiLU"), "torch.nn.SiLU(inplace=True)", "silu", {}),
    ("nn.hardtanh-inplace", api("torch.nn.Hardtanh"), "torch.nn.Hardtanh(inplace=True)", "hardtanh", {}),
    ("nn.hardswish-inplace", api("torch.nn.Hardswish"), "torch.nn.Hardswish(inplace=True)", "hardswish", {}),
])


@pytest.mark.parametrize("module, name, kw", INPLACE)
@given(x=S.arrays("float32", S.shapes(1, 3), lo=-8, hi=8))
def test_inplace_value(T, module, name, kw, x):
    check(T, f"x = a.clone()\ny = {module}(x)\n(y is x, x)", x, expected=lambda x: (True, _expected(name, kw)(x)))


@pytest.mark.parametrize("module, name, kw", INPLACE)
@given(data=st.data())
def test_inplace_grad(T, module, name, kw, data):
    # the activation runs in place on a non-leaf; the gradient reaches the leaf through it
    check_grad(T, data, f"{module}(a * 1)", data.draw(off_kink(), label="x"), oracle=O.activation(name, **kw))


# relu's gradient is torch's threshold_backward: the incoming gradient where the result is positive, 0
# elsewhere, even where the incoming gradient is NaN or infinite (0 * NaN would be NaN)
_RELU_CALLS = [
    ("nn.relu-grad-clipped-is-zero", api("torch.relu"), "torch.relu(x)"),
    ("nn.relu-functional-grad-clipped-is-zero", api("torch.nn.functional.relu"), "torch.nn.functional.relu(x)"),
    ("nn.relu-module-grad-clipped-is-zero", api("torch.nn.ReLU"), "torch.nn.ReLU()(x)"),
    ("nn.relu-inplace-grad-clipped-is-zero", api("torch.nn.ReLU"), "torch.nn.ReLU(inplace=True)(x * 1)"),
]
# with create_graph the gradient is itself differentiable, and still 0 where relu clipped
RELU_CLIPPED = cases([(b + suffix, src, call, graph) for b, src, call in _RELU_CALLS
                      for suffix, graph in (("", False), ("-create-graph", True))])


@st.composite
def relu_grad_args(draw):
    dtype = draw(FLOATS, label="dtype")
    x = draw(S.arrays(dtype, S.shapes(1, 3), lo=-4, hi=4), label="x")
    g = np.array(draw(S.arrays(dtype, x.shape, lo=-4, hi=4, layouts=("contiguous",)), label="g"))
    clipped = np.flatnonzero(np.asarray(x) <= 0)
    if clipped.size:
        poison = draw(st.lists(st.sampled_from([np.nan, np.inf, -np.inf]), min_size=clipped.size,
                               max_size=clipped.size), label="poison")
        keep = draw(st.lists(st.booleans(), min_size=clipped.size, max_size=clipped.size), label="poisoned")
        flat = g.reshape(-1)
        for i, p, k in zip(clipped, poison, keep):
            if k:
                flat[i] = p
    return x, g


@pytest.mark.parametrize("call, create_graph", RELU_CLIPPED)
@given(args=relu_grad_args())
def test_relu_grad_clipped_positions(T, call, create_graph, args):
    x, g = args
    grad = (f"torch.autograd.grad({call}, x, b, create_graph=True)[0].detach()" if create_graph else
            f"{call}.backward(b)\nx.grad")
    check(T, f"x = a.detach().clone().requires_grad_(True)\n{grad}", x, g,
          expected=lambda x, g: np.where(x > 0, g, 0).astype(x.dtype))


@pytest.mark.parametrize("code, exc, contains", error_cases([
    ("nn.relu-inplace-leaf-error", api("torch.nn.ReLU"),
     "x = torch.ones(3, requires_grad=True)\ntorch.nn.functional.relu(x, inplace=True)", RuntimeError,
     ("a leaf Variable that requires grad",)),
]))
def test_inplace_leaf_error(T, code, exc, contains):
    check_raises(T, code, exc=exc, contains=contains)


# ---------------------------------------------------------------------------------------------
# softmax family

SOFTMAX = cases([
    ("nn.softmax", api("torch.nn.functional.softmax"), "torch.nn.functional.softmax(a, dim={d})", O.softmax_op),
    ("nn.softmax-module", api("torch.nn.Softmax"), "torch.nn.Softmax(dim={d})(a)", O.softmax_op),
    ("nn.log-softmax", api("torch.nn.functional.log_softmax"), "torch.nn.functional.log_softmax(a, dim={d})",
     O.log_softmax_op),
    ("nn.log-softmax-module", api("torch.nn.LogSoftmax"), "torch.nn.LogSoftmax(dim={d})(a)", O.log_softmax_op),
    ("nn.softmin", api("torch.nn.functional.softmin"), "torch.nn.functional.softmin(a, dim={d})", O.softmin_op),
    ("nn.softmin-module", api("torch.nn.Softmin"), "torch.nn.Softmin(dim={d})(a)", O.softmin_op),
])


@st.composite
def array_and_dim(draw, dtype="float64"):
    x = draw(S.arrays(dtype, S.shapes(1, 3), lo=-10, hi=10))
    return x, draw(st.integers(-x.ndim, x.ndim - 1))


@pytest.mark.parametrize("code, make", SOFTMAX)
@given(data=st.data())
def test_softmax_value(T, code, make, data):
    x, d = data.draw(array_and_dim(data.draw(FLOATS, label="dtype")), label="x, dim")
    check(T, code.format(d=d), x, expected=lambda x: make(d)(x)[0].astype(x.dtype), reduce=x.shape[d])


@pytest.mark.parametrize("code, make", SOFTMAX)
@given(data=st.data())
def test_softmax_grad(T, code, make, data):
    x, d = data.draw(array_and_dim(), label="x, dim")
    check_grad(T, data, code.format(d=d), x, oracle=make(d), reduce=x.shape[d])


# ---------------------------------------------------------------------------------------------
# PReLU

@st.composite
def prelu_args(draw):
    x = draw(off_kink(S.shapes(2, 4)))
    n = draw(st.sampled_from([1, x.shape[1]]))
    w = draw(S.arrays("float64", (n,), lo=-1, hi=1))
    return x, w


@spec("nn.prelu", api("torch.nn.PReLU"))
@given(args=prelu_args())
def test_prelu_module(T, args):
    x, w = args
    check(T, f"m = torch.nn.PReLU({w.size}).double().to(dev)\nm.load_state_dict({{'weight': b}})\nm(a)", x, w,
          expected=lambda x, w: O.prelu(x, w))


@spec("nn.prelu-grad", api("torch.nn.functional.prelu"))
@given(data=st.data())
def test_prelu_grad(T, data):
    x, w = data.draw(prelu_args(), label="x, w")
    check_grad(T, data, "torch.nn.functional.prelu(a, b)", x, w, oracle=O.prelu_op, reduce=x.size)


# ---------------------------------------------------------------------------------------------
# reprs and errors

REPRS = cases([(f"nn.repr-{text.split('(')[0].lower()}-{i}", api("torch.nn." + text.split("(")[0]), code, text)
               for i, (code, text) in enumerate([
                   ("ReLU()", "ReLU()"), ("ReLU(inplace=True)", "ReLU(inplace=True)"), ("ReLU6()", "ReLU6()"),
                   ("LeakyReLU()", "LeakyReLU(negative_slope=0.01)"),
                   ("LeakyReLU(0.2, True)", "LeakyReLU(negative_slope=0.2, inplace=True)"),
                   ("PReLU(3)", "PReLU(num_parameters=3)"), ("ELU(0.5)", "ELU(alpha=0.5)"),
                   ("CELU()", "CELU(alpha=1.0)"), ("SELU()", "SELU()"), ("GELU()", "GELU(approximate='none')"),
                   ("GELU('tanh')", "GELU(approximate='tanh')"), ("SiLU()", "SiLU()"), ("Mish()", "Mish()"),
                   ("Hardtanh()", "Hardtanh(min_val=-1.0, max_val=1.0)"), ("Hardsigmoid()", "Hardsigmoid()"),
                   ("Hardswish()", "Hardswish()"), ("Softplus()", "Softplus(beta=1.0, threshold=20.0)"),
                   ("Softsign()", "Softsign()"), ("Softmax(dim=1)", "Softmax(dim=1)"), ("Softmax()", "Softmax(dim=None)"),
                   ("LogSoftmax(-1)", "LogSoftmax(dim=-1)"), ("Softmin(0)", "Softmin(dim=0)"),
                   ("Sigmoid()", "Sigmoid()"), ("Tanh()", "Tanh()"),
               ])])


@pytest.mark.parametrize("code, text", REPRS)
def test_repr(T, code, text):
    check(T, f"repr(torch.nn.{code})", expected=text)


@spec("nn.activation-in-model-repr", SP.LAYERS_ARE_CLASSES)
def test_model_repr(T):
    check(T, "nn = torch.nn\nrepr(nn.Sequential(nn.Linear(4, 3), nn.GELU(), nn.Linear(3, 1), nn.Sigmoid()))",
          expected="Sequential(\n  (0): Linear(in_features=4, out_features=3, bias=True)\n"
                   "  (1): GELU(approximate='none')\n  (2): Linear(in_features=3, out_features=1, bias=True)\n"
                   "  (3): Sigmoid()\n)")


ERRORS = error_cases([
    ("nn.prelu-channel-mismatch", api("torch.nn.PReLU"), "torch.nn.PReLU(3)(torch.ones(2, 4))", RuntimeError,
     ("Mismatch of parameter numbers and input channel size", "numbers = 3", "channel size = 4")),
    ("nn.gelu-bad-approximate", api("torch.nn.functional.gelu"), "torch.nn.functional.gelu(torch.ones(2), approximate='x')",
     RuntimeError, ("approximate",)),
    ("nn.relu-not-tensor", api("torch.nn.functional.relu"), "torch.nn.functional.relu([1.0])", TypeError, ()),
    ("nn.softmax-dim-out-of-range", api("torch.nn.functional.softmax"),
     "torch.nn.functional.softmax(torch.ones(2, 3), dim=2)", IndexError, ("Dimension out of range",)),
])


@pytest.mark.parametrize("code, exc, contains", ERRORS)
def test_errors(T, code, exc, contains):
    check_raises(T, code, exc=exc, contains=contains)
