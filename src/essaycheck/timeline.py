"""The sources' timeline: each fact as the period its dates allow, and the essay's temporal claims judged on it.

A fact dated "October 1871" is the whole of that month; "16 October 1871" one day.
An essay's order claim ("X before Y") or gap claim ("six days later") holds if some
pair of days in the two periods satisfies it (``gaps.order_fits``, ``Gap.fits``),
and is wrong only when none can: a claim is never judged finer than the sources date
the events. Where the essay could mean several facts (two readings of one event, two
letters written on different days), a claim is wrong only when it fails on every
pairing, and right when the best pairing holds.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from .claims import hypothetical
from .clock import time_of
from .dates import TimeValue
from .factbase import Fact
from .gaps import UNIT_DAYS, Gap, order_fits

Period = tuple[date, date]


@dataclass(frozen=True)
class Dated:
    """One way to place an event: a period, the date it came from and the fact (None: the essay's own date)."""

    period: Period
    value: TimeValue
    fact: Fact | None


_NOT_UNTIL = re.compile(r"\b(?:not|n't|never)\b[^.;]*\b(?:until|till)\s+(?:the\s+)?$", re.I)


def not_until(clause) -> bool:
    """Does the clause deny something only until a date ("did not speak of it until 14 May")? Then it
    tells that it happened on that date."""
    return any(_NOT_UNTIL.search(clause.text[:m.start - clause.start]) for m in clause.dates if not m.relative)


def periods(fact: Fact) -> list[Dated]:
    """The periods a fact's own dates allow (several when the sources disagree).

    A fact that says something did not happen ("no landing") has no time of its own.
    """
    if all((r.clause.negated and not not_until(r.clause)) or hypothetical(r.clause) for r in fact.readings):
        return []  # "no landing", "Eastholm would attack": the fact dates a plan or a denial, not the event
    out = []
    for v in fact.dates:
        iv = v.interval()
        if iv is not None:
            out.append(Dated(iv, v, fact))
    # "1872" in one source and "27 April 1872" in the other: the precise telling says when
    return [d for d in out if not any(o is not d and d.period[0] <= o.period[0] and o.period[1] <= d.period[1]
                                      and o.period != d.period for o in out)]


def narrated(fact: Fact, sources: dict) -> list[Dated]:
    """For a fact with no date of its own, the date its source was telling in the same line or paragraph.

    "Tuesday 4 June was the worst day. ... Hale House caught fire": the source dates
    the fire at Hale House by the sentence before. Across a line break the date says nothing.
    """
    out = []
    for r in fact.readings:
        if r.clause.negated or hypothetical(r.clause):
            continue
        if any(m.relative and not m.resolved for m in r.clause.dates):
            continue  # "some weeks later he died": the story moved on by a time no one can say
        ctx = r.context_date
        if ctx is None or ctx.value is None or ctx.value.interval() is None:
            continue
        if ctx.relative and not (ctx.anchor and ctx.anchor.get("start", -1) >= r.sentence[0]):
            continue  # "the next day" counted from a date the same sentence gives is as good as that date
        if "\n" in sources[r.source].text[ctx.end:r.clause.start]:
            continue
        out.append(Dated(ctx.value.interval(), ctx.value, fact))
    return out


def stated(value: TimeValue | None) -> list[Dated]:
    """An essay's own date as a period, for an event the sources do not date."""
    if value is None or value.interval() is None:
        return []
    return [Dated(value.interval(), value, None)]


def shifted(d: Dated, gap: Gap) -> list[Dated]:
    """The period ``gap`` after (or before) ``d``: where an event the essay dates only by its gap lies."""
    if gap.high is None:
        return []
    unit = UNIT_DAYS[gap.unit]
    lo, hi = sorted((gap.direction * gap.low * unit, gap.direction * gap.high * unit))
    first, last = d.period[0] + timedelta(days=round(lo)), d.period[1] + timedelta(days=round(hi))
    value = TimeValue.between(TimeValue("day", first.year, first.month, first.day),
                              TimeValue("day", last.year, last.month, last.day)) if first != last else \
        TimeValue("day", first.year, first.month, first.day)
    return [Dated((first, last), value, None)]


def judge_order(relation: str, events: list[Dated], anchors: list[Dated]) -> tuple[bool | None, Dated | None,
                                                                                    Dated | None]:
    """Does "event <relation> anchor" hold? True if the first pairing that can be ordered fits,
    False only if every pairing that can be ordered contradicts it, else None; with the pairing used."""
    verdicts = [(_fits(relation, e, a), e, a) for e in events for a in anchors]
    known = [v for v in verdicts if v[0] is not None]
    if not known:
        return None, None, None
    fitting = next((v for v in known if v[0]), None)
    if fitting is not None:
        return True, fitting[1], fitting[2]
    if len(known) < len(verdicts):
        return None, None, None  # a pairing the dates cannot order might be the one meant
    return False, known[0][1], known[0][2]


#: The least difference between two times of day that orders two events told "at about" those times.
CLOCK_MARGIN_MINUTES = 60


def _fits(relation: str, e: Dated, a: Dated) -> bool | None:
    """Order two placings by their periods; two facts the sources put on one day, by the times of day
    they give them ("at about 3 p.m." before "at about 9 p.m."), when those lie an hour apart."""
    fits = order_fits(relation, e.period, a.period)
    if fits is not None or e.fact is None or a.fact is None or e.fact is a.fact:
        return fits
    if e.period != a.period or e.period[0] != e.period[1]:
        return None
    te, ta = time_of(e.fact), time_of(a.fact)
    if te is None or ta is None or abs(te - ta) < CLOCK_MARGIN_MINUTES:
        return None
    later = te > ta
    return later if relation in ("after", "not_before") else not later


def judge_gap(gap: Gap, events: list[Dated], anchors: list[Dated]) -> tuple[bool | None, Dated | None,
                                                                           Dated | None]:
    """Does the event lie ``gap`` from the anchor? As ``judge_order``: wrong only if no pairing fits."""
    # (one fact may tell both ends by two dates: "left on 10 May and arrived on 23 May")
    verdicts = [(gap.fits(a.period, e.period, a.value.granularity, e.value.granularity), e, a)
                for e in events for a in anchors
                if e.fact is None or a.fact is None or e.fact is not a.fact or _two_dates_of_one_telling(e, a)]
    if not verdicts:
        return None, None, None
    fitting = next((v for v in verdicts if v[0]), None)
    if fitting is not None:
        return True, fitting[1], fitting[2]
    if any(v[0] is None for v in verdicts):
        return None, None, None
    return False, verdicts[0][1], verdicts[0][2]


def _two_dates_of_one_telling(e: Dated, a: Dated) -> bool:
    """Are the two the different dates one source clause gives, each of its own deed ("left on 10 May and
    arrived on 23 May"), not two sources' readings of one date?"""
    if e.value == a.value or e.period == a.period:
        return False
    return any(sum(1 for m in r.clause.dates if m.value in (e.value, a.value)) >= 2 for r in e.fact.readings)


def days_between(a: Dated, b: Dated) -> int | None:
    """Days from ``a`` to ``b`` when both are single days."""
    if a.period[0] != a.period[1] or b.period[0] != b.period[1]:
        return None
    return (b.period[0] - a.period[0]).days
