"""Mechanisms that keep true sentences from being marked wrong, each beside a false sentence it must still catch.

Each pair tells one fact of an invented land the way a pupil would: once right in words the checker
used to misread, once wrong. On spacy.blank("en") with hand-made entities, as in test_comparators.py.
"""
from __future__ import annotations

import pytest

from essaycheck.entities import Entity
from invented import checker_over, wrong

NARRATIVE = (
    "On Monday 4 June 1872 the rebels seized the mill at Lornby. "
    "On Friday 8 June 1872 General Rob Marsh reached Lornby with the army. "
    "The rebels surrendered to Rob Marsh on 9 June 1872. "
    "About 2,000 troops were camped in Lornby by the end of the week, and 40 soldiers were killed in the fighting. "
    "The first grain ship reached Eastholm on 28 November 1873, and two more ships followed it in early December. "
    "On 3 March 1874 the town agreed to carry its case to the Council. "
    "In July 1874 thirteen of the leaders were executed. "
    "In all, twelve men were hanged at Eastholm, and a thirteenth was shot in Lornby.\n"
)
ENTITIES = [Entity("person:rob-marsh", "PERSON", "Rob Marsh", ["Marsh", "General Marsh"], origin="pack"),
            Entity("place:lornby", "PLACE", "Lornby", [], origin="pack"),
            Entity("place:eastholm", "PLACE", "Eastholm", [], origin="pack"),
            Entity("org:council", "ORG", "Council", [], origin="pack")]


@pytest.fixture(scope="module")
def checker(blank_nlp):
    return checker_over(blank_nlp, {"000_narrative.txt": NARRATIVE}, ENTITIES)


SEIZED = "On Monday 4 June 1872 the rebels seized the mill at Lornby. "
PAIRS = [
    # a weekday with "the", or in lower case, moves the story on: the gap counts from it
    (SEIZED + "On the Friday General Marsh reached Lornby, and less than two days later the rebels surrendered.",
     SEIZED + "On the Friday General Marsh reached Lornby, and two weeks later the rebels surrendered.",
     "relative_date"),
    (SEIZED + "On friday Marsh reached Lornby. The next day the rebels surrendered.",
     SEIZED + "On friday Marsh reached Lornby. A month later the rebels surrendered.",
     "relative_date"),
    # a title joined by a hyphen is no first name
    ("The rebels surrendered to Brigadier-General Marsh on 9 June 1872.",
     "The rebels surrendered to Peter Marsh on 9 June 1872.", "entity"),
    # "soldiers" and "troops" count one thing; the amount is the sources' count of the troops camped
    ("By the end of the week 2,000 soldiers were camped in Lornby.",
     "By the end of the week 9,000 soldiers were camped in Lornby.", "number"),
    # the other clause of the source sentence has the date
    ("The first grain ship reached Eastholm in November 1873. The others arrived there in early December.",
     "The first grain ship reached Eastholm in November 1870.", "date"),
    # a count the sources give of the same place, worded apart
    ("Twelve leaders were hanged at Eastholm in July 1874.",
     "Twenty leaders were executed in July 1874.", "number"),
    # "because" ends the event that "before" points to
    ("The rebels seized the mill before Marsh reached Lornby because the army was slow.",
     "The rebels seized the mill after Marsh reached Lornby because the army was slow.", "order"),
]


@pytest.mark.parametrize(("right", "wrong_one", "kind"), PAIRS)
def test_the_true_sentence_passes_and_the_false_one_is_caught(checker, right, wrong_one, kind):
    assert wrong(checker, right) == []
    assert kind in wrong(checker, wrong_one)


def test_a_place_for_a_body_called_by_a_common_noun_is_no_error(checker):
    # a body is often named by where it sits; a place where the sources name a place is still an error
    assert wrong(checker, "On 3 March 1874 the town agreed to carry its case to Westminster.") == []
    assert wrong(checker, "On 4 June 1872 the rebels seized the mill at Dunmere.") == ["entity"]



def test_a_wrong_name_and_a_wrong_number_from_one_fact_tell_another_event():
    from essaycheck.findings import Finding
    from essaycheck.verdicts import _another_event

    def wrong_at(kind, fact):
        return Finding("accuracy", "contradicted", kind, 0, 4, "Hale", "Brook", f"{kind}.contradicted", fact_id=fact)

    assert _another_event([wrong_at("entity", "f1"), wrong_at("number", "f1")])
    assert not _another_event([wrong_at("entity", "f1"), wrong_at("number", "f2")])  # two facts: two slips
    assert not _another_event([wrong_at("number", "f1"), wrong_at("date", "f1")])
