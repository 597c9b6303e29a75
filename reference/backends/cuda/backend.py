"""CUDA backend (implements backends.interface.Backend) on numba device arrays.

A tensor's storage is a flat device array; its shape, strides and offset are host metadata, exactly
as on the CPU, and every kernel reads its operands through offset + strides. This module is the host
side: it collapses and pads layouts, picks a launch geometry (_launch.grid) and launches the kernels
of the modules next to it. Host synchronisation happens only where the interface asks for a host
answer (to_host, any_zero, nonzero, check_bounds) or an op needs a Python value (.item()).
"""
import contextlib
import warnings
from functools import lru_cache

import numpy as np
from numba import cuda
from numba.cuda.random import create_xoroshiro128p_states

from ... import _dtype as D
from ..._shape import broadcast_strides, collapse, contiguous_strides, numel
from . import _elementwise_kernels as _ek
from . import fill_kernels as _fk
from . import index_kernels as _ik
from . import linalg as _la
from . import matmul_kernels as _mk
from .block_reduce import block_reductions
from . import reduce_kernels as _rk
from ._launch import MAX_BLOCKS, REDUCE_THREADS, SIMULATOR, THREADS, TILE, WARP_SHUFFLES, grid, matmul_grid
from .fused import FUSED
from .memory import allocated_bytes, data_ptr, device_data, empty, from_host, index_array, scalar_cell, to_host  # noqa: F401

RANK = 4  # kernels index 4-D layouts; higher ranks (after collapsing) loop their leading dims here


# ---- dtype policy: float16 elementwise work runs in float32 and is rounded once (as torch's CUDA
# kernels compute half in float) ----
_COMPUTE = {D.float16: D.float32}


def compute_dtype(dtype):
    return _COMPUTE.get(dtype, dtype)


def copy(dst, src):
    """dst[...] = src with broadcasting and dtype conversion (a host source is uploaded first)."""
    if src._storage.device.type != "cuda":
        src = src.to(dst._storage.device)
    elementwise("to_bool" if dst.dtype is D.bool_ and src.dtype is not D.bool_ else "copy", [src], dst)


def has_fused(name):
    return name in FUSED


def fused(name):
    k = FUSED.get(name)
    if k is None:
        raise NotImplementedError(f"the cuda backend has no fused kernel '{name}'")
    return k


def synchronize():
    cuda.synchronize()


def memory_allocated():
    return allocated_bytes()


# ---- elementwise ----

@lru_cache(maxsize=4096)
def _contig(shape):
    return contiguous_strides(tuple(shape))


def _operand(op, strides):
    """(flat device array, offset) of an operand: a tensor's storage, or a one-element cell."""
    if hasattr(op, "_storage"):
        return device_data(op), op._offset
    return scalar_cell(op), 0


def elementwise(name, operands, out):
    """out[...] = op(*operands) with broadcasting: tensors (already in the compute dtype, on this
    device) or NumPy scalars of it; out may be a view (in-place ops write through it)."""
    shape = tuple(out._shape)
    n = numel(shape)
    if n == 0:
        return
    strides = [broadcast_strides(o._shape, o._stride, shape) if hasattr(o, "_storage")
               else (0,) * len(shape) for o in operands]
    cshape, cstrides = collapse(shape, tuple(out._stride), *strides)
    cells = [_operand(o, s) for o, s in zip(operands, strides)]
    offsets = [off for _, off in cells] + [out._offset]
    arrays = [a for a, _ in cells] + [out._storage.data]
    st = list(cstrides[1:]) + [cstrides[0]]
    kernel = getattr(_ek, "k_" + name)
    lead = max(0, len(cshape) - RANK)
    inner_shape = (1,) * (RANK - len(cshape) + lead) + tuple(cshape[lead:])
    inner_st = [(0,) * (RANK - len(cshape) + lead) + tuple(s[lead:]) for s in st]
    m = numel(inner_shape)
    blocks, threads = grid(m)
    for idx in np.ndindex(*cshape[:lead]):
        args = []
        for a, off, s, si in zip(arrays, offsets, st, inner_st):
            args += [a, off + sum(i * d for i, d in zip(idx, s[:lead])), si]
        kernel[blocks, threads](*args, inner_shape, m)


# ---- filling and random numbers (out is a fresh contiguous tensor, unless said otherwise) ----

def fill(out, value):
    """out[...] = value; out may be any strided view."""
    elementwise("copy", [out.dtype.np.type(value)], out)


def _flat_out(out):
    return out._storage.data[out._offset:out._offset + numel(out._shape)]


def arange(out, start, step):
    n = numel(out._shape)
    if n:
        if out.dtype.category == D.INT:
            start, step = np.int64(start), np.int64(step)
        else:
            start, step = float(start), float(step)
        _fk.arange[grid(n)](_flat_out(out), start, step, n)


