"""With the real pipeline, on sources of an invented land: a claim about another thing than the
fact it resembles is not corrected by that fact.

- a subject the sources never name ("Lord Fenn"), unlike a misspelt one ("Lord Brooke");
- "its replacement, which opened in 1887": the thing a relative clause is told of;
- a march north is not the march south;
- "X in 1870, and a day after the fair, Y": the gap dates Y;
- whom a source's "him" stands for is a guess, not a rival name.
"""
from __future__ import annotations

import pytest

from land import assignment_over, wrong

pytestmark = pytest.mark.integration

SOURCE = (
    "Lord Hale and Lord Ned Brook were beheaded in London in August 1746. "
    "The first Lornby Bridge took about six years to build and was opened on 31 May 1871. "
    "Regular trains began to use it the next day, 1 June 1871. "
    "In early November 1745 the army marched south from Dunmere and reached Westmarch at the end of November. "
    "On 6 December 1745 the army turned back. "
    "General Rob Marsh was beaten at Eastholm in January 1746. "
    "In June 1746 Ada Frost helped him to cross from Lornby to Dunmere.\n"
)


@pytest.fixture(scope="module")
def land(tmp_path_factory, nlp):
    return assignment_over(tmp_path_factory.mktemp("land"), SOURCE, nlp)



@pytest.mark.parametrize(("essay", "expected"), [
    ("Lady Oda Fenn lost her head on the block in 1747.", []),
    ("Lord Brook was beheaded in 1747.", ["date"]),
    ("Lord Brooke was beheaded in 1747.", ["date"]),
    ("Ivo Lark drew up plans for its successor, which needed three years of work and was finished in "
     "1890.", []),
    ("The army came to Westmarch, and two days after getting there the men set off north again.", []),
    ("Engineers had tried the bridge out in 1870, and the day after it was opened in May 1871, the first "
     "travellers went over it.", []),
    ("In June 1746 Ada Frost helped Ned Brook to cross from Lornby to Dunmere.", []),
])
def test_a_claim_about_another_thing_is_not_corrected(land, essay, expected):
    assert wrong(land, essay) == expected
