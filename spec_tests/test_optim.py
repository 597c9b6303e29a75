"""torch.optim's documented behaviour: the Optimizer base (param groups, state_dict, zero_grad,
step(closure), hooks, errors) and the SGD/Adam/AdamW trajectories against float64 NumPy
transcriptions of the documented algorithms (spec_tests/oracle_optim.py)."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import oracle_optim as OO
from . import strategies as S
from .catalogue import api, cases, doc, seed, spec
from . import seed_passages as SP
from .harness import check, check_raises
from .messages import error_cases

OPTIM = doc("optim.html")
BASE = doc("optim.html#base-class")
ZERO_GRAD = api("torch.optim.Optimizer.zero_grad")
STATE_DICT = api("torch.optim.Optimizer.state_dict")
LOAD_STATE_DICT = api("torch.optim.Optimizer.load_state_dict")
ADD_GROUP = api("torch.optim.Optimizer.add_param_group")
STEP = api("torch.optim.Optimizer.step")
SGD, ADAM, ADAMW = api("torch.optim.SGD"), api("torch.optim.Adam"), api("torch.optim.AdamW")

# ---------------------------------------------------------------------------------------------
# trajectories: k steps on given gradients, against the transcription of the documented algorithm

TRAJECTORY = """
p = a.clone().requires_grad_(True)
opt = torch.optim.{name}([p], **c)
for g in b:
    p.grad = g.clone()
    opt.step()
