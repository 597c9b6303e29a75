"""L-BFGS (Nocedal & Wright, Algorithm 7.4/7.5) over all parameters as one flat vector, with an
optional strong-Wolfe line search (bracketing, then zooming with cubic interpolation, as in
minFunc). The closure is re-evaluated as often as the search needs; step() returns its first loss.

The vectors (the flat gradient, the direction, the curvature history) are 1-D tensors in the
parameters' dtype on the parameters' device, so the iteration runs on a GPU as on the CPU: a few
vector operations per iteration, and a host read only for the scalars that steer it (dot products,
norms), as in torch. Those scalars are Python floats, rounded to the parameters' dtype where torch
keeps a 0-d tensor. Between steps the state holds what torch's holds, under its keys: 'd',
'prev_flat_grad' and the history 'old_dirs'/'old_stps' as 1-D tensors, 'ro', 'al' and 'H_diag' as 0-d
tensors (H_diag is the integer 1 until the first curvature pair), 't' and 'prev_loss' as numbers,
'func_evals'/'n_iter' as counts. Because the 0-d values are rounded when computed, a step resumed from
a saved state repeats the uninterrupted one bit for bit.
"""
import numpy as np

from .._ops.creation import tensor, zeros
from .._ops.joining import cat
from ..autograd.grad_mode import enable_grad, no_grad
from .optimizer import Optimizer

__all__ = ["LBFGS"]


def _cubic_minimum(x1, f1, g1, x2, f2, g2, bounds=None):
    """The minimiser of the cubic through (x1, f1) and (x2, f2) with slopes g1, g2, kept in bounds
    (default: between the points); their midpoint when the cubic has no minimum."""
    lo, hi = bounds if bounds is not None else ((x1, x2) if x1 <= x2 else (x2, x1))
    d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2)
    d2_square = d1 * d1 - g1 * g2
    if d2_square >= 0:
        d2 = d2_square ** 0.5
        if x1 <= x2:
            at = x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
        else:
            at = x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2))
        return min(max(at, lo), hi)
    return (lo + hi) / 2.0


def _strong_wolfe(evaluate, t, d, f, g, gtd, c1=1e-4, c2=0.9, tolerance_change=1e-9, max_ls=25):
    """A step t along d satisfying the strong Wolfe conditions: sufficient decrease (c1) and
    curvature |g(t).d| <= c2 |g(0).d|. Returns (f(t), g(t), t, evaluations)."""
    d_norm = _max_abs(d)
    g = g.clone()
    f_new, g_new = evaluate(t)
    evals = 1
    gtd_new = _dot(g_new, d)
    t_prev, f_prev, g_prev, gtd_prev = 0.0, f, g, gtd
    done = False
    ls_iter = 0
    # bracketing: grow the step until an interval holding a Wolfe point is known
    while ls_iter < max_ls:
        if f_new > f + c1 * t * gtd or (ls_iter > 1 and f_new >= f_prev):
            bracket, bracket_f, bracket_g, bracket_gtd = [t_prev, t], [f_prev, f_new], [g_prev, g_new.clone()], \
                [gtd_prev, gtd_new]
            break
        if abs(gtd_new) <= -c2 * gtd:
            bracket, bracket_f, bracket_g, bracket_gtd = [t], [f_new], [g_new], [gtd_new]
            done = True
            break
        if gtd_new >= 0:
            bracket, bracket_f, bracket_g, bracket_gtd = [t_prev, t], [f_prev, f_new], [g_prev, g_new.clone()], \
                [gtd_prev, gtd_new]
            break
        step_min = t + 0.01 * (t - t_prev)
        step_max = t * 10
        previous = t
        t = _cubic_minimum(t_prev, f_prev, gtd_prev, t, f_new, gtd_new, bounds=(step_min, step_max))
        t_prev, f_prev, g_prev, gtd_prev = previous, f_new, g_new.clone(), gtd_new
        f_new, g_new = evaluate(t)
        evals += 1
        gtd_new = _dot(g_new, d)
        ls_iter += 1
    if ls_iter == max_ls:
        bracket, bracket_f, bracket_g, bracket_gtd = [0.0, t], [f, f_new], [g, g_new], [gtd, gtd_new]

    # zoom: shrink the bracket by safeguarded cubic interpolation
    insufficient_progress = False
    low, high = (0, 1) if bracket_f[0] <= bracket_f[-1] else (1, 0)
    while not done and ls_iter < max_ls:
        if abs(bracket[1] - bracket[0]) * d_norm < tolerance_change:
            break
        t = _cubic_minimum(bracket[0], bracket_f[0], bracket_gtd[0], bracket[1], bracket_f[1], bracket_gtd[1])
        # a trial too close to an end of the bracket makes little progress: move it inwards
        top, bottom = max(bracket), min(bracket)
        eps = 0.1 * (top - bottom)
        if min(top - t, t - bottom) < eps:
            if insufficient_progress or t >= top or t <= bottom:
                t = top - eps if abs(t - top) < abs(t - bottom) else bottom + eps
                insufficient_progress = False
            else:
                insufficient_progress = True
        else:
            insufficient_progress = False
        f_new, g_new = evaluate(t)
        evals += 1
        gtd_new = _dot(g_new, d)
        ls_iter += 1
        if f_new > f + c1 * t * gtd or f_new >= bracket_f[low]:
            bracket[high], bracket_f[high], bracket_g[high], bracket_gtd[high] = t, f_new, g_new.clone(), gtd_new
            low, high = (0, 1) if bracket_f[0] <= bracket_f[1] else (1, 0)
        else:
            if abs(gtd_new) <= -c2 * gtd:
                done = True
            elif gtd_new * (bracket[high] - bracket[low]) >= 0:
                bracket[high], bracket_f[high], bracket_g[high], bracket_gtd[high] = \
                    bracket[low], bracket_f[low], bracket_g[low], bracket_gtd[low]
            bracket[low], bracket_f[low], bracket_g[low], bracket_gtd[low] = t, f_new, g_new.clone(), gtd_new
    return bracket_f[low], bracket_g[low], bracket[low], evals


