"""First names: is the word before a known surname a first name the sources never give that person?

Shared by the person comparator ("Tim Marsh" for Rob Marsh, in a claim about Marsh's own act:
a slip to mark) and the swap finder ("Nell Hale stood beside Brook", where the sources put
someone else beside Brook: another Hale, a relative the writer knows of, not a swapped name).
"""
from __future__ import annotations

import functools
import re

from nicknames import NickNamer
from rapidfuzz import fuzz
from spacy.lang.en.stop_words import STOP_WORDS

from ..entities import _DATA, _NOT_NAMES, Entity, EntityMention, is_title, strip_title
from .context import Context

#: A first name this close to a known one is a slip of spelling, not another person ("Ana" for "Anna").
_SLIP = 75
_NAMER = NickNamer()
_ADVERB_ENDINGS = tuple(_DATA["adverb_endings"])
_WORD_BEFORE = re.compile(r"([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\s+$")


def foreign_first_name(m: EntityMention, e: Entity, ctx: Context) -> re.Match | None:
    """The first name written before a surname-only mention of ``e``, if the sources never give it
    to that person (nor anything close, nor as a middle name); else None."""
    if len(strip_title(m.text)[1].split()) != 1:
        return None  # the essay already gives a full name the registry knows
    text = ctx.essay.text
    said = _WORD_BEFORE.search(text[max(0, m.start - 25):m.start])
    if said is None:
        return None
    first = said[1]
    if first in _NOT_NAMES or is_title(first) or first.lower() in STOP_WORDS \
            or first.lower() in _lower_words(ctx) or ctx.fb.registry.lookup(first):
        return None  # "After Marsh", "President Hale", "Old Marsh", another known name
    start = m.start - len(said.group())
    c = ctx.essay.clause_at(start)
    tok = next((t for t in c.tokens if t.start == start), None) if c is not None else None
    if (tok is not None and tok.pos not in ("PROPN", "") and tok.tag not in ("NNP", "NNPS")) \
            or first.lower().endswith(_ADVERB_ENDINGS):
        return None  # "Reportedly Hale ...": a word of the sentence, capitalised where it begins
    known = _first_names_of(e)
    if not known or first.lower() in known or any(k.startswith(first.lower()) or first.lower().startswith(k)
                                                  or fuzz.ratio(first.lower(), k) >= _SLIP for k in known):
        return None
    if _nicknames(first.lower()) & known or any(first.lower() in _nicknames(k) for k in known):
        return None  # a pet name of the known first name (or the name it is a pet name of): the same person
    if any(w.lower() in known for w in re.findall(r"[A-Za-z]+", text[max(0, m.start - 40):m.start])[-3:]):
        return None  # "Anna Ruth Hale": the known first name is there, with a middle name the sources lack
    if first.lower() in _all_name_words(e):
        return None  # a middle name the sources give
    return said


@functools.lru_cache(maxsize=4096)  # bounded: a long-running worker meets new names with every essay
def _nicknames(name: str) -> frozenset[str]:
    """The names and pet names one first name goes by, both ways (the pet name's full name too), from
    the nicknames package's hand-curated English table: a library, so no list of ours to keep."""
    return frozenset(_NAMER.nicknames_of(name) | _NAMER.canonicals_of(name))


def _all_name_words(e: Entity) -> set[str]:
    return {w.lower() for form in [e.name, *e.aliases] for w in re.findall(r"[A-Za-z]+", form)}


def _first_names_of(e: Entity) -> set[str]:
    out = set()
    for form in [e.name, *e.aliases]:
        parts = strip_title(form)[1].split()
        if len(parts) >= 2 and parts[0][:1].isupper() and len(parts[0].rstrip(".")) > 1:
            out.add(parts[0].lower())
    return out


def _lower_words(ctx: Context) -> set[str]:
    """Words the sources write in lower case: "Old", "Northern" are adjectives there, not first names."""
    cached = ctx.cache.get("lower_words")
    if cached is None:  # once per fact base
        person_words = _person_name_words(ctx)
        cached = {w for s in ctx.fb.sources.values() for w in re.findall(r"\b[a-z]+\b", s.text)}
        cached |= {w.lower() for s in ctx.fb.sources.values() for w in re.findall(r"\b[A-Z][a-z]+\b", s.text)
                   if w not in person_words}
        ctx.cache["lower_words"] = cached
    return cached


def _person_name_words(ctx: Context) -> set[str]:
    """Every word of a person's name in the registry, as written, in one set: asking each entity in turn
    for each capitalised word of the sources took seconds on a textbook-sized fact base."""
    return {w for e in ctx.fb.registry.entities.values() if e.label == "PERSON"
            for form in [e.name, *e.aliases] for w in form.split()}
