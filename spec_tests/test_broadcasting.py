"""Broadcasting semantics (https://pytorch.org/docs/stable/notes/broadcasting.html)."""
import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from . import oracle
from . import strategies as S
from .catalogue import api, doc, seed, spec
from . import seed_passages as SP
from .harness import check, check_raises
from .messages import error_cases

NOTES = doc("notes/broadcasting.html")


@st.composite
def operands(draw, n=2, dtype=None, **shape_kw):
    shapes = draw(S.broadcastable_shapes(n, **shape_kw))
    dt = draw(S.dtypes(S.FLOATS + S.SIGNED_INTS)) if dtype is None else dtype
    return [draw(S.arrays(dt, s, lo=-50, hi=50)) for s in shapes]


@spec("broadcast.binary-ops-broadcast", SP.BROADCASTING)
@pytest.mark.parametrize("code, fn", [("a + b", oracle.add), ("a - b", oracle.sub), ("a * b", oracle.mul),
                                      ("torch.maximum(a, b)", oracle.maximum), ("a == b", oracle.eq)],
                         ids=["add", "sub", "mul", "maximum", "eq"])
@given(xs=operands())
def test_binary_broadcast(T, code, fn, xs):
    check(T, code, *xs, expected=fn)


@spec("broadcast.result-shape-rule", seed("002", "从最右边的维度开始逐维度比较"))
@given(xs=operands())
def test_broadcast_result_shape(T, xs):
    check(T, "tuple((a + b).shape)", *xs, expected=lambda a, b: oracle.broadcast_shapes(a.shape, b.shape))


@spec("broadcast.seed-example-column-plus-row", SP.BROADCASTING)
@given(a=S.arrays("float32", (3, 1)), b=S.arrays("float32", (1, 4)))
def test_seed_example(T, a, b):
    check(T, "a + b", a, b, expected=oracle.add)


@spec("broadcast.missing-dims-are-one", seed("002", "缺失的维度视为1"))
@given(data=st.data())
def test_missing_dims(T, data):
    big = data.draw(S.shapes(2, 4, max_side=4), label="shape")
    k = data.draw(st.integers(0, len(big) - 1), label="dropped")
    a = data.draw(S.arrays("float32", big))
    b = data.draw(S.arrays("float32", big[k:]))
    check(T, "a * b", a, b, expected=oracle.mul)
    check(T, "b * a", a, b, expected=lambda a, b: oracle.mul(b, a))


@spec("broadcast.size-one-expands", seed("002", "两个维度相等,或其中一个为1,或其中一个不存在"))
@given(data=st.data())
def test_size_one_expands(T, data):
    shape = data.draw(S.shapes(1, 4, max_side=4), label="shape")
    ones = tuple(1 if data.draw(st.booleans()) else s for s in shape)
    a = data.draw(S.arrays("float64", shape))
    b = data.draw(S.arrays("float64", ones))
    check(T, "a - b", a, b, expected=oracle.sub)


@spec("broadcast.three-operands", api("torch.where"))
@given(data=st.data())
def test_where_three_way(T, data):
    sc, sx, sy = data.draw(S.broadcastable_shapes(3), label="shapes")
    c = data.draw(S.arrays("bool", sc))
    x = data.draw(S.arrays("float32", sx))
    y = data.draw(S.arrays("float32", sy))
    check(T, "torch.where(a, b, c)", c, x, y, expected=oracle.where)


@spec("broadcast.broadcast-shapes-function", api("torch.broadcast_shapes"))
# the worked example(s) of the page this cites
@example(shapes=((2,), (3, 1), (1, 1, 1)))
@given(shapes=S.broadcastable_shapes(3))
def test_broadcast_shapes(T, shapes):
    check(T, "tuple(torch.broadcast_shapes(a, b, c))", *shapes, expected=lambda *s: oracle.broadcast_shapes(*s))


