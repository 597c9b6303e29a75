"""Callables for the CLI and plugin tests. They take the namespace from their argument, so the
same target works with --impl torch and --impl reference."""
import functools
import sys

from .helpers import square_function


def _ns(t):
    return sys.modules[type(t).__module__.split(".")[0]]


def square_plus(x, y):
    return x * x + y


@functools.lru_cache(maxsize=None)
def _scaled_exp(ns):
    class Exp(ns.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            y = ns.exp(x)
            ctx.save_for_backward(y)
            return y

        @staticmethod
        def backward(ctx, g):
            (y,) = ctx.saved_tensors
            return g * y * 1.01
    return Exp


def bad_exp(x):
    return _scaled_exp(_ns(x)).apply(x)


@functools.lru_cache(maxsize=None)
def _detached_square(ns):
    # detach() cuts the graph of the gradient: first order is right, second order is not
    return square_function(ns, lambda x, g: 2 * x.detach() * g)


def bad_second_order(x):
    return _detached_square(_ns(x)).apply(x)


NOT_CALLABLE = 3
