"""The class report: the mistakes most students made first, then the key facts most left out.

Counted over the teacher's version of each essay (a dismissed flag is not a mistake), with
the wrong values students wrote and how many wrote each. Charts are drawn on the server with
labels wrapped onto as many lines as they need, never cut.
"""
from __future__ import annotations

import io
import textwrap
from collections import Counter, defaultdict
from html import escape
from statistics import mean

from .. import spreadsheet
from ..models import DONE, Batch

WRAP = 40  # characters per label line


def class_report(b: Batch) -> dict:
    done = [(e, e.marked()) for e in b.essays if e.status == DONE and e.report]
    wrong: Counter = Counter()  # fact -> essays that contradict it
    values: dict[str, Counter] = defaultdict(Counter)
    kinds: dict[str, Counter] = defaultdict(Counter)
    missed: Counter = Counter()
    summaries: dict[str, str] = {}
    for _, r in done:
        for f in r["coverage"]["facts"]:
            summaries[f["id"]] = f["summary"]
            if f["key"] and not f["covered"]:
                missed[f["id"]] += 1
        facts_wrong = set()
        for f in r["findings"]:
            if f["verdict"] == "contradicted" and f.get("fact"):
                facts_wrong.add(f["fact"])
                values[f["fact"]][" ".join(f["claim"].split())] += 1
                kinds[f["fact"]][f["kind"]] += 1
        wrong.update(facts_wrong)
    mistakes = [{"id": i, "summary": summaries.get(i, i), "essays": n, "kind": kinds[i].most_common(1)[0][0],
                 "wrong_values": values[i].most_common()} for i, n in wrong.most_common()]
    left_out = [{"id": i, "summary": summaries.get(i, i), "essays": n} for i, n in missed.most_common()]
    totals = [(e.student, e.scores()) for e, _ in done]
    marks = {"students": sorted(((name, s["total"], s["max"]) for name, s in totals), key=lambda t: t[0].lower()),
             "mean": round(mean(s["total"] for _, s in totals), 2) if totals else None,
             "max": totals[0][1]["max"] if totals else None}
    return {"essays": len(done), "mistakes": mistakes, "missed": left_out, "marks": marks}


def class_report_csv(data: dict) -> str:
    """The same report as a spreadsheet: the mistakes, then the missed key facts."""
    out = io.StringIO()
    w = spreadsheet.writer(out)
    w.writerow(["section", "fact", "summary", "essays", "wrong values written (how many)"])
    for row in data["mistakes"]:
        w.writerow(["mistake", row["id"], row["summary"], row["essays"],
                    "; ".join(f"{v} ({n})" for v, n in row["wrong_values"])])
    for row in data["missed"]:
        w.writerow(["missed key fact", row["id"], row["summary"], row["essays"], ""])
    return out.getvalue()


def chart_svg(rows: list[dict], essays: int, title: str, chart_id: str, hatched: bool = False,
              top: int = 10) -> str | None:
    """Horizontal bars, one per fact, with its label wrapped beside it; None when there is nothing to draw."""
    rows = rows[:top]
    if not rows:
        return None
    width, label_w, bar_h, line_h = 760, 340, 22, 16
    most = max(r["essays"] for r in rows) or 1
    scale = (width - label_w - 60) / most
    wrapped = [textwrap.wrap(r["summary"], WRAP) or [""] for r in rows]
    heights = [max(bar_h, len(lines) * line_h) + 12 for lines in wrapped]
    height = 16 + sum(heights)
    fill = 'fill="url(#hatch)" stroke="#1d4f91"' if hatched else 'class="bar-wrong"'
    out = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
           f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
           f'<title id="{chart_id}-title">{escape(title)}</title>',
           f'<desc id="{chart_id}-desc">For each of {len(rows)} facts: how many of the {essays} essays. '
           f'The same numbers are in the table below.</desc>']
    if hatched:
        out.append('<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
                   'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/>'
                   '<line x1="0" y1="0" x2="0" y2="6" stroke="#1d4f91" stroke-width="3"/></pattern></defs>')
    y = 8
    for r, lines, h in zip(rows, wrapped, heights):
        top_line = y + (h - 12 - len(lines) * line_h) / 2 + 12
        spans = "".join(f'<tspan x="{label_w - 10}" y="{top_line + i * line_h:.1f}">{escape(line)}</tspan>'
                        for i, line in enumerate(lines))
        out.append(f'<text class="bar-label">{spans}</text>')
        bar_y = y + (h - 12 - bar_h) / 2
        out.append(f'<rect x="{label_w}" y="{bar_y:.1f}" width="{r["essays"] * scale:.1f}" height="{bar_h}" {fill}/>'
                   f'<text x="{label_w + r["essays"] * scale + 6:.1f}" y="{bar_y + 16:.1f}">{r["essays"]}</text>')
        y += h
    out.append("</svg>")
    return "".join(out)
