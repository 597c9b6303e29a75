"""torch.autograd.Function: user-defined forward and backward that take part in the graph."""
from .._shape import broadcast_shapes
from .graph import Node, is_tensor, needs_grad
from .grad_mode import no_grad


class FunctionCtx(Node):
    """The ctx a custom Function's forward and backward receive (a Node of the graph)."""


class _FunctionMeta(type):
    def __init__(cls, name, bases, attrs):
        super().__init__(name, bases, attrs)
        cls._backward_cls_name = name + "Backward"


class Function(metaclass=_FunctionMeta):
    @staticmethod
    def forward(ctx, *args, **kwargs):
        raise NotImplementedError("You must implement the forward function for custom autograd.Function.")

    @staticmethod
    def backward(ctx, *grad_outputs):
        raise NotImplementedError("You must implement either the backward or vjp method for your custom "
                                  "autograd.Function to use it with backward mode AD.")

    vjp = backward

    @staticmethod
    def setup_context(ctx, inputs, output):
        return None

    @classmethod
    def apply(cls, *args, **kwargs):
        ctx = FunctionCtx(cls._backward_cls_name, None, args)
        with no_grad():
            outputs = cls.forward(ctx, *args, **kwargs)
        if not needs_grad(*args):
            return outputs
        single = not isinstance(outputs, tuple)
        outs = (outputs,) if single else outputs
        marked = set(getattr(ctx, "_non_differentiable", ()))
        input_ids = {id(a) for a in args if is_tensor(a)}
        new_outs = []
        for o in outs:
            if is_tensor(o) and id(o) in input_ids:
                o = o._alias()  # an input returned as is becomes a new tensor of the graph
            new_outs.append(o)
        ctx._n_outputs = len(new_outs)
        ctx._output_meta = [(tuple(o.shape), o.dtype, o.device) if is_tensor(o) else ((), None, None)
                            for o in new_outs]
        ctx._backward = _make_backward(cls, args)
        for i, o in enumerate(new_outs):
            if is_tensor(o) and o.dtype.is_floating_point and id(outs[i]) not in marked:
                o._requires_grad = True
                o.grad_fn = ctx
                o._output_nr = i
        # saved after the outputs joined the graph, so a saved output unpacks with its history
        ctx._save(getattr(ctx, "_saved_pending", ()), tuple(o for o in new_outs if is_tensor(o)))
        return new_outs[0] if single else tuple(new_outs)


def _make_backward(cls, args):
    shapes = [(tuple(a.shape), a.dtype) if is_tensor(a) else None for a in args]

    def backward(ctx, *grads):
        result = cls.backward(ctx, *grads)
        if not isinstance(result, tuple):
            result = (result,)
        if len(result) > len(shapes) and all(r is None for r in result[len(shapes):]):
            result = result[:len(shapes)]
        if len(result) != len(shapes):
            raise RuntimeError(f"function {cls._backward_cls_name} returned an incorrect number of gradients "
                               f"(expected {len(shapes)}, got {len(result)})")
        fixed = []
        for i, (g, meta) in enumerate(zip(result, shapes)):
            if g is None or meta is None or not ctx.needs_input_grad[i]:
                fixed.append(None if meta is None or not ctx.needs_input_grad[i] else g)
                continue
            shape, dtype = meta
            if tuple(g.shape) != shape:
                try:
                    ok = broadcast_shapes(tuple(g.shape), shape) == tuple(g.shape) and len(g.shape) >= len(shape)
                except RuntimeError:
                    ok = False
                if not ok:
                    raise RuntimeError(f"Function {cls._backward_cls_name} returned an invalid gradient at index "
                                       f"{i} - got {list(g.shape)} but expected shape compatible with "
                                       f"{list(shape)}")
                g = g.sum_to_size(shape)
            if g.dtype is not dtype:
                g = g.to(dtype)
            fixed.append(g)
        return tuple(fixed)
    return backward


def once_differentiable(fn):
    return fn