def _dot(a, b):
    return a.dot(b).item()


def _max_abs(v):
    return v.abs().max().item()


def _number(value):
    return float(value.item()) if hasattr(value, "item") else float(value)


class LBFGS(Optimizer):
    def __init__(self, params, lr=1, max_iter=20, max_eval=None, tolerance_grad=1e-7, tolerance_change=1e-9,
                 history_size=100, line_search_fn=None):
        if not 0.0 <= lr:
            raise ValueError(f"Invalid learning rate: {lr}")
        if max_eval is None:
            max_eval = max_iter * 5 // 4
        defaults = dict(lr=lr, max_iter=max_iter, max_eval=max_eval, tolerance_grad=tolerance_grad,
                        tolerance_change=tolerance_change, history_size=history_size, line_search_fn=line_search_fn)
        super().__init__(params, defaults)
        if len(self.param_groups) != 1:
            raise ValueError("LBFGS doesn't support per-parameter options (parameter groups)")
        self._params = self.param_groups[0]["params"]

    # ---- the parameters as one flat vector (on their device, in their dtype) ----
    def _scalar(self, value):
        """A 0-d state tensor of a value already rounded to the parameters' dtype."""
        p = self._params[0]
        return tensor(value, dtype=p.dtype, device=p.device)

    def _gather_flat_grad(self):
        first = self._params[0]
        parts = [zeros(p.numel(), dtype=first.dtype, device=first.device) if p.grad is None
                 else p.grad.detach().to(dtype=first.dtype).reshape(-1) for p in self._params]
        return cat(parts)

    def _add_grad(self, step_size, update):
        offset = 0
        with no_grad():
            for p in self._params:
                n = p.numel()
                p.add_(update[offset:offset + n].view(p.shape), alpha=step_size)
                offset += n

    def _clone_params(self):
        return [p.detach().clone() for p in self._params]

    def _set_params(self, saved):
        with no_grad():
            for p, value in zip(self._params, saved):
                p.copy_(value)

    def _directional_evaluate(self, closure, x, t, d):
        self._add_grad(t, d)
        loss = float(closure())
        flat_grad = self._gather_flat_grad()
        self._set_params(x)
        return loss, flat_grad

    def step(self, closure):
        if closure is None:
            raise RuntimeError("LBFGS requires a closure that reevaluates the model and returns the loss")
        group = self.param_groups[0]
        lr, max_iter, max_eval = group["lr"], group["max_iter"], group["max_eval"]
        tolerance_grad, tolerance_change = group["tolerance_grad"], group["tolerance_change"]
        line_search_fn, history_size = group["line_search_fn"], group["history_size"]

        def evaluate():
            with enable_grad():
                return closure()

        state = self.state[self._params[0]]
        state.setdefault("func_evals", 0)
        state.setdefault("n_iter", 0)
        orig_loss = evaluate()
        loss = float(orig_loss)
        current_evals = 1
        state["func_evals"] += 1
        flat_grad = self._gather_flat_grad()
        if _max_abs(flat_grad) <= tolerance_grad:
            return orig_loss

        dtype = np.dtype(self._params[0].dtype.np).type
        d, t, old_dirs, old_stps, ro, H_diag, prev_flat_grad, prev_loss = self._resume(state, dtype)

        n_iter = 0
        while n_iter < max_iter:
            n_iter += 1
            state["n_iter"] += 1
            if state["n_iter"] == 1:
                d = -flat_grad
                old_dirs, old_stps, ro = [], [], []
                H_diag = 1
            else:
                # update the curvature pairs, skipping one that is not positive (no descent guarantee)
                y = flat_grad - prev_flat_grad
                s = d * t
                ys = _dot(y, s)
                if ys > 1e-10:
                    if len(old_dirs) == history_size:
                        old_dirs.pop(0)
                        old_stps.pop(0)
                        ro.pop(0)
                    old_dirs.append(y)
                    old_stps.append(s)
                    ro.append(dtype(1.0 / ys))
                    H_diag = dtype(ys / _dot(y, y))
                # two-loop recursion: d = -H g
                al = [0.0] * len(old_dirs)
                q = -flat_grad
                for i in range(len(old_dirs) - 1, -1, -1):
                    al[i] = float(dtype(_dot(old_stps[i], q) * float(ro[i])))
                    q = q - al[i] * old_dirs[i]
                r = q * float(H_diag)
                for i in range(len(old_dirs)):
                    be_i = _dot(old_dirs[i], r) * float(ro[i])
                    r = r + (al[i] - be_i) * old_stps[i]
                d = r
                # torch keeps the last recursion's coefficients in history_size slots
                slots = state.setdefault("al", [None] * history_size)
                for i, a_i in enumerate(al):
                    slots[i] = self._scalar(a_i)
            prev_flat_grad = flat_grad.clone()
            prev_loss = loss
            # the first step is scaled so that it moves no further than lr in total
            t = min(1.0, 1.0 / flat_grad.abs().sum().item()) * lr if state["n_iter"] == 1 else lr
            gtd = _dot(flat_grad, d)
            if gtd > -tolerance_change:
                break  # not a descent direction
            ls_evals = 0
            if line_search_fn is not None:
                if line_search_fn != "strong_wolfe":
                    raise RuntimeError("only 'strong_wolfe' is supported")
                x_init = self._clone_params()
                loss, flat_grad, t, ls_evals = _strong_wolfe(
                    lambda step: self._directional_evaluate(evaluate, x_init, step, d), t, d, loss, flat_grad, gtd)
                self._add_grad(t, d)
                opt_cond = _max_abs(flat_grad) <= tolerance_grad
            else:
                self._add_grad(t, d)
                opt_cond = False
                if n_iter != max_iter:
                    loss = float(evaluate())
                    flat_grad = self._gather_flat_grad()
                    opt_cond = _max_abs(flat_grad) <= tolerance_grad
                    ls_evals = 1
            current_evals += ls_evals
            state["func_evals"] += ls_evals
            if n_iter == max_iter or current_evals >= max_eval or opt_cond:
                break
            if _max_abs(d * t) <= tolerance_change or abs(loss - prev_loss) < tolerance_change:
                break

        state.update(d=d, t=t, old_dirs=list(old_dirs), old_stps=list(old_stps),
                     ro=[self._scalar(r) for r in ro],
                     H_diag=H_diag if isinstance(H_diag, int) else self._scalar(H_diag),
                     prev_flat_grad=prev_flat_grad, prev_loss=prev_loss)
        return orig_loss

    @staticmethod
    def _resume(state, dtype):
        """The iteration's variables from the state a previous step (or a loaded state_dict) left."""
        if "d" not in state:
            return None, None, None, None, None, None, None, None
        H_diag = state["H_diag"]
        return (state["d"].detach(), _number(state["t"]), [v.detach() for v in state["old_dirs"]],
                [v.detach() for v in state["old_stps"]], [dtype(_number(r)) for r in state["ro"]],
                H_diag if isinstance(H_diag, int) else dtype(_number(H_diag)), state["prev_flat_grad"].detach(),
                _number(state["prev_loss"]))
