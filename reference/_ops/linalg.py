"""Matrix products: one batched kernel call underneath matmul, mm, bmm, mv, dot and outer."""
from .. import _dtype as D
from .._shape import broadcast_shapes, numel
from .._tensor import Tensor
from ..autograd.grad_mode import no_grad
from ..autograd.graph import needs_grad, record
from ..backends import backend_of
from ._grad_utils import renamed as _renamed, sum_to
from ._util import common_device, empty_tensor
from .joining import cat
from . import registry as R

_NAMES = {"float32": "Float", "float64": "Double", "float16": "Half", "int64": "Long", "int32": "Int",
          "int16": "Short", "int8": "Char", "uint8": "Byte", "bool": "Bool"}


def _check_dtypes(a, b, what):
    if not isinstance(a, Tensor) or not isinstance(b, Tensor):
        raise TypeError(f"{what}(): argument must be Tensor")
    if a.dtype is not b.dtype:
        raise RuntimeError(f"expected m1 and m2 to have the same dtype, but got: {a.dtype.name.replace('float32', 'float').replace('float64', 'double')} != "
                           f"{b.dtype.name.replace('float32', 'float').replace('float64', 'double')}")
    if a.dtype is D.bool_:
        raise RuntimeError(f"\"addmm_impl_cpu_\" not implemented for 'Bool'")
    common_device(a, b)


def _bmm_raw(a, b):
    """(B, n, k) @ (B, k, m) without autograd."""
    out = empty_tensor((a._shape[0], a._shape[1], b._shape[2]), a.dtype, a._storage.device)
    if out.numel():
        if a._shape[2] == 0:
            backend_of(out._storage.device).fill(out, 0)
        else:
            backend_of(a._storage.device).bmm(a, b, out)
    return out


def _batch_of_one(t):
    """Matrix t as a (1, n, k) batch without history: metadata only (detach().unsqueeze(0) made two
    tensors through the public ops, a third of a small product's time)."""
    return Tensor._make(t._storage, (1,) + tuple(t._shape), (0,) + tuple(t._stride), t._offset, t.dtype)


def _batch_of_one_t(t):
    """Matrix t transposed, as a (1, k, n) batch without history: metadata only (the product kernel
    reads a transposed operand by its strides, no copy)."""
    return Tensor._make(t._storage, (1, t._shape[1], t._shape[0]), (0, t._stride[1], t._stride[0]), t._offset,
                        t.dtype)


def _matrix_of(out3):
    """The fresh (1, n, m) product as an (n, m) matrix over the same storage."""
    _, n, m = out3._shape
    return Tensor._make(out3._storage, (n, m), (m, 1), out3._offset, out3.dtype)


# backward formulas read the operands by torch's argument names (grad_fn._saved_self, ._saved_mat2)
_SELF_MAT2 = ("self", "mat2")


def _d_mm(ctx, g):
    a, b = ctx._saved_self, ctx._saved_mat2
    ga = g.matmul(b.transpose(-2, -1)) if ctx.needs_input_grad[0] else None
    gb = a.transpose(-2, -1).matmul(g) if ctx.needs_input_grad[1] else None
    return ga, gb


def mm(input, mat2):
    a, b = input, mat2
    _check_dtypes(a, b, "mm")
    if a.dim() != 2 or b.dim() != 2:
        raise RuntimeError(f"{'self' if a.dim() != 2 else 'mat2'} must be a matrix")
    if a._shape[1] != b._shape[0]:
        raise RuntimeError(f"mat1 and mat2 shapes cannot be multiplied ({a._shape[0]}x{a._shape[1]} and "
                           f"{b._shape[0]}x{b._shape[1]})")
    out = _matrix_of(_bmm_raw(_batch_of_one(a), _batch_of_one(b)))
    if needs_grad(a, b):
        record("MmBackward0", _d_mm, (a, b), out, save=(a, b), names=_SELF_MAT2)
    return out


def bmm(input, mat2):
    a, b = input, mat2
    _check_dtypes(a, b, "bmm")
    if a.dim() != 3 or b.dim() != 3:
        raise RuntimeError(f"batch1 must be a 3D tensor" if a.dim() != 3 else "batch2 must be a 3D tensor")
    if a._shape[0] != b._shape[0] or a._shape[2] != b._shape[1]:
        raise RuntimeError(f"Expected size for first two dimensions of batch2 tensor to be: "
                           f"[{a._shape[0]}, {a._shape[2]}] but got: [{b._shape[0]}, {b._shape[1]}].")
    out = _bmm_raw(a.detach(), b.detach())
    if needs_grad(a, b):
        record("BmmBackward0", _d_mm, (a, b), out, save=(a, b), names=_SELF_MAT2)
    return out


