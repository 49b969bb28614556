"""With the real pipeline: laws and battles the tagger may take for places, each named in a claim
beside a true and a false date. One invented land (batch Q and its predecessors showed a misdated
law or battle passing because its name was read as a place).

- a name ending in a word for a law or a treaty ("the Lornby Laws", data: law_heads) is a law;
- "Battle of <place>" is an event, whatever the tagger said;
- a source's "He left Frost in charge" is still about the man named before, whoever else it names, and
  an essay's "Then, early that day, he marched ..." has "he" for its subject: neither is a swap;
- a name ending in a word for a body of soldiers ("the Grey Engineers") is a group, no rival of a place.
"""
from __future__ import annotations

import pytest

from land import assignment_over, wrong

pytestmark = pytest.mark.integration

LAND = (
    "The guilds of Westmarch grew rich in the years after the war. "
    "On 15 September 1431 the Lornby Laws took the vote away from the weavers of Eastholm. "
    "The weavers protested for many months. "
    "On 3 June 1433, at the Battle of Dunmere Ridge, the guild army used cannon for the first time. "
    "Piers Lark led the guild army. "
    "Tom Marsh commanded the guild's second column. "
    "He left Ivo Frost in charge of the camp at Heronford. "
    "Early on 2 June 1433 Tom Marsh marched out with half of the column to help Piers Lark. "
    "Captain Ned Osric of the Grey Engineers built a wall of carts at the ford.\n"
)


@pytest.fixture(scope="module")
def land(tmp_path_factory, nlp):
    return assignment_over(tmp_path_factory.mktemp("laws"), LAND, nlp)


@pytest.mark.parametrize(("right", "wrong_one"), [
    ("After the Lornby Laws of 15 September 1431 the weavers could no longer vote.",
     "After the Lornby Laws of 15 September 1430 the weavers could no longer vote."),
    ("Cannon were first used on 3 June 1433 at Dunmere Ridge.",
     "Cannon were first used on 3 July 1433 at Dunmere Ridge."),
])
def test_a_named_law_or_battle_keeps_its_date(land, right, wrong_one):
    assert wrong(land, right) == []
    assert wrong(land, wrong_one) == ["date"]


def test_a_battle_named_in_other_words_covers_its_event(land):
    told = "In the summer of 1433 the weavers' hopes were crushed on the field of the Battle of Dunmere Ridge."
    facts = land.check(told)["coverage"]["facts"]
    covered = [f["summary"] for f in facts if f["covered"]]
    assert any("Dunmere Ridge" in s for s in covered)
    assert not any("Lornby Laws" in s for s in covered)


def test_he_is_the_subject_in_source_and_essay_whoever_else_is_named(land):
    assert wrong(land, "First, Marsh left the camp at Heronford too weak.") == []
    told = "Early in the morning, as it turned out, he marched away with half of the column to help Lark, leaving Frost behind."
    assert wrong(land, "Tom Marsh commanded the second column. " + told) == []


def test_a_body_of_soldiers_is_no_rival_of_a_place(land):
    assert wrong(land, "At the ford of Heronford, Captain Osric built a wall of carts.") == []
