"""Gradients of products against float64 closed forms: for C = A @ B, dA = G @ B^T and dB = A^T @ G,
with 1-D operands promoted and demoted as torch.matmul documents and broadcast batch dims summed
back (https://pytorch.org/docs/stable/generated/torch.matmul.html)."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import oracle_grad as OG
from . import strategies as S
from .catalogue import api, cases, seed, spec
from .grad_harness import check_grad

F64 = "float64"
side = st.integers(1, 4)


@st.composite
def matmul_shapes(draw, left_rank, right_rank):
    """Shapes of ranks (left_rank, right_rank) whose inner dims agree; batch dims broadcast."""
    n, k, m = draw(side), draw(side), draw(side)
    left = (k,) if left_rank == 1 else (n, k)
    right = (k,) if right_rank == 1 else (k, m)
    batch_l = max(left_rank - 2, 0)
    batch_r = max(right_rank - 2, 0)
    if batch_l or batch_r:
        full = tuple(draw(st.lists(st.integers(1, 3), min_size=max(batch_l, batch_r), max_size=max(batch_l, batch_r))))
        bl = tuple(1 if draw(st.booleans()) else s for s in full[len(full) - batch_l:])
        br = tuple(1 if draw(st.booleans()) else s for s in full[len(full) - batch_r:])
        left, right = bl + left, br + right
    return left, right, k


RANKS = [(1, 1), (1, 2), (2, 1), (2, 2), (3, 2), (2, 3), (3, 3), (4, 3), (1, 3), (3, 1)]

MATMUL = [pytest.param(lr, rr, marks=spec("grad.matmul", api("torch.matmul")), id=f"matmul-{lr}d-{rr}d")
          for lr, rr in RANKS]


@pytest.mark.parametrize("left_rank, right_rank", MATMUL)
@given(data=st.data())
def test_matmul(T, left_rank, right_rank, data):
    sa, sb, k = data.draw(matmul_shapes(left_rank, right_rank), label="shapes")
    a = data.draw(S.arrays(F64, sa, lo=-5, hi=5), label="a")
    b = data.draw(S.arrays(F64, sb, lo=-5, hi=5), label="b")
    check_grad(T, data, "torch.matmul(a, b)", a, b, oracle=OG.matmul, reduce=max(k, 4) * 4)


PRODUCTS = cases([
    ("grad.matmul-operator", seed("002", "attn = (q @ k.transpose(-2, -1)) * self.scale"), "a @ b", (2, 2), OG.matmul),
    ("grad.mm", api("torch.mm"), "torch.mm(a, b)", (2, 2), OG.mm),
    ("grad.bmm", api("torch.bmm"), "torch.bmm(a, b)", (3, 3), OG.bmm),
    ("grad.mv", api("torch.mv"), "torch.mv(a, b)", (2, 1), OG.mv),
    ("grad.dot", seed("002", "print(torch.dot(x, y)) # 点积"), "torch.dot(a, b)", (1, 1), OG.dot),
    ("grad.outer", api("torch.outer"), "torch.outer(a, b)", (1, 1), OG.outer),
])


@pytest.mark.parametrize("code, ranks, op", PRODUCTS)
@given(data=st.data())
def test_product(T, code, ranks, op, data):
    n, k, m, batch = data.draw(side, label="n"), data.draw(side, label="k"), data.draw(side, label="m"), \
        data.draw(side, label="batch")
    if op is OG.outer:
        sa, sb = (n,), (m,)
    else:
        sa = {1: (k,), 2: (n, k), 3: (batch, n, k)}[ranks[0]]
        sb = {1: (k,), 2: (k, m), 3: (batch, k, m)}[ranks[1]]
    a = data.draw(S.arrays(F64, sa, lo=-5, hi=5), label="a")
    b = data.draw(S.arrays(F64, sb, lo=-5, hi=5), label="b")
    check_grad(T, data, code, a, b, oracle=op, reduce=16)
