"""float64 NumPy oracles of the recurrent layers, written from the equations on their documentation pages
(https://pytorch.org/docs/stable/generated/torch.nn.RNN.html, torch.nn.LSTM.html, torch.nn.GRU.html and
the three cell pages) and of torch.nn.utils.rnn's padding and packing. Nothing here imports torch or
the reference.

A layer is described by `Config`; its parameters are a list of arrays in the documented order
(`param_names`): for each layer k and direction (the reverse one suffixed `_reverse`) weight_ih_lk,
weight_hh_lk, bias_ih_lk, bias_hh_lk (with bias) and weight_hr_lk (LSTM with proj_size > 0).
"""
from dataclasses import dataclass

import numpy as np

GATES = {"RNN": 1, "LSTM": 4, "GRU": 3}


@dataclass(frozen=True)
class Config:
    mode: str  # RNN, LSTM or GRU
    input_size: int
    hidden_size: int
    num_layers: int = 1
    bias: bool = True
    batch_first: bool = False
    bidirectional: bool = False
    proj_size: int = 0
    nonlinearity: str = "tanh"  # RNN only

    @property
    def directions(self):
        return 2 if self.bidirectional else 1

    @property
    def out_size(self):
        """The size of h: proj_size when the LSTM projects, else hidden_size."""
        return self.proj_size if self.proj_size > 0 else self.hidden_size

    def ctor(self, dtype="float64"):
        """The constructor call, as written in torch.nn."""
        kw = [f"num_layers={self.num_layers}", f"bias={self.bias}", f"batch_first={self.batch_first}",
              f"bidirectional={self.bidirectional}"]
        if self.mode == "LSTM":
            kw.append(f"proj_size={self.proj_size}")
        if self.mode == "RNN":
            kw.append(f"nonlinearity={self.nonlinearity!r}")
        return f"{self.mode}({self.input_size}, {self.hidden_size}, {', '.join(kw)}, dtype=torch.{dtype})"


def param_names(cfg):
    names = []
    for layer in range(cfg.num_layers):
        for d in range(cfg.directions):
            suffix = f"_l{layer}" + ("_reverse" if d else "")
            stems = ["weight_ih", "weight_hh"] + (["bias_ih", "bias_hh"] if cfg.bias else [])
            if cfg.mode == "LSTM" and cfg.proj_size > 0:
                stems.append("weight_hr")
            names += [stem + suffix for stem in stems]
    return names


def param_shapes(cfg):
    """Shapes as the documentation's Variables section gives them."""
    gate = GATES[cfg.mode] * cfg.hidden_size
    shapes = []
    for name in param_names(cfg):
        layer = int(name.split("_l")[1].split("_")[0])
        if name.startswith("weight_ih"):
            shapes.append((gate, cfg.input_size if layer == 0 else cfg.directions * cfg.out_size))
        elif name.startswith("weight_hh"):
            shapes.append((gate, cfg.out_size))
        elif name.startswith("weight_hr"):
            shapes.append((cfg.proj_size, cfg.hidden_size))
        else:
            shapes.append((gate,))
    return shapes


def state_shapes(cfg, batch):
    """(h_0 / h_n shape, c_0 / c_n shape); batch None for unbatched input."""
    lead = (cfg.num_layers * cfg.directions,) + (() if batch is None else (batch,))
    return lead + (cfg.out_size,), lead + (cfg.hidden_size,)


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


# ---------------------------------------------------------------------------------------------
# one time step of each cell (x (B, I), h (B, P), c (B, H)), as the pages write them

def rnn_step(x, h, w_ih, w_hh, b_ih, b_hh, nonlinearity="tanh"):
    pre = x @ w_ih.T + b_ih + h @ w_hh.T + b_hh
    return np.tanh(pre) if nonlinearity == "tanh" else np.maximum(pre, 0.0)


def lstm_step(x, h, c, w_ih, w_hh, b_ih, b_hh, w_hr=None):
    hs = w_hh.shape[0] // 4
    pre = x @ w_ih.T + b_ih + h @ w_hh.T + b_hh
    i, f = sigmoid(pre[:, :hs]), sigmoid(pre[:, hs:2 * hs])
    g, o = np.tanh(pre[:, 2 * hs:3 * hs]), sigmoid(pre[:, 3 * hs:])
    c_next = f * c + i * g
    h_next = o * np.tanh(c_next)
    if w_hr is not None:
        h_next = h_next @ w_hr.T
    return h_next, c_next


def gru_step(x, h, w_ih, w_hh, b_ih, b_hh):
    hs = w_hh.shape[0] // 3
    gi = x @ w_ih.T + b_ih
    gh = h @ w_hh.T + b_hh
    r = sigmoid(gi[:, :hs] + gh[:, :hs])
    z = sigmoid(gi[:, hs:2 * hs] + gh[:, hs:2 * hs])
    n = np.tanh(gi[:, 2 * hs:] + r * gh[:, 2 * hs:])
    return (1 - z) * n + z * h


# ---------------------------------------------------------------------------------------------
# whole layers

def _layer_params(cfg, params):
    """{(layer, direction): dict of stem -> array} with zero biases when bias=False."""
    out = {}
    for name, p in zip(param_names(cfg), params):
        stem, rest = name.split("_l")
        layer = int(rest.split("_")[0])
        out.setdefault((layer, int(rest.endswith("_reverse"))), {})[stem] = np.asarray(p, np.float64)
    gate = GATES[cfg.mode] * cfg.hidden_size
    for p in out.values():
        p.setdefault("bias_ih", np.zeros(gate))
        p.setdefault("bias_hh", np.zeros(gate))
        p.setdefault("weight_hr", None)
    return out


