"""torch.utils.data: datasets, samplers, collation and the DataLoader (in this process and in workers)
(https://pytorch.org/docs/stable/data.html). Random orders are implementation-specific, so the tests check
the documented properties of an order (a permutation, a partition, frequencies within seeded tolerances,
reproducibility under a seed), never particular numbers."""
import collections
import math
import re
import time

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats

from .catalogue import api, cases, doc, seed, spec
from . import seed_passages as SP
from .harness import to_numpy
from .messages import message_text_id

DATA = doc("data.html")
LOADING = doc("data.html#loading-batched-and-non-batched-data")
MULTI = doc("data.html#multi-process-data-loading")
ITERABLE = doc("data.html#iterable-style-datasets")
COLLATE = api("torch.utils.data.default_collate")
CONVERT = api("torch.utils.data.default_convert")
SAMPLERS = doc("data.html#data-loading-order-and-sampler")
LOADER = doc("data.html#torch.utils.data.DataLoader")
WEIGHTED = seed("002", "为类别不平衡的数据集创建加权采样器")
CUSTOM = seed("001", "可以通过继承 Dataset 类来创建自定义数据集。")

sizes = st.integers(1, 40)
batch_sizes = st.integers(1, 9)
seeds = st.integers(0, 2 ** 31 - 1)


def U(T):
    return T.utils.data


def ints(batch):
    return to_numpy(batch).tolist()


def arange_dataset(T, n, width=2):
    """Row i of x is [i*width, ..., i*width+width-1]; y[i] = i: every sample names its index."""
    x = T.arange(n * width, dtype=T.float32).reshape(n, width)
    return U(T).TensorDataset(x, T.arange(n))


def loaded_indices(loader):
    return [i for _, y in loader for i in ints(y)]


# Every CI run draws fresh generator seeds, so a frequency check must hold for all but a negligible share of
# them: each count is held to its exact binomial band with FALSE_ALARM in each tail (a 5-sigma band plus one
# failed about once per 10^5-10^6 checks, more for small p, where the binomial tail is heavier than the normal).
FALSE_ALARM = 1e-12


def counts_within(counts, probs, draws):
    """Every count lies in the central band of Binomial(draws, p) that holds with probability 1 - 2 * FALSE_ALARM
    (about 7 standard deviations each side: a wrong distribution, e.g. uniform for weighted, lies far outside)."""
    for c, p in zip(counts, probs):
        lo, hi = stats.binom.ppf(FALSE_ALARM, draws, p), stats.binom.isf(FALSE_ALARM, draws, p)
        assert lo <= c <= hi, (counts, probs, (lo, hi))


# ---------------------------------------------------------------------------------------------
# datasets


class CustomDataset:
    """The tutorial's map-style dataset, as written there (data, labels; __len__, __getitem__)."""

    def __init__(self, data, labels):
        self.data = data
        self.labels = labels

    def __len__(self):
        return len(self.data)

    def __getitem__(self, idx):
        return self.data[idx], self.labels[idx]


