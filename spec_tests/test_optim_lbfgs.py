"""torch.optim.LBFGS (https://pytorch.org/docs/stable/generated/torch.optim.LBFGS.html): on a strictly
convex quadratic it reaches the minimiser A^-1 b (an oracle independent of the algorithm's
details), with and without the strong-Wolfe line search; the closure protocol, state and errors."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import strategies as S
from .catalogue import api, cases, spec
from .harness import check, check_raises
from .messages import error_cases

LBFGS = api("torch.optim.LBFGS")

# a: A = M M^T + n I (well conditioned, symmetric positive definite), b: the linear term
QUADRATIC = """
x = torch.zeros(a.shape[0], dtype=a.dtype, device=dev, requires_grad=True)
opt = torch.optim.LBFGS([x], **c)
def closure():
    opt.zero_grad()
    loss = 0.5 * (x * (a @ x)).sum() - (b * x).sum()
    loss.backward()
    return loss
for _ in range(d):
    opt.step(closure)
x.detach()
"""


@st.composite
def quadratics(draw):
    n = draw(st.integers(2, 6))
    dtype = draw(st.sampled_from(["float32", "float64"]))
    m = draw(S.arrays("float64", (n, n), lo=-1, hi=1))
    A = (m @ m.T + n * np.eye(n)).astype(dtype)
    b = draw(S.arrays(dtype, (n,), lo=-3, hi=3))
    return A, b


def minimiser(A, b, *_):
    return np.linalg.solve(A.astype(np.float64), b.astype(np.float64)).astype(A.dtype)


@spec("optim.lbfgs-strong-wolfe-minimises-quadratic", LBFGS)
@given(q=quadratics(), history=st.sampled_from([100, 3]))
def test_lbfgs_strong_wolfe(T, q, history):
    A, b = q
    # Converged as far as the loss resolves: near the minimum f - f* ~ |dx|^2, so a loss that
    # stagnates at eps leaves |dx| ~ sqrt(eps) (about 3e-4 in float32).
    tol = dict(rtol=2e-3, atol=2e-3) if A.dtype == np.float32 else dict(rtol=1e-5, atol=1e-6)
    opts = dict(line_search_fn="strong_wolfe", history_size=history, tolerance_grad=1e-9, tolerance_change=1e-12,
                max_iter=50)
    check(T, QUADRATIC, A, b, opts, 2, expected=minimiser, **tol)


@spec("optim.lbfgs-fixed-step-minimises-quadratic", LBFGS)
@given(q=quadratics())
def test_lbfgs_without_line_search(T, q):
    A, b = q
    tol = dict(rtol=1e-3, atol=1e-3) if A.dtype == np.float32 else dict(rtol=1e-6, atol=1e-6)
    opts = dict(lr=0.5, tolerance_grad=1e-10, tolerance_change=1e-14, max_iter=200)
    check(T, QUADRATIC, A, b, opts, 3, expected=minimiser, **tol)


ONE = ("x = torch.tensor([1.5, -0.5], device=dev, requires_grad=True)\n"
       "def closure():\n    opt.zero_grad()\n    loss = ((x - torch.tensor([1.0, 2.0], device=dev)) ** 2).sum()\n"
       "    loss.backward()\n    return loss\n")

EDGES = cases([
    ("optim.lbfgs-returns-first-loss", LBFGS,
     ONE + "opt = torch.optim.LBFGS([x])\nopt.step(closure).item()", 6.5),
    ("optim.lbfgs-state-counts", LBFGS,
     ONE + "opt = torch.optim.LBFGS([x], max_iter=1)\nopt.step(closure); opt.step(closure)\n"
     "(opt.state[x]['n_iter'], opt.state[x]['func_evals'])", (2, 2)),
    ("optim.lbfgs-max-eval-default", LBFGS,
     ONE + "opt = torch.optim.LBFGS([x], max_iter=8)\nopt.param_groups[0]['max_eval']", 10),
    ("optim.lbfgs-stops-at-tolerance-grad", LBFGS,
     ONE + "opt = torch.optim.LBFGS([x], tolerance_grad=100.0)\nopt.step(closure)\n"
     "(x.detach(), opt.state[x]['n_iter'])", (np.array([1.5, -0.5], np.float32), 0)),
    ("optim.lbfgs-first-step-scaled", LBFGS,
     ONE + "opt = torch.optim.LBFGS([x], lr=1.0, max_iter=1)\nopt.step(closure)\nx.detach()",
     # d = -g = (-1, 5); t = min(1, 1 / |g|_1) = 1/6
     np.array([1.5 - 1.0 / 6, -0.5 + 5.0 / 6], np.float32)),
])


@pytest.mark.parametrize("code, expected", EDGES)
def test_lbfgs_edges(T, code, expected):
    check(T, code, expected=expected)


ERRORS = error_cases([
    ("optim.lbfgs-one-group-only", LBFGS,
     "torch.optim.LBFGS([{'params': [torch.zeros(1, device=dev, requires_grad=True)]}, "
     "{'params': [torch.zeros(1, device=dev, requires_grad=True)]}])", ValueError, ("doesn't support per-parameter options",)),
    ("optim.lbfgs-unknown-line-search", LBFGS,
     ONE + "opt = torch.optim.LBFGS([x], line_search_fn='armijo')\nopt.step(closure)", RuntimeError,
     ("only 'strong_wolfe' is supported",)),
])


@pytest.mark.parametrize("code, exc, contains", ERRORS)
def test_lbfgs_errors(T, code, exc, contains):
    check_raises(T, code, exc=exc, contains=contains)


# ---------------------------------------------------------------------------------------------
# state: torch's layout under state_dict, and resuming from it

STATE_DICT = api("torch.optim.Optimizer.state_dict")

LAYOUT = ONE + """opt = torch.optim.LBFGS([x], lr=0.5, max_iter=4, history_size=3)
opt.step(closure); opt.step(closure)
s = opt.state_dict()['state'][0]
(sorted(s), [torch.is_tensor(s[k]) for k in ('d', 'prev_flat_grad', 'H_diag')], s['d'].shape[0],
 sorted({(torch.is_tensor(v), v.dim()) for v in s['old_dirs'] + s['old_stps']}),
 sorted({(torch.is_tensor(r), r.dim()) for r in s['ro']}),
 0 < len(s['ro']) == len(s['old_dirs']) == len(s['old_stps']) <= 3,
 len(s['al']), [a is None or (torch.is_tensor(a) and a.dim() == 0) for a in s['al']],
 type(s['t']).__name__, type(s['prev_loss']).__name__, type(s['n_iter']).__name__,
 sorted({v.dtype == x.dtype for v in s['ro'] + s['old_dirs'] + [s['H_diag'], s['d']] + [a for a in s['al'] if a is not None]}))
