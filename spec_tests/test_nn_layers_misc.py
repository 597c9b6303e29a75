"""The remaining layer functions of torch.nn.functional (https://pytorch.org/docs/stable/nn.functional.html):
dropout and dropout2d, embedding (padding_idx gradient row), one_hot, pad in every mode,
interpolate (nearest, linear, bilinear and bicubic with and without align_corners, area; antialiased
bilinear, bicubic and lanczos), pixel_shuffle, normalize
and cosine_similarity: values against float64 oracles, gradients by central differences (closed
forms for embedding), statistics for the random masks, and the errors."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import oracle_nn_layers as O
from . import strategies as S
from .catalogue import api, cases, seed, spec
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


def fd(fn):
    def oracle(*inputs):
        return O.numeric_vjp(fn, inputs)
    return oracle


def draw_x(data, shape, dtype=None, label="a", **domain):
    dt = dtype or data.draw(S.dtypes(FLOAT), label="dtype")
    return data.draw(S.arrays(dt, shape, **({"lo": -5, "hi": 5} | domain)), label=label)


# ---------------------------------------------------------------------------------------------
# dropout

@spec("nn.dropout-zeroes-and-rescales", api("torch.nn.functional.dropout"))
@given(p=st.sampled_from([0.2, 0.5, 0.8]))
def test_dropout_statistics(T, p):
    x = np.full((4000,), 2.0, np.float32)
    code = (f"y = {F}.dropout(a, {p})\n"
            f"kept = y != 0\n"
            f"(abs(1 - kept.double().mean().item() - {p}) < 0.04,\n"
            f" bool(((y - a / (1 - {p})).abs() < 1e-5)[kept].all()))")
    check(T, code, x, expected=(True, True))


@spec("nn.dropout-identity-out-of-training", api("torch.nn.functional.dropout"))
@given(data=st.data(), p=st.sampled_from([0.0, 0.3, 0.9]))
def test_dropout_eval(T, data, p):
    x = draw_x(data, data.draw(S.shapes(1, 3)))
    check(T, f"{F}.dropout(a, {p}, training=False)", x, expected=lambda x: x)


@spec("nn.dropout-p-one-zeroes-everything", api("torch.nn.functional.dropout"))
@given(data=st.data())
def test_dropout_p_one(T, data):
    x = draw_x(data, data.draw(S.shapes(1, 3)))
    check(T, f"{F}.dropout(a, 1.0)", x, expected=lambda x: np.zeros_like(x))


@spec("nn.dropout-gradient-follows-mask", api("torch.nn.functional.dropout"))
def test_dropout_grad(T):
    x = np.linspace(1, 2, 500)
    code = (f"a.requires_grad_()\ny = {F}.dropout(a, 0.4)\ny.sum().backward()\n"
            "bool(((a.grad * a - y).abs() < 1e-12).all())")
    check(T, code, x, expected=True)


@spec("nn.dropout2d-zeroes-whole-channels", api("torch.nn.functional.dropout2d"))
def test_dropout2d_channels(T):
    x = np.ones((8, 16, 3, 3), np.float32)
    code = (f"y = {F}.dropout2d(a, 0.5)\n"
            "per_channel = y.sum((2, 3))\n"
            "(bool(((per_channel == 0) | (per_channel == 18)).all()), bool((per_channel == 0).any()))")
    check(T, code, x, expected=(True, True))


@spec("nn.dropout-probability-range-raises", api("torch.nn.functional.dropout"))
@pytest.mark.parametrize("p", [-0.1, 1.5])
def test_dropout_bad_p(T, p):
    check_raises(T, f"{F}.dropout(a, {p})", np.ones(3, np.float32), exc=ValueError, contains=(str(p),))


# ---------------------------------------------------------------------------------------------
# embedding and one_hot

@st.composite
def embedding_setup(draw):
    n, d = draw(st.integers(2, 6)), draw(st.integers(1, 4))
    idx_shape = draw(S.shapes(1, 2, max_side=4))
    idx = np.array(draw(st.lists(st.integers(0, n - 1), min_size=int(np.prod(idx_shape)),
                                 max_size=int(np.prod(idx_shape))))).reshape(idx_shape).astype(np.int64)
    return n, d, idx


@spec("nn.embedding-looks-up-rows", api("torch.nn.functional.embedding"))
@given(data=st.data())
def test_embedding(T, data):
    n, d, idx = data.draw(embedding_setup(), label="setup")
    w = draw_x(data, (n, d), label="b")
    check(T, f"{F}.embedding(a, b)", idx, w, expected=lambda i, w: w[i])


@spec("nn.embedding-padding-idx-zero-gradient", api("torch.nn.Embedding"))
@given(data=st.data())
def test_embedding_grad(T, data):
    n, d, idx = data.draw(embedding_setup(), label="setup")
    pad = data.draw(st.one_of(st.none(), st.integers(0, n - 1)), label="padding_idx")
    w = draw_x(data, (n, d), "float64", label="b")
    check_grad(T, data, f"{F}.embedding(a, b, padding_idx={pad})", idx, w, wrt="b",
               oracle=lambda i, w: O.embedding_vjp(i, w, pad))


EMBEDDING_ERRORS = error_cases([
    ("nn.embedding-float-indices-raises", api("torch.nn.functional.embedding"), np.array([1.0]), RuntimeError,
     ("Long", "Int")),
    ("nn.embedding-index-out-of-range-raises", api("torch.nn.functional.embedding"), np.array([5]), IndexError,
     ("out of range",)),
])


@pytest.mark.parametrize("idx, exc, named", EMBEDDING_ERRORS)
def test_embedding_errors(T, idx, exc, named):
    check_raises(T, f"{F}.embedding(a, b)", idx, np.ones((4, 2), np.float32), exc=exc, contains=named)


@spec("nn.one-hot-value", api("torch.nn.functional.one_hot"))
@given(data=st.data(), explicit=st.booleans())
def test_one_hot(T, data, explicit):
    shape = data.draw(S.shapes(1, 2, max_side=4))
    idx = data.draw(S.arrays("int64", shape, lo=0, hi=5), label="a")
    n = int(idx.max()) + 1 + (data.draw(st.integers(0, 2)) if explicit else 0)
    code = f"{F}.one_hot(a, {n})" if explicit else f"{F}.one_hot(a)"
    check(T, code, idx, expected=lambda i: O.one_hot(i, n))


ONE_HOT_ERRORS = error_cases([
    ("nn.one-hot-needs-long", api("torch.nn.functional.one_hot"), f"{F}.one_hot(a)", np.array([1.0]), ("Long",)),
    ("nn.one-hot-negative-raises", api("torch.nn.functional.one_hot"), f"{F}.one_hot(a)", np.array([-1]),
     ("non-negative",)),
    ("nn.one-hot-too-large-raises", api("torch.nn.functional.one_hot"), f"{F}.one_hot(a, 2)", np.array([3]),
     ("smaller",)),
])


@pytest.mark.parametrize("code, idx, named", ONE_HOT_ERRORS)
def test_one_hot_errors(T, code, idx, named):
    check_raises(T, code, idx, exc=RuntimeError, contains=named)


# ---------------------------------------------------------------------------------------------
# pad

@st.composite
def pad_setup(draw, mode):
    n = draw(st.integers(1, 2))  # padded trailing dims
    batch = 1 if mode == "constant" else draw(st.integers(1, 2))
    shape = tuple(draw(st.integers(1, 3)) for _ in range(batch)) + tuple(draw(st.integers(2, 4)) for _ in range(n))
    widths = []
    for i in range(n):
        size = shape[-1 - i]
        hi = size - 1 if mode == "reflect" else size if mode == "circular" else 3
        # negative widths crop; torch refuses an empty result, so crop only what leaves a column
        lo = -1 if mode in ("constant", "replicate") and size > 2 else 0
        widths += [draw(st.integers(lo, hi)), draw(st.integers(lo, hi))]
    return shape, widths


PAD = cases([
    ("nn.pad-constant", api("torch.nn.functional.pad"), "constant"),
    ("nn.pad-reflect", api("torch.nn.functional.pad"), "reflect"),
    ("nn.pad-replicate", api("torch.nn.functional.pad"), "replicate"),
    ("nn.pad-circular", api("torch.nn.functional.pad"), "circular"),
])


@pytest.mark.parametrize("mode", PAD)
@given(data=st.data())
def test_pad(T, mode, data):
    shape, widths = data.draw(pad_setup(mode), label="setup")
    x = draw_x(data, shape)
    value = data.draw(st.sampled_from([0.0, 1.5])) if mode == "constant" else 0.0
    extra = f", value={value}" if mode == "constant" else ""
    check(T, f"{F}.pad(a, {widths!r}, mode={mode!r}{extra})", x,
          expected=lambda x: O.pad(x, widths, mode, value))


@pytest.mark.parametrize("mode", PAD)
@given(data=st.data())
def test_pad_grad(T, mode, data):
    shape, widths = data.draw(pad_setup(mode), label="setup")
    x = draw_x(data, shape, "float64")
    check_grad(T, data, f"{F}.pad(a, {widths!r}, mode={mode!r})", x, oracle=fd(lambda x: O.pad(x, widths, mode)),
               **FD_TOL)


PAD_ERRORS = error_cases([
    ("nn.pad-odd-length-raises", api("torch.nn.functional.pad"), (2, 3), (1, 2, 3), "constant", RuntimeError,
     ("divisible by 2",)),
    ("nn.pad-reflect-too-wide-raises", api("torch.nn.functional.pad"), (1, 2, 3), (3, 3), "reflect", RuntimeError,
     (3,)),
    ("nn.pad-unknown-mode-raises", api("torch.nn.functional.pad"), (1, 2, 3), (1, 1), "mirror",
     NotImplementedError, ("mirror",)),
])


@pytest.mark.parametrize("shape, widths, mode, exc, named", PAD_ERRORS)
def test_pad_errors(T, shape, widths, mode, exc, named):
    check_raises(T, f"{F}.pad(a, {widths!r}, mode={mode!r})", np.ones(shape, np.float32), exc=exc, contains=named)


# ---------------------------------------------------------------------------------------------
# interpolate

@st.composite
def interp_setup(draw, nd):
    side, out_side = (5, 8) if nd < 3 else (3, 4)     # volumes kept small: the gradient oracle is numeric
    shape = (draw(st.integers(1, 2)), draw(st.integers(1, 2))) + tuple(draw(st.integers(1, side)) for _ in range(nd))
    if draw(st.booleans()):
        sizes = tuple(draw(st.integers(1, out_side)) for _ in range(nd))
        return shape, dict(size=sizes if nd > 1 else sizes[0]), sizes, None
    factor = draw(st.sampled_from([2, 3, 0.5, 1.5]))
    sizes = tuple(int(np.floor(s * factor)) for s in shape[2:])
    if min(sizes) < 1:
        factor = 2
        sizes = tuple(2 * s for s in shape[2:])
    return shape, dict(scale_factor=factor), sizes, (float(factor),) * nd


INTERP = cases([
    ("nn.interpolate-nearest-2d", api("torch.nn.functional.interpolate"), "nearest", 2, None),
    ("nn.interpolate-nearest-1d", api("torch.nn.functional.interpolate"), "nearest", 1, None),
    ("nn.interpolate-linear", api("torch.nn.functional.interpolate"), "linear", 1, False),
    ("nn.interpolate-bilinear", api("torch.nn.functional.interpolate"), "bilinear", 2, False),
    ("nn.interpolate-bilinear-align-corners", api("torch.nn.Upsample"), "bilinear", 2, True),
    ("nn.interpolate-bicubic", api("torch.nn.functional.interpolate"), "bicubic", 2, False),
    ("nn.interpolate-bicubic-align-corners", api("torch.nn.functional.interpolate"), "bicubic", 2, True),
    ("nn.interpolate-area-1d", api("torch.nn.functional.interpolate"), "area", 1, None),
    ("nn.interpolate-area-2d", api("torch.nn.functional.interpolate"), "area", 2, None),
    ("nn.interpolate-area-3d", api("torch.nn.functional.interpolate"), "area", 3, None),
])


def interp_oracle(mode, sizes, scales, align):
    if mode == "nearest":
        return lambda x: O.interpolate_nearest(x, sizes, scales)
    if mode == "bicubic":
        return lambda x: O.interpolate_bicubic(x, sizes, align, scales)
    if mode == "area":
        return lambda x: O.interpolate_area(x, sizes)
    return lambda x: O.interpolate_linear(x, sizes, align, scales)


def interp_code(mode, kw, align):
    args = ", ".join(f"{k}={v!r}" for k, v in kw.items())
    extra = f", align_corners={align}" if align is not None else ""
    return f"{F}.interpolate(a, {args}, mode={mode!r}{extra})"


@pytest.mark.parametrize("mode, nd, align", INTERP)
@given(data=st.data())
def test_interpolate(T, mode, nd, align, data):
    shape, kw, sizes, scales = data.draw(interp_setup(nd), label="setup")
    x = draw_x(data, shape)
    check(T, interp_code(mode, kw, align), x, expected=typed(interp_oracle(mode, sizes, scales, align)), reduce=4)


@pytest.mark.parametrize("mode, nd, align", INTERP)
@given(data=st.data())
def test_interpolate_grad(T, mode, nd, align, data):
    shape, kw, sizes, scales = data.draw(interp_setup(nd), label="setup")
    x = draw_x(data, shape, "float64")
    check_grad(T, data, interp_code(mode, kw, align), x, oracle=fd(interp_oracle(mode, sizes, scales, align)),
               **FD_TOL)


@spec("nn.interpolate-size-and-scale-raises", api("torch.nn.functional.interpolate"))
def test_interpolate_both(T):
    check_raises(T, f"{F}.interpolate(a, size=4, scale_factor=2)", np.ones((1, 1, 2), np.float32), exc=ValueError,
                 contains=("size", "scale_factor"))


INTERP_ERRORS = error_cases([
    ("nn.interpolate-bicubic-needs-4d", api("torch.nn.functional.interpolate"), (1, 1, 4),
     "scale_factor=2, mode='bicubic'", NotImplementedError, ("3D", "bicubic")),
    ("nn.interpolate-area-rejects-align-corners", api("torch.nn.functional.interpolate"), (1, 1, 4, 4),
     "size=2, mode='area', align_corners=True", ValueError, ("align_corners",)),
    ("nn.interpolate-area-rejects-antialias", api("torch.nn.functional.interpolate"), (1, 1, 4, 4),
     "size=2, mode='area', antialias=True", ValueError, ("Anti-alias",)),
    ("nn.interpolate-lanczos-requires-antialias", api("torch.nn.functional.interpolate"), (1, 1, 4, 4),
     "size=2, mode='lanczos'", ValueError, ("Lanczos", "antialias")),
    ("nn.interpolate-lanczos-rejects-align-corners", api("torch.nn.functional.interpolate"), (1, 1, 4, 4),
     "size=2, mode='lanczos', antialias=True, align_corners=True", ValueError, ("Lanczos", "align_corners")),
    ("nn.interpolate-lanczos-needs-4d", api("torch.nn.functional.interpolate"), (1, 1, 4),
     "size=2, mode='lanczos', antialias=True", ValueError, ("Anti-alias", "4-D")),
])


@pytest.mark.parametrize("shape, args, exc, named", INTERP_ERRORS)
def test_interpolate_mode_errors(T, shape, args, exc, named):
    check_raises(T, f"{F}.interpolate(a, {args})", np.ones(shape, np.float32), exc=exc, contains=named)


# ---------------------------------------------------------------------------------------------
# interpolate(..., antialias=True): bilinear, bicubic and lanczos on 4-D input (oracle_nn_layers.antialias_weights)

AA_FACTORS = (0.25, 0.3, 0.5, 0.7, 1.5, 2.0)


@st.composite
def antialias_setup(draw, side=12):
    """Sides up to 12 by default, so a downsample stretches the filter over several pixels per output. The output
    width is at least 2: torch 2.13's CPU kernel misreads the rows when the output width is 1 and the
    height changes (a (1, 1, 3, 1) input [[1], [2], [3]] resized to (5, 1) gives 1 five times), so
    those sizes would make the spec wrong on torch."""
    lead = (draw(st.integers(1, 2)), draw(st.integers(1, 2)))
    if draw(st.booleans()):
        shape = lead + (draw(st.integers(1, side)), draw(st.integers(1, side)))
        sizes = (draw(st.integers(1, side)), draw(st.integers(2, side)))
        return shape, dict(size=sizes), sizes, None
    factors = (draw(st.sampled_from(AA_FACTORS)), draw(st.sampled_from(AA_FACTORS)))
    # the smallest sides whose scaled size is at least 1 (height) and 2 (width)
    shape = lead + tuple(draw(st.integers(int(np.ceil(k / f)), max(side, int(np.ceil(k / f)))))
                         for k, f in zip((1, 2), factors))
    sizes = tuple(int(np.floor(side * f)) for side, f in zip(shape[2:], factors))
    return shape, dict(scale_factor=factors), sizes, factors


ANTIALIAS = cases([
    ("nn.interpolate-antialias-bilinear", api("torch.nn.functional.interpolate"), "bilinear", False),
    ("nn.interpolate-antialias-bicubic", api("torch.nn.functional.interpolate"), "bicubic", False),
    ("nn.interpolate-antialias-bilinear-align-corners", api("torch.nn.functional.interpolate"), "bilinear", True),
    ("nn.interpolate-antialias-bicubic-align-corners", api("torch.nn.functional.interpolate"), "bicubic", True),
    ("nn.interpolate-antialias-lanczos", api("torch.nn.functional.interpolate"), "lanczos", False),
])


def _antialias_magnitude(sizes, mode, align, scales):
    """The error model, per output: sum over its taps of (|weight| + n_in * near) * |x|. Besides the
    products and sums (|weight| * |x|, as any reduction), each weight is the filter at a sample
    coordinate of size up to n_in computed in the input's dtype (torch's float32 kernel does so), so
    it may be off by about n_in ulps; `near` marks the taps and their neighbours (a tap just outside
    the window may get a rounding-sized weight)."""
    def per_dim(x, i):
        w = O.antialias_weights(x.shape[2 + i], sizes[i], mode, align, scales and scales[i])
        near = w != 0
        near[:, 1:] |= w[:, :-1] != 0
        near[:, :-1] |= w[:, 1:] != 0
        return np.abs(w) + x.shape[2 + i] * near

    def magnitude(x):
        return np.einsum("ih,nchw,jw->ncij", per_dim(x, 0), np.abs(x.astype(np.float64)), per_dim(x, 1))
    return magnitude


@pytest.mark.parametrize("mode, align", ANTIALIAS)
@given(data=st.data())
def test_interpolate_antialias(T, mode, align, data):
    shape, kw, sizes, scales = data.draw(antialias_setup(), label="setup")
    x = draw_x(data, shape)
    check(T, interp_code(mode, kw | dict(antialias=True), align), x,
          expected=typed(lambda x: O.interpolate_antialias(x, sizes, mode, align, scales)[0]),
          reduce=shape[2] * shape[3], magnitude=_antialias_magnitude(sizes, mode, align, scales))


@pytest.mark.parametrize("mode", cases([
    ("nn.interpolate-antialias-bilinear-grad", api("torch.nn.functional.interpolate"), "bilinear"),
    ("nn.interpolate-antialias-bicubic-grad", api("torch.nn.functional.interpolate"), "bicubic"),
    ("nn.interpolate-antialias-lanczos-grad", api("torch.nn.functional.interpolate"), "lanczos"),
]))
@given(data=st.data())
def test_interpolate_antialias_grad(T, mode, data):
    align = mode != "lanczos" and data.draw(st.booleans(), label="align_corners")   # lanczos rejects True
    shape, kw, sizes, scales = data.draw(antialias_setup(), label="setup")
    x = draw_x(data, shape, "float64")
    check_grad(T, data, interp_code(mode, kw | dict(antialias=True), align), x,
               oracle=lambda x: O.interpolate_antialias(x, sizes, mode, align, scales), reduce=shape[2] * shape[3])


# ---------------------------------------------------------------------------------------------
# pixel shuffle

@spec("nn.pixel-shuffle-value", api("torch.nn.PixelShuffle"))
@given(data=st.data())
def test_pixel_shuffle(T, data):
    r = data.draw(st.integers(1, 3), label="r")
    shape = (data.draw(st.integers(1, 2)), data.draw(st.integers(1, 2)) * r * r, data.draw(st.integers(1, 3)),
             data.draw(st.integers(1, 3)))
    x = draw_x(data, shape)
    check(T, f"{F}.pixel_shuffle(a, {r})", x, expected=lambda x: O.pixel_shuffle(x, r))


@spec("nn.pixel-shuffle-gradient", api("torch.nn.PixelShuffle"))
@given(data=st.data())
def test_pixel_shuffle_grad(T, data):
    r = data.draw(st.integers(1, 2), label="r")
    x = draw_x(data, (1, 2 * r * r, 2, 2), "float64")
    check_grad(T, data, f"{F}.pixel_shuffle(a, {r})", x, oracle=fd(lambda x: O.pixel_shuffle(x, r)), **FD_TOL)


@spec("nn.pixel-shuffle-channels-raises", api("torch.nn.PixelShuffle"))
def test_pixel_shuffle_error(T):
    check_raises(T, f"{F}.pixel_shuffle(a, 2)", np.ones((1, 5, 2, 2), np.float32), exc=RuntimeError,
                 contains=(5, 4))


# ---------------------------------------------------------------------------------------------
# normalize and cosine_similarity

@spec("nn.normalize-lp", api("torch.nn.functional.normalize"))
@given(data=st.data(), p=st.sampled_from([1.0, 2.0, 3.0]))
def test_normalize(T, data, p):
    shape = data.draw(S.shapes(2, 3, max_side=4))
    x = draw_x(data, shape, avoid=0.1)
    dim = data.draw(st.integers(0, len(shape) - 1), label="dim")
    check(T, f"{F}.normalize(a, p={p}, dim={dim})", x, expected=typed(lambda x: O.normalize(x, p, dim)),
          reduce=shape[dim])


@spec("nn.normalize-gradient", api("torch.nn.functional.normalize"))
@given(data=st.data())
def test_normalize_grad(T, data):
    shape = data.draw(S.shapes(2, 2, max_side=4))
    x = draw_x(data, shape, "float64", avoid=0.1)
    check_grad(T, data, f"{F}.normalize(a, dim=1)", x, oracle=fd(lambda x: O.normalize(x, 2.0, 1)), **FD_TOL)


@spec("nn.cosine-similarity-value", api("torch.nn.functional.cosine_similarity"))
@given(data=st.data())
def test_cosine_similarity(T, data):
    s1, s2 = data.draw(S.broadcastable_shapes(2, min_dims=2, max_dims=3), label="shapes")
    x1 = draw_x(data, s1, "float64", avoid=0.1)
    x2 = draw_x(data, s2, "float64", label="b", avoid=0.1)
    shape = np.broadcast_shapes(s1, s2)
    dim = data.draw(st.integers(0, len(shape) - 1), label="dim")
    check(T, f"{F}.cosine_similarity(a, b, dim={dim})", x1, x2,
          expected=lambda a, b: O.cosine_similarity(a, b, dim), reduce=shape[dim])
    check_grad(T, data, f"{F}.cosine_similarity(a, b, dim={dim})", x1, x2,
               oracle=fd(lambda a, b: O.cosine_similarity(a, b, dim)), **FD_TOL)


# ---------------------------------------------------------------------------------------------
# modules

@spec("nn.dropout-module-train-eval-switch", seed("001", "通过添加正则化策略,如 Dropout 和 L2 正则化,可以有效防止模型过拟合。"))
def test_dropout_module_modes(T):
    x = np.linspace(1, 2, 2000).astype(np.float32)
    code = ("m = torch.nn.Dropout(p=0.5)\ny = m(a)\nm.eval()\nz = m(a)\nm.train()\n"
            "(bool((y == 0).any()), bool((z == a).all()), bool((m(a) == 0).any()), m.training)")
    check(T, code, x, expected=(True, True, True, True))


@spec("nn.dropout2d-module-eval-identity", api("torch.nn.Dropout2d"))
@given(data=st.data())
def test_dropout2d_module_eval(T, data):
    x = draw_x(data, (2, 3, 2, 2))
    check(T, "torch.nn.Dropout2d(0.7).eval()(a)", x, expected=lambda x: x)


@spec("nn.embedding-module-default-init-normal", api("torch.nn.Embedding"))
def test_embedding_init(T):
    code = ("from spec_tests import oracle_nn as O\ntorch.manual_seed(1)\n"
            "x = torch.nn.Embedding(1000, 20).weight.detach().numpy()\n"
            "O.ks_pvalue(x, O.normal_cdf(0.0, 1.0)) > 1e-4")
    check(T, code, expected=True)


@spec("nn.embedding-module-padding-idx", api("torch.nn.Embedding"))
@given(data=st.data())
def test_embedding_module_padding(T, data):
    n, d, idx = data.draw(embedding_setup(), label="setup")
    pad = data.draw(st.integers(-n, n - 1), label="padding_idx")
    code = (f"m = torch.nn.Embedding({n}, {d}, padding_idx={pad}, dtype=torch.float64)\n"
            f"row = m.weight[{pad}].detach().clone()\nm(a).sum().backward()\n(row, m.weight.grad[{pad}])")
    check(T, code, idx, expected=(np.zeros(d), np.zeros(d)))


@spec("nn.embedding-from-pretrained-freeze", api("torch.nn.Embedding.from_pretrained"))
@given(data=st.data(), freeze=st.booleans())
def test_embedding_from_pretrained(T, data, freeze):
    n, d, idx = data.draw(embedding_setup(), label="setup")
    w = draw_x(data, (n, d), "float64", label="b")
    code = (f"m = torch.nn.Embedding.from_pretrained(b, freeze={freeze})\n"
            "(m.weight.requires_grad, m(a), m.num_embeddings, m.embedding_dim)")
    check(T, code, idx, w, expected=lambda i, w: (not freeze, w[i], n, d))


UPSAMPLE = cases([
    ("nn.upsample-module-nearest", api("torch.nn.Upsample"), "Upsample(scale_factor=2)",
     lambda x: O.interpolate_nearest(x, (x.shape[2] * 2, x.shape[3] * 2), (2.0, 2.0))),
    ("nn.upsample-module-bilinear-align-corners", api("torch.nn.Upsample"),
     "Upsample(size=(5, 4), mode='bilinear', align_corners=True)", lambda x: O.interpolate_linear(x, (5, 4), True)),
    ("nn.upsamplingbilinear2d-module", api("torch.nn.UpsamplingBilinear2d"), "UpsamplingBilinear2d(scale_factor=2)",
     lambda x: O.interpolate_linear(x, (x.shape[2] * 2, x.shape[3] * 2), True)),
    ("nn.upsample-module-bicubic", api("torch.nn.Upsample"), "Upsample(scale_factor=1.5, mode='bicubic')",
     lambda x: O.interpolate_bicubic(x, (int(x.shape[2] * 1.5), int(x.shape[3] * 1.5)), False, (1.5, 1.5))),
    ("nn.upsample-module-area", api("torch.nn.Upsample"), "Upsample(size=(2, 5), mode='area')",
     lambda x: O.interpolate_area(x, (2, 5))),
    ("nn.pixelshuffle-module", api("torch.nn.PixelShuffle"), "PixelShuffle(2)", lambda x: O.pixel_shuffle(x, 2)),
])


@pytest.mark.parametrize("ctor, fn", UPSAMPLE)
@given(data=st.data())
def test_upsample_modules(T, ctor, fn, data):
    x = draw_x(data, (data.draw(st.integers(1, 2)), 4, data.draw(st.integers(1, 3)), data.draw(st.integers(1, 3))))
    check(T, f"torch.nn.{ctor}(a)", x, expected=typed(fn), reduce=4)


MISC_REPRS = cases([
    ("nn.dropout-repr", api("torch.nn.Dropout"), "Dropout()", "Dropout(p=0.5, inplace=False)"),
    ("nn.dropout2d-repr", api("torch.nn.Dropout2d"), "Dropout2d(0.3, True)", "Dropout2d(p=0.3, inplace=True)"),
    ("nn.embedding-repr", api("torch.nn.Embedding"), "Embedding(5, 3, padding_idx=1, max_norm=2.0)",
     "Embedding(5, 3, padding_idx=1, max_norm=2.0)"),
    ("nn.upsample-repr", api("torch.nn.Upsample"), "Upsample(scale_factor=2)",
     "Upsample(scale_factor=2.0, mode='nearest')"),
    ("nn.upsample-repr-size", api("torch.nn.Upsample"), "Upsample(size=(3, 4), mode='bilinear')",
     "Upsample(size=(3, 4), mode='bilinear')"),
    ("nn.upsample-repr-bicubic", api("torch.nn.Upsample"), "Upsample(scale_factor=(2, 3), mode='bicubic')",
     "Upsample(scale_factor=(2.0, 3.0), mode='bicubic')"),
    ("nn.pixelshuffle-repr", api("torch.nn.PixelShuffle"), "PixelShuffle(3)", "PixelShuffle(upscale_factor=3)"),
])


@pytest.mark.parametrize("ctor, text", MISC_REPRS)
def test_misc_repr(T, ctor, text):
    check(T, f"repr(torch.nn.{ctor})", expected=text)


@spec("nn.dropout-module-bad-p-raises", api("torch.nn.Dropout"))
def test_dropout_module_bad_p(T):
    check_raises(T, "torch.nn.Dropout(1.2)", exc=ValueError, contains=("1.2",))


@spec("nn.embedding-max-norm-renormalises-rows", api("torch.nn.functional.embedding"))
@given(data=st.data(), max_norm=st.sampled_from([0.5, 1.0, 3.0]))
def test_embedding_max_norm(T, data, max_norm):
    """Looked-up rows whose L2 norm exceeds max_norm are rescaled in place to max_norm (up to the
    1e-7 torch adds to the norm); other rows are untouched."""
    n, d, idx = data.draw(embedding_setup(), label="setup")
    w = draw_x(data, (n, d), "float64", label="b", layouts=S.WRITABLE)  # max_norm renormalises it in place

    def expected(i, w):
        w = w.copy()
        rows = np.unique(i)
        norms = np.linalg.norm(w[rows], axis=1, keepdims=True)
        w[rows] = np.where(norms > max_norm, w[rows] * (max_norm / (norms + 1e-7)), w[rows])
        return w[i], w
    check(T, f"out = {F}.embedding(a, b, max_norm={max_norm})\n(out, b)", idx, w, expected=expected)


@spec("nn.embedding-scale-grad-by-freq", api("torch.nn.functional.embedding"))
@given(data=st.data())
def test_embedding_scale_grad_by_freq(T, data):
    """Each index's gradient is divided by how often it occurs in the batch."""
    n, d, idx = data.draw(embedding_setup(), label="setup")
    w = draw_x(data, (n, d), "float64", label="b")

    def oracle(i, w):
        out, pull = O.embedding_vjp(i, w)
        counts = np.bincount(i.reshape(-1), minlength=n).astype(np.float64)
        return out, lambda g: pull(g / counts[i][..., None])
    check_grad(T, data, f"{F}.embedding(a, b, scale_grad_by_freq=True)", idx, w, wrt="b", oracle=oracle)
