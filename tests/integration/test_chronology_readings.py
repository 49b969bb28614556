"""With the real pipeline, on sources of an invented land: how order and gap claims find the events
they speak of when the words differ from the sources'.

- "the battle", where the sources name one battle ("the Battle of Lornby on 2 May 1871") and never
  date a bare "the battle" themselves, is that battle;
- a side that holds all of a fact's names and nearly all of it tells that fact's event in another verb;
- an anchor whose subject is a list of names ("after Brook, Marsh and Hale had signed") runs past the commas;
- "X thirty years after the fire, and three years after that Y": the first gap dates X, not Y.
"""
from __future__ import annotations

import pytest

from land import assignment_over, wrong

pytestmark = pytest.mark.integration

SOURCE = (
    "The Westmarch fleet left Dunmere on 30 April 1871. "
    "At the Battle of Lornby on 2 May 1871, the Westmarch fleet met the Eastholm fleet off Lornby Head. "
    "On 10 June 1871 Ada Frost intercepted Ned Brook off Cape Hallow. "
    "Ned Brook, Rob Marsh and Anna Hale signed the Treaty of Dunmere on 3 March 1872. "
    "On 14 August 1872 the Dunmere mill burned down. "
    "A new mill was opened on 20 September 1902, thirty years after the fire. "
    "On 1 October 1905 the new mill was sold to the town.\n"
)


@pytest.fixture(scope="module")
def land(tmp_path_factory, nlp):
    return assignment_over(tmp_path_factory.mktemp("land"), SOURCE, nlp)



@pytest.mark.parametrize(("essay", "expected"), [
    ("The Westmarch fleet left Dunmere two days before the battle.", []),
    ("The Westmarch fleet left Dunmere three weeks before the battle.", ["relative_date"]),
    ("Ada Frost fought Ned Brook off Cape Hallow after the Treaty of Dunmere was signed.", ["order"]),
    ("Ada Frost fought Ned Brook off Cape Hallow before the Treaty of Dunmere was signed.", []),
    ("Frost intercepted Brook off Cape Hallow after Brook, Marsh and Hale had signed the treaty.", ["order"]),
    ("A new mill was opened thirty years after the fire, and three years after that it was sold to the town.",
     []),
    ("A new mill was opened ten years after the fire, and three years after that it was sold to the town.",
     ["relative_date"]),
])
def test_order_and_gap_claims_find_their_events(land, essay, expected):
    assert wrong(land, essay) == expected
