"""An op's result depends on its operands alone, never on the calls that ran before it.

Each test runs one sequence of calls in a single process: the same op on operands that differ
only in dtype, dimensionality, the kind of a Python scalar, layout or an out-of-range value, each
result checked against the oracle. An implementation that keeps a decision (result dtype, kernel,
launch plan) from an earlier call under too coarse a key gives a later call the earlier call's
answer; torch decides every call afresh. Values, layouts and the order of the calls are drawn.
"""
import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from . import oracle
from . import strategies as S
from .catalogue import api, doc, spec
from .harness import check, check_raises

PROMOTION = doc("tensor_attributes.html#type-promotion-doc")
INDEXING = doc("tensors.html#indexing-slicing-joining-mutating-ops")


def _tensor(dt, shape, lo=-10, hi=10, layouts=S.LAYOUTS, **kw):
    return S.arrays(np.dtype(dt), shape, lo=lo, hi=hi, layouts=layouts, **kw)


# (operator, left operand, right operand): an operand is (dtype, shape) for a tensor or
# ("scalar", kind) for a Python scalar. Neighbouring rows share the op and the left operand's dtype
# and differ in one thing the result depends on.
BINARY_ROWS = [
    ("+", ("int64", (3,)), ("scalar", "int")),
    ("+", ("int64", (3,)), ("scalar", "float")),
    ("+", ("int64", (3,)), ("scalar", "bool")),
    ("*", ("float32", (3,)), ("scalar", "float")),
    ("*", ("float32", (3,)), ("scalar", "int")),
    ("*", ("int32", (3,)), ("scalar", "int")),
    ("*", ("int32", (3,)), ("scalar", "float")),
    ("+", ("bool", (3,)), ("scalar", "bool")),
    ("+", ("bool", (3,)), ("scalar", "int")),
    ("+", ("int32", (2, 3)), ("int32", (2, 3))),
    ("+", ("int32", (2, 3)), ("int64", (2, 3))),
    ("+", ("int32", (2, 3)), ("int64", ())),
    ("+", ("int32", ()), ("int64", ())),
    ("+", ("int32", (2, 3)), ("float16", (2, 3))),
    ("*", ("float16", (2, 3)), ("float16", (2, 3))),
    ("*", ("float16", (2, 3)), ("scalar", "float")),
    ("*", ("float32", (2, 3)), ("float32", (2, 3))),
    ("*", ("float32", (2, 3)), ("float64", (2, 3))),
    ("*", ("float32", (3, 1)), ("float32", (1, 4))),
    ("*", ("float32", (2, 3)), ("float32", (3,))),
    ("/", ("int64", (3,)), ("int64", (3,))),
    ("/", ("float32", (3,)), ("float32", (3,))),
    ("<", ("int16", (3,)), ("int16", (3,))),
    ("<", ("int16", (3,)), ("scalar", "float")),
    ("-", ("uint8", (3,)), ("uint8", (3,))),
    ("-", ("int8", (3,)), ("scalar", "int")),
]
_ORACLE = {"+": oracle.add, "*": oracle.mul, "/": oracle.div, "<": oracle.lt, "-": oracle.sub}


def _operand(data, spec_, label, divisor=False):
    kind, arg = spec_
    if kind == "scalar":
        return data.draw(S.scalars(arg, -10, 10, avoid=0.5 if divisor else None), label=label)
    values = _tensor(kind, arg)
    # division by a drawn zero is another behaviour: divisors stay away from it
    return data.draw(values.filter(lambda v: (v != 0).all()) if divisor else values, label=label)


@spec("dispatch.binary-result-independent-of-earlier-calls", PROMOTION)
@given(data=st.data())
def test_binary_history(T, data):
    # a drawn half of the rows in a drawn order: every pair of rows meets in both orders across examples
    for i in data.draw(st.permutations(range(len(BINARY_ROWS))), label="order")[:len(BINARY_ROWS) // 2]:
        op, left, right = BINARY_ROWS[i]
        a = _operand(data, left, f"a{i}")
        b = _operand(data, right, f"b{i}", divisor=op == "/")
        check(T, f"a {op} b", a, b, expected=_ORACLE[op])


@spec("dispatch.integer-division-by-zero-raises-after-valid-calls", api("torch.floor_divide"))
@given(data=st.data())
def test_integer_division_checks_every_call(T, data):
    # the zero test belongs to every call: a divisor without zero first must not let a later
    # divisor with a zero through
    a = data.draw(_tensor("int64", (4,)), label="a")
    good = data.draw(_tensor("int64", (4,)).filter(lambda v: (v != 0).all()), label="good")
    bad = np.array(good)
    bad[data.draw(st.integers(0, 3), label="where")] = 0
    for op in ("//", "%"):
        check(T, f"a {op} b", a, good, names="a b",
              expected=oracle.floor_divide if op == "//" else oracle.remainder)
        check_raises(T, f"a {op} b", a, bad, names="a b", exc=RuntimeError)
        check_raises(T, f"a {op} 0", a, exc=RuntimeError)


@spec("dispatch.index-result-independent-of-earlier-calls", INDEXING)
@given(data=st.data())
def test_index_history(T, data):
    rows = data.draw(st.integers(1, 5), label="rows")
    for dt, shape in [("float32", (rows,)), ("float32", (rows, 3)), ("int64", (rows, 2, 2)),
                      ("float16", (rows, 3)), ("float64", (rows,))]:
        x = data.draw(_tensor(dt, shape), label="x")
        idx = data.draw(S.arrays(np.dtype(data.draw(st.sampled_from(["int64", "int32"]), label="idx dtype")),
                                 data.draw(st.sampled_from([(4,), (2, 2)]), label="idx shape"),
                                 lo=-rows, hi=rows - 1), label="idx")
        check(T, "x[i]", x, idx, names="x i", expected=lambda x, i: x[i])
        out_of_range = np.array(idx)
        out_of_range.flat[0] = data.draw(st.sampled_from([rows, -rows - 1]), label="bad")
        check_raises(T, "x[i]", x, out_of_range, names="x i", exc=IndexError)


@spec("dispatch.sum-result-independent-of-earlier-calls", api("torch.sum"))
@given(data=st.data())
def test_sum_history(T, data):
    for dt, shape, dim in [("float32", (6,), None), ("float32", (2, 6), None), ("float32", (2, 3, 4), 1),
                           ("float32", (2, 3, 4), (0, 2)), ("int32", (5,), None), ("float16", (5,), None),
                           ("float64", (3, 4), -1)]:
        x = data.draw(_tensor(dt, shape), label=f"x{shape}")
        check(T, f"a.sum({dim!r})" if dim is not None else "a.sum()", x,
              expected=lambda x: oracle.sum(x, dim), reduce=x.size)
