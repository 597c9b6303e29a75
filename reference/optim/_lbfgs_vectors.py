"""The vector arithmetic of LBFGS over the parameters as one flat vector, in two forms with one API:

- HostVectors: NumPy arrays over host memory. The reference's op dispatch costs 60-800 us per call
  on a 50-element vector (a dot product goes through the batched-matmul path), which made a
  tensor-op LBFGS step 2-4x slower than this on the CPU; NumPy on the same memory costs about 1 us,
  and the state tensors share memory with the arrays, so nothing is copied.
- TensorVectors: 1-D tensors on the parameters' device (a GPU), where NumPy cannot reach the memory;
  a host read happens only for the scalars that steer the iteration, as in torch.

Both round nothing themselves: the scalars the iteration rounds to the parameters' dtype arrive rounded.
"""
import numpy as np

from .._ops.creation import from_numpy, tensor, zeros
from .._ops.joining import cat
from ..autograd.grad_mode import no_grad


def vectors_for(params):
    """HostVectors when NumPy can view the parameters' storage, else TensorVectors."""
    host = all(isinstance(p._storage.data, np.ndarray) for p in params)
    return (HostVectors if host else TensorVectors)(params)


class HostVectors:
    def __init__(self, params):
        self.params = params
        self.dtype = params[0].dtype.np

    def _views(self):
        out = []
        for p in self.params:
            if not p.is_contiguous():
                raise RuntimeError("LBFGS needs contiguous parameters")
            out.append(p._storage.data[p._offset:p._offset + p.numel()])
        return out

    def flat_grad(self):
        return np.concatenate([np.zeros(p.numel(), self.dtype) if p.grad is None
                               else np.ascontiguousarray(p.grad._np(), dtype=self.dtype).reshape(-1)
                               for p in self.params])

    def add_to_params(self, step_size, update):
        offset = 0
        for p, view in zip(self.params, self._views()):
            n = view.shape[0]
            view += (step_size * update[offset:offset + n]).astype(view.dtype)
            p._bump_version()
            offset += n

    def save_params(self):
        return [v.copy() for v in self._views()]

    def restore_params(self, saved):
        for p, view, value in zip(self.params, self._views(), saved):
            view[...] = value
            p._bump_version()

    @staticmethod
    def dot(a, b):
        return float(a @ b)

    @staticmethod
    def max_abs(v):
        return float(np.abs(v).max())

    @staticmethod
    def abs_sum(v):
        return float(np.abs(v).sum())

    @staticmethod
    def clone(v):
        return v.copy()

    @staticmethod
    def axpy_(y, alpha, x):
        """y += alpha x in place (y is a vector of the iteration's own)."""
        y += alpha * x
        return y

    @staticmethod
    def scale_(v, c):
        v *= c
        return v

    @staticmethod
    def to_state(v):
        # not np.ascontiguousarray: it would turn a 0-d value into shape (1,)
        return from_numpy(v if v.flags.c_contiguous else v.copy())

    @staticmethod
    def from_state(t):
        return t.detach()._np()

    @staticmethod
    def scalar_state(value):
        """A 0-d state tensor holding value in its own type (the iteration rounds what torch rounds)."""
        return from_numpy(np.asarray(value))


class TensorVectors:
    def __init__(self, params):
        self.params = params
        self.like = params[0]

    def flat_grad(self):
        like = self.like
        return cat([zeros(p.numel(), dtype=like.dtype, device=like.device) if p.grad is None
                    else p.grad.detach().to(dtype=like.dtype).reshape(-1) for p in self.params])

    def add_to_params(self, step_size, update):
        offset = 0
        with no_grad():
            for p in self.params:
                n = p.numel()
                p.add_(update[offset:offset + n].view(p.shape), alpha=step_size)
                offset += n

    def save_params(self):
        return [p.detach().clone() for p in self.params]

    def restore_params(self, saved):
        with no_grad():
            for p, value in zip(self.params, saved):
                p.copy_(value)

    @staticmethod
    def dot(a, b):
        return a.dot(b).item()

    @staticmethod
    def max_abs(v):
        return v.abs().max().item()

    @staticmethod
    def abs_sum(v):
        return v.abs().sum().item()

    @staticmethod
    def clone(v):
        return v.clone()

    @staticmethod
    def axpy_(y, alpha, x):
        return y.add_(x, alpha=alpha)

    @staticmethod
    def scale_(v, c):
        return v.mul_(c)

    @staticmethod
    def to_state(v):
        return v

    def from_state(self, t):
        return t.detach().to(device=self.like.device)

    def scalar_state(self, value):
        return tensor(np.asarray(value), device=self.like.device)
