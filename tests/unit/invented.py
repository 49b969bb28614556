"""A checker over short hand-made sources of an invented land, on spacy.blank("en"), and what it marks wrong."""
from __future__ import annotations

from essaycheck.analysis import analyse
from essaycheck.checking import Checker
from essaycheck.entities import Entity
from essaycheck.factbase import Source, build_factbase


def checker_over(nlp, sources: dict[str, str], entities: list[Entity]) -> tuple:
    """(nlp, fact base, checker) for sources given as file name -> text, with their entities."""
    fb = build_factbase(nlp, [Source(name, text) for name, text in sources.items()], gazetteer_path=None,
                        extra_entities=entities)
    return nlp, fb, Checker(fb)


def wrong(checker: tuple, essay: str) -> list[str]:
    """The kinds of detail marked wrong in an essay."""
    nlp, fb, ch = checker
    doc = nlp(essay, component_cfg={"essaycheck_entities": {"registry": fb.registry}})
    findings, _ = ch.check(analyse(doc))
    return sorted(f.kind for f in findings if f.verdict == "contradicted")
