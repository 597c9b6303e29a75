"""Results as JSON (one pytest run) and the conformance report (Markdown + JSON, all runs)."""
import json
import time
from collections import OrderedDict

from . import api_surface
from .catalogue import behaviour_of
from .sentences import quote_for, sentence_for


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
        self.tiers = {}
        self.missing = {}
        self.blocked = {}
        self.started = time.time()

    def pytest_runtest_logreport(self, report):
        nodeid = report.nodeid
        props = dict(getattr(report, "user_properties", ()))
        if "spec" in props:
            self.behaviours[nodeid] = tuple(props["spec"])
        if "tier" in props:
            self.tiers[nodeid] = props["tier"]
        if "missing" in props:
            self.missing[nodeid] = list(props["missing"])
        if "blocked_by" in props:
            self.blocked[nodeid] = list(props["blocked_by"])
        if report.when == "call" or report.failed or (report.skipped and report.when == "setup"):
            outcome = props.get("outcome") or _outcome(report)
            # A teardown error after a passing call still marks the test as an error.
            if nodeid not in self.outcomes or outcome in ("failed", "error"):
                self.outcomes[nodeid] = outcome
            if report.failed or outcome == "xfailed":
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
                          "tier": self.tiers.get(nodeid), "missing": self.missing.get(nodeid, []),
                          "blocked_by": self.blocked.get(nodeid, []),
                          "message": self.messages.get(nodeid)})
        data = dict(self.meta, duration_s=round(time.time() - self.started, 2),
                    exitstatus=int(exitstatus), tests=tests, api_surface=self._surface(),
                    xfails=self._xfails(session.config))
        with open(self.path, "w", encoding="utf-8") as f:
            json.dump(data, f, indent=1, ensure_ascii=False)

    def _xfails(self, config):
        """The expected-failures file: its entries with what they matched, and the stale ones."""
        from .conftest import XFAILS
        from .xfails import stale
        path, entries, matched = config.stash.get(XFAILS, (None, [], {}))
        old = {e.line: why for e, why in stale(entries, matched, self.outcomes)}
        return {"path": path, "entries": [
            {"entry": e.prefix, "line": e.line, "strict": e.strict, "reason": e.reason,
             "matched": sum(1 for m in matched.values() if m == e), "stale": old.get(e.line)} for e in entries]}

    def _surface(self):
        """Filtered by torch's Tensor (the names the spec means), never by the implementation's own,
        which would hide exactly the names it lacks."""
        from ._namespace import module_of, torch_or_none
        torch = torch_or_none()
        return api_surface.surface(getattr(module_of(torch), "Tensor", None) if torch is not None else None)


def worker_output(config):
    """In an xdist worker: hand the API surface this worker used to the controller."""
    out = getattr(config, "workeroutput", None)
    if out is not None:
        out["spec_api_surface"] = {"accessed": sorted(api_surface.ACCESSED), "codes": sorted(api_surface.CODES)}


def _outcome(report):
    if hasattr(report, "wasxfail"):
        # a test a non-strict entry covers that passes is a pass (a strict one fails as XPASS(strict))
        return "xfailed" if report.skipped else ("failed" if report.failed else "passed")
    if report.when != "call" and report.failed:
        return "error"
    return report.outcome


def _short(report):
    """The failing exception's own text (a check failure carries its repro), capped in length. A
    failure where hypothesis found several errors keeps each one's text, not the group's title."""
    longrepr = getattr(report, "longrepr", None)
    crash = getattr(longrepr, "reprcrash", None)
    full = getattr(report, "longreprtext", "") or str(longrepr)
    text = crash.message if crash is not None else full
    if crash is not None and ("distinct failures" in text or "ExceptionGroup" in text):
        text = _group_members(full) or text
    return text if len(text) <= 6000 else text[:6000] + "\n..."


