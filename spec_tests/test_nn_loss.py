"""Loss functions, functional and as modules (https://pytorch.org/docs/stable/nn.html#loss-functions):
values against the float64 formulas of each page (spec_tests/oracle_nn.py) for every reduction and
option, input gradients against float64 central differences of the same formulas, reprs and the
errors for mismatched shapes and target dtypes."""
import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from . import oracle_nn as O
from . import strategies as S
from .catalogue import api, cases, seed, spec
from . import seed_passages as SP
from .grad_harness import check_grad
from .harness import check, check_raises
from .messages import error_cases, message_text_id

FLOATS = st.sampled_from(["float32", "float64"])
REDUCTIONS = st.sampled_from(["none", "mean", "sum"])
FD = dict(rtol=1e-6, atol=1e-7)  # float64 central differences (step 1e-5): error ~1e-9 on values of order one


def fd_oracle(fn, wrt=(0,)):
    return lambda *arrays: O.numeric_pullback(fn, *arrays, wrt=list(wrt))


def _cast_like(value, like):
    return np.asarray(value).astype(like.dtype)


# ---------------------------------------------------------------------------------------------
# regression losses: (id, functional name, module name, oracle, option name, option values)

REGRESSION = [
    ("l1", "l1_loss", "L1Loss", O.l1_loss, None, [None]),
    ("mse", "mse_loss", "MSELoss", O.mse_loss, None, [None]),
    ("smooth-l1", "smooth_l1_loss", "SmoothL1Loss", O.smooth_l1_loss, "beta", [0.5, 1.0, 2.0]),
    ("huber", "huber_loss", "HuberLoss", O.huber_loss, "delta", [0.5, 1.0, 2.0]),
]


def _opt(option, value):
    return f", {option}={value!r}" if option else ""


def _kw(option, value):
    return {option: value} if option else {}


@st.composite
def regression_pair(draw, dtype=FLOATS, off_kink=False):
    dt = draw(dtype) if not isinstance(dtype, str) else dtype
    shape = draw(S.shapes(1, 3))
    if off_kink:
        # x - y is an odd multiple of 1/8: never 0, never at a beta/delta of 0.5, 1 or 2
        x = draw(S.arrays(dt, shape, lo=-4, hi=4, quarters=True)) + 0.125
        y = draw(S.arrays(dt, shape, lo=-4, hi=4, quarters=True))
    else:
        x = draw(S.arrays(dt, shape, lo=-5, hi=5))
        y = draw(S.arrays(dt, shape, lo=-5, hi=5))
    return x, y


REG_VALUES = cases([(f"nn.{i}-loss", api(f"torch.nn.functional.{fn}"), fn, o, opt, vals)
                    for i, fn, mod, o, opt, vals in REGRESSION])
REG_MODULES = cases([(f"nn.{i}-loss-module", api(f"torch.nn.{mod}"), mod, o, opt, vals)
                     for i, fn, mod, o, opt, vals in REGRESSION])
REG_GRADS = cases([(f"nn.{i}-loss-grad", api(f"torch.nn.functional.{fn}"), fn, o, opt, vals)
                   for i, fn, mod, o, opt, vals in REGRESSION])


@pytest.mark.parametrize("fn, oracle, option, values", REG_VALUES)
@given(data=st.data())
def test_regression_value(T, fn, oracle, option, values, data):
    x, y = data.draw(regression_pair(), label="x, y")
    red = data.draw(REDUCTIONS, label="reduction")
    v = data.draw(st.sampled_from(values), label=option or "option")
    check(T, f"torch.nn.functional.{fn}(a, b, reduction={red!r}{_opt(option, v)})", x, y,
          expected=lambda x, y: _cast_like(oracle(x, y, reduction=red, **_kw(option, v)), x), reduce=x.size)


@pytest.mark.parametrize("mod, oracle, option, values", REG_MODULES)
@given(data=st.data())
def test_regression_module(T, mod, oracle, option, values, data):
    x, y = data.draw(regression_pair("float32"), label="x, y")
    red = data.draw(REDUCTIONS, label="reduction")
    v = data.draw(st.sampled_from(values), label=option or "option")
    check(T, f"torch.nn.{mod}(reduction={red!r}{_opt(option, v)})(a, b)", x, y,
          expected=lambda x, y: _cast_like(oracle(x, y, reduction=red, **_kw(option, v)), x), reduce=x.size)


@pytest.mark.parametrize("fn, oracle, option, values", REG_GRADS)
@given(data=st.data())
def test_regression_grad(T, fn, oracle, option, values, data):
    x, y = data.draw(regression_pair("float64", off_kink=True), label="x, y")
    red = data.draw(REDUCTIONS, label="reduction")
    v = data.draw(st.sampled_from(values), label=option or "option")
    check_grad(T, data, f"torch.nn.functional.{fn}(a, b, reduction={red!r}{_opt(option, v)})", x, y,
               oracle=fd_oracle(lambda x, y: oracle(x, y, reduction=red, **_kw(option, v)), wrt=(0, 1)), **FD)


