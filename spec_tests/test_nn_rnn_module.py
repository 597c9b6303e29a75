"""The recurrent modules as objects (https://pytorch.org/docs/stable/generated/torch.nn.LSTM.html, the RNN,
GRU and cell pages): parameter names, shapes and order (state_dicts load across implementations), default
initialisation U(-1/sqrt(hidden_size), 1/sqrt(hidden_size)), reprs, torch's errors for a wrong input size,
state shape or constructor argument, and the one-step cells RNNCell, LSTMCell and GRUCell against the
documented equations (values and gradients)."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import oracle_nn_rnn as O
from . import strategies as S
from .catalogue import api, cases, seed, spec
from .harness import check, check_raises
from .messages import error_cases
from .oracle_nn import numeric_grad

FD_TOL = dict(rtol=1e-6, atol=1e-6)
NN = "torch.nn"

CONFIGS = [
    O.Config("LSTM", 3, 4, num_layers=2, bidirectional=True, proj_size=2),
    O.Config("LSTM", 2, 3),
    O.Config("GRU", 3, 2, num_layers=3, bias=False),
    O.Config("GRU", 2, 5, bidirectional=True),
    O.Config("RNN", 4, 3, num_layers=2, bidirectional=True, nonlinearity="relu"),
]
CONFIG_IDS = ["lstm-proj-bidir-2", "lstm", "gru-3-layers-no-bias", "gru-bidir", "rnn-relu-bidir-2"]


# ---------------------------------------------------------------------------------------------
# parameters and state_dicts

@spec("nn.rnn-state-dict-keys", api("torch.nn.LSTM"))
@pytest.mark.parametrize("cfg", CONFIGS, ids=CONFIG_IDS)
def test_state_dict_keys(T, cfg):
    """The keys are the documented names, in registration order: per layer and direction weight_ih_l[k],
    weight_hh_l[k], bias_ih_l[k], bias_hh_l[k], weight_hr_l[k], the reverse direction suffixed _reverse."""
    check(T, f"list(torch.nn.{cfg.ctor('float32')}.state_dict().keys())", expected=O.param_names(cfg))


@spec("nn.rnn-parameter-shapes", api("torch.nn.LSTM"))
@pytest.mark.parametrize("cfg", CONFIGS, ids=CONFIG_IDS)
def test_parameter_shapes(T, cfg):
    check(T, f"[(n, tuple(p.shape)) for n, p in torch.nn.{cfg.ctor('float32')}.named_parameters()]",
          expected=list(zip(O.param_names(cfg), O.param_shapes(cfg))))


@spec("nn.rnn-loads-state-dict-by-name", api("torch.nn.Module.load_state_dict"))
@pytest.mark.parametrize("cfg", CONFIGS[:4], ids=CONFIG_IDS[:4])
@given(data=st.data())
def test_load_state_dict(T, cfg, data):
    """A state_dict keyed by the documented names (as torch saves it) loads, and the layer then computes
    the documented function of those weights."""
    rng = np.random.default_rng(data.draw(st.integers(0, 2 ** 32 - 1), label="weights seed"))
    params = [rng.uniform(-0.8, 0.8, s) for s in O.param_shapes(cfg)]
    x = data.draw(S.arrays("float64", (2, 3, cfg.input_size), lo=-2, hi=2), label="a")
    code = (f"m = torch.nn.{cfg.ctor()}.to(dev)\n"
            f"m.load_state_dict(dict(zip({O.param_names(cfg)!r}, b)))\n"
            "out, state = m(a)\n(out,) + (state if isinstance(state, tuple) else (state,))")

    def expected(x, params):
        return tuple(v for v in O.forward(cfg, x, params) if v is not None)
    check(T, code, x, params, expected=expected, reduce=cfg.input_size + cfg.out_size + 2)


@spec("nn.rnn-all-weights-by-layer", api("torch.nn.RNNBase"))
def test_all_weights(T):
    check(T, "[[tuple(p.shape) for p in ws] for ws in torch.nn.GRU(3, 2, num_layers=2, bidirectional=True)"
             ".all_weights]",
          expected=[[(6, 3), (6, 2), (6,), (6,)]] * 2 + [[(6, 4), (6, 2), (6,), (6,)]] * 2)


INIT = cases([
    ("nn.lstm-default-init", api("torch.nn.LSTM"), "LSTM(20, 64, num_layers=2, proj_size=8)", 64),
    ("nn.gru-default-init", api("torch.nn.GRU"), "GRU(30, 25, bidirectional=True)", 25),
    ("nn.rnn-default-init", api("torch.nn.RNN"), "RNN(40, 50)", 50),
    ("nn.lstmcell-default-init", api("torch.nn.LSTMCell"), "LSTMCell(30, 40)", 40),
    ("nn.grucell-default-init", api("torch.nn.GRUCell"), "GRUCell(50, 30)", 30),
    ("nn.rnncell-default-init", api("torch.nn.RNNCell"), "RNNCell(60, 50)", 50),
])


@pytest.mark.parametrize("ctor, hidden", INIT)
def test_default_init(T, ctor, hidden):
    """Every weight and bias is drawn from U(-k, k), k = 1/sqrt(hidden_size): each parameter stays inside
    the bound and all of them together pass a Kolmogorov-Smirnov test against the uniform law."""
    k = 1 / np.sqrt(hidden)
    code = ("from spec_tests import oracle_nn as O\ntorch.manual_seed(5)\n"
            f"ps = [p.detach().numpy().ravel() for p in torch.nn.{ctor}.parameters()]\n"
            f"(all(bool(np.abs(p).max() <= {k!r}) for p in ps), "
            f"O.ks_pvalue(np.concatenate(ps), O.uniform_cdf(-{k!r}, {k!r})) > 1e-4)")
    check(T, code, expected=(True, True))


REPRS = cases([
    ("nn.lstm-repr", api("torch.nn.LSTM"), "LSTM(10, 20)", "LSTM(10, 20)"),
    ("nn.lstm-repr-options", api("torch.nn.LSTM"),
     "LSTM(10, 20, num_layers=2, bias=False, batch_first=True, dropout=0.5, bidirectional=True, proj_size=5)",
     "LSTM(10, 20, proj_size=5, num_layers=2, bias=False, batch_first=True, dropout=0.5, bidirectional=True)"),
    ("nn.gru-repr", api("torch.nn.GRU"), "GRU(3, 4, 2)", "GRU(3, 4, num_layers=2)"),
    ("nn.rnn-repr", api("torch.nn.RNN"), "RNN(3, 4, nonlinearity='relu', batch_first=True)",
     "RNN(3, 4, batch_first=True)"),
    ("nn.lstmcell-repr", api("torch.nn.LSTMCell"), "LSTMCell(3, 4)", "LSTMCell(3, 4)"),
    ("nn.rnncell-repr", api("torch.nn.RNNCell"), "RNNCell(3, 4, bias=False, nonlinearity='relu')",
     "RNNCell(3, 4, bias=False, nonlinearity=relu)"),
    ("nn.grucell-repr", api("torch.nn.GRUCell"), "GRUCell(3, 4, bias=False)", "GRUCell(3, 4, bias=False)"),
])


@pytest.mark.parametrize("ctor, text", REPRS)
def test_repr(T, ctor, text):
    check(T, f"repr(torch.nn.{ctor})", expected=text)


@spec("nn.rnn-attributes", api("torch.nn.LSTM"))
def test_attributes(T):
    code = ("m = torch.nn.LSTM(3, 5, 2, batch_first=True, dropout=0.25, bidirectional=True, proj_size=2)\n"
            "(m.input_size, m.hidden_size, m.num_layers, m.bias, m.batch_first, m.dropout, m.bidirectional, "
            "m.proj_size, torch.nn.RNN(1, 2, nonlinearity='relu').nonlinearity)")
    check(T, code, expected=(3, 5, 2, True, True, 0.25, True, 2, "relu"))


# ---------------------------------------------------------------------------------------------
# errors

RUN_ERRORS = error_cases([
    ("nn.rnn-input-size-mismatch-raises", api("torch.nn.LSTM"), "torch.nn.LSTM(2, 3).to(dev)(a)", (4, 5, 3),
     RuntimeError, ("input_size", 2, 3)),
    ("nn.gru-input-size-mismatch-raises", api("torch.nn.GRU"), "torch.nn.GRU(2, 3).to(dev)(a)", (4, 5, 1),
     RuntimeError, ("input_size", 2, 1)),
    ("nn.rnn-hidden-shape-mismatch-raises", api("torch.nn.GRU"),
     "torch.nn.GRU(2, 3).to(dev)(a, torch.zeros(1, 4, 3, dtype=a.dtype, device=a.device))", (4, 5, 2), RuntimeError,
     ("hidden", 4, 5)),
    ("nn.lstm-h0-shape-mismatch-raises", api("torch.nn.LSTM"),
     "torch.nn.LSTM(2, 3).to(dev)(a, (torch.zeros(1, 5, 4, dtype=a.dtype, device=a.device), "
     "torch.zeros(1, 5, 3, dtype=a.dtype, device=a.device)))",
     (4, 5, 2), RuntimeError, ("hidden[0]", "[1, 5, 4]")),
    ("nn.lstm-c0-shape-mismatch-raises", api("torch.nn.LSTM"),
     "torch.nn.LSTM(2, 3).to(dev)(a, (torch.zeros(1, 5, 3, dtype=a.dtype, device=a.device), "
     "torch.zeros(2, 5, 3, dtype=a.dtype, device=a.device)))",
     (4, 5, 2), RuntimeError, ("hidden[1]", "[2, 5, 3]")),
    ("nn.lstm-proj-state-shape-raises", api("torch.nn.LSTM"),
     "torch.nn.LSTM(2, 3, proj_size=1).to(dev)(a, (torch.zeros(1, 5, 3, dtype=a.dtype, device=a.device), "
     "torch.zeros(1, 5, 3, dtype=a.dtype, device=a.device)))", (4, 5, 2), RuntimeError, ("hidden[0]", "[1, 5, 3]")),
    ("nn.rnn-unbatched-needs-2d-state", api("torch.nn.RNN"),
     "torch.nn.RNN(2, 3).to(dev)(a, torch.zeros(1, 4, 3, dtype=a.dtype, device=a.device))", (4, 2), RuntimeError,
     ("2-D", "3-D")),
    ("nn.lstm-batched-needs-3d-state", api("torch.nn.LSTM"),
     "torch.nn.LSTM(2, 3).to(dev)(a, (torch.zeros(4, 3, dtype=a.dtype, device=a.device), "
     "torch.zeros(4, 3, dtype=a.dtype, device=a.device)))",
     (4, 5, 2), RuntimeError, ("3-D", "2-D")),
    ("nn.rnn-4d-input-raises", api("torch.nn.LSTM"), "torch.nn.LSTM(2, 3).to(dev)(a)", (4, 5, 6, 2), ValueError,
     ("2D or 3D", "4D")),
    ("nn.rnn-dtype-mismatch-raises", api("torch.nn.LSTM"), "torch.nn.LSTM(2, 3).to(dev)(a.double())", (4, 5, 2),
     ValueError, ("float64", "float32")),
    ("nn.rnncell-input-size-mismatch-raises", api("torch.nn.RNNCell"), "torch.nn.RNNCell(2, 3).to(dev)(a)",
     (4, 3), RuntimeError, ("input_size", 3, 2)),
    ("nn.lstmcell-batch-mismatch-raises", api("torch.nn.LSTMCell"),
     "torch.nn.LSTMCell(2, 3).to(dev)(a, (torch.zeros(5, 3, device=a.device), torch.zeros(4, 3, device=a.device)))",
     (4, 2), RuntimeError, (4, 5)),
    ("nn.lstmcell-cell-state-size-raises", api("torch.nn.LSTMCell"),
     "torch.nn.LSTMCell(2, 3).to(dev)(a, (torch.zeros(4, 3, device=a.device), torch.zeros(4, 6, device=a.device)))",
     (4, 2), RuntimeError, ("hidden_size", 6, 3)),
    ("nn.grucell-batch-mismatch-raises", api("torch.nn.GRUCell"),
     "torch.nn.GRUCell(2, 3).to(dev)(a, torch.zeros(5, 3, device=a.device))", (4, 2), RuntimeError, (4, 5)),
    ("nn.rnncell-3d-input-raises", api("torch.nn.RNNCell"), "torch.nn.RNNCell(2, 3).to(dev)(a)", (4, 5, 2),
     ValueError,
     ("1D or 2D", "3D")),
])


@pytest.mark.parametrize("code, shape, exc, named", RUN_ERRORS)
def test_run_errors(T, code, shape, exc, named):
    check_raises(T, code, np.linspace(-1, 1, int(np.prod(shape)), dtype=np.float32).reshape(shape), exc=exc,
                 contains=named)


CTOR_ERRORS = error_cases([
    ("nn.rnn-dropout-range-raises", api("torch.nn.LSTM"), "LSTM(2, 3, num_layers=2, dropout=1.5)", ("dropout",)),
    ("nn.rnn-proj-size-not-smaller-raises", api("torch.nn.LSTM"), "LSTM(2, 3, proj_size=3)", ("proj_size",)),
    ("nn.rnn-proj-size-negative-raises", api("torch.nn.LSTM"), "LSTM(2, 3, proj_size=-1)", ("proj_size",)),
    ("nn.gru-proj-size-raises", api("torch.nn.GRU"), "GRU(2, 3, proj_size=1)", ("proj_size",)),
    ("nn.rnn-unknown-nonlinearity-raises", api("torch.nn.RNN"), "RNN(2, 3, nonlinearity='sigmoid')",
     ("sigmoid",)),
    ("nn.rnn-zero-hidden-size-raises", api("torch.nn.LSTM"), "LSTM(2, 0)", ("hidden_size",)),
    ("nn.rnn-zero-layers-raises", api("torch.nn.GRU"), "GRU(2, 3, num_layers=0)", ("num_layers",)),
])


@pytest.mark.parametrize("ctor, named", CTOR_ERRORS)
def test_ctor_errors(T, ctor, named):
    check_raises(T, f"torch.nn.{ctor}", exc=ValueError, contains=named)


# ---------------------------------------------------------------------------------------------
# cells: one step of the documented equations

CELLS = cases([
    ("nn.rnncell-tanh-value", api("torch.nn.RNNCell"), "RNNCell", "tanh"),
    ("nn.rnncell-relu-value", api("torch.nn.RNNCell"), "RNNCell", "relu"),
    ("nn.lstmcell-value", api("torch.nn.LSTMCell"), "LSTMCell", None),
    ("nn.grucell-value", api("torch.nn.GRUCell"), "GRUCell", None),
])
CHUNKS = {"RNNCell": 1, "LSTMCell": 4, "GRUCell": 3}


def _cell_oracle(cls, nonlinearity, bias):
    def step(x, params, h=None, c=None):
        w_ih, w_hh, *b = [np.asarray(p, np.float64) for p in params]
        gate = w_hh.shape[0]
        b_ih, b_hh = b if bias else (np.zeros(gate), np.zeros(gate))
        unbatched = x.ndim == 1
        x = np.atleast_2d(np.asarray(x, np.float64))
        hs = w_hh.shape[1]
        h = np.zeros((x.shape[0], hs)) if h is None else np.atleast_2d(h)
        c = np.zeros((x.shape[0], hs)) if c is None else np.atleast_2d(c)
        if cls == "RNNCell":
            out = (O.rnn_step(x, h, w_ih, w_hh, b_ih, b_hh, nonlinearity),)
        elif cls == "LSTMCell":
            out = O.lstm_step(x, h, c, w_ih, w_hh, b_ih, b_hh)
        else:
            out = (O.gru_step(x, h, w_ih, w_hh, b_ih, b_hh),)
        return tuple(v[0] if unbatched else v for v in out)
    return step


def cell_setup(data, cls, small=False):
    i, hs = data.draw(st.integers(1, 3), label="input_size"), data.draw(st.integers(1, 3), label="hidden_size")
    bias = data.draw(st.booleans(), label="bias")
    batched = data.draw(st.booleans(), label="batched")
    batch = data.draw(st.integers(1, 2 if small else 4), label="batch")
    lead = (batch,) if batched else ()
    x = data.draw(S.arrays("float64", lead + (i,), lo=-2, hi=2), label="a")
    rng = np.random.default_rng(data.draw(st.integers(0, 2 ** 32 - 1), label="weights seed"))
    gate = CHUNKS[cls] * hs
    params = [rng.uniform(-0.8, 0.8, s) for s in [(gate, i), (gate, hs)] + ([(gate,), (gate,)] if bias else [])]
    h = data.draw(S.arrays("float64", lead + (hs,), lo=-1, hi=1), label="h")
    c = data.draw(S.arrays("float64", lead + (hs,), lo=-1, hi=1), label="c")
    return i, hs, bias, x, params, h, c


def cell_build(cls, i, hs, bias, nonlinearity):
    extra = f", nonlinearity={nonlinearity!r}" if cls == "RNNCell" else ""
    return (f"m = torch.nn.{cls}({i}, {hs}, bias={bias}{extra}, dtype=torch.float64).to(dev)\n"
            "with torch.no_grad():\n    for p, w in zip(m.parameters(), b):\n        p.copy_(w)\n")


@pytest.mark.parametrize("cls, nonlinearity", CELLS)
@given(data=st.data())
def test_cell_value(T, cls, nonlinearity, data):
    """h' (and c' for LSTMCell) of one step; a missing hx means zeros; a 1-D input is one sample."""
    i, hs, bias, x, params, h, c = cell_setup(data, cls)
    with_state = data.draw(st.booleans(), label="hx given")
    step = _cell_oracle(cls, nonlinearity, bias)
    if cls == "LSTMCell":
        run = "m(a, (c, d))" if with_state else "m(a)"
        code, inputs = cell_build(cls, i, hs, bias, nonlinearity) + f"tuple({run})", [x, params, h, c]
    else:
        run = "m(a, c)" if with_state else "m(a)"
        code, inputs = cell_build(cls, i, hs, bias, nonlinearity) + f"({run},)", [x, params, h]
    if not with_state:
        inputs = inputs[:2]
    check(T, code, *inputs, expected=lambda *a: step(*a), reduce=i + hs + 2)


GRAD_CELLS = cases([
    ("nn.rnncell-gradients", api("torch.nn.RNNCell"), "RNNCell"),
    ("nn.lstmcell-gradients", api("torch.nn.LSTMCell"), "LSTMCell"),
    ("nn.grucell-gradients", api("torch.nn.GRUCell"), "GRUCell"),
])


@pytest.mark.parametrize("cls", GRAD_CELLS)
@given(data=st.data())
def test_cell_grad(T, cls, data):
    """Gradients of the input, the states and every parameter against central differences."""
    i, hs, bias, x, params, h, c = cell_setup(data, cls, small=True)
    step = _cell_oracle(cls, "tanh", bias)
    lstm = cls == "LSTMCell"
    outs = step(x, params, h, c)
    g = [data.draw(S.arrays("float64", v.shape, lo=-1, hi=1), label=f"g{k}") for k, v in enumerate(outs)]
    states = [h, c] if lstm else [h]
    n_state = len(states)

    def flat(x, *rest):
        st_, ps = rest[:n_state], list(rest[n_state:])
        return np.concatenate([v.ravel() for v in step(x, ps, *st_)])
    grads = numeric_grad(flat, [x] + states + params, np.concatenate([v.ravel() for v in g]))
    expected = tuple(grads[:1 + n_state]) + (list(grads[1 + n_state:]),)
    code = cell_build(cls, i, hs, bias, "tanh") + "a.requires_grad_()\nc.requires_grad_()\n"
    if lstm:
        code += "d.requires_grad_()\nh1, c1 = m(a, (c, d))\n((h1 * e).sum() + (c1 * f).sum()).backward()\n" \
                "(a.grad, c.grad, d.grad, [p.grad for p in m.parameters()])"
        inputs, names = [x, params, h, c, g[0], g[1]], "a b c d e f"
    else:
        code += "(m(a, c) * e).sum().backward()\n(a.grad, c.grad, [p.grad for p in m.parameters()])"
        inputs, names = [x, params, h, None, g[0]], "a b c d e"
    check(T, code, *inputs, names=names, expected=expected, **FD_TOL)


# ---------------------------------------------------------------------------------------------
# the tutorial's programs

@spec("nn.rnn-seed-tutorial-runs", seed("001", "RNN 能够处理序列数据,常用于时间序列和 NLP 任务。"))
@given(x=S.arrays("float32", (5, 3, 10), lo=-2, hi=2), h0=S.arrays("float32", (2, 3, 20), lo=-1, hi=1))
def test_seed_rnn(T, x, h0):
    """The tutorial's two-layer RNN on a (5, 3, 10) sequence with a (2, 3, 20) initial state."""
    code = ("rnn = torch.nn.RNN(input_size=10, hidden_size=20, num_layers=2).to(dev)\n"
            "output, hn = rnn(a, b)\n"
            "(tuple(output.shape), tuple(hn.shape), torch.equal(hn[-1], output[-1]))")
    check(T, code, x, h0, expected=((5, 3, 20), (2, 3, 20), True))


@spec("nn.lstm-seed-tutorial-runs", seed("001", "LSTM 是 RNN 的改进版,解决了传统 RNN 的梯度消失问题,适合处理长序列。"))
@given(x=S.arrays("float32", (5, 3, 10), lo=-2, hi=2), h0=S.arrays("float32", (2, 3, 20), lo=-1, hi=1),
       c0=S.arrays("float32", (2, 3, 20), lo=-1, hi=1))
def test_seed_lstm(T, x, h0, c0):
    code = ("lstm = torch.nn.LSTM(input_size=10, hidden_size=20, num_layers=2).to(dev)\n"
            "output, (hn, cn) = lstm(a, (b, c))\n"
            "(tuple(output.shape), tuple(hn.shape), tuple(cn.shape), torch.equal(hn[-1], output[-1]))")
    check(T, code, x, h0, c0, expected=((5, 3, 20), (2, 3, 20), (2, 3, 20), True))
