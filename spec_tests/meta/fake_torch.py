"""A tiny torch-like namespace over NumPy, so the meta tests can drive the harness without torch
or the reference. `make(bug=...)` plants one defect to prove the harness notices it."""
import types

import numpy as np


def make(name="fake_torch", bug=None):
    ns = types.ModuleType(name)

    class dtype:
        def __init__(self, n):
            self.name = n

        def __repr__(self):
            return "torch." + self.name

        def __eq__(self, other):
            return isinstance(other, dtype) and other.name == self.name

        def __hash__(self):
            return hash(self.name)

    for n in ("bool", "uint8", "int8", "int16", "int32", "int64", "float16", "float32", "float64"):
        setattr(ns, n, dtype(n))

    class Tensor:
        def __init__(self, arr):
            self._a = arr

        shape = property(lambda self: self._a.shape)
        dtype = property(lambda self: getattr(ns, self._a.dtype.name))

        def detach(self):
            return self

        def cpu(self):
            return self

        def numpy(self):
            return self._a

        def reshape(self, *shape):
            return Tensor(self._a.reshape(shape))

        def exp(self):
            out = np.exp(self._a.astype(np.float64))
            if bug == "exp-off":
                out = out * (1 + 1e-3)
            return Tensor(out.astype(self._a.dtype))

        def __add__(self, other):
            other = other._a if isinstance(other, Tensor) else other
            out = self._a + other
            if bug == "add-dtype":
                out = out.astype(np.float64)
            if bug == "add-shape":
                out = out.reshape(-1)
            return Tensor(out)

        def __getitem__(self, idx):
            return Tensor(np.asarray(self._a[idx]))

        def __repr__(self):
            return f"tensor({self._a.tolist()})"

    ns.Tensor = Tensor

    def tensor(data, dtype=None, device=None):
        return Tensor(np.array(data, dtype=None if dtype is None else dtype.name))

    def exp(t):
        return t.exp()

    def cat(ts):
        if bug == "cat-no-error":
            return ts[0]
        if len({t.shape[1:] for t in ts}) > 1:
            if bug == "cat-wrong-error":
                raise ValueError("bad")
            if bug == "cat-vague-error":
                raise RuntimeError("sizes differ")
            if bug == "cat-reworded":
                raise RuntimeError(f"cannot join widths {ts[0].shape[1]} and {ts[1].shape[1]}")
            sizes = [str(t.shape[1]) for t in ts]
            raise RuntimeError(f"Sizes of tensors must match: {' vs '.join(sizes)}")
        return Tensor(np.concatenate([t._a for t in ts]))

    ns.tensor, ns.exp, ns.cat = tensor, exp, cat
    return ns
