"""Batched matrix product out (B, n, m) = a (B, n, k) @ b (B, k, m), tiled through shared memory.

Each block computes one TILE x TILE tile of one batch's output; it walks k in TILE steps, the block
loading one tile of a and one of b into shared memory (each thread one element, zero-padded at the
edges), then each thread accumulating its dot product from the shared tiles. Operands are read
through their strides (a transposed view costs nothing); floats accumulate in float64, integers in
int64. Grid: (tiles along m, tiles along n, batches), capped by _launch.matmul_grid; blocks stride
over the tiles and batches beyond the grid (the simulator runs one block).
"""
from numba import cuda, float64, int64

from ._launch import TILE


def _tiled(acc_type):
    @cuda.jit
    def kernel(A, ao, as0, as1, as2, Bm, bo, bs0, bs1, bs2, O, oo, B, n, k, m, zero):
        ta = cuda.shared.array((TILE, TILE), acc_type)
        tb = cuda.shared.array((TILE, TILE), acc_type)
        tx = cuda.threadIdx.x
        ty = cuda.threadIdx.y
        # a block's loops depend on its block index only, so every thread reaches each syncthreads
        for batch in range(cuda.blockIdx.z, B, cuda.gridDim.z):
            abase = ao + batch * as0
            bbase = bo + batch * bs0
            for tile_row in range(cuda.blockIdx.y, (n + TILE - 1) // TILE, cuda.gridDim.y):
                row = tile_row * TILE + ty
                for tile_col in range(cuda.blockIdx.x, (m + TILE - 1) // TILE, cuda.gridDim.x):
                    col = tile_col * TILE + tx
                    acc = zero
                    for k0 in range(0, k, TILE):
                        ka = k0 + tx
                        kb = k0 + ty
                        ta[ty, tx] = A[abase + row * as1 + ka * as2] if (row < n and ka < k) else 0
                        tb[ty, tx] = Bm[bbase + kb * bs1 + col * bs2] if (kb < k and col < m) else 0
                        cuda.syncthreads()
                        for j in range(TILE):
                            acc += ta[ty, j] * tb[j, tx]
                        cuda.syncthreads()
                    if row < n and col < m:
                        O[oo + (batch * n + row) * m + col] = acc
    return kernel


bmm_float = _tiled(float64)
bmm_int = _tiled(int64)
