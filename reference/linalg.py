"""torch.linalg: the registry's ops of namespace "linalg" (defined in reference/_ops/linalg_ops.py)."""
from ._ops import registry as _registry
from ._ops.linalg_ops import LinAlgError

globals().update(_registry.namespace("linalg"))
__all__ = sorted(_registry.namespace("linalg")) + ["LinAlgError"]
