"""DistributedSampler: each of num_replicas processes sees its own disjoint share of every epoch."""
import math

from ..._generator import Generator
from .sampler import Sampler


class DistributedSampler(Sampler):
    """Rank r takes every num_replicas-th index of one shared (seed + epoch)-shuffled order, starting at r.

    Without drop_last the order is padded with its own first indices to a multiple of num_replicas; with it
    the tail is cut so that every replica gets the same number of samples.
    """

    def __init__(self, dataset, num_replicas=None, rank=None, shuffle=True, seed=0, drop_last=False):
        if num_replicas is None or rank is None:
            raise RuntimeError("Requires distributed package to be available (pass num_replicas and rank)")
        if rank >= num_replicas or rank < 0:
            raise ValueError(f"Invalid rank {rank}, rank should be in the interval [0, {num_replicas - 1}]")
        self.dataset = dataset
        self.num_replicas = num_replicas
        self.rank = rank
        self.epoch = 0
        self.drop_last = drop_last
        self.shuffle = shuffle
        self.seed = seed
        n = len(dataset)
        if drop_last and n % num_replicas:
            self.num_samples = math.ceil((n - num_replicas) / num_replicas)
        else:
            self.num_samples = math.ceil(n / num_replicas)
        self.total_size = self.num_samples * num_replicas

    def __iter__(self):
        n = len(self.dataset)
        if self.shuffle:
            order = Generator().manual_seed(self.seed + self.epoch)._permutation(n).tolist()
        else:
            order = list(range(n))
        if self.drop_last:
            order = order[:self.total_size]
        else:
            padding = self.total_size - len(order)
            order += (order * math.ceil(padding / len(order)))[:padding] if padding else []
        return iter(order[self.rank:self.total_size:self.num_replicas])

    def __len__(self):
        return self.num_samples

    def set_epoch(self, epoch):
        self.epoch = epoch
