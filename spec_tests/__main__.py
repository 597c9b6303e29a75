"""python -m spec_tests: run the suite against each implementation and write the conformance report.

Each implementation runs in its own pytest subprocess (a fresh interpreter, so one namespace's
imports or crashes cannot touch the other's) that writes per-test JSON; the results are merged into
conformance-report.md, conformance-report.json and conformance-report.html. Exits non-zero if the
reference fails anything.

    python -m spec_tests --impl my_adapter --profile smoke --areas elementwise,reductions
    python -m spec_tests diff OLD.json NEW.json      # what got fixed, what regressed
"""
import argparse
import importlib.util
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

from . import report, report_html

HERE = Path(__file__).resolve().parent


def default_impls():
    impls = ["reference"]
    if importlib.util.find_spec("torch") is not None:
        impls.append("torch")
    return impls


def run_one(impl, json_path, pytest_args, profile, seed=None, workers=None, xfails=None, tier=None, areas=None):
    cmd = [sys.executable, "-m", "pytest", str(HERE), f"--impl={impl}", f"--report-json={json_path}",
           f"--ignore={HERE / 'meta'}", "-p", "no:cacheprovider", "-q", "--tb=no",
           f"--hypothesis-profile={profile}", f"--rootdir={HERE.parent}"]
    if seed is not None:
        cmd.append(f"--hypothesis-seed={seed}")
    if workers:
        cmd += ["-n", str(workers)]
    if xfails:
        cmd.append(f"--xfails={Path(xfails).resolve()}")
    if tier:
        cmd.append(f"--tier={tier}")
    if areas:
        cmd.append(f"--areas={areas}")
    cmd += pytest_args
    print(f"== {impl}: {' '.join(cmd[1:])}", flush=True)
    proc = subprocess.run(cmd)
    try:
        return json.loads(Path(json_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        # pytest died before writing results (e.g. a usage error): record it as a failed run.
        return {"impl": impl, "exitstatus": proc.returncode, "tests": [], "crashed": True}


def diff_main(argv):
    parser = argparse.ArgumentParser(prog="python -m spec_tests diff", description="what got fixed and what "
                                     "regressed between two conformance-report.json files")
    parser.add_argument("old")
    parser.add_argument("new")
    args = parser.parse_args(argv)
    old, new = (json.loads(Path(p).read_text(encoding="utf-8")) for p in (args.old, args.new))
    d = report.diff(old, new)
    print(report.diff_text(d))
    return 1 if any(parts["regressed"] for parts in d.values()) else 0


def main(argv=None):
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["diff"]:
        return diff_main(argv[1:])
    parser = argparse.ArgumentParser(prog="python -m spec_tests", description=__doc__.splitlines()[0])
    parser.add_argument("--impl", action="append", help="implementation to test (repeatable); default: "
                        "reference, and torch when importable")
    parser.add_argument("--out", default=".", help="directory for conformance-report.{md,json}")
    parser.add_argument("--profile", default="ci", choices=("smoke", "ci", "thorough"),
                        help="hypothesis profile: smoke (1 example per test, for adapter work), ci (25), thorough (200)")
    parser.add_argument("--xfails", default=None, help="expected-failures file (default: spec-xfails-<impl>.txt or "
                        "spec-xfails.txt in the working directory)")
    parser.add_argument("--tier", default=None, choices=("all", "documented"),
                        help="documented: leave out torch-internal details (node names, repr text, exact messages)")
    parser.add_argument("--areas", default=None, help="comma-separated areas to run, e.g. elementwise,reductions")
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
            xf = args.xfails or _default_xfails(impl)
            runs[impl] = run_one(impl, str(Path(tmp) / f"{impl}.json"), extra, args.profile, seed, args.numprocesses,
                                 xf, args.tier, args.areas)

    summary = write_reports(runs, Path(args.out))
    print()
    print(report.summary_text(summary))
    print(f"wrote conformance-report.md, .json and .html in {Path(args.out).resolve()}")
    return exit_code(summary, runs)


def _default_xfails(impl):
    """The working directory's file (the subprocess runs elsewhere, so resolve it here)."""
    from .xfails import default_path
    path = default_path(impl)
    return str(path) if path is not None else None


def write_reports(runs, out):
    summary = report.summarise(runs, sentences=_sentences())
    out.mkdir(parents=True, exist_ok=True)
    (out / "conformance-report.md").write_text(report.markdown(summary), encoding="utf-8")
    (out / "conformance-report.json").write_text(
        json.dumps({"summary": summary, "runs": runs}, indent=1, ensure_ascii=False, default=sorted),
        encoding="utf-8")
    (out / "conformance-report.html").write_text(report_html.render(summary), encoding="utf-8")
    return summary


def _sentences():
    from .sentences import SENTENCES
    return SENTENCES


def _bad(tiers):
    return sum(tiers[t]["failed"] + tiers[t]["missing"] for t in report.TIERS)


def _cases(tiers):
    return sum(tiers[t]["total"] for t in report.TIERS)


def exit_code(summary, runs):
    if "reference" not in runs:
        return 0 if all(_bad(t) == 0 and _cases(t) for t in summary["totals"].values()) else 1
    ref = summary["totals"]["reference"]
    return 0 if _cases(ref) and _bad(ref) == 0 and not runs["reference"].get("crashed") else 1


if __name__ == "__main__":
    sys.exit(main())
