"""Rebalance an imbalanced dataset with WeightedRandomSampler, loading with 2 worker processes.

A custom Dataset holds three classes in the ratio 16:3:1. Each sample is weighted by the inverse of its
class's frequency (the tutorials' create_balanced_sampler), so an epoch drawn by WeightedRandomSampler
shows the classes about equally often, where plain shuffling keeps the imbalance. The DataLoader runs 2
worker processes; each sample also reports which worker produced it. Last line:
`balanced class counts: [a, b, c] (max/min X.XX)`."""
from collections import Counter

import numpy as np

from examples._common import load_backend, parser, progress

CLASS_SIZES = (800, 150, 50)


class ImbalancedBlobs:
    """Gaussian blobs, one per class, in the sizes given; returns (features, label, worker id)."""

    def __init__(self, torch, sizes, seed):
        rng = np.random.default_rng(seed)
        self.torch = torch
        self.labels = np.concatenate([np.full(n, c, dtype=np.int64) for c, n in enumerate(sizes)])
        centres = rng.standard_normal((len(sizes), 4)).astype(np.float32) * 3
        self.features = centres[self.labels] + rng.standard_normal((len(self.labels), 4)).astype(np.float32)

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, index):
        info = self.torch.utils.data.get_worker_info()
        worker = -1 if info is None else info.id
        return (self.torch.from_numpy(self.features[index]), self.torch.tensor(self.labels[index]),
                self.torch.tensor(worker))


def balanced_sampler(torch, labels, generator):
    counts = Counter(labels.tolist())
    class_weight = {c: len(labels) / n for c, n in counts.items()}
    weights = [class_weight[c] for c in labels.tolist()]
    return torch.utils.data.WeightedRandomSampler(weights, num_samples=len(weights), replacement=True,
                                                  generator=generator)


def class_counts(loader, n_classes, desc):
    counts, workers = np.zeros(n_classes, dtype=np.int64), Counter()
    for _, labels, worker_ids in progress(loader, desc=desc):
        counts += np.bincount(labels.numpy(), minlength=n_classes)
        workers.update(worker_ids.numpy().tolist())
    return counts, workers


def main(argv=None):
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--scale", type=float, default=3.0, help="multiplies the class sizes 800/150/50")
    p.add_argument("--workers", type=int, default=2)
    args = p.parse_args(argv)
    scale = 0.5 if args.smoke else args.scale
    torch = load_backend(args.backend)
    torch.manual_seed(args.seed)
    sizes = [int(n * scale) for n in CLASS_SIZES]
    dataset = ImbalancedBlobs(torch, sizes, args.seed)
    print(f"dataset: {len(dataset)} samples, class sizes {sizes}")

    data = torch.utils.data
    shuffled = data.DataLoader(dataset, batch_size=50, shuffle=True, num_workers=args.workers,
                               generator=torch.Generator().manual_seed(args.seed))
    counts, _ = class_counts(shuffled, len(sizes), "shuffled")
    print(f"shuffle=True, one epoch: class counts {counts.tolist()}")

    sampler = balanced_sampler(torch, dataset.labels, torch.Generator().manual_seed(args.seed))
    balanced = data.DataLoader(dataset, batch_size=50, sampler=sampler, num_workers=args.workers)
    counts, workers = class_counts(balanced, len(sizes), "weighted")
    print(f"WeightedRandomSampler, one epoch: class counts {counts.tolist()}; "
          f"samples per worker {dict(sorted(workers.items()))}")
    if args.workers and sorted(workers) != list(range(args.workers)):
        raise SystemExit(f"expected samples from workers 0..{args.workers - 1}, got {sorted(workers)}")
    share = counts / counts.sum()
    if share.min() < 0.8 / len(sizes):   # each class near a third; the rarest would be 5% without the sampler
        raise SystemExit(f"the sampler did not balance the classes: shares {np.round(share, 3).tolist()}")
    print(f"balanced class counts: {counts.tolist()} (max/min {counts.max() / counts.min():.2f})")


if __name__ == "__main__":
    main()
