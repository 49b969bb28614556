"""Entities: one record per real-world thing with all its surface forms, and a matcher for them.

Aliases are learned from the sources' named-entity spans (full name, surname,
title + surname, initials, acronyms, misspellings by edit distance), joined
with a general gazetteer of places and organisations, and corrected by packs.
"""
from __future__ import annotations

import json
import os
import re
import tomllib
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Iterable

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein
from spacy.lang.en.stop_words import STOP_WORDS

from .spans import LabelledSpans
from .thesaurus import is_common_noun

_DATA = json.loads(resources.files("essaycheck.data").joinpath("entities.json").read_text("utf-8"))
_WORD = re.compile(r"[^\W_]+(?:[.'’\-][^\W_]+)*\.?")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_SAINTS = frozenset(_DATA["saint_titles"])
_TITLES = sorted(_DATA["titles"], key=len, reverse=True)
_NOT_NAMES = frozenset(_DATA["not_names"])
_TITLE_WORDS = frozenset(t for t in _DATA["titles"] if " " not in t)
_TITLE_PREFIXES = frozenset(_DATA["title_prefixes"])
_SUFFIXES = frozenset(_DATA["person_suffixes"])
_PARTICLES = frozenset(_DATA["name_particles"])
_PLACE_HEADS = frozenset(_DATA["place_heads"])
_LAW_HEADS = frozenset(_DATA["law_heads"])
_UNIT_HEADS = frozenset(_DATA["unit_heads"])
#: The label a name's last word gives it, whatever the tagger said (the heads lists are disjoint).
_LABEL_BY_HEAD = ((_PLACE_HEADS, "PLACE"), (_UNIT_HEADS, "GROUP"), (_LAW_HEADS, "OTHER"),
                  (frozenset(_DATA["event_name_heads"]), "EVENT"))
_EVENT_HEADS = frozenset(_DATA["event_heads"])


def is_title(word: str) -> bool:
    """A title word, or titles joined by hyphens ("Brigadier-General", "Vice-Admiral")."""
    parts = word.rstrip(".").split("-")
    last = parts[-1] if parts[-1] in _TITLE_WORDS or not parts[-1].endswith("s") else parts[-1][:-1]  # a plural title, "Captains"
    return last in _TITLE_WORDS and all(p in _TITLE_WORDS or p in _TITLE_PREFIXES for p in parts[:-1])
#: Prepositions that put a place after them ("in", "from", "towards").
LOCATIVE = frozenset(_DATA["locative_prepositions"])
#: Of those, the ones that say where something happened, not which way it went.
SITE = frozenset(_DATA["site_prepositions"])
#: Of those, the ones a person's name rarely follows.
_PLACE_ONLY = frozenset(_DATA["place_only_prepositions"])
_PERSON_VERBS = frozenset(_DATA["person_verbs"])
#: What the fact base passes for a name with an office in apposition ("Ned Brook, a Lornby engineer"): a person's.
OFFICE_CUE = "<office>"
_PLACE_NOUNS = frozenset(_DATA["place_nouns_before_of"])
_ROMAN = ROMAN_NUMERAL = re.compile(r"(?:X{0,3})(?:IX|IV|V?I{0,3})")
#: Labels whose members can stand in for each other in a claim ("Brook" for "Hale").
SWAPPABLE = ("PERSON", "PLACE", "ORG")


def words(text: str) -> list[re.Match]:
    """Word tokens as the entity matcher sees them."""
    return list(_WORD.finditer(text))


def fold(word: str) -> str:
    """A word lower-cased and without accents: a student who types "Odric" means the sources' "Ödric"."""
    word = word.lower()
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def key_of(text: str) -> str:
    """Folded word key of a surface form: "the N.W.C." and "N.W.C" give "n.w.c", "Ödric" gives "odric"."""
    return " ".join(fold(m.group().rstrip(".")) for m in _WORD.finditer(text))


def _is_acronym(form: str) -> bool:
    bare = form.replace(".", "")
    return 2 <= len(bare) <= 6 and sum(c.isupper() for c in bare) >= 2 and " " not in bare


def _case_mode(form: str) -> str:
    """How strictly a surface form must match its case: exact, capitalised, or any."""
    if _is_acronym(form):
        return "exact"
    if " " not in form.strip() and (len(form) <= 4 or form.lower() in _COMMON_WORDS):
        return "cap"
    return "any"


_COMMON_WORDS = frozenset("""turkey china chad jordan georgia bush brown young wall nice mobile split hull
deal king lord hope grant rose mark will bill pat rich law cook baker smith hunter fisher wood ford
marshall long short white black green march august may lent cork guinea reading bath victoria
independence union republic state states nation nations army navy party church crown""".split())


@dataclass
class Entity:
    """One real-world thing: a person, place, organisation, group or event."""

    id: str
    label: str  # PERSON | PLACE | ORG | GROUP | EVENT | OTHER
    name: str
    aliases: list[str] = field(default_factory=list)
    origin: str = "learned"  # learned | gazetteer | pack
    count: int = 0
    kind: str | None = None  # the gazetteer's kind: country, city, region...
    capital_of: str | None = None  # the gazetteer's country whose government the city stands for ("Lornby protested")

    @property
    def confident(self) -> bool:
        """Known well enough to say an essay named the wrong one: listed, or a full or titled name."""
        if self.origin != "learned":
            return True
        if self.label == "PERSON":
            # or one name the sources give more than once ("Aldric"), unless it is a common word the
            # tagger took for a name ("the harbour")
            return any(len(strip_title(a)[1].split()) >= 2 or strip_title(a)[0] for a in [self.name, *self.aliases]) \
                or (self.count >= 2 and not is_common_noun(self.name))
        return self.count >= 2

    def to_dict(self) -> dict:
        d = {"id": self.id, "label": self.label, "name": self.name, "aliases": sorted(set(self.aliases)),
             "origin": self.origin, "count": self.count}
        if self.kind:
            d["kind"] = self.kind
        if self.capital_of:
            d["capital_of"] = self.capital_of
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "Entity":
        return cls(d["id"], d["label"], d["name"], list(d.get("aliases", [])), d.get("origin", "learned"),
                   d.get("count", 0), d.get("kind"), d.get("capital_of"))


