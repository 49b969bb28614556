"""With the real pipeline, on sources of an invented land: where the story has reached, and verbs of one sense.

A claim that puts its event a gap away from its anchor ("Brook died a month after they reached
Lornby"), where the sources do not let us place that event, has not left the story at the anchor:
a "month after that" which follows is not counted from the anchor. And two verbs that share a
common sense ("quit" and "resigned") tell one happening, so the gap of the one is judged on the
date of the other. An anchor that is only a place ("reached Dunmere a week after Westmarch") is the
claim's own act at that place.
"""
from __future__ import annotations

import pytest

from land import assignment_over, wrong

pytestmark = pytest.mark.integration

SOURCE = (
    "On 17 January 1872 the party reached Lornby. The Westmarch party had reached Lornby on 14 December "
    "1871. On the way back Ned Brook grew weak, and some weeks later he died in the snow. On 17 March 1872 "
    "Rob Marsh walked out of the tent into a storm.\n\n"
    "Anna Hale led the rebels of Tarnby. On 3 May 1871 she was elected mayor of Lornby. On 9 June 1872 Anna "
    "Hale resigned her post as mayor of Lornby. Ada Frost quit the council in 1874.\n"
)


@pytest.fixture(scope="module")
def land(tmp_path_factory, nlp):
    return assignment_over(tmp_path_factory.mktemp("land"), SOURCE, nlp)


def test_after_an_event_the_sources_cannot_place_the_story_is_not_back_at_its_anchor(land):
    essay = "Brook died a month to the day after they reached Lornby. Marsh walked out of the tent exactly a month after that."
    assert wrong(land, essay) == []


@pytest.mark.parametrize(("essay", "expected"), [
    ("Anna Hale quit her post as mayor of Lornby about five months after the party reached Lornby.", []),
    ("Anna Hale quit her post as mayor of Lornby three years after the party reached Lornby.", ["relative_date"]),
])
def test_a_verb_sharing_a_sense_with_the_sources_tells_the_same_happening(land, essay, expected):
    assert wrong(land, essay) == expected


MARCH = (
    "The marchers left Tarnby on 1 May 1871. On 3 May 1871 the marchers reached the city of Westmarch, where "
    "the mayor gave them bread. On 20 May 1871 the marchers reached the port of Dunmere.\n"
)


@pytest.mark.parametrize(("essay", "expected"), [
    ("The marchers reached Dunmere seventeen days after Westmarch.", []),
    ("The marchers reached Dunmere five weeks after Westmarch.", ["relative_date"]),
])
def test_an_anchor_that_is_only_a_place_is_the_same_act_there(tmp_path, nlp, essay, expected):
    assert wrong(assignment_over(tmp_path, MARCH, nlp), essay) == expected


SAVED = (
    "On 14 May 1871 the marchers reached the mill at Lornby. Early on 15 May 1871, the morning after the mill "
    "was saved, Anna Hale left Lornby for Dunmere. The chapel was not saved until 16 May 1871, two days after "
    "the mill.\n"
)


@pytest.mark.parametrize(("essay", "expected"), [
    # the sources' own sentences: the mill's saving is placed by the gaps they count from it
    ("Early on 15 May 1871, the morning after the mill was saved, Anna Hale left Lornby for Dunmere. The chapel "
     "was not saved until 16 May 1871, two days after the mill.", []),
    ("Anna Hale left Lornby for Dunmere a week after the mill was saved.", ["relative_date"]),
    ("The chapel was saved two days after the mill.", []),
    ("The chapel was saved a week after the mill.", ["relative_date"]),
])
def test_an_event_told_only_as_what_a_date_counts_from_is_placed_by_that_gap(tmp_path, nlp, essay, expected):
    assert wrong(assignment_over(tmp_path, SAVED, nlp), essay) == expected
