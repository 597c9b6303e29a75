"""torch.optim.lr_scheduler's documented behaviour: every schedule's curve over hundreds of steps
against its closed form (spec_tests/oracle_optim.py), the tutorials' StepLR/Cosine/OneCycle
comparison, momentum cycling, chaining, ReduceLROnPlateau decisions and the documented edges."""
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import oracle_optim as OO
from .catalogue import api, cases, doc, seed, spec
from .harness import check, check_raises
from .messages import error_cases, message_text_id

SCHED = doc("optim.html#how-to-adjust-learning-rate")


def sched_api(name):
    return api(f"torch.optim.lr_scheduler.{name}")


# Builds SGD on one parameter with lr `a`, the schedule from the kwargs `b`, and records the lr
# (and momentum) after construction and after each of `c` steps.
CURVE = """
p = torch.zeros(1, requires_grad=True)
opt = torch.optim.SGD([p], lr=a, momentum=0.9)
s = torch.optim.lr_scheduler.{name}(opt, **b)
lrs = [s.get_last_lr()[0]]
for _ in range(c):
    opt.step()
    s.step()
    lrs.append(s.get_last_lr()[0])
np.array(lrs)
"""

MOMENTUM_CURVE = CURVE.replace("lrs = [s.get_last_lr()[0]]", "lrs = [opt.param_groups[0]['momentum']]") \
    .replace("lrs.append(s.get_last_lr()[0])", "lrs.append(opt.param_groups[0]['momentum'])")

TOL = dict(rtol=1e-9, atol=1e-12)  # recursive forms accumulate a few float64 roundings per step

base_lrs = st.sampled_from([0.1, 0.05, 1.0, 0.003])


def curve(T, name, base, kwargs, steps, closed_form):
    check(T, CURVE.format(name=name), base, kwargs, steps,
          expected=lambda a, b, c: np.array([closed_form(a, e, b) for e in range(c + 1)]), **TOL)


@spec("lr-scheduler.steplr-curve", sched_api("StepLR"))
@given(base=base_lrs, step_size=st.integers(1, 40), gamma=st.sampled_from([0.1, 0.5, 0.9]),
       steps=st.integers(50, 300))
def test_steplr_curve(T, base, step_size, gamma, steps):
    curve(T, "StepLR", base, dict(step_size=step_size, gamma=gamma), steps,
          lambda a, e, b: OO.step_lr(a, e, **b))


@spec("lr-scheduler.multisteplr-curve", sched_api("MultiStepLR"))
@given(base=base_lrs, milestones=st.lists(st.integers(1, 150), min_size=1, max_size=5).map(sorted),
       gamma=st.sampled_from([0.1, 0.5]), steps=st.integers(100, 200))
def test_multisteplr_curve(T, base, milestones, gamma, steps):
    curve(T, "MultiStepLR", base, dict(milestones=milestones, gamma=gamma), steps,
          lambda a, e, b: OO.multistep_lr(a, e, **b))


@spec("lr-scheduler.exponentiallr-curve", sched_api("ExponentialLR"))
@given(base=base_lrs, gamma=st.sampled_from([0.99, 0.95, 0.5]), steps=st.integers(50, 200))
def test_exponentiallr_curve(T, base, gamma, steps):
    check(T, CURVE.format(name="ExponentialLR"), base, dict(gamma=gamma), steps,
          expected=lambda a, b, c: np.array([OO.exponential_lr(a, e, **b) for e in range(c + 1)]),
          rtol=1e-12 * steps, atol=0.0)


@spec("lr-scheduler.constantlr-curve", sched_api("ConstantLR"))
@given(base=base_lrs, factor=st.sampled_from([0.1, 1 / 3, 0.5, 1.0]), total_iters=st.integers(1, 50),
       steps=st.integers(50, 200))
def test_constantlr_curve(T, base, factor, total_iters, steps):
    curve(T, "ConstantLR", base, dict(factor=factor, total_iters=total_iters), steps,
          lambda a, e, b: OO.constant_lr(a, e, **b))


@spec("lr-scheduler.linearlr-curve", sched_api("LinearLR"))
@given(base=base_lrs, start=st.sampled_from([0.1, 1 / 3, 0.5, 1.0]), end=st.sampled_from([1.0, 0.5, 0.01]),
       total_iters=st.integers(1, 100), steps=st.integers(100, 200))
