"""With the real pipeline, on sources of an invented land: whose act a fact tells, and what a name is.

A fact told of a "she" the sources never name is not the act of a person the essay names, nor is
the one an act was done "with" its doer; a date a
source gives for its main verb does not date the "who ..." clause after it; a place that something
befell ("the battle at Kell Ford", "Lornby fell") is what the sources tell there; a count of the
same noun said in the same state ("taken prisoner", "prisoners") is the count it gets wrong. A name ends at a
small word no name holds; a word the tagger calls a person less often than a people or a body is
not a person; a name ending in "Expedition" is an undertaking; "Ada Hale, Countess of Tarnby" is one
person by two names. A first name is not a capitalised adverb, nor a pet name of the known one; a
stranger spelt by ear in the sentence is the known person there.
"""
from __future__ import annotations

import pytest

from essaycheck.entities import learn_registry, may_be_heard_as, may_be_misspelt, title_pairs
from land import assignment_over, findings, wrong

pytestmark = pytest.mark.integration

SOURCE = (
    "On 12 January 1871 soldiers burst into the house of Tom Frost and shot him. His widow was "
    "thrown out into the snow; she died the following day.\n\n"
    "On 3 March 1872 Duke Aldric issued a decree offering land to every farmer who swore an oath of loyalty "
    "before a judge by 1 June 1872.\n\n"
    "Ada Hale, Countess of Tarnby, led the council of Dunmere from 1873. William Brook wrote the council's "
    "first charter in May 1874.\n\n"
    "In June 1876 Captain Rob Marsh built a new fort at Tarnby. Ned Fenn took command of the Tarnby garrison "
    "in 1877, and Ned Fenn held it for ten years.\n\n"
    "On 4 November 1875 a fur trader named Pierre Vasselonneau was hired as a guide. The party reached the "
    "mouth of the Lorn River on 12 December 1875 and camped beside the Tarn.\n\n"
    "On 7 January 1877 Westmarch tanks broke through at Kell Ford and scattered two brigades. Four days "
    "later, on 11 January 1877, the Westmarch army marched into Lornby, and by nightfall every street in Lornby was held.\n\n"
    "On 7 October 1878 the scouts set off down the Snake and Otter rivers, reaching the Brae on 16 October.\n\n"
    "In 1880 about 900 Westmarch, Eastholm and Dunmere miners became prisoners of war, and some 120 "
    "Westmarch miners fled to the hills.\n"
)


@pytest.fixture(scope="module")
def land(tmp_path_factory, nlp):
    return assignment_over(tmp_path_factory.mktemp("others"), SOURCE, nlp)


def _wrong_at(land, essay: str) -> list[str]:
    """The words of the essay marked wrong."""
    return [essay[f["start"]:f["end"]] for f in findings(land, essay) if f["verdict"] == "contradicted"]


# -- whose act, and which verb's date -----------------------------------------------------------------

@pytest.mark.parametrize("essay", [
    "Rob Marsh died in 1890.",
    "Duke Aldric himself died in 1880.",
])
def test_a_named_persons_death_is_not_dated_by_an_unnamed_she(land, essay):
    assert wrong(land, essay) == []


def test_the_unnamed_persons_own_act_is_still_dated(land):
    assert wrong(land, "Tom Frost's widow died in 1890.") == ["date"]


def test_the_who_clause_after_a_dated_verb_is_not_dated_by_it(land):
    assert wrong(land, "Ned Brook swore an oath of loyalty before a judge on 9 May 1872.") == []


def test_the_dated_verb_itself_is_still_judged(land):
    assert wrong(land, "Duke Aldric issued the decree on 3 May 1872.") == ["date"]


@pytest.mark.parametrize(("essay", "marked"), [
    ("The council raised a new fort at Tarnby in June 1876, with Ned Fenn as its keeper.", []),
    ("In June 1876 Ned Fenn built a new fort at Tarnby.", ["Ned Fenn"]),
])
def test_a_person_the_act_was_done_with_is_not_its_doer(land, essay, marked):
    assert [w for w in _wrong_at(land, essay) if "Fenn" in w] == marked


# -- what befell a place ------------------------------------------------------------------------------

