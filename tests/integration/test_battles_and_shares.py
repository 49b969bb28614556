"""With the real pipeline: more readings that marked true sentences wrong at first contact (batch O),
each a true sentence that must pass beside a false one it must catch. One invented land.

- "by the end of May 1871" is a deadline, not the day the order was given;
- "the Battle of Lornby, which the Eastholmers call the Battle of the Marsh": one battle, so "the
  battle" is it;
- a share is compared only with a share of the same thing ("40 per cent of the hull");
- a gap counts from the clause just before it in the sentence, even where the sources do not let the
  checker place that clause (then it is not judged).
"""
from __future__ import annotations

import pytest

from land import assignment_over, wrong

pytestmark = pytest.mark.integration

LAND = (
    "In December 1870 the council of Westmarch ordered every farmer to pay the new tax at once. "
    "The Battle of Lornby, which the Eastholmers call the Battle of the Marsh, was fought on 25 June 1871. "
    "On 17 June 1871 Ned Brook's riders fought Anna Hale's men at Heron Creek. "
    "On 27 June 1871 the soldiers of Rob Marsh reached the valley. "
    "On 8 January 1872 Rob Marsh fought Ned Brook's riders at Wolf Hill. "
    "The galley Swan sank in the harbour of Dunmere in 1873 with about 400 men aboard, and fewer than 35 survived. "
    "In 1875 divers raised the wreck, but in the end only about 40 per cent of the hull survived. "
    "On 2 May 1880 Jack Lowry sailed from Lornby. He was captured at sea on 4 May 1880, "
    "and his ship was sunk the next day.\n"
)


@pytest.fixture(scope="module")
def land(tmp_path_factory, nlp):
    return assignment_over(tmp_path_factory.mktemp("battles"), LAND, nlp)


PAIRS = [
    # a deadline: the order was given in December
    ("The council ordered the farmers to pay the tax by the end of May 1871.",
     "In December 1872 the council ordered every farmer to pay the new tax.", "date"),
    # the battle the sources name twice over
    ("Two days after the battle, Marsh's soldiers reached the valley.",
     "A fortnight after the battle, Marsh's soldiers reached the valley.", "relative_date"),
    # a share of the hull is not a share of the crew
    ("Of the 400 men aboard the Swan, fewer than one in ten survived.",
     "Only about 60 per cent of the hull survived.", "number"),
    # "within a day" counts from the singing, told just before it, which the sources do not date
    ("Lowry sailed from Lornby on 2 May 1880. His crew sang all the way to the cape, and within a day "
     "his ship was sunk.",
     "Lowry sailed from Lornby on 2 May 1880, and within a day his ship was sunk.", "relative_date"),
]


@pytest.mark.parametrize(("right", "wrong_one", "kind"), PAIRS)
def test_the_true_sentence_passes_and_the_false_one_is_caught(land, right, wrong_one, kind):
    assert wrong(land, right) == []
    assert kind in wrong(land, wrong_one)