@spec("nn.smooth-l1-beta-zero-is-l1", api("torch.nn.SmoothL1Loss"))
@given(pair=regression_pair())
def test_smooth_l1_beta_zero(T, pair):
    check(T, "torch.nn.functional.smooth_l1_loss(a, b, beta=0.0)", *pair,
          expected=lambda x, y: _cast_like(O.l1_loss(x, y), x), reduce=pair[0].size)


# ---------------------------------------------------------------------------------------------
# cross-entropy and nll_loss

@st.composite
def class_problem(draw, dtype=FLOATS, kdim=True, ignore=True):
    """(logits, targets, options): (N, C), (C,) or (N, C, d) logits; int64 targets, some ignored."""
    dt = draw(dtype) if not isinstance(dtype, str) else dtype
    c = draw(st.integers(2, 5))
    n = draw(st.integers(1, 4))
    layout = draw(st.sampled_from(["2d", "1d", "kdim"] if kdim else ["2d"]))
    shape, tshape = {"2d": ((n, c), (n,)), "1d": ((c,), ()), "kdim": ((n, c, 3), (n, 3))}[layout]
    x = draw(S.arrays(dt, shape, lo=-6, hi=6))
    t = np.array(draw(st.lists(st.integers(0, c - 1), min_size=int(np.prod(tshape)),
                               max_size=int(np.prod(tshape)))), np.int64).reshape(tshape)
    opts = {}
    if ignore and t.ndim and t.size > 1 and draw(st.booleans()):
        ig = draw(st.sampled_from([-100, 0, c - 1]))
        t.reshape(-1)[0] = ig
        if (t == ig).all():
            t.reshape(-1)[1] = (ig + 1) % c
        opts["ignore_index"] = ig
    if draw(st.booleans()):
        opts["weight"] = draw(S.arrays(dt, (c,), lo=0.25, hi=3))
    return x, t, opts


def _ce_call(fn, red, opts, extra=""):
    weight = ", weight=c" if "weight" in opts else ""
    ig = f", ignore_index={opts['ignore_index']}" if "ignore_index" in opts else ""
    return f"torch.nn.functional.{fn}(a, b{weight}{ig}, reduction={red!r}{extra})"


def _ce_inputs(x, t, opts):
    return (x, t, opts["weight"]) if "weight" in opts else (x, t)


def _ce_oracle(oracle, red, opts, **kw):
    ig = opts.get("ignore_index", -100)
    return lambda x, t, w=None: oracle(x, t, weight=w, ignore_index=ig, reduction=red, **kw)


@spec("nn.cross-entropy-indices", api("torch.nn.functional.cross_entropy"))
@given(data=st.data())
def test_cross_entropy_value(T, data):
    x, t, opts = data.draw(class_problem(), label="x, t, options")
    red = data.draw(REDUCTIONS, label="reduction")
    ls = data.draw(st.sampled_from([0.0, 0.1, 0.35]), label="label_smoothing")
    f = _ce_oracle(O.cross_entropy, red, opts, label_smoothing=ls)
    check(T, _ce_call("cross_entropy", red, opts, f", label_smoothing={ls}"), *_ce_inputs(x, t, opts),
          expected=lambda *a: _cast_like(f(*a), x), reduce=x.size)


@spec("nn.cross-entropy-indices-grad", api("torch.nn.functional.cross_entropy"))
@given(data=st.data())
def test_cross_entropy_grad(T, data):
    x, t, opts = data.draw(class_problem("float64"), label="x, t, options")
    red = data.draw(REDUCTIONS, label="reduction")
    ls = data.draw(st.sampled_from([0.0, 0.2]), label="label_smoothing")
    f = _ce_oracle(O.cross_entropy, red, opts, label_smoothing=ls)
    check_grad(T, data, _ce_call("cross_entropy", red, opts, f", label_smoothing={ls}"), *_ce_inputs(x, t, opts),
               wrt="a", oracle=fd_oracle(f), **FD)


@spec("nn.cross-entropy-module", api("torch.nn.CrossEntropyLoss"))
@given(data=st.data())
def test_cross_entropy_module(T, data):
    x, t, opts = data.draw(class_problem("float32"), label="x, t, options")
    red = data.draw(REDUCTIONS, label="reduction")
    f = _ce_oracle(O.cross_entropy, red, opts, label_smoothing=0.1)
    weight = "weight=c, " if "weight" in opts else ""
    ig = f"ignore_index={opts['ignore_index']}, " if "ignore_index" in opts else ""
    check(T, f"torch.nn.CrossEntropyLoss({weight}{ig}reduction={red!r}, label_smoothing=0.1)(a, b)",
          *_ce_inputs(x, t, opts), expected=lambda *a: _cast_like(f(*a), x), reduce=x.size)


@st.composite
def probability_problem(draw, dtype=FLOATS):
    dt = draw(dtype) if not isinstance(dtype, str) else dtype
    c = draw(st.integers(2, 5))
    shape = draw(st.sampled_from([(c,), (3, c), (2, c, 2)]))
    x = draw(S.arrays(dt, shape, lo=-5, hi=5))
    raw = draw(S.arrays(dt, shape, lo=-3, hi=3))
    p = O.softmax(raw.astype(np.float64), 0 if len(shape) == 1 else 1).astype(dt)
    w = draw(st.one_of(st.none(), S.arrays(dt, (c,), lo=0.25, hi=3)))
    return x, p, w


