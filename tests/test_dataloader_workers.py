"""DataLoader worker behaviour beyond the spec's few cases: a worker that dies, the error text naming the
worker and the original traceback, out-of-order delivery, persistent iterable workers, prefetch bounds."""
import os
import time

import pytest

import reference as torch
from reference.utils.data import DataLoader, IterableDataset, get_worker_info


class Dies:
    def __len__(self):
        return 8

    def __getitem__(self, i):
        if i == 5:
            os._exit(3)
        return i


def test_dead_worker_is_named():
    with pytest.raises(RuntimeError, match=r"DataLoader worker \d \(pid \d+, exit code 3\) exited unexpectedly"):
        list(DataLoader(Dies(), batch_size=2, num_workers=2))


class Raises:
    def __len__(self):
        return 4

    def __getitem__(self, i):
        if i == 3:
            return {}["missing-key"]
        return i


def test_error_names_worker_and_keeps_traceback():
    with pytest.raises(KeyError) as info:
        list(DataLoader(Raises(), batch_size=2, num_workers=2))
    text = str(info.value)
    assert "Caught KeyError in DataLoader worker process 1" in text
    assert "Original Traceback" in text and "__getitem__" in text and "missing-key" in text


class SlowFirst:
    def __len__(self):
        return 6

    def __getitem__(self, i):
        if i == 0:
            time.sleep(0.5)
        return i


def test_out_of_order_delivery():
    ordered = [b.tolist() for b in DataLoader(SlowFirst(), batch_size=1, num_workers=2)]
    assert ordered == [[i] for i in range(6)]
    free = [b.tolist() for b in DataLoader(SlowFirst(), batch_size=1, num_workers=2, in_order=False)]
    assert sorted(free) == ordered and free[0] != [0]


class Shards(IterableDataset):
    def __iter__(self):
        info = get_worker_info()
        return iter(range(info.id, 9, info.num_workers))


def test_persistent_iterable_workers_restart_their_streams():
    loader = DataLoader(Shards(), batch_size=2, num_workers=2, persistent_workers=True)
    first = sorted(i for b in loader for i in b.tolist())
    second = sorted(i for b in loader for i in b.tolist())
    assert first == second == list(range(9))


def test_abandoned_epoch_then_new_epoch_with_persistent_workers():
    loader = DataLoader(list(range(20)), batch_size=2, num_workers=2, persistent_workers=True)
    it = iter(loader)
    assert next(it).tolist() == [0, 1]
    assert [i for b in loader for i in b.tolist()] == list(range(20))


def test_workers_seed_the_global_stream_per_worker():
    class Draws:
        def __len__(self):
            return 4

        def __getitem__(self, i):
            return torch.rand(1).item()
    gen = torch.Generator().manual_seed(3)
    a = [b.tolist() for b in DataLoader(Draws(), batch_size=1, num_workers=2, generator=gen)]
    gen = torch.Generator().manual_seed(3)
    b = [x.tolist() for x in DataLoader(Draws(), batch_size=1, num_workers=2, generator=gen)]
    assert a == b and len({tuple(x) for x in a}) == 4