@dataclass
class EntityMention:
    """An entity named in a text."""

    text: str
    start: int
    end: int
    entity_id: str | None
    label: str
    fuzzy: bool = False

    def to_dict(self) -> dict:
        d = {"text": self.text, "start": self.start, "end": self.end, "entity": self.entity_id, "label": self.label}
        if self.fuzzy:
            d["fuzzy"] = True
        return d


class EntityRegistry:
    """The entities of an assignment and an index from surface forms to them."""

    def __init__(self, entities: Iterable[Entity] = ()):
        self.entities: dict[str, Entity] = {}
        self._index: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self._first: dict[str, int] = {}  # first word of a known form -> most words a form starting with it has
        self._keys_of: dict[str, set[str]] = defaultdict(set)  # entity id -> the index keys that name it
        # Built on demand and dropped on every change: the one-word forms a misspelling may mean,
        # by first letter, and the answers already given (see _fuzzy).
        self._fuzzy_choices: dict[str, dict[str, list[tuple[str, str]]]] | None = None
        self._fuzzy_seen: dict[str, str | None] = {}
        for e in entities:
            self.add(e)

    def add(self, entity: Entity) -> Entity:
        if entity.id in self.entities:
            existing = self.entities[entity.id]
            for a in entity.aliases:
                self.add_alias(existing.id, a)
            existing.count += entity.count
            return existing
        self.entities[entity.id] = entity
        forms, entity.aliases = [entity.name, *entity.aliases], []
        for form in forms:
            self.add_alias(entity.id, form)
        return entity

    def add_alias(self, entity_id: str, form: str) -> None:
        # "the Lorn" is the form "Lorn": an article must not start a match, or it would
        # take "the Lorn" out of "the Lorn Estuary".
        form = re.sub(r"^(?:the|The)\s+(?=\S)", "", form.strip())
        k = key_of(form)
        if not k:
            return
        e = self.entities[entity_id]
        self._changed()
        if form not in e.aliases:
            e.aliases.append(form)
        entry = (entity_id, _case_mode(form) if form != form.lower() else "any")
        if form == form.lower() and _case_mode(form.title()) != "any":
            entry = (entity_id, "cap")
        bucket = self._index[k]
        if not any(i == entity_id and m == entry[1] for i, m in bucket):
            # A learned form never overrides the gazetteer's acronym rules for the same key.
            bucket.append(entry)
            self._keys_of[entity_id].add(k)
        first, n = k.split(" ", 1)[0], k.count(" ") + 1
        self._first[first] = max(self._first.get(first, 0), n)

    def remove(self, entity_id: str) -> None:
        self.entities.pop(entity_id, None)
        self._changed()
        for k in self._keys_of.pop(entity_id, ()):
            self._index[k] = [x for x in self._index[k] if x[0] != entity_id]
            if not self._index[k]:
                del self._index[k]

    def _changed(self) -> None:
        self._fuzzy_choices = None
        self._fuzzy_seen = {}

    def lookup(self, form: str) -> list[str]:
        """Entity ids a surface form can name, ignoring case rules."""
        return [i for i, _ in self._index.get(key_of(form), [])]

    def label(self, entity_id: str | None) -> str:
        e = self.entities.get(entity_id or "")
        return e.label if e else "OTHER"

    def name(self, entity_id: str | None) -> str:
        e = self.entities.get(entity_id or "")
        return e.name if e else (entity_id or "")

    def to_data(self, include_gazetteer: bool = False) -> list[dict]:
        return [e.to_dict() for e in self.entities.values() if include_gazetteer or e.origin != "gazetteer"]

    def clusters(self) -> dict[str, str]:
        """Each entity's group: entities that share a form ("Brook" for Ned and Rob) group together.

        Aligning a claim with a fact compares groups, since a lone surname in an
        essay cannot say which of two namesakes it means.
        """
        parent = {i: i for i in self.entities}

        def find(i: str) -> str:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for bucket in self._index.values():
            ids = [i for i, _ in bucket if i in parent]
            for other in ids[1:]:
                parent[find(other)] = find(ids[0])
        return {i: find(i) for i in self.entities}

    def copy(self) -> "EntityRegistry":
        return EntityRegistry(Entity.from_dict(e.to_dict()) for e in self.entities.values())

    # -- matching ---------------------------------------------------------------------------

    def match(self, text: str, sentence_starts: Iterable[int] = (), skip: Iterable[tuple[int, int]] = (),
              ner: Iterable[tuple[int, int, str]] = ()) -> list[EntityMention]:
        """Find every entity named in ``text``.

        Known forms are matched longest first with their case rules; a capitalised
        word that is not a known form but is close in spelling to a known name
        ("Kovac" for "Kovak") is matched to it; other capitalised names become mentions of
        unknown entities, labelled from ``ner`` spans when given.
        """
        toks = words(text)
        keys = [fold(t.group().rstrip(".")) for t in toks]
        starts = set(sentence_starts) | {0}
        out: list[EntityMention] = []
        recent: dict[str, int] = {}
        i = 0
        while i < len(toks):
            hit = self._match_at(toks, keys, i, text)
            if hit is None:
                i += 1
                continue
            n, ids = hit
            s, e = toks[i].start(), toks[i + n - 1].end()
            surface = text[s:e]
            if surface.endswith(".") and "." not in surface[:-1]:
                surface = surface[:-1]
            if n > 1 and (owner := _POSSESSIVE.search(surface)) and " ".join(keys[i:i + n]) not in self._index:
                surface = surface[:owner.start()]  # "Anna Hale's men": the name, not its possessive
            eid = self._choose(ids, recent)
            recent[eid] = len(out)
            out.append(EntityMention(surface, s, s + len(surface), eid, self.label(eid)))
            i += n
        taken = set()
        for a, b in [(m.start, m.end) for m in out] + list(skip):
            taken.update(range(a, b))
        out.extend(self._unknown_names(text, toks, taken, starts, LabelledSpans(ner)))
        return sorted(out, key=lambda m: m.start)

    def _match_at(self, toks: list[re.Match], keys: list[str], i: int, text: str) -> tuple[int, list[str]] | None:
        longest = self._first.get(keys[i])
        if longest is None:
            return None  # no known form starts with this word
        for n in range(min(longest, len(toks) - i), 0, -1):
            if n > 1 and not _contiguous(toks[i:i + n], text):
                continue
            surface = text[toks[i].start():toks[i + n - 1].end()]
            key = " ".join(keys[i:i + n])
            if n > 1 and key not in self._index and keys[i] not in _SAINTS:
                # "the Westmarch Guard's attack", "Anna Hale's men": a name of several words, matched
                # without its possessive (a one-word name keeps the readings it had, and a saint's name with its possessive is a church)
                key = _POSSESSIVE.sub("", key)
            bucket = self._index.get(key)
            if not bucket:
                continue
            ids = [eid for eid, mode in bucket if _case_ok(surface, mode, self.entities[eid])]
            if ids:
                return n, ids
        return None

    def _choose(self, ids: list[str], recent: dict[str, int]) -> str:
        """Among entities sharing a form (two Brooks), the one named most recently, else most often."""
        if len(ids) == 1:
            return ids[0]
        seen = [i for i in ids if i in recent]
        if seen:
            return max(seen, key=lambda i: recent[i])
        return max(ids, key=lambda i: self.entities[i].count)

    def _unknown_names(self, text: str, toks: list[re.Match], taken: set[int], starts: set[int],
                       ner: LabelledSpans) -> list[EntityMention]:
        out: list[EntityMention] = []
        j = 0
        while j < len(toks):
            t = toks[j]
            if t.start() in taken or not _looks_like_name(t.group()):
                j += 1
                continue
            if t.start() in starts:
                # A capital at a sentence start says nothing, unless the word is a misspelt known name.
                word = t.group().rstrip(".")
                if (fuzzy := self._fuzzy(word)) is not None:
                    out.append(EntityMention(word, t.start(), t.start() + len(word), fuzzy, self.label(fuzzy), True))
                j += 1
                continue
            k = j
            while (k + 1 < len(toks) and _contiguous(toks[j:k + 2], text)
                   and toks[k + 1].start() not in starts
                   and not (toks[k].group().endswith(".") and len(toks[k].group()) > 2)
                   and toks[k + 1].start() not in taken
                   and (toks[k + 1].group()[0].isupper() or toks[k + 1].group() in ("of", "de", "von", "van"))):
                k += 1
            while k > j and not toks[k].group()[0].isupper():
                k -= 1
            s, e = t.start(), toks[k].end()
            surface = text[s:e].rstrip(".")
            fuzzy = self._fuzzy(surface) if k == j else None
            if fuzzy is None and all(is_title(x.group()) for x in toks[j:k]):
                # "Admiral Brok's ships" for Brook's: the titles and the possessive are no part of the
                # slip, the person's misspelt name is (a person's only: a title makes no place of a slip)
                bare = _POSSESSIVE.sub("", surface.split()[-1])
                if (found := self._fuzzy(bare)) is not None and self.label(found) == "PERSON":
                    fuzzy, surface = found, _POSSESSIVE.sub("", surface)
            if fuzzy is not None:
                out.append(EntityMention(surface, s, s + len(surface), fuzzy, self.label(fuzzy), fuzzy=True))
            else:
                lab = ner.label_at(s)
                label = "UNKNOWN" if lab is None else _DATA["ner_labels"].get(lab, "OTHER")
                out.append(EntityMention(surface, s, s + len(surface), None, label))
            j = k + 1
        return out

    def _fuzzy(self, word: str) -> str | None:
        """A known entity whose one-word form is a likely misspelling of ``word``.

        The candidates are grouped by first letter once, not gathered from the whole index
        for every word, and each word's answer is kept (a few thousand at most) until the
        registry changes: a long text asks about the same capitalised words again and again.
        """
        if len(word) < _DATA["fuzzy_min_length"] or not word[0].isupper():
            return None
        seen = self._fuzzy_seen
        if word in seen:
            return seen[word]
        if len(seen) >= 4096:
            seen.clear()
        seen[word] = found = self._fuzzy_lookup(word)
        return found

    def _fuzzy_groups(self) -> dict[str, dict[str, list[tuple[str, str]]]]:
        """First letter -> the one-word forms (4+ letters) of people, places and organisations, in index order."""
        groups = self._fuzzy_choices
        if groups is None:
            groups = {}
            for k, ids in self._index.items():
                if " " not in k and len(k) >= 4 \
                        and any(self.entities[i].label in ("PERSON", "PLACE", "ORG") for i, _ in ids):
                    groups.setdefault(k[0], {})[k] = ids
            self._fuzzy_choices = groups
        return groups

    def _fuzzy_lookup(self, word: str) -> str | None:
        choices = self._fuzzy_groups().get(fold(word[0]), {})
        top = process.extract(fold(word), list(choices), scorer=fuzz.ratio,
                              score_cutoff=_DATA["fuzzy_min_ratio"], limit=2)
        if not top:
            return None
        best = top[0][0]
        if (best.startswith(fold(word)) or fold(word).startswith(best)) and \
                fold(word) not in (best + "s", best + "'s"):
            return None  # "Lorn" is not a slip for "Lornby": a whole word inside another is another word
        ids = {i for i, _ in choices[best]}
        if len(top) > 1 and top[0][1] - top[1][1] < 5:
            ids |= {i for i, _ in choices[top[1][0]]}  # "Halle": Hale or Hall? Do not guess.
        return next(iter(ids)) if len(ids) == 1 else None


