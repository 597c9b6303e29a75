"""The storage offsets of an advanced (integer-tensor) index on the device, the twin of
backends/cpu/advanced_index.py: per index tensor one launch that reads it at its broadcast
positions, checks bounds, wraps negatives and adds index * stride, and one host read at the end for
the bounds answer (the op layer's composition took several launches per tensor)."""
import math

import numpy as np
from numba import cuda

from ... import _dtype as D
from ..._shape import broadcast_strides, collapse
from . import index_kernels as _ik
from ._launch import grid
from .memory import device_data


def index_offsets(indices, bshape, sizes, strides, out):
    """out (contiguous int64 of bshape) = the summed offsets of the index tensors broadcast to bshape.
    Returns None, or (position of the index tensor, its value) for the first index out of range."""
    n = math.prod(bshape)
    bshape = tuple(bshape)
    first = cuda.to_device(np.full(len(indices), n, np.int64))
    flat = device_data(out)[out._offset:out._offset + n]
    ready = []
    for slot, (it, size, stride) in enumerate(zip(indices, sizes, strides)):
        if it._storage.device != out._storage.device:
            it = it.to(out._storage.device)  # torch accepts CPU indices into a CUDA tensor
        if it.dtype is not D.int64:
            it = it.to(D.int64)  # int64 arithmetic for index * stride on every target
        ready.append(it)
        cshape, (cstrides,) = collapse(bshape, broadcast_strides(tuple(it._shape), tuple(it._stride), bshape))
        _ik.index_offsets[grid(n)](device_data(it), it._offset, cshape, cstrides, np.int64(size), np.int64(stride),
                                   first, slot, flat, n, slot > 0)
    bad = first.copy_to_host()
    for slot, position in enumerate(bad):
        if position < n:
            it = ready[slot]
            return slot, int(it.broadcast_to(bshape).reshape(-1)[int(position)])
    return None
