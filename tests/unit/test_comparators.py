"""Each comparator, table by table, on spacy.blank("en") with a few hand-made facts about an invented land.

Every row is a claim and what a careful teacher would mark wrong in it (nothing, or one kind of
detail). The sources are short and invented, so nothing here can lean on a real topic.
"""
from __future__ import annotations

import pytest

from essaycheck.comparators import DEFAULT, REGISTRY
from essaycheck.entities import Entity
from invented import checker_over, wrong

NARRATIVE = (
    "On 14 March 1871 President Anna Hale signed the Treaty of Lornby. "
    "Six days later, on 20 March 1871, the army of Westmarch entered Dunmere. "
    "The plant director, Ned Brook, opened the new mill in Lornby on 2 June 1872. "
    "About 300 strikers marched to Dunmere on 9 June 1872. "
    "Hale was elected again in May 1874.\n"
)
NOTES = (
    "- 1 April 1871: General Rob Marsh arrested the rebels in Eastholm.\n"
    "- 12 August 1873: a flood destroyed 40 houses in Dunmere.\n"
)
PEOPLE = [("anna-hale", "Anna Hale", ["Hale", "President Hale"]), ("ned-brook", "Ned Brook", ["Brook"]),
          ("rob-marsh", "Rob Marsh", ["Marsh", "General Marsh"])]
PLACES = ["Westmarch", "Eastholm", "Lornby", "Dunmere"]


@pytest.fixture(scope="module")
def checker(blank_nlp):
    entities = [Entity(f"person:{i}", "PERSON", name, aliases, origin="pack") for i, name, aliases in PEOPLE]
    entities += [Entity(f"place:{p.lower()}", "PLACE", p, [], origin="pack") for p in PLACES]
    entities.append(Entity("event:treaty-of-lornby", "EVENT", "Treaty of Lornby", [], origin="pack"))
    return checker_over(blank_nlp, {"000_narrative.txt": NARRATIVE, "001_notes.txt": NOTES}, entities)


CASES = {
    "date": [
        ("On 14 March 1871 President Hale signed the Treaty of Lornby.", []),
        ("In March 1871 Hale signed the Treaty of Lornby.", []),                # coarser agrees
        ("On 16 March 1871 Hale signed the Treaty of Lornby.", ["date"]),
        ("In 1875 Hale signed the Treaty of Lornby.", ["date"]),
        ("The army of Westmarch entered Dunmere on 20 March 1871.", []),
        ("The army of Westmarch entered Dunmere on 20 May 1871.", ["date"]),
        ("Hale visited Eastholm in 1890.", []),                                  # the sources never say: not wrong
    ],
    "number": [
        ("About 300 strikers marched to Dunmere.", []),
        ("Around 310 strikers marched to Dunmere.", []),                        # hedged: close enough
        ("About 900 strikers marched to Dunmere.", ["number"]),
        ("A flood destroyed 40 houses in Dunmere.", []),
        ("A flood destroyed 400 houses in Dunmere.", ["number"]),
    ],
    "person": [
        ("General Marsh arrested the rebels in Eastholm on 1 April 1871.", []),
        ("Ned Brook arrested the rebels in Eastholm on 1 April 1871.", ["entity"]),
        ("General Peter Marsh arrested the rebels in Eastholm.", ["entity"]),   # the wrong first name
    ],
    "place": [
        ("The army of Westmarch entered Dunmere.", []),
        ("The army of Westmarch entered Eastholm on 20 March 1871.", ["entity"]),
    ],
    "role": [
        ("The plant director, Ned Brook, opened the new mill.", []),
        ("The plant director, Rob Marsh, opened the new mill.", ["entity"]),
        ("The director of Lornby met Rob Marsh.", []),                       # an act, not an office beside him
        ("Rob Marsh was hurt after the plant director, Ned Brook, arrived.", []),
    ],
    "gap": [
        ("Hale signed the Treaty of Lornby on 14 March 1871. Six days later the army of Westmarch entered Dunmere.",
         []),
        ("Hale signed the Treaty of Lornby on 14 March 1871. Less than a week later the army of Westmarch entered "
         "Dunmere.", []),
        ("Hale signed the Treaty of Lornby on 14 March 1871. Two months later the army of Westmarch entered "
         "Dunmere.", ["relative_date"]),
        ("The army of Westmarch entered Dunmere two days after the Treaty of Lornby.", ["relative_date"]),
        # the gap is the aside's; the date after it is another statement's
        ("Brook, who reached Dunmere two days after the Treaty of Lornby, was made director on 2 June 1872.", []),
        # "it" leans on something named before: not placed
        ("Two days before it ended, the army of Westmarch entered Dunmere.", []),
    ],
    "order": [
        ("After Hale signed the Treaty of Lornby, the army of Westmarch entered Dunmere.", []),
        ("The army of Westmarch entered Dunmere before Hale signed the Treaty of Lornby.", ["order"]),
        ("General Marsh arrested the rebels in Eastholm only after the army of Westmarch entered Dunmere.", []),
        ("Before the army of Westmarch entered Dunmere, General Marsh arrested the rebels in Eastholm.", ["order"]),
        ("Hale signed the Treaty of Lornby only after Brook and the army of Westmarch entered Dunmere.", ["order"]),
    ],
}


