"""Convolutions (https://pytorch.org/docs/stable/generated/torch.nn.Conv2d.html, Conv1d,
ConvTranspose1d/2d and their torch.nn.functional forms): values against the explicit window sum of
spec_tests/oracle_nn_layers.py, gradients w.r.t. input, weight and bias against float64 central
differences, padding modes, default initialisation, reprs and the shape errors."""
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
small = st.integers(1, 3)


def typed(fn):
    """An oracle returning the dtype of its first input (the layer's output dtype)."""
    def run(*args):
        return np.asarray(fn(*args)).astype(args[0].dtype)
    return run


def fd(fn):
    """check_grad oracle: central differences of a NumPy forward."""
    def oracle(*inputs):
        return O.numeric_vjp(fn, inputs)
    return oracle


def fmt(**kw):
    return ", ".join(f"{k}={v!r}" for k, v in kw.items())


# ---------------------------------------------------------------------------------------------
# the draws: geometry first, then arrays of the shapes it implies

@st.composite
def conv_setup(draw, nd, kind, grad=False):
    """(code, inputs, oracle forward, reduce) for one convolution call."""
    groups = draw(st.integers(1, 2)) if kind in ("groups", "t-groups") else 1
    cg = draw(st.integers(1, 2))
    og = draw(st.integers(1, 2 if grad else 3))
    k = tuple(draw(st.integers(1, 3)) for _ in range(nd))
    stride = tuple(draw(st.integers(1, 2)) for _ in range(nd)) if kind in ("stride-padding", "t-stride") else 1
    dilation = tuple(draw(st.integers(1, 2)) for _ in range(nd)) if kind in ("dilation", "same", "t-dilation") else 1
    padding = 0
    if kind == "stride-padding":
        padding = tuple(draw(st.integers(0, kk)) for kk in k)
    elif kind == "same":
        padding = "same"
    elif kind == "valid":
        padding = "valid"
    output_padding = 0
    if kind == "t-stride":
        output_padding = tuple(draw(st.integers(0, s - 1)) for s in stride)
        padding = tuple(draw(st.integers(0, kk - 1)) for kk in k)
    d = dilation if isinstance(dilation, tuple) else (1,) * nd
    lo = [d[i] * (k[i] - 1) + 1 for i in range(nd)]
    spatial = tuple(draw(st.integers(lo[i], lo[i] + (2 if grad else 4))) for i in range(nd))
    n = draw(st.integers(1, 1 if grad else 2))
    dt = "float64" if grad else draw(S.dtypes(FLOAT), label="dtype")
    transposed = kind.startswith("t-")
    cin, cout = cg * groups, og * groups
    x = draw(S.arrays(dt, (n, cin) + spatial, lo=-2, hi=2), label="a")
    w_shape = (cin, og) + k if transposed else (cout, cg) + k
    w = draw(S.arrays(dt, w_shape, lo=-2, hi=2), label="b")
    with_bias = kind != "no-bias"
    b = draw(S.arrays(dt, (cout,), lo=-2, hi=2), label="c") if with_bias else None
    name = ("conv_transpose" if transposed else "conv") + f"{nd}d"
    if transposed:
        kw = dict(stride=stride, padding=padding, output_padding=output_padding, groups=groups, dilation=dilation)
        fwd = getattr(O, name)
    else:
        kw = dict(stride=stride, padding=padding, dilation=dilation, groups=groups)
        fwd = getattr(O, name)
    args = "a, b, c" if with_bias else "a, b"
    code = f"{F}.{name}({args}, {fmt(**kw)})"
    inputs = (x, w, b) if with_bias else (x, w)

    def forward(*arrs):
        return fwd(*arrs, **kw)
    reduce = cg * int(np.prod(k)) if not transposed else og * int(np.prod(k))
    return code, inputs, forward, reduce