p.detach()
"""


@st.composite
def trajectories(draw, max_steps=6):
    """(initial parameter, k gradients of its shape) in float32 or float64."""
    dtype = draw(st.sampled_from(["float32", "float64"]))
    shape = draw(S.shapes(1, 2, max_size=12))
    k = draw(st.integers(1, max_steps))
    p0 = draw(S.arrays(dtype, shape, lo=-4, hi=4))
    grads = draw(S.arrays(dtype, (k,) + shape, lo=-4, hi=4))
    return p0, grads


def options(**choices):
    """A dict of hyper-parameters, each drawn from its listed values."""
    return st.fixed_dictionaries({k: st.sampled_from(v) for k, v in choices.items()})


def sgd_options():
    base = options(lr=[0.01, 0.1, 0.5], momentum=[0.0, 0.5, 0.9], dampening=[0.0, 0.3],
                   weight_decay=[0.0, 0.05], maximize=[False, True], nesterov=[False, True])
    # Nesterov needs momentum and no dampening.
    return base.map(lambda o: {**o, "nesterov": o["nesterov"] and o["momentum"] > 0 and o["dampening"] == 0})


ADAM_CHOICES = dict(lr=[1e-3, 1e-2, 0.1], betas=[(0.9, 0.999), (0.5, 0.9), (0.0, 0.99)], eps=[1e-8, 1e-3],
                    weight_decay=[0.0, 0.1], amsgrad=[False, True], maximize=[False, True])


def _expect(fn):
    def expected(a, b, c):
        return fn(a, b, **c).astype(a.dtype)
    return expected


def check_trajectory(T, name, oracle_fn, traj, opts):
    p0, grads = traj
    # error model: a few roundings per element per step, relative to the parameter's magnitude
    k = len(grads)
    tol = dict(rtol=4e-6 * k, atol=4e-6 * k) if p0.dtype == np.float32 else dict(rtol=1e-13 * k, atol=1e-13 * k)
    check(T, TRAJECTORY.format(name=name), p0, grads, opts, expected=_expect(oracle_fn), **tol)


@spec("optim.sgd-trajectory", SGD)
@given(traj=trajectories(), opts=sgd_options())
def test_sgd_trajectory(T, traj, opts):
    check_trajectory(T, "SGD", OO.sgd, traj, opts)


@spec("optim.adam-trajectory", ADAM)
@given(traj=trajectories(), opts=options(**ADAM_CHOICES, decoupled_weight_decay=[False, True]))
def test_adam_trajectory(T, traj, opts):
    check_trajectory(T, "Adam", OO.adam, traj, opts)


@spec("optim.adamw-trajectory", ADAMW)
@given(traj=trajectories(), opts=options(**{**ADAM_CHOICES, "weight_decay": [0.0, 0.01, 0.1]}))
def test_adamw_trajectory(T, traj, opts):
    check_trajectory(T, "AdamW", OO.adamw, traj, opts)


@spec("optim.adamw-default-weight-decay", ADAMW)
@given(traj=trajectories())
def test_adamw_defaults_decay_by_a_hundredth(T, traj):
    # AdamW's default weight_decay is 1e-2, applied to the parameter, not added to the gradient.
    check_trajectory(T, "AdamW", OO.adamw, traj, {"lr": 0.1})


# ---------------------------------------------------------------------------------------------
# documented edges of SGD and Adam

F32 = np.float32


def f32(*v):
    return np.array(v, dtype=F32)


EDGES = cases([
    ("optim.sgd-first-momentum-step-undampened", SGD,
     "p = torch.tensor([1.0, 2.0], requires_grad=True); opt = torch.optim.SGD([p], lr=0.1, momentum=0.9, "
     "dampening=0.5)\np.grad = torch.tensor([1.0, -2.0]); opt.step(); opt.state[p]['momentum_buffer']",
     f32(1.0, -2.0)),
    ("optim.sgd-second-momentum-step-dampened", SGD,
     "p = torch.tensor([1.0, 2.0], requires_grad=True); opt = torch.optim.SGD([p], lr=0.1, momentum=0.9, "
     "dampening=0.5)\nfor _ in range(2):\n    p.grad = torch.tensor([1.0, -2.0]); opt.step()\n"
     "opt.state[p]['momentum_buffer']", f32(0.9 + 0.5, -1.8 - 1.0)),
    ("optim.sgd-no-momentum-keeps-no-state", SGD,
     "p = torch.tensor([1.0], requires_grad=True); opt = torch.optim.SGD([p], lr=0.1)\n"
     "p.grad = torch.tensor([1.0]); opt.step(); len(opt.state[p])", 0),
    ("optim.sgd-default-lr", SGD,
     "p = torch.tensor([1.0], requires_grad=True); torch.optim.SGD([p]).param_groups[0]['lr']", 1e-3),
    ("optim.grad-none-skipped", STEP,
     "p = torch.tensor([1.0], requires_grad=True); q = torch.tensor([2.0], requires_grad=True)\n"
     "opt = torch.optim.Adam([p, q], lr=0.1)\nfor _ in range(3):\n    p.grad = torch.tensor([1.0]); opt.step()\n"
     "(len(opt.state[q]), q.detach(), float(opt.state[p]['step']))", (0, f32(2.0), 3.0)),
    ("optim.zero-grad-not-skipped", STEP,
     "q = torch.tensor([2.0], requires_grad=True); opt = torch.optim.Adam([q], lr=0.1)\n"
     "for _ in range(3):\n    q.grad = torch.zeros(1); opt.step()\n(float(opt.state[q]['step']), q.detach())",
     (3.0, f32(2.0))),
    ("optim.adam-state-layout", ADAM,
     "p = torch.tensor([1.0, 2.0], requires_grad=True); opt = torch.optim.Adam([p], amsgrad=True)\n"
     "p.grad = torch.tensor([1.0, 1.0]); opt.step(); sorted(opt.state[p])",
     ["exp_avg", "exp_avg_sq", "max_exp_avg_sq", "step"]),
    ("optim.adam-step-is-float-tensor", ADAM,
     "p = torch.tensor([1.0], requires_grad=True); opt = torch.optim.Adam([p])\n"
     "p.grad = torch.tensor([1.0]); opt.step(); opt.state[p]['step']", np.array(1.0, F32)),
    ("optim.adam-first-step-moves-by-lr", ADAM,
     "p = torch.tensor([1.0, -3.0], requires_grad=True); opt = torch.optim.Adam([p], lr=0.25, eps=0.0)\n"
     "p.grad = torch.tensor([0.5, -7.0]); opt.step(); p.detach()", f32(0.75, -2.75)),
    ("optim.adamw-decays-parameter-not-gradient", ADAMW,
     "p = torch.tensor([2.0], requires_grad=True); opt = torch.optim.AdamW([p], lr=0.5, weight_decay=0.1)\n"
     "p.grad = torch.tensor([0.0]); opt.step(); p.detach()", f32(2.0 * (1 - 0.5 * 0.1))),
    ("optim.sgd-maximize", SGD,
     "p = torch.tensor([1.0], requires_grad=True); opt = torch.optim.SGD([p], lr=0.5, maximize=True)\n"
     "p.grad = torch.tensor([2.0]); opt.step(); p.detach()", f32(2.0)),
    ("optim.flags-accepted", OPTIM,
     "p = torch.tensor([1.0], requires_grad=True)\n"
     "opt = torch.optim.Adam([p], foreach=False, capturable=False, differentiable=False, fused=None)\n"
     "[opt.param_groups[0][k] for k in ('foreach', 'capturable', 'differentiable', 'fused')]",
     [False, False, False, None]),
])


@pytest.mark.parametrize("code, expected", EDGES)
def test_optimizer_edges(T, code, expected):
    check(T, code, expected=expected)


# eps=0 with a zero gradient: the update divides 0 by 0, and torch writes NaN (it raises nothing)
ZERO_OVER_ZERO = cases([
    (f"optim.{name.lower()}{suffix}-eps-zero-zero-grad-nan", api(f"torch.optim.{name}"),
     f"p = torch.tensor([1.0, -2.0], requires_grad=True); opt = torch.optim.{name}([p], lr=0.1, eps=0.0{kw})\n"
     "p.grad = torch.zeros(2); opt.step(); p.detach()", f32(np.nan, np.nan))
    for name, suffix, kw in [("Adam", "", ""), ("Adam", "-amsgrad", ", amsgrad=True"), ("AdamW", "", ""),
                             ("NAdam", "", ""), ("Adamax", "", ""), ("RMSprop", "", ""), ("Adagrad", "", "")]
])


@pytest.mark.parametrize("code, expected", ZERO_OVER_ZERO)
def test_zero_over_zero_update(T, code, expected):
    check(T, code, expected=expected)


# ---------------------------------------------------------------------------------------------
# errors

ERRORS = error_cases([
    ("optim.error-negative-lr", SGD, "torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=-0.1)",
     ValueError, ("Invalid learning rate", "-0.1")),
    ("optim.error-adam-negative-lr", ADAM, "torch.optim.Adam([torch.zeros(1, requires_grad=True)], lr=-1.0)",
     ValueError, ("Invalid learning rate",)),
    ("optim.error-nesterov-without-momentum", SGD,
     "torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1, nesterov=True)",
     ValueError, ("Nesterov momentum requires a momentum and zero dampening",)),
    ("optim.error-nesterov-with-dampening", SGD,
     "torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1, momentum=0.9, dampening=0.1, nesterov=True)",
     ValueError, ("Nesterov",)),
    ("optim.error-negative-momentum", SGD,
     "torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1, momentum=-0.5)",
     ValueError, ("Invalid momentum value", "-0.5")),
    ("optim.error-negative-weight-decay", SGD,
     "torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1, weight_decay=-1e-2)",
     ValueError, ("Invalid weight_decay value",)),
    ("optim.error-adam-beta", ADAM, "torch.optim.Adam([torch.zeros(1, requires_grad=True)], betas=(0.9, 1.0))",
     ValueError, ("Invalid beta parameter at index 1",)),
    ("optim.error-adam-beta0", ADAM, "torch.optim.Adam([torch.zeros(1, requires_grad=True)], betas=(-0.1, 0.9))",
     ValueError, ("Invalid beta parameter at index 0",)),
    ("optim.error-adam-eps", ADAM, "torch.optim.Adam([torch.zeros(1, requires_grad=True)], eps=-1e-8)",
     ValueError, ("Invalid epsilon value",)),
    ("optim.error-empty-params", BASE, "torch.optim.SGD([], lr=0.1)",
     ValueError, ("optimizer got an empty parameter list",)),
    ("optim.error-non-leaf", BASE,
     "x = torch.ones(2, requires_grad=True); torch.optim.SGD([x * 2], lr=0.1)",
     ValueError, ("can't optimize a non-leaf Tensor",)),
    ("optim.error-tensor-not-iterable", BASE, "torch.optim.SGD(torch.zeros(2, requires_grad=True), lr=0.1)",
     TypeError, ("params argument given to the optimizer should be an iterable",)),
    ("optim.error-param-not-tensor", BASE, "torch.optim.SGD([1.0], lr=0.1)",
     TypeError, ("optimizer can only optimize Tensors",)),
    ("optim.error-param-in-two-groups", ADD_GROUP,
     "p = torch.zeros(1, requires_grad=True); opt = torch.optim.SGD([p], lr=0.1)\n"
     "opt.add_param_group({'params': [p]})",
     ValueError, ("some parameters appear in more than one parameter group",)),
    ("optim.error-params-as-set", ADD_GROUP,
     "p = torch.zeros(1, requires_grad=True); opt = torch.optim.SGD([p], lr=0.1)\n"
     "opt.add_param_group({'params': {torch.zeros(1, requires_grad=True)}})",
     TypeError, ("ordered collections",)),
    ("optim.error-load-group-count", LOAD_STATE_DICT,
     "p = torch.zeros(1, requires_grad=True); q = torch.zeros(1, requires_grad=True)\n"
     "sd = torch.optim.SGD([{'params': [p]}, {'params': [q]}], lr=0.1).state_dict()\n"
     "torch.optim.SGD([p, q], lr=0.1).load_state_dict(sd)",
     ValueError, ("different number of parameter groups",)),
    ("optim.error-load-group-size", LOAD_STATE_DICT,
     "p = torch.zeros(1, requires_grad=True); q = torch.zeros(1, requires_grad=True)\n"
     "sd = torch.optim.SGD([p], lr=0.1).state_dict()\n"
     "torch.optim.SGD([p, q], lr=0.1).load_state_dict(sd)",
     ValueError, ("doesn't match the size of optimizer's group",)),
])


@pytest.mark.parametrize("code, exc, contains", ERRORS)
def test_optimizer_errors(T, code, exc, contains):
    check_raises(T, code, exc=exc, contains=contains)


# ---------------------------------------------------------------------------------------------
# param groups

GROUPS = cases([
    ("optim.groups-defaults-filled", ADD_GROUP,
     "p = torch.zeros(1, requires_grad=True); q = torch.zeros(1, requires_grad=True)\n"
     "opt = torch.optim.SGD([p], lr=0.1, momentum=0.9)\nopt.add_param_group({'params': q, 'lr': 0.5})\n"
     "g = opt.param_groups[1]\n(g['lr'], g['momentum'], g['dampening'], len(g['params']))", (0.5, 0.9, 0, 1)),
    ("optim.groups-per-group-lr", OPTIM,
     "p = torch.tensor([1.0], requires_grad=True); q = torch.tensor([1.0], requires_grad=True)\n"
     "opt = torch.optim.SGD([{'params': [p]}, {'params': [q], 'lr': 1.0}], lr=0.1)\n"
     "p.grad = torch.ones(1); q.grad = torch.ones(1); opt.step()\n(p.detach(), q.detach())",
     (f32(0.9), f32(0.0))),
    ("optim.groups-list-of-params", OPTIM,
     "p = torch.zeros(1, requires_grad=True); q = torch.zeros(2, requires_grad=True)\n"
     "[len(g['params']) for g in torch.optim.Adam([p, q]).param_groups]", [2]),
    ("optim.groups-from-generator", OPTIM,
     "ps = [torch.zeros(1, requires_grad=True) for _ in range(3)]\n"
     "len(torch.optim.SGD((p for p in ps), lr=0.1).param_groups[0]['params'])", 3),
    ("optim.groups-defaults-attribute", BASE,
     "opt = torch.optim.Adam([torch.zeros(1, requires_grad=True)], lr=0.5)\n"
     "(opt.defaults['lr'], opt.defaults['betas'])", (0.5, (0.9, 0.999))),
])


@pytest.mark.parametrize("code, expected", GROUPS)
def test_param_groups(T, code, expected):
    check(T, code, expected=expected)


# ---------------------------------------------------------------------------------------------
# zero_grad and gradient accumulation

ZERO = cases([
    ("optim.zero-grad-sets-none", ZERO_GRAD,
     "p = torch.ones(2, requires_grad=True); (p * 3).sum().backward()\n"
     "opt = torch.optim.SGD([p], lr=0.1); opt.zero_grad(); p.grad", None),
    ("optim.zero-grad-set-to-none-false", ZERO_GRAD,
     "p = torch.ones(2, requires_grad=True); (p * 3).sum().backward()\n"
     "opt = torch.optim.SGD([p], lr=0.1); opt.zero_grad(set_to_none=False); p.grad", f32(0.0, 0.0)),
    ("optim.zero-grad-none-stays-none", ZERO_GRAD,
     "p = torch.ones(2, requires_grad=True); opt = torch.optim.SGD([p], lr=0.1)\n"
     "opt.zero_grad(set_to_none=False); p.grad", None),
    ("optim.grads-accumulate-without-zero-grad", SP.ZERO_GRAD_OR_ACCUMULATE,
     "p = torch.ones(2, requires_grad=True)\nfor _ in range(3):\n    (p * 2).sum().backward()\np.grad", f32(6.0, 6.0)),
    ("optim.zero-grad-between-backwards", SP.ZERO_GRAD_OR_ACCUMULATE,
     "p = torch.ones(2, requires_grad=True); opt = torch.optim.SGD([p], lr=0.1)\nfor _ in range(3):\n"
     "    opt.zero_grad(); (p * 2).sum().backward()\np.grad", f32(2.0, 2.0)),
])


@pytest.mark.parametrize("code, expected", ZERO)
def test_zero_grad(T, code, expected):
    check(T, code, expected=expected)


ACCUMULATE = """
w1 = a.clone().requires_grad_(True)
opt1 = torch.optim.SGD([w1], lr=0.1, momentum=0.9)
((b @ w1 - c) ** 2).mean().backward()
opt1.step()
w2 = a.clone().requires_grad_(True)
opt2 = torch.optim.SGD([w2], lr=0.1, momentum=0.9)
for xb, yb in zip(b.chunk(d), c.chunk(d)):
    (((xb @ w2 - yb) ** 2).mean() / d).backward()
