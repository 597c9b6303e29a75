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
from .messages import error_cases

F = "torch.nn.functional"
FLOAT = ("float32", "float64")
FD_TOL = dict(rtol=1e-6, atol=1e-6)


def typed(fn):
    def run(*args):
        return np.asarray(fn(*args)).astype(args[0].dtype)
    return run


def spread(x, block=None):
    """x plus, within each normalised group, a ramp over [-1, 1] laid out in the order of the group's
    own values: every group's variance is then >= that of the ramp, (m + 1) / (3 (m - 1)) >= 1/3 for m
    values, whatever was drawn (the ramp and the values are co-monotone, so their covariance is >= 0).

    Why: a group of nearly equal values has sigma ~ sqrt(eps), where the result hinges on rounding of
    its mean and the gradient's third derivative ~ 1/sigma^3 defeats central differences. A ramp
    over the whole array permuted independently of x does not prevent it: x = [1, -1] plus the ramp
    [-1, 1] is a constant batch-norm channel (input gradient ~ w / sqrt(eps) ~ 166, missed by 2e-4),
    and one laid out in x's global order gives a constant row only a sliver of the ramp (a half
    layer-norm row of 2.4..3.0, sigma 0.2, whose gradient half rounding misses by 0.035).

    block: None for the batch norms (a group is a channel, axis 1); an int for the layer, group and
    instance norms (a group is each run of `block` consecutive values in C order)."""
    flat = np.asarray(x, np.float64).reshape(-1).copy()
    if block is None:
        labels = np.indices(x.shape)[1].reshape(-1) if x.ndim > 1 else np.zeros(x.size, np.int64)
    else:
        labels = np.arange(x.size) // block
    for group in np.unique(labels):
        where = np.flatnonzero(labels == group)
        m = where.size
        if m < 2:
            continue
        rank = np.empty(m)
        rank[np.argsort(flat[where], kind="stable")] = np.arange(m)
        flat[where] += (2.0 * rank - (m - 1)) / (m - 1)
    return flat.reshape(x.shape).astype(x.dtype)


def draw_x(data, shape, dtype=None, block=None):
    """A drawn input spread within its normalised groups (see spread for `block`)."""
    dt = dtype or data.draw(S.dtypes(FLOAT), label="dtype")
    return spread(data.draw(S.arrays(dt, shape, lo=-3, hi=3), label="a"), block)


def param(data, shape, dtype, label):
    # Contiguous: running statistics are updated in place, and torch 2.13's CPU batch_norm backward
    # reads a strided weight as if it were contiguous (a stepped weight view gives wrong input grads).
    return data.draw(S.arrays(dtype, shape, lo=-2, hi=2, layouts=S.CONTIGUOUS), label=label)


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
    code = f"{F}.batch_norm(a, torch.tensor({rm.tolist()}, dtype=torch.float64, device=dev), " \
           f"torch.tensor({rv.tolist()}, dtype=torch.float64, device=dev), b, c, training=False)"
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
    x = draw_x(data, shape, block=int(np.prod(ns)))
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
    x = draw_x(data, shape, "float64", int(np.prod(ns)))
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


def group_block(shape, g):
    """How many consecutive values group_norm normalises together: C/g channels of the spatial size."""
    return shape[1] // g * int(np.prod(shape[2:]))


@spec("nn.group-norm-value", api("torch.nn.functional.group_norm"))
@given(data=st.data())
def test_group_norm(T, data):
    shape, g = data.draw(group_setup(), label="shape")
    x = draw_x(data, shape, block=group_block(shape, g))
    w, b = param(data, shape[1:2], x.dtype.name, "b"), param(data, shape[1:2], x.dtype.name, "c")
    check(T, f"{F}.group_norm(a, {g}, b, c)", x, w, b,
          expected=typed(lambda x, w, b: O.group_norm(x, g, w, b)), reduce=x.size)


@spec("nn.group-norm-gradients", api("torch.nn.functional.group_norm"))
@given(data=st.data())
def test_group_norm_grad(T, data):
    shape, g = data.draw(group_setup(), label="shape")
    x = draw_x(data, shape, "float64", group_block(shape, g))
    w, b = param(data, shape[1:2], "float64", "b"), param(data, shape[1:2], "float64", "c")
    check_grad(T, data, f"{F}.group_norm(a, {g}, b, c)", x, w, b,
               oracle=lambda *a: O.numeric_vjp(lambda x, w, b: O.group_norm(x, g, w, b), a), **FD_TOL)