@pytest.mark.parametrize(("comparator", "essay", "expected"),
                         [(c, e, x) for c, rows in CASES.items() for e, x in rows])
def test_comparator(checker, comparator, essay, expected):
    assert wrong(checker, essay) == expected


def test_every_default_comparator_is_registered_and_tested():
    assert set(DEFAULT) <= set(REGISTRY)
    assert set(DEFAULT) == set(CASES)


@pytest.mark.parametrize(("text", "name", "offices"), [
    ("Marsh, the French military governor in Eastholm, believed", "Marsh", ["French military governor of Eastholm"]),
    ("In 1872 an Italian pilot, Lieutenant Ned Brook, began", "Ned Brook", ["lieutenant", "Italian pilot"]),
    ("The French pilot Ned Brook flew", "Ned Brook", ["French pilot"]),
    ("The Mayor of Lornby stabbed Ned Brook", "Ned Brook", []),
    ("Ned Brook was killed after the plant director arrived", "Ned Brook", []),
    # the office is the words after the last link word: not "weavers rose with commander"
    ("The weavers rose with their commander, Ned Brook, that day", "Ned Brook", ["commander"]),
    # a comma after an office inside a sentence, the name going straight on to its verb, ends a phrase
    ("Soon after, in a note to the Minister of Trade, Captain-General Ned Brook rode north",
     "Captain-General Ned Brook", []),
    ("Soon after he wrote to the Minister of Trade, Ned Brook, about it", "Ned Brook", ["minister of Trade"]),
    ("The Minister of Trade, Ned Brook rode north", "Ned Brook", ["minister of Trade"]),
])
def test_offices_are_read_beside_a_name_only(text, name, offices):
    from essaycheck.comparators.role import roles_near
    from essaycheck.entities import EntityMention

    i = text.index(name)
    assert [r.text() for r in roles_near(text, EntityMention(name, i, i + len(name), "p", "PERSON"))] == offices


def test_an_office_told_before_its_holder_is_read_in_the_sources_only():
    from essaycheck.comparators.role import roles_near
    from essaycheck.entities import EntityMention

    text = "The army marched north. Its commander was General Rob Marsh."
    i = text.index("Rob Marsh")
    m = EntityMention("Rob Marsh", i, i + 9, "p", "PERSON")
    assert "commander" in [r.text() for r in roles_near(text, m, told_first=True)]
    # in an essay "its commander" may be that of something else, "the main leader" the leader of the whole
    assert "commander" not in [r.text() for r in roles_near(text, m)]
    text = "The army marched north. The main leader was Rob Marsh."
    m = EntityMention("Rob Marsh", text.index("Rob"), len(text) - 1, "p", "PERSON")
    assert "leader" not in " ".join(r.text() for r in roles_near(text, m))
    # but "The judge was Marsh", opening its sentence, gives him the bare office
    text = "The men were tried in March. The judge was Rob Marsh."
    m = EntityMention("Rob Marsh", text.index("Rob"), len(text) - 1, "p", "PERSON")
    assert [r.text() for r in roles_near(text, m)] == ["judge"]


def test_two_nationalities_on_one_office_are_two_offices():
    from essaycheck.comparators.role import _other_nation, read_role

    assert _other_nation(read_role("an American pilot"), read_role("the British pilot"))
    assert not _other_nation(read_role("an American pilot"), read_role("the pilot"))
    assert not read_role("an American pilot").same_office(read_role("the British pilot"))


def test_a_misspelt_place_in_an_office_is_the_same_office():
    from essaycheck.comparators.role import read_role

    assert read_role("Earl of Westmrach").same_office(read_role("the Earl of Westmarch"))
    assert not read_role("Earl of Eastholm").same_office(read_role("the Earl of Westmarch"))


@pytest.mark.parametrize("said, told, same", [
    ("its road surveyor", "the Chief Surveyor of Roads", True),
    ("the harbour governor", "the Governor of the Harbour", True),
    ("the mill director", "the director of the mill", True),
    ("its road surveyor", "the Surveyor of Mines", False),
    ("the harbour governor", "the Governor of the Mint", False),
])
def test_an_office_told_with_of_is_the_office_with_that_word_before_it(said, told, same):
    from essaycheck.comparators.role import read_role

    assert read_role(said).same_office(read_role(told)) is same
    assert read_role(told).same_office(read_role(said)) is same


def test_a_span_of_years_does_not_bear_out_a_day():
    from essaycheck.comparators.date import _wide_for
    from essaycheck.dates import TimeValue

    span = TimeValue.between(TimeValue("year", 1861), TimeValue("year", 1889))
    assert _wide_for(span, TimeValue("day", 1871, 3, 14))
    assert not _wide_for(TimeValue("year", 1871), TimeValue("day", 1871, 3, 14))
    assert not _wide_for(span, TimeValue("year", 1871))
