"""Views share storage with their base (https://pytorch.org/docs/stable/tensor_view.html)."""
import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from . import strategies as S
from .catalogue import api, cases, doc, seed, spec
from .harness import check

VIEWS = doc("tensor_view.html")


def c_strides(shape):
    """Row-major element strides."""
    out, step = [], 1
    for size in reversed(shape):
        out.append(step)
        step *= size
    return tuple(reversed(out))


@st.composite
def reshapes(draw, x):
    """A shape with the same number of elements as x, possibly with one -1."""
    n = x.size
    factors = []
    rest = n
    for _ in range(draw(st.integers(1, 3))):
        divisors = [d for d in range(1, rest + 1) if rest % d == 0]
        d = draw(st.sampled_from(divisors))
        factors.append(d)
        rest //= d
    factors.append(rest)
    if draw(st.booleans()):
        factors[draw(st.integers(0, len(factors) - 1))] = -1
    return tuple(factors)


@st.composite
def tensor_and_reshape(draw, dtype="float32"):
    x = draw(S.arrays(dtype, S.shapes(1, 4)))
    return x, draw(reshapes(x))


# Each row: behaviour, source, code producing a view of `a` from the index/arguments in `b`,
# the NumPy twin, and a strategy for `b` given the array.
def _perm(x):
    return st.permutations(range(x.ndim)).map(tuple)


def _two_dims(x):
    return st.tuples(st.integers(-x.ndim, x.ndim - 1), st.integers(-x.ndim, x.ndim - 1))


def _unsqueeze_dim(x):
    return st.integers(-x.ndim - 1, x.ndim)


def _np_flatten(x, se):
    start, end = (d % max(x.ndim, 1) for d in se)
    return x.reshape(x.shape[:start] + (-1,) + x.shape[end + 1:]) if x.ndim else x.reshape(1)


@st.composite
def _flatten_args(draw, x):
    start = draw(st.integers(0, x.ndim - 1))
    end = draw(st.integers(start, x.ndim - 1))
    return (start - x.ndim if draw(st.booleans()) else start, end)


@st.composite
def _narrow_args(draw, x):
    d = draw(st.integers(0, x.ndim - 1))
    start = draw(st.integers(0, x.shape[d] - 1))
    return d, start, draw(st.integers(1, x.shape[d] - start))


@st.composite
def _expand_args(draw, x):
    lead = tuple(draw(st.lists(st.integers(1, 3), max_size=2)))
    return lead + tuple(draw(st.integers(1, 3)) if s == 1 else draw(st.sampled_from([s, -1])) for s in x.shape)


def _np_expand(x, shape):
    lead = len(shape) - x.ndim
    full = tuple(shape[:lead]) + tuple(x.shape[i] if shape[lead + i] == -1 else shape[lead + i] for i in range(x.ndim))
    return np.broadcast_to(x, full)


def _np_narrow(x, args):
    d, start, length = args
    idx = [slice(None)] * x.ndim
    idx[d] = slice(start, start + length)
    return x[tuple(idx)]


VIEW_OPS = cases([
    ("views.view-reshapes", api("torch.Tensor.view"),
     "a.view(b)", lambda x, b: x.reshape(b), None),
    ("views.reshape", api("torch.reshape"), "torch.reshape(a, b)", lambda x, b: x.reshape(b), None),
    ("views.permute", api("torch.permute"),
     "a.permute(*b)", lambda x, b: np.transpose(x, b), _perm),
    ("views.transpose", api("torch.transpose"),
     "a.transpose(*b)", lambda x, b: np.swapaxes(x, *b), _two_dims),
    ("views.unsqueeze", api("torch.unsqueeze"),
     "a.unsqueeze(b)", lambda x, b: np.expand_dims(x, b), _unsqueeze_dim),
    ("views.flatten", api("torch.flatten"), "a.flatten(*b)", _np_flatten, _flatten_args),
    ("views.narrow", api("torch.narrow"), "a.narrow(*b)", _np_narrow, _narrow_args),
    ("views.expand", api("torch.Tensor.expand"), "a.expand(*b)", _np_expand, _expand_args),
])


@pytest.mark.parametrize("code, twin, args", VIEW_OPS)
@given(data=st.data())
def test_view_values(T, code, twin, args, data):
    # view() needs strides compatible with the new shape: a contiguous operand
    x = data.draw(S.arrays(S.dtypes(), S.shapes(1, 4), layouts=_layouts_for(code, S.LAYOUTS)), label="a")
    b = data.draw(reshapes(x) if args is None else args(x), label="b")
    check(T, code, x, b, expected=lambda x, b: twin(x, b).copy())


@pytest.mark.parametrize("code, twin, args", VIEW_OPS)
@given(data=st.data())
def test_view_shares_storage(T, code, twin, args, data):
    # Writing through the view (fill_ on the whole view) is seen by the base.
    x = data.draw(S.arrays("float32", S.shapes(1, 4), layouts=_layouts_for(code, S.WRITABLE)), label="a")
    b = data.draw(reshapes(x) if args is None else args(x), label="b")
    if "expand" in code:
        code_ = "v = a.expand(*b); a.fill_(3.0); v"  # expanded views cannot be written; read through instead
        check(T, code_, x, b, expected=lambda x, b: np.full(np.shape(twin(x, b)), 3.0, np.float32))
        return
    check(T, f"v = {code}; v.fill_(-7.5); a", x, b, expected=lambda x, b: _written(x, b, twin))


def _layouts_for(code, others):
    """view/reshape/flatten are views only of a contiguous operand (reshape/flatten copy otherwise)."""
    return S.CONTIGUOUS if any(f"{name}(" in code for name in ("view", "reshape", "flatten")) else others


