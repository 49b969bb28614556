"""People: the wrong person doing a known act, and a known person given the wrong first name.

"In 1871 Brook approved the invasion" where the sources say Hale did is a
swap (see ``swaps``). "Tim Marsh" where the sources only know Rob
Marsh is the right surname with a first name the sources never give him: a
slip a teacher would mark, but only in a claim about something that person did in
the sources (a relative with another first name may be meant elsewhere).
"""
from __future__ import annotations

import re

from rapidfuzz import fuzz
from spacy.lang.en.stop_words import STOP_WORDS

from ..claims import Claim, Side
from ..entities import _NOT_NAMES, is_title, strip_title
from ..findings import Finding
from . import comparator
from .context import Context
from .swaps import swaps

#: A first name this close to a known one is a slip of spelling, not another person ("Ana" for "Anna").
_SLIP = 75
_WORD_BEFORE = re.compile(r"([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\s+$")


@comparator("person")
def check_people(claim: Claim, ctx: Context) -> list[Finding]:
    out = swaps(claim, ctx, ("PERSON",))
    for side in claim.sides:
        out.extend(_first_names(side, ctx))
    return out


def _first_names(side: Side, ctx: Context) -> list[Finding]:
    reg = ctx.fb.registry
    text = ctx.essay.text
    out = []
    for m in side.entities:
        e = reg.entities.get(m.entity_id or "")
        if e is None or e.label != "PERSON" or not e.confident:
            continue
        if len(strip_title(m.text)[1].split()) != 1:
            continue  # the essay already gives a full name the registry knows
        said = _WORD_BEFORE.search(text[max(0, m.start - 25):m.start])
        if said is None:
            continue
        first = said[1]
        if first in _NOT_NAMES or is_title(first) or first.lower() in STOP_WORDS \
                or first.lower() in _lower_words(ctx) or reg.lookup(first):
            continue  # "After Marsh", "President Hale", "Old Marsh", another known name
        known = _first_names_of(e)
        if not known or first.lower() in known or any(k.startswith(first.lower()) or first.lower().startswith(k)
                                                      or fuzz.ratio(first.lower(), k) >= _SLIP for k in known):
            continue
        if any(w.lower() in known for w in re.findall(r"[A-Za-z]+", text[max(0, m.start - 40):m.start])[-3:]):
            continue  # "Anna Marie Hale": the known first name is there, with a middle name the sources lack
        if first.lower() in _all_name_words(e):
            continue  # a middle name the sources give
        facts = [a for a in ctx.same_event(side) if m.entity_id in a.fact.entity_ids]
        if not facts:
            continue  # not about something this person did in the sources
        start = m.start - len(said.group())
        out.append(ctx.finding("accuracy", "contradicted", "entity", start, m.end, facts[0].fact,
                               "person.first_name", e.name))
    return out


def _all_name_words(e) -> set[str]:
    return {w.lower() for form in [e.name, *e.aliases] for w in re.findall(r"[A-Za-z]+", form)}


def _first_names_of(e) -> set[str]:
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
        cached = {w for s in ctx.fb.sources.values() for w in re.findall(r"\b[a-z]+\b", s.text)}
        cached |= {w.lower() for s in ctx.fb.sources.values() for w in re.findall(r"\b[A-Z][a-z]+\b", s.text)
                   if not reg_person_word(ctx, w)}
        ctx.cache["lower_words"] = cached
    return cached


def reg_person_word(ctx: Context, word: str) -> bool:
    """Is ``word`` part of a person's name in the registry?"""
    return any(word in form.split() for e in ctx.fb.registry.entities.values() if e.label == "PERSON"
               for form in [e.name, *e.aliases])
