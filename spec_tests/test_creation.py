"""Creation ops and dtype inference (https://pytorch.org/docs/stable/torch.html#creation-ops)."""
import math

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from . import oracle
from . import strategies as S
from .catalogue import api, cases, doc, seed, spec
from . import seed_passages as SP
from .harness import check, check_raises
from .repro import NP

TENSOR_ATTRS = doc("tensor_attributes.html")


def nested(draw_values, shape):
    return np.array(draw_values).reshape(shape).tolist()


@st.composite
def python_data(draw, kind):
    """Nested Python lists of one kind of scalar, with a shape of 1-3 dims."""
    shape = draw(S.shapes(1, 3, 1, 4, 24))
    values = draw(st.lists(S.scalars(kind), min_size=math.prod(shape), max_size=math.prod(shape)))
    return np.array(values, dtype=object).reshape(shape).tolist()


@spec("creation.tensor-infers-float32", api("torch.tensor"))
# the worked example(s) of the page this cites
@example(data=[[0.1, 1.2], [2.2, 3.1], [4.9, 5.2]])
@given(data=python_data("float"))
def test_tensor_from_floats_is_float32(T, data):
    check(T, "torch.tensor(a, device=dev)", data, expected=lambda d: np.array(d, dtype=np.float32))


@spec("creation.tensor-infers-int64", api("torch.tensor"))
# the worked example(s) of the page this cites
@example(data=[0, 1])
@given(data=python_data("int"))
def test_tensor_from_ints_is_int64(T, data):
    check(T, "torch.tensor(a, device=dev)", data, expected=lambda d: np.array(d, dtype=np.int64))


@spec("creation.tensor-infers-bool", api("torch.tensor"))
@given(data=python_data("bool"))
def test_tensor_from_bools_is_bool(T, data):
    check(T, "torch.tensor(a, device=dev)", data, expected=lambda d: np.array(d, dtype=bool))


@spec("creation.tensor-mixed-int-float-is-float32", api("torch.tensor"))
@given(i=st.lists(S.scalars("int"), min_size=1, max_size=5), f=S.scalars("float"))
def test_tensor_mixed_ints_and_floats(T, i, f):
    check(T, "torch.tensor(a, device=dev)", i + [f], expected=lambda d: np.array(d, dtype=np.float32))


@spec("creation.tensor-scalar-is-0-dim", api("torch.tensor"))
@given(v=st.one_of(S.scalars("float"), S.scalars("int"), S.scalars("bool")))
def test_tensor_from_scalar_is_0_dim(T, v):
    check(T, "x = torch.tensor(a, device=dev); (x.dim(), tuple(x.shape), x.numel())", v, expected=(0, (), 1))


@spec("creation.tensor-dtype-argument", api("torch.tensor"))
@given(dt=S.dtypes(), data=python_data("int"))
def test_tensor_dtype_argument(T, dt, data):
    check(T, f"torch.tensor(a, dtype=torch.{dt}, device=dev)", data,
          expected=lambda d: np.array(d).astype(dt))


@spec("creation.tensor-copies-numpy-data", api("torch.tensor"))
@given(x=S.arrays(S.dtypes(S.NUMERIC)))
def test_tensor_copies_numpy_data(T, x):
    check(T, "t = torch.tensor(a); a += 1; t", NP(x), expected=lambda a: a)


@spec("creation.dtype-objects-are-namespace-attributes", TENSOR_ATTRS)
@pytest.mark.parametrize("dt", S.ALL)
def test_dtype_attribute(T, dt):
    check(T, f"torch.zeros(2, dtype=torch.{dt}, device=dev).dtype == torch.{dt}", expected=True)


@spec("creation.dtype-aliases", TENSOR_ATTRS)
@pytest.mark.parametrize("alias, name", [("float", "float32"), ("double", "float64"), ("half", "float16"),
                                         ("long", "int64"), ("int", "int32"), ("short", "int16")])
