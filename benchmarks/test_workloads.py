"""Every workload, timed for the reference and for torch in the same run, grouped by workload."""
import os
import time

import numpy as np
import pytest

from . import threads
from .workloads import BY_NAME, WORKLOADS, skip_reason


# Seconds of timed rounds per workload and namespace: a cheap workload gets more rounds, since the
# minimum over many rounds is what stays put while other processes come and go.
BUDGET_S, QUICK_BUDGET_S, MAX_ROUNDS = 1.0, 0.3, 200


def _rounds_for_budget(fn, workload, rounds, budget):
    fn()  # first call: compiles kernels, fills caches
    t = time.perf_counter()
    for _ in range(workload.iterations):
        fn()
    per_round = time.perf_counter() - t
    return max(rounds, min(MAX_ROUNDS, int(budget / max(per_round, 1e-9))))


@pytest.mark.parametrize("impl", ["reference", "torch"])
@pytest.mark.parametrize("name", [w.name for w in WORKLOADS])
def test_workload(benchmark, request, namespaces, name, impl):
    workload = BY_NAME[name]
    reason = skip_reason(namespaces["reference"], workload)
    if reason:
        pytest.skip(reason)
    quick = request.config.getoption("bench_quick")
    if quick and workload.heavy:
        pytest.skip("not run with --bench-quick (compiles every kernel from scratch)")
    fn = workload.build(namespaces[impl], np.random.default_rng(0))
    benchmark.group = workload.name
    # the load average shows whether other processes shared the cores while this workload ran
    benchmark.extra_info.update(workload=workload.name, impl=impl, title=workload.title, **threads.settings(),
                                load_before=os.getloadavg()[0])
    rounds = max(1, workload.rounds // 3) if quick else workload.rounds
    if threads.settings()["threads"] == 1 and not workload.subprocess:
        # one thread: time each round in this thread's CPU time, which leaves out the time other
        # processes keep it off the cores (on a loaded shared machine the wall clock stretched the
        # two sides by different factors); a start-up workload times a child, so it keeps the wall
        benchmark._timer = time.thread_time
        benchmark.extra_info["clock"] = "thread cpu"
    else:
        benchmark.extra_info["clock"] = "wall"
    if not workload.subprocess:
        rounds = _rounds_for_budget(fn, workload, rounds, QUICK_BUDGET_S if quick else BUDGET_S)
    benchmark.pedantic(fn, rounds=rounds, iterations=workload.iterations,
                       warmup_rounds=0 if workload.heavy else 1)
    benchmark.extra_info["load_after"] = os.getloadavg()[0]
