"""Reference/torch time ratios for the core workloads, measured alternately in one process with the
same thread count on both sides (`python -m benchmarks.ratios`). Ratios, not absolute times, are what
the issues set targets on; a ratio above 1 means the reference is slower."""
import statistics
import sys
import time

import numpy as np


def _time(fn, repeat=15, inner=3):
    fn()  # compile / warm caches
    samples = []
    for _ in range(repeat):
        t = time.perf_counter()
        for _ in range(inner):
            fn()
        samples.append((time.perf_counter() - t) / inner)
    return min(samples), statistics.median(samples)


def workloads(T, rng):
    a4 = T.from_numpy(rng.standard_normal(4_000_000).astype(np.float32))
    b4 = T.from_numpy(rng.standard_normal(4_000_000).astype(np.float32))
    m1 = T.from_numpy(rng.standard_normal((1024, 1024)).astype(np.float32))
    m2 = T.from_numpy(rng.standard_normal((1024, 1024)).astype(np.float32))
    s1 = T.from_numpy(rng.standard_normal((256, 256)).astype(np.float32))
    s2 = T.from_numpy(rng.standard_normal((256, 256)).astype(np.float32))
    s3 = T.from_numpy(rng.standard_normal((256, 256)).astype(np.float32))
    small = T.from_numpy(rng.standard_normal(16).astype(np.float32))

    def fwd_bwd():
        x = s1.detach().requires_grad_(True)
        y = s2.detach().requires_grad_(True)
        ((x @ y).relu() * s3).sum().backward()

    def chain():
        x = small.detach().requires_grad_(True)
        y = x
        for _ in range(20_000):
            y = y * 1.0
        y.sum().backward()

    return {
        "add 4M float32": lambda: a4 + b4,
        "matmul 1024x1024 float32": lambda: m1 @ m2,
        "matmul, then elementwise, then matmul (thread pools)": lambda: ((m1 @ m2) * 2.0) @ m2,
        "small add (16 elements, dispatch overhead)": lambda: small + small,
        "fwd+bwd ((a@b).relu()*c).sum() 256x256": fwd_bwd,
        "backward through a 20,000-op chain": chain,
    }


def main(names=None):
    import torch
    import reference
    threads = torch.get_num_threads()
    reference.set_num_threads(threads)
    rng = np.random.default_rng(0)
    ref_w, torch_w = workloads(reference, rng), workloads(torch, np.random.default_rng(0))
    print(f"threads: {threads}")
    print(f"{'workload':55s} {'reference':>12s} {'torch':>12s} {'ratio':>7s}")
    for name in ref_w:
        if names and not any(n in name for n in names):
            continue
        heavy = "chain" in name
        r = _time(ref_w[name], repeat=3 if heavy else 15, inner=1 if heavy else 3)[0]
        t = _time(torch_w[name], repeat=3 if heavy else 15, inner=1 if heavy else 3)[0]
        print(f"{name:55s} {r * 1e3:10.3f}ms {t * 1e3:10.3f}ms {r / t:7.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])