def test_dtype_aliases(T, alias, name):
    check(T, f"torch.{alias} == torch.{name}", expected=True)


@spec("creation.default-dtype-is-float32", api("torch.get_default_dtype"))
def test_default_dtype(T):
    check(T, "torch.get_default_dtype() == torch.float32", expected=True)


FILLS = cases([
    ("creation.zeros", api("torch.zeros"), "zeros", lambda s, dt: np.zeros(s, dt)),
    ("creation.ones", api("torch.ones"), "ones", lambda s, dt: np.ones(s, dt)),
])


@pytest.mark.parametrize("fn, make", FILLS)
@given(shape=S.shapes(1, 4), shape0=S.shapes(0, 4), dt=S.dtypes())
def test_zeros_ones(T, fn, make, shape, shape0, dt):
    check(T, f"torch.{fn}(*a, dtype=torch.{dt}, device=dev)", shape, expected=lambda s: make(s, dt))
    check(T, f"torch.{fn}(a, device=dev)", shape0, expected=lambda s: make(s, np.float32))


@spec("creation.zeros-dtype-long", seed("001", "全零张量,并指定数据类型为 long"))
@given(shape=S.shapes(1, 3))
def test_zeros_long(T, shape):
    check(T, "torch.zeros(*a, dtype=torch.long, device=dev)", shape, expected=lambda s: np.zeros(s, np.int64))


@spec("creation.empty-shape-and-dtype", seed("001", "创建一个未初始化的5x3张量"))
@given(shape=S.shapes(0, 4), dt=S.dtypes())
def test_empty(T, shape, dt):
    # The contents are unspecified; shape and dtype are not.
    check(T, f"x = torch.empty(a, dtype=torch.{dt}, device=dev); (tuple(x.shape), x.dtype == torch.{dt})",
          shape, expected=(shape, True))


@spec("creation.full", api("torch.full"))
# the worked example(s) of the page this cites
@example(shape=(2, 3), v=3.141592, dt="float32")
@given(shape=S.shapes(0, 3), v=S.scalars("float"), dt=S.dtypes(S.FLOATS))
def test_full(T, shape, v, dt):
    check(T, f"torch.full(a, b, dtype=torch.{dt}, device=dev)", shape, v,
          expected=lambda s, v: np.full(s, v, dtype=dt))


@spec("creation.full-infers-dtype-from-fill", api("torch.full"))
@pytest.mark.parametrize("value, name", [(1.5, "float32"), (3, "int64"), (True, "bool")])
def test_full_infers_dtype(T, value, name):
    check(T, "torch.full((2, 3), a, device=dev)", value, expected=np.full((2, 3), value, dtype=name))


FITTING_FILLS = cases([
    # the numbers a dtype takes when it is filled: a negative integer wraps into uint8 when its magnitude
    # fits (only larger ones are refused, see test_errors), infinities fill a float tensor, and data read by
    # torch.tensor rounds a float beyond float32's range to inf (filling with it is refused)
    ("creation.full-negative-int-wraps-into-uint8", api("torch.full"),
     "torch.full((2,), -1, dtype=torch.uint8, device=dev)", np.array([255, 255], np.uint8)),
    ("creation.fill-negative-int-wraps-into-uint8", api("torch.Tensor.fill_"),
     "torch.zeros(2, dtype=torch.uint8, device=dev).fill_(-255)", np.array([1, 1], np.uint8)),
    ("creation.masked-fill-negative-int-wraps-into-uint8", api("torch.Tensor.masked_fill"),
     "torch.zeros(2, dtype=torch.uint8, device=dev).masked_fill(torch.tensor([True, False], device=dev), -2)",
     np.array([254, 0], np.uint8)),
    ("creation.tensor-negative-int-wraps-into-uint8", api("torch.tensor"),
     "torch.tensor([-1, 7], dtype=torch.uint8, device=dev)", np.array([255, 7], np.uint8)),
    ("creation.clamp-negative-bound-wraps-into-uint8", api("torch.clamp"),
     "torch.tensor([0, 7, 255], dtype=torch.uint8, device=dev).clamp(min=-2)", np.array([254, 254, 255], np.uint8)),
    ("creation.full-infinity", api("torch.full"), "torch.full((2,), float('-inf'), device=dev)",
     np.array([-np.inf, -np.inf], np.float32)),
    ("creation.full-largest-finite", api("torch.full"), "torch.full((2,), -65504.0, dtype=torch.float16, device=dev)",
     np.array([-65504, -65504], np.float16)),
    ("creation.tensor-float-beyond-range-is-inf", api("torch.tensor"), "torch.tensor([1e39, -1e39, 2.0], device=dev)",
     np.array([np.inf, -np.inf, 2], np.float32)),
    ("creation.tensor-int-data-at-int8-limits", api("torch.tensor"),
     "torch.tensor([-128, 127, 126.9], dtype=torch.int8, device=dev)", np.array([-128, 127, 126], np.int8)),
])


