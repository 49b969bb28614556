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
    "In the spring of 1871 Ned Brook became the first consul of Eastholm.\n\n"
    "On 1 November 1871 Brook told the assembly that Eastholm would quit the Northern League for good.\n\n"
    "On 3 November 1871 envoys of the Northern League under Osric Fenn rode to Tarnby to ask for the "
    "return of their hostages.\n"
)


@pytest.fixture(scope="module")
def land(tmp_path_factory, nlp):
    return assignment_over(tmp_path_factory.mktemp("someone-else"), SOURCE, nlp)


def _wrong(land, essay):
    return [(f["kind"], essay[f["start"]:f["end"]]) for f in findings(land, essay) if f["verdict"] == "contradicted"]


def test_a_persons_act_on_a_day_the_sources_give_to_another_is_misdated(land):
    essay = "Brook said on 3 November 1871 that Eastholm would quit the Northern League."
    assert _wrong(land, essay) == [("date", "3 November 1871")]


@pytest.mark.parametrize("essay", [
    "Brook said on 1 November 1871 that Eastholm would quit the Northern League.",
    "On 3 November 1871 Fenn led envoys of the Northern League to Tarnby.",
    "On 3 November 1871 the Northern League sent envoys to Tarnby.",
])
def test_the_days_the_sources_give_are_right(land, essay):
    assert _wrong(land, essay) == []