@spec("nn.instance-norm-value", api("torch.nn.functional.instance_norm"))
@given(data=st.data())
def test_instance_norm(T, data):
    shape = data.draw(nc_shape(min_spatial=1), label="shape")
    x = draw_x(data, shape, block=int(np.prod(shape[2:])))
    check(T, f"{F}.instance_norm(a)", x, expected=typed(O.instance_norm), reduce=x.size)


@spec("nn.instance-norm-gradients", api("torch.nn.functional.instance_norm"))
@given(data=st.data())
def test_instance_norm_grad(T, data):
    shape = data.draw(nc_shape(min_spatial=1, max_spatial=1), label="shape")
    x = draw_x(data, shape, "float64", int(np.prod(shape[2:])))
    w, b = param(data, shape[1:2], "float64", "b"), param(data, shape[1:2], "float64", "c")
    check_grad(T, data, f"{F}.instance_norm(a, weight=b, bias=c)", x, w, b,
               oracle=lambda *a: O.numeric_vjp(lambda x, w, b: O.instance_norm(x, w, b), a), **FD_TOL)


# ---------------------------------------------------------------------------------------------
# eps=0 on a constant group: the variance is 0 and 1 / sqrt(var + eps) divides by zero. Layer and
# group norm give inf there, so (x - mean) * inf is NaN (values and input gradients); instance norm
# takes its statistics as batch norm does in training, where a zero variance with eps=0 gives
# 1 / std = 0 (torch's CPU batch-norm statistics): the output is the bias and the input gradient 0.
# Batch norm in training refuses eps <= 0 instead (below, in the errors); in eval it divides by the
# running variance, whose zero gives inf scale and NaN values (x * inf + (b - mean * inf)).

def _nan(x, g):
    return np.full(x.shape, np.nan)


def _bias_and_zero_grad(x, g):
    """instance norm with weight w = 2 and bias b = 0.5 on constant instances: the output is b, the
    input and weight gradients 0, the bias gradient the sum of g over batch and space."""
    axes = (0,) + tuple(range(2, x.ndim))
    return np.full(x.shape, 0.5), np.zeros(x.shape), np.zeros(x.shape[1]), g.sum(axis=axes)


def _eval_zero_var(x, g):
    with np.errstate(all="ignore"):
        return np.full(x.shape, np.nan), g * np.inf


GRAD = "a.requires_grad_()\ny = {call}\ny.backward(g)\n"
AFFINE = ("w = torch.full((a.shape[1],), 2.0, dtype=a.dtype, device=a.device, requires_grad=True)\n"
          "b = torch.full((a.shape[1],), 0.5, dtype=a.dtype, device=a.device, requires_grad=True)\n")
