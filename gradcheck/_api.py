"""The public entry points, gradcheck and gradgradcheck, with torch's signatures."""
from __future__ import annotations

import numpy as np

from ._core import SEED, run
from ._namespace import resolve
from ._problem import Labels, as_tuple, function_name
from ._tolerances import DEFAULT_ATOL, DEFAULT_EPS, DEFAULT_RTOL


def gradcheck(func, inputs, *, eps=DEFAULT_EPS, atol=DEFAULT_ATOL, rtol=DEFAULT_RTOL,
              raise_exception=True, nondet_tol=0.0, check_undefined_grad=True,
              check_batched_grad=False, fast_mode=False) -> bool:
    """Check the gradients `func` computes against finite differences.

    `inputs` is a tensor or a tuple; tensors that require grad (torch or `reference`, taken from
    the inputs' type) are differentiated, anything else is passed through unchanged. Every output
    that is a floating tensor requiring grad is checked; the rest are ignored.

    Checks, in order: the function runs; the numerical Jacobian (central differences in float64,
    on inputs rebuilt from numpy copies, never edited in place) matches the analytical one (one
    backward per output element with a one-hot grad_output); backward returns tensors of the
    inputs' shapes and dtypes; running backward twice gives the same result within `nondet_tol`;
    all-zero grad_outputs give zero gradients; with several outputs, leaving one out of the
    backward call is tolerated (`check_undefined_grad`); with `check_batched_grad`, random
    grad_outputs agree with the numerical derivative, i.e. backward is linear in grad_output
    (an emulation: no vmap is used). If no output requires grad, the numerical derivative must
    be zero.

    `fast_mode` compares random projections instead of whole Jacobians. For each differentiated
    input draw a random unit vector u, for each output a random unit vector v (fixed seed). One
    central difference along u, (f(x + eps u) - f(x - eps u)) / (2 eps), gives J u for every output
    (2 evaluations per input, not per element); one backward with grad_output v gives v^T J for every
    input (1 backward per output, not per element). Each (output, input) pair then reduces to two
    scalars, v . (J_num u) and (v^T J_an) . u, compared with atol scaled by ||u||_1 ||v||_1. If the
    Jacobians differ by D != 0, v^T D u = 0 only on a set of (u, v) of measure zero, so random
    vectors expose the difference with probability one, diluted by the size of the Jacobian. A
    failing pair is recomputed element-wise (with the caller's eps) for the report. More in
    gradcheck._fast.

    float32 inputs trigger a GradcheckPrecisionWarning, and eps/atol/rtol left at their defaults
    become 1e-3/1e-3/1e-2 (see gradcheck._tolerances).

    Returns True. On failure raises GradcheckError (a RuntimeError) whose message names the check,
    the input and output, the worst entries and, for small sizes, both Jacobians; with
    raise_exception=False returns False and emits that report as a GradcheckFailureWarning.
    Exceptions raised by the user's forward or backward are findings too: they are reported
    (chained as __cause__), never allowed to escape raise_exception=False.
    """
    return run(func, inputs, eps=eps, atol=atol, rtol=rtol, raise_exception=raise_exception,
               nondet_tol=nondet_tol, check_undefined_grad=check_undefined_grad,
               check_batched_grad=check_batched_grad, fast_mode=fast_mode)


class _SecondOrderLabels(Labels):
    check_name = "gradgradcheck"

    def __init__(self, n_inputs: int, kept: list[int]):
        self.n_inputs = n_inputs
        self.kept = kept

    def input(self, pos: int) -> str:
        return f"input {pos}" if pos < self.n_inputs else f"grad_output {pos - self.n_inputs}"

    def output(self, idx: int) -> str:
        if idx < len(self.kept):
            return f"first-order grad of input {self.kept[idx]}"
        return f"first-order grad #{idx}"


def _random_grad_output(ns, out, rng, non_contiguous: bool):
    dt = ns.numpy_dtype(out)
    shape = tuple(out.shape)
    values = rng.uniform(-1.0, 1.0, size=shape).astype(dt)
    if non_contiguous:
        # Every other element of a wider buffer: a strided view that from_numpy keeps strided.
        wide = np.zeros(shape + (2,), dtype=dt)
        wide[..., 0] = values
        values = wide[..., 0]
    return ns.from_numpy(values, requires_grad=True)


def gradgradcheck(func, inputs, grad_outputs=None, *, eps=DEFAULT_EPS, atol=DEFAULT_ATOL,
                  rtol=DEFAULT_RTOL, gen_non_contig_grad_outputs=False, raise_exception=True,
                  nondet_tol=0.0, check_undefined_grad=True, check_batched_grad=False,
                  fast_mode=False) -> bool:
    """Check second derivatives: gradcheck of the map (inputs, grad_outputs) -> first-order grads,
    computed with autograd.grad(create_graph=True). Without `grad_outputs`, random ones in [-1, 1]
    (fixed seed, requiring grad, non-contiguous with gen_non_contig_grad_outputs) are used. Like
    torch's, this checks that backward is differentiated correctly, not that it is right: pair it
    with gradcheck. In reports, inputs past the function's own are named grad_output k and the
    outputs are the first-order grads."""
    tupled = as_tuple(inputs)
    ns = resolve(tupled)
    n_inputs = len(tupled)
    diff_positions = [p for p, x in enumerate(tupled) if ns.is_differentiable(x)]
    if grad_outputs is None:
        rng = np.random.default_rng(SEED + 1)
        try:
            outs = as_tuple(func(*tupled))
        except Exception:  # noqa: BLE001 - raised again inside the check, which reports it
            outs = ()
        tupled_go = tuple(_random_grad_output(ns, o, rng, gen_non_contig_grad_outputs)
                          for o in outs if ns.is_differentiable(o))
    else:
        tupled_go = as_tuple(grad_outputs)
    kept: list[int] = []

    def first_order_grads(*args):
        ins, gos = args[:n_inputs], args[n_inputs:]
        outs = [o for o in as_tuple(func(*ins)) if ns.is_differentiable(o)]
        if len(outs) != len(gos):
            raise ValueError(f"{len(gos)} grad_outputs given for {len(outs)} differentiable outputs")
        if not outs:
            return ()
        grads = ns.module.autograd.grad(outs, [ins[p] for p in diff_positions], list(gos),
                                        create_graph=True, allow_unused=True)
        kept[:] = [p for p, g in zip(diff_positions, grads) if g is not None]
        return tuple(g for g in grads if g is not None)

    return run(first_order_grads, tupled + tupled_go, eps=eps, atol=atol, rtol=rtol,
               raise_exception=raise_exception, nondet_tol=nondet_tol,
               check_undefined_grad=check_undefined_grad, check_batched_grad=check_batched_grad,
               fast_mode=fast_mode, labels=_SecondOrderLabels(n_inputs, kept), ns=ns,
               func_name=f"{function_name(func)} (first-order gradients)")
