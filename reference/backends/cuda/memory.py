"""Device buffers: allocation, host transfers and the byte count behind torch.cuda.memory_allocated."""
import weakref

import numpy as np
from numba import cuda

from ._launch import SIMULATOR

_allocated = [0]


def _track(buf):
    nbytes = int(buf.size) * buf.dtype.itemsize
    _allocated[0] += nbytes
    weakref.finalize(buf, _release, nbytes)
    return buf


def _release(nbytes):
    _allocated[0] -= nbytes


def allocated_bytes():
    return _allocated[0]


def empty(n, np_dtype):
    return _track(cuda.device_array(n, np_dtype))


def from_host(array):
    return _track(cuda.to_device(np.ascontiguousarray(array)))


def to_host(data):
    return data.copy_to_host()


def data_ptr(data):
    if SIMULATOR:
        return data._ary.ctypes.data  # the simulator's device memory is a NumPy array
    return data.device_ctypes_pointer.value or 0


def scalar_cell(value):
    """A one-element device array holding a scalar operand (read with stride 0 by the kernels)."""
    return cuda.to_device(np.array([value]))


def index_array(ix):
    """A device int64 array of indices given as a host array or a contiguous tensor (its elements)."""
    if isinstance(ix, np.ndarray):
        return cuda.to_device(np.ascontiguousarray(ix, np.int64))
    n = 1
    for s in ix._shape:
        n *= s
    return ix._storage.data[ix._offset:ix._offset + n]


def device_data(t):
    """t's flat device array; a tensor of another device is torch's error, never a silent transfer
    (numba would copy a host array to the device for the launch and drop the result)."""
    if t._storage.device.type != "cuda":
        raise RuntimeError("Expected all tensors to be on the same device, but found at least two devices, "
                           f"cuda:0 and {t._storage.device}!")
    return t._storage.data


def operand(t):
    """(flat device array, offset) of t's elements in row-major order: t's own storage when it is
    contiguous, else a contiguous copy made on the device."""
    c = t.contiguous()
    return device_data(c), c._offset


def output(t):
    """(flat device array, offset) of a contiguous output tensor."""
    return device_data(t), t._offset


_PLACEHOLDER = []


def optional_operand(t):
    """(array, offset, present) of an optional operand; a one-element placeholder when it is None."""
    if t is None:
        if not _PLACEHOLDER:
            _PLACEHOLDER.append(cuda.to_device(np.zeros(1)))
        return _PLACEHOLDER[0], 0, False
    return (*operand(t), True)