@spec("nn.cross-entropy-probabilities", api("torch.nn.functional.cross_entropy"))
@given(data=st.data())
def test_cross_entropy_probabilities(T, data):
    x, p, w = data.draw(probability_problem(), label="x, p, weight")
    red = data.draw(REDUCTIONS, label="reduction")
    ls = data.draw(st.sampled_from([0.0, 0.25]), label="label_smoothing")
    inputs = (x, p) if w is None else (x, p, w)
    weight = "" if w is None else ", weight=c"
    check(T, f"torch.nn.functional.cross_entropy(a, b{weight}, reduction={red!r}, label_smoothing={ls})", *inputs,
          expected=lambda x, p, w=None: _cast_like(O.cross_entropy(x, p, weight=w, reduction=red, label_smoothing=ls), x),
          reduce=x.size)


@spec("nn.cross-entropy-probabilities-grad", api("torch.nn.functional.cross_entropy"))
@given(data=st.data())
def test_cross_entropy_probabilities_grad(T, data):
    x, p, w = data.draw(probability_problem("float64"), label="x, p, weight")
    red = data.draw(REDUCTIONS, label="reduction")
    check_grad(T, data, f"torch.nn.functional.cross_entropy(a, b, reduction={red!r})", x, p, wrt="a",
               oracle=fd_oracle(lambda x, p: O.cross_entropy(x, p, reduction=red)), **FD)


@spec("nn.cross-entropy-equals-log-softmax-nll", api("torch.nn.CrossEntropyLoss"))
@given(data=st.data())
def test_cross_entropy_is_log_softmax_nll(T, data):
    # "This criterion computes the cross entropy loss between input logits and target": log_softmax + nll_loss
    x, t, _ = data.draw(class_problem("float64", kdim=False, ignore=False), label="x, t")
    check(T, "F = torch.nn.functional\n(F.cross_entropy(a, b) - F.nll_loss(F.log_softmax(a, 1), b)).abs().item() < 1e-12",
          x, t, expected=True)


@spec("nn.nll-loss", api("torch.nn.functional.nll_loss"))
@given(data=st.data())
def test_nll_loss_value(T, data):
    x, t, opts = data.draw(class_problem(), label="x, t, options")
    red = data.draw(REDUCTIONS, label="reduction")
    f = _ce_oracle(O.nll_loss, red, opts)
    check(T, _ce_call("nll_loss", red, opts), *_ce_inputs(x, t, opts), expected=lambda *a: _cast_like(f(*a), x),
          reduce=x.size)


@spec("nn.nll-loss-grad", api("torch.nn.functional.nll_loss"))
@given(data=st.data())
def test_nll_loss_grad(T, data):
    x, t, opts = data.draw(class_problem("float64"), label="x, t, options")
    red = data.draw(REDUCTIONS, label="reduction")
    check_grad(T, data, _ce_call("nll_loss", red, opts), *_ce_inputs(x, t, opts), wrt="a",
               oracle=fd_oracle(_ce_oracle(O.nll_loss, red, opts)), **FD)


@spec("nn.nll-loss-module", api("torch.nn.NLLLoss"))
@given(data=st.data())
def test_nll_loss_module(T, data):
    x, t, _ = data.draw(class_problem("float32", ignore=False), label="x, t")
    check(T, "torch.nn.NLLLoss(reduction='sum')(a, b)", x, t,
          expected=lambda x, t: _cast_like(O.nll_loss(x, t, reduction="sum"), x), reduce=x.size)


# ---------------------------------------------------------------------------------------------
# binary cross-entropy

@st.composite
def binary_problem(draw, dtype=FLOATS, probabilities=True):
    dt = draw(dtype) if not isinstance(dtype, str) else dtype
    shape = draw(S.shapes(1, 3, min_side=1, max_side=4))
    x = draw(S.arrays(dt, shape, lo=0.02, hi=0.98)) if probabilities else draw(S.arrays(dt, shape, lo=-8, hi=8))
    y = draw(S.arrays(dt, shape, lo=0, hi=1))
    w = draw(st.one_of(st.none(), S.arrays(dt, shape, lo=0.25, hi=2)))
    return x, y, w


@spec("nn.bce", api("torch.nn.functional.binary_cross_entropy"))
@given(data=st.data())
def test_bce_value(T, data):
    x, y, w = data.draw(binary_problem(), label="x, y, weight")
    red = data.draw(REDUCTIONS, label="reduction")
    inputs = (x, y) if w is None else (x, y, w)
    check(T, f"torch.nn.functional.binary_cross_entropy(a, b{'' if w is None else ', weight=c'}, reduction={red!r})",
          *inputs, expected=lambda x, y, w=None: _cast_like(O.binary_cross_entropy(x, y, w, red), x), reduce=x.size)


@spec("nn.bce-grad", api("torch.nn.functional.binary_cross_entropy"))
@given(data=st.data())
def test_bce_grad(T, data):
    x, y, w = data.draw(binary_problem("float64"), label="x, y, weight")
    red = data.draw(REDUCTIONS, label="reduction")
    check_grad(T, data, f"torch.nn.functional.binary_cross_entropy(a, b, reduction={red!r})", x, y, wrt="a",
               oracle=O.op(lambda x, y: O.binary_cross_entropy(x, y, reduction=red), _bce_pullback(red)), **FD)


