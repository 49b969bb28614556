"""The timeline drawn on the server as SVG: the sources' dated key events above, the essay's dates below."""
from __future__ import annotations

from datetime import date
from html import escape

from essaycheck.dates import TimeValue

WIDTH, HEIGHT, MARGIN = 900, 230, 40
SOURCE_Y, ESSAY_Y = 70, 170


def _day(value: str) -> date | None:
    try:
        iv = TimeValue.from_value(value).interval()
    except ValueError:
        return None
    return iv[0] if iv else None


def svg(timeline: dict, reveal: bool) -> str | None:
    """An accessible SVG, or None when there is nothing dated to draw."""
    points = [(_day(e["value"]), e) for e in timeline["sources"]]
    mine = [(_day(e["value"]), e) for e in timeline["essay"]]
    days = [d for d, _ in points + mine if d is not None]
    if not days:
        return None
    lo, hi = min(days).toordinal(), max(days).toordinal()
    span = max(hi - lo, 1)
    x = lambda d: MARGIN + (WIDTH - 2 * MARGIN) * (d.toordinal() - lo) / span  # noqa: E731
    by_fact = {e["fact"]: d for d, e in points if d is not None}
    wrong = sum(1 for _, e in mine if e["verdict"] == "contradicted")
    desc = (f"{len(points)} dated key events from the sources, from {min(days).year} to {max(days).year}, "
            f"and {len(mine)} dates from your essay; {wrong} of your dates do not match the sources.")
    out = [f'<svg class="timeline" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
           f'aria-labelledby="tl-title tl-desc" xmlns="http://www.w3.org/2000/svg">',
           '<title id="tl-title">Timeline: the sources and your essay</title>',
           f'<desc id="tl-desc">{escape(desc)}</desc>',
           f'<text x="4" y="{SOURCE_Y - 30}" class="tl-row">Sources</text>',
           f'<text x="4" y="{ESSAY_Y + 40}" class="tl-row">Your essay</text>',
           f'<line x1="{MARGIN}" y1="{SOURCE_Y}" x2="{WIDTH - MARGIN}" y2="{SOURCE_Y}" class="tl-axis"/>',
           f'<line x1="{MARGIN}" y1="{ESSAY_Y}" x2="{WIDTH - MARGIN}" y2="{ESSAY_Y}" class="tl-axis"/>']
    for year in range(min(days).year, max(days).year + 1):
        d = date(year, 1, 1)
        if lo <= d.toordinal() <= hi or year == min(days).year:
            px = x(max(d, min(days)))
            out.append(f'<text x="{px:.1f}" y="{(SOURCE_Y + ESSAY_Y) / 2 + 4:.1f}" class="tl-year">{year}</text>')
    for i, (d, e) in enumerate(points):
        if d is None:
            continue
        label = escape(e["summary"][:60])
        out.append(f'<g class="tl-source"><title>{escape(e["value"])}: {label}</title>'
                   f'<circle cx="{x(d):.1f}" cy="{SOURCE_Y}" r="5"/>'
                   f'<text x="{x(d):.1f}" y="{SOURCE_Y - 10 - 12 * (i % 3)}">{escape(e["value"])}</text></g>')
    for o in timeline.get("order", []):
        d = by_fact.get(o["fact"])
        if d is None or o["verdict"] != "contradicted":
            continue
        out.append(f'<g class="tl-order tl-wrong"><title>Order problem: {escape(o["claim"])}</title>'
                   f'<circle cx="{x(d):.1f}" cy="{SOURCE_Y}" r="10" class="tl-ring"/>'
                   f'<text x="{x(d):.1f}" y="{SOURCE_Y + 26}">\u2717 order</text></g>')
    for d, e in mine:
        if d is None:
            continue
        css = {"contradicted": "tl-wrong", "supported": "tl-ok"}.get(e["verdict"], "tl-plain")
        symbol = {"contradicted": "\u2717", "supported": "\u2713"}.get(e["verdict"], "\u2022")
        target = by_fact.get(e["fact"])
        if target is not None and (reveal or e["verdict"] != "contradicted"):
            out.append(f'<line x1="{x(d):.1f}" y1="{ESSAY_Y}" x2="{x(target):.1f}" y2="{SOURCE_Y}" '
                       f'class="tl-link {css}"/>')
        out.append(f'<g class="tl-essay {css}"><title>{escape(e["text"])} ({escape(e["value"])})</title>'
                   f'<rect x="{x(d) - 5:.1f}" y="{ESSAY_Y - 5}" width="10" height="10"/>'
                   f'<text x="{x(d):.1f}" y="{ESSAY_Y + 22}">{symbol} {escape(e["text"][:18])}</text></g>')
    out.append("</svg>")
    return "".join(out)
