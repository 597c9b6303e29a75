"""torch.nn.init (https://pytorch.org/docs/stable/nn.init.html) and the default initialisation of the
layers: each continuous distribution is checked with a seeded Kolmogorov-Smirnov test on tens of
thousands of draws (a wrong fan mode, gain or bound moves the scale by >= 10% and fails it), plus
its bounds; the deterministic ones against NumPy."""
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import oracle_nn as O
from . import strategies as S
from .catalogue import api, cases, doc, spec
from .harness import check, check_raises
from .messages import error_cases

INIT = doc("nn.init.html")
F32 = "float32"

# fan_in = 64 * 3 = 192, fan_out = 128 * 3 = 384
SHAPE = (128, 64, 3)
FAN_IN, FAN_OUT = O.fans(SHAPE)


def _ks_code(call, cdf, bound=None):
    lines = ["from spec_tests import oracle_nn as O", "torch.manual_seed(7)", f"w = torch.empty{SHAPE}",
             f"r = torch.nn.init.{call}", "x = w.numpy()"]
    bound_check = f"bool(np.abs(x).max() <= {bound!r} * (1 + 1e-6))" if bound is not None else "True"
    lines.append(f"(r is w, {bound_check}, O.ks_pvalue(x, {cdf}) > 1e-4)")
    return "\n".join(lines)


def _kaiming_std(mode, nonlinearity, a=0):
    fan = FAN_IN if mode == "fan_in" else FAN_OUT
    return O.gain(nonlinearity, a) / math.sqrt(fan)


def _xavier_std(g=1.0):
    return g * math.sqrt(2.0 / (FAN_IN + FAN_OUT))


def _u(bound):
    return f"O.uniform_cdf({-bound!r}, {bound!r})"


def _n(std):
    return f"O.normal_cdf(0.0, {std!r})"


_b1 = math.sqrt(3) * _kaiming_std("fan_in", "leaky_relu")
_b2 = math.sqrt(3) * _kaiming_std("fan_out", "relu")
_b3 = math.sqrt(3) * _kaiming_std("fan_in", "leaky_relu", 0.2)
_b4 = math.sqrt(3) * _xavier_std()
_b5 = math.sqrt(3) * _xavier_std(5 / 3)

DISTRIBUTIONS = cases([
    ("nn.init-uniform", api("torch.nn.init.uniform_"), "uniform_(w, -0.5, 2.0)", "O.uniform_cdf(-0.5, 2.0)", None),
    ("nn.init-uniform-default", api("torch.nn.init.uniform_"), "uniform_(w)", "O.uniform_cdf(0.0, 1.0)", None),
    ("nn.init-normal", api("torch.nn.init.normal_"), "normal_(w, 1.5, 0.3)", "O.normal_cdf(1.5, 0.3)", None),
    ("nn.init-kaiming-uniform-default", api("torch.nn.init.kaiming_uniform_"), "kaiming_uniform_(w)", _u(_b1), _b1),
    ("nn.init-kaiming-uniform-fan-out-relu", api("torch.nn.init.kaiming_uniform_"),
     "kaiming_uniform_(w, mode='fan_out', nonlinearity='relu')", _u(_b2), _b2),
    ("nn.init-kaiming-uniform-a", api("torch.nn.init.kaiming_uniform_"), "kaiming_uniform_(w, a=0.2)", _u(_b3), _b3),
    ("nn.init-kaiming-normal-fan-in", api("torch.nn.init.kaiming_normal_"),
     "kaiming_normal_(w, nonlinearity='relu')", _n(_kaiming_std("fan_in", "relu")), None),
    ("nn.init-kaiming-normal-fan-out", api("torch.nn.init.kaiming_normal_"),
     "kaiming_normal_(w, mode='fan_out', nonlinearity='relu')", _n(_kaiming_std("fan_out", "relu")), None),
    ("nn.init-kaiming-normal-tanh", api("torch.nn.init.kaiming_normal_"),
     "kaiming_normal_(w, nonlinearity='tanh')", _n(_kaiming_std("fan_in", "tanh")), None),
    ("nn.init-xavier-uniform", api("torch.nn.init.xavier_uniform_"), "xavier_uniform_(w)", _u(_b4), _b4),
    ("nn.init-xavier-uniform-gain", api("torch.nn.init.xavier_uniform_"), "xavier_uniform_(w, gain=5 / 3)", _u(_b5), _b5),
    ("nn.init-xavier-normal", api("torch.nn.init.xavier_normal_"), "xavier_normal_(w)", _n(_xavier_std()), None),
    ("nn.init-xavier-normal-gain", api("torch.nn.init.xavier_normal_"), "xavier_normal_(w, gain=2.0)",
     _n(_xavier_std(2.0)), None),
    ("nn.init-trunc-normal", api("torch.nn.init.trunc_normal_"), "trunc_normal_(w, 0.5, 1.0, -1.0, 1.5)",
     "O.trunc_normal_cdf(0.5, 1.0, -1.0, 1.5)", 1.5),
    ("nn.init-trunc-normal-default", api("torch.nn.init.trunc_normal_"), "trunc_normal_(w)",
     "O.trunc_normal_cdf(0.0, 1.0, -2.0, 2.0)", 2.0),
    ("nn.init-trunc-normal-one-sided-interval", api("torch.nn.init.trunc_normal_"),
     "trunc_normal_(w, 0.0, 1.0, 1.5, 3.0)", "O.trunc_normal_cdf(0.0, 1.0, 1.5, 3.0)", 3.0),
])


