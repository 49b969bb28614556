"""With the real pipeline, on sources of an invented land: who did it, told in the passive.

"Raised by Captain X" names X as the one who raised it, the title aside; in "Hale's clerk, Ned Brook,
raised the flag" Hale only says whose clerk; "Rob Marsh Jr." is a person whatever the tagger says.
"""
from __future__ import annotations

import pytest

from land import assignment_over, findings, wrong

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
    return assignment_over(tmp_path_factory.mktemp("land"), SOURCE, nlp)



@pytest.mark.parametrize(("essay", "expected"), [
    ("The flag over Lornby Hall was raised by Lieutenant Ned Brook at noon.", []),
    ("The flag over Lornby Hall was raised by Captain Ada Frost at noon.", ["entity"]),
    ("The inquiry into the fire was led by Rob Marsh.", []),
    ("The inquiry into the fire was led by Ada Frost.", ["entity"]),
])
def test_the_one_who_did_it_in_the_passive(land, essay, expected):
    assert wrong(land, essay) == expected


def test_the_same_person_doing_a_thing_near_in_meaning_that_month_bears_the_date_out(tmp_path, nlp):
    a = assignment_over(tmp_path, "The town grew quickly after 1860, and in 1869 the Lornby Assembly of Burghers "
                        "first met. On 29 October 1871 Mayor Ada Frost dissolved the Lornby Assembly of Burghers.\n", nlp)
    found = findings(a, "Frost closed the assembly in October 1871.")
    assert [(f["kind"], f["verdict"]) for f in found if f["claim"] == "October 1871"] == [("date", "supported")]
    # another month is not borne out by it
    found = findings(a, "Frost closed the assembly in March 1875.")
    assert not [f for f in found if f["verdict"] == "supported" and f["kind"] == "date"]