@pytest.mark.parametrize("code, want", FITTING_FILLS)
def test_fitting_fills(T, code, want):
    check(T, code, expected=want)


@spec("creation.rand-uniform-unit-interval", api("torch.rand"))
@given(shape=S.shapes(1, 3, max_size=256, max_side=16))
def test_rand(T, shape):
    check(T, "x = torch.rand(*a, device=dev); (tuple(x.shape), x.dtype == torch.float32, "
             "bool(((x >= 0) & (x < 1)).all()))", shape, expected=(shape, True, True))


@spec("creation.randn-standard-normal", api("torch.randn"))
def test_randn_moments(T):
    # 8192 draws: the sample mean is within 0.05 of 0 and the std within 0.05 of 1 at > 5 sigma.
    check(T, "torch.manual_seed(0); x = torch.randn(8192, device=dev); "
             "(x.dtype == torch.float32, abs(x.mean().item()) < 0.05, abs(x.std().item() - 1) < 0.05)",
          expected=(True, True, True))


@spec("creation.rand-moments", api("torch.rand"))
def test_rand_moments(T):
    check(T, "torch.manual_seed(1); x = torch.rand(8192, device=dev); "
             "(abs(x.mean().item() - 0.5) < 0.02, abs(x.var().item() - 1 / 12) < 0.01)", expected=(True, True))


@spec("creation.randint-range", api("torch.randint"))
@given(lo=st.integers(-20, 20), span=st.integers(1, 30), shape=S.shapes(1, 3, max_size=128, max_side=16))
def test_randint(T, lo, span, shape):
    check(T, "x = torch.randint(a, b, c, device=dev); (tuple(x.shape), x.dtype == torch.int64, "
             "bool(((x >= a) & (x < b)).all()))", lo, lo + span, shape, expected=(shape, True, True))


@spec("creation.randint-high-only", api("torch.randint"))
def test_randint_high_only(T):
    check(T, "torch.manual_seed(2); x = torch.randint(3, (500,), device=dev); "
             "(int(x.min()), int(x.max()))", expected=(0, 2))


@spec("creation.manual-seed-reproducible", api("torch.manual_seed"))
@given(s=st.integers(0, 2**31 - 1), shape=S.shapes(1, 2))
def test_manual_seed_reproducible(T, s, shape):
    # Reproducible within one namespace; the stream itself need not match torch's.
    check(T, "torch.manual_seed(a); x = torch.rand(*b, device=dev); y = torch.randn(*b, device=dev); torch.manual_seed(a); "
             "(torch.equal(x, torch.rand(*b, device=dev)), torch.equal(y, torch.randn(*b, device=dev)))", s, shape, expected=(True, True))


@spec("creation.manual-seed-streams-differ", api("torch.manual_seed"))
def test_different_seeds_differ(T):
    check(T, "torch.manual_seed(3); x = torch.rand(16, device=dev); torch.manual_seed(4); torch.equal(x, torch.rand(16, device=dev))",
          expected=False)


