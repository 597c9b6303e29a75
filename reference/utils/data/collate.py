"""default_collate (samples -> one batch) and default_convert (NumPy -> tensors, no batching)."""
import collections.abc
import numbers

import numpy as np

from ..._ops.creation import as_tensor, from_numpy, tensor
from ..._ops.joining import stack
from ..._tensor import Tensor
from ... import _dtype as D

_ERR = "default_collate: batch must contain tensors, numpy arrays, numbers, dicts or lists; found {}"


def _is_numpy(x):
    return type(x).__module__ == "numpy" and type(x).__name__ not in ("str_", "bytes_", "string_")


def _is_namedtuple(x):
    return isinstance(x, tuple) and hasattr(x, "_fields")


def _stack_tensors(batch):
    """torch.stack(batch); plain same-shape CPU tensors are stacked in one NumPy copy (the hot path)."""
    first = batch[0]
    if (first.device.type == "cpu" and not any(t.requires_grad for t in batch)
            and all(t.shape == first.shape and t.dtype is first.dtype for t in batch)):
        try:
            return from_numpy(np.stack([t.numpy() for t in batch]))
        except (TypeError, ValueError, RuntimeError):
            pass
    return stack(batch, 0)


def _same_type(elem, items):
    """A container of elem's type holding items, or a plain list/dict where the type cannot be rebuilt."""
    try:
        return type(elem)(items)
    except TypeError:
        return items


def default_collate(batch):
    elem = batch[0]
    if isinstance(elem, Tensor):
        return _stack_tensors(batch)
    if _is_numpy(elem):
        if isinstance(elem, np.ndarray) and elem.shape != ():
            if elem.dtype.kind in "SaUO":
                raise TypeError(_ERR.format(elem.dtype))
            return default_collate([as_tensor(b) for b in batch])
        if getattr(elem, "shape", None) == ():
            if elem.dtype.kind in "SaUO":
                raise TypeError(_ERR.format(elem.dtype))
            return from_numpy(np.asarray(batch, dtype=elem.dtype))
    if isinstance(elem, float):
        return tensor(batch, dtype=D.float64)
    if isinstance(elem, (bool, numbers.Integral)) and isinstance(elem, int):
        return tensor(batch)
    if isinstance(elem, (str, bytes)):
        return batch
    if isinstance(elem, collections.abc.Mapping):
        items = {key: default_collate([d[key] for d in batch]) for key in elem}
        return items if type(elem) is dict else _same_type(elem, items)
    if _is_namedtuple(elem):
        return type(elem)(*(default_collate(s) for s in zip(*batch)))
    if isinstance(elem, collections.abc.Sequence):
        size = len(elem)
        if any(len(e) != size for e in batch):
            raise RuntimeError("each element in list of batch should be of equal size")
        columns = [default_collate(s) for s in zip(*batch)]
        if isinstance(elem, tuple):
            return columns  # torch returns a list for tuple samples
        return _same_type(elem, columns)
    raise TypeError(_ERR.format(type(elem)))


def default_convert(data):
    if isinstance(data, Tensor):
        return data
    if _is_numpy(data):
        if isinstance(data, np.ndarray) and data.dtype.kind in "SaUO":
            return data
        return as_tensor(data) if isinstance(data, np.ndarray) else as_tensor(np.asarray(data))
    if isinstance(data, collections.abc.Mapping):
        items = {key: default_convert(v) for key, v in data.items()}
        return items if type(data) is dict else _same_type(data, items)
    if _is_namedtuple(data):
        return type(data)(*(default_convert(d) for d in data))
    if isinstance(data, tuple):
        return [default_convert(d) for d in data]
    if isinstance(data, collections.abc.Sequence) and not isinstance(data, (str, bytes)):
        return _same_type(data, [default_convert(d) for d in data])
    return data
