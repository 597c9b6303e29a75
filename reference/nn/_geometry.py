"""Argument normalisation the spatial layers share: ints or tuples to n-tuples, and the text torch
uses for shapes in messages."""
import collections.abc


def ntuple(value, n, name="argument"):
    """An int (repeated) or a sequence of n ints, as a tuple of n ints."""
    if isinstance(value, collections.abc.Iterable) and not isinstance(value, str):
        t = tuple(value)
        if len(t) == 1 and n > 1:
            t = t * n
        if len(t) != n:
            raise RuntimeError(f"expected {name} to be a single integer value or a list of {n} values "
                               f"to match the convolution dimensions, but got {name}={list(t)}")
        return t
    return (value,) * n


def single(value):
    return ntuple(value, 1)


def pair(value):
    return ntuple(value, 2)


def shape_list(shape):
    """[2, 3, 4]: how torch prints a size inside an error message."""
    return "[" + ", ".join(str(int(s)) for s in shape) + "]"
