"""Fast mode: the projections it compares, its power to find a single wrong entry, its cost."""
import numpy as np

from gradcheck import GradcheckError, gradcheck
from gradcheck._jacobian import analytical_jacobian, numerical_directional, numerical_jacobian
from gradcheck._namespace import Namespace
from gradcheck._problem import Problem

from .corpus import arr, leaf
from .helpers import ours


def test_directional_difference_equals_jacobian_times_direction(ns):
    a, b = leaf(ns, arr((2, 3), 1)), leaf(ns, arr((3, 2), 2))
    problem = Problem(lambda x, y: x @ y, (a, b), Namespace(ns))
    outputs = problem.call_original()
    numels = {0: 4}
    full = numerical_jacobian(problem, [0], numels, 1e-6)
    analytical = analytical_jacobian(problem, outputs, [0])
    u = np.random.default_rng(0).standard_normal(6)
    u_eff, ju = numerical_directional(problem, 0, u / np.linalg.norm(u), [0], numels, 1e-6)
    np.testing.assert_allclose(ju[0], full[(0, 0)] @ u_eff, atol=1e-8)
    np.testing.assert_allclose(ju[0], analytical[(0, 0)] @ u_eff, atol=1e-8)


def _one_entry_flipped(ns, k):
    class OneWrong(ns.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x * 2

        @staticmethod
        def backward(ctx, g):
            bump = np.zeros(64)
            bump[k] = -4.0  # d out_k / d in_k becomes -2 instead of 2
            return g * 2 + ns.tensor(bump.reshape(8, 8).tolist(), dtype=ns.float64) * g
    return OneWrong.apply


def test_a_sign_flip_of_one_entry_is_found_with_high_probability(ns):
    """One entry of a 64 x 64 Jacobian flipped. The projection sees it scaled by u_k v_k (about
    1/64) against a tolerance summed over all entries, so detection is probable, not certain (here
    it fails only if |u_k v_k| happens to be tiny); slow mode is certain. See README."""
    x = leaf(ns, arr((8, 8), 3))
    found = []
    for k in range(0, 64, 4):
        err = ours(_one_entry_flipped(ns, k), (x,), fast_mode=True)
        if isinstance(err, GradcheckError):
            row, col = divmod(k, 8)
            assert f"[{row}, {col}] / [{row}, {col}]" in str(err)  # the recheck pins the entry
            found.append(k)
    assert len(found) >= 14, found
    assert isinstance(ours(_one_entry_flipped(ns, 0), (x,)), GradcheckError)  # slow: always


def test_correct_ops_pass_for_many_inputs(ns):
    for seed in range(5):
        x = leaf(ns, arr((4, 3), seed))
        assert gradcheck(lambda t: (t * t).sum(dim=1), (x,), fast_mode=True) is True
        assert gradcheck(lambda t: ns.exp(t) @ t.transpose(0, 1), (x,), fast_mode=True) is True


def test_fast_mode_is_deterministic(ns):
    from .corpus import CASES
    case = next(c for c in CASES if c.name == "bug_scale_1pct")
    func, build = case.make(ns)
    first, second = str(ours(func, build(), fast_mode=True)), str(ours(func, build(), fast_mode=True))
    assert first == second
