"""The rule components are spaCy factories configured by data: they save and load."""
from __future__ import annotations

import spacy

from essaycheck.entities import Entity
from essaycheck.pipeline import blank_pipeline


def test_rule_components_survive_to_disk_and_back(tmp_path):
    nlp = blank_pipeline()
    pipe = nlp.get_pipe("essaycheck_entities")
    pipe.registry.add(Entity("person:guy-fawkes", "PERSON", "Guy Fawkes", ["Fawkes", "Guido Fawkes"]))
    nlp.get_pipe("essaycheck_dates").grammar.day_first = False
    nlp.to_disk(tmp_path / "pipe")

    again = spacy.load(tmp_path / "pipe")
    doc = again("Later Guido Fawkes was caught on 11/05/1605.")
    assert [m.entity_id for m in doc._.entities] == ["person:guy-fawkes"]
    assert doc._.dates[0].value.value == "1605-11-05"  # month first, as saved


def test_lines_are_sentences_even_without_full_stops(blank_nlp):
    doc = blank_nlp("The Bay Of Pigs invasion: April 1961\nPresident Kennedy approved a plan\nIt failed.")
    assert [s.text.strip() for s in doc.sents] == [
        "The Bay Of Pigs invasion: April 1961", "President Kennedy approved a plan", "It failed."]


def test_numbers_skip_dates(blank_nlp):
    doc = blank_nlp("In 1961 about 1,400 exiles landed, six days later.")
    assert [q.text for q in doc._.quantities] == ["about 1,400"]


def _every_text():
    from corpus import essays, long_essay, renamed, sources
    from support import AWKWARD_TEXTS

    return [*AWKWARD_TEXTS, *(t for _, t in sources()), *(t for _, t in essays()), renamed(sources()[0][1], 1),
            long_essay(3000)]


def test_sentence_starts_are_those_set_token_by_token(blank_nlp):
    from support import sentence_starts_token_by_token

    for text in _every_text():
        assert [t.is_sent_start for t in blank_nlp(text)] == sentence_starts_token_by_token(blank_nlp, text), text[:80]
