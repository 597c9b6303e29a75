"""Normalisation layers (https://pytorch.org/docs/stable/generated/torch.nn.BatchNorm2d.html,
BatchNorm1d, LayerNorm, GroupNorm, InstanceNorm2d and torch.nn.functional): normalised values
with the biased variance, the running-statistics update with the unbiased variance (momentum and
momentum=None as a cumulative average), eval using the running statistics, gradients w.r.t.
input, weight and bias by central differences, and the errors."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import oracle_nn_layers as O
from . import strategies as S
from .catalogue import api, cases, spec
from .grad_harness import check_grad
from .harness import check, check_raises

F = "torch.nn.functional"
FLOAT = ("float32", "float64")
FD_TOL = dict(rtol=1e-6, atol=1e-6)


def typed(fn):
    def run(*args):
        return np.asarray(fn(*args)).astype(args[0].dtype)
    return run


def spread(x):
    """x plus a permuted ramp over [-1, 1], so every normalised group has a variance well above
    eps (a near-constant group makes the result hinge on rounding of its mean)."""
    ramp = np.linspace(-1.0, 1.0, x.size)
    return (x + np.random.default_rng(x.size).permutation(ramp).reshape(x.shape)).astype(x.dtype)


def draw_x(data, shape, dtype=None):
    dt = dtype or data.draw(S.dtypes(FLOAT), label="dtype")
    return spread(data.draw(S.arrays(dt, shape, lo=-3, hi=3), label="a"))


def param(data, shape, dtype, label):
    return data.draw(S.arrays(dtype, shape, lo=-2, hi=2), label=label)


@st.composite
def nc_shape(draw, min_spatial=0, max_spatial=2):
    n = draw(st.integers(2, 3))
    c = draw(st.integers(1, 3))
    spatial = tuple(draw(st.integers(2, 3)) for _ in range(draw(st.integers(min_spatial, max_spatial))))
    return (n, c) + spatial


# ---------------------------------------------------------------------------------------------
# batch norm

@spec("nn.batch-norm-training-normalises-per-channel", api("torch.nn.functional.batch_norm"))
@given(data=st.data())
def test_batch_norm_training(T, data):
    shape = data.draw(nc_shape(), label="shape")
    x = draw_x(data, shape)
    w, b = param(data, shape[1:2], x.dtype.name, "b"), param(data, shape[1:2], x.dtype.name, "c")
    check(T, f"{F}.batch_norm(a, None, None, b, c, training=True)", x, w, b,
          expected=typed(lambda x, w, b: O.batch_norm(x, weight=w, bias=b, training=True)), reduce=x.size)


@spec("nn.batch-norm-running-stats-update", api("torch.nn.BatchNorm2d"))
@given(data=st.data(), momentum=st.sampled_from([0.1, 0.5, 1.0]))
def test_batch_norm_running_update(T, data, momentum):
    shape = data.draw(nc_shape(), label="shape")
    x = draw_x(data, shape)
    rm = param(data, shape[1:2], x.dtype.name, "b")
    rv = np.abs(param(data, shape[1:2], x.dtype.name, "c")) + 0.5

    def expected(x, rm, rv):
        m, v = O.updated_running_stats(x, rm, rv, momentum)
        return m.astype(x.dtype), v.astype(x.dtype)
    check(T, f"{F}.batch_norm(a, b, c, training=True, momentum={momentum})\n(b, c)", x, rm, rv,
          expected=expected, reduce=x.size)


@spec("nn.batch-norm-eval-uses-running-stats", api("torch.nn.functional.batch_norm"))
@given(data=st.data())
def test_batch_norm_eval(T, data):
    shape = data.draw(nc_shape(), label="shape")
    x = draw_x(data, shape)
    dt = x.dtype.name
    rm, rv = param(data, shape[1:2], dt, "b"), np.abs(param(data, shape[1:2], dt, "c")) + 0.5
    w, b = param(data, shape[1:2], dt, "d"), param(data, shape[1:2], dt, "e")
    check(T, f"{F}.batch_norm(a, b, c, d, e, training=False)", x, rm, rv, w, b,
          expected=typed(lambda x, rm, rv, w, b: O.batch_norm(x, rm, rv, w, b, training=False)))


@spec("nn.batch-norm-gradients-training", api("torch.nn.functional.batch_norm"))
@given(data=st.data())
def test_batch_norm_grad_training(T, data):
    shape = data.draw(nc_shape(max_spatial=1), label="shape")
    x = draw_x(data, shape, "float64")
    w, b = param(data, shape[1:2], "float64", "b"), param(data, shape[1:2], "float64", "c")
    check_grad(T, data, f"{F}.batch_norm(a, None, None, b, c, training=True)", x, w, b,
               oracle=lambda *a: O.numeric_vjp(lambda x, w, b: O.batch_norm(x, weight=w, bias=b, training=True), a),
               **FD_TOL)


@spec("nn.batch-norm-gradients-eval", api("torch.nn.functional.batch_norm"))
@given(data=st.data())
def test_batch_norm_grad_eval(T, data):
    shape = data.draw(nc_shape(max_spatial=1), label="shape")
    x = draw_x(data, shape, "float64")
    rm, rv = param(data, shape[1:2], "float64", "r"), np.abs(param(data, shape[1:2], "float64", "v")) + 0.5
    w, b = param(data, shape[1:2], "float64", "b"), param(data, shape[1:2], "float64", "c")
    code = f"{F}.batch_norm(a, torch.tensor({rm.tolist()}, dtype=torch.float64), " \
           f"torch.tensor({rv.tolist()}, dtype=torch.float64), b, c, training=False)"
    check_grad(T, data, code, x, w, b,
               oracle=lambda *a: O.numeric_vjp(lambda x, w, b: O.batch_norm(x, rm, rv, w, b), a), **FD_TOL)


# ---------------------------------------------------------------------------------------------
# layer norm, group norm, instance norm

@st.composite
def layer_norm_setup(draw):
    lead = tuple(draw(st.integers(1, 3)) for _ in range(draw(st.integers(1, 2))))
    ns = tuple(draw(st.integers(2, 4)) for _ in range(draw(st.integers(1, 2))))
    return lead + ns, ns


LN = cases([
    ("nn.layer-norm-affine", api("torch.nn.functional.layer_norm"), True),
    ("nn.layer-norm-no-affine", api("torch.nn.LayerNorm"), False),
])


@pytest.mark.parametrize("affine", LN)
@given(data=st.data())
def test_layer_norm(T, affine, data):
    shape, ns = data.draw(layer_norm_setup(), label="shape")
    x = draw_x(data, shape)
    if affine:
        w, b = param(data, ns, x.dtype.name, "b"), param(data, ns, x.dtype.name, "c")
        check(T, f"{F}.layer_norm(a, {ns!r}, b, c)", x, w, b,
              expected=typed(lambda x, w, b: O.layer_norm(x, ns, w, b)), reduce=int(np.prod(ns)))
    else:
        check(T, f"{F}.layer_norm(a, {ns!r})", x, expected=typed(lambda x: O.layer_norm(x, ns)),
              reduce=int(np.prod(ns)))


@spec("nn.layer-norm-gradients", api("torch.nn.functional.layer_norm"))
@given(data=st.data())
def test_layer_norm_grad(T, data):
    shape, ns = data.draw(layer_norm_setup(), label="shape")
    x = draw_x(data, shape, "float64")
    w, b = param(data, ns, "float64", "b"), param(data, ns, "float64", "c")
    check_grad(T, data, f"{F}.layer_norm(a, {ns!r}, b, c)", x, w, b,
               oracle=lambda *a: O.numeric_vjp(lambda x, w, b: O.layer_norm(x, ns, w, b), a), **FD_TOL)


@st.composite
def group_setup(draw):
    g = draw(st.integers(1, 3))
    c = g * draw(st.integers(1, 2))
    shape = (draw(st.integers(1, 2)), c) + tuple(draw(st.integers(1, 3)) for _ in range(draw(st.integers(1, 2))))
    if np.prod(shape[2:]) * (c // g) < 2:
        shape = shape[:2] + (2,) + shape[3:]
    return shape, g


@spec("nn.group-norm-value", api("torch.nn.functional.group_norm"))
@given(data=st.data())
def test_group_norm(T, data):
    shape, g = data.draw(group_setup(), label="shape")
    x = draw_x(data, shape)
    w, b = param(data, shape[1:2], x.dtype.name, "b"), param(data, shape[1:2], x.dtype.name, "c")
    check(T, f"{F}.group_norm(a, {g}, b, c)", x, w, b,
          expected=typed(lambda x, w, b: O.group_norm(x, g, w, b)), reduce=x.size)


@spec("nn.group-norm-gradients", api("torch.nn.functional.group_norm"))
@given(data=st.data())
def test_group_norm_grad(T, data):
    shape, g = data.draw(group_setup(), label="shape")
    x = draw_x(data, shape, "float64")
    w, b = param(data, shape[1:2], "float64", "b"), param(data, shape[1:2], "float64", "c")
    check_grad(T, data, f"{F}.group_norm(a, {g}, b, c)", x, w, b,
               oracle=lambda *a: O.numeric_vjp(lambda x, w, b: O.group_norm(x, g, w, b), a), **FD_TOL)


@spec("nn.instance-norm-value", api("torch.nn.functional.instance_norm"))
@given(data=st.data())
def test_instance_norm(T, data):
    shape = data.draw(nc_shape(min_spatial=1), label="shape")
    x = draw_x(data, shape)
    check(T, f"{F}.instance_norm(a)", x, expected=typed(O.instance_norm), reduce=x.size)


@spec("nn.instance-norm-gradients", api("torch.nn.functional.instance_norm"))
@given(data=st.data())
def test_instance_norm_grad(T, data):
    shape = data.draw(nc_shape(min_spatial=1, max_spatial=1), label="shape")
    x = draw_x(data, shape, "float64")
    w, b = param(data, shape[1:2], "float64", "b"), param(data, shape[1:2], "float64", "c")
    check_grad(T, data, f"{F}.instance_norm(a, weight=b, bias=c)", x, w, b,
               oracle=lambda *a: O.numeric_vjp(lambda x, w, b: O.instance_norm(x, w, b), a), **FD_TOL)


# ---------------------------------------------------------------------------------------------
# errors

@spec("nn.batch-norm-one-value-per-channel-raises", api("torch.nn.functional.batch_norm"))
def test_batch_norm_single_value(T):
    check_raises(T, f"{F}.batch_norm(a, None, None, training=True)", np.ones((1, 3), np.float32), exc=ValueError,
                 contains=(1, 3))


NORM_ERRORS = cases([
    ("nn.layer-norm-shape-mismatch-raises", api("torch.nn.functional.layer_norm"), f"{F}.layer_norm(a, (3,))",
     (2, 3, 4), (3, 2, 4)),
    ("nn.group-norm-groups-divide-channels", api("torch.nn.functional.group_norm"), f"{F}.group_norm(a, 2)",
     (2, 3, 4), (2, 3, 4)),
    ("nn.batch-norm-running-stats-size-raises", api("torch.nn.functional.batch_norm"),
     f"{F}.batch_norm(a, torch.zeros(4), torch.ones(4))", (2, 3, 4), (3, 4)),
])


@pytest.mark.parametrize("code, shape, named", NORM_ERRORS)
def test_norm_errors(T, code, shape, named):
    check_raises(T, code, np.ones(shape, np.float32), exc=RuntimeError, contains=named)
