"""Recurrent layers RNN (tanh/relu), LSTM (with proj_size) and GRU, and their one-step cells.

Parameters carry torch's names, shapes and registration order (weight_ih_l{k}, weight_hh_l{k},
bias_ih_l{k}, bias_hh_l{k}, weight_hr_l{k}, each direction's set in turn, `_reverse` for the second),
so state_dicts load across implementations; all start uniform in +-1/sqrt(hidden_size). A padded
batch, an unbatched sequence and a PackedSequence all run as packed rows through
nn/functional/_rnn.py, one recorded op per layer and direction over the device's fused kernels.
"""
import math
import numbers
import warnings

from ..._ops.creation import empty
from .. import init
from ..functional._rnn import recurrent_layer, recurrent_stack, zero_state
from ..parameter import Parameter
from ..utils.rnn import PackedSequence
from .module import Module

__all__ = ["RNNBase", "RNN", "LSTM", "GRU", "RNNCellBase", "RNNCell", "LSTMCell", "GRUCell"]

_GATES = {"LSTM": 4, "GRU": 3, "RNN_TANH": 1, "RNN_RELU": 1}
_KIND = {"LSTM": "lstm", "GRU": "gru", "RNN_TANH": "rnn", "RNN_RELU": "rnn"}


def _check_sizes(input_size, hidden_size):
    if not isinstance(hidden_size, int) or isinstance(hidden_size, bool):
        raise TypeError(f"hidden_size should be of type int, got: {type(hidden_size).__name__}")
    if input_size <= 0:
        raise ValueError("input_size must be greater than zero")
    if hidden_size <= 0:
        raise ValueError("hidden_size must be greater than zero")


def _check_dtype(input, weight):
    if input.dtype != weight.dtype:
        raise ValueError(f"RNN input dtype ({input.dtype}) does not match weight dtype ({weight.dtype}). Convert "
                         f"input: input.to({weight.dtype}), or convert model: model.to({input.dtype})")


