"""Conversions: dtype casts, Python scalars and lists, len() and iteration
(https://pytorch.org/docs/stable/tensors.html)."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import strategies as S
from .catalogue import api, cases, doc, seed, spec
from .harness import check, check_raises

TENSORS = doc("tensors.html")


def _cast(x, dt):
    return x.astype(dt)


@st.composite
def castable(draw):
    """(array, target dtype) with values the target represents (no overflow, no negative
    value into uint8), so the conversion is fully specified: floats truncate toward zero."""
    src = draw(S.dtypes())
    dst = draw(S.dtypes())
    lo = 0 if dst == "uint8" else -100
    x = draw(S.arrays(src, lo=lo, hi=100))
    return x, dst


@spec("conversions.to-dtype", api("torch.Tensor.to"))
@given(args=castable())
def test_to_dtype(T, args):
    x, dst = args
    check(T, f"a.to(torch.{dst})", x, expected=lambda x: _cast(x, dst))


@spec("conversions.to-dtype-keyword", api("torch.Tensor.to"))
@given(args=castable())
def test_to_dtype_keyword(T, args):
    x, dst = args
    check(T, f"a.to(dtype=torch.{dst})", x, expected=lambda x: _cast(x, dst))


SHORTHANDS = cases([
    ("conversions.float", api("torch.Tensor.float"), "float", "float32"),
    ("conversions.double", api("torch.Tensor.double"), "double", "float64"),
    ("conversions.half", api("torch.Tensor.half"), "half", "float16"),
    ("conversions.long", api("torch.Tensor.long"), "long", "int64"),
    ("conversions.int", api("torch.Tensor.int"), "int", "int32"),
    ("conversions.short", api("torch.Tensor.short"), "short", "int16"),
    ("conversions.bool", api("torch.Tensor.bool"), "bool", "bool"),
    ("conversions.byte", api("torch.Tensor.byte"), "byte", "uint8"),
])


@pytest.mark.parametrize("method, dst", SHORTHANDS)
@given(x=S.arrays(S.dtypes(), lo=0, hi=100))
def test_shorthand(T, method, dst, x):
    check(T, f"a.{method}()", x, expected=lambda x: _cast(x, dst))


@spec("conversions.float-to-int-truncates", api("torch.Tensor.to"))
@given(x=S.arrays(S.dtypes(S.FLOATS), lo=-100, hi=100))
def test_truncation(T, x):
    check(T, "a.long()", x, expected=lambda x: np.trunc(x.astype(np.float64)).astype(np.int64))


@spec("conversions.to-same-dtype-returns-self", api("torch.Tensor.to"))
@given(x=S.arrays(S.dtypes()))
def test_to_same_returns_self(T, x):
    check(T, "(a.to(a.dtype) is a, a.to(torch.float64 if a.dtype != torch.float64 else torch.float32) is a)",
          x, expected=(True, False))


@spec("conversions.to-copies", api("torch.Tensor.to"))
@given(x=S.arrays("float32", lo=-10, hi=10))
def test_to_copies(T, x):
    check(T, "b = a.to(torch.float64); b.fill_(1.0); a", x, expected=lambda x: x)


@spec("conversions.to-device-cpu", api("torch.Tensor.to"))
@given(x=S.arrays(S.dtypes()))
def test_to_cpu(T, x):
    check(T, "(a.to('cpu'), a.cpu(), str(a.cpu().device))", x, expected=lambda x: (x, x, "cpu"))


ITEMS = cases([
    ("conversions.item-float", api("torch.Tensor.item"), "float32", float),
    ("conversions.item-int", api("torch.Tensor.item"), "int64", int),
    ("conversions.item-bool", api("torch.Tensor.item"), "bool", bool),
    ("conversions.item-int32", api("torch.Tensor.item"), "int32", int),
    ("conversions.item-float64", api("torch.Tensor.item"), "float64", float),
])


@pytest.mark.parametrize("dt, pytype", ITEMS)
@given(data=st.data())
def test_item(T, dt, pytype, data):
    shape = data.draw(st.sampled_from([(), (1,), (1, 1)]), label="shape")
    x = data.draw(S.arrays(dt, shape), label="a")
    check(T, "a.item()", x, expected=lambda x: pytype(x.reshape(-1)[0].item()), rtol=0, atol=0)


@spec("conversions.item-of-many-raises", api("torch.Tensor.item"))
@given(x=S.arrays("float32", S.shapes(1, 3).filter(lambda s: np.prod(s) > 1)))
def test_item_raises(T, x):
    check_raises(T, "a.item()", x, exc=RuntimeError)


@spec("conversions.tolist", api("torch.Tensor.tolist"))
@given(x=S.arrays(S.dtypes(), S.shapes(0, 3)))
def test_tolist(T, x):
    check(T, "a.tolist()", x, expected=lambda x: x.tolist(), rtol=0, atol=0)


@spec("conversions.len-is-first-dim", TENSORS)
@given(x=S.arrays("float32", S.shapes(1, 4)))
def test_len(T, x):
    check(T, "len(a)", x, expected=lambda x: len(x))


@spec("conversions.len-of-zero-dim-raises", TENSORS)
def test_len_zero_dim(T):
    check_raises(T, "len(a)", np.array(1.5, np.float32), exc=TypeError)


@spec("conversions.iteration-over-first-dim", TENSORS)
@given(x=S.arrays(S.dtypes(), S.shapes(1, 3)))
def test_iteration(T, x):
    check(T, "list(a)", x, expected=lambda x: [row.copy() for row in x])


@spec("conversions.iteration-over-zero-dim-raises", TENSORS)
def test_iter_zero_dim(T):
    check_raises(T, "iter(a)", np.array(1.5, np.float32), exc=TypeError)


SCALARS = cases([
    ("conversions.python-float", api("torch.Tensor.item"), "float(a)", float),
    ("conversions.python-int", api("torch.Tensor.item"), "int(a)", int),
    ("conversions.python-bool", api("torch.Tensor.item"), "bool(a)", bool),
])


@pytest.mark.parametrize("code, fn", SCALARS)
@given(x=S.arrays(S.dtypes(S.FLOATS + S.SIGNED_INTS), st.sampled_from([(), (1,)])))
def test_python_scalars(T, code, fn, x):
    check(T, code, x, expected=lambda x: fn(x.reshape(-1)[0].item()), rtol=0, atol=0)


MANY = cases([
    ("conversions.float-of-many-raises", TENSORS, "float(a)", ValueError),
    ("conversions.int-of-many-raises", TENSORS, "int(a)", ValueError),
    ("conversions.bool-of-many-is-ambiguous", TENSORS, "bool(a)", RuntimeError),
])


@pytest.mark.parametrize("code, exc", MANY)
def test_many_elements_raise(T, code, exc):
    check_raises(T, code, np.array([1.0, 2.0], np.float32), exc=exc)


@spec("conversions.element-size", api("torch.Tensor.element_size"))
@pytest.mark.parametrize("dt", S.ALL)
def test_element_size(T, dt):
    check(T, f"torch.zeros(2, dtype=torch.{dt}, device=dev).element_size()", expected=np.dtype(dt).itemsize)


INFO = cases([
    ("conversions.finfo-float16", doc("type_info.html#torch.finfo"), "float16"),
    ("conversions.finfo-float32", doc("type_info.html#torch.finfo"), "float32"),
    ("conversions.finfo-float64", doc("type_info.html#torch.finfo"), "float64"),
])


@pytest.mark.parametrize("dt", INFO)
def test_finfo(T, dt):
    info = np.finfo(dt)
    check(T, f"f = torch.finfo(torch.{dt}); (f.max, f.eps, f.tiny, f.bits)", rtol=0, atol=0,
          expected=(float(info.max), float(info.eps), float(info.tiny), info.bits))


@spec("conversions.iinfo", doc("type_info.html#torch.iinfo"))
@pytest.mark.parametrize("dt", S.INTS)
def test_iinfo(T, dt):
    info = np.iinfo(dt)
    check(T, f"i = torch.iinfo(torch.{dt}); (i.min, i.max, i.bits)", expected=(int(info.min), int(info.max), info.bits))
