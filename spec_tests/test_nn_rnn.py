"""Recurrent layers torch.nn.RNN (tanh, relu), LSTM (with proj_size) and GRU
(https://pytorch.org/docs/stable/generated/torch.nn.LSTM.html and the RNN and GRU pages): outputs and final
states against the float64 NumPy forward of spec_tests/oracle_nn_rnn.py written from the documented gate
equations, for every option hypothesis draws (layers, directions, bias, batch_first, initial states,
unbatched and packed input); gradients of the input, the initial states and every parameter against
float64 central differences of that forward; the layouts of output and states; inter-layer dropout.

Every layer is built in the namespace under test with the drawn weights copied into its parameters in
the documented order (named_parameters), so the reference also runs differentially against torch."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import oracle_nn_rnn as O
from . import strategies as S
from .catalogue import api, cases, spec
from .harness import check
from .oracle_nn import numeric_grad

FD_TOL = dict(rtol=1e-6, atol=1e-6)
UTILS = "torch.nn.utils.rnn"

MODES = {
    "rnn-tanh": dict(mode="RNN"),
    "rnn-relu": dict(mode="RNN", nonlinearity="relu"),
    "lstm": dict(mode="LSTM"),
    "lstm-proj": dict(mode="LSTM", proj=True),
    "gru": dict(mode="GRU"),
}
PAGE = {"RNN": api("torch.nn.RNN"), "LSTM": api("torch.nn.LSTM"), "GRU": api("torch.nn.GRU")}


def _mode_cases(prefix, keys=tuple(MODES)):
    return cases([(f"nn.{prefix}-{k}" if prefix else f"nn.{k}", PAGE[MODES[k]["mode"]], k) for k in keys])


# ---------------------------------------------------------------------------------------------
# the draws

@st.composite
def configs(draw, mode, nonlinearity="tanh", proj=False, batch_first=None):
    hidden = draw(st.integers(2 if proj else 1, 3))
    return O.Config(mode=mode, input_size=draw(st.integers(1, 3)), hidden_size=hidden,
                    num_layers=draw(st.integers(1, 2)), bias=draw(st.booleans()),
                    batch_first=draw(st.booleans()) if batch_first is None else batch_first,
                    bidirectional=draw(st.booleans()), proj_size=draw(st.integers(1, hidden - 1)) if proj else 0,
                    nonlinearity=nonlinearity)


def draw_params(data, cfg, dtype="float64"):
    """Weights in the documented order, from a drawn seed (one draw instead of one per parameter)."""
    rng = np.random.default_rng(data.draw(st.integers(0, 2 ** 32 - 1), label="weights seed"))
    return [rng.uniform(-0.8, 0.8, shape).astype(dtype) for shape in O.param_shapes(cfg)]


def draw_states(data, cfg, batch, dtype="float64", layouts=S.LAYOUTS):
    """(h0, c0): c0 only for LSTM."""
    h_shape, c_shape = O.state_shapes(cfg, batch)
    h0 = data.draw(S.arrays(dtype, h_shape, lo=-1, hi=1, layouts=layouts), label="h0")
    c0 = data.draw(S.arrays(dtype, c_shape, lo=-1, hi=1, layouts=layouts), label="c0") if cfg.mode == "LSTM" \
        else None
    return h0, c0


def build(cfg, dtype="float64"):
    """Code that builds the layer (as `m`) and copies the weights of input `b` into its parameters."""
    return (f"m = torch.nn.{cfg.ctor(dtype)}.to(dev)\n"
            "with torch.no_grad():\n"
            "    for p, w in zip(m.parameters(), b):\n"
            "        p.copy_(w)\n")


def call(cfg, with_states, arg="a"):
    """Code running m on `arg` (states bound to c and d), leaving out, h (and cn)."""
    if cfg.mode == "LSTM":
        return f"out, (h, cn) = m({arg}, (c, d))\n" if with_states else f"out, (h, cn) = m({arg})\n"
    return f"out, h = m({arg}, c)\n" if with_states else f"out, h = m({arg})\n"


def results(cfg):
    return "(out, h, cn)" if cfg.mode == "LSTM" else "(out, h)"


def expected_of(cfg, forward):
    def expected(x, params, *states):
        out = forward(x, params, *states)
        keep = out if cfg.mode == "LSTM" else out[:2]
        return tuple(np.asarray(v).astype(x.dtype) for v in keep)
    return expected


def inputs_of(x, params, h0, c0, with_states):
    inputs = [x, params]
    if with_states:
        inputs.append(h0)
        if c0 is not None:
            inputs.append(c0)
    return inputs


def setup(data, key, dtype="float64", small=False, batch_first=None):
    opts = MODES[key]
    cfg = data.draw(configs(opts["mode"], opts.get("nonlinearity", "tanh"), opts.get("proj", False),
                            batch_first=batch_first), label="config")
    steps, batch = data.draw(st.integers(1, 3 if small else 4), label="T"), \
        data.draw(st.integers(1, 2 if small else 3), label="B")
    shape = (batch, steps, cfg.input_size) if cfg.batch_first else (steps, batch, cfg.input_size)
    x = data.draw(S.arrays(dtype, shape, lo=-2, hi=2), label="a")
    params = draw_params(data, cfg, dtype)
    return cfg, x, params, steps, batch


# ---------------------------------------------------------------------------------------------
# values

@pytest.mark.parametrize("key", _mode_cases("rnn-value"))
@given(data=st.data())
def test_rnn_value(T, key, data):
    cfg, x, params, _, batch = setup(data, key)
    with_states = data.draw(st.booleans(), label="initial states")
    h0, c0 = draw_states(data, cfg, batch)
    forward = (lambda x, p, h=None, c=None: O.forward(cfg, x, p, h, c))
    check(T, build(cfg) + call(cfg, with_states) + results(cfg), *inputs_of(x, params, h0, c0, with_states),
          expected=expected_of(cfg, forward), reduce=cfg.input_size + cfg.out_size + 2)


@pytest.mark.parametrize("key", _mode_cases("rnn-value-float32", ("rnn-tanh", "lstm", "gru")))
@given(data=st.data())
def test_rnn_value_float32(T, key, data):
    """float32 layers: every step sums I + P + 2 terms per gate and carries the state's rounding on, so
    the allowance is that of a sum over all steps and layers."""
    cfg, x, params, steps, batch = setup(data, key, "float32")
    h0, c0 = draw_states(data, cfg, batch, "float32")
    forward = (lambda x, p, h, c=None: O.forward(cfg, x, p, h, c))
    check(T, build(cfg, "float32") + call(cfg, True) + results(cfg), *inputs_of(x, params, h0, c0, True),
          expected=expected_of(cfg, forward),
          reduce=steps * cfg.num_layers * (cfg.input_size + cfg.directions * cfg.out_size + 2), scale=2.0)


@pytest.mark.parametrize("key", _mode_cases("rnn-unbatched-input", ("rnn-tanh", "lstm-proj", "gru")))
@given(data=st.data())
def test_rnn_unbatched(T, key, data):
    """A 2-D (L, H_in) input is one sequence: states are 2-D (D * num_layers, H) in and out."""
    cfg, x, params, _, _ = setup(data, key, batch_first=False)
    x = x[:, 0]
    with_states = data.draw(st.booleans(), label="initial states")
    h0, c0 = draw_states(data, cfg, None)
    forward = (lambda x, p, h=None, c=None: O.forward(cfg, x, p, h, c))
    check(T, build(cfg) + call(cfg, with_states) + results(cfg), *inputs_of(x, params, h0, c0, with_states),
          expected=expected_of(cfg, forward), reduce=cfg.input_size + cfg.out_size + 2)


# ---------------------------------------------------------------------------------------------
# packed sequences: the same results as each sequence alone

def packed_setup(data, key, small=False):
    cfg, x, params, steps, batch = setup(data, key, small=small, batch_first=False)
    lengths = data.draw(st.lists(st.integers(1, steps), min_size=batch, max_size=batch), label="lengths")
    bf = data.draw(st.booleans(), label="batch_first")
    h0, c0 = draw_states(data, cfg, batch)
    return cfg, x, params, steps, lengths, bf, h0, c0


def packed_code(cfg, steps, lengths, bf):
    pad_arg = "a.transpose(0, 1)" if bf else "a"
    code = build(cfg).replace(f"batch_first={cfg.batch_first}", f"batch_first={bf}")
    code += f"packed = {UTILS}.pack_padded_sequence({pad_arg}, {lengths}, batch_first={bf}, enforce_sorted=False)\n"
    code += call(cfg, True, "packed")
    code += f"padded, lengths = {UTILS}.pad_packed_sequence(out, batch_first={bf}, total_length={steps})\n"
    code += f"out = padded.transpose(0, 1) if {bf} else padded\n"
    return code


@pytest.mark.parametrize("key", _mode_cases("rnn-packed-equals-each-sequence", ("rnn-tanh", "lstm", "gru")))
@given(data=st.data())
def test_rnn_packed(T, key, data):
    cfg, x, params, steps, lengths, bf, h0, c0 = packed_setup(data, key)
    forward = (lambda x, p, h, c=None: O.forward_each(cfg, x, lengths, p, h, c))
    check(T, packed_code(cfg, steps, lengths, bf) + results(cfg), *inputs_of(x, params, h0, c0, True),
          expected=expected_of(cfg, forward), reduce=cfg.input_size + cfg.out_size + 2)


@spec("nn.rnn-packed-final-state-at-each-length", api("torch.nn.LSTM"))
@given(data=st.data())
def test_rnn_packed_final_state(T, data):
    """h_n of a packed batch holds each sequence's state after its own last step: the forward direction's
    equals the padded output at length - 1, the reverse direction's the output at step 0."""
    cfg, x, params, steps, lengths, bf, h0, c0 = packed_setup(data, "lstm")
    p = cfg.out_size
    code = packed_code(cfg, steps, lengths, bf)
    code += (f"last = torch.stack([out[n - 1, i, :{p}] for i, n in enumerate({lengths})])\n"
             f"first = out[0, :, {p}:]\n"
             f"(torch.allclose(h[-{cfg.directions}], last, rtol=1e-12, atol=1e-14), "
             f"{cfg.bidirectional} == False or torch.allclose(h[-1], first, rtol=1e-12, atol=1e-14))")
    check(T, code, *inputs_of(x, params, h0, c0, True), expected=(True, True))


