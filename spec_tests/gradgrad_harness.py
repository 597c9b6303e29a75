"""check_gradgrad: second derivatives of an expression, the way torch.autograd.gradgradcheck
probes them (https://pytorch.org/docs/stable/generated/torch.autograd.gradgradcheck.html), with
float64 central differences of a NumPy forward as the oracle.

For y = f(p) (p: the float inputs) the program takes the first gradients G = J(p)^T v with
create_graph=True, then differentiates s = sum_k <G_k, w_k> with respect to every input and to
v. With s_v(p) = <f(p), v> the expected values are
    G            = grad s_v(p)                                    (central differences in p)
    ds/dp        = H(s_v) w = d/dt grad s_v(p + t w) at t = 0     (a central difference in t of those)
    ds/dv        = J(p) w   = d/dt f(p + t w) at t = 0            (a central difference in t)
so every part of the double backward, including its dependence on the incoming gradient, is checked
against the documented forward alone. `h` is the step of both differences: exact for a forward quadratic in p
(convolution, a squared pooling) at any step, small for a piecewise-linear one (max pooling: no
argmax may change), about 1e-4 for a smooth nonlinear one (truncation ~h^2, rounding ~1e-16/h^2).
"""
import numpy as np

from . import strategies as S
from .harness import NAMES, check
from .oracle_nn import f64, numeric_grad

PROGRAM = """{marks}
y = {code}
gs = torch.autograd.grad(y, ({wrt},), grad_outputs=v, create_graph=True)
s = sum([(gk * wk).sum() for gk, wk in zip(gs, ({dirs},))])
hs = torch.autograd.grad(s, ({wrt}, v), allow_unused=True)
tuple(gs) + tuple(torch.zeros_like(t) if hk is None else hk for t, hk in zip(({wrt}, v), hs))"""


def _is_float(value):
    return isinstance(value, np.ndarray) and value.dtype.kind == "f"


def _second_derivatives(forward, inputs, wrt, v, dirs, h):
    """(G..., ds/dp..., ds/dv) of the module docstring, in float64."""
    xs = [f64(a) if _is_float(a) else a for a in inputs]

    def moved(t):
        ys = list(xs)
        for i, d in zip(wrt, dirs):
            ys[i] = xs[i] + t * f64(d)
        return ys
    first = numeric_grad(forward, xs, v, wrt, eps=h)
    up, down = numeric_grad(forward, moved(h), v, wrt, eps=h), numeric_grad(forward, moved(-h), v, wrt, eps=h)
    hess = tuple((u - d) / (2 * h) for u, d in zip(up, down))
    jvp = (f64(forward(*moved(h))) - f64(forward(*moved(-h)))) / (2 * h)
    return first + hess + (jvp,)


def check_gradgrad(T, data, code, *inputs, forward, h, rtol=1e-6, atol=1e-6):
    """Compare the first and second derivatives of `code` (inputs bound to a, b, c...) with
    central differences of the NumPy `forward` (taking the same inputs). Float inputs are
    differentiated; others (targets, indices) are passed as they are."""
    names = list(NAMES[:len(inputs)])
    wrt = [i for i, a in enumerate(inputs) if _is_float(a)]
    out = np.asarray(forward(*inputs))
    v = data.draw(S.arrays("float64", out.shape, lo=-2, hi=2), label="v")
    dirs = [data.draw(S.arrays("float64", inputs[i].shape, lo=-2, hi=2), label=f"w{names[i]}") for i in wrt]
    wrt_names = ", ".join(names[i] for i in wrt)
    program = PROGRAM.format(marks="; ".join(f"{names[i]}.requires_grad_()" for i in wrt) + "; v.requires_grad_()",
                             code=code, wrt=wrt_names, dirs=", ".join(f"w{names[i]}" for i in wrt))
    every = names + ["v"] + [f"w{names[i]}" for i in wrt]

    def expected(*values):
        return _second_derivatives(forward, values[:len(inputs)], wrt, v, dirs, h)
    return check(T, program, *inputs, v, *dirs, names=every, expected=expected, rtol=rtol, atol=atol)
