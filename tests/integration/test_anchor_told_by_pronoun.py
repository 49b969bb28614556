"""With the real pipeline, on a source of an invented land: a gap counted from an act told by a pronoun
("about a month after she reached it", "a week after his arrest") counts from the essay's own telling of that
act just before, where the essay placed it; with no such telling, "she" may be anyone and nothing is judged.
So does an anchor that names an act the sources tell in other words ("a week after the meeting").
"""
from __future__ import annotations

import pytest

from land import assignment_over, gap_verdicts

pytestmark = pytest.mark.integration

SOURCE = (
    "Ada Frost set out from Westmarch on 2 February 1871 with twelve surveyors and reached the fort at Lornby "
    "on 16 February 1871.\n\n"
    "On 26 February 1871 a flood swept away the bridge at Dunmere.\n\n"
    "Ned Brook was arrested at Tarnby on 2 March 1872. He died in prison on 9 March 1872.\n"
)


@pytest.fixture(scope="module")
def land(tmp_path_factory, nlp):
    return assignment_over(tmp_path_factory.mktemp("leans-back"), SOURCE, nlp)


ARRIVAL = "On 16 February 1871 Frost reached the fort at Lornby. "
ARREST = "Brook was arrested at Tarnby in March 1872. "


@pytest.mark.parametrize("essay,phrase", [
    (ARRIVAL + "About a month after she reached it, a flood swept away the bridge at Dunmere.",
     "About a month after she reached"),
    (ARREST + "He died in prison a whole month after his arrest.", "a whole month after his arrest"),
])
def test_a_wrong_gap_from_an_act_told_just_before_is_wrong(land, essay, phrase):
    assert gap_verdicts(land, essay) == [("contradicted", phrase)]


@pytest.mark.parametrize("essay", [
    ARRIVAL + "About ten days after she reached it, a flood swept away the bridge at Dunmere.",
    ARREST + "He died in prison a week after his arrest.",
])
def test_a_right_gap_from_it_is_right(land, essay):
    assert [v for v, _ in gap_verdicts(land, essay)] == ["supported"]


def test_with_no_telling_of_the_act_before_nothing_is_judged(land):
    essay = "The war went badly. About a month after she reached it, a flood swept away the bridge at Dunmere."
    assert gap_verdicts(land, essay) == []


COUNCIL = (
    "On 9 May 1871 the elders gathered at Lornby and agreed on war with Eastholm.\n\n"
    "On 30 May 1871 Rob Marsh marched on Dunmere with 4,000 men.\n"
)


@pytest.mark.parametrize("essay,expected", [
    ("On 9 May 1871 the elders met at Lornby. Four days after the meeting, Marsh marched on Dunmere.",
     [("contradicted", "Four days after the meeting")]),
    ("On 9 May 1871 the elders met at Lornby. Three weeks after the meeting, Marsh marched on Dunmere.",
     [("supported", "Three weeks after the meeting")]),
    # no telling of a meeting just before: nothing to count from
    ("The war began. Four days after the meeting, Marsh marched on Dunmere.", []),
])
def test_an_anchor_the_sources_never_name_counts_from_the_essays_own_telling(tmp_path, nlp, essay, expected):
    """"A week after the meeting", where the sources tell the gathering in other words: the essay's own
    telling of the meeting just before places it."""
    assert gap_verdicts(assignment_over(tmp_path, COUNCIL, nlp), essay) == expected
