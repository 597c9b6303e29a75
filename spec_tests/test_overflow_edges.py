"""Magnitudes where a naive formula overflows, and infinities and NaNs where the documentation says
what happens to them.

softmax, log_softmax, logsumexp and cross-entropy on inputs in the hundreds and thousands (exp
overflows float32 past 88 and float16 past 11): the results stay finite and exact to the dtype;
sums near the dtype's largest value overflow to inf as IEEE arithmetic does; -inf logits (attention
masks) get probability 0; NaN follows maximum/minimum's and fmax/fmin's documented rules.
"""
import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from . import oracle
from . import strategies as S
from .catalogue import api, cases, spec
from .harness import check

LOW_PRECISION = ("float16", "float32")


@st.composite
def large_logits(draw, dtypes=LOW_PRECISION):
    """(x, dim): values in the hundreds or thousands, of either sign (float16 stays below its max)."""
    dtype = draw(st.sampled_from(dtypes))
    scale = draw(st.sampled_from([300.0, 3000.0]))
    x = draw(S.arrays(dtype, S.shapes(1, 3), lo=-scale, hi=scale))
    return x, draw(S.dims(x.ndim))


LARGE = cases([
    ("overflow.softmax-large-logits", api("torch.softmax"), "torch.softmax(a, b)", oracle.softmax),
    ("overflow.log-softmax-large-logits", api("torch.nn.functional.log_softmax"),
     "torch.nn.functional.log_softmax(a, b)", oracle.log_softmax),
    ("overflow.logsumexp-large-logits", api("torch.logsumexp"), "torch.logsumexp(a, b)",
     lambda x, d: oracle.logsumexp(x, d)),
])


@pytest.mark.parametrize("code, fn", LARGE)
@given(args=large_logits())
@example(args=(np.array([[1000.0, 1001.0, 999.0]], np.float32), 1))
@example(args=(np.array([-3000.0, 3000.0], np.float16), 0))
def test_large_logits(T, code, fn, args):
    x, d = args
    # the terms are at most 1 (exp of a shifted value): magnitude = number of terms, plus |max|
    # for the values that add the maximum back
    check(T, code, x, d, expected=fn, reduce=x.shape[d],
          magnitude=lambda x, d: x.shape[d] + np.max(np.abs(x.astype(np.float64))))


def _cross_entropy(x, t):
    """mean over the batch of logsumexp(x_i) - x_i[t_i], float64, with the maximum shifted out."""
    x = x.astype(np.float64)
    m = x.max(axis=1, keepdims=True)
    lse = np.log(np.exp(x - m).sum(axis=1)) + m[:, 0]
    return np.array(np.mean(lse - x[np.arange(len(t)), t]))


@spec("overflow.cross-entropy-large-logits", api("torch.nn.functional.cross_entropy"))
@given(data=st.data())
@example(data=None)
def test_cross_entropy_large_logits(T, data):
    if data is None:  # logits where exp() overflows float32: the loss is 1 + log(1 + e^-1), finite
        x, t = np.array([[1000.0, 999.0, -1000.0]], np.float32), np.array([1])
    else:
        n, c = data.draw(st.integers(1, 5), label="n"), data.draw(st.integers(2, 6), label="c")
        scale = data.draw(st.sampled_from([300.0, 3000.0]), label="scale")
        x = data.draw(S.arrays("float32", (n, c), lo=-scale, hi=scale), label="x")
        t = data.draw(S.arrays("int64", (n,), lo=0, hi=c - 1, layouts=S.CONTIGUOUS), label="t")
    want = _cross_entropy(x, t).astype(np.float32)
    check(T, "torch.nn.functional.cross_entropy(a, b)", x, t, expected=want, reduce=x.size,
          magnitude=float(np.max(np.abs(x.astype(np.float64)))) * 2 + x.shape[1])


@spec("overflow.softmax-minus-inf-is-zero", api("torch.softmax"))
@given(data=st.data())
def test_softmax_masked_logits(T, data):
    # an attention mask: -inf logits get probability 0, the others share 1 (a row keeps one finite value)
    x = data.draw(S.arrays(st.sampled_from(LOW_PRECISION), S.shapes(2, 2), lo=-10, hi=10, layouts=S.CONTIGUOUS),
                  label="x")
    mask = data.draw(S.arrays("bool", x.shape, layouts=S.CONTIGUOUS), label="mask")
    mask[:, 0] = False
    x = np.where(mask, -np.inf, x).astype(x.dtype)
    check(T, "torch.softmax(a, -1)", x, expected=lambda x: oracle.softmax(x, -1), reduce=x.shape[-1],
          magnitude=x.shape[-1])


NEAR_MAX = cases([
    ("overflow.add-past-max-is-inf", api("torch.add"), "a + b", oracle.add),
    ("overflow.mul-past-max-is-inf", api("torch.mul"), "a * b", oracle.mul),
])


