"""Runs one fused update kernel of the parameter's device over a parameter and its state.

The kernels work on 1-D arrays of the parameter's dtype; this module turns tensors into such
arrays (a view of the storage when the tensor is contiguous, else a copy written back afterwards),
converts the hyper-parameters to that dtype, and bumps the version of every tensor it wrote.
float16 runs in float32 and is rounded once on the way back (numba has no CPU float16).
"""
import numpy as np

from ..backends import backend_of

_WORK_DTYPE = {np.dtype(np.float16): np.dtype(np.float32)}
_EMPTY = {}


def _flat(t):
    """(1-D array, needs write-back) for a CPU tensor."""
    n = t.numel()
    if t.is_contiguous():
        data = t._storage.data[t._offset:t._offset + n]
        return data, False
    return np.ascontiguousarray(t._np()).reshape(-1), True


def _empty(np_dtype):
    e = _EMPTY.get(np_dtype)
    if e is None:
        e = _EMPTY[np_dtype] = np.empty(0, np_dtype)
    return e


def update(name, param, grad, states, scalars, flags=()):
    """kernel(param, grad, *states, *scalars, *flags): param and the state tensors are updated in
    place; a state given as None is an unused buffer."""
    kernel = backend_of(param.device).fused("optim_" + name)
    np_dtype = param.dtype.np
    work = _WORK_DTYPE.get(np_dtype, np_dtype)
    arrays, copies = [], []
    for t in (param, grad, *states):
        if t is None:
            arrays.append(_empty(work))
            continue
        a, copied = _flat(t)
        if a.dtype != work:
            a, copied = a.astype(work), True
        arrays.append(a)
        if copied and t is not grad:
            copies.append((t, a))
    cast = work.type
    kernel(*arrays, *[cast(s) for s in scalars], *flags)
    for t, a in copies:
        view = t._np()
        view[...] = a.reshape(view.shape).astype(np_dtype)
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
    kernel = backend_of(grad.device).fused("optim_unscale_and_check")
    np_dtype = grad.dtype.np
    work = _WORK_DTYPE.get(np_dtype, np_dtype)
    a, copied = _flat(grad)
    if a.dtype != work:
        a, copied = a.astype(work), True
    found = bool(kernel(a, work.type(inv_scale)))
    if copied:
        grad._np()[...] = a.reshape(grad._np().shape).astype(np_dtype)
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
