"""Every workload, timed for the reference and for torch in the same run, grouped by workload."""
import os

import numpy as np
import pytest

from . import threads
from .workloads import BY_NAME, WORKLOADS, skip_reason


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
    benchmark.pedantic(fn, rounds=rounds, iterations=workload.iterations,
                       warmup_rounds=0 if workload.heavy else 1)
    benchmark.extra_info["load_after"] = os.getloadavg()[0]
