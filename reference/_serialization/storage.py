"""Storages read back from a checkpoint, and the tensors rebuilt over them (checked to stay in bounds:
a crafted file must not make a view that reads outside its storage)."""
import pickle

from .. import cuda
from .._device import CPU, as_device
from .._storage import Storage
from .._tensor import Tensor


class LoadedStorage:
    def __init__(self, array, dtype, device, label):
        self.storage = Storage(array, CPU)
        self.dtype = dtype
        self.device = device
        self.label = label

    def tensor(self, offset, size, stride, requires_grad):
        size, stride = tuple(size), tuple(stride)
        n = self.storage.data.size
        if len(size) != len(stride) or offset < 0 or any(s < 0 for s in size) or any(s < 0 for s in stride):
            raise pickle.UnpicklingError(f"{self.label}: corrupt checkpoint: tensor of size {list(size)}, "
                                         f"stride {list(stride)}, offset {offset}")
        if all(size) and offset + sum((d - 1) * s for d, s in zip(size, stride)) >= n:
            raise pickle.UnpicklingError(
                f"{self.label}: corrupt checkpoint: a tensor of size {list(size)}, stride {list(stride)} at "
                f"offset {offset} reaches past the end of its storage of {n} elements")
        t = Tensor._make(self.storage, size, stride, offset, self.dtype)
        if self.device.type != "cpu":
            t = t.to(self.device)
        if requires_grad:
            t.requires_grad_(True)
        return t


def location_mapper(map_location, label):
    """A function from a saved location string ('cpu', 'cuda:0') to the device its storage loads on."""
    def check(dev):
        if dev.type == "cuda" and not cuda.is_available():
            raise RuntimeError(
                f"{label}: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is "
                f"False. If you are running on a CPU-only machine, please use torch.load with "
                f"map_location=torch.device('cpu') to map your storages to the CPU.")
        return dev

    if map_location is None:
        return lambda loc: check(as_device(loc))
    if isinstance(map_location, dict):
        return lambda loc: check(as_device(map_location.get(loc, loc)))
    if callable(map_location):
        return map_location
    fixed = as_device(map_location)
    return lambda loc: check(fixed)
