"""CPU backend (implements backends.interface.Backend): turns tensors into numpy views of their
storage and launches numba kernels.

The Python here is the per-op overhead, so it stays short: plans are cached per layout, and the
common case (all operands contiguous and of the output's shape) takes a 1-D kernel directly.
"""
from functools import lru_cache

import numba
import numpy as np

from ... import _dtype as D
from ..._shape import broadcast_strides, collapse, contiguous_layout, contiguous_strides, numel
from . import _binary_kernels, _ternary_kernels, _unary_kernels
from . import blas  # noqa: F401  (numba's BLAS on one thread; see the module)
from . import fill_kernels as _fk
from . import index_kernels as _ik
from . import linalg_kernels as _lk
from . import reduce_kernels as _rk
from .fused import FUSED
from .gemm import gemm

PARALLEL_MIN = 1 << 18  # below this a parallel launch costs more than it saves
_MODULES = {1: _unary_kernels, 2: _binary_kernels, 3: _ternary_kernels}
_kernel_cache = {}


def empty(n, np_dtype):
    return np.empty(n, np_dtype)


def data_ptr(data):
    return data.ctypes.data


def from_host(array):
    return array


def to_host(data):
    return data


# ---- dtype policy: numba has no float16 arithmetic on the CPU, so float16 work runs in float32 and
# is rounded once when written back ----
_COMPUTE = {D.float16: D.float32}


def compute_dtype(dtype):
    return _COMPUTE.get(dtype, dtype)


def copy(dst, src):
    """dst[...] = src with broadcasting and dtype conversion (a device source is downloaded first)."""
    if src._storage.device.type != "cpu":
        src = src.cpu()
    if dst.dtype is D.float16 or src.dtype is D.float16:
        copy_f16(dst, src)
        return
    elementwise("to_bool" if dst.dtype is D.bool_ and src.dtype is not D.bool_ else "copy", [src], dst)


def any_zero(t):
    return not t._np().all()


def has_fused(name):
    return name in FUSED


def fused(name):
    k = FUSED.get(name)
    if k is None:
        raise NotImplementedError(f"the cpu backend has no fused kernel '{name}'")
    return k


def _kernel(arity, name, variant):
    key = (arity, name, variant)
    k = _kernel_cache.get(key)
    if k is None:
        k = getattr(_MODULES[arity], f"{name}_{variant}")
        _kernel_cache[key] = k
    return k


def _view(t, shape, strides):
    isz = t.dtype.itemsize
    return np.ndarray(shape, t.dtype.np, t._storage.data, t._offset * isz, tuple(s * isz for s in strides))


def _operand_view(op, shape, strides):
    """A numpy view of an operand: a tensor's storage, or a one-element array for a scalar."""
    if hasattr(op, "_storage"):
        return _view(op, shape, strides)
    cell = np.array([op])
    return np.ndarray(shape, cell.dtype, cell, 0, (0,) * len(shape))


def _flat(t, n):
    data = t._storage.data
    off = t._offset
    if off == 0 and len(data) == n:
        return data  # the whole storage: no slice object to make
    return data[off:off + n]


@lru_cache(maxsize=4096)
def _contig(shape):
    return contiguous_strides(tuple(shape))


# flat kernels by (name, operand kinds: 't' tensor, 's' scalar, size class: 0 small, 1 from VECTOR_MIN,
# 2 from PARALLEL_MIN); filled on first use
_FLAT_VARIANT = {"t": "1d", "tt": "1d", "ttt": "1d", "ts": "1d_rs", "st": "1d_ls"}
_flat_kernels = {}

# Transcendental unary ops on float inputs from VECTOR_MIN elements run in NumPy's SIMD loops: numba
# lowers them to one scalar libm call per element (this llvmlite has no SVML). Measured on 65k
# elements: 5-44x faster in float32, 3-10x in float64, within 2 ulps of libm, with the same NaN,
# infinity and signed-zero results (exp of a 256x1000 float32: 0.57 ms -> 0.1 ms; torch 0.06 ms).
# exp2 is left out: NumPy flushes a few results in float32's subnormal range to zero.
VECTOR_MIN = 1 << 12
_NUMPY_UNARY = {"exp": np.exp, "log": np.log, "log2": np.log2, "log10": np.log10, "log1p": np.log1p,
                "expm1": np.expm1, "sin": np.sin, "cos": np.cos, "tan": np.tan, "asin": np.arcsin,
                "acos": np.arccos, "atan": np.arctan, "sinh": np.sinh, "cosh": np.cosh, "asinh": np.arcsinh,
                "tanh": np.tanh}


