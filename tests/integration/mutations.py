"""Essays made from the sources themselves: faithful copies and single-fact mutations.

Fact-checking datasets test a checker by taking true sentences and swapping one
date, person, place or number; a checker must stay quiet on the originals and
catch every swap. These helpers build both from any fact base, so the tests run
on every topic we have.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass

from essaycheck.assignment import Assignment
from essaycheck.claims import extract
from essaycheck.entities import is_title

#: Places no test topic mentions, used to swap a place for one of the same kind.
OTHER_COUNTRIES = ["Portugal", "Norway", "Peru", "Kenya"]


@dataclass
class Mutation:
    kind: str
    essay: str
    start: int  # the changed span in the essay
    end: int
    original: str


def source_sentences(a: Assignment, standalone: bool = False) -> list[str]:
    """Every sentence of every source; with ``standalone``, only those readable alone.

    A sentence whose dates or order lean on its neighbours ("six days later", "the 27th",
    "Following, the CIA trained ...") cannot be moved without changing what it says.
    """
    out = []
    for name, an in a.factbase.analyses.items():
        text = a.factbase.sources[name].text
        leaning = [c.clause.start for c in extract(an) if any(r.anchor is None for r in c.relations)]
        for s, e in an.sentences:
            if standalone and any(s <= m.start < e and m.kind != "absolute" for m in an.dates):
                continue
            if standalone and any(s <= x < e for x in leaning):
                continue
            sentence = text[s:e].strip()
            out.append(sentence if sentence[-1:] in ".!?" else sentence + ".")
    return out


def paraphrase(sentence: str) -> str:
    """A light rewording that keeps every fact: other date formats, other names for the same things."""
    months = "January February March April May June July August September October November December".split()
    s = re.sub(r"\bthe (\d{1,2})(?:st|nd|rd|th) of (" + "|".join(months) + r"),? (\d{4})", r"\2 \1, \3", sentence)
    s = re.sub(r"\b(" + "|".join(months) + r") (\d{1,2}), (\d{4})", r"\2 \1 \3", s)
    for a, b in (("the USA", "America"), ("the Soviet Union", "the USSR"), ("President ", ""),
                 ("kilometers", "km"), ("kilometres", "km"), ("around", "about"), ("was informed", "was told")):
        s = s.replace(a, b)
    first = s.split(" ", 1)[0]
    if first in ("The", "In", "On", "A", "An", "After", "Before", "When", "However", "There", "It", "They"):
        s = s[0].lower() + s[1:]
    return "In fact, " + s


def mutations(a: Assignment) -> list[Mutation]:
    """One essay per mutation: a source sentence with one date, number, person or place swapped."""
    out: list[Mutation] = []
    reg = a.factbase.registry
    groups = a.checker.aligner.groups
    group = lambda i: groups.get(i, i)  # noqa: E731
    people = [e for e in reg.entities.values() if e.label == "PERSON" and e.confident and " " in e.name
              and e.count >= 2 and e.name.replace(" ", "").isalpha()]
    for name, an in a.factbase.analyses.items():
        text = a.factbase.sources[name].text
        for c in an.clauses:
            if not any(f.readings[0].clause is c for f in a.factbase.facts):
                continue
            s, e = an.sentences[c.sentence]
            sentence = text[s:e]
            for m in c.dates:
                if m.kind == "absolute" and not m.bound and m.value.year and \
                        m.value.granularity in ("day", "month", "year"):
                    new = m.text.replace(str(m.value.year), str(m.value.year + 3))
                    out.append(_swap("date", sentence, m.start - s, m.end - s, new))
            if _is_title(sentence):
                continue  # a heading or a label, not a statement to mutate
            for q in c.quantities:
                if q.dimension in (None, "length", "mass") and (q.noun or q.unit):
                    digits = re.search(r"\d[\d,]*", q.text)
                    if digits:
                        value = int(digits.group().replace(",", "")) * 3
                        new = q.text[:digits.start()] + f"{value:,}" + q.text[digits.end():]
                        out.append(_swap("number", sentence, q.start - s, q.end - s, new))
            names = [x for x in c.entities if x.entity_id and reg.label(x.entity_id) == "PERSON"
                     and not re.match(r"\s+[IVX]+\b", text[x.end:x.end + 5])]  # "Elizabeth I" is a title
            in_sentence = {x.entity_id for x in an.entities if s <= x.start < e}
            if len(names) == 1 and reg.entities[names[0].entity_id].confident:
                # another person: not the same one under a fuller or shorter name ("Hale", "Anna Hale")
                same = group(names[0].entity_id)
                # (by a name, not a title held with a place: "the Earl of Lornby" may be anyone's)
                other = next((p for p in people if p.id not in in_sentence and group(p.id) != same
                              and not _one_within(p.name, names[0].text) and not is_title(p.name.split()[0])), None)
                if other is not None:
                    out.append(_swap("entity", sentence, names[0].start - s, names[0].end - s, other.name))
            for x in c.entities:
                ent = reg.entities.get(x.entity_id or "")
                before = re.search(r"(\w+)\s+(?:the\s+)?$", text[max(0, x.start - 12):x.start])
                if ent and ent.kind == "country" and x.text == ent.name and before and \
                        before[1].lower() in ("in", "from", "to", "at"):
                    out.append(_swap("place", sentence, x.start - s, x.end - s, OTHER_COUNTRIES[len(out) % 4]))
    return out


def _one_within(a: str, b: str) -> bool:
    """Is one name's every word in the other ("Robert", "Robert of Lornby")?"""
    x, y = set(a.lower().split()), set(b.lower().split())
    return x <= y or y <= x


def _is_title(sentence: str) -> bool:
    words = re.findall(r"[A-Za-z]+", sentence)
    return len(words) <= 8 and sum(w[0].isupper() for w in words) >= len(words) - 1


def _swap(kind: str, sentence: str, a: int, b: int, new: str) -> Mutation:
    essay = sentence[:a] + new + sentence[b:]
    return Mutation(kind, essay.strip(), a - (len(sentence) - len(sentence.lstrip())),
                    a - (len(sentence) - len(sentence.lstrip())) + len(new), sentence[a:b])


def shuffled(items: list[str], seed: int = 7) -> list[str]:
    out = list(items)
    random.Random(seed).shuffle(out)
    return out