def linspace(out, start, end):
    n = numel(out._shape)
    if n:
        _fk.linspace[grid(n)](_flat_out(out), float(start), float(end), n)


class _Generator:
    """The device's random stream: one xoroshiro128+ state per thread of a full launch."""
    states = None
    seed = 0


_gen = _Generator()
_STREAM_THREADS = MAX_BLOCKS * THREADS


def manual_seed(seed):
    _gen.seed = int(seed) % (2 ** 64)
    _gen.states = None


def _states():
    if _gen.states is None:
        with _quiet_uint64():
            _gen.states = create_xoroshiro128p_states(_STREAM_THREADS, seed=_gen.seed)
    return _gen.states


@contextlib.contextmanager
def _quiet_uint64():
    """xoroshiro128+ relies on uint64 wrap-around, which NumPy scalars (the simulator's, and numba's
    host-side seeding) report as overflow warnings."""
    with warnings.catch_warnings(), np.errstate(over="ignore"):
        warnings.simplefilter("ignore")
        yield


def _draw(kernel, out, *params):
    n = numel(out._shape)
    if n:
        with _quiet_uint64():
            kernel[grid(n)](_states(), _flat_out(out), *params, n)


def uniform(out, low, high):
    _draw(_fk.uniform, out, float(low), float(high))


def normal(out, mean, std):
    _draw(_fk.normal, out, float(mean), float(std))


def randint(out, low, high):
    _draw(_fk.randint, out, np.int64(low), np.int64(high))


def bernoulli(out, p):
    p = p.contiguous()
    _draw(_fk.bernoulli, out, p._storage.data, p._offset)


def randperm(out):
    n = numel(out._shape)
    if n:
        _fk.permutation[1, 1](_states(), _flat_out(out), n)


# ---- indexing ----

def strided_offsets(shape, strides, offset):
    """Host int64 storage offsets of a strided layout in row-major order: layout metadata (a
    function of shape and strides only), which the gather/scatter kernels then read on the device."""
    out = np.full(tuple(shape), offset, np.int64)
    for d, (size, stride) in enumerate(zip(shape, strides)):
        out += (np.arange(size, dtype=np.int64) * stride).reshape((-1,) + (1,) * (len(shape) - d - 1))
    return out.reshape(-1)


def gather(t, outer, inner, out):
    """out (contiguous, len(outer)*len(inner)) = t.storage[outer[i] + inner[j]]."""
    n = numel(out._shape)
    _ik.gather[grid(n)](t._storage.data, index_array(outer), index_array(inner), out._storage.data, out._offset)


def scatter(t, outer, inner, vals, accumulate=False):
    n = numel(vals._shape)
    k = _ik.scatter_add if accumulate else _ik.scatter
    k[grid(n)](t._storage.data, index_array(outer), index_array(inner), vals._storage.data, vals._offset)


def nonzero(t):
    """(count, nd) host int64 array of the multi-indices of a contiguous t's non-zero elements."""
    n = numel(t._shape)
    nd = len(t._shape)
    if n == 0:
        return np.empty((0, nd), np.int64)
    rows = cuda.device_array((n, max(nd, 1)), np.int64)
    count = cuda.device_array(1, np.int64)
    _ik.nonzero_rows[1, 1](t._storage.data, t._offset, n, cuda.to_device(np.array(t._shape or (1,), np.int64)),
                           rows, count)
    c = int(count.copy_to_host()[0])
    return rows[:c].copy_to_host()[:, :nd] if c else np.empty((0, nd), np.int64)


def check_bounds(idx, size):
    """The position of the first index outside [-size, size), or -1."""
    n = numel(idx._shape) if hasattr(idx, "_shape") else len(idx)
    arr = index_array(idx)
    first = cuda.to_device(np.array([n], np.int64))
    _ik.first_out_of_bounds[grid(n)](arr, 0, n, np.int64(size), first)
    f = int(first.copy_to_host()[0])
    return -1 if f == n else f


def any_zero(t):
    c = t.contiguous()
    n = numel(c._shape)
    count = cuda.to_device(np.zeros(1, np.int64))
    if n:
        _ik.count_zeros[grid(n)](c._storage.data, c._offset, n, count)
    return bool(count.copy_to_host()[0])


# ---- reductions: x3 is an (outer, reduced, inner) tensor view; outputs are contiguous ----

# A block per row when the rows are few and long enough to share out: its threads take strided
# partials and combine them (warp shuffles, or the shared-memory tree on the simulator). Otherwise
# each thread reduces whole rows, which keeps every thread busy when rows are many.
BLOCK = block_reductions(REDUCE_THREADS, WARP_SHUFFLES)
BLOCK_MAX_ROWS = 8 if SIMULATOR else 1 << 12
BLOCK_MIN_REDUCED = 8 if SIMULATOR else 2 * REDUCE_THREADS


