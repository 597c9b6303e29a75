"""Broken checkpoints give an error that names the file and what is wrong, never a bare KeyError or
EOFError from deep inside; crafted files cannot build views outside their storage."""
import io
import pickle
import zipfile

import pytest
import torch as real_torch

import reference as torch


def good(tmp_path):
    path = tmp_path / "good.pt"
    torch.save({"a": torch.arange(1000, dtype=torch.float32), "b": [1, 2]}, path)
    return path.read_bytes()


def rezip(data, drop=(), replace=None):
    """The checkpoint's records, some dropped or replaced, in a new zip."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if any(info.filename.endswith(d) for d in drop):
                continue
            body = (replace or {}).get(info.filename.split("/", 1)[1], src.read(info.filename))
            dst.writestr(info.filename, body)
    return out.getvalue()


CASES = {
    "empty": lambda b: b"",
    "truncated-half": lambda b: b[:len(b) // 2],
    "truncated-tail": lambda b: b[:-30],
    "garbage": lambda b: b"\x00\x01garbage" * 20,
    "no-data-pkl": lambda b: rezip(b, drop=("data.pkl",)),
    "no-storage-record": lambda b: rezip(b, drop=("data/0",)),
    "short-storage-record": lambda b: rezip(b, replace={"data/0": b"\x00" * 12}),
    "pickle-cut": lambda b: rezip(b, replace={"data.pkl": zipfile.ZipFile(io.BytesIO(b)).read("archive/data.pkl")[:40]}),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_error_names_the_file(tmp_path, case):
    path = tmp_path / f"{case}.pt"
    path.write_bytes(CASES[case](good(tmp_path)))
    with pytest.raises((RuntimeError, pickle.UnpicklingError)) as info:
        torch.load(path)
    assert str(path) in str(info.value)
    assert not isinstance(info.value, (KeyError, EOFError))


def test_view_past_its_storage_is_refused(tmp_path):
    buf = io.BytesIO()
    real_torch.save(real_torch.ones(4), buf)
    data = zipfile.ZipFile(io.BytesIO(buf.getvalue())).read("archive/data.pkl")
    forged = data.replace(b"K\x04\x85", b"M\x00\x10\x85")  # size (4,) -> (4096,) over 4 elements
    assert forged != data
    path = tmp_path / "forged.pt"
    path.write_bytes(rezip(buf.getvalue(), replace={"data.pkl": forged}))
    with pytest.raises(pickle.UnpicklingError, match="past the end of its storage"):
        torch.load(path)


def test_unsupported_dtype_is_named(tmp_path):
    path = tmp_path / "bf16.pt"
    real_torch.save(real_torch.ones(3, dtype=real_torch.bfloat16), path)
    with pytest.raises(RuntimeError, match="BFloat16Storage"):
        torch.load(path)


def test_refusal_names_file_and_global(tmp_path):
    path = tmp_path / "evil.pt"
    path.write_bytes(pickle.dumps(print, protocol=2))
    with pytest.raises(pickle.UnpicklingError) as info:
        torch.load(path)
    assert str(path) in str(info.value) and "builtins.print" in str(info.value)


def test_pickle_module_needs_weights_only_false():
    with pytest.raises(RuntimeError, match="pickle_module"):
        torch.load(io.BytesIO(b""), pickle_module=pickle)


def test_mmap_needs_a_file(tmp_path):
    buf = io.BytesIO()
    torch.save(torch.ones(2), buf)
    buf.seek(0)
    with pytest.raises(ValueError, match="mmap"):
        torch.load(buf, mmap=True)


def test_cuda_location_without_cuda(tmp_path):
    buf = io.BytesIO()
    real_torch.save(real_torch.ones(2), buf)
    data = zipfile.ZipFile(io.BytesIO(buf.getvalue())).read("archive/data.pkl")
    moved = data.replace(b"X\x03\x00\x00\x00cpu", b"X\x06\x00\x00\x00cuda:0")
    path = tmp_path / "cuda.pt"
    path.write_bytes(rezip(buf.getvalue(), replace={"data.pkl": moved}))
    with pytest.raises(RuntimeError, match="CUDA"):
        torch.load(path)
    assert torch.load(path, map_location="cpu").tolist() == [1.0, 1.0]
    assert torch.load(path, map_location={"cuda:0": "cpu"}).tolist() == [1.0, 1.0]


@pytest.mark.parametrize("value", [set(), {1}, frozenset([1]), bytearray(b"x"), complex(1, 2), slice(1, 2),
                                   range(3), b"", b"ab", 2 ** 70], ids=repr)
def test_allow_list_matches_torch(value):
    """Plain Python values load under weights_only exactly when torch's default allow-list loads them."""
    def loads(save, load):
        buf = io.BytesIO()
        save({"v": value}, buf)
        buf.seek(0)
        try:
            return load(buf)["v"] == value
        except pickle.UnpicklingError:
            return False
    assert loads(torch.save, torch.load) == loads(real_torch.save, real_torch.load)
