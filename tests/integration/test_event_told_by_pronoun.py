"""With the real pipeline, on a source of an invented land: an event a source tells of "he" ("Hale hid for
weeks, but he was seized by a patrol on 28 August 1871") is placed on the timeline for an essay that
names the person, so a gap counted to it is checked, both ways.
"""
from __future__ import annotations

import pytest

from land import assignment_over, gap_verdicts

pytestmark = pytest.mark.integration

SOURCE = (
    "On 4 July 1871 the Westmarch army won the Battle of Dunmere. Ned Hale, the rebel leader, escaped from the "
    "field with a few riders.\n\n"
    "Hale hid in the marshes for weeks, but he was seized by a patrol on 28 August 1871.\n"
)


@pytest.fixture(scope="module")
def land(tmp_path_factory, nlp):
    return assignment_over(tmp_path_factory.mktemp("pronoun"), SOURCE, nlp)


@pytest.mark.parametrize("essay,phrase", [
    ("Hale was seized only two weeks after the Battle of Dunmere.", "only two weeks after the Battle of Dunmere"),
    ("Hale was seized more than three months after the Battle of Dunmere.",
     "more than three months after the Battle of Dunmere"),
])
def test_a_wrong_gap_to_an_act_told_of_he_is_wrong(land, essay, phrase):
    assert gap_verdicts(land, essay) == [("contradicted", phrase)]


@pytest.mark.parametrize("essay", [
    "Hale was seized about eight weeks after the Battle of Dunmere.",
    "Less than two months after the Battle of Dunmere, Hale was seized.",
])
def test_a_right_gap_to_it_is_right(land, essay):
    assert [v for v, _ in gap_verdicts(land, essay)] == ["supported"]
