"""The parallel bodies of the CPU reduction kernels and the NumPy path of softmax/logsumexp, exercised
on small inputs by lowering the size thresholds and tile sizes (real runs take them only from 2**12-2**17
elements), through the public reductions and against float64 NumPy. Serial and parallel bodies must agree with NumPy alike,
including NaN propagation, first-occurrence indices and ragged last tiles."""
from contextlib import contextmanager

import numpy as np
from hypothesis import given, settings, strategies as st
from hypothesis.extra import numpy as hnp

import reference as T
from reference.backends.cpu import reduce_kernels as rk

PARALLEL_BODIES = ["_sum_tiles", "_prod_parallel", "_extreme_parallel", "_var_parallel", "_cumulate_parallel"]


@contextmanager
def parallel_kernels(rows=3, cols=2):
    """Every reduction takes its parallel body, with tiles small enough that there are several."""
    saved = {k: getattr(rk, k) for k in ("PARALLEL_MIN", "VECTOR_MIN", "SUM_TILE_ROWS", "SUM_TILE_COLS",
                                         "SUM_MIN_TILES", "threads")}
    calls = {}

    def spy(name):
        body = getattr(rk, name)

        def counted(*args):
            calls[name] = calls.get(name, 0) + 1
            return body(*args)
        return counted

    bodies = {name: getattr(rk, name) for name in PARALLEL_BODIES}
    try:
        rk.PARALLEL_MIN = rk.VECTOR_MIN = 1  # softmax/logsumexp: the NumPy path
        rk.SUM_TILE_ROWS, rk.SUM_TILE_COLS, rk.SUM_MIN_TILES = rows, cols, 4
        rk.threads = lambda: 2  # on a one-core machine too
        for name in PARALLEL_BODIES:
            setattr(rk, name, spy(name))
        yield calls
    finally:
        for k, v in {**saved, **bodies}.items():
            setattr(rk, k, v)


shapes = st.lists(st.integers(1, 9), min_size=1, max_size=3).map(tuple)


@st.composite
def arrays_and_dim(draw, dtype=np.float64):
    shape = draw(shapes)
    elements = st.floats(-50, 50, width=64) if dtype == np.float64 else st.integers(-1000, 1000)
    x = draw(hnp.arrays(dtype, shape, elements=elements))
    return x, draw(st.integers(0, len(shape) - 1)), draw(st.booleans())


def tensor(x, transposed):
    """A reference tensor of x; optionally a non-contiguous view (transposed storage) of it."""
    if transposed and x.ndim > 1:
        return T.from_numpy(np.ascontiguousarray(x.T)).permute(*reversed(range(x.ndim)))
    return T.from_numpy(x.copy())


def close(got, want, rtol=1e-12, atol=1e-12):
    np.testing.assert_allclose(got.numpy(), want, rtol=rtol, atol=atol)


def test_every_parallel_body_runs_under_the_lowered_thresholds():
    x = T.from_numpy(np.arange(1.0, 25.0).reshape(2, 3, 4) / 7)
    with parallel_kernels() as calls:
        x.sum(1), x.prod(1), x.max(1), x.var(1), x.logsumexp(1), x.softmax(1), x.cumsum(1)
    assert sorted(calls) == sorted(PARALLEL_BODIES)


def test_one_thread_takes_the_serial_bodies():
    # a parallel body on one thread still waits on the pool: measured 5-20x slower on a busy machine
    x = T.from_numpy(np.arange(1.0, 25.0).reshape(2, 3, 4) / 7)
    with parallel_kernels() as calls:
        rk.threads = lambda: 1
        close(x.sum(1), x.numpy().sum(1))
        close(x.softmax(1), np.exp(x.numpy()) / np.exp(x.numpy()).sum(1, keepdims=True))
    assert calls == {}


@given(arrays_and_dim())
@settings(deadline=None)
def test_parallel_sum_mean_prod_match_numpy(case):
    x, dim, transposed = case
    t = tensor(x, transposed)
    with parallel_kernels():
        close(t.sum(dim), x.sum(dim))
        close(t.sum(), x.sum())
        close(t.mean(dim), x.mean(dim))
        close((t / 40).prod(dim), (x / 40).prod(dim), rtol=1e-10, atol=1e-300)


