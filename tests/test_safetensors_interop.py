"""reference.serialization.save_file/load_file write and read the files safetensors.torch does."""
import numpy as np
import pytest
import safetensors.torch as st_torch
import torch as real_torch

import reference as torch
from reference.serialization import load_file, save_file

DTYPES = ["bool", "uint8", "int8", "int16", "int32", "int64", "float16", "float32", "float64"]


def sample(dtype, seed):
    rng = np.random.default_rng(seed)
    return (rng.standard_normal((3, 4)) * 10).astype(dtype)


@pytest.mark.parametrize("dtype", DTYPES)
def test_reference_file_read_by_torch(tmp_path, dtype):
    arr = sample(dtype, 1)
    path = tmp_path / "r.safetensors"
    save_file({"x": torch.from_numpy(arr), "y": torch.from_numpy(arr).t()}, path, metadata={"k": "v"})
    got = st_torch.load_file(str(path))
    assert got["x"].dtype == getattr(real_torch, dtype)
    np.testing.assert_array_equal(got["x"].numpy(), arr)
    np.testing.assert_array_equal(got["y"].numpy(), arr.T)


@pytest.mark.parametrize("dtype", DTYPES)
def test_torch_file_read_by_reference(tmp_path, dtype):
    arr = sample(dtype, 2)
    path = tmp_path / "t.safetensors"
    st_torch.save_file({"w": real_torch.from_numpy(arr.copy())}, str(path))
    got = load_file(path)
    assert got["w"].dtype is getattr(torch, dtype)
    np.testing.assert_array_equal(got["w"].numpy(), arr)
