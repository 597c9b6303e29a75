"""torch.autograd: backward, grad, Function and the grad-mode switches.

This package sits below the Tensor class and the ops: it never imports `reference._ops` or
`reference._tensor`, and the tensors it makes come from methods of the tensors it is given."""
from gradcheck import gradcheck, gradgradcheck  # noqa: F401  (the project's finite-difference checker)

from . import functional, graph  # noqa: F401
from .engine import backward, grad, run_backward  # noqa: F401
from .function import Function, FunctionCtx, once_differentiable  # noqa: F401
from .grad_mode import enable_grad, inference_mode, is_grad_enabled, no_grad, set_grad_enabled  # noqa: F401
from .graph import Node  # noqa: F401
from .variable import Variable  # noqa: F401
