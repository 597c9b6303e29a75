"""Namespace detection, and the structural checks of returned grads on an engine that does not
validate them (torch's engine casts dtypes and rejects shapes before gradcheck sees them, so a
pass-through proxy stands in for an engine that would not)."""
from types import SimpleNamespace

import pytest

from gradcheck import GradcheckError
from gradcheck._core import run
from gradcheck._errors import GRAD_DTYPE, GRAD_SHAPE, GRAD_TYPE
from gradcheck._namespace import Namespace, namespace_of

from .corpus import arr, leaf


def test_namespace_is_taken_from_the_inputs(ns):
    x = leaf(ns, arr((2,), 1))
    assert namespace_of([1.0, x, "s"]) is ns
    assert namespace_of([1.0, None]) is None


def test_tensor_subclasses_map_to_their_library(torch):
    p = torch.nn.Parameter(torch.zeros(2, dtype=torch.float64))
    assert namespace_of([p]) is torch


def test_mixing_libraries_is_refused(torch):
    class Fake:  # a library whose Tensor is this class
        pass
    import sys
    import types
    mod = types.ModuleType("fake_tensor_lib")
    mod.Tensor = Fake
    Fake.__module__ = "fake_tensor_lib"
    sys.modules["fake_tensor_lib"] = mod
    try:
        with pytest.raises(TypeError, match="mix tensors of torch and fake_tensor_lib"):
            namespace_of([torch.zeros(1), Fake()])
    finally:
        del sys.modules["fake_tensor_lib"]


def _proxy(ns, mangle):
    """ns, except that autograd.grad passes every gradient through `mangle`."""
    def grad(outputs, inputs, grad_outputs=None, **kwargs):
        return tuple(None if g is None else mangle(g)
                     for g in ns.autograd.grad(outputs, inputs, grad_outputs, **kwargs))
    return SimpleNamespace(__name__=ns.__name__, Tensor=ns.Tensor, from_numpy=ns.from_numpy,
                           zeros_like=ns.zeros_like, float64=ns.float64, float32=ns.float32,
                           autograd=SimpleNamespace(grad=grad))


@pytest.mark.parametrize("mangle, kind, text", [
    (lambda ns: (lambda g: g.to(ns.float32)), GRAD_DTYPE,
     "the gradient for input 0 has dtype float32 but input 0 has dtype float64"),
    (lambda ns: (lambda g: g.reshape(-1)), GRAD_SHAPE,
     "the gradient for input 0 has shape (6,) but input 0 has shape (2, 3)"),
    (lambda ns: (lambda g: g.detach().numpy()), GRAD_TYPE, "the gradient for input 0 is a ndarray"),
])
def test_returned_grads_are_checked_for_shape_dtype_and_type(ns, mangle, kind, text):
    x = leaf(ns, arr((2, 3), 2))
    with pytest.raises(GradcheckError) as info:
        run(ns.sin, (x,), eps=1e-6, atol=1e-5, rtol=1e-3, raise_exception=True, nondet_tol=0.0,
            check_undefined_grad=True, check_batched_grad=False, fast_mode=False,
            ns=Namespace(_proxy(ns, mangle(ns))))
    assert info.value.kinds == [kind]
    assert text in str(info.value)