def test_linearlr_curve(T, base, start, end, total_iters, steps):
    curve(T, "LinearLR", base, dict(start_factor=start, end_factor=end, total_iters=total_iters), steps,
          lambda a, e, b: OO.linear_lr(a, e, **b))


@spec("lr-scheduler.polynomiallr-curve", sched_api("PolynomialLR"))
@given(base=base_lrs, total_iters=st.integers(1, 100), power=st.sampled_from([1.0, 2.0, 0.5]),
       steps=st.integers(100, 200))
def test_polynomiallr_curve(T, base, total_iters, power, steps):
    curve(T, "PolynomialLR", base, dict(total_iters=total_iters, power=power), steps,
          lambda a, e, b: OO.polynomial_lr(a, e, **b))


@spec("lr-scheduler.cosine-curve", sched_api("CosineAnnealingLR"))
@given(base=base_lrs, T_max=st.integers(1, 60), eta_min=st.sampled_from([0.0, 1e-4]), steps=st.integers(100, 300))
def test_cosine_curve_periodic_past_t_max(T, base, T_max, eta_min, steps):
    """The recursive form torch uses follows the closed form, and keeps going past T_max (periodic,
    not clamped at eta_min)."""
    check(T, CURVE.format(name="CosineAnnealingLR"), base, dict(T_max=T_max, eta_min=eta_min), steps,
          expected=lambda a, b, c: np.array([OO.cosine_lr(a, e, **b) for e in range(c + 1)]),
          rtol=1e-7, atol=1e-12)


@spec("lr-scheduler.warm-restarts-curve", sched_api("CosineAnnealingWarmRestarts"))
@given(base=base_lrs, T_0=st.integers(1, 30), T_mult=st.integers(1, 3), eta_min=st.sampled_from([0.0, 1e-3]),
       steps=st.integers(100, 250))
def test_warm_restarts_curve(T, base, T_0, T_mult, eta_min, steps):
    curve(T, "CosineAnnealingWarmRestarts", base, dict(T_0=T_0, T_mult=T_mult, eta_min=eta_min), steps,
          lambda a, e, b: OO.warm_restarts_lr(a, e, **b))


@spec("lr-scheduler.lambdalr-curve", sched_api("LambdaLR"))
@given(base=base_lrs, steps=st.integers(50, 200))
def test_lambdalr_curve(T, base, steps):
    code = CURVE.format(name="LambdaLR").replace("**b", "lr_lambda=lambda e: 0.95 ** e + b")
    check(T, code, base, 0.01, steps, expected=lambda a, b, c: np.array([a * (0.95 ** e + b) for e in range(c + 1)]),
          **TOL)


@spec("lr-scheduler.multiplicativelr-curve", sched_api("MultiplicativeLR"))
@given(base=base_lrs, steps=st.integers(50, 200))
def test_multiplicativelr_curve(T, base, steps):
    code = CURVE.format(name="MultiplicativeLR").replace("**b", "lr_lambda=lambda e: b")
    check(T, code, base, 0.97, steps, expected=lambda a, b, c: np.array([a * b ** e for e in range(c + 1)]),
          rtol=1e-12 * steps, atol=0.0)


@spec("lr-scheduler.cycliclr-curve", sched_api("CyclicLR"))
@given(base=st.sampled_from([0.001, 0.01]), top=st.sampled_from([0.1, 0.05]), up=st.integers(1, 30),
       down=st.one_of(st.none(), st.integers(1, 30)), mode=st.sampled_from(["triangular", "triangular2", "exp_range"]),
       steps=st.integers(100, 250))
def test_cycliclr_curve(T, base, top, up, down, mode, steps):
    kwargs = dict(base_lr=base, max_lr=top, step_size_up=up, step_size_down=down, mode=mode, gamma=0.99)
    check(T, CURVE.format(name="CyclicLR"), 0.5, kwargs, steps,
          expected=lambda a, b, c: np.array([OO.cyclic_lr(e, **b)[0] for e in range(c + 1)]), **TOL)


@spec("lr-scheduler.cycliclr-momentum-curve", sched_api("CyclicLR"))
@given(up=st.integers(1, 30), mode=st.sampled_from(["triangular", "triangular2", "exp_range"]),
       steps=st.integers(100, 200))
