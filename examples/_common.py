"""What every example shares: the command line, the backend switch, the digits data and the progress bar.

The backend is chosen at run time, so each program is written once against `torch` and runs on either
`import reference as torch` or the real thing."""
import argparse
import importlib
import importlib.util
import os
import sys

import numpy as np
from tqdm import tqdm

BACKENDS = ("reference", "torch")


def parser(description):
    """The flags every example takes; a program adds its own before calling parse_args()."""
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--backend", choices=BACKENDS, default="reference",
                   help="the library to run on: this project's numba reference, or PyTorch")
    p.add_argument("--smoke", action="store_true", help="a few-second run (CI): tiny data, few steps")
    p.add_argument("--seed", type=int, default=0)
    return p


def load_backend(name):
    """The module the program calls `torch`: `reference` (as `import reference as torch`) or torch."""
    if name not in BACKENDS:
        raise ValueError(f"unknown backend {name!r}; choose one of {BACKENDS}")
    return importlib.import_module(name)


def progress(iterable, **kwargs):
    """A tqdm bar on stderr, so that stdout keeps only the program's report and its last-line metric."""
    kwargs.setdefault("file", sys.stderr)
    kwargs.setdefault("leave", False)
    kwargs.setdefault("dynamic_ncols", True)
    kwargs.setdefault("disable", os.environ.get("EXAMPLES_NO_PROGRESS") == "1")
    return tqdm(iterable, **kwargs)


def _digits_arrays():
    """(images, labels) of scikit-learn's digits, as `sklearn.datasets.load_digits()` returns them.

    load_digits() only reads the CSV that scikit-learn ships; importing scikit-learn to call it costs 2-10 s
    per process (it imports much of SciPy), most of a smoke run, so the file is read directly where it is
    and load_digits() is the fallback."""
    spec = importlib.util.find_spec("sklearn")   # locates the package without importing it
    path = os.path.join(spec.submodule_search_locations[0], "datasets", "data", "digits.csv.gz") if spec else None
    if path and os.path.exists(path):
        table = np.loadtxt(path, delimiter=",", dtype=np.float64)
        return table[:, :-1], table[:, -1].astype(np.int64)
    from sklearn.datasets import load_digits   # optional dependency, imported only where it is needed
    data = load_digits()
    return data.data, data.target


def digits(seed, test_fraction=0.25, limit=None):
    """scikit-learn's bundled 8x8 digits (no download), scaled to [0, 1] and shuffled by `seed`.

    Returns float32 images (N, 64) and int64 labels for a train and a test part; `limit` keeps the first
    `limit` samples of the shuffle (smoke runs)."""
    raw_images, raw_labels = _digits_arrays()
    images = (raw_images / 16.0).astype(np.float32)
    labels = raw_labels.astype(np.int64)
    order = np.random.default_rng(seed).permutation(len(labels))
    if limit is not None:
        order = order[:limit]
    n_test = int(round(len(order) * test_fraction))
    test, train = order[:n_test], order[n_test:]
    return images[train], labels[train], images[test], labels[test]


def batches(n, batch_size, rng):
    """Index arrays of one shuffled epoch."""
    order = rng.permutation(n)
    return [order[i:i + batch_size] for i in range(0, n, batch_size)]
