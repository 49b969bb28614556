"""The aligner's floors: an answer with a floor is the whole answer with only what no caller reads left out.

On spacy.blank("en") with invented sources in which many facts share a common word ("the mill"), as
the facts of a textbook-sized source set do.
"""
from __future__ import annotations

import itertools

import pytest

from essaycheck.alignment import BEST, POLICY, STRONG_LEAST_DICE, Alignment, Features, Floor
from essaycheck.analysis import analyse
from essaycheck.entities import Entity
from invented import checker_over

SOURCE = (
    "On 2 June 1872 Ned Brook opened the new mill in Lornby. "
    "The mill burned down in the winter of 1873. "
    "Anna Hale bought the mill at Dunmere in 1874. "
    "Workers at the mill struck for higher pay in May 1875. "
    "The mill in Eastholm made cloth for the army. "
    "In 1876 the Treaty of Lornby closed every mill on the river. "
    "Brook rebuilt the mill in Lornby with stone in 1877. "
    "A flood reached the mill and 40 houses in Dunmere in August 1878.\n"
)
ESSAY = ("Ned Brook opened a mill in Lornby in June 1872. The mill burned down. The workers at the mill struck "
         "for more pay. After the Treaty of Lornby the mills closed, and Brook rebuilt his mill in stone.")
ENTITIES = [Entity("person:ned-brook", "PERSON", "Ned Brook", ["Brook"], origin="pack"),
            Entity("person:anna-hale", "PERSON", "Anna Hale", ["Hale"], origin="pack"),
            Entity("event:treaty-of-lornby", "EVENT", "Treaty of Lornby", [], origin="pack")]
ENTITIES += [Entity(f"place:{p.lower()}", "PLACE", p, [], origin="pack") for p in ("Lornby", "Dunmere", "Eastholm")]


@pytest.fixture(scope="module")
def checker(blank_nlp):
    return checker_over(blank_nlp, {"000_mills.txt": SOURCE}, ENTITIES)


def essay_features(checker):
    nlp, fb, ch = checker
    essay = analyse(nlp(ESSAY, component_cfg={"essaycheck_entities": {"registry": fb.registry}}))
    for c in essay.clauses:
        yield Features.of(c), 0, False
        yield Features.of(c, details=True, heads=True), 2, "cover"
    yield Features({"mill"}, set()), 0, False  # one common word: every fact is a candidate


def test_the_whole_answer_is_as_before_and_a_floor_keeps_its_promise(checker):
    _, _, ch = checker
    al = ch.aligner
    floors = [BEST, Floor(top=3), Floor(score=0.3), Floor(fact_cov=0.6), Floor(dice=0.2),
              Floor(top=1, score=0.3, dice=0.2, fact_cov=0.5, named=True)]
    many = 0
    for feats, m, d in essay_features(checker):
        whole = al.align(feats, min_entities=m, details=d)
        many = max(many, len(whole))
        for fl in floors:
            kept = al.align(feats, min_entities=m, details=d, floor=fl)
            promised = [a for n, a in enumerate(whole) if n < fl.top or a.score >= fl.score or a.dice >= fl.dice
                        or a.fact_cov >= fl.fact_cov]
            rest = iter(whole)
            assert all(any(a == b for b in rest) for a in kept), "kept in the whole answer's order"
            assert all(a in kept for a in promised)
            if not fl.named:  # a floor of numbers alone keeps exactly what it promises
                assert kept == promised
    assert many >= 6  # the common word did reach most facts


def test_a_fact_naming_what_the_claim_names_is_kept_by_a_named_floor(checker):
    _, fb, ch = checker
    feats = Features({"mill"}, {"event:treaty-of-lornby"})  # "mill" reaches every fact
    whole = ch.aligner.align(feats, min_entities=1)
    kept = ch.aligner.align(feats, min_entities=1, floor=Floor(named=True))
    assert [a.fact.id for a in kept] == [a.fact.id for a in whole if "event:treaty-of-lornby" in a.fact.entity_ids
                                         and a.shared_words + a.shared_entities >= 2]
    assert len(kept) == 1 and len(whole) >= 6


def test_every_strong_alignment_passes_the_coverage_floor():
    """Coverage keeps strong matches by dice (or by holding the whole fact): a looser ``strong`` must move the floor."""
    grid = [0.0, 0.15, 0.19, 0.2, 0.25, 0.3, 0.34, 0.5, 0.75, 0.8, 0.85, 1.0]
    for dice, claim_cov, fact_cov, sw, se in itertools.product(grid, grid, grid, (0, 1, 2, 3), (0, 1, 2)):
        a = Alignment(None, dice, claim_cov, fact_cov, 0.0, sw, se)
        if a.strong:
            assert a.dice >= min(POLICY.strong_dice, STRONG_LEAST_DICE) or a.fact_cov >= POLICY.whole_fact


def test_coverage_and_findings_are_those_of_whole_answers(checker, monkeypatch):
    nlp, fb, ch = checker
    essay = analyse(nlp(ESSAY, component_cfg={"essaycheck_entities": {"registry": fb.registry}}))
    floored = ch.check(essay)
    whole_align = type(ch.aligner).align
    monkeypatch.setattr(type(ch.aligner), "align",
                        lambda self, feats, min_entities=0, details=False, floor=None:
                        whole_align(self, feats, min_entities, details))
    ch.aligner.forget()
    assert ch.check(essay) == floored
    assert floored[1]  # the essay covers facts