@pytest.mark.parametrize("call, cdf, bound", DISTRIBUTIONS)
def test_distribution(T, call, cdf, bound):
    check(T, _ks_code(call, cdf, bound), expected=(True, True, True))


# [a, b] far in a tail (6 std above the mean: one normal draw in a billion lands there). The page
# warns that the values' distribution "may be incorrect" so far from the mean, so only the bounds
# and the warning are checked; the call must still finish (a sampler that redraws the values outside
# [a, b] would not).
TRUNC_TAIL = """import warnings
w = torch.empty(1000)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    torch.nn.init.trunc_normal_(w, 0.0, 1.0, {a}, {b})
x = w.numpy()
(bool((x >= {a}).all() and (x <= {b}).all()), float(x.std()) > 0, any(issubclass(c.category, UserWarning) for c in caught))"""


@pytest.mark.parametrize("a, b", cases([
    ("nn.init-trunc-normal-far-upper-tail", api("torch.nn.init.trunc_normal_"), 6.0, 7.0),
    ("nn.init-trunc-normal-far-lower-tail", api("torch.nn.init.trunc_normal_"), -9.0, -8.0),
]))
def test_trunc_normal_far_tail(T, a, b):
    check(T, TRUNC_TAIL.format(a=a, b=b), expected=(True, True, True))


@spec("nn.init-trunc-normal-empty-interval-raises", api("torch.nn.init.trunc_normal_"))
def test_trunc_normal_empty_interval(T):
    check_raises(T, "torch.nn.init.trunc_normal_(torch.empty(3), a=2.0, b=1.0)", exc=RuntimeError, contains=(2, 1))


LAYER = "from spec_tests import oracle_nn as O\ntorch.manual_seed(3)\n"

DEFAULTS = cases([
    # Linear: U(-1/sqrt(in), 1/sqrt(in)) for weight and bias
    ("nn.linear-default-init-weight", api("torch.nn.Linear"),
     LAYER + "m = torch.nn.Linear(400, 300)\nx = m.weight.detach().numpy()\nb = 1 / 20\n"
     "(bool(np.abs(x).max() <= b), O.ks_pvalue(x, O.uniform_cdf(-b, b)) > 1e-4)", (True, True)),
    ("nn.linear-default-init-bias", api("torch.nn.Linear"),
     LAYER + "m = torch.nn.Linear(400, 3000)\nx = m.bias.detach().numpy()\nb = 1 / 20\n"
     "(bool(np.abs(x).max() <= b), O.ks_pvalue(x, O.uniform_cdf(-b, b)) > 1e-4)", (True, True)),
    ("nn.bilinear-default-init", api("torch.nn.Bilinear"),
     LAYER + "m = torch.nn.Bilinear(25, 30, 40)\nx = m.weight.detach().numpy()\nb = 1 / 5\n"
     "(bool(np.abs(x).max() <= b), O.ks_pvalue(x, O.uniform_cdf(-b, b)) > 1e-4)", (True, True)),
    ("nn.prelu-default-init", api("torch.nn.PReLU"), "torch.nn.PReLU(3).weight.tolist()", [0.25, 0.25, 0.25]),
    ("nn.linear-init-seeded", api("torch.manual_seed"),
     "torch.manual_seed(5)\na = torch.nn.Linear(3, 4).weight.detach().clone()\ntorch.manual_seed(5)\n"
     "bool((torch.nn.Linear(3, 4).weight == a).all())", True),
])


