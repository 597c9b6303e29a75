"""In-place ops: results land in self's dtype, return self, and write through views
(https://pytorch.org/docs/stable/tensors.html, "in-place operations ... are suffixed with _")."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import oracle
from . import strategies as S
from .catalogue import api, cases, seed, spec
from . import seed_passages as SP
from .harness import check

INPLACE = cases([
    ("inplace.add-tensor", SP.INPLACE_MODIFIES, "a.add_(b); a", oracle.add),
    ("inplace.sub-tensor", api("torch.Tensor.sub_"), "a.sub_(b); a", oracle.sub),
    ("inplace.mul-tensor", api("torch.Tensor.mul_"), "a.mul_(b); a", oracle.mul),
    ("inplace.div-tensor", api("torch.Tensor.div_"), "a.div_(b); a", oracle.div),
])


@pytest.mark.parametrize("code, fn", INPLACE)
@given(data=st.data())
def test_inplace_tensor(T, code, fn, data):
    shape = data.draw(S.shapes(1, 3), label="shape")
    a = data.draw(S.arrays(S.dtypes(S.FLOATS), shape, lo=-20, hi=20, layouts=S.WRITABLE), label="a")
    b_shape = shape[data.draw(st.integers(0, len(shape))):]
    b = data.draw(S.arrays(S.dtypes(S.FLOATS + S.SIGNED_INTS), b_shape, lo=-20, hi=20, avoid=0.5), label="b")
    check(T, code, a, b, expected=lambda a, b: fn(a, b).astype(a.dtype))


SCALAR = cases([
    ("inplace.add-scalar", SP.INPLACE_MODIFIES, "a.add_(b); a", oracle.add),
    ("inplace.mul-scalar", SP.INPLACE_MODIFIES, "a.mul_(b); a", oracle.mul),
    ("inplace.sub-scalar", api("torch.Tensor.sub_"), "a.sub_(b); a", oracle.sub),
    ("inplace.div-scalar", api("torch.Tensor.div_"), "a.div_(b); a", oracle.div),
    ("inplace.iadd-operator", api("torch.Tensor.add_"), "a += b; a", oracle.add),
    ("inplace.imul-operator", api("torch.Tensor.mul_"), "a *= b; a", oracle.mul),
])


@pytest.mark.parametrize("code, fn", SCALAR)
@given(x=S.arrays(S.dtypes(S.FLOATS), lo=-20, hi=20, layouts=S.WRITABLE), s=st.one_of(S.scalars("int", 1, 5), S.scalars("float", 0.5, 5)))
def test_inplace_scalar(T, code, fn, x, s):
    check(T, code, x, s, expected=lambda a, s: fn(a, s).astype(a.dtype))


@spec("inplace.integer-add-stays-integer", api("torch.Tensor.add_"))
@given(x=S.arrays(S.dtypes(S.SIGNED_INTS), lo=-50, hi=50, layouts=S.WRITABLE), s=S.scalars("int", -50, 50))
def test_inplace_int(T, x, s):
    check(T, "a.add_(b); a", x, s, expected=lambda a, s: oracle.add(a, s))


RETURNS_SELF = cases([
    ("inplace.returns-self", api("torch.Tensor.add_"), "a.add_(1) is a"),
    ("inplace.zero-returns-self", api("torch.Tensor.zero_"), "a.zero_() is a"),
    ("inplace.fill-returns-self", api("torch.Tensor.fill_"), "a.fill_(2) is a"),
    ("inplace.copy-returns-self", api("torch.Tensor.copy_"), "a.copy_(a * 2) is a"),
    ("inplace.clamp-returns-self", api("torch.Tensor.clamp_"), "a.clamp_(min=0) is a"),
])


@pytest.mark.parametrize("code", RETURNS_SELF)
@given(x=S.arrays("float32", layouts=S.WRITABLE))
def test_returns_self(T, code, x):
    check(T, code, x, expected=True)


@spec("inplace.zero", SP.INPLACE_MODIFIES)
@given(x=S.arrays(S.dtypes(), layouts=S.WRITABLE))
def test_zero(T, x):
    check(T, "a.zero_(); a", x, expected=lambda x: np.zeros_like(x))


@spec("inplace.fill-scalar", api("torch.Tensor.fill_"))
@given(x=S.arrays(S.dtypes(S.FLOATS), layouts=S.WRITABLE), v=S.scalars("float", -50, 50))
def test_fill(T, x, v):
    check(T, "a.fill_(b); a", x, v, expected=lambda x, v: np.full_like(x, v))


@spec("inplace.fill-zero-dim-tensor", api("torch.Tensor.fill_"))
@given(x=S.arrays("float64", layouts=S.WRITABLE), v=S.arrays("float64", ()))
def test_fill_tensor(T, x, v):
    check(T, "a.fill_(b); a", x, v, expected=lambda x, v: np.full_like(x, v))


@spec("inplace.copy-broadcasts-and-converts", api("torch.Tensor.copy_"))
@given(data=st.data())
def test_copy(T, data):
    shape = data.draw(S.shapes(1, 3), label="shape")
    a = data.draw(S.arrays(S.dtypes(S.NUMERIC), shape, lo=0, hi=100, layouts=S.WRITABLE), label="a")
    b = data.draw(S.arrays(S.dtypes(S.NUMERIC), shape[data.draw(st.integers(0, len(shape))):], lo=0, hi=100), label="b")
    # Float to integer conversion truncates toward zero, as NumPy's astype does.
    check(T, "a.copy_(b); a", a, b, expected=lambda a, b: np.broadcast_to(b, a.shape).astype(a.dtype))


@spec("inplace.clamp", api("torch.Tensor.clamp_"))
@given(x=S.arrays(S.dtypes(S.FLOATS), layouts=S.WRITABLE), lo=S.scalars("float", -50, 0), hi=S.scalars("float", 0, 50))
def test_clamp_(T, x, lo, hi):
    check(T, "a.clamp_(b, c); a", x, lo, hi, expected=lambda a, lo, hi: oracle.clamp(a, lo, hi))


# Views of a matrix, as code and as the NumPy twin.
VIEWS = {
    "t": ("a.t()", lambda y: y.T),
    "column": ("a[:, 0]", lambda y: y[:, 0]),
    "row": ("a[1]", lambda y: y[1]),
    "step-rows": ("a[::2]", lambda y: y[::2]),
    "flat-slice": ("a.view(-1)[1:3]", lambda y: y.reshape(-1)[1:3]),
    "narrow": ("a.narrow(1, 1, 1)", lambda y: y[:, 1:2]),
    "unsqueeze": ("a.unsqueeze(0)", lambda y: y[None]),
    "permute-step": ("a.permute(1, 0)[::2]", lambda y: y.T[::2]),
}

OPS = {
    "add_": ("add_(1.5)", lambda v: np.add(v, 1.5, out=v, casting="unsafe")),
    "mul_": ("mul_(-2)", lambda v: np.multiply(v, -2, out=v, casting="unsafe")),
    "zero_": ("zero_()", lambda v: v.fill(0)),
    "fill_": ("fill_(7)", lambda v: v.fill(7)),
    "copy_": ("copy_(torch.ones(1, device=dev) * 3)", lambda v: v.fill(3)),
    "clamp_": ("clamp_(-1, 1)", lambda v: np.clip(v, -1, 1, out=v)),
}


@spec("inplace.writes-through-views", api("torch.Tensor.view"))
@pytest.mark.parametrize("op", list(OPS))
@pytest.mark.parametrize("view", list(VIEWS))
# flat-slice takes a.view(-1): a contiguous matrix
@given(x=S.arrays("float32", st.tuples(st.integers(2, 4), st.integers(2, 5)), lo=-5, hi=5, layouts=S.CONTIGUOUS))
def test_inplace_through_view(T, view, op, x):
    view_code, view_twin = VIEWS[view]
    op_code, op_twin = OPS[op]

    def twin(x):
        y = x.copy()
        op_twin(view_twin(y))
        return y
    check(T, f"{view_code}.{op_code}; a", x, expected=twin)