def _run_direction(cfg, x, h, c, p, reverse, dropout_mask=None):
    """x (T, B, F): the outputs (T, B, P) and final states of one direction."""
    steps = range(x.shape[0] - 1, -1, -1) if reverse else range(x.shape[0])
    out = np.zeros((x.shape[0], x.shape[1], cfg.out_size))
    for t in steps:
        if cfg.mode == "RNN":
            h = rnn_step(x[t], h, p["weight_ih"], p["weight_hh"], p["bias_ih"], p["bias_hh"], cfg.nonlinearity)
        elif cfg.mode == "LSTM":
            h, c = lstm_step(x[t], h, c, p["weight_ih"], p["weight_hh"], p["bias_ih"], p["bias_hh"], p["weight_hr"])
        else:
            h = gru_step(x[t], h, p["weight_ih"], p["weight_hh"], p["bias_ih"], p["bias_hh"])
        out[t] = h
    return out, h, c


def forward(cfg, x, params, h0=None, c0=None, zero_between_layers=False):
    """(output, h_n, c_n or None) of the layer on x ((T, B, I); (B, T, I) with batch_first; (T, I)
    unbatched), states of state_shapes. zero_between_layers: every layer after the first sees a zero
    input (what dropout with p=1 in training leaves)."""
    x = np.asarray(x, np.float64)
    unbatched = x.ndim == 2
    if unbatched:
        x = x[:, None]
        h0 = None if h0 is None else np.asarray(h0)[:, None]
        c0 = None if c0 is None else np.asarray(c0)[:, None]
    elif cfg.batch_first:
        x = x.transpose(1, 0, 2)
    batch = x.shape[1]
    h_shape, c_shape = state_shapes(cfg, batch)
    h0 = np.zeros(h_shape) if h0 is None else np.asarray(h0, np.float64)
    c0 = np.zeros(c_shape) if c0 is None else np.asarray(c0, np.float64)
    layers = _layer_params(cfg, params)
    hs, cs = [], []
    layer_in = x
    for layer in range(cfg.num_layers):
        outs = []
        for d in range(cfg.directions):
            k = layer * cfg.directions + d
            out, h, c = _run_direction(cfg, layer_in, h0[k], c0[k], layers[(layer, d)], reverse=d == 1)
            outs.append(out)
            hs.append(h)
            cs.append(c)
        layer_in = np.concatenate(outs, axis=2)
        if zero_between_layers and layer < cfg.num_layers - 1:
            layer_in = np.zeros_like(layer_in)
    output, h_n, c_n = layer_in, np.stack(hs), np.stack(cs)
    if unbatched:
        output, h_n, c_n = output[:, 0], h_n[:, 0], c_n[:, 0]
    elif cfg.batch_first:
        output = output.transpose(1, 0, 2)
    return output, h_n, (c_n if cfg.mode == "LSTM" else None)


def forward_each(cfg, x, lengths, params, h0=None, c0=None):
    """A padded (T, B, I) batch whose sequence b has lengths[b] steps, each sequence run on its own:
    (output (T, B, D * P) zero past each length, h_n, c_n) — what a PackedSequence must give."""
    x = np.asarray(x, np.float64)
    steps, batch = x.shape[:2]
    h_shape, c_shape = state_shapes(cfg, batch)
    h0 = np.zeros(h_shape) if h0 is None else h0
    c0 = np.zeros(c_shape) if c0 is None else c0
    one = Config(**{**cfg.__dict__, "batch_first": False})
    output = np.zeros((steps, batch, cfg.directions * cfg.out_size))
    h_n, c_n = np.zeros(h_shape), np.zeros(c_shape)
    for b, n in enumerate(lengths):
        out, h, c = forward(one, x[:n, b:b + 1], params, h0[:, b:b + 1], c0[:, b:b + 1])
        output[:n, b] = out[:, 0]
        h_n[:, b] = h[:, 0]
        if c is not None:
            c_n[:, b] = c[:, 0]
    return output, h_n, (c_n if cfg.mode == "LSTM" else None)


# ---------------------------------------------------------------------------------------------
# torch.nn.utils.rnn

def pad_sequence(seqs, batch_first=False, padding_value=0.0, padding_side="right"):
    longest = max(s.shape[0] for s in seqs)
    out = np.full((len(seqs), longest) + seqs[0].shape[1:], padding_value, dtype=seqs[0].dtype)
    for b, s in enumerate(seqs):
        if padding_side == "right":
            out[b, :s.shape[0]] = s
        else:
            out[b, longest - s.shape[0]:] = s
    return out if batch_first else np.swapaxes(out, 0, 1)


def pack(padded, lengths, batch_first=False):
    """(data, batch_sizes) of a padded batch whose lengths are sorted, decreasing: the rows of step 0
    for every sequence, then step 1 for every sequence still running, and so on."""
    x = np.swapaxes(padded, 0, 1) if batch_first else padded
    batch_sizes = np.array([sum(1 for n in lengths if n > t) for t in range(max(lengths))], np.int64)
    data = np.concatenate([x[t, :bs] for t, bs in enumerate(batch_sizes)], axis=0)
    return data, batch_sizes


def unpack(data, batch_sizes, total_length=None, padding_value=0.0):
    """The padded (T, B, *) batch and lengths of packed rows (sorted order)."""
    steps = len(batch_sizes) if total_length is None else total_length
    batch = int(batch_sizes[0])
    out = np.full((steps, batch) + data.shape[1:], padding_value, dtype=data.dtype)
    row = 0
    for t, bs in enumerate(batch_sizes):
        out[t, :bs] = data[row:row + bs]
        row += bs
    lengths = np.array([sum(1 for s in batch_sizes if s > b) for b in range(batch)], np.int64)
    return out, lengths
