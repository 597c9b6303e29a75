"""torch.optim.swa_utils (https://pytorch.org/docs/stable/optim.html#weight-averaging-swa-and-ema):
AveragedModel's running mean and EMA, buffers, SWALR's annealing curve and update_bn."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import oracle_optim as OO
from . import strategies as S
from .catalogue import api, cases, doc, spec
from .harness import check, check_raises
from .messages import error_cases

SWA = doc("optim.html#weight-averaging-swa-and-ema")
AVERAGED = api("torch.optim.swa_utils.AveragedModel")

# a: the weights the model takes before each update_parameters call, (k, 2, 3)
AVERAGE = """
S = torch.optim.swa_utils
model = torch.nn.Linear(3, 2)
avg = S.AveragedModel(model{extra})
for w in a:
    with torch.no_grad():
        model.weight.copy_(w)
    avg.update_parameters(model)
(avg.module.weight.detach(), int(avg.n_averaged))
"""


def _code(extra):
    return AVERAGE.format(extra=extra)


def ema(ws, decay):
    out = ws[0].astype(np.float64)
    for w in ws[1:]:
        out = decay * out + (1 - decay) * w
    return out


weights = st.integers(1, 6).flatmap(lambda k: S.arrays("float32", (k, 2, 3), lo=-3, hi=3))


@spec("optim.swa-running-mean", AVERAGED)
@given(ws=weights)
def test_averaged_model_running_mean(T, ws):
    check(T, _code(""), ws, expected=lambda a: (a.astype(np.float64).mean(0).astype(np.float32), len(a)),
          reduce=4 * len(ws))


@spec("optim.swa-ema-multi-avg-fn", api("torch.optim.swa_utils.get_ema_multi_avg_fn"))
@given(ws=weights, decay=st.sampled_from([0.9, 0.5, 0.999]))
def test_averaged_model_ema_multi(T, ws, decay):
    check(T, _code(f", multi_avg_fn=S.get_ema_multi_avg_fn({decay})"), ws,
          expected=lambda a: (ema(a, decay).astype(np.float32), len(a)), reduce=4 * len(ws))


@spec("optim.swa-ema-avg-fn", api("torch.optim.swa_utils.get_ema_avg_fn"))
@given(ws=weights, decay=st.sampled_from([0.9, 0.5]))
def test_averaged_model_ema_avg_fn(T, ws, decay):
    check(T, _code(f", avg_fn=S.get_ema_avg_fn({decay})"), ws,
          expected=lambda a: (ema(a, decay).astype(np.float32), len(a)), reduce=4 * len(ws))


@spec("optim.swa-custom-avg-fn", AVERAGED)
@given(ws=weights)
def test_averaged_model_custom_avg_fn(T, ws):
    """avg_fn(averaged, current, n_averaged) returns the new average (here: the latest maximum)."""
    check(T, _code(", avg_fn=lambda avg, cur, n: torch.maximum(avg, cur)"), ws,
          expected=lambda a: (a.max(0), len(a)))


BN = """
S = torch.optim.swa_utils
net = torch.nn.BatchNorm1d(3).to(dev)
avg = S.AveragedModel(net, use_buffers={use_buffers})
for batch in a:
    net.train()
    net(batch)
    avg.update_parameters(net)
avg.module.running_mean
"""


def running_means(batches, momentum=0.1):
    means, m = [], np.zeros(batches.shape[-1])
    for b in batches.astype(np.float64):
        m = (1 - momentum) * m + momentum * b.mean(0)
        means.append(m.copy())
    return means


@spec("optim.swa-buffers-copied", AVERAGED)
@given(xs=S.arrays("float32", (3, 4, 3), lo=-2, hi=2))
def test_averaged_model_copies_buffers(T, xs):
    check(T, BN.format(use_buffers=False), xs, expected=lambda a: running_means(a)[-1].astype(np.float32), reduce=8)


@spec("optim.swa-buffers-averaged", AVERAGED)
@given(xs=S.arrays("float32", (3, 4, 3), lo=-2, hi=2))
def test_averaged_model_averages_buffers(T, xs):
    check(T, BN.format(use_buffers=True), xs,
          expected=lambda a: np.mean(running_means(a), 0).astype(np.float32), reduce=8)


SWALR_CURVE = """
p = torch.zeros(1, requires_grad=True)
opt = torch.optim.SGD([p], lr=a)
s = torch.optim.swa_utils.SWALR(opt, **b)
lrs = [opt.param_groups[0]['lr']]
for _ in range(c):
    opt.step(); s.step(); lrs.append(opt.param_groups[0]['lr'])
