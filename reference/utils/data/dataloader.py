"""DataLoader: samples -> batches, in this process or in worker processes, in sampler order."""
import itertools
import multiprocessing
import queue
import warnings

from ..._generator import Generator, generator_or_fresh
from . import _worker
from ._fetch import ITERABLE, MAP, IterationEnded, make_fetcher
from .collate import default_collate, default_convert
from .dataset import IterableDataset
from .sampler import BatchSampler, RandomSampler, Sampler, SequentialSampler

_STATUS_POLL_S = 0.2  # how often a waiting main process checks that its workers are still alive


class _InfiniteConstantSampler(Sampler):
    """For iterable datasets: the 'indices' are placeholders, the dataset decides when it ends."""

    def __iter__(self):
        while True:
            yield None


def _base_seed(generator):
    return (generator if generator is not None else generator_or_fresh(None))._seed64()


class DataLoader:
    def __init__(self, dataset, batch_size=1, shuffle=None, sampler=None, batch_sampler=None, num_workers=0,
                 collate_fn=None, pin_memory=False, drop_last=False, timeout=0, worker_init_fn=None,
                 multiprocessing_context=None, generator=None, *, prefetch_factor=None,
                 persistent_workers=False, pin_memory_device="", in_order=True):
        if num_workers < 0:
            raise ValueError("num_workers option should be non-negative; use num_workers=0 to disable "
                             "multiprocessing.")
        if timeout < 0:
            raise ValueError("timeout option should be non-negative")
        if num_workers == 0 and prefetch_factor is not None:
            raise ValueError("prefetch_factor option could only be specified in multiprocessing.let "
                             "num_workers > 0 to enable multiprocessing, otherwise set prefetch_factor to None.")
        if num_workers > 0 and prefetch_factor is None:
            prefetch_factor = 2
        if prefetch_factor is not None and prefetch_factor < 0:
            raise ValueError("prefetch_factor option should be non-negative")
        if persistent_workers and num_workers == 0:
            raise ValueError("persistent_workers option needs num_workers > 0")
        if pin_memory:
            warnings.warn("'pin_memory' argument is set as true but no accelerator is found, then device "
                          "pinned memory won't be used.")

        if isinstance(dataset, IterableDataset):
            kind = ITERABLE
            if shuffle not in (False, None):
                raise ValueError(f"DataLoader with IterableDataset: expected unspecified shuffle option, "
                                 f"but got shuffle={shuffle}")
            if sampler is not None:
                raise ValueError(f"DataLoader with IterableDataset: expected unspecified sampler option, "
                                 f"but got sampler={sampler}")
            if batch_sampler is not None:
                raise ValueError(f"DataLoader with IterableDataset: expected unspecified batch_sampler "
                                 f"option, but got batch_sampler={batch_sampler}")
        else:
            kind = MAP
            shuffle = bool(shuffle)
        if sampler is not None and shuffle:
            raise ValueError("sampler option is mutually exclusive with shuffle")
        if batch_sampler is not None:
            if batch_size != 1 or shuffle or sampler is not None or drop_last:
                raise ValueError("batch_sampler option is mutually exclusive with batch_size, shuffle, "
                                 "sampler, and drop_last")
            batch_size, drop_last = None, False
        elif batch_size is None and drop_last:
            raise ValueError("batch_size=None option disables auto-batching and is mutually exclusive with "
                             "drop_last")
        if sampler is None:
            if kind == ITERABLE:
                sampler = _InfiniteConstantSampler()
            elif shuffle:
                sampler = RandomSampler(dataset, generator=generator)
            else:
                sampler = SequentialSampler(dataset)
        if batch_size is not None and batch_sampler is None:
            batch_sampler = BatchSampler(sampler, batch_size, drop_last)

        self.dataset = dataset
        self.batch_size = batch_size
        self.drop_last = drop_last
        self.sampler = sampler
        self.batch_sampler = batch_sampler
        self.num_workers = num_workers
        self.collate_fn = collate_fn if collate_fn is not None else (
            default_collate if batch_sampler is not None else default_convert)
        self.pin_memory = pin_memory
        self.pin_memory_device = pin_memory_device
        self.timeout = timeout
        self.worker_init_fn = worker_init_fn
        self.multiprocessing_context = multiprocessing_context
        self.generator = generator
        self.prefetch_factor = prefetch_factor
        self.persistent_workers = persistent_workers
        self.in_order = in_order
        self._dataset_kind = kind
        self._iterator = None

    @property
    def _auto_collation(self):
        return self.batch_sampler is not None

    @property
    def _index_sampler(self):
        return self.batch_sampler if self._auto_collation else self.sampler

    def _context(self):
        ctx = self.multiprocessing_context
        if ctx is None:
            return multiprocessing.get_context()
        if isinstance(ctx, str):
            return multiprocessing.get_context(ctx)
        return ctx

    def __iter__(self):
        if self.num_workers == 0:
            return _SingleProcessIter(self)
        if not self.persistent_workers:
            return _MultiProcessIter(self)
        if self._iterator is None:
            self._iterator = _MultiProcessIter(self)
        else:
            self._iterator._reset(self)
        return self._iterator

    def __len__(self):
        if self._dataset_kind == ITERABLE:
            length = len(self.dataset)
            if self.batch_size is not None:
                length = length // self.batch_size if self.drop_last else -(-length // self.batch_size)
            return length
        return len(self._index_sampler)