@pytest.mark.parametrize("code, exc, contains", error_cases([
    # a shape is an int or a sequence of ints: a tensor is not one (its rows are no sizes)
    ("broadcast.broadcast-shapes-rejects-tensor", api("torch.broadcast_shapes"),
     "torch.broadcast_shapes(torch.ones(2, 3))", RuntimeError, ()),
    ("broadcast.broadcast-shapes-rejects-int-tensor", api("torch.broadcast_shapes"),
     "torch.broadcast_shapes(torch.tensor([2, 3]))", RuntimeError, ()),
    ("broadcast.broadcast-shapes-rejects-0d-tensor", api("torch.broadcast_shapes"),
     "torch.broadcast_shapes((2,), torch.tensor(3))", RuntimeError, ()),
    ("broadcast.broadcast-shapes-rejects-float", api("torch.broadcast_shapes"),
     "torch.broadcast_shapes(2.0)", RuntimeError, ("2.0",)),
    ("broadcast.broadcast-shapes-rejects-float-size", api("torch.broadcast_shapes"),
     "torch.broadcast_shapes((2.5,))", TypeError, ("float",)),
    ("broadcast.broadcast-shapes-rejects-negative", api("torch.broadcast_shapes"),
     "torch.broadcast_shapes((2, -1))", ValueError, ()),
    ("broadcast.broadcast-shapes-mismatch", api("torch.broadcast_shapes"),
     "torch.broadcast_shapes((2, 3), (4,))", RuntimeError, (4,)),
]))
def test_broadcast_shapes_errors(T, code, exc, contains):
    check_raises(T, code, exc=exc, contains=contains)


@spec("broadcast.broadcast-shapes-int-and-list-arguments", api("torch.broadcast_shapes"))
def test_broadcast_shapes_int_and_list_arguments(T):
    # the doc's example mixes an int, a tuple and a Size; lists and True (an int) are shapes too
    check(T, "[tuple(torch.broadcast_shapes((2,), (3, 1), (1, 1, 1))), tuple(torch.broadcast_shapes(3, [2, 1])),"
             " tuple(torch.broadcast_shapes(torch.Size([2, 1]), 3)), tuple(torch.broadcast_shapes(True, (2,)))]",
          expected=[(1, 3, 2), (2, 3), (2, 3), (2,)])


@spec("broadcast.broadcast-to", api("torch.broadcast_to"))
# the worked example(s) of the page this cites
@example(shapes=((3,), (3, 3)), dt="int64")
@given(shapes=S.broadcastable_shapes(2), dt=S.dtypes())
def test_broadcast_to(T, shapes, dt):
    target = oracle.broadcast_shapes(*shapes)
    a = np.arange(int(np.prod(shapes[0])), dtype=dt).reshape(shapes[0]) if dt != "bool" \
        else (np.arange(int(np.prod(shapes[0]))) % 2 == 0).reshape(shapes[0])
    check(T, "torch.broadcast_to(a, b)", a, target, expected=lambda a, s: np.broadcast_to(a, s).copy())


@spec("broadcast.incompatible-shapes-raise", NOTES)
@given(shapes=S.incompatible_shapes())
def test_incompatible_raises(T, shapes):
    a, b = (np.ones(s, np.float32) * 1.5 for s in shapes)
    # The message names the two sizes that clash.
    sa, sb = _clash(*shapes)
    check_raises(T, "a + b", a, b, exc=RuntimeError, contains=(sa, sb))


def _clash(s1, s2):
    for x, y in zip(reversed(s1), reversed(s2)):
        if x != y and 1 not in (x, y):
            return x, y
    raise AssertionError("shapes broadcast")


@spec("broadcast.inplace-cannot-broadcast-self", NOTES)
@given(data=st.data())
def test_inplace_cannot_grow_self(T, data):
    a_shape, b_shape = data.draw(S.broadcastable_shapes(2, min_dims=1), label="shapes")
    full = oracle.broadcast_shapes(a_shape, b_shape)
    if tuple(a_shape) == full:
        a_shape, b_shape = b_shape, a_shape
    if tuple(a_shape) == full:
        a_shape = tuple(1 for _ in full)
        b_shape = tuple(max(s, 2) for s in full)
    a = data.draw(S.arrays("float32", a_shape))
    b = data.draw(S.arrays("float32", b_shape))
    check_raises(T, "a.add_(b)", a, b, exc=RuntimeError)


@spec("broadcast.inplace-broadcasts-other", NOTES)
@given(data=st.data())
def test_inplace_broadcasts_other(T, data):
    shape = data.draw(S.shapes(1, 4, max_side=4), label="shape")
    k = data.draw(st.integers(0, len(shape)))
    a = data.draw(S.arrays("float32", shape, layouts=S.WRITABLE))
    b = data.draw(S.arrays("float32", tuple(1 if data.draw(st.booleans()) else s for s in shape[k:])))
    check(T, "a.mul_(b); a", a, b, expected=oracle.mul)


@spec("broadcast.scalar-tensor-with-any-shape", NOTES)
@given(data=st.data())
def test_zero_dim_broadcasts(T, data):
    a = data.draw(S.arrays("float32", S.shapes(0, 4)))
    b = data.draw(S.arrays("float32", ()))
    check(T, "a + b", a, b, expected=oracle.add)
    check(T, "b + a", a, b, expected=lambda a, b: oracle.add(b, a))
