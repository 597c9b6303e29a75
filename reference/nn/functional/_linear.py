"""linear and bilinear: y = x W^T + b, y = x1^T A x2 + b."""
from ..._ops._grad_utils import FUSED_DTYPES
from ..._ops._util import empty_tensor
from ..._ops.linalg import _batch_of_one, _batch_of_one_t, _bmm_raw, _matrix_of
from ..._ops.reduction import _run as _reduce
from ..._tensor import Tensor
from ...autograd.grad_mode import is_grad_enabled, no_grad
from ...autograd.graph import needs_grad, record
from ...backends import backend_of

__all__ = ["linear", "bilinear"]


def _d_linear(ctx, g):
    """Gradients of x2 @ W^T + b, x2 the input flattened to (N, in)."""
    x2, weight = ctx.saved_tensors
    in_shape, has_bias, flat = ctx._saved_input_shape, ctx._saved_has_bias, ctx._saved_grad_rows_shape
    if tuple(g.shape) != flat:
        g = g.reshape(flat)
    need = ctx.needs_input_grad
    if is_grad_enabled() or not g.dtype is weight.dtype is x2.dtype:
        # create_graph: the products as differentiable ops
        gx = g.matmul(weight).reshape(in_shape) if need[0] else None
        gw = g.t().matmul(x2) if need[1] else None
        gb = g.sum(0) if has_bias and need[2] else None
    elif _fusable(x2, weight, None):
        # no history to build: one fused call, fresh results (a leaf's gradient the engine can take
        # over without a copy)
        g = g.contiguous()
        dev = g._storage.device
        gx = empty_tensor(tuple(x2._shape), g.dtype, dev) if need[0] else None
        gw = empty_tensor(tuple(weight._shape), g.dtype, dev) if need[1] else None
        gb = empty_tensor((weight._shape[0],), g.dtype, dev) if has_bias and need[2] else None
        backend_of(dev).fused("linear_backward")(g, x2, weight, gx, gw, gb)
        if gx is not None and len(in_shape) != 2:
            gx = gx.reshape(in_shape)
    else:
        # the kernels straight away, transposes by strides
        gx = _matrix_of(_bmm_raw(_batch_of_one(g), _batch_of_one(weight))) if need[0] else None
        if gx is not None and len(in_shape) != 2:
            gx = gx.reshape(in_shape)
        gw = _matrix_of(_bmm_raw(_batch_of_one_t(g), _batch_of_one(x2))) if need[1] else None
        gb = _reduce("sum", g, (0,), False, g.dtype) if has_bias and need[2] else None
    return (gx, gw, gb) if has_bias else (gx, gw)


def _fusable(x2, weight, bias):
    """Whether the fused layer kernels take these operands: contiguous float32/float64 matrices (and
    bias vector) on one device, no dimension of size zero (x2 and weight already agree in dtype and
    in the inner size)."""
    dev = x2._storage.device
    return (x2.dtype in FUSED_DTYPES and weight._storage.device == dev and x2.numel() > 0 and weight.numel() > 0
            and x2.is_contiguous() and weight.is_contiguous()
            and (bias is None or (bias._shape == (weight._shape[0],) and bias._storage.device == dev
                                  and bias.is_contiguous())))



def _add_bias(out, bias):
    """out += bias in place, out a fresh (rows, out_features) product: the backend's add directly
    when bias is a matching vector of out's dtype and device (no in-place op checks to repeat)."""
    be = backend_of(out._storage.device)
    if (bias._shape == (out._shape[1],) and bias._storage.device == out._storage.device
            and be.compute_dtype(out.dtype) is out.dtype):
        be.elementwise("add", [out, bias], out)
    else:
        out.add_(bias.detach())


