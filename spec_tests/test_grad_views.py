"""Gradients of ops that only move elements: views, slicing, advanced indexing, joining and
splitting. Their pullback adds each upstream element into the element it came from (repeated
indices and expanded dims accumulate, dropped elements get zero): oracle_grad.gather."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import oracle_grad as OG
from . import strategies as S
from .catalogue import api, cases, doc, seed, spec
from . import seed_passages as SP
from .grad_harness import check_grad
from .repro import literal

F64 = "float64"
VIEWS = doc("tensor_view.html")
INDEXING = doc("notes/autograd.html")


def x_of(data, min_dims=1, max_dims=4, max_side=5):
    return data.draw(S.arrays(F64, S.shapes(min_dims, max_dims, max_side=max_side), lo=-10, hi=10), label="a")


@st.composite
def reshapes(draw, n):
    """A shape of n elements, maybe with one -1."""
    factors, rest = [], n
    for _ in range(draw(st.integers(0, 3))):
        d = draw(st.sampled_from([d for d in range(1, rest + 1) if rest % d == 0]))
        factors.append(d)
        rest //= d
    factors.append(rest)
    if draw(st.booleans()):
        factors[draw(st.integers(0, len(factors) - 1))] = -1
    return tuple(factors)


def _args(values):
    return ", ".join(str(v) for v in values)


# ---------------------------------------------------------------------------------------------
# views: each row draws its arguments from the array and gives the code and the NumPy twin

@st.composite
def view_case(draw, kind, x):
    nd = x.ndim
    if kind in ("view", "reshape"):
        shape = draw(reshapes(x.size))
        full = tuple(x.size // -np.prod(shape) if s == -1 else s for s in shape)
        return f"a.{kind}({_args(shape)})", lambda v: v.reshape(full)
    if kind == "permute":
        perm = tuple(draw(st.permutations(range(nd))))
        return f"a.permute({_args(perm)})", lambda v: v.transpose(perm)
    if kind == "transpose":
        d0, d1 = draw(S.dims(nd)), draw(S.dims(nd))
        return f"a.transpose({d0}, {d1})", lambda v: np.swapaxes(v, d0, d1)
    if kind == "t":
        return "a.t()", lambda v: v.T
    if kind == "unsqueeze":
        d = draw(st.integers(-nd - 1, nd))
        return f"a.unsqueeze({d})", lambda v: np.expand_dims(v, d % (nd + 1))
    if kind == "squeeze":
        return "a.squeeze()", lambda v: v.squeeze()
    if kind == "squeeze-dim":
        d = draw(S.dims(nd))
        return f"a.squeeze({d})", lambda v: v.squeeze(d) if v.shape[d] == 1 else v
    if kind == "expand":
        lead = tuple(draw(st.lists(st.integers(1, 3), max_size=2)))
        args = lead + tuple(draw(st.integers(1, 3)) if s == 1 else draw(st.sampled_from([s, -1])) for s in x.shape)
        full = lead + tuple(s if a == -1 else a for s, a in zip(x.shape, args[len(lead):]))
        return f"a.expand({_args(args)})", lambda v: np.broadcast_to(v, full)
    if kind == "flatten":
        start = draw(st.integers(0, nd - 1))
        end = draw(st.integers(start, nd - 1))
        return f"a.flatten({start}, {end})", lambda v: v.reshape(v.shape[:start] + (-1,) + v.shape[end + 1:])
    if kind == "narrow":
        d = draw(st.integers(0, nd - 1))
        start = draw(st.integers(0, x.shape[d] - 1))
        length = draw(st.integers(1, x.shape[d] - start))
        return f"a.narrow({d}, {start}, {length})", lambda v: np.take(v, range(start, start + length), axis=d)
    if kind == "slice":
        index = draw(S.basic_indices(x.shape))
        return f"a[{literal(index)}]", lambda v: v[index]
    if kind == "chain":
        perm = tuple(draw(st.permutations(range(nd))))
        return f"a.permute({_args(perm)}).reshape(-1)[1:]", lambda v: v.transpose(perm).reshape(-1)[1:]
    raise ValueError(kind)


def _ones_in(shape_strategy):
    """Shapes where some sides are 1 (squeeze has something to remove)."""
    return shape_strategy.flatmap(lambda s: st.lists(st.booleans(), min_size=len(s), max_size=len(s))
                                  .map(lambda ones: tuple(1 if o else k for o, k in zip(ones, s))))


VIEW_CASES = cases([
    ("grad.view", SP.AUTOGRAD, "view", S.shapes(1, 4)),
    ("grad.reshape", SP.AUTOGRAD, "reshape", S.shapes(1, 4)),
    ("grad.permute", SP.AUTOGRAD, "permute",
     S.shapes(1, 4)),
    ("grad.transpose", SP.AUTOGRAD, "transpose", S.shapes(1, 4)),
    ("grad.t", api("torch.t"), "t", S.shapes(2, 2)),
    ("grad.unsqueeze", SP.AUTOGRAD, "unsqueeze",
     S.shapes(0, 3)),
    ("grad.squeeze", api("torch.squeeze"), "squeeze", _ones_in(S.shapes(1, 4))),
    ("grad.squeeze-dim", api("torch.squeeze"), "squeeze-dim", _ones_in(S.shapes(1, 4))),
    ("grad.expand-sums-back", api("torch.Tensor.expand"), "expand", _ones_in(S.shapes(1, 3, max_side=3))),
    ("grad.flatten", api("torch.flatten"), "flatten", S.shapes(1, 4)),
    ("grad.narrow", api("torch.narrow"), "narrow", S.shapes(1, 3)),
    ("grad.basic-slicing", doc("tensor_view.html"), "slice", S.shapes(1, 3)),
    ("grad.view-chain", VIEWS, "chain", S.shapes(1, 3).filter(lambda s: np.prod(s) >= 2)),
])


@pytest.mark.parametrize("kind, shapes", VIEW_CASES)
@given(data=st.data())
def test_view(T, kind, shapes, data):
    # view() needs strides compatible with the new shape: there the operand is contiguous
    layouts = S.CONTIGUOUS if kind == "view" else S.LAYOUTS
    x = data.draw(S.arrays(F64, shapes, lo=-10, hi=10, layouts=layouts), label="a")
    code, move = data.draw(view_case(kind, x), label="view")
    check_grad(T, data, code, x, oracle=lambda x: OG.gather(move, x))


@spec("grad.view-of-intermediate", VIEWS)
@given(data=st.data())
def test_view_of_nonleaf(T, data):
    # A view of an intermediate result: the gradient flows through the view and the product.
    x = x_of(data, 2, 3)
    check_grad(T, data, "(a * 2).transpose(0, 1).reshape(-1)", x, oracle=_double_then_flat_transpose)


def _double_then_flat_transpose(x):
    out, pullback = OG.gather(lambda v: v.swapaxes(0, 1).reshape(-1), x)
    return 2 * out, lambda g: (2 * pullback(g)[0],)


# ---------------------------------------------------------------------------------------------
# advanced indexing (get): repeated indices accumulate

@st.composite
def indexed(draw, where):
    x = draw(S.arrays(F64, S.shapes(2 if where != "first" else 1, 3), lo=-10, hi=10))
    if where == "first":
        return x, draw(S.integer_index_arrays(x.shape[0], max_len=8))
    if where == "second":
        return x, draw(S.integer_index_arrays(x.shape[1], max_len=8))
    n = draw(st.integers(1, 6))
    i = np.array(draw(st.lists(st.integers(-x.shape[0], x.shape[0] - 1), min_size=n, max_size=n)), np.int64)
    j = np.array(draw(st.lists(st.integers(-x.shape[1], x.shape[1] - 1), min_size=n, max_size=n)), np.int64)
    return x, i, j


ADVANCED = cases([
    ("grad.index-tensor-repeats-accumulate", INDEXING, "a[b]", "first", lambda v, i: v[i]),
    ("grad.index-second-dim", INDEXING, "a[:, b]", "second", lambda v, i: v[:, i]),
    ("grad.index-two-tensors", INDEXING, "a[b, c]", "pair", lambda v, i, j: v[i, j]),
])


@pytest.mark.parametrize("code, where, move", ADVANCED)
@given(data=st.data())
def test_advanced_index(T, code, where, move, data):
    x, *idx = data.draw(indexed(where), label="a, index")
    check_grad(T, data, code, x, *idx, oracle=lambda x, *i: OG.gather(lambda v: move(v, *i), x))


@spec("grad.index-list-repeats-accumulate", doc("notes/autograd.html"))
@given(data=st.data())
def test_index_list(T, data):
    x = x_of(data, 1, 3)
    idx = data.draw(st.lists(st.integers(-x.shape[0], x.shape[0] - 1), min_size=1, max_size=8), label="idx")
    check_grad(T, data, f"a[{idx}]", x, oracle=lambda x: OG.gather(lambda v: v[np.array(idx)], x))


@spec("grad.index-bool-mask", SP.AUTOGRAD)
@given(data=st.data())
def test_bool_mask(T, data):
    x = x_of(data, 1, 3)
    mask = data.draw(S.arrays("bool", x.shape), label="mask")
    check_grad(T, data, "a[b]", x, mask, oracle=lambda x, m: OG.gather(lambda v: v[m], x))


# ---------------------------------------------------------------------------------------------
# joining

@st.composite
def join_inputs(draw, same_shape):
    base = list(draw(S.shapes(1, 3, max_side=4)))
    d = draw(st.integers(0, len(base) - 1))
    xs = []
    for _ in range(draw(st.integers(2, 3))):
        shape = list(base)
        if not same_shape:
            shape[d] = draw(st.integers(1, 4))
        xs.append(draw(S.arrays(F64, tuple(shape), lo=-10, hi=10)))
    if same_shape:  # stack: a new dim anywhere in the result
        d = draw(st.integers(-len(base) - 1, len(base)))
    elif draw(st.booleans()):
        d -= len(base)
    return xs, d


JOINS = cases([
    ("grad.cat", api("torch.cat"), "cat", False, lambda d: lambda *v: np.concatenate(v, axis=d)),
    ("grad.stack", api("torch.stack"), "stack", True, lambda d: lambda *v: np.stack(v, axis=d)),
])


@pytest.mark.parametrize("fn, same_shape, twin", JOINS)
@given(data=st.data())
def test_join(T, fn, same_shape, twin, data):
    xs, d = data.draw(join_inputs(same_shape), label="inputs, dim")
    names = "abc"[:len(xs)]
    check_grad(T, data, f"torch.{fn}([{', '.join(names)}], {d})", *xs, oracle=lambda *v: OG.gather(twin(d), *v))


@spec("grad.cat-same-tensor-twice", api("torch.cat"))
@given(data=st.data())
def test_cat_twice(T, data):
    # Both uses of a reach the same leaf: its gradient is the sum g[:n] + 3 g[n:].
    check_grad(T, data, "torch.cat([a, a * 3])", x_of(data, 1, 3), oracle=_cat_with_triple)


def _cat_with_triple(x):
    out, pullback = OG.gather(lambda v, w: np.concatenate([v, w]), x, x)
    n = x.shape[0]
    return np.concatenate([out[:n], 3 * out[n:]]), \
        lambda g: (lambda ga, gw: (ga + 3 * gw,))(*pullback(np.concatenate([g[:n], g[n:]])))


# ---------------------------------------------------------------------------------------------
# splitting: one piece alone (the others get zero), or all pieces weighted 1, 2, 3... and joined

@st.composite
def split_case(draw, kind):
    x = draw(S.arrays(F64, S.shapes(1, 3, max_side=5), lo=-10, hi=10))
    d = draw(S.dims(x.ndim))
    n = x.shape[d]
    if kind == "split":
        size = draw(st.integers(1, n))
        return x, f"torch.split(a, {size}, {d})", lambda v: OG.np_split(v, size, d % v.ndim)
    if kind == "split-sizes":
        sizes, rest = [], n
        while rest:
            sizes.append(draw(st.integers(1, rest)))
            rest -= sizes[-1]
        return x, f"a.split({sizes}, dim={d})", lambda v: OG.np_split(v, sizes, d % v.ndim)
    if kind == "chunk":
        c = draw(st.integers(1, n + 1))
        return x, f"torch.chunk(a, {c}, {d})", lambda v: OG.np_chunk(v, c, d % v.ndim)
    if kind == "unbind":
        return x, f"torch.unbind(a, {d})", lambda v: OG.np_unbind(v, d % v.ndim)
    raise ValueError(kind)


SPLITS = cases([
    ("grad.split", api("torch.split"), "split"),
    ("grad.split-sizes", api("torch.split"), "split-sizes"),
    ("grad.chunk", api("torch.chunk"), "chunk"),
    ("grad.unbind", api("torch.unbind"), "unbind"),
])


@pytest.mark.parametrize("kind", SPLITS)
@given(data=st.data())
def test_split_weighted(T, kind, data):
    x, code, split = data.draw(split_case(kind), label="a, split")
    joined = f"torch.cat([p.reshape(-1) * (i + 1) for i, p in enumerate({code})])"
    check_grad(T, data, joined, x, oracle=lambda x: OG.weighted_pieces(split, x))


@pytest.mark.parametrize("kind", cases([
    ("grad.split-unused-pieces-get-zero", api("torch.split"), "split"),
    ("grad.unbind-unused-pieces-get-zero", api("torch.unbind"), "unbind"),
]))
@given(data=st.data())
def test_one_piece(T, kind, data):
    x, code, split = data.draw(split_case(kind), label="a, split")
    k = data.draw(st.integers(0, len(split(x)) - 1), label="k")
    check_grad(T, data, f"{code}[{k}]", x, oracle=lambda x: OG.gather(lambda v: split(v)[k], x))
