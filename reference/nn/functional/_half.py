"""float16 layers as torch runs them on the CPU: the input and any half parameters widened to
float32, the layer computed there (the kernels have no half arithmetic), the result rounded back
to half once. The casts are recorded ops, so gradients come back in half as well."""
from ... import _dtype as D


def is_half(t):
    return t is not None and t.dtype is D.float16


def _widened(t):
    return t.to(D.float32) if is_half(t) else t


def in_float32(layer, *tensors):
    """layer(*tensors) computed in float32; its result (or the first of a tuple) back in half."""
    out = layer(*[_widened(t) for t in tensors])
    if isinstance(out, tuple):
        return (out[0].to(D.float16),) + tuple(out[1:])
    return out.to(D.float16)