np.array(lrs)
"""


@spec("optim.swalr-curve", api("torch.optim.swa_utils.SWALR"))
@given(lr0=st.sampled_from([1.0, 0.05]), swa_lr=st.sampled_from([0.1, 0.01, 0.5]), anneal=st.integers(0, 20),
       strategy=st.sampled_from(["cos", "linear"]), steps=st.integers(1, 40))
def test_swalr_curve(T, lr0, swa_lr, anneal, strategy, steps):
    opts = dict(swa_lr=swa_lr, anneal_epochs=anneal, anneal_strategy=strategy)
    check(T, SWALR_CURVE, lr0, opts, steps,
          expected=lambda a, b, c: np.array([OO.swalr(a, e, **b) for e in range(c + 1)]), rtol=1e-9, atol=1e-12)


UPDATE_BN = """
net = torch.nn.Sequential(torch.nn.BatchNorm1d(3)).to(dev)
net.eval()
torch.optim.swa_utils.update_bn([(x, 0) for x in a], net)
(net[0].running_mean, net[0].running_var, net.training, net[0].momentum)
"""


@spec("optim.swa-update-bn", api("torch.optim.swa_utils.update_bn"))
@given(xs=S.arrays("float32", (3, 5, 3), lo=-2, hi=2))
def test_update_bn(T, xs):
    """Statistics reset, recomputed as the cumulative average over the loader (tuples: first item),
    mode and momentum restored."""
    def expected(a):
        mean, var = OO.batch_norm_cumulative(a)
        return mean.astype(np.float32), var.astype(np.float32), False, 0.1
    check(T, UPDATE_BN, xs, expected=expected, reduce=16)


MISC = cases([
    ("optim.swa-forward-delegates", AVERAGED,
     "m = torch.nn.Linear(2, 1)\navg = torch.optim.swa_utils.AveragedModel(m)\nx = torch.ones(3, 2)\n"
     "torch.equal(avg(x), m(x))", True),
    ("optim.swa-copy-is-independent", AVERAGED,
     "m = torch.nn.Linear(2, 1)\navg = torch.optim.swa_utils.AveragedModel(m)\n"
     "with torch.no_grad():\n    m.weight.add_(1.0)\nbool((avg.module.weight != m.weight).all())", True),
    ("optim.swa-n-averaged-buffer", AVERAGED,
     "m = torch.nn.Linear(2, 1)\navg = torch.optim.swa_utils.AveragedModel(m)\n"
     "('n_averaged' in avg.state_dict(), avg.n_averaged.dtype)", (True, np.dtype("int64"))),
])


@pytest.mark.parametrize("code, expected", MISC)
def test_swa_misc(T, code, expected):
    check(T, code, expected=expected)


ERRORS = error_cases([
    ("optim.swalr-bad-strategy", api("torch.optim.swa_utils.SWALR"),
     "torch.optim.swa_utils.SWALR(torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=1.0), swa_lr=0.1, "
     "anneal_strategy='exp')", ValueError, ("anneal_strategy", "exp")),
    ("optim.swalr-negative-anneal-epochs", api("torch.optim.swa_utils.SWALR"),
     "torch.optim.swa_utils.SWALR(torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=1.0), swa_lr=0.1, "
     "anneal_epochs=-1)", ValueError, ("anneal_epochs must be equal or greater than 0",)),
    ("optim.swa-both-avg-fns", AVERAGED,
     "S = torch.optim.swa_utils\nS.AveragedModel(torch.nn.Linear(1, 1), avg_fn=S.get_swa_avg_fn(), "
     "multi_avg_fn=S.get_swa_multi_avg_fn())", AssertionError, ("Only one of avg_fn and multi_avg_fn",)),
])


@pytest.mark.parametrize("code, exc, contains", ERRORS)
def test_swa_errors(T, code, exc, contains):
    check_raises(T, code, exc=exc, contains=contains)