opt2.step()
(w1.detach(), w2.detach())
"""


@st.composite
def regression(draw):
    k = draw(st.integers(1, 4))
    m = k * draw(st.integers(1, 3))
    n = draw(st.integers(1, 4))
    return (draw(S.arrays("float64", (n,), lo=-2, hi=2)), draw(S.arrays("float64", (m, n), lo=-2, hi=2)),
            draw(S.arrays("float64", (m,), lo=-2, hi=2)), k)


def one_sgd_step(w, x, y, k):
    grad = 2.0 / len(y) * x.T @ (x @ w - y)
    new = w - 0.1 * grad
    return new, new


@spec("optim.accumulation-equals-full-batch", ZERO_GRAD)
@given(data=regression())
def test_micro_batches_equal_full_batch(T, data):
    check(T, ACCUMULATE, *data, expected=one_sgd_step, reduce=16)


# ---------------------------------------------------------------------------------------------
# step(closure) and hooks

CLOSURE = cases([
    ("optim.step-returns-closure-loss", STEP,
     "p = torch.tensor([3.0], requires_grad=True); opt = torch.optim.SGD([p], lr=0.1)\n"
     "def closure():\n    opt.zero_grad(); loss = (p * p).sum(); loss.backward(); return loss\n"
     "loss = opt.step(closure)\n(loss.detach(), p.detach())", (np.array(9.0, F32), f32(3.0 - 0.1 * 6.0))),
    ("optim.step-without-closure-returns-none", STEP,
     "p = torch.tensor([3.0], requires_grad=True); opt = torch.optim.Adam([p])\np.grad = torch.ones(1)\n"
     "opt.step()", None),
    ("optim.step-closure-enables-grad", STEP,
     "p = torch.tensor([3.0], requires_grad=True); opt = torch.optim.SGD([p], lr=0.1)\n"
     "def closure():\n    opt.zero_grad(); loss = (p * p).sum(); loss.backward(); return loss\n"
     "with torch.no_grad():\n    loss = opt.step(closure)\np.detach()", f32(3.0 - 0.1 * 6.0)),
    ("optim.step-hooks-order", api("torch.optim.Optimizer.register_step_pre_hook"),
     "p = torch.tensor([3.0], requires_grad=True); opt = torch.optim.SGD([p], lr=0.1); seen = []\n"
     "h1 = opt.register_step_pre_hook(lambda o, args, kw: seen.append(('pre', float(p.detach()))))\n"
     "h2 = opt.register_step_post_hook(lambda o, args, kw: seen.append(('post', float(p.detach()))))\n"
     "p.grad = torch.ones(1); opt.step(); h1.remove(); opt.step(); seen",
     [("pre", 3.0), ("post", 2.9000000953674316), ("post", 2.799999952316284)]),
    ("optim.step-pre-hook-gets-optimizer", api("torch.optim.Optimizer.register_step_pre_hook"),
     "p = torch.tensor([3.0], requires_grad=True); opt = torch.optim.SGD([p], lr=0.1); seen = []\n"
     "opt.register_step_pre_hook(lambda o, args, kw: seen.append(o is opt))\nopt.step(); seen", [True]),
])


@pytest.mark.parametrize("code, expected", CLOSURE)
def test_step_closure_and_hooks(T, code, expected):
    check(T, code, expected=expected)


# ---------------------------------------------------------------------------------------------
# state_dict / load_state_dict

LAYOUT = cases([
    ("optim.state-dict-keys", STATE_DICT,
     "p = torch.ones(2, requires_grad=True); opt = torch.optim.Adam([p]); sorted(opt.state_dict())",
     ["param_groups", "state"]),
    ("optim.state-dict-indices-across-groups", STATE_DICT,
     "ps = [torch.ones(2, requires_grad=True) for _ in range(3)]\n"
     "opt = torch.optim.SGD([{'params': ps[:2]}, {'params': ps[2:], 'lr': 1.0}], lr=0.1)\n"
     "[g['params'] for g in opt.state_dict()['param_groups']]", [[0, 1], [2]]),
    ("optim.state-dict-state-keyed-by-index", STATE_DICT,
     "ps = [torch.ones(2, requires_grad=True) for _ in range(3)]\nopt = torch.optim.Adam(ps)\n"
     "ps[0].grad = torch.ones(2); ps[2].grad = torch.ones(2); opt.step(); sorted(opt.state_dict()['state'])",
     [0, 2]),
    ("optim.state-dict-hyperparameters", STATE_DICT,
     "p = torch.ones(2, requires_grad=True); g = torch.optim.SGD([p], lr=0.1, momentum=0.9).state_dict()"
     "['param_groups'][0]\n(g['lr'], g['momentum'], g['nesterov'], g['weight_decay'])", (0.1, 0.9, False, 0)),
    ("optim.load-restores-hyperparameters", LOAD_STATE_DICT,
     "p = torch.ones(2, requires_grad=True); sd = torch.optim.SGD([p], lr=0.25, momentum=0.5).state_dict()\n"
     "q = torch.ones(2, requires_grad=True); opt = torch.optim.SGD([q], lr=0.1)\nopt.load_state_dict(sd)\n"
     "g = opt.param_groups[0]\n(g['lr'], g['momentum'], g['params'][0] is q)", (0.25, 0.5, True)),
    ("optim.load-casts-state-to-param-dtype", LOAD_STATE_DICT,
     "p = torch.ones(2, requires_grad=True); opt = torch.optim.Adam([p]); p.grad = torch.ones(2); opt.step()\n"
     "q = torch.ones(2, dtype=torch.float64, requires_grad=True); opt2 = torch.optim.Adam([q])\n"
     "opt2.load_state_dict(opt.state_dict())\n(opt2.state[q]['exp_avg'].dtype, opt2.state[q]['step'].dtype)",
     (np.dtype("float64"), np.dtype("float32"))),
])


@pytest.mark.parametrize("code, expected", LAYOUT)
def test_state_dict_layout(T, code, expected):
    check(T, code, expected=expected)


RESUME = """
import pickle
def build(w):
    p = w.clone().requires_grad_(True)
    opt = torch.optim.{opt}([p], {opt_args})
    sched = torch.optim.lr_scheduler.{sched}(opt, {sched_args})
    return p, opt, sched
