"""With the real pipeline: readings of a source about votes, sieges and offices, each a true sentence
that must pass beside a false one it must catch. One invented land (first contact on batch P showed
each of these marking a true sentence wrong).

- a count the source sentence gives another way: the same hedged amount told of a longer stretch
  of time, or a majority that is the difference of two of its numbers;
- an anchor that brings in an event of its own ("after a siege of some weeks") orders nothing;
- a gap the source tells in other units ("two weeks" for "a fortnight");
- a bare "the vote" may be either of two votes the sources tell, one by its verb, one by its count;
- an office said with "of" ("Surveyor of Roads") is the office said with that word first;
- a regnal number ("Aldric II") is part of a name, not a word that matches another fact.
"""
from __future__ import annotations

import pytest

from land import assignment_over, wrong

pytestmark = pytest.mark.integration

LAND = (
    "In June 1402 the council of Westmarch picked Lornby to hold the great fair. "
    "Lornby had won against Dunmere by 31 votes to 9. "
    "On 2 February 1404 Ivo Frost became Lord of Westmarch. "
    "On 3 March 1406 the guild of Eastholm voted against a boycott of the fair. "
    "In the first fortnight of November 1406 more than 2,100 Fenners died, "
    "and by the spring the town had lost over 7,000 people. "
    "The army besieged Heronford from 2 April 1407. "
    "After nearly six weeks the town surrendered on 12 May 1407. "
    "The army began its siege of Marshby on 9 September 1407. "
    "In May 1401 the men of Eastholm had captured Lornby Castle. "
    "The army took Lornby Castle back on 3 August 1409. "
    "King Aldric II had died on 17 August 1409, two weeks after the castle fell. "
    "King Aldric II called the lords of Westmarch to a council. "
    "On 14 October 1395, at the end of the council at Dunmere, he preached to a great crowd. "
    "In Fenn, the Chief Surveyor of Roads, Piers Lark, closed the bridges. "
    "In Eastholm the town's road surveyor, Tom Brook, raised the tolls.\n"
)


@pytest.fixture(scope="module")
def land(tmp_path_factory, nlp):
    return assignment_over(tmp_path_factory.mktemp("votes"), LAND, nlp)


PAIRS = [
    # the hedged total the sentence gives for the whole stretch
    ("Over 7,000 Fenners eventually died.", "About 700 Fenners eventually died.", "number"),
    # a majority: 31 - 9
    ("Lornby won the fair by a majority of 22 votes.", "Lornby won the fair by a majority of 12 votes.", "number"),
    # no order: the siege of Heronford, not the later one of Marshby
    ("Heronford surrendered after a siege of nearly six weeks.", "The town of Heronford surrendered on 12 May 1409.", "date"),
    # a fortnight is the source's "two weeks"
    ("Aldric II died a fortnight after the capture.", "Aldric II died in 1412.", "date"),
    # the vote for Lornby, told by its count, is a vote too
    ("Ivo Frost was made Lord of Westmarch about nineteen months after the vote.",
     "Ivo Frost was made Lord of Westmarch in February 1408.", "date"),
]


@pytest.mark.parametrize(("right", "wrong_one", "kind"), PAIRS)
def test_the_true_sentence_passes_and_the_false_one_is_caught(land, right, wrong_one, kind):
    assert wrong(land, right) == []
    assert kind in wrong(land, wrong_one)


def test_a_regnal_number_matches_no_other_fact_of_that_king(land):
    # the preaching, not the death the king's name and number share
    assert wrong(land, "Dunmere: King Aldric II gave his address on 14 October 1395.") == []


def test_an_office_said_with_of_is_the_office_with_that_word_first(land):
    # (the office itself is tested against other offices in tests/unit/test_comparators.py)
    assert wrong(land, "In Fenn the road surveyor, Lark, closed the bridges.") == []