def _bce_pullback(reduction):
    # Closed form of d/dx of -(y log x + (1 - y) log(1 - x)): central differences lose ~1e-7 near
    # x = 0.02, where the third derivative ~ 2y/x^3 is in the thousands (found by CI seed 1822915996).
    def pullback(g, x, y):
        grad = np.broadcast_to(g, x.shape) * (x - y) / (x * (1.0 - x))
        return (grad / x.size if reduction == "mean" else grad,)
    return pullback


@spec("nn.bce-log-clamp", api("torch.nn.BCELoss"))
def test_bce_log_clamp(T):
    # "BCELoss clamps its log function outputs to be greater than or equal to -100"
    check(T, "torch.nn.functional.binary_cross_entropy(torch.tensor([0.0, 1.0]), torch.tensor([1.0, 0.0]), "
             "reduction='none')", expected=np.array([100.0, 100.0], np.float32))


@spec("nn.bce-module", api("torch.nn.BCELoss"))
@given(data=st.data())
def test_bce_module(T, data):
    x, y, _ = data.draw(binary_problem("float32"), label="x, y")
    check(T, "torch.nn.BCELoss()(a, b)", x, y, expected=lambda x, y: _cast_like(O.binary_cross_entropy(x, y), x),
          reduce=x.size)


@st.composite
def logits_problem(draw, dtype=FLOATS):
    x, y, w = draw(binary_problem(dtype, probabilities=False))
    pw = draw(st.one_of(st.none(), S.arrays(x.dtype.name, (x.shape[-1],), lo=0.25, hi=4)))
    return x, y, w, pw


def _logits_call(red, w, pw):
    names = iter("cd")
    weight = f", weight={next(names)}" if w is not None else ""
    pos = f", pos_weight={next(names)}" if pw is not None else ""
    return f"torch.nn.functional.binary_cross_entropy_with_logits(a, b{weight}{pos}, reduction={red!r})"


@spec("nn.bce-with-logits", api("torch.nn.functional.binary_cross_entropy_with_logits"))
@given(data=st.data())
def test_bce_logits_value(T, data):
    x, y, w, pw = data.draw(logits_problem(), label="x, y, weight, pos_weight")
    red = data.draw(REDUCTIONS, label="reduction")
    inputs = [v for v in (x, y, w, pw) if v is not None]

    def expected(*arrays):
        return _cast_like(O.binary_cross_entropy_with_logits(x, y, w, pw, red), x)
    check(T, _logits_call(red, w, pw), *inputs, expected=expected, reduce=x.size)


@spec("nn.bce-with-logits-grad", api("torch.nn.functional.binary_cross_entropy_with_logits"))
@given(data=st.data())
def test_bce_logits_grad(T, data):
    x, y, w, pw = data.draw(logits_problem("float64"), label="x, y, weight, pos_weight")
    red = data.draw(REDUCTIONS, label="reduction")
    inputs = [v for v in (x, y, w, pw) if v is not None]
    check_grad(T, data, _logits_call(red, w, pw), *inputs, wrt="a",
               oracle=fd_oracle(lambda x, *rest: O.binary_cross_entropy_with_logits(x, y, w, pw, red)), **FD)


@spec("nn.bce-with-logits-module-pos-weight", api("torch.nn.BCEWithLogitsLoss"))
@given(data=st.data())
def test_bce_logits_module(T, data):
    x, y, _, _ = data.draw(logits_problem("float32"), label="x, y")
    pw = np.full((x.shape[-1],), 3.0, np.float32)
    check(T, "torch.nn.BCEWithLogitsLoss(pos_weight=c)(a, b)", x, y, pw,
          expected=lambda x, y, pw: _cast_like(O.binary_cross_entropy_with_logits(x, y, pos_weight=pw), x),
          reduce=x.size)


# ---------------------------------------------------------------------------------------------
# KL divergence

@st.composite
def kl_problem(draw, dtype=FLOATS):
    dt = draw(dtype) if not isinstance(dtype, str) else dtype
    shape = draw(st.sampled_from([(2, 3), (4, 2), (3, 2, 2)]))
    x = O.log_softmax(draw(S.arrays(dt, shape, lo=-3, hi=3)).astype(np.float64), 1).astype(dt)
    p = O.softmax(draw(S.arrays(dt, shape, lo=-3, hi=3)).astype(np.float64), 1)
    if draw(st.booleans()):
        p.reshape(-1)[0] = 0.0  # a zero target contributes 0 (0 log 0 = 0)
    return x, p.astype(dt)


KL_REDUCTIONS = st.sampled_from(["none", "sum", "batchmean"])


@spec("nn.kl-div", api("torch.nn.functional.kl_div"))
@given(data=st.data())
def test_kl_div_value(T, data):
    x, p = data.draw(kl_problem(), label="x, p")
    red = data.draw(KL_REDUCTIONS, label="reduction")
    check(T, f"torch.nn.functional.kl_div(a, b, reduction={red!r})", x, p,
          expected=lambda x, p: _cast_like(O.kl_div(x, p, red), x), reduce=x.size)


