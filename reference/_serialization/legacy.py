"""torch's legacy (pre-1.6, non-zip) checkpoint stream: pickled magic number, protocol, system info, the
object tree, the list of storage keys, then each storage as an int64 element count and its raw bytes."""
import pickle
import struct

import numpy as np

MAGIC = 0x1950a86a20f9469cfc6c
PROTOCOL = 1001


SYS_INFO = {"protocol_version": PROTOCOL, "little_endian": True, "type_sizes": {"short": 2, "int": 4, "long": 4}}


def write_legacy(fh, payload, storages, dumps_plain, host_array):
    """The stream torch.save(..., _use_new_zipfile_serialization=False) writes; payload is the object tree
    pickled with six-field storage ids, storages its [(key, storage, dtype)]."""
    for header in (MAGIC, PROTOCOL, SYS_INFO):
        fh.write(dumps_plain(header))
    fh.write(payload)
    fh.write(dumps_plain([key for key, _, _ in storages]))
    for _, storage, _ in storages:
        array = host_array(storage)
        fh.write(struct.pack("<q", array.size))
        fh.write(memoryview(array).cast("B"))


def load_legacy(fh, label, new_unpickler, make_storage):
    """new_unpickler(persistent_load) -> an unpickler on fh; make_storage(array, dtype, location)."""
    def refuse_storage(pid):
        raise pickle.UnpicklingError(f"{label}: corrupt checkpoint: storage reference before the object tree")

    if new_unpickler(refuse_storage).load() != MAGIC:
        raise RuntimeError(f"{label}: not a torch checkpoint (invalid magic number; corrupt file?)")
    if new_unpickler(refuse_storage).load() != PROTOCOL:
        raise RuntimeError(f"{label}: corrupt checkpoint: unsupported legacy protocol version")
    sys_info = new_unpickler(refuse_storage).load()
    little = not isinstance(sys_info, dict) or sys_info.get("little_endian", True)

    roots = {}  # key -> (array, dtype), filled after the object tree is read
    views = {}

    def storage_for(pid):
        if not isinstance(pid, tuple) or len(pid) != 6 or pid[0] != "storage":
            raise pickle.UnpicklingError(f"{label}: corrupt checkpoint: unknown persistent id {pid!r}")
        _, stype, key, location, numel, view = pid
        dtype = _dtype_of(stype, label)
        if key not in roots:
            roots[key] = (np.empty(int(numel), dtype.np), dtype, location)
        array = roots[key][0]
        if view is not None:
            view_key, offset, size = view
            if view_key not in views:
                views[view_key] = make_storage(array[offset:offset + size], dtype, location)
            return views[view_key]
        if ("root", key) not in views:
            views[("root", key)] = make_storage(array, dtype, location)
        return views[("root", key)]

    result = new_unpickler(storage_for).load()
    keys = new_unpickler(refuse_storage).load()
    for key in keys:
        if key not in roots:
            raise RuntimeError(f"{label}: corrupt checkpoint: data for unknown storage {key!r}")
        array = roots[key][0]
        head = fh.read(8)
        if len(head) != 8:
            raise RuntimeError(f"{label}: truncated checkpoint: storage {key} is missing")
        (count,) = struct.unpack("<q" if little else ">q", head)
        if count != array.size:
            raise RuntimeError(f"{label}: corrupt checkpoint: storage {key} has {count} elements, expected "
                               f"{array.size}")
        view = memoryview(array.view(np.uint8))
        got = 0
        while got < view.nbytes:
            n = fh.readinto(view[got:])
            if not n:
                raise RuntimeError(f"{label}: truncated checkpoint: storage {key} has {got} of {view.nbytes} bytes")
            got += n
        if not little:
            array.byteswap(inplace=True)
    return result


def _dtype_of(stype, label):
    dtype = getattr(stype, "dtype", None)
    if dtype is None:
        name = getattr(stype, "name", repr(stype))
        raise RuntimeError(f"{label}: the checkpoint holds {name} tensors, a dtype the reference does not support")
    return dtype