"""


@spec("optim.lbfgs-state-dict-layout", STATE_DICT)
def test_lbfgs_state_layout(T):
    """The history as 1-D tensors, ro/al/H_diag as 0-d tensors, al with history_size slots, all in the
    parameter's dtype."""
    check(T, LAYOUT, expected=(
        ["H_diag", "al", "d", "func_evals", "n_iter", "old_dirs", "old_stps", "prev_flat_grad", "prev_loss", "ro",
         "t"], [True, True, True], 2, [(True, 1)], [(True, 0)], True, 3, [True] * 3, "float", "float", "int", [True]))


RESUME = """
import io
def run(x, opt, k):
    def closure():
        opt.zero_grad()
        loss = 0.5 * (x * (a @ x)).sum() - (b * x).sum() + (x ** 4).sum() / 4
        loss.backward()
        return loss
    for _ in range(k):
        opt.step(closure)
x = torch.zeros(a.shape[0], dtype=a.dtype, device=dev, requires_grad=True)
opt = torch.optim.LBFGS([x], **c)
run(x, opt, 2 * d)
buf = io.BytesIO()
y = torch.zeros(a.shape[0], dtype=a.dtype, device=dev, requires_grad=True)
first = torch.optim.LBFGS([y], **c)
run(y, first, d)
torch.save({'x': y.detach(), 'opt': first.state_dict()}, buf)
buf.seek(0)
saved = torch.load(buf)
z = saved['x'].clone().requires_grad_(True)
second = torch.optim.LBFGS([z], **c)
second.load_state_dict(saved['opt'])
run(z, second, d)
(torch.equal(x.detach(), z.detach()), second.state[z]['n_iter'] == opt.state[x]['n_iter'])
"""


@spec("optim.lbfgs-resume-from-saved-state", STATE_DICT)
@given(q=quadratics(), history=st.sampled_from([2, 100]), search=st.sampled_from([None, "strong_wolfe"]),
       steps=st.integers(1, 3))
def test_lbfgs_resume(T, q, history, search, steps):
    """k steps, state_dict saved and loaded into a fresh optimizer, k more steps: the same point as 2k
    steps uninterrupted (a quartic term keeps the curvature changing between steps)."""
    A, b = q
    opts = dict(lr=0.5, history_size=history, line_search_fn=search, max_iter=3, tolerance_grad=0.0,
                tolerance_change=0.0)
    check(T, RESUME, A, b, opts, steps, expected=(True, True))
