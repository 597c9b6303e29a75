"""Tensor: flat storage + shape + strides + offset + dtype; the device lives with the storage.

Everything that computes lives in _ops/; this module holds the layout, autograd bookkeeping and the
small methods that only read metadata. The op methods and operators are bound once, from the op
registries, by _ops/methods.py (this module sits below the ops and never imports them).
"""
import weakref

import numpy as np

from ._print import tensor_repr
from ._shape import Size, contiguous_strides, is_contiguous, normalize_dim, numel
from .autograd.engine import backward as _run_backward
from .autograd.grad_mode import is_grad_enabled, no_grad
from .autograd.graph import _RemovableHandle
from .backends import backend_of


class Tensor:
    """A strided view of a flat storage. `reference.Tensor(...)` and the legacy typed constructors
    (`FloatTensor`, ...) build tensors through `_legacy_new`, bound from the creation ops."""
    __slots__ = ("_storage", "_shape", "_stride", "_offset", "dtype", "_requires_grad", "grad",
                 "grad_fn", "_output_nr", "_base", "_retains_grad", "_hooks", "_acc_ref", "_np_cache",
                 "_is_param", "__weakref__", "__dict__")

    _legacy_new = None  # (args, kwargs, dtype) -> Tensor; bound by _ops/methods.py

    def __new__(cls, *args, **kwargs):
        # torch.Tensor(2, 3) is an uninitialised float tensor; torch.Tensor([1, 2]) copies data;
        # torch.Tensor() is an empty 1-D tensor.
        if cls is not Tensor and not args and not kwargs:
            return object.__new__(cls)
        t = Tensor._legacy_new(args, kwargs, None)
        if cls is Tensor:
            return t
        obj = object.__new__(cls)
        obj._init_from(t)
        return obj

    def __init__(self, *args, **kwargs):
        pass

    @classmethod
    def _make(cls, storage, shape, stride, offset, dtype):
        t = object.__new__(Tensor)
        t._storage = storage
        t._shape = shape if type(shape) is Size else Size(shape)
        t._stride = stride
        t._offset = offset
        t.dtype = dtype
        t._requires_grad = False
        t.grad = None
        t.grad_fn = None
        t._output_nr = 0
        t._base = None
        t._retains_grad = False
        t._hooks = None
        t._acc_ref = None
        t._np_cache = None
        t._is_param = False
        return t

    def _init_from(self, t):
        for name in ("_storage", "_shape", "_stride", "_offset", "dtype", "_requires_grad", "grad",
                     "grad_fn", "_output_nr", "_base", "_retains_grad", "_hooks", "_acc_ref",
                     "_np_cache", "_is_param"):
            object.__setattr__(self, name, getattr(t, name))

    # ---- layout ----
    @property
    def shape(self):
        return self._shape

    def size(self, dim=None):
        if dim is None:
            return self._shape
        return self._shape[normalize_dim(dim, len(self._shape))]

    def stride(self, dim=None):
        if dim is None:
            return self._stride
        return self._stride[normalize_dim(dim, len(self._shape))]

    def storage_offset(self):
        return self._offset

    def dim(self):
        return len(self._shape)

    ndimension = dim

    @property
    def ndim(self):
        return len(self._shape)

    def numel(self):
        return numel(self._shape)

    nelement = numel

    def element_size(self):
        return self.dtype.itemsize

    def is_contiguous(self, memory_format=None):
        return is_contiguous(self._shape, self._stride)

    def data_ptr(self):
        return self._storage_ptr() + self._offset * self.dtype.itemsize

    def _storage_ptr(self):
        return backend_of(self._storage.device).data_ptr(self._storage.data)

    def untyped_storage(self):
        return self._storage

    @property
    def device(self):
        return self._storage.device

    @property
    def is_cuda(self):
        return self._storage.device.type == "cuda"

    @property
    def is_leaf(self):
        return self.grad_fn is None

    def is_floating_point(self):
        return self.dtype.is_floating_point

    def is_complex(self):
        return False

    def type(self, dtype=None):
        if dtype is not None:
            return self.to(dtype)
        names = {"float32": "Float", "float64": "Double", "float16": "Half", "int64": "Long",
                 "int32": "Int", "int16": "Short", "int8": "Char", "uint8": "Byte", "bool": "Bool"}
        prefix = "torch.cuda." if self.is_cuda else "torch."
        return f"{prefix}{names[self.dtype.name]}Tensor"

    def _np(self):
        """The CPU numpy view of this tensor's elements (shares memory)."""
        v = self._np_cache
        if v is None:
            isz = self.dtype.itemsize
            v = np.ndarray(self._shape, self.dtype.np, self._storage.data, self._offset * isz,
                           tuple(s * isz for s in self._stride))
            self._np_cache = v
        return v

    def _view_of(self, shape, stride, offset):
        """A new tensor sharing this one's storage (and version counter) with other metadata."""
        t = Tensor._make(self._storage, shape, stride, offset, self.dtype)
        t._base = self if self._base is None else self._base
        return t

    def _alias(self):
        t = Tensor._make(self._storage, self._shape, self._stride, self._offset, self.dtype)
        return t

    def _alias_with_history(self, node, output_nr):
        t = self._alias()
        t._requires_grad = True
        t.grad_fn = node
        t._output_nr = output_nr
        return t

    def _set_metadata(self, shape, stride, offset):
        self._shape = Size(shape)
        self._stride = tuple(stride)
        self._offset = offset
        self._np_cache = None

    # ---- autograd ----
    @property
    def requires_grad(self):
        return self._requires_grad

    @requires_grad.setter
    def requires_grad(self, value):
        if self.grad_fn is not None:
            if not value:
                raise RuntimeError("you can only change requires_grad flags of leaf variables. If you "
                                   "want to use a computed variable in a subgraph that doesn't require "
                                   "differentiation use var_no_grad = var.detach().")
            return
        if value and not self.dtype.is_floating_point:
            raise RuntimeError("only Tensors of floating point and complex dtype can require gradients")
        self._requires_grad = bool(value)

    def requires_grad_(self, requires_grad=True):
        self.requires_grad = requires_grad
        return self

    @property
    def data(self):
        t = self._alias()
        return t

    @data.setter
    def data(self, other):
        self._storage = other._storage
        self._set_metadata(other._shape, other._stride, other._offset)
        self.dtype = other.dtype

    def detach(self):
        t = self._alias()
        return t

    def detach_(self):
        if self._base is not None and self._base.requires_grad:
            raise RuntimeError("Can't detach views in-place. Use detach() instead.")
        self.grad_fn = None
        self._requires_grad = False
        return self

    def retain_grad(self):
        if not self._requires_grad:
            raise RuntimeError("can't retain_grad on Tensor that has requires_grad=False")
        if self.grad_fn is None:
            return
        self._retains_grad = True
        self.grad_fn._retain(self._output_nr, weakref.ref(self))

    @property
    def retains_grad(self):
        return self._retains_grad and self.grad_fn is not None

    def register_hook(self, hook):
        if not self._requires_grad:
            raise RuntimeError("cannot register a hook on a tensor that doesn't require gradient")
        if self.grad_fn is not None:
            hooks = self.grad_fn._pre_hook_list(self._output_nr)
        else:
            if self._hooks is None:
                self._hooks = []
            hooks = self._hooks
        hooks.append(hook)
        return _RemovableHandle(hooks, hook)

    def backward(self, gradient=None, retain_graph=None, create_graph=False, inputs=None):
        _run_backward((self,), None if gradient is None else (gradient,), retain_graph, create_graph,
                 inputs=inputs)

    def _check_inplace(self):
        """torch refuses in-place writes that would corrupt autograd history."""
        if is_grad_enabled() and self._requires_grad:
            if self.grad_fn is None and self._base is None:
                raise RuntimeError("a leaf Variable that requires grad is being used in an in-place "
                                   "operation.")
            if self._base is not None and self._base._requires_grad and self._base.grad_fn is None:
                raise RuntimeError("a view of a leaf Variable that requires grad is being used in an "
                                   "in-place operation.")

    def _bump_version(self):
        self._storage.version += 1

    @property
    def _version(self):
        return self._storage.version

    # ---- python protocol ----
    def __len__(self):
        if not self._shape:
            raise TypeError("len() of a 0-d tensor")
        return self._shape[0]

    def __iter__(self):
        if not self._shape:
            raise TypeError("iteration over a 0-d tensor")
        return (self[i] for i in range(self._shape[0]))

    def __repr__(self):
        return tensor_repr(self)

    __str__ = __repr__

    def __format__(self, spec):
        if not self._shape:
            return format(self.item(), spec)
        return repr(self) if not spec else format(repr(self), spec)

    def __hash__(self):
        return id(self)

    def __bool__(self):
        if self.numel() != 1:
            raise RuntimeError(f"Boolean value of Tensor with more than one value is ambiguous")
        return bool(self.item())

    def __float__(self):
        return float(self._scalar_value())

    def __int__(self):
        return int(self._scalar_value())

    def __index__(self):
        if self.dtype.is_floating_point or self.numel() != 1:
            raise TypeError("only integer tensors of a single element can be converted to an index")
        return int(self._scalar_value())

    def _scalar_value(self):
        if self.numel() != 1:
            raise ValueError("only one element tensors can be converted to Python scalars")
        return self.item()

    def __array__(self, dtype=None, copy=None):
        a = self.detach().cpu().numpy()
        return a.astype(dtype) if dtype is not None else a

    def __deepcopy__(self, memo):
        if id(self) in memo:
            return memo[id(self)]
        with_grad = self._requires_grad
        with no_grad():
            t = self.clone()
        t._requires_grad = with_grad and self.grad_fn is None
        if self.grad is not None:
            t.grad = self.grad.clone()
        if type(self) is not Tensor:
            obj = object.__new__(type(self))
            obj._init_from(t)
            obj.__dict__.update({k: v for k, v in self.__dict__.items()})
            t = obj
        memo[id(self)] = t
        return t


# type(t) prints as torch's does for its own module: the class's public home is the package
Tensor.__module__ = "reference"


def contiguous_layout(shape):
    return Size(shape), contiguous_strides(tuple(shape))