def _written(x, b, twin):
    y = x.copy()
    view = twin(y, b)
    view[...] = -7.5
    return y


@spec("views.squeeze-all", api("torch.squeeze"))
# the worked example(s) of the page this cites
@example(x=np.zeros((2, 1, 2, 1, 2), np.float32))
@given(x=S.arrays("float32", S.shapes(0, 5, max_side=2)))
def test_squeeze(T, x):
    check(T, "a.squeeze()", x, expected=lambda x: np.squeeze(x))


@spec("views.squeeze-dim-only-if-size-one", api("torch.squeeze"))
@given(data=st.data())
def test_squeeze_dim(T, data):
    x = data.draw(S.arrays("float32", S.shapes(1, 4, max_side=2)), label="a")
    d = data.draw(st.integers(-x.ndim, x.ndim - 1), label="dim")
    check(T, "a.squeeze(b)", x, d, expected=lambda x, d: np.squeeze(x, d) if x.shape[d] == 1 else x)


@spec("views.t-2d", api("torch.t"))
@given(x=S.arrays(S.dtypes(), S.shapes(0, 2)))
def test_t(T, x):
    check(T, "a.t()", x, expected=lambda x: x.T)


@spec("views.slicing-with-steps", doc("tensor_view.html"))
@given(data=st.data())
def test_step_slices_write_through(T, data):
    x = data.draw(S.arrays("int32", S.shapes(1, 3, max_side=6), layouts=S.WRITABLE), label="a")
    idx = tuple(slice(data.draw(st.integers(0, s - 1)), None, data.draw(st.integers(1, 3))) for s in x.shape)

    def twin(x, idx):
        y = x.copy()
        y[idx] *= 2
        return y
    check(T, "v = a[b]; v.mul_(2); a", x, idx, expected=twin)


@spec("views.data-ptr-shared", api("torch.Tensor.data_ptr"))
@given(x=S.arrays("float32", S.shapes(1, 3), layouts=S.CONTIGUOUS))
def test_data_ptr_shared(T, x):
    check(T, "(a.view(-1).data_ptr() == a.data_ptr(), a.unsqueeze(0).data_ptr() == a.data_ptr(), "
             "a.clone().data_ptr() == a.data_ptr())", x, expected=(True, True, False))


@spec("views.storage-offset", api("torch.Tensor.storage_offset"))
@given(data=st.data())
def test_storage_offset(T, data):
    x = data.draw(S.arrays("float64", S.shapes(2, 3, max_side=5), layouts=S.CONTIGUOUS), label="a")
    i = data.draw(st.integers(0, x.shape[0] - 1), label="i")
    j = data.draw(st.integers(0, x.shape[1] - 1), label="j")
    st_ = c_strides(x.shape)
    check(T, "v = a[b:, c:]; (v.storage_offset(), v.data_ptr() - a.data_ptr())", x, i, j,
          expected=(i * st_[0] + j * st_[1], (i * st_[0] + j * st_[1]) * 8))


@spec("views.contiguous-strides-row-major", api("torch.Tensor.stride"))
# the worked example(s) of the page this cites
@example(x=np.array([[1, 2, 3, 4, 5], [6, 7, 8, 9, 10]]))
@given(x=S.arrays(S.dtypes(), S.shapes(0, 4), layouts=S.CONTIGUOUS))
def test_strides(T, x):
    check(T, "tuple(a.stride())", x, expected=c_strides(x.shape))


@spec("views.transpose-swaps-strides", api("torch.transpose"))
@given(data=st.data())
def test_transpose_strides(T, data):
    x = data.draw(S.arrays("float32", S.shapes(2, 4), layouts=S.CONTIGUOUS), label="a")
    i, j = data.draw(st.integers(0, x.ndim - 1)), data.draw(st.integers(0, x.ndim - 1))
    s = list(c_strides(x.shape))
    s[i], s[j] = s[j], s[i]
    check(T, "tuple(a.transpose(b, c).stride())", x, i, j, expected=tuple(s))


@spec("views.expand-stride-zero", api("torch.Tensor.expand"))
@given(n=st.integers(1, 5), m=st.integers(2, 5))
def test_expand_stride(T, n, m):
    check(T, "tuple(a.expand(b, a.shape[0]).stride())", np.arange(n, dtype=np.float32), m, expected=(0, 1))


@spec("views.clone-does-not-share", api("torch.clone"))
@given(x=S.arrays("float32", S.shapes(1, 3)))
def test_clone_independent(T, x):
    check(T, "c = a.clone(); c.fill_(2.0); a", x, expected=lambda x: x)


@spec("views.detach-shares-storage", api("torch.Tensor.detach"))
@given(x=S.arrays("float32", S.shapes(1, 3), layouts=S.WRITABLE))
def test_detach_shares(T, x):
    check(T, "d = a.detach(); d.zero_(); a", x, expected=lambda x: np.zeros_like(x))


@spec("views.view-minus-one-infers", api("torch.Tensor.view"))
@given(rows=st.integers(1, 5), cols=st.integers(1, 6))
def test_view_minus_one(T, rows, cols):
    x = np.arange(rows * cols, dtype=np.float32).reshape(rows, cols)
    check(T, "tuple(a.view(-1, b).shape)", x, cols, expected=(rows, cols))
    check(T, "a.view(-1)", x, expected=lambda x: x.reshape(-1))


@spec("views.chained-views-share", doc("tensor_view.html"))
@given(x=S.arrays("float32", (2, 3, 4), layouts=S.WRITABLE))
def test_chained_views(T, x):
    def twin(x):
        y = x.copy()
        y.transpose(2, 0, 1)[1:, :, ::2] += 1
        return y
    check(T, "v = a.permute(2, 0, 1)[1:, :, ::2]; v.add_(1); a", x, expected=twin)
