"""safetensors files through the `safetensors` package's NumPy API: the same bytes and dtype tags as
safetensors.torch, so files interchange with torch."""
import numpy as np
from safetensors import numpy as st_numpy

from .._ops.creation import from_numpy


def _arrays(tensors):
    out = {}
    for name, t in tensors.items():
        if not isinstance(name, str):
            raise TypeError(f"safetensors keys must be str, got {type(name).__name__}")
        out[name] = np.ascontiguousarray(t.detach().cpu().numpy())
    return out


def save_file(tensors, filename, metadata=None):
    """Write a dict of name -> tensor to a .safetensors file."""
    st_numpy.save_file(_arrays(tensors), str(filename), metadata=metadata)


def load_file(filename, device="cpu"):
    """Read a .safetensors file into a dict of name -> tensor."""
    out = {k: from_numpy(np.array(v, copy=True)) for k, v in st_numpy.load_file(str(filename)).items()}
    if str(device) != "cpu":
        out = {k: v.to(device) for k, v in out.items()}
    return out


def save(tensors, metadata=None):
    return st_numpy.save(_arrays(tensors), metadata=metadata)


def load(data):
    return {k: from_numpy(np.array(v, copy=True)) for k, v in st_numpy.load(data).items()}
