"""Second derivatives of the layers (https://pytorch.org/docs/stable/generated/torch.autograd.grad.html:
with create_graph=True "graph of the derivative will be constructed, allowing to compute higher order
derivative products"): convolutions, pooling, interpolate, the norms and cross-entropy differentiated twice, in
float64, against central differences of their documented NumPy forwards
(spec_tests/gradgrad_harness.py). This is what a gradient penalty (WGAN-GP, double backprop) does."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from . import oracle_nn as ON
from . import oracle_nn_layers as O
from . import strategies as S
from .catalogue import api, cases, spec
from .gradgrad_harness import check_gradgrad
from .harness import check, check_raises
from .messages import error_cases
from .test_nn_conv import conv_setup
from .test_nn_layers_misc import antialias_setup, interp_code, interp_oracle, interp_setup
from .test_nn_norm import draw_x, group_setup, layer_norm_setup, nc_shape, param
from .test_nn_pooling import fmt, window_setup

F = "torch.nn.functional"
GRAD = api("torch.autograd.grad")
# The oracle evaluates the NumPy forward 4 times per input element: a fifth of the profile's examples
# (at least 4) keeps these within the area's CI budget, and the thorough profile still runs 40.
FEW = settings(max_examples=max(4, settings.default.max_examples // 5))
# a quadratic forward's central difference is exact at any step; a larger one keeps rounding down
QUADRATIC, PIECEWISE_LINEAR, SMOOTH = 1e-1, 1e-3, 1e-4


def separated(data, shape):
    """Values at least 0.15 apart (a drawn order on a 0.25 grid, plus a drawn jitter under 0.05):
    no max-pooling argmax changes under the oracle's steps of a few 1e-3."""
    n = int(np.prod(shape))
    order = np.array(data.draw(st.permutations(range(n)), label="order"), np.float64)
    jitter = data.draw(S.arrays("float64", (n,), lo=-0.05, hi=0.05), label="jitter")
    return ((order - n / 2) * 0.25 + jitter).reshape(shape)


# ---------------------------------------------------------------------------------------------
# convolutions: bilinear in (input, weight), so d2/dx2 = 0 and the cross terms carry everything

CONV = cases([
    ("nn.conv2d-double-backward", GRAD, 2, "groups"),
    ("nn.conv2d-double-backward-stride-padding", GRAD, 2, "stride-padding"),
    ("nn.conv2d-double-backward-dilation-same", GRAD, 2, "same"),
    ("nn.conv1d-double-backward", GRAD, 1, "stride-padding"),
    ("nn.conv-transpose2d-double-backward", GRAD, 2, "t-stride"),
    ("nn.conv-transpose2d-double-backward-groups-dilation", GRAD, 2, "t-groups"),
    ("nn.conv-transpose1d-double-backward", GRAD, 1, "t-stride"),
])


@pytest.mark.parametrize("nd, kind", CONV)
@FEW
@given(data=st.data())
def test_conv_double_backward(T, nd, kind, data):
    code, inputs, forward, _ = data.draw(conv_setup(nd, kind, grad=True), label="setup")
    check_gradgrad(T, data, code, *inputs, forward=forward, h=QUADRATIC, rtol=1e-6, atol=1e-6)


@spec("nn.linear-double-backward", GRAD)
@FEW
@given(data=st.data())
def test_linear_double_backward(T, data):
    # bilinear in (input, weight), as a convolution: the cross terms carry the second derivative (a
    # gradient penalty on an MLP); leading dims flattened into rows
    shape = data.draw(st.sampled_from([(3, 4), (2, 2, 4)]), label="input shape")
    x = data.draw(S.arrays("float64", shape, lo=-2, hi=2), label="a")
    w = data.draw(S.arrays("float64", (2, 4), lo=-2, hi=2), label="b")
    bias = data.draw(S.arrays("float64", (2,), lo=-2, hi=2), label="c")
    check_gradgrad(T, data, f"{F}.linear(a, b, c)", x, w, bias, forward=lambda x, w, b: x @ w.T + b, h=QUADRATIC)


@spec("nn.unfold-fold-double-backward", GRAD)
@FEW
@given(data=st.data())
def test_unfold_fold_double_backward(T, data):
    x = data.draw(S.arrays("float64", (1, 2, 4, 3), lo=-2, hi=2), label="a")
    kw = dict(kernel_size=(2, 2), dilation=(1, 1), padding=(1, 0), stride=(2, 1))
    # squared, so the second derivative in the input is not zero
    check_gradgrad(T, data, f"{F}.unfold(a, {fmt(**kw)}) ** 2", x, forward=lambda x: O.unfold(x, **kw) ** 2,
                   h=QUADRATIC)
    cols = data.draw(S.arrays("float64", O.unfold(x, **kw).shape, lo=-2, hi=2), label="cols")
    check_gradgrad(T, data, f"{F}.fold(a, (4, 3), {fmt(**kw)}) ** 2", cols,
                   forward=lambda c: O.fold(c, (4, 3), **kw) ** 2, h=QUADRATIC)