ZERO_EPS = cases([
    ("nn.layer-norm-eps-zero-constant-row-nan", api("torch.nn.functional.layer_norm"),
     GRAD.format(call=f"{F}.layer_norm(a, a.shape[1:], eps=0.0)") + "(y, a.grad)",
     lambda x, g: (_nan(x, g), _nan(x, g))),
    ("nn.layernorm-module-eps-zero-constant-row-nan", api("torch.nn.LayerNorm"),
     GRAD.format(call="torch.nn.LayerNorm(a.shape[1:], eps=0.0, dtype=a.dtype).to(a.device)(a)") + "(y, a.grad)",
     lambda x, g: (_nan(x, g), _nan(x, g))),
    ("nn.group-norm-eps-zero-constant-group-nan", api("torch.nn.functional.group_norm"),
     GRAD.format(call=f"{F}.group_norm(a, 1, eps=0.0)") + "(y, a.grad)", lambda x, g: (_nan(x, g), _nan(x, g))),
    ("nn.groupnorm-module-eps-zero-constant-group-nan", api("torch.nn.GroupNorm"),
     GRAD.format(call="torch.nn.GroupNorm(1, a.shape[1], eps=0.0, dtype=a.dtype).to(a.device)(a)")
     + "(y, a.grad)", lambda x, g: (_nan(x, g), _nan(x, g))),
    ("nn.instance-norm-eps-zero-constant-instance-gives-bias", api("torch.nn.functional.instance_norm"),
     AFFINE + GRAD.format(call=f"{F}.instance_norm(a, weight=w, bias=b, eps=0.0)") + "(y, a.grad, w.grad, b.grad)",
     _bias_and_zero_grad),
    ("nn.instance-norm-eps-zero-constant-instance-no-affine-zero", api("torch.nn.functional.instance_norm"),
     GRAD.format(call=f"{F}.instance_norm(a, eps=0.0)") + "(y, a.grad)",
     lambda x, g: (np.zeros(x.shape), np.zeros(x.shape))),
    ("nn.instance-norm-eps-zero-constant-instance-double-backward-zero", api("torch.autograd.grad"),
     f"a.requires_grad_()\ny = {F}.instance_norm(a, eps=0.0)\n"
     "gx, = torch.autograd.grad((y * g).sum(), a, create_graph=True)\n"
     "gg, = torch.autograd.grad((gx * gx).sum(), a)\n(gx, gg)",
     lambda x, g: (np.zeros(x.shape), np.zeros(x.shape))),
    ("nn.instancenorm-module-eps-zero-tracked-constant-instance-zero", api("torch.nn.InstanceNorm1d"),
     "m = torch.nn.InstanceNorm1d(a.shape[1], eps=0.0, affine=True, track_running_stats=True, dtype=a.dtype)"
     ".to(a.device)\n" + GRAD.format(call="m(a.flatten(2)).reshape(a.shape)") + "(y, a.grad, m.running_var)",
     lambda x, g: (np.zeros(x.shape), np.zeros(x.shape), np.full(x.shape[1], 0.9))),
    ("nn.batch-norm-eval-eps-zero-zero-running-var-nan", api("torch.nn.functional.batch_norm"),
     GRAD.format(call=f"{F}.batch_norm(a, torch.zeros(a.shape[1], dtype=a.dtype, device=a.device), "
                      "torch.zeros(a.shape[1], dtype=a.dtype, device=a.device), training=False, eps=0.0)")
     + "(y, a.grad)", _eval_zero_var),
    ("nn.batchnorm2d-eval-eps-zero-uses-running-var", api("torch.nn.BatchNorm2d"),
     "m = torch.nn.BatchNorm2d(a.shape[1], eps=0.0, dtype=a.dtype).to(a.device).eval()\n"
     + GRAD.format(call="m(a)") + "(y, a.grad)", lambda x, g: (x.astype(np.float64), g)),
])


@pytest.mark.parametrize("code, expected", ZERO_EPS)
@given(data=st.data())
def test_eps_zero_constant_groups(T, code, expected, data):
    """Every normalised group (row, group, instance) constant: one drawn whole number c, so the
    mean is exactly c in any summation order and the variance exactly 0."""
    dt = data.draw(S.dtypes(FLOAT), label="dtype")
    shape = data.draw(nc_shape(min_spatial=2, max_spatial=2), label="shape")
    c = data.draw(st.integers(-3, 3), label="c")
    g = data.draw(S.arrays(dt, shape, lo=-2, hi=2, layouts=S.CONTIGUOUS), label="g")
    check(T, code, np.full(shape, c, dt), g, names="a g",
          expected=lambda x, g: tuple(v.astype(dt) for v in expected(x, g.astype(np.float64))),
          reduce=int(np.prod(shape)))


@spec("nn.instance-norm-eps-zero-constant-and-varied-instances", api("torch.nn.functional.instance_norm"))
@given(data=st.data())
def test_instance_norm_eps_zero_mixed(T, data):
    """Constant instances give the bias, the others normalise with eps=0 as usual: the rule is per
    instance, not per batch."""
    shape = data.draw(nc_shape(min_spatial=1), label="shape")
    x = draw_x(data, shape, block=int(np.prod(shape[2:])))
    flat = x.reshape(shape[0] * shape[1], -1)
    constant = np.array(data.draw(st.lists(st.booleans(), min_size=flat.shape[0], max_size=flat.shape[0]),
                                  label="constant"))
    flat[constant] = np.array(data.draw(st.integers(-3, 3), label="c"), x.dtype)
    w, b = param(data, shape[1:2], x.dtype.name, "b"), param(data, shape[1:2], x.dtype.name, "c")

    def expected(x, w, b):
        y = O.instance_norm(x, w, b, eps=0.0)
        bias = np.broadcast_to(np.asarray(b, np.float64).reshape((1, -1) + (1,) * (x.ndim - 2)), x.shape)
        y.reshape(flat.shape)[constant] = bias.reshape(flat.shape)[constant]
        return y.astype(x.dtype)
    with np.errstate(all="ignore"):
        check(T, f"{F}.instance_norm(a, weight=b, bias=c, eps=0.0)", x, w, b, expected=expected, reduce=x.size)


