"""Span look-ups by offset give what a scan of every span gives."""
from __future__ import annotations

import random

from essaycheck.spans import ChosenSpans, LabelledSpans, SpanSet


def _random_spans(rng: random.Random) -> list[tuple[int, int]]:
    return [(a, a + rng.randint(0, 6)) for a in (rng.randint(0, 30) for _ in range(rng.randint(0, 8)))]


def test_overlap_is_any_span_overlapping():
    rng = random.Random(13)
    for _ in range(2000):
        spans = _random_spans(rng)
        found = SpanSet(spans)
        for s in range(36):
            for e in (s, s + 1, s + 4):
                assert found.overlaps(s, e) == any(a < e and s < b for a, b in spans), (spans, s, e)


def test_label_is_that_of_the_first_span_holding_the_offset():
    rng = random.Random(14)
    for trial in range(2000):
        spans = [(a, b, f"L{i}") for i, (a, b) in enumerate(_random_spans(rng))]
        if trial % 2:  # named-entity spans: in order and apart, some empty
            spans.sort()
            apart, end = [], 0
            for a, b, label in spans:
                a = max(a, end)
                apart.append((a, max(a, b), label))
                end = max(a, b)
            spans = apart
        labels = LabelledSpans(spans)
        for offset in range(40):
            assert labels.label_at(offset) == next((lab for a, b, lab in spans if a <= offset < b), None)


def test_spans_picked_one_by_one_never_overlap_and_are_those_a_scan_picks():
    rng = random.Random(15)
    for _ in range(2000):
        candidates = _random_spans(rng) + _random_spans(rng)
        taken, picked, scanned = ChosenSpans(), [], []
        for s, e in candidates:
            if not taken.overlaps(s, e):
                taken.add(s, e)
                picked.append((s, e))
            if all(e <= a or s >= b for a, b in scanned):
                scanned.append((s, e))
        assert picked == scanned, candidates