def reduce(kind, x3, out, **kw):
    """kind: sum | prod | max | min | var | logsumexp | softmax | log_softmax | cumsum | cumprod."""
    O, R, I = x3._shape
    xs0, xs1, xs2 = x3._stride
    rows = O * I
    if rows == 0:
        return
    X, xo = x3._storage.data, x3._offset
    od, oo = out._storage.data, out._offset
    zero = _rk.accumulator(x3.dtype.np)
    floating = isinstance(zero, np.floating)
    if rows <= BLOCK_MAX_ROWS and R >= BLOCK_MIN_REDUCED and kind in _BLOCK_KINDS:
        launch = (min(rows, MAX_BLOCKS), BLOCK.threads)
        if kind == "sum":
            (BLOCK.sum_float if floating else BLOCK.sum_int)[launch](X, xo, xs0, xs1, xs2, R, I, rows, od, oo, zero)
        elif kind in ("max", "min"):
            idx = kw["indices"]
            want_max = kind == "max"
            if floating:
                kernel, start = BLOCK.extreme_float, np.float64(-np.inf if want_max else np.inf)
            else:
                kernel, start = BLOCK.extreme_int, _extreme_int_start(want_max)
            kernel[launch](X, xo, xs0, xs1, xs2, R, I, rows, od, oo, idx._storage.data, idx._offset, want_max, start)
        elif kind == "var":
            BLOCK.var[launch](X, xo, xs0, xs1, xs2, R, I, rows, od, oo, float(kw["correction"]))
        elif kind == "logsumexp":
            BLOCK.logsumexp[launch](X, xo, xs0, xs1, xs2, R, I, rows, od, oo)
        else:
            BLOCK.softmax[launch](X, xo, xs0, xs1, xs2, R, I, rows, od, oo, kind == "log_softmax")
        return
    launch = grid(rows)
    if kind == "sum":
        _rk.sum_rows[launch](X, xo, xs0, xs1, xs2, R, I, rows, od, oo, zero)
    elif kind == "prod":
        _rk.prod_rows[launch](X, xo, xs0, xs1, xs2, R, I, rows, od, oo, _rk.accumulator(x3.dtype.np, one=True))
    elif kind in ("max", "min"):
        idx = kw["indices"]
        _rk.extreme_rows[launch](X, xo, xs0, xs1, xs2, R, I, rows, od, oo, idx._storage.data, idx._offset,
                                 kind == "max")
    elif kind == "var":
        _rk.var_rows[launch](X, xo, xs0, xs1, xs2, R, I, rows, od, oo, float(kw["correction"]))
    elif kind == "logsumexp":
        _rk.logsumexp_rows[launch](X, xo, xs0, xs1, xs2, R, I, rows, od, oo)
    elif kind in ("softmax", "log_softmax"):
        _rk.softmax_rows[launch](X, xo, xs0, xs1, xs2, R, I, rows, od, oo, kind == "log_softmax")
    elif kind in ("cumsum", "cumprod"):
        multiply = kind == "cumprod"
        _rk.scan_rows[launch](X, xo, xs0, xs1, xs2, R, I, rows, od, oo, _rk.accumulator(x3.dtype.np, multiply),
                              multiply)
    else:
        raise ValueError(kind)


_BLOCK_KINDS = frozenset(("sum", "max", "min", "var", "logsumexp", "softmax", "log_softmax"))


def _extreme_int_start(want_max):
    """The identity of an integer (or bool) max (min) in its int64 accumulator."""
    info = np.iinfo(np.int64)
    return np.int64(info.min if want_max else info.max)


# ---- matrix products: a (B, n, k) @ b (B, k, m) -> out (B, n, m), out contiguous ----

def bmm(a, b, out):
    B, n, k = a._shape
    m = b._shape[2]
    if B * n * m == 0:
        return
    floating = a.dtype.is_floating_point
    kernel = _mk.bmm_float if floating else _mk.bmm_int
    blocks = matmul_grid(n, m, B)
    kernel[blocks, (TILE, TILE)](a._storage.data, a._offset, *a._stride, b._storage.data, b._offset, *b._stride,
                                 out._storage.data, out._offset, B, n, k, m,
                                 np.float64(0) if floating else np.int64(0))


# ---- dense linear algebra ----

def linalg(name, *operands):
    kernel = _la.FACTORISATIONS.get(name)
    if kernel is None:
        raise NotImplementedError(f"torch.linalg.{name} has no CUDA kernel in this build (the cuda backend "
                                  f"factors on the device only for {', '.join(sorted(_la.FACTORISATIONS))})")
    return kernel(*operands)


def copy_f16(dst, src):
    """Conversions that involve float16: the copy kernel converts on the device."""
    copy(dst, src)