# ---------------------------------------------------------------------------------------------
# gradients: input, initial states and every parameter against central differences

def grad_code(cfg, arg="a", packed=None):
    lines = build(cfg) + "a.requires_grad_()\nc.requires_grad_()\n"
    if cfg.mode == "LSTM":
        lines += "d.requires_grad_()\n"
    lines += packed if packed else call(cfg, True, arg)
    loss = "(out * e).sum() + (h * f).sum()" + (" + (cn * g).sum()" if cfg.mode == "LSTM" else "")
    lines += f"({loss}).backward()\n"
    states = "c.grad, d.grad" if cfg.mode == "LSTM" else "c.grad"
    return lines + f"(a.grad, {states}, [p.grad for p in m.parameters()])"


def grad_check(T, data, cfg, x, params, h0, c0, forward, code):
    out = forward(x, h0, c0, *params)
    g = [data.draw(S.arrays("float64", v.shape, lo=-1, hi=1), label=f"g{i}") for i, v in enumerate(out)
         if v is not None]
    def flat(x, h, *rest):
        """Every output, flattened, as a function of the arrays differentiated (c0 only for LSTM)."""
        c, params = (rest[0], rest[1:]) if c0 is not None else (None, rest)
        return np.concatenate([np.ravel(v) for v in forward(x, h, c, *params) if v is not None])
    arrays = [x, h0] + ([c0] if c0 is not None else []) + list(params)
    grads = numeric_grad(flat, arrays, np.concatenate([v.ravel() for v in g]))
    n_state = 2 if c0 is not None else 1
    expected = tuple(grads[:1 + n_state]) + (list(grads[1 + n_state:]),)
    inputs = [x, params, h0] + ([c0] if c0 is not None else [None]) + g
    names = "a b c d e f g".split()[:len(inputs)]
    check(T, code, *inputs, names=names, expected=expected, **FD_TOL)