class RNNBase(Module):
    """The shared machinery of RNN, LSTM and GRU: parameters, checks, the packed/padded/unbatched
    layouts, and initial states in and final states out."""

    def __init__(self, mode, input_size, hidden_size, num_layers=1, bias=True, batch_first=False, dropout=0.0,
                 bidirectional=False, proj_size=0, device=None, dtype=None):
        super().__init__()
        if mode not in _GATES:
            raise ValueError(f"Unrecognized RNN mode: {mode}")
        if (not isinstance(dropout, numbers.Number) or isinstance(dropout, bool)
                or not 0 <= dropout <= 1):
            raise ValueError("dropout should be a number in range [0, 1] representing the probability of an "
                             "element being zeroed")
        _check_sizes(input_size, hidden_size)
        if num_layers <= 0:
            raise ValueError("num_layers must be greater than zero")
        if proj_size < 0:
            raise ValueError("proj_size should be a positive integer or zero to disable projections")
        if proj_size >= hidden_size:
            raise ValueError("proj_size has to be smaller than hidden_size")
        if proj_size and mode != "LSTM":
            raise ValueError("proj_size argument is only supported for LSTM, not RNN or GRU")
        if dropout > 0 and num_layers == 1:
            warnings.warn("dropout option adds dropout after all but last recurrent layer, so non-zero dropout "
                          f"expects num_layers greater than 1, but got dropout={dropout} and "
                          f"num_layers={num_layers}", UserWarning, stacklevel=2)
        self.mode = mode
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.num_layers = num_layers
        self.bias = bias
        self.batch_first = batch_first
        self.dropout = float(dropout)
        self.bidirectional = bidirectional
        self.proj_size = proj_size
        directions = 2 if bidirectional else 1
        gate_size = _GATES[mode] * hidden_size
        out_size = proj_size if proj_size > 0 else hidden_size
        factory = dict(device=device, dtype=dtype)
        self._flat_weights_names = []
        self._all_weights = []
        for layer in range(num_layers):
            for d in range(directions):
                layer_input = input_size if layer == 0 else out_size * directions
                shapes = [("weight_ih", (gate_size, layer_input)), ("weight_hh", (gate_size, out_size))]
                if bias:
                    shapes += [("bias_ih", (gate_size,)), ("bias_hh", (gate_size,))]
                if proj_size > 0:
                    shapes.append(("weight_hr", (proj_size, hidden_size)))
                suffix = "_reverse" if d == 1 else ""
                names = []
                for stem, shape in shapes:
                    name = f"{stem}_l{layer}{suffix}"
                    setattr(self, name, Parameter(empty(shape, **factory)))
                    names.append(name)
                self._flat_weights_names.extend(names)
                self._all_weights.append(names)
        self.reset_parameters()

    def reset_parameters(self):
        stdv = 1.0 / math.sqrt(self.hidden_size) if self.hidden_size > 0 else 0
        for weight in self.parameters():
            init.uniform_(weight, -stdv, stdv)

    def flatten_parameters(self):
        """Accepted for compatibility: parameters are used where they are, nothing to compact."""

    @property
    def _flat_weights(self):
        return [getattr(self, name) for name in self._flat_weights_names]

    @property
    def all_weights(self):
        return [[getattr(self, name) for name in names] for names in self._all_weights]

    def _layer_weights(self):
        """(w_ih, w_hh, b_ih, b_hh, w_hr) per layer and direction, None for what the layer lacks."""
        out = []
        for names in self._all_weights:
            params = {name.split("_l")[0]: getattr(self, name) for name in names}
            out.append(tuple(params.get(stem) for stem in ("weight_ih", "weight_hh", "bias_ih", "bias_hh",
                                                            "weight_hr")))
        return out

    def _state_shape(self, batch):
        directions = 2 if self.bidirectional else 1
        out = self.proj_size if self.proj_size > 0 else self.hidden_size
        return (self.num_layers * directions, batch, out), (self.num_layers * directions, batch, self.hidden_size)

    def _check_state(self, state, expected, what):
        if tuple(state.shape) != expected:
            raise RuntimeError(f"Expected {what} size {expected}, got {list(state.shape)}")

    def _states(self, hx, data, batch, batched):
        """The initial (h0, c0 or None) as (layers * directions, batch, features), checked."""
        lstm = self.mode == "LSTM"
        h_shape, c_shape = self._state_shape(batch)
        if hx is None:
            return zero_state(h_shape, data), (zero_state(c_shape, data) if lstm else None)
        h0, c0 = (hx[0], hx[1]) if lstm else (hx, None)
        want = 3 if batched else 2
        dims = [h0.dim()] + ([c0.dim()] if lstm else [])
        if any(d != want for d in dims):
            kind = "batched 3-D" if batched else "unbatched 2-D"
            if lstm:
                raise RuntimeError(f"For {kind} input, hx and cx should also be {want}-D but got "
                                   f"({dims[0]}-D, {dims[1]}-D) tensors")
            raise RuntimeError(f"For {kind} input, hx should also be {want}-D but got {dims[0]}-D tensor")
        if not batched:
            h0 = h0.unsqueeze(1)
            c0 = c0.unsqueeze(1) if lstm else None
        self._check_state(h0, h_shape, "hidden[0]" if lstm else "hidden")
        if lstm:
            self._check_state(c0, c_shape, "hidden[1]")
        return h0, c0

    def forward(self, input, hx=None):
        packed = isinstance(input, PackedSequence)
        if packed:
            data, batch_sizes_t, sorted_indices, unsorted_indices = input
            batch_sizes = [int(b) for b in batch_sizes_t.tolist()]
            batch, batched = batch_sizes[0], True
        else:
            if input.dim() not in (2, 3):
                raise ValueError(f"{type(self).__name__}: Expected input to be 2D or 3D, got {input.dim()}D instead")
            batched = input.dim() == 3
            seq = input if not batched else (input.transpose(0, 1) if self.batch_first else input)
            if not batched:
                seq = seq.unsqueeze(1)
            steps, batch = seq.shape[0], seq.shape[1]
            data = seq.reshape(steps * batch, seq.shape[2])
            batch_sizes = [batch] * steps
        if data.shape[-1] != self.input_size:
            raise RuntimeError(f"input.size(-1) must be equal to input_size. Expected {self.input_size}, "
                               f"got {data.shape[-1]}")
        _check_dtype(data, self.weight_ih_l0)
        h0, c0 = self._states(hx, data, batch, batched)
        if packed and sorted_indices is not None and hx is not None:
            h0 = h0.index_select(1, sorted_indices)
            c0 = c0.index_select(1, sorted_indices) if c0 is not None else None
        rows, h_n, c_n = recurrent_stack(_KIND[self.mode], data, batch_sizes, h0, c0, self._layer_weights(),
                                         self.num_layers, 2 if self.bidirectional else 1, self.dropout,
                                         self.training, relu=self.mode == "RNN_RELU")
        if packed:
            output = PackedSequence(rows, batch_sizes_t, sorted_indices, unsorted_indices)
            if unsorted_indices is not None:
                h_n = h_n.index_select(1, unsorted_indices)
                c_n = c_n.index_select(1, unsorted_indices) if c_n is not None else None
        else:
            output = rows.reshape(steps, batch, rows.shape[1])
            if not batched:
                output = output.squeeze(1)
                h_n = h_n.squeeze(1)
                c_n = c_n.squeeze(1) if c_n is not None else None
            elif self.batch_first:
                output = output.transpose(0, 1)
        return output, ((h_n, c_n) if self.mode == "LSTM" else h_n)

    def extra_repr(self):
        s = f"{self.input_size}, {self.hidden_size}"
        if self.proj_size != 0:
            s += f", proj_size={self.proj_size}"
        if self.num_layers != 1:
            s += f", num_layers={self.num_layers}"
        if self.bias is not True:
            s += f", bias={self.bias}"
        if self.batch_first is not False:
            s += f", batch_first={self.batch_first}"
        if self.dropout != 0:
            s += f", dropout={self.dropout}"
        if self.bidirectional is not False:
            s += f", bidirectional={self.bidirectional}"
        return s