@spec("nn.kl-div-log-target", api("torch.nn.KLDivLoss"))
@given(data=st.data())
def test_kl_div_log_target(T, data):
    x, p = data.draw(kl_problem(), label="x, p")
    logp = np.log(np.maximum(p.astype(np.float64), 1e-3)).astype(p.dtype)
    red = data.draw(KL_REDUCTIONS, label="reduction")
    check(T, f"torch.nn.KLDivLoss(reduction={red!r}, log_target=True)(a, b)", x, logp,
          expected=lambda x, q: _cast_like(O.kl_div(x, q, red, log_target=True), x), reduce=x.size)


@spec("nn.kl-div-grad", api("torch.nn.functional.kl_div"))
@given(data=st.data())
def test_kl_div_grad(T, data):
    x, p = data.draw(kl_problem("float64"), label="x, p")
    check_grad(T, data, "torch.nn.functional.kl_div(a, b, reduction='batchmean')", x, p, wrt="a",
               oracle=fd_oracle(lambda x, p: O.kl_div(x, p, "batchmean")), **FD)


# ---------------------------------------------------------------------------------------------
# embedding and ranking losses

@st.composite
def pair_with_labels(draw, dtype=FLOATS, dims=2):
    dt = draw(dtype) if not isinstance(dtype, str) else dtype
    n, d = draw(st.integers(1, 4)), draw(st.integers(2, 4))
    shape = (n, d) if dims == 2 else (n,)
    a = draw(S.arrays(dt, shape, lo=-3, hi=3, avoid=0.1))
    b = draw(S.arrays(dt, shape, lo=-3, hi=3, avoid=0.1))
    y = np.array(draw(st.lists(st.sampled_from([-1.0, 1.0]), min_size=n, max_size=n)), dt)
    return a, b, y


@spec("nn.cosine-embedding-loss", api("torch.nn.CosineEmbeddingLoss"))
@given(data=st.data())
def test_cosine_embedding(T, data):
    a, b, y = data.draw(pair_with_labels(), label="x1, x2, y")
    red = data.draw(REDUCTIONS, label="reduction")
    m = data.draw(st.sampled_from([0.0, 0.3, -0.2]), label="margin")
    check(T, f"torch.nn.CosineEmbeddingLoss(margin={m}, reduction={red!r})(a, b, c)", a, b, y,
          expected=lambda a, b, y: _cast_like(O.cosine_embedding_loss(a, b, y, m, red), a), reduce=a.size)


@spec("nn.cosine-embedding-loss-grad", api("torch.nn.functional.cosine_embedding_loss"))
@given(data=st.data())
def test_cosine_embedding_grad(T, data):
    a, b, y = data.draw(pair_with_labels("float64"), label="x1, x2, y")
    check_grad(T, data, "torch.nn.functional.cosine_embedding_loss(a, b, c, margin=-0.9, reduction='sum')", a, b, y,
               wrt="a b", oracle=fd_oracle(lambda a, b, y: O.cosine_embedding_loss(a, b, y, -0.9, "sum"), (0, 1)),
               **FD)


@spec("nn.margin-ranking-loss", api("torch.nn.MarginRankingLoss"))
@given(data=st.data())
def test_margin_ranking(T, data):
    a, b, y = data.draw(pair_with_labels(dims=1), label="x1, x2, y")
    red = data.draw(REDUCTIONS, label="reduction")
    m = data.draw(st.sampled_from([0.0, 0.5]), label="margin")
    check(T, f"torch.nn.MarginRankingLoss(margin={m}, reduction={red!r})(a, b, c)", a, b, y,
          expected=lambda a, b, y: _cast_like(O.margin_ranking_loss(a, b, y, m, red), a), reduce=a.size)


@spec("nn.margin-ranking-loss-grad", api("torch.nn.functional.margin_ranking_loss"))
@given(data=st.data())
def test_margin_ranking_grad(T, data):
    n = data.draw(st.integers(1, 5), label="n")
    a = data.draw(S.arrays("float64", (n,), lo=-3, hi=3, quarters=True), label="x1") + 0.125
    b = data.draw(S.arrays("float64", (n,), lo=-3, hi=3, quarters=True), label="x2")
    y = data.draw(S.arrays("float64", (n,), lo=-1, hi=1, integral=True, avoid=1), label="y")
    check_grad(T, data, "torch.nn.functional.margin_ranking_loss(a, b, c, margin=0.5)", a, b, y, wrt="a b",
               oracle=fd_oracle(lambda a, b, y: O.margin_ranking_loss(a, b, y, 0.5), (0, 1)), **FD)


@st.composite
def triplet(draw, dtype=FLOATS):
    dt = draw(dtype) if not isinstance(dtype, str) else dtype
    shape = (draw(st.integers(1, 4)), draw(st.integers(2, 4)))
    return tuple(draw(S.arrays(dt, shape, lo=-2, hi=2)) for _ in range(3))


