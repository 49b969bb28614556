"""Which words share a meaning, from WordNet: "shut down" and "closed", "speech" and "spoke".

The links come from Princeton WordNet 3.0 (see data/WORDNET-LICENSE.txt), extracted by
``tools/build_wordnet_links.py`` into ``data/wordnet_links.tsv.gz``: for each common noun
and verb, the meanings of its most frequent senses and of the words WordNet derives it
from, and for a verb the broader meanings its commonest senses are kinds of (marked
"^": "behead" and "execute" are both kinds of "kill"). Two words that share a meaning
are closer than a word and a broader one, which are closer than two kinds of one thing. WordNet is the standard English lexical database (Princeton, maintained as Open
English WordNet); its 30 MB database is not on PyPI, so the few links the checker needs
ship inside the package and nothing is downloaded at run time.
"""
from __future__ import annotations

import gzip
from functools import lru_cache
from importlib import resources


#: Words whose meanings are kept (most recently asked first out): the words of a topic and its
#: essays recur, while each essay's new names would otherwise grow a long-running process.
_WORDS_KEPT = 8192


@lru_cache(maxsize=1)
def _links() -> dict[str, frozenset[str]]:
    raw = resources.files("essaycheck.data").joinpath("wordnet_links.tsv.gz").read_bytes()
    out: dict[str, set[str]] = {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        word, _pos, ids = line.split("\t")
        out.setdefault(word, set()).update(ids.split())
    return {w: frozenset(ids) for w, ids in out.items()}


def is_common_noun(name: str) -> bool:
    """Is a one-word name also a common word (a body called "the Moot"), not a proper name ("Lornby")?"""
    return " " not in name.strip() and name.strip().lower() in _links()


@lru_cache(maxsize=_WORDS_KEPT)
def meanings(word: str) -> frozenset[str]:
    """The meanings (WordNet synset ids) a word's common senses have; empty for a word WordNet lacks."""
    return frozenset(m for m in _links().get(word, ()) if not m.startswith("^"))


@lru_cache(maxsize=_WORDS_KEPT)
def broader(word: str) -> frozenset[str]:
    """The meanings a word's commonest senses are kinds of ("kill" for "behead")."""
    return frozenset(m[1:] for m in _links().get(word, ()) if m.startswith("^"))


@lru_cache(maxsize=_WORDS_KEPT)
def related(word: str) -> frozenset[str]:
    """Every meaning through which another word can be found: its own and the broader ones."""
    return meanings(word) | broader(word)


def closeness(a: str, b: str) -> float:
    """How near two words are in meaning: 0 when unrelated."""
    ma, mb, ba, bb = meanings(a), meanings(b), broader(a), broader(b)
    return 4 * len(ma & mb) + 2 * (len(ma & bb) + len(ba & mb)) + len(ba & bb)


def closest(word: str, candidates) -> str | None:
    """The one candidate nearest in meaning to ``word`` (None if none is near, or two tie)."""
    if not related(word):
        return None
    scored = sorted(((closeness(word, c), c) for c in candidates), reverse=True)
    if not scored or scored[0][0] == 0 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][1]