@pytest.mark.parametrize("key", _mode_cases("rnn-gradients", ("rnn-tanh", "lstm", "lstm-proj", "gru")))
@given(data=st.data())
def test_rnn_grad(T, key, data):
    cfg, x, params, _, batch = setup(data, key, small=True)
    h0, c0 = draw_states(data, cfg, batch)
    forward = (lambda x, h, c, *p: O.forward(cfg, x, list(p), h, c))
    grad_check(T, data, cfg, x, params, h0, c0, forward, grad_code(cfg))


@pytest.mark.parametrize("key", _mode_cases("rnn-packed-gradients", ("rnn-tanh", "lstm", "gru")))
@given(data=st.data())
def test_rnn_packed_grad(T, key, data):
    cfg, x, params, steps, lengths, bf, h0, c0 = packed_setup(data, key, small=True)
    forward = (lambda x, h, c, *p: O.forward_each(cfg, x, lengths, list(p), h, c))
    grad_check(T, data, cfg, x, params, h0, c0, forward,
               grad_code(cfg, packed=packed_code(cfg, steps, lengths, bf).split("\n", 4)[4]))


# ---------------------------------------------------------------------------------------------
# layouts

def _shape_table(mode):
    """Every combination of layers, directions, batch_first and proj_size (each run batched and unbatched)."""
    return [(layers, bidir, bf, proj) for layers in (1, 2) for bidir in (False, True) for bf in (False, True)
            for proj in ((0, 2) if mode == "LSTM" else (0,))]


