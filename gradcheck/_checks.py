"""The checks that follow the Jacobians: agreement, reentrancy, zero and undefined grad_outputs,
linearity in grad_output, and the no-differentiable-output case."""
from __future__ import annotations

import numpy as np

from ._diagnose import cross_hints, pair_hints
from ._errors import (BATCHED_GRAD, NONZERO_NUMERICAL, NOT_REENTRANT, UNDEFINED_GRAD,
                      ZERO_GRAD_OUTPUT, Failure, UserCodeError)
from ._jacobian import numerical_directional, numerical_jacobian, unit_vector, vjp
from ._problem import Problem
from ._report import mismatch_failure


def compare_jacobians(problem: Problem, outputs, numerical: dict, analytical: dict, atol: float,
                      rtol: float) -> list[Failure]:
    failing = [key for key in analytical
               if not np.all(np.isclose(analytical[key], numerical[key], rtol=rtol, atol=atol))]
    crossed = cross_hints(analytical, numerical, failing, problem.labels, atol, rtol)
    failures = []
    for i, p in failing:
        f = mismatch_failure(i, p, analytical[(i, p)], numerical[(i, p)], tuple(outputs[i].shape),
                             problem.shapes[p], atol, rtol, problem.labels)
        f.hints = crossed.get((i, p), []) + pair_hints(analytical[(i, p)], numerical[(i, p)], atol, rtol)
        failures.append(f)
    return failures


def reentrancy(problem: Problem, first: dict, second: dict, nondet_tol: float,
               what: str = "Jacobian") -> list[Failure]:
    """Two backward passes with the same inputs and grad_outputs must agree within nondet_tol."""
    failures = []
    for key, a in first.items():
        b = second[key]
        if a.size == 0:
            continue
        diff = np.abs(a - b)
        worst = float(np.max(np.where(np.isnan(diff), np.inf, diff)))
        both_nan = np.isnan(a) & np.isnan(b)
        if worst > nondet_tol and not np.all(both_nan | (diff <= nondet_tol)):
            i, p = key
            at = np.unravel_index(int(np.argmax(np.where(np.isnan(diff), np.inf, diff))), a.shape)
            details = [f"largest difference at {what} entry {[int(x) for x in at]}: first run "
                       f"{float(a[at])!r}, second run {float(b[at])!r}"]
            failures.append(Failure(NOT_REENTRANT, p, i, summary=(
                f"running backward twice for {problem.labels.output(i)} with the same grad_output "
                f"gave {problem.labels.input(p)} gradients differing by up to {worst:.3g} "
                f"(nondet_tol={nondet_tol:g})"), details=details, hints=[
                f"if the nondeterminism is expected (atomic adds, random backward), pass "
                f"nondet_tol >= {worst:.2g}"]))
    return failures


def _nonzero(grads: dict) -> list[tuple[int, float]]:
    found = []
    for p, g in grads.items():
        if g is not None and np.any(g != 0):
            found.append((p, float(np.nanmax(np.abs(g))) if not np.all(np.isnan(g)) else float("nan")))
    return found


def zero_grad_output(problem: Problem, outputs, diff_out: list[int]) -> list[Failure]:
    """Backward is linear in grad_output, so all-zero grad_outputs must give zero (or None)."""
    ns = problem.ns
    outs = [outputs[i] for i in diff_out]
    try:
        grads = vjp(problem, outs, [ns.zeros_like(o) for o in outs], None,
                    "with an all-zero grad_output for every output")
    except UserCodeError as exc:
        f = exc.to_failure()
        f.hints.append("backward must accept zero grad_outputs (autograd passes zeros for unused "
                       "outputs)")
        return [f]
    return [Failure(ZERO_GRAD_OUTPUT, p, None, summary=(
        f"with zero grad_outputs, the gradient for {problem.labels.input(p)} has entries up to "
        f"{mag:.3g}"), hints=["backward seems to return the local derivative without multiplying "
                              "by grad_output"])
        for p, mag in _nonzero(grads)]


