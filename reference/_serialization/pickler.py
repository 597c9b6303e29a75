"""Pickling a checkpoint's object tree the way torch.save writes it: tensors as
torch._utils._rebuild_tensor_v2 calls over persistent storage ids, dtypes/Size/device as torch globals.

It is the pure-Python pickler (the C one insists on importing every global it writes, and torch is not
ours to import); the object tree holds only metadata, the tensor bytes go to separate records.
"""
import collections
import io
import pickle

from .. import _dtype as D
from .._device import device as Device
from .._shape import Size
from .._tensor import Tensor
from . import names as N


class StorageRef:
    """One tensor's reference to its storage; equal storages get one key (views share on load)."""
    __slots__ = ("storage", "dtype")

    def __init__(self, storage, dtype):
        self.storage, self.dtype = storage, dtype


class CheckpointPickler(pickle._Pickler):
    dispatch = pickle._Pickler.dispatch.copy()

    def __init__(self, file, legacy=False):
        super().__init__(file, protocol=2)
        self.storages = {}  # id(storage) -> (key, storage, dtype), in first-seen order
        self.legacy = legacy  # the legacy stream's storage ids carry a sixth field (view metadata)

    def save_torch_name(self, obj):
        self.write(pickle.GLOBAL + f"{obj.module}\n{obj.name}\n".encode("utf-8"))
        self.memoize(obj)

    dispatch[N.TorchName] = save_torch_name

    def save_dtype(self, obj):
        self.save(N.dtype_name(obj))

    dispatch[D.dtype] = save_dtype

    def reducer_override(self, obj):
        if isinstance(obj, Tensor):
            return self._reduce_tensor(obj)
        if isinstance(obj, Size):
            return N.SIZE, (tuple(obj),)
        if isinstance(obj, Device):
            return N.DEVICE, (str(obj),)
        return NotImplemented

    def _reduce_tensor(self, t):
        hooks = collections.OrderedDict()
        if getattr(t, "_is_param", False):
            plain = t.detach()
            return N.REBUILD_PARAMETER, (plain, t.requires_grad, hooks)
        ref = StorageRef(t.untyped_storage(), t.dtype)
        return N.REBUILD_TENSOR, (ref, t.storage_offset(), tuple(t.shape), tuple(t.stride()), t.requires_grad,
                                  hooks)

    def persistent_id(self, obj):
        if type(obj) is not StorageRef:
            return None
        entry = self.storages.get(id(obj.storage))
        if entry is None:
            entry = (str(len(self.storages)), obj.storage, obj.dtype)
            self.storages[id(obj.storage)] = entry
        key, storage, dtype = entry
        location = str(storage.device) if storage.device.type == "cpu" else \
            f"{storage.device.type}:{storage.device.index or 0}"
        pid = ("storage", N.storage_name(dtype), key, location, storage.data.size)
        return pid + (None,) if self.legacy else pid


def dumps(obj, legacy=False):
    """(pickle bytes, [(key, storage, dtype)]) of an object tree."""
    buf = io.BytesIO()
    p = CheckpointPickler(buf, legacy)
    p.dump(obj)
    return buf.getvalue(), list(p.storages.values())


def dumps_plain(obj):
    """Pickle bytes of a value without tensors (the legacy stream's header pickles)."""
    buf = io.BytesIO()
    CheckpointPickler(buf).dump(obj)
    return buf.getvalue()
