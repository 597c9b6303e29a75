"""One gradcheck run: prepare, run the checks in order, turn the findings into a verdict."""
from __future__ import annotations

import warnings

import numpy as np

from ._checks import (batched_grad, compare_jacobians, no_differentiable_outputs, reentrancy,
                      undefined_grad, zero_grad_output)
from ._errors import (BACKWARD_RAISED, FORWARD_RAISED, Failure, GradcheckError,
                      GradcheckFailureWarning, GradcheckPrecisionWarning, UserCodeError)
from ._fast import fast_checks
from ._jacobian import analytical_jacobian, numerical_jacobian
from ._namespace import Namespace, resolve
from ._problem import Abort, Labels, Problem, as_tuple
from ._report import render
from ._tolerances import Tolerances, resolve as resolve_tolerances

# Fixed so that fast mode's random projections (and gradgradcheck's random grad_outputs) are the
# same on every run: a verdict must not depend on luck.
SEED = 20240917


def _guard(phase) -> tuple[list[Failure], bool]:
    """Run one phase; an exception from user code or a structural problem becomes its failure.
    The flag says whether later phases can still run."""
    try:
        return phase(), True
    except UserCodeError as exc:
        return [_with_hints(exc.to_failure(), exc)], False
    except Abort as stop:
        return [stop.failure], False


def _with_hints(f: Failure, exc: UserCodeError) -> Failure:
    text = str(exc.original)
    if exc.kind == BACKWARD_RAISED:
        if "invalid gradient" in text or "shape" in text:
            f.hints.append("backward returned a gradient whose shape does not match its input, "
                           "and the autograd engine rejected it")
        f.hints.append("the chained exception (__cause__) holds the traceback into backward")
    elif exc.kind == FORWARD_RAISED and "perturbed" in exc.where:
        f.hints.append("the function fails within eps of the input: is an input at the edge of "
                       "the function's domain?")
    return f


def _tolerances(problem: Problem, eps, atol, rtol, stacklevel: int) -> Tolerances:
    ns = problem.ns
    low = [p for p in problem.diff_positions if not ns.is_float64(problem.inputs[p])]
    if not low:
        return resolve_tolerances(eps, atol, rtol, "float64")
    tol = resolve_tolerances(eps, atol, rtol, "float32")
    names = ", ".join(f"{problem.labels.input(p)} ({ns.dtype_name(problem.inputs[p].dtype)})"
                      for p in low)
    warnings.warn(
        f"{problem.labels.check_name}: {names} requires grad but is not float64; finite differences "
        f"lose precision, so the check is weaker. Using eps={tol.eps:g}, atol={tol.atol:g}, "
        f"rtol={tol.rtol:g} (arguments left at their defaults take the float32 values). Prefer "
        f"float64 inputs.", GradcheckPrecisionWarning, stacklevel=stacklevel)
    return tol


def collect(problem: Problem, tol: Tolerances, *, nondet_tol: float, check_undefined_grad: bool,
            check_batched_grad: bool, fast_mode: bool) -> list[Failure]:
    rng = np.random.default_rng(SEED)
    ns = problem.ns
    state: dict = {}

    def forward():
        state["outputs"] = problem.call_original()
        return []

    failures, ok = _guard(forward)
    if not ok:
        return failures
    outputs = state["outputs"]
    for i, o in enumerate(outputs):
        if ns.is_tensor(o) and o.requires_grad and not o.is_floating_point():
            raise ValueError(f"{problem.labels.check_name}: {problem.labels.output(i)} requires grad "
                             f"but has dtype {ns.dtype_name(o.dtype)}; only real floating-point "
                             "outputs can be checked")
    diff_out = [i for i, o in enumerate(outputs) if ns.is_differentiable(o)]
    if not diff_out:
        return _guard(lambda: no_differentiable_outputs(problem, outputs, tol.eps, nondet_tol,
                                                        fast_mode, rng))[0]

    def jacobians():
        if fast_mode:
            return fast_checks(problem, outputs, diff_out, tol.eps, tol.atol, tol.rtol, nondet_tol,
                               check_batched_grad, rng)
        numels = {i: outputs[i].numel() for i in diff_out}
        numerical = numerical_jacobian(problem, diff_out, numels, tol.eps)
        analytical = analytical_jacobian(problem, outputs, diff_out)
        again = analytical_jacobian(problem, outputs, diff_out)
        found = reentrancy(problem, analytical, again, nondet_tol)
        found += compare_jacobians(problem, outputs, numerical, analytical, tol.atol, tol.rtol)
        if check_batched_grad and not found:
            def against_numerical(i, p, g, w):
                want = numerical[(i, p)].T @ g
                return want, (np.zeros_like(want) if w is None else w), np.abs(g).sum()
            found += batched_grad(problem, outputs, diff_out, against_numerical, tol.atol,
                                  tol.rtol, rng)
        return found

    found, ok = _guard(jacobians)
    failures += found
    if not ok:
        return failures
    failures += _guard(lambda: zero_grad_output(problem, outputs, diff_out))[0]
    if check_undefined_grad:
        failures += _guard(lambda: undefined_grad(problem, outputs, diff_out))[0]
    return failures


def run(func, inputs, *, eps, atol, rtol, raise_exception: bool, nondet_tol: float,
        check_undefined_grad: bool, check_batched_grad: bool, fast_mode: bool,
        labels: Labels | None = None, ns: Namespace | None = None, func_name: str | None = None,
        stacklevel: int = 3) -> bool:
    tupled = as_tuple(inputs)
    ns = ns or resolve(tupled)
    problem = Problem(func, tupled, ns, labels)
    if func_name:
        problem.name = func_name
    for p, x in enumerate(tupled):
        if ns.is_tensor(x) and x.requires_grad and not x.is_floating_point():
            raise ValueError(f"{problem.labels.check_name}: {problem.labels.input(p)} requires grad "
                             f"but has dtype {ns.dtype_name(x.dtype)}; only real floating-point "
                             "inputs can be checked")
    if not problem.diff_positions:
        raise ValueError(f"{problem.labels.check_name}: no input requires grad; call "
                         ".requires_grad_() on the floating-point inputs to check")
    tol = _tolerances(problem, eps, atol, rtol, stacklevel + 1)
    failures = collect(problem, tol, nondet_tol=nondet_tol,
                       check_undefined_grad=check_undefined_grad,
                       check_batched_grad=check_batched_grad, fast_mode=fast_mode)
    if not failures:
        return True
    settings = (f"eps={tol.eps:g} atol={tol.atol:g} rtol={tol.rtol:g} nondet_tol={nondet_tol:g} "
                f"fast_mode={fast_mode} check_undefined_grad={check_undefined_grad} "
                f"check_batched_grad={check_batched_grad}")
    report = render(problem.labels.check_name, problem.name, failures, problem, settings)
    if raise_exception:
        cause = next((f.cause for f in failures if f.cause is not None), None)
        raise GradcheckError(report, failures) from cause
    warnings.warn(report, GradcheckFailureWarning, stacklevel=stacklevel)
    return False