class _SingleProcessIter:
    def __init__(self, loader):
        self._base_seed = _base_seed(loader.generator)
        self._sampler_iter = iter(loader._index_sampler)
        self._fetcher = make_fetcher(loader._dataset_kind, loader.dataset, loader._auto_collation,
                                     loader.collate_fn, loader.drop_last)

    def __iter__(self):
        return self

    def __next__(self):
        index = next(self._sampler_iter)
        try:
            return self._fetcher.fetch(index)
        except IterationEnded:
            raise StopIteration from None


class _MultiProcessIter:
    """Workers each take tasks (batch number, indices) from their own queue and put results on a shared one;
    results are handed out in batch-number order, with up to prefetch_factor tasks per worker in flight."""

    def __init__(self, loader):
        ctx = loader._context()
        self._num_workers = loader.num_workers
        self._timeout = loader.timeout
        self._in_order = loader.in_order
        self._persistent = loader.persistent_workers
        self._prefetch = loader.prefetch_factor * loader.num_workers
        self._base_seed = _base_seed(loader.generator)
        self._result_queue = ctx.Queue()
        self._done_event = ctx.Event()
        self._index_queues, self._workers = [], []
        self._shut = False
        for wid in range(self._num_workers):
            index_queue = ctx.Queue()
            index_queue.cancel_join_thread()
            w = ctx.Process(target=_worker.worker_loop, daemon=True,
                            args=(loader._dataset_kind, loader.dataset, index_queue, self._result_queue,
                                  self._done_event, loader._auto_collation, loader.collate_fn,
                                  loader.drop_last, self._base_seed, loader.worker_init_fn, wid,
                                  self._num_workers))
            w.start()
            self._index_queues.append(index_queue)
            self._workers.append(w)
        self._reset(loader, first=True)

    def _reset(self, loader, first=False):
        self._sampler_iter = iter(loader._index_sampler)
        self._send_idx = 0
        self._rcvd_idx = 0
        self._tasks = {}  # batch number -> [worker id] or [worker id, data]
        self._active = [True] * self._num_workers
        self._cycle = itertools.cycle(range(self._num_workers))
        if not first:
            for q in self._index_queues:
                q.put(_worker.ResumeIteration())
            acks = 0
            while acks < self._num_workers:  # results of an abandoned epoch are dropped on the way
                tag, _ = self._get()
                acks += isinstance(tag, _worker.ResumeIteration)
        for _ in range(self._prefetch):
            self._put_task()

    def _put_task(self):
        try:
            index = next(self._sampler_iter)
        except StopIteration:
            return
        for _ in range(self._num_workers):
            wid = next(self._cycle)
            if self._active[wid]:
                break
        else:
            return
        self._index_queues[wid].put((self._send_idx, index))
        self._tasks[self._send_idx] = [wid]
        self._send_idx += 1

    def __iter__(self):
        return self

    def __next__(self):
        while True:
            while self._rcvd_idx < self._send_idx:
                task = self._tasks.get(self._rcvd_idx)
                if task is not None and (len(task) == 2 or self._active[task[0]]):
                    break
                self._tasks.pop(self._rcvd_idx, None)  # returned out of order, or its worker is done
                self._rcvd_idx += 1
            else:
                if not self._persistent:
                    self._shutdown()
                raise StopIteration
            task = self._tasks[self._rcvd_idx]
            if len(task) == 2:
                del self._tasks[self._rcvd_idx]
                self._rcvd_idx += 1
                return self._deliver(task[1])
            idx, data = self._get()
            if isinstance(data, _worker.WorkerDone):
                self._active[data.worker_id] = False
                self._tasks.pop(idx, None)
                continue
            if idx == self._rcvd_idx or not self._in_order:
                self._tasks.pop(idx, None)
                if idx == self._rcvd_idx:
                    self._rcvd_idx += 1
                return self._deliver(data)
            self._tasks[idx].append(data)

    def _deliver(self, data):
        self._put_task()
        if isinstance(data, _worker.ExceptionWrapper):
            self._shutdown()
            data.reraise()
        return data

    def _get(self):
        """The next (batch number, data) from any worker; errors if a worker died or the timeout passed."""
        waited = 0.0
        while True:
            step = _STATUS_POLL_S if not self._timeout else min(_STATUS_POLL_S, self._timeout - waited)
            try:
                return self._result_queue.get(timeout=max(step, 0.0))
            except queue.Empty:
                waited += step
            dead = [(wid, w) for wid, w in enumerate(self._workers) if not w.is_alive()]
            if dead:
                self._shutdown()
                names = ", ".join(f"{wid} (pid {w.pid}, exit code {w.exitcode})" for wid, w in dead)
                raise RuntimeError(f"DataLoader worker {names} exited unexpectedly")
            if self._timeout and waited >= self._timeout:
                self._shutdown()
                raise RuntimeError(f"DataLoader timed out after {self._timeout} seconds")

    def _shutdown(self):
        if self._shut:
            return
        self._shut = True
        self._done_event.set()
        for q in self._index_queues:
            try:
                q.put(None)
            except (OSError, ValueError):
                pass
        for w in self._workers:
            w.join(timeout=2.0)
            if w.is_alive():
                w.terminate()
                w.join()
        for q in self._index_queues + [self._result_queue]:
            q.cancel_join_thread()
            q.close()

    def __del__(self):
        try:
            self._shutdown()
        except Exception:
            pass
