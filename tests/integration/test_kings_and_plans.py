"""With the real pipeline: readings of a source about kings, plans and journeys, each a true sentence
that must pass beside a false one it must catch. One invented land (first contact on batch N showed
each of these marking a true sentence wrong).

- kings of one name told apart by their numbers ("Aldric IV", "Aldric V"), and a lone "Aldric" the
  one the sources name most;
- an office read after "because its", after "had been", and before a date ("became King of
  Westmarch on 3 March 1401"); an office in a list of names is the name's before it;
- a date in a phrase of its own ("died in 1410 and was buried at X") dates that phrase only;
- "went on until 1450" is the end of something, not the day of one moment of it;
- "three weeks since they left" is time gone by, not a length of time told;
- a person named as whose ("Aldric's friend") is not the one who acted;
- the day a thing was first set for is not its day;
- "the very next day" in a source is the day after;
- "a week after Frost", where the act left out is the claim's own: Frost's arrest;
- a source's "did not come back until 14 May" dates the coming back;
- a verb the sources say in other words ("was ousted", "removed") still tells which event a date is of;
- a number held by the same noun in claim and source ("a crowd of about 4,000 people") counts the same
  thing, whatever verb each tells it with;
- the month the sources give someone's act, told with another year, is that act misdated.
"""
from __future__ import annotations

import pytest

from land import assignment_over, findings, wrong

pytestmark = pytest.mark.integration

LAND = (
    "Aldric V became King of Westmarch on 3 March 1401, the day after the death of his father, Aldric IV. "
    "Aldric V was crowned in Lornby Minster on 9 April 1401. He was twenty-six years old. "
    "Eastholm was weak at this time, because its king, Osric III, was often ill. "
    "On 20 July 1402 Tom Marsh, Earl of Dunmere, told the king that Hugh, Earl of Fenn, Piers Lark and "
    "Ivo Frost planned to kill him. "
    "The fleet of about 900 ships left Lornby on 4 August 1402. "
    "Wat Brook, Bishop of Heronford, one of the king's closest friends, died of fever on 15 September 1402. "
    "Aldric left Heronford on 8 October 1402 with about 7,000 men, who carried food for only eight days. "
    "The battle of Dunmere was fought on 25 October 1402. "
    "Aldric V named the battle after the village of Dunmere. "
    "The walls of Lornby were finished in May 1404. "
    "The feast at Lornby was first set for 23 October, but it was moved to 19 November 1403 "
    "because the bishop was ill. "
    "On 7 June 1405 the settlers left Lornby in their boats. "
    "The very next day they met a ship from Eastholm near the mouth of the Heron. "
    "Ivo Frost was arrested at Dunmere on 5 November 1405. Piers Lark was arrested at Fenn on 12 November 1405. "
    "On 24 April 1406 a fire destroyed the market of Lornby. "
    "Tom Marsh did not come back to Lornby until 14 May 1406. "
    "On 10 September 1407 the council removed Tom Marsh from office. "
    "In 1408 the bishop preached at Heronford, where a crowd of about 4,000 people had gathered.\n"
)


@pytest.fixture(scope="module")
def land(tmp_path_factory, nlp):
    return assignment_over(tmp_path_factory.mktemp("kings"), LAND, nlp)


PAIRS = [
    # a king's number tells him from his father; "its king" is another land's
    ("At twenty-six Aldric V was already a king.", "Aldric IV was crowned in Lornby Minster on 9 April 1401.", "entity"),
    # the date of the death, not of the crowning at the same minster
    ("Aldric V fell ill in 1419 and was laid to rest in Lornby Minster, where he had been crowned.",
     "Aldric V was crowned in Lornby Minster in 1419.", "date"),
    # an end, not one battle of it; "not until" is the very time
    ("The long feud of Westmarch and Eastholm lasted until 1460.",
     "The battle of Dunmere was fought in 1460.", "date"),
    # time gone by since they left, against food for eight days
    ("By then a fortnight had passed since the army marched out of Heronford.",
     "Aldric left Heronford with food for about three weeks.", "number"),
    # whose friend: the bishop died, not the king
    ("In September 1402 fever killed the Bishop of Heronford, Aldric's close friend.",
     "In September 1405 fever killed the Bishop of Heronford, Aldric's close friend.", "date"),
    # "the very next day" is 8 June
    ("The settlers left Lornby on 7 June 1405 and a day later they met a ship from Eastholm.",
     "The settlers left Lornby on 7 June 1405 and a week later they met a ship from Eastholm.", "relative_date"),
]


@pytest.mark.parametrize(("right", "wrong_one", "kind"), PAIRS)
def test_the_true_sentence_passes_and_the_false_one_is_caught(land, right, wrong_one, kind):
    assert wrong(land, right) == []
    assert kind in wrong(land, wrong_one)


def test_it_was_not_until_a_year_is_that_very_year(land):
    assert wrong(land, "The battle of Dunmere was not fought until 25 October 1402.") == []
    assert wrong(land, "The battle of Dunmere was not fought until 25 October 1404.") == ["date"]


def test_a_day_without_its_year_takes_the_year_its_sentence_goes_on_to(land):
    # "first set for 23 October, but moved to 19 November 1403", told after May 1404: October 1403
    assert wrong(land, "The feast at Lornby was first set for 23 October 1403.") == []
    said = [f["message"] for f in findings(land, "The feast at Lornby was first set for October 1404.")]
    assert not any("1404" in m and "agree" in m for m in said)


def test_an_office_in_a_list_of_names_is_the_name_before_it(land):
    assert wrong(land, "Hugh, Earl of Fenn, was one of the plotters.") == []
    assert "entity" in wrong(land, "Tom Marsh, Earl of Fenn, told the king about the plot.")


def test_an_anchor_that_is_only_a_person_is_that_person_doing_the_claims_act(land):
    assert wrong(land, "Piers Lark was arrested a week after Frost.") == []
    assert wrong(land, "Piers Lark was arrested a month after Frost.") == ["relative_date"]


def test_not_until_a_date_is_when_it_happened(land):
    assert wrong(land, "Tom Marsh came back to Lornby about three weeks after the fire.") == []
    assert wrong(land, "Tom Marsh came back to Lornby about three months after the fire.") == ["relative_date"]


def test_a_date_is_of_the_event_the_sources_tell_in_other_words(land):
    assert wrong(land, "On 10 September 1407 Tom Marsh was ousted.") == []
    assert wrong(land, "On 10 October 1407 Tom Marsh was ousted.") == ["date"]


def test_a_number_held_by_the_same_noun_counts_the_same_thing(land):
    assert wrong(land, "The bishop spoke to a crowd of around 4,000 people.") == []
    assert wrong(land, "The bishop spoke to a crowd of around 14,000 people.") == ["number"]


def test_a_month_the_sources_give_a_persons_act_in_another_year_is_a_slip(land):
    told = "In April {} the young Aldric V was at last crowned, amid great feasting, by the bishops of three lands."
    assert wrong(land, told.format(1401)) == []
    assert wrong(land, told.format(1402)) == ["date"]
