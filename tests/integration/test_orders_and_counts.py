"""With the real pipeline, on sources of an invented land: how an order is read, and what a count is of.

An anchor one fact tells whole is that fact, not also a fact about its people told in other
words; "X, and only after it, Y" orders Y after X whatever Y's verb; "This happened before Y"
orders the event told before; a list's dash does not hide a fronted "By the time"; "X and then
Y" inside one clause orders two acts; an event a source tells in the claim's words alone is that
event; a participle after "and" and an act caused ("had the dam opened") are events. An act
"without" which something happened is not a word of the event. "Hale and two other riders" may
be the sources' three; two ships named and burnt are not the squadron's count; nautical and land
miles are lengths, and a distance from a place is compared with the sources' distance from it.
An order belongs to the last of two acts when the first has a date of its own; a person a thing
praises does not stand where its owner stands; "after this outrage" counts from the event just told;
a clause after a colon may open with its order ("...: even before X, Y").
"""
from __future__ import annotations

import pytest

from land import assignment_over, findings, wrong

pytestmark = pytest.mark.integration

SOURCE = (
    "On 4 February 1871 Westmarch proclaimed a blockade of Lornby. On 28 May 1871 Westmarch replied to the "
    "protests, claiming that the barque had smuggled rifles. On 31 January 1873 Westmarch announced that its "
    "raiders would seize any ship near Lornby.\n\n"
    "Osric became King of Dunmere in April 1869. Work on the great ship began at Tarnby in January 1870.\n\n"
    "The shelling started on 9 June 1874. On 2 July 1874 the Dunmere army stormed the mill at Kell Ford.\n\n"
    "On 12 March 1875 Rob Marsh rode to Lornby. On 20 March 1875 he sent Ned Fenn to Brook Hall.\n\n"
    "On 1 May 1876 the Tarnby militia was amazed and routed at Kell Ford. On 9 May 1876 Ada Hale had the "
    "dam at Kell Ford opened.\n\n"
    "The cutter sailed from Tarnby on 2 April 1877 and patrolled the bays all summer without sighting the "
    "raiders.\n\n"
    "In 1878 a fever killed three of the settlers at Kell Ford, Tom Frost among them.\n\n"
    "Twelve Dunmere frigates entered the harbour of Lornby in June 1879. Two weeks later the frigates "
    "Valiant and Harrier caught fire and burned.\n\n"
    "Fenn's log gave the voyage as 2,430 nautical miles, about 4,500 kilometres.\n\n"
    "Ada Frost joined the Tarnby Academy in 1871 and became a surveyor in 1874.\n\n"
    "On 2 October 1883 Hugh Brook heard that Fenn's ballad had been sung at the fair.\n\n"
    "In 1884 Hale's brigade lost more than 2,000 men in the hills.\n\n"
    "The walls of Tarnby were 250 metres long. In March 1886 the Dunmere squadron lay some 410 nautical "
    "miles south-east of Lornby.\n\n"
    "On 3 March 1887 Westmarch horsemen raided Lornby. On 11 March 1887 the council of Lornby sent envoys "
    "to Westmarch.\n"
)


@pytest.fixture(scope="module")
def land(tmp_path_factory, nlp):
    return assignment_over(tmp_path_factory.mktemp("orders"), SOURCE, nlp)


def _wrong_at(land, essay: str) -> list[str]:
    return [essay[f["start"]:f["end"]] for f in findings(land, essay) if f["verdict"] == "contradicted"]


@pytest.mark.parametrize(("essay", "kinds"), [
    ("Westmarch replied to the protests, claiming that the barque had smuggled rifles, before Westmarch "
     "proclaimed a blockade of Lornby.", ["order"]),
    ("Westmarch replied to the protests, claiming that the barque had smuggled rifles, after Westmarch "
     "proclaimed a blockade of Lornby.", []),
])
def test_an_anchor_told_whole_is_not_also_a_kindred_fact(land, essay, kinds):
    assert wrong(land, essay) == kinds


@pytest.mark.parametrize(("essay", "kinds"), [
    ("Work on the great ship began at Tarnby, and only after it, Osric became King of Dunmere.", ["order"]),
    ("Osric became King of Dunmere, and only after it, work on the great ship began at Tarnby.", []),
    ("Work on the great ship began at Tarnby in 1870. This happened before Osric became King of Dunmere.",
     ["order"]),
    ("Osric became King of Dunmere in 1869. This happened before work on the great ship began at Tarnby.", []),
])
def test_an_order_with_a_light_verb_or_a_bare_this(land, essay, kinds):
    assert wrong(land, essay) == kinds


@pytest.mark.parametrize(("essay", "kinds"), [
    ("- By the time the Dunmere army stormed the mill at Kell Ford, the shelling had not started.", []),
    ("- By the time the shelling started, the Dunmere army had already stormed the mill at Kell Ford.",
     ["order"]),
    ("The Dunmere army stormed the mill at Kell Ford on 2 July 1874. Then the shelling started.", ["order"]),
    ("The shelling started on 9 June 1874. Then the Dunmere army stormed the mill at Kell Ford.", []),
])
def test_a_listed_by_the_time_and_an_event_told_in_the_sources_own_words(land, essay, kinds):
    assert wrong(land, essay) == kinds


