"""The tokenizer's cache, filled with the sources' words outside any memory zone, up to its bound.

spaCy's tokenizer keeps the tokens of each whitespace-separated chunk it has split ("Hale's",
"1871."), but never inside a memory zone (the lexemes it would point to are freed when the zone
closes). Essays are read inside zones (see zones.py), so every word of every essay was split
again from scratch with the prefix, suffix and infix rules: about a tenth of checking an essay.

Essays on a topic are written in their sources' words. Splitting the sources' distinct chunks
once, outside a zone, makes those tokenizations (and their strings and lexemes) permanent, so
an essay's common words are then found in the cache. A chunk splits the same way whatever
surrounds it (that is why spaCy can cache it), so no token changes. Memory stays bounded: no
more chunks are added once the cache's own limit (``Tokenizer.max_cache_size``) is reached in
this process, however many assignments are built.
"""
from __future__ import annotations

import threading
import weakref

from spacy.language import Language

from .zones import gate

_WARMED: weakref.WeakKeyDictionary[Language, set[str]] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def warm(nlp: Language, texts: list[str]) -> int:
    """Tokenize the distinct chunks of ``texts`` outside any memory zone, while this process's cache has
    room; the number of chunks added."""
    tokenizer = nlp.tokenizer
    limit = getattr(tokenizer, "max_cache_size", 0)
    if gate(nlp).inside():
        return 0  # it could not close the zone it is in; the essays are simply split as before
    with _LOCK:
        seen = _WARMED.setdefault(nlp, set())
        if len(seen) >= limit:
            return 0
        new = []
        for text in texts:
            for chunk in text.split():
                if chunk not in seen:
                    seen.add(chunk)
                    new.append(chunk)
                    if len(seen) >= limit:
                        break
            if len(seen) >= limit:
                break
        if not new:
            return 0
        with gate(nlp).quiet():  # strings added inside a zone would be freed with it, and not cached
            for chunk in new:
                tokenizer(chunk)
        return len(new)
