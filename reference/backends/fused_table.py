"""The named fused kernels every device provides: name -> (family, function name in that family's
module). Each backend maps a family to its own module (cpu/fused.py, cuda/fused.py) and builds its
FUSED table from this one, so the devices cannot drift apart: a name whose function a device's module
lacks fails that backend's import, naming it.

A layer family adds a kernel by writing it in its module on each device and appending one line here
(grouped by family; one line per kernel keeps parallel edits apart)."""

FUSED_KERNELS = {
    "index_offsets": ("index", "index_offsets"),
    "linear_forward": ("linear", "linear_forward"),
    "linear_backward": ("linear", "linear_backward"),
    "threshold_backward": ("activation_grads", "threshold_backward"),
    "conv2d": ("nn_layers", "conv2d"),
    "conv2d_backward": ("nn_layers", "conv2d_backward"),
    "conv_transpose2d": ("nn_layers", "conv_transpose2d"),
    "conv_transpose2d_backward": ("nn_layers", "conv_transpose2d_backward"),
    "unfold2d": ("nn_layers", "unfold2d"),
    "fold2d": ("nn_layers", "fold2d"),
    "max_pool2d": ("nn_layers", "max_pool2d"),
    "max_pool2d_backward": ("nn_layers", "max_pool2d_backward"),
    "avg_pool2d": ("nn_layers", "avg_pool2d"),
    "avg_pool2d_backward": ("nn_layers", "avg_pool2d_backward"),
    "adaptive_avg_pool2d": ("nn_layers", "adaptive_avg_pool2d"),
    "adaptive_avg_pool2d_backward": ("nn_layers", "adaptive_avg_pool2d_backward"),
    "adaptive_max_pool2d": ("nn_layers", "adaptive_max_pool2d"),
    "batch_norm": ("nn_layers", "batch_norm"),
    "batch_norm_backward": ("nn_layers", "batch_norm_backward"),
    "layer_norm": ("nn_layers", "layer_norm"),
    "layer_norm_backward": ("nn_layers", "layer_norm_backward"),
    "group_norm": ("nn_layers", "group_norm"),
    "group_norm_backward": ("nn_layers", "group_norm_backward"),
    "cross_entropy_backward": ("losses", "cross_entropy_backward"),
    "cross_entropy_first_bad_target": ("losses", "first_bad_target"),
    "cross_entropy_forward": ("losses", "cross_entropy_forward"),
    "ctc_loss_backward": ("losses", "ctc_loss_backward"),
    "ctc_loss_forward": ("losses", "ctc_loss_forward"),
    "optim_sgd": ("optim", "sgd"),
    "optim_adam": ("optim", "adam"),
    "optim_adamax": ("optim", "adamax"),
    "optim_nadam": ("optim", "nadam"),
    "optim_radam": ("optim", "radam"),
    "optim_rmsprop": ("optim", "rmsprop"),
    "optim_adagrad": ("optim", "adagrad"),
    "optim_adadelta": ("optim", "adadelta"),
    "optim_rprop": ("optim", "rprop"),
    "optim_asgd": ("optim", "asgd"),
    "optim_unscale_and_check": ("optim", "unscale_and_check"),
    "rnn_forward": ("rnn", "rnn_forward"),
    "rnn_backward": ("rnn", "rnn_backward"),
    "lstm_forward": ("rnn", "lstm_forward"),
    "lstm_backward": ("rnn", "lstm_backward"),
    "gru_forward": ("rnn", "gru_forward"),
    "gru_backward": ("rnn", "gru_backward"),
    "masked_softmax": ("attention", "masked_softmax"),
    "masked_softmax_backward": ("attention", "masked_softmax_backward"),
    "take_rows": ("take_rows", "take_rows"),
    "softmax_backward": ("softmax_grad", "softmax_backward"),
}


def build(families):
    """name -> kernel for a device whose family modules are `families` (family -> module)."""
    missing = sorted(name for name, (family, attr) in FUSED_KERNELS.items()
                     if not hasattr(families[family], attr))
    if missing:
        raise ImportError(f"fused kernels without a function on this device: {', '.join(missing)}")
    return {name: getattr(families[family], attr) for name, (family, attr) in FUSED_KERNELS.items()}
