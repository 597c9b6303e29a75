"""Matrix products (https://pytorch.org/docs/stable/generated/torch.matmul.html and the mm, bmm, mv,
dot, outer pages): shape rules, batch broadcasting, shape errors."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import oracle
from . import strategies as S
from .catalogue import api, cases, seed, spec
from . import seed_passages as SP
from .harness import check, check_raises

side = st.integers(1, 5)


@st.composite
def operand_shapes(draw, kind):
    n, k, m = draw(side), draw(side), draw(side)
    if kind == "1d-1d":
        return (k,), (k,)
    if kind == "2d-2d":
        return (n, k), (k, m)
    if kind == "1d-2d":
        return (k,), (k, m)
    if kind == "2d-1d":
        return (n, k), (k,)
    if kind == "nd-1d":
        batch = draw(S.shapes(1, 2, max_side=3))
        return (batch + (n, k), (k,)) if draw(st.booleans()) else ((k,), batch + (k, m))
    if kind == "both-stretch":  # (B, 1) against (1, C): each operand's batch dims stretch
        b, c = draw(st.integers(2, 3)), draw(st.integers(2, 3))
        return (b, 1, n, k), (1, c, k, m)
    b1, b2 = draw(S.broadcastable_shapes(2, max_dims=2, max_side=3))
    return b1 + (n, k), b2 + (k, m)


MATMUL = cases([
    ("linalg.matmul-1d-1d-is-dot", api("torch.matmul"), "1d-1d"),
    ("linalg.matmul-2d-2d", api("torch.matmul"), "2d-2d"),
    ("linalg.matmul-1d-first-gains-leading-dim", api("torch.matmul"), "1d-2d"),
    ("linalg.matmul-1d-second-gains-trailing-dim", api("torch.matmul"), "2d-1d"),
    ("linalg.matmul-batched-with-1d", api("torch.matmul"), "nd-1d"),
    ("linalg.matmul-batch-dims-broadcast", api("torch.matmul"), "batched"),
    ("linalg.matmul-both-batch-dims-stretch", api("torch.matmul"), "both-stretch"),
])


@pytest.mark.parametrize("kind", MATMUL)
@given(data=st.data())
def test_matmul(T, kind, data):
    s1, s2 = data.draw(operand_shapes(kind), label="shapes")
    dt = data.draw(S.dtypes(("float32", "float64")), label="dtype")
    a = data.draw(S.arrays(dt, s1, lo=-10, hi=10), label="a")
    b = data.draw(S.arrays(dt, s2, lo=-10, hi=10), label="b")
    check(T, "torch.matmul(a, b)", a, b, expected=oracle.matmul, reduce=s1[-1])
    check(T, "a @ b", a, b, expected=oracle.matmul, reduce=s1[-1])


# An operand whose matrices are stored transposed (column-major): kernels read it as a transposed flag.
_COLUMN_MAJOR = "{0}.transpose(-2, -1).contiguous().transpose(-2, -1)"


@spec("linalg.matmul-column-major-operands", api("torch.matmul"))
@pytest.mark.parametrize("code", [f"{_COLUMN_MAJOR.format('a')} @ b", f"a @ {_COLUMN_MAJOR.format('b')}",
                                  f"{_COLUMN_MAJOR.format('a')} @ {_COLUMN_MAJOR.format('b')}"],
                         ids=["a", "b", "both"])
@given(data=st.data(), batch=st.sampled_from([(), (2,)]), n=st.integers(2, 5), k=st.integers(2, 5),
       m=st.integers(2, 5))
def test_matmul_column_major_operands(T, code, data, batch, n, k, m):
    dt = data.draw(S.dtypes(("float32", "float64")), label="dtype")
    a = data.draw(S.arrays(dt, batch + (n, k), lo=-10, hi=10), label="a")
    b = data.draw(S.arrays(dt, batch + (k, m), lo=-10, hi=10), label="b")
    check(T, code, a, b, expected=oracle.matmul, reduce=k)


@spec("linalg.matmul-integer", api("torch.matmul"))
@given(data=st.data())
def test_matmul_int(T, data):
    s1, s2 = data.draw(operand_shapes("2d-2d"), label="shapes")
    a = data.draw(S.arrays("int64", s1, lo=-10, hi=10), label="a")
    b = data.draw(S.arrays("int64", s2, lo=-10, hi=10), label="b")
    check(T, "a.matmul(b)", a, b, expected=oracle.matmul)


@spec("linalg.matmul-seed-attention-scores", SP.TENSOR_OPS)
@given(data=st.data())
def test_attention_scores(T, data):
    b, h, n, d = (data.draw(st.integers(1, 3)) for _ in range(4))
    q = data.draw(S.arrays("float32", (b, h, n, d)), label="a")
    k = data.draw(S.arrays("float32", (b, h, n, d)), label="b")
    check(T, "(a @ b.transpose(-2, -1)) * 0.5", q, k,
          expected=lambda q, k: oracle.mul(oracle.matmul(q, np.swapaxes(k, -1, -2)), 0.5), reduce=d)


PRODUCTS = cases([
    ("linalg.mm", api("torch.mm"), "torch.mm(a, b)", "2d-2d", oracle.matmul),
    ("linalg.mv", api("torch.mv"), "torch.mv(a, b)", "2d-1d", oracle.matmul),
    ("linalg.dot", api("torch.dot"), "torch.dot(a, b)", "1d-1d", oracle.matmul),
    ("linalg.outer", api("torch.outer"), "torch.outer(a, b)", "outer", oracle.outer),
    ("linalg.bmm", api("torch.bmm"), "torch.bmm(a, b)", "bmm", oracle.matmul),
])


@pytest.mark.parametrize("code, kind, fn", PRODUCTS)
@given(data=st.data())
def test_products(T, code, kind, fn, data):
    if kind == "outer":
        s1, s2 = (data.draw(side),), (data.draw(side),)
    elif kind == "bmm":
        bsz, n, k, m = (data.draw(side) for _ in range(4))
        s1, s2 = (bsz, n, k), (bsz, k, m)
    else:
        s1, s2 = data.draw(operand_shapes(kind), label="shapes")
    dt = data.draw(S.dtypes(("float32", "float64")), label="dtype")
    a = data.draw(S.arrays(dt, s1, lo=-10, hi=10), label="a")
    b = data.draw(S.arrays(dt, s2, lo=-10, hi=10), label="b")
    check(T, code, a, b, expected=fn, reduce=s1[-1])


@spec("linalg.mm-inner-mismatch-raises", api("torch.mm"))
@given(n=side, k1=side, k2=side, m=side, form=st.sampled_from(["torch.mm(a, b)", "a @ b", "torch.matmul(a, b)"]))
def test_mm_mismatch(T, n, k1, k2, m, form):
    if k1 == k2:
        k2 += 1
    # The message names both inner sizes (torch: "mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)").
    check_raises(T, form, np.ones((n, k1), np.float32), np.ones((k2, m), np.float32), exc=RuntimeError,
                 contains=(k1, k2))


@spec("linalg.matmul-batched-mismatch-raises", api("torch.matmul"))
@given(bsz=side, n=side, k1=side, k2=side, m=side)
def test_batched_mismatch(T, bsz, n, k1, k2, m):
    if k1 == k2:
        k2 += 1
    check_raises(T, "a @ b", np.ones((bsz, n, k1), np.float32), np.ones((bsz, k2, m), np.float32),
                 exc=RuntimeError, contains=(k1, k2))


SHAPE_ERRORS = cases([
    ("linalg.dot-length-mismatch-raises", api("torch.dot"), "torch.dot(a, b)", (3,), (4,)),
    ("linalg.dot-needs-1d", api("torch.dot"), "torch.dot(a, b)", (2, 2), (2, 2)),
    ("linalg.mm-needs-2d", api("torch.mm"), "torch.mm(a, b)", (2,), (2, 2)),
    ("linalg.mv-size-mismatch-raises", api("torch.mv"), "torch.mv(a, b)", (2, 3), (4,)),
    ("linalg.bmm-needs-3d", api("torch.bmm"), "torch.bmm(a, b)", (2, 3), (3, 2)),
    ("linalg.bmm-batch-mismatch-raises", api("torch.bmm"), "torch.bmm(a, b)", (2, 3, 4), (3, 4, 5)),
    ("linalg.matmul-zero-dim-raises", api("torch.matmul"), "torch.matmul(a, b)", (), (3,)),
    ("linalg.matmul-1d-mismatch-raises", api("torch.matmul"), "torch.matmul(a, b)", (4,), (5, 6)),
    ("linalg.outer-needs-1d", api("torch.outer"), "torch.outer(a, b)", (2, 3), (3,)),
    ("linalg.matmul-batch-not-broadcastable-raises", api("torch.matmul"), "a @ b", (2, 2, 3), (3, 3, 4)),
])


@pytest.mark.parametrize("code, s1, s2", SHAPE_ERRORS)
def test_shape_errors(T, code, s1, s2):
    check_raises(T, code, np.ones(s1, np.float32), np.ones(s2, np.float32), exc=RuntimeError)


@spec("linalg.mm-dtype-mismatch-raises", api("torch.mm"))
@pytest.mark.parametrize("code", ["torch.mm(a, b)", "torch.dot(a[0], b[:, 0])", "a @ b"], ids=["mm", "dot", "matmul"])
def test_dtype_mismatch(T, code):
    check_raises(T, code, np.ones((3, 3), np.float32), np.ones((3, 3), np.float64), exc=RuntimeError)