@pytest.mark.parametrize("code, fn", NEAR_MAX)
@given(data=st.data(), dtype=st.sampled_from(LOW_PRECISION))
def test_near_max(T, code, fn, data, dtype):
    # operands within a factor of 2 of the largest finite value: results overflow to inf (or stay
    # finite) exactly as the correctly rounded IEEE operation does
    top = float(np.finfo(dtype).max)
    lo = top / 2 if "+" in code else 1.0
    sa, sb = data.draw(S.broadcastable_shapes(2), label="shapes")
    a = data.draw(S.arrays(dtype, sa, lo=lo, hi=top), label="a")
    b = data.draw(S.arrays(dtype, sb, lo=lo if "+" in code else 0.5, hi=top if "+" in code else 4.0), label="b")
    with np.errstate(over="ignore"):
        check(T, code, a, b, expected=fn)


@spec("overflow.sum-past-max-is-inf", api("torch.sum"))
@given(x=S.arrays("float32", S.shapes(1, 2).filter(lambda s: np.prod(s) >= 2), lo=2e38, hi=3.4e38))
def test_sum_near_max(T, x):
    # positive terms whose total exceeds float32's largest value: inf, never a wrapped or NaN value
    check(T, "torch.sum(a)", x, expected=np.array(np.inf, np.float32))


@spec("overflow.rounds-to-inf-without-a-warning", api("torch.sum"))
@given(x=S.arrays("float32", S.shapes(1, 2).filter(lambda s: np.prod(s) >= 2), lo=2e38, hi=3.4e38))
def test_overflow_is_silent(T, x):
    # a float32 result past the largest value is inf, as IEEE arithmetic gives it, and nothing is printed
    # (a NumPy cast in an implementation would warn "overflow encountered in cast")
    code = ("import warnings\nwith warnings.catch_warnings(record=True) as w:\n    warnings.simplefilter('always')\n"
            "    r = (torch.sum(a), a + 1e39, torch.tensor([1e39, 1.0], device=dev),\n"
            "         torch.zeros(2, device=dev).fill_(torch.tensor(1e39, dtype=torch.float64)))\n"
            "(r, [str(m.message) for m in w])")
    inf = np.float32(np.inf)
    check(T, code, x, expected=((np.array(inf), np.full(x.shape, inf), np.array([inf, 1], np.float32),
                                 np.array([inf, inf], np.float32)), []))


@spec("overflow.exp-overflows-to-inf-underflows-to-zero", api("torch.exp"))
@given(x=S.arrays(st.sampled_from(LOW_PRECISION), None, lo=-200, hi=200))
@example(x=np.array([100.0, -200.0, 88.0, 89.0], np.float32))
def test_exp_range(T, x):
    with np.errstate(over="ignore", under="ignore"):
        check(T, "torch.exp(a)", x, expected=oracle.exp)


NAN_RULES = cases([
    ("overflow.maximum-propagates-nan", api("torch.maximum"), "torch.maximum(a, b)",
     lambda a, b: np.maximum(a, b)),
    ("overflow.minimum-propagates-nan", api("torch.minimum"), "torch.minimum(a, b)",
     lambda a, b: np.minimum(a, b)),
    ("overflow.fmax-ignores-one-nan", api("torch.fmax"), "torch.fmax(a, b)", lambda a, b: np.fmax(a, b)),
    ("overflow.fmin-ignores-one-nan", api("torch.fmin"), "torch.fmin(a, b)", lambda a, b: np.fmin(a, b)),
])


@st.composite
def with_nans(draw, dtype, shape):
    x = np.array(draw(S.arrays(dtype, shape, lo=-10, hi=10, layouts=S.CONTIGUOUS)))
    flags = np.array(draw(st.lists(st.booleans(), min_size=x.size, max_size=x.size)), bool).reshape(x.shape)
    x[flags] = np.nan
    return x


@pytest.mark.parametrize("code, fn", NAN_RULES)
@given(data=st.data(), dtype=st.sampled_from(("float16", "float32", "float64")))
@example(data=None, dtype="float32")
def test_nan_rules(T, code, fn, data, dtype):
    if data is None:  # the worked example of torch.fmax's page, for each of the four
        a = np.array([9.7, np.nan, 3.1, np.nan], np.float32)
        b = np.array([-2.2, 0.5, np.nan, np.nan], np.float32)
    else:
        shape = data.draw(S.shapes(1, 2), label="shape")
        a, b = data.draw(with_nans(dtype, shape), label="a"), data.draw(with_nans(dtype, shape), label="b")
    check(T, code, a, b, expected=fn)


@spec("overflow.maximum-doc-example", api("torch.maximum"))
def test_maximum_doc_example(T):
    a, b = np.array([1, 2, -1]), np.array([3, 0, 4])
    check(T, "torch.maximum(a, b)", a, b, expected=np.array([3, 2, 4]))