def _split_args(args, kwargs, names):
    """Positional and keyword constructor arguments after the layer-specific ones (torch's order)."""
    values = dict(zip(names, args))
    values.update(kwargs)
    return values


class RNN(RNNBase):
    """h_t = tanh(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh) (or relu with nonlinearity='relu')."""

    def __init__(self, *args, **kwargs):
        names = ("input_size", "hidden_size", "num_layers", "nonlinearity", "bias", "batch_first", "dropout",
                 "bidirectional", "device", "dtype")
        values = _split_args(args, kwargs, names)
        if "proj_size" in values:
            raise ValueError("proj_size argument is only supported for LSTM, not RNN or GRU")
        nonlinearity = values.pop("nonlinearity", "tanh")
        if nonlinearity == "tanh":
            mode = "RNN_TANH"
        elif nonlinearity == "relu":
            mode = "RNN_RELU"
        else:
            raise ValueError(f"Unknown nonlinearity '{nonlinearity}'. Select from 'tanh' or 'relu'.")
        super().__init__(mode, **values)
        self.nonlinearity = nonlinearity


class LSTM(RNNBase):
    """Gates i, f, g, o from x_t and h_{t-1}; c_t = f * c_{t-1} + i * g, h_t = o * tanh(c_t), projected
    by W_hr when proj_size > 0. Returns output, (h_n, c_n)."""

    def __init__(self, *args, **kwargs):
        super().__init__("LSTM", *args, **kwargs)


class GRU(RNNBase):
    """Gates r, z, n; h_t = (1 - z) * n + z * h_{t-1} with n = tanh(W_in x + b_in + r * (W_hn h + b_hn))."""

    def __init__(self, *args, **kwargs):
        if "proj_size" in kwargs:
            raise ValueError("proj_size argument is only supported for LSTM, not RNN or GRU")
        super().__init__("GRU", *args, **kwargs)


# ---------------------------------------------------------------------------------------------
# cells: one time step, a batch of rows (or one unbatched vector)

