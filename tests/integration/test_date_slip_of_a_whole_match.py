"""With the real pipeline, on a source of an invented land: a claim that matches a fact as a whole, but
gives it a day that misses the fact's in one field and that the sources give to nothing else, gets its date
corrected rather than "this matches the sources". A day the sources give another event may be that event's:
it is left alone. A misspelt name after a title and before a possessive ("Admiral Brokhaven's ships") is
the person.
"""
from __future__ import annotations

import pytest

from land import assignment_over, findings

pytestmark = pytest.mark.integration

SOURCE = (
    "On 12 August 1853 six Westmarch galleys under Admiral Ned Brookhaven attacked the Eastholm ships moored in "
    "the bay of Lornby. Before nightfall almost the whole Eastholm fleet had been destroyed.\n\n"
    "On 28 March 1854 Eastholm declared war on Westmarch.\n"
)


@pytest.fixture(scope="module")
def land(tmp_path_factory, nlp):
    return assignment_over(tmp_path_factory.mktemp("slip"), SOURCE, nlp)


def _wrong(land, essay):
    return [(f["kind"], essay[f["start"]:f["end"]], f.get("expected")) for f in findings(land, essay)
            if f["verdict"] == "contradicted"]


@pytest.mark.parametrize("name", ["Brookhaven's", "Brokhaven's"])
def test_a_whole_match_with_a_slipped_year_is_misdated(land, name):
    essay = f"On 12 August 1854 Admiral {name} Westmarch galleys destroyed the Eastholm fleet in the bay of Lornby."
    assert _wrong(land, essay) == [("date", "12 August 1854", "12 August 1853")]


@pytest.mark.parametrize("essay", [
    "On 12 August 1853 Admiral Brookhaven's Westmarch galleys destroyed the Eastholm fleet in the bay of Lornby.",
    # the day the sources give the declaration of war: perhaps that event, told loosely
    "On 28 March 1854 Admiral Brookhaven's Westmarch galleys destroyed the Eastholm fleet in the bay of Lornby.",
])
def test_the_right_day_or_a_day_the_sources_give_is_not_marked_wrong(land, essay):
    assert _wrong(land, essay) == []
