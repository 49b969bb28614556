"""Content words reduced to keys, so that "invaded", "the invasion" and "invade" meet."""
from __future__ import annotations

import json
import re
from importlib import resources

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Token

from .entities import ROMAN_NUMERAL

LEXICON = json.loads(resources.files("essaycheck.data").joinpath("lexicon.json").read_text("utf-8"))


def phrases(key: str) -> re.Pattern:
    """A pattern finding any of the lexicon's phrases under ``key`` as whole words, in any case and spacing."""
    return re.compile(r"\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in LEXICON[key]) + r")\b", re.I)

_SAME = LEXICON["same_event"]
_PHRASAL = {tuple(k.split()): v for k, v in LEXICON["phrasal"].items()}
_WEAK = frozenset(LEXICON["weak_verbs"])
_PARTICLES = tuple(LEXICON["particle_nouns"])
# spaCy's stop list holds verbs and nouns that name events here ("show", "call", "fire").
_CONTENT_STOP_WORDS = frozenset("""show put give call take move keep fire back front side top bottom name part
full empty serious amount whole bill""".split())
_STOP = (frozenset(STOP_WORDS) - _CONTENT_STOP_WORDS) | _WEAK
_CONTENT_POS = {"NOUN", "VERB", "ADJ", "PROPN", "NUM", "X", ""}  # adverbs ("finally") say how, not what


def base_form(word: str) -> str:
    """A crude lemma for pipelines without a lemmatizer (unit tests on ``spacy.blank``)."""
    w = word.lower()
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            return w[: -len(suffix)] + repl
    return w


def word_key(lemma: str) -> str | None:
    """The key of one lemma, or None for words that carry no content."""
    w = lemma.lower().strip("'’-.")
    if len(w) < 2 or w in _STOP or not any(c.isalpha() for c in w):
        return None
    return _SAME.get(w, w)


def _particle_noun(word: str) -> str | None:
    """"lockout" -> "lock", "takeover" -> the key of "take over": a noun that is a verb and its particle."""
    for p in _PARTICLES:
        stem = word[: -len(p)]
        if word.endswith(p) and len(stem) >= 3 and stem.isalpha():
            phrasal = _PHRASAL.get((stem, p))
            return word_key(phrasal) if phrasal else word_key(stem)
    return None


def token_key(token: Token) -> str | None:
    """The content key of a token, or None for function words and punctuation."""
    if token.is_punct or token.is_space or token.like_num:
        return None
    if token.pos_ and token.pos_ not in _CONTENT_POS:
        return None
    if _regnal(token):
        return None  # the "II" of "King Aldric II" is part of the name, not a word of the claim
    if token.pos_ == "NOUN" and (k := _particle_noun(token.lower_)):
        return k
    if token.tag_ == "VBG" and token.i and token.doc[token.i - 1].like_num:
        return word_key(token.lower_)  # "one shilling each": after a number, a thing counted, not a verb
    if token.lemma_ and token.lemma_.lower() != token.lower_:
        return word_key(token.lemma_)  # the lemmatizer knows "found" from "had found" is "find"
    if token.lower_ in _SAME:
        return _SAME[token.lower_]  # without a lemmatizer, irregular forms ("told") come from the lexicon
    return word_key(token.lemma_ or base_form(token.text))


_KEYS = "essaycheck.keys"


def doc_keys(doc: Doc) -> list[str | None]:
    """The content key of every token of a doc, worked out once per doc (``token_key`` of each).

    The date component's anchor finder and the clause analysis both read every token's key; a
    token's key depends only on the tagger's and lemmatizer's output, which no later component
    changes, so the second reader takes the first one's list.
    """
    keys = doc.user_data.get(_KEYS)
    if keys is None:
        keys = doc.user_data[_KEYS] = [token_key(t) for t in doc]
    return keys


def _regnal(token: Token) -> bool:
    """Is the token a regnal number right after a name ("Osric V", "Aldric II")?"""
    if not token.i or not token.text.isupper() or not ROMAN_NUMERAL.fullmatch(token.text):
        return False
    before = token.doc[token.i - 1]
    return before.is_alpha and before.text[:1].isupper() and not before.text.isupper()


def phrasal_key(token: Token, nxt: Token | None) -> str | None:
    """The key of a phrasal verb such as "took over" (seize), read at its verb.

    Returns "" for a phrase that carries no content ("took place"), None for no phrase.
    """
    if nxt is None:
        return None
    lemma = (token.lemma_ or base_form(token.text)).lower()
    key = _PHRASAL.get((lemma, nxt.lower_))
    return word_key(key) or "" if key else None
