"""Dense factorisations on the device, one thread per matrix (the small batched matrices ordinary
code factors: a thread walks its matrix in float64 scratch; a large single matrix would want a
blocked multi-thread factorisation).

Matrices are contiguous (B, n, n) buffers (flat device array + offset). LU with partial pivoting
(rows swapped in the scratch, pivots kept) serves det, inv and solve; Cholesky reads the lower
triangle. A failed factorisation is reported per matrix as the 1-based position of the first zero
pivot / non-positive leading minor (0 when it succeeded), which the host turns into torch's error.
"""
from numba import cuda

from . import device_math as dm


@cuda.jit
def lu_factor(A, ao, LU, piv, sign, bad, B, n):
    """LU (B, n, n) float64 = P A factored in place (unit L below the diagonal, U on and above),
    piv (B, n) the row swapped with row c at step c, sign (B,) the permutation's sign."""
    nn = n * n
    for q in range(cuda.grid(1), B, cuda.gridsize(1)):
        base = q * nn
        for i in range(nn):
            LU[base + i] = A[ao + base + i]
        s = 1.0
        bad[q] = 0
        for c in range(n):
            p = c
            best = abs(LU[base + c * n + c])
            for r in range(c + 1, n):
                v = abs(LU[base + r * n + c])
                if v > best:
                    best = v
                    p = r
            piv[q * n + c] = p
            if best == 0.0:
                if bad[q] == 0:
                    bad[q] = c + 1
                continue
            if p != c:
                s = -s
                for cc in range(n):
                    t = LU[base + c * n + cc]
                    LU[base + c * n + cc] = LU[base + p * n + cc]
                    LU[base + p * n + cc] = t
            d = LU[base + c * n + c]
            for r in range(c + 1, n):
                f = LU[base + r * n + c] / d
                LU[base + r * n + c] = f
                for cc in range(c + 1, n):
                    LU[base + r * n + cc] -= f * LU[base + c * n + cc]
        sign[q] = s


@cuda.jit
def lu_det(LU, sign, B, n, D, do):
    """D[q] = sign * the product of U's diagonal (0 for a singular matrix)."""
    for q in range(cuda.grid(1), B, cuda.gridsize(1)):
        d = dm.acc64(sign[q])
        for c in range(n):
            d *= LU[q * n * n + c * n + c]
        D[do + q] = d


@cuda.jit
def lu_solve(LU, piv, Bv, bo, identity, X, B, n, k):
    """X (B, n, k) = A^-1 b for each column of Bv (B, n, k), or of the identity when `identity`
    (then k == n): one thread per (matrix, column), permute, then forward and back substitution."""
    for e in range(cuda.grid(1), B * k, cuda.gridsize(1)):
        q = e // k
        j = e % k
        base = q * n * k
        lu = q * n * n
        for i in range(n):
            if identity:
                X[base + i * k + j] = 1.0 if i == j else 0.0
            else:
                X[base + i * k + j] = Bv[bo + base + i * k + j]
        for c in range(n):
            p = piv[q * n + c]
            if p != c:
                t = X[base + c * k + j]
                X[base + c * k + j] = X[base + p * k + j]
                X[base + p * k + j] = t
        for i in range(n):
            acc = dm.acc64(X[base + i * k + j])
            for c in range(i):
                acc -= LU[lu + i * n + c] * X[base + c * k + j]
            X[base + i * k + j] = acc
        for i in range(n - 1, -1, -1):
            acc = dm.acc64(X[base + i * k + j])
            for c in range(i + 1, n):
                acc -= LU[lu + i * n + c] * X[base + c * k + j]
            X[base + i * k + j] = acc / LU[lu + i * n + i]


@cuda.jit
def cholesky(A, ao, L, bad, B, n):
    """L (B, n, n) float64 lower-triangular with L L^T = A, from A's lower triangle; bad[q] = the
    order of the first leading minor that is not positive-definite (0 when none)."""
    nn = n * n
    for q in range(cuda.grid(1), B, cuda.gridsize(1)):
        base = q * nn
        bad[q] = 0
        for i in range(nn):
            L[base + i] = 0.0
        for j in range(n):
            s = dm.acc64(A[ao + base + j * n + j])
            for c in range(j):
                s -= L[base + j * n + c] * L[base + j * n + c]
            if not s > 0.0:  # also catches NaN
                bad[q] = j + 1
                break
            d = dm.sqrt(s)
            L[base + j * n + j] = d
            for i in range(j + 1, n):
                t = dm.acc64(A[ao + base + i * n + j])
                for c in range(j):
                    t -= L[base + i * n + c] * L[base + j * n + c]
                L[base + i * n + j] = t / d
