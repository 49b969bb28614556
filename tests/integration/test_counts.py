"""With the real pipeline, on sources of an invented land: counts told in other shapes.

A when-clause count is the one the source's own when-clause gives; a one-word label ("Profit: ...")
wholly inside a fact is compared with it; "Of the 97 aboard, 35 died" counts people and is not the
97; "six other crew members" leaves one out; a count from another event bears nothing out.
"""
from __future__ import annotations

import pytest

from essaycheck.assignment import Assignment
from essaycheck.quantities import QuantityGrammar
from land import assignment_over, findings

pytestmark = pytest.mark.integration

SOURCE = (
    "The Lornby Fair opened on 1 May 1871. "
    "The busiest day of the fair was 7 May 1871, when 9,815 people passed the gates. "
    "The fair made a profit of about £18,600. "
    "On 2 June 1871 the ship Heron left Dunmere with 40 passengers and 21 crew members on board. "
    "Of the 61 people on board, 35 died when she sank off Eastholm on 9 June 1871. "
    "Ada Frost joined six other crew members on the Swan, the sister ship. "
    "Rob Marsh captured two ships from Westmarch in 1870.\n"
)


@pytest.fixture(scope="module")
def land(tmp_path_factory, nlp):
    return assignment_over(tmp_path_factory.mktemp("land"), SOURCE, nlp)


def verdicts(a: Assignment, essay: str) -> list[tuple[str, str]]:
    return sorted((f["kind"], f["verdict"]) for f in findings(a, essay) if f["kind"] == "number")


@pytest.mark.parametrize(("essay", "expected"), [
    ("The busiest day of the fair was 7 May 1871, when almost 19,000 people came through the gates.", [("number", "contradicted")]),
    ("The busiest day of the fair was 7 May 1871, when some 10,000 people came through the gates.", [("number", "supported")]),
    ("Profit made: roughly £8,600.", [("number", "contradicted")]),
    ("Profit made: roughly £18,600.", [("number", "supported")]),
    ("Of the 61 souls on the Heron, 44 died.", [("number", "contradicted"), ("number", "supported")]),
    ("Of the 61 souls on the Heron, 35 died.", [("number", "supported"), ("number", "supported")]),
    ("The Heron had 31 crew.", [("number", "contradicted")]),
    ("The Swan had seven crew.", []),
    ("Only two of the ships ever reached Dunmere.", []),
])
def test_counts_in_other_shapes(land, essay, expected):
    assert verdicts(land, essay) == expected


@pytest.mark.parametrize(("text", "nouns"), [
    ("with 40 passengers and 21 crew members on board", ["passengers", "crew"]),
    ("Of the 61 people on board, 35 died", ["people", "people"]),
])
def test_what_a_count_counts(text, nouns):
    assert [q.noun for q in QuantityGrammar().find(text)] == nouns