@spec("nn.triplet-margin-loss", api("torch.nn.TripletMarginLoss"))
@given(data=st.data())
def test_triplet(T, data):
    a, p, n = data.draw(triplet(), label="anchor, positive, negative")
    red = data.draw(REDUCTIONS, label="reduction")
    norm = data.draw(st.sampled_from([1.0, 2.0, 3.0]), label="p")
    swap = data.draw(st.booleans(), label="swap")
    check(T, f"torch.nn.TripletMarginLoss(margin=0.7, p={norm}, swap={swap}, reduction={red!r})(a, b, c)", a, p, n,
          expected=lambda a, p, n: _cast_like(O.triplet_margin_loss(a, p, n, 0.7, norm, swap=swap, reduction=red), a),
          reduce=a.size)


@spec("nn.triplet-margin-loss-grad", api("torch.nn.functional.triplet_margin_loss"))
@given(data=st.data())
def test_triplet_grad(T, data):
    a, p, n = data.draw(triplet("float64"), label="anchor, positive, negative")
    # the distance's gradient is singular where a row of a-p or a-n vanishes (torch adds eps=1e-6)
    assume(min(np.abs(a - p).sum(-1).min(), np.abs(a - n).sum(-1).min()) > 0.1)
    check_grad(T, data, "torch.nn.functional.triplet_margin_loss(a, b, c, margin=50.0, reduction='sum')", a, p, n,
               oracle=fd_oracle(lambda a, p, n: O.triplet_margin_loss(a, p, n, 50.0, reduction="sum"), (0, 1, 2)),
               **FD)


# ---------------------------------------------------------------------------------------------
# training through a loss: gradient accumulation, reprs, errors

@spec("nn.cross-entropy-batch-accumulation", SP.ZERO_GRAD_OR_ACCUMULATE)
@given(data=st.data())
def test_micro_batches_sum(T, data):
    # with reduction='sum', two half-batches' gradients accumulate to the full batch's gradient
    x, t, _ = data.draw(class_problem("float64", kdim=False, ignore=False), label="x, t")
    check(T, "w = torch.ones(a.shape[1], a.shape[1], dtype=torch.float64, requires_grad=True, device=dev)\n"
             "k = a.shape[0] // 2\nF = torch.nn.functional\n"
             "F.cross_entropy(a[:k] @ w, b[:k], reduction='sum').backward()\n"
             "F.cross_entropy(a[k:] @ w, b[k:], reduction='sum').backward()\ng = w.grad.clone()\nw.grad = None\n"
             "F.cross_entropy(a @ w, b, reduction='sum').backward()\n(g - w.grad).abs().max().item() < 1e-9",
          x, t, expected=True)


REPRS = cases([(f"nn.repr-{name.lower()}", api(f"torch.nn.{name}"), f"repr(torch.nn.{name}({args}))", f"{name}()")
               for name, args in [("L1Loss", ""), ("MSELoss", "reduction='sum'"), ("CrossEntropyLoss", "label_smoothing=0.1"),
                                  ("NLLLoss", ""), ("BCELoss", ""), ("BCEWithLogitsLoss", ""),
                                  ("KLDivLoss", "reduction='batchmean'"), ("SmoothL1Loss", "beta=0.5"),
                                  ("HuberLoss", "delta=2.0"), ("CosineEmbeddingLoss", ""), ("MarginRankingLoss", ""),
                                  ("TripletMarginLoss", "")]])


@pytest.mark.parametrize("code, text", REPRS)
def test_repr(T, code, text):
    check(T, code, expected=text)


ATTRS = cases([
    ("nn.loss-reduction-attribute", api("torch.nn.MSELoss"), "torch.nn.MSELoss(reduction='sum').reduction", "sum"),
    ("nn.loss-weight-buffer", api("torch.nn.CrossEntropyLoss"),
     "list(torch.nn.CrossEntropyLoss(weight=torch.ones(3)).state_dict())", ["weight"]),
    ("nn.loss-no-weight-no-buffer", api("torch.nn.CrossEntropyLoss"),
     "list(torch.nn.CrossEntropyLoss().state_dict())", []),
    ("nn.loss-pos-weight-buffer", api("torch.nn.BCEWithLogitsLoss"),
     "list(torch.nn.BCEWithLogitsLoss(pos_weight=torch.ones(2)).state_dict())", ["pos_weight"]),
    ("nn.cross-entropy-node", api("torch.nn.functional.cross_entropy"),
     "x = torch.randn(3, 4, requires_grad=True)\ntorch.nn.functional.cross_entropy(x, torch.tensor([0, 1, 2])).grad_fn.name()",
     "NllLossBackward0"),
    ("nn.cross-entropy-1d-input-scalar", api("torch.nn.functional.cross_entropy"),
     "tuple(torch.nn.functional.cross_entropy(torch.randn(4), torch.tensor(2)).shape)", ()),
    ("nn.cross-entropy-none-shape-kdim", api("torch.nn.functional.cross_entropy"),
     "tuple(torch.nn.functional.cross_entropy(torch.randn(2, 3, 4, 5), torch.zeros(2, 4, 5, dtype=torch.long), "
     "reduction='none').shape)", (2, 4, 5)),
    ("nn.bce-with-logits-grad-at-zero", api("torch.nn.functional.binary_cross_entropy_with_logits"),
     "x = torch.zeros(2, requires_grad=True)\n"
     "torch.nn.functional.binary_cross_entropy_with_logits(x, torch.tensor([0.0, 1.0]), reduction='sum').backward()\n"
     "x.grad", np.array([0.5, -0.5], np.float32)),
])


