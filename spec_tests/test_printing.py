"""Printing: repr(tensor) reads exactly like torch's (https://pytorch.org/docs/stable/generated/torch.set_printoptions.html).
The reference prints `dtype=torch.int32` too, so expected texts are compared literally."""
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import strategies as S
from .catalogue import api, cases, doc, seed, spec
from .harness import check
from .oracle_repr import tensor_repr

PRINTOPTS = api("torch.set_printoptions")

LITERALS = cases([
    ("printing.float-whole-numbers", PRINTOPTS,
     "torch.tensor([1.0, 2.0, 3.0])", "tensor([1., 2., 3.])"),
    ("printing.nested-rows-aligned", PRINTOPTS, "torch.tensor([[1.0, 2.0], [3.0, 4.0]])",
     "tensor([[1., 2.],\n        [3., 4.]])"),
    ("printing.non-default-dtype-suffix", PRINTOPTS, "torch.tensor([1, 2], dtype=torch.int32)",
     "tensor([1, 2], dtype=torch.int32)"),
    ("printing.float64-suffix", PRINTOPTS, "torch.tensor([1.0, 2.0], dtype=torch.float64)",
     "tensor([1., 2.], dtype=torch.float64)"),
    ("printing.zero-dim-four-decimals", PRINTOPTS, "torch.tensor(3.5)", "tensor(3.5000)"),
    ("printing.four-decimals", PRINTOPTS, "torch.tensor([0.1, 0.25])", "tensor([0.1000, 0.2500])"),
    ("printing.scientific-for-wide-range", PRINTOPTS, "torch.tensor([1e-5, 1e3])",
     "tensor([1.0000e-05, 1.0000e+03])"),
    ("printing.int64-no-suffix-padded", PRINTOPTS, "torch.tensor([-1, 2, 10])", "tensor([-1,  2, 10])"),
    ("printing.negative-floats-padded", PRINTOPTS, "torch.tensor([-1.5, 2.0])", "tensor([-1.5000,  2.0000])"),
    ("printing.inf-and-nan", PRINTOPTS, "torch.tensor([float('inf'), float('nan'), 1.0])", "tensor([inf, nan, 1.])"),
    ("printing.bool-padded", PRINTOPTS, "torch.tensor([True, False])", "tensor([ True, False])"),
    ("printing.three-dims-blank-line", PRINTOPTS, "torch.zeros(2, 2, 2)",
     "tensor([[[0., 0.],\n         [0., 0.]],\n\n        [[0., 0.],\n         [0., 0.]]])"),
    ("printing.empty", PRINTOPTS, "torch.tensor([])", "tensor([])"),
    ("printing.empty-with-size", PRINTOPTS, "torch.zeros(0, 3)", "tensor([], size=(0, 3))"),
    ("printing.requires-grad-suffix", PRINTOPTS, "torch.tensor([1.0, 2.0], requires_grad=True)",
     "tensor([1., 2.], requires_grad=True)"),
    ("printing.dtype-then-requires-grad", PRINTOPTS, "torch.ones(3, dtype=torch.float64, requires_grad=True)",
     "tensor([1., 1., 1.], dtype=torch.float64, requires_grad=True)"),
    ("printing.summarises-over-1000-elements", PRINTOPTS, "torch.arange(2000)",
     "tensor([   0,    1,    2,  ..., 1997, 1998, 1999])"),
    ("printing.wraps-at-80-columns", PRINTOPTS, "torch.arange(30.0)",
     "tensor([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12., 13.,\n"
     "        14., 15., 16., 17., 18., 19., 20., 21., 22., 23., 24., 25., 26., 27.,\n"
     "        28., 29.])"),
    ("printing.zero-dim-int", PRINTOPTS, "torch.tensor(5)", "tensor(5)"),
    ("printing.large-whole-numbers-scientific", PRINTOPTS, "torch.tensor([1e9, 1.0])",
     "tensor([1.0000e+09, 1.0000e+00])"),
    # scientific once the largest magnitude is over 1000 times the smallest, fixed below that
    ("printing.scientific-past-ratio-1000", PRINTOPTS, "torch.tensor([0.1, 500.5])",
     "tensor([1.0000e-01, 5.0050e+02])"),
    ("printing.fixed-below-ratio-1000", PRINTOPTS, "torch.tensor([0.5, 400.25])", "tensor([  0.5000, 400.2500])"),
    ("printing.whole-numbers-scientific-past-ratio-1000", PRINTOPTS, "torch.tensor([1.0, 5000.0])",
     "tensor([1.0000e+00, 5.0000e+03])"),
    ("printing.whole-numbers-fixed-below-ratio-1000", PRINTOPTS, "torch.tensor([1.0, 900.0])",
     "tensor([  1., 900.])"),
    ("printing.float16-suffix-and-nan-padding", PRINTOPTS,
     "torch.tensor([1.5, float('nan')], dtype=torch.float16)", "tensor([1.5000,    nan], dtype=torch.float16)"),
])