@spec("data.tensor-dataset-rows", api("torch.utils.data.TensorDataset"))
@given(n=sizes, width=st.integers(1, 4))
def test_tensor_dataset_rows(T, n, width):
    ds = arange_dataset(T, n, width)
    assert len(ds) == n
    for i in (0, n - 1, n // 2):
        x, y = ds[i]
        assert to_numpy(x).tolist() == list(range(i * width, (i + 1) * width)) and int(y) == i


@spec("data.tensor-dataset-size-mismatch", api("torch.utils.data.TensorDataset"))
def test_tensor_dataset_size_mismatch(T):
    with pytest.raises(AssertionError, ):
        U(T).TensorDataset(T.zeros(3, 2), T.zeros(4))


@spec("data.custom-dataset-subclass", CUSTOM)
def test_custom_dataset_subclass(T):
    class Custom(CustomDataset, U(T).Dataset):
        pass
    ds = Custom(T.arange(10).reshape(5, 2), T.arange(5) * 10)
    batches = list(U(T).DataLoader(ds, batch_size=2))
    assert [ints(y) for _, y in batches] == [[0, 10], [20, 30], [40]]
    assert ints(batches[1][0]) == [[4, 5], [6, 7]]


@spec("data.concat-dataset-index", api("torch.utils.data.ConcatDataset"))
@given(lens=st.lists(st.integers(1, 6), min_size=1, max_size=4))
def test_concat_dataset_index(T, lens):
    parts = [list(range(100 * k, 100 * k + n)) for k, n in enumerate(lens)]
    ds = U(T).ConcatDataset(parts)
    flat = [v for p in parts for v in p]
    assert len(ds) == len(flat) and ds.cumulative_sizes == list(np.cumsum(lens))
    assert [ds[i] for i in range(len(ds))] == flat
    assert [ds[-i] for i in range(1, len(ds) + 1)] == flat[::-1]


@spec("data.concat-dataset-negative-out-of-range", api("torch.utils.data.ConcatDataset"))
def test_concat_dataset_negative_out_of_range(T):
    ds = U(T).ConcatDataset([[1, 2], [3]])
    with pytest.raises(ValueError, ):
        ds[-4]


@spec("data.dataset-add-concatenates", api("torch.utils.data.Dataset"))
def test_dataset_add_concatenates(T):
    a, b = arange_dataset(T, 3), arange_dataset(T, 2)
    ds = a + b
    assert isinstance(ds, U(T).ConcatDataset) and len(ds) == 5
    assert [int(ds[i][1]) for i in range(5)] == [0, 1, 2, 0, 1]


@spec("data.subset-indices", api("torch.utils.data.Subset"))
@given(n=sizes, data=st.data())
def test_subset_indices(T, n, data):
    idx = data.draw(st.lists(st.integers(0, n - 1), max_size=10))
    sub = U(T).Subset(list(range(100, 100 + n)), idx)
    assert len(sub) == len(idx) and [sub[i] for i in range(len(idx))] == [100 + i for i in idx]


@spec("data.stack-dataset-tuple-and-dict", api("torch.utils.data.StackDataset"))
def test_stack_dataset(T):
    a, b = list(range(4)), ["w", "x", "y", "z"]
    assert U(T).StackDataset(a, b)[2] == (2, "y")
    assert U(T).StackDataset(num=a, ch=b)[3] == {"num": 3, "ch": "z"}
    assert len(U(T).StackDataset(a, b)) == 4


@spec("data.stack-dataset-errors", api("torch.utils.data.StackDataset"))
def test_stack_dataset_errors(T):
    with pytest.raises(ValueError, ):
        U(T).StackDataset([1, 2], [1])
    with pytest.raises(ValueError):
        U(T).StackDataset([1], b=[2])


class Stream:
    """An iterable-style dataset over range(start, stop) (a base class is mixed in per namespace)."""

    def __init__(self, start, stop):
        self.start, self.stop = start, stop

    def __iter__(self):
        return iter(range(self.start, self.stop))

    def __len__(self):
        return self.stop - self.start


def stream(T, start, stop):
    cls = type("StreamDataset", (Stream, U(T).IterableDataset), {})
    return cls(start, stop)


@spec("data.chain-dataset-order", api("torch.utils.data.ChainDataset"))
def test_chain_dataset_order(T):
    ds = U(T).ChainDataset([stream(T, 0, 3), stream(T, 10, 12)])
    assert list(ds) == [0, 1, 2, 10, 11] and len(ds) == 5
    assert list(stream(T, 0, 2) + stream(T, 5, 6)) == [0, 1, 5]


@spec("data.random-split-partition", api("torch.utils.data.random_split"))
@given(n=st.integers(2, 40), data=st.data())
def test_random_split_partition(T, n, data):
    cut = data.draw(st.integers(0, n))
    parts = U(T).random_split(range(n), [cut, n - cut], generator=T.Generator().manual_seed(data.draw(seeds)))
    assert [len(p) for p in parts] == [cut, n - cut]
    assert sorted(list(parts[0]) + list(parts[1])) == list(range(n))


@spec("data.random-split-fractions", api("torch.utils.data.random_split"))
@pytest.mark.parametrize("n, fracs, want", [(10, [0.3, 0.7], [3, 7]), (11, [0.5, 0.5], [6, 5]),
                                            (7, [0.2, 0.2, 0.6], [2, 1, 4]), (100, [0.25] * 4, [25] * 4)])
def test_random_split_fractions(T, n, fracs, want):
    parts = U(T).random_split(range(n), fracs, generator=T.Generator().manual_seed(0))
    assert [len(p) for p in parts] == want
    assert sorted(i for p in parts for i in p) == list(range(n))


@spec("data.random-split-bad-lengths", api("torch.utils.data.random_split"))
def test_random_split_bad_lengths(T):
    with pytest.raises(ValueError, ):
        U(T).random_split(range(10), [3, 4])


@spec("data.random-split-seeded", api("torch.utils.data.random_split"))
@given(s=seeds)
def test_random_split_seeded(T, s):
    def split(seed_value):
        return [list(p) for p in U(T).random_split(range(30), [10, 20],
                                                      generator=T.Generator().manual_seed(seed_value))]
    assert split(s) == split(s)
    assert split(s) != split(s + 1)  # 30! / (10! 20!) splits: a collision is astronomically unlikely


# ---------------------------------------------------------------------------------------------
# samplers


@spec("data.sequential-sampler", api("torch.utils.data.SequentialSampler"))
@given(n=sizes)
def test_sequential_sampler(T, n):
    s = U(T).SequentialSampler(range(n))
    assert list(s) == list(range(n)) and len(s) == n


@spec("data.random-sampler-permutation", api("torch.utils.data.RandomSampler"))
@given(n=sizes, s=seeds)
def test_random_sampler_permutation(T, n, s):
    order = list(U(T).RandomSampler(range(n), generator=T.Generator().manual_seed(s)))
    assert sorted(order) == list(range(n))


@spec("data.random-sampler-num-samples", api("torch.utils.data.RandomSampler"))
@given(n=st.integers(1, 10), k=st.integers(1, 50), s=seeds)
def test_random_sampler_num_samples(T, n, k, s):
    """Without replacement, num_samples > n repeats whole permutations: counts differ by at most one."""
    sampler = U(T).RandomSampler(range(n), num_samples=k, generator=T.Generator().manual_seed(s))
    order = list(sampler)
    assert len(order) == k == len(sampler)
    counts = np.bincount(order, minlength=n)
    assert counts.max() - counts.min() <= 1 and set(order) <= set(range(n))
    for start in range(0, k - k % n, n):  # every full block of n is a permutation
        assert sorted(order[start:start + n]) == list(range(n))


@spec("data.random-sampler-replacement-uniform", api("torch.utils.data.RandomSampler"))
@given(s=seeds)
def test_random_sampler_replacement_uniform(T, s):
    n, draws = 5, 5000
    order = list(U(T).RandomSampler(range(n), replacement=True, num_samples=draws,
                                    generator=T.Generator().manual_seed(s)))
    assert len(order) == draws and set(order) == set(range(n))
    counts_within(np.bincount(order, minlength=n), [1 / n] * n, draws)
    # with replacement, 5000 draws from 5 values cannot avoid repeats in short windows
    assert any(len(set(order[i:i + n])) < n for i in range(0, 100, n))


@spec("data.random-sampler-bad-arguments", api("torch.utils.data.RandomSampler"))
def test_random_sampler_bad_arguments(T):
    with pytest.raises(TypeError, match="replacement"):
        U(T).RandomSampler(range(3), replacement=1)
    with pytest.raises(ValueError, match="num_samples"):
        U(T).RandomSampler(range(3), num_samples=0)


@spec("data.sampler-generator-reproducible", SAMPLERS)
@given(s=seeds)
def test_sampler_generator_reproducible(T, s):
    def order(seed_value, **kw):
        return list(U(T).RandomSampler(range(50), generator=T.Generator().manual_seed(seed_value), **kw))
    assert order(s) == order(s) and order(s) != order(s + 1)
    assert order(s, replacement=True) == order(s, replacement=True)


@spec("data.subset-random-sampler", api("torch.utils.data.SubsetRandomSampler"))
@given(idx=st.lists(st.integers(0, 1000), min_size=1, max_size=20, unique=True), s=seeds)
def test_subset_random_sampler(T, idx, s):
    sampler = U(T).SubsetRandomSampler(idx, generator=T.Generator().manual_seed(s))
    assert sorted(sampler) == sorted(idx) and len(sampler) == len(idx)


@spec("data.weighted-sampler-frequencies", api("torch.utils.data.WeightedRandomSampler"))
@given(s=seeds, weights=st.lists(st.floats(0.5, 10.0), min_size=2, max_size=5))
def test_weighted_sampler_frequencies(T, s, weights):
    weights = weights + [4 * sum(weights)]  # one heavy class: uniform sampling is far outside the band
    draws = 4000
    order = list(U(T).WeightedRandomSampler(weights, draws, generator=T.Generator().manual_seed(s)))
    probs = np.array(weights) / sum(weights)
    counts_within(np.bincount(order, minlength=len(weights)), probs, draws)


@spec("data.weighted-sampler-zero-weight", api("torch.utils.data.WeightedRandomSampler"))
@given(s=seeds)
def test_weighted_sampler_zero_weight(T, s):
    order = list(U(T).WeightedRandomSampler(T.tensor([0.0, 1.0, 0.0, 3.0]), 500,
                                            generator=T.Generator().manual_seed(s)))
    assert set(order) == {1, 3}
    counts_within([order.count(1), order.count(3)], [0.25, 0.75], 500)


@spec("data.weighted-sampler-without-replacement", api("torch.utils.data.WeightedRandomSampler"))
@given(s=seeds)
def test_weighted_sampler_without_replacement(T, s):
    weights = [1.0] * 9 + [200.0]
    firsts = []
    g = T.Generator().manual_seed(s)
    for _ in range(40):
        order = list(U(T).WeightedRandomSampler(weights, 10, replacement=False, generator=g))
        assert sorted(order) == list(range(10))
        firsts.append(order[0])
    # P(first draw is the heavy index) = 200/209: fewer hits than the binomial's FALSE_ALARM quantile (24 of 40)
    # is a 1e-12 event, while a sampler that ignored the weights would hit about 4 times
    assert firsts.count(9) >= stats.binom.ppf(FALSE_ALARM, 40, 200 / 209)


@spec("data.weighted-sampler-balances-classes", WEIGHTED)
@given(s=seeds)
def test_weighted_sampler_balances_classes(T, s):
    labels = [0] * 90 + [1] * 9 + [2] * 1
    counts = collections.Counter(labels)
    sample_weights = [len(labels) / counts[label] for label in labels]
    sampler = U(T).WeightedRandomSampler(sample_weights, 3000, generator=T.Generator().manual_seed(s))
    drawn = np.bincount([labels[i] for i in sampler], minlength=3)
    counts_within(drawn, [1 / 3] * 3, 3000)


@spec("data.weighted-sampler-bad-arguments", api("torch.utils.data.WeightedRandomSampler"))
def test_weighted_sampler_bad_arguments(T):
    W = U(T).WeightedRandomSampler
    with pytest.raises(ValueError, match="num_samples"):
        W([1.0, 2.0], 0)
    with pytest.raises(ValueError, match="replacement"):
        W([1.0, 2.0], 2, replacement=1)
    with pytest.raises(ValueError, match="1d"):
        W([[1.0, 2.0]], 2)
    with pytest.raises(RuntimeError):
        list(W([1.0, -1.0], 2))


@spec("data.batch-sampler", api("torch.utils.data.BatchSampler"))
@given(n=sizes, bs=batch_sizes, drop_last=st.booleans())
def test_batch_sampler(T, n, bs, drop_last):
    batches = list(U(T).BatchSampler(range(n), bs, drop_last))
    full = [list(range(i, i + bs)) for i in range(0, n - bs + 1, bs)]
    tail = [] if drop_last or n % bs == 0 else [list(range(n - n % bs, n))]
    assert batches == full + tail
    assert len(U(T).BatchSampler(range(n), bs, drop_last)) == len(full + tail)


@spec("data.batch-sampler-bad-arguments", api("torch.utils.data.BatchSampler"))
@pytest.mark.parametrize("bs, drop_last", [(0, False), (-1, False), (2.5, False), (True, False), (2, 1)])
def test_batch_sampler_bad_arguments(T, bs, drop_last):
    with pytest.raises(ValueError):
        U(T).BatchSampler(range(4), bs, drop_last)


DIST = api("torch.utils.data.distributed.DistributedSampler")


def dist_oracle(n, replicas, rank, drop_last):
    """Unshuffled shares: pad range(n) with its own head (or cut the tail), then stride by replicas."""
    order = list(range(n))
    if drop_last and n % replicas:
        per = math.ceil((n - replicas) / replicas)
    else:
        per = math.ceil(n / replicas)
    total = per * replicas
    while len(order) < total:
        order += order[:total - len(order)]
    return order[:total][rank::replicas]


@spec("data.distributed-sampler-shares", DIST)
@given(n=st.integers(1, 30), replicas=st.integers(1, 5), drop_last=st.booleans())
def test_distributed_sampler_shares(T, n, replicas, drop_last):
    for rank in range(replicas):
        s = U(T).DistributedSampler(range(n), num_replicas=replicas, rank=rank, shuffle=False, drop_last=drop_last)
        assert list(s) == dist_oracle(n, replicas, rank, drop_last)
        assert len(s) == len(dist_oracle(n, replicas, rank, drop_last))


@spec("data.distributed-sampler-shuffled-partition", DIST)
@given(n=st.integers(1, 40), replicas=st.integers(1, 4), s=seeds, epoch=st.integers(0, 5))
def test_distributed_sampler_shuffled_partition(T, n, replicas, s, epoch):
    """Every index lands on some replica; without padding (n divisible) on exactly one."""
    shares = []
    for rank in range(replicas):
        sampler = U(T).DistributedSampler(range(n), num_replicas=replicas, rank=rank, seed=s)
        sampler.set_epoch(epoch)
        shares.append(list(sampler))
    everything = [i for share in shares for i in share]
    assert set(everything) == set(range(n))
    assert len(everything) == math.ceil(n / replicas) * replicas
    if n % replicas == 0:
        assert sorted(everything) == list(range(n))


@spec("data.distributed-sampler-epochs", DIST)
@given(s=seeds)
def test_distributed_sampler_epochs(T, s):
    def order(epoch, seed_value=s):
        sampler = U(T).DistributedSampler(range(40), num_replicas=2, rank=1, seed=seed_value)
        sampler.set_epoch(epoch)
        return list(sampler)
    assert order(0) == order(0) and order(1) == order(1)
    assert order(0) != order(1) and order(0) != order(0, s + 1)


@spec("data.distributed-sampler-bad-rank", DIST)
@pytest.mark.parametrize("rank", [-1, 3, 4])
def test_distributed_sampler_bad_rank(T, rank):
    with pytest.raises(ValueError, ):
        U(T).DistributedSampler(range(5), num_replicas=3, rank=rank)


# ---------------------------------------------------------------------------------------------
# collation

Point = collections.namedtuple("Point", "x y")


@spec("data.collate-tensors-stack", COLLATE)
@given(n=st.integers(1, 5), shape=st.lists(st.integers(1, 3), max_size=3), dtype=st.sampled_from(
    ["float32", "float64", "int64", "int32", "uint8", "bool"]))
def test_collate_tensors_stack(T, n, shape, dtype):
    rng = np.random.default_rng(n)
    arrs = [(rng.integers(0, 3, shape) if dtype != "bool" else rng.integers(0, 2, shape)).astype(dtype)
            for _ in range(n)]
    out = U(T).default_collate([T.tensor(a.tolist(), dtype=getattr(T, dtype)).reshape(shape) for a in arrs])
    assert tuple(out.shape) == (n, *shape) and str(out.dtype) == f"torch.{dtype}"
    np.testing.assert_array_equal(to_numpy(out), np.stack(arrs))


@spec("data.collate-numbers", COLLATE)
@pytest.mark.parametrize("batch, dtype", [([1, 2, 3], "int64"), ([1.5, -2.0], "float64"),
                                          ([True, False], "bool")])
def test_collate_numbers(T, batch, dtype):
    out = U(T).default_collate(batch)
    assert str(out.dtype) == f"torch.{dtype}" and to_numpy(out).tolist() == batch


@spec("data.collate-numpy", COLLATE)
@pytest.mark.parametrize("dtype", ["float32", "float64", "int32", "int64", "uint8"])
def test_collate_numpy(T, dtype):
    arrs = [np.arange(6, dtype=dtype).reshape(2, 3) + k for k in range(3)]
    out = U(T).default_collate(arrs)
    assert str(out.dtype) == f"torch.{dtype}" and tuple(out.shape) == (3, 2, 3)
    np.testing.assert_array_equal(to_numpy(out), np.stack(arrs))
    scalars = U(T).default_collate([np.dtype(dtype).type(k) for k in range(4)])
    assert str(scalars.dtype) == f"torch.{dtype}" and to_numpy(scalars).tolist() == [0, 1, 2, 3]


@spec("data.collate-strings", COLLATE)
def test_collate_strings(T):
    assert U(T).default_collate(["a", "bc"]) == ["a", "bc"]
    assert U(T).default_collate([b"x", b"y"]) == [b"x", b"y"]


@spec("data.collate-tuples-become-columns", COLLATE)
def test_collate_tuples(T):
    out = U(T).default_collate([(T.tensor([1.0]), 3, "a"), (T.tensor([2.0]), 4, "b")])
    assert isinstance(out, list) and len(out) == 3
    assert to_numpy(out[0]).tolist() == [[1.0], [2.0]] and ints(out[1]) == [3, 4] and tuple(out[2]) == ("a", "b")


@spec("data.collate-lists", COLLATE)
def test_collate_lists(T):
    out = U(T).default_collate([[1, 2.5], [3, 4.5]])
    assert isinstance(out, list) and ints(out[0]) == [1, 3] and to_numpy(out[1]).tolist() == [2.5, 4.5]


@spec("data.collate-dicts", COLLATE)
def test_collate_dicts(T):
    batch = [{"x": T.tensor([i, i]), "label": i, "name": f"s{i}"} for i in range(3)]
    out = U(T).default_collate(batch)
    assert set(out) == {"x", "label", "name"}
    assert ints(out["x"]) == [[0, 0], [1, 1], [2, 2]] and ints(out["label"]) == [0, 1, 2]
    assert out["name"] == ["s0", "s1", "s2"]
    ordered = U(T).default_collate([collections.OrderedDict(b=1, a=2)] * 2)
    assert isinstance(ordered, collections.OrderedDict) and list(ordered) == ["b", "a"]


@spec("data.collate-namedtuples", COLLATE)
def test_collate_namedtuples(T):
    out = U(T).default_collate([Point(1, 2.0), Point(3, 4.0)])
    assert type(out) is Point and ints(out.x) == [1, 3] and to_numpy(out.y).tolist() == [2.0, 4.0]


@spec("data.collate-nesting", COLLATE)
def test_collate_nesting(T):
    batch = [{"a": (i, {"b": [np.float32(i), np.full(2, i, dtype=np.int16)]})} for i in range(2)]
    out = U(T).default_collate(batch)
    first, inner = out["a"]
    assert ints(first) == [0, 1] and str(inner["b"][0].dtype) == "torch.float32"
    assert ints(inner["b"][1]) == [[0, 0], [1, 1]] and str(inner["b"][1].dtype) == "torch.int16"


COLLATE_ERRORS = [
    (lambda T: [T.zeros(3), T.zeros(4)], RuntimeError, "stack expects each tensor to be equal size"),
    (lambda T: [[1, 2], [1]], RuntimeError, "each element in list of batch should be of equal size"),
    (lambda T: [object(), object()], TypeError, "default_collate: batch must contain"),
    (lambda T: [np.array(["a"]), np.array(["b"])], TypeError, "default_collate: batch must contain"),
]


@spec("data.collate-errors", COLLATE)
@pytest.mark.parametrize("make, exc, text", COLLATE_ERRORS)
def test_collate_errors(T, make, exc, text):
    with pytest.raises(exc):  # the wording: test_message_text
        U(T).default_collate(make(T))


@spec("data.convert", CONVERT)
def test_default_convert(T):
    conv = U(T).default_convert
    t = conv(np.arange(3, dtype=np.int32))
    assert str(t.dtype) == "torch.int32" and ints(t) == [0, 1, 2]
    out = conv((np.float64(1.5), "s", {"k": np.ones(2, dtype=np.float32)}, Point(np.int64(2), 3)))
    assert isinstance(out, list) and float(out[0]) == 1.5 and str(out[0].dtype) == "torch.float64"
    assert out[1] == "s" and str(out[2]["k"].dtype) == "torch.float32"
    assert type(out[3]) is Point and int(out[3].x) == 2 and out[3].y == 3
    keep = T.ones(2)
    assert conv(keep) is keep and conv(7) == 7


# ---------------------------------------------------------------------------------------------
# the DataLoader


@spec("data.loader-batches-in-order", LOADING)
@given(n=sizes, bs=batch_sizes)
def test_loader_batches_in_order(T, n, bs):
    batches = list(U(T).DataLoader(arange_dataset(T, n), batch_size=bs))
    assert [ints(y) for _, y in batches] == [list(range(i, min(i + bs, n))) for i in range(0, n, bs)]
    x0, _ = batches[0]
    assert tuple(x0.shape) == (min(bs, n), 2) and str(x0.dtype) == "torch.float32"
    np.testing.assert_array_equal(to_numpy(x0), np.arange(2 * min(bs, n)).reshape(-1, 2))


@spec("data.loader-tensor-dataset-columns-aligned", api("torch.utils.data.TensorDataset"))
@given(n=sizes, bs=batch_sizes, s=seeds)
def test_loader_tensor_dataset_columns_aligned(T, n, bs, s):
    """Shuffled batches keep each sample's tensors together: row i of x is [2i, 2i+1] for label i."""
    loader = U(T).DataLoader(arange_dataset(T, n), batch_size=bs, shuffle=True,
                             generator=T.Generator().manual_seed(s))
    for x, y in loader:
        labels = np.array(ints(y))
        np.testing.assert_array_equal(to_numpy(x), np.stack([2 * labels, 2 * labels + 1], 1).astype(np.float32))


@spec("data.loader-last-partial-batch-and-drop-last", LOADER)
@given(n=sizes, bs=batch_sizes, drop_last=st.booleans())
def test_loader_drop_last(T, n, bs, drop_last):
    loader = U(T).DataLoader(arange_dataset(T, n), batch_size=bs, drop_last=drop_last)
    lens = [len(ints(y)) for _, y in loader]
    want = [bs] * (n // bs) + ([] if drop_last or n % bs == 0 else [n % bs])
    assert lens == want and len(loader) == len(want)


@spec("data.loader-shuffle-each-index-once", LOADER)
@given(n=sizes, bs=batch_sizes, s=seeds)
def test_loader_shuffle_each_index_once(T, n, bs, s):
    loader = U(T).DataLoader(arange_dataset(T, n), batch_size=bs, shuffle=True,
                             generator=T.Generator().manual_seed(s))
    for _ in range(2):  # every epoch is a permutation
        assert sorted(loaded_indices(loader)) == list(range(n))


@spec("data.loader-shuffle-changes-per-epoch", LOADER)
def test_loader_shuffle_changes_per_epoch(T):
    loader = U(T).DataLoader(arange_dataset(T, 60), batch_size=7, shuffle=True,
                             generator=T.Generator().manual_seed(5))
    epochs = [loaded_indices(loader) for _ in range(3)]
    assert epochs[0] != epochs[1] != epochs[2] and epochs[0] != list(range(60))


@spec("data.loader-seeded-generator-reproducible", doc("notes/randomness.html#dataloader"))
@given(s=seeds)
def test_loader_seeded_generator_reproducible(T, s):
    def run(seed_value):
        return loaded_indices(U(T).DataLoader(arange_dataset(T, 40), batch_size=8, shuffle=True,
                                              generator=T.Generator().manual_seed(seed_value)))
    assert run(s) == run(s) and run(s) != run(s + 1)


@spec("data.loader-manual-seed-reproducible", doc("notes/randomness.html#pytorch-random-number-generator"))
def test_loader_manual_seed_reproducible(T):
    def run(seed_value):
        T.manual_seed(seed_value)
        return loaded_indices(U(T).DataLoader(arange_dataset(T, 40), batch_size=8, shuffle=True))
    assert run(3) == run(3) and run(3) != run(4)


@spec("data.loader-no-batching", doc("data.html#disable-automatic-batching"))
def test_loader_no_batching(T):
    samples = [np.full(2, i, dtype=np.float32) for i in range(3)]
    out = list(U(T).DataLoader(samples, batch_size=None))
    assert len(out) == 3 and all(str(o.dtype) == "torch.float32" and tuple(o.shape) == (2,) for o in out)
    assert [to_numpy(o).tolist() for o in out] == [[0, 0], [1, 1], [2, 2]]
    with pytest.raises(ValueError, match="batch_size=None"):
        U(T).DataLoader(samples, batch_size=None, drop_last=True)


@spec("data.loader-collate-fn", LOADER)
def test_loader_collate_fn(T):
    out = list(U(T).DataLoader(list(range(7)), batch_size=3, collate_fn=lambda b: sum(b)))
    assert out == [3, 12, 6]


@spec("data.loader-dict-samples", SP.DATA_LOADING)
def test_loader_dict_samples(T):
    class TextLike(U(T).Dataset):
        def __len__(self):
            return 5

        def __getitem__(self, idx):
            return {"input_ids": T.arange(4) + idx, "attention_mask": T.ones(4, dtype=T.int64),
                    "label": T.tensor(idx % 2)}
    batches = list(U(T).DataLoader(TextLike(), batch_size=2))
    assert [tuple(b["input_ids"].shape) for b in batches] == [(2, 4), (2, 4), (1, 4)]
    assert ints(batches[1]["input_ids"]) == [[2, 3, 4, 5], [3, 4, 5, 6]]
    assert [ints(b["label"]) for b in batches] == [[0, 1], [0, 1], [0]]


@spec("data.loader-sampler-option", LOADER)
def test_loader_sampler_option(T):
    order = [4, 0, 3, 1, 2]
    assert loaded_indices(U(T).DataLoader(arange_dataset(T, 5), batch_size=2, sampler=order)) == order
    batches = [[0, 1, 2], [4], [3]]
    loader = U(T).DataLoader(arange_dataset(T, 5), batch_sampler=batches)
    assert [ints(y) for _, y in loader] == batches and len(loader) == 3


EXCLUSIVE = [
    (dict(sampler=[0, 1], shuffle=True), "mutually exclusive with shuffle"),
    (dict(batch_sampler=[[0]], batch_size=2), "batch_sampler option is mutually exclusive"),
    (dict(batch_sampler=[[0]], drop_last=True), "batch_sampler option is mutually exclusive"),
    (dict(batch_sampler=[[0]], sampler=[0]), "batch_sampler option is mutually exclusive"),
    (dict(num_workers=-1), "num_workers option should be non-negative"),
    (dict(timeout=-1), "timeout option should be non-negative"),
    (dict(prefetch_factor=2), "prefetch_factor option could only be specified in multiprocessing"),
    (dict(persistent_workers=True), "persistent_workers option needs num_workers > 0"),
]


@spec("data.loader-mutually-exclusive-options", LOADER)
@pytest.mark.parametrize("kwargs, text", EXCLUSIVE)
def test_loader_mutually_exclusive_options(T, kwargs, text):
    with pytest.raises(ValueError):  # the wording: test_message_text
        U(T).DataLoader(arange_dataset(T, 4), **kwargs)


@spec("data.loader-iterable-dataset-batches", ITERABLE)
@given(n=st.integers(0, 30), bs=batch_sizes, drop_last=st.booleans())
def test_loader_iterable_dataset_batches(T, n, bs, drop_last):
    loader = U(T).DataLoader(stream(T, 0, n), batch_size=bs, drop_last=drop_last)
    batches = [ints(b) for b in loader]
    want = [list(range(i, min(i + bs, n))) for i in range(0, n, bs)]
    if drop_last and n % bs:
        want = want[:-1]
    assert batches == want and len(loader) == len(want)


@spec("data.loader-iterable-dataset-no-shuffle", ITERABLE)
@pytest.mark.parametrize("kwargs", [dict(shuffle=True), dict(sampler=[0]), dict(batch_sampler=[[0]])])
def test_loader_iterable_dataset_rejects_order_options(T, kwargs):
    with pytest.raises(ValueError, ):
        U(T).DataLoader(stream(T, 0, 3), **kwargs)


# ---------------------------------------------------------------------------------------------
# worker processes (few and small: each loader starts processes)


class Slow:
    """Map-style samples that take a moment, so several workers really interleave."""

    def __init__(self, T, n):
        self.T, self.n = T, n

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        if i % 5 == 0:
            time.sleep(0.01)
        return self.T.full((3,), float(i)), i


@spec("data.workers-equal-in-process", MULTI)
def test_workers_equal_in_process(T):
    ds = Slow(T, 23)
    kw = dict(batch_size=4, shuffle=True)
    single = list(U(T).DataLoader(ds, generator=T.Generator().manual_seed(9), **kw))
    multi = list(U(T).DataLoader(ds, num_workers=2, generator=T.Generator().manual_seed(9), **kw))
    assert [ints(y) for _, y in multi] == [ints(y) for _, y in single]
    for (xm, _), (xs, _) in zip(multi, single):
        np.testing.assert_array_equal(to_numpy(xm), to_numpy(xs))
    assert sorted(i for _, y in multi for i in ints(y)) == list(range(23))


INIT_CALLS = []  # filled by worker_init_fn inside each worker process


def mark_init(worker_id):
    INIT_CALLS.append(worker_id)


class WorkerIds:
    """Each sample reports which worker produced it, as get_worker_info() tells the worker."""

    def __init__(self, T):
        self.T = T

    def __len__(self):
        return 8

    def __getitem__(self, i):
        info = self.T.utils.data.get_worker_info()
        return i, info.id, info.num_workers, info.seed - info.id, INIT_CALLS == [info.id]


@spec("data.workers-get-worker-info", api("torch.utils.data.get_worker_info"))
def test_workers_get_worker_info(T):
    assert U(T).get_worker_info() is None
    loader = U(T).DataLoader(WorkerIds(T), batch_size=2, num_workers=2, worker_init_fn=mark_init)
    rows = [list(zip(*[ints(c) for c in batch])) for batch in loader]
    rows = [r for batch in rows for r in batch]
    assert [r[0] for r in rows] == list(range(8))
    assert {r[1] for r in rows} == {0, 1} and {r[2] for r in rows} == {2}
    assert len({r[3] for r in rows}) == 1  # seed = base_seed + worker id
    assert all(r[4] for r in rows) and INIT_CALLS == []  # worker_init_fn ran once in each worker, not here


class Sharded:
    """An iterable dataset that splits range(n) between workers through get_worker_info()."""

    def __init__(self, T, n):
        self.T, self.n = T, n

    def __iter__(self):
        info = self.T.utils.data.get_worker_info()
        if info is None:
            return iter(range(self.n))
        return iter(range(info.id, self.n, info.num_workers))


@spec("data.workers-iterable-sharding", ITERABLE)
def test_workers_iterable_sharding(T):
    ds = type("ShardedDataset", (Sharded, U(T).IterableDataset), {})(T, 17)
    got = [i for b in U(T).DataLoader(ds, batch_size=3, num_workers=2) for i in ints(b)]
    assert sorted(got) == list(range(17))
    assert [i for b in U(T).DataLoader(ds, batch_size=3) for i in ints(b)] == list(range(17))


class Failing:
    def __len__(self):
        return 10

    def __getitem__(self, i):
        if i == 6:
            raise ValueError("sample 6 is broken")
        return i


@spec("data.workers-error-surfaces", MULTI)
def test_workers_error_surfaces(T):
    loader = U(T).DataLoader(Failing(), batch_size=2, num_workers=2)
    got = []
    with pytest.raises(ValueError) as info:
        for b in loader:
            got.append(ints(b))
    assert got == [[0, 1], [2, 3], [4, 5]]
    assert "sample 6 is broken" in str(info.value) and "worker" in str(info.value)
    assert "Traceback" in str(info.value)


@spec("data.workers-persistent-epochs", api("torch.utils.data.DataLoader"))
def test_workers_persistent_epochs(T):
    loader = U(T).DataLoader(arange_dataset(T, 10), batch_size=3, num_workers=2, persistent_workers=True,
                             prefetch_factor=1)
    assert [loaded_indices(loader) for _ in range(2)] == [list(range(10))] * 2


class Sleepy:
    def __len__(self):
        return 2

    def __getitem__(self, i):
        time.sleep(1.5)
        return i


@spec("data.workers-timeout", LOADER)
def test_workers_timeout(T):
    loader = U(T).DataLoader(Sleepy(), num_workers=1, timeout=0.3)
    with pytest.raises(RuntimeError):
        next(iter(loader))


# ---------------------------------------------------------------------------------------------
# torch.Generator: the explicit random stream behind every seeded choice above

GENERATOR = api("torch.Generator")


@spec("generator.manual-seed-and-initial-seed", GENERATOR)
@given(s=seeds)
def test_generator_manual_seed(T, s):
    g = T.Generator()
    assert g.initial_seed() == 67280421310721  # the documented default seed of a fresh generator
    assert g.manual_seed(s) is g and g.initial_seed() == s


@spec("generator.seeded-draws-reproducible", GENERATOR)
@given(s=seeds)
def test_generator_seeded_draws(T, s):
    def draws(seed_value):
        g = T.Generator().manual_seed(seed_value)
        return (to_numpy(T.rand(50, generator=g)), to_numpy(T.randn(4, 3, generator=g)),
                ints(T.randint(0, 7, (30,), generator=g)), ints(T.randperm(25, generator=g)))
    u, n, i, p = draws(s)
    for a, b in zip(draws(s), (u, n, i, p)):
        np.testing.assert_array_equal(a, b)
    assert not np.array_equal(draws(s + 1)[0], u)
    assert u.dtype == np.float32 and ((u >= 0) & (u < 1)).all() and n.shape == (4, 3)
    assert set(i) <= set(range(7)) and sorted(p) == list(range(25))


@spec("generator.get-set-state", api("torch.Generator.get_state"))
@given(s=seeds)
def test_generator_get_set_state(T, s):
    g = T.Generator().manual_seed(s)
    T.rand(3, generator=g)
    state = g.get_state()
    assert str(state.dtype) == "torch.uint8"
    first = ints(T.randperm(30, generator=g))
    g.set_state(state)
    assert ints(T.randperm(30, generator=g)) == first


@spec("generator.independent-of-global-stream", GENERATOR)
def test_generator_independent_of_global_stream(T):
    T.manual_seed(11)
    want = to_numpy(T.rand(5))
    T.manual_seed(11)
    T.rand(1000, generator=T.Generator().manual_seed(1))
    np.testing.assert_array_equal(to_numpy(T.rand(5)), want)


@spec("generator.float16-uniform-below-one", api("torch.rand"))
def test_generator_float16_uniform_below_one(T):
    u = to_numpy(T.rand(20000, dtype=T.float16, generator=T.Generator().manual_seed(2)))
    assert u.max() < 1 and u.min() >= 0 and 0.45 < u.mean() < 0.55


@spec("generator.normal-and-bernoulli", api("torch.normal"))
@given(s=seeds)
def test_generator_normal_and_bernoulli(T, s):
    def draws(seed_value):
        g = T.Generator().manual_seed(seed_value)
        return (to_numpy(T.normal(2.0, 3.0, (4000,), generator=g)),
                to_numpy(T.bernoulli(T.full((4000,), 0.25), generator=g)))
    n, b = draws(s)
    np.testing.assert_array_equal(draws(s)[0], n)
    np.testing.assert_array_equal(draws(s)[1], b)
    # the mean of 4000 normal draws is normal with sd 3 / sqrt(4000): 7.1 sd is exceeded with probability 1e-12;
    # the sample sd's own sd is about 3 / sqrt(2 * 4000) = 0.034, so 0.3 is 9 of them
    assert abs(n.mean() - 2.0) < 7.1 * 3.0 / math.sqrt(4000) and abs(n.std() - 3.0) < 0.3
    assert set(np.unique(b)) <= {0.0, 1.0}
    counts_within([b.sum()], [0.25], 4000)


# ---------------------------------------------------------------------------------------------
# The wording of the errors above is torch's own text: internal tier (spec_tests/messages.py).

def _wording(behaviour, source, call, exc, text):
    return (message_text_id(behaviour), source, call, exc, text)


WORDING = cases([
    _wording("data.tensor-dataset-size-mismatch", api("torch.utils.data.TensorDataset"),
             lambda T: U(T).TensorDataset(T.zeros(3, 2), T.zeros(4)), AssertionError, "Size mismatch"),
    _wording("data.concat-dataset-negative-out-of-range", api("torch.utils.data.ConcatDataset"),
             lambda T: U(T).ConcatDataset([[1, 2], [3]])[-4], ValueError, "absolute value of index"),
    _wording("data.stack-dataset-errors", api("torch.utils.data.StackDataset"),
             lambda T: U(T).StackDataset([1, 2], [1]), ValueError, "Size mismatch"),
    _wording("data.random-split-bad-lengths", api("torch.utils.data.random_split"),
             lambda T: U(T).random_split(range(10), [3, 4]), ValueError, "Sum of input lengths"),
    _wording("data.weighted-sampler-bad-arguments", api("torch.utils.data.WeightedRandomSampler"),
             lambda T: list(U(T).WeightedRandomSampler([1.0, -1.0], 2)), RuntimeError, "invalid multinomial"),
    _wording("data.distributed-sampler-bad-rank", DIST,
             lambda T: U(T).DistributedSampler(range(5), num_replicas=3, rank=3), ValueError, "Invalid rank"),
    _wording("data.loader-iterable-dataset-no-shuffle", ITERABLE,
             lambda T: U(T).DataLoader(stream(T, 0, 3), shuffle=True), ValueError, "DataLoader with IterableDataset"),
    _wording("data.workers-timeout", LOADER,
             lambda T: next(iter(U(T).DataLoader(Sleepy(), num_workers=1, timeout=0.3))), RuntimeError, "timed out"),
] + [_wording("data.collate-errors", COLLATE, lambda T, make=make: U(T).default_collate(make(T)), exc, text)
     for make, exc, text in COLLATE_ERRORS]
  + [_wording("data.loader-mutually-exclusive-options", LOADER,
              lambda T, kw=kw: U(T).DataLoader(arange_dataset(T, 4), **kw), ValueError, text)
     for kw, text in EXCLUSIVE])


@pytest.mark.parametrize("call, exc, text", WORDING)
def test_message_text(T, call, exc, text):
    with pytest.raises(exc, match=re.escape(text)):
        call(T)
