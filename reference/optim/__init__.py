"""reference.optim: optimizers (one fused kernel per parameter per step) and lr schedulers."""
from . import lr_scheduler, swa_utils  # noqa: F401
from .adam import Adam, AdamW
from .optimizer import Optimizer
from .sgd import SGD

__all__ = ["Optimizer", "SGD", "Adam", "AdamW", "lr_scheduler", "swa_utils"]