# ---------------------------------------------------------------------------------------------
# errors

@spec("nn.batch-norm-one-value-per-channel-raises", api("torch.nn.functional.batch_norm"))
def test_batch_norm_single_value(T):
    check_raises(T, f"{F}.batch_norm(a, None, None, training=True)", np.ones((1, 3), np.float32), exc=ValueError,
                 contains=(1, 3))


# empty inputs: nothing to normalise, so no statistic divides by a zero count; the output is empty,
# batch norm leaves its running statistics alone, and the affine parameters get zero gradients
def f32(*values):
    return np.array(values, np.float32)


EMPTY_AFFINE = ("w = torch.tensor([2.0, 3.0], device=dev, requires_grad=True)\n"
                "b = torch.tensor([0.5, 1.5], device=dev, requires_grad=True)\n")
EMPTY = cases([
    ("nn.batch-norm-empty-batch-keeps-running-stats", api("torch.nn.functional.batch_norm"),
     EMPTY_AFFINE + "rm, rv = torch.tensor([1.0, 2.0], device=dev), torch.tensor([3.0, 4.0], device=dev)\n"
     "y = torch.nn.functional.batch_norm(torch.ones(0, 2, 3, device=dev), rm, rv, w, b, training=True)\n"
     "y.sum().backward()\n(tuple(y.shape), rm, rv, w.grad, b.grad)",
     ((0, 2, 3), f32(1, 2), f32(3, 4), f32(0, 0), f32(0, 0))),
    ("nn.batch-norm-eval-empty-spatial", api("torch.nn.functional.batch_norm"),
     "tuple(torch.nn.functional.batch_norm(torch.ones(2, 2, 0, device=dev), torch.zeros(2, device=dev), "
     "torch.ones(2, device=dev)).shape)", (2, 2, 0)),
    ("nn.group-norm-empty-batch", api("torch.nn.functional.group_norm"),
     EMPTY_AFFINE + "y = torch.nn.functional.group_norm(torch.ones(0, 2, 3, device=dev), 1, w, b)\n"
     "y.sum().backward()\n(tuple(y.shape), w.grad, b.grad)", ((0, 2, 3), f32(0, 0), f32(0, 0))),
    ("nn.group-norm-no-channels", api("torch.nn.functional.group_norm"),
     "tuple(torch.nn.functional.group_norm(torch.ones(1, 0, 5, device=dev), 1).shape)", (1, 0, 5)),
    ("nn.layer-norm-no-rows", api("torch.nn.functional.layer_norm"),
     "w = torch.tensor([2.0, 3.0, 4.0], device=dev, requires_grad=True)\n"
     "y = torch.nn.functional.layer_norm(torch.ones(0, 3, device=dev), (3,), w)\n"
     "y.sum().backward()\n(tuple(y.shape), w.grad)", ((0, 3), f32(0, 0, 0))),
    ("nn.layer-norm-empty-normalized-shape", api("torch.nn.functional.layer_norm"),
     "tuple(torch.nn.functional.layer_norm(torch.ones(2, 0, device=dev), (0,)).shape)", (2, 0)),
    ("nn.instance-norm-empty-batch", api("torch.nn.functional.instance_norm"),
     "tuple(torch.nn.functional.instance_norm(torch.ones(0, 2, 3, device=dev)).shape)", (0, 2, 3)),
])


@pytest.mark.parametrize("code, expected", EMPTY)
def test_empty_inputs(T, code, expected):
    check(T, code, expected=expected)