def _numpy_unary(ufunc, kernel):
    def run(X, O):
        if X.dtype.kind == "f" and X.dtype == O.dtype:
            with np.errstate(all="ignore"):  # torch warns of nothing: inf and NaN are results
                ufunc(X, out=O)
        else:
            kernel(X, O)
    return run


def _flat_kernel(name, kinds, size):
    key = (name, kinds, size)
    k = _flat_kernels.get(key)
    if k is None:
        variant = _FLAT_VARIANT.get(kinds)
        if variant is None:
            return None
        if size == 2 and variant == "1d":
            variant = "1dp"
        k = _kernel(len(kinds), name, variant)
        if size and kinds == "t" and name in _NUMPY_UNARY:
            k = _numpy_unary(_NUMPY_UNARY[name], k)
        _flat_kernels[key] = k
    return k


def elementwise(name, operands, out):
    """out[...] = op(*operands) with broadcasting. Operands are tensors already in the compute
    dtype, or numpy scalars of it; out may be a view (in-place ops write through it)."""
    shape = out._shape
    contig, n = contiguous_layout(shape)
    if n == 0:
        return
    if out._stride == contig:
        # the common case: out and every tensor operand contiguous and of out's shape, so the
        # kernel runs over flat 1-D views (no stride bookkeeping at all)
        args = []
        kinds = ""
        for o in operands:
            if isinstance(o, np.generic):
                args.append(o)
                kinds += "s"
            elif o._shape == shape and o._stride == contig:
                data = o._storage.data
                args.append(data if o._offset == 0 and len(data) == n else data[o._offset:o._offset + n])
                kinds += "t"
            else:
                break
        else:
            size = (n >= VECTOR_MIN) + (n >= PARALLEL_MIN)
            k = _flat_kernels.get((name, kinds, size)) or _flat_kernel(name, kinds, size)
            if k is not None:
                data = out._storage.data
                args.append(data if out._offset == 0 and len(data) == n else data[out._offset:out._offset + n])
                k(*args)
                return
    _strided(name, len(operands), operands, out)


def _strided(name, arity, operands, out):
    shape = out._shape
    strides = [broadcast_strides(o._shape, o._stride, shape) if hasattr(o, "_storage")
               else (0,) * len(shape) for o in operands]
    cshape, cstrides = collapse(tuple(shape), tuple(out._stride), *strides)
    out_st, in_st = cstrides[0], cstrides[1:]
    if len(cshape) == 1:
        k = _kernel(arity, name, "1d")
        k(*[_operand_view(o, cshape, st) for o, st in zip(operands, in_st)], _view(out, cshape, out_st))
        return
    if len(cshape) == 2 and arity == 2:
        # rows x columns with each operand full, a column or a row (a bias add, a column times a
        # row): a broadcast dim is passed with size 1, so the kernel reads it once per row
        n, m = cshape
        views = [_operand_view(o, (n if st[0] else 1, m if st[1] else 1), st) for o, st in zip(operands, in_st)]
        # (a parallel body run on one thread still pays the pool: 3x slower measured)
        parallel = n * m >= PARALLEL_MIN and n > 1 and numba.get_num_threads() > 1
        k = _kernel(2, name, "2dp" if parallel else "2d")
        k(*views, _view(out, cshape, out_st))
        return
    k = _kernel(arity, name, "4d")
    if len(cshape) <= 4:
        pad = 4 - len(cshape)
        s4 = (1,) * pad + cshape
        k(*[_operand_view(o, s4, (0,) * pad + st) for o, st in zip(operands, in_st)],
          _view(out, s4, (0,) * pad + out_st))
        return
    # Rank above 4 even after collapsing: walk the leading dims here, 4-D kernel for the rest.
    views = [_operand_view(o, cshape, st) for o, st in zip(operands, in_st)]
    oview = _view(out, cshape, out_st)
    for idx in np.ndindex(*cshape[:-4]):
        k(*[v[idx] for v in views], oview[idx])


