"""Pickling of tensors (the save/load file format builds on this in a later issue)."""
import numpy as np

from ._ops.creation import from_numpy


def _tensor_state(t):
    data = t.detach().cpu().contiguous()._np().copy()
    return (data, t.dtype.name, str(t.device), t.requires_grad)


def _rebuild_tensor(data, dtype_name, device, requires_grad):
    t = from_numpy(np.array(data, copy=True))
    if device != "cpu":
        t = t.to(device)
    if requires_grad:
        t.requires_grad_(True)
    return t
