"""reference.save / reference.load in PyTorch's checkpoint format, safe by default.

save writes torch's zip format (torch.load(weights_only=True) reads it); load reads that and torch's
legacy stream. Loading refuses any global outside an allow-list unless weights_only=False. A save to a
path is atomic: a temporary file in the same folder, fsync, rename; a failed save leaves the old file.
"""
import io
import os
import pickle
import struct
import tempfile
import uuid
import zipfile

import numpy as np

from ._device import CPU, as_device
from ._serialization import legacy, pickler, zipformat
from ._serialization.storage import LoadedStorage, location_mapper
from ._serialization.unpickler import (CheckpointUnpickler, StorageType, add_safe_globals, clear_safe_globals,
                                       get_safe_globals, safe_globals)
from ._serialization.safetensors_io import load_file, save_file  # noqa: F401
from ._serialization.tensor_pickle import _rebuild_tensor, _tensor_state  # noqa: F401  (pickles made before)
from ._storage import Storage
from .backends import backend_of

__all__ = ["save", "load", "add_safe_globals", "get_safe_globals", "clear_safe_globals", "safe_globals",
           "save_file", "load_file"]

DEFAULT_PROTOCOL = 2


# ---------------------------------------------------------------- save

def _is_path(f):
    return isinstance(f, (str, os.PathLike))


def save(obj, f, pickle_module=None, pickle_protocol=DEFAULT_PROTOCOL, _use_new_zipfile_serialization=True,
         _disable_byteorder_record=False):
    """Write obj to a path or a binary file object in torch's zip checkpoint format (or, with
    _use_new_zipfile_serialization=False, torch's legacy stream)."""
    legacy_format = not _use_new_zipfile_serialization
    payload, storages = pickler.dumps(obj, legacy_format)  # an unpicklable object fails here, before any write

    def write(fh):
        if legacy_format:
            legacy.write_legacy(fh, payload, storages, pickler.dumps_plain, _host_array)
        else:
            _write_checkpoint(fh, payload, storages)
    if not _is_path(f):
        write(f)
        return
    _atomic_write(os.fspath(f), write)


def _write_checkpoint(fh, payload, storages):
    w = zipformat.ZipWriter(fh)
    w.write("data.pkl", payload)
    w.write(".format_version", b"1")
    w.write(".storage_alignment", str(zipformat.ALIGNMENT).encode())
    w.write("byteorder", b"little")
    for key, storage, _ in storages:
        w.write(f"data/{key}", _host_array(storage))  # one storage at a time: no second copy of the whole
    w.write("version", b"3\n")
    w.write(".data/serialization_id", str(uuid.uuid4().int).zfill(40)[:40].encode())
    w.close()


def _host_array(storage):
    data = storage.data
    if storage.device.type != "cpu":
        data = backend_of(storage.device).to_host(data)
    return np.ascontiguousarray(data)


def _atomic_write(path, write):
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(path)}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            zipformat.fsync(fh)
        os.chmod(tmp, _new_file_mode(path))
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    _fsync_folder(folder)


def _new_file_mode(path):
    try:
        return os.stat(path).st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_folder(folder):
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# ---------------------------------------------------------------- load

def load(f, map_location=None, pickle_module=None, *, weights_only=None, mmap=None, **pickle_load_args):
    """Read a checkpoint written by reference.save or torch.save (zip or legacy format)."""
    if weights_only is None:
        weights_only = True
    if weights_only and pickle_module is not None:
        raise RuntimeError("Can not safely load weights when explicit pickle_module is specified")
    if _is_path(f):
        label = os.fspath(f)
        with open(label, "rb") as fh:
            return _load(fh, label, map_location, weights_only, mmap)
    label = getattr(f, "name", None) or f"<{type(f).__name__}>"
    return _load(f, str(label), map_location, weights_only, mmap)


def _load(fh, label, map_location, weights_only, mmap):
    if mmap and not isinstance(getattr(fh, "name", None), (str, os.PathLike)):
        raise ValueError(f"{label}: mmap=True needs a file path or a file object opened from one")
    try:
        if zipformat.is_zip(fh):
            return _load_zip(fh, label, map_location, weights_only, mmap)
        if mmap:
            raise RuntimeError(f"{label}: mmap can only be used with files saved with "
                               f"`torch.save(_use_new_zipfile_serialization=True)`")
        if not fh.read(1):
            raise RuntimeError(f"{label}: the file is empty, not a checkpoint")
        fh.seek(-1, io.SEEK_CUR)
        return legacy.load_legacy(fh, label, lambda pl: _unpickler(fh, weights_only, pl),
                                  _storage_maker(map_location, label))
    except pickle.UnpicklingError as e:
        raise pickle.UnpicklingError(_labelled(label, e)) from None
    except zipfile.BadZipFile as e:
        raise RuntimeError(f"{label}: not a valid checkpoint: the zip archive is truncated or corrupt ({e})") from None
    except (EOFError, struct.error, KeyError, IndexError, ValueError, TypeError) as e:
        raise RuntimeError(f"{label}: truncated or corrupt checkpoint ({type(e).__name__}: {e})") from None


def _labelled(label, e):
    text = str(e)
    return text if text.startswith(label) else f"{label}: {text}"


def _unpickler(fh, weights_only, persistent_load):
    return CheckpointUnpickler(fh, weights_only, persistent_load)


def _storage_maker(map_location, label):
    where = location_mapper(map_location, label)
    custom = callable(map_location) and not isinstance(map_location, dict)

    def make(array, dtype, location):
        if custom:
            result = map_location(Storage(array, CPU), location)
            if result is None:
                return LoadedStorage(array, dtype, as_device(location), label)
            if isinstance(result, Storage):
                return LoadedStorage(result.data, dtype, result.device, label)
            return LoadedStorage(array, dtype, as_device(result), label)
        return LoadedStorage(array, dtype, where(location), label)
    return make


def _load_zip(fh, label, map_location, weights_only, mmap):
    reader = zipformat.ZipReader(fh, label)
    big_endian = reader.has("byteorder") and reader.read("byteorder").strip() == b"big"
    whole = _map_file(fh, label) if mmap else None
    make = _storage_maker(map_location, label)
    loaded = {}

    def storage_for(pid):
        if not isinstance(pid, tuple) or len(pid) < 5 or pid[0] != "storage":
            raise pickle.UnpicklingError(f"corrupt checkpoint: unknown persistent id {pid!r}")
        _, stype, key, location, numel = pid[:5]
        if key in loaded:
            return loaded[key]
        dtype = legacy._dtype_of(stype, label) if isinstance(stype, StorageType) else None
        if dtype is None:
            raise pickle.UnpicklingError(f"corrupt checkpoint: storage {key} has no storage type")
        name = f"data/{key}"
        nbytes = int(numel) * dtype.itemsize
        if reader.size(name) < nbytes:
            raise RuntimeError(f"{label}: corrupt checkpoint: record {name} holds {reader.size(name)} bytes, "
                               f"its storage needs {nbytes}")
        if whole is not None:
            start = reader.data_offset(name)
            array = whole[start:start + nbytes].view(dtype.np)
        else:
            array = np.empty(int(numel), dtype.np)
            reader.read_into(name, array.view(np.uint8))
        if big_endian:
            array.byteswap(inplace=True)
        loaded[key] = make(array, dtype, location)
        return loaded[key]

    return _unpickler(io.BytesIO(reader.read("data.pkl")), weights_only, storage_for).load()


def _map_file(fh, label):
    """The whole file mapped copy-on-write (torch's mmap=True: pages load on first touch)."""
    return np.memmap(fh.name, dtype=np.uint8, mode="c")