def linear(input, weight, bias=None):
    if not isinstance(input, Tensor) or not isinstance(weight, Tensor):
        raise TypeError(f"linear(): argument 'input' (position 1) must be Tensor, not {type(input).__name__}"
                        if not isinstance(input, Tensor) else
                        f"linear(): argument 'weight' (position 2) must be Tensor, not {type(weight).__name__}")
    if weight.dim() != 2:
        # torch accepts a 1-D weight (a dot product); the layers never build one
        out = input.matmul(weight)
        return out if bias is None else out + bias
    in_shape = tuple(input.shape)
    rows = 1
    for s in in_shape[:-1]:
        rows *= s
    x2 = input.reshape(rows, in_shape[-1]) if input.dim() != 2 else input
    if input.dim() == 0 or in_shape[-1] != weight.shape[1]:
        a = (rows, in_shape[-1]) if input.dim() else (1, 1)
        raise RuntimeError(f"mat1 and mat2 shapes cannot be multiplied ({a[0]}x{a[1]} and "
                           f"{weight.shape[1]}x{weight.shape[0]})")
    if input.dtype is not weight.dtype or (bias is not None and bias.dtype is not input.dtype):
        other = weight.dtype if input.dtype is not weight.dtype else bias.dtype
        raise RuntimeError(f"mat1 and mat2 must have the same dtype, but got {_name(input.dtype)} and "
                           f"{_name(other)}")
    if _fusable(x2, weight, bias):
        out = empty_tensor((rows, weight._shape[0]), x2.dtype, x2._storage.device)
        backend_of(x2._storage.device).fused("linear_forward")(x2, weight, bias, out)
    else:
        with no_grad():
            out = _matrix_of(_bmm_raw(_batch_of_one(x2), _batch_of_one_t(weight)))
            if bias is not None:
                _add_bias(out, bias)
    out = out.reshape(in_shape[:-1] + (weight.shape[0],)) if input.dim() != 2 else out
    inputs = (input, weight) if bias is None else (input, weight, bias)
    if needs_grad(*inputs):
        node = "AddmmBackward0" if bias is not None else "MmBackward0"
        record(node, _d_linear, inputs, out, save=(x2, weight),
               meta=dict(input_shape=in_shape, has_bias=bias is not None, grad_rows_shape=(rows, weight.shape[0])))
    return out


def _name(dt):
    return {"float32": "Float", "float64": "Double", "float16": "Half"}.get(dt.name, dt.name)


def bilinear(input1, input2, weight, bias=None):
    """y_k = sum_ij x1_i A_kij x2_j + b_k over the last dim of both inputs (leading dims batch)."""
    if input1.dim() != input2.dim():
        raise RuntimeError(f"bilinear(): input dimensions do not match: got {input1.dim()} and {input2.dim()}")
    if tuple(input1.shape[:-1]) != tuple(input2.shape[:-1]):
        raise RuntimeError(f"bilinear(): input batch dimensions do not match: got {tuple(input1.shape[:-1])} "
                           f"and {tuple(input2.shape[:-1])}")
    if input1.shape[-1] != weight.shape[1]:
        raise RuntimeError(f"bilinear(): input1 size does not match weight size: got {input1.shape[-1]} but "
                           f"expected {weight.shape[1]}")
    if input2.shape[-1] != weight.shape[2]:
        raise RuntimeError(f"bilinear(): input2 size does not match weight size: got {input2.shape[-1]} but "
                           f"expected {weight.shape[2]}")
    out_f, in1, in2 = weight.shape
    lead = tuple(input1.shape[:-1])
    x1 = input1.reshape(-1, in1)
    x2 = input2.reshape(-1, in2)
    # (N, in1) @ (in1, out*in2) -> (N, out, in2), then contract in2 with x2
    t = x1.matmul(weight.permute(1, 0, 2).reshape(in1, out_f * in2)).reshape(-1, out_f, in2)
    y = t.matmul(x2.unsqueeze(-1)).squeeze(-1)
    if bias is not None:
        y = y + bias
    return y.reshape(lead + (out_f,))
