"""Numerical Jacobians (central differences) and analytical ones (vector-Jacobian products).

Layout: J[(i, p)] has shape (numel of output i, numel of input p), so J[r, c] = d out_r / d in_c.
Differences are taken in float64 whatever the dtype of the function's outputs."""
from __future__ import annotations

import numpy as np

from ._errors import (BACKWARD_RAISED, EPS_TOO_SMALL, GRAD_DTYPE, GRAD_SHAPE, GRAD_TYPE, Failure,
                      UserCodeError)
from ._problem import Abort, Problem, Where


def element(shape: tuple, flat_index: int) -> tuple:
    return tuple(int(i) for i in np.unravel_index(flat_index, shape)) if shape else ()


def _step_failure(problem: Problem, p: int, k: int, eps: float) -> Failure:
    value = float(problem.snapshots[p].flat[k])
    return Failure(EPS_TOO_SMALL, input_index=p, summary=(
        f"{problem.labels.input(p)}{list(element(problem.shapes[p], k))} = {value!r}: "
        f"x + eps and x - eps round to the same {problem.snapshots[p].dtype} value with "
        f"eps={eps:g}; pass a larger eps"))


def _at(problem: Problem, p: int, k: int, sign: str) -> Where:
    return Where(lambda: f"at {problem.labels.input(p)}{list(element(problem.shapes[p], k))} "
                         f"perturbed by {sign}eps")


def numerical_jacobian(problem: Problem, out_indices: list[int], out_numels: dict[int, int],
                       eps: float, positions: list[int] | None = None
                       ) -> dict[tuple[int, int], np.ndarray]:
    jac = {}
    for p in positions if positions is not None else problem.unique_positions:
        base = problem.snapshots[p]
        cols = {i: np.empty((out_numels[i], base.size)) for i in out_indices}
        for k in range(base.size):
            plus, minus = base.copy(), base.copy()
            plus.flat[k] = base.flat[k] + eps
            minus.flat[k] = base.flat[k] - eps
            # Divide by the step the dtype actually represents, not 2*eps: exact for float32.
            step = float(plus.flat[k]) - float(minus.flat[k])
            if step == 0.0:
                raise Abort(_step_failure(problem, p, k, eps))
            f_plus = problem.evaluate({p: plus}, out_indices, out_numels, _at(problem, p, k, "+"))
            f_minus = problem.evaluate({p: minus}, out_indices, out_numels, _at(problem, p, k, "-"))
            for i in out_indices:
                cols[i][:, k] = (f_plus[i] - f_minus[i]) / step
        for alias in problem.aliases(p):
            for i in out_indices:
                jac[(i, alias)] = cols[i]
    return jac


def numerical_directional(problem: Problem, p: int, direction: np.ndarray, out_indices: list[int],
                          out_numels: dict[int, int], eps: float):
    """J u for every output, by one central difference along `direction` (float64, flat).

    Returns (u_eff, {i: J_i u_eff}) where u_eff is the direction the perturbed inputs really
    moved along once rounded to the input's dtype, so that the analytical side can be projected
    on exactly the same vector."""
    base = problem.snapshots[p]
    if base.size == 0:  # nothing to move: J u is zero for every output
        return np.zeros(0), {i: np.zeros(out_numels[i]) for i in out_indices}
    base64 = base.astype(np.float64).ravel()
    delta = eps * direction
    plus = (base64 + delta).astype(base.dtype).reshape(base.shape)
    minus = (base64 - delta).astype(base.dtype).reshape(base.shape)
    u_eff = (plus.astype(np.float64).ravel() - minus.astype(np.float64).ravel()) / (2.0 * eps)
    if not np.any(u_eff):
        raise Abort(_step_failure(problem, p, int(np.argmax(np.abs(direction))), eps))
    where = f"at {problem.labels.input(p)} perturbed along a random direction by {{}}eps"
    f_plus = problem.evaluate({p: plus}, out_indices, out_numels, where.format("+"))
    f_minus = problem.evaluate({p: minus}, out_indices, out_numels, where.format("-"))
    return u_eff, {i: (f_plus[i] - f_minus[i]) / (2.0 * eps) for i in out_indices}


def unit_vector(rng, n: int) -> np.ndarray:
    """A random direction: signed normal entries scaled to unit 2-norm (empty when n == 0)."""
    u = rng.standard_normal(n)
    norm = np.linalg.norm(u)
    return u / norm if norm > 0 else u


def vjp(problem: Problem, outputs: list, grad_outputs: list, output_index: int | None,
        where, create_graph: bool = False) -> dict[int, np.ndarray | None]:
    """Gradients of sum(outputs * grad_outputs) w.r.t. every differentiated input, as flat float64
    arrays (None where autograd returned None). Checks what backward handed back before any
    number is read from it."""
    ns = problem.ns
    targets = [problem.inputs[p] for p in problem.diff_positions]
    try:
        grads = ns.grad(outputs, targets, grad_outputs, create_graph=create_graph)
    except Exception as exc:  # noqa: BLE001 - the user's backward failing is a finding, not a crash
        raise UserCodeError(BACKWARD_RAISED, f"backward raised {where}", exc,
                            output_index=output_index) from exc
    result = {}
    for p, x, g in zip(problem.diff_positions, targets, grads):
        if g is None:
            result[p] = None
            continue
        label = problem.labels.input(p)
        if not ns.is_tensor(g):
            raise Abort(Failure(GRAD_TYPE, p, output_index, summary=(
                f"the gradient for {label} is a {type(g).__name__} {where}")))
        if tuple(g.shape) != tuple(x.shape):
            raise Abort(Failure(GRAD_SHAPE, p, output_index, summary=(
                f"the gradient for {label} has shape {tuple(g.shape)} but {label} has shape "
                f"{tuple(x.shape)} ({where})")))
        if g.dtype != x.dtype:
            raise Abort(Failure(GRAD_DTYPE, p, output_index, summary=(
                f"the gradient for {label} has dtype {ns.dtype_name(g.dtype)} but {label} has "
                f"dtype {ns.dtype_name(x.dtype)} ({where})")))
        result[p] = ns.to_numpy(g, np.float64).ravel()
    return result


def unit_grad_output(ns, out, r: int, np_dtype):
    g = np.zeros(out.numel(), dtype=np_dtype)
    g[r] = 1
    return ns.from_numpy(g.reshape(tuple(out.shape)))


def analytical_jacobian(problem: Problem, outputs: tuple, out_indices: list[int]
                        ) -> dict[tuple[int, int], np.ndarray]:
    """One backward per output element, with a one-hot grad_output: row r of J_i is J_i^T e_r."""
    ns = problem.ns
    jac = {}
    for i in out_indices:
        out = outputs[i]
        m = out.numel()
        np_dtype = ns.numpy_dtype(out)
        rows = {p: np.zeros((m, int(np.prod(problem.shapes[p], dtype=np.int64))))
                for p in problem.diff_positions}
        for r in range(m):
            where = Where(lambda r=r: f"for {problem.labels.output(i)} with grad_output one-hot at "
                                      f"{list(element(tuple(out.shape), r))}")
            grads = vjp(problem, [out], [unit_grad_output(ns, out, r, np_dtype)], i, where)
            for p, g in grads.items():
                if g is not None:
                    rows[p][r] = g
        for p in problem.diff_positions:
            jac[(i, p)] = rows[p]
    return jac
