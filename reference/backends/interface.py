"""The backend interface: what an op module may ask of a device, and nothing else.

Op modules (reference/_ops, reference/nn/functional, reference/optim) reach a device only through
`backend_of(device)` and the members declared here; they never name a device. Everything that can
differ between devices lives behind this interface: which dtypes a kernel computes in natively
(`compute_dtype`), how dtypes are converted (`copy`), and when the host waits for the device
(`any_zero`, `nonzero`, `to_host`). A backend is any object with these members (the CPU backend is a
module); `isinstance(obj, Backend)` checks that every member is present.

Operands: tensors of the library (flat storage + shape + strides + offset + dtype, read through their
strides) or, for elementwise ops, Python/NumPy scalars already in the compute dtype. Outputs are
tensors allocated by the caller; kernels write into them and return nothing.

Named fused kernels. A layer family that needs a kernel beyond these primitives (conv, pooling, a
norm, softmax + cross-entropy, a fused optimizer step) adds it by name, without touching this file
or any op module of another family:
  1. write the kernels in a module of its own next to the device's backend, e.g.
     reference/backends/cpu/conv_kernels.py (numba @njit(cache=True), specialised by dtype and rank);
  2. append one entry `"conv2d_forward": ("nn_layers", "conv2d_forward")` (family, function name) to
     the devices' shared table reference/backends/fused_table.py, and write the function in that
     family's module on every device (each device's fused.py maps a family to its module);
  3. call it from the op as `backend_of(x.device).fused("conv2d_forward")(x, weight, out, ...)`.
A device without the kernel raises NotImplementedError naming the kernel and the device, so an op can
fall back to a composition of primitives (`has_fused(name)` tells which).
"""
from typing import Protocol, runtime_checkable


@runtime_checkable
class Backend(Protocol):
    # ---- memory ----
    def empty(self, n, np_dtype):
        """A new flat device buffer of n elements (uninitialised)."""

    def data_ptr(self, data):
        """The address of a flat buffer (Tensor.data_ptr)."""

    def from_host(self, array):
        """A device buffer holding a copy of a contiguous 1-D NumPy array."""

    def to_host(self, data):
        """A NumPy array of a device buffer (a host synchronisation)."""

    # ---- dtype policy and conversion ----
    def compute_dtype(self, dtype):
        """The dtype an elementwise kernel computes in for `dtype` (the CPU computes float16 in
        float32 and rounds once)."""

    def copy(self, dst, src):
        """dst[...] = src with broadcasting and dtype conversion (no autograd, no version bump)."""

    # ---- elementwise ----
    def elementwise(self, name, operands, out):
        """out[...] = op(*operands) for a kernel `name` of the elementwise registry, broadcasting
        operands to out's shape and reading every operand (and out) through its strides."""

    # ---- reductions and matrix products ----
    def reduce(self, kind, x3, out, **kw):
        """Reduce the middle axis of an (outer, reduced, inner) view into a contiguous out; kind is one
        of sum, prod, max, min (kw: indices), var (kw: correction), logsumexp, softmax, log_softmax,
        cumsum, cumprod."""

    def bmm(self, a, b, out):
        """out (B, n, m) = a (B, n, k) @ b (B, k, m)."""

    def linalg(self, name, *operands):
        """A matrix decomposition or solve of torch.linalg on batches of matrices: name is one of det,
        inv, solve, cholesky, eigh, svd, qr, pinv, matrix_rank, lstsq; returns NumPy arrays (a host
        synchronisation)."""

    # ---- indexing ----
    def strided_offsets(self, shape, strides, offset):
        """The storage offsets of every element of a strided layout, in row-major order."""

    def gather(self, t, outer, inner, out):
        """out[i * len(inner) + j] = t.storage[outer[i] + inner[j]]."""

    def scatter(self, t, outer, inner, vals, accumulate=False):
        """t.storage[outer[i] + inner[j]] = (or +=) vals[i * len(inner) + j]."""

    def nonzero(self, t):
        """A host (count, ndim) int64 array of the indices of t's non-zero elements."""

    def check_bounds(self, idx, size):
        """The first index outside [-size, size), or None."""

    def any_zero(self, t):
        """Whether any element of t is zero (a host synchronisation; integer division checks)."""

    # ---- filling and random numbers (out is a fresh contiguous tensor) ----
    def fill(self, out, value):
        """out[...] = value."""

    def arange(self, out, start, step):
        """out[i] = start + i * step."""

    def linspace(self, out, start, end):
        """len(out) evenly spaced values from start to end."""

    def manual_seed(self, seed):
        """Seed this device's generator."""

    def uniform(self, out, low, high):
        """Uniform samples in [low, high)."""

    def normal(self, out, mean, std):
        """Normal samples."""

    def randint(self, out, low, high):
        """Integers uniform in [low, high)."""

    def bernoulli(self, out, p):
        """out[i] = 1 with probability p[i]."""

    def randperm(self, out):
        """A random permutation of 0..len(out)-1."""

    # ---- named fused kernels ----
    def has_fused(self, name):
        """Whether this device has the fused kernel `name`."""

    def fused(self, name):
        """The fused kernel `name` (see the module docstring); NotImplementedError when absent."""
