"""With the real pipeline, on sources of an invented land: beginnings, and gaps counted from the story.

"Started an inquiry" and "opened an inquiry", "a fire started" and "fire appeared": a verb that only
says something began is the same happening as a verb of beginning or onset; the noun names it. A
name the tagger missed in the source ("an inquiry at Lornby") still ties the fact to the claim that
names it (that rule is measured on the labelled sets: the tagger decides which invented names it
misses). And "A week later ..." after a paragraph about an event the timeline cannot date is
counted from that story: where a source says how long after that event it came ("four days after
the fire"), the two amounts are compared.
"""
from __future__ import annotations

import pytest

from land import assignment_over, findings, wrong

pytestmark = pytest.mark.integration

SOURCE = (
    "The Lornby Mills\n\n"
    "On the evening of Monday 3 May 1871 the night shift was at work in the great mill at Lornby.\n\n"
    "Soon after the bell for supper, fire appeared in the carding room. The roof fell within an hour, "
    "and eleven workers died.\n\n"
    "Four days after the fire, on 7 May 1871, the Westmarch council opened an inquiry at Lornby. "
    "It was led by Ned Brook, a judge from Dunmere. It found that a lamp had been left burning.\n\n"
    "Work on new iron stairs started in March 1872, and in June 1872 the mill reopened.\n"
)


@pytest.fixture(scope="module")
def land(tmp_path_factory, nlp):
    return assignment_over(tmp_path_factory.mktemp("land"), SOURCE, nlp)


STORY = "The mill at Lornby burned down. A fire started in the carding room and eleven workers died.\n\n"


@pytest.mark.parametrize(("essay", "expected"), [
    (STORY + "Four days later the council started an inquiry at Lornby.", []),
    (STORY + "A few days later the council started an inquiry at Lornby.", []),
    (STORY + "A week later the council started an inquiry at Lornby.", ["relative_date"]),
    (STORY + "Three weeks later the council started an inquiry at Lornby.", ["relative_date"]),
])
def test_a_gap_after_a_story_the_timeline_cannot_date_is_compared_with_the_gap_a_source_states(land, essay, expected):
    assert wrong(land, essay) == expected


def test_a_gap_after_a_story_too_far_back_is_not_counted_from_it(land):
    essay = (STORY + "The workers' families asked for help.\n\nThe town collected money for them.\n\n"
             "A week later the council started an inquiry at Lornby.")
    assert wrong(land, essay) == []


BEGINNINGS = (
    "On 2 March 1871 the Westmarch council opened a new school for the children of Lornby. Work on the "
    "harbour wall started in May 1871, and on 9 July 1871 fire appeared in the Lornby granary. The fire "
    "burned for two days.\n"
)


@pytest.mark.parametrize(("essay", "expected"), [
    ("The Westmarch council started a new school for the children of Lornby in 1871.", []),
    ("The Westmarch council started a new school for the children of Lornby in 1875.", ["date"]),
    ("A fire started in the Lornby granary in July 1871.", []),
    ("A fire started in the Lornby granary in August 1871.", ["date"]),
])
def test_a_beginning_told_with_started_is_the_sources_opening_or_onset(tmp_path, nlp, essay, expected):
    # "started" is a verb the sources use (of the harbour wall), so it is compared only as the same happening
    assert wrong(assignment_over(tmp_path, BEGINNINGS, nlp), essay) == expected
