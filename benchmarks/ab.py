"""Reference/torch ratios measured by alternation: one process, the two namespaces timed in turn,
round after round, so a burst of load from other processes falls on both sides alike.

    python -m benchmarks.ab [--threads 1] [--seconds 2] [WORKLOAD ...]

Prints, per workload, the min and median of each side, the ratio of the mins and of the medians,
and the 1-minute load average before and after. This is the figure the notes quote; the pytest
suite (which times all rounds of one side, then all of the other) is what the gate compares.

The clock: with one thread (the default) each round is timed in the calling thread's CPU time, so
the time a busy machine keeps this process off the cores is not counted (at load 20 on 2 cores the
wall clock stretched every round 5-10x, on both sides, but not evenly); `--clock wall` for the wall
clock, which is the only honest one with several threads.
"""
import argparse
import os
import sys
import time

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # as benchmarks/conftest.py, before torch loads

import numpy as np  # noqa: E402

from . import threads  # noqa: E402
from .workloads import BY_NAME, WORKLOADS, skip_reason  # noqa: E402


def _round(fn, iterations, clock=time.perf_counter):
    t = clock()
    for _ in range(iterations):
        fn()
    return (clock() - t) / iterations


def measure(workload, namespaces, seconds, clock=time.perf_counter):
    """{impl: [seconds per call, one entry per round]} with the sides alternating every round."""
    fns = {impl: workload.build(T, np.random.default_rng(0)) for impl, T in namespaces.items()}
    for fn in fns.values():  # compile, fill caches
        fn()
        fn()
    one = sum(_round(fn, workload.iterations) for fn in fns.values())
    rounds = int(max(5, min(500, seconds / max(one, 1e-9))))
    times = {impl: [] for impl in fns}
    for r in range(rounds):
        order = list(fns) if r % 2 == 0 else list(fns)[::-1]
        for impl in order:
            times[impl].append(_round(fns[impl], workload.iterations, clock))
    return times


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python -m benchmarks.ab", description=__doc__.split("\n\n")[0])
    ap.add_argument("names", nargs="*", help="workloads (default: every one that runs in-process)")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seconds", type=float, default=2.0, help="time budget per workload (both sides)")
    ap.add_argument("--clock", choices=("cpu", "wall"), default=None,
                    help="thread CPU time (default with one thread) or wall time (default otherwise)")
    args = ap.parse_args(argv)
    clock_name = args.clock or ("cpu" if args.threads == 1 else "wall")
    clock = time.thread_time if clock_name == "cpu" else time.perf_counter
    threads.configure(args.threads, blas_threads=1)  # as benchmarks/conftest.py
    import reference
    import torch  # the bench extra
    namespaces = {"reference": reference, "torch": torch}
    chosen = [BY_NAME[n] for n in args.names] if args.names else [w for w in WORKLOADS if not w.subprocess]
    print(f"{args.threads} thread(s), {clock_name} clock; ratio = reference / torch; "
          "load = 1-min load average before-after")
    print(f"{'workload':<18} {'ref min':>10} {'torch min':>10} {'ratio min':>9} {'ratio med':>9} "
          f"{'target':>8}  load")
    for w in chosen:
        reason = skip_reason(reference, w)
        if reason:
            print(f"{w.name:<18} skipped: {reason}")
            continue
        before = os.getloadavg()[0]
        t = measure(w, namespaces, args.seconds, clock)
        after = os.getloadavg()[0]
        rmin, tmin = min(t["reference"]), min(t["torch"])
        rmed, tmed = float(np.median(t["reference"])), float(np.median(t["torch"]))
        target = w.target.describe() if w.target and w.target.kind == "ratio" else ""
        print(f"{w.name:<18} {rmin * 1e6:>8.1f}us {tmin * 1e6:>8.1f}us {rmin / tmin:>9.2f} "
              f"{rmed / tmed:>9.2f} {target:>8}  {before:.1f}-{after:.1f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
