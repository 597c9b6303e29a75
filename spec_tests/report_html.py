"""The conformance report as one self-contained HTML page: headline per tier, the per-area rollup
with bars, missing names ranked, failures grouped by area with collapsible repros, the behaviour
table last. Every table sorts by a click on its header (a few lines of inline script)."""
from html import escape

from .report import TIERS, _cell, headline, missing_by_tier

_STYLE = """
body{font:14px/1.4 system-ui,sans-serif;margin:2em;max-width:1200px}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}
th{cursor:pointer;background:#f3f3f3}.bar{display:inline-block;height:10px;background:#4a4}
.barbg{display:inline-block;width:120px;height:10px;background:#e44}pre{background:#f7f7f7;padding:6px}
code{font-size:90%}.fail{color:#b00}
"""

_SORT = """
document.querySelectorAll('th').forEach(function(th){th.addEventListener('click',function(){
var t=th.closest('table'),i=Array.prototype.indexOf.call(th.parentNode.children,th),b=t.tBodies[0];
var rows=Array.prototype.slice.call(b.rows),asc=th.dataset.asc!=='1';th.dataset.asc=asc?'1':'0';
function key(r){var s=r.cells[i].innerText.trim(),m=s.match(/^-?\\d+(\\.\\d+)?/);return m?parseFloat(m[0]):s;}
rows.sort(function(x,y){var a=key(x),c=key(y);return (a<c?-1:a>c?1:0)*(asc?1:-1);});
rows.forEach(function(r){b.appendChild(r);});});});
"""


def _table(head, rows):
    out = ["<table><thead><tr>" + "".join(f"<th>{escape(h)}</th>" for h in head) + "</tr></thead><tbody>"]
    out += ["<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows]
    return "\n".join(out + ["</tbody></table>"])


def _bar(passed, total):
    if not total:
        return ""
    return f'<span class="barbg"><span class="bar" style="width:{120 * passed // total}px"></span></span>'


def render(summary):
    impls = summary["implementations"]
    out = ["<!doctype html><html><head><meta charset='utf-8'><title>Conformance report</title>",
           f"<style>{_STYLE}</style></head><body><h1>Conformance report</h1><ul>"]
    out += [f"<li>{escape(line[2:]).replace('**', '')}</li>" for line in headline(summary)]
    out.append("</ul><h2>Areas</h2>")
    rows = []
    for row in summary["areas"]:
        cells = [escape(row["area"])]
        for impl in impls:
            r = row["results"].get(impl)
            cells += ["—", "—", ""] if r is None else [
                f"{r['passed']}/{r['total']}", f"{r['behaviours_passing']}/{r['behaviours']}",
                _bar(r["passed"], r["total"]) + (f" {r['missing']} missing" if r["missing"] else "")]
        rows.append(cells)
    out.append(_table(["area"] + [h for i in impls for h in (f"{i} cases", f"{i} behaviours", i)], rows))
    for impl in impls:
        ranked = [m for m in summary["missing"].get(impl, []) if m["met"]]
        if ranked:
            per_tier = ", ".join(f"{n} block {t} cases" for t, n in missing_by_tier(ranked).items())
            out.append(f"<h2>Missing API: {escape(impl)} ({len(ranked)} names; {per_tier})</h2>")
            out.append(_table(["name", "cases blocked"] + [f"{t} blocked" for t in TIERS] + ["cases that met it", "e.g."],
                              [[f"<code>{escape(m['name'])}</code>", m["blocked"]]
                               + [m["tiers"][t]["blocked"] for t in TIERS]
                               + [m["met"], escape(m["example"] or "")] for m in ranked]))
    for impl in impls:
        groups = summary["failures"].get(impl) or {}
        if not groups:
            continue
        out.append(f"<h2>Failures: {escape(impl)} ({sum(len(v) for v in groups.values())})</h2>")
        for area_name, items in groups.items():
            out.append(f"<h3>{escape(area_name)} ({len(items)})</h3>")
            for f in items:
                says = f" — “{escape(f['sentence'])}”" if f.get("sentence") else ""
                out.append(f"<details><summary><code>{escape(f['nodeid'])}</code> ({escape(f['behaviour'])}, "
                           f"{f['tier']}){says}<br><span class='fail'>{escape(f['error'] or f['outcome'])}</span>"
                           f"</summary><pre>{escape(f.get('repro') or 'no repro')}</pre></details>")
    for impl in impls:
        stale = summary["stale_xfails"].get(impl) or []
        if stale:
            out.append(f"<h2>Stale expected failures: {escape(impl)}</h2><ul>")
            out += [f"<li>line {e['line']}: <code>{escape(e['entry'])}</code>: {escape(e['stale'])}</li>"
                    for e in stale]
            out.append("</ul>")
    out.append("<h2>Behaviours</h2>")
    out.append(_table(["behaviour", "tier", "source"] + impls, [
        [f"<code>{escape(r['behaviour'])}</code>", r["tier"],
         escape(r.get("quoted_from") or r["source"]) + (f" “{escape(r['sentence'])}”" if r.get("sentence") else "")]
        + [escape(_cell(r["results"].get(i)).replace("**", "")) for i in impls] for r in summary["behaviours"]]))
    out.append(f"<script>{_SORT}</script></body></html>")
    assert TIERS  # the headline covers each tier
    return "\n".join(out) + "\n"
