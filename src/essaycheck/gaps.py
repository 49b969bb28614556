"""Gaps between events: what "less than a year later" or "the next day" allows, and whether a timeline fits it.

A relative date in an essay says how far one event lies from another. People state
gaps loosely: "two years later" is true of October 1871 to April 1873 (the years
differ by two) and "about a month after" of five weeks. A ``Gap`` keeps the range a
phrase allows (its amount, hedge and unit) and ``fits`` compares it with the range
of gaps the sources' dates allow, at their granularity: a gap is wrong only when
the two ranges cannot meet.

Written by hand: date libraries (dateutil's relativedelta, pendulum) add a known
amount to a known date; none reads a hedged amount as a range or compares ranges
of possible gaps between two periods.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import date
from importlib import resources

_DATA = json.loads(resources.files("essaycheck.data").joinpath("gaps.json").read_text("utf-8"))
#: Days in one unit, for elapsed-time comparisons.
UNIT_DAYS: dict[str, float] = _DATA["unit_days"]
#: How loosely an unhedged amount of each unit is meant, in days ("a week" is 4 to 10 days).
_TOLERANCE: dict[str, float] = _DATA["exact_tolerance_days"]
#: Hedge words and the share of the amount they allow either side.
HEDGES: dict[str, str] = _DATA["hedges"]
_APPROX = _DATA["approx_share"]
_ALMOST = _DATA["almost_share"]
#: Amounts given in words without a number: "a few", "several".
VAGUE: dict[str, list] = _DATA["vague_amounts"]


@dataclass(frozen=True)
class Gap:
    """The time a relative date puts between an event and its anchor.

    ``low`` and ``high`` bound the amount in ``unit``s (``high`` None: no upper bound);
    ``direction`` is +1 for "later", -1 for "earlier", 0 for "the same day";
    ``calendar`` marks gaps counted on the calendar ("the next year": the year after,
    whatever the months) rather than as elapsed time.
    """

    low: float
    high: float | None
    unit: str
    direction: int = 1
    calendar: bool = False
    hedge: str | None = None

    @classmethod
    def stated(cls, amount: float | None, unit: str, direction: int, hedge: str | None = None,
               vague: str | None = None) -> "Gap | None":
        """The gap a phrase states: an amount (or a vague word) with an optional hedge."""
        if vague is not None:
            lo, hi = VAGUE[vague]
            return cls(lo, hi, unit, direction, hedge=vague)
        if amount is None:
            return None
        kind = HEDGES.get(hedge or "", "exact")
        if kind == "approx":
            return cls(amount * (1 - _APPROX), amount * (1 + _APPROX), unit, direction, hedge=kind)
        if kind == "almost":
            return cls(amount * (1 - _ALMOST), amount, unit, direction, hedge=kind)
        if kind == "max":
            return cls(0.0, amount, unit, direction, hedge=kind)
        if kind == "min":
            return cls(amount, None, unit, direction, hedge=kind)
        if kind == "just_over":
            return cls(amount, amount * (1 + _ALMOST), unit, direction, hedge=kind)
        return cls(amount, amount, unit, direction)

    @property
    def exact(self) -> bool:
        return self.hedge is None and self.high == self.low

    @property
    def amount(self) -> float | None:
        return self.low if self.high == self.low else None

    def describe(self) -> str:
        n = self.low if self.high == self.low else None
        if self.direction == 0:
            return f"the same {self.unit}"
        word = "later" if self.direction > 0 else "earlier"
        if n is None:
            return f"some {self.unit}s {word}"
        return f"{n:g} {self.unit}{'' if n == 1 else 's'} {word}"

    def meets(self, other: "Gap") -> bool | None:
        """Can this gap and another stated one be the same length ("ten days" and "four days after")?

        None when either is vague ("a few days") or counted on the calendar, or they point
        different ways: then only the timeline can tell.
        """
        if self.direction != other.direction or self.direction == 0 or self.calendar or other.calendar \
                or self.hedge in VAGUE or other.hedge in VAGUE or self.hedge == "to_the_day" \
                or other.hedge == "to_the_day":
            return None
        a_lo, a_hi = self._claimed_days()
        b_lo, b_hi = other._claimed_days()
        return a_lo <= b_hi and b_lo <= a_hi

    # -- comparing with the sources' dates ----------------------------------------------------

    def fits(self, anchor: tuple[date, date], event: tuple[date, date], anchor_grain: str = "day",
             event_grain: str = "day") -> bool | None:
        """Whether an event in ``event`` can lie this gap from an anchor in ``anchor`` (first and last days).

        False only when no pair of days in the two periods is this far apart (nor, for
        months and years, this many calendar steps apart). True when the gap holds and the
        periods are precise enough for the unit; None when they are too coarse to tell.
        """
        if self.hedge == "to_the_day":
            return self._anniversary(anchor, event)
        elapsed = self._elapsed_fits(anchor, event)
        steps = self._steps_fit(anchor, event, anchor_grain, event_grain)
        if elapsed is True or steps is True:
            return True if self._precise_enough(anchor, event) else None
        if elapsed is False and steps in (False, None):
            if not self._precise_enough(anchor, event) and self._miss(anchor, event) <= self._width(anchor, event):
                return None  # "two days after" an event the sources put only "at the end of April": too coarse
            return False
        return None

    @staticmethod
    def _width(anchor: tuple[date, date], event: tuple[date, date]) -> int:
        return (anchor[1] - anchor[0]).days + (event[1] - event[0]).days

    def _miss(self, anchor: tuple[date, date], event: tuple[date, date]) -> float:
        """How many days the nearest pair of days misses the gap by."""
        lo, hi = (event[0] - anchor[1]).days, (event[1] - anchor[0]).days
        c_lo, c_hi = self._claimed_days()
        return max(c_lo - hi, lo - c_hi, 0)

    def _anniversary(self, anchor: tuple[date, date], event: tuple[date, date]) -> bool | None:
        """"Three years to the day after": the same day and month, that many years on."""
        if anchor[0] != anchor[1] or event[0] != event[1]:
            return None
        a, e = anchor[0], event[0]
        years = int(self.low) * self.direction * {"year": 1, "decade": 10}.get(self.unit, 0)
        if not years:
            return None
        return (e.month, e.day) == (a.month, a.day) and e.year - a.year == years

    def _claimed_days(self) -> tuple[float, float]:
        """The elapsed days the phrase allows, signed by direction."""
        u = UNIT_DAYS[self.unit]
        tol = _TOLERANCE[self.unit] if self.exact else 0.0
        if self.hedge in ("max", "min"):  # "less than a year" is a bound: a little slack, not a rounding's
            tol = min(_TOLERANCE[self.unit], 0.1 * u * max(self.high or self.low, 1))
        lo = max(self.low * u - tol, 0.0)
        hi = float("inf") if self.high is None else self.high * u + tol
        # the sources date events by the day: "a day and a half", "36 hours" is one day or two
        lo, hi = math.floor(lo), (hi if hi == float("inf") else math.ceil(hi))
        if self.direction >= 0:
            return lo, hi
        return -hi, -lo

    def _elapsed_fits(self, anchor: tuple[date, date], event: tuple[date, date]) -> bool:
        lo = (event[0] - anchor[1]).days
        hi = (event[1] - anchor[0]).days
        c_lo, c_hi = self._claimed_days()
        if self.direction == 0:
            c_lo, c_hi = -_TOLERANCE["day"], _TOLERANCE["day"]
        return lo <= c_hi and c_lo <= hi

    def _steps_fit(self, anchor: tuple[date, date], event: tuple[date, date], anchor_grain: str,
                   event_grain: str) -> bool | None:
        """For months, years and decades: do the calendar steps between the periods match?

        "Two years later" holds from October 1871 to April 1873; "the next month" from
        30 June to 1 July. Only a gap with a whole amount is counted this way.
        """
        if self.unit not in ("month", "year", "decade"):
            return None
        if self.high is None or self.low != int(self.low) and self.high != int(self.high):
            return None
        per = {"month": 1, "year": 12, "decade": 120}[self.unit]
        lo_steps = _month_index(event[0]) - _month_index(anchor[1])
        hi_steps = _month_index(event[1]) - _month_index(anchor[0])
        if self.unit != "month":  # count whole years on the calendar: 1871 to 1873 is two
            lo_steps = (event[0].year - anchor[1].year) * 12
            hi_steps = (event[1].year - anchor[0].year) * 12
            if self.unit == "decade":
                lo_steps = (event[0].year // 10 - anchor[1].year // 10) * 120
                hi_steps = (event[1].year // 10 - anchor[0].year // 10) * 120
        want_lo = self.low * per * (1 if self.direction >= 0 else -1)
        want_hi = self.high * per * (1 if self.direction >= 0 else -1)
        if self.direction == 0:
            want_lo = want_hi = 0
        lo_w, hi_w = min(want_lo, want_hi), max(want_lo, want_hi)
        return lo_steps <= hi_w and lo_w <= hi_steps

    def _precise_enough(self, anchor: tuple[date, date], event: tuple[date, date]) -> bool:
        """Are the periods narrow enough that a fit says something (a day count needs days)?"""
        width = (anchor[1] - anchor[0]).days + (event[1] - event[0]).days
        return width <= max(UNIT_DAYS[self.unit] * max(self.low, 1), 2 * _TOLERANCE[self.unit])


def _month_index(d: date) -> int:
    return d.year * 12 + d.month - 1


def order_fits(relation: str, a: tuple[date, date], b: tuple[date, date]) -> bool | None:
    """Does "a <relation> b" hold of two periods? (The interval algebra's relations, collapsed to what essays say.)

    ``relation`` is "before", "after", "not_after" (by the time b, a had already
    happened) or "not_before" (a did not happen until b). False only when the periods
    make it impossible; None when they overlap and the sources cannot order them.
    """
    if a[1] < b[0]:
        rel = "before"
    elif b[1] < a[0]:
        rel = "after"
    else:
        rel = "overlap"
    if rel == "overlap":
        return None
    if relation == "before":
        return rel == "before"
    if relation == "after":
        return rel == "after"
    if relation == "not_after":
        return rel == "before"
    if relation == "not_before":
        return rel == "after"
    raise ValueError(f"unknown order relation {relation!r}")