class RNNCellBase(Module):
    def __init__(self, input_size, hidden_size, bias, num_chunks, device=None, dtype=None):
        super().__init__()
        _check_sizes(input_size, hidden_size)
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.bias = bias
        factory = dict(device=device, dtype=dtype)
        self.weight_ih = Parameter(empty((num_chunks * hidden_size, input_size), **factory))
        self.weight_hh = Parameter(empty((num_chunks * hidden_size, hidden_size), **factory))
        if bias:
            self.bias_ih = Parameter(empty(num_chunks * hidden_size, **factory))
            self.bias_hh = Parameter(empty(num_chunks * hidden_size, **factory))
        else:
            self.register_parameter("bias_ih", None)
            self.register_parameter("bias_hh", None)
        self.reset_parameters()

    def reset_parameters(self):
        stdv = 1.0 / math.sqrt(self.hidden_size) if self.hidden_size > 0 else 0
        for weight in self.parameters():
            init.uniform_(weight, -stdv, stdv)

    def extra_repr(self):
        s = f"{self.input_size}, {self.hidden_size}"
        if self.bias is not True:
            s += f", bias={self.bias}"
        nonlinearity = getattr(self, "nonlinearity", "tanh")
        if nonlinearity != "tanh":
            s += f", nonlinearity={nonlinearity}"
        return s

    def _check_input(self, input):
        if input.dim() not in (1, 2):
            raise ValueError(f"{type(self).__name__}: Expected input to be 1D or 2D, got {input.dim()}D instead")
        if input.shape[-1] != self.input_size:
            raise RuntimeError(f"input has inconsistent input_size: got {input.shape[-1]} expected {self.input_size}")
        if input.dtype != self.weight_ih.dtype:
            raise RuntimeError(f"mat1 and mat2 must have the same dtype, but got {input.dtype} and "
                               f"{self.weight_ih.dtype}")

    def _state(self, hx, input, which):
        batch = input.shape[0]
        if hx is None:
            return zero_state((batch, self.hidden_size), input)
        if hx.dim() == 1:
            hx = hx.unsqueeze(0)
        if hx.shape[0] != batch:
            raise RuntimeError(f"Input batch size {batch} doesn't match hidden{which} batch size {hx.shape[0]}")
        if hx.shape[1] != self.hidden_size:
            raise RuntimeError(f"hidden{which} has inconsistent hidden_size: got {hx.shape[1]}, expected "
                               f"{self.hidden_size}")
        return hx

    def _weights(self):
        return (self.weight_ih, self.weight_hh, self.bias_ih, self.bias_hh, None)

    def _step(self, kind, input, hx, cx=None, relu=False):
        """(h', c' or None) of one step, with the batch dimension dropped again for a 1-D input."""
        self._check_input(input)
        batched = input.dim() == 2
        x = input if batched else input.unsqueeze(0)
        h0 = self._state(hx, x, 0)
        c0 = self._state(cx, x, 1) if kind == "lstm" else None
        _, h, c = recurrent_layer(kind, x, [x.shape[0]], False, h0, c0, self._weights(), relu)
        if not batched:
            h = h.squeeze(0)
            c = c.squeeze(0) if c is not None else None
        return h, c


class RNNCell(RNNCellBase):
    def __init__(self, input_size, hidden_size, bias=True, nonlinearity="tanh", device=None, dtype=None):
        super().__init__(input_size, hidden_size, bias, num_chunks=1, device=device, dtype=dtype)
        if nonlinearity not in ("tanh", "relu"):
            raise ValueError(f"Unknown nonlinearity: {nonlinearity}")
        self.nonlinearity = nonlinearity

    def forward(self, input, hx=None):
        return self._step("rnn", input, hx, relu=self.nonlinearity == "relu")[0]


class LSTMCell(RNNCellBase):
    def __init__(self, input_size, hidden_size, bias=True, device=None, dtype=None):
        super().__init__(input_size, hidden_size, bias, num_chunks=4, device=device, dtype=dtype)

    def forward(self, input, hx=None):
        h0, c0 = (None, None) if hx is None else hx
        return self._step("lstm", input, h0, c0)


class GRUCell(RNNCellBase):
    def __init__(self, input_size, hidden_size, bias=True, device=None, dtype=None):
        super().__init__(input_size, hidden_size, bias, num_chunks=3, device=device, dtype=dtype)

    def forward(self, input, hx=None):
        return self._step("gru", input, hx)[0]
