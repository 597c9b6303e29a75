"""Every op family on inputs of 2**18 elements and more, in every layout.

An implementation may switch kernels by size and layout (a multithreaded kernel for large
contiguous inputs, a strided kernel for views, a loop over leading dims when a view keeps more dims
than its kernel handles, a copy before reducing over dims that are not adjacent). Small inputs never
reach those paths, so each family here runs once more at a size that does. Values come from a
seeded generator (the failure report prints the call), and are compared with the float64 oracle
under the same error model as everywhere else.
"""
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import oracle
from . import strategies as S
from .catalogue import api, cases, doc, spec
from .harness import check

BIG = S.LARGE
# Shapes of exactly 2**18 elements, of rank 1 to 4.
SHAPES = ((BIG,), (512, 512), (64, 64, 64), (8, 8, 64, 64))
shapes = st.sampled_from(SHAPES)
# A few dtypes only: each (op, dtype) pair compiles its own parallel kernel in a numba backend.
FLOAT_DTYPES = S.dtypes(("float32", "float64"))


def big(dtype, shape=shapes, lo=-100, hi=100, layouts=S.LAYOUTS):
    return S.large_arrays(dtype, shape, lo=lo, hi=hi, layouts=layouts)


# ---------------------------------------------------------------------------------------------
# elementwise

UNARY = cases([
    ("large.unary-float", api("torch.exp"), "torch.exp(a)", oracle.exp, ("float32", "float64"), dict(lo=-10, hi=10)),
    # a backend may take a vector math library for large inputs (its own accuracy and edge cases)
    ("large.unary-log", api("torch.log"), "torch.log(a)", oracle.log, ("float32", "float64"), dict(lo=0, hi=100)),
    ("large.unary-tanh", api("torch.tanh"), "torch.tanh(a)", oracle.tanh, ("float32", "float64"), dict(lo=-10, hi=10)),
    ("large.unary-sin", api("torch.sin"), "torch.sin(a)", oracle.sin, ("float32", "float64"), dict(lo=-100, hi=100)),
    ("large.unary-same-dtype", api("torch.abs"), "torch.abs(a)", oracle.abs, ("float32", "int64"), {}),
    ("large.unary-operator", api("torch.neg"), "-a", oracle.neg, ("float32", "int64"), {}),
])


@pytest.mark.parametrize("code, fn, kinds, domain", UNARY)
@given(data=st.data())
def test_unary(T, code, fn, kinds, domain, data):
    a = data.draw(big(S.dtypes(kinds), **domain), label="a")
    check(T, code, a, expected=fn)


BINARY = cases([
    ("large.add", api("torch.add"), "a + b", oracle.add),
    ("large.mul", api("torch.mul"), "a * b", oracle.mul),
    ("large.compare", api("torch.gt"), "a > b", oracle.gt),
])


@st.composite
def broadcast_partner(draw, shape):
    """A shape that broadcasts against `shape`: itself, a suffix of it, or it with some 1s."""
    kind = draw(st.sampled_from(("same", "suffix", "ones")))
    if kind == "same":
        return shape
    if kind == "suffix":
        return shape[draw(st.integers(1, len(shape))):]
    return tuple(1 if draw(st.booleans()) else s for s in shape)


@pytest.mark.parametrize("code, fn", BINARY)
@given(data=st.data())
def test_binary(T, code, fn, data):
    a = data.draw(big(S.dtypes(("float32", "int64"))), label="a")
    partner = data.draw(broadcast_partner(a.shape), label="b shape")
    b = data.draw(big(S.dtypes(("float32", "int64")), partner) if math.prod(partner) > 1 else
                  S.arrays(S.dtypes(("float32", "int64")), partner), label="b")
    check(T, code, a, b, expected=fn)


SCALAR = cases([
    ("large.tensor-op-scalar", api("torch.mul"), "a * 2.5", lambda a: oracle.mul(a, 2.5)),
    ("large.scalar-op-tensor", api("torch.sub"), "3 - a", lambda a: oracle.sub(3, a)),
])


@pytest.mark.parametrize("code, fn", SCALAR)
@given(a=big(S.dtypes(("float32", "int64"))))
def test_scalar_operand(T, code, fn, a):
    check(T, code, a, expected=fn)


