"""Sorting and order statistics against NumPy: sort, argsort, msort, topk, kthvalue, median,
nanmedian, mode (values, int64 indices that point at the values, documented tie rules)."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import strategies as S
from .catalogue import api, spec
from .harness import check, check_raises
from .test_grad_reductions import distinct

SORT = api("torch.sort")
# indices must point at the values they come with: x.gather(dim, indices) == values
POINTS = ("(v, i) = r\n(v, i.dtype == torch.int64, torch.equal(a.gather({d}, i if i.dim() == a.dim() else i.unsqueeze({d})), "
          "v if v.dim() == a.dim() else v.unsqueeze({d})))")


def _numeric(dtype):
    return S.arrays(dtype, S.shapes(1, 3), lo=-20, hi=20)


@st.composite
def _with_dim(draw, kinds=S.NUMERIC, layouts=S.L.ALL):
    x = draw(S.arrays(S.dtypes(kinds), S.shapes(1, 3), lo=-20, hi=20, layouts=layouts), label="a")
    return x, draw(S.dims(x.ndim), label="dim")


@spec("sorting.sort-stable-values-and-indices", SORT)
@given(xd=_with_dim(), descending=st.booleans())
def test_sort_stable(T, xd, descending):
    # stable=True keeps equal elements in input order, so the indices are fully determined
    x, d = xd

    def want(x):
        rows = np.moveaxis(x.astype(np.float64), d, -1)
        if descending:
            n = rows.shape[-1]
            order = n - 1 - np.flip(np.argsort(np.flip(rows, -1), axis=-1, kind="stable"), -1)
        else:
            order = np.argsort(rows, axis=-1, kind="stable")
        idx = np.moveaxis(order, -1, d)
        return np.take_along_axis(x, idx, axis=d), idx.astype(np.int64)
    check(T, f"tuple(torch.sort(a, dim={d}, descending={descending}, stable=True))", x, expected=want)


@spec("sorting.sort-default-values", SORT)
@given(xd=_with_dim())
def test_sort_default(T, xd):
    # without stable=, equal elements may come in any order: the values are sorted and the indices point at them
    x, d = xd
    check(T, f"r = a.sort({d})\n(r.values, r.indices.dtype == torch.int64, torch.equal(a.gather({d}, r.indices), r.values))",
          x, expected=lambda x: (np.sort(x, axis=d), True, True))


@spec("sorting.argsort-is-stable-sort-indices", api("torch.argsort"))
@given(xd=_with_dim(), descending=st.booleans())
def test_argsort(T, xd, descending):
    x, d = xd
    check(T, f"torch.equal(torch.argsort(a, dim={d}, descending={descending}, stable=True), "
             f"torch.sort(a, dim={d}, descending={descending}, stable=True).indices)", x, expected=True)


@spec("sorting.argsort-values", api("torch.argsort"))
@given(x=distinct(S.shapes(1, 3)), descending=st.booleans())
def test_argsort_distinct(T, x, descending):
    # distinct values: the order is unique
    check(T, f"torch.argsort(a, descending={descending})", x,
          expected=lambda x: np.argsort(-x if descending else x, axis=-1).astype(np.int64))


@spec("sorting.msort-sorts-dim-0", api("torch.msort"))
@given(x=_numeric("float32"))
def test_msort(T, x):
    check(T, "torch.msort(a)", x, expected=lambda x: np.sort(x, axis=0))


@spec("sorting.topk-largest-and-smallest", api("torch.topk"))
@given(x=distinct(S.shapes(1, 3)), largest=st.booleans(), data=st.data())
def test_topk(T, x, largest, data):
    d = data.draw(S.dims(x.ndim), label="dim")
    k = data.draw(st.integers(0, x.shape[d]), label="k")

    def want(x):
        order = np.argsort(-x if largest else x, axis=d)
        idx = np.take(order, np.arange(k), axis=d)
        return np.take_along_axis(x, idx, axis=d), idx.astype(np.int64)
    check(T, f"tuple(torch.topk(a, {k}, dim={d}, largest={largest}))", x, expected=want)


@spec("sorting.topk-k-out-of-range", api("torch.topk"))
def test_topk_out_of_range(T):
    check_raises(T, "torch.topk(torch.zeros(3), 4)", exc=RuntimeError, contains=("k",))


@spec("sorting.kthvalue-kth-smallest", api("torch.kthvalue"))
@given(x=distinct(S.shapes(1, 3)), keepdim=st.booleans(), data=st.data())
def test_kthvalue(T, x, keepdim, data):
    d = data.draw(S.dims(x.ndim), label="dim")
    k = data.draw(st.integers(1, x.shape[d]), label="k")

    def want(x):
        idx = np.take(np.argsort(x, axis=d), [k - 1], axis=d)
        v = np.take_along_axis(x, idx, axis=d)
        return (v, idx) if keepdim else (v.squeeze(d), idx.squeeze(d))
    check(T, f"tuple(torch.kthvalue(a, {k}, {d}, keepdim={keepdim}))", x, expected=want)


MEDIAN = api("torch.median")


@spec("sorting.median-lower-of-two-middles", MEDIAN)
@given(x=_numeric("float64"))
def test_median_all(T, x):
    # an even count gives the lower of the two middle values, not their mean
    check(T, "torch.median(a)", x, expected=lambda x: np.sort(x.reshape(-1))[(x.size - 1) // 2])


@spec("sorting.median-along-dim", MEDIAN)
# torch 2.13's median along a dim reads a stride-0 (expanded) input wrongly (median of
# tensor([[1.]]).expand(4, 1) along 0 is not 1): the spec draws the other layouts
@given(xd=_with_dim(S.FLOATS + S.SIGNED_INTS, layouts=S.L.WRITABLE), keepdim=st.booleans())
def test_median_dim(T, xd, keepdim):
    x, d = xd
    lower = np.take(np.sort(x, axis=d), [(x.shape[d] - 1) // 2], axis=d)
    check(T, f"r = torch.median(a, {d}, keepdim={keepdim})\n" + POINTS.format(d=d), x,
          expected=(lower if keepdim else lower.squeeze(d), True, True))


@spec("sorting.median-nan-propagates", MEDIAN)
@given(x=_numeric("float32"), data=st.data())
def test_median_nan(T, x, data):
    x = x.copy()
    x.reshape(-1)[data.draw(st.integers(0, x.size - 1), label="at")] = np.nan
    check(T, "(torch.median(a).isnan().item(), torch.median(a.reshape(-1), 0).values.isnan().item())", x,
          expected=(True, True))


@spec("sorting.nanmedian-ignores-nan", api("torch.nanmedian"))
@given(x=distinct(S.shapes(1, 2)), data=st.data())
def test_nanmedian(T, x, data):
    x = x.copy()
    holes = data.draw(st.lists(st.integers(0, x.size - 1), max_size=x.size - 1), label="nan at")
    x.reshape(-1)[holes] = np.nan
    check(T, "torch.nanmedian(a)", x, expected=lambda x: np.sort(x[~np.isnan(x)])[(np.sum(~np.isnan(x)) - 1) // 2])


@spec("sorting.mode-most-frequent", api("torch.mode"))
@given(x=S.arrays(S.dtypes(S.SIGNED_INTS), S.shapes(1, 3), lo=0, hi=3), data=st.data())
def test_mode(T, x, data):
    # the value occurs as often as the most frequent one of its row (which one wins a tie is not
    # documented), and the index points at it
    d = data.draw(S.dims(x.ndim), label="dim")

    def want(x):
        rows = np.moveaxis(x, d, -1)
        top = np.apply_along_axis(lambda row: np.unique(row, return_counts=True)[1].max(), -1, rows)
        return top.astype(np.int64), True
    check(T, f"r = torch.mode(a, {d}, keepdim=True)\n((a == r.values).sum({d}), torch.equal(a.gather({d}, r.indices), r.values))",
          x, expected=want)


@spec("sorting.stable-takes-keywords-only", SORT)
def test_sort_stable_keywords_only(T):
    # sort(input, *, stable, dim=-1, descending=False): with stable= the dim is a keyword too
    check_raises(T, "torch.sort(torch.tensor([2., 1.]), 0, stable=True)", exc=TypeError)
    check_raises(T, "torch.tensor([2., 1.]).sort(0, True, stable=True)", exc=TypeError)
    check(T, "torch.sort(torch.tensor([2., 1., 2.]), stable=True, dim=0, descending=True).indices",
          expected=np.array([0, 2, 1]))
