"""Functions of matrices in the top-level namespace: trace, diag, matrix_power, and torch.det /
torch.inverse (the linalg functions under their older names, as torch keeps them)."""
from .._tensor import Tensor
from ..autograd.grad_mode import no_grad
from ..autograd.graph import needs_grad, record
from . import registry as R
from .creation import arange, eye, zeros
from .indexing import index_put
from .linalg import matmul
from .linalg_ops import det, inv


def _check_matrix(x, name):
    if not isinstance(x, Tensor):
        raise TypeError(f"{name}(): argument 'input' (position 1) must be Tensor, not {type(x).__name__}")
    if x.dim() != 2:
        raise RuntimeError(f"{name}: expected a matrix, but got tensor with dim {x.dim()}")


def _d_trace(ctx, g):
    n, m = ctx._saved_self_sym_sizes
    return (g * eye(n, m, dtype=g.dtype, device=g.device),)


def trace(input):
    _check_matrix(input, "trace")
    with no_grad():
        res = input.diagonal().sum()
    if needs_grad(input):
        record("TraceBackward0", _d_trace, (input,), res, meta={"self_sym_sizes": tuple(input._shape)})
    return res


def _diagonal_positions(n, m, k, device):
    """(rows, cols) of the diagonal k of an n x m matrix."""
    length = max(0, min(n + min(k, 0), m - max(k, 0)))
    steps = arange(length, device=device)
    return steps + max(-k, 0), steps + max(k, 0)


def _d_diag_embed(ctx, g):
    return (g.diagonal(ctx._saved_offset),)


def _d_diag_of_matrix(ctx, g):
    n, m = ctx._saved_self_sym_sizes
    rows, cols = _diagonal_positions(n, m, ctx._saved_offset, g.device)
    return (index_put(zeros((n, m), dtype=g.dtype, device=g.device), (rows, cols), g),)


def diag(input, diagonal=0):
    """A vector becomes the diagonal `diagonal` of a square matrix; a matrix gives a copy of that diagonal."""
    if not isinstance(input, Tensor) or input.dim() not in (1, 2):
        raise RuntimeError("diag(): Supports 1D or 2D tensors. Got " + (f"{input.dim()}D" if isinstance(input, Tensor)
                                                                         else type(input).__name__))
    k = int(diagonal)
    with no_grad():
        if input.dim() == 1:
            n = input.shape[0] + abs(k)
            res = zeros((n, n), dtype=input.dtype, device=input.device)
            rows, cols = _diagonal_positions(n, n, k, input.device)
            res[rows, cols] = input
            node, backward = "DiagEmbedBackward0", _d_diag_embed
        else:
            res = input.diagonal(k).clone()
            node, backward = "DiagonalBackward0_copy", _d_diag_of_matrix
    if needs_grad(input):
        record(node, backward, (input,), res, meta={"offset": k, "self_sym_sizes": tuple(input._shape)})
    return res


def matrix_power(input, n):
    """input multiplied by itself n times (n < 0: of its inverse); n = 0 gives the identity."""
    if input.dim() < 2 or input.shape[-1] != input.shape[-2]:
        raise RuntimeError(f"linalg.matrix_power: A must be batches of square matrices, but they are "
                           f"{input.shape[-2]} by {input.shape[-1]} matrices")
    if n == 0:
        with no_grad():
            return eye(input.shape[-1], dtype=input.dtype, device=input.device).expand(input.shape).clone()
    base = inv(input) if n < 0 else input
    if abs(n) == 1:
        return base.clone()
    res = base
    for _ in range(abs(n) - 1):
        res = matmul(res, base)
    return res


# ---------------------------------------------------------------- registry
R.define_all("matrix_functions", [
    (trace, "TraceBackward0", R.SAME),
    (diag, "DiagEmbedBackward0", R.SAME),
    (matrix_power, "MmBackward0", R.MATCHING),
])
R.define("matrix_functions", det, node="LinalgDetBackward0", dtype=R.FLOAT_ONLY)
R.define("matrix_functions", inv, name="inverse", node="LinalgInvExBackward0", dtype=R.FLOAT_ONLY)