def undefined_grad(problem: Problem, outputs, diff_out: list[int]) -> list[Failure]:
    """With several outputs, leave one out of the backward call at a time so its grad is undefined
    inside the engine; the rest get zeros. A single output's grad cannot be made undefined through
    the public autograd API, and the zero-grad check already covers that case."""
    if len(diff_out) < 2:
        return []
    ns = problem.ns
    failures = []
    for k in diff_out:
        kept = [i for i in diff_out if i != k]
        outs = [outputs[i] for i in kept]
        where = f"with no gradient flowing into {problem.labels.output(k)} (others zero)"
        try:
            grads = vjp(problem, outs, [ns.zeros_like(o) for o in outs], None, where)
        except UserCodeError as exc:
            f = exc.to_failure()
            f.kind = UNDEFINED_GRAD
            f.output_index = k
            failures.append(f)
            continue
        for p, mag in _nonzero(grads):
            failures.append(Failure(UNDEFINED_GRAD, p, k, summary=(
                f"{where}, the gradient for {problem.labels.input(p)} has entries up to {mag:.3g}")))
    return failures


def _random_like(rng, out, ns):
    dt = ns.numpy_dtype(out)
    g = rng.standard_normal(out.numel()).astype(dt).reshape(tuple(out.shape))
    return g, ns.from_numpy(g)


def batched_grad(problem: Problem, outputs, diff_out: list[int], reference, atol: float, rtol: float,
                 rng, count: int = 2) -> list[Failure]:
    """Backward with random (signed, non-unit) grad_outputs must agree with the numerical
    derivative projected on them. One-hot grad_outputs cannot see a backward that is nonlinear in
    grad_output (g*g, abs(g) equal g on 0/1 entries); batching via vmap relies on that linearity.

    `reference(i, p, g, w)` returns (want, got, scale) for output i, input p, grad_output g and
    the analytical gradient w: in slow mode want = J_num^T g and got = w; in fast mode both are
    projected on the input direction u. `scale` multiplies atol (the l1 norms of the vectors the
    element-wise tolerance was summed over)."""
    ns = problem.ns
    failures = []
    for i in diff_out:
        for b in range(count):
            g_np, g = _random_like(rng, outputs[i], ns)
            g64 = g_np.astype(np.float64).ravel()
            where = f"for {problem.labels.output(i)} with random grad_output #{b}"
            grads = vjp(problem, [outputs[i]], [g], i, where)
            for p, w in grads.items():
                want, got, scale = reference(i, p, g64, w)
                allowed = atol * scale + rtol * np.abs(want)
                if not np.all(np.abs(got - want) <= allowed):
                    worst = float(np.max(np.abs(got - want)))
                    failures.append(Failure(BATCHED_GRAD, p, i, summary=(
                        f"{where}, the gradient for {problem.labels.input(p)} differs from the "
                        f"numerical derivative by up to {worst:.3g}"), hints=[
                        "one-hot grad_outputs agree, random ones do not: backward is not linear in "
                        "grad_output (does it square, abs or clamp it?)"]))
                    return failures
    return failures


def no_differentiable_outputs(problem: Problem, outputs, eps: float, nondet_tol: float,
                              fast: bool, rng) -> list[Failure]:
    """Nothing requires grad among the outputs: then the numerical derivative of every floating
    output must vanish too, else the function silently cut the graph."""
    ns = problem.ns
    floating = [i for i, o in enumerate(outputs) if ns.is_tensor(o) and o.is_floating_point()]
    numels = {i: outputs[i].numel() for i in floating}
    if not floating:
        return []
    failures = []
    for p in problem.unique_positions:
        if fast:
            u = unit_vector(rng, problem.snapshots[p].size)
            _, ju = numerical_directional(problem, p, u, floating, numels, eps)
            blocks = {(i, p): ju[i] for i in floating}
        else:
            jac = numerical_jacobian(problem, floating, numels, eps, positions=[p])
            blocks = {k: v for k, v in jac.items() if k[1] == p}
        for (i, q), n in blocks.items():
            if n.size and float(np.max(np.abs(n))) > nondet_tol:
                at = int(np.argmax(np.abs(n)))
                failures.append(Failure(NONZERO_NUMERICAL, q, i, summary=(
                    f"no output requires grad, but {problem.labels.output(i)} changes with "
                    f"{problem.labels.input(q)} (numerical derivative up to {float(np.abs(n).flat[at]):.3g})"),
                    hints=["the function cut the graph: a .detach(), .numpy() round trip, no_grad "
                           "block or a tensor rebuilt from data"]))
    return failures