KINDS = cases([
    ("nn.conv2d-value", api("torch.nn.functional.conv2d"), 2, "plain"),
    ("nn.conv2d-stride-padding", api("torch.nn.Conv2d"), 2, "stride-padding"),
    ("nn.conv2d-dilation", api("torch.nn.Conv2d"), 2, "dilation"),
    ("nn.conv2d-groups", api("torch.nn.Conv2d"), 2, "groups"),
    ("nn.conv2d-padding-same", api("torch.nn.Conv2d"), 2, "same"),
    ("nn.conv2d-padding-valid", api("torch.nn.Conv2d"), 2, "valid"),
    ("nn.conv2d-no-bias", api("torch.nn.functional.conv2d"), 2, "no-bias"),
    ("nn.conv1d-value", api("torch.nn.functional.conv1d"), 1, "plain"),
    ("nn.conv1d-stride-padding", api("torch.nn.Conv1d"), 1, "stride-padding"),
    ("nn.conv1d-padding-same", api("torch.nn.Conv1d"), 1, "same"),
    ("nn.conv-transpose2d-value", api("torch.nn.functional.conv_transpose2d"), 2, "t-plain"),
    ("nn.conv-transpose2d-stride-output-padding", api("torch.nn.ConvTranspose2d"), 2, "t-stride"),
    ("nn.conv-transpose2d-groups", api("torch.nn.ConvTranspose2d"), 2, "t-groups"),
    ("nn.conv-transpose2d-dilation", api("torch.nn.ConvTranspose2d"), 2, "t-dilation"),
    ("nn.conv-transpose1d-stride-output-padding", api("torch.nn.ConvTranspose1d"), 1, "t-stride"),
])


@pytest.mark.parametrize("nd, kind", KINDS)
@given(data=st.data())
def test_conv_value(T, nd, kind, data):
    code, inputs, forward, reduce = data.draw(conv_setup(nd, kind), label="setup")
    check(T, code, *inputs, expected=typed(forward), reduce=reduce, scale=4.0)


@pytest.mark.parametrize("nd, kind", KINDS)
@given(data=st.data())
def test_conv_grad(T, nd, kind, data):
    code, inputs, forward, reduce = data.draw(conv_setup(nd, kind, grad=True), label="setup")
    check_grad(T, data, code, *inputs, oracle=fd(forward), rtol=1e-6, atol=1e-6)


@spec("nn.conv2d-unbatched-input", api("torch.nn.functional.conv2d"))
@given(data=st.data())
def test_conv_unbatched(T, data):
    c, o, h, w = (data.draw(st.integers(1, 3)) for _ in range(4))
    x = data.draw(S.arrays("float64", (c, h + 2, w + 2)), label="a")
    wt = data.draw(S.arrays("float64", (o, c, 3, 3)), label="b")
    check(T, f"{F}.conv2d(a, b, padding=1)", x, wt, expected=lambda x, wt: O.conv2d(x[None], wt, padding=1)[0])


# ---------------------------------------------------------------------------------------------
# unfold / fold

@st.composite
def sliding_setup(draw):
    k = (draw(small), draw(small))
    d = (draw(st.integers(1, 2)), draw(st.integers(1, 2)))
    p = (draw(st.integers(0, 1)), draw(st.integers(0, 1)))
    s = (draw(st.integers(1, 2)), draw(st.integers(1, 2)))
    hw = tuple(max(d[i] * (k[i] - 1) + 1 - 2 * p[i], 1) + draw(st.integers(0, 3)) for i in range(2))
    return dict(kernel_size=k, dilation=d, padding=p, stride=s), hw


@spec("nn.unfold-sliding-blocks", api("torch.nn.functional.unfold"))
@given(data=st.data())
def test_unfold(T, data):
    kw, hw = data.draw(sliding_setup(), label="geometry")
    dt = data.draw(S.dtypes(FLOAT), label="dtype")
    x = data.draw(S.arrays(dt, (data.draw(st.integers(1, 2)), data.draw(small)) + hw), label="a")
    check(T, f"{F}.unfold(a, {fmt(**kw)})", x, expected=typed(lambda x: O.unfold(x, **kw)))


@spec("nn.fold-sums-overlapping-blocks", api("torch.nn.functional.fold"))
@given(data=st.data())
def test_fold(T, data):
    kw, hw = data.draw(sliding_setup(), label="geometry")
    dt = data.draw(S.dtypes(FLOAT), label="dtype")
    n, c = data.draw(st.integers(1, 2)), data.draw(small)
    blocks = O.unfold(np.zeros((1, 1) + hw), **kw).shape[2]
    cols = data.draw(S.arrays(dt, (n, c * kw["kernel_size"][0] * kw["kernel_size"][1], blocks)), label="a")
    check(T, f"{F}.fold(a, {hw!r}, {fmt(**kw)})", cols, expected=typed(lambda a: O.fold(a, hw, **kw)),
          reduce=4)


