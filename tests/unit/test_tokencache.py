"""The tokenizer's cache filled from the sources: the same tokens, kept across zones, bounded per process."""
from __future__ import annotations

import spacy

from essaycheck.tokencache import warm
from essaycheck.zones import memory_zone

TEXT = "Zorblaxian envoys reached Quibbleport (on 3 May 1871), didn't they? \"Yes\" - the Quibbleport-Zorb treaty."


def tokens(nlp, text):
    return [(t.text, t.idx, t.whitespace_) for t in nlp(text)]


def test_warmed_words_split_as_before():
    cold, warmed = spacy.blank("en"), spacy.blank("en")
    assert warm(warmed, [TEXT]) == len(set(TEXT.split()))
    with memory_zone(cold), memory_zone(warmed):
        assert tokens(warmed, TEXT) == tokens(cold, TEXT)
        assert tokens(warmed, TEXT + " Unseenword.") == tokens(cold, TEXT + " Unseenword.")


def test_the_sources_words_outlive_a_zone_and_an_essays_own_do_not():
    nlp = spacy.blank("en")
    warm(nlp, ["Zorblaxian envoys"])
    with memory_zone(nlp):
        nlp("Zorblaxian envoys met quibbleworts")
    assert "Zorblaxian" in nlp.vocab.strings
    assert "quibbleworts" not in nlp.vocab.strings


def test_no_more_words_are_kept_once_the_cache_is_full():
    nlp = spacy.blank("en")
    nlp.tokenizer.max_cache_size = 3
    assert warm(nlp, ["alpha beta alpha gamma delta epsilon"]) == 3
    assert warm(nlp, ["zeta eta theta"]) == 0  # another assignment's sources add nothing
    assert "delta" not in nlp.vocab.strings


def test_inside_a_zone_nothing_is_kept_and_nothing_waits():
    nlp = spacy.blank("en")
    with memory_zone(nlp):
        assert warm(nlp, ["Zorblaxian envoys"]) == 0
    assert "Zorblaxian" not in nlp.vocab.strings
