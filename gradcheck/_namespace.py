"""Which tensor library the inputs belong to, and the few operations gradcheck needs from it.

Everything here goes through the namespace's public API (from_numpy, zeros_like, autograd.grad,
Tensor methods), so torch and `reference` take the same code path."""
from __future__ import annotations

import sys
from types import ModuleType

import numpy as np


def _namespace_of_type(cls: type) -> ModuleType | None:
    # Walk the MRO so subclasses (torch.nn.Parameter, a user's Tensor subclass) map to the library
    # whose top-level module exports the base `Tensor` class.
    for klass in cls.__mro__:
        top = sys.modules.get(klass.__module__.split(".")[0])
        if top is not None and getattr(top, "Tensor", None) is klass:
            return top
    return None


def namespace_of(values) -> ModuleType | None:
    """The library of the first tensor among `values`; TypeError if tensors of two libraries mix."""
    found = None
    for v in values:
        mod = _namespace_of_type(type(v))
        if mod is None:
            continue
        if found is not None and mod is not found:
            raise TypeError(f"gradcheck: inputs mix tensors of {found.__name__} and {mod.__name__}")
        found = mod
    return found


class Namespace:
    """A thin adapter around a torch-like module. Holding the module (not importing torch) keeps
    gradcheck usable with only `reference` installed."""

    def __init__(self, module: ModuleType, device=None):
        self.module = module
        self.name = module.__name__
        self.device = device  # where the probes live: the inputs' device (None: the library's default)

    def is_tensor(self, x) -> bool:
        return isinstance(x, self.module.Tensor)

    def is_differentiable(self, x) -> bool:
        return self.is_tensor(x) and x.is_floating_point() and bool(x.requires_grad)

    def to_numpy(self, t, dtype=None) -> np.ndarray:
        """A C-contiguous copy, never a view of the tensor's memory."""
        arr = np.asarray(t.detach().cpu().numpy())
        return np.array(arr, dtype=dtype or arr.dtype, copy=True, order="C")

    def numpy_dtype(self, t) -> np.dtype:
        return np.asarray(t.detach().cpu().numpy()).dtype

    def from_numpy(self, arr: np.ndarray, requires_grad: bool = False):
        t = self.module.from_numpy(arr)
        if self.device is not None and str(self.device) != "cpu":
            t = t.to(self.device)
        if requires_grad:
            t.requires_grad_()
        return t

    def zeros_like(self, t):
        return self.module.zeros_like(t)

    def grad(self, outputs, inputs, grad_outputs, create_graph=False):
        return self.module.autograd.grad(list(outputs), list(inputs), list(grad_outputs),
                                         retain_graph=True, create_graph=create_graph,
                                         allow_unused=True)

    def dtype_name(self, dtype) -> str:
        return str(dtype).split(".")[-1]

    def is_float64(self, t) -> bool:
        return t.dtype == self.module.float64


def resolve(inputs) -> Namespace:
    mod = namespace_of(inputs)
    if mod is None:
        raise TypeError("gradcheck: `inputs` holds no tensor; pass a tensor or a tuple of tensors")
    device = next((v.device for v in inputs if isinstance(v, mod.Tensor)), None)
    return Namespace(mod, device)


def import_namespace(name_or_module) -> ModuleType:
    """`"torch"`, `"reference"` or an already imported module."""
    if isinstance(name_or_module, ModuleType):
        return name_or_module
    import importlib
    return importlib.import_module(name_or_module)
