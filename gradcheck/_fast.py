"""Fast mode: compare random projections v^T J u instead of whole Jacobians.

For every differentiated input p draw a random unit vector u_p, and for every differentiable
output i a random unit vector v_i (signed normal entries, from a fixed seed so a run is
reproducible).

* Numerical side: one central difference along u_p, (f(x + eps u_p) - f(x - eps u_p)) / (2 eps),
  gives J_ip u_p for every output i at once: 2 evaluations per input instead of 2 per element.
  The perturbed input is rounded to its dtype, so u_p is replaced by the direction actually
  travelled, u_eff = (x_plus - x_minus) / (2 eps).
* Analytical side: one backward per output with grad_output v_i gives v_i^T J_ip for every input
  at once: 1 backward per output instead of 1 per output element.
* Each (i, p) pair then yields two scalars, v_i . (J_num u_eff) and (v_i^T J_an) . u_eff.

If the Jacobians differ, D = J_an - J_num is nonzero and v^T D u vanishes only for (u, v) on a set
of measure zero, so random draws expose it with probability one (up to the tolerance). The
element-wise rule |a - n| <= atol + rtol |n| becomes |q_an - q_num| <= atol ||v||_1 ||u||_1 +
rtol |q_num|: the bound on v^T E u when every entry of E is within atol. (torch scales atol by
sum(u) * sum(v), which is only a bound for non-negative vectors.)

When a pair fails, its full Jacobians are computed with the caller's eps and tolerances, so the
report shows the element-wise disagreement, or says that slow mode would have passed."""
from __future__ import annotations

import numpy as np

from ._checks import batched_grad, reentrancy
from ._errors import JACOBIAN_MISMATCH, Failure
from ._jacobian import (analytical_jacobian, numerical_directional, numerical_jacobian,
                        unit_vector, vjp)
from ._problem import Problem
from ._report import mismatch_failure
from ._diagnose import pair_hints


def fast_checks(problem: Problem, outputs, diff_out: list[int], eps: float, atol: float, rtol: float,
                nondet_tol: float, check_batched_grad: bool, rng) -> list[Failure]:
    ns = problem.ns
    numels = {i: outputs[i].numel() for i in diff_out}

    u_eff, ju = {}, {}
    for p in problem.unique_positions:
        direction = unit_vector(rng, problem.snapshots[p].size)
        ue, jv = numerical_directional(problem, p, direction, diff_out, numels, eps)
        for alias in problem.aliases(p):
            u_eff[alias], ju[alias] = ue, jv

    v = {i: unit_vector(rng, numels[i]) for i in diff_out}
    first, second = {}, {}
    for i in diff_out:
        out = outputs[i]
        dt = ns.numpy_dtype(out)
        v_np = v[i].astype(dt).reshape(tuple(out.shape))
        v[i] = v_np.astype(np.float64).ravel()  # project the numerical side on the rounded v
        where = f"for {problem.labels.output(i)} with a random grad_output"
        for store in (first, second):
            grads = vjp(problem, [out], [ns.from_numpy(v_np.copy())], i, where)
            for p, w in grads.items():
                store[(i, p)] = np.zeros(u_eff[p].size) if w is None else w

    failures = reentrancy(problem, first, second, nondet_tol, what="v^T J")

    for (i, p), w in first.items():
        analytical = float(w @ u_eff[p])
        numerical = float(v[i] @ ju[p][i])
        allowed = atol * np.abs(v[i]).sum() * np.abs(u_eff[p]).sum() + rtol * abs(numerical)
        if abs(analytical - numerical) <= allowed:
            continue
        failures.append(_explain(problem, outputs, i, p, analytical, numerical, allowed, eps, atol,
                                 rtol))

    if check_batched_grad and not failures:
        def projected(i, p, g, w):
            got = 0.0 if w is None else float(w @ u_eff[p])
            want = float(g @ ju[p][i])
            return np.array([want]), np.array([got]), np.abs(g).sum() * np.abs(u_eff[p]).sum()
        failures += batched_grad(problem, outputs, diff_out, projected, atol, rtol, rng)
    return failures


def _explain(problem: Problem, outputs, i: int, p: int, analytical: float, numerical: float,
             allowed: float, eps: float, atol: float, rtol: float) -> Failure:
    """Redo the failing pair element-wise, with the caller's eps, for the report."""
    head = [f"fast mode: v^T J u numerical {numerical!r}, analytical {analytical!r}, difference "
            f"{abs(analytical - numerical):.3g}, allowed {allowed:.3g}",
            f"element-wise recomputation of this pair (slow mode, eps={eps:g}):"]
    canonical = problem.canonical[p]
    num = numerical_jacobian(problem, [i], {i: outputs[i].numel()}, eps, positions=[canonical])
    ana = analytical_jacobian(problem, outputs, [i])
    n, a = num[(i, canonical)], ana[(i, p)]
    if np.all(np.isclose(a, n, rtol=rtol, atol=atol)):
        max_diff = float(np.max(np.abs(a - n))) if a.size else 0.0
        return Failure(JACOBIAN_MISMATCH, p, i, summary=(
            f"{problem.labels.output(i)} with respect to {problem.labels.input(p)} (fast mode)"),
            details=head + [f"    all entries agree within tolerance (max |difference| "
                            f"{max_diff:.3g})"],
            hints=["the element-wise check passes: the projected difference is noise from summing "
                   "many entries; rerun with fast_mode=False or a larger atol"])
    f = mismatch_failure(i, p, a, n, tuple(outputs[i].shape), problem.shapes[p], atol, rtol,
                         problem.labels, context=" (fast mode)")
    f.details = head + ["    " + d for d in f.details]
    f.hints = pair_hints(a, n, atol, rtol)
    return f