# batch norm refuses eps <= 0 in training (a constant channel would divide by zero) and eps < 0 always
BN_EPS_ERRORS = error_cases([
    ("nn.batch-norm-training-eps-zero-raises", api("torch.nn.functional.batch_norm"),
     f"{F}.batch_norm(a, None, None, training=True, eps=0.0)", ("0.0", "eps must be positive during training")),
    ("nn.batch-norm-training-eps-negative-raises", api("torch.nn.functional.batch_norm"),
     f"{F}.batch_norm(a, None, None, training=True, eps=-0.5)", ("-0.5", "eps must be positive during training")),
    ("nn.batch-norm-eval-eps-negative-raises", api("torch.nn.functional.batch_norm"),
     f"{F}.batch_norm(a, torch.zeros(3), torch.ones(3), training=False, eps=-0.5)",
     ("-0.5", "eps must be non-negative")),
    ("nn.batchnorm2d-training-eps-zero-raises", api("torch.nn.BatchNorm2d"), "torch.nn.BatchNorm2d(3, eps=0.0)(a)",
     ("0.0", "eps must be positive during training")),
    ("nn.batchnorm2d-untracked-eval-eps-zero-raises", api("torch.nn.BatchNorm2d"),
     "torch.nn.BatchNorm2d(3, eps=0.0, track_running_stats=False).eval()(a)",
     ("0.0", "eps must be positive during training")),
])


@pytest.mark.parametrize("code, named", BN_EPS_ERRORS)
def test_batch_norm_eps_errors(T, code, named):
    check_raises(T, code, np.arange(24, dtype=np.float32).reshape(2, 3, 2, 2), exc=ValueError, contains=named)


