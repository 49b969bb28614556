"""With the real pipeline: what a source told in the past says in the present is always so, not an
event of the day it was telling; notes told in the present still date each line. An invented land."""
from __future__ import annotations

import pytest

from essaycheck.timeline import narrated
from land import assignment_over

pytestmark = pytest.mark.integration

PAST = ("On 3 May 1871 the Westmarch fleet left Dunmere with 40 ships. The crews loaded tar and rope. "
        "Tar burns very easily. Ada Frost, whose first ship left the slipway at Lornby on 2 July 1860, "
        "led the fleet. In August 1875 her ship sailed on a long voyage around the coast.\n")
NOTES = ("3 May 1871: the Westmarch fleet leaves Dunmere. The crews load tar and rope.\n"
         "9 May 1871: the fleet reaches Lornby. The harbour master greets Frost.\n")


def _narrated(a, words):
    fact = next(f for f in a.factbase.facts if words in f.text)
    return [d.value.value for d in narrated(fact, a.factbase.sources)]


def test_a_present_tense_statement_in_a_story_told_in_the_past_is_not_an_event_of_that_day(tmp_path, nlp):
    a = assignment_over(tmp_path, PAST, nlp)
    assert _narrated(a, "loaded tar") == ["1871-05-03"]
    assert _narrated(a, "burns very easily") == []


def test_notes_told_in_the_present_still_date_each_line(tmp_path, nlp):
    a = assignment_over(tmp_path, NOTES, nlp)
    assert _narrated(a, "load tar") == ["1871-05-03"]

