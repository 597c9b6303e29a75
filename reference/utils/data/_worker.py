"""What runs inside a DataLoader worker process, and what it tells the main process."""
import queue
import random
import sys
import traceback
from dataclasses import dataclass

import numpy as np

from ..._ops.creation import manual_seed
from ._fetch import make_fetcher, IterationEnded

_info = None  # this process's WorkerInfo; None in the main process


@dataclass(frozen=True)
class WorkerInfo:
    id: int
    num_workers: int
    seed: int
    dataset: object


def get_worker_info():
    """The WorkerInfo of the current worker process, or None in the main process."""
    return _info


class ExceptionWrapper:
    """An exception caught in a worker, carried to the main process with its formatted traceback."""

    def __init__(self, exc_info, where):
        self.exc_type = exc_info[0]
        self.exc_msg = "".join(traceback.format_exception(*exc_info))
        self.where = where

    def reraise(self):
        msg = f"Caught {self.exc_type.__name__} {self.where}.\nOriginal {self.exc_msg}"
        if self.exc_type is KeyError:
            msg = KeyErrorMessage(msg)
        try:
            exc = self.exc_type(msg)
        except Exception:  # an exception type whose constructor wants other arguments
            raise RuntimeError(msg) from None
        raise exc


class KeyErrorMessage(str):
    """KeyError reprs its argument; this keeps the traceback readable."""

    def __repr__(self):
        return self


@dataclass(frozen=True)
class ResumeIteration:
    """Sent to persistent workers at the start of each epoch after the first."""


@dataclass(frozen=True)
class WorkerDone:
    """An IterableDataset worker's stream is exhausted."""
    worker_id: int


def seed_worker(seed):
    random.seed(seed)
    manual_seed(seed)
    np.random.seed(seed % 2 ** 32)


def worker_loop(dataset_kind, dataset, index_queue, result_queue, done_event, auto_collation, collate_fn,
                drop_last, base_seed, init_fn, worker_id, num_workers):
    """Fetch the batches the main process asks for until it sends None or sets done_event."""
    global _info
    try:
        seed = base_seed + worker_id
        seed_worker(seed)
        _info = WorkerInfo(id=worker_id, num_workers=num_workers, seed=seed, dataset=dataset)
        init_error = None
        try:
            if init_fn is not None:
                init_fn(worker_id)
            fetcher = make_fetcher(dataset_kind, dataset, auto_collation, collate_fn, drop_last)
        except Exception:
            init_error = ExceptionWrapper(sys.exc_info(), f"in DataLoader worker process {worker_id}")
        exhausted = False
        while True:
            try:
                task = index_queue.get(timeout=5.0)
            except queue.Empty:
                continue
            if task is None:
                break
            if isinstance(task, ResumeIteration):
                result_queue.put((task, None))
                exhausted = False
                fetcher = make_fetcher(dataset_kind, dataset, auto_collation, collate_fn, drop_last)
                continue
            if done_event.is_set() or exhausted:
                continue
            idx, indices = task
            if init_error is not None:
                data, init_error = init_error, None
            else:
                try:
                    data = fetcher.fetch(indices)
                except IterationEnded:
                    data = WorkerDone(worker_id)
                    exhausted = True
                except Exception:
                    data = ExceptionWrapper(sys.exc_info(), f"in DataLoader worker process {worker_id}")
            result_queue.put((idx, data))
            del data
    except KeyboardInterrupt:
        pass
    if done_event.is_set():
        result_queue.cancel_join_thread()
        result_queue.close()