# ---------------------------------------------------------------------------------------------
# pooling: piecewise linear in the input (squared here, so the input's own second derivative is
# not zero); the first gradient is linear in the incoming gradient

@pytest.mark.parametrize("nd", cases([
    ("nn.max-pool2d-double-backward", GRAD, 2),
    ("nn.max-pool1d-double-backward", GRAD, 1),
]))
@FEW
@given(data=st.data())
def test_max_pool_double_backward(T, nd, data):
    kw, shape = data.draw(window_setup(nd, dilation=True), label="geometry")
    x = separated(data, shape)
    fn = O.max_pool2d if nd == 2 else (lambda x, **kw: O.max_pool1d_with_indices(x, **kw)[0])
    check_gradgrad(T, data, f"{F}.max_pool{nd}d(a, {fmt(**kw)}) ** 2", x, forward=lambda x: fn(x, **kw) ** 2,
                   h=PIECEWISE_LINEAR, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("nd", cases([
    ("nn.avg-pool2d-double-backward", GRAD, 2),
    ("nn.avg-pool1d-double-backward", GRAD, 1),
]))
@FEW
@given(data=st.data())
def test_avg_pool_double_backward(T, nd, data):
    kw, shape = data.draw(window_setup(nd), label="geometry")
    kw.pop("dilation")
    kw["count_include_pad"] = data.draw(st.booleans(), label="count_include_pad")
    if nd == 2 and data.draw(st.booleans(), label="with divisor"):
        kw["divisor_override"] = data.draw(st.integers(1, 5), label="divisor_override")
    x = data.draw(S.arrays("float64", shape, lo=-3, hi=3), label="a")
    fn = getattr(O, f"avg_pool{nd}d")
    check_gradgrad(T, data, f"{F}.avg_pool{nd}d(a, {fmt(**kw)}) ** 2", x, forward=lambda x: fn(x, **kw) ** 2,
                   h=QUADRATIC)


ADAPTIVE = cases([
    ("nn.adaptive-avg-pool2d-double-backward", GRAD, "adaptive_avg_pool2d", O.adaptive_avg_pool2d),
    ("nn.adaptive-max-pool2d-double-backward", GRAD, "adaptive_max_pool2d",
     lambda x, out: O.adaptive_max_pool2d_with_indices(x, out)[0]),
])


@pytest.mark.parametrize("name, oracle", ADAPTIVE)
@FEW
@given(data=st.data())
def test_adaptive_double_backward(T, name, oracle, data):
    shape = (data.draw(st.integers(1, 2)), data.draw(st.integers(1, 4)), data.draw(st.integers(1, 4)))
    out = (data.draw(st.integers(1, 3)), data.draw(st.integers(1, 3)))
    x = separated(data, shape)
    h = PIECEWISE_LINEAR if "max" in name else QUADRATIC
    check_gradgrad(T, data, f"{F}.{name}(a, {out}) ** 2", x, forward=lambda x: oracle(x, out) ** 2, h=h,
                   rtol=1e-5, atol=1e-5)


# ---------------------------------------------------------------------------------------------
# interpolate: linear in the input (squared here, so the input's own second derivative is not zero)

INTERP_TWICE = cases([
    ("nn.interpolate-area-double-backward", GRAD, "area", 2, None),
    ("nn.interpolate-area-1d-double-backward", GRAD, "area", 1, None),
    ("nn.interpolate-area-3d-double-backward", GRAD, "area", 3, None),
    ("nn.interpolate-bicubic-double-backward", GRAD, "bicubic", 2, False),
    ("nn.interpolate-bicubic-align-corners-double-backward", GRAD, "bicubic", 2, True),
])


@pytest.mark.parametrize("mode, nd, align", INTERP_TWICE)
@FEW
@given(data=st.data())
def test_interpolate_double_backward(T, mode, nd, align, data):
    shape, kw, sizes, scales = data.draw(interp_setup(nd), label="setup")
    x = data.draw(S.arrays("float64", shape, lo=-3, hi=3), label="a")
    fn = interp_oracle(mode, sizes, scales, align)
    check_gradgrad(T, data, f"{interp_code(mode, kw, align)} ** 2", x, forward=lambda x: fn(x) ** 2, h=QUADRATIC)


@pytest.mark.parametrize("mode", cases([
    ("nn.interpolate-antialias-bilinear-double-backward", GRAD, "bilinear"),
    ("nn.interpolate-antialias-bicubic-double-backward", GRAD, "bicubic"),
    ("nn.interpolate-antialias-lanczos-double-backward", GRAD, "lanczos"),
]))
@FEW
@given(data=st.data())
def test_interpolate_antialias_double_backward(T, mode, data):
    align = mode != "lanczos" and data.draw(st.booleans(), label="align_corners")   # lanczos rejects True
    # sides up to 8 (the oracle runs the forward six times per input element); the filter weights are
    # computed once, the forward is then two products
    shape, kw, sizes, scales = data.draw(antialias_setup(side=8), label="setup")
    x = data.draw(S.arrays("float64", shape, lo=-3, hi=3), label="a")
    rows, cols = O.antialias_matrices(shape, sizes, mode, align, scales)
    check_gradgrad(T, data, f"{interp_code(mode, kw | dict(antialias=True), align)} ** 2", x, h=QUADRATIC,
                   forward=lambda x: np.einsum("ih,nchw,jw->ncij", rows, x, cols) ** 2)


# ---------------------------------------------------------------------------------------------
# normalisation: the statistics depend on the input, so every second derivative is non-trivial

NORM_TOL = dict(h=SMOOTH, rtol=1e-4, atol=1e-5)
# The statistics' inputs are drawn apart (`separated`): normalising values that nearly coincide has
# third derivatives ~ eps / spread^5, which the central differences' h^2 truncation cannot resolve
# (a layer-norm row [-0.5616, -0.5294] missed by 4e-4 under a smoke-profile seed).


@spec("nn.batch-norm-double-backward-training", GRAD)
@FEW
@given(data=st.data())
def test_batch_norm_double_backward(T, data):
    shape = data.draw(nc_shape(max_spatial=1), label="shape")
    x = separated(data, shape)
    w, b = param(data, shape[1:2], "float64", "b"), param(data, shape[1:2], "float64", "c")
    check_gradgrad(T, data, f"{F}.batch_norm(a, None, None, b, c, training=True)", x, w, b,
                   forward=lambda x, w, b: O.batch_norm(x, weight=w, bias=b, training=True), **NORM_TOL)


@spec("nn.batch-norm-double-backward-eval", GRAD)
@FEW
@given(data=st.data())
def test_batch_norm_double_backward_eval(T, data):
    shape = data.draw(nc_shape(max_spatial=1), label="shape")
    x = draw_x(data, shape, "float64")
    rm, rv = param(data, shape[1:2], "float64", "r"), np.abs(param(data, shape[1:2], "float64", "v")) + 0.5
    w = param(data, shape[1:2], "float64", "b")
    code = f"{F}.batch_norm(a, torch.tensor({rm.tolist()}, dtype=torch.float64), " \
           f"torch.tensor({rv.tolist()}, dtype=torch.float64), b, training=False) ** 2"
    check_gradgrad(T, data, code, x, w, forward=lambda x, w: O.batch_norm(x, rm, rv, w) ** 2, **NORM_TOL)


@spec("nn.layer-norm-double-backward", GRAD)
@FEW
@given(data=st.data())
def test_layer_norm_double_backward(T, data):
    shape, ns = data.draw(layer_norm_setup(), label="shape")
    x = separated(data, shape)
    w, b = param(data, ns, "float64", "b"), param(data, ns, "float64", "c")
    check_gradgrad(T, data, f"{F}.layer_norm(a, {ns}, b, c)", x, w, b,
                   forward=lambda x, w, b: O.layer_norm(x, ns, w, b), **NORM_TOL)


@spec("nn.group-norm-double-backward", GRAD)
@FEW
@given(data=st.data())
def test_group_norm_double_backward(T, data):
    shape, g = data.draw(group_setup(), label="shape")
    x = separated(data, shape)
    w, b = param(data, shape[1:2], "float64", "b"), param(data, shape[1:2], "float64", "c")
    check_gradgrad(T, data, f"{F}.group_norm(a, {g}, b, c)", x, w, b,
                   forward=lambda x, w, b: O.group_norm(x, g, w, b), **NORM_TOL)


@spec("nn.instance-norm-double-backward", GRAD)
@FEW
@given(data=st.data())
def test_instance_norm_double_backward(T, data):
    # three or more values per instance: two normalise to +-1 whatever they are, a constant
    shape = (data.draw(st.integers(1, 2)), data.draw(st.integers(1, 3)), data.draw(st.integers(3, 4)))
    x = separated(data, shape)
    w, b = param(data, shape[1:2], "float64", "b"), param(data, shape[1:2], "float64", "c")
    check_gradgrad(T, data, f"{F}.instance_norm(a, weight=b, bias=c)", x, w, b,
                   forward=lambda x, w, b: O.instance_norm(x, w, b), **NORM_TOL)


# ---------------------------------------------------------------------------------------------
# cross-entropy over class indices (the fused kernel's path)

# with and without label smoothing as separate rows: its term of the second derivative is checked on every run
CE_SMOOTHING = cases([
    ("nn.cross-entropy-double-backward", GRAD, 0.0),
    ("nn.cross-entropy-double-backward-label-smoothing", GRAD, 0.25),
])


@pytest.mark.parametrize("ls", CE_SMOOTHING)
@FEW
@given(data=st.data())
def test_cross_entropy_double_backward(T, ls, data):
    c, n = data.draw(st.integers(2, 4), label="C"), data.draw(st.integers(1, 4), label="N")
    x = data.draw(S.arrays("float64", (n, c), lo=-4, hi=4), label="a")
    t = np.array(data.draw(st.lists(st.integers(0, c - 1), min_size=n, max_size=n), label="t"), np.int64)
    red = data.draw(st.sampled_from(["mean", "sum", "none"]), label="reduction")
    ig = int(t[0]) if n > 1 and data.draw(st.booleans(), label="ignore first target") else -100
    if ig != -100 and (t == ig).all():
        ig = -100
    w = data.draw(S.arrays("float64", (c,), lo=0.25, hi=3), label="weight") if data.draw(st.booleans()) else None
    weight = f", weight=torch.tensor({w.tolist()}, dtype=torch.float64)" if w is not None else ""
    code = f"{F}.cross_entropy(a, b{weight}, ignore_index={ig}, reduction={red!r}, label_smoothing={ls})"
    check_gradgrad(T, data, code, x, t, h=SMOOTH, rtol=1e-4, atol=1e-5,
                   forward=lambda x, t: ON.cross_entropy(x, t, w, ig, red, ls))


@spec("nn.conv-gradient-penalty", GRAD)
@FEW
@given(data=st.data())
def test_gradient_penalty(T, data):
    # WGAN-GP: ||d out / d x||^2 backpropagated into the weight; conv is linear in x, so
    # d/dw sum((J^T 1)^2) = 2 * conv-weight-gradient of the input-gradient itself.
    x = data.draw(S.arrays("float64", (1, 1, 4, 4), lo=-2, hi=2), label="a")
    w = data.draw(S.arrays("float64", (2, 1, 2, 2), lo=-2, hi=2), label="b")

    def penalty(x, w):
        def grad_x(w):
            return ON.numeric_grad(lambda x: O.conv2d(x, w), [x], np.ones((1, 2, 3, 3)), eps=QUADRATIC)[0]
        return ON.numeric_grad(lambda w: np.sum(grad_x(w) ** 2), [w], np.array(1.0), eps=QUADRATIC)[0]
    check(T, "a.requires_grad_(); b.requires_grad_()\n"
             f"(gx,) = torch.autograd.grad({F}.conv2d(a, b).sum(), a, create_graph=True)\n"
             "(gx ** 2).sum().backward(); b.grad", x, w, expected=penalty, rtol=1e-5, atol=1e-5)


# ---------------------------------------------------------------------------------------------
# CTC: torch defines no derivative of its backward. The gradient taken with create_graph=True joins
# the graph (it requires grad), and differentiating it raises instead of giving a silent zero.

CTC_TWICE = """
lp = a.log_softmax(2).detach().requires_grad_()
loss = torch.nn.functional.ctc_loss(lp, b, torch.full((2,), 5), torch.full((2,), 2))
(g,) = torch.autograd.grad(loss, lp, create_graph=True)
{tail}
"""

CTC_TWICE_ERRORS = error_cases([
    ("nn.ctc-loss-double-backward-raises", api("torch.nn.functional.ctc_loss"),
     "torch.autograd.grad((g * g).sum(), lp)", RuntimeError,
     ("_ctc_loss_backward", "derivative for aten::_ctc_loss_backward is not implemented")),
])


@pytest.mark.parametrize("tail, exc, contains", CTC_TWICE_ERRORS)
@given(a=S.arrays("float64", (5, 2, 4), lo=-2, hi=2), b=S.arrays("int64", (2, 2), lo=1, hi=3))
def test_ctc_double_backward_raises(T, tail, exc, contains, a, b):
    check_raises(T, CTC_TWICE.format(tail=tail), a, b, exc=exc, contains=contains)


@spec("nn.ctc-loss-create-graph-gradient-requires-grad", api("torch.nn.functional.ctc_loss"))
@given(a=S.arrays("float64", (5, 2, 4), lo=-2, hi=2), b=S.arrays("int64", (2, 2), lo=1, hi=3))
def test_ctc_create_graph_gradient(T, a, b):
    check(T, CTC_TWICE.format(tail="g.requires_grad"), a, b, expected=True)
