"""Helpers backward formulas share."""


def sum_to(g, shape):
    """Reduce a broadcast gradient back to the shape of the input it flows to (the one place
    broadcasting is undone for every op)."""
    shape = tuple(shape)
    if tuple(g.shape) == shape:
        return g
    lead = g.dim() - len(shape)
    dims = list(range(lead))
    dims += [lead + i for i, s in enumerate(shape) if s == 1 and g.shape[lead + i] != 1]
    if dims:
        g = g.sum(dim=tuple(dims), keepdim=True)
    if lead:
        g = g.reshape(shape)
    return g


def renamed(out, name):
    """`out` whose node takes torch's name for the op it completes (matmul's final view of a fresh
    product is torch's UnsafeViewBackward0): only for a node that already has the op's edges."""
    if out.grad_fn is not None:
        out.grad_fn._name = name
    return out
