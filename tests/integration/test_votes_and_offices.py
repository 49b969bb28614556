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
    "The guild of Westmarch met in June 1402 to choose a home for the great fair, and Lornby beat Dunmere "
    "by 31 votes to 9. "
    "Ivo Frost was made Lord of Westmarch on 2 February 1404. "
    "The weavers of Eastholm held a vote on 3 March 1406 and rejected a boycott of the fair. "
    "The fever killed more than 2,100 Fenners in the first half of November 1406; "
    "by the spring over 7,000 people in the town were dead. "
    "The army besieged Heronford from 2 April 1407. "
    "After nearly six weeks, on 12 May 1407, the town gave up. "
    "On 9 September 1407 the army began a siege of Marshby. "
    "The Eastholmers had seized Lornby Castle in May 1401. "
    "The army won Lornby Castle back on 3 August 1409. "
    "King Aldric II died on 17 August 1409, two weeks after the castle fell. "
    "King Aldric II summoned the lords to Dunmere. "
    "There, on 14 October 1395, he preached to the crowd. "
    "The Chief Surveyor of Roads in Fenn, Piers Lark, shut the bridges. "
    "Eastholm's road surveyor, Tom Brook, raised the tolls.\n"
)


@pytest.fixture(scope="module")
def land(tmp_path_factory, nlp):
    return assignment_over(tmp_path_factory.mktemp("votes"), LAND, nlp)


PAIRS = [
    # the hedged total the sentence gives for the whole stretch
    ("In the end the fever killed over 7,000 Fenners.", "In the end the fever killed about 700 Fenners.", "number"),
    # a majority: 31 - 9
    ("The fair went to Lornby, which won with a majority of 22 votes.",
     "The fair went to Lornby, which won with a majority of 12 votes.", "number"),
    # no order: the siege of Heronford, not the later one of Marshby
    ("After a siege lasting nearly six weeks, Heronford gave up.", "The town of Heronford surrendered on 12 May 1409.",
     "date"),
    # a fortnight is the source's "two weeks"
    ("King Aldric II died a fortnight after the castle was taken.", "King Aldric II died in 1412.", "date"),
    # the vote for Lornby, told by its count, is a vote too
    ("About nineteen months after the vote, Ivo Frost was made Lord of Westmarch.",
     "Ivo Frost was made Lord of Westmarch in February 1408.", "date"),
]


@pytest.mark.parametrize(("right", "wrong_one", "kind"), PAIRS)
def test_the_true_sentence_passes_and_the_false_one_is_caught(land, right, wrong_one, kind):
    assert wrong(land, right) == []
    assert kind in wrong(land, wrong_one)


def test_a_regnal_number_matches_no_other_fact_of_that_king(land):
    # the preaching, not the death the king's name and number share
    assert wrong(land, "King Aldric II spoke to the crowd at Dunmere on 14 October 1395.") == []


def test_an_office_said_with_of_is_the_office_with_that_word_first(land):
    # (the office itself is tested against other offices in tests/unit/test_comparators.py)
    assert wrong(land, "Lark, the road surveyor of Fenn, shut the bridges.") == []