def test_cycliclr_cycles_momentum_inversely(T, up, mode, steps):
    kwargs = dict(base_lr=0.01, max_lr=0.1, step_size_up=up, mode=mode, gamma=0.99, base_momentum=0.8,
                  max_momentum=0.9)

    def expected(a, b, c):
        return np.array([0.9 - 0.1 * OO.cyclic_lr(e, **{k: v for k, v in b.items()
                                                        if k not in ("base_momentum", "max_momentum")})[1]
                         for e in range(c + 1)])
    check(T, MOMENTUM_CURVE.format(name="CyclicLR"), 0.5, kwargs, steps, expected=expected, **TOL)


ONE_CYCLE_OPTS = dict(max_lr=st.sampled_from([0.1, 1.0, 0.01]), total_steps=st.integers(10, 300),
                      pct_start=st.sampled_from([0.3, 0.25, 0.5, 0.1]), anneal_strategy=st.sampled_from(["cos", "linear"]),
                      div_factor=st.sampled_from([25.0, 10.0]), final_div_factor=st.sampled_from([1e4, 100.0]),
                      three_phase=st.booleans())


# A first phase shorter than one step divides by zero (in torch too): keep pct_start * total_steps >= 2.
one_cycle_options = st.fixed_dictionaries(ONE_CYCLE_OPTS).filter(lambda o: o["pct_start"] * o["total_steps"] >= 2)


@spec("lr-scheduler.onecycle-curve", sched_api("OneCycleLR"))
@given(opts=one_cycle_options)
def test_onecycle_curve(T, opts):
    check(T, CURVE.format(name="OneCycleLR"), 0.5, opts, opts["total_steps"] - 1,
          expected=lambda a, b, c: np.array([OO.one_cycle(e, **b)[0] for e in range(c + 1)]), **TOL)


@spec("lr-scheduler.onecycle-momentum-curve", sched_api("OneCycleLR"))
@given(opts=one_cycle_options)
def test_onecycle_momentum_curve(T, opts):
    check(T, MOMENTUM_CURVE.format(name="OneCycleLR"), 0.5, opts, opts["total_steps"] - 1,
          expected=lambda a, b, c: np.array([OO.one_cycle(e, **b)[1] for e in range(c + 1)]), **TOL)


# ---------------------------------------------------------------------------------------------
# the tutorial's comparison, as written (first and last lr of each curve over 100 epochs)

COMPARISON = """
import warnings
warnings.simplefilter("ignore")
epochs = 100
lr = 0.01
scheduler_step = torch.optim.lr_scheduler.StepLR(torch.optim.SGD([torch.tensor(1.0)], lr=lr), step_size=30, gamma=0.1)
scheduler_cos = torch.optim.lr_scheduler.CosineAnnealingLR(torch.optim.SGD([torch.tensor(1.0)], lr=lr), T_max=epochs)
scheduler_oc = torch.optim.lr_scheduler.OneCycleLR(torch.optim.SGD([torch.tensor(1.0)], lr=lr), max_lr=0.1,
                                                   total_steps=epochs)
out = []
for s in (scheduler_step, scheduler_cos, scheduler_oc):
    lrs = []
    for _ in range(epochs):
        lrs.append(s.get_last_lr()[0])
        s.step()
    out.append((lrs[0], lrs[-1]))
out
"""


@spec("lr-scheduler.tutorial-comparison", seed("001", "使用 torch.optim.lr_scheduler 可以在训练过程中动态调整学习率,提升模型性能。"))
def test_tutorial_scheduler_comparison(T):
    expected = [(0.01, 0.01 * 0.1 ** 3), (0.01, OO.cosine_lr(0.01, 99, 100)),
                (OO.one_cycle(0, 0.1, 100)[0], OO.one_cycle(99, 0.1, 100)[0])]
    check(T, COMPARISON, expected=expected, rtol=1e-9, atol=1e-15)


# ---------------------------------------------------------------------------------------------
# documented edges

ONE_PARAM = "p = torch.zeros(1, requires_grad=True)\n"

