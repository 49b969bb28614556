"""With the real pipeline, on a source of an invented land: where a source gives several counts of one
thing in a sentence ("of the 600 who tried the ford, 120 drowned"), a claim's count is the one told with its
own verb. A bound ("over 400 drowned") is compared with the count of the drowned, not borne out by the
600 who tried or by a larger count of a wider event.
"""
from __future__ import annotations

import pytest

from land import assignment_over, findings

pytestmark = pytest.mark.integration

SOURCE = (
    "On 3 May 1871 the Lornby Horse tried to swim the flooded ford at Kell, a column of some 600 men.\n\n"
    "Of the 600 men who tried the ford, about 120 drowned and nearly 150 reached the far bank, and some 300 "
    "mounts were lost.\n\n"
    "In the whole war Westmarch lost about 2,000 men drowned or missing.\n"
)


@pytest.fixture(scope="module")
def land(tmp_path_factory, nlp):
    return assignment_over(tmp_path_factory.mktemp("counts"), SOURCE, nlp)


def _numbers(land, essay, verdict):
    return [essay[f["start"]:f["end"]] for f in findings(land, essay) if f["verdict"] == verdict and f["kind"] == "number"]


@pytest.mark.parametrize("essay,wrong", [
    ("The Lornby Horse tried the ford at Kell. Over 400 of the men drowned.", "Over 400"),
    ("The Lornby Horse tried the ford at Kell. More than 500 of the men drowned.", "More than 500"),
])
def test_a_bound_is_compared_with_the_count_told_with_its_verb(land, essay, wrong):
    assert _numbers(land, essay, "contradicted") == [wrong]


@pytest.mark.parametrize("essay", [
    "The Lornby Horse tried the ford at Kell. About 120 of the men drowned.",
    "The Lornby Horse tried the ford at Kell. Over 100 of the men drowned.",
    "More than 500 men tried to swim the ford at Kell.",
    "In the whole war Westmarch lost over 1,500 men drowned or missing.",
])
def test_counts_the_sources_bear_out_are_right(land, essay):
    assert _numbers(land, essay, "contradicted") == []
