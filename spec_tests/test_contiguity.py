"""Contiguity: which layouts are contiguous, and what view/reshape do about it."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import oracle
from . import strategies as S
from .catalogue import api, cases, doc, seed, spec
from .harness import check, check_raises

# Matrices with both sides >= 2, so that a transpose really changes the layout.
# Contiguity is the property under test: the operands start contiguous.
matrices = S.arrays("float32", st.tuples(st.integers(2, 6), st.integers(2, 6)), layouts=S.CONTIGUOUS)


LAYOUTS = cases([
    ("contiguity.fresh-tensor-is-contiguous", api("torch.Tensor.is_contiguous"), "a.is_contiguous()", True),
    ("contiguity.t-is-not-contiguous", seed("002", "转置后不连续"), "a.t().is_contiguous()", False),
    ("contiguity.contiguous-fixes-layout", seed("002", "确保内存连续"),
     "a.t().contiguous().is_contiguous()", True),
    ("contiguity.permute-is-not-contiguous", api("torch.permute"), "a.permute(1, 0).is_contiguous()", False),
    ("contiguity.column-slice-is-not-contiguous", api("torch.Tensor.is_contiguous"), "a[:, :1].is_contiguous()", False),
    ("contiguity.row-slice-is-contiguous", api("torch.Tensor.is_contiguous"), "a[1:].is_contiguous()", True),
    ("contiguity.expand-is-not-contiguous", api("torch.Tensor.expand"),
     "a[:1].expand(3, a.shape[1]).is_contiguous()", False),
    # clone's default memory_format=torch.preserve_format keeps a dense tensor's strides.
    ("contiguity.clone-preserves-strides", doc("tensor_attributes.html#torch-memory-format"),
     "a.t().clone().t().is_contiguous()", True),
    # a size-1 dim is never stepped over, so its stride (here 2 * columns) is kept too
    ("contiguity.clone-keeps-size-one-stride", doc("tensor_attributes.html#torch-memory-format"),
     "a[::2][:1].clone().stride() == a[::2][:1].stride()", True),
])


@pytest.mark.parametrize("code, want", LAYOUTS)
@given(x=matrices)
def test_layout(T, code, want, x):
    check(T, code, x, expected=want)


@spec("contiguity.contiguous-copies-values", seed("002", "确保内存连续"))
@given(x=matrices)
def test_contiguous_values(T, x):
    check(T, "c = a.t().contiguous(); (c, tuple(c.stride()))", x, expected=lambda x: (x.T.copy(), (x.shape[0], 1)))


@spec("contiguity.contiguous-returns-self-when-contiguous", api("torch.Tensor.contiguous"))
@given(x=matrices)
def test_contiguous_noop(T, x):
    check(T, "a.contiguous().data_ptr() == a.data_ptr()", x, expected=True)


@spec("contiguity.view-after-t-raises", api("torch.Tensor.view"))
@given(x=matrices)
def test_view_after_t_raises(T, x):
    check_raises(T, "a.t().view(-1)", x, exc=RuntimeError)


@spec("contiguity.reshape-copies-when-needed", api("torch.reshape"))
@given(x=matrices)
def test_reshape_copies(T, x):
    check(T, "r = a.t().reshape(-1); (r, r.data_ptr() == a.data_ptr())", x, expected=lambda x: (x.T.reshape(-1), False))


@spec("contiguity.reshape-views-when-possible", api("torch.reshape"))
@given(x=matrices)
def test_reshape_views(T, x):
    check(T, "r = a.reshape(-1); r[0] = 42.0; (a, r.data_ptr() == a.data_ptr())", x,
          expected=lambda x: (np.concatenate([[42.0], x.reshape(-1)[1:]]).astype(np.float32).reshape(x.shape), True))


NONCONTIG_OPS = cases([
    ("contiguity.elementwise-reads-strides", api("torch.add"), "a.t() + b", lambda x, y: oracle.add(x.T, y)),
    ("contiguity.unary-reads-strides", api("torch.exp"), "torch.exp(a.t()[:, ::2])",
     lambda x, y: oracle.exp(x.T[:, ::2])),
    ("contiguity.reduction-reads-strides", api("torch.sum"), "a.t().sum(0)", lambda x, y: oracle.sum(x.T, 0)),
    ("contiguity.matmul-reads-strides", api("torch.matmul"), "a.t() @ b.t()", lambda x, y: oracle.matmul(x.T, y.T)),
    ("contiguity.copy-of-expanded", api("torch.Tensor.expand"), "a[:, :1].expand(a.shape[0], 3).contiguous()",
     lambda x, y: np.broadcast_to(x[:, :1], (x.shape[0], 3)).copy()),
])


@pytest.mark.parametrize("code, twin", NONCONTIG_OPS)
@given(data=st.data())
def test_noncontiguous_inputs(T, code, twin, data):
    x = data.draw(S.arrays("float32", st.tuples(st.integers(2, 5), st.integers(2, 5)), lo=-5, hi=5, layouts=S.CONTIGUOUS), label="a")
    y = data.draw(S.arrays("float32", x.shape[::-1], lo=-5, hi=5), label="b")
    check(T, code, x, y, expected=twin, reduce=max(x.shape))


@st.composite
def dense_layouts(draw):
    """(shape, strides) of a non-overlapping and dense layout: a permutation of a contiguous one,
    where a size-1 dim may carry any stride (it is never stepped over)."""
    shape = draw(st.lists(st.integers(0, 3), min_size=1, max_size=4))
    order = draw(st.permutations(range(len(shape))))
    strides = [0] * len(shape)
    acc = 1
    for d in reversed(order):
        strides[d] = acc
        acc *= max(shape[d], 1)
    for d, n in enumerate(shape):
        if n == 1 and draw(st.booleans()):
            strides[d] = draw(st.integers(1, 40))
    return tuple(shape), tuple(strides)


def _as_strided(storage, shape, strides):
    items = storage.itemsize
    return np.lib.stride_tricks.as_strided(storage, shape, tuple(s * items for s in strides)).copy()


@spec("contiguity.clone-keeps-dense-strides", doc("tensor_attributes.html#torch-memory-format"))
@given(layout=dense_layouts(), data=st.data())
def test_clone_keeps_dense_strides(T, layout, data):
    # "If input tensor is allocated in dense non-overlapping memory, the output tensor strides will be
    # copied from the input": a transposed or permuted tensor stays so, size-1 dims' strides included
    shape, strides = layout
    size = 1 + sum((n - 1) * s for n, s in zip(shape, strides)) if 0 not in shape else 0
    storage = data.draw(S.arrays("float32", (max(size, 1),), lo=-5, hi=5, layouts=S.CONTIGUOUS), label="storage")
    check(T, "y = a.as_strided(b, c).clone()\n(tuple(y.stride()), y)", storage, shape, strides,
          expected=lambda st_, sh, sd: (sd, _as_strided(st_, sh, sd)))
