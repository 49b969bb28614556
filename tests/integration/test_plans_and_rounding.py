"""With the real pipeline: readings of a source about a campaign's plans, losses and castles, each a
true sentence that must pass beside a false one it must catch. One invented land (first contact on
batch Q showed each of these marking a true sentence wrong).

- "had been planned for 3 May" is a plan, as "was planned for" is: its day is not the deed's;
- "agreed to attack in 1406": the year is the attack's, so "agreed in 1405 to attack" is no misdating;
- a hedged amount of two or more significant digits ("about 5,700 men") is the rounding of a
  precise amount the sources give, whatever it counts ("5,747 casualties");
- a name ending in a word for a building ("Hale Castle") is a place, and no rival of a person;
- a swap is never read against a fact that says the act did not happen;
- a gap in a relative clause ("the lands he had lost ten years earlier") counts from its clause's date;
- "the strike did not end at once" gives the end no time, and does not stand in for the day it ended;
- "between April and August 1412" is one range, and gives its year to a month told after it; a name
  in a phrase dated apart from the fact is no swap.
"""
from __future__ import annotations

import pytest

from land import assignment_over, wrong

pytestmark = pytest.mark.integration

LAND = (
    "The Road to Lornby, 1405 to 1411\n"
    "The idea for the war came from a meeting of the Westmarch lords at Lornby, near Dunmere, in December 1405. "
    "There they agreed to attack Eastholm from several sides during 1406. "
    "The guns of Westmarch opened fire on 24 April 1406. "
    "The attack had been planned for 3 May, but heavy rain forced a delay of two days. "
    "On 5 May 1406 about 30,000 men of Westmarch crossed the river. "
    "By nightfall Westmarch had suffered 5,747 casualties, of whom 1,902 had been killed. "
    "By the end of the war Westmarch had lost around 42,000 men killed, wounded or missing. "
    "In June 1406 Osric laid siege to Hale Castle in Fenn, held for Westmarch by Piers Lark. "
    "The castle held out. "
    "The lords of Eastholm could not beat Ivo Frost on their own. "
    "In the summer of 1410 Ivo Frost set out to win back the lands that he had lost to Osric ten years earlier. "
    "On 13 May 1411 the judges of Lornby banned the marches. "
    "The strike did not end at once. "
    "On 20 June 1411 the strike ended. "
    "Between April and August 1412 the workmen of Westmarch built a fortress called Hale Keep on the bank of the Heron. "
    "In November 1412 the guns of the fortress sank a ship from Fenn.\n"
)


@pytest.fixture(scope="module")
def land(tmp_path_factory, nlp):
    return assignment_over(tmp_path_factory.mktemp("plans"), LAND, nlp)


PAIRS = [
    # the plan's day is not the attack's
    ("5 May: the attack begins, two days later than planned.",
     "On 5 June 1406 about 30,000 men of Westmarch crossed the river.", "date"),
    # the agreeing was in 1405; the attack it planned in 1406
    ("The lords had agreed at the end of 1405 to attack together in 1406.",
     "The guns of Westmarch opened fire on 24 April 1408.", "date"),
    # 5,747 rounded
    ("By nightfall Westmarch had lost about 5,700 men.",
     "On 5 May 1406 about 3,000 men of Westmarch crossed the river.", "number"),
]


@pytest.mark.parametrize(("right", "wrong_one", "kind"), PAIRS)
def test_the_true_sentence_passes_and_the_false_one_is_caught(land, right, wrong_one, kind):
    assert wrong(land, right) == []
    assert kind in wrong(land, wrong_one)


def test_a_castle_is_no_rival_of_the_person_who_held_it(land):
    assert wrong(land, "- June 1406: Dunmere Castle is besieged but Tom Marsh holds it.") == []


def test_a_fact_that_says_an_act_failed_has_no_name_to_swap(land):
    assert wrong(land, "Tom Marsh beat the lords of Eastholm and their allies at Dunmere.") == []


def test_a_gap_in_a_relative_clause_counts_from_its_own_clause(land):
    told = ("The Road to Lornby, 1405 to 1411. In the summer of 1410 Ivo Frost set out to win back the lands "
            "that he had lost to Osric ten years earlier.")
    assert wrong(land, told) == []


def test_a_denial_does_not_stand_in_for_the_day_an_anchor_happened(land):
    assert wrong(land, "The judges banned the marches before the strike had ended.") == []
    assert wrong(land, "The judges banned the marches only after the strike had ended.") == ["order"]


def test_a_name_in_a_phrase_with_another_date_is_no_swap(land):
    told = ("Hale Keep, a fortress on the bank of the Heron, was built between April and August 1412, and the "
            "sinking of a ship from Fenn by its guns followed in November.")
    assert wrong(land, told) == []
    assert wrong(land, told.replace("November", "the next March")) == []