def _d_dot(ctx, g):
    a, b = ctx._saved_self, ctx._saved_tensor
    return (g * b if ctx.needs_input_grad[0] else None, g * a if ctx.needs_input_grad[1] else None)


def dot(input, tensor):
    a, b = input, tensor
    if a.dim() != 1 or b.dim() != 1:
        raise RuntimeError(f"1D tensors expected, but got {a.dim()}D and {b.dim()}D tensors")
    if a.dtype is not b.dtype:
        raise RuntimeError(f"dot : expected both vectors to have same dtype, but found {_NAMES[a.dtype.name]} "
                           f"and {_NAMES[b.dtype.name]}")
    if a._shape[0] != b._shape[0]:
        raise RuntimeError(f"inconsistent tensor size, expected tensor [{a._shape[0]}] and src [{b._shape[0]}] "
                           f"to have the same number of elements, but got {a._shape[0]} and {b._shape[0]} "
                           "elements respectively")
    _check_dtypes(a, b, "dot")
    out = _bmm_raw(a.detach().reshape(1, 1, -1), b.detach().reshape(1, -1, 1)).reshape(())
    if needs_grad(a, b):
        record("DotBackward0", _d_dot, (a, b), out, save=(a, b), names=("self", "tensor"))
    return out


def _d_mv(ctx, g):
    a, v = ctx._saved_self, ctx._saved_vec
    ga = g.unsqueeze(1) * v.unsqueeze(0) if ctx.needs_input_grad[0] else None
    gv = a.t().mv(g) if ctx.needs_input_grad[1] else None
    return ga, gv


def mv(input, vec):
    a, v = input, vec
    _check_dtypes(a, v, "mv")
    if a.dim() != 2 or v.dim() != 1:
        raise RuntimeError(f"vector + matrix @ vector expected, got 1, {a.dim()}, {v.dim()}")
    if a._shape[1] != v._shape[0]:
        raise RuntimeError(f"size mismatch, got input ({a._shape[0]}), mat ({a._shape[0]}x{a._shape[1]}), "
                           f"vec ({v._shape[0]})")
    out = _bmm_raw(a.detach().unsqueeze(0), v.detach().reshape(1, -1, 1)).reshape(a._shape[0])
    if needs_grad(a, v):
        record("MvBackward0", _d_mv, (a, v), out, save=(a, v), names=("self", "vec"))
    return out


def outer(input, vec2):
    a, b = input, vec2
    if a.dim() != 1 or b.dim() != 1:
        raise RuntimeError("outer: expected 1-D tensors")
    return a.unsqueeze(1) * b.unsqueeze(0)


ger = outer


def matmul(input, other):
    a, b = input, other
    if not isinstance(a, Tensor) or not isinstance(b, Tensor):
        raise TypeError(f"matmul(): argument 'other' (position 2) must be Tensor, not {type(b).__name__}")
    da, db = a.dim(), b.dim()
    if da == 0 or db == 0:
        raise RuntimeError(f"both arguments to matmul need to be at least 1D, but they are {da}D and {db}D")
    if da == 1 and db == 1:
        return dot(a, b)
    if da == 2 and db == 1:
        return mv(a, b)
    if da == 1 and db == 2:
        if a._shape[0] != b._shape[0]:
            raise RuntimeError(f"mat1 and mat2 shapes cannot be multiplied (1x{a._shape[0]} and "
                               f"{b._shape[0]}x{b._shape[1]})")
        # torch squeezes its fresh product in place: SqueezeBackward4
        return _renamed(mm(a.unsqueeze(0), b).squeeze(0), "SqueezeBackward4")
    if da == 2 and db == 2:
        return mm(a, b)
    # batched: 1-D operands gain a matrix dim that is removed again afterwards
    a2 = a.unsqueeze(0) if da == 1 else a
    b2 = b.unsqueeze(-1) if db == 1 else b
    n, k = a2._shape[-2], a2._shape[-1]
    k2, m = b2._shape[-2], b2._shape[-1]
    if k != k2:
        raise RuntimeError(f"Expected size for first two dimensions of batch2 tensor to be: "
                           f"[{numel(b2._shape[:-2])}, {k}] but got: [{numel(b2._shape[:-2])}, {k2}].")
    batch = broadcast_shapes(tuple(a2._shape[:-2]), tuple(b2._shape[:-2]))
    nb = numel(batch)
    a3 = a2.expand(batch + (n, k)).reshape(nb, n, k)
    b3 = b2.expand(batch + (k, m)).reshape(nb, k, m)
    # the fresh product is viewed without a copy: torch's UnsafeViewBackward0
    out = _renamed(bmm(a3, b3).reshape(batch + (n, m)), "UnsafeViewBackward0")
    if da == 1:
        out = out.squeeze(-2)
    if db == 1:
        out = out.squeeze(-1)
    return out