def copy_f16(dst, src):
    """Conversions that involve float16 (numba cannot touch float16 on CPU): numpy does the cast."""
    dv = dst._np()
    # A value past float16's range becomes inf, as torch's cast does, without NumPy's overflow warning.
    with np.errstate(over="ignore", invalid="ignore"):
        np.copyto(dv, np.broadcast_to(src._np(), dv.shape), casting="unsafe")


# ---- filling (out is a fresh contiguous tensor) ----


def _k_out(out):
    """A contiguous 1-D numpy target for a fill kernel; float16 goes through a float32 buffer."""
    flat = _flat(out, numel(out._shape))
    if flat.dtype == np.float16:
        return np.empty(flat.shape, np.float32), flat
    return flat, None


def _finish(buf, f16):
    if f16 is not None:
        f16[...] = buf


def fill(out, value):
    if out.dtype.np == np.float16:
        out._np().fill(value)  # numba has no float16
        return
    value = out.dtype.np.type(value)
    if out._stride == _contig(out._shape):
        _fk.fill(_flat(out, numel(out._shape)), value)
    else:
        elementwise("copy", [value], out)


def arange(out, start, step):
    buf, f16 = _k_out(out)
    if np.issubdtype(buf.dtype, np.integer):
        _fk.arange(buf, np.int64(start), np.int64(step))
    else:
        _fk.arange(buf, float(start), float(step))
    _finish(buf, f16)


def linspace(out, start, end):
    buf, f16 = _k_out(out)
    _fk.linspace(buf, float(start), float(end))
    _finish(buf, f16)


def manual_seed(s):
    _fk.seed(np.int64(s) % (2 ** 32))


def uniform(out, low, high):
    buf, f16 = _k_out(out)
    _fk.uniform(buf, float(low), float(high))
    _finish(buf, f16)


def normal(out, mean, std):
    buf, f16 = _k_out(out)
    _fk.normal(buf, float(mean), float(std))
    _finish(buf, f16)


def randint(out, low, high):
    buf, f16 = _k_out(out)
    _fk.randint(buf, np.int64(low), np.int64(high))
    _finish(buf, f16)


def bernoulli(out, p):
    buf, f16 = _k_out(out)
    _fk.bernoulli(buf, _flat(p, numel(p._shape)).astype(np.float64))
    _finish(buf, f16)


def randperm(out):
    buf, f16 = _k_out(out)
    _fk.permutation(buf)
    _finish(buf, f16)


# ---- indexing ----

_MOVE_AS = {np.dtype(np.float16): np.int16}  # pure data movement: numba reads float16 as int16


def _movable(a):
    alias = _MOVE_AS.get(a.dtype)
    return a.view(alias) if alias is not None else a


def strided_offsets(shape, strides, offset):
    out = np.empty(numel(shape), np.int64)
    if out.shape[0]:
        _ik.strided_offsets(np.array(shape, np.int64), np.array(strides, np.int64), np.int64(offset), out)
    return out


def gather(t, outer, inner, out):
    """out (contiguous, len(outer)*len(inner)) = t.storage[outer[i] + inner[j]]."""
    _ik.gather(_movable(t._storage.data), _host_index(outer), _host_index(inner),
               _movable(_flat(out, numel(out._shape))))


def scatter(t, outer, inner, vals, accumulate=False):
    dst = t._storage.data
    v = _flat(vals, numel(vals._shape))
    if accumulate:
        if dst.dtype == np.float16:
            tmp = dst.astype(np.float32)
            _ik.scatter_add(tmp, _host_index(outer), _host_index(inner), v.astype(np.float32))
            dst[...] = tmp
        else:
            _ik.scatter_add(dst, _host_index(outer), _host_index(inner), v)
    else:
        _ik.scatter(_movable(dst), _host_index(outer), _host_index(inner), _movable(v))


def _host_index(ix):
    return ix if isinstance(ix, np.ndarray) else _flat(ix, numel(ix._shape))