def _contiguous(toks: list[re.Match], text: str) -> bool:
    return all(text[a.end():b.start()] in (" ", "-") for a, b in zip(toks, toks[1:]))


def _case_ok(surface: str, mode: str, entity: Entity) -> bool:
    if mode == "exact":
        bare = surface.replace(".", "")
        return any(bare == a.replace(".", "") for a in entity.aliases)
    if mode == "cap":
        return surface[:1].isupper()
    return True


def _looks_like_name(word: str) -> bool:
    return word[:1].isupper() and word.rstrip(".") not in _NOT_NAMES and len(word) >= 2


# -- learning -------------------------------------------------------------------------------

# The titles in the order they are tried (longest first): alternatives of one pattern are tried in order.
_ANY_TITLE = "|".join(re.escape(t) for t in _TITLES)
#: A title, or titles joined by hyphens ("Brigadier-General", "Vice-Admiral"), longest first.
_TITLE = rf"(?:(?:{_ANY_TITLE}|{'|'.join(map(re.escape, sorted(_TITLE_PREFIXES)))})-)*(?:{_ANY_TITLE})"
#: ("Captains Hale and Brook": a title for two names is the title of each)
#: ("the Marquis de Lornby": a title may stand before a surname's small particle; "the Duke of Lornby" is
#: a title held with a place, read by ``title_pairs``)
_TITLE_START = re.compile(rf"(?P<title>{_TITLE})s?\.?\s+(?=[A-Z]|(?:{'|'.join(sorted(_PARTICLES - {'of'}))})\s+[A-Z])")