@spec("creation.arange-end", api("torch.arange"))
# the worked example(s) of the page this cites
@example(start=0, n=5, step=1)
@example(start=1, n=3, step=1)
@given(start=st.integers(-20, 20), n=st.integers(0, 30), step=st.integers(1, 4))
def test_arange_ints(T, start, n, step):
    check(T, "torch.arange(a, b, c, device=dev)", start, start + n, step,
          expected=lambda a, b, c: np.arange(a, b, c, dtype=np.int64))
    check(T, "torch.arange(a, device=dev)", n, expected=lambda a: np.arange(a, dtype=np.int64))


@spec("creation.arange-float", api("torch.arange"))
# the worked example(s) of the page this cites
@example(start=1.0, n=3, step=0.5)
@given(start=st.integers(-40, 40).map(lambda v: v / 4), n=st.integers(1, 20),
       step=st.sampled_from([0.25, 0.5, 1.5, -0.5, -1.25]))
def test_arange_floats(T, start, n, step):
    end = start + n * step
    check(T, "torch.arange(a, b, c, device=dev)", start, end, step,
          expected=lambda a, b, c: oracle.linspace(a, a + (oracle.arange_len(a, b, c) - 1) * c,
                                                   oracle.arange_len(a, b, c)))


@spec("creation.linspace", api("torch.linspace"))
# the worked example(s) of the page this cites
@example(start=3.0, end=10.0, steps=5)
@example(start=-10.0, end=10.0, steps=5)
@example(start=-10.0, end=10.0, steps=1)
@given(start=S.scalars("float"), end=S.scalars("float"), steps=st.integers(1, 40))
def test_linspace(T, start, end, steps):
    check(T, "torch.linspace(a, b, c, device=dev)", start, end, steps, expected=oracle.linspace,
          atol=2e-5 * max(abs(start), abs(end), 1))


@spec("creation.eye", api("torch.eye"))
# the worked example(s) of the page this cites
@example(n=3, m=None, dt="float32")
@given(n=st.integers(0, 6), m=st.one_of(st.none(), st.integers(0, 6)), dt=S.dtypes())
def test_eye(T, n, m, dt):
    code = f"torch.eye(a, dtype=torch.{dt}, device=dev)" if m is None else f"torch.eye(a, b, dtype=torch.{dt}, device=dev)"
    check(T, code, n, m, expected=lambda n, m: np.eye(n, m, dtype=dt))


LIKES = cases([
    ("creation.zeros-like", api("torch.zeros_like"), "torch.zeros_like(a)", lambda x: np.zeros_like(x)),
    ("creation.ones-like", api("torch.ones_like"), "torch.ones_like(a)", lambda x: np.ones_like(x)),
    ("creation.full-like", api("torch.full_like"), "torch.full_like(a, 7)", lambda x: np.full_like(x, 7)),
    ("creation.zeros-like-dtype", api("torch.zeros_like"), "torch.zeros_like(a, dtype=torch.float64)",
     lambda x: np.zeros(x.shape, np.float64)),
])


@pytest.mark.parametrize("code, make", LIKES)
@given(x=S.arrays(S.dtypes(S.NUMERIC)))
def test_like(T, code, make, x):
    check(T, code, x, expected=make)


RANDOM_LIKES = cases([
    ("creation.empty-like", api("torch.empty_like"), "torch.empty_like(a)"),
    ("creation.rand-like", api("torch.rand_like"), "torch.rand_like(a)"),
    ("creation.randn-like", api("torch.randn_like"), "torch.randn_like(a)"),
])


@pytest.mark.parametrize("code", RANDOM_LIKES)
@given(x=S.arrays(S.dtypes(S.FLOATS)))
def test_like_shape_dtype(T, code, x):
    check(T, f"y = {code}; (tuple(y.shape), y.dtype == a.dtype, y.data_ptr() != a.data_ptr() or a.numel() == 0)",
          x, expected=(x.shape, True, True))


