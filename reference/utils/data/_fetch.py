"""Turning the sampler's indices (or an iterable dataset's stream) into collated batches."""
import numpy as np

from ..._ops.creation import from_numpy
from .collate import default_collate
from .dataset import TensorDataset


class IterationEnded(Exception):
    """An iterable dataset has no more samples for this fetch."""


class _MapFetcher:
    def __init__(self, dataset, auto_collation, collate_fn):
        self.dataset = dataset
        self.auto_collation = auto_collation
        self.collate_fn = collate_fn
        self.getitems = getattr(dataset, "__getitems__", None) if auto_collation else None
        self.rows = _gatherable(dataset) if auto_collation and collate_fn is default_collate else None

    def fetch(self, index):
        if self.rows is not None:
            return [from_numpy(np.take(a, index, axis=0)) for a in self.rows]
        if not self.auto_collation:
            return self.collate_fn(self.dataset[index])
        if self.getitems is not None:
            return self.collate_fn(self.getitems(index))
        return self.collate_fn([self.dataset[i] for i in index])


def _gatherable(dataset):
    """The NumPy views of a plain TensorDataset's CPU tensors, when batches can be gathered in one step.

    default_collate over [dataset[i] for i in index] stacks row i of every tensor: for a TensorDataset
    (not a subclass, which may override __getitem__) that is the rows at `index`, taken in one call per
    tensor instead of len(index) row views and a stack. Tensors that require grad keep the general path.
    """
    if type(dataset) is not TensorDataset:
        return None
    tensors = dataset.tensors
    if any(t.device.type != "cpu" or t.requires_grad or t.dim() == 0 for t in tensors):
        return None
    return [t.numpy() for t in tensors]


class _IterableFetcher:
    def __init__(self, dataset, auto_collation, collate_fn, drop_last):
        self.iterator = iter(dataset)
        self.auto_collation = auto_collation
        self.collate_fn = collate_fn
        self.drop_last = drop_last
        self.ended = False

    def fetch(self, index):
        if self.ended:
            raise IterationEnded
        if not self.auto_collation:
            try:
                return self.collate_fn(next(self.iterator))
            except StopIteration:
                self.ended = True
                raise IterationEnded from None
        batch_size = len(index)
        data = []
        for _ in range(batch_size):
            try:
                data.append(next(self.iterator))
            except StopIteration:
                self.ended = True
                break
        if not data or (self.ended and self.drop_last and len(data) < batch_size):
            raise IterationEnded
        return self.collate_fn(data)


MAP, ITERABLE = "map", "iterable"


def make_fetcher(kind, dataset, auto_collation, collate_fn, drop_last):
    if kind == MAP:
        return _MapFetcher(dataset, auto_collation, collate_fn)
    return _IterableFetcher(dataset, auto_collation, collate_fn, drop_last)