def strip_title(name: str) -> tuple[str | None, str]:
    """Split "President Hale" into ("President", "Hale")."""
    m = _TITLE_START.match(name)
    if m:
        return m["title"], name[m.end():]
    return None, name


_NAME = r"[A-Z][\w'’-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w'’-]*)*"


def _words(key: str) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(_DATA["renaming"][key], key=len, reverse=True))


_ADVERBS = rf"(?:(?:{_words('adverbs')})\s+)*"
#: "Hale Creek was soon renamed Gold Creek", "Hale Creek, later called Gold Creek", "The creek was renamed Gold Creek"
_OLD_THEN_NEW = re.compile(rf"(?:(?P<old>{_NAME})|\b[Tt]he\s+(?P<noun>[a-z]+))(?:,\s+|\s+(?:{_words('aux')})\s+)"
                           rf"{_ADVERBS}(?:{_words('after_old')})\s+(?:the\s+)?(?P<new>{_NAME})")
#: "Ned Hale, Earl of Lornby": a person's name, then a title held with a place
_NAME_THEN_TITLE = re.compile(r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’.-]*)+),\s+(?:the\s+)?"
                              rf"(?P<title>(?:{'|'.join(re.escape(t) for t in _DATA['peerage_titles'])})"
                              r"\s+of\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)")
#: "Gold Creek, formerly Hale Creek"
_NEW_THEN_OLD = re.compile(rf"(?P<new>{_NAME}),?\s+(?:{_words('after_new')})\s+(?P<old>{_NAME})")
#: "the Battle of Lornby, which the Eastholmers call the Battle of the Marsh"
_WHICH_CALL = re.compile(rf"(?P<old>{_NAME}),\s+which\s+(?:the\s+)?[A-Za-z][\w'-]*(?:\s+[A-Za-z][\w'-]*)?\s+"
                         rf"(?:{_words('which_call')})\s+(?:the\s+)?(?P<new>{_NAME})")


