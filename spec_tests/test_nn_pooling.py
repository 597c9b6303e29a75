"""Pooling (https://pytorch.org/docs/stable/generated/torch.nn.MaxPool2d.html, AvgPool2d,
AdaptiveAvgPool2d, AdaptiveMaxPool2d, their 1-D forms and torch.nn.functional): window values and
output sizes (ceil_mode, padding, dilation), max indices, count_include_pad, gradients (closed form
for max: to the element chosen; central differences for the averages) and the errors."""
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


def fmt(**kw):
    return ", ".join(f"{k}={v!r}" for k, v in kw.items())


def typed(fn):
    def run(*args):
        return np.asarray(fn(*args)).astype(args[0].dtype)
    return run


def distinct(x):
    """x with ties broken, so the maximum of a window is unique and the gradient of max pooling is
    well defined: adding 1e-3 * rank (the rank in x's own order, ties in memory order) leaves any
    two values at least 1e-3 apart, far above a float32 ulp at |x| <= 11. (An offset permuted
    independently of x can recreate a tie: 0.25 + 0.001 k and 0 + 0.001 (k + 250).)"""
    flat = np.asarray(x, np.float64).reshape(-1)
    rank = np.empty(flat.size)
    rank[np.argsort(flat, kind="stable")] = np.arange(flat.size)
    return (flat + 1e-3 * rank).reshape(x.shape).astype(x.dtype)


