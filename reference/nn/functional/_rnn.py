"""The recurrent op: one direction of one layer (Elman RNN, LSTM or GRU) over a packed sequence, as one
recorded autograd node over the device's fused kernels (`<kind>_forward`, `<kind>_backward`), and the
stack of layers and directions the nn modules run.

Sequences are packed rows: x (N, features) grouped by time step with `batch_sizes[t]` rows at step t
(PackedSequence's layout; a padded (T, B) batch has B rows at every step), so padded and packed
inputs take one path. torch.nn.functional has no public recurrent function, so nothing here is
exported."""
from ..._ops._util import empty_tensor
from ..._ops.creation import zeros
from ..._ops.joining import cat, stack
from ...autograd.graph import needs_grad, record
from ...backends import backend_of
from ._dropout import dropout as _dropout

__all__ = []

NODE_NAMES = {"rnn": "RnnBackward0", "lstm": "LstmBackward0", "gru": "GruBackward0"}


def _plain(t):
    return t.detach().contiguous() if t is not None else None


def recurrent_layer(kind, x, batch_sizes, reverse, h0, c0, weights, relu=False):
    """(out (N, P), h_n (B, P), c_n (B, H) or None) of one direction of one layer.

    kind: 'rnn', 'lstm' or 'gru'; weights: (w_ih, w_hh, b_ih, b_hh, w_hr) with None for what the
    layer lacks; h0 (B, P) and c0 (B, H, LSTM only) are the initial states."""
    w_ih, w_hh, b_ih, b_hh, w_hr = weights
    be = backend_of(x.device)
    n, batch = x.shape[0], h0.shape[0]
    p = h0.shape[1]
    out = empty_tensor((n, p), x.dtype, x.device)
    h_n = empty_tensor((batch, p), x.dtype, x.device)
    c_n = empty_tensor(tuple(c0.shape), x.dtype, x.device) if c0 is not None else None
    saved = be.fused(kind + "_forward")(_plain(x), tuple(batch_sizes), bool(reverse), _plain(h0), _plain(c0),
                                        tuple(_plain(w) for w in weights), out, h_n, c_n, bool(relu))
    inputs = (x, h0, c0, w_ih, w_hh, b_ih, b_hh, w_hr)
    outputs = (out, h_n, c_n) if c0 is not None else (out, h_n)
    if needs_grad(*inputs):
        # the inputs the kernels read back are saved too, so writing one in place fails the backward
        record(NODE_NAMES[kind], _d_recurrent_layer, inputs, outputs,
               save=tuple(t for t in (x, w_ih, w_hh, w_hr) if t is not None),
               meta=dict(mode=kind, workspace=saved,
                         input_sizes=tuple(None if t is None else tuple(t.shape) for t in inputs)))
    return out, h_n, c_n


def _d_recurrent_layer(ctx, g_out, g_h, g_c=None):
    ctx.saved_tensors  # noqa: B018 - unpacking checks that no saved input was modified in place
    kind, saved, shapes = ctx._saved_mode, ctx._saved_workspace, ctx._saved_input_sizes
    like = next(g for g in (g_out, g_h, g_c) if g is not None)
    grads = tuple(empty_tensor(shape, like.dtype, like.device) if need and shape is not None else None
                  for need, shape in zip(ctx.needs_input_grad, shapes))
    backend_of(like.device).fused(kind + "_backward")(saved, _plain(g_out), _plain(g_h), _plain(g_c), grads)
    return grads


def recurrent_stack(kind, data, batch_sizes, h0, c0, layer_weights, num_layers, directions, dropout, training,
                    relu=False):
    """Every layer and direction over packed rows `data`: (output rows (N, directions * P), h_n, c_n),
    h_n (num_layers * directions, B, P) in torch's order (layer-major, the reverse direction second).
    Dropout (training only) acts on each layer's output except the last's."""
    layer_in = data
    hs, cs = [], []
    for layer in range(num_layers):
        outs = []
        for d in range(directions):
            k = layer * directions + d
            out, h, c = recurrent_layer(kind, layer_in, batch_sizes, d == 1, h0[k],
                                        c0[k] if c0 is not None else None, layer_weights[k], relu)
            outs.append(out)
            hs.append(h)
            cs.append(c)
        layer_in = outs[0] if directions == 1 else cat(outs, 1)
        if dropout > 0 and training and layer < num_layers - 1:
            layer_in = _dropout(layer_in, dropout, True)
    return layer_in, stack(hs, 0), (stack(cs, 0) if c0 is not None else None)


def zero_state(shape, like):
    return zeros(shape, dtype=like.dtype, device=like.device)