EDGES = cases([
    ("lr-scheduler.construction-applies-epoch-0", sched_api("LinearLR"),
     ONE_PARAM + "opt = torch.optim.SGD([p], lr=0.3)\ntorch.optim.lr_scheduler.LinearLR(opt, start_factor=0.5)\n"
     "opt.param_groups[0]['lr']", 0.15),
    ("lr-scheduler.constantlr-construction", sched_api("ConstantLR"),
     ONE_PARAM + "opt = torch.optim.SGD([p], lr=0.3)\ntorch.optim.lr_scheduler.ConstantLR(opt, factor=0.5)\n"
     "opt.param_groups[0]['lr']", 0.15),
    ("lr-scheduler.initial-lr-recorded", doc("optim.html#how-to-adjust-learning-rate"),
     ONE_PARAM + "opt = torch.optim.SGD([p], lr=0.3)\ns = torch.optim.lr_scheduler.StepLR(opt, 2)\n"
     "(opt.param_groups[0]['initial_lr'], s.base_lrs, s.last_epoch)", (0.3, [0.3], 0)),
    ("lr-scheduler.get-last-lr-list", sched_api("LRScheduler.get_last_lr"),
     ONE_PARAM + "opt = torch.optim.SGD([{'params': [p]}, {'params': [torch.zeros(1, requires_grad=True)], "
     "'lr': 1.0}], lr=0.5)\ns = torch.optim.lr_scheduler.ExponentialLR(opt, 0.5)\nopt.step(); s.step()\n"
     "s.get_last_lr()", [0.25, 0.5]),
    ("lr-scheduler.cosine-periodic-past-t-max", sched_api("CosineAnnealingLR"),
     ONE_PARAM + "opt = torch.optim.SGD([p], lr=1.0)\ns = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=10)\n"
     "lrs = []\nfor _ in range(20):\n    opt.step(); s.step(); lrs.append(s.get_last_lr()[0])\n"
     "(lrs[9], round(lrs[14], 12), round(lrs[19], 12))", (0.0, 0.5, 1.0)),
    ("lr-scheduler.multistep-repeated-milestone", sched_api("MultiStepLR"),
     ONE_PARAM + "opt = torch.optim.SGD([p], lr=1.0)\n"
     "s = torch.optim.lr_scheduler.MultiStepLR(opt, milestones=[2, 2, 4], gamma=0.5)\nlrs = []\n"
     "for _ in range(5):\n    opt.step(); s.step(); lrs.append(s.get_last_lr()[0])\nlrs",
     [1.0, 0.25, 0.25, 0.125, 0.125]),
    ("lr-scheduler.onecycle-writes-momentum", sched_api("OneCycleLR"),
     ONE_PARAM + "opt = torch.optim.SGD([p], lr=0.1, momentum=0.5)\n"
     "s = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=1.0, total_steps=10)\nm0 = opt.param_groups[0]['momentum']\n"
     "for _ in range(3):\n    opt.step(); s.step()\n(m0, opt.param_groups[0]['momentum'] < m0)", (0.95, True)),
    ("lr-scheduler.onecycle-writes-beta1", sched_api("OneCycleLR"),
     ONE_PARAM + "opt = torch.optim.Adam([p], lr=0.1, betas=(0.5, 0.99))\n"
     "s = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=1.0, total_steps=10)\nb0 = opt.param_groups[0]['betas']\n"
     "for _ in range(3):\n    opt.step(); s.step()\nb1 = opt.param_groups[0]['betas']\n(b0, b1[1], b1[0] < b0[0])",
     ((0.95, 0.99), 0.99, True)),
    ("lr-scheduler.onecycle-initial-lr", sched_api("OneCycleLR"),
     ONE_PARAM + "opt = torch.optim.SGD([p], lr=0.1, momentum=0.9)\n"
     "s = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=2.0, epochs=4, steps_per_epoch=5, div_factor=20.0, "
     "final_div_factor=10.0)\n(opt.param_groups[0]['lr'], opt.param_groups[0]['min_lr'], s.total_steps)",
     (0.1, 0.01, 20)),
    ("lr-scheduler.sequential-switches-at-milestone", sched_api("SequentialLR"),
     ONE_PARAM + "opt = torch.optim.SGD([p], lr=1.0)\nL = torch.optim.lr_scheduler\n"
     "s = L.SequentialLR(opt, [L.ConstantLR(opt, factor=0.5, total_iters=2), L.ExponentialLR(opt, gamma=0.9)], "
     "milestones=[3])\nlrs = [s.get_last_lr()[0]]\nfor _ in range(6):\n    opt.step(); s.step(); "
     "lrs.append(s.get_last_lr()[0])\n[round(x, 12) for x in lrs]",
     [0.5, 0.5, 1.0, 1.0, 0.9, 0.81, 0.729]),
    ("lr-scheduler.chained-multiplies", sched_api("ChainedScheduler"),
     ONE_PARAM + "opt = torch.optim.SGD([p], lr=1.0)\nL = torch.optim.lr_scheduler\n"
     "s = L.ChainedScheduler([L.ConstantLR(opt, factor=0.1, total_iters=2), L.ExponentialLR(opt, gamma=0.9)])\n"
     "lrs = [s.get_last_lr()[0]]\nfor _ in range(4):\n    opt.step(); s.step(); lrs.append(s.get_last_lr()[0])\n"
     "[round(x, 12) for x in lrs]", [0.1, 0.09, 0.81, 0.729, 0.6561]),
    ("lr-scheduler.step-with-epoch-uses-closed-form", sched_api("StepLR"),
     "import warnings\nwarnings.simplefilter('ignore')\n" + ONE_PARAM + "opt = torch.optim.SGD([p], lr=1.0)\n"
     "s = torch.optim.lr_scheduler.StepLR(opt, step_size=2, gamma=0.5)\ns.step(7)\n(s.last_epoch, s.get_last_lr())",
     (7, [0.125])),
    ("lr-scheduler.warm-restarts-fractional-epoch", sched_api("CosineAnnealingWarmRestarts"),
     ONE_PARAM + "opt = torch.optim.SGD([p], lr=1.0)\n"
     "s = torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(opt, T_0=2, T_mult=2)\nout = []\n"
     "for e in (0.5, 1.5, 2.5, 6.25):\n    s.step(e); out.append(round(s.get_last_lr()[0], 12))\nout",
     [round(OO.warm_restarts_lr(1.0, e, 2, 2), 12) for e in (0.5, 1.5, 2.5, 6.25)]),
    ("lr-scheduler.state-dict-excludes-optimizer", sched_api("LRScheduler.state_dict"),
     ONE_PARAM + "opt = torch.optim.SGD([p], lr=1.0)\ns = torch.optim.lr_scheduler.StepLR(opt, 3)\n"
     "sd = s.state_dict()\n('optimizer' in sd, sd['step_size'], sd['last_epoch'], sd['base_lrs'])",
     (False, 3, 0, [1.0])),
    ("lr-scheduler.load-state-dict-resumes", sched_api("LRScheduler.load_state_dict"),
     ONE_PARAM + "opt = torch.optim.SGD([p], lr=1.0)\ns = torch.optim.lr_scheduler.StepLR(opt, 2, 0.5)\n"
     "for _ in range(5):\n    opt.step(); s.step()\nopt2 = torch.optim.SGD([p], lr=1.0)\n"
     "s2 = torch.optim.lr_scheduler.StepLR(opt2, 2, 0.5)\ns2.load_state_dict(s.state_dict())\n"
     "opt2.load_state_dict(opt.state_dict())\nopt2.step(); s2.step()\n(s2.last_epoch, s2.get_last_lr())",
     (6, [0.125])),
])


