"""Fused layer backwards that can be differentiated again (create_graph=True).

A fused backward kernel writes its gradients without history. The engine runs a backward with
grad mode on exactly when create_graph=True, so a layer's backward asks `creating_graph()`:
  - off (ordinary training): the fused kernel, the fast path;
  - on: the same gradients written with recorded ops (the op's composite path), so a second
    derivative comes from autograd like any other.
A backward that is a linear map of the incoming gradient alone (pooling) keeps its kernel and
records the result with that map's adjoint (the pooling forward itself) as its backward.
"""
from ...autograd.grad_mode import is_grad_enabled
from ...autograd.graph import record


def creating_graph():
    """True inside a backward that must itself be differentiable."""
    return is_grad_enabled()


def record_linear(name, g, gx, adjoint):
    """gx = L(g) for a map L linear in g alone: give gx the history gg -> adjoint(gg)."""
    return record(name, lambda ctx, gg: (adjoint(gg),), (g,), gx)
