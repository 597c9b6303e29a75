"""float16 layers on the CPU: convolutions, pooling, the norms and cross-entropy accept half inputs
and parameters and return half (https://pytorch.org/docs/stable/tensor_attributes.html: torch.float16;
every layer page states its output has the input's type). Values and gradients against the float64
oracles of the half inputs, within half precision's tolerances (each result accumulates `reduce`
terms in float32 and rounds to half once)."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import oracle_nn as ON
from . import oracle_nn_layers as O
from . import strategies as S
from .catalogue import api, cases, spec
from .grad_harness import check_grad
from .harness import check
from .test_nn_norm import spread

F = "torch.nn.functional"
H = "float16"


def typed(fn):
    def run(*args):
        return np.asarray(fn(*args)).astype(np.float16)
    return run


def fd(fn):
    return lambda *inputs: O.numeric_vjp(fn, inputs)


# (behaviour, source, code, input shapes, oracle forward, terms each result accumulates, how x is
# drawn: False, ("spread", block) (norms: every normalised group spread over [-1, 1] on top of the draw,
# see test_nn_norm.spread) or "distinct" (max pooling: no ties, whose argmax the documentation leaves open))
LAYERS = cases([
    ("nn.conv2d-float16", api("torch.nn.functional.conv2d"), f"{F}.conv2d(a, b, c, stride=2, padding=1, groups=2)",
     [(2, 4, 5, 5), (6, 2, 3, 3), (6,)], lambda x, w, b: O.conv2d(x, w, b, stride=2, padding=1, groups=2), 18,
     False),
    ("nn.conv1d-float16", api("torch.nn.functional.conv1d"), f"{F}.conv1d(a, b, c, padding=1)",
     [(2, 3, 7), (4, 3, 3), (4,)], lambda x, w, b: O.conv1d(x, w, b, padding=1), 9, False),
    ("nn.conv-transpose2d-float16", api("torch.nn.functional.conv_transpose2d"),
     f"{F}.conv_transpose2d(a, b, c, stride=2, output_padding=1)", [(1, 4, 3, 3), (4, 2, 3, 3), (2,)],
     lambda x, w, b: O.conv_transpose2d(x, w, b, stride=2, output_padding=1), 36, False),
    ("nn.max-pool2d-float16", api("torch.nn.functional.max_pool2d"), f"{F}.max_pool2d(a, 3, 2, 1)",
     [(2, 3, 6, 5)], lambda x: O.max_pool2d(x, 3, 2, 1), 1, "distinct"),
    ("nn.avg-pool2d-float16", api("torch.nn.functional.avg_pool2d"),
     f"{F}.avg_pool2d(a, 3, 2, 1, ceil_mode=True)", [(2, 3, 6, 5)],
     lambda x: O.avg_pool2d(x, 3, 2, 1, ceil_mode=True), 9, False),
    ("nn.adaptive-avg-pool2d-float16", api("torch.nn.functional.adaptive_avg_pool2d"),
     f"{F}.adaptive_avg_pool2d(a, (3, 2))", [(2, 3, 7, 5)], lambda x: O.adaptive_avg_pool2d(x, (3, 2)), 9, False),
    ("nn.adaptive-max-pool2d-float16", api("torch.nn.functional.adaptive_max_pool2d"),
     f"{F}.adaptive_max_pool2d(a, (3, 2))", [(2, 3, 7, 5)],
     lambda x: O.adaptive_max_pool2d_with_indices(x, (3, 2))[0], 1, "distinct"),
    ("nn.batch-norm-float16", api("torch.nn.functional.batch_norm"),
     f"{F}.batch_norm(a, None, None, b, c, training=True)", [(4, 3, 5), (3,), (3,)],
     lambda x, w, b: O.batch_norm(x, weight=w, bias=b, training=True), 20, ("spread", None)),
    ("nn.layer-norm-float16", api("torch.nn.functional.layer_norm"), f"{F}.layer_norm(a, (6,), b, c)",
     [(3, 6), (6,), (6,)], lambda x, w, b: O.layer_norm(x, (6,), w, b), 6, ("spread", 6)),
    ("nn.group-norm-float16", api("torch.nn.functional.group_norm"), f"{F}.group_norm(a, 2, b, c)",
     [(2, 4, 5), (4,), (4,)], lambda x, w, b: O.group_norm(x, 2, w, b), 10, ("spread", 10)),
    ("nn.instance-norm-float16", api("torch.nn.functional.instance_norm"), f"{F}.instance_norm(a)",
     [(2, 3, 6)], lambda x: O.instance_norm(x), 6, ("spread", 6)),
])


# A norm's result is x_hat * w + b, terms of order one whose sum may be smaller: a few half
# roundings of the terms (torch forms the scale and shift per channel first), not of the result.
NORM_TOL = dict(rtol=4e-3, atol=4e-3)


# Gradients: torch's half backward kernels round their partial sums, a few half ulps of terms
# of order one; a dropped or misplaced term is off by one of those terms.
GRAD_TOL = dict(rtol=4e-3, atol=1e-2)


def half_inputs(data, shapes, x_kind):
    arrays = [data.draw(S.arrays(H, shape, lo=-2, hi=2), label=name) for shape, name in zip(shapes, "abc")]
    if isinstance(x_kind, tuple):
        arrays[0] = spread(arrays[0], x_kind[1])
    elif x_kind == "distinct":
        # a drawn order on a grid of 1/8 (exact in half), so no window holds a tie
        n = arrays[0].size
        order = np.array(data.draw(st.permutations(range(n)), label="order"), np.float64)
        arrays[0] = ((order - n / 2) / 8).reshape(arrays[0].shape).astype(np.float16)
    return arrays


@pytest.mark.parametrize("code, shapes, forward, reduce, spread_x", LAYERS)
@given(data=st.data())
def test_layer_float16(T, code, shapes, forward, reduce, spread_x, data):
    inputs = half_inputs(data, shapes, spread_x)
    check(T, code, *inputs, expected=typed(forward), reduce=reduce, **(NORM_TOL if isinstance(spread_x, tuple) else {}))


@pytest.mark.parametrize("code, shapes, forward, reduce, spread_x", LAYERS)
@given(data=st.data())
def test_layer_float16_grad(T, code, shapes, forward, reduce, spread_x, data):
    # the gradients come back in half, one per half input
    inputs = half_inputs(data, shapes, spread_x)
    check_grad(T, data, code, *inputs, oracle=fd(forward), **GRAD_TOL)


@spec("nn.batch-norm-float16-with-float32-parameters", api("torch.nn.functional.batch_norm"))
@given(data=st.data())
def test_batch_norm_mixed(T, data):
    # a half input with float32 running statistics and affine parameters (what .half() on the
    # input alone gives): the output stays half, the running statistics float32
    x = spread(data.draw(S.arrays(H, (4, 3), lo=-2, hi=2), label="a"))
    w = data.draw(S.arrays("float32", (3,), lo=-2, hi=2), label="b")
    rm = data.draw(S.arrays("float32", (3,), lo=-1, hi=1, layouts=S.CONTIGUOUS), label="c")
    rv = np.ones(3, np.float32)
    check(T, f"y = {F}.batch_norm(a, c, d, b, None, training=True); (y, c, d)", x, w, rm, rv, **NORM_TOL,
          expected=lambda x, w, rm, rv: (typed(lambda x: O.batch_norm(x, weight=w, training=True))(x),
                                         *(s.astype(np.float32) for s in O.updated_running_stats(x, rm, rv))))


HALF_U = 2.0 ** -11


def cross_entropy_magnitude(x, t, reduction, smoothing=0.1):
    """The error model of a half cross-entropy: torch rounds log_softmax to half before weighting it,
    and log p_ij = x_ij - logsumexp_i carries a rounding of each operand and of the result, so the loss
    is off by up to a few u * sum_ij w_ij (|x_ij| + |lse_i| + |log p_ij|), w_ij the loss's weight on
    log p_ij, not a few ulps of the loss (a loss of 8.58 came back 8.59375, 1.5 ulps off; over 6000
    random draws torch's error stays below 1.7 u times this sum)."""
    x = x.astype(np.float64)
    n, c = x.shape
    top = x.max(1)
    lse = top + np.log(np.exp(x - top[:, None]).sum(1))
    w = np.full((n, c), smoothing / c)
    w[np.arange(n), t] += 1 - smoothing
    per = (w * (np.abs(x) + np.abs(lse)[:, None] + np.abs(x - lse[:, None]))).sum(1)
    return {"none": per, "sum": per.sum(), "mean": per.mean()}[reduction]


@spec("nn.cross-entropy-float16", api("torch.nn.functional.cross_entropy"))
@given(data=st.data())
def test_cross_entropy_float16(T, data):
    n, c = data.draw(st.integers(1, 4), label="N"), data.draw(st.integers(2, 5), label="C")
    x = data.draw(S.arrays(H, (n, c), lo=-4, hi=4), label="a")
    t = np.array(data.draw(st.lists(st.integers(0, c - 1), min_size=n, max_size=n), label="t"), np.int64)
    red = data.draw(st.sampled_from(["mean", "sum", "none"]), label="reduction")
    code = f"{F}.cross_entropy(a, b, reduction={red!r}, label_smoothing=0.1)"

    def forward(x, t):
        return ON.cross_entropy(x, t, reduction=red, label_smoothing=0.1)
    check(T, code, x, t, expected=typed(forward), atol=1e-3 + 4 * HALF_U * cross_entropy_magnitude(x, t, red))
    check_grad(T, data, code, x, t, wrt="a", oracle=fd(forward), **GRAD_TOL)


@spec("nn.module-half-runs-in-float16", api("torch.nn.Module"))
@given(data=st.data())
def test_module_half(T, data):
    # Module.half() converts the parameters; the layers then take half inputs (default weights of
    # BatchNorm: ones and zeros, so the oracle needs no copy of them)
    x = spread(data.draw(S.arrays(H, (4, 2, 3), lo=-2, hi=2), label="a"))
    check(T, "m = torch.nn.BatchNorm1d(2).half(); y = m(a); (y, m.weight.dtype == torch.float16, m.running_mean)", x, **NORM_TOL,
          expected=lambda x: (typed(lambda x: O.batch_norm(x, training=True))(x), True,
                              O.updated_running_stats(x, np.zeros(2), np.ones(2))[0].astype(np.float16)))