def _group_members(full):
    """Each sub-exception of an exception group's traceback: its exception line and the lines after
    it (a check's problems and repro), up to hypothesis' 'Failing test case'."""
    blocks, current = [], None
    for line in full.splitlines():
        bare = line.strip()
        if bare.startswith("+-+-") or (bare.startswith("+----") and bare.strip("+-")):
            if current is not None:
                blocks.append(current)
            current = []
        elif bare.startswith("+---"):
            if current is not None:
                blocks.append(current)
            current = None
        elif current is not None and "| " in line or (current is not None and line.strip() == "|"):
            current.append(line.split("| ", 1)[1] if "| " in line else "")
    if current:
        blocks.append(current)
    parts = []
    for lines in blocks:
        start = next((k for k, l in enumerate(lines) if l and not l.startswith(" ")
                      and not l.startswith("Traceback")), None)
        if start is None:
            continue
        body = []
        for l in lines[start:]:
            if l.startswith(("Failing test case", "Explanation:", "You can reproduce")):
                break
            body.append(l.rstrip())
        parts.append("\n".join(body).strip())
    return "\n\n".join(f"[{i + 1}] {p}" for i, p in enumerate(parts)) if parts else None


# ---------------------------------------------------------------------------------------------
# the conformance report over several implementations

OUTCOMES = ("passed", "failed", "xfailed", "missing")
TIERS = ("documented", "internal")


def _kind(outcome):
    """passed | xfailed | missing | failed (errors, xpassed strict entries and crashes count as failed)."""
    return outcome if outcome in ("passed", "xfailed", "missing") else ("passed" if outcome == "xpassed" else "failed")


def _area(behaviour):
    return behaviour.split(".", 1)[0] if behaviour else "(uncatalogued)"


def first_error_line(message):
    """The line that says what went wrong: a check's first problem, else the exception's first line."""
    lines = [l.strip() for l in (message or "").splitlines() if l.strip()]
    if not lines:
        return ""
    generic = ("result differs", "wrong exception", "error message lacks", "expected ", "MissingAPI: the namespace")
    if lines[0].startswith(generic) and not lines[0].startswith("MissingAPI") and len(lines) > 1 \
            and not lines[1].startswith("Reproduce with"):
        return f"{lines[0]} {lines[1]}"
    if lines[0].startswith("[1] ") and len(lines) > 1:
        return lines[0]
    return lines[0]


def repro_of(message):
    text = message or ""
    i = text.find("Reproduce with:")
    if i < 0:
        return None
    return "\n".join(l[4:] if l.startswith("    ") else l for l in text[i + len("Reproduce with:"):].strip("\n")
                     .splitlines()).strip() or None


def sentence_of(behaviour, source, sentences):
    """The sentence a behaviour enforces: an entry of the given table, else what spec_tests/sentences.py
    resolves for it (its own sentence, its family's, its page's, or the seed passage it quotes)."""
    if behaviour in sentences:
        entry = sentences[behaviour]
        return entry[1] if isinstance(entry, tuple) else entry
    return sentence_for(behaviour, source or "")


def quoted_from(behaviour, source):
    """The anchored page (or seed passage) the behaviour's sentence is quoted from."""
    quote = quote_for(behaviour, source or "")
    return quote.url if quote else None


def stable_view(summary):
    """The parts of a report that do not depend on the drawn inputs, timing or the seed, for
    implementations whose every behaviour passes or fails on all draws (the toy namespace's
    checked-in report): the headline per tier, each behaviour's outcome, the blocking names."""
    lines = []
    for impl in summary["implementations"]:
        for tier in TIERS:
            c = summary["totals"][impl][tier]
            if c["total"]:
                lines.append(f"{impl} {tier}: {c['passed']}/{c['total']} pass, {c['failed']} fail, "
                             f"{c['missing']} missing, {c['xfailed']} xfail")
        lines += [f"missing {m['name']}: blocks {m['blocked']} ({_per_tier(m, 'blocked')})"
                  for m in summary["missing"][impl] if m["blocked"]]
        for row in summary["behaviours"]:
            r = row["results"].get(impl)
            if r is not None:
                lines.append(f"{row['behaviour']}: " + ", ".join(f"{k} {r[k]}" for k in OUTCOMES if r[k]))
    return "\n".join(lines) + "\n"


