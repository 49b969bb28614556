"""With the real pipeline, on a source of an invented land: a day the sources give to another person's act
does not excuse a wrong day for a person's own act. A claim that names a person is told "on that day" only
by a fact of that day naming that person; a fact about the same alliance alone does not say which event
the claim tells.
"""
from __future__ import annotations

import pytest

from land import assignment_over, findings

pytestmark = pytest.mark.integration

SOURCE = (
    "In 1850 Eastholm joined the Northern League, an alliance led by Westmarch.\n\n"
    "On 28 October 1871 Ned Brook proclaimed a truce in Eastholm.\n\n"
    "On the evening of 1 November 1871 Brook announced that Eastholm was leaving the Northern League and would "
    "become a neutral country.\n\n"
    "On 3 November 1871 a delegation of the Northern League led by Osric Fenn went to the camp at Tarnby to talk "
    "about the withdrawal of its troops.\n"
)


@pytest.fixture(scope="module")
def land(tmp_path_factory, nlp):
    return assignment_over(tmp_path_factory.mktemp("someone-else"), SOURCE, nlp)


def _wrong(land, essay):
    return [(f["kind"], essay[f["start"]:f["end"]]) for f in findings(land, essay) if f["verdict"] == "contradicted"]


def test_a_persons_act_on_a_day_the_sources_give_to_another_is_misdated(land):
    essay = "Brook declared on 3 November 1871 that Eastholm was leaving the Northern League and would be neutral."
    assert _wrong(land, essay) == [("date", "3 November 1871")]


@pytest.mark.parametrize("essay", [
    "Brook declared on 1 November 1871 that Eastholm was leaving the Northern League and would be neutral.",
    "On 3 November 1871 Fenn led a delegation of the Northern League to Tarnby.",
    "On 3 November 1871 the Northern League sent a delegation to Tarnby.",
])
def test_the_days_the_sources_give_are_right(land, essay):
    assert _wrong(land, essay) == []