NORM_ERRORS = error_cases([
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


# ---------------------------------------------------------------------------------------------
# modules: running statistics across batches, train/eval, options, reprs

BN = "torch.nn.BatchNorm{nd}d({c}, {opts}dtype=torch.float64).to(dev)"


def _batches(data, shape, n=3):
    return [draw_x(data, shape, "float64") for _ in range(n)]


@spec("nn.batchnorm2d-train-then-eval", api("torch.nn.BatchNorm2d"))
@given(data=st.data(), momentum=st.sampled_from([0.1, 0.3]))
def test_batchnorm_train_eval(T, data, momentum):
    shape = data.draw(nc_shape(min_spatial=2), label="shape")
    x1, x2, x3 = _batches(data, shape)
    w, b = param(data, shape[1:2], "float64", "d"), param(data, shape[1:2], "float64", "e")
    code = (f"m = {BN.format(nd=2, c=shape[1], opts=f'momentum={momentum}, ')}\n"
            "with torch.no_grad():\n    m.weight.copy_(d)\n    m.bias.copy_(e)\n"
            "y1 = m(a)\nm(b)\nm.eval()\n"
            "(y1, m.running_mean, m.running_var, m.num_batches_tracked, m(c), m.training)")

    def expected(x1, x2, x3, w, b):
        rm, rv = O.updated_running_stats(x1, np.zeros(shape[1]), np.ones(shape[1]), momentum)
        rm, rv = O.updated_running_stats(x2, rm, rv, momentum)
        return (O.batch_norm(x1, weight=w, bias=b, training=True), rm, rv, np.array(2, np.int64),
                O.batch_norm(x3, rm, rv, w, b), False)
    check(T, code, x1, x2, x3, w, b, expected=expected, reduce=x1.size)


@spec("nn.batchnorm-momentum-none-cumulative-average", api("torch.nn.BatchNorm1d"))
@given(data=st.data())
def test_batchnorm_cumulative(T, data):
    shape = data.draw(nc_shape(max_spatial=1), label="shape")
    xs = _batches(data, shape)
    code = (f"m = {BN.format(nd=1, c=shape[1], opts='momentum=None, ')}\n"
            "for x in (a, b, c):\n    m(x)\n(m.running_mean, m.running_var)")

    def expected(*xs):
        rm, rv = np.zeros(shape[1]), np.ones(shape[1])
        for k, x in enumerate(xs, 1):
            rm, rv = O.updated_running_stats(x, rm, rv, None, num_batches_tracked=k)
        return rm, rv
    check(T, code, *xs, expected=expected, reduce=xs[0].size)


@spec("nn.batchnorm-no-running-stats-uses-batch-in-eval", api("torch.nn.BatchNorm2d"))
@given(data=st.data())
def test_batchnorm_untracked(T, data):
    shape = data.draw(nc_shape(min_spatial=2), label="shape")
    x = draw_x(data, shape, "float64")
    code = (f"m = {BN.format(nd=2, c=shape[1], opts='track_running_stats=False, affine=False, ')}\nm.eval()\n"
            "(m.running_mean is None, len(list(m.parameters())), m(a))")
    check(T, code, x, expected=lambda x: (True, 0, O.batch_norm(x, training=True)), reduce=x.size)


@spec("nn.batchnorm-module-gradients", api("torch.nn.BatchNorm1d"))
@given(data=st.data())
def test_batchnorm_module_grads(T, data):
    shape = data.draw(nc_shape(max_spatial=0), label="shape")
    x = draw_x(data, shape, "float64")
    g = param(data, shape, "float64", "g")
    code = (f"m = {BN.format(nd=1, c=shape[1], opts='')}\na.requires_grad_()\nm(a).backward(g)\n"
            "(a.grad, m.weight.grad, m.bias.grad)")
    _, pull = O.numeric_vjp(lambda x, w, b: O.batch_norm(x, weight=w, bias=b, training=True),
                            (x, np.ones(shape[1]), np.zeros(shape[1])))
    check(T, code, x, g, names="a g", expected=pull(g), **FD_TOL)


@spec("nn.layernorm-module", api("torch.nn.LayerNorm"))
@given(data=st.data())
def test_layernorm_module(T, data):
    shape, ns = data.draw(layer_norm_setup(), label="shape")
    x = draw_x(data, shape, "float64", int(np.prod(ns)))
    w, b = param(data, ns, "float64", "b"), param(data, ns, "float64", "c")
    code = (f"m = torch.nn.LayerNorm({list(ns)!r}, dtype=torch.float64).to(dev)\n"
            "fresh = (bool((m.weight == 1).all()), bool((m.bias == 0).all()))\n"
            "with torch.no_grad():\n    m.weight.copy_(b)\n    m.bias.copy_(c)\n(fresh, m(a))")
    check(T, code, x, w, b, expected=lambda x, w, b: ((True, True), O.layer_norm(x, ns, w, b)))


@spec("nn.layernorm-no-affine-no-bias", api("torch.nn.LayerNorm"))
@given(data=st.data())
def test_layernorm_options(T, data):
    shape, ns = data.draw(layer_norm_setup(), label="shape")
    x = draw_x(data, shape, "float64", int(np.prod(ns)))
    code = (f"m = torch.nn.LayerNorm({ns!r}, elementwise_affine=False, dtype=torch.float64).to(dev)\n"
            f"k = torch.nn.LayerNorm({ns!r}, bias=False, dtype=torch.float64).to(dev)\n"
            "(len(list(m.parameters())), k.bias is None, m(a), k(a))")
    check(T, code, x, expected=lambda x: (0, True, O.layer_norm(x, ns), O.layer_norm(x, ns)))


@spec("nn.groupnorm-module", api("torch.nn.GroupNorm"))
@given(data=st.data())
def test_groupnorm_module(T, data):
    shape, g = data.draw(group_setup(), label="shape")
    x = draw_x(data, shape, "float64", group_block(shape, g))
    w, b = param(data, shape[1:2], "float64", "b"), param(data, shape[1:2], "float64", "c")
    code = (f"m = torch.nn.GroupNorm({g}, {shape[1]}, dtype=torch.float64).to(dev)\n"
            "with torch.no_grad():\n    m.weight.copy_(b)\n    m.bias.copy_(c)\nm(a)")
    check(T, code, x, w, b, expected=lambda x, w, b: O.group_norm(x, g, w, b))


@spec("nn.instancenorm2d-module", api("torch.nn.InstanceNorm2d"))
@given(data=st.data(), unbatched=st.booleans())
def test_instancenorm_module(T, data, unbatched):
    shape = data.draw(nc_shape(min_spatial=2), label="shape")
    if unbatched:
        shape = shape[1:]
    x = draw_x(data, shape, "float64", int(np.prod(shape[-2:])))
    code = (f"m = torch.nn.InstanceNorm2d({shape[-3]}, dtype=torch.float64).to(dev)\n"
            "(len(list(m.parameters())), m.running_mean is None, m(a))")
    check(T, code, x, expected=lambda x: (0, True, O.instance_norm(x[None])[0] if unbatched else O.instance_norm(x)))


NORM_REPRS = cases([
    ("nn.batchnorm2d-repr", api("torch.nn.BatchNorm2d"), "BatchNorm2d(3)",
     "BatchNorm2d(3, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=True)"),
    ("nn.batchnorm1d-repr-options", api("torch.nn.BatchNorm1d"),
     "BatchNorm1d(4, eps=0.001, momentum=None, affine=False, track_running_stats=False)",
     "BatchNorm1d(4, eps=0.001, momentum=None, affine=False, bias=False, track_running_stats=False)"),
    ("nn.layernorm-repr", api("torch.nn.LayerNorm"), "LayerNorm(4)",
     "LayerNorm((4,), eps=1e-05, elementwise_affine=True, bias=True)"),
    ("nn.layernorm-repr-options", api("torch.nn.LayerNorm"), "LayerNorm([2, 3], elementwise_affine=False)",
     "LayerNorm((2, 3), eps=1e-05, elementwise_affine=False, bias=False)"),
    ("nn.groupnorm-repr", api("torch.nn.GroupNorm"), "GroupNorm(2, 4)",
     "GroupNorm(2, 4, eps=1e-05, affine=True, bias=True)"),
    ("nn.instancenorm2d-repr", api("torch.nn.InstanceNorm2d"), "InstanceNorm2d(3)",
     "InstanceNorm2d(3, eps=1e-05, momentum=0.1, affine=False, bias=False, track_running_stats=False)"),
])


@pytest.mark.parametrize("ctor, text", NORM_REPRS)
def test_norm_repr(T, ctor, text):
    check(T, f"repr(torch.nn.{ctor})", expected=text)


@spec("nn.batchnorm2d-state-dict-keys", api("torch.nn.BatchNorm2d"))
def test_batchnorm_state_dict(T):
    check(T, "list(torch.nn.BatchNorm2d(3).state_dict().keys())",
          expected=["weight", "bias", "running_mean", "running_var", "num_batches_tracked"])


MODULE_ERRORS = error_cases([
    ("nn.batchnorm2d-rank-raises", api("torch.nn.BatchNorm2d"), "torch.nn.BatchNorm2d(3)(a)", (2, 3, 4), ("4D", "3D")),
    ("nn.batchnorm1d-rank-raises", api("torch.nn.BatchNorm1d"), "torch.nn.BatchNorm1d(3)(a)", (2, 3, 4, 4), ("4D",)),
    ("nn.groupnorm-ctor-divisibility-raises", api("torch.nn.GroupNorm"), "torch.nn.GroupNorm(2, 3)", (1,),
     ("num_groups",)),
])


@pytest.mark.parametrize("code, shape, named", MODULE_ERRORS)
def test_norm_module_errors(T, code, shape, named):
    check_raises(T, code, np.ones(shape, np.float32), exc=ValueError, contains=named)


@spec("nn.batchnorm2d-channel-mismatch-raises", api("torch.nn.BatchNorm2d"))
def test_batchnorm_channels(T):
    check_raises(T, "torch.nn.BatchNorm2d(4)(a)", np.ones((2, 3, 2, 2), np.float32), exc=RuntimeError,
                 contains=(3, 4))


@spec("nn.instancenorm2d-running-stats", api("torch.nn.InstanceNorm2d"))
@given(data=st.data())
def test_instancenorm_running_stats(T, data):
    """With track_running_stats the running estimates average the per-instance statistics over the
    batch (unbiased variance), and eval normalises with them."""
    shape = data.draw(nc_shape(min_spatial=2), label="shape")
    x1, x2 = _batches(data, shape, 2)
    c = shape[1]
    code = (f"m = torch.nn.InstanceNorm2d({c}, track_running_stats=True, momentum=0.2, dtype=torch.float64).to(dev)\n"
            "y = m(a)\nm.eval()\n(y, m.running_mean, m.running_var, m(b))")

    def expected(x1, x2):
        per = x1.reshape(shape[0], c, -1)
        count = per.shape[2]
        mean = per.mean(axis=2).mean(axis=0)
        var = (per.var(axis=2) * count / (count - 1)).mean(axis=0)
        rm, rv = 0.8 * np.zeros(c) + 0.2 * mean, 0.8 * np.ones(c) + 0.2 * var
        return O.instance_norm(x1), rm, rv, O.batch_norm(x2, rm, rv)
    check(T, code, x1, x2, expected=expected, reduce=x1.size)