def _per_tier(missing_name, key):
    """'documented 3, internal 1': a missing name's cases blocked (or met) in each tier."""
    return ", ".join(f"{t} {missing_name['tiers'][t][key]}" for t in TIERS)


def missing_by_tier(ranked):
    """{tier: how many missing names block at least one case of that tier}: what an implementation must
    add for the headline (documented) apart from what only internal details need."""
    return {t: sum(1 for m in ranked if m["tiers"][t]["blocked"]) for t in TIERS}


def _counts():
    return {k: 0 for k in OUTCOMES + ("total",)}


def summarise(runs, sentences=None):
    """runs: {impl: run JSON}. The report's data: headline per tier, per-area rollup, missing names
    ranked by the cases they block, failures by area, stale expected failures, the behaviour table."""
    sentences = sentences or {}
    rows = OrderedDict()
    totals, areas, missing, failures, stale = {}, {}, {}, {}, {}
    for impl, run in runs.items():
        tier_counts = {t: _counts() for t in TIERS}
        impl_missing = {}
        impl_failures = OrderedDict()
        for t in run.get("tests", []):
            if not t["behaviour"]:
                continue
            kind = _kind(t["outcome"])
            tier = t.get("tier") or "documented"
            tier_counts[tier][kind] += 1
            tier_counts[tier]["total"] += 1
            row = rows.setdefault(t["behaviour"], {"behaviour": t["behaviour"], "source": t["source"],
                                                   "sentence": sentence_of(t["behaviour"], t["source"], sentences),
                                                   "quoted_from": quoted_from(t["behaviour"], t["source"]),
                                                   "tier": tier, "results": {}})
            r = row["results"].setdefault(impl, dict(_counts(), failed_ids=[]))
            r[kind] += 1
            r["total"] += 1
            if kind in ("failed", "missing"):
                r["failed_ids"].append(t["nodeid"])
            a = areas.setdefault(_area(t["behaviour"]), {}).setdefault(impl, dict(_counts(), behaviours=set(),
                                                                                  behaviours_bad=set()))
            a[kind] += 1
            a["total"] += 1
            a["behaviours"].add(t["behaviour"])
            if kind in ("failed", "missing"):
                a["behaviours_bad"].add(t["behaviour"])
            blockers = set(t.get("blocked_by") or (t.get("missing") if kind == "missing" else []) or [])
            for name in set(t.get("missing") or []) | blockers:
                m = impl_missing.setdefault(name, {"name": name, "blocked": 0, "met": 0, "example": None,
                                                   "tiers": {x: {"blocked": 0, "met": 0} for x in TIERS}})
                m["met"] += 1
                m["tiers"][tier]["met"] += 1
                if kind == "missing" and name in blockers:
                    m["blocked"] += 1
                    m["tiers"][tier]["blocked"] += 1
                    m["example"] = m["example"] or t["nodeid"]
            if kind == "failed":
                impl_failures.setdefault(_area(t["behaviour"]), []).append({
                    "nodeid": t["nodeid"], "behaviour": t["behaviour"], "tier": tier, "outcome": t["outcome"],
                    "source": t["source"], "sentence": sentence_of(t["behaviour"], t["source"], sentences),
                    "error": first_error_line(t.get("message")), "repro": repro_of(t.get("message"))})
        full = {}
        for tier in TIERS:
            behaviours = [row for row in rows.values() if row["tier"] == tier and impl in row["results"]]
            full[tier] = {"behaviours": len(behaviours), "behaviours_passing": sum(
                1 for row in behaviours if row["results"][impl]["failed"] == 0 and row["results"][impl]["missing"] == 0)}
        totals[impl] = {tier: dict(tier_counts[tier], **full[tier]) for tier in TIERS}
        totals[impl]["duration_s"] = run.get("duration_s")
        totals[impl]["exitstatus"] = run.get("exitstatus")
        totals[impl]["profile"] = run.get("profile")
        totals[impl]["seed"] = run.get("seed")
        missing[impl] = sorted(impl_missing.values(), key=lambda m: (-m["blocked"], -m["met"], m["name"]))
        for tier, n in missing_by_tier(missing[impl]).items():
            totals[impl][tier]["missing_names"] = n
        failures[impl] = impl_failures
        stale[impl] = [e for e in (run.get("xfails") or {}).get("entries", []) if e.get("stale")]
    area_rows = []
    for name in sorted(areas):
        per = {}
        for impl, a in areas[name].items():
            per[impl] = {k: a[k] for k in OUTCOMES + ("total",)}
            per[impl]["behaviours"] = len(a["behaviours"])
            per[impl]["behaviours_passing"] = len(a["behaviours"] - a["behaviours_bad"])
        area_rows.append({"area": name, "results": per})
    api_runs = [runs[i] for i in ("torch",) if i in runs] + list(runs.values())
    api = next((r.get("api_surface") for r in api_runs if r.get("api_surface")), None)
    return {"implementations": list(runs), "totals": totals, "areas": area_rows, "missing": missing,
            "failures": failures, "stale_xfails": stale,
            "behaviours": sorted(rows.values(), key=lambda r: r["behaviour"]), "api_surface": api}


