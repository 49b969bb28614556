"""Gaps and orders on the calendar: what "less than a year later" or "before" allows, table by table."""
from __future__ import annotations

from datetime import date

import pytest

from essaycheck.dates import DateGrammar, TimeValue
from essaycheck.gaps import Gap, order_fits


def day(y, m, d):
    return date(y, m, d), date(y, m, d)


def period(value: str):
    return TimeValue.from_value(value).interval()


FITS = [
    # (gap phrase, anchor, event, verdict)
    ("six days later", "1962-10-22", "1962-10-28", True),
    ("six days later", "1962-10-22", "1962-10-29", False),
    ("a week later", "1962-10-22", "1962-10-30", True),            # a week is about seven days
    ("two weeks later", "1962-10-01", "1962-10-30", False),
    ("about a month later", "1956-10-29", "1956-12-03", True),
    ("less than a year later", "1989-11-09", "1990-10-03", True),
    ("less than a year later", "1989-11-09", "1991-02-03", False),
    ("more than two years later", "1959-01-01", "1961-04-17", True),
    ("more than two years later", "1959-06-01", "1960-04-17", False),
    ("almost twenty-four years later", "1962-10-22", "1986-05-01", True),
    ("thirty-eight years later", "1962-10-22", "2000-06-01", True),
    ("thirty-eight years later", "1962-10-22", "2008-06-01", False),
    ("two years later", "1959-10", "1961-04", True),               # the calendar years differ by two
    ("the next day", "1666-09-02", "1666-09-03", True),
    ("the next day", "1666-09-02", "1666-09-05", False),
    ("a few days later", "1666-09-02", "1666-09-06", True),
    ("a day and a half later", "1986-04-26", "1986-04-27", True),
    ("three years to the day after", "1986-04-27", "1988-04-27", False),
    ("two years to the day after", "1986-04-27", "1988-04-27", True),
    ("two days earlier", "1605-11-05", "1605-11-03", True),
    ("two days earlier", "1605-11-05", "1605-11-07", False),
]


@pytest.mark.parametrize(("phrase", "anchor", "event", "verdict"), FITS)
def test_a_gap_fits_the_dates_it_can_mean(phrase, anchor, event, verdict):
    text = f"On 1 January 1900 something happened. {phrase.capitalize()} something else happened."
    m = next(m for m in DateGrammar().find(text) if m.relative)
    assert m.gap is not None, f"{phrase!r} was not read as a gap"
    a, e = TimeValue.from_value(anchor), TimeValue.from_value(event)
    assert m.gap.fits(a.interval(), e.interval(), a.granularity, e.granularity) is verdict


def test_a_gap_is_not_judged_finer_than_the_dates():
    """"Six days later" against two events dated only to the month: it may hold, so it is not wrong."""
    assert Gap.stated(6, "day", 1).fits(period("1962-10"), period("1962-10"), "month", "month") is None


@pytest.mark.parametrize(("relation", "a", "b", "verdict"), [
    ("before", "1961-04", "1962-10-14", True),
    ("before", "1962-10-14", "1961-04", False),
    ("after", "1962-10", "1962-10-14", None),    # October holds the 14th: the sources cannot order them
    ("not_after", "1962-10-14", "1962-10-22", True),
    ("not_before", "1962-10-14", "1962-10-22", False),
])
def test_order_is_judged_on_periods(relation, a, b, verdict):
    assert order_fits(relation, period(a), period(b)) is verdict


def _gap(phrase: str) -> Gap:
    text = f"On 1 January 1900 something happened. {phrase.capitalize()} something else happened."
    return next(m for m in DateGrammar().find(text) if m.relative).gap


@pytest.mark.parametrize(("said", "stated", "verdict"), [
    ("ten days after Gravelines", "four days after Gravelines", False),
    ("about a week after the landing", "eight days after the landing", True),
    ("about a year after the execution", "less than three months after the execution", False),
    ("less than a year after the fire", "less than six months after the fire", True),
    ("twenty years after the disaster", "more than fourteen years after the disaster", True),
    ("ten years after the disaster", "more than fourteen years after the disaster", False),
    ("a few days after the fire", "four days after the fire", None),
    # "a week" is said loosely of five to nine days, not of four
    ("a week after the fire", "four days after the fire", False),
    ("a week after the fire", "nine days after the fire", True),
    ("two days before the battle", "two days after the battle", None),
])
def test_a_gap_is_compared_with_one_a_source_states(said, stated, verdict):
    assert _gap(said).meets(_gap(stated)) is verdict