@spec("nn.unfold-fold-gradients", api("torch.nn.functional.unfold"))
@given(data=st.data())
def test_unfold_fold_grad(T, data):
    kw, hw = data.draw(sliding_setup(), label="geometry")
    x = data.draw(S.arrays("float64", (1, data.draw(st.integers(1, 2))) + hw), label="a")
    check_grad(T, data, f"{F}.unfold(a, {fmt(**kw)})", x, oracle=fd(lambda x: O.unfold(x, **kw)),
               rtol=1e-6, atol=1e-6)
    cols = data.draw(S.arrays("float64", O.unfold(x, **kw).shape), label="cols")
    check_grad(T, data, f"{F}.fold(a, {hw!r}, {fmt(**kw)})", cols, oracle=fd(lambda a: O.fold(a, hw, **kw)),
               rtol=1e-6, atol=1e-6)


# ---------------------------------------------------------------------------------------------
# errors: torch's exception type and a message naming the shapes

ERRORS = error_cases([
    ("nn.conv2d-channel-mismatch-raises", api("torch.nn.functional.conv2d"),
     f"{F}.conv2d(a, b)", (2, 4, 6, 6), (5, 3, 3, 3), (3, 4)),
    ("nn.conv2d-rank-raises", api("torch.nn.functional.conv2d"), f"{F}.conv2d(a, b)", (6, 6), (5, 3, 3, 3), (6,)),
    ("nn.conv1d-rank-raises", api("torch.nn.functional.conv1d"), f"{F}.conv1d(a, b)", (2, 3, 6, 6), (5, 3, 3),
     (2, 3, 6)),
    ("nn.conv2d-groups-divide-out-channels", api("torch.nn.functional.conv2d"),
     f"{F}.conv2d(a, b, groups=2)", (1, 4, 6, 6), (5, 2, 3, 3), (5, 2)),
    ("nn.conv2d-kernel-larger-than-input-raises", api("torch.nn.functional.conv2d"),
     f"{F}.conv2d(a, b)", (1, 3, 4, 4), (2, 3, 5, 5), (4, 5)),
    ("nn.conv2d-same-with-stride-raises", api("torch.nn.Conv2d"),
     f"{F}.conv2d(a, b, stride=2, padding='same')", (1, 3, 6, 6), (2, 3, 3, 3), ("same",)),
    ("nn.conv2d-bias-size-raises", api("torch.nn.functional.conv2d"),
     f"{F}.conv2d(a, b, torch.zeros(4, dtype=a.dtype))", (1, 3, 6, 6), (2, 3, 3, 3), (2, 4)),
    ("nn.conv-transpose2d-channel-mismatch-raises", api("torch.nn.functional.conv_transpose2d"),
     f"{F}.conv_transpose2d(a, b)", (1, 3, 4, 4), (4, 2, 3, 3), (3, 4)),
    ("nn.conv-transpose2d-output-padding-too-large-raises", api("torch.nn.ConvTranspose2d"),
     f"{F}.conv_transpose2d(a, b, stride=2, output_padding=2)", (1, 3, 4, 4), (3, 2, 3, 3), ("output padding",)),
    # the geometry divides by groups and stride: non-positive ones are refused before any shape check
    ("nn.conv2d-zero-groups-raises", api("torch.nn.functional.conv2d"), f"{F}.conv2d(a, b, groups=0)",
     (1, 3, 6, 6), (2, 3, 3, 3), ("non-positive groups is not supported",)),
    ("nn.conv1d-negative-groups-raises", api("torch.nn.functional.conv1d"), f"{F}.conv1d(a, b, groups=-1)",
     (1, 3, 6), (2, 3, 3), ("non-positive groups is not supported",)),
    ("nn.conv2d-zero-stride-raises", api("torch.nn.functional.conv2d"), f"{F}.conv2d(a, b, stride=(1, 0))",
     (1, 3, 6, 6), (2, 3, 3, 3), ("non-positive stride is not supported",)),
    ("nn.conv1d-zero-dilation-raises", api("torch.nn.functional.conv1d"), f"{F}.conv1d(a, b, dilation=0)",
     (1, 3, 6), (2, 3, 3), ("dilation should be greater than zero",)),
    ("nn.conv2d-negative-padding-raises", api("torch.nn.functional.conv2d"), f"{F}.conv2d(a, b, padding=-1)",
     (1, 3, 6, 6), (2, 3, 3, 3), ("negative padding is not supported",)),
    ("nn.conv-transpose2d-zero-groups-raises", api("torch.nn.functional.conv_transpose2d"),
     f"{F}.conv_transpose2d(a, b, groups=0)", (1, 3, 4, 4), (3, 2, 3, 3), ("non-positive groups is not supported",)),
    ("nn.conv-transpose2d-zero-stride-raises", api("torch.nn.functional.conv_transpose2d"),
     f"{F}.conv_transpose2d(a, b, stride=0)", (1, 3, 4, 4), (3, 2, 3, 3), ("non-positive stride is not supported",)),
    ("nn.conv-transpose1d-zero-dilation-raises", api("torch.nn.functional.conv_transpose1d"),
     f"{F}.conv_transpose1d(a, b, dilation=0)", (1, 3, 4), (3, 2, 3), ("dilation_width", "greater than zero")),
])


