"""Coverage cues, on spacy.blank("en"): what an essay sentence must share with a fact to tell it.

A number is a cue whatever it counts: "some 1,000 men" tells the fact of "about 1,000 soldiers",
told in other words, in the same month.
"""
from __future__ import annotations

from essaycheck.analysis import analyse
from essaycheck.entities import Entity
from invented import checker_over

SOURCE = (
    "Anna Hale left Lornby with about 1,000 soldiers in May 1871. "
    "In May 1871 the council of Dunmere met to choose a mayor. "
    "The Heron Museum opened on 3 June 1874.\n"
)


def covered(essay: str, nlp) -> list[str]:
    nlp, fb, ch = checker_over(nlp, {"000_hale.txt": SOURCE},
                               [Entity("person:anna-hale", "PERSON", "Anna Hale", ["Hale"], origin="pack"),
                                Entity("place:lornby", "PLACE", "Lornby", [], origin="pack"),
                                Entity("place:dunmere", "PLACE", "Dunmere", [], origin="pack"),
                                Entity("place:heron-museum", "PLACE", "Heron Museum", [], origin="pack")])
    doc = nlp(essay, component_cfg={"essaycheck_entities": {"registry": fb.registry}})
    _, cover = ch.check(analyse(doc))
    return sorted(fb.get(i).readings[0].clause.text.split()[0] for i in cover)


def test_a_number_tells_its_fact_whatever_noun_counts_it(blank_nlp):
    assert covered("In May 1871 some 1,000 men marched away under her.", blank_nlp) == ["Anna"]


def test_a_month_alone_does_not_tell_which_fact(blank_nlp):
    assert covered("In May 1871 the weather was fine.", blank_nlp) == []


def test_the_noun_heading_a_name_tells_its_fact(blank_nlp):
    assert covered("A few years later the new museum opened.", blank_nlp) == ["The"]
