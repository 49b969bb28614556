"""The class report: which facts a batch most often got wrong or left out, and the common wrong values."""
from __future__ import annotations

from collections import Counter, defaultdict
from html import escape

from ..models import DONE, Batch


def class_report(b: Batch) -> dict:
    done = [e for e in b.essays if e.status == DONE and e.report]
    contradicted: Counter = Counter()
    wrong_values: dict[str, Counter] = defaultdict(Counter)
    missed: Counter = Counter()
    summaries: dict[str, str] = {}
    for e in done:
        r = e.report
        for f in r["coverage"]["facts"]:
            summaries[f["id"]] = f["summary"]
            if f["key"] and not f["covered"]:
                missed[f["id"]] += 1
        for f in r["findings"]:
            if f["verdict"] == "contradicted" and f.get("fact"):
                contradicted[f["fact"]] += 1
                wrong_values[f["fact"]][f["claim"].strip()] += 1
    ids = sorted(set(contradicted) | set(missed), key=lambda i: (-(contradicted[i] * 2 + missed[i]), i))
    facts = [{"id": i, "summary": summaries.get(i, i), "contradicted": contradicted[i], "missed": missed[i],
              "wrong_values": wrong_values[i].most_common(3)} for i in ids]
    return {"essays": len(done), "facts": facts}


def chart_svg(data: dict, top: int = 10) -> str | None:
    """Horizontal bars for the facts most often contradicted (solid) or missed (hatched), drawn on the server."""
    rows = data["facts"][:top]
    if not rows:
        return None
    width, bar_h, label_w = 760, 22, 330
    most = max(max(r["contradicted"], r["missed"]) for r in rows) or 1
    scale = (width - label_w - 60) / most
    height = 40 + len(rows) * (2 * bar_h + 10)
    out = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-labelledby="chart-title chart-desc" '
           f'xmlns="http://www.w3.org/2000/svg">',
           '<title id="chart-title">Facts most often wrong or missed</title>',
           f'<desc id="chart-desc">For each of {len(rows)} facts: how many essays contradicted it and how many '
           f'left it out, of {data["essays"]} essays. The same numbers are in the table below.</desc>',
           '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
           'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/>'
           '<line x1="0" y1="0" x2="0" y2="6" stroke="#1d4f91" stroke-width="3"/></pattern></defs>',
           f'<rect x="{label_w}" y="8" width="14" height="14" class="bar-wrong"/>'
           f'<text x="{label_w + 20}" y="20">contradicted</text>',
           f'<rect x="{label_w + 130}" y="8" width="14" height="14" fill="url(#hatch)" stroke="#1d4f91"/>'
           f'<text x="{label_w + 150}" y="20">missed</text>']
    y = 36
    for r in rows:
        label = escape(r["summary"][:48] + ("…" if len(r["summary"]) > 48 else ""))
        out.append(f'<text x="{label_w - 8}" y="{y + bar_h + 4}" class="bar-label">{label}</text>')
        out.append(f'<rect x="{label_w}" y="{y}" width="{r["contradicted"] * scale:.1f}" height="{bar_h}" '
                   f'class="bar-wrong"/><text x="{label_w + r["contradicted"] * scale + 6:.1f}" '
                   f'y="{y + 16}">{r["contradicted"]}</text>')
        out.append(f'<rect x="{label_w}" y="{y + bar_h + 2}" width="{r["missed"] * scale:.1f}" height="{bar_h}" '
                   f'fill="url(#hatch)" stroke="#1d4f91"/><text x="{label_w + r["missed"] * scale + 6:.1f}" '
                   f'y="{y + bar_h + 18}">{r["missed"]}</text>')
        y += 2 * bar_h + 10
    out.append("</svg>")
    return "".join(out)