@pytest.mark.parametrize("code, expected", ATTRS)
def test_attributes(T, code, expected):
    check(T, code, expected=expected)


ERRORS = error_cases([
    ("nn.cross-entropy-batch-mismatch", api("torch.nn.functional.cross_entropy"),
     "torch.nn.functional.cross_entropy(torch.randn(3, 4), torch.tensor([0, 1, 2, 1]))", ValueError,
     ("Expected input batch_size (3) to match target batch_size (4)",)),
    ("nn.cross-entropy-target-dtype", api("torch.nn.functional.cross_entropy"),
     "torch.nn.functional.cross_entropy(torch.randn(3, 4), torch.tensor([0, 1, 2], dtype=torch.int32))",
     RuntimeError, ("expected target dtype to be Long or Byte, but got Int",)),
    ("nn.cross-entropy-float-target-wrong-shape", api("torch.nn.functional.cross_entropy"),
     "torch.nn.functional.cross_entropy(torch.randn(3, 4), torch.tensor([0.0, 1.0, 2.0]))",
     RuntimeError, ("expected target dtype to be Long or Byte, but got Float",)),
    ("nn.cross-entropy-target-out-of-bounds", api("torch.nn.functional.cross_entropy"),
     "torch.nn.functional.cross_entropy(torch.randn(3, 4), torch.tensor([0, 1, 5]))", IndexError,
     ("Target 5 is out of bounds.",)),
    ("nn.cross-entropy-negative-target", api("torch.nn.functional.cross_entropy"),
     "torch.nn.functional.cross_entropy(torch.randn(3, 4), torch.tensor([0, -1, 2]))", IndexError,
     ("Target -1 is out of bounds.",)),
    ("nn.cross-entropy-weight-size", api("torch.nn.functional.cross_entropy"),
     "torch.nn.functional.cross_entropy(torch.randn(3, 4), torch.tensor([0, 1, 2]), weight=torch.ones(3))",
     RuntimeError, ("weight tensor should be defined either for all 4 classes or no classes", "[3]")),
    ("nn.cross-entropy-kdim-target-shape", api("torch.nn.functional.cross_entropy"),
     "torch.nn.functional.cross_entropy(torch.randn(3, 4, 5), torch.zeros(3, 4, dtype=torch.long))",
     RuntimeError, ("Expected target size [3, 5], got [3, 4]",)),
    ("nn.cross-entropy-probabilities-long", api("torch.nn.functional.cross_entropy"),
     "torch.nn.functional.cross_entropy(torch.randn(3, 4), torch.zeros(3, 4, dtype=torch.long))",
     RuntimeError, ("Expected floating point type for target with class probabilities, got Long",)),
    ("nn.nll-loss-batch-mismatch", api("torch.nn.functional.nll_loss"),
     "torch.nn.functional.nll_loss(torch.randn(3, 4), torch.tensor([0, 1]))", ValueError,
     ("Expected input batch_size (3) to match target batch_size (2)",)),
    ("nn.bce-size-mismatch", api("torch.nn.functional.binary_cross_entropy"),
     "torch.nn.functional.binary_cross_entropy(torch.rand(3), torch.rand(3, 1))", ValueError,
     ("torch.Size([3, 1])", "torch.Size([3])")),
    ("nn.bce-input-range", api("torch.nn.functional.binary_cross_entropy"),
     "torch.nn.functional.binary_cross_entropy(torch.tensor([1.5]), torch.tensor([1.0]))", RuntimeError,
     ("all elements of input should be between 0 and 1",)),
    ("nn.bce-logits-size-mismatch", api("torch.nn.functional.binary_cross_entropy_with_logits"),
     "torch.nn.functional.binary_cross_entropy_with_logits(torch.rand(3), torch.rand(3, 1))", ValueError,
     ("Target size (torch.Size([3, 1])) must be the same as input size (torch.Size([3]))",)),
    ("nn.loss-bad-reduction", api("torch.nn.functional.mse_loss"),
     "torch.nn.functional.mse_loss(torch.rand(3), torch.rand(3), reduction='avg')", ValueError,
     ("avg is not a valid value for reduction",)),
    ("nn.smooth-l1-negative-beta", api("torch.nn.functional.smooth_l1_loss"),
     "torch.nn.functional.smooth_l1_loss(torch.rand(3), torch.rand(3), beta=-1.0)", RuntimeError,
     ("smooth_l1_loss does not support negative values for beta",)),
    ("nn.huber-non-positive-delta", api("torch.nn.functional.huber_loss"),
     "torch.nn.functional.huber_loss(torch.rand(3), torch.rand(3), delta=0.0)", RuntimeError,
     ("huber_loss does not support non-positive values for delta",)),
])


@pytest.mark.parametrize("code, exc, contains", ERRORS)
def test_errors(T, code, exc, contains):
    check_raises(T, code, exc=exc, contains=contains)


