"""Indexing and assignment (https://pytorch.org/docs/stable/tensor_view.html and
https://numpy.org/doc/stable/user/basics.indexing.html, whose rules torch follows for these forms)."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import strategies as S
from .catalogue import api, doc, seed, spec
from . import seed_passages as SP
from .harness import check, check_raises
from .messages import error_cases

INDEXING = doc("tensors.html")
VIEWS = doc("tensor_view.html")


def _get(x, idx):
    return np.array(x[idx])


@spec("indexing.basic", INDEXING)
@given(data=st.data())
def test_basic_get(T, data):
    x = data.draw(S.arrays(S.dtypes(), S.shapes(1, 4)), label="a")
    idx = data.draw(S.basic_indices(x.shape), label="b")
    check(T, "a[b]", x, idx, expected=_get)


@spec("indexing.basic-is-view", VIEWS)
@given(data=st.data())
def test_basic_get_is_view(T, data):
    x = data.draw(S.arrays("int64", S.shapes(1, 4), lo=-9, hi=9, layouts=S.WRITABLE), label="a")
    idx = data.draw(S.basic_indices(x.shape), label="b")

    def twin(x, idx):
        y = x.copy()
        y[idx] = 100
        return y
    check(T, "v = a[b]; v.fill_(100); a", x, idx, expected=twin)


@spec("indexing.single-int-drops-dim", INDEXING)
@given(data=st.data())
def test_int_index(T, data):
    x = data.draw(S.arrays("float32", S.shapes(1, 4)), label="a")
    i = data.draw(st.integers(-x.shape[0], x.shape[0] - 1), label="b")
    check(T, "a[b]", x, i, expected=_get)


@spec("indexing.none-and-ellipsis", INDEXING)
@given(x=S.arrays("float32", S.shapes(1, 4)))
def test_none_ellipsis(T, x):
    check(T, "(a[None], a[..., None], a[...], a[None, ..., None])", x,
          expected=lambda x: (x[None], x[..., None], x[...], x[None, ..., None]))


@spec("indexing.integer-tensor", INDEXING)
@given(data=st.data())
def test_integer_tensor_index(T, data):
    x = data.draw(S.arrays(S.dtypes(), S.shapes(1, 3)), label="a")
    i = data.draw(S.integer_index_arrays(x.shape[0]), label="b")
    check(T, "a[b]", x, i, expected=_get)


@spec("indexing.integer-tensor-on-later-dim", INDEXING)
@given(data=st.data())
def test_integer_tensor_second_dim(T, data):
    x = data.draw(S.arrays("float64", S.shapes(2, 3)), label="a")
    i = data.draw(S.integer_index_arrays(x.shape[1]), label="b")
    check(T, "a[:, b]", x, i, expected=lambda x, i: x[:, i])


@spec("indexing.paired-integer-tensors", INDEXING)
@given(data=st.data())
def test_paired_index(T, data):
    x = data.draw(S.arrays("int32", S.shapes(2, 3)), label="a")
    n = data.draw(st.integers(1, 5))
    i = np.array(data.draw(st.lists(st.integers(0, x.shape[0] - 1), min_size=n, max_size=n)), np.int64)
    j = np.array(data.draw(st.lists(st.integers(0, x.shape[1] - 1), min_size=n, max_size=n)), np.int64)
    check(T, "a[b, c]", x, i, j, expected=lambda x, i, j: x[i, j])


@spec("indexing.python-list-index", INDEXING)
@given(data=st.data())
def test_list_index(T, data):
    x = data.draw(S.arrays("float32", S.shapes(1, 3)), label="a")
    idx = data.draw(st.lists(st.integers(-x.shape[0], x.shape[0] - 1), min_size=1, max_size=5), label="b")
    check(T, "a[b]", x, idx, expected=lambda x, i: x[np.array(i)])


@spec("indexing.integer-tensor-copies", INDEXING)
@given(x=S.arrays("float32", (4, 3)))
def test_advanced_index_copies(T, x):
    check(T, "v = a[torch.tensor([0, 2])]; v.fill_(0.5); a", x, expected=lambda x: x)


@spec("indexing.boolean-mask", INDEXING)
@given(data=st.data())
def test_mask(T, data):
    x = data.draw(S.arrays(S.dtypes(), S.shapes(1, 3)), label="a")
    m = data.draw(S.arrays("bool", x.shape), label="b")
    check(T, "a[b]", x, m, expected=lambda x, m: x[m])


@spec("indexing.boolean-mask-first-dims", INDEXING)
@given(data=st.data())
def test_mask_leading(T, data):
    x = data.draw(S.arrays("float32", S.shapes(2, 3)), label="a")
    m = data.draw(S.arrays("bool", x.shape[:1]), label="b")
    check(T, "a[b]", x, m, expected=lambda x, m: x[m])


@spec("indexing.mask-from-comparison", SP.TENSOR_OPS)
@given(x=S.arrays(S.dtypes(S.FLOATS + S.SIGNED_INTS), S.shapes(1, 3), layouts=S.WRITABLE))
def test_mask_comparison(T, x):
    check(T, "a[a < 0]", x, expected=lambda x: x[x < 0])

    def twin(x):
        y = x.copy()
        y[y < 0] = 0
        return y
    check(T, "a[a < 0] = 0; a", x, expected=twin)


@spec("indexing.setitem-basic-scalar", INDEXING)
@given(data=st.data())
def test_setitem_scalar(T, data):
    x = data.draw(S.arrays("float32", S.shapes(1, 4), layouts=S.WRITABLE), label="a")
    idx = data.draw(S.basic_indices(x.shape), label="b")
    v = data.draw(S.scalars("float", -5, 5), label="c")

    def twin(x, idx, v):
        y = x.copy()
        y[idx] = v
        return y
    check(T, "a[b] = c; a", x, idx, v, expected=twin)


@spec("indexing.setitem-broadcasts-value", INDEXING)
@given(data=st.data())
def test_setitem_broadcast(T, data):
    x = data.draw(S.arrays("float64", S.shapes(1, 4), layouts=S.WRITABLE), label="a")
    idx = data.draw(S.basic_indices(x.shape, allow_none=False), label="b")
    target = x[idx].shape
    vshape = target[data.draw(st.integers(0, len(target))):]
    vshape = tuple(1 if data.draw(st.booleans()) else s for s in vshape)
    v = data.draw(S.arrays("float64", vshape), label="c")

    def twin(x, idx, v):
        y = x.copy()
        y[idx] = v
        return y
    check(T, "a[b] = c; a", x, idx, v, expected=twin)


@spec("indexing.setitem-integer-tensor", INDEXING)
@given(data=st.data())
def test_setitem_int_tensor(T, data):
    x = data.draw(S.arrays("float32", S.shapes(1, 3), layouts=S.WRITABLE), label="a")
    n = x.shape[0]
    i = np.array(data.draw(st.lists(st.integers(-n, n - 1), min_size=1, max_size=n, unique_by=lambda v: v % n)),
                 dtype=np.int64)
    v = data.draw(S.arrays("float32", (len(i),) + x.shape[1:]), label="c")

    def twin(x, i, v):
        y = x.copy()
        y[i] = v
        return y
    check(T, "a[b] = c; a", x, i, v, expected=twin)


@spec("indexing.setitem-mask-tensor-values", INDEXING)
@given(data=st.data())
def test_setitem_mask_values(T, data):
    x = data.draw(S.arrays("int64", S.shapes(1, 3), layouts=S.WRITABLE), label="a")
    m = data.draw(S.arrays("bool", x.shape), label="b")
    v = data.draw(S.arrays("int64", (int(m.sum()),)), label="c")

    def twin(x, m, v):
        y = x.copy()
        y[m] = v
        return y
    check(T, "a[b] = c; a", x, m, v, expected=twin)


@spec("indexing.masked-fill", api("torch.Tensor.masked_fill_"))
@given(data=st.data())
def test_masked_fill(T, data):
    x = data.draw(S.arrays("float32", S.shapes(1, 3)), label="a")
    m = data.draw(S.arrays("bool", x.shape[data.draw(st.integers(0, x.ndim)):]), label="b")
    check(T, "a.masked_fill(b, float('-inf'))", x, m, expected=lambda x, m: np.where(m, np.float32(-np.inf), x))


ERRORS = error_cases([
    ("indexing.int-out-of-range-raises", INDEXING, "a[3]", IndexError, (3,)),
    ("indexing.negative-out-of-range-raises", INDEXING, "a[-4]", IndexError, (-4,)),
    ("indexing.too-many-indices-raises", INDEXING, "a[0, 0, 0]", IndexError, ()),
    ("indexing.float-tensor-index-raises", INDEXING, "a[torch.tensor([0.0])]", IndexError, ()),
    ("indexing.mask-shape-mismatch-raises", INDEXING, "a[torch.tensor([True, False])]", IndexError, ()),
    ("indexing.setitem-shape-mismatch-raises", INDEXING, "a[0] = torch.ones(3); a", RuntimeError, ()),
])


@pytest.mark.parametrize("code, exc, contains", ERRORS)
def test_index_errors(T, code, exc, contains):
    check_raises(T, code, np.arange(12, dtype=np.float32).reshape(3, 4), exc=exc, contains=contains)


@spec("indexing.tensor-index-out-of-range-raises", INDEXING)
@pytest.mark.cpu_only  # on CUDA a bad index trips a device-side assert instead
def test_tensor_index_out_of_range(T):
    check_raises(T, "a[torch.tensor([0, 5])]", np.arange(12, dtype=np.float32).reshape(3, 4), exc=IndexError,
                 contains=(5,))


@spec("indexing.tensor-index-just-past-the-end-raises", INDEXING)
@pytest.mark.cpu_only  # on CUDA a bad index trips a device-side assert instead
@pytest.mark.parametrize("code, bad", [("a[torch.tensor([0, 3])]", 3), ("a[:, torch.tensor([1, -5])]", -5),
                                       ("a[torch.tensor([2]), torch.tensor([4])]", 4)])
def test_tensor_index_just_past_the_end(T, code, bad):
    # the first value past each end (size, -size - 1): an off-by-one bounds check lets it through
    check_raises(T, code, np.arange(12, dtype=np.float32).reshape(3, 4), exc=IndexError, contains=(bad,))
