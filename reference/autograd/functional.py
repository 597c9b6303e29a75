"""torch.autograd.functional: Jacobians, Hessians and their products, built on autograd.grad.

Each product is one or two reverse passes (jvp and hvp use the double-vjp trick: the vjp is linear
in its cotangent, so differentiating it again gives the forward product)."""
from .engine import grad as _grad
from .graph import is_tensor


def _tuple(x):
    single = is_tensor(x)
    return ((x,) if single else tuple(x)), single


def _prepare(inputs, create_graph):
    ins, single = _tuple(inputs)
    # with create_graph, an input that requires grad stays linked to its graph (a view of it), so the
    # results are differentiable with respect to it; otherwise fresh leaves leave the caller's tensors
    # and their .grad untouched
    ins = tuple(i.view_as(i) if create_graph and i.requires_grad else
                (i.detach().requires_grad_(True) if i.dtype.is_floating_point else i.detach()) for i in ins)
    return ins, single


def _grads(outputs, inputs, grad_outputs, create_graph, strict, what):
    outs = tuple(o for o in outputs)
    wanted = [(o, g) for o, g in zip(outs, grad_outputs) if o.requires_grad]
    if not wanted:
        res = (None,) * len(inputs)
    else:
        res = _grad(tuple(o for o, _ in wanted), inputs, tuple(g for _, g in wanted), retain_graph=True,
                    create_graph=True, allow_unused=True)
    fixed = []
    for i, (r, x) in enumerate(zip(res, inputs)):
        if r is None:
            if strict:
                raise RuntimeError(f"The output of the user-provided function is independent of input {i}. "
                                   f"This is not allowed in strict mode{what}.")
            r = x.new_zeros(x.shape)
        fixed.append(r)
    return tuple(fixed)


def _finish(values, create_graph, single):
    vals = tuple(v if create_graph else v.detach() for v in values)
    return vals[0] if single else vals


def _check_v(v, like, name):
    vs, _ = _tuple(v)
    if len(vs) != len(like):
        raise RuntimeError(f"The given {name} should contain one Tensor per input, got {len(vs)} for "
                           f"{len(like)}.")
    for a, b in zip(vs, like):
        if tuple(a.shape) != tuple(b.shape):
            raise RuntimeError(f"The given {name} has shape {list(a.shape)} but the matching tensor has "
                               f"shape {list(b.shape)}.")
    return vs


def vjp(func, inputs, v=None, create_graph=False, strict=False):
    """(func(inputs), v^T J)."""
    ins, single_in = _prepare(inputs, create_graph)
    outputs = func(*ins)
    outs, single_out = _tuple(outputs)
    if v is None:
        if len(outs) != 1 or outs[0].numel() != 1:
            raise RuntimeError("The vector v can only be None if the user-provided function returns a "
                               "single Tensor with a single element.")
        vs = (outs[0].new_ones(outs[0].shape),)
    else:
        vs = _check_v(v, outs, "v")
    g = _grads(outs, ins, vs, create_graph, strict, "")
    return _finish(outs, create_graph, single_out), _finish(g, create_graph, single_in)


def jvp(func, inputs, v=None, create_graph=False, strict=False):
    """(func(inputs), J v), by differentiating a vjp with respect to its cotangent."""
    ins, single_in = _prepare(inputs, create_graph)
    outputs = func(*ins)
    outs, single_out = _tuple(outputs)
    if v is None:
        if len(ins) != 1 or ins[0].numel() != 1:
            raise RuntimeError("The vector v can only be None if the input to the user-provided function "
                               "is a single Tensor with a single element.")
        vs = (ins[0].new_ones(ins[0].shape),)
    else:
        vs = _check_v(v, ins, "v")
    us = tuple(o.new_zeros(o.shape).requires_grad_(True) for o in outs)
    g = _grads(outs, ins, us, True, strict, "")
    wanted = [(gi, vi) for gi, vi in zip(g, vs) if gi.requires_grad]
    if wanted:
        jv = _grad(tuple(gi for gi, _ in wanted), us, tuple(vi for _, vi in wanted), retain_graph=True,
                   create_graph=create_graph, allow_unused=True)
    else:
        jv = (None,) * len(us)
    jv = tuple(r if r is not None else o.new_zeros(o.shape) for r, o in zip(jv, outs))
    return _finish(outs, create_graph, single_out), _finish(jv, create_graph, single_out)


