"""torch.autograd: backward, grad, Function and the grad-mode switches."""
from . import functional  # noqa: F401
from .engine import backward, run_backward
from .function import Function, FunctionCtx, once_differentiable  # noqa: F401
from .grad_mode import enable_grad, inference_mode, is_grad_enabled, no_grad, set_grad_enabled  # noqa: F401
from .graph import Node  # noqa: F401


def grad(outputs, inputs, grad_outputs=None, retain_graph=None, create_graph=False, only_inputs=True,
         allow_unused=None, is_grads_batched=False, materialize_grads=False):
    """Gradients of outputs with respect to inputs, returned rather than accumulated into .grad."""
    single = not isinstance(inputs, (list, tuple))
    inputs_t = (inputs,) if single else tuple(inputs)
    if allow_unused is None:
        allow_unused = materialize_grads
    res = run_backward(outputs, grad_outputs, retain_graph, create_graph, inputs=inputs_t, accumulate=False,
                       allow_unused=allow_unused)
    if materialize_grads:
        from .._ops.creation import zeros_like
        res = tuple(r if r is not None else zeros_like(i) for r, i in zip(res, inputs_t))
    return res


class graph:  # torch.autograd.graph namespace placeholder for Node
    Node = Node