@pytest.mark.parametrize("code, expected", DEFAULTS)
def test_layer_defaults(T, code, expected):
    check(T, code, expected=expected)


GAINS = cases([
    ("nn.calculate-gain-linear", api("torch.nn.init.calculate_gain"), "torch.nn.init.calculate_gain('linear')", 1),
    ("nn.calculate-gain-conv2d", api("torch.nn.init.calculate_gain"), "torch.nn.init.calculate_gain('conv2d')", 1),
    ("nn.calculate-gain-sigmoid", api("torch.nn.init.calculate_gain"), "torch.nn.init.calculate_gain('sigmoid')", 1),
    ("nn.calculate-gain-tanh", api("torch.nn.init.calculate_gain"), "torch.nn.init.calculate_gain('tanh')", 5 / 3),
    ("nn.calculate-gain-relu", api("torch.nn.init.calculate_gain"), "torch.nn.init.calculate_gain('relu')",
     math.sqrt(2)),
    ("nn.calculate-gain-leaky-default", api("torch.nn.init.calculate_gain"),
     "torch.nn.init.calculate_gain('leaky_relu')", math.sqrt(2 / (1 + 0.01 ** 2))),
    ("nn.calculate-gain-leaky-param", api("torch.nn.init.calculate_gain"),
     "torch.nn.init.calculate_gain('leaky_relu', 0.3)", math.sqrt(2 / (1 + 0.09))),
    ("nn.calculate-gain-selu", api("torch.nn.init.calculate_gain"), "torch.nn.init.calculate_gain('selu')", 0.75),
])


@pytest.mark.parametrize("code, expected", GAINS)
def test_calculate_gain(T, code, expected):
    check(T, code, expected=expected)


@spec("nn.init-constant", api("torch.nn.init.constant_"))
@given(shape=S.shapes(1, 3), v=st.floats(-5, 5, width=32))
def test_constant(T, shape, v):
    check(T, f"w = torch.empty{tuple(shape)}\ntorch.nn.init.constant_(w, {v!r})\nw",
          expected=np.full(shape, v, np.float32))


DETERMINISTIC = cases([
    ("nn.init-zeros", api("torch.nn.init.zeros_"), "w = torch.ones(2, 3)\ntorch.nn.init.zeros_(w)\nw",
     np.zeros((2, 3), np.float32)),
    ("nn.init-ones", api("torch.nn.init.ones_"), "w = torch.zeros(2, 3)\ntorch.nn.init.ones_(w)\nw",
     np.ones((2, 3), np.float32)),
    ("nn.init-eye-wide", api("torch.nn.init.eye_"), "w = torch.ones(3, 5)\ntorch.nn.init.eye_(w)\nw",
     np.eye(3, 5, dtype=np.float32)),
    ("nn.init-eye-tall", api("torch.nn.init.eye_"), "w = torch.ones(4, 2)\ntorch.nn.init.eye_(w)\nw",
     np.eye(4, 2, dtype=np.float32)),
    ("nn.init-returns-tensor", api("torch.nn.init.zeros_"), "w = torch.ones(2)\ntorch.nn.init.zeros_(w) is w", True),
    ("nn.init-no-grad-on-parameter", api("torch.nn.init.normal_"),
     "p = torch.nn.Parameter(torch.ones(3, 3))\ntorch.nn.init.normal_(p)\n(p.requires_grad, p.is_leaf)", (True, True)),
])


@pytest.mark.parametrize("code, expected", DETERMINISTIC)
def test_deterministic(T, code, expected):
    check(T, code, expected=expected)