def _scalar_output(func, ins):
    out = func(*ins)
    if not is_tensor(out) or out.numel() != 1:
        raise RuntimeError("The function given to hessian, vhp or hvp should return a single Tensor with a "
                           "single element.")
    return out


def vhp(func, inputs, v=None, create_graph=False, strict=False):
    """(func(inputs), v^T H) for a scalar function."""
    ins, single_in = _prepare(inputs, create_graph)
    out = _scalar_output(func, ins)
    vs = _check_v(v, ins, "v") if v is not None else (ins[0].new_ones(ins[0].shape),)
    g = _grads((out,), ins, (out.new_ones(out.shape),), True, strict, "")
    wanted = [(gi, vi) for gi, vi in zip(g, vs) if gi.requires_grad]
    if wanted:
        h = _grad(tuple(gi for gi, _ in wanted), ins, tuple(vi for _, vi in wanted), retain_graph=True,
                  create_graph=create_graph, allow_unused=True)
    else:
        h = (None,) * len(ins)
    h = tuple(r if r is not None else x.new_zeros(x.shape) for r, x in zip(h, ins))
    return _finish((out,), create_graph, True), _finish(h, create_graph, single_in)


def hvp(func, inputs, v=None, create_graph=False, strict=False):
    """(func(inputs), H v); the Hessian of a twice-differentiable scalar function is symmetric."""
    return vhp(func, inputs, v, create_graph, strict)


def jacobian(func, inputs, create_graph=False, strict=False, vectorize=False, strategy="reverse-mode"):
    """One reverse pass per output element; vectorize and strategy are accepted for torch's signature
    and give the same numbers."""
    if strategy not in ("reverse-mode", "forward-mode"):
        raise ValueError('Expected strategy to be either "forward-mode" or "reverse-mode".')
    ins, single_in = _prepare(inputs, create_graph)
    outputs = func(*ins)
    outs, single_out = _tuple(outputs)
    result = []
    for oi, out in enumerate(outs):
        flat = out.reshape(-1)
        jacs = [x.new_zeros((flat.numel(), x.numel())) for x in ins]
        for k in range(flat.numel()):
            if out.requires_grad:
                gs = _grad(flat[k], ins, retain_graph=True, create_graph=create_graph, allow_unused=True)
            else:
                gs = (None,) * len(ins)
            for j, g in enumerate(gs):
                if g is None:
                    if strict:
                        raise RuntimeError(f"Output {oi} of the user-provided function is independent of input "
                                           f"{j}. This is not allowed in strict mode.")
                    continue
                jacs[j][k] = g.reshape(-1)
        per_in = tuple(jac.reshape(tuple(out.shape) + tuple(x.shape)) for jac, x in zip(jacs, ins))
        per_in = tuple(p if create_graph else p.detach() for p in per_in)
        result.append(per_in[0] if single_in else per_in)
    return result[0] if single_out else tuple(result)


def hessian(func, inputs, create_graph=False, strict=False, vectorize=False, outer_jacobian_strategy="reverse-mode"):
    """The Jacobian of the gradient of a scalar function."""
    ins, single_in = _tuple(inputs)

    def gradient(*xs):
        out = _scalar_output(func, xs)
        return _grads((out,), xs, (out.new_ones(out.shape),), True, strict, "")

    res = jacobian(gradient, ins, create_graph=create_graph, strict=strict, vectorize=vectorize,
                   strategy=outer_jacobian_strategy)
    return res[0][0] if single_in else res