@pytest.mark.parametrize(("essay", "kinds"), [
    ("Rob Marsh sent Ned Fenn to Brook Hall first and then rode to Lornby.", ["order"]),
    ("Rob Marsh rode to Lornby first and then sent Ned Fenn to Brook Hall.", []),
])
def test_and_then_inside_one_clause_orders_two_acts(land, essay, kinds):
    assert wrong(land, essay) == kinds


@pytest.mark.parametrize(("essay", "kinds"), [
    ("Ada Hale had the dam at Kell Ford opened before the Tarnby militia was amazed and routed there.",
     ["order"]),
    ("The Tarnby militia was amazed and routed at Kell Ford after Ada Hale had the dam opened.", ["order"]),
    ("Ada Hale had the dam at Kell Ford opened after the Tarnby militia was amazed and routed there.", []),
])
def test_a_participle_after_and_and_an_act_caused_are_events(land, essay, kinds):
    assert wrong(land, essay) == kinds


def test_an_act_that_did_not_happen_does_not_date_the_claim(land):
    assert wrong(land, "Divers sighted the sunken cutter in the bays in 1977.") == []


def test_the_sailing_it_does_tell_is_still_dated(land):
    assert wrong(land, "The cutter sailed from Tarnby on 2 June 1877.") == ["date"]


@pytest.mark.parametrize(("essay", "marked"), [
    ("In 1878 a fever killed Tom Frost and two other settlers.", []),
    ("In 1878 a fever killed nine settlers at Kell Ford.", ["nine"]),
])
def test_n_others_beside_a_name(land, essay, marked):
    assert _wrong_at(land, essay) == marked


@pytest.mark.parametrize(("essay", "marked"), [
    ("Two Dunmere frigates, Valiant and Harrier, burned.", []),
    ("Twenty Dunmere frigates entered the harbour of Lornby in June 1879.", ["Twenty"]),
])
def test_ships_named_and_burnt_are_not_the_squadrons_count(land, essay, marked):
    assert _wrong_at(land, essay) == marked


@pytest.mark.parametrize(("essay", "marked"), [
    ("The voyage in Fenn's log was about 2,800 land miles.", []),
    ("The voyage in Fenn's log was about 4,000 land miles.", ["about 4,000 land miles"]),
])
def test_nautical_and_land_miles_are_lengths(land, essay, marked):
    assert _wrong_at(land, essay) == marked


@pytest.mark.parametrize(("essay", "marked"), [
    ("In March 1886 the Dunmere squadron was about 150 nautical miles from Lornby.", ["about 150 nautical miles"]),
    ("In March 1886 the Dunmere squadron was about 400 nautical miles from Lornby.", []),
])
def test_a_distance_from_a_place_is_measured_against_the_distance_from_it(land, essay, marked):
    assert _wrong_at(land, essay) == marked


def test_an_order_belongs_to_the_last_of_two_acts_when_the_first_has_its_date(land):
    assert wrong(land, "Ada Frost was born in Lornby in 1852 and became a surveyor after she joined the "
                       "Tarnby Academy.") == []


def test_a_person_a_thing_praises_does_not_stand_where_its_owner_stands(land):
    assert "entity" not in wrong(land, "On 2 October 1883 Hugh Brook heard that the ballad praising Rob Marsh "
                                       "had been sung at the fair.")


@pytest.mark.parametrize(("essay", "marked"), [
    ("Hale's brigade lost about 900 men in the hills.", ["about 900"]),
    ("Hale's brigade lost more than 2,000 men in the hills.", []),
])
def test_a_count_the_sources_bound(land, essay, marked):
    assert _wrong_at(land, essay) == marked


@pytest.mark.parametrize(("essay", "kinds"), [
    ("Westmarch horsemen raided Lornby on 3 March 1887. Two months after this outrage, the council of Lornby sent "
     "envoys to Westmarch.", ["relative_date"]),
    ("Westmarch horsemen raided Lornby on 3 March 1887. Eight days after this outrage, the council of Lornby sent "
     "envoys to Westmarch.", []),
])
def test_this_and_a_noun_points_back_at_the_event_just_told(land, essay, kinds):
    assert wrong(land, essay) == kinds


@pytest.mark.parametrize(("essay", "kinds"), [
    ("The news spread fast: even before Osric became King of Dunmere, work on the great ship had begun at "
     "Tarnby.", ["order"]),
    ("The news spread fast: even before work on the great ship began at Tarnby, Osric had become King of "
     "Dunmere.", []),
])
def test_a_clause_after_a_colon_can_open_with_its_order(land, essay, kinds):
    assert wrong(land, essay) == kinds