@pytest.mark.parametrize("mode", cases([(f"nn.{m.lower()}-output-and-state-shapes", PAGE[m], m)
                                        for m in ("RNN", "LSTM", "GRU")]))
def test_rnn_shapes(T, mode):
    """output (L, N, D * H_out) ((N, L, ...) with batch_first; (L, D * H_out) unbatched), h_n
    (D * num_layers, N, H_out) and c_n (D * num_layers, N, H_cell), H_out = proj_size or hidden_size."""
    code = (f"shapes = []\nfor layers, bidir, bf, proj in {_shape_table(mode)!r}:\n"
            f"    kw = dict(proj_size=proj) if proj else {{}}\n"
            f"    m = torch.nn.{mode}(3, 6, num_layers=layers, bidirectional=bidir, batch_first=bf, **kw).to(dev)\n"
            "    for inp in (a, a[:, 0]):\n"
            "        out, state = m(inp)\n"
            "        states = state if isinstance(state, tuple) else (state,)\n"
            "        shapes.append((tuple(out.shape),) + tuple(tuple(s.shape) for s in states))\n"
            "shapes")
    expected = []
    for layers, bidir, bf, proj in _shape_table(mode):
        d = 2 if bidir else 1
        h_out = proj or 6
        for batched in (True, False):
            # a is (N=5, L=4, H_in) with batch_first, (L=5, N=4, H_in) without; a[:, 0] is (L=5, H_in)
            lead = (5, 4) if batched else (5,)
            batch = ((5,) if bf else (4,)) if batched else ()
            shapes = (lead + (d * h_out,), (d * layers,) + batch + (h_out,))
            if mode == "LSTM":
                shapes += ((d * layers,) + batch + (6,),)
            expected.append(shapes)
    check(T, code, np.linspace(-1, 1, 60, dtype=np.float32).reshape(5, 4, 3), expected=expected)


