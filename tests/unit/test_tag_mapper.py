"""The tag mapper gives what spaCy's attribute ruler gives with the same one-token rules, and keeps a bounded store."""
from __future__ import annotations

import spacy
from spacy.tokens import Doc

from essaycheck.pipeline import TagMapper
from essaycheck.zones import memory_zone

PATTERNS = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
    {"patterns": [[{"TAG": {"IN": ["VBD", "VBN"]}}]], "attrs": {"POS": "VERB", "MORPH": "Tense=Past|VerbForm=Fin"}},
    {"patterns": [[{"LOWER": "was", "TAG": "VBD"}]], "attrs": {"POS": "AUX"}},
    {"patterns": [[{"LOWER": "n't"}]], "attrs": {"POS": "PART", "LEMMA": "not"}},
    {"patterns": [[{"LOWER": {"IN": ["ca", "wo"]}, "TAG": "MD"}]], "attrs": {"LEMMA": "can"}},
    {"patterns": [[{"LOWER": "zorbly"}]], "attrs": {"LEMMA": "zorblyish"}},  # a lemma no vocabulary holds
]
WORDS = ["The", "mill", "was", "burnt", "and", "Hale", "wo", "n't", "rebuild", "it", "Wo", "was"]
TAGS = ["DT", "NN", "VBD", "VBN", "CC", "NNP", "MD", "RB", "VB", "PRP", "MD", "VBN"]


def attributes(doc):
    return [(t.pos_, str(t.morph), t.morph.key, t.lemma_) for t in doc]


def test_the_attributes_of_the_attribute_ruler():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(PATTERNS)
    mapper = TagMapper(PATTERNS)
    expected = attributes(ruler(Doc(nlp.vocab, words=WORDS, tags=TAGS)))
    assert attributes(mapper(Doc(nlp.vocab, words=WORDS, tags=TAGS))) == expected
    assert attributes(mapper(Doc(nlp.vocab, words=WORDS, tags=TAGS))) == expected  # again, from its store
    assert expected[7][0] == "PART" and expected[7][3] == "not" and expected[2][0] == "AUX"


def test_a_lemma_the_rules_give_is_there_in_every_zone():
    nlp = spacy.blank("en")
    mapper = TagMapper(PATTERNS)
    for _ in range(2):
        with memory_zone(nlp):
            doc = mapper(Doc(nlp.vocab, words=["Zorblax", "zorbly"], tags=["NNP", "RB"]))
            assert [t.lemma_ for t in doc] == ["", "zorblyish"]


def test_new_words_do_not_grow_its_store():
    nlp = spacy.blank("en")
    mapper = TagMapper(PATTERNS)
    mapper(Doc(nlp.vocab, words=WORDS, tags=TAGS))
    size = len(mapper._known)
    words = [f"quib{i}" for i in range(500)]
    mapper(Doc(nlp.vocab, words=words, tags=["NN"] * 500))
    assert len(mapper._known) == size
