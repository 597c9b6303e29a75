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
