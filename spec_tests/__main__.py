"""python -m spec_tests: run the suite against each implementation and write the conformance report.

Each implementation runs in its own pytest subprocess (a fresh interpreter, so one namespace's
imports or crashes cannot touch the other's) that writes per-test JSON; the results are merged into
conformance-report.md and conformance-report.json. Exits non-zero if the reference fails anything.
"""
import argparse
import importlib.util
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

from . import report

HERE = Path(__file__).resolve().parent


def default_impls():
    impls = ["reference"]
    if importlib.util.find_spec("torch") is not None:
        impls.append("torch")
    return impls


def run_one(impl, json_path, pytest_args, profile, seed=None, workers=None):
    cmd = [sys.executable, "-m", "pytest", str(HERE), f"--impl={impl}", f"--report-json={json_path}",
           f"--ignore={HERE / 'meta'}", "-p", "no:cacheprovider", "-q", "--tb=no",
           f"--hypothesis-profile={profile}"]
    if seed is not None:
        cmd.append(f"--hypothesis-seed={seed}")
    if workers:
        cmd += ["-n", str(workers)]
    cmd += pytest_args
    print(f"== {impl}: {' '.join(cmd[1:])}", flush=True)
    proc = subprocess.run(cmd)
    try:
        return json.loads(Path(json_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        # pytest died before writing results (e.g. a usage error): record it as a failed run.
        return {"impl": impl, "exitstatus": proc.returncode, "tests": [], "crashed": True}


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m spec_tests", description=__doc__.splitlines()[0])
    parser.add_argument("--impl", action="append", help="implementation to test (repeatable); default: "
                        "reference, and torch when importable")
    parser.add_argument("--out", default=".", help="directory for conformance-report.{md,json}")
    parser.add_argument("--profile", default="ci", choices=("ci", "thorough"), help="hypothesis profile")
    parser.add_argument("-n", "--numprocesses", default=None,
                        help="pytest-xdist workers per run (a number or 'auto'); the report is the same as serial")
    parser.add_argument("--seed", default=None, help="hypothesis seed for every run (default: a fresh one, printed)")
    parser.add_argument("pytest_args", nargs=argparse.REMAINDER,
                        help="extra pytest arguments after '--', e.g. -- -k views -x")
    args = parser.parse_args(argv)
    extra = [a for a in args.pytest_args if a != "--"]
    impls = args.impl or default_impls()

    # One seed for all implementations, so they are judged on the same inputs.
    seed = args.seed if args.seed is not None else str(random.SystemRandom().randrange(1 << 32))
    print(f"== hypothesis seed {seed} (replay with --seed={seed})", flush=True)
    runs = {}
    with tempfile.TemporaryDirectory() as tmp:
        for impl in impls:
            runs[impl] = run_one(impl, str(Path(tmp) / f"{impl}.json"), extra, args.profile, seed, args.numprocesses)

    summary = report.summarise(runs)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "conformance-report.md").write_text(report.markdown(summary), encoding="utf-8")
    (out / "conformance-report.json").write_text(
        json.dumps({"summary": summary, "runs": runs}, indent=1, ensure_ascii=False), encoding="utf-8")

    print()
    print(report.summary_text(summary))
    print(f"wrote {out / 'conformance-report.md'} and {out / 'conformance-report.json'}")
    return exit_code(summary, runs)


def exit_code(summary, runs):
    if "reference" not in runs:
        return 0 if all(t["failed"] == 0 and t["tests"] for t in summary["totals"].values()) else 1
    ref = summary["totals"]["reference"]
    return 0 if ref["tests"] and ref["failed"] == 0 and not runs["reference"].get("crashed") else 1


if __name__ == "__main__":
    sys.exit(main())
