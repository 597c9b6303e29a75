"""The argument forms ordinary code passes: NumPy-style aliases (axis=, keepdims=), size= of the
creation functions, input=/other= keywords, and out= wherever torch documents it."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import oracle
from . import strategies as S
from .catalogue import api, cases, doc, spec
from .harness import check, check_raises

ARGS = doc("torch.html")

ALIASES = cases([
    ("keywords.sum-axis", api("torch.sum"), "torch.sum(a, axis=b)", lambda a, d: oracle.sum(a, d)),
    ("keywords.sum-axis-keepdims", api("torch.sum"), "torch.sum(a, axis=b, keepdims=True)",
     lambda a, d: oracle.sum(a, d, keepdim=True)),
    ("keywords.method-sum-axis", api("torch.Tensor.sum"), "a.sum(axis=b)", lambda a, d: oracle.sum(a, d)),
    ("keywords.mean-axis-keepdims", api("torch.mean"), "a.mean(axis=b, keepdims=True)",
     lambda a, d: oracle.mean(a, d, keepdim=True)),
    ("keywords.amax-axis", api("torch.amax"), "torch.amax(a, axis=b)", lambda a, d: np.max(a, axis=d)),
    ("keywords.cumsum-axis", api("torch.cumsum"), "torch.cumsum(a, axis=b)", lambda a, d: oracle.cumsum(a, d)),
    ("keywords.unsqueeze-axis", api("torch.unsqueeze"), "a.unsqueeze(axis=b)", lambda a, d: np.expand_dims(a, d)),
])


@pytest.mark.parametrize("code, fn", ALIASES)
@given(data=st.data())
def test_numpy_aliases(T, code, fn, data):
    a = data.draw(S.arrays("float32", S.shapes(1, 3)), label="a")
    d = data.draw(S.dims(a.ndim), label="dim")
    check(T, code, a, d, expected=lambda a, d: np.asarray(fn(a, d)).astype(np.float32), reduce=a.size)


@spec("keywords.cat-axis", api("torch.cat"))
@given(a=S.arrays("float32", S.shapes(1, 3)))
def test_cat_axis(T, a):
    check(T, "torch.cat([a, a], axis=-1)", a, expected=lambda a: np.concatenate([a, a], axis=-1))


SIZES = cases([
    ("keywords.zeros-size", api("torch.zeros"), "torch.zeros(size=a)", lambda s: np.zeros(s, np.float32)),
    ("keywords.ones-size", api("torch.ones"), "torch.ones(size=a, dtype=torch.int64)", lambda s: np.ones(s, np.int64)),
    ("keywords.empty-size", api("torch.empty"), "tuple(torch.empty(size=a).shape)", lambda s: tuple(s)),
    ("keywords.rand-size", api("torch.rand"), "tuple(torch.rand(size=a).shape)", lambda s: tuple(s)),
    ("keywords.randn-size", api("torch.randn"), "tuple(torch.randn(size=a).shape)", lambda s: tuple(s)),
    ("keywords.full-size", api("torch.full"), "torch.full(size=a, fill_value=2.5)",
     lambda s: np.full(s, 2.5, np.float32)),
])


@pytest.mark.parametrize("code, fn", SIZES)
@given(shape=S.shapes(0, 3))
def test_size_keyword(T, code, fn, shape):
    check(T, code, tuple(shape), expected=fn)


INPUT_OTHER = cases([
    ("keywords.add-input-other", api("torch.add"), "torch.add(input=a, other=b)", oracle.add),
    ("keywords.mul-input-other", api("torch.mul"), "torch.mul(input=a, other=b)", oracle.mul),
    ("keywords.maximum-input-other", api("torch.maximum"), "torch.maximum(input=a, other=b)", np.maximum),
    ("keywords.pow-exponent", api("torch.pow"), "torch.pow(input=a.abs() + 1, exponent=b)",
     lambda a, b: (np.abs(a.astype(np.float64)) + 1) ** b),
    ("keywords.matmul-input-other", api("torch.matmul"), "torch.matmul(input=a, other=b.t())",
     lambda a, b: a.astype(np.float64) @ b.T.astype(np.float64)),
    ("keywords.exp-input", api("torch.exp"), "torch.exp(input=a)", lambda a, b: np.exp(a.astype(np.float64))),
    ("keywords.sum-input-dim", api("torch.sum"), "torch.sum(input=a, dim=0)", lambda a, b: a.sum(axis=0)),
    ("keywords.transpose-input", api("torch.transpose"), "torch.transpose(input=a, dim0=0, dim1=1)",
     lambda a, b: a.T),
])


@pytest.mark.parametrize("code, fn", INPUT_OTHER)
@given(data=st.data())
def test_input_other_keywords(T, code, fn, data):
    a = data.draw(S.arrays("float32", S.shapes(2, 2), lo=-2, hi=2), label="a")
    b = data.draw(S.arrays("float32", a.shape, lo=-2, hi=2), label="b")
    check(T, code, a, b, expected=lambda a, b: np.asarray(fn(a, b)).astype(np.float32), reduce=max(a.shape))


OUTS = cases([
    ("keywords.out-add", api("torch.add"), "torch.add(a, b, out=o)", lambda a, b: a + b),
    ("keywords.out-exp", api("torch.exp"), "torch.exp(a, out=o)", lambda a, b: np.exp(a.astype(np.float64))),
    ("keywords.out-sum", api("torch.sum"), "torch.sum(a, 0, out=o)", lambda a, b: a.sum(axis=0)),
    ("keywords.out-mean", api("torch.mean"), "torch.mean(a, 0, out=o)", lambda a, b: a.astype(np.float64).mean(axis=0)),
    ("keywords.out-cumsum", api("torch.cumsum"), "torch.cumsum(a, 1, out=o)", lambda a, b: np.cumsum(a, axis=1)),
    ("keywords.out-matmul", api("torch.matmul"), "torch.matmul(a, b.t(), out=o)",
     lambda a, b: a.astype(np.float64) @ b.T.astype(np.float64)),
    ("keywords.out-mm", api("torch.mm"), "torch.mm(a, b.t(), out=o)",
     lambda a, b: a.astype(np.float64) @ b.T.astype(np.float64)),
    ("keywords.out-cat", api("torch.cat"), "torch.cat([a, b], out=o)", lambda a, b: np.concatenate([a, b])),
    ("keywords.out-stack", api("torch.stack"), "torch.stack([a, b], out=o)", lambda a, b: np.stack([a, b])),
    ("keywords.out-clamp", api("torch.clamp"), "torch.clamp(a, -1, 1, out=o)", lambda a, b: np.clip(a, -1, 1)),
    ("keywords.out-where", api("torch.where"), "torch.where(a > 0, a, b, out=o)", lambda a, b: np.where(a > 0, a, b)),
    ("keywords.out-zeros", api("torch.zeros"), "torch.zeros(2, 3, out=o)", lambda a, b: np.zeros((2, 3), np.float32)),
    ("keywords.out-arange", api("torch.arange"), "torch.arange(0.0, 4.0, out=o)",
     lambda a, b: np.arange(4, dtype=np.float32)),
])


@pytest.mark.parametrize("code, fn", OUTS)
@given(data=st.data())
def test_out_is_written_and_returned(T, code, fn, data):
    a = data.draw(S.arrays("float32", S.shapes(2, 2), lo=-2, hi=2), label="a")
    b = data.draw(S.arrays("float32", a.shape, lo=-2, hi=2), label="b")
    # out starts with the wrong shape and is resized; the call returns out itself
    check(T, f"o = torch.empty(0, device=dev)\nr = {code}\n(r is o, o)", a, b,
          expected=lambda a, b: (True, fn(a, b).astype(np.float32)), reduce=max(a.shape))


@spec("keywords.out-max-with-dim-is-a-pair", api("torch.max"))
@given(a=S.arrays("float32", S.shapes(2, 2)))
def test_out_max_pair(T, a):
    check(T, "v = torch.empty(0, device=dev)\ni = torch.empty(0, dtype=torch.int64, device=dev)\ntorch.max(a, 1, out=(v, i))\n(v, i)", a,
          expected=lambda a: (a.max(axis=1), a.argmax(axis=1)))


@spec("keywords.out-rejects-lossy-cast", api("torch.add"))
def test_out_dtype_check(T):
    check_raises(T, "torch.add(a, a, out=torch.empty(2, dtype=torch.int64, device=dev))", np.ones(2, np.float32),
                 exc=RuntimeError, contains=("Float", "Long"))


@spec("keywords.out-with-grad-raises", doc("notes/out.html#out-notes"))
def test_out_with_grad(T):
    check_raises(T, "torch.exp(a.requires_grad_(), out=torch.empty(2, device=dev))", np.ones(2, np.float32),
                 exc=RuntimeError, contains=("out=",))
