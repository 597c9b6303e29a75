"""The comparison's error model rejects known-wrong answers and accepts right ones rounded differently.

Each wrong answer is one a real bug produces: a reduction that drops an element, a mean divided by
n - 1, a transposed result. The right answer with an off-by-one-ulp pattern is what another,
equally correct, summation order returns.
"""
import numpy as np
import pytest

from spec_tests.harness import accumulation_error, compare, tolerance

RNG = np.random.default_rng(20260530)


def _terms(dtype, n, lo=-100, hi=100):
    # Terms at least 1 in magnitude: a dropped element is then a real difference in every dtype.
    x = RNG.uniform(1, hi, n) * RNG.choice([-1, 1], n)
    return x.astype(dtype)


def _sum(x, axis=None):
    """The exact sum rounded once to x's dtype, as the float64 oracle gives it."""
    return np.asarray(x.astype(np.float64).sum(axis=axis)).astype(x.dtype)


def _magnitude(x, axis=None):
    return np.abs(x.astype(np.float64)).sum(axis=axis)


def _ok(out, expected, n, magnitude=None, scale=1.0):
    return compare(np.asarray(out), np.asarray(expected), reduce=n, scale=scale, magnitude=magnitude) == []


# float16 holds no sum of 2**18 terms of magnitude >= 1 (max 65504), nor tells one term from
# another at that size: its large case is 1024 terms.
SUM_CASES = [("float16", 16), ("float16", 64), ("float16", 1024)] + \
    [(d, n) for d in ("float32", "float64") for n in (16, 64, 1 << 18)]


@pytest.mark.parametrize("dtype, n", SUM_CASES)
def test_sum_with_a_dropped_element_is_rejected(dtype, n):
    x = np.abs(_terms(dtype, n, 1, 2)) if n > 64 else _terms(dtype, n)
    dropped = _sum(np.delete(x, n // 3))
    assert not _ok(dropped, _sum(x), n, _magnitude(x)), (dtype, n)
    # The old rule (rtol and atol growing with 4 sqrt(n), scaled by the largest term) took it.
    assert _ok(_sum(x), _sum(x), n, _magnitude(x))


# A float16 mean of 4096 terms cannot tell n from n - 1 (a 1/4096 change is under one ulp).
@pytest.mark.parametrize("dtype, n", [("float16", 8), ("float16", 64)] +
                         [(d, n) for d in ("float32", "float64") for n in (8, 64, 4096)])
def test_mean_divided_by_n_minus_1_is_rejected(dtype, n):
    x = np.abs(_terms(dtype, n))
    right = np.asarray(x.astype(np.float64).mean()).astype(dtype)
    wrong = np.asarray(x.astype(np.float64).sum() / (n - 1)).astype(dtype)
    assert _ok(right, right, n, _magnitude(x) / n)
    assert not _ok(wrong, right, n, _magnitude(x) / n)
    if n <= 64:
        # Without a magnitude the bound is n * scale: for a short mean still tight enough.
        assert not _ok(wrong, right, n, scale=float(np.max(np.abs(x))))


@pytest.mark.parametrize("dtype", ["float16", "float32", "float64"])
def test_transposed_result_is_rejected(dtype):
    a = _terms(dtype, 16).reshape(4, 4)
    b = _terms(dtype, 16).reshape(4, 4)
    right = (a.astype(np.float64) @ b.astype(np.float64)).astype(dtype)
    magnitude = np.abs(a.astype(np.float64)) @ np.abs(b.astype(np.float64))
    assert _ok(right, right, 4, magnitude)
    assert not _ok(right.T, right, 4, magnitude)
    sums = _sum(a, axis=0)
    assert not _ok(_sum(a, axis=1), sums, 4, _magnitude(a, axis=0))


def _ulp_pattern(values):
    """Every other element moved one ulp: a different, equally right rounding."""
    out = values.copy()
    flat = out.reshape(-1)
    flat[::2] = np.nextafter(flat[::2], np.array(np.inf, values.dtype))
    flat[1::2] = np.nextafter(flat[1::2], np.array(-np.inf, values.dtype))
    return out


@pytest.mark.parametrize("dtype", ["float16", "float32", "float64"])
def test_one_ulp_pattern_is_accepted(dtype):
    x = _terms(dtype, 8 * 64).reshape(8, 64)
    right = _sum(x, axis=1)
    assert _ok(_ulp_pattern(right), right, 64, _magnitude(x, axis=1))
    # elementwise results too: one rounding
    y = _terms(dtype, 64)
    assert compare(_ulp_pattern(y), y) == []


def test_float16_accumulates_in_float32_so_rtol_does_not_grow():
    # float16 and bfloat16 reductions are rounded once from a float32 accumulator: the relative
    # tolerance stays about one float16 ulp however many terms there are.
    assert tolerance("float16", 1 << 18, 1.0)[0] == tolerance("float16")[0]
    assert accumulation_error("float16", 1 << 18) == accumulation_error("float32", 1 << 18)
    assert accumulation_error("float32", 1) == 0.0


def test_bound_follows_the_sum_of_absolute_values_not_n_alone():
    # Same n, terms a thousand times smaller: the allowed error shrinks with them.
    big = tolerance("float32", 64, magnitude=6400.0)[1]
    small = tolerance("float32", 64, magnitude=6.4)[1]
    assert big > 100 * small