REVERSED = (5, 4, 3, 2, 1, 0)
RANK6 = (4, 4, 4, 4, 4, 256)


@spec("large.rank-6-strided", doc("tensor_view.html"))
@given(a=big("float32", RANK6, layouts=S.CONTIGUOUS), b=big("float32", RANK6[::-1], layouts=S.CONTIGUOUS))
def test_rank6_strided(T, a, b):
    # A reversed permutation keeps all six dims apart: no two can be merged into one, so a kernel
    # of fixed rank has to loop over the leading ones.
    check(T, "a + b.permute(5, 4, 3, 2, 1, 0)", a, b, expected=lambda a, b: oracle.add(a, b.transpose(REVERSED)))
    check(T, "torch.neg(a.permute(5, 4, 3, 2, 1, 0))", b, expected=lambda b: oracle.neg(b.transpose(REVERSED)))


@spec("large.where", api("torch.where"))
@given(data=st.data())
def test_where(T, data):
    c = data.draw(big("bool"), label="c")
    a = data.draw(big("float32", c.shape), label="a")
    b = data.draw(big("float32", c.shape[1:] or c.shape), label="b")
    check(T, "torch.where(c, a, b)", a, b, c, expected=lambda a, b, c: oracle.where(c, a, b))


@spec("large.where", api("torch.where"))
@given(c=big("bool", (BIG,), layouts=S.CONTIGUOUS), a=big("float32", (BIG,), layouts=S.CONTIGUOUS),
       b=big("float32", (BIG,), layouts=S.CONTIGUOUS))
def test_where_contiguous(T, c, a, b):
    # every operand contiguous and of the output's shape: the parallel ternary kernel
    check(T, "torch.where(c, a, b)", a, b, c, expected=lambda a, b, c: oracle.where(c, a, b))


@spec("large.clamp-tensor-bounds", api("torch.clamp"))
@given(data=st.data())
def test_clamp(T, data):
    a = data.draw(big("float32"), label="a")
    lo = data.draw(big("float32", a.shape, lo=-100, hi=0), label="b")
    check(T, "torch.clamp(a, min=b, max=b + 50)", a, lo, expected=lambda a, lo: oracle.clamp(a, lo, lo + 50))


# ---------------------------------------------------------------------------------------------
# reductions

def _dims(shape):
    """None, the first dim, the last dim, and (when there are three or more) two dims that are not
    adjacent, which a kernel over (outer, reduced, inner) can only reach after a copy."""
    out = [None, 0, -1]
    if len(shape) >= 3:
        out.append((0, len(shape) - 1))
    return st.sampled_from(out)


def _count(shape, dim):
    return math.prod(shape[d] for d in oracle.normalize_dims(dim, len(shape))) if dim is not None else math.prod(shape)


def _abs_sum(x, dim):
    return np.abs(x.astype(np.float64)).sum(axis=oracle.normalize_dims(dim, x.ndim) if dim is not None else None)


@spec("large.sum", api("torch.sum"))
@given(data=st.data())
def test_sum(T, data):
    x = data.draw(big(S.dtypes(("float32", "float64", "int32"))), label="a")
    dim = data.draw(_dims(x.shape), label="dim")
    code = "torch.sum(a)" if dim is None else "torch.sum(a, b)"
    check(T, code, x, dim, expected=lambda x, d: oracle.sum(x, d), reduce=_count(x.shape, dim),
          magnitude=lambda x, d: _abs_sum(x, d))


@spec("large.sum-non-adjacent-dims", api("torch.sum"))
@given(x=big(S.dtypes(("float32", "int64")), st.sampled_from(SHAPES[2:])))
def test_sum_non_adjacent_dims(T, x):
    # dims 0 and -1 of a rank-3+ tensor are not neighbours: no (outer, reduced, inner) view of
    # the input reduces over both, so an implementation may copy first.
    check(T, "torch.sum(a, (0, -1))", x, expected=lambda x: oracle.sum(x, (0, -1)), reduce=x.shape[0] * x.shape[-1],
          magnitude=lambda x: _abs_sum(x, (0, -1)))


