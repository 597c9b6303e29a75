"""The CUDA backend's named fused kernels: each family's module here, under the family name of the
shared table (reference/backends/fused_table.py), which lists every name once for both devices."""

from ..fused_table import build
from . import advanced_index  # offsets of an integer-tensor index (indexing)
from . import attention_kernels  # masked softmax (attention)
from . import activation_grads  # relu's backward (nn activations)
from . import linear_layer  # y = x W^T + b and its gradients (nn linear)
from . import losses  # softmax + cross-entropy, CTC (nn losses)
from . import nn_layers  # conv, pooling, normalisation (nn layers)
from . import optim_kernels  # fused optimizer updates (optim)
from . import softmax_grad  # softmax and log_softmax backward (reductions)
from . import rnn_layers  # recurrent layers: one fused step per time step (nn RNN/LSTM/GRU)
from . import take_rows  # x[index] with contiguous rows (indexing)

FUSED = build({"index": advanced_index, "linear": linear_layer,
               "activation_grads": activation_grads,
               "attention": attention_kernels, "losses": losses, "nn_layers": nn_layers,
               "optim": optim_kernels, "rnn": rnn_layers, "take_rows": take_rows,
               "softmax_grad": softmax_grad})
