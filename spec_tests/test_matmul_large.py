"""Matrix products large enough that an implementation may split them across threads
(https://pytorch.org/docs/stable/generated/torch.matmul.html): every layout of each operand, with
and without a batch dim. The small-shape rules live in test_linalg.py."""
from hypothesis import given
from hypothesis import strategies as st

from . import oracle
from . import strategies as S
from .catalogue import api, spec
from .harness import check

# 170**3 multiply-adds and up: past the point where the CPU reference cuts a product into row
# chunks for its thread pool (reference/backends/cpu/gemm.py: PARALLEL_GEMM_MIN = 2**22)
SIDE = st.integers(170, 230)


@spec("linalg.matmul-large-any-layout", api("torch.matmul"))
@given(data=st.data())
def test_large_matmul(T, data):
    n, k, m = (data.draw(SIDE, label=name) for name in "nkm")
    batch = data.draw(st.sampled_from([(), (1,), (3,)]), label="batch")
    a = data.draw(S.large_arrays("float32", batch + (n, k), lo=-10, hi=10), label="a")
    b = data.draw(S.large_arrays("float32", batch + (k, m), lo=-10, hi=10), label="b")
    check(T, "a @ b", a, b, expected=oracle.matmul, reduce=k)


@spec("nn.linear-large-fwd-bwd", api("torch.nn.functional.linear"))
@given(data=st.data())
def test_large_linear(T, data):
    # forward and all three gradients of a layer whose products are each past the split point
    n, fin, fout = (data.draw(SIDE, label=name) for name in ("n", "in", "out"))
    x = data.draw(S.large_arrays("float32", (n, fin), lo=-2, hi=2), label="x")
    w = data.draw(S.large_arrays("float32", (fout, fin), lo=-2, hi=2, layouts=("contiguous",)), label="w")
    b = data.draw(S.large_arrays("float32", (fout,), lo=-2, hi=2, layouts=("contiguous",)), label="b")
    g = data.draw(S.large_arrays("float32", (n, fout), lo=-2, hi=2, layouts=("contiguous",)), label="g")

    def expected(x, w, b, g):
        x64, w64, g64 = (v.astype("float64") for v in (x, w, g))
        return ((x64 @ w64.T + b).astype("float32"), (g64 @ w64).astype("float32"),
                (g64.T @ x64).astype("float32"), g64.sum(0).astype("float32"))
    check(T, "x, w, b = (t.detach().requires_grad_(True) for t in (a, b, c))\n"
             "y = torch.nn.functional.linear(x, w, b)\ny.backward(d)\n(y.detach(), x.grad, w.grad, b.grad)",
          x, w, b, g, expected=expected, reduce=max(n, fin, fout))
