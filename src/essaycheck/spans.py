"""Character spans looked up by offset: is this stretch of text inside any of these spans?

A sorted list and ``bisect`` answer each question in logarithmic time, so finding the
numbers outside a long essay's dates, or the label of each name, stays linear in the
text; a scan of every span for every question did not.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from itertools import accumulate
from typing import Iterable


class SpanSet:
    """A fixed set of half-open (start, end) spans that may overlap."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        spans = sorted(spans)
        self._starts = [a for a, _ in spans]
        self._max_end = list(accumulate((b for _, b in spans), max))  # [i]: the furthest end of spans[:i + 1]

    def overlaps(self, start: int, end: int) -> bool:
        """Does any span (a, b) have a < end and start < b?"""
        i = bisect_left(self._starts, end)  # spans[:i] are those with a < end
        return i > 0 and self._max_end[i - 1] > start


class LabelledSpans:
    """(start, end, label) spans: the label of the first span, in the given order, that holds an offset."""

    def __init__(self, spans: Iterable[tuple[int, int, str]]):
        self._spans = list(spans)
        # Named-entity spans come sorted and apart; then at most one holds an offset and bisect finds it.
        self._ordered = all(a1 <= b1 <= a2 for (a1, b1, _), (a2, _, _) in zip(self._spans, self._spans[1:])) \
            and all(a <= b for a, b, _ in self._spans)
        self._starts = [a for a, _, _ in self._spans]

    def label_at(self, offset: int) -> str | None:
        if not self._ordered:
            return next((lab for a, b, lab in self._spans if a <= offset < b), None)
        # Only the last span starting at or before the offset can hold it: every earlier one ends before it starts.
        i = bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self._spans[i][1]:
            return self._spans[i][2]
        return None


class ChosenSpans:
    """Spans picked one by one so that none overlaps another: "does (start, end) overlap a picked one?"

    Overlap means what ``a < end and start < b`` says. Picked spans with length never overlap
    each other, so in order of start their ends are in order too and only the last one starting
    before ``end`` can reach past ``start``; empty picked spans overlap a span only from strictly
    inside it, and are kept apart.
    """

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._points: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self._starts, end)
        if i and self._ends[i - 1] > start:
            return True
        j = bisect_right(self._points, start)
        return j < len(self._points) and self._points[j] < end

    def add(self, start: int, end: int) -> None:
        if start == end:
            insort(self._points, start)
            return
        i = bisect_left(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)


class ByStart:
    """Things with a ``start`` offset: those starting in [s, e), in the order they were given.

    The clauses of a long essay each ask for their own mentions; a scan of every mention per
    clause made a 30,000-word essay quadratic.
    """

    def __init__(self, items: Iterable):
        self._items = list(items)
        order = sorted(range(len(self._items)), key=lambda i: self._items[i].start)
        self._order = order
        self._starts = [self._items[i].start for i in order]

    def within(self, s: int, e: int) -> list:
        lo, hi = bisect_left(self._starts, s), bisect_left(self._starts, e)
        picked = self._order[lo:hi]
        if any(a > b for a, b in zip(picked, picked[1:])):
            picked = sorted(picked)
        return [self._items[i] for i in picked]