@spec("creation.as-tensor-shares-numpy-memory", api("torch.as_tensor"))
@pytest.mark.cpu_only
# the worked example(s) of the page this cites
@example(x=np.array([1, 2, 3]))
@given(x=S.arrays(S.dtypes(S.NUMERIC)))
def test_as_tensor_shares(T, x):
    check(T, "t = torch.as_tensor(a); a += 1; t", NP(x), expected=lambda a: a + np.ones((), a.dtype))


@spec("creation.as-tensor-from-list", api("torch.as_tensor"))
@given(data=python_data("float"))
def test_as_tensor_list(T, data):
    check(T, "torch.as_tensor(a, dtype=torch.float64)", data, expected=lambda d: np.array(d, dtype=np.float64))


@spec("creation.from-numpy-keeps-dtype", SP.NUMPY_BRIDGE)
# the worked example(s) of the page this cites
@example(x=np.array([1, 2, 3]))
@given(x=S.arrays(S.dtypes()))
def test_from_numpy_dtype(T, x):
    check(T, "torch.from_numpy(a)", NP(x), expected=lambda a: a)


REQUIRES_GRAD = cases([
    ("creation.requires-grad-default-false", doc("notes/autograd.html"), "torch.zeros(2, device=dev).requires_grad", False),
    ("creation.requires-grad-argument", SP.AUTOGRAD,
     "torch.ones(2, 2, requires_grad=True, device=dev).requires_grad", True),
    ("creation.tensor-requires-grad-argument", api("torch.tensor"),
     "torch.tensor([1.0, 2.0], requires_grad=True, device=dev).requires_grad", True),
    ("creation.randn-requires-grad", SP.AUTOGRAD,
     "torch.randn(10, requires_grad=True, device=dev).requires_grad", True),
    ("creation.requires-grad-setter", api("torch.Tensor.requires_grad_"),
     "x = torch.zeros(3, device=dev); x.requires_grad_(); x.requires_grad", True),
])


@pytest.mark.parametrize("code, want", REQUIRES_GRAD)
def test_requires_grad(T, code, want):
    check(T, code, expected=want)


SIZES = cases([
    ("creation.shape-attribute", api("torch.Tensor.shape"), "tuple(a.shape)", lambda x: x.shape),
    ("creation.size-method", api("torch.Tensor.size"), "tuple(a.size())", lambda x: x.shape),
    ("creation.dim-and-ndim", api("torch.Tensor.dim"), "(a.dim(), a.ndim)", lambda x: (x.ndim, x.ndim)),
    ("creation.numel", api("torch.numel"), "(a.numel(), torch.numel(a))", lambda x: (x.size, x.size)),
    ("creation.size-of-dim", api("torch.Tensor.size"), "[a.size(d) for d in range(-a.dim(), a.dim())]",
     lambda x: [x.shape[d] for d in range(-x.ndim, x.ndim)]),
])


@pytest.mark.parametrize("code, want", SIZES)
@given(x=S.arrays(S.dtypes(), S.shapes(0, 4)))
def test_sizes(T, code, want, x):
    check(T, code, x, expected=want)


@spec("creation.is-floating-point", api("torch.is_floating_point"))
# the worked example(s) of the page this cites
@example(dt="float32")
@example(dt="int32")
@example(dt="float16")
@given(dt=S.dtypes())
def test_is_floating_point(T, dt):
    check(T, f"(torch.zeros(1, dtype=torch.{dt}, device=dev).is_floating_point(), torch.{dt}.is_floating_point)",
          expected=(dt in S.FLOATS, dt in S.FLOATS))


@spec("creation.empty-dims", api("torch.zeros"))
@given(shape=S.shapes(1, 3, min_side=0, max_side=3).filter(lambda s: 0 in s))
def test_zero_size(T, shape):
    check(T, "x = torch.zeros(*a, device=dev); (tuple(x.shape), x.numel())", shape, expected=(shape, 0))
