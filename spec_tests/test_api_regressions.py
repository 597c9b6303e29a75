"""Behaviours that runs outside the suite found broken: cat's type promotion over empty operands, a
Python scalar converted to a float16 tensor's dtype before the op, and cumprod's gradient at zeros."""
import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from . import oracle
from . import strategies as S
from .catalogue import api, cases, doc, spec
from .grad_harness import check_grad
from .harness import check


def _cat(xs):
    dt = oracle.result_type(*xs)
    return np.concatenate([x.astype(dt) for x in xs])


@spec("joining.cat-promotes-over-empty-operands", api("torch.cat"))
@given(data=st.data())
def test_cat_promotes_over_empty(T, data):
    full = data.draw(S.arrays(S.dtypes(S.NUMERIC), S.shapes(1, 1)), label="full")
    empties = data.draw(st.lists(S.dtypes(S.NUMERIC), min_size=1, max_size=3), label="empty dtypes")
    xs = data.draw(st.permutations([full] + [np.zeros(0, dt) for dt in empties]), label="order")
    check(T, "torch.cat(a)", xs, expected=_cat)


@spec("joining.cat-promotes-over-empty-operands", api("torch.cat"))
def test_cat_promotes_over_empty_found(T):
    # the run that found it: uint8 with empty uint8 and int8 tensors gives int16
    xs = [np.array([1, 2], np.uint8), np.zeros(0, np.uint8), np.zeros(0, np.int8)]
    check(T, "torch.cat(a)", xs, expected=_cat)


SCALAR_OPS = cases([
    ("float16.scalar-rounded-first-add", doc("tensor_attributes.html"), "a + b", np.add),
    ("float16.scalar-rounded-first-sub", doc("tensor_attributes.html"), "a - b", np.subtract),
    ("float16.scalar-rounded-first-rsub", doc("tensor_attributes.html"), "b - a", lambda a, b: b - a),
    ("float16.scalar-rounded-first-mul", doc("tensor_attributes.html"), "a * b", np.multiply),
    ("float16.scalar-rounded-first-div", doc("tensor_attributes.html"), "a / b", np.divide),
    ("float16.scalar-rounded-first-maximum", doc("tensor_attributes.html"), "torch.clamp(a, min=b)",
     lambda a, b: np.maximum(a, b)),
])


# Python floats that float16 cannot hold: 1 <= |s| < 41 with bits below float16's spacing there
UNREPRESENTABLE = st.builds(lambda i, k, sign: sign * (i + k / 1024 + 2 ** -14),
                            st.integers(1, 40), st.integers(0, 1023), st.sampled_from([-1, 1]))


def _f16_with_rounded_scalar(fn):
    """The op in float64 on the float16 input and the scalar rounded to float16, rounded once."""
    def expected(a, s):
        return fn(a.astype(np.float64), np.float64(np.float16(s))).astype(np.float16)
    return expected


@pytest.mark.parametrize("code, fn", SCALAR_OPS)
@given(a=S.arrays("float16", S.shapes(1, 2), lo=-40, hi=40, avoid=0), s=UNREPRESENTABLE)
@example(a=np.array([18.0], np.float16), s=32.328125)
def test_float16_scalar_is_rounded_first(T, code, fn, a, s):
    check(T, code, a, s, expected=_f16_with_rounded_scalar(fn))


@spec("float16.scalar-rounded-first-pow", doc("tensor_attributes.html"))
@given(a=S.arrays("float16", S.shapes(1, 2), lo=0.5, hi=4), s=UNREPRESENTABLE.map(lambda v: 1 + abs(v) % 2))
@example(a=np.array([3.0], np.float16), s=2.0009765625 + 2 ** -12)
def test_float16_pow_scalar_is_rounded_first(T, a, s):
    check(T, "a ** b", a, s, expected=_f16_with_rounded_scalar(np.power))


def _cumprod_grad_oracle(x, dim):
    """d out_k / d x_i = prod_{j <= k, j != i} x_j for k >= i: products without any division, so zeros
    in x give finite gradients (float64)."""
    d = dim % x.ndim
    xm = np.moveaxis(x.astype(np.float64), d, -1)
    out = np.cumprod(xm, axis=-1)

    def pullback(g):
        gm = np.moveaxis(g.astype(np.float64), d, -1)
        n = xm.shape[-1]
        grad = np.zeros_like(xm)
        for i in range(n):
            others = xm.copy()
            others[..., i] = 1.0
            partial = np.cumprod(others, axis=-1)  # prod_{j <= k, j != i} x_j
            grad[..., i] = (gm[..., i:] * partial[..., i:]).sum(axis=-1)
        return (np.moveaxis(grad, -1, d),)

    return np.moveaxis(out, -1, d).astype(x.dtype), pullback


@st.composite
def with_zeros(draw):
    x = draw(S.arrays(S.dtypes(("float32", "float64")), S.shapes(1, 3, max_side=4), lo=-2, hi=2))
    flat = x.reshape(-1)
    for i in draw(st.lists(st.integers(0, flat.size - 1), min_size=1, max_size=3)):
        flat[i] = 0
    return x, draw(S.dims(x.ndim))


@spec("grad.cumprod-finite-at-zeros", api("torch.cumprod"))
@given(args=with_zeros(), data=st.data())
def test_cumprod_grad_with_zeros(T, args, data):
    x, d = args
    check_grad(T, data, "torch.cumprod(a, b)", x, d, oracle=_cumprod_grad_oracle, wrt="a",
               reduce=x.shape[d] if x.ndim else 1)


@spec("grad.cumprod-finite-at-zeros", api("torch.cumprod"))
def test_cumprod_grad_with_zeros_found(T):
    # two zeros: the first gets the products around it, every later position gets 0
    x = np.array([1.0, 0.0, 3.0, 0.0, 2.0], np.float32)
    check(T, "a.requires_grad_()\ntorch.cumprod(a, 0).sum().backward()\na.grad", x,
          expected=np.array([1.0, 4.0, 0.0, 0.0, 0.0], np.float32))