@pytest.mark.parametrize("code, xs, ws, named", ERRORS)
def test_conv_errors(T, code, xs, ws, named):
    check_raises(T, code, np.ones(xs, np.float32), np.ones(ws, np.float32), exc=RuntimeError, contains=named)


@spec("nn.conv2d-dtype-mismatch-raises", api("torch.nn.functional.conv2d"))
def test_conv_dtype_mismatch(T):
    check_raises(T, f"{F}.conv2d(a, b)", np.ones((1, 2, 4, 4)), np.ones((1, 2, 3, 3), np.float32),
                 exc=RuntimeError)


# ---------------------------------------------------------------------------------------------
# modules: identical weights copied in, padding modes, default initialisation, reprs

def with_weights(ctor, call="m(a)"):
    """Code that builds `ctor` (float64) on the device under test, copies weight b and bias c into it and
    calls it."""
    return (f"m = torch.nn.{ctor}.to(dev)\nwith torch.no_grad():\n    m.weight.copy_(b)\n    m.bias.copy_(c)\n{call}")


MODES = cases([
    ("nn.conv2d-padding-mode-zeros", api("torch.nn.Conv2d"), "zeros"),
    ("nn.conv2d-padding-mode-reflect", api("torch.nn.Conv2d"), "reflect"),
    ("nn.conv2d-padding-mode-replicate", api("torch.nn.Conv2d"), "replicate"),
    ("nn.conv2d-padding-mode-circular", api("torch.nn.Conv2d"), "circular"),
])


@pytest.mark.parametrize("mode", MODES)
@given(data=st.data())
def test_conv2d_module_padding_mode(T, mode, data):
    cin, cout, k = data.draw(small), data.draw(small), data.draw(st.integers(2, 3))
    p = data.draw(st.integers(1, k - 1), label="padding")
    x = data.draw(S.arrays("float64", (data.draw(small), cin, k + 1, k + 2), lo=-2, hi=2), label="a")
    w = data.draw(S.arrays("float64", (cout, cin, k, k), lo=-1, hi=1), label="b")
    b = data.draw(S.arrays("float64", (cout,), lo=-1, hi=1), label="c")
    code = with_weights(f"Conv2d({cin}, {cout}, {k}, padding={p}, padding_mode={mode!r}, dtype=torch.float64)")
    np_mode = "constant" if mode == "zeros" else mode
    check(T, code, x, w, b, expected=lambda x, w, b: O.conv2d(O.pad(x, (p,) * 4, np_mode), w, b))


