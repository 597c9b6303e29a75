"""The regression gate of `tox -e bench-compare`: compares the reference/torch ratio of each workload
in a new run with the latest saved run (`--benchmark-autosave`) and fails when one grew by more than
the threshold. Absolute times are not compared: on a shared machine they move with the load, while
torch, timed in the same run, moves with them.

    python -m benchmarks.gate --current .benchmarks/compare.json [--baseline SAVED.json ...]
                              [--baselines 2] [--threshold 0.5] [--stat min] [--confirm N -- PYTEST-OPTIONS]

The baseline ratio of a workload is the largest among the latest saved runs (two by default), so
one saved run that caught a burst of load on torch's side does not set the bar too low.

With --confirm N, a workload over the threshold is timed again (up to N more pytest runs of just the
flagged workloads, with the PYTEST-OPTIONS the compare run used) and fails only if every attempt is
over: a slowdown in the code stays, a burst of load from other processes does not.
"""
import argparse
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import results

DEFAULT_THRESHOLD = 0.5  # a ratio may grow by half before the gate fails; an op made 2x slower fails
DEFAULT_STAT = "min"  # the steadiest statistic on a noisy machine (DESIGN.md)
# A regression must also show in the reference's own time: when only torch's side moved (a saved run
# whose torch rounds all met a burst of load: broadcast_add's torch min 24-34 ms in two saved runs,
# 2.2 ms after), the ratio grows while the reference's time stays put.
REF_GROWTH = 0.25


@dataclass
class Row:
    workload: str
    baseline: float
    current: float  # the best ratio over the compare run and its confirmation attempts
    base_ref: float = None  # the reference's own time (fastest in the baseline runs)
    cur_ref: float = None  # the reference's own time (fastest in the compare run and attempts)
    attempts: list = field(default_factory=list)

    @property
    def change(self):
        return self.current / self.baseline - 1.0

    @property
    def ref_change(self):
        return self.cur_ref / self.base_ref - 1.0 if self.base_ref and self.cur_ref else None

    def regressed(self, threshold):
        return self.change > threshold and (self.ref_change is None or self.ref_change > REF_GROWTH)


def baseline_ratios(runs, stat=DEFAULT_STAT):
    """Per workload, the largest ratio among the saved runs: a run in which other processes happened
    to slow torch's side leaves a ratio too low to compare with (measured: add_4M 0.07 in one saved
    run, 0.8 in the next ones), and the next saved run corrects it."""
    out = {}
    for run in runs:
        for w, r in results.ratios(run, stat).items():
            out[w] = max(out.get(w, r), r)
    return out


def compare(baseline_runs, current_run, stat=DEFAULT_STAT):
    """Rows for the workloads with a ratio in both, and the names present in only one of them.
    `baseline_runs`: one saved run or a list of them."""
    runs = baseline_runs if isinstance(baseline_runs, list) else [baseline_runs]
    base, cur = baseline_ratios(runs, stat), results.ratios(current_run, stat)
    base_ref = {}
    for run in runs:
        for w, t in results.times(run, stat).items():
            if "reference" in t:
                base_ref[w] = min(base_ref.get(w, t["reference"]), t["reference"])
    cur_ref = {w: t.get("reference") for w, t in results.times(current_run, stat).items()}
    rows = [Row(w, base[w], cur[w], base_ref.get(w), cur_ref.get(w)) for w in base if w in cur]
    only = sorted(set(base) ^ set(cur))
    return rows, only


def settle(rows, attempt_ratios, attempt_ref_times=()):
    """Fold confirmation attempts ({workload: ratio} per attempt, and optionally {workload: reference
    time}) into the rows: the best ratio and the fastest reference time count."""
    for r in rows:
        for ratios in attempt_ratios:
            if r.workload in ratios:
                r.attempts.append(ratios[r.workload])
                r.current = min(r.current, ratios[r.workload])
        for ref_times in attempt_ref_times:
            if r.workload in ref_times and r.cur_ref is not None:
                r.cur_ref = min(r.cur_ref, ref_times[r.workload])
    return rows