def addmm(input, mat1, mat2, *, beta=1, alpha=1):
    """beta * input + alpha * (mat1 @ mat2), input broadcast to the product; beta = 0 ignores input
    (its NaN and inf too), as torch documents."""
    res = mm(mat1, mat2)
    if alpha != 1:
        res = res * alpha
    if beta != 0:
        res = res + (input if beta == 1 else input * beta)
    elif tuple(res._shape) != tuple(broadcast_shapes(tuple(input._shape), tuple(res._shape))):
        raise RuntimeError(f"The size of tensor a ({input._shape[-1]}) must match the size of tensor b "
                           f"({res._shape[-1]})")
    return _renamed(res, "AddmmBackward0")


# ---------------------------------------------------------------- registry
R.define_all("matmul", [
    (matmul, "MmBackward0", R.MATCHING),
    (mm, "MmBackward0", R.MATCHING),
    (bmm, "BmmBackward0", R.MATCHING),
    (mv, "MvBackward0", R.MATCHING),
    (dot, "DotBackward0", R.MATCHING),
    (outer, "MulBackward0", R.ARITH),
    (addmm, "AddmmBackward0", R.MATCHING),
])
R.REGISTRY["outer"].aliases = ("ger",)
for _name in ("matmul", "mm", "bmm"):
    R.REGISTRY[_name].autocast = R.LOWER_PRECISION


def _cross_dim(a, b, dim):
    if dim is not None:
        return dim
    # torch.cross without dim: the first dimension of size 3 (deprecated in torch, still its default)
    shape = broadcast_shapes(tuple(a._shape), tuple(b._shape))
    for d, n in enumerate(shape):
        if n == 3:
            return d
    raise RuntimeError(f"no dimension of size 3 in input of shape {list(shape)}")


def _d_cross(ctx, g):
    a, b, d = ctx._saved_self, ctx._saved_other, ctx._saved_dim
    # d(a x b) = da x b + a x db, so <g, a x b> pulls back to (b x g, g x a)
    ga = sum_to(cross(b, g, d), ctx._saved_self_shape) if ctx.needs_input_grad[0] else None
    gb = sum_to(cross(g, a, d), ctx._saved_other_shape) if ctx.needs_input_grad[1] else None
    return ga, gb


def cross(input, other, dim=None):
    """The cross product of 3-vectors along `dim`."""
    d = _cross_dim(input, other, dim)
    shape = broadcast_shapes(tuple(input._shape), tuple(other._shape))
    nd = len(shape)
    d = d + nd if d < 0 else d
    if not 0 <= d < nd or shape[d] != 3:
        raise RuntimeError(f"linalg.cross: inputs dimension {d} must have length 3. Got {input._shape[d] if d < input.dim() else '?'} "
                           f"and {other._shape[d] if d < other.dim() else '?'}")
    with no_grad():
        a, b = input.expand(shape), other.expand(shape)
        a0, a1, a2 = (a.narrow(d, i, 1) for i in range(3))
        b0, b1, b2 = (b.narrow(d, i, 1) for i in range(3))
        res = cat([a1 * b2 - a2 * b1, a2 * b0 - a0 * b2, a0 * b1 - a1 * b0], d)
    if needs_grad(input, other):
        record("LinalgCrossBackward0", _d_cross, (input, other), res, save=(input, other), names=("self", "other"),
               meta={"dim": d, "self_shape": tuple(input._shape), "other_shape": tuple(other._shape)})
    return res


R.define("matmul", cross, node="LinalgCrossBackward0", dtype=R.ARITH)