@spec("large.mean", api("torch.mean"))
@given(data=st.data())
def test_mean(T, data):
    x = data.draw(big(FLOAT_DTYPES), label="a")
    dim = data.draw(_dims(x.shape), label="dim")
    n = _count(x.shape, dim)
    check(T, "torch.mean(a, b, keepdim=True)" if dim is not None else "a.mean()", x, dim,
          expected=lambda x, d: oracle.mean(x, d, keepdim=d is not None), reduce=n,
          magnitude=lambda x, d: _abs_sum(x, d).reshape(oracle.mean(x, d, keepdim=d is not None).shape) / n)


@spec("large.max-argmax", api("torch.max"))
@given(data=st.data())
def test_max_dim(T, data):
    # integers from a small range: ties everywhere, so the first-occurrence index is checked too
    x = data.draw(big(S.dtypes(("float32", "int64")), lo=-20, hi=20), label="a")
    d = data.draw(st.sampled_from((0, -1)), label="dim")
    check(T, "torch.max(a, b)", x, d, expected=lambda x, d: oracle.max_dim(x, d))
    check(T, "torch.argmin(a)", x, expected=lambda x: oracle.argmin(x))


@spec("large.cumsum", api("torch.cumsum"))
@given(data=st.data())
def test_cumsum(T, data):
    # float32 (accumulated in float64 by torch) and int64: float64 scans are sequential in torch too
    x = data.draw(big(S.dtypes(("float32", "int64")), shapes.filter(lambda s: len(s) > 1)), label="a")
    d = data.draw(st.sampled_from((0, -1)), label="dim")
    n = x.shape[d]
    check(T, "torch.cumsum(a, b)", x, d, expected=lambda x, d: oracle.cumsum(x, d), reduce=n,
          magnitude=lambda x, d: np.cumsum(np.abs(x.astype(np.float64)), axis=d))


@spec("large.softmax", api("torch.softmax"))
@given(data=st.data())
def test_softmax(T, data):
    x = data.draw(big(FLOAT_DTYPES, shapes.filter(lambda s: len(s) > 1), lo=-20, hi=20), label="a")
    d = data.draw(st.sampled_from((0, -1)), label="dim")
    check(T, "torch.softmax(a, b)", x, d, expected=lambda x, d: oracle.softmax(x, d), reduce=x.shape[d], scale=1.0)
    check(T, "torch.logsumexp(a, b)", x, d, expected=lambda x, d: oracle.logsumexp(x, d), reduce=x.shape[d], scale=1.0)


@spec("large.var", api("torch.var"))
@given(data=st.data())
def test_var(T, data):
    x = data.draw(big(FLOAT_DTYPES, shapes.filter(lambda s: len(s) > 1), lo=-10, hi=10), label="a")
    d = data.draw(st.sampled_from((0, -1)), label="dim")
    check(T, "torch.var(a, b)", x, d, expected=lambda x, d: oracle.var(x, d), reduce=x.shape[d], scale=100.0)


# ---------------------------------------------------------------------------------------------
# indexing, joining, matrix products, in-place, copies

INDEXING = doc("tensor_view.html")


@spec("large.integer-index", INDEXING)
@given(x=big("float32", (512, 512)), seed=st.integers(0, 2 ** 32 - 1))
def test_integer_index(T, x, seed):
    i = np.random.default_rng(seed).integers(-512, 512, 1024)
    check(T, "a[b]", x, i, expected=lambda x, i: x[i])


@spec("large.mask-index", api("torch.masked_select"))
@given(data=st.data())
def test_mask_index(T, data):
    x = data.draw(big("float32"), label="a")
    m = data.draw(big("bool", x.shape), label="b")
    check(T, "a[b]", x, m, expected=lambda x, m: x[m])


@spec("large.setitem-integer-index", api("torch.Tensor.__setitem__"))
@given(x=big("float64", (1024, 256), layouts=S.WRITABLE), v=big("float64", (512, 256)), seed=st.integers(0, 2 ** 32 - 1))
def test_setitem(T, x, v, seed):
    i = np.random.default_rng(seed).permutation(1024)[:512]  # distinct rows: no write order to agree on

    def twin(x, v, i):
        y = x.copy()
        y[i] = v
        return y
    check(T, "a[c] = b; a", x, v, i, expected=twin)


