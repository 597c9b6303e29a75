"""The Tensor class and its constructors as ordinary code uses them: torch.tensor of any sequence, the
legacy constructors, type(t), the default device, and the graph edges of scalar-on-the-left operators."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import strategies as S
from .catalogue import api, cases, doc, spec
from .harness import check, check_raises

TENSOR = doc("tensors.html#torch-tensor")
LEGACY = doc("tensors.html")


@spec("tensor.type-is-the-namespace-tensor", TENSOR)
def test_type_is_namespace_tensor(T):
    check(T, "t = torch.tensor([1.0])\n(type(t) is torch.Tensor, type(t).__module__ == torch.__name__, "
             "type(t).__name__)", expected=(True, True, "Tensor"))


@spec("tensor.isinstance-of-tensor", TENSOR)
def test_isinstance(T):
    check(T, "(isinstance(torch.zeros(2), torch.Tensor), isinstance(2.0, torch.Tensor))", expected=(True, False))


SEQUENCES = cases([
    ("tensor.from-tuple", api("torch.tensor"), "torch.tensor((1.5, 2.0, 3.0))", np.array([1.5, 2.0, 3.0], np.float32)),
    ("tensor.from-nested-tuples", api("torch.tensor"), "torch.tensor(((1, 2), (3, 4)))",
     np.array([[1, 2], [3, 4]], np.int64)),
    ("tensor.from-range", api("torch.tensor"), "torch.tensor(range(4))", np.arange(4, dtype=np.int64)),
    ("tensor.from-list-of-tensors", api("torch.tensor"), "torch.tensor([torch.tensor(1.5), torch.tensor(2.5)])",
     np.array([1.5, 2.5], np.float32)),
    ("tensor.from-list-of-arrays", api("torch.tensor"), "torch.tensor([a.numpy(), a.numpy()])", None),
    ("tensor.from-numpy-scalars", api("torch.tensor"), "torch.tensor([np.float32(1.5), np.float32(2.5)])",
     np.array([1.5, 2.5], np.float32)),
    ("tensor.from-size", api("torch.tensor"), "torch.tensor(torch.Size([2, 3]))", np.array([2, 3], np.int64)),
    ("tensor.from-bools", api("torch.tensor"), "torch.tensor([True, False])", np.array([True, False])),
])


@pytest.mark.parametrize("code, want", SEQUENCES)
def test_tensor_of_sequences(T, code, want):
    a = np.array([1.0, 2.0], np.float32)
    if want is None:
        want = np.stack([a, a])
    check(T, "import numpy as np\n" + code, a, expected=want)


LEGACY_CASES = cases([
    ("tensor.legacy-no-args-is-empty-1d", LEGACY, "torch.Tensor()", np.zeros(0, np.float32)),
    ("tensor.legacy-float-no-args", LEGACY, "torch.FloatTensor()", np.zeros(0, np.float32)),
    ("tensor.legacy-long-no-args", LEGACY, "torch.LongTensor()", np.zeros(0, np.int64)),
    ("tensor.legacy-data", LEGACY, "torch.Tensor([[1, 2], [3, 4]])", np.array([[1, 2], [3, 4]], np.float32)),
    ("tensor.legacy-tuple-is-data", LEGACY, "torch.Tensor((2, 3))", np.array([2, 3], np.float32)),
    ("tensor.legacy-typed-data", LEGACY, "torch.LongTensor([1, 2])", np.array([1, 2], np.int64)),
    ("tensor.legacy-double-data", LEGACY, "torch.DoubleTensor([0.5])", np.array([0.5], np.float64)),
    ("tensor.legacy-byte-data", LEGACY, "torch.ByteTensor([1, 255])", np.array([1, 255], np.uint8)),
    ("tensor.legacy-bool-data", LEGACY, "torch.BoolTensor([True])", np.array([True])),
    ("tensor.legacy-sizes", LEGACY, "tuple(torch.Tensor(2, 3).shape), torch.Tensor(2, 3).dtype == torch.float32",
     ((2, 3), True)),
    ("tensor.legacy-size-object", LEGACY, "tuple(torch.FloatTensor(torch.Size([4])).shape)", (4,)),
    ("tensor.legacy-typed-isinstance", LEGACY,
     "(isinstance(torch.zeros(2), torch.FloatTensor), isinstance(torch.zeros(2), torch.LongTensor))", (True, False)),
])


@pytest.mark.parametrize("code, want", LEGACY_CASES)
@pytest.mark.cpu_only
def test_legacy_constructors(T, code, want):
    check(T, code, expected=want)


@spec("tensor.default-device-is-cpu", api("torch.get_default_device"))
def test_default_device(T):
    check(T, "(str(torch.get_default_device()), torch.zeros(2).device.type)", expected=("cpu", "cpu"))


@spec("tensor.set-default-device-applies-to-creation", api("torch.set_default_device"))
@pytest.mark.cpu_only
def test_set_default_device(T):
    check(T, "torch.set_default_device('cpu')\ntry:\n    r = (str(torch.get_default_device()), torch.ones(1).device.type)\n"
             "finally:\n    torch.set_default_device(None)\nr", expected=("cpu", "cpu"))


DEFAULT_DEVICE = api("torch.set_default_device")
# set_default_device makes the factory functions behave as if given device=; torch.normal takes no
# device of its own there and the legacy constructors are CPU constructors, so both stay on the CPU
FOLLOWS_DEFAULT_DEVICE = cases([
    ("tensor.default-device-legacy-constructor-stays-cpu", DEFAULT_DEVICE, "torch.Tensor(2, 3)", "cpu"),
    ("tensor.default-device-legacy-no-args-stays-cpu", DEFAULT_DEVICE, "torch.Tensor()", "cpu"),
    ("tensor.default-device-typed-constructor-stays-cpu", DEFAULT_DEVICE, "torch.FloatTensor([1.0, 2.0])", "cpu"),
    ("tensor.default-device-normal-floats-stays-cpu", DEFAULT_DEVICE, "torch.normal(0.0, 1.0, (2, 3))", "cpu"),
    ("tensor.default-device-empty-strided-follows", DEFAULT_DEVICE, "torch.empty_strided((2, 3), (1, 2))", "dev"),
    ("tensor.default-device-zeros-follows", DEFAULT_DEVICE, "torch.zeros(2)", "dev"),
    ("tensor.default-device-tensor-follows", DEFAULT_DEVICE, "torch.tensor([1.0])", "dev"),
    ("tensor.default-device-explicit-device-wins", DEFAULT_DEVICE, "torch.zeros(2, device='cpu')", "cpu"),
])


@pytest.mark.parametrize("code, where", FOLLOWS_DEFAULT_DEVICE)
def test_default_device_reaches_factories(T, device, code, where):
    check(T, f"torch.set_default_device(dev)\ntry:\n    r = ({code}).device.type\n"
             "finally:\n    torch.set_default_device(None)\nr", expected=device if where == "dev" else "cpu")


DEFAULT_DTYPE = api("torch.set_default_dtype")
# under set_default_dtype(float64) torch.Tensor is a DoubleTensor; the typed constructors keep their dtype
FOLLOWS_DEFAULT_DTYPE = cases([
    ("dtype.default-float64-legacy-no-args", DEFAULT_DTYPE, "torch.Tensor()", "float64"),
    ("dtype.default-float64-legacy-sizes", DEFAULT_DTYPE, "torch.Tensor(2, 3)", "float64"),
    ("dtype.default-float64-legacy-data", DEFAULT_DTYPE, "torch.Tensor([1, 2])", "float64"),
    ("dtype.default-float64-typed-float-stays", DEFAULT_DTYPE, "torch.FloatTensor(2)", "float32"),
    ("dtype.default-float64-normal-floats", DEFAULT_DTYPE, "torch.normal(0.0, 1.0, (2,))", "float64"),
    ("dtype.default-float64-empty-strided", DEFAULT_DTYPE, "torch.empty_strided((2, 3), (1, 2))", "float64"),
])


@pytest.mark.parametrize("code, want", FOLLOWS_DEFAULT_DTYPE)
@pytest.mark.cpu_only
def test_default_dtype_reaches_constructors(T, code, want):
    check(T, f"torch.set_default_dtype(torch.float64)\ntry:\n    r = str({code}.dtype)\n"
             "finally:\n    torch.set_default_dtype(torch.float32)\nr", expected=f"torch.{want}")


# ---------------------------------------------------------------- empty_strided

EMPTY_STRIDED = api("torch.empty_strided")


@spec("creation.empty-strided-layout", EMPTY_STRIDED)
@given(shape=S.shapes(0, 3), data=st.data())
def test_empty_strided_layout(T, shape, data):
    # any non-negative strides: the tensor has them, and a fill through the view reads back
    stride = tuple(data.draw(st.lists(st.integers(0, 7), min_size=len(shape), max_size=len(shape)), label="stride"))
    check(T, f"t = torch.empty_strided({shape!r}, {stride!r}, dtype=torch.float64, device=dev)\n"
             "t.fill_(1.5)\n(tuple(t.shape), t.stride(), t.dtype == torch.float64, t.sum().item())",
          expected=(shape, stride, True, 1.5 * int(np.prod(shape))))


@spec("creation.empty-strided-rank-mismatch", EMPTY_STRIDED)
def test_empty_strided_rank_mismatch(T):
    check_raises(T, "torch.empty_strided((2, 3), (1,))", exc=RuntimeError, contains=("dimensionality of sizes", 2, 1))


# ---------------------------------------------------------------- graph edges of scalar-on-the-left operators

EDGES = doc("autograd.html")
EDGE_CASES = cases([
    ("autograd.edges-scalar-times-tensor", EDGES, "2 * a", ("MulBackward0", ["AccumulateGrad", None])),
    ("autograd.edges-tensor-times-scalar", EDGES, "a * 2", ("MulBackward0", ["AccumulateGrad", None])),
    ("autograd.edges-scalar-plus-tensor", EDGES, "1 + a", ("AddBackward0", ["AccumulateGrad", None])),
    ("autograd.edges-tensor-minus-scalar", EDGES, "a - 2", ("SubBackward0", ["AccumulateGrad", None])),
    ("autograd.edges-scalar-minus-tensor", EDGES, "2 - a", ("RsubBackward1", ["AccumulateGrad"])),
    ("autograd.edges-scalar-over-tensor", EDGES, "2 / a", ("MulBackward0", ["ReciprocalBackward0", None])),
    ("autograd.edges-scalar-power-tensor", EDGES, "2 ** a", ("PowBackward2", ["AccumulateGrad"])),
    ("autograd.edges-tensor-power-scalar", EDGES, "a ** 2", ("PowBackward0", ["AccumulateGrad"])),
    ("autograd.edges-tensor-plus-tensor", EDGES, "a + a.detach()", ("AddBackward0", ["AccumulateGrad", None])),
])

@pytest.mark.parametrize("code, want", EDGE_CASES)
@given(a=S.arrays("float32", S.shapes(1, 2), lo=0.5, hi=3))
def test_scalar_on_the_left_edges(T, code, want, a):
    check(T, f"a.requires_grad_()\ny = {code}\n(y.grad_fn.name(), "
             "[None if f is None else f.name().split('::')[-1] for f, _ in y.grad_fn.next_functions])", a,
          expected=want)


@pytest.mark.parametrize("code, want", EDGE_CASES)
@given(a=S.arrays("float32", S.shapes(1, 2), lo=0.5, hi=3), data=st.data())
def test_scalar_on_the_left_values_and_grads(T, code, want, a, data):
    # the edges changed, the numbers did not: forward and gradient against float64 NumPy
    fn = {"2 * a": lambda x: 2 * x, "a * 2": lambda x: x * 2, "1 + a": lambda x: 1 + x, "a - 2": lambda x: x - 2,
          "2 - a": lambda x: 2 - x, "2 / a": lambda x: 2 / x, "2 ** a": lambda x: 2.0 ** x,
          "a ** 2": lambda x: x ** 2, "a + a.detach()": lambda x: 2 * x}[code]
    dfn = {"2 * a": lambda x: 2 + 0 * x, "a * 2": lambda x: 2 + 0 * x, "1 + a": lambda x: 1 + 0 * x,
           "a - 2": lambda x: 1 + 0 * x, "2 - a": lambda x: -1 + 0 * x, "2 / a": lambda x: -2 / x ** 2,
           "2 ** a": lambda x: np.log(2.0) * 2.0 ** x, "a ** 2": lambda x: 2 * x,
           "a + a.detach()": lambda x: 1 + 0 * x}[code]
    g = data.draw(S.arrays("float32", a.shape, lo=-2, hi=2), label="g")
    x = a.astype(np.float64)
    check(T, f"a.requires_grad_()\ny = {code}\ny.backward(b)\n(y.detach(), a.grad)", a, g,
          expected=(fn(x).astype(np.float32), (g * dfn(x)).astype(np.float32)))