def rename_pairs(text: str) -> list[tuple[str, str]]:
    """Pairs of names a text gives one thing: "Hale Creek was soon renamed Gold Creek", "Gold Creek,
    formerly Hale Creek", "Hale Creek, which the miners call Gold Creek"; and "the creek was renamed Gold Creek" after a sentence about Hale Creek (the
    last name before it that ends in that noun). Both names then mean the same thing in an essay.

    Hand-written: the statement is a fixed English pattern, and no entity library reads renamings."""
    pairs = []
    for m in _OLD_THEN_NEW.finditer(text):
        old = m["old"]
        if old is None:
            noun = m["noun"]
            before = [n for n in re.finditer(_NAME, text[max(0, m.start() - 400):m.start()])
                      if n[0].split()[-1].lower() in (noun, noun + "s")]
            if not before:
                continue
            old = before[-1][0]
        pairs.append((old, m["new"]))
    pairs += [(m["old"], m["new"]) for m in _NEW_THEN_OLD.finditer(text)]
    pairs += [(m["old"], m["new"]) for m in _WHICH_CALL.finditer(text)]
    pairs = [(_name_only(a), _name_only(b)) for a, b in pairs]
    return [(a, b) for a, b in pairs if a and b and key_of(a) != key_of(b)]


def title_pairs(text: str) -> list[tuple[str, str]]:
    """Pairs of a person's name and the title held with a place they are given beside it ("Ned Hale, Earl
    of Lornby", "Oda Brook, the Duchess of Dunmere"): a writer may call the person by either.

    Hand-written for the same reason as ``rename_pairs``: a fixed English pattern."""
    named = [(strip_title(m["name"])[1], m["title"]) for m in _NAME_THEN_TITLE.finditer(text)]
    return [(n, t) for n, t in named if len(n.split()) >= 2 and not is_title(n.split()[0])]


def _name_only(text: str) -> str:
    """A name without the capitalised sentence opener before it ("Then Dunmere")."""
    ws = clean_name(text).split()
    while ws and ws[0].lower() in STOP_WORDS:
        ws = ws[1:]
    return " ".join(ws)


def clean_name(text: str) -> str:
    text = re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.I)
    text = re.sub(r"(?:'s|’s|'|’)$", "", text)
    return text.strip(" .,;:\"'“”()")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def load_gazetteer(path: Path | None) -> list[Entity]:
    """Places and organisations from a gazetteer TOML file (see rubric/common/gazetteer.toml)."""
    if path is None or not Path(path).is_file():
        return []
    data = tomllib.loads(Path(path).read_text("utf-8"))
    out = []
    for p in data.get("place", []):
        label = _DATA["gazetteer_kinds"].get(p.get("kind", ""), "PLACE")
        # (not a name in another tongue that, without its accents, is an English word: "Ísland" is not "island")
        aliases = [a for a in [*p.get("aliases", []), *p.get("demonyms", [])]
                   if a.isascii() or not is_common_noun(fold(a))]
        out.append(Entity(f"{label.lower()}:{p['id']}", label, p["name"], aliases, origin="gazetteer",
                          kind=p.get("kind"), capital_of=f"place:{p['capital_of']}" if p.get("capital_of") else None))
    return out


