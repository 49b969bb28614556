"""Which words share a meaning, from WordNet: "shut down" and "closed", "speech" and "spoke".

The links come from Princeton WordNet 3.0 (see data/WORDNET-LICENSE.txt), extracted by
``tools/build_wordnet_links.py`` into ``data/wordnet_links.tsv.gz``: for each common noun
and verb, the meanings of its most frequent senses and of the words WordNet derives it
from. WordNet is the standard English lexical database (Princeton, maintained as Open
English WordNet); its 30 MB database is not on PyPI, so the few links the checker needs
ship inside the package and nothing is downloaded at run time.
"""
from __future__ import annotations

import gzip
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _links() -> dict[str, frozenset[str]]:
    raw = resources.files("essaycheck.data").joinpath("wordnet_links.tsv.gz").read_bytes()
    out: dict[str, set[str]] = {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        word, _pos, ids = line.split("\t")
        out.setdefault(word, set()).update(ids.split())
    return {w: frozenset(ids) for w, ids in out.items()}


def meanings(word: str) -> frozenset[str]:
    """The meanings (WordNet synset ids) a word's common senses have; empty for a word WordNet lacks."""
    return _links().get(word, frozenset())


def closest(word: str, candidates) -> str | None:
    """The one candidate that shares the most meanings with ``word`` (None if none does, or two tie)."""
    mine = meanings(word)
    if not mine:
        return None
    scored = sorted(((len(mine & meanings(c)), c) for c in candidates), reverse=True)
    if not scored or scored[0][0] == 0 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][1]
