"""Runs one fused update kernel of the parameter's device over a parameter and its state.

The kernels work on 1-D arrays of the parameter's dtype; this module turns tensors into such
arrays of its device (a view of the storage when the tensor is contiguous, else a device copy written
back afterwards), converts the hyper-parameters to that dtype, and bumps the version of every tensor
it wrote. The work dtype is the backend's compute dtype: float16 runs in float32 and is rounded once
on the way back.
"""
from .._ops._util import cast, copy_into
from ..backends import backend_of


def _flat(t, work):
    """(1-D array of t's device holding t's elements in dtype work, tensor to write back or None): a
    view of the storage when t is contiguous in that dtype, else a device copy."""
    n = t.numel()
    if t.dtype is work and t.is_contiguous():
        return t._storage.data[t._offset:t._offset + n], None
    c = cast(t, work).contiguous()
    return c._storage.data[c._offset:c._offset + n], c


def update(name, param, grad, states, scalars, flags=()):
    """kernel(param, grad, *states, *scalars, *flags): param and the state tensors are updated in
    place; a state given as None is an unused buffer."""
    backend = backend_of(param.device)
    kernel = backend.fused("optim_" + name)
    work = backend.compute_dtype(param.dtype)
    arrays, copies = [], []
    for t in (param, grad, *states):
        if t is None:
            arrays.append(backend.empty(0, work.np))
            continue
        a, copy = _flat(t, work)
        arrays.append(a)
        if copy is not None and t is not grad:
            copies.append((t, copy))
    to_work = work.np.type
    kernel(*arrays, *[to_work(s) for s in scalars], *flags)
    for t, copy in copies:
        copy_into(t, copy)
    param._bump_version()
    for s in states:
        if s is not None:
            s._bump_version()


def bump(t, amount=1.0):
    """t += amount for a one-element state tensor (a step count); returns the new value as a float."""
    data = t._storage.data
    data[t._offset] += amount
    t._bump_version()
    return float(data[t._offset])


def set_scalar(t, value):
    t._storage.data[t._offset] = value
    t._bump_version()


def unscale_and_check(grad, inv_scale):
    """grad *= inv_scale; True when grad held an inf or NaN (GradScaler.unscale_)."""
    backend = backend_of(grad.device)
    work = backend.compute_dtype(grad.dtype)
    a, copy = _flat(grad, work)
    found = bool(backend.fused("optim_unscale_and_check")(a, work.np.type(inv_scale)))
    if copy is not None:
        copy_into(grad, copy)
    grad._bump_version()
    return found


def value(t):
    """The value of a one-element state tensor as a Python float."""
    return float(t._storage.data[t._offset])


def scale(t, factor):
    """t *= factor for a one-element state tensor, in its dtype; returns the new value."""
    data = t._storage.data
    data[t._offset] = data[t._offset] * data.dtype.type(factor)
    t._bump_version()
    return float(data[t._offset])