@given(arrays_and_dim(np.int64))
@settings(deadline=None)
def test_parallel_integer_sum_is_exact(case):
    x, dim, transposed = case
    with parallel_kernels(rows=2, cols=3):
        got = tensor(x, transposed).sum(dim)
    assert got.dtype == T.int64
    np.testing.assert_array_equal(got.numpy(), x.sum(dim))


@given(arrays_and_dim(), st.data())
@settings(deadline=None)
def test_parallel_nan_propagates_and_wins_max_min(case, data):
    x, dim, transposed = case
    x = x.copy()
    pos = tuple(data.draw(st.integers(0, n - 1)) for n in x.shape)
    x[pos] = np.nan
    t = tensor(x, transposed)
    with parallel_kernels():
        close(t.sum(dim), x.sum(dim))
        close(t.sum(), np.array(np.nan))
        for name, fn, arg in (("max", np.max, np.argmax), ("min", np.min, np.argmin)):
            vals, idx = getattr(t, name)(dim)
            close(vals, fn(x, dim))  # NumPy's max/min propagate NaN too
            nan_first = np.isnan(x).argmax(dim)
            plain = arg(np.where(np.isnan(x), -np.inf if name == "max" else np.inf, x), dim)
            np.testing.assert_array_equal(idx.numpy(), np.where(np.isnan(x).any(dim), nan_first, plain))


@given(arrays_and_dim())
@settings(deadline=None)
def test_parallel_max_min_give_first_occurrence(case):
    x, dim, transposed = case
    x = np.round(x / 20)  # many ties
    t = tensor(x, transposed)
    with parallel_kernels():
        vals, idx = t.max(dim)
        close(vals, x.max(dim))
        np.testing.assert_array_equal(idx.numpy(), x.argmax(dim))
        vals, idx = t.min(dim)
        np.testing.assert_array_equal(idx.numpy(), x.argmin(dim))


@given(arrays_and_dim())
@settings(deadline=None)
def test_parallel_var_logsumexp_softmax_cumulative_match_numpy(case):
    x, dim, transposed = case
    t = tensor(x, transposed)
    e = np.exp(x - x.max(dim, keepdims=True))
    with parallel_kernels():
        if x.shape[dim] > 1:
            close(t.var(dim), x.var(dim, ddof=1), rtol=1e-10)
        close(t.var(dim, correction=0), x.var(dim), rtol=1e-10, atol=1e-10)
        close(t.logsumexp(dim), np.log(e.sum(dim)) + x.max(dim), rtol=1e-12)
        close(t.softmax(dim), e / e.sum(dim, keepdims=True))
        close(t.log_softmax(dim), np.log(e / e.sum(dim, keepdims=True)), atol=1e-10)
        close(t.cumsum(dim), np.cumsum(x, dim), atol=1e-10)
        close((t / 40).cumprod(dim), np.cumprod(x / 40, dim), atol=1e-300)


def test_parallel_float32_sum_accumulates_in_float64():
    # 2**24 then ones: a float32 accumulator would stay at 2**24; the last tile is ragged
    x = np.ones(1001, np.float32)
    x[0] = 2.0 ** 24
    with parallel_kernels(rows=7):
        got = T.from_numpy(x).sum()
    assert got.dtype == T.float32 and got.item() == 2.0 ** 24 + 1000


def test_softmax_logsumexp_large_input_path_keeps_the_edge_rows():
    # rows: all -inf, one +inf, one NaN, ordinary; the NumPy path must agree with the numba bodies
    rows = np.array([[-np.inf, -np.inf, -np.inf], [np.inf, 1.0, 2.0], [np.nan, 1.0, 2.0], [0.5, -1.0, 3.0]])
    t = T.from_numpy(rows.copy())
    small = t.softmax(1).numpy(), t.log_softmax(1).numpy(), t.logsumexp(1).numpy()
    with parallel_kernels():
        large = t.softmax(1).numpy(), t.log_softmax(1).numpy(), t.logsumexp(1).numpy()
    for a, b in zip(small, large):
        np.testing.assert_allclose(a, b, rtol=1e-12, equal_nan=True)
    assert np.isnan(large[0][:3]).all() and np.isnan(large[1][:3]).all()
    np.testing.assert_array_equal(large[2][:3], [-np.inf, np.inf, np.nan])
    e = np.exp(rows[3] - 3.0)
    np.testing.assert_allclose(large[0][3], e / e.sum(), rtol=1e-12)
    np.testing.assert_allclose(large[2][3], 3.0 + np.log(e.sum()), rtol=1e-12)