def _dirac(shape, groups):
    w = np.zeros(shape, np.float32)
    per = shape[0] // groups
    centre = tuple(s // 2 for s in shape[2:])
    for g in range(groups):
        for d in range(min(per, shape[1])):
            w[(g * per + d, d) + centre] = 1
    return w


@spec("nn.init-dirac", api("torch.nn.init.dirac_"))
@given(shape=st.sampled_from([(4, 3, 3), (2, 4, 3, 5), (6, 2, 3, 3), (3, 3, 1, 2, 3)]), groups=st.sampled_from([1, 2]))
def test_dirac(T, shape, groups):
    if shape[0] % groups:
        groups = 1
    check(T, f"w = torch.randn{shape}\ntorch.nn.init.dirac_(w, groups={groups})\nw", expected=_dirac(shape, groups))


@spec("nn.init-orthogonal", api("torch.nn.init.orthogonal_"))
@given(shape=st.sampled_from([(3, 5), (5, 3), (4, 4), (2, 3, 2)]), g=st.sampled_from([1.0, 2.5]))
def test_orthogonal(T, shape, g):
    # rows (or columns, whichever are fewer) are orthonormal, scaled by gain
    check(T, f"w = torch.empty{shape}\ntorch.nn.init.orthogonal_(w, gain={g})\n"
             "m = w.reshape(w.shape[0], -1).double()\np = m @ m.t() if m.shape[0] <= m.shape[1] else m.t() @ m\np",
          expected=np.eye(min(shape[0], int(np.prod(shape[1:]))), dtype=np.float64) * g * g, atol=1e-5, rtol=1e-5)


@spec("nn.init-sparse", api("torch.nn.init.sparse_"))
@given(rows=st.integers(2, 12), cols=st.integers(1, 6), sparsity=st.sampled_from([0.1, 0.3, 0.5, 0.9]))
def test_sparse(T, rows, cols, sparsity):
    # ceil(sparsity * rows) zeros in every column
    check(T, f"w = torch.empty({rows}, {cols})\ntorch.nn.init.sparse_(w, {sparsity})\n(w == 0).sum(0).tolist()",
          expected=[math.ceil(sparsity * rows)] * cols)


@spec("nn.init-sparse-std", api("torch.nn.init.sparse_"))
def test_sparse_std(T):
    check(T, "from spec_tests import oracle_nn as O\ntorch.manual_seed(1)\nw = torch.empty(400, 100)\n"
             "torch.nn.init.sparse_(w, 0.25, std=0.02)\nx = w.numpy()\nx = x[x != 0]\n"
             "O.ks_pvalue(x, O.normal_cdf(0.0, 0.02)) > 1e-4", expected=True)


ERRORS = error_cases([
    ("nn.init-fan-1d", api("torch.nn.init.xavier_uniform_"), "torch.nn.init.xavier_uniform_(torch.empty(5))",
     ValueError, ("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions",)),
    ("nn.init-kaiming-bad-mode", api("torch.nn.init.kaiming_uniform_"),
     "torch.nn.init.kaiming_uniform_(torch.empty(3, 4), mode='fan_avg')", ValueError, ("Mode fan_avg not supported",)),
    ("nn.init-gain-unknown", api("torch.nn.init.calculate_gain"), "torch.nn.init.calculate_gain('swish')",
     ValueError, ("Unsupported nonlinearity swish",)),
    ("nn.init-eye-3d", api("torch.nn.init.eye_"), "torch.nn.init.eye_(torch.empty(2, 2, 2))", ValueError,
     ("Only tensors with 2 dimensions are supported",)),
    ("nn.init-dirac-2d", api("torch.nn.init.dirac_"), "torch.nn.init.dirac_(torch.empty(2, 2))", ValueError,
     ("Only tensors with 3, 4, or 5 dimensions are supported",)),
    ("nn.init-sparse-3d", api("torch.nn.init.sparse_"), "torch.nn.init.sparse_(torch.empty(2, 2, 2), 0.5)", ValueError,
     ("Only tensors with 2 dimensions are supported",)),
    ("nn.init-orthogonal-1d", api("torch.nn.init.orthogonal_"), "torch.nn.init.orthogonal_(torch.empty(3))",
     ValueError, ("Only tensors with 2 or more dimensions are supported",)),
])


@pytest.mark.parametrize("code, exc, contains", ERRORS)
def test_errors(T, code, exc, contains):
    check_raises(T, code, exc=exc, contains=contains)
