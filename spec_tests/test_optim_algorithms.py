"""The other torch.optim algorithms (Adamax, NAdam, RAdam, RMSprop, Adagrad, Adadelta, Rprop,
ASGD): trajectories against float64 transcriptions of each documented algorithm
(spec_tests/oracle_optim.py), their state layouts, documented edges and errors."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import oracle_optim as OO
from .catalogue import api, cases, spec
from .harness import check, check_raises
from .messages import error_cases
from .test_optim import check_trajectory, options, trajectories

BETAS = [(0.9, 0.999), (0.5, 0.9), (0.0, 0.99)]

ALGORITHMS = [
    ("Adamax", OO.adamax, dict(lr=[2e-3, 0.1], betas=BETAS, eps=[1e-8, 1e-3], weight_decay=[0.0, 0.1],
                               maximize=[False, True])),
    ("NAdam", OO.nadam, dict(lr=[2e-3, 0.1], betas=BETAS, eps=[1e-8, 1e-3], weight_decay=[0.0, 0.1],
                             momentum_decay=[4e-3, 0.1], decoupled_weight_decay=[False, True],
                             maximize=[False, True])),
    ("RAdam", OO.radam, dict(lr=[1e-3, 0.1], betas=[(0.9, 0.999), (0.5, 0.6), (0.0, 0.5)], eps=[1e-8, 1e-3],
                             weight_decay=[0.0, 0.1], decoupled_weight_decay=[False, True], maximize=[False, True])),
    ("RMSprop", OO.rmsprop, dict(lr=[1e-2, 0.1], alpha=[0.99, 0.5], eps=[1e-8, 1e-3], weight_decay=[0.0, 0.1],
                                 momentum=[0.0, 0.9], centered=[False, True], maximize=[False, True])),
    ("Adagrad", OO.adagrad, dict(lr=[1e-2, 0.5], lr_decay=[0.0, 0.1], weight_decay=[0.0, 0.1],
                                 initial_accumulator_value=[0.0, 0.5], eps=[1e-10, 1e-3], maximize=[False, True])),
    ("Adadelta", OO.adadelta, dict(lr=[1.0, 0.5], rho=[0.9, 0.5], eps=[1e-6, 1e-3], weight_decay=[0.0, 0.1],
                                   maximize=[False, True])),
    ("Rprop", OO.rprop, dict(lr=[1e-2, 0.1], etas=[(0.5, 1.2), (0.3, 2.0)], step_sizes=[(1e-6, 50), (1e-3, 0.05)],
                             maximize=[False, True])),
    ("ASGD", OO.asgd, dict(lr=[1e-2, 0.1], lambd=[1e-4, 0.1], alpha=[0.75, 0.5], t0=[1e6, 2.0],
                           weight_decay=[0.0, 0.1], maximize=[False, True])),
]

TRAJECTORY_CASES = [pytest.param(name, fn, opts, marks=spec(f"optim.{name.lower()}-trajectory",
                                                            api(f"torch.optim.{name}")), id=name)
                    for name, fn, opts in ALGORITHMS]


@pytest.mark.parametrize("name, oracle_fn, choices", TRAJECTORY_CASES)
@given(data=st.data())
def test_trajectory(T, name, oracle_fn, choices, data):
    traj = data.draw(trajectories(), label="trajectory")
    opts = data.draw(options(**choices), label="options")
    if name == "Rprop":
        # Rprop uses only gradient signs: keep gradients away from zero so that float32 and
        # float64 agree on every sign.
        traj = (traj[0], np.where(np.abs(traj[1]) < 0.1, 0.5, traj[1]).astype(traj[1].dtype))
    check_trajectory(T, name, oracle_fn, traj, opts)


def f32(*v):
    return np.array(v, dtype=np.float32)


ONE = "p = torch.tensor([1.0, -2.0], requires_grad=True)\n"

EDGES = cases([
    ("optim.adagrad-state-at-construction", api("torch.optim.Adagrad"),
     ONE + "opt = torch.optim.Adagrad([p], initial_accumulator_value=0.5)\n(float(opt.state[p]['step']), "
     "opt.state[p]['sum'])", (0.0, f32(0.5, 0.5))),
    ("optim.adagrad-lr-decay", api("torch.optim.Adagrad"),
     ONE + "opt = torch.optim.Adagrad([p], lr=1.0, lr_decay=1.0, eps=0.0)\nfor _ in range(2):\n"
     "    p.grad = torch.tensor([1.0, 1.0]); opt.step()\np.detach()",
     f32(1.0 - 1.0 - 0.5 / np.sqrt(2.0), -2.0 - 1.0 - 0.5 / np.sqrt(2.0))),
    ("optim.rprop-sign-flip-skips-step", api("torch.optim.Rprop"),
     ONE + "opt = torch.optim.Rprop([p], lr=0.1)\np.grad = torch.tensor([1.0, 1.0]); opt.step()\n"
     "p.grad = torch.tensor([-1.0, 1.0]); opt.step()\n(p.detach(), opt.state[p]['step_size'], opt.state[p]['prev'])",
     (f32(0.9, -2.1 - 0.12), f32(0.05, 0.12), f32(0.0, 1.0))),
    ("optim.asgd-averages-after-t0", api("torch.optim.ASGD"),
     ONE + "opt = torch.optim.ASGD([p], lr=0.1, lambd=0.0, t0=1)\nfor _ in range(4):\n"
     "    p.grad = torch.tensor([1.0, 1.0]); opt.step()\n(p.detach(), opt.state[p]['ax'], float(opt.state[p]['mu']))",
     (f32(0.6, -2.4), f32(0.65, -2.35), 1 / 3)),
    ("optim.asgd-state-layout", api("torch.optim.ASGD"),
     ONE + "opt = torch.optim.ASGD([p])\np.grad = torch.ones(2); opt.step(); sorted(opt.state[p])",
     ["ax", "eta", "mu", "step"]),
    ("optim.nadam-state-layout", api("torch.optim.NAdam"),
     ONE + "opt = torch.optim.NAdam([p])\np.grad = torch.ones(2); opt.step(); sorted(opt.state[p])",
     ["exp_avg", "exp_avg_sq", "mu_product", "step"]),
    ("optim.rmsprop-state-layout", api("torch.optim.RMSprop"),
     ONE + "opt = torch.optim.RMSprop([p], momentum=0.5, centered=True)\np.grad = torch.ones(2); opt.step()\n"
     "sorted(opt.state[p])", ["grad_avg", "momentum_buffer", "square_avg", "step"]),
    ("optim.adamax-state-layout", api("torch.optim.Adamax"),
     ONE + "opt = torch.optim.Adamax([p])\np.grad = torch.ones(2); opt.step(); sorted(opt.state[p])",
     ["exp_avg", "exp_inf", "step"]),
    ("optim.adadelta-state-layout", api("torch.optim.Adadelta"),
     ONE + "opt = torch.optim.Adadelta([p])\np.grad = torch.ones(2); opt.step(); sorted(opt.state[p])",
     ["acc_delta", "square_avg", "step"]),
    ("optim.rprop-state-layout", api("torch.optim.Rprop"),
     ONE + "opt = torch.optim.Rprop([p])\np.grad = torch.ones(2); opt.step(); sorted(opt.state[p])",
     ["prev", "step", "step_size"]),
    ("optim.radam-unrectified-first-steps", api("torch.optim.RAdam"),
     ONE + "opt = torch.optim.RAdam([p], lr=0.5)\np.grad = torch.tensor([1.0, -1.0]); opt.step(); p.detach()",
     f32(0.5, -1.5)),
])


@pytest.mark.parametrize("code, expected", EDGES)
def test_algorithm_edges(T, code, expected):
    check(T, code, expected=expected)


PARAM = "[torch.zeros(1, requires_grad=True)]"
ERRORS = error_cases([
    ("optim.error-rprop-etas", api("torch.optim.Rprop"), f"torch.optim.Rprop({PARAM}, etas=(1.5, 2.0))",
     ValueError, ("Invalid eta values",)),
    ("optim.error-adagrad-lr-decay", api("torch.optim.Adagrad"), f"torch.optim.Adagrad({PARAM}, lr_decay=-1.0)",
     ValueError, ("Invalid lr_decay value",)),
    ("optim.error-adagrad-accumulator", api("torch.optim.Adagrad"),
     f"torch.optim.Adagrad({PARAM}, initial_accumulator_value=-1.0)", ValueError,
     ("Invalid initial_accumulator_value value",)),
    ("optim.error-adadelta-rho", api("torch.optim.Adadelta"), f"torch.optim.Adadelta({PARAM}, rho=1.5)",
     ValueError, ("Invalid rho value",)),
    ("optim.error-rmsprop-alpha", api("torch.optim.RMSprop"), f"torch.optim.RMSprop({PARAM}, alpha=-0.1)",
     ValueError, ("Invalid alpha value",)),
    ("optim.error-nadam-momentum-decay", api("torch.optim.NAdam"),
     f"torch.optim.NAdam({PARAM}, momentum_decay=-0.1)", ValueError, ("Invalid momentum_decay value",)),
    ("optim.error-adamax-beta", api("torch.optim.Adamax"), f"torch.optim.Adamax({PARAM}, betas=(0.9, 1.5))",
     ValueError, ("Invalid beta parameter at index 1",)),
    ("optim.error-radam-lr", api("torch.optim.RAdam"), f"torch.optim.RAdam({PARAM}, lr=-0.1)",
     ValueError, ("Invalid learning rate",)),
])


@pytest.mark.parametrize("code, exc, contains", ERRORS)
def test_algorithm_errors(T, code, exc, contains):
    check_raises(T, code, exc=exc, contains=contains)
