"""torch's zip container: `<archive>/data.pkl`, `<archive>/data/<key>` (raw little-endian storage bytes,
64-byte aligned so they can be memory-mapped), and small version records. Entries are stored, not
compressed; a record is written straight from the storage's memory, never copied whole."""
import os
import struct
import zipfile

ALIGNMENT = 64
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")  # zipfile's local file header layout
_PAD_ID = 0x4246  # the 'FB' extra field torch pads with
_ZIP64_EXTRA = 20


class ZipWriter:
    def __init__(self, fileobj, archive="archive"):
        self.zf = zipfile.ZipFile(fileobj, mode="w", compression=zipfile.ZIP_STORED, allowZip64=True)
        self.prefix = archive + "/"

    def write(self, name, data):
        """One record; `data` is bytes or a 1-D C-contiguous buffer (written without a copy)."""
        view = memoryview(data).cast("B")
        info = zipfile.ZipInfo(self.prefix + name, date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_STORED
        info.file_size = view.nbytes
        zip64 = view.nbytes * 1.05 > zipfile.ZIP64_LIMIT
        start = self.zf.fp.tell() + _LOCAL_HEADER.size + len(info.filename.encode("utf-8"))
        start += _ZIP64_EXTRA if zip64 else 0
        pad = -start % ALIGNMENT
        if pad and pad < 4:  # an extra field needs 4 bytes of its own header
            pad += ALIGNMENT
        if pad:
            info.extra = struct.pack("<HH", _PAD_ID, pad - 4) + b"Z" * (pad - 4)
        with self.zf.open(info, mode="w", force_zip64=zip64) as out:
            out.write(view)

    def close(self):
        self.zf.close()


class ZipReader:
    def __init__(self, fileobj, label):
        self.file = fileobj
        self.label = label
        self.zf = zipfile.ZipFile(fileobj)
        names = self.zf.namelist()
        pkl = [n for n in names if n.endswith("data.pkl") and n.count("/") <= 1]
        if not pkl:
            raise RuntimeError(f"{label}: not a torch checkpoint: the zip archive has no data.pkl record")
        self.prefix = pkl[0][:-len("data.pkl")]
        self.infos = {i.filename: i for i in self.zf.infolist()}

    def has(self, name):
        return self.prefix + name in self.infos

    def read(self, name):
        return self.zf.read(self.prefix + name)

    def size(self, name):
        return self._info(name).file_size

    def _info(self, name):
        info = self.infos.get(self.prefix + name)
        if info is None:
            raise RuntimeError(f"{self.label}: corrupt checkpoint: the record {self.prefix + name} is missing")
        return info

    def data_offset(self, name):
        """Where a stored record's bytes start in the file."""
        info = self._info(name)
        if info.compress_type != zipfile.ZIP_STORED:
            return None
        self.file.seek(info.header_offset)
        head = self.file.read(_LOCAL_HEADER.size)
        if len(head) != _LOCAL_HEADER.size or head[:4] != b"PK\x03\x04":
            raise RuntimeError(f"{self.label}: corrupt checkpoint: bad local header for {info.filename}")
        fields = _LOCAL_HEADER.unpack(head)
        return info.header_offset + _LOCAL_HEADER.size + fields[10] + fields[11]

    def read_into(self, name, buffer):
        """Fill `buffer` (a writable byte view of exactly the record's size) from the record."""
        view = memoryview(buffer).cast("B")
        offset = self.data_offset(name)
        if offset is None:
            view[:] = self.read(name)
            return
        self.file.seek(offset)
        got = 0
        while got < view.nbytes:
            n = self.file.readinto(view[got:])
            if not n:
                raise RuntimeError(f"{self.label}: truncated checkpoint: record {self.prefix + name} has "
                                   f"{got} of {view.nbytes} bytes")
            got += n


def is_zip(fileobj):
    start = fileobj.tell()
    magic = fileobj.read(4)
    fileobj.seek(start)
    return magic == b"PK\x03\x04"


def fsync(fileobj):
    fileobj.flush()
    os.fsync(fileobj.fileno())