@spec("nn.conv1d-module-same-circular", api("torch.nn.Conv1d"))
@given(data=st.data())
def test_conv1d_module(T, data):
    k = data.draw(st.integers(1, 4), label="k")
    x = data.draw(S.arrays("float64", (2, 2, 5), lo=-2, hi=2), label="a")
    w = data.draw(S.arrays("float64", (3, 2, k), lo=-1, hi=1), label="b")
    b = data.draw(S.arrays("float64", (3,), lo=-1, hi=1), label="c")
    left, right = O.same_padding(k, 1)
    code = with_weights(f"Conv1d(2, 3, {k}, padding='same', padding_mode='circular', dtype=torch.float64)")
    check(T, code, x, w, b, expected=lambda x, w, b: O.conv1d(O.pad(x, (left, right), "circular"), w, b))


@spec("nn.convtranspose2d-output-size", api("torch.nn.ConvTranspose2d"))
@given(data=st.data())
def test_conv_transpose_output_size(T, data):
    extra = data.draw(st.integers(0, 1), label="extra")
    x = data.draw(S.arrays("float64", (1, 2, 3, 3), lo=-2, hi=2), label="a")
    w = data.draw(S.arrays("float64", (2, 3, 3, 3), lo=-1, hi=1), label="b")
    b = data.draw(S.arrays("float64", (3,), lo=-1, hi=1), label="c")
    size = 5 + extra  # (3 - 1) * 2 - 2 * 1 + 3 = 5, plus up to stride - 1
    code = with_weights("ConvTranspose2d(2, 3, 3, stride=2, padding=1, dtype=torch.float64)",
                        f"m(a, output_size=[{size}, {size}])")
    check(T, code, x, w, b, expected=lambda x, w, b: O.conv_transpose2d(x, w, b, 2, 1, extra))


@spec("nn.conv2d-module-gradients", api("torch.nn.Conv2d"))
@given(data=st.data())
def test_conv2d_module_grads(T, data):
    x = data.draw(S.arrays("float64", (1, 2, 4, 4), lo=-2, hi=2), label="a")
    w = data.draw(S.arrays("float64", (2, 2, 3, 3), lo=-1, hi=1), label="b")
    b = data.draw(S.arrays("float64", (2,), lo=-1, hi=1), label="c")
    g = data.draw(S.arrays("float64", (1, 2, 2, 2), lo=-1, hi=1), label="g")
    code = with_weights("Conv2d(2, 2, 3, stride=(1, 2), padding=(0, 1), dtype=torch.float64)",
                        "m(a).backward(g)\n(m.weight.grad, m.bias.grad)")
    out, pull = O.numeric_vjp(lambda w, b: O.conv2d(x, w, b, (1, 2), (0, 1)), (w, b))
    check(T, code, x, w, b, g, names="a b c g", expected=pull(g), rtol=1e-6, atol=1e-6)


INIT_LAYERS = cases([
    ("nn.conv2d-default-init-weight", api("torch.nn.Conv2d"), "Conv2d(64, 32, 3)", "weight", 64 * 9),
    ("nn.conv2d-default-init-bias", api("torch.nn.Conv2d"), "Conv2d(16, 4000, 3)", "bias", 16 * 9),
    ("nn.conv1d-default-init-weight", api("torch.nn.Conv1d"), "Conv1d(40, 300, 5)", "weight", 40 * 5),
    ("nn.convtranspose2d-default-init-weight", api("torch.nn.ConvTranspose2d"), "ConvTranspose2d(256, 16, 3)",
     "weight", 16 * 9),
    ("nn.convtranspose2d-default-init-bias", api("torch.nn.ConvTranspose2d"), "ConvTranspose2d(16, 4000, 3)",
     "bias", 4000 * 9),
])


@pytest.mark.parametrize("ctor, which, fan_in", INIT_LAYERS)
def test_conv_default_init(T, ctor, which, fan_in):
    """U(-1/sqrt(fan_in), 1/sqrt(fan_in)) with fan_in = weight.size(1) * kernel area, for weight
    (kaiming_uniform_ with a=sqrt(5)) and bias alike; a fan_out or gain mistake moves the bound by
    far more than the KS test allows."""
    b = 1 / np.sqrt(fan_in)
    code = ("from spec_tests import oracle_nn as O\ntorch.manual_seed(3)\n"
            f"x = torch.nn.{ctor}.{which}.detach().numpy()\n"
            f"(bool(np.abs(x).max() <= {b!r}), O.ks_pvalue(x, O.uniform_cdf(-{b!r}, {b!r})) > 1e-4)")
    check(T, code, expected=(True, True))


