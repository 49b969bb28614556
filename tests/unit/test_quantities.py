"""Numbers with units and hedges, compared the way a careful teacher would."""
from __future__ import annotations

import pytest

from essaycheck.quantities import QuantityGrammar, agree

G = QuantityGrammar()


def q(text):
    found = G.find(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(("text", "value", "hedge", "unit", "noun"), [
    ("The CIA trained up around 1,400 Cuban exiles", 1400, "approx", None, "exiles"),
    ("Cuba was only 145 kilometers from the USA", 145, None, "kilometers", None),
    ("they hid 36 barrels of gunpowder", 36, None, None, "barrels"),
    ("over 300 men died", 300, "min", None, "men"),
    ("no fewer than 212 clerks came", 212, "min", None, "clerks"),    # a floor, not "fewer than"
    ("not more than 40 barges sailed", 40, "max", None, "barges"),
    ("the crisis lasted 13 days", 13, None, "days", None),
    ("it cost $5 million", 5_000_000, None, "dollar", None),
    ("London, which is about fifty five miles away", 55, "approx", "miles", None),
    ("Ninety-eight attackers paid with their lives", 98, None, None, "attackers"),
    ("two hundred and forty ships sailed", 240, None, None, "ships"),
    ("one hundred and twenty-five men", 125, None, None, "men"),
    ("three quarters of a million people", 750_000, None, None, "people"),
    ("he was given two and a half years in prison", 2.5, None, "years", None),
    ("one and a half million people", 1_500_000, None, None, "people"),
    ("the guns fired a million and a half shells", 1_500_000, None, None, "shells"),
    ("a thousand and a half sheep", 1_500, None, None, "sheep"),
    ("a guard of three dozen plus two archers", 38, None, None, "archers"),
    ("a hundred and sixty riders", 160, None, None, "riders"),
    # an amount in two units is one amount, in the larger unit
    ("they stayed outside for about 2 hours 30 minutes", 2.5, "approx", "hours", None),
    ("a march of 3 days and 12 hours", 3.5, None, "days", None),
    # a number in words before a hyphened unit
    ("the ninety-year-old grandmother", 90, None, "year-old", "grandmother"),
    # peoples listed before the counted noun
    ("about 9,000 Westmarch, Eastholm and Lornby soldiers surrendered", 9_000, "approx", None, "soldiers"),
    ("some 300 Hale, Marsh or Brook farmers", 300, "approx", None, "farmers"),
    # a distance told with where it lies, and in the sea's or the land's miles
    ("the squadron lay some 75 nautical miles east of Lornby", 75, "approx", "nautical miles", None),
    ("they rode about 2,800 land miles", 2_800, "approx", "land miles", None),
])
def test_numbers_are_read_with_hedge_unit_and_noun(text, value, hedge, unit, noun):
    found = q(text)
    assert (found.value, found.hedge, found.unit, found.noun) == (value, hedge, unit, noun)


@pytest.mark.parametrize("text", ["World War 2 ended", "a U-2 spy plane", "one of the ships",
                                  "at 11.40 pm the lookout", "on the 16th of April",
                                  "several thousand people packed the church"])
def test_names_times_and_ordinals_are_not_counts(text):
    assert G.find(text) == []


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("about 300 men", "around 300 men", True),
    ("5 miles", "8 kilometres", True),
    ("90 miles", "145 kilometres", True),
    ("about 4,000 exiles", "around 1,400 exiles", False),
    ("1,400 exiles", "1,378 exiles", True),      # a rounded number covers its rounding
    ("712 survivors", "705 survivors", False),
    ("over 1,000 men", "1,400 men", True),
    ("under 1,000 men", "1,400 men", False),
    ("12 lifeboats", "20 lifeboats", False),
    # a time in months or years is told to half its unit; days and weeks are counted
    ("141 days", "four and a half months", True),
    ("just over 20 weeks", "four and a half months", True),
    ("about 100 days", "four and a half months", False),
    ("six weeks", "four months", False),
    ("300 days", "two years", False),
    ("141 days", "131 days", False),
])
def test_quantities_agree_within_hedges_units_and_rounding(a, b, expected):
    assert agree(q(a), q(b)) is expected


def test_different_things_are_not_compared():
    assert agree(q("20 lifeboats"), q("20 soldiers")) is None
    assert agree(q("5 miles"), q("5 kilograms")) is None


def test_a_count_of_a_list_after_a_whole_counts_the_whole_s_noun():
    """"Of the nearly 90 people aboard, about 20 drowned and around 30 were rescued": each bare count of the
    list counts people; a count that names its own noun keeps it."""
    found = {x.text: x.noun for x in G.find("Of the nearly 90 people aboard, about 20 drowned and around 30 were "
                                            "rescued, and some 40 sheep were lost.")}
    assert found == {"nearly 90": "people", "about 20": "people", "around 30": "people", "some 40": "sheep"}