def nonzero(t):
    """(count, nd) int64 host array of the multi-indices of a contiguous t's non-zero elements."""
    flat = _movable(_flat(t, numel(t._shape)))
    shape = np.array(t._shape, np.int64)
    res = np.empty((flat.shape[0], len(t._shape)), np.int64)
    count = _ik.nonzero(flat, shape, res) if flat.shape[0] else 0
    return res[:count]


def check_bounds(idx, size):
    return _ik.check_bounds(_host_index(idx), np.int64(size))


# ---- reductions: x3 is an (outer, reduced, inner) tensor view; outputs are contiguous ----


def _ori(t):
    v = t._np()
    if v.dtype == np.float16:
        v = v.astype(np.float32)
    return v


def _out2(out):
    return _flat(out, numel(out._shape)).reshape(out._shape)


def _acc_zero(dtype, one=False):
    if dtype.kind == "f":
        return np.float64(1.0 if one else 0.0)
    return np.int64(1 if one else 0)


_SAME_SHAPE = ("softmax", "log_softmax", "cumsum", "cumprod")
_F32_MAX = float(np.finfo(np.float32).max)
_ZERO_FLOAT, _ZERO_INT = np.float64(0.0), np.int64(0)  # the accumulators' zeros (see _acc_zero)


def _one_row(x3):
    """The elements of an (1, R, 1) view with unit stride as a flat array (a whole-tensor
    reduction of a contiguous tensor), else None."""
    O, R, I = x3._shape
    if O != 1 or I != 1 or x3._stride[1] != 1 or x3.dtype is D.float16:
        return None
    data = x3._storage.data
    off = x3._offset
    return data if off == 0 and len(data) == R else data[off:off + R]


def reduce(kind, x3, out, **kw):
    """kind: sum | prod | max | min | var | logsumexp | softmax | log_softmax | cumsum | cumprod."""
    if kind == "sum" and out.dtype is not D.float16:
        row = _one_row(x3)
        if row is not None and len(row) < _rk.PARALLEL_MIN:
            # a small whole-tensor sum: the serial cascade over the flat elements, with no 3-D
            # view to build (the kernel sum_ori runs for this shape)
            total = _rk._cascade_sum_row(row, _ZERO_FLOAT if x3.dtype.is_floating_point else _ZERO_INT)
            if out.dtype is D.float32 and not -_F32_MAX <= total <= _F32_MAX:
                with np.errstate(over="ignore", invalid="ignore"):  # rounds to inf silently, as in torch
                    out._storage.data[out._offset] = total
            else:
                out._storage.data[out._offset] = total
            return
    xv = _ori(x3)
    # a reduction's out holds the O x I results in row-major order under any shape; softmax and
    # the scans fill an out of the input's (O, R, I) shape
    ov = _out2(out) if kind in _SAME_SHAPE else \
        _flat(out, numel(out._shape)).reshape(xv.shape[0], xv.shape[2])
    f16 = ov.dtype == np.float16
    target = np.empty(ov.shape, np.float32) if f16 else ov
    if kind == "sum":
        _rk.sum_ori(xv, target, _acc_zero(xv.dtype))
    elif kind == "prod":
        _rk.prod_ori(xv, target, _acc_zero(xv.dtype, one=True))
    elif kind in ("max", "min"):
        idx = kw["indices"]
        _rk.extreme_ori(xv, target, _out2(idx), kind == "max")
    elif kind == "var":
        _rk.var_ori(xv, target, float(kw["correction"]))
    elif kind == "logsumexp":
        _rk.logsumexp_ori(xv, target)
    elif kind in ("softmax", "log_softmax"):
        _rk.softmax_ori(xv, target, kind == "log_softmax")
    elif kind == "cumsum":
        _rk.cumsum_ori(xv, target, _acc_zero(xv.dtype))
    elif kind == "cumprod":
        _rk.cumprod_ori(xv, target, _acc_zero(xv.dtype, one=True))
    else:
        raise ValueError(kind)
    if f16:
        ov[...] = target


# ---- matrix products: a (B, n, k) @ b (B, k, m) -> out (B, n, m), out contiguous ----


