"""torch.autograd.functional.jacobian, row by row through vector-Jacobian products."""


def jacobian(func, inputs, create_graph=False, strict=False, vectorize=False, strategy="reverse-mode"):
    from .._tensor import Tensor
    from .._ops.creation import zeros, zeros_like
    from .._ops.joining import stack
    from . import grad as _grad
    single_in = isinstance(inputs, Tensor)
    ins = (inputs,) if single_in else tuple(inputs)
    ins = tuple(i.detach().requires_grad_(True) for i in ins)
    outputs = func(*ins)
    single_out = isinstance(outputs, Tensor)
    outs = (outputs,) if single_out else tuple(outputs)
    result = []
    for out in outs:
        flat = out.reshape(-1)
        rows = [[] for _ in ins]
        for k in range(flat.numel()):
            if out.requires_grad:
                gs = _grad(flat[k], ins, retain_graph=True, create_graph=create_graph, allow_unused=True)
            else:
                gs = (None,) * len(ins)
            for j, (g, x) in enumerate(zip(gs, ins)):
                if g is None:
                    if strict:
                        raise RuntimeError("Output %d of the user-provided function is independent of input %d. "
                                           "This is not allowed in strict mode." % (outs.index(out), j))
                    g = zeros_like(x)
                rows[j].append(g)
        per_in = []
        for j, x in enumerate(ins):
            if rows[j]:
                jac = stack(rows[j]).reshape(tuple(out.shape) + tuple(x.shape))
            else:
                jac = zeros(tuple(out.shape) + tuple(x.shape), dtype=x.dtype)
            per_in.append(jac if create_graph else jac.detach())
        result.append(per_in[0] if single_in else tuple(per_in))
    return result[0] if single_out else tuple(result)
