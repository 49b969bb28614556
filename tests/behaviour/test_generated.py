"""Generated behavioural tests: true and false claims written from each topic's own facts.

Each topic of tests/data and the default pack gives its cases (see generate.py); a
true claim called wrong is the worst mistake the checker can make, so none is
allowed; each kind of false claim must be caught at least as often as its floor.
The pass rates are printed (``pytest -s``) so that a change shows what it moved.
"""
from __future__ import annotations

from collections import defaultdict

import pytest

from essaycheck.assignment import Assignment
from generate import run
from support import CMC_PACK, DATA

pytestmark = pytest.mark.integration

TOPICS = ["cuban-missile-crisis"] + sorted(p.name for p in DATA.iterdir() if (p / "sources").is_dir())
# The least share of each kind of false claim that must be caught, pooled over the topics.
FLOORS = {"date.wrong": 0.9, "gap.false": 0.9, "order.false": 0.9, "person.swap": 0.7, "person.first_name": 0.7,
          "outside": 0.8, "stated_gap.false": 0.8}
TRUE_KINDS = {"date.format", "gap.true", "order.true", "paraphrase", "number.other", "stated_gap.true"}


def _assignment(name: str, nlp) -> Assignment:
    if name == "cuban-missile-crisis":
        return Assignment.from_pack(CMC_PACK, nlp=nlp)
    return Assignment.from_sources(sorted((DATA / name / "sources").glob("*.txt")), nlp=nlp)


@pytest.fixture(scope="module")
def results(nlp):
    return {name: run(_assignment(name, nlp)) for name in TOPICS}


def test_no_true_claim_is_called_wrong(results):
    wrong = [f"{name}: {f}" for name, (_, failures) in results.items() for f in failures if "[true]" in f]
    assert wrong == []


def test_every_capability_has_cases_from_several_topics(results):
    topics_per_kind = defaultdict(set)
    for name, (tally, _) in results.items():
        for kind, (_, total) in tally.items():
            if total:
                topics_per_kind[kind].add(name)
    assert set(topics_per_kind) == TRUE_KINDS | set(FLOORS)
    assert all(len(t) >= 3 for t in topics_per_kind.values()), {k: sorted(v) for k, v in topics_per_kind.items()}


def test_false_claims_are_caught(results, capsys):
    pooled = defaultdict(lambda: [0, 0])
    for tally, _ in results.values():
        for kind, (passed, total) in tally.items():
            pooled[kind][0] += passed
            pooled[kind][1] += total
    with capsys.disabled():
        print("\ngenerated claims, share handled right:",
              ", ".join(f"{k} {p}/{t} ({p / t:.0%})" for k, (p, t) in sorted(pooled.items())))
    low = {k: f"{pooled[k][0]}/{pooled[k][1]}" for k, floor in FLOORS.items() if pooled[k][0] < floor * pooled[k][1]}
    assert low == {}, low