@st.composite
def window_setup(draw, nd, dilation=False, padding=True, ceil=True):
    k = tuple(draw(st.integers(1, 3)) for _ in range(nd))
    s = tuple(draw(st.integers(1, 3)) for _ in range(nd))
    d = tuple(draw(st.integers(1, 2)) for _ in range(nd)) if dilation else (1,) * nd
    p = tuple(draw(st.integers(0, k[i] // 2)) for i in range(nd)) if padding else (0,) * nd
    ceil_mode = draw(st.booleans()) if ceil else False
    # at least one effective kernel long, so no window lies wholly in the padding
    spatial = tuple(d[i] * (k[i] - 1) + 1 + draw(st.integers(0, 4)) for i in range(nd))
    lead = (draw(st.integers(1, 2)), draw(st.integers(1, 3)))
    if draw(st.booleans()):
        lead = lead[1:]  # unbatched
    return dict(kernel_size=k, stride=s, padding=p, dilation=d, ceil_mode=ceil_mode), lead + spatial


def arrays(data, shape, dtype=None, label="a"):
    dt = dtype or data.draw(S.dtypes(FLOAT), label="dtype")
    return data.draw(S.arrays(dt, shape, lo=-10, hi=10), label=label)


# ---------------------------------------------------------------------------------------------
# max pooling

MAX = cases([
    ("nn.max-pool2d-value", api("torch.nn.MaxPool2d"), 2),
    ("nn.max-pool1d-value", api("torch.nn.MaxPool1d"), 1),
])


@pytest.mark.parametrize("nd", MAX)
@given(data=st.data())
def test_max_pool_value(T, nd, data):
    kw, shape = data.draw(window_setup(nd, dilation=True), label="geometry")
    x = arrays(data, shape)
    fn = getattr(O, f"max_pool{nd}d_with_indices")
    check(T, f"{F}.max_pool{nd}d(a, {fmt(**kw)})", x, expected=typed(lambda x: fn(x, **kw)[0]))


@pytest.mark.parametrize("nd", cases([
    ("nn.max-pool2d-return-indices", api("torch.nn.MaxPool2d"), 2),
    ("nn.max-pool1d-return-indices", api("torch.nn.MaxPool1d"), 1),
]))
@given(data=st.data())
def test_max_pool_indices(T, nd, data):
    kw, shape = data.draw(window_setup(nd, dilation=True), label="geometry")
    x = distinct(arrays(data, shape))
    fn = getattr(O, f"max_pool{nd}d_with_indices")

    def expected(x):
        out, idx = fn(x, **kw)
        return out.astype(x.dtype), idx
    check(T, f"{F}.max_pool{nd}d(a, {fmt(**kw)}, return_indices=True)", x, expected=expected)


@pytest.mark.parametrize("nd", cases([
    ("nn.max-pool2d-grad-to-argmax", api("torch.nn.MaxPool2d"), 2),
    ("nn.max-pool1d-grad-to-argmax", api("torch.nn.MaxPool1d"), 1),
]))
@given(data=st.data())
def test_max_pool_grad(T, nd, data):
    kw, shape = data.draw(window_setup(nd, dilation=True), label="geometry")
    x = distinct(arrays(data, shape, "float64"))
    fn = getattr(O, f"max_pool{nd}d_with_indices")
    check_grad(T, data, f"{F}.max_pool{nd}d(a, {fmt(**kw)})", x,
               oracle=lambda x: O.max_pool_vjp(x, fn(x, **kw), nd))


@spec("nn.max-pool2d-nan-propagates", api("torch.nn.MaxPool2d"))
def test_max_pool_nan(T):
    x = np.arange(16, dtype=np.float32).reshape(1, 1, 4, 4)
    x[0, 0, 1, 0] = np.nan
    check(T, f"{F}.max_pool2d(a, 2)", x, expected=np.array([[[[np.nan, 7], [13, 15]]]], np.float32))


# ---------------------------------------------------------------------------------------------
# average pooling

AVG = cases([
    ("nn.avg-pool2d-value", api("torch.nn.AvgPool2d"), 2, True),
    ("nn.avg-pool2d-count-include-pad-false", api("torch.nn.AvgPool2d"), 2, False),
    ("nn.avg-pool1d-value", api("torch.nn.AvgPool1d"), 1, True),
    ("nn.avg-pool1d-count-include-pad-false", api("torch.nn.AvgPool1d"), 1, False),
])


@pytest.mark.parametrize("nd, cip", AVG)
@given(data=st.data())
def test_avg_pool_value(T, nd, cip, data):
    kw, shape = data.draw(window_setup(nd), label="geometry")
    kw.pop("dilation")
    x = arrays(data, shape)
    fn = getattr(O, f"avg_pool{nd}d")
    check(T, f"{F}.avg_pool{nd}d(a, {fmt(**kw)}, count_include_pad={cip})", x,
          expected=typed(lambda x: fn(x, count_include_pad=cip, **kw)), reduce=9)


@pytest.mark.parametrize("nd, cip", AVG)
@given(data=st.data())
def test_avg_pool_grad(T, nd, cip, data):
    kw, shape = data.draw(window_setup(nd), label="geometry")
    kw.pop("dilation")
    x = arrays(data, shape, "float64")
    fn = getattr(O, f"avg_pool{nd}d")
    check_grad(T, data, f"{F}.avg_pool{nd}d(a, {fmt(**kw)}, count_include_pad={cip})", x,
               oracle=lambda x: O.numeric_vjp(lambda x: fn(x, count_include_pad=cip, **kw), (x,)),
               rtol=1e-6, atol=1e-6)


@spec("nn.avg-pool2d-divisor-override", api("torch.nn.AvgPool2d"))
@given(data=st.data(), divisor=st.integers(1, 7))
def test_avg_pool_divisor(T, data, divisor):
    kw, shape = data.draw(window_setup(2), label="geometry")
    kw.pop("dilation")
    x = arrays(data, shape)
    check(T, f"{F}.avg_pool2d(a, {fmt(**kw)}, divisor_override={divisor})", x,
          expected=typed(lambda x: O.avg_pool2d(x, divisor_override=divisor, **kw)), reduce=9)


# ---------------------------------------------------------------------------------------------
# adaptive pooling: output size fixed, windows [floor(i*in/out), ceil((i+1)*in/out))

@st.composite
def adaptive_setup(draw, nd):
    spatial = tuple(draw(st.integers(1, 7)) for _ in range(nd))
    out = tuple(draw(st.integers(1, 5)) for _ in range(nd))
    lead = (draw(st.integers(1, 2)), draw(st.integers(1, 3)))
    return spatial, out, lead


ADAPTIVE = cases([
    ("nn.adaptive-avg-pool2d-value", api("torch.nn.AdaptiveAvgPool2d"), 2, "avg"),
    ("nn.adaptive-avg-pool1d-value", api("torch.nn.AdaptiveAvgPool1d"), 1, "avg"),
    ("nn.adaptive-max-pool2d-value", api("torch.nn.AdaptiveMaxPool2d"), 2, "max"),
])


def _adaptive_oracle(nd, kind, out):
    if kind == "avg":
        return (lambda x: O.adaptive_avg_pool2d(x, out)) if nd == 2 else (lambda x: O.adaptive_avg_pool1d(x, out[0]))
    return lambda x: O.adaptive_max_pool2d_with_indices(x, out)[0]


@pytest.mark.parametrize("nd, kind", ADAPTIVE)
@given(data=st.data())
def test_adaptive_value(T, nd, kind, data):
    spatial, out, lead = data.draw(adaptive_setup(nd), label="geometry")
    x = arrays(data, lead + spatial)
    size = out if nd == 2 else out[0]
    check(T, f"{F}.adaptive_{kind}_pool{nd}d(a, {size!r})", x, expected=typed(_adaptive_oracle(nd, kind, out)),
          reduce=49)


@pytest.mark.parametrize("nd, kind", ADAPTIVE)
@given(data=st.data())
def test_adaptive_grad(T, nd, kind, data):
    spatial, out, lead = data.draw(adaptive_setup(nd), label="geometry")
    x = distinct(arrays(data, lead + spatial, "float64"))
    size = out if nd == 2 else out[0]
    check_grad(T, data, f"{F}.adaptive_{kind}_pool{nd}d(a, {size!r})", x,
               oracle=lambda x: O.numeric_vjp(_adaptive_oracle(nd, kind, out), (x,)), rtol=1e-6, atol=1e-6)


@spec("nn.adaptive-max-pool2d-return-indices", api("torch.nn.AdaptiveMaxPool2d"))
@given(data=st.data())
def test_adaptive_max_indices(T, data):
    spatial, out, lead = data.draw(adaptive_setup(2), label="geometry")
    x = distinct(arrays(data, lead + spatial))

    def expected(x):
        v, i = O.adaptive_max_pool2d_with_indices(x, out)
        return v.astype(x.dtype), i
    check(T, f"{F}.adaptive_max_pool2d(a, {out!r}, return_indices=True)", x, expected=expected)


@spec("nn.adaptive-avg-pool2d-none-keeps-size", api("torch.nn.AdaptiveAvgPool2d"))
@given(data=st.data())
def test_adaptive_none(T, data):
    spatial, out, lead = data.draw(adaptive_setup(2), label="geometry")
    x = arrays(data, lead + spatial)
    check(T, f"{F}.adaptive_avg_pool2d(a, (None, {out[1]}))", x,
          expected=typed(lambda x: O.adaptive_avg_pool2d(x, (spatial[0], out[1]))), reduce=49)


@spec("nn.avg-pool2d-negative-divisor-override", api("torch.nn.AvgPool2d"))
@given(data=st.data(), divisor=st.integers(-7, -1))
def test_avg_pool_negative_divisor(T, data, divisor):
    """divisor_override is used as the divisor whatever its sign (only 0 is refused): each window's
    sum over a negative divisor, and the gradient spreads g / divisor."""
    kw, shape = data.draw(window_setup(2), label="geometry")
    kw.pop("dilation")
    x = arrays(data, shape, "float64")
    code = f"{F}.avg_pool2d(a, {fmt(**kw)}, divisor_override={divisor})"
    check(T, code, x, expected=lambda x: O.avg_pool2d(x, divisor_override=divisor, **kw), reduce=9)
    check_grad(T, data, code, x, oracle=lambda x: O.numeric_vjp(
        lambda x: O.avg_pool2d(x, divisor_override=divisor, **kw), (x,)), rtol=1e-6, atol=1e-6)


# ---------------------------------------------------------------------------------------------
# errors

ERRORS = error_cases([
    ("nn.max-pool2d-pad-over-half-kernel-raises", api("torch.nn.MaxPool2d"),
     f"{F}.max_pool2d(a, 3, padding=2)", (1, 2, 5, 5), ("pad", 2, 3)),
    ("nn.max-pool2d-rank-raises", api("torch.nn.MaxPool2d"), f"{F}.max_pool2d(a, 2)", (5,), ("3D or 4D",)),
    ("nn.max-pool2d-output-too-small-raises", api("torch.nn.MaxPool2d"), f"{F}.max_pool2d(a, 6)", (1, 2, 5, 5),
     ("2x5x5", "2x0x0")),
    ("nn.avg-pool2d-output-too-small-raises", api("torch.nn.AvgPool2d"), f"{F}.avg_pool2d(a, 6)", (1, 2, 5, 5),
     ("2x5x5",)),
    ("nn.max-pool1d-rank-raises", api("torch.nn.MaxPool1d"), f"{F}.max_pool1d(a, 2)", (1, 2, 5, 5), (1, 2, 5)),
    ("nn.adaptive-avg-pool2d-rank-raises", api("torch.nn.AdaptiveAvgPool2d"), f"{F}.adaptive_avg_pool2d(a, 2)",
     (5,), (5,)),
    ("nn.max-pool2d-zero-stride-raises", api("torch.nn.MaxPool2d"), f"{F}.max_pool2d(a, 2, stride=0)",
     (1, 2, 5, 5), ("stride",)),
    ("nn.avg-pool2d-zero-divisor-override-raises", api("torch.nn.AvgPool2d"),
     f"{F}.avg_pool2d(a, 2, divisor_override=0)", (1, 2, 5, 5), ("divisor must be not zero",)),
    ("nn.max-pool2d-zero-dilation-raises", api("torch.nn.MaxPool2d"), f"{F}.max_pool2d(a, 2, dilation=(1, 0))",
     (1, 2, 5, 5), ("dilationW", "dilation should be greater than zero")),
    ("nn.adaptive-avg-pool2d-empty-spatial-raises", api("torch.nn.AdaptiveAvgPool2d"),
     f"{F}.adaptive_avg_pool2d(a, 2)", (1, 2, 0, 5), ("[1, 2, 0, 5]", "non-zero size for non-batch dimensions")),
    ("nn.adaptive-max-pool2d-empty-spatial-raises", api("torch.nn.AdaptiveMaxPool2d"),
     f"{F}.adaptive_max_pool2d(a, 2)", (1, 2, 3, 0), ("[1, 2, 3, 0]", "non-zero size for non-batch dimensions")),
    ("nn.max-pool1d-zero-dilation-raises", api("torch.nn.MaxPool1d"), f"{F}.max_pool1d(a, 2, dilation=0)",
     (2, 5), ("dilation must be greater than zero",)),
])


@pytest.mark.parametrize("code, shape, named", ERRORS)
def test_pool_errors(T, code, shape, named):
    check_raises(T, code, np.ones(shape, np.float32), exc=RuntimeError, contains=named)


@spec("nn.max-pool2d-relu-then-halve", api("torch.nn.functional.max_pool2d"))
@given(data=st.data())
def test_pool_halves(T, data):
    x = arrays(data, (2, 3, 2 * data.draw(st.integers(1, 4)), 2 * data.draw(st.integers(1, 4))))
    check(T, f"{F}.max_pool2d(torch.relu(a), 2, 2)", x,
          expected=typed(lambda x: O.max_pool2d(np.maximum(x, 0), 2, 2)))


# ---------------------------------------------------------------------------------------------
# modules

@spec("nn.maxpool2d-module-return-indices", api("torch.nn.MaxPool2d"))
@given(data=st.data())
def test_maxpool_module(T, data):
    kw, shape = data.draw(window_setup(2, dilation=True), label="geometry")
    x = distinct(arrays(data, shape))
    args = fmt(**kw)

    def expected(x):
        out, idx = O.max_pool2d_with_indices(x, **kw)
        return out.astype(x.dtype), idx
    check(T, f"torch.nn.MaxPool2d({args}, return_indices=True)(a)", x, expected=expected)


MODULES = cases([
    ("nn.maxpool1d-module", api("torch.nn.MaxPool1d"), "MaxPool1d(3, stride=2, padding=1)", (2, 3, 7),
     lambda x: O.max_pool1d_with_indices(x, 3, 2, 1)[0]),
    ("nn.avgpool2d-module", api("torch.nn.AvgPool2d"), "AvgPool2d(3, stride=2, padding=1, ceil_mode=True)",
     (2, 2, 6, 5), lambda x: O.avg_pool2d(x, 3, 2, 1, ceil_mode=True)),
    ("nn.avgpool1d-module", api("torch.nn.AvgPool1d"), "AvgPool1d(2, count_include_pad=False, padding=1)", (2, 3, 5),
     lambda x: O.avg_pool1d(x, 2, None, 1, count_include_pad=False)),
    ("nn.adaptiveavgpool2d-module", api("torch.nn.AdaptiveAvgPool2d"), "AdaptiveAvgPool2d((3, None))", (2, 2, 7, 5),
     lambda x: O.adaptive_avg_pool2d(x, (3, 5))),
    ("nn.adaptiveavgpool2d-global", api("torch.nn.AdaptiveAvgPool2d"), "AdaptiveAvgPool2d(1)", (2, 3, 4, 5),
     lambda x: x.mean(axis=(2, 3), keepdims=True)),
    ("nn.adaptiveavgpool1d-module", api("torch.nn.AdaptiveAvgPool1d"), "AdaptiveAvgPool1d(3)", (2, 3, 7),
     lambda x: O.adaptive_avg_pool1d(x, 3)),
    ("nn.adaptivemaxpool2d-module", api("torch.nn.AdaptiveMaxPool2d"), "AdaptiveMaxPool2d((2, 3))", (1, 2, 5, 7),
     lambda x: O.adaptive_max_pool2d_with_indices(x, (2, 3))[0]),
])


@pytest.mark.parametrize("ctor, shape, fn", MODULES)
@given(data=st.data())
def test_pool_modules(T, ctor, shape, fn, data):
    x = arrays(data, shape)
    check(T, f"torch.nn.{ctor}(a)", x, expected=typed(fn), reduce=35)


POOL_REPRS = cases([
    ("nn.maxpool2d-repr", api("torch.nn.MaxPool2d"), "MaxPool2d(2)",
     "MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)"),
    ("nn.maxpool1d-repr", api("torch.nn.MaxPool1d"), "MaxPool1d(3, 1, ceil_mode=True)",
     "MaxPool1d(kernel_size=3, stride=1, padding=0, dilation=1, ceil_mode=True)"),
    ("nn.avgpool2d-repr", api("torch.nn.AvgPool2d"), "AvgPool2d(3, 1, 1)", "AvgPool2d(kernel_size=3, stride=1, padding=1)"),
    ("nn.avgpool1d-repr", api("torch.nn.AvgPool1d"), "AvgPool1d(2)",
     "AvgPool1d(kernel_size=(2,), stride=(2,), padding=(0,))"),
    ("nn.adaptiveavgpool2d-repr", api("torch.nn.AdaptiveAvgPool2d"), "AdaptiveAvgPool2d((2, None))",
     "AdaptiveAvgPool2d(output_size=(2, None))"),
    ("nn.adaptivemaxpool2d-repr", api("torch.nn.AdaptiveMaxPool2d"), "AdaptiveMaxPool2d(2)",
     "AdaptiveMaxPool2d(output_size=2)"),
])


@pytest.mark.parametrize("ctor, text", POOL_REPRS)
def test_pool_repr(T, ctor, text):
    check(T, f"repr(torch.nn.{ctor})", expected=text)
