"""With the real pipeline: words and spellings a pupil uses that the sources do not, each a true
sentence that must pass beside a false one it must catch. One invented land.

- a verb the sources never use ("unleashed" for "proclaimed"): the rest of the sentence says which
  event it is, so its date is checked;
- a time inside a stretch the sources date only by its first day ("From 3 May ..."): no error,
  though a time before that day is one;
- a name typed without its accents is the same person (and another person is not);
- a stranger's name a letter or two from a name the sources give is that name misspelt, not a rival;
- a stranger who did the sources' act somewhere else did another act, not the sources' one;
- a stranger named without a title ("Peter Hansen") is known for a person by the recogniser, asked of
  that sentence alone, and caught in the sources' person's place;
- "no fewer than 200" is an amount with a floor, not a negation;
- a floor ("more than 900") in a lesser match does not bear out a count the best match contradicts.
"""
from __future__ import annotations

import pytest

from land import assignment_over, findings, wrong

pytestmark = pytest.mark.integration

LAND = (
    "On 13 March 1871 the great northern towns, meeting at Lornby, proclaimed a general strike. "
    "From 3 May 1872 the Westmarch fleet blockaded the harbour of Dunmere. "
    "On 3 June 1873 Prince Ödric Aldric led the attack on the fort of Eastholm. "
    "On 2 June 1874 the mayor, Jack Lowry, closed the port of Heronford. "
    "In all, 121 clerks gave evidence to the inquiry. "
    "On 5 May 1875 the miners' leader, A. J. Fenn, called the great strike. "
    "The murrain of 1876 carried off about 3,200 cattle in the valley. "
    "In 1880 the fever carried off more than 900 cattle around Lornby.\n"
)


@pytest.fixture(scope="module")
def land(tmp_path_factory, nlp):
    return assignment_over(tmp_path_factory.mktemp("land"), LAND, nlp)


PAIRS = [
    # a verb of the pupil's own: the date is still the towns' proclaiming of the strike
    ("The great northern towns unleashed a general strike on 13 March 1871.",
     "The great northern towns unleashed a general strike on 13 May 1871.", "date"),
    # inside the stretch that began on 3 May, not before it
    ("In early June 1872 the Westmarch fleet blockaded the harbour of Dunmere.",
     "In early April 1872 the Westmarch fleet blockaded the harbour of Dunmere.", "date"),
    # "no fewer than" is a floor, not a negation
    ("No fewer than 100 clerks gave evidence to the inquiry.",
     "No fewer than 212 clerks gave evidence to the inquiry.", "number"),
    # a floor given in a lesser match ("more than 900") does not bear out the count of the event told
    ("The murrain of 1876 carried off about 3,000 cattle in the valley.",
     "The murrain of 1876 carried off about 9,000 cattle in the valley.", "number"),
    # but a start told against the sources' start is compared as one
    ("From May 1872 the Westmarch fleet blockaded the harbour of Dunmere.",
     "From June 1872 the Westmarch fleet blockaded the harbour of Dunmere.", "date"),
    # the name without its accents is the sources' prince, and another person is not
    ("On 3 June 1873 Prince Odric Aldric led the attack on the fort of Eastholm.",
     "On 3 June 1873 Jack Lowry led the attack on the fort of Eastholm.", "entity"),
]


@pytest.mark.parametrize(("true", "false", "kind"), PAIRS)
def test_the_true_sentence_passes_and_the_false_one_is_caught(land, true, false, kind):
    assert wrong(land, true) == []
    assert wrong(land, false) == [kind]


def test_a_stranger_a_letter_or_two_from_a_known_name_is_that_name_misspelt(land):
    assert wrong(land, "On 2 June 1874 Mayor Lowrie closed the port of Heronford.") == []
    assert wrong(land, "On 2 June 1874 Mayor Quillon closed the port of Heronford.") == ["entity"]


def test_a_stranger_who_did_the_act_somewhere_else_did_another_act(land):
    assert wrong(land, "On 2 June 1874 Mayor Ivo Quill closed the port of Dunmere.") == []
    assert wrong(land, "On 2 June 1874 Mayor Ivo Quill closed the port of Heronford.") == ["entity"]


def test_a_stranger_without_a_title_is_read_as_a_person_where_a_verdict_turns_on_it(land):
    assert wrong(land, "The mayor, Jack Lowry, closed the port of Heronford.") == []
    assert wrong(land, "The mayor, Peter Hansen, closed the port of Heronford.") == ["entity"]
    assert wrong(land, "In 1874 the port of Heronford was closed by Peter Hansen.") == ["entity"]
    assert wrong(land, "The port of Heronford was closed by order of the Heron Fleet.") == []


def test_a_short_surname_a_letter_out_is_the_sources_person_misspelt(land):
    assert wrong(land, "On 5 May 1875 the miners' leader, J. Fenne, called the great strike.") == []
    assert wrong(land, "On 5 May 1875 the miners' leader, General Quillon, called the great strike.") == ["entity"]
