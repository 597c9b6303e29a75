"""The CUDA backend's named fused kernels: name -> kernel (see backends/cuda/__init__.py for how a
layer family adds one). Each name mirrors an entry of reference/backends/cpu/fused.py with the same
signature; tests/test_backend_parity.py fails while a CPU name lacks its CUDA twin. Keep one line per
kernel, grouped by family, so parallel additions merge cleanly."""

from . import advanced_index  # offsets of an integer-tensor index (indexing)
from . import attention_kernels  # masked softmax (attention)
from . import losses  # softmax + cross-entropy, CTC (nn losses)
from . import nn_layers  # conv, pooling, normalisation (nn layers)
from . import optim_kernels  # fused optimizer updates (optim)
from . import rnn_layers  # recurrent layers: one fused step per time step (nn RNN/LSTM/GRU)
from . import take_rows  # x[index] with contiguous rows (indexing)

FUSED = {
    "index_offsets": advanced_index.index_offsets,
    "conv2d": nn_layers.conv2d,
    "conv2d_backward": nn_layers.conv2d_backward,
    "conv_transpose2d": nn_layers.conv_transpose2d,
    "conv_transpose2d_backward": nn_layers.conv_transpose2d_backward,
    "unfold2d": nn_layers.unfold2d,
    "fold2d": nn_layers.fold2d,
    "max_pool2d": nn_layers.max_pool2d,
    "max_pool2d_backward": nn_layers.max_pool2d_backward,
    "avg_pool2d": nn_layers.avg_pool2d,
    "avg_pool2d_backward": nn_layers.avg_pool2d_backward,
    "adaptive_avg_pool2d": nn_layers.adaptive_avg_pool2d,
    "adaptive_avg_pool2d_backward": nn_layers.adaptive_avg_pool2d_backward,
    "adaptive_max_pool2d": nn_layers.adaptive_max_pool2d,
    "batch_norm": nn_layers.batch_norm,
    "batch_norm_backward": nn_layers.batch_norm_backward,
    "layer_norm": nn_layers.layer_norm,
    "layer_norm_backward": nn_layers.layer_norm_backward,
    "group_norm": nn_layers.group_norm,
    "group_norm_backward": nn_layers.group_norm_backward,
    "cross_entropy_backward": losses.cross_entropy_backward,
    "cross_entropy_first_bad_target": losses.first_bad_target,
    "cross_entropy_forward": losses.cross_entropy_forward,
    "ctc_loss_backward": losses.ctc_loss_backward,
    "ctc_loss_forward": losses.ctc_loss_forward,
    "optim_sgd": optim_kernels.sgd,
    "optim_adam": optim_kernels.adam,
    "optim_adamax": optim_kernels.adamax,
    "optim_nadam": optim_kernels.nadam,
    "optim_radam": optim_kernels.radam,
    "optim_rmsprop": optim_kernels.rmsprop,
    "optim_adagrad": optim_kernels.adagrad,
    "optim_adadelta": optim_kernels.adadelta,
    "optim_rprop": optim_kernels.rprop,
    "optim_asgd": optim_kernels.asgd,
    "optim_unscale_and_check": optim_kernels.unscale_and_check,
    "rnn_forward": rnn_layers.rnn_forward,
    "rnn_backward": rnn_layers.rnn_backward,
    "lstm_forward": rnn_layers.lstm_forward,
    "lstm_backward": rnn_layers.lstm_backward,
    "gru_forward": rnn_layers.gru_forward,
    "gru_backward": rnn_layers.gru_backward,
    "masked_softmax": attention_kernels.masked_softmax,
    "masked_softmax_backward": attention_kernels.masked_softmax_backward,
    "take_rows": take_rows.take_rows,
}