def train(p, opt, sched, grads):
    for g in grads:
        opt.zero_grad()
        (p * g).sum().backward()
        opt.step()
        sched.step()
p1, opt1, s1 = build(a)
train(p1, opt1, s1, b)
p2, opt2, s2 = build(a)
train(p2, opt2, s2, b[:5])
saved = pickle.loads(pickle.dumps((p2.detach(), opt2.state_dict(), s2.state_dict())))
p3, opt3, s3 = build(saved[0])
opt3.load_state_dict(saved[1])
s3.load_state_dict(saved[2])
train(p3, opt3, s3, b[5:])
(torch.equal(p1.detach(), p3.detach()), s1.get_last_lr() == s3.get_last_lr(), p3.detach())
"""

RESUME_CASES = cases([
    ("optim.resume-adam-steplr", STATE_DICT, "Adam", dict(lr=0.1, amsgrad=True), "StepLR",
     dict(step_size=3, gamma=0.5)),
    ("optim.resume-sgd-cosine", STATE_DICT, "SGD", dict(lr=0.1, momentum=0.9, nesterov=True),
     "CosineAnnealingLR", dict(T_max=4)),
    ("optim.resume-adamw-onecycle", STATE_DICT, "AdamW", dict(lr=0.1), "OneCycleLR",
     dict(max_lr=0.5, total_steps=12, cycle_momentum=False)),
])


def _args(kwargs):
    return ", ".join(f"{k}={v!r}" for k, v in kwargs.items())


def _schedule(sched, base, skw, n):
    if sched == "StepLR":
        return [OO.step_lr(base, e, **skw) for e in range(n)]
    if sched == "CosineAnnealingLR":
        return [OO.cosine_lr(base, e, **skw) for e in range(n)]
    skw = {k: v for k, v in skw.items() if k != "cycle_momentum"}
    return [OO.one_cycle(e, **skw)[0] for e in range(n)]


@pytest.mark.parametrize("opt, opt_kw, sched, sched_kw", RESUME_CASES)
@given(p0=S.arrays("float32", (3,), lo=-2, hi=2), grads=S.arrays("float32", (10, 3), lo=-2, hi=2))
def test_resume_equals_straight_run(T, opt, opt_kw, sched, sched_kw, p0, grads):
    """10 steps straight == 5 steps, state_dicts saved and loaded into fresh objects, 5 more
    (bitwise); the parameter follows the algorithm under the schedule's lrs."""
    code = RESUME.format(opt=opt, opt_args=_args(opt_kw), sched=sched, sched_args=_args(sched_kw))

    def expected(a, b):
        lrs = _schedule(sched, opt_kw["lr"], sched_kw, len(b))
        final = getattr(OO, opt.lower())(a, b, **{**opt_kw, "lr": lrs})
        return True, True, final.astype(np.float32)
    check(T, code, p0, grads, expected=expected, reduce=40)
