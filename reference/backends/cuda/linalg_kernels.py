"""Dense factorisations on the device, one thread per matrix (the small batched matrices ordinary
code factors: a thread walks its matrix in float64 scratch; a large single matrix would want a
blocked multi-thread factorisation).

Matrices are contiguous (B, n, n) / (B, m, n) buffers (flat device array + offset). LU with partial
pivoting (rows swapped in the scratch, pivots kept) serves det, inv and solve; Cholesky reads the
lower triangle; eigh is cyclic Jacobi, svd one-sided Jacobi (both on the matrix scaled by its largest
entry), qr Householder reflections; pinv, matrix_rank and lstsq read an SVD (or eigh) spectrum. A
failed factorisation is reported per matrix as the 1-based position of the first zero pivot /
non-positive leading minor (0 when it succeeded), which the host turns into torch's error.
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


@cuda.jit(device=True)
def jacobi_rotation(theta):
    """(cos, sin) of the Jacobi rotation that zeroes a symmetric pair, from theta = (a_rr - a_pp) /
    (2 a_pr) (or the one-sided SVD's zeta): the smaller root t of t^2 + 2 theta t - 1 = 0."""
    t = 1.0 / (abs(theta) + dm.sqrt(theta * theta + 1.0))
    if theta < 0.0:
        t = -t
    c = 1.0 / dm.sqrt(t * t + 1.0)
    return c, t * c


@cuda.jit(device=True)
def rotate_pair(M, i0, j0, count, step, c, s):
    """Rotate two strided lines of M in place: (x, y) <- (c x - s y, s x + c y) for x = M[i0 + k step],
    y = M[j0 + k step], k < count (two columns: step = the row length; two rows: step = 1)."""
    for k in range(count):
        x = M[i0 + k * step]
        y = M[j0 + k * step]
        M[i0 + k * step] = c * x - s * y
        M[j0 + k * step] = s * x + c * y


@cuda.jit
def jacobi_eigh(A, ao, upper, W, V, S, B, n, sweeps):
    """Eigenvalues W (B, n) ascending and orthonormal eigenvectors V (B, n, n) (columns) of the
    symmetric matrices whose `upper` (else lower) triangle A holds, by cyclic Jacobi rotations on the
    float64 scratch S (B, n, n): each rotation zeroes one off-diagonal pair, and sweeps repeat until
    the off-diagonal part vanishes (quadratic convergence; a few sweeps for small n)."""
    nn = n * n
    for q in range(cuda.grid(1), B, cuda.gridsize(1)):
        base = q * nn
        amax = dm.acc64(0.0)
        for i in range(nn):
            amax = max(amax, abs(A[ao + base + i]))
        unit = amax if amax > 0.0 else 1.0  # scaled so that the squares below neither underflow nor overflow
        for i in range(n):
            for j in range(n):
                lo_i, hi_j = (i, j) if (i <= j) == upper else (j, i)
                S[base + i * n + j] = A[ao + base + lo_i * n + hi_j] / unit
                V[base + i * n + j] = 1.0 if i == j else 0.0
        for _ in range(sweeps):
            off = dm.acc64(0.0)
            scale = dm.acc64(0.0)
            for i in range(n):
                for j in range(n):
                    v = S[base + i * n + j]
                    scale += v * v
                    if i != j:
                        off += v * v
            if not off > 1e-32 * scale:
                break
            for p in range(n - 1):
                for r in range(p + 1, n):
                    apr = S[base + p * n + r]
                    if apr == 0.0:
                        continue
                    c, s = jacobi_rotation((S[base + r * n + r] - S[base + p * n + p]) / (2.0 * apr))
                    rotate_pair(S, base + p, base + r, n, n, c, s)           # columns p, r
                    rotate_pair(S, base + p * n, base + r * n, n, 1, c, s)   # rows p, r
                    rotate_pair(V, base + p, base + r, n, n, c, s)
        for i in range(n):
            W[q * n + i] = S[base + i * n + i] * unit
        # ascending order, the eigenvector columns following their eigenvalues
        for i in range(n):
            m = i
            for j in range(i + 1, n):
                if W[q * n + j] < W[q * n + m]:
                    m = j
            if m != i:
                t = W[q * n + i]
                W[q * n + i] = W[q * n + m]
                W[q * n + m] = t
                for k in range(n):
                    t = V[base + k * n + i]
                    V[base + k * n + i] = V[base + k * n + m]
                    V[base + k * n + m] = t


@cuda.jit
def householder_qr(A, ao, Q, R, B, m, n):
    """A (B, m, n) = Q (B, m, m) R (B, m, n) by Householder reflections (the LAPACK convention: the
    reflection sends column j to -sign(a_jj) ||a_j|| e_j); Q accumulates the reflections, R starts
    as a copy of A and ends upper-triangular."""
    for q in range(cuda.grid(1), B, cuda.gridsize(1)):
        rb = q * m * n
        qb = q * m * m
        for i in range(m * n):
            R[rb + i] = A[ao + rb + i]
        for i in range(m):
            for j in range(m):
                Q[qb + i * m + j] = 1.0 if i == j else 0.0
        for j in range(min(m - 1, n)):
            norm = dm.acc64(0.0)
            for i in range(j, m):
                norm += R[rb + i * n + j] * R[rb + i * n + j]
            norm = dm.sqrt(norm)
            x0 = R[rb + j * n + j]
            if norm == 0.0:
                continue
            alpha = -norm if x0 >= 0.0 else norm
            # v = x - alpha e_j, kept in column j below the diagonal plus v0; |v|^2 = 2 norm (norm + |x0|)
            v0 = x0 - alpha
            vv = v0 * v0
            for i in range(j + 1, m):
                vv += R[rb + i * n + j] * R[rb + i * n + j]
            if vv == 0.0:
                continue
            for c in range(j + 1, n):
                d = v0 * R[rb + j * n + c]
                for i in range(j + 1, m):
                    d += R[rb + i * n + j] * R[rb + i * n + c]
                f = 2.0 * d / vv
                R[rb + j * n + c] -= f * v0
                for i in range(j + 1, m):
                    R[rb + i * n + c] -= f * R[rb + i * n + j]
            for r in range(m):  # Q = Q H: each row of Q meets v
                d = Q[qb + r * m + j] * v0
                for i in range(j + 1, m):
                    d += Q[qb + r * m + i] * R[rb + i * n + j]
                f = 2.0 * d / vv
                Q[qb + r * m + j] -= f * v0
                for i in range(j + 1, m):
                    Q[qb + r * m + i] -= f * R[rb + i * n + j]
            R[rb + j * n + j] = alpha
            for i in range(j + 1, m):
                R[rb + i * n + j] = 0.0



@cuda.jit(device=True)
def complete_column(Q, qb, rows, ld, j):
    """Column j of the (rows, ld) block at qb := a unit vector orthogonal to its columns 0..j-1
    (orthonormal already): the standard basis vector least covered by them, Gram-Schmidt twice."""
    best = -1.0
    pick = 0
    for e in range(rows):
        res = dm.acc64(1.0)
        for c in range(j):
            res -= Q[qb + e * ld + c] * Q[qb + e * ld + c]
        if res > best:
            best = res
            pick = e
    for i in range(rows):
        Q[qb + i * ld + j] = 1.0 if i == pick else 0.0
    for _ in range(2):
        for c in range(j):
            d = dm.acc64(0.0)
            for i in range(rows):
                d += Q[qb + i * ld + c] * Q[qb + i * ld + j]
            for i in range(rows):
                Q[qb + i * ld + j] -= d * Q[qb + i * ld + c]
        norm = dm.acc64(0.0)
        for i in range(rows):
            norm += Q[qb + i * ld + j] * Q[qb + i * ld + j]
        norm = dm.sqrt(norm)
        for i in range(rows):
            Q[qb + i * ld + j] = Q[qb + i * ld + j] / norm


@cuda.jit
def jacobi_svd(A, ao, transpose, U, ld, Sv, V, B, m, n, k, sweeps):
    """The singular value decomposition of the (B, m, n) matrices A by one-sided Jacobi rotations.

    With `transpose` the kernel factors A^T instead, so that the columns it orthogonalises are the
    shorter side: the work matrix (rows, k) = A or A^T, rows >= k = min(m, n), lives in the first k
    columns of U (B, rows, ld); rotations of column pairs make them orthogonal while V (B, k, k)
    accumulates the rotations. Then Sv (B, k) = the column norms, descending, and U's columns are
    normalised; a zero singular value's column, and columns k..ld-1 (full_matrices), become unit
    vectors orthogonal to the ones before."""
    rows = n if transpose else m
    for q in range(cuda.grid(1), B, cuda.gridsize(1)):
        ub = q * rows * ld
        vb = q * k * k
        # scaled by the largest |a_ij|, so that the squares below neither underflow nor overflow
        amax = dm.acc64(0.0)
        for i in range(rows):
            for j in range(k):
                v = abs(A[ao + q * m * n + (j * n + i if transpose else i * n + j)])
                amax = max(amax, v)
        unit = amax if amax > 0.0 else 1.0
        for i in range(rows):
            for j in range(k):
                U[ub + i * ld + j] = A[ao + q * m * n + (j * n + i if transpose else i * n + j)] / unit
        for i in range(k):
            for j in range(k):
                V[vb + i * k + j] = 1.0 if i == j else 0.0
        for _ in range(sweeps):
            rotated = False
            for p in range(k - 1):
                for r in range(p + 1, k):
                    alpha = dm.acc64(0.0)
                    beta = dm.acc64(0.0)
                    gamma = dm.acc64(0.0)
                    for i in range(rows):
                        up = U[ub + i * ld + p]
                        ur = U[ub + i * ld + r]
                        alpha += up * up
                        beta += ur * ur
                        gamma += up * ur
                    if gamma == 0.0 or abs(gamma) <= 1e-15 * dm.sqrt(alpha * beta):
                        continue
                    rotated = True
                    c, s = jacobi_rotation((beta - alpha) / (2.0 * gamma))
                    rotate_pair(U, ub + p, ub + r, rows, ld, c, s)
                    rotate_pair(V, vb + p, vb + r, k, k, c, s)
            if not rotated:
                break
        for j in range(k):
            norm = dm.acc64(0.0)
            for i in range(rows):
                norm += U[ub + i * ld + j] * U[ub + i * ld + j]
            Sv[q * k + j] = dm.sqrt(norm) * unit
        # descending singular values, the columns of U and V following
        for j in range(k):
            big = j
            for c in range(j + 1, k):
                if Sv[q * k + c] > Sv[q * k + big]:
                    big = c
            if big != j:
                t = Sv[q * k + j]
                Sv[q * k + j] = Sv[q * k + big]
                Sv[q * k + big] = t
                for i in range(rows):
                    t = U[ub + i * ld + j]
                    U[ub + i * ld + j] = U[ub + i * ld + big]
                    U[ub + i * ld + big] = t
                for i in range(k):
                    t = V[vb + i * k + j]
                    V[vb + i * k + j] = V[vb + i * k + big]
                    V[vb + i * k + big] = t
        for j in range(ld):
            sj = Sv[q * k + j] / unit if j < k else 0.0
            if sj > 0.0:
                for i in range(rows):
                    U[ub + i * ld + j] = U[ub + i * ld + j] / sj
            else:
                complete_column(U, ub, rows, ld, j)


@cuda.jit(device=True)
def _cutoff(D, db, k, atol, rtol):
    """torch's tolerance for pinv/matrix_rank: max(atol, rtol * the largest |d|)."""
    top = dm.acc64(0.0)
    for c in range(k):
        top = max(top, abs(D[db + c]))
    return max(atol, rtol * top)


@cuda.jit
def pinv_from_spectrum(L, ls0, ls1, ls2, D, R, rs0, rs1, rs2, B, m, n, k, atol, rtol, P):
    """P (B, n, m) = sum_c R[c, i] L[j, c] / d_c over the d_c above the cutoff, for A = L diag(d) R:
    the singular triplets (d = s) or, for a hermitian A, the eigen-decomposition (L = V, d = w,
    R = V^T). L and R are read through (batch, row, column) strides; one thread per element of P."""
    for e in range(cuda.grid(1), B * n * m, cuda.gridsize(1)):
        q = e // (n * m)
        i = (e // m) % n
        j = e % m
        cut = _cutoff(D, q * k, k, atol, rtol)
        acc = dm.acc64(0.0)
        for c in range(k):
            d = D[q * k + c]
            if abs(d) > cut:
                acc += R[q * rs0 + c * rs1 + i * rs2] * L[q * ls0 + j * ls1 + c * ls2] / d
        P[e] = acc


@cuda.jit
def rank_from_spectrum(D, B, k, atol, rtol, out):
    """out[q] = how many |d| of matrix q exceed the cutoff."""
    for q in range(cuda.grid(1), B, cuda.gridsize(1)):
        cut = _cutoff(D, q * k, k, atol, rtol)
        count = 0
        for c in range(k):
            if abs(D[q * k + c]) > cut:
                count += 1
        out[q] = count


@cuda.jit
def lstsq_from_spectrum(L, ls0, ls1, ls2, D, R, rs0, rs1, rs2, Bv, bo, B, m, n, k, r, rtol, X):
    """X (B, n, k) = pinv(A) Bv for A = L diag(d) R (its r singular triplets), the singular values
    at or below rtol * the largest treated as zero (the minimum-norm least-squares solution);
    one thread per element of X."""
    for e in range(cuda.grid(1), B * n * k, cuda.gridsize(1)):
        q = e // (n * k)
        i = (e // k) % n
        c = e % k
        cut = _cutoff(D, q * r, r, 0.0, rtol)
        acc = dm.acc64(0.0)
        for s in range(r):
            d = D[q * r + s]
            if abs(d) > cut:
                proj = dm.dot(L, q * ls0 + s * ls2, ls1, Bv, bo + q * m * k + c, k, m)   # column s of L . column c of b
                acc += R[q * rs0 + s * rs1 + i * rs2] * proj / d
        X[e] = acc


@cuda.jit
def squared_residuals(A, ao, X, Bv, bo, B, m, n, k, out):
    """out (B, k) = the squared norms of the columns of A X - Bv."""
    for e in range(cuda.grid(1), B * k, cuda.gridsize(1)):
        q = e // k
        c = e % k
        total = dm.acc64(0.0)
        for j in range(m):
            v = -dm.acc64(Bv[bo + (q * m + j) * k + c])
            for i in range(n):
                v += A[ao + (q * m + j) * n + i] * X[(q * n + i) * k + c]
            total += v * v
        out[e] = total