def _bar(passed, total, width=20):
    if not total:
        return ""
    n = round(width * passed / total)
    return "█" * n + "░" * (width - n)


def _pct(passed, total):
    return f"{100 * passed / total:.0f}%" if total else "—"


def _cell(result):
    """'pass 2/2', '**FAIL** 1/2', 'missing 0/1', 'xfail 0/1 (1 xfail)': passes over cases, marked by
    the worst outcome; expected failures and missing API are counted apart, never as passes."""
    if result is None:
        return "—"
    mark = ("**FAIL**" if result["failed"] else "missing" if result["missing"]
            else "xfail" if result["xfailed"] else "pass")
    extra = [f"{result[k]} {k}" for k in ("xfailed", "missing") if result[k]]
    return f"{mark} {result['passed']}/{result['total']}" + (f" ({', '.join(extra)})" if extra else "")


def headline(summary):
    """The report's first lines: per implementation and tier, cases and behaviours."""
    out = []
    for impl in summary["implementations"]:
        t = summary["totals"][impl]
        for tier in TIERS:
            c = t[tier]
            if not c["total"]:
                continue
            out.append(f"- **{impl}**, {tier} behaviour: {c['passed']}/{c['total']} cases pass "
                       f"({c['failed']} fail, {c['missing']} missing API, {c['xfailed']} expected failures); "
                       f"{c['behaviours_passing']}/{c['behaviours']} behaviours fully pass"
                       + (f"; {c['missing_names']} missing names block it" if c.get("missing_names") else ""))
    return out


