"""A report as plain text for a person at a terminal."""
from __future__ import annotations

import textwrap

_MARK = {"contradicted": "WRONG", "supported": "OK", "unsupported": "NOT IN SOURCES"}


def render_text(report: dict, sources: dict | None = None) -> str:
    out = [f"== {report.get('essay') or 'essay'} ({report['mode']} mode)", ""]
    r = report["rubric"]
    for c in r["criteria"]:
        out.append(f"{c['title']:<12} {c['score']:g}/{c['max']:g}  {c['level']}: {c['feedback']}")
    out.append(f"{'Total':<12} {r['total']:g}/{r['max']:g}")
    out.append("")
    problems = [f for f in report["findings"] if f["verdict"] != "supported"]
    if problems:
        out.append("Claims to look at:")
    for f in problems:
        out.append(f"  [{_MARK[f['verdict']]}] \u201c{f['claim']}\u201d")
        out.extend("      " + line for line in textwrap.wrap(f["message"], 72))
        for e in f["evidence"][:2]:
            if e.get("text"):  # only in reveal mode: elsewhere the source text would give the answer away
                out.extend("      > " + line for line in textwrap.wrap(f"{e['source']}: {e['text']}", 70))
    cov = report["coverage"]
    missed = [f for f in cov["facts"] if f["key"] and not f["covered"]]
    out.append("")
    out.append(f"Key facts covered: {cov['covered_key_facts']} of {cov['key_facts']}")
    if missed and report["mode"] == "reveal":
        out.append("Missed:")
        out.extend("  - " + textwrap.shorten(f["summary"], 90) for f in missed)
    elif missed:
        out.append(f"{len(missed)} key facts are missing; reread the sources to find them.")
    return "\n".join(out) + "\n\n"