@spec("large.index-put-accumulate", api("torch.Tensor.index_put_"))
@given(x=big("float64", (BIG,), layouts=S.WRITABLE), v=big("float64", (BIG,), lo=-1, hi=1),
       seed=st.integers(0, 2 ** 32 - 1))
def test_index_put_accumulate(T, x, v, seed):
    i = np.random.default_rng(seed).integers(0, 64, BIG)  # many repeats: they all add up

    def twin(x, v, i):
        y = x.copy()
        np.add.at(y, i, v)
        return y

    def magnitude(x, v, i):
        return twin(np.abs(x), np.abs(v), i)
    check(T, "a.index_put_((c,), b, accumulate=True); a", x, v, i, expected=twin, reduce=int(np.bincount(i).max()),
          magnitude=magnitude)


@spec("large.cat", api("torch.cat"))
@given(data=st.data())
def test_cat(T, data):
    a = data.draw(big(S.dtypes(("float32", "int64"))), label="a")
    d = data.draw(st.integers(-a.ndim, a.ndim - 1), label="dim")
    b = data.draw(big(str(a.dtype), a.shape), label="b")
    check(T, "torch.cat([a, b], c)", a, b, d, expected=lambda a, b, d: np.concatenate([a, b], axis=d))
    check(T, "torch.stack([a, b], c)", a, b, d, expected=lambda a, b, d: np.stack([a, b], axis=d))


MATMUL = cases([
    ("large.matmul-float", api("torch.matmul"), "float32", (512, 16), (16, 512)),
    ("large.matmul-batched-broadcast", api("torch.matmul"), "float64", (4, 256, 8), (8, 256)),
    ("large.matmul-both-batched", api("torch.matmul"), "float32", (4, 1, 128, 8), (1, 4, 8, 128)),
    ("large.matmul-integer", api("torch.matmul"), "int64", (512, 4), (4, 512)),
])


@pytest.mark.parametrize("dtype, left, right", MATMUL)
@given(data=st.data())
def test_matmul(T, dtype, left, right, data):
    a = data.draw(big(dtype, left, lo=-10, hi=10), label="a")
    b = data.draw(big(dtype, right, lo=-10, hi=10), label="b")
    check(T, "a @ b", a, b, expected=oracle.matmul, reduce=left[-1],
          magnitude=lambda a, b: oracle.matmul(np.abs(a.astype(np.float64)), np.abs(b.astype(np.float64))))


INPLACE = cases([
    ("large.inplace-add", api("torch.Tensor.add_"), "a.add_(b); a", oracle.add),
    ("large.inplace-mul-scalar", api("torch.Tensor.mul_"), "a.mul_(3); a", lambda a, b: oracle.mul(a, 3)),
    ("large.inplace-copy", api("torch.Tensor.copy_"), "a.copy_(b); a", lambda a, b: np.broadcast_to(b, a.shape).astype(a.dtype)),
])


@pytest.mark.parametrize("code, fn", INPLACE)
@given(data=st.data())
def test_inplace(T, code, fn, data):
    a = data.draw(big("float32", layouts=S.WRITABLE), label="a")
    b = data.draw(big("float32", data.draw(broadcast_partner(a.shape), label="b shape")), label="b")
    check(T, code, a, b, expected=lambda a, b: fn(a, b).astype(a.dtype))


COPIES = cases([
    ("large.contiguous", api("torch.Tensor.contiguous"), "a.contiguous()", lambda a: a),
    ("large.clone", api("torch.clone"), "a.clone()", lambda a: a),
    ("large.convert", api("torch.Tensor.to"), "a.to(torch.float64)", lambda a: a.astype(np.float64)),
    ("large.convert-to-integer", api("torch.Tensor.to"), "a.to(torch.int32)", lambda a: a.astype(np.int32)),
])


@pytest.mark.parametrize("code, fn", COPIES)
@given(a=big("float32"))
def test_copies(T, code, fn, a):
    check(T, code, a, expected=fn)