@pytest.mark.parametrize(("essay", "kinds"), [
    ("Lornby fell before the battle at Kell Ford.", ["order"]),
    ("Lornby fell only after the battle at Kell Ford.", []),
    ("The clash at Kell Ford came after Lornby fell.", ["order"]),
])
def test_what_befell_a_place_is_what_the_sources_tell_there(land, essay, kinds):
    assert wrong(land, essay) == kinds


@pytest.mark.parametrize(("essay", "expected"), [
    ("In 1880 about 600 miners were taken prisoner.", ["about 900"]),
    ("In 1880 about 900 miners were taken prisoner.", []),
    ("In 1880 about 600 Westmarch miners fled to the hills.", ["some 120"]),
])
def test_a_count_of_the_same_noun_in_the_same_state_is_compared(land, essay, expected):
    # each against the count said of the same state, not the other
    assert [f["expected"] for f in findings(land, essay) if f["verdict"] == "contradicted"] == expected


# -- names ----------------------------------------------------------------------------------------------

def test_a_countess_is_the_person_named_beside_the_title(land):
    reg = land.factbase.registry
    assert reg.lookup("Countess of Tarnby") and set(reg.lookup("Countess of Tarnby")) & set(reg.lookup("Ada Hale"))
    assert title_pairs("Ned Hale, Earl of Lornby, and Ann Brook, the Duchess of Dunmere, met the Archbishop "
                       "of Tarnby.") == [("Ned Hale", "Earl of Lornby"), ("Ann Brook", "Duchess of Dunmere")]


@pytest.mark.parametrize(("essay", "marked"), [
    ("Reportedly Brook wrote the first charter in May 1874.", []),
    ("Bill Brook wrote the first charter in May 1874.", []),
    ("Tom Brook wrote the first charter in May 1874.", ["Tom Brook"]),
])
def test_first_names_are_proper_nouns_and_pet_names_count(land, essay, marked):
    assert [w for w in _wrong_at(land, essay) if "Brook" in w] == marked


def test_a_stranger_may_be_a_known_name_spelt_by_ear():
    # looser than a misspelling: it only keeps the known person from being taken for a rival
    assert may_be_heard_as("Vasselo", "Vasselonneau") and not may_be_misspelt("Vasselo", "Vasselonneau")
    assert not may_be_heard_as("Vassar", "Vasselonneau") and not may_be_heard_as("Hale", "Halesworth")


def test_a_name_ends_at_a_small_word_no_name_holds():
    reg = learn_registry([("Osric at Lornby", "PERSON", "for", "", ""), ("Joan of Tarnby", "PERSON", "", "", "")])
    assert [reg.entities[i].name for i in reg.lookup("Osric")] == ["Osric"]
    assert not any(reg.label(i) == "PERSON" for i in reg.lookup("Lornby"))
    assert [reg.entities[i].name for i in reg.lookup("Joan of Tarnby")] == ["Joan of Tarnby"]


def test_a_word_called_a_people_more_often_than_a_person_is_not_a_person():
    mentions = [("Moorlanders", "PERSON", "", "", ""), ("Moorlander", "NORP", "the", "", ""),
                ("Moorlander", "NORP", "a", "", ""), ("Moorlander", "ORG", "the", "", "")]
    reg = learn_registry(mentions)
    assert reg.lookup("Moorlanders") and all(reg.label(i) != "PERSON" for i in reg.lookup("Moorlanders"))
    people = learn_registry([("Marsh", "PERSON", "", "", ""), ("Marsh", "PERSON", "", "", ""),
                             ("Marshes", "ORG", "the", "", "")])
    assert any(reg_label == "PERSON" for reg_label in (people.label(i) for i in people.lookup("Marsh")))


def test_a_name_ending_in_an_undertaking_is_an_event():
    reg = learn_registry([("Hale Expedition", "PERSON", "the", "", "")])
    assert [reg.label(i) for i in reg.lookup("Hale Expedition")] == ["EVENT"]


def test_a_name_made_of_the_sources_own_words_names_nothing_new(land):
    """Only a name with a word the sources never use makes a claim "not in the sources" for its name."""
    from essaycheck.comparators.context import Context
    ch = land.checker
    ctx = Context(land.factbase, ch.aligner, land.analyse_essays(["A note."])[0], [], ch.policy, {})
    assert not ctx.names_something_new("the Lorn Ford")
    assert not ctx.names_something_new("the Secretary of Tarnby")  # a title and a known place
    assert ctx.names_something_new("the Lornby Lighthouse")
