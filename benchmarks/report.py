"""One table of reference/torch median ratios from a single benchmark run, each with its target
(issue 14) and whether it is met, in Markdown (stdout and a file) and JSON.

    python -m benchmarks.report                    # runs the suite once, then reports
    python -m benchmarks.report --quick            # fewer rounds, no cold start
    python -m benchmarks.report --from RUN.json    # report a run that pytest-benchmark saved
    python -m benchmarks.report -- -k "sum or add" # anything after -- goes to pytest
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from . import results
from .workloads import WORKLOADS, skip_reason


def _fmt_time(s):
    if s is None:
        return "—"
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("us", 1e-6)):
        if s >= scale:
            return f"{s / scale:.3g} {unit}"
    return f"{s / 1e-9:.3g} ns"


def build_rows(run, skip_reasons=None):
    """A row per registered workload, ran or not, in registry order."""
    skip_reasons = skip_reasons or {}
    med, low = results.times(run, "median"), results.times(run, "min")
    rows = []
    for w in WORKLOADS:
        t = med.get(w.name, {})
        ref, tor = t.get("reference"), t.get("torch")
        ratio = ref / tor if ref and tor else None
        lows = low.get(w.name, {})
        ratio_min = lows["reference"] / lows["torch"] if ref and tor else None
        met = None
        if w.target and ratio is not None:
            met = (ratio if w.target.kind == "ratio" else ref) <= w.target.value
        if ratio is not None:
            note = ""
        elif w.name in skip_reasons:
            note = "skipped: " + skip_reasons[w.name]
        else:
            note = "not run in this run"
        rows.append(dict(workload=w.name, title=w.title, reference_s=ref, torch_s=tor, ratio=ratio,
                         ratio_min=ratio_min, target=w.target.describe() if w.target else None,
                         target_kind=w.target.kind if w.target else None, met=met, note=note))
    return rows


def markdown(rows, header=""):
    out = [header] if header else []
    out += ["| workload | what | reference | torch | ratio (median) | ratio (min) | target | met |",
            "|---|---|---:|---:|---:|---:|---|---|"]
    for r in rows:
        ratio = f"{r['ratio']:.2f}" if r["ratio"] is not None else "—"
        rmin = f"{r['ratio_min']:.2f}" if r["ratio_min"] is not None else "—"
        target = r["target"] or "—"
        if r["target_kind"] == "seconds":
            target += " (reference)"
        met = {True: "yes", False: "**no**", None: "—"}[r["met"]]
        if r["note"]:
            met = r["note"]
        out.append(f"| {r['workload']} | {r['title']} | {_fmt_time(r['reference_s'])} | "
                   f"{_fmt_time(r['torch_s'])} | {ratio} | {rmin} | {target} | {met} |")
    ran = [r for r in rows if r["ratio"] is not None]
    targeted = [r for r in ran if r["met"] is not None]
    out.append("")
    out.append(f"{len(ran)} of {len(rows)} workloads ran; {sum(r['met'] for r in targeted)} of "
               f"{len(targeted)} targets met.")
    return "\n".join(out)


def load_range(run):
    """(lowest, highest) 1-minute load average seen by the workloads of a run, or None."""
    loads = [b["extra_info"][k] for b in run.get("benchmarks", []) for k in ("load_before", "load_after")
             if k in b.get("extra_info", {})]
    return (min(loads), max(loads)) if loads else None


def header_of(run):
    info = next((b.get("extra_info", {}) for b in run.get("benchmarks", [])), {})
    commit = run.get("commit_info", {})
    text = (f"Benchmarks {run.get('datetime', '')}, commit {str(commit.get('id', '?'))[:10]}"
            f"{' (dirty)' if commit.get('dirty') else ''}, {info.get('threads', '?')} threads for torch "
            f"and numba, BLAS {info.get('blas_threads', '?')}, OMP_WAIT_POLICY {info.get('omp_wait_policy', '?')}; ratio = reference / torch, same run.")
    loads, cores = load_range(run), os.cpu_count() or 1
    if loads:
        text += f" Load average {loads[0]:.1f}-{loads[1]:.1f} on {cores} cores."
        if loads[1] > cores:
            text += (" The cores were oversubscribed: a parallel kernel (either side) waits for descheduled "
                     "threads, so ratios of parallel workloads are noisy in this run.")
    return text + "\n"


def run_suite(json_path, quick, pytest_args):
    cmd = [sys.executable, "-m", "pytest", "benchmarks", "-p", "no:cacheprovider", "-q",
           f"--benchmark-json={json_path}", *(["--bench-quick"] if quick else []), *pytest_args]
    print("$ " + " ".join(cmd), file=sys.stderr)
    rc = subprocess.run(cmd).returncode
    if rc not in (0, 5):
        raise SystemExit(f"benchmark run failed (pytest exit {rc})")


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    extra = argv[argv.index("--") + 1:] if "--" in argv else []
    argv = argv[:argv.index("--")] if "--" in argv else argv
    ap = argparse.ArgumentParser(prog="python -m benchmarks.report", description=__doc__.split("\n\n")[0])
    ap.add_argument("--from", dest="source", help="a pytest-benchmark JSON run instead of a new run")
    ap.add_argument("--quick", action="store_true", help="pass --bench-quick to the run")
    ap.add_argument("--md", default="benchmark-report.md")
    ap.add_argument("--json", default="benchmark-report.json")
    args = ap.parse_args(argv)
    if args.source:
        source = args.source
    else:
        fd, source = tempfile.mkstemp(suffix=".json", prefix="bench-run-")
        os.close(fd)
        run_suite(source, args.quick, extra)
    run = results.load(source)
    import reference  # the skip reasons are the reference's missing features, as in the suite
    reasons = {w.name: r for w in WORKLOADS if (r := skip_reason(reference, w))}
    rows = build_rows(run, reasons)
    text = markdown(rows, header_of(run))
    print(text)
    Path(args.md).write_text(text + "\n")
    Path(args.json).write_text(json.dumps(dict(datetime=run.get("datetime"), commit=run.get("commit_info"),
                                               rows=rows), indent=1) + "\n")
    print(f"\nwritten: {args.md}, {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
