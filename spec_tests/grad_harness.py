"""check_grad: differentiate one expression in the namespace under test and compare every input's
`.grad` with a float64 closed form from spec_tests/oracle_grad.py.

A gradient test is one line: the expression (inputs bound to a, b, c...), the NumPy inputs, and
the oracle op `(out, pullback)`. The helper draws a random upstream gradient `g` of the output's
shape (a random g catches transposed or mis-summed gradients that all-ones would hide) and runs

    a.requires_grad_()
    y = <expression>
    y.backward(g)
    (a.grad, ..., g)

through `harness.check`, so everything that helper does holds here too: shape, dtype and values
of each gradient are compared, a failure prints a copy-pasteable program, and when the namespace
under test is not torch the same program also runs in torch (differential check of gradients on
identical inputs). Returning `g` as well checks that backward leaves the incoming gradient
untouched.
"""
import numpy as np

from . import strategies as S
from .harness import NAMES, check


def grad_code(code, wrt, upstream="g", prelude=""):
    """The program check_grad runs: mark `wrt` as requiring grad, backward with `upstream`.
    `prelude` (statements, e.g. a custom autograd.Function) comes first."""
    lines = [prelude.strip("\n")] if prelude.strip() else []
    lines += [f"{name}.requires_grad_()" for name in wrt]
    lines.append(f"y = {code}")
    lines.append(f"y.backward({upstream})")
    lines.append("(" + "".join(f"{name}.grad, " for name in wrt) + f"{upstream})")
    return "\n".join(lines)


def _differentiable(value):
    return isinstance(value, np.ndarray) and value.dtype.kind == "f"


def check_grad(T, data, code, *inputs, oracle, wrt=None, reduce=1, rtol=None, atol=None, g_bounds=(-2, 2),
               prelude=""):
    """Compare the gradients of `code` with `oracle`.

    inputs: NumPy arrays become tensors (floating ones require grad unless `wrt` names a subset),
    other values are bound as they are; all of them are passed to `oracle`, whose pullback returns
    one gradient per name in `wrt`, in order.
    data: hypothesis' st.data(), used to draw the upstream gradient.
    reduce: the number of terms each gradient element sums (widens float tolerance like check()).
    prelude: statements run before the inputs are marked (definitions the expression uses).
    """
    names = list(NAMES[:len(inputs)])
    if wrt is None:
        wrt = [n for n, v in zip(names, inputs) if _differentiable(v)]
    elif isinstance(wrt, str):
        wrt = wrt.split()
    out, pullback = oracle(*inputs)
    out = np.asarray(out)
    g = data.draw(S.arrays(out.dtype.name, out.shape, lo=g_bounds[0], hi=g_bounds[1]), label="g")
    grads = pullback(g.astype(np.float64))
    if len(grads) != len(wrt):
        raise ValueError(f"the oracle gives {len(grads)} gradients for {len(wrt)} inputs {wrt}")
    by_name = dict(zip(names, inputs))
    expected = tuple(np.asarray(gr).astype(by_name[n].dtype) for gr, n in zip(grads, wrt)) + (g.copy(),)
    return check(T, grad_code(code, wrt, prelude=prelude), *inputs, g, expected=expected, names=names + ["g"],
                 reduce=reduce, rtol=rtol, atol=atol)
