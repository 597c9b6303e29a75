"""Plain pickling of a tensor (copy.deepcopy, multiprocessing queues): its values, dtype, device and
requires_grad, never its storage sharing. Checkpoint files use pickler.py instead."""
import numpy as np

from .._ops.creation import from_numpy


def _tensor_state(t):
    # the NumPy view pickles only the elements it shows (no copy of the whole storage first)
    data = t.detach().cpu()._np()
    return (data, t.dtype.name, str(t.device), t.requires_grad)


def _rebuild_tensor(data, dtype_name, device, requires_grad):
    own = data.flags.writeable and data.flags.c_contiguous and data.base is None
    t = from_numpy(data if own else np.array(data, copy=True))
    if device != "cpu":
        t = t.to(device)
    if requires_grad:
        t.requires_grad_(True)
    return t
