"""Functions to check, each written once as `make(ns) -> (func, build_inputs)` so the same corpus
runs on torch and on `reference`. Correct ops must pass; every planted bug must be caught.

`build_inputs()` returns fresh float64 leaves each call (fixed seeds), so one checker can never
disturb the inputs another sees."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from .helpers import square_function

from gradcheck._errors import (BACKWARD_RAISED, GRAD_DTYPE, GRAD_SHAPE, JACOBIAN_MISMATCH,
                               NONZERO_NUMERICAL, NOT_REENTRANT, ZERO_GRAD_OUTPUT)


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable
    bug: str | None = None  # what was planted; None for a correct op
    kinds: frozenset = frozenset()  # failure kinds allowed to report the bug
    first_order_ok: bool = True  # expected gradcheck verdict
    gradgrad: bool | None = None  # expected gradgradcheck verdict; None: not run
    torch_trips: frozenset = frozenset()  # modes where torch.autograd.gradcheck itself misbehaves


CASES: list[Case] = []


def case(bug=None, kinds=(), first_order_ok=None, gradgrad=None, torch_trips=()):
    def register(make):
        ok = (bug is None) if first_order_ok is None else first_order_ok
        CASES.append(Case(make.__name__, make, bug, frozenset(kinds), ok, gradgrad,
                          frozenset(torch_trips)))
        return make
    return register


def arr(shape, seed, low=-1.0, high=1.0):
    return np.random.default_rng(seed).uniform(low, high, shape)


def away_from_zero(shape, seed, low=0.5, high=1.5):
    rng = np.random.default_rng(seed)
    return np.where(rng.random(shape) < 0.5, -1.0, 1.0) * rng.uniform(low, high, shape)


def leaf(ns, a, requires_grad=True):
    return ns.tensor(np.asarray(a).tolist(), dtype=ns.float64, requires_grad=requires_grad)


def inputs(ns, *arrays, requires_grad=None):
    flags = requires_grad or [True] * len(arrays)
    return lambda: tuple(leaf(ns, a, f) for a, f in zip(arrays, flags))


# ---------------------------------------------------------------- correct built-in compositions

@case(gradgrad=True)
def add_broadcast(ns):
    return (lambda a, b: a + b), inputs(ns, arr((3, 4), 1), arr((4,), 2))


@case(gradgrad=True)
def mul_broadcast(ns):
    return (lambda a, b: a * b), inputs(ns, arr((2, 3), 3), arr((2, 1), 4))


@case()
def sub_div(ns):
    return (lambda a, b, c: (a - b) / c), inputs(ns, arr((2, 3), 5), arr((2, 3), 6), arr((3,), 7, 1, 2))


@case(gradgrad=True)
def sin(ns):
    return ns.sin, inputs(ns, arr((4,), 8))


@case(gradgrad=True)
def exp_tanh(ns):
    return (lambda x: ns.exp(ns.tanh(x))), inputs(ns, arr((2, 3), 9))


@case()
def log(ns):
    return ns.log, inputs(ns, arr((5,), 10, 0.5, 2.0))


@case()
def sqrt(ns):
    return ns.sqrt, inputs(ns, arr((2, 2), 11, 0.5, 2.0))


@case(gradgrad=True)
def cube(ns):
    return (lambda x: x ** 3), inputs(ns, arr((4,), 12))


@case()
def sum_dim(ns):
    return (lambda x: x.sum(dim=1)), inputs(ns, arr((3, 4), 13))


@case(gradgrad=True)
def times_column_sums(ns):
    return (lambda x: x * x.sum(dim=0, keepdim=True)), inputs(ns, arr((3, 2), 14))


@case()
def mean(ns):
    return (lambda x: x.mean()), inputs(ns, arr((2, 3), 15))


@case(gradgrad=True)
def matmul(ns):
    return (lambda a, b: a @ b), inputs(ns, arr((2, 3), 16), arr((3, 4), 17))


@case()
def matvec(ns):
    return (lambda a, v: ns.matmul(a, v)), inputs(ns, arr((3, 4), 18), arr((4,), 19))


@case(gradgrad=True)
def softmax_by_hand(ns):
    def softmax(x):
        e = ns.exp(x)
        return e / e.sum(dim=-1, keepdim=True)
    return softmax, inputs(ns, arr((2, 3), 20))


@case(gradgrad=True)
def two_outputs(ns):
    return (lambda x, y: (x * y, x + y)), inputs(ns, arr((3,), 21), arr((3,), 22))


@case(torch_trips=("slow", "fast"))
def bool_second_output(ns):
    return (lambda x: (x * 2, x > 0)), inputs(ns, arr((3,), 23))


@case(torch_trips=("fast",))
def detached_first_output(ns):
    return (lambda x: (x.detach() * 2, x * 3)), inputs(ns, arr((3,), 24))


@case()
def non_tensor_argument(ns):
    build = inputs(ns, arr((3,), 25))
    return (lambda x, s: x * s), (lambda: build() + (2.5,))


@case()
def input_without_grad(ns):
    return (lambda x, w: ns.sin(x) * w), inputs(ns, arr((3,), 26), arr((3,), 27),
                                                requires_grad=[True, False])


@case()
def reshape_chain(ns):
    return (lambda x, y: x.reshape(3, 2) @ y), inputs(ns, arr((2, 3), 28), arr((2, 2), 29))


@case()
def abs_away_from_kink(ns):
    return ns.abs, inputs(ns, away_from_zero((5,), 30))


@case(gradgrad=True)
def zero_dim(ns):
    return (lambda x: x * 3 + x ** 2), inputs(ns, arr((), 31))


@case()
def same_tensor_twice(ns):
    build = inputs(ns, arr((3,), 32))

    def both():
        (x,) = build()
        return x, x
    return (lambda a, b: a * b), both


# ---------------------------------------------------------------- correct custom Functions

@case(gradgrad=True)
def fn_square(ns):
    return square_function(ns, lambda x, g: 2 * x * g).apply, inputs(ns, arr((3, 2), 40))


@case(gradgrad=True)
def fn_mul_add(ns):
    class MulAdd(ns.autograd.Function):
        @staticmethod
        def forward(ctx, x, y, z):
            ctx.save_for_backward(x, y)
            return x * y + z

        @staticmethod
        def backward(ctx, g):
            x, y = ctx.saved_tensors
            return g * y, g * x, g
    return MulAdd.apply, inputs(ns, arr((4,), 41), arr((4,), 42), arr((4,), 43))


@case(gradgrad=True)
def fn_matmul(ns):
    class MatMul(ns.autograd.Function):
        @staticmethod
        def forward(ctx, a, b):
            ctx.save_for_backward(a, b)
            return a @ b

        @staticmethod
        def backward(ctx, g):
            a, b = ctx.saved_tensors
            return g @ b.transpose(0, 1), a.transpose(0, 1) @ g
    return MatMul.apply, inputs(ns, arr((2, 3), 44), arr((3, 2), 45))


@case(gradgrad=True)
def fn_sincos(ns):
    class SinCos(ns.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return ns.sin(x), ns.cos(x)

        @staticmethod
        def backward(ctx, g_sin, g_cos):
            (x,) = ctx.saved_tensors
            return g_sin * ns.cos(x) - g_cos * ns.sin(x)
    return SinCos.apply, inputs(ns, arr((3,), 46))


@case(gradgrad=True)
def fn_sum_of_squares(ns):
    class SumSq(ns.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return (x * x).sum()

        @staticmethod
        def backward(ctx, g):
            (x,) = ctx.saved_tensors
            return 2 * x * g
    return SumSq.apply, inputs(ns, arr((4,), 47))


@case()
def fn_broadcast_add(ns):
    class BroadcastAdd(ns.autograd.Function):
        @staticmethod
        def forward(ctx, x, y):
            return x + y  # x: (3,), y: (2, 3)

        @staticmethod
        def backward(ctx, g):
            return g.sum(dim=0), g
    return BroadcastAdd.apply, inputs(ns, arr((3,), 48), arr((2, 3), 49))


@case()
def fn_needs_input_grad(ns):
    class Scale(ns.autograd.Function):
        @staticmethod
        def forward(ctx, x, w):
            ctx.save_for_backward(x, w)
            return x * w

        @staticmethod
        def backward(ctx, g):
            x, w = ctx.saved_tensors
            return (g * w if ctx.needs_input_grad[0] else None,
                    g * x if ctx.needs_input_grad[1] else None)
    return Scale.apply, inputs(ns, arr((3,), 50), arr((3,), 51), requires_grad=[True, False])


@case(gradgrad=True)
def fn_exp_of_sum(ns):
    class ExpSum(ns.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return ns.exp(x.sum())

        @staticmethod
        def backward(ctx, g):
            (x,) = ctx.saved_tensors
            return ns.ones_like(x) * (g * ns.exp(x.sum()))
    return ExpSum.apply, inputs(ns, arr((2, 2), 52))


# ---------------------------------------------------------------- planted bugs

@case(bug="dropped term: d(x sin x) = sin x + x cos x, backward forgets x cos x",
      kinds=[JACOBIAN_MISMATCH])
def bug_dropped_term(ns):
    class XSinX(ns.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x * ns.sin(x)

        @staticmethod
        def backward(ctx, g):
            (x,) = ctx.saved_tensors
            return g * ns.sin(x)
    return XSinX.apply, inputs(ns, arr((4,), 60))


@case(bug="grads returned for the wrong inputs (swapped)", kinds=[JACOBIAN_MISMATCH])
def bug_swapped_grads(ns):
    class XYY(ns.autograd.Function):
        @staticmethod
        def forward(ctx, x, y):
            ctx.save_for_backward(x, y)
            return x * y * y

        @staticmethod
        def backward(ctx, g):
            x, y = ctx.saved_tensors
            return 2 * g * x * y, g * y * y
    return XYY.apply, inputs(ns, arr((3,), 61), arr((3,), 62))


@case(bug="missing transpose in matmul backward (g @ b instead of g @ b^T)",
      kinds=[JACOBIAN_MISMATCH])
def bug_missing_transpose(ns):
    class MatMul(ns.autograd.Function):
        @staticmethod
        def forward(ctx, a, b):
            ctx.save_for_backward(a, b)
            return a @ b

        @staticmethod
        def backward(ctx, g):
            a, b = ctx.saved_tensors
            return g @ b, a.transpose(0, 1) @ g
    return MatMul.apply, inputs(ns, arr((3, 3), 63), arr((3, 3), 64))


@case(bug="wrong sign: d cos = +sin", kinds=[JACOBIAN_MISMATCH])
def bug_wrong_sign(ns):
    class Cos(ns.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return ns.cos(x)

        @staticmethod
        def backward(ctx, g):
            (x,) = ctx.saved_tensors
            return g * ns.sin(x)
    return Cos.apply, inputs(ns, arr((4,), 65))


@case(bug="1% scale error in exp backward", kinds=[JACOBIAN_MISMATCH])
def bug_scale_1pct(ns):
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
    return Exp.apply, inputs(ns, arr((2, 2), 66))


@case(bug="scalar output, backward ignores grad_output (right only for grad_output = 1)",
      kinds=[ZERO_GRAD_OUTPUT])
def bug_ignores_grad_output_scalar(ns):
    class SumSq(ns.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return (x * x).sum()

        @staticmethod
        def backward(ctx, g):
            (x,) = ctx.saved_tensors
            return 2 * x
    return SumSq.apply, inputs(ns, arr((4,), 67))


@case(bug="elementwise backward ignores grad_output", kinds=[JACOBIAN_MISMATCH, ZERO_GRAD_OUTPUT])
def bug_ignores_grad_output(ns):
    class Square(ns.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x * x

        @staticmethod
        def backward(ctx, g):
            (x,) = ctx.saved_tensors
            return 2 * x
    return Square.apply, inputs(ns, arr((3,), 68))


@case(bug="gradient for the second input returned as None", kinds=[JACOBIAN_MISMATCH])
def bug_missing_grad_none(ns):
    class Mul(ns.autograd.Function):
        @staticmethod
        def forward(ctx, x, y):
            ctx.save_for_backward(x, y)
            return x * y

        @staticmethod
        def backward(ctx, g):
            x, y = ctx.saved_tensors
            return g * y, None
    return Mul.apply, inputs(ns, arr((3,), 69), arr((3,), 70))


@case(bug="backward returns a flattened gradient (wrong shape)", kinds=[GRAD_SHAPE, BACKWARD_RAISED])
def bug_wrong_shape(ns):
    class Double(ns.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x * 2

        @staticmethod
        def backward(ctx, g):
            return (g * 2).reshape(-1)
    return Double.apply, inputs(ns, arr((2, 3), 71))


@case(bug="backward computes and returns float32 for a float64 input; torch's engine casts the "
          "result back, so there it shows as lost precision",
      kinds=[GRAD_DTYPE, JACOBIAN_MISMATCH])
def bug_wrong_dtype(ns):
    class FastSine(ns.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return ns.sin(x * 1000.0)

        @staticmethod
        def backward(ctx, g):
            (x,) = ctx.saved_tensors
            x32, g32 = x.to(ns.float32), g.to(ns.float32)
            return g32 * ns.cos(x32 * 1000.0) * 1000.0
    return FastSine.apply, inputs(ns, arr((4,), 72, 500.0, 1000.0))


_NOISE = np.random.default_rng(73)


@case(bug="nondeterministic backward (relative noise 1e-9)", kinds=[NOT_REENTRANT])
def bug_nondeterministic(ns):
    class NoisySquare(ns.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x * x

        @staticmethod
        def backward(ctx, g):
            (x,) = ctx.saved_tensors
            return 2 * x * g * (1.0 + 1e-9 * float(_NOISE.random()))
    return NoisySquare.apply, inputs(ns, arr((3,), 74))


@case(bug="broadcast input's gradient reduced with mean instead of sum", kinds=[JACOBIAN_MISMATCH])
def bug_broadcast_mean(ns):
    class BroadcastMul(ns.autograd.Function):
        @staticmethod
        def forward(ctx, x, y):
            ctx.save_for_backward(x, y)
            return x * y  # x: (3,), y: (2, 3)

        @staticmethod
        def backward(ctx, g):
            x, y = ctx.saved_tensors
            return (g * y).mean(dim=0), g * x
    return BroadcastMul.apply, inputs(ns, arr((3,), 75), arr((2, 3), 76))


@case(bug="two outputs, backward drops the second output's grad", kinds=[JACOBIAN_MISMATCH])
def bug_second_output_dropped(ns):
    class SinCos(ns.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return ns.sin(x), ns.cos(x)

        @staticmethod
        def backward(ctx, g_sin, g_cos):
            (x,) = ctx.saved_tensors
            return g_sin * ns.cos(x)
    return SinCos.apply, inputs(ns, arr((3,), 77))


@case(bug="copy-paste: third input gets the second input's gradient", kinds=[JACOBIAN_MISMATCH])
def bug_copy_paste(ns):
    class Prod3(ns.autograd.Function):
        @staticmethod
        def forward(ctx, x, y, z):
            ctx.save_for_backward(x, y, z)
            return x * y * z

        @staticmethod
        def backward(ctx, g):
            x, y, z = ctx.saved_tensors
            return g * y * z, g * x * z, g * x * z
    return Prod3.apply, inputs(ns, arr((3,), 78), arr((3,), 79), arr((3,), 80))


@case(bug="abs backward forgets the sign", kinds=[JACOBIAN_MISMATCH])
def bug_abs_no_sign(ns):
    class Abs(ns.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return ns.abs(x)

        @staticmethod
        def backward(ctx, g):
            return g
    return Abs.apply, inputs(ns, away_from_zero((4,), 81))


@case(bug="forward detaches its result (no graph, yet depends on the input)",
      kinds=[NONZERO_NUMERICAL])
def bug_detached_forward(ns):
    return (lambda x: x.detach() * 2), inputs(ns, arr((3,), 82))


@case(bug="backward crashes (matmul of incompatible shapes)", kinds=[BACKWARD_RAISED])
def bug_backward_raises(ns):
    class Outer(ns.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x * 3

        @staticmethod
        def backward(ctx, g):
            (x,) = ctx.saved_tensors
            return ns.matmul(g, x.reshape(1, -1)) * 0 + g * 3
    return Outer.apply, inputs(ns, arr((2, 3), 83))


@case(bug="backward uses a detached input, so its own derivative is lost (second order only)",
      kinds=[JACOBIAN_MISMATCH], first_order_ok=True, gradgrad=False)
def bug_backward_detached(ns):
    class Square(ns.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x * x

        @staticmethod
        def backward(ctx, g):
            (x,) = ctx.saved_tensors
            return 2 * x.detach() * g
    return Square.apply, inputs(ns, arr((3,), 84))


@case(bug="backward calls a custom cos whose own backward has the wrong sign (second order only)",
      kinds=[JACOBIAN_MISMATCH], first_order_ok=True, gradgrad=False)
def bug_inner_wrong_sign(ns):
    class Cos(ns.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return ns.cos(x)

        @staticmethod
        def backward(ctx, g):
            (x,) = ctx.saved_tensors
            return g * ns.sin(x)  # should be -g sin x

    class Sin(ns.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return ns.sin(x)

        @staticmethod
        def backward(ctx, g):
            (x,) = ctx.saved_tensors
            return g * Cos.apply(x)
    return Sin.apply, inputs(ns, arr((3,), 85))


CORRECT = [c for c in CASES if c.bug is None]
BUGGY = [c for c in CASES if c.bug is not None]