def rerun(workloads, pytest_args, stat):
    """Time only `workloads` again in a fresh pytest run; their ratios."""
    fd, path = tempfile.mkstemp(suffix=".json", prefix="bench-confirm-")
    os.close(fd)
    cmd = [sys.executable, "-m", "pytest", "benchmarks", "-p", "no:cacheprovider", "-q", "--benchmark-quiet",
           f"--benchmark-json={path}", "-k", " or ".join(workloads), *pytest_args]
    print("confirming: " + " ".join(cmd), flush=True)
    subprocess.run(cmd, stdout=subprocess.DEVNULL)
    try:
        run = results.load(path)
        return results.ratios(run, stat), {w: t["reference"] for w, t in results.times(run, stat).items()
                                           if "reference" in t}
    except (OSError, ValueError):
        return {}, {}
    finally:
        os.unlink(path)


def latest_saved(root=".benchmarks", exclude=None, count=None):
    """The newest file that `--benchmark-autosave` wrote (`.benchmarks/<machine>/NNNN_*.json`) or None;
    with `count`, a list of the newest `count` of them, newest first."""
    exclude = Path(exclude).resolve() if exclude else None
    saved = [p for p in Path(root).glob("*/[0-9][0-9][0-9][0-9]_*.json") if p.resolve() != exclude]
    saved.sort(key=lambda p: (p.stat().st_mtime, p.name), reverse=True)
    if count is None:
        return saved[0] if saved else None
    return saved[:count]


def render(rows, only, threshold, stat):
    lines = [f"reference/torch ratio ({stat}) against the baseline; fails above +{threshold:.0%} when the "
             f"reference's own time also grew by more than {REF_GROWTH:.0%}",
             f"{'workload':24s} {'baseline':>9s} {'current':>9s} {'change':>8s} {'ref time':>9s}"]
    for r in rows:
        flag = "  REGRESSED" if r.regressed(threshold) else ""
        tried = f"  (confirmation attempts: {', '.join(f'{a:.2f}' for a in r.attempts)})" if r.attempts else ""
        ref = f"{r.ref_change:+9.0%}" if r.ref_change is not None else f"{'—':>9s}"
        lines.append(f"{r.workload:24s} {r.baseline:9.2f} {r.current:9.2f} {r.change:+8.0%} {ref}{flag}{tried}")
    if only:
        lines.append("in one run only (not compared): " + ", ".join(only))
    return "\n".join(lines)


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    pytest_args = argv[argv.index("--") + 1:] if "--" in argv else []
    argv = argv[:argv.index("--")] if "--" in argv else argv
    ap = argparse.ArgumentParser(prog="python -m benchmarks.gate", description=__doc__.split("\n\n")[0])
    ap.add_argument("--current", required=True, help="pytest-benchmark JSON of the new run")
    ap.add_argument("--baseline", action="append",
                    help="a saved run, may repeat (default: the latest --baselines under --root)")
    ap.add_argument("--baselines", type=int, default=2,
                    help="how many of the latest saved runs form the baseline (largest ratio of them)")
    ap.add_argument("--root", default=".benchmarks", help="pytest-benchmark's storage folder")
    ap.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    ap.add_argument("--stat", default=DEFAULT_STAT, choices=("min", "median", "mean"))
    ap.add_argument("--confirm", type=int, default=0, help="retime flagged workloads up to N times")
    args = ap.parse_args(argv)
    baselines = ([Path(b) for b in args.baseline] if args.baseline
                 else latest_saved(args.root, exclude=args.current, count=args.baselines))
    if not baselines:
        print(f"no saved run under {args.root}/: run `tox -e bench` first", file=sys.stderr)
        return 2
    rows, only = compare([results.load(b) for b in baselines], results.load(args.current), args.stat)
    for _ in range(args.confirm):
        flagged = [r.workload for r in rows if r.regressed(args.threshold)]
        if not flagged:
            break
        ratios, ref_times = rerun(flagged, pytest_args, args.stat)
        settle(rows, [ratios], [ref_times])
    print("baseline: " + "\n          ".join(map(str, baselines)) + f"\ncurrent:  {args.current}")
    print(render(rows, only, args.threshold, args.stat))
    if not rows:
        print("no workload timed in both runs", file=sys.stderr)
        return 2
    bad = [r.workload for r in rows if r.regressed(args.threshold)]
    if bad:
        print(f"FAIL: reference/torch ratio regressed in {', '.join(bad)}", file=sys.stderr)
        return 1
    print(f"ok: {len(rows)} ratios within +{args.threshold:.0%} of the baseline")
    return 0


if __name__ == "__main__":
    sys.exit(main())
