"""trace, diag, matrix_power, torch.det/torch.inverse, meshgrid, cartesian_prod, diff, count_nonzero,
bincount, histc and scatter's value= form, against NumPy."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import strategies as S
from .catalogue import api, cases, spec
from .harness import check, check_raises

F64 = np.float64


def _square(n_lo=1, n_hi=4):
    return st.integers(n_lo, n_hi).map(lambda n: (n, n))


def _dominant(x):
    """Strictly diagonally dominant by a margin of at least one: entries in [-1, 1] give off-diagonal row sums
    up to n - 1, so n + 1 on the diagonal keeps every eigenvalue at least 1 from zero (a shift of 4 left the
    all-minus-one 4x4 matrix singular)."""
    n = x.shape[0]
    return x + (n + 1) * np.eye(n)


VALUES = cases([
    ("matrix.trace", api("torch.trace"), "torch.trace(a)", S.shapes(2, 2), lambda a: np.trace(a.astype(F64))),
    ("matrix.trace-method", api("torch.Tensor.trace"), "a.trace()", S.shapes(2, 2), lambda a: np.trace(a.astype(F64))),
    ("matrix.diag-of-vector", api("torch.diag"), "torch.diag(a)", S.shapes(1, 1), np.diag),
    ("matrix.diag-of-vector-above", api("torch.diag"), "torch.diag(a, 1)", S.shapes(1, 1), lambda a: np.diag(a, 1)),
    ("matrix.diag-of-matrix", api("torch.diag"), "torch.diag(a)", S.shapes(2, 2), np.diag),
    ("matrix.diag-of-matrix-below", api("torch.Tensor.diag"), "a.diag(-1)", S.shapes(2, 2), lambda a: np.diag(a, -1)),
    # differences are taken in the input's dtype, one rounding per subtraction, as NumPy does
    ("matrix.diff", api("torch.diff"), "torch.diff(a)", S.shapes(1, 3), np.diff),
    ("matrix.diff-twice-dim0", api("torch.diff"), "a.diff(n=2, dim=0)", S.shapes(1, 3), lambda a: np.diff(a, 2, 0)),
    ("matrix.diff-prepend", api("torch.diff"), "torch.diff(a, prepend=a[..., :1], dim=-1)", S.shapes(1, 3),
     lambda a: np.diff(a, prepend=a[..., :1], axis=-1)),
])


@pytest.mark.parametrize("code, shapes, want", VALUES)
@given(data=st.data())
def test_values(T, code, shapes, want, data):
    x = data.draw(S.arrays(S.dtypes(S.FLOATS), shapes, lo=-10, hi=10), label="a")
    # a trace sums up to 8 terms, a second difference 3, each rounded in the input's dtype
    check(T, code, x, expected=lambda a: np.asarray(want(a)).astype(a.dtype), reduce=8)


@spec("matrix.diff-of-bools-is-xor", api("torch.diff"))
@given(x=S.arrays("bool", S.shapes(1, 2)))
def test_diff_bool(T, x):
    check(T, "torch.diff(a)", x, expected=lambda a: a[..., 1:] != a[..., :-1])


@spec("matrix.matrix-power", api("torch.matrix_power"))
@given(x=S.arrays("float64", _square(), lo=-1, hi=1), n=st.integers(0, 4))
def test_matrix_power(T, x, n):
    check(T, f"torch.matrix_power(a, {n})", x, expected=lambda a: np.linalg.matrix_power(a, n), reduce=4 ** n)


@spec("matrix.matrix-power-negative", api("torch.matrix_power"))
@given(x=S.arrays("float64", _square(), lo=-1, hi=1))
def test_matrix_power_negative(T, x):
    x = _dominant(x)
    check(T, "a.matrix_power(-2)", x, expected=lambda a: np.linalg.matrix_power(a, -2), reduce=16)


@spec("matrix.det-and-inverse-old-names", api("torch.det"))
@given(x=S.arrays("float64", _square(), lo=-1, hi=1))
def test_det_inverse(T, x):
    x = _dominant(x)
    check(T, "(torch.det(a), a.det(), torch.inverse(a), a.inverse())", x,
          expected=lambda a: (np.linalg.det(a), np.linalg.det(a), np.linalg.inv(a), np.linalg.inv(a)), reduce=16)


MESH = api("torch.meshgrid")


@spec("matrix.meshgrid-ij-and-xy", MESH)
@given(a=S.arrays("float32", S.shapes(1, 1)), b=S.arrays("float32", S.shapes(1, 1)), indexing=st.sampled_from(["ij", "xy"]))
def test_meshgrid(T, a, b, indexing):
    check(T, f"torch.meshgrid(a, b, indexing='{indexing}')", a, b,
          expected=lambda a, b: tuple(np.meshgrid(a, b, indexing=indexing)))


@spec("matrix.meshgrid-three-xy", MESH)
def test_meshgrid_three(T):
    check(T, "tuple(g.shape for g in torch.meshgrid(torch.zeros(3), torch.zeros(2), torch.zeros(4), indexing='xy'))",
          expected=((2, 3, 4),) * 3)


@spec("matrix.cartesian-prod", api("torch.cartesian_prod"))
@given(a=S.arrays("int64", S.shapes(1, 1)), b=S.arrays("int64", S.shapes(1, 1)))
def test_cartesian_prod(T, a, b):
    check(T, "torch.cartesian_prod(a, b)", a, b, expected=lambda a, b: np.array([[x, y] for x in a for y in b],
                                                                              np.int64).reshape(-1, 2))


@spec("counting.count-nonzero", api("torch.count_nonzero"))
@given(x=S.arrays(S.dtypes(S.NUMERIC), S.shapes(1, 3), lo=-2, hi=2), data=st.data())
def test_count_nonzero(T, x, data):
    d = data.draw(st.one_of(st.none(), S.dims(x.ndim)), label="dim")
    check(T, f"torch.count_nonzero(a, {d})", x, expected=lambda a: np.asarray(np.count_nonzero(a, axis=d), np.int64))


@spec("counting.bincount", api("torch.bincount"))
@given(x=S.arrays("int64", S.shapes(1, 1), lo=0, hi=6), minlength=st.integers(0, 9))
def test_bincount(T, x, minlength):
    check(T, f"torch.bincount(a, minlength={minlength})", x,
          expected=lambda a: np.bincount(a, minlength=minlength).astype(np.int64))


@spec("counting.bincount-weights", api("torch.bincount"))
@given(x=S.arrays("int64", S.shapes(1, 1), lo=0, hi=6), data=st.data())
def test_bincount_weights(T, x, data):
    w = data.draw(S.arrays("float64", x.shape, lo=-2, hi=2), label="w")
    check(T, "torch.bincount(a, b)", x, w, expected=lambda a, w: np.bincount(a, weights=w))


@spec("counting.bincount-negative", api("torch.bincount"))
def test_bincount_negative(T):
    check_raises(T, "torch.bincount(torch.tensor([1, -1]))", exc=RuntimeError, contains=("non-negative",))


@spec("counting.histc", api("torch.histc"))
@given(x=S.arrays(S.dtypes(("float32", "float64")), S.shapes(1, 2), lo=-5, hi=5, quarters=True),
       bins=st.integers(1, 8))
def test_histc(T, x, bins):
    # quarter-grid values against edges of -4..4 in `bins` steps: values outside [min, max] are dropped
    check(T, f"torch.histc(a, bins={bins}, min=-4, max=4)", x,
          expected=lambda a: np.histogram(a.astype(F64), bins=bins, range=(-4, 4))[0].astype(a.dtype))


@spec("indexing.scatter-value-keyword", api("torch.Tensor.scatter_"))
@given(x=S.arrays("float32", (3, 4), layouts=S.L.WRITABLE), data=st.data())
def test_scatter_value(T, x, data):
    idx = np.array(data.draw(st.lists(st.integers(0, 3), min_size=3, max_size=3), label="index")).reshape(3, 1)

    def want(a, i):
        out = a.copy()
        np.put_along_axis(out, i, 1.5, axis=1)
        return out, out
    check(T, "(a.scatter(dim=1, index=b, value=1.5), a.clone().scatter_(dim=1, index=b, value=1.5))", x, idx,
          expected=want)


@spec("matrix.addmm", api("torch.addmm"))
@given(data=st.data(), dtype=S.dtypes(("float32", "float64")), beta=st.sampled_from([0, 1, 0.5]),
       alpha=st.sampled_from([1, 2, -0.5]))
def test_addmm(T, data, dtype, beta, alpha):
    n, k, m = (data.draw(st.integers(1, 4), label=s) for s in "nkm")
    c = data.draw(S.arrays(dtype, data.draw(st.sampled_from([(n, m), (m,), (1, m), ()])), lo=-3, hi=3), label="input")
    a = data.draw(S.arrays(dtype, (n, k), lo=-3, hi=3), label="mat1")
    b = data.draw(S.arrays(dtype, (k, m), lo=-3, hi=3), label="mat2")
    want = lambda c, a, b: (beta * c.astype(F64) + alpha * (a.astype(F64) @ b)).astype(a.dtype)  # noqa: E731
    check(T, f"torch.addmm(a, b, c, beta={beta}, alpha={alpha})", c, a, b, expected=want, reduce=6)


def _np_block_diag(*xs):
    blocks = [np.atleast_2d(x) if x.ndim else x.reshape(1, 1) for x in xs]
    out = np.zeros((sum(b.shape[0] for b in blocks), sum(b.shape[1] for b in blocks)), np.result_type(*xs))
    r = c = 0
    for b in blocks:
        out[r:r + b.shape[0], c:c + b.shape[1]] = b
        r, c = r + b.shape[0], c + b.shape[1]
    return out


@spec("matrix.block-diag", api("torch.block_diag"))
@given(data=st.data(), dtype=S.dtypes(("float32", "int64")))
def test_block_diag(T, data, dtype):
    xs = [data.draw(S.arrays(dtype, S.shapes(0, 2, max_side=3), lo=-5, hi=5), label=f"block {i}")
          for i in range(data.draw(st.integers(1, 3), label="blocks"))]
    check(T, f"torch.block_diag({', '.join('abc'[:len(xs)])})", *xs, expected=_np_block_diag)


@spec("matrix.fill-diagonal-inplace", api("torch.Tensor.fill_diagonal_"))
@given(data=st.data(), wrap=st.booleans())
def test_fill_diagonal(T, data, wrap):
    x = data.draw(S.arrays("float32", data.draw(st.sampled_from([(3, 3), (2, 4), (6, 2), (7, 3), (2, 2, 2)])),
                           layouts=S.L.WRITABLE), label="a")

    def want(a):
        out = a.copy()
        np.fill_diagonal(out, 2.5, wrap=wrap)
        return out, out
    check(T, f"(a.fill_diagonal_(2.5, wrap={wrap}), a)", x, expected=want)


@spec("matrix.triangle-keeps-bool", api("torch.triu"))
def test_triangle_of_bools(T):
    check(T, "(torch.triu(torch.ones(3, 3, dtype=torch.bool), diagonal=1), torch.tril(torch.ones(2, 2, dtype=torch.bool)))",
          expected=(np.triu(np.ones((3, 3), bool), 1), np.tril(np.ones((2, 2), bool))))
