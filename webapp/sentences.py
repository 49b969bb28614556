"""An essay's sentences, for a teacher's comment on one: the checker's own sentence rule.

spaCy's blank English tokenizer with essaycheck's line sentencizer (a line break or a full stop
before a capital ends a sentence), so the sentences a teacher picks are the ones the checker read.
"""
from __future__ import annotations

import threading

import spacy

from essaycheck import pipeline  # noqa: F401  (registers the essaycheck_* factories)

_NLP = None
_LOCK = threading.Lock()


def _nlp():
    global _NLP
    with _LOCK:
        if _NLP is None:
            nlp = spacy.blank("en")
            nlp.add_pipe("essaycheck_line_sentencizer_v1")
            _NLP = nlp
    return _NLP


def sentences(text: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of each sentence with something in it, offsets into ``text``."""
    out = []
    for s in _nlp()(text).sents:
        words = s.text.strip()
        if words:
            start = s.start_char + (len(s.text) - len(s.text.lstrip()))
            out.append((start, start + len(words), words))
    return out
