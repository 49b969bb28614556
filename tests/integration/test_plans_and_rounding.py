"""With the real pipeline: readings of a source about a campaign's plans, losses and castles, each a
true sentence that must pass beside a false one it must catch. One invented land (first contact on
batch Q showed each of these marking a true sentence wrong).

- "had been set for 3 May" is a plan, as "was set for" is: its day is not the deed's;
- "resolved to march in 1406": the year is the march's, so "in late 1405 they resolved to march" is no
  misdating;
- a hedged amount of two or more significant digits ("about 5,700") is the rounding of a precise
  amount the sources give, whatever it counts (5,747 dead or hurt);
- a name ending in a word for a building ("Hale Castle") is a place, and no rival of a person;
- a swap is never read against a fact that says the act did not happen;
- a gap in a relative clause ("the farms that Osric had taken six years before") counts from its
  clause's own date;
- "the strike did not stop at once" gives the end no time, and does not stand in for the day it ended;
- "from April to August 1412" is one range, and gives its year to a month told after it; a name in a
  phrase dated apart from the fact is no swap, nor is a name in a phrase that only dates the fact;
- ", reaching Heronford two weeks later": the participle's step counts from the statement before it;
- a source's "It was finally captured ..." right after a sentence about Marshby is about Marshby.
"""
from __future__ import annotations

import pytest

from land import assignment_over, wrong

pytestmark = pytest.mark.integration

LAND = (
    "Westmarch at War, 1405 to 1412\n"
    "In December 1405 the lords of Westmarch gathered at Lornby. "
    "They resolved to march on Eastholm during 1406. "
    "The guns of Westmarch began firing on 24 April 1406. "
    "The crossing had been set for 3 May, but storms held it up by two days. "
    "On 5 May 1406 about 30,000 men of Westmarch crossed the river. "
    "Westmarch counted 5,747 men dead or hurt that evening, 1,902 of them dead. "
    "Over the whole war Westmarch lost around 42,000 men. "
    "In June 1406 Osric's men surrounded Hale Castle in Fenn, which Piers Lark held for Westmarch. "
    "The castle did not fall. "
    "Alone, the lords of Eastholm could not defeat Ivo Frost. "
    "In 1410 Ivo Frost tried to recover the farms that Osric had taken from him six years before. "
    "On 13 May 1411 the judges of Lornby forbade the marches. "
    "The strike did not stop at once. "
    "The strike was over on 20 June 1411. "
    "From April to August 1412 masons raised a tower called Hale Keep beside the Heron. "
    "In November 1412 its cannon sank a barge from Fenn. "
    "Two weeks after the fleet's first departure from Lornby, on 6 September 1413, it sailed from Dunmere alone. "
    "The fleet left for Heronford on 10 May 1414 and reached Heronford on 23 May. "
    "Marshby had been the first aim of the war. "
    "It was finally captured by the men of Fenn on 27 September 1414.\n"
)


@pytest.fixture(scope="module")
def land(tmp_path_factory, nlp):
    return assignment_over(tmp_path_factory.mktemp("plans"), LAND, nlp)


PAIRS = [
    # the day set for the crossing is not the day of it
    ("The crossing came on 5 May, later than set.", "On 5 June 1406 about 30,000 men of Westmarch crossed the river.",
     "date"),
    # the resolving was in 1405; the march it planned in 1406
    ("In late 1405 the lords resolved to march on Eastholm in the next year.",
     "The guns of Westmarch began firing on 24 April 1408.", "date"),
    # 5,747 rounded
    ("That evening about 5,700 men of Westmarch were dead or hurt.",
     "On 5 May 1406 about 3,000 men of Westmarch crossed the river.", "number"),
]


@pytest.mark.parametrize(("right", "wrong_one", "kind"), PAIRS)
def test_the_true_sentence_passes_and_the_false_one_is_caught(land, right, wrong_one, kind):
    assert wrong(land, right) == []
    assert kind in wrong(land, wrong_one)


def test_a_castle_is_no_rival_of_the_person_who_held_it(land):
    assert wrong(land, "Hale Castle held firm for Westmarch under Piers Lark in the summer of 1406.") == []


def test_a_fact_that_says_an_act_failed_has_no_name_to_swap(land):
    assert wrong(land, "In the end Tom Marsh defeated the lords of Eastholm.") == []


def test_a_gap_in_a_relative_clause_counts_from_its_own_clause(land):
    told = ("Westmarch at War, 1405 to 1412. In 1410 Ivo Frost tried to recover the farms that Osric had taken "
            "from him six years before.")
    assert wrong(land, told) == []


def test_a_denial_does_not_stand_in_for_the_day_an_anchor_happened(land):
    assert wrong(land, "The judges forbade the marches before the strike was over.") == []
    assert wrong(land, "The judges forbade the marches only after the strike was over.") == ["order"]


def test_a_name_in_a_phrase_with_another_date_is_no_swap(land):
    told = "Hale Keep was raised beside the Heron from April to August 1412, and in November it sank a barge from Fenn."
    assert wrong(land, told) == []


def test_a_name_in_the_phrase_that_dates_a_fact_is_no_swap(land):
    assert wrong(land, "In late August 1413 the fleet sailed out of Lornby.") == []


def test_a_participle_step_counts_from_the_statement_before_it(land):
    assert wrong(land, "The fleet left for Heronford on 10 May 1414, reaching Heronford about two weeks later.") == []
    assert wrong(land, "The fleet left for Heronford on 10 May 1414, reaching Heronford about two months later.") == ["relative_date"]


def test_a_sources_it_after_a_sentence_about_a_name_is_that_name(land):
    assert wrong(land, "Marshby was captured on 27 September 1414.") == []
    assert wrong(land, "Marshby was captured on 27 October 1414.") == ["date"]
