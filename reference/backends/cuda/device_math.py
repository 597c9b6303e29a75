"""The scalar math the generated kernels call (`dm.exp(x)`, ...), bound per target.

On a GPU these are the `math` functions numba.cuda lowers to libdevice. The simulator runs kernels as
Python, where `math.log(0.0)` raises instead of returning -inf: there NumPy's scalar ufuncs stand in,
which also keep float32 operands in float32 as the GPU's `logf` does.
"""
import math

import numpy as np
from numba import cuda

from ._launch import SIMULATOR

# Accumulators are float64 on both targets: numba types a literal 0.0 as float64 on a GPU, while
# the simulator's NumPy scalars treat a Python float as weak (0.0 + float16 stays float16), so
# kernels start sums from acc64(0.0).
acc64 = np.float64

if SIMULATOR:
    exp, log, log2, log10, log1p, expm1 = np.exp, np.log, np.log2, np.log10, np.log1p, np.expm1
    sqrt, sin, cos, tan, arcsin, arccos, arctan = np.sqrt, np.sin, np.cos, np.tan, np.arcsin, np.arccos, np.arctan
    sinh, cosh, tanh, floor, ceil, rint, trunc = np.sinh, np.cosh, np.tanh, np.floor, np.ceil, np.rint, np.trunc
    exp2, isinf, isfinite, fmod, arctan2 = np.exp2, np.isinf, np.isfinite, np.fmod, np.arctan2
    arcsinh = np.arcsinh

    def erf(x):
        return type(x)(math.erf(x)) if isinstance(x, np.generic) else math.erf(x)

    def erfc(x):
        return type(x)(math.erfc(x)) if isinstance(x, np.generic) else math.erfc(x)
else:
    exp, log, log2, log10, log1p, expm1 = math.exp, math.log, math.log2, math.log10, math.log1p, math.expm1
    sqrt, sin, cos, tan, arcsin, arccos, arctan = math.sqrt, math.sin, math.cos, math.tan, math.asin, math.acos, math.atan
    sinh, cosh, tanh, floor, ceil, trunc = math.sinh, math.cosh, math.tanh, math.floor, math.ceil, math.trunc
    isinf, isfinite, fmod, arctan2, erf, erfc = math.isinf, math.isfinite, math.fmod, math.atan2, math.erf, math.erfc
    arcsinh = math.asinh

    @cuda.jit(device=True)
    def rint(x):
        return round(x)  # numba.cuda: round-half-even, as torch.round

    @cuda.jit(device=True)
    def exp2(x):
        return math.pow(2.0, x)


@cuda.jit(device=True)
def dot(A, a, sa, Bm, b, sb, count):
    """sum over q < count of A[a + q sa] * Bm[b + q sb], in float64: a row or column of one strided
    buffer against a row or column of another (the inner loop of the products written per thread)."""
    acc = acc64(0.0)
    for q in range(count):
        acc += A[a + q * sa] * Bm[b + q * sb]
    return acc
