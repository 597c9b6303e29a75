"""Samplers: the order in which a map-style dataset's indices are visited, and their grouping in batches."""
import numpy as np

from ..._generator import generator_or_fresh
from ..._tensor import Tensor

_CHUNK = 32  # indices drawn per call when sampling with replacement


class Sampler:
    """Iterates over indices (or lists of indices, for a batch sampler)."""

    def __init__(self, data_source=None):
        pass

    def __iter__(self):
        raise NotImplementedError


class SequentialSampler(Sampler):
    def __init__(self, data_source):
        self.data_source = data_source

    def __iter__(self):
        return iter(range(len(self.data_source)))

    def __len__(self):
        return len(self.data_source)


def _check_positive_int(name, value):
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise ValueError(f"{name} should be a positive integer value, but got {name}={value}")


def _check_bool(name, value, exc=TypeError):
    if not isinstance(value, bool):
        raise exc(f"{name} should be a boolean value, but got {name}={value}")


class RandomSampler(Sampler):
    """A random permutation (repeated to reach num_samples), or uniform draws with replacement."""

    def __init__(self, data_source, replacement=False, num_samples=None, generator=None):
        self.data_source = data_source
        self.replacement = replacement
        self._num_samples = num_samples
        self.generator = generator
        _check_bool("replacement", replacement)
        _check_positive_int("num_samples", self.num_samples)

    @property
    def num_samples(self):
        return len(self.data_source) if self._num_samples is None else self._num_samples

    def __iter__(self):
        n = len(self.data_source)
        gen = generator_or_fresh(self.generator)
        if self.replacement:
            for _ in range(self.num_samples // _CHUNK):
                yield from gen._integers(0, n, _CHUNK).tolist()
            yield from gen._integers(0, n, self.num_samples % _CHUNK).tolist()
            return
        for _ in range(self.num_samples // n):
            yield from gen._permutation(n).tolist()
        yield from gen._permutation(n)[:self.num_samples % n].tolist()

    def __len__(self):
        return self.num_samples


class SubsetRandomSampler(Sampler):
    """The given indices in a random order, without replacement."""

    def __init__(self, indices, generator=None):
        self.indices = indices
        self.generator = generator

    def __iter__(self):
        for i in generator_or_fresh(self.generator)._permutation(len(self.indices)).tolist():
            yield self.indices[i]

    def __len__(self):
        return len(self.indices)


def _as_weights(weights):
    w = weights.detach().cpu().numpy() if isinstance(weights, Tensor) else weights
    w = np.asarray(w, dtype=np.float64)
    if w.ndim != 1:
        raise ValueError(f"weights should be a 1d sequence but given weights have shape {tuple(w.shape)}")
    return w


def multinomial_indices(weights, num_samples, replacement, gen):
    """Indices drawn with probability proportional to `weights` (torch.multinomial's distribution)."""
    if not np.all(np.isfinite(weights)) or np.any(weights < 0):
        raise RuntimeError("invalid multinomial distribution (encountering probability entry < 0)")
    total = weights.sum()
    if total <= 0:
        raise RuntimeError("invalid multinomial distribution (sum of probabilities <= 0)")
    if replacement:
        cdf = np.cumsum(weights / total)
        cdf[-1] = 1.0
        return np.searchsorted(cdf, gen._uniform(num_samples), side="right").astype(np.int64)
    if num_samples > len(weights):
        raise RuntimeError("cannot sample n_sample > prob_dist.size(-1) samples without replacement")
    # Exponential race: the k smallest of E_i / w_i are a weighted draw without replacement.
    with np.errstate(divide="ignore"):
        keys = gen._rng.standard_exponential(len(weights)) / weights
    return np.argsort(keys, kind="stable")[:num_samples].astype(np.int64)


class WeightedRandomSampler(Sampler):
    """Indices 0..len(weights)-1 drawn with probabilities proportional to the (unnormalised) weights."""

    def __init__(self, weights, num_samples, replacement=True, generator=None):
        _check_positive_int("num_samples", num_samples)
        _check_bool("replacement", replacement, ValueError)
        self.weights = _as_weights(weights)
        self.num_samples = num_samples
        self.replacement = replacement
        self.generator = generator

    def __iter__(self):
        gen = generator_or_fresh(self.generator)
        yield from multinomial_indices(self.weights, self.num_samples, self.replacement, gen).tolist()

    def __len__(self):
        return self.num_samples


class BatchSampler(Sampler):
    """Groups another sampler's indices into lists of batch_size (the last may be shorter)."""

    def __init__(self, sampler, batch_size, drop_last):
        if not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size <= 0:
            raise ValueError(f"batch_size should be a positive integer value, but got batch_size={batch_size}")
        if not isinstance(drop_last, bool):
            raise ValueError(f"drop_last should be a boolean value, but got drop_last={drop_last}")
        self.sampler = sampler
        self.batch_size = batch_size
        self.drop_last = drop_last

    def __iter__(self):
        batch = []
        for idx in self.sampler:
            batch.append(idx)
            if len(batch) == self.batch_size:
                yield batch
                batch = []
        if batch and not self.drop_last:
            yield batch

    def __len__(self):
        n = len(self.sampler)
        return n // self.batch_size if self.drop_last else (n + self.batch_size - 1) // self.batch_size