@pytest.mark.parametrize("code, text", LITERALS)
@pytest.mark.cpu_only  # on other devices repr adds a device= suffix
def test_repr_literal(T, code, text):
    check(T, f"repr({code})", expected=text)


@st.composite
def float_values(draw, dtype):
    """Values that exercise each printing style: whole numbers, decimals, wide ranges, specials."""
    style = draw(st.sampled_from(["whole", "decimal", "wide", "special"]))
    if style == "whole":
        return draw(st.integers(-999, 999)) * 1.0
    if style == "decimal":
        return draw(st.integers(-99999, 99999)) / 1000
    if style == "wide":
        top = 4 if dtype == "float16" else 9
        return draw(st.integers(-9999, 9999)) / 1000 * 10.0 ** draw(st.integers(-6, top))
    return draw(st.sampled_from([math.inf, -math.inf, math.nan, 0.0]))


@st.composite
def printable(draw):
    dt = draw(S.dtypes(("float32", "float64", "float16", "int64", "int32", "uint8", "bool")))
    shape = draw(S.shapes(0, 3, max_side=4).filter(lambda s: not s or s[-1] <= 5))
    n = math.prod(shape)
    if dt in S.FLOATS:
        values = draw(st.lists(float_values(dt), min_size=n, max_size=n))
    else:
        values = draw(st.lists(S.elements(dt, -999, 999), min_size=n, max_size=n))
    return np.array(values, dtype=dt).reshape(shape)


@spec("printing.repr-matches-torch-format", PRINTOPTS)
@given(x=printable())
@pytest.mark.cpu_only  # on other devices repr adds a device= suffix
def test_repr(T, x):
    check(T, "repr(a)", x, expected=lambda x: tensor_repr(x))


@spec("printing.str-equals-repr", PRINTOPTS)
@given(x=printable())
def test_str(T, x):
    check(T, "str(a) == repr(a)", x, expected=True)


@spec("printing.print-shows-values", seed("000", "你可以随时打印张量、插入断点调试"))
@given(x=S.arrays("float32", (2, 3), lo=-10, hi=10, quarters=True))
@pytest.mark.cpu_only  # on other devices repr adds a device= suffix
def test_print_output(T, x):
    check(T, "import io; f = io.StringIO(); print(a, file=f); f.getvalue()", x,
          expected=lambda x: tensor_repr(x) + "\n")


@spec("printing.shape-prints-as-size", api("torch.Tensor.size"))
@given(shape=S.shapes(0, 4))
def test_size_repr(T, shape):
    check(T, "str(torch.zeros(a, device=dev).shape)", shape, expected=f"torch.Size({list(shape)})")


@spec("printing.dtype-prints-with-torch-prefix", doc("tensor_attributes.html#torch-dtype"))
@pytest.mark.parametrize("dt", S.ALL)
def test_dtype_repr(T, dt):
    check(T, f"repr(torch.{dt})", expected=f"torch.{dt}")
