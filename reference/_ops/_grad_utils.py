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
