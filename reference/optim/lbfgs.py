"""L-BFGS (Nocedal & Wright, Algorithm 7.4/7.5) over all parameters as one flat vector, with an
optional strong-Wolfe line search (bracketing, then zooming with cubic interpolation, as in
minFunc). The closure is re-evaluated as often as the search needs; step() returns its first loss.

The vectors (the flat gradient, the direction, the curvature history) are in the parameters' dtype,
where the parameters are: NumPy arrays over host memory, or tensors on a GPU (_lbfgs_vectors: one API,
so the iteration below is written once). The scalars that steer it (dot products, norms) are Python
floats, rounded to the parameters' dtype where torch keeps a 0-d tensor. Between steps the state holds
what torch's holds, under its keys: 'd', 'prev_flat_grad' and the history 'old_dirs'/'old_stps' as 1-D
tensors, 'ro', 'al' and 'H_diag' as 0-d tensors (H_diag is the integer 1 until the first curvature
pair), 't' and 'prev_loss' as numbers, 'func_evals'/'n_iter' as counts. Because the 0-d values are
rounded when computed, a step resumed from a saved state repeats the uninterrupted one bit for bit.
"""
import numpy as np

from ..autograd.grad_mode import enable_grad
from ._lbfgs_vectors import vectors_for
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


def _strong_wolfe(vec, evaluate, t, d, f, g, gtd, c1=1e-4, c2=0.9, tolerance_change=1e-9, max_ls=25):
    """A step t along d satisfying the strong Wolfe conditions: sufficient decrease (c1) and
    curvature |g(t).d| <= c2 |g(0).d|. Returns (f(t), g(t), t, evaluations)."""
    d_norm = vec.max_abs(d)
    g = vec.clone(g)
    f_new, g_new = evaluate(t)
    evals = 1
    gtd_new = vec.dot(g_new, d)
    t_prev, f_prev, g_prev, gtd_prev = 0.0, f, g, gtd
    done = False
    ls_iter = 0
    # bracketing: grow the step until an interval holding a Wolfe point is known
    while ls_iter < max_ls:
        if f_new > f + c1 * t * gtd or (ls_iter > 1 and f_new >= f_prev):
            bracket, bracket_f, bracket_g, bracket_gtd = [t_prev, t], [f_prev, f_new], [g_prev, vec.clone(g_new)], \
                [gtd_prev, gtd_new]
            break
        if abs(gtd_new) <= -c2 * gtd:
            bracket, bracket_f, bracket_g, bracket_gtd = [t], [f_new], [g_new], [gtd_new]
            done = True
            break
        if gtd_new >= 0:
            bracket, bracket_f, bracket_g, bracket_gtd = [t_prev, t], [f_prev, f_new], [g_prev, vec.clone(g_new)], \
                [gtd_prev, gtd_new]
            break
        step_min = t + 0.01 * (t - t_prev)
        step_max = t * 10
        previous = t
        t = _cubic_minimum(t_prev, f_prev, gtd_prev, t, f_new, gtd_new, bounds=(step_min, step_max))
        t_prev, f_prev, g_prev, gtd_prev = previous, f_new, vec.clone(g_new), gtd_new
        f_new, g_new = evaluate(t)
        evals += 1
        gtd_new = vec.dot(g_new, d)
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
        gtd_new = vec.dot(g_new, d)
        ls_iter += 1
        if f_new > f + c1 * t * gtd or f_new >= bracket_f[low]:
            bracket[high], bracket_f[high], bracket_g[high], bracket_gtd[high] = t, f_new, vec.clone(g_new), gtd_new
            low, high = (0, 1) if bracket_f[0] <= bracket_f[1] else (1, 0)
        else:
            if abs(gtd_new) <= -c2 * gtd:
                done = True
            elif gtd_new * (bracket[high] - bracket[low]) >= 0:
                bracket[high], bracket_f[high], bracket_g[high], bracket_gtd[high] = \
                    bracket[low], bracket_f[low], bracket_g[low], bracket_gtd[low]
            bracket[low], bracket_f[low], bracket_g[low], bracket_gtd[low] = t, f_new, vec.clone(g_new), gtd_new
    return bracket_f[low], bracket_g[low], bracket[low], evals


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

    @staticmethod
    def _directional_evaluate(vec, closure, x, t, d):
        vec.add_to_params(t, d)
        loss = float(closure())
        flat_grad = vec.flat_grad()
        vec.restore_params(x)
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

        vec = vectors_for(self._params)
        state = self.state[self._params[0]]
        state.setdefault("func_evals", 0)
        state.setdefault("n_iter", 0)
        orig_loss = evaluate()
        loss = float(orig_loss)
        current_evals = 1
        state["func_evals"] += 1
        flat_grad = vec.flat_grad()
        if vec.max_abs(flat_grad) <= tolerance_grad:
            return orig_loss

        dtype = np.dtype(self._params[0].dtype.np).type
        d, t, old_dirs, old_stps, ro, H_diag, prev_flat_grad, prev_loss = self._resume(vec, state, dtype)

        n_iter = 0
        al = []
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
                ys = vec.dot(y, s)
                if ys > 1e-10:
                    if len(old_dirs) == history_size:
                        old_dirs.pop(0)
                        old_stps.pop(0)
                        ro.pop(0)
                    old_dirs.append(y)
                    old_stps.append(s)
                    ro.append(dtype(1.0 / ys))
                    H_diag = dtype(ys / vec.dot(y, y))
                # two-loop recursion: d = -H g (q and r are fresh vectors, updated in place)
                al = [0.0] * len(old_dirs)
                q = -flat_grad
                for i in range(len(old_dirs) - 1, -1, -1):
                    al[i] = float(dtype(vec.dot(old_stps[i], q) * float(ro[i])))
                    q = vec.axpy_(q, -al[i], old_dirs[i])
                r = vec.scale_(q, float(H_diag))
                for i in range(len(old_dirs)):
                    be_i = vec.dot(old_dirs[i], r) * float(ro[i])
                    r = vec.axpy_(r, al[i] - be_i, old_stps[i])
                d = r
            # no copy: flat_grad is rebound to a new vector, never written in place
            prev_flat_grad = flat_grad
            prev_loss = loss
            # the first step is scaled so that it moves no further than lr in total
            t = min(1.0, 1.0 / vec.abs_sum(flat_grad)) * lr if state["n_iter"] == 1 else lr
            gtd = vec.dot(flat_grad, d)
            if gtd > -tolerance_change:
                break  # not a descent direction
            ls_evals = 0
            if line_search_fn is not None:
                if line_search_fn != "strong_wolfe":
                    raise RuntimeError("only 'strong_wolfe' is supported")
                x_init = vec.save_params()
                loss, flat_grad, t, ls_evals = _strong_wolfe(
                    vec, lambda step: self._directional_evaluate(vec, evaluate, x_init, step, d), t, d, loss,
                    flat_grad, gtd)
                vec.add_to_params(t, d)
                opt_cond = vec.max_abs(flat_grad) <= tolerance_grad
            else:
                vec.add_to_params(t, d)
                opt_cond = False
                if n_iter != max_iter:
                    loss = float(evaluate())
                    flat_grad = vec.flat_grad()
                    opt_cond = vec.max_abs(flat_grad) <= tolerance_grad
                    ls_evals = 1
            current_evals += ls_evals
            state["func_evals"] += ls_evals
            if n_iter == max_iter or current_evals >= max_eval or opt_cond:
                break
            if vec.max_abs(d * t) <= tolerance_change or abs(loss - prev_loss) < tolerance_change:
                break

        if al:
            # torch keeps the last recursion's coefficients in history_size slots (the history only
            # grows, so the last recursion overwrites every slot an earlier one wrote)
            slots = state.setdefault("al", [None] * history_size)
            for i, a_i in enumerate(al):
                slots[i] = vec.scalar_state(dtype(a_i))
        state.update(d=vec.to_state(d), t=t, old_dirs=[vec.to_state(v) for v in old_dirs],
                     old_stps=[vec.to_state(v) for v in old_stps], ro=[vec.scalar_state(r) for r in ro],
                     H_diag=H_diag if isinstance(H_diag, int) else vec.scalar_state(H_diag),
                     prev_flat_grad=vec.to_state(prev_flat_grad), prev_loss=prev_loss)
        return orig_loss

    @staticmethod
    def _resume(vec, state, dtype):
        """The iteration's variables from the state a previous step (or a loaded state_dict) left."""
        if "d" not in state:
            return None, None, None, None, None, None, None, None
        H_diag = state["H_diag"]
        return (vec.from_state(state["d"]), _number(state["t"]), [vec.from_state(v) for v in state["old_dirs"]],
                [vec.from_state(v) for v in state["old_stps"]], [dtype(_number(r)) for r in state["ro"]],
                H_diag if isinstance(H_diag, int) else dtype(_number(H_diag)), vec.from_state(state["prev_flat_grad"]),
                _number(state["prev_loss"]))
