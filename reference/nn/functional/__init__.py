"""reference.nn.functional: the functional form of every layer and loss (torch.nn.functional)."""
from ._activation import *  # noqa: F401,F403
from ._linear import *  # noqa: F401,F403
from ._loss import *  # noqa: F401,F403
from ._conv import *  # noqa: F401,F403
from ._pooling import *  # noqa: F401,F403
from ._normalization import *  # noqa: F401,F403
from ._dropout import *  # noqa: F401,F403
from ._sparse import *  # noqa: F401,F403
from ._vision import *  # noqa: F401,F403
from ._attention import *  # noqa: F401,F403
from ..._ops import registry as _R

# torch's autocast op lists for this namespace, applied through the registry's autocast hook
_AUTOCAST = {_R.LOWER_PRECISION: ("linear", "conv1d", "conv2d", "conv_transpose1d", "conv_transpose2d", "prelu",
                                  "scaled_dot_product_attention"),
             _R.TO_FLOAT32: ("mse_loss", "l1_loss", "smooth_l1_loss", "huber_loss", "cross_entropy", "nll_loss",
                             "binary_cross_entropy", "binary_cross_entropy_with_logits", "kl_div",
                             "soft_margin_loss", "margin_ranking_loss", "hinge_embedding_loss",
                             "cosine_embedding_loss", "triplet_margin_loss", "poisson_nll_loss", "gaussian_nll_loss",
                             "ctc_loss")}
for _policy, _names in _AUTOCAST.items():
    for _name in _names:
        globals()[_name] = _R.with_autocast(_policy, globals()[_name])