@pytest.mark.parametrize("key", _mode_cases("rnn-final-state-is-last-output", ("rnn-tanh", "lstm", "gru")))
@given(data=st.data())
def test_rnn_final_state_is_output(T, key, data):
    """The last layer's forward state equals output[-1] (first half of the features), its reverse state
    output[0] (second half)."""
    cfg, x, params, _, batch = setup(data, key)
    p = cfg.out_size
    seq_last, seq_first = ("out[:, -1]", "out[:, 0]") if cfg.batch_first else ("out[-1]", "out[0]")
    code = build(cfg) + call(cfg, False)
    code += (f"(bool((h[-{cfg.directions}] == {seq_last}[..., :{p}]).all()), "
             f"{cfg.bidirectional} == False or bool((h[-1] == {seq_first}[..., {p}:]).all()))")
    check(T, code, x, params, expected=(True, True))


# ---------------------------------------------------------------------------------------------
# dropout between layers

@spec("nn.rnn-dropout-zeroes-between-layers-in-training", api("torch.nn.LSTM"))
@pytest.mark.parametrize("mode", ["RNN", "LSTM", "GRU"])
@given(data=st.data())
def test_rnn_dropout_training(T, mode, data):
    """With dropout=1 in training every layer after the first sees a zero input; the last layer's
    output is not dropped."""
    cfg = O.Config(mode, 2, 3, num_layers=2, bidirectional=data.draw(st.booleans(), label="bidirectional"))
    x = data.draw(S.arrays("float64", (3, 2, 2), lo=-2, hi=2), label="a")
    params = draw_params(data, cfg)
    code = build(cfg).replace("num_layers=2", "num_layers=2, dropout=1.0") + "m.train()\n" + call(cfg, False) + \
        results(cfg)
    forward = (lambda x, p: O.forward(cfg, x, p, zero_between_layers=True))
    check(T, code, x, params, expected=expected_of(cfg, forward), reduce=8)


@spec("nn.rnn-dropout-inactive-in-eval", api("torch.nn.LSTM"))
@pytest.mark.parametrize("mode", ["RNN", "LSTM", "GRU"])
@given(data=st.data())
def test_rnn_dropout_eval(T, mode, data):
    cfg = O.Config(mode, 2, 3, num_layers=2)
    x = data.draw(S.arrays("float64", (3, 2, 2), lo=-2, hi=2), label="a")
    params = draw_params(data, cfg)
    code = build(cfg).replace("num_layers=2", "num_layers=2, dropout=0.9") + "m.eval()\n" + call(cfg, False) + \
        results(cfg)
    check(T, code, x, params, expected=expected_of(cfg, lambda x, p: O.forward(cfg, x, p)), reduce=8)


@spec("nn.rnn-dropout-random-mask-in-training", api("torch.nn.GRU"))
def test_rnn_dropout_random(T):
    """dropout=0.5 in training: two calls draw different masks; the same calls in eval agree."""
    x = np.linspace(-1, 1, 2 * 8 * 4).reshape(2, 8, 4)
    code = ("m = torch.nn.GRU(4, 32, num_layers=2, dropout=0.5, dtype=torch.float64).to(dev)\n"
            "m.train()\ntrain = bool((m(a)[0] != m(a)[0]).any())\n"
            "m.eval()\n(train, bool((m(a)[0] == m(a)[0]).all()))")
    check(T, code, x, expected=(True, True))


# ---------------------------------------------------------------------------------------------
# what the module accepts besides the input

@spec("nn.rnn-flatten-parameters-is-harmless", api("torch.nn.RNNBase"))
@given(data=st.data())
def test_flatten_parameters(T, data):
    cfg = O.Config("LSTM", 2, 3, num_layers=2)
    x = data.draw(S.arrays("float64", (3, 2, 2), lo=-2, hi=2), label="a")
    params = draw_params(data, cfg)
    code = build(cfg) + "m.flatten_parameters()\n" + call(cfg, False) + results(cfg)
    check(T, code, x, params, expected=expected_of(cfg, lambda x, p: O.forward(cfg, x, p)), reduce=8)
