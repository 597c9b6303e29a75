"""Results as JSON (one pytest run) and the conformance report (Markdown + JSON, all runs)."""
import json
import time
from collections import OrderedDict

from . import api_surface
from .catalogue import behaviour_of


class JsonReport:
    """pytest plugin: records each test's outcome with its behaviour id, written at the end.

    It lives in the process that sees every report: the only one in a serial run, the controller
    under pytest-xdist. Behaviours travel on the reports (user_properties), the API surface in
    each worker's output, so a parallel run writes the same tests as a serial one (in node-id order).
    """

    def __init__(self, path, impl, device, profile):
        self.path = path
        self.meta = {"impl": impl, "device": device, "profile": profile}
        self.behaviours = {}
        self.outcomes = {}
        self.messages = {}
        self.started = time.time()

    def pytest_runtest_logreport(self, report):
        nodeid = report.nodeid
        for key, value in getattr(report, "user_properties", ()):
            if key == "spec":
                self.behaviours[nodeid] = tuple(value)
        if report.when == "call" or report.failed or (report.skipped and report.when == "setup"):
            outcome = _outcome(report)
            # A teardown error after a passing call still marks the test as an error.
            if nodeid not in self.outcomes or outcome in ("failed", "error"):
                self.outcomes[nodeid] = outcome
            if report.failed:
                self.messages[nodeid] = _short(report)

    def pytest_testnodedown(self, node, error):
        """An xdist worker finished: merge the API surface its tests used."""
        used = getattr(node, "workeroutput", {}).get("spec_api_surface")
        if used:
            api_surface.ACCESSED.update(used["accessed"])
            api_surface.CODES.update(used["codes"])

    def pytest_sessionfinish(self, session, exitstatus):
        tests = []
        for nodeid in sorted(self.outcomes):
            b = self.behaviours.get(nodeid)
            tests.append({"nodeid": nodeid, "behaviour": b[0] if b else None,
                          "source": b[1] if b else None, "outcome": self.outcomes[nodeid],
                          "message": self.messages.get(nodeid)})
        data = dict(self.meta, duration_s=round(time.time() - self.started, 2),
                    exitstatus=int(exitstatus), tests=tests, api_surface=self._surface())
        with open(self.path, "w", encoding="utf-8") as f:
            json.dump(data, f, indent=1, ensure_ascii=False)

    def _surface(self):
        from ._namespace import load
        module = load(self.meta["impl"])._module
        return api_surface.surface(getattr(module, "Tensor", None))


def worker_output(config):
    """In an xdist worker: hand the API surface this worker used to the controller."""
    out = getattr(config, "workeroutput", None)
    if out is not None:
        out["spec_api_surface"] = {"accessed": sorted(api_surface.ACCESSED), "codes": sorted(api_surface.CODES)}


def _outcome(report):
    if hasattr(report, "wasxfail"):
        return "xfailed" if report.skipped else "xpassed"
    if report.when != "call" and report.failed:
        return "error"
    return report.outcome


def _short(report):
    """The failing exception's own text (a check failure carries its repro), capped in length."""
    crash = getattr(getattr(report, "longrepr", None), "reprcrash", None)
    text = crash.message if crash is not None else (getattr(report, "longreprtext", "") or str(report.longrepr))
    return text if len(text) <= 4000 else text[:4000] + "\n..."


# ---------------------------------------------------------------------------------------------
# the conformance report over several implementations

GOOD = ("passed", "xfailed")


def summarise(runs):
    """runs: {impl: run JSON}. Returns the report data: per behaviour, per impl pass counts."""
    rows = OrderedDict()
    for impl, run in runs.items():
        for t in run.get("tests", []):
            if not t["behaviour"]:
                continue
            row = rows.setdefault(t["behaviour"], {"behaviour": t["behaviour"], "source": t["source"], "results": {}})
            r = row["results"].setdefault(impl, {"passed": 0, "total": 0, "failed": []})
            r["total"] += 1
            if t["outcome"] in GOOD:
                r["passed"] += 1
            else:
                r["failed"].append(t["nodeid"])
    totals = {}
    for impl, run in runs.items():
        tests = [t for t in run.get("tests", []) if t["behaviour"]]
        passed = sum(t["outcome"] in GOOD for t in tests)
        full = sum(1 for row in rows.values() if impl in row["results"]
                   and row["results"][impl]["passed"] == row["results"][impl]["total"])
        totals[impl] = {"tests": len(tests), "passed": passed, "failed": len(tests) - passed,
                        "behaviours": sum(1 for row in rows.values() if impl in row["results"]),
                        "behaviours_passing": full, "duration_s": run.get("duration_s"),
                        "exitstatus": run.get("exitstatus")}
    failures = {impl: [{"nodeid": t["nodeid"], "behaviour": t["behaviour"], "outcome": t["outcome"],
                        "message": [l.strip() for l in (t.get("message") or "").splitlines() if l.strip()][:2]}
                       for t in run.get("tests", []) if t["outcome"] not in GOOD]
                for impl, run in runs.items()}
    # The surface is read from torch's run when there is one: there every check ran to its end.
    api_runs = [runs[i] for i in ("torch",) if i in runs] + list(runs.values())
    api = next((r.get("api_surface") for r in api_runs if r.get("api_surface")), None)
    return {"implementations": list(runs), "totals": totals,
            "behaviours": sorted(rows.values(), key=lambda r: r["behaviour"]), "failures": failures,
            "api_surface": api}


def _cell(result):
    if result is None:
        return "—"
    mark = "pass" if result["passed"] == result["total"] else "**FAIL**"
    return f"{mark} {result['passed']}/{result['total']}"


def markdown(summary):
    impls = summary["implementations"]
    out = ["# Conformance report", ""]
    for impl in impls:
        t = summary["totals"][impl]
        out.append(f"- **{impl}**: {t['passed']}/{t['tests']} test cases pass; "
                   f"{t['behaviours_passing']}/{t['behaviours']} behaviours fully pass "
                   f"({t['duration_s']} s)")
    out += ["", "| behaviour | source | " + " | ".join(impls) + " |",
            "|---|---|" + "---|" * len(impls)]
    for row in summary["behaviours"]:
        source = row["source"].replace("|", "\\|")
        cells = " | ".join(_cell(row["results"].get(i)) for i in impls)
        out.append(f"| `{row['behaviour']}` | {source} | {cells} |")
    out.append(api_surface.markdown(summary.get("api_surface")))
    for impl in impls:
        failed = summary.get("failures", {}).get(impl) or []
        if failed:
            out += ["", f"## Failures: {impl} ({len(failed)})", ""]
            for f in failed:
                first = " — ".join(f["message"]).replace("|", "\\|") if f["message"] else f["outcome"]
                out.append(f"- `{f['nodeid']}` ({f['behaviour']}): {first}")
    return "\n".join(out) + "\n"


def summary_text(summary):
    lines = []
    for impl in summary["implementations"]:
        t = summary["totals"][impl]
        lines.append(f"{impl:>12}: {t['passed']:4d}/{t['tests']:<4d} cases pass, "
                     f"{t['behaviours_passing']}/{t['behaviours']} behaviours fully pass")
    return "\n".join(lines)
