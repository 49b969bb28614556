"""With the real pipeline, on a source of an invented land: where a source gives several counts of one
thing in a sentence ("of the 600 men who rode, 120 were killed"), a claim's count is the one told with its
own verb. A bound ("over 400 were killed") is compared with the count of the killed, not borne out by the
600 who rode or by a larger count of a wider event.
"""
from __future__ import annotations

import pytest

from land import assignment_over, findings

pytestmark = pytest.mark.integration

SOURCE = (
    "On 3 May 1871 the Lornby Horse, roughly 600 men from four regiments, rode down the valley of the Kell.\n\n"
    "Of the roughly 600 men who rode, about 120 were killed and around 150 wounded, and some 300 horses were "
    "lost.\n\n"
    "In the whole campaign Westmarch lost about 2,000 men killed and wounded.\n"
)


@pytest.fixture(scope="module")
def land(tmp_path_factory, nlp):
    return assignment_over(tmp_path_factory.mktemp("counts"), SOURCE, nlp)


def _numbers(land, essay, verdict):
    return [essay[f["start"]:f["end"]] for f in findings(land, essay) if f["verdict"] == verdict and f["kind"] == "number"]


@pytest.mark.parametrize("essay,wrong", [
    ("The Lornby Horse charged down the valley. Over 400 of the men were killed.", "Over 400"),
    ("The Lornby Horse charged down the valley. More than 500 of the men were killed.", "More than 500"),
])
def test_a_bound_is_compared_with_the_count_told_with_its_verb(land, essay, wrong):
    assert _numbers(land, essay, "contradicted") == [wrong]


@pytest.mark.parametrize("essay", [
    "The Lornby Horse charged down the valley. About 120 of the men were killed.",
    "The Lornby Horse charged down the valley. Over 100 of the men were killed.",
    "More than 500 men rode down the valley of the Kell.",
    "In the whole campaign Westmarch lost over 1,500 men killed and wounded.",
])
def test_counts_the_sources_bear_out_are_right(land, essay):
    assert _numbers(land, essay, "contradicted") == []