def _blas_operand(v):
    """(C-contiguous array, transposed?) for a batch of matrices, copying only when neither the
    view nor its matrix transpose is contiguous."""
    if v.flags.c_contiguous:
        return v, False
    vt = v.transpose(0, 2, 1)
    if vt.flags.c_contiguous:
        return vt, True
    return np.ascontiguousarray(v), False


def bmm(a, b, out):
    av, bv = a._np(), b._np()
    ov = _out3(out)
    if av.dtype.kind == "f":
        if av.dtype == np.float16:
            av, bv = av.astype(np.float32), bv.astype(np.float32)
        (ac, ta), (bc, tb) = _blas_operand(av), _blas_operand(bv)
        if ov.dtype == np.float16:
            tmp = np.empty(ov.shape, np.float32)
            gemm(ac, bc, tmp, ta, tb)
            ov[...] = tmp
        else:
            gemm(ac, bc, ov, ta, tb)
    else:
        _lk.bmm_loop(np.ascontiguousarray(av), np.ascontiguousarray(bv), ov)


def _out3(out):
    return _flat(out, numel(out._shape)).reshape(out._shape)


# ---- dense linear algebra (LAPACK through NumPy; results come back as host arrays) ----
def _lstsq(a, b, rcond=None):
    out = [np.linalg.lstsq(a[i], b[i], rcond=rcond) for i in range(a.shape[0])]
    return (np.stack([o[0] for o in out]), np.stack([o[1] for o in out]) if out and out[0][1].size else
            np.zeros((a.shape[0], 0), a.dtype), np.array([o[2] for o in out], np.int64),
            np.stack([o[3] for o in out]))


def _cutoff(s, shape, atol, rtol):
    """torch's tolerance for pinv/matrix_rank: max(atol, rtol * largest singular value), rtol defaulting
    to max(m, n) * eps when atol is not given (0 otherwise)."""
    if rtol is None:
        rtol = max(shape[-2:]) * np.finfo(s.dtype).eps if not atol else 0.0
    top = s.max(axis=-1, keepdims=True) if s.shape[-1] else np.zeros(s.shape[:-1] + (1,), s.dtype)
    return np.maximum(atol or 0.0, rtol * top)


def _spectrum(a, hermitian):
    """(left vectors, singular values, right vectors) with a's product form; eigh for hermitian input."""
    if hermitian:
        w, v = np.linalg.eigh(a)
        return v * np.sign(w)[..., None, :], np.abs(w), np.swapaxes(v, -1, -2)
    return np.linalg.svd(a, full_matrices=False)


def _pinv(a, hermitian, atol, rtol):
    u, s, vh = _spectrum(a, hermitian)
    keep = s > _cutoff(s, a.shape, atol, rtol)
    inv_s = np.where(keep, 1.0 / np.where(keep, s, 1.0), 0.0).astype(a.dtype)
    return np.swapaxes(vh, -1, -2) @ (inv_s[..., :, None] * np.swapaxes(u, -1, -2))


def _rank(a, hermitian, atol, rtol):
    s = np.abs(np.linalg.eigvalsh(a)) if hermitian else np.linalg.svd(a, compute_uv=False)
    return (s > _cutoff(s, a.shape, atol, rtol)).sum(axis=-1).astype(np.int64)


_LINALG = {
    "det": lambda a: (np.linalg.det(a),),
    "inv": lambda a: (np.linalg.inv(a),),
    "solve": lambda a, b: (np.linalg.solve(a, b),),
    "cholesky": lambda a: (np.linalg.cholesky(a),),
    "eigh": lambda a, upper: tuple(np.linalg.eigh(a, UPLO="U" if upper else "L")),
    "svd": lambda a, full: tuple(np.linalg.svd(a, full_matrices=full)),
    # mode "r" still returns (q, r): the op layer drops q
    "qr": lambda a, mode: tuple(np.linalg.qr(a, mode="reduced" if mode == "r" else mode)),
    "pinv": lambda a, hermitian, atol=None, rtol=None: (_pinv(a, hermitian, atol, rtol),),
    "matrix_rank": lambda a, hermitian, atol=None, rtol=None: (_rank(a, hermitian, atol, rtol),),
    "lstsq": _lstsq,
}


def linalg(name, *operands):
    args = [_ori(o) if hasattr(o, "_storage") else o for o in operands]
    return _LINALG[name](*args)