def learn_registry(mentions: list[tuple], gazetteer: list[Entity] = (),
                   pairs: Iterable[tuple[str, str]] = (), common_words: set[str] = frozenset()) -> EntityRegistry:
    """Build the registry from named-entity spans found in the sources.

    ``mentions`` are (surface, NER label[, word before]) tuples; ``pairs`` are explicit alias
    pairs the text states, such as "Lornby Workers' Guild (LWG)";
    ``common_words`` are words the sources also write in lower case, so that
    "the Lornby Harbour Siege" is read as a known place plus the word siege.
    """
    reg = EntityRegistry(Entity.from_dict(g.to_dict()) for g in gazetteer)
    ner_labels = _DATA["ner_labels"]
    persons: list[dict] = []
    singles: Counter = Counter()
    others: dict[str, dict] = {}

    # A name that mostly follows "at", "in", "to"... is a place whatever the tagger said.
    placey: Counter = Counter()
    # A one-word name the tagger calls a person once and a place once, and that follows "in" or "at",
    # is a town the tagger misread ("the Reeve of Lornby", "left Lornby"), unless a person has that surname.
    place_evidence: Counter = Counter()
    # A name that does what only people do ("Hale realised", "Hale wrote") is a person's, whatever the tagger said.
    personish: Counter = Counter()
    # A name the tagger calls a person and a source gives an office ("Ned Brook, a Lornby engineer") stays one.
    officeish: Counter = Counter()
    # A name a source introduces by an office ("the engineer Ned Brook") is a person's, whatever the tagger said.
    introduced: Counter = Counter()
    for mention in mentions:
        before = mention[2].lower() if len(mention) > 2 and mention[2] else ""
        key = key_of(clean_name(mention[0]))
        # "the village of Lornby": as good as "at Lornby", twice over
        placey[key] += 2 if before == "of" and len(mention) > 4 and mention[4] in _PLACE_NOUNS else 1 if before in LOCATIVE else -1
        placey[key] += ner_labels.get(mention[1]) == "PLACE"  # the tagger itself once called it a place
        place_evidence[key] += (before in _PLACE_ONLY) + (ner_labels.get(mention[1]) == "PLACE")
        if len(mention) > 3:
            personish[key] += mention[3] in _PERSON_VERBS
            officeish[key] += mention[3] == OFFICE_CUE
        if len(mention) > 5:
            introduced[key] += mention[5] == OFFICE_CUE
    for mention in mentions:
        surface, ner_label = mention[0], mention[1]
        if ner_label not in ner_labels:
            continue
        name = clean_name(surface)
        if not name or not any(c.isalpha() for c in name):
            continue
        if ((ids := reg.lookup(name)) or (name.endswith("s") and (ids := reg.lookup(name[:-1])))) \
                and reg.entities[ids[0]].origin == "gazetteer":
            reg.entities[ids[0]].count += 1  # "Westmarchs" for "Westmarch's" is the same place
            continue
        title, bare = strip_title(name)
        if title and (ids := reg.lookup(bare)) and reg.entities[ids[0]].origin == "gazetteer":
            continue
        if _known_plus_common_words(reg, name, common_words):
            continue
        label = ner_labels[ner_label]
        if label in ("PERSON", "ORG", "OTHER") and not title and placey[key_of(name)] > 0 \
                and not (label == "PERSON" and officeish[key_of(name)]):
            label = "PLACE"  # "at Lornby Forge", "to Hale House": where, not who
        elif label in ("PLACE", "ORG", "OTHER") and placey[key_of(name)] <= 0 \
                and (personish[key_of(name)] >= 2 or introduced[key_of(name)]):
            label = "PERSON"  # "Hale realised ...", "Hale wrote ...", "the engineer Ned Brook": who, not where
        parts = bare.split()
        if len(parts) >= 2 and not title:
            # a name ending in a word for a place ("Lornby Castle"), a body of people ("the Lornby Guards"),
            # a law ("the Lornby Laws") or an undertaking ("the Hale Expedition") is one, whatever the tagger said (data)
            label = next((lab for heads, lab in _LABEL_BY_HEAD if parts[-1].lower() in heads), label)
        if len(parts) >= 3 and parts[0].lower() in _EVENT_HEADS and parts[1] == "of" and not title:
            label = "EVENT"  # "Battle of Dunmere", "Siege of Lornby": an event named after its place
        if len(parts) >= 2 and parts[-1].rstrip(".,").lower() in _SUFFIXES:
            parts, label = parts[:-1], "PERSON"  # a generational suffix: a person, the surname before it
            bare = " ".join(parts)
        if parts and _ROMAN.fullmatch(parts[-1]) and len(parts) >= 2:
            # "Aldric IV": a regnal number is not a surname, but it tells one king from another of his name
            persons.append({"first": parts[0], "last": parts[-1], "forms": Counter([bare] + ([name] if title else [])),
                            "title": Counter([title] if title else [])})
            continue
        if not parts or bare in _TITLE_WORDS:
            continue  # "the King" alone names a role, not a person
        if (label == "PERSON" or title) and not bare.islower():
            # "Hale inn", "General Hale at": a name ends where its capitals do ("ann hale" is all one slip, kept
            # whole), and at a small word no name holds ("Hale at Dunmere" is Hale, met at Dunmere)
            # ("Aldric the Bold": "the" and a capital name him too)
            parts = parts[:next((i for i, w in enumerate(parts) if i and w.islower() and w not in _PARTICLES
                                 and not (w == "the" and i + 1 < len(parts) and parts[i + 1][:1].isupper())),
                                len(parts))]
            while len(parts) > 1 and parts[-1].islower():
                parts = parts[:-1]
            bare = " ".join(parts)
        if label == "PERSON" and bare.isupper() and len(parts) == 1 and len(bare) >= 3:
            label = "ORG"  # an all-capitals code name is rarely a person
        if label == "PERSON" or title:
            if len(parts) >= 2:
                # the form as trimmed ("Rob Marsh", not the tagger's "Rob Marsh commanded")
                full = f"{title} {bare}" if title else bare
                # ("de Lornby" after a title: a surname with its particle, no first name)
                first = None if parts[0] in _PARTICLES else parts[0]
                persons.append({"first": first, "last": parts[-1], "forms": Counter([full, bare]),
                                "title": Counter([title] if title else [])})
            else:
                singles[(bare, title)] += 1
            continue
        k = key_of(name)
        rec = others.setdefault(k, {"name": name, "labels": Counter(), "forms": Counter()})
        rec["labels"][label] += 1
        rec["forms"][name] += 1

    people = _merge_people(persons)
    by_first: dict[str, list[dict]] = defaultdict(list)
    for p in people.records:
        if p["first"]:
            by_first[p["first"].lower()].append(p)
    for (single, title), n in singles.items():
        target = _person_for_surname(people, single)
        if target is None and (king := _main_regnal(by_first.get(single.lower(), ()))) is not None:
            target = king  # "(King) Aldric", where the sources name Aldric IV far more often than Aldric III
        if target is None and not title and len(by_first.get(single.lower(), ())) == 1:
            # "Rob", where the sources name one Rob in full (Rob Marsh): the same man.
            # Two Neds in full leave a lone "Ned" a person of his own.
            target = by_first[single.lower()][0]
        if target is None and not title and place_evidence[key_of(single)] >= 2 and personish[key_of(single)] < 2:
            rec = others.setdefault(key_of(single), {"name": single, "labels": Counter(), "forms": Counter()})
            rec["labels"]["PLACE"] += n
            rec["forms"][single] += n
            continue
        if target is None:
            target = {"first": None, "last": single, "forms": Counter(), "title": Counter()}
            people.append(target)
        target["forms"][single] += n
        if title:
            target["forms"][f"{title} {single}"] += n
            target["title"][title] += n
    # A single word the tagger called a place or group but that is spelt like a person's name is that person,
    # unless that "person" is one bare word the tagger called a place or group more often, and that does
    # nothing only people do ("the Lornby clans", "the Lornbys rose"): a word for a people, not a person.
    alike: dict[int, tuple[dict, list[str]]] = {}
    for k, rec in others.items():
        if " " not in k and (p := _person_for_surname(people, rec["name"], fuzzy_only=True)) is not None:
            alike.setdefault(id(p), (p, []))[1].append(k)
    for p, ks in alike.values():
        told = {k: sum(others[k]["forms"].values()) for k in ks}
        if not p["first"] and not p["title"] and sum(told.values()) > sum(p["forms"].values()) \
                and personish[key_of(p["last"])] < 2:
            rec = others[max(ks, key=told.get)]
            rec["forms"].update(p["forms"])
            if placey[key_of(rec["name"])] <= 0:
                rec["labels"] = Counter({"GROUP": 1})  # called a person, a place and a body by turns: none to swap
            people.remove(p)
            continue
        for k in ks:
            p["forms"][others[k]["name"]] += told[k]
            del others[k]

    for p in people.records:
        _add_person(reg, p)
    for k, rec in others.items():
        label = rec["labels"].most_common(1)[0][0]
        reg.add(Entity(f"{label.lower()}:{_slug(rec['name'])}", label, rec["forms"].most_common(1)[0][0],
                       list(rec["forms"]), count=sum(rec["forms"].values())))
    _link_acronyms(reg)
    _drop_run_together(reg)
    for long_form, short_form in pairs:
        ids = reg.lookup(clean_name(long_form)) or reg.lookup(clean_name(short_form))
        if ids:
            reg.add_alias(ids[0], clean_name(short_form))
            reg.add_alias(ids[0], clean_name(long_form))
        else:
            name = clean_name(long_form)
            reg.add(Entity(f"other:{_slug(name)}", "OTHER", name, [clean_name(short_form)], count=1))
    return reg