@pytest.mark.parametrize("code, expected", EDGES)
def test_scheduler_edges(T, code, expected):
    check(T, code, expected=expected)


WARN = """
import warnings
p = torch.zeros(1, requires_grad=True)
opt = torch.optim.SGD([p], lr=1.0)
s = torch.optim.lr_scheduler.StepLR(opt, 2)
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    {first}
    {second}
warned = [x for x in w if issubclass(x.category, UserWarning)]
{result}
"""

# the warning is documented; its wording is torch's own (internal tier, messages.py)
ORDER = cases([
    ("lr-scheduler.warns-stepped-before-optimizer", SCHED, "s.step()", "opt.step()", "len(warned)", 1),
    (message_text_id("lr-scheduler.warns-stepped-before-optimizer"), SCHED, "s.step()", "opt.step()",
     "[str(x.message)[:50] for x in warned]", ["Detected call of `lr_scheduler.step()` before `opt"]),
    ("lr-scheduler.no-warning-in-right-order", SCHED, "opt.step()", "s.step()", "len(warned)", 0),
])


@pytest.mark.parametrize("first, second, result, expected", ORDER)
def test_scheduler_order_warning(T, first, second, result, expected):
    check(T, WARN.format(first=first, second=second, result=result), expected=expected)


ERRORS = error_cases([
    ("lr-scheduler.onecycle-past-total-steps", sched_api("OneCycleLR"),
     ONE_PARAM + "opt = torch.optim.SGD([p], lr=0.1, momentum=0.9)\n"
     "s = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=1.0, total_steps=7)\nfor _ in range(8):\n"
     "    opt.step(); s.step()", ValueError, ("Tried to step 8 times", "total steps is 7")),
    ("lr-scheduler.onecycle-needs-total", sched_api("OneCycleLR"),
     ONE_PARAM + "torch.optim.lr_scheduler.OneCycleLR(torch.optim.SGD([p], lr=0.1), max_lr=1.0)",
     ValueError, ("total_steps",)),
    ("lr-scheduler.onecycle-bad-pct-start", sched_api("OneCycleLR"),
     ONE_PARAM + "torch.optim.lr_scheduler.OneCycleLR(torch.optim.SGD([p], lr=0.1), max_lr=1.0, total_steps=10, "
     "pct_start=1.5)", ValueError, ("pct_start",)),
    ("lr-scheduler.onecycle-bad-anneal", sched_api("OneCycleLR"),
     ONE_PARAM + "torch.optim.lr_scheduler.OneCycleLR(torch.optim.SGD([p], lr=0.1), max_lr=1.0, total_steps=10, "
     "anneal_strategy='exp')", ValueError, ("anneal_strategy", "exp")),
    ("lr-scheduler.cycle-momentum-needs-momentum", sched_api("CyclicLR"),
     ONE_PARAM + "class Plain(torch.optim.Optimizer):\n    def __init__(self, ps):\n        super().__init__(ps, {'lr': 0.1})\n"
     "torch.optim.lr_scheduler.CyclicLR(Plain([p]), 0.01, 0.1)", ValueError, ("momentum or beta1",)),
    ("lr-scheduler.cyclic-bad-mode", sched_api("CyclicLR"),
     ONE_PARAM + "torch.optim.lr_scheduler.CyclicLR(torch.optim.SGD([p], lr=0.1), 0.01, 0.1, mode='square')",
     ValueError, ("mode is invalid",)),
    ("lr-scheduler.warm-restarts-bad-t0", sched_api("CosineAnnealingWarmRestarts"),
     ONE_PARAM + "torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(torch.optim.SGD([p], lr=0.1), T_0=0)",
     ValueError, ("Expected positive integer T_0",)),
    ("lr-scheduler.warm-restarts-bad-tmult", sched_api("CosineAnnealingWarmRestarts"),
     ONE_PARAM + "torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(torch.optim.SGD([p], lr=0.1), T_0=2, T_mult=0)",
     ValueError, ("T_mult",)),
    ("lr-scheduler.constant-bad-factor", sched_api("ConstantLR"),
     ONE_PARAM + "torch.optim.lr_scheduler.ConstantLR(torch.optim.SGD([p], lr=0.1), factor=2.0)",
     ValueError, ("between 0 and 1",)),
    ("lr-scheduler.linear-bad-start", sched_api("LinearLR"),
     ONE_PARAM + "torch.optim.lr_scheduler.LinearLR(torch.optim.SGD([p], lr=0.1), start_factor=0.0)",
     ValueError, ("Starting multiplicative factor",)),
    ("lr-scheduler.lambda-count", sched_api("LambdaLR"),
     ONE_PARAM + "torch.optim.lr_scheduler.LambdaLR(torch.optim.SGD([p], lr=0.1), [lambda e: 1.0] * 2)",
     ValueError, ("Expected 1 lr_lambdas, but got 2",)),
    ("lr-scheduler.resume-needs-initial-lr", sched_api("StepLR"),
     ONE_PARAM + "torch.optim.lr_scheduler.StepLR(torch.optim.SGD([p], lr=0.1), 2, last_epoch=3)",
     KeyError, ("initial_lr",)),
    ("lr-scheduler.not-an-optimizer", sched_api("StepLR"), "torch.optim.lr_scheduler.StepLR(object(), 2)",
     TypeError, ("is not an Optimizer",)),
    ("lr-scheduler.sequential-milestone-count", sched_api("SequentialLR"),
     ONE_PARAM + "opt = torch.optim.SGD([p], lr=1.0)\nL = torch.optim.lr_scheduler\n"
     "L.SequentialLR(opt, [L.ConstantLR(opt), L.ExponentialLR(opt, 0.9)], milestones=[2, 4])",
     ValueError, ("number of milestones",)),
    ("lr-scheduler.plateau-factor", sched_api("ReduceLROnPlateau"),
     ONE_PARAM + "torch.optim.lr_scheduler.ReduceLROnPlateau(torch.optim.SGD([p], lr=0.1), factor=1.0)",
     ValueError, ("Factor should be < 1.0",)),
    ("lr-scheduler.plateau-mode", sched_api("ReduceLROnPlateau"),
     ONE_PARAM + "torch.optim.lr_scheduler.ReduceLROnPlateau(torch.optim.SGD([p], lr=0.1), mode='up')",
     ValueError, ("mode up is unknown",)),
    ("lr-scheduler.plateau-threshold-mode", sched_api("ReduceLROnPlateau"),
     ONE_PARAM + "torch.optim.lr_scheduler.ReduceLROnPlateau(torch.optim.SGD([p], lr=0.1), threshold_mode='x')",
     ValueError, ("threshold mode x is unknown",)),
    ("lr-scheduler.plateau-min-lr-count", sched_api("ReduceLROnPlateau"),
     ONE_PARAM + "torch.optim.lr_scheduler.ReduceLROnPlateau(torch.optim.SGD([p], lr=0.1), min_lr=[0.1, 0.2])",
     ValueError, ("expected 1 min_lrs, got 2",)),
])


