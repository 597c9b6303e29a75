"""Planted bugs in reference.utils.data and reference.Generator, each caught by the data spec."""
DATA = ["spec_tests/test_data.py"]

MUTANTS = [
    dict(id="data.batch-sampler-drops-partial-batch", path="reference/utils/data/sampler.py",
         old="if batch and not self.drop_last:", new="if batch and self.drop_last:", tests=DATA),
    dict(id="data.weighted-sampler-ignores-weights", path="reference/utils/data/sampler.py",
         old="cdf = np.cumsum(weights / total)", new="cdf = np.cumsum(np.ones_like(weights) / len(weights))",
         tests=DATA),
    dict(id="data.random-sampler-draws-with-replacement", path="reference/utils/data/sampler.py",
         old="yield from gen._permutation(n).tolist()", new="yield from gen._integers(0, n, n).tolist()",
         tests=DATA),
    dict(id="data.distributed-sampler-pads-with-zeros", path="reference/utils/data/distributed.py",
         old="order += (order * math.ceil(padding / len(order)))[:padding] if padding else []",
         new="order += [0] * padding", tests=DATA),
    dict(id="data.concat-dataset-off-by-one-at-boundaries", path="reference/utils/data/dataset.py",
         old="part = bisect.bisect_right(self.cumulative_sizes, idx)",
         new="part = bisect.bisect_left(self.cumulative_sizes, idx)", tests=DATA),
    dict(id="data.collate-tuple-samples-stay-tuples", path="reference/utils/data/collate.py",
         old="return columns  # torch returns a list for tuple samples", new="return tuple(columns)", tests=DATA),
    dict(id="data.workers-share-one-seed", path="reference/utils/data/_worker.py",
         old="seed = base_seed + worker_id", new="seed = base_seed", tests=DATA),
    dict(id="data.worker-error-loses-traceback", path="reference/utils/data/_worker.py",
         old='msg = f"Caught {self.exc_type.__name__} {self.where}.\\nOriginal {self.exc_msg}"',
         new="msg = self.where", tests=DATA),
    dict(id="data.generator-ignores-seed", path="reference/_generator.py",
         old="np.random.PCG64(self._initial_seed)", new="np.random.PCG64(0)", tests=DATA),
]