def learn_titles(reg: EntityRegistry, texts: Iterable[str]) -> None:
    """Add "President Hale" where a text puts a title before a known person's name."""
    people = {a: e.id for e in reg.entities.values() if e.label == "PERSON" for a in e.aliases + [e.name]
              if a[:1].isupper()}
    if not people:
        return
    rx = re.compile(rf"\b({_TITLE})\.?\s+"
                    rf"({'|'.join(re.escape(a) for a in sorted(people, key=len, reverse=True))})\b")
    for text in texts:
        for m in rx.finditer(text):
            reg.add_alias(people[m[2]], f"{m[1]} {m[2]}")


def learn_event_places(reg: EntityRegistry) -> None:
    """Add "Dunmere" for "the Battle of Dunmere" when nothing else the sources name is
    called that: writers name a battle or a siege by its place ("four days after Dunmere")."""
    heads = "|".join(re.escape(h) for h in _DATA["event_heads"])
    rx = re.compile(rf"(?:the\s+)?(?:{heads})\s+of\s+(?:the\s+)?([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*)", re.I)
    found: dict[str, list[str]] = defaultdict(list)
    for e in list(reg.entities.values()):
        if e.label not in ("EVENT", "OTHER"):
            continue
        for form in {e.name, *e.aliases}:
            m = rx.fullmatch(form.strip())
            if m and e.id not in found[m[1]]:
                found[m[1]].append(e.id)
    for place, ids in found.items():
        if len(ids) == 1 and not reg.lookup(place):
            reg.add_alias(ids[0], place)


def _known_plus_common_words(reg: EntityRegistry, name: str, common_words: set[str]) -> bool:
    """True for "Lornby Harbour Siege" when "Lornby Harbour" is known and "siege" is an ordinary word."""
    ws = name.split()
    for n in range(len(ws) - 1, 0, -1):
        head, tail = " ".join(ws[:n]), ws[n:]
        if reg.lookup(head) and all(w.lower() in common_words for w in tail):
            return True
        if reg.lookup(" ".join(ws[-n:])) and all(w.lower() in common_words for w in ws[:-n]):
            return True
    return False


def spelt_alike(a: str, b: str) -> bool:
    """One name, perhaps misspelt ("Westmarch", "Westmrach"): same first letter and close in spelling."""
    a, b = fold(a), fold(b)
    if a == b:
        return True
    return (a[:1] == b[:1] and min(len(a), len(b)) >= _DATA["fuzzy_min_length"]
            and fuzz.ratio(a, b) >= _DATA["fuzzy_min_ratio"])


def may_be_misspelt(word: str, name_word: str) -> bool:
    """Could ``word`` be a slip for ``name_word`` ("Lowrie" for "Lowry", "Odric" for "Ödric")? Looser than
    ``spelt_alike``: it only keeps a stranger's name from being taken for someone else."""
    a, b = fold(word).rstrip("."), fold(name_word).rstrip(".")
    if a == b:
        return True
    if a[:1] != b[:1] or min(len(a), len(b)) < 4:
        return False
    if min(len(a), len(b)) < _DATA["fuzzy_min_length"]:
        return Levenshtein.distance(a, b) <= 1  # "Fenne" for "Fenn"
    return fuzz.ratio(a, b) >= _DATA["slip_min_ratio"] or Levenshtein.distance(a, b) <= _DATA["slip_max_edits"]


def may_be_heard_as(word: str, name_word: str) -> bool:
    """Could ``word`` be ``name_word`` misspelt or spelt by ear ("Dunmero" for "Dunmerrowe")? Loosest of
    the three: a long shared beginning will do. It only keeps a named person from being taken for a rival."""
    a, b = fold(word).rstrip("."), fold(name_word).rstrip(".")
    if may_be_misspelt(a, b):
        return True
    shared = len(os.path.commonprefix([a, b]))
    return shared >= _DATA["slip_min_prefix"] and shared * 3 >= 2 * min(len(a), len(b))