@pytest.mark.parametrize("code, exc, contains", ERRORS)
def test_scheduler_errors(T, code, exc, contains):
    check_raises(T, code, exc=exc, contains=contains)


# ---------------------------------------------------------------------------------------------
# ReduceLROnPlateau

PLATEAU = """
p = torch.zeros(1, requires_grad=True)
opt = torch.optim.SGD([p], lr=a)
s = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, **b)
lrs = []
for m in c:
    opt.step()
    s.step(m)
    lrs.append(opt.param_groups[0]['lr'])
np.array(lrs)
"""

metric_sequences = st.lists(st.sampled_from([1.0, 0.99995, 0.9, 0.5, 1.5, 0.3, 0.29, 2.0]), min_size=5, max_size=60)


@spec("lr-scheduler.plateau-decisions", sched_api("ReduceLROnPlateau"))
@given(metrics=metric_sequences,
       opts=st.fixed_dictionaries(dict(mode=st.sampled_from(["min", "max"]), factor=st.sampled_from([0.1, 0.5]),
                                       patience=st.integers(0, 4), threshold=st.sampled_from([1e-4, 0.05]),
                                       threshold_mode=st.sampled_from(["rel", "abs"]), cooldown=st.integers(0, 3),
                                       min_lr=st.sampled_from([0.0, 0.01]), eps=st.sampled_from([1e-8, 0.02]))))
