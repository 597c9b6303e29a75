"""Hypothesis strategies for inputs on which finite differences are trustworthy.

Well-conditioned means: float64, finite, no subnormals, inside the function's domain [low, high],
at least `margin` away from every kink or pole listed in `avoid` (so x +- eps never straddles one),
and, with `separated=True`, pairwise at least `margin` apart (max, sort and friends have kinks
where two elements tie). Sizes stay small: gradcheck's cost grows with the number of elements
squared."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp


def shapes(*, min_dims: int = 0, max_dims: int = 3, min_side: int = 1, max_side: int = 4,
           max_numel: int = 32) -> st.SearchStrategy[tuple[int, ...]]:
    """Array shapes whose element count stays at most `max_numel`."""
    return hnp.array_shapes(min_dims=min_dims, max_dims=max_dims, min_side=min_side,
                            max_side=max_side).filter(lambda s: math.prod(s) <= max_numel)


def _allowed_intervals(low: float, high: float, avoid: Sequence[float], margin: float):
    if not low < high:
        raise ValueError(f"empty domain [{low}, {high}]")
    intervals = [(float(low), float(high))]
    for k in sorted(avoid):
        nxt = []
        lo, hi = k - margin, k + margin
        # Rounding can leave k + margin a hair closer to k than margin: step outward until exact.
        while k - lo < margin:
            lo = math.nextafter(lo, -math.inf)
        while hi - k < margin:
            hi = math.nextafter(hi, math.inf)
        for a, b in intervals:
            if hi <= a or lo >= b:
                nxt.append((a, b))
                continue
            if a < lo:
                nxt.append((a, lo))
            if hi < b:
                nxt.append((hi, b))
        intervals = nxt
    if not intervals:
        raise ValueError(f"no value of [{low}, {high}] is {margin} away from {list(avoid)}")
    return intervals


def floats(low: float = -2.0, high: float = 2.0, *, avoid: Sequence[float] = (),
           margin: float = 0.1) -> st.SearchStrategy[float]:
    """Finite floats in [low, high], at least `margin` from every point of `avoid`."""
    parts = [st.floats(a, b, allow_nan=False, allow_infinity=False, allow_subnormal=False)
             for a, b in _allowed_intervals(low, high, avoid, margin)]
    return st.one_of(*parts) if len(parts) > 1 else parts[0]


def _separated_values(n: int, low: float, high: float, avoid, margin: float):
    # Values on a grid of pitch `margin`, drawn without repetition: distinct values are then at
    # least `margin` apart by construction, with no filtering.
    steps = int(math.floor((high - low) / margin))
    grid = [i for i in range(steps + 1)
            if all(abs(low + i * margin - k) >= margin for k in avoid)]
    if len(grid) < n:
        raise ValueError(f"cannot place {n} values {margin} apart in [{low}, {high}] avoiding "
                         f"{list(avoid)}")
    return st.lists(st.sampled_from(grid), min_size=n, max_size=n, unique=True).map(
        lambda idx: [low + i * margin for i in idx])


def arrays(shape, *, low: float = -2.0, high: float = 2.0, avoid: Sequence[float] = (),
           margin: float = 0.1, separated: bool = False, dtype=np.float64
           ) -> st.SearchStrategy[np.ndarray]:
    """Arrays of `shape` (a tuple or a strategy of tuples) with well-conditioned entries."""
    def of_shape(s):
        if separated:
            n = math.prod(s)
            return _separated_values(n, low, high, avoid, margin).map(
                lambda v: np.asarray(v, dtype=dtype).reshape(s))
        return hnp.arrays(dtype, s, elements=floats(low, high, avoid=avoid, margin=margin))
    if isinstance(shape, st.SearchStrategy):
        return shape.flatmap(of_shape)
    return of_shape(tuple(shape))  # a fixed shape: impossible requests fail here, not mid-test


@dataclass(frozen=True)
class Input:
    """How check_op draws one tensor argument.

    `shape` holds ints and/or dimension names: names are drawn once per example (1..max_side) and
    shared between inputs, e.g. Input(("m", "k")) and Input(("k", "n")) for a matmul. With
    shape=None the shape itself is drawn from `shapes()`."""

    shape: tuple | None = None
    low: float = -2.0
    high: float = 2.0
    avoid: tuple = ()
    margin: float = 0.1
    separated: bool = False
    requires_grad: bool = True
    dtype: str = "float64"

    def names(self) -> set[str]:
        return {d for d in (self.shape or ()) if isinstance(d, str)}

    def strategy(self, dims: dict[str, int], max_side: int = 4) -> st.SearchStrategy[np.ndarray]:
        if self.shape is None:
            shape = shapes(max_side=max_side)
        else:
            shape = tuple(dims[d] if isinstance(d, str) else int(d) for d in self.shape)
        return arrays(shape, low=self.low, high=self.high, avoid=tuple(self.avoid),
                      margin=self.margin, separated=self.separated, dtype=np.dtype(self.dtype))


def as_input(spec) -> Input | st.SearchStrategy:
    """Input, a shape tuple, an int (1-D length) or a strategy of numpy arrays."""
    if isinstance(spec, (Input, st.SearchStrategy)):
        return spec
    if isinstance(spec, int):
        return Input(shape=(spec,))
    if isinstance(spec, (tuple, list)):
        return Input(shape=tuple(spec))
    raise TypeError(f"an input spec is an Input, a shape tuple, an int or a hypothesis strategy "
                    f"of numpy arrays, not {type(spec).__name__}")


def examples(*specs, max_side: int = 4) -> st.SearchStrategy[tuple[np.ndarray, ...]]:
    """One tuple of arrays per example, with named dimensions drawn once and shared."""
    specs = [as_input(s) for s in specs]
    names = sorted(set().union(*(s.names() for s in specs if isinstance(s, Input))))

    def with_dims(sizes):
        dims = dict(zip(names, sizes))
        return st.tuples(*(s.strategy(dims, max_side) if isinstance(s, Input) else s
                           for s in specs))
    return st.tuples(*(st.integers(1, max_side) for _ in names)).flatmap(with_dims)