# the warning is documented; its wording is torch's own (internal tier, messages.py)
@pytest.mark.parametrize("result", cases([
    ("nn.mse-loss-broadcast-warning", api("torch.nn.functional.mse_loss"),
     "any(issubclass(x.category, UserWarning) for x in w)"),
    (message_text_id("nn.mse-loss-broadcast-warning"), api("torch.nn.functional.mse_loss"),
     "any('different to the input size' in str(x.message) for x in w)"),
]))
def test_mse_broadcast_warning(T, result):
    check(T, "import warnings\nwith warnings.catch_warnings(record=True) as w:\n    warnings.simplefilter('always')\n"
             "    torch.nn.functional.mse_loss(torch.rand(3), torch.rand(3, 1))\n" + result, expected=True)


# ---------------------------------------------------------------------------------------------
# CTC

@st.composite
def ctc_problem(draw, dtype=FLOATS):
    dt = draw(dtype) if not isinstance(dtype, str) else dtype
    steps, n, c = draw(st.integers(3, 6)), draw(st.integers(1, 3)), draw(st.integers(3, 5))
    blank = draw(st.sampled_from([0, c - 1]))
    labels = [k for k in range(c) if k != blank]
    x = draw(S.arrays(dt, (steps, n, c), lo=-3, hi=3))
    lp = O.log_softmax(x.astype(np.float64), 2).astype(dt)
    s = draw(st.integers(1, 3))
    targets = np.array(draw(st.lists(st.lists(st.sampled_from(labels), min_size=s, max_size=s), min_size=n,
                                     max_size=n)), np.int64)
    in_lens = [draw(st.integers(max(1, steps - 2), steps)) for _ in range(n)]
    tgt_lens = [draw(st.integers(1, s)) for _ in range(n)]
    return x, lp, targets, in_lens, tgt_lens, blank


@spec("nn.ctc-loss", api("torch.nn.CTCLoss"))
@given(data=st.data())
def test_ctc_value(T, data):
    _, lp, tg, il, tl, blank = data.draw(ctc_problem(), label="problem")
    red = data.draw(REDUCTIONS, label="reduction")
    check(T, f"torch.nn.CTCLoss(blank={blank}, reduction={red!r}, zero_infinity=True)(a, b, {il}, {tl})", lp, tg,
          expected=lambda lp, tg: _cast_like(O.ctc_loss(lp, tg, il, tl, blank, red, zero_infinity=True), lp),
          reduce=lp.size)


@spec("nn.ctc-loss-grad", api("torch.nn.functional.ctc_loss"))
@given(data=st.data())
def test_ctc_grad(T, data):
    # differentiated through log_softmax, the form the page's example uses
    x, _, tg, il, tl, blank = data.draw(ctc_problem("float64"), label="problem")
    red = data.draw(REDUCTIONS, label="reduction")

    def loss(x, tg):
        return O.ctc_loss(O.log_softmax(x, 2), tg, il, tl, blank, red, zero_infinity=True)
    check_grad(T, data, f"torch.nn.functional.ctc_loss(a.log_softmax(2), b, {il}, {tl}, blank={blank}, "
                        f"reduction={red!r}, zero_infinity=True)", x, tg, wrt="a", oracle=fd_oracle(loss), **FD)


CTC_CASES = cases([
    ("nn.ctc-loss-impossible-is-inf", api("torch.nn.CTCLoss"),
     "lp = torch.zeros(2, 1, 3).log_softmax(2)\ntorch.nn.functional.ctc_loss(lp, torch.tensor([[1, 1]]), [2], [2], "
     "reduction='none')", np.array([np.inf], np.float32)),
    ("nn.ctc-loss-zero-infinity", api("torch.nn.CTCLoss"),
     "lp = torch.zeros(2, 1, 3).log_softmax(2)\ntorch.nn.functional.ctc_loss(lp, torch.tensor([[1, 1]]), [2], [2], "
     "reduction='none', zero_infinity=True)", np.array([0.0], np.float32)),
    ("nn.ctc-loss-concatenated-targets", api("torch.nn.functional.ctc_loss"),
     "torch.manual_seed(0)\nlp = torch.randn(5, 2, 4).log_softmax(2)\n"
     "a = torch.nn.functional.ctc_loss(lp, torch.tensor([1, 2, 3]), torch.tensor([5, 5]), torch.tensor([2, 1]))\n"
     "b = torch.nn.functional.ctc_loss(lp, torch.tensor([[1, 2], [3, 0]]), (5, 5), (2, 1))\n(a - b).abs().item()", 0.0),
    ("nn.ctc-loss-repr", api("torch.nn.CTCLoss"), "repr(torch.nn.CTCLoss(blank=2))", "CTCLoss()"),
])


@pytest.mark.parametrize("code, expected", CTC_CASES)
def test_ctc_cases(T, code, expected):
    check(T, code, expected=expected)


@pytest.mark.parametrize("code, exc, contains", error_cases([
    ("nn.ctc-loss-input-length-error", api("torch.nn.functional.ctc_loss"),
     "torch.nn.functional.ctc_loss(torch.zeros(5, 1, 3), torch.tensor([[1]]), [6], [1])", RuntimeError,
     (5, 6, "Expected input_lengths to have value at most 5, but got value 6")),
]))
def test_ctc_input_length_error(T, code, exc, contains):
    check_raises(T, code, exc=exc, contains=contains)