REPRS = cases([
    ("nn.conv2d-repr", api("torch.nn.Conv2d"), "Conv2d(3, 4, 3)", "Conv2d(3, 4, kernel_size=(3, 3), stride=(1, 1))"),
    ("nn.conv2d-repr-options", api("torch.nn.Conv2d"),
     "Conv2d(3, 4, (3, 2), stride=2, padding=1, dilation=2, bias=False, padding_mode='reflect')",
     "Conv2d(3, 4, kernel_size=(3, 2), stride=(2, 2), padding=(1, 1), dilation=(2, 2), bias=False, "
     "padding_mode=reflect)"),
    ("nn.conv2d-repr-groups-same", api("torch.nn.Conv2d"), "Conv2d(4, 6, 3, padding='same', groups=2)",
     "Conv2d(4, 6, kernel_size=(3, 3), stride=(1, 1), padding=same, groups=2)"),
    ("nn.conv1d-repr", api("torch.nn.Conv1d"), "Conv1d(2, 4, 3, padding='valid')",
     "Conv1d(2, 4, kernel_size=(3,), stride=(1,), padding=valid)"),
    ("nn.convtranspose2d-repr", api("torch.nn.ConvTranspose2d"),
     "ConvTranspose2d(4, 2, 3, stride=2, output_padding=1, groups=2)",
     "ConvTranspose2d(4, 2, kernel_size=(3, 3), stride=(2, 2), output_padding=(1, 1), groups=2)"),
    ("nn.convtranspose1d-repr", api("torch.nn.ConvTranspose1d"), "ConvTranspose1d(4, 2, 3, bias=False)",
     "ConvTranspose1d(4, 2, kernel_size=(3,), stride=(1,), bias=False)"),
])


@pytest.mark.parametrize("ctor, text", REPRS)
def test_conv_repr(T, ctor, text):
    check(T, f"repr(torch.nn.{ctor})", expected=text)


@spec("nn.conv2d-parameter-shapes", api("torch.nn.Conv2d"))
def test_conv_parameters(T):
    code = ("m = torch.nn.Conv2d(4, 6, (3, 2), groups=2)\nt = torch.nn.ConvTranspose2d(4, 6, 3, groups=2)\n"
            "([(n, tuple(p.shape)) for n, p in m.named_parameters()], [tuple(p.shape) for p in t.parameters()])")
    check(T, code, expected=([("weight", (6, 2, 3, 2)), ("bias", (6,))], [(4, 3, 3, 3), (6,)]))


CTOR_ERRORS = error_cases([
    ("nn.conv2d-groups-divide-in-channels-raises", api("torch.nn.Conv2d"), "Conv2d(3, 4, 3, groups=2)",
     ("in_channels",)),
    ("nn.conv2d-bad-padding-string-raises", api("torch.nn.Conv2d"), "Conv2d(3, 4, 3, padding='full')", ("full",)),
    ("nn.conv2d-bad-padding-mode-raises", api("torch.nn.Conv2d"), "Conv2d(3, 4, 3, padding_mode='mirror')",
     ("mirror",)),
    ("nn.conv2d-same-strided-raises", api("torch.nn.Conv2d"), "Conv2d(3, 4, 3, stride=2, padding='same')",
     ("same",)),
    ("nn.convtranspose2d-padding-mode-raises", api("torch.nn.ConvTranspose2d"),
     "ConvTranspose2d(3, 4, 3, padding_mode='reflect')", ("zeros",)),
])


@pytest.mark.parametrize("ctor, named", CTOR_ERRORS)
def test_conv_ctor_errors(T, ctor, named):
    check_raises(T, f"torch.nn.{ctor}", exc=ValueError, contains=named)


@spec("nn.conv2d-module-channel-mismatch-raises", api("torch.nn.Conv2d"))
def test_conv_module_channels(T):
    check_raises(T, "torch.nn.Conv2d(3, 4, 3)(a)", np.ones((2, 5, 6, 6), np.float32), exc=RuntimeError,
                 contains=(3, 5))