def markdown(summary):
    impls = summary["implementations"]
    out = ["# Conformance report", ""]
    out += headline(summary)
    for impl in impls:
        t = summary["totals"][impl]
        out.append(f"- {impl}: profile {t.get('profile')}, seed {t.get('seed')}, {t.get('duration_s')} s")
    out += ["", "## Areas", "", "| area | " + " | ".join(f"{i} cases | {i} behaviours | {i}" for i in impls) + " |",
            "|---|" + "---|---|---|" * len(impls)]
    for row in summary["areas"]:
        cells = []
        for impl in impls:
            r = row["results"].get(impl)
            if r is None:
                cells += ["—", "—", ""]
                continue
            cells += [f"{r['passed']}/{r['total']}" + (f" ({r['missing']} missing)" if r["missing"] else ""),
                      f"{r['behaviours_passing']}/{r['behaviours']}",
                      f"`{_bar(r['passed'], r['total'])}` {_pct(r['passed'], r['total'])}"]
        out.append(f"| {row['area']} | " + " | ".join(cells) + " |")
    for impl in impls:
        ranked = [m for m in summary["missing"].get(impl, []) if m["met"]]
        if ranked:
            per_tier = ", ".join(f"{n} block {t} cases" for t, n in missing_by_tier(ranked).items())
            out += ["", f"## Missing API: {impl} ({len(ranked)} names, by cases blocked; {per_tier})", "",
                    "| name | cases blocked | " + " | ".join(f"{t} blocked" for t in TIERS)
                    + " | cases that met it | e.g. |", "|---|---|" + "---|" * len(TIERS) + "---|---|"]
            for m in ranked:
                out.append(f"| `{m['name']}` | {m['blocked']} | "
                           + " | ".join(str(m["tiers"][t]["blocked"]) for t in TIERS)
                           + f" | {m['met']} | {m['example'] or ''} |")
    for impl in impls:
        groups = summary["failures"].get(impl) or {}
        n = sum(len(v) for v in groups.values())
        if not n:
            continue
        out += ["", f"## Failures: {impl} ({n})"]
        for area_name, items in groups.items():
            out += ["", f"### {area_name} ({len(items)})", ""]
            for f in items:
                says = f" — “{f['sentence']}”" if f.get("sentence") else ""
                out.append(f"- `{f['nodeid']}` ({f['behaviour']}, {f['tier']}){says}")
                out.append(f"  - {f['error'].replace('|', '/')}" if f["error"] else f"  - {f['outcome']}")
                if f.get("repro"):
                    out += ["", "    ```python"] + ["    " + l for l in f["repro"].splitlines()] + ["    ```", ""]
    for impl in impls:
        stale = summary["stale_xfails"].get(impl) or []
        if stale:
            out += ["", f"## Stale expected failures: {impl} ({len(stale)})", ""]
            out += [f"- line {e['line']}: `{e['entry']}`{' (strict)' if e['strict'] else ''}: {e['stale']}"
                    for e in stale]
    out += ["", "## Behaviours", "", "| behaviour | tier | source | " + " | ".join(impls) + " |",
            "|---|---|---|" + "---|" * len(impls)]
    for row in summary["behaviours"]:
        source = (row.get("quoted_from") or row["source"]).replace("|", "\\|")
        if row.get("sentence"):
            source += f" “{row['sentence']}”"
        cells = " | ".join(_cell(row["results"].get(i)) for i in impls)
        out.append(f"| `{row['behaviour']}` | {row['tier']} | {source} | {cells} |")
    out.append(api_surface.markdown(summary.get("api_surface")))
    return "\n".join(out) + "\n"


def summary_text(summary):
    lines = []
    for impl in summary["implementations"]:
        t = summary["totals"][impl]
        for tier in TIERS:
            c = t[tier]
            if c["total"]:
                lines.append(f"{impl:>12} {tier:>10}: {c['passed']:4d}/{c['total']:<4d} cases pass, {c['failed']} fail, "
                             f"{c['missing']} missing API, {c['xfailed']} xfail; "
                             f"{c['behaviours_passing']}/{c['behaviours']} behaviours fully pass"
                             + (f", {c['missing_names']} missing names" if c.get("missing_names") else ""))
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# diff of two conformance-report.json files

def diff(old, new):
    """What got fixed and what regressed between two reports ({"runs": {impl: run}})."""
    out = {}
    for impl, run in new.get("runs", {}).items():
        before = {t["nodeid"]: _kind(t["outcome"]) for t in old.get("runs", {}).get(impl, {}).get("tests", [])}
        after = {t["nodeid"]: _kind(t["outcome"]) for t in run.get("tests", [])}
        good = ("passed", "xfailed")
        out[impl] = {
            "fixed": sorted(n for n, k in after.items() if k in good and before.get(n) not in (None,) + good),
            "regressed": sorted(n for n, k in after.items() if k not in good and before.get(n) in good),
            "added": sorted(set(after) - set(before)), "removed": sorted(set(before) - set(after))}
    return out


def diff_text(d):
    lines = []
    for impl, parts in d.items():
        lines.append(f"## {impl}: {len(parts['fixed'])} fixed, {len(parts['regressed'])} regressed, "
                     f"{len(parts['added'])} new tests, {len(parts['removed'])} removed")
        for key in ("regressed", "fixed"):
            if parts[key]:
                lines += ["", f"### {key}", ""] + [f"- `{n}`" for n in parts[key]]
        lines.append("")
    return "\n".join(lines)
