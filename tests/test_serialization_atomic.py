"""reference.save to a path is atomic: a temporary file in the same folder, fsync, rename. A save that
fails part-way leaves the previous file byte for byte and no temporary file. (torch truncates the old
file first; this guarantee is the reference's own, so it is tested here and not in spec_tests.)"""
import errno
import os

import pytest

import reference as torch
from reference._serialization import zipformat


def previous(tmp_path):
    path = tmp_path / "ckpt.pt"
    torch.save({"w": torch.arange(100, dtype=torch.float32)}, path)
    return path, path.read_bytes()


def leftovers(tmp_path, path):
    return sorted(p.name for p in tmp_path.iterdir() if p != path)


def test_unpicklable_object_leaves_previous_file(tmp_path):
    path, before = previous(tmp_path)
    with pytest.raises(Exception):
        torch.save({"w": torch.ones(3), "f": lambda: 0}, path)
    assert path.read_bytes() == before and leftovers(tmp_path, path) == []


@pytest.mark.parametrize("exc", [OSError(errno.ENOSPC, "No space left on device"), KeyboardInterrupt()])
def test_failure_while_writing_leaves_previous_file(tmp_path, monkeypatch, exc):
    path, before = previous(tmp_path)
    real_write = zipformat.ZipWriter.write
    written = []

    def failing_write(self, name, data):
        if name.startswith("data/") and written:
            raise exc
        written.append(name)
        real_write(self, name, data)
    monkeypatch.setattr(zipformat.ZipWriter, "write", failing_write)
    with pytest.raises(type(exc)):
        torch.save({"a": torch.ones(10), "b": torch.zeros(10)}, path)
    assert path.read_bytes() == before and leftovers(tmp_path, path) == []
    assert written  # the failure really came part-way through the write


def test_success_replaces_and_syncs(tmp_path, monkeypatch):
    path, before = previous(tmp_path)
    synced = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real_fsync(fd)))
    torch.save({"w": torch.tensor([1.0, 2.0])}, path)
    assert path.read_bytes() != before and leftovers(tmp_path, path) == []
    assert len(synced) >= 2  # the file before the rename, the folder after it
    assert torch.load(path)["w"].tolist() == [1.0, 2.0]


def test_file_mode(tmp_path):
    path = tmp_path / "new.pt"
    umask = os.umask(0o022)
    try:
        torch.save(torch.ones(1), path)
    finally:
        os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o644
    os.chmod(path, 0o600)
    torch.save(torch.ones(2), path)
    assert path.stat().st_mode & 0o777 == 0o600


def test_missing_folder(tmp_path):
    with pytest.raises(FileNotFoundError):
        torch.save(torch.ones(1), tmp_path / "no" / "such.pt")
    assert list(tmp_path.iterdir()) == []


def test_records_are_aligned_for_mmap(tmp_path):
    path = tmp_path / "a.pt"
    torch.save({"a": torch.ones(3, dtype=torch.uint8), "b": torch.ones(5, dtype=torch.float64),
                "c": torch.ones(7, dtype=torch.int16)}, path)
    with open(path, "rb") as fh:
        reader = zipformat.ZipReader(fh, str(path))
        offsets = [reader.data_offset(f"data/{k}") for k in range(3)]
    assert all(off % 64 == 0 for off in offsets), offsets