def test_plateau_decisions(T, metrics, opts):
    check(T, PLATEAU, 0.5, opts, metrics, expected=lambda a, b, c: np.array(OO.plateau_lrs(c, a, **b)), **TOL)


PLATEAU_EDGES = cases([
    ("lr-scheduler.plateau-eps-rule", sched_api("ReduceLROnPlateau"), 1e-8,
     dict(patience=0, eps=1e-8, factor=0.5), [1.0, 1.0, 1.0], [1e-8, 1e-8, 1e-8]),
    ("lr-scheduler.plateau-patience", sched_api("ReduceLROnPlateau"), 1.0,
     dict(patience=2), [1.0, 1.0, 1.0, 1.0, 1.0], [1.0, 1.0, 1.0, 0.1, 0.1]),
    ("lr-scheduler.plateau-cooldown", sched_api("ReduceLROnPlateau"), 1.0,
     dict(patience=0, cooldown=2), [1.0, 2.0, 2.0, 2.0, 2.0, 2.0], [1.0, 0.1, 0.1, 0.1, 0.01, 0.01]),
    ("lr-scheduler.plateau-min-lr", sched_api("ReduceLROnPlateau"), 1.0,
     dict(patience=0, min_lr=0.05), [1.0, 2.0, 2.0, 2.0], [1.0, 0.1, 0.05, 0.05]),
    ("lr-scheduler.plateau-max-mode", sched_api("ReduceLROnPlateau"), 1.0,
     dict(mode="max", patience=0), [1.0, 2.0, 1.0, 3.0], [1.0, 1.0, 0.1, 0.1]),
])


@pytest.mark.parametrize("lr, opts, metrics, expected", PLATEAU_EDGES)
def test_plateau_edges(T, lr, opts, metrics, expected):
    check(T, PLATEAU, lr, opts, metrics, expected=np.array(expected), **TOL)
