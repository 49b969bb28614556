"""With the real pipeline, on sources of an invented land: who did it, told in the passive.

"Raised by Captain X" names X as the one who raised it, the title aside; in "Hale's clerk, Ned Brook,
raised the flag" Hale only says whose clerk; "Rob Marsh Jr." is a person whatever the tagger says.
"""
from __future__ import annotations

import pytest

from essaycheck.assignment import Assignment

pytestmark = pytest.mark.integration

SOURCE = (
    "Anna Hale became governor of Westmarch in 1870. "
    "Ada Frost, the mayor of Dunmere, opened the new bridge on 3 June 1871. "
    "At noon on 9 June 1871 Hale's clerk, Lieutenant Ned Brook, raised the flag over Lornby Hall. "
    "A fire destroyed the hall in 1874. "
    "The inquiry into the fire was led by Rob Marsh Jr., a lawyer from Westmarch.\n"
)


@pytest.fixture(scope="module")
def land(tmp_path_factory, nlp):
    d = tmp_path_factory.mktemp("land")
    (d / "000_hall.txt").write_text(SOURCE, "utf-8")
    return Assignment.from_sources([d / "000_hall.txt"], nlp=nlp)


def wrong(a: Assignment, essay: str) -> list[str]:
    return sorted(f["kind"] for f in a.check(essay, "e", mode="reveal")["findings"] if f["verdict"] == "contradicted")


@pytest.mark.parametrize(("essay", "expected"), [
    ("The flag over Lornby Hall was raised by Lieutenant Ned Brook at noon.", []),
    ("The flag over Lornby Hall was raised by Captain Ada Frost at noon.", ["entity"]),
    ("The inquiry into the fire was led by Rob Marsh.", []),
    ("The inquiry into the fire was led by Ada Frost.", ["entity"]),
])
def test_the_one_who_did_it_in_the_passive(land, essay, expected):
    assert wrong(land, essay) == expected
