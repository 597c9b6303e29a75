"""One behaviour row per registry op that no other area spells out yet: the less common elementwise
functions and aliases, views, joins, indexing, in-place twins and Tensor.new_* constructors. Each row
is a line of code in the namespace under test and its float64 NumPy closed form."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import strategies as S
from .catalogue import api, cases, spec
from .harness import check

F64 = np.float64


def _x(a):
    """a * 10 - 5 as the namespace computes it (in float32), then widened."""
    return (a * np.float32(10) - np.float32(5)).astype(F64)


def _f(fn):
    """An elementwise closed form in float64, returned in the input's dtype."""
    return lambda a, b: fn(a.astype(F64), b.astype(F64)).astype(a.dtype)


ROWS = cases([(f"api.{name.replace('_', '-')}", api(page), code, fn) for name, page, code, fn in [
    # elementwise functions and aliases (inputs a, b in [0.1, 0.9])
    ("absolute", "torch.absolute", "torch.absolute(a - 0.5)", _f(lambda a, b: np.abs(a - 0.5))),
    ("log2", "torch.log2", "torch.log2(a)", _f(lambda a, b: np.log2(a))),
    ("log10", "torch.log10", "torch.log10(a)", _f(lambda a, b: np.log10(a))),
    ("tan", "torch.tan", "torch.tan(a)", _f(lambda a, b: np.tan(a))),
    ("asin", "torch.asin", "torch.asin(a)", _f(lambda a, b: np.arcsin(a))),
    ("arcsin", "torch.arcsin", "torch.arcsin(a)", _f(lambda a, b: np.arcsin(a))),
    ("acos", "torch.acos", "torch.acos(a)", _f(lambda a, b: np.arccos(a))),
    ("arccos", "torch.arccos", "torch.arccos(a)", _f(lambda a, b: np.arccos(a))),
    ("atan", "torch.atan", "torch.atan(a)", _f(lambda a, b: np.arctan(a))),
    ("arctan", "torch.arctan", "torch.arctan(a)", _f(lambda a, b: np.arctan(a))),
    ("sinh", "torch.sinh", "torch.sinh(a)", _f(lambda a, b: np.sinh(a))),
    ("cosh", "torch.cosh", "torch.cosh(a)", _f(lambda a, b: np.cosh(a))),
    ("arcsinh", "torch.arcsinh", "torch.arcsinh(a - 0.5)", _f(lambda a, b: np.arcsinh(a - 0.5))),
    ("fix", "torch.fix", "torch.fix(a * 10 - 5)", lambda a, b: np.trunc(_x(a)).astype(a.dtype)),
    ("frac", "torch.frac", "torch.frac(a * 10 - 5)", lambda a, b: (_x(a) - np.trunc(_x(a))).astype(a.dtype)),
    ("erf", "torch.erf", "torch.erf(a)", _f(lambda a, b: np.vectorize(__import__("math").erf)(a))),
    ("erfc", "torch.erfc", "torch.erfc(a)", _f(lambda a, b: np.vectorize(__import__("math").erfc)(a))),
    ("fmod", "torch.fmod", "torch.fmod(a * 10 - 5, b)", lambda a, b: np.fmod(_x(a), b.astype(F64)).astype(a.dtype)),
    ("atan2", "torch.atan2", "torch.atan2(a - 0.5, b)", _f(lambda a, b: np.arctan2(a - 0.5, b))),
    ("arctan2", "torch.arctan2", "torch.arctan2(a - 0.5, b)", _f(lambda a, b: np.arctan2(a - 0.5, b))),
    ("fmax", "torch.fmax", "torch.fmax(a, b)", _f(np.fmax)),
    ("fmin", "torch.fmin", "torch.fmin(a, b)", _f(np.fmin)),
    ("lerp", "torch.lerp", "torch.lerp(a, b, 0.25)", _f(lambda a, b: a + 0.25 * (b - a))),
    ("true_divide", "torch.true_divide", "torch.true_divide(a, b)", _f(np.divide)),
    # torch.clamp_min/clamp_max, torch.index_put and torch.scalar_tensor have no pages of their own: they cite the
    # page that states them (torch.clamp, Tensor.index_put, torch.full of size ())
    ("clamp_min", "torch.clamp", "torch.clamp_min(a, 0.5)", _f(lambda a, b: np.maximum(a, 0.5))),
    ("clamp_max", "torch.clamp", "torch.clamp_max(a, 0.5)", _f(lambda a, b: np.minimum(a, 0.5))),
    ("isclose", "torch.isclose", "torch.isclose(a, a + 1e-9)", lambda a, b: np.ones(a.shape, bool)),
    ("allclose", "torch.allclose", "(torch.allclose(a, a), torch.allclose(a, a + 1))", lambda a, b: (True, False)),
    ("is_nonzero", "torch.is_nonzero", "torch.is_nonzero(a.sum() + 1)", lambda a, b: True),
    ("is_tensor", "torch.is_tensor", "(torch.is_tensor(a), torch.is_tensor(1.0))", lambda a, b: (True, False)),
    ("broadcast_tensors", "torch.broadcast_tensors", "torch.broadcast_tensors(a, b[:1])",
     lambda a, b: tuple(np.broadcast_arrays(a, b[:1]))),
    # reductions returning pairs
    ("var_mean", "torch.var_mean", "torch.var_mean(a, 0)",
     lambda a, b: (a.astype(F64).var(axis=0, ddof=1).astype(a.dtype), a.astype(F64).mean(axis=0).astype(a.dtype))),
    ("std_mean", "torch.std_mean", "torch.std_mean(a, 0)",
     lambda a, b: (a.astype(F64).std(axis=0, ddof=1).astype(a.dtype), a.astype(F64).mean(axis=0).astype(a.dtype))),
    ("ger", "torch.ger", "torch.ger(a[0], b[0])", _f(lambda a, b: np.outer(a[0], b[0]))),
    # joining and shape
    ("hstack", "torch.hstack", "torch.hstack([a, b])", lambda a, b: np.hstack([a, b])),
    ("vstack", "torch.vstack", "torch.vstack([a, b])", lambda a, b: np.vstack([a, b])),
    ("tensor_split", "torch.tensor_split", "torch.tensor_split(a, 2, dim=1)",
     lambda a, b: tuple(np.array_split(a, 2, axis=1))),
    ("roll", "torch.roll", "torch.roll(a, 1, 1)", lambda a, b: np.roll(a, 1, 1)),
    ("tile", "torch.tile", "torch.tile(a, (2, 1))", lambda a, b: np.tile(a, (2, 1))),
    ("tril", "torch.tril", "torch.tril(a)", lambda a, b: np.tril(a)),
    ("triu", "torch.triu", "torch.triu(a, 1)", lambda a, b: np.triu(a, 1)),
    ("repeat", "torch.Tensor.repeat", "a.repeat(2, 1)", lambda a, b: np.tile(a, (2, 1))),
    ("unflatten", "torch.unflatten", "torch.unflatten(a.reshape(-1), 0, (a.shape[0], -1))", lambda a, b: a),
    ("swapdims", "torch.swapdims", "torch.swapdims(a, 0, 1)", lambda a, b: a.T),
    ("movedim", "torch.movedim", "torch.movedim(a, 0, 1)", lambda a, b: a.T),
    ("select", "torch.select", "torch.select(a, 1, 0)", lambda a, b: a[:, 0]),
    ("as_strided", "torch.as_strided", "torch.as_strided(a.contiguous(), (2,), (1,))", lambda a, b: a.reshape(-1)[:2]),
    ("view_as", "torch.Tensor.view_as", "a.contiguous().view_as(b.reshape(-1))", lambda a, b: a.reshape(-1)),
    ("reshape_as", "torch.Tensor.reshape_as", "a.reshape_as(b.reshape(-1))", lambda a, b: a.reshape(-1)),
    ("expand_as", "torch.Tensor.expand_as", "a[:1].expand_as(b)", lambda a, b: np.broadcast_to(a[:1], b.shape)),
    # indexing
    ("masked_select", "torch.masked_select", "torch.masked_select(a, a > 0.5)", lambda a, b: a[a > 0.5]),
    ("index_select", "torch.index_select", "torch.index_select(a, 1, torch.tensor([1, 0]))", lambda a, b: a[:, [1, 0]]),
    ("nonzero", "torch.nonzero", "torch.nonzero(a > 0.5)", lambda a, b: np.argwhere(a > 0.5)),
    ("scatter", "torch.scatter", "torch.scatter(a, 1, torch.tensor([[1], [0]]).expand(a.shape[0], 1)[:a.shape[0]], 7.0)",
     None),
    ("scatter_add", "torch.scatter_add", "torch.scatter_add(a, 1, torch.zeros(a.shape[0], 1, dtype=torch.int64), b[:, :1])",
     lambda a, b: a + np.pad(b[:, :1], ((0, 0), (0, a.shape[1] - 1)))),
    ("nansum", "torch.nansum", "torch.nansum(torch.where(a > 0.5, float('nan'), a))",
     lambda a, b: np.where(a > 0.5, 0, a).astype(F64).sum().astype(a.dtype)),
    ("index_fill", "torch.Tensor.index_fill", "a.index_fill(-1, torch.tensor(0), 2.0)",
     lambda a, b: np.concatenate([np.full_like(a[:, :1], 2.0), a[:, 1:]], axis=1)),
    ("index_put", "torch.Tensor.index_put", "torch.index_put(a, (torch.tensor([0]),), torch.tensor(2.0))",
     lambda a, b: np.concatenate([np.full_like(a[:1], 2.0), a[1:]])),
    ("type_as", "torch.Tensor.type_as", "a.type_as(torch.zeros(1, dtype=torch.float64))", lambda a, b: a.astype(F64)),
    ("char", "torch.Tensor.char", "(a * 10).char()", lambda a, b: (a * np.float32(10)).astype(np.int8)),
    # in-place twins of non-elementwise ops
    ("masked_fill_", "torch.Tensor.masked_fill_", "a.masked_fill_(a > 0.5, 0.0)", lambda a, b: np.where(a > 0.5, 0, a)),
    ("index_fill_", "torch.Tensor.index_fill_", "a.index_fill_(0, torch.tensor([0]), 2.0)",
     lambda a, b: np.concatenate([np.full_like(a[:1], 2.0), a[1:]])),
    ("index_put_", "torch.Tensor.index_put_", "a.index_put_((torch.tensor([0]),), torch.tensor(3.0))",
     lambda a, b: np.concatenate([np.full_like(a[:1], 3.0), a[1:]])),
    ("scatter_", "torch.Tensor.scatter_", "a.scatter_(1, torch.zeros(a.shape[0], 1, dtype=torch.int64), 5.0)",
     lambda a, b: np.concatenate([np.full_like(a[:, :1], 5.0), a[:, 1:]], axis=1)),
    ("scatter_add_", "torch.Tensor.scatter_add_", "a.scatter_add_(1, torch.zeros(a.shape[0], 1, dtype=torch.int64), b[:, :1])",
     lambda a, b: a + np.pad(b[:, :1], ((0, 0), (0, a.shape[1] - 1)))),
    ("tril_", "torch.Tensor.tril_", "a.tril_()", lambda a, b: np.tril(a)),
    ("triu_", "torch.Tensor.triu_", "a.triu_()", lambda a, b: np.triu(a)),
    ("cumsum_", "torch.Tensor.cumsum_", "a.cumsum_(1)", lambda a, b: np.cumsum(a.astype(F64), 1).astype(a.dtype)),
    ("cumprod_", "torch.Tensor.cumprod_", "a.cumprod_(1)", lambda a, b: np.cumprod(a.astype(F64), 1).astype(a.dtype)),
    ("squeeze_", "torch.Tensor.squeeze_", "a[:1].clone().squeeze_(0)", lambda a, b: a[0]),
    ("unsqueeze_", "torch.Tensor.unsqueeze_", "a.clone().unsqueeze_(0)", lambda a, b: a[None]),
    ("t_", "torch.Tensor.t_", "a.clone().t_()", lambda a, b: a.T),
    ("transpose_", "torch.Tensor.transpose_", "a.clone().transpose_(0, 1)", lambda a, b: a.T),
    ("resize_", "torch.Tensor.resize_", "a.clone().resize_(a.numel())", lambda a, b: a.reshape(-1)),
    ("random_", "torch.Tensor.random_", "r = a.clone().random_(0, 3)\nbool(((r >= 0) & (r < 3) & (r == r.floor())).all())",
     lambda a, b: True),
    ("bernoulli_", "torch.Tensor.bernoulli_", "r = a.clone().bernoulli_(0.5)\nbool(((r == 0) | (r == 1)).all())",
     lambda a, b: True),
    ("exponential_", "torch.Tensor.exponential_", "bool((a.clone().exponential_() >= 0).all())", lambda a, b: True),
    # Tensor.new_* keep dtype and device
    ("new_zeros", "torch.Tensor.new_zeros", "a.new_zeros((2, 1))", lambda a, b: np.zeros((2, 1), a.dtype)),
    ("new_ones", "torch.Tensor.new_ones", "a.new_ones(3)", lambda a, b: np.ones(3, a.dtype)),
    ("new_full", "torch.Tensor.new_full", "a.new_full((2,), 4.5)", lambda a, b: np.full(2, 4.5, a.dtype)),
    ("new_tensor", "torch.Tensor.new_tensor", "a.new_tensor([1, 2])", lambda a, b: np.array([1, 2], a.dtype)),
    ("new_empty", "torch.Tensor.new_empty", "(tuple(a.new_empty(2, 3).shape), a.new_empty(1).dtype == a.dtype)",
     lambda a, b: ((2, 3), True)),
    # creation
    ("logspace", "torch.logspace", "torch.logspace(0, 2, 3)", lambda a, b: np.array([1, 10, 100], np.float32)),
    ("scalar_tensor", "torch.full", "torch.scalar_tensor(2.5)", lambda a, b: np.array(2.5, np.float32)),
    ("randperm", "torch.randperm", "sorted(torch.randperm(5).tolist())", lambda a, b: [0, 1, 2, 3, 4]),
    ("randint_like", "torch.randint_like", "r = torch.randint_like(a, 4)\nbool(((r >= 0) & (r < 4) & (r == r.floor())).all())",
     lambda a, b: True),
    ("normal", "torch.normal", "tuple(torch.normal(0.0, 1.0, size=(2, 3)).shape)", lambda a, b: (2, 3)),
    ("bernoulli", "torch.bernoulli", "r = torch.bernoulli(a)\nbool(((r == 0) | (r == 1)).all())",
     lambda a, b: True),
]])


@pytest.mark.parametrize("code, fn", ROWS)
@given(data=st.data())
def test_registry_op(T, code, fn, data):
    # in-place ops write `a`; resize_ reads its storage order (clone keeps a dense view's strides)
    layouts = S.CONTIGUOUS if "resize_" in code else S.WRITABLE
    a = data.draw(S.arrays("float32", (2, 3), lo=0.1, hi=0.9, layouts=layouts), label="a")
    b = data.draw(S.arrays("float32", (2, 3), lo=0.1, hi=0.9), label="b")
    if fn is None:  # scatter: a constant into column 1 of row 0 and column 0 of row 1
        fn = lambda a, b: np.where(np.array([[False, True, False], [True, False, False]]), np.float32(7), a)  # noqa
    check(T, code, a, b, expected=fn, reduce=3)
