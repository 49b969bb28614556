"""Times of day: "at about 3:15 p.m.", "2:10 in the afternoon", "noon", "19:45".

Two events the sources put on one day are ordered by the times of day they give them
("the mill at Lornby burned at about 3 p.m."; "by 9 p.m. the rain had put the fire out").

Written by hand for the reason ``dates`` is: no maintained library finds times of day in
running text (dateparser and dateutil parse a string already known to be a time). The
words live in ``data/dates.json`` ("clock").
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

_DATA = json.loads(resources.files("essaycheck.data").joinpath("dates.json").read_text("utf-8"))["clock"]


def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_AM_PM = re.compile(r"\b(?P<h>[01]?\d)(?:[:.](?P<m>[0-5]\d))?\s*(?P<ap>a\.?\s?m\.?|p\.?\s?m\.?)(?![a-z])", re.I)
_PART = re.compile(rf"\b(?P<h>[01]?\d)(?:[:.](?P<m>[0-5]\d))?\s+(?:o'clock\s+)?in\s+the\s+(?P<part>{_alt(_DATA['day_parts'])})\b",
                   re.I)
_TWENTY_FOUR = re.compile(rf"\b(?:{_alt(_DATA['before_a_clock'])})\s+(?P<h>[0-2]?\d)[:.](?P<m>[0-5]\d)\b(?![.,]?\d)", re.I)
_NAMED = re.compile(rf"\b(?P<name>{_alt(_DATA['named'])})\b", re.I)


def times(text: str) -> list[tuple[int, int, int]]:
    """Every time of day in the text: (start, end, minutes after midnight)."""
    out: list[tuple[int, int, int]] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match, minutes: int | None) -> None:
        if minutes is None or not 0 <= minutes < 24 * 60 or any(a < m.end() and m.start() < b for a, b in taken):
            return
        taken.append((m.start(), m.end()))
        out.append((m.start(), m.end(), minutes))

    for m in _AM_PM.finditer(text):
        h = int(m["h"])
        if 1 <= h <= 12:
            pm = m["ap"].lower().startswith("p")
            add(m, (h % 12 + (12 if pm else 0)) * 60 + int(m["m"] or 0))
    for m in _PART.finditer(text):
        h = int(m["h"])
        if 1 <= h <= 12:
            pm = _DATA["day_parts"][m["part"].lower()] == "pm"
            add(m, (h % 12 + (12 if pm else 0)) * 60 + int(m["m"] or 0))
    for m in _TWENTY_FOUR.finditer(text):
        add(m, int(m["h"]) * 60 + int(m["m"]))
    for m in _NAMED.finditer(text):
        add(m, _DATA["named"][m["name"].lower()])
    return sorted(out)


@lru_cache(maxsize=4096)
def _one_time(text: str) -> int | None:
    found = {t for _, _, t in times(text)}
    return found.pop() if len(found) == 1 else None


def time_of(fact) -> int | None:
    """The one time of day the sources give a fact in its own clause, if exactly one."""
    found = {_one_time(r.clause.text) for r in fact.readings} - {None}
    return found.pop() if len(found) == 1 else None


def clock_text(minutes: int) -> str:
    """"6:30 p.m." for 1110."""
    h, m = divmod(minutes, 60)
    return f"{(h % 12) or 12}:{m:02d} {'p.m.' if h >= 12 else 'a.m.'}"
