"""The timeline drawn on the server as SVG: the sources' dated key events above, the essay's dates below.

Labels never overlap: events of the same week share one marker and one label ("16-22 October
1962, 3 events"), and labels that would still collide are stacked in rows, each placed in the
first row where it fits. Text widths are estimated generously (no font metrics on the
server); the browser test measures the drawn labels. Dates are written in words.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape

from essaycheck.dates import TimeValue

from .wording import date_in_words

WIDTH, LEFT, RIGHT = 900, 96, 12  # the left gutter holds the row names
ROW, GAP = 17, 10  # a label row's height, the space kept between two labels
CHAR, BOLD_CHAR = 7.2, 7.8  # generous widths of a 12px character, plain and bold


@dataclass
class Label:
    x: float
    text: str
    bold: bool = False
    row: int = 0

    @property
    def width(self) -> float:
        return len(self.text) * (BOLD_CHAR if self.bold else CHAR) + 4


def _day(value: str) -> date | None:
    try:
        iv = TimeValue.from_value(value).interval()
    except ValueError:
        return None
    return iv[0] if iv else None


def stack(labels: list[Label]) -> int:
    """Give each label a row so that no two in a row overlap; the number of rows used."""
    ends: list[float] = []
    for lab in sorted(labels, key=lambda lab: lab.x):
        lab.x = min(max(lab.x, LEFT + lab.width / 2), WIDTH - RIGHT - lab.width / 2)
        left = lab.x - lab.width / 2
        for row, end in enumerate(ends):
            if left >= end + GAP:
                lab.row, ends[row] = row, lab.x + lab.width / 2
                break
        else:
            lab.row = len(ends)
            ends.append(lab.x + lab.width / 2)
    return len(ends)


def _weeks(points: list[tuple[date, dict]]) -> list[list[tuple[date, dict]]]:
    groups: dict[tuple[int, int], list[tuple[date, dict]]] = {}
    for d, e in sorted(points, key=lambda p: p[0]):
        groups.setdefault(tuple(d.isocalendar())[:2], []).append((d, e))
    return list(groups.values())


def _group_label(group: list[tuple[date, dict]]) -> str:
    if len(group) == 1:
        return date_in_words(group[0][1]["value"])
    first, last = date_in_words(group[0][1]["value"]), date_in_words(group[-1][1]["value"])
    if first == last:
        return f"{first}, {len(group)} events"
    a, b = group[0][0], group[-1][0]
    if (a.year, a.month) == (b.year, b.month) and first.split()[0].isdigit():
        first = first.split()[0]
    return f"{first}\u2013{last}, {len(group)} events"


def _ticks(lo: date, hi: date, x) -> list[tuple[float, str]]:
    """Year marks far enough apart to read (every year, or every 2, 5, 10 ... years)."""
    years = hi.year - lo.year + 1
    width = WIDTH - LEFT - RIGHT
    step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000, 10**9) if width * s / years >= 48)
    out: list[tuple[float, str]] = []
    for year in range(lo.year - lo.year % step, hi.year + 1, step):
        d = max(date(max(year, 1), 1, 1), lo)
        px = x(d)
        if not out or px - out[-1][0] >= 48:
            out.append((px, str(d.year)))
    return out


def svg(timeline: dict, reveal: bool) -> str | None:
    """An accessible SVG, or None when there is nothing dated to draw."""
    points = [(d, e) for e in timeline["sources"] if (d := _day(e["value"])) is not None]
    mine = [(d, e) for e in timeline["essay"] if (d := _day(e["value"])) is not None]
    days = [d for d, _ in points + mine]
    if not days:
        return None
    lo, hi = min(days), max(days)
    span = max(hi.toordinal() - lo.toordinal(), 1)
    x = lambda d: LEFT + (WIDTH - LEFT - RIGHT) * (d.toordinal() - lo.toordinal()) / span  # noqa: E731
    by_fact = {e["fact"]: d for d, e in points}

    groups = _weeks(points)
    above = [Label(x(g[0][0]), _group_label(g)) for g in groups]
    wrong_order = [(by_fact[o["fact"]], o) for o in timeline.get("order", [])
                   if o.get("verdict") == "contradicted" and o.get("fact") in by_fact]
    above += [Label(x(d), "\u2717 order", bold=True) for d, _ in wrong_order]
    below = []
    for d, e in mine:
        symbol = {"contradicted": "\u2717", "supported": "\u2713"}.get(e["verdict"], "\u2022")
        words = e["text"] if len(e["text"]) <= 30 else e["text"][:29].rstrip() + "\u2026"  # the title holds it all
        below.append(Label(x(d), f"{symbol} {words}", bold=e["verdict"] == "contradicted"))
    rows_above, rows_below = stack(above), stack(below)

    source_y = 20 + rows_above * ROW + 8
    essay_y = source_y + 64
    height = essay_y + 14 + rows_below * ROW + 6
    wrong = sum(1 for _, e in mine if e["verdict"] == "contradicted")
    spread = (f", from {date_in_words(groups[0][0][1]['value'])} to {date_in_words(groups[-1][-1][1]['value'])}"
              if points else "")
    desc = (f"{len(points)} dated key events from the sources{spread}, and {len(mine)} dates from your essay; "
            f"{wrong} of your dates do not match the sources.")
    out = [f'<svg class="timeline" viewBox="0 0 {WIDTH} {height}" role="img" '
           f'aria-labelledby="tl-title tl-desc" xmlns="http://www.w3.org/2000/svg">',
           '<title id="tl-title">Timeline: the sources and your essay</title>',
           f'<desc id="tl-desc">{escape(desc)}</desc>',
           f'<text x="4" y="{source_y + 4}" class="tl-row">Sources</text>',
           f'<text x="4" y="{essay_y + 4}" class="tl-row">Your essay</text>',
           f'<line x1="{LEFT}" y1="{source_y}" x2="{WIDTH - RIGHT}" y2="{source_y}" class="tl-axis"/>',
           f'<line x1="{LEFT}" y1="{essay_y}" x2="{WIDTH - RIGHT}" y2="{essay_y}" class="tl-axis"/>']
    for px, year in _ticks(lo, hi, x):
        out.append(f'<text x="{px:.1f}" y="{(source_y + essay_y) / 2 + 4:.1f}" class="tl-year">{year}</text>')
    for g, lab in zip(groups, above):
        tip = "; ".join(f"{date_in_words(e['value'])}: {e['summary']}" for _, e in g)
        out.append(f'<g class="tl-source"><title>{escape(tip)}</title>'
                   + "".join(f'<circle cx="{x(d):.1f}" cy="{source_y}" r="5"/>' for d, _ in g)
                   + f'<text x="{lab.x:.1f}" y="{source_y - 10 - ROW * lab.row}">{escape(lab.text)}</text></g>')
    for (d, o), lab in zip(wrong_order, above[len(groups):]):
        out.append(f'<g class="tl-order tl-wrong"><title>Order problem: {escape(o["claim"])}</title>'
                   f'<circle cx="{x(d):.1f}" cy="{source_y}" r="10" class="tl-ring"/>'
                   f'<text x="{lab.x:.1f}" y="{source_y - 10 - ROW * lab.row}">{escape(lab.text)}</text></g>')
    for (d, e), lab in zip(mine, below):
        css = {"contradicted": "tl-wrong", "supported": "tl-ok"}.get(e["verdict"], "tl-plain")
        target = by_fact.get(e["fact"])
        if target is not None and (reveal or e["verdict"] != "contradicted"):
            out.append(f'<line x1="{x(d):.1f}" y1="{essay_y}" x2="{x(target):.1f}" y2="{source_y}" '
                       f'class="tl-link {css}"/>')
        out.append(f'<g class="tl-essay {css}"><title>{escape(e["text"])} ({escape(date_in_words(e["value"]))})'
                   f'</title><rect x="{x(d) - 5:.1f}" y="{essay_y - 5}" width="10" height="10"/>'
                   f'<text x="{lab.x:.1f}" y="{essay_y + 22 + ROW * lab.row}">{escape(lab.text)}</text></g>')
    out.append("</svg>")
    return "".join(out)
