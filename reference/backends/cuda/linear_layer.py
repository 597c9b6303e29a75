"""The fused linear layer on the device (the twin of backends/cpu/linear_layer.py, same signatures): the
products are the backend's tiled matrix product reading transposes through strides, the bias a pass over
the output's elements, the bias gradient the row products' column sum (one thread per column, float64)."""
import numpy as np
from numba import cuda

from . import matmul_kernels as _mk
from . import row_products as _rp
from ._launch import TILE, grid, matmul_grid
from .memory import output


@cuda.jit
def _add_rows(O, oo, B, bo, n, m):
    for k in range(cuda.grid(1), n * m, cuda.gridsize(1)):
        O[oo + k] += B[bo + k % m]


def _product(a, ao, a_strides, b, bo, b_strides, out, n, k, m):
    """out (n, m) = a (n, k) @ b (k, m), each operand read through its (row, column) strides."""
    _mk.bmm_float[matmul_grid(n, m, 1), (TILE, TILE)](a, ao, 0, *a_strides, b, bo, 0, *b_strides, *output(out),
                                                      1, n, k, m, np.float64(0))


def linear_forward(x, w, bias, out):
    n, i = x._shape
    o = w._shape[0]
    X, W = x._storage.data, w._storage.data
    _product(X, x._offset, (i, 1), W, w._offset, (1, i), out, n, i, o)
    if bias is not None:
        _add_rows[grid(n * o)](*output(out), bias._storage.data, bias._offset, n, o)


def linear_backward(g, x, w, gx, gw, gb):
    n, o = g._shape
    i = x._shape[1]
    G, X, W = g._storage.data, x._storage.data, w._storage.data
    if gx is not None:
        _product(G, g._offset, (o, 1), W, w._offset, (i, 1), gx, n, o, i)
    if gw is not None:
        _product(G, g._offset, (1, o), X, x._offset, (i, 1), gw, o, n, i)
    if gb is not None:
        _rp.column_sums[grid(o)](G, g._offset, n, o, *output(gb))
