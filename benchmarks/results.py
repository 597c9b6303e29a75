"""Reference/torch ratios from one pytest-benchmark JSON run (pure functions: no timing, no torch).

A ratio divides two times measured in the same run, so the machine's load at the time largely
cancels out; that is the figure the report states and the gate compares between runs."""
import json
from pathlib import Path

IMPLS = ("reference", "torch")


def load(path):
    return json.loads(Path(path).read_text())


def times(run, stat):
    """{workload: {impl: seconds}} for the statistic `stat` (min, median, ...) of each benchmark."""
    out = {}
    for bench in run.get("benchmarks", []):
        info = bench.get("extra_info", {})
        workload = info.get("workload", bench.get("group"))
        impl = info.get("impl", bench.get("params", {}).get("impl"))
        if workload is None or impl not in IMPLS:
            continue
        out.setdefault(workload, {})[impl] = bench["stats"][stat]
    return out


def ratios(run, stat="median"):
    """{workload: reference/torch} for the workloads timed for both namespaces."""
    return {w: t["reference"] / t["torch"] for w, t in times(run, stat).items()
            if "reference" in t and "torch" in t and t["torch"] > 0}
