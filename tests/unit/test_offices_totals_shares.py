"""Titles and ranks, totals and shares, and a day that names its event: each on spacy.blank("en")
with short hand-made sources about an invented land.

A careful teacher does not mark "Captain Hale" wrong because a source calls someone else a captain,
nor "17 voyages" where the sources count ten to one port and seven to another, nor "two in every
three ships" where they say 22 of 33.
"""
from __future__ import annotations

import pytest

from essaycheck.entities import Entity
from essaycheck.quantities import QuantityGrammar
from invented import checker_over, wrong

FLEETS = (
    "Vice-Admiral Lord Rob Marsh led the Westmarch fleet. "
    "The Eastholm admiral Ada Frost led the other fleet. "
    "Ivo Lark, captain of the Heron, and the commander of the Eastholm marines, Oda Fenn, sailed with her. "
    "The commander of the harbour guard, Ned Brook, advised the fleet's captain, Anna Hale, to wait. "
    "In its first year the fleet made ten voyages to Lornby and seven to Dunmere. "
    "Of the 33 ships of the Eastholm fleet, 22 were taken. "
    "Her first ship, the Swan, left the slipway at Dunmere on 2 July 1860. "
    "In August 1875 Frost sailed the Heron on a long voyage around the coast.\n"
)
PEOPLE = [("anna-hale", "Anna Hale", ["Hale"]), ("ned-brook", "Ned Brook", ["Brook"]),
          ("rob-marsh", "Rob Marsh", ["Marsh"]), ("ada-frost", "Ada Frost", ["Frost"]),
          ("ivo-lark", "Ivo Lark", ["Lark"]), ("oda-fenn", "Oda Fenn", ["Fenn"])]
PLACES = ["Westmarch", "Eastholm", "Lornby", "Dunmere"]


@pytest.fixture(scope="module")
def checker(blank_nlp):
    entities = [Entity(f"person:{i}", "PERSON", name, aliases, origin="pack") for i, name, aliases in PEOPLE]
    entities += [Entity(f"place:{p.lower()}", "PLACE", p, [], origin="pack") for p in PLACES]
    return checker_over(blank_nlp, {"000_fleets.txt": FLEETS}, entities)


@pytest.mark.parametrize(("essay", "expected"), [
    # a title is a rank many hold: the sources' other admiral does not make Marsh the wrong one
    ("Admiral Rob Marsh led the Westmarch fleet.", []),
    ("When the storm broke Captain Hale told the men to wait.", []),
    ("Commander Ned Brook advised Hale to wait.", []),
    # an office of something ("of the harbour guard") is one office, held by one person
    ("The commander of the harbour guard, Ada Frost, advised Hale to wait.", ["entity"]),
])
def test_a_rank_before_a_name_is_not_one_office(checker, essay, expected):
    assert wrong(checker, essay) == expected


@pytest.mark.parametrize(("essay", "expected"), [
    ("In its first year the fleet made 17 voyages.", []),      # ten and seven
    ("In its first year the fleet made ten voyages to Lornby.", []),
    ("In its first year the fleet made 30 voyages to Lornby.", ["number"]),
    ("Two in every three of the ships of the Eastholm fleet were taken.", []),
])
def test_totals_and_shares_are_read_as_such(checker, essay, expected):
    assert wrong(checker, essay) == expected


def test_a_whole_day_the_sources_give_a_fact_in_the_claims_words_names_that_event(checker):
    # the closest match in words is the voyage of 1875, but the day is the first ship's
    assert wrong(checker, "Her first ship made a voyage on 2 July 1860.") == []


@pytest.mark.parametrize(("text", "value", "noun"), [
    ("Three out of every four carts were lost", 75.0, "carts"),
    ("one in four people died", 25.0, "people"),
    ("nine out of ten men came home", 90.0, "men"),
])
def test_a_share_is_one_amount_not_two_counts(text, value, noun):
    found = QuantityGrammar().find(text)
    assert [(q.value, q.dimension, q.noun) for q in found] == [(value, "percent", noun)]


def test_two_counts_of_a_whole_are_still_counts():
    assert [q.value for q in QuantityGrammar().find("two of the three ships sank")] == [2, 3]


@pytest.mark.parametrize(("text", "value"), [("two dozen dogs", 24), ("a dozen men", 12), ("half a dozen ships", 6)])
def test_dozens_are_counted(text, value):
    assert [q.value for q in QuantityGrammar().find(text)] == [value]