def _compatible_first(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    a, b = a.rstrip(".").lower(), b.rstrip(".").lower()
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


class _People:
    """Person records in order, also found by the first letter of the surname.

    Every test of "the same surname" needs the same first letter, so a look-up reads only
    the records with that letter, in the same order as the whole list: the same answers
    as a scan of every record, without the cost growing with the number of people.
    """

    def __init__(self) -> None:
        self.records: list[dict] = []
        self._by_letter: dict[str, list[dict]] = defaultdict(list)

    def append(self, record: dict) -> None:
        self.records.append(record)
        self._by_letter[record["last"].lower()[:1]].append(record)

    def remove(self, record: dict) -> None:
        self.records = [r for r in self.records if r is not record]
        letter = self._by_letter[record["last"].lower()[:1]]
        letter[:] = [r for r in letter if r is not record]

    def with_initial_of(self, surname: str) -> list[dict]:
        return self._by_letter.get(surname.lower()[:1], [])


def _merge_people(persons: list[dict]) -> _People:
    """Join full-name records of one person; two first names on one surname stay two people."""
    merged = _People()
    for p in persons:
        for q in merged.with_initial_of(p["last"]):
            if spelt_alike(p["last"], q["last"]) and _compatible_first(p["first"], q["first"]) \
                    and (p["first"] and q["first"]):
                q["forms"].update(p["forms"])
                q["title"].update(p["title"])
                if len(p["first"]) > len(q["first"]):
                    q["first"] = p["first"]
                break
        else:
            merged.append({**p, "forms": Counter(p["forms"]), "title": Counter(p["title"])})
    return merged


def _main_regnal(people: list[dict]) -> dict | None:
    """The king a lone first name stands for, when all the sources' full names of it are kings': the one
    king of that name, or of several the one named at least twice as often as any other (a topic's own
    king, beside his father)."""
    if not people or not all(p["last"] and _ROMAN.fullmatch(p["last"]) for p in people):
        return None
    if len(people) == 1:
        return people[0]
    ranked = sorted(people, key=lambda p: sum(p["forms"].values()), reverse=True)
    top, nxt = (sum(p["forms"].values()) for p in ranked[:2])
    return ranked[0] if top >= 2 * nxt else None


def _person_for_surname(people: _People, word: str, fuzzy_only: bool = False) -> dict | None:
    """The one person a lone surname (or a misspelling of it) can name, else None."""
    candidates = people.with_initial_of(word)
    exact = [p for p in candidates if p["last"].lower() == word.lower()]
    if exact and not fuzzy_only:
        return max(exact, key=lambda p: sum(p["forms"].values()))
    if exact:
        return exact[0]
    close = [p for p in candidates if spelt_alike(p["last"], word)]
    return close[0] if len({id(p) for p in close}) == 1 else None


def _add_person(reg: EntityRegistry, p: dict) -> None:
    forms = p["forms"]
    full = [f for f in forms if len(strip_title(f)[1].split()) >= 2]
    name = max(full, key=lambda f: (len(strip_title(f)[1].split()), f[:1].isupper(), forms[f])) if full else \
        max(forms, key=lambda f: (f[:1].isupper(), forms[f]))
    name = strip_title(name)[1]
    last = name.split()[-1]
    # The most used spelling of the surname wins over a slip.
    surname_forms = Counter({strip_title(f)[1].split()[-1]: n for f, n in forms.items()})
    aliases = set(forms)
    for f in list(forms):
        t, bare = strip_title(f)
        parts = bare.split()
        aliases.add(parts[-1])
        if t:
            aliases.add(f"{t} {parts[-1]}")
    for t in p["title"]:
        aliases.add(f"{t} {last}")
    parts = name.split()
    if len(parts) >= 3:
        initials = "".join(w[0] for w in parts if w[0].isupper())
        aliases.update({initials, ".".join(initials) + "."})
    base = surname_forms.most_common(1)[0][0] if surname_forms else last
    eid = f"person:{_slug(name)}"
    while eid in reg.entities:
        eid += "-2"
    reg.add(Entity(eid, "PERSON", name, sorted(aliases - {name}), count=sum(forms.values())))
    if base != last:
        reg.add_alias(eid, base)


def _drop_run_together(reg: EntityRegistry) -> None:
    """Remove a learned name that is two known names side by side ("In Westmarch Hale had...")."""
    for e in list(reg.entities.values()):
        ws = e.name.split()
        if e.origin != "learned" or e.label == "PERSON" or len(ws) < 2:
            continue
        for n in range(1, len(ws)):
            left = [i for i in reg.lookup(" ".join(ws[:n])) if i != e.id]
            right = [i for i in reg.lookup(" ".join(ws[n:])) if i != e.id]
            if left and right:
                reg.remove(e.id)
                break


def _link_acronyms(reg: EntityRegistry) -> None:
    """Join an acronym entity to the multi-word entity whose initials it spells ("NWC")."""
    by_initials: dict[str, str] = {}
    for e in reg.entities.values():
        for form in [e.name, *e.aliases]:
            ws = [w for w in form.split() if w[:1].isupper()]
            if len(ws) >= 2:
                by_initials.setdefault("".join(w[0] for w in ws), e.id)
    for e in list(reg.entities.values()):
        if e.origin != "learned" or not _is_acronym(e.name):
            continue
        target = by_initials.get(e.name.replace(".", ""))
        if target and target != e.id and target in reg.entities:
            for a in [e.name, *e.aliases]:
                reg.add_alias(target, a)
            reg.entities[target].count += e.count
            reg.remove(e.id)
