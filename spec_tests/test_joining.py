"""Joining and splitting (torch.cat, stack, split, chunk, unbind)."""
import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from . import oracle
from . import strategies as S
from .catalogue import api, cases, spec
from .harness import check, check_raises


@st.composite
def cat_inputs(draw, same_dtype=True):
    base = list(draw(S.shapes(1, 3, max_side=4)))
    d = draw(st.integers(0, len(base) - 1))
    arrays = []
    dts = [draw(S.dtypes(S.NUMERIC))] * 4 if same_dtype else [draw(S.dtypes(S.NUMERIC)) for _ in range(4)]
    for i in range(draw(st.integers(1, 4))):
        shape = list(base)
        shape[d] = draw(st.integers(0 if i else 1, 4))
        arrays.append(draw(S.arrays(dts[i], tuple(shape), lo=-50, hi=50)))
    return arrays, d - (len(base) if draw(st.booleans()) else 0)


def _np_cat(xs, d):
    dt = oracle.result_type(*xs)
    return np.concatenate([x.astype(dt) for x in xs], axis=d)


@spec("joining.cat", api("torch.cat"))
@given(args=cat_inputs())
def test_cat(T, args):
    xs, d = args
    check(T, "torch.cat(a, dim=b)", xs, d, expected=_np_cat)


@spec("joining.cat-promotes-dtypes", api("torch.cat"))
@given(args=cat_inputs(same_dtype=False))
# found by a randomised run: the skipped empty 1-D tensor still takes part in promotion
@example(args=([np.array([0], np.uint8), np.array([], np.int8)], 0))
def test_cat_promotes(T, args):
    xs, d = args
    check(T, "torch.cat(a, b)", xs, d, expected=_np_cat)


@spec("joining.cat-size-mismatch-raises", api("torch.cat"))
@given(n=st.integers(1, 4), k1=st.integers(1, 5), k2=st.integers(1, 5))
def test_cat_mismatch(T, n, k1, k2):
    if k1 == k2:
        k2 += 1
    check_raises(T, "torch.cat([a, b])", np.ones((n, k1), np.float32), np.ones((n, k2), np.float32),
                 exc=RuntimeError, contains=(k1, k2))


@st.composite
def stack_inputs(draw):
    shape = draw(S.shapes(0, 3, max_side=4))
    dt = draw(S.dtypes())
    xs = [draw(S.arrays(dt, shape)) for _ in range(draw(st.integers(1, 4)))]
    ndim = len(shape) + 1
    return xs, draw(st.integers(-ndim, ndim - 1))


@spec("joining.stack", api("torch.stack"))
@given(args=stack_inputs())
def test_stack(T, args):
    check(T, "torch.stack(a, dim=b)", *args, expected=lambda xs, d: np.stack(xs, axis=d))


@spec("joining.stack-unequal-shapes-raises", api("torch.stack"))
@given(k1=st.integers(1, 5), k2=st.integers(1, 5))
def test_stack_mismatch(T, k1, k2):
    if k1 == k2:
        k2 += 1
    check_raises(T, "torch.stack([a, b])", np.ones(k1, np.float32), np.ones(k2, np.float32),
                 exc=RuntimeError, contains=(k1, k2))


@st.composite
def along(draw, max_side=6):
    x = draw(S.arrays(S.dtypes(), S.shapes(1, 3, max_side=max_side)))
    return x, draw(S.dims(x.ndim))


def _np_split(x, size, d):
    n = x.shape[d]
    return tuple(np.take(x, range(i, min(i + size, n)), axis=d) for i in range(0, n, size))


def _np_split_sizes(x, sizes, d):
    cuts = np.cumsum(sizes)[:-1]
    return tuple(np.split(x, cuts, axis=d))


def _np_chunk(x, chunks, d):
    n = x.shape[d]
    size = -(-n // chunks)
    return _np_split(x, size, d)


@spec("joining.split-by-size", api("torch.split"))
@given(args=along(), size=st.integers(1, 4))
def test_split_size(T, args, size):
    x, d = args
    check(T, "torch.split(a, b, dim=c)", x, size, d, expected=_np_split)


@spec("joining.split-by-sections", api("torch.split"))
@given(data=st.data())
def test_split_sections(T, data):
    x, d = data.draw(along(), label="a")
    n = x.shape[d]
    cuts = sorted(data.draw(st.lists(st.integers(0, n), max_size=3), label="cuts"))
    sizes = list(np.diff([0] + cuts + [n]))
    check(T, "a.split(b, dim=c)", x, [int(s) for s in sizes], d, expected=_np_split_sizes)


@spec("joining.chunk", api("torch.chunk"))
# the worked example(s) of the page this cites
@example(args=(np.arange(11), 0), chunks=6)
@example(args=(np.arange(12), 0), chunks=6)
@example(args=(np.arange(13), 0), chunks=6)
@given(args=along(), chunks=st.integers(1, 7))
def test_chunk(T, args, chunks):
    # chunk uses ceil(n / chunks)-sized pieces, so it may return fewer than `chunks` pieces.
    x, d = args
    check(T, "torch.chunk(a, b, dim=c)", x, chunks, d, expected=_np_chunk)


@spec("joining.unbind", api("torch.unbind"))
@given(args=along())
def test_unbind(T, args):
    x, d = args
    check(T, "torch.unbind(a, dim=b)", x, d, expected=lambda x, d: tuple(np.moveaxis(x, d, 0)))


VIEW_PIECES = cases([
    ("joining.split-pieces-are-views", api("torch.split"), "a.split(2)[1]", lambda y: y[2:4]),
    ("joining.chunk-pieces-are-views", api("torch.chunk"), "a.chunk(2, dim=1)[0]", lambda y: y[:, :2]),
    ("joining.unbind-pieces-are-views", api("torch.unbind"), "a.unbind(1)[1]", lambda y: y[:, 1]),
])


@pytest.mark.parametrize("code, twin", VIEW_PIECES)
@given(x=S.arrays("float32", (4, 3), layouts=S.WRITABLE))
def test_pieces_are_views(T, code, twin, x):
    def expect(x):
        y = x.copy()
        twin(y)[...] = 9.0
        return y
    check(T, f"{code}.fill_(9.0); a", x, expected=expect)


ERRORS = cases([
    ("joining.split-sizes-must-sum-raises", api("torch.split"), "a.split([1, 1])", RuntimeError),
    ("joining.chunk-zero-raises", api("torch.chunk"), "a.chunk(0)", RuntimeError),
    ("joining.cat-zero-dim-raises", api("torch.cat"), "torch.cat([a[0, 0], a[0, 1]])", RuntimeError),
    ("joining.stack-empty-raises", api("torch.stack"), "torch.stack([])", RuntimeError),
    ("joining.cat-dim-out-of-range-raises", api("torch.cat"), "torch.cat([a, a], dim=2)", IndexError),
    ("joining.unbind-dim-out-of-range-raises", api("torch.unbind"), "a.unbind(2)", IndexError),
])


@pytest.mark.parametrize("code, exc", ERRORS)
def test_joining_errors(T, code, exc):
    check_raises(T, code, np.ones((3, 2), np.float32), exc=exc)
