"""The real pipeline's components: the same output as the simpler, slower way they replaced."""
from __future__ import annotations

from corpus import essays, long_essay, renamed, sources
from support import AWKWARD_TEXTS, sentence_starts_token_by_token


def test_sentence_starts_are_those_set_token_by_token(nlp):
    texts = [*AWKWARD_TEXTS, *(t for _, t in sources()), *(t for _, t in essays()), renamed(sources()[0][1], 1),
             long_essay(3000)]
    for text, doc in zip(texts, nlp.pipe(texts)):
        assert [t.is_sent_start for t in doc] == sentence_starts_token_by_token(nlp, text), text[:80]
