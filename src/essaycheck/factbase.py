"""The fact base: every statement of the sources, with its date, entities, numbers and evidence."""
from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable

from spacy.language import Language

from .analysis import Analysis, Clause, analyse
from .dates import DateMention, TimeValue, agree as dates_agree, differing_fields
from .entities import (OFFICE_CUE, Entity, EntityMention, EntityRegistry, learn_event_places, learn_registry, learn_titles, load_gazetteer,
                       rename_pairs, title_pairs)
from .quantities import Quantity, agree as quantities_agree, comparable

SCHEMA = "essaycheck.factbase/1"
#: Words for what people are ("engineer", "director"): a name they stand beside is a person's.
_OFFICE_HEADS = frozenset(json.loads(resources.files("essaycheck.data").joinpath("roles.json").read_text("utf-8"))["heads"])
_PAREN_ALIAS = re.compile(r"\b((?:[A-Za-z][\w'-]*\s+){0,5}[A-Za-z][\w'-]*)\s+\(([A-Z][\w.-]{1,15})\)")


def _office_after(doc, end: int) -> str:
    """OFFICE_CUE when an office follows the name in apposition ("Ned Brook, a Lornby engineer, ..."): a
    name given an office is a person's."""
    if end >= len(doc) or doc[end].text != ",":
        return ""
    for t in doc[end + 1:end + 6]:
        if t.text in (",", ".", ";"):
            break
        if t.pos_ == "NOUN" and t.lemma_.lower() in _OFFICE_HEADS:
            return OFFICE_CUE
    return ""


def _office_before(doc, start: int) -> str:
    """OFFICE_CUE when the name follows an office as its apposition ("the engineer Ned Brook", "the
    young engineer Ned Brook"): a name so introduced is a person's."""
    if start < 2 or doc[start - 1].pos_ != "NOUN" or not doc[start - 1].is_lower:
        return ""
    if doc[start - 1].lemma_.lower() not in _OFFICE_HEADS:
        return ""
    k = start - 2
    while k >= 0 and doc[k].pos_ == "ADJ":
        k -= 1
    return OFFICE_CUE if k >= 0 and doc[k].lower_ in ("the", "a", "an", "his", "her", "their", "its") else ""


def _verb_after(doc, end: int) -> str:
    """The lemma of the verb right after a name, past adverbs ("Hale still held"), or ""."""
    for t in doc[end:end + 3]:
        if t.pos_ == "ADV":
            continue
        return t.lemma_.lower() if t.pos_ == "VERB" else ""
    return ""


def _paren_pairs(text: str) -> list[tuple[str, str]]:
    """Alias pairs a text states as "long name (SHORT)": the long name is the words the short one abbreviates."""
    pairs = []
    for m in _PAREN_ALIAS.finditer(text):
        short, ws = m[2], m[1].split()
        letters = [c.lower() for c in short if c.isupper()] or [short[0].lower()]
        n = len(letters)
        if len(ws) >= n and [w[0].lower() for w in ws[-n:]] == letters:
            pairs.append((" ".join(ws[-n:]), short))
    return pairs


@dataclass
class Source:
    """One source document as read, with the title a student knows it by and, for a dated
    document (a letter, a diary entry), the day it was written."""

    name: str
    text: str
    given_title: str | None = None
    date: str | None = None  # YYYY-MM-DD: the context of its undated "on Tuesday", "yesterday"

    @property
    def title(self) -> str:
        """The pack's title for it, else its first line when that reads as a title, else its file name
        in words ("Source 2" for a name that is only a number and a hash)."""
        if self.given_title:
            return self.given_title
        return _title_of(self.name, self.text)


@lru_cache(maxsize=256)
def _title_of(name: str, text: str) -> str:
    """A source's title from its first line or file name (kept: every finding names its source)."""
    first = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    if first and len(first) <= 80 and not first.endswith((".", ",", ";")):
        return first.rstrip(":")
    stem = Path(name).stem
    number = re.match(r"^(\d+)_", stem)
    stem = re.sub(r"^\d+_", "", stem)
    if number and re.fullmatch(r"[0-9a-f]{8,}", stem):
        return f"Source {int(number[1]) + 1}"
    return re.sub(r"[_-]+", " ", stem).strip().capitalize() or name


@dataclass
class Evidence:
    """Where a fact was stated: the source, the sentence's offsets and its text."""

    source: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict:
        return {"source": self.source, "start": self.start, "end": self.end, "text": self.text}


@dataclass
class Reading:
    """One source's version of a fact, kept apart so disagreements stay visible."""

    source: str
    clause: Clause
    sentence: tuple[int, int]
    context_date: DateMention | None  # the date the source was narrating when it said this


@dataclass
class Fact:
    """A statement of the sources about one event."""

    id: str
    text: str
    readings: list[Reading]
    key: bool = False  # whether the event it belongs to is a key fact
    key_override: bool | None = None  # a teacher's choice, which the automatic one never overrides
    summary: str | None = None
    date_override: TimeValue | None = None
    order: int = 0
    conflicts: list[dict] = field(default_factory=list)

    @property
    def clause(self) -> Clause:
        return self.readings[0].clause

    @property
    def keys(self) -> list[str]:
        seen: dict[str, None] = {}
        for r in self.readings:
            seen.update(dict.fromkeys(r.clause.keys))
        return list(seen)

    @property
    def entity_ids(self) -> frozenset[str]:
        kept = self.__dict__.get("_entity_ids")  # kept until another reading is merged in
        if kept is None or kept[0] != len(self.readings):
            kept = self.__dict__["_entity_ids"] = (len(self.readings),
                                                   frozenset().union(*(r.clause.entity_ids for r in self.readings)))
        return kept[1]

    @property
    def verbs(self) -> frozenset[str]:
        """What happened, as keys of the readings' verbs (kept until the readings change)."""
        kept = self.__dict__.get("_verbs")
        if kept is None or kept[0] != len(self.readings):
            kept = self.__dict__["_verbs"] = (len(self.readings),
                                              frozenset().union(*(r.clause.verbs for r in self.readings)))
        return kept[1]

    @property
    def detail_keys(self) -> set[str]:
        """Its numbers and dates as matchable keys (see ``Clause.detail_keys``)."""
        return set().union(*(r.clause.detail_keys() for r in self.readings))

    @property
    def dates(self) -> list[TimeValue]:
        """Every reading's own date for this event (several when the sources disagree)."""
        if self.date_override is not None:
            return [self.date_override]
        kept = self.__dict__.get("_dates")  # asked for on every comparison: kept until the readings change
        if kept is None or kept[0] != len(self.readings):
            out: list[TimeValue] = []
            for r in self.readings:
                for m in r.clause.dates:
                    if m.resolved and not m.bound and m.value not in out \
                            and not (m.relative and r.clause.restates(m)):  # "three days later, on 6 May": the 6th
                        out.append(m.value)
            kept = self.__dict__["_dates"] = (len(self.readings), tuple(out))
        return list(kept[1])

    @property
    def date(self) -> TimeValue | None:
        ds = self.dates
        return ds[0] if ds else None

    @property
    def timeline_date(self) -> TimeValue | None:
        """Its own date, else the date its source was narrating: enough to order events."""
        if self.date is not None:
            return self.date
        ctx = next((r.context_date for r in self.readings if r.context_date is not None), None)
        return ctx.value if ctx is not None else None

    @property
    def quantities(self) -> list[Quantity]:
        return [q for r in self.readings for q in r.clause.quantities]

    @property
    def evidence(self) -> list[Evidence]:
        """The clause each source stated the fact in."""
        return [Evidence(r.source, r.clause.start, r.clause.end, r.clause.text) for r in self.readings]

    def sentence_evidence(self, sources: dict[str, Source]) -> list[Evidence]:
        """The whole source sentence(s) the fact was stated in."""
        out = []
        for r in self.readings:
            s, e = r.sentence
            out.append(Evidence(r.source, s, e, sources[r.source].text[s:e]))
        return out

    def to_dict(self, registry: EntityRegistry, sources: dict[str, Source]) -> dict:
        d = {
            "id": self.id,
            "text": self.text,
            "summary": self.summary or summarise(self.text),
            "key": self.key,
            "date": self.date.to_dict() if self.date else None,
            "date_mentions": [m.to_dict() for r in self.readings for m in r.clause.dates],
            "entities": [{"id": i, "name": registry.name(i), "label": registry.label(i)}
                         for i in sorted(self.entity_ids)],
            "numbers": [q.to_dict() for q in self.quantities],
            "keys": self.keys,
            "evidence": [e.to_dict() for e in self.evidence],
            "sentences": [e.to_dict() for e in self.sentence_evidence(sources)],
        }
        if self.conflicts:
            d["conflicts"] = self.conflicts
        if self.date_override is not None:
            d["date_corrected"] = True
        return d


@dataclass
class FactBase:
    """All facts of an assignment, the entity registry they use, and key-word weights."""

    sources: dict[str, Source]
    facts: list[Fact]
    registry: EntityRegistry
    analyses: dict[str, Analysis] = field(default_factory=dict)
    day_first: bool = True
    events: list = field(default_factory=list)  # events.Event: the facts grouped as a teacher lists them

    def __post_init__(self) -> None:
        self.reweigh()
        self.regroup()

    def regroup(self) -> None:
        """Group the facts into events and choose the key ones (after any change to the facts)."""
        from .events import group
        self.events = group(self)

    def reweigh(self) -> None:
        """Recompute word weights: a word many facts share says less about which event is meant."""
        df: Counter = Counter()
        group = self.registry.clusters()
        for f in self.facts:
            df.update(set(f.keys) | {f"@{group.get(i, i)}" for i in f.entity_ids} | {f"@{k}" for k in f.detail_keys})
        n = max(len(self.facts), 1)
        self._idf = {k: math.log(1 + n / c) for k, c in df.items()}
        self._max_idf = math.log(1 + n)

    def weight(self, key: str) -> float:
        return self._idf.get(key, self._max_idf)

    @property
    def weights(self) -> dict[str, float]:
        """Every known key's weight; a key no fact has weighs ``unknown_weight``."""
        return self._idf

    @property
    def unknown_weight(self) -> float:
        return self._max_idf

    def known(self, key: str) -> bool:
        return key in self._idf

    def get(self, fact_id: str) -> Fact | None:
        return next((f for f in self.facts if f.id == fact_id), None)

    @property
    def conflicts(self) -> list[dict]:
        return [{"fact": f.id, **c} for f in self.facts for c in f.conflicts]

    def to_dict(self) -> dict:
        return {
            "schema": SCHEMA,
            "sources": [{"name": s.name, "characters": len(s.text)} for s in self.sources.values()],
            "entities": self.registry.to_data(),
            "facts": [f.to_dict(self.registry, self.sources) for f in self.facts],
            "events": [{"id": e.id, "summary": e.summary, "prompt": e.prompt, "key": e.key,
                        "date": e.date.value if e.date else None, "facts": e.fact_ids} for e in self.events],
            "conflicts": self.conflicts,
        }


_LEADING = re.compile(r"^[\s,;:]*(?:(?:and|but|so|while|as|which|who|because|when|where|although|though|yet|"
                      r"whereas)\b[\s,]*)?", re.I)


def summarise(text: str) -> str:
    """A clause as a stand-alone line: "and the NWC grew" reads "The NWC grew"."""
    t = _LEADING.sub("", text).strip().rstrip(",;:")
    return t[:1].upper() + t[1:] if t else text.strip()


def fact_id(source: str, text: str) -> str:
    """A stable id from the statement's words, so overrides survive edits elsewhere in a source."""
    norm = re.sub(r"\W+", " ", text.lower()).strip()
    return "f" + hashlib.sha1(f"{Path(source).stem}|{norm}".encode()).hexdigest()[:7]


def build_factbase(nlp: Language, sources: list[Source], gazetteer_path: Path | None = None,
                   extra_entities: Iterable[Entity] = (), extra_aliases: dict[str, list[str]] | None = None,
                   day_first: bool = True) -> FactBase:
    """Build the fact base of a set of sources: discover entities, then read every clause."""
    undated = [i for i, s in enumerate(sources) if not s.date]
    docs: list = [None] * len(sources)
    for i, doc in zip(undated, nlp.pipe((sources[i].text for i in undated), batch_size=4,
                                        component_cfg={"essaycheck_dates": {"day_first": day_first}})):
        docs[i] = doc
    for i, s in enumerate(sources):
        if s.date:  # a dated document: its "yesterday" counts from the day it was written
            docs[i] = nlp(s.text, component_cfg={"essaycheck_dates": {"day_first": day_first,
                                                                      "document_date": s.date}})
    mentions = [(e.text, e.label_, doc[e.start - 1].text if e.start else "", _verb_after(doc, e.end) or _office_after(doc, e.end),
                 doc[e.start - 2].lower_ if e.start > 1 else "", _office_before(doc, e.start)) for doc in docs for e in doc.ents]
    pairs = [p for s in sources for p in _paren_pairs(s.text) + rename_pairs(s.text) + title_pairs(s.text)]
    common = {t.text for doc in docs for t in doc if t.is_alpha and t.text.islower()}
    registry = learn_registry(mentions, load_gazetteer(gazetteer_path), pairs, common)
    learn_titles(registry, (s.text for s in sources))
    learn_event_places(registry)
    for e in extra_entities:
        registry.add(e)
    for target, forms in (extra_aliases or {}).items():
        ids = [target] if target in registry.entities else registry.lookup(target)
        if not ids:
            registry.add(Entity(f"pack:{re.sub(r'[^a-z0-9]+', '-', target.lower())}", "OTHER", target, list(forms),
                                origin="pack"))
            continue
        for form in forms:
            registry.add_alias(ids[0], form)
    entity_pipe = nlp.get_pipe("essaycheck_entities")
    analyses: dict[str, Analysis] = {}
    readings: list[Reading] = []
    for src, doc in zip(sources, docs):
        entity_pipe(doc, registry=registry)
        a = analyse(doc)
        _resolve_it(a)
        analyses[src.name] = a
        last_date: DateMention | None = None
        last_fact: Clause | None = None
        in_past = _told_in_the_past(a)
        for c in a.clauses:
            own = next((m for m in c.dates if m.resolved), None)
            if _is_fact(c, registry) or _goes_on(c, last_fact):
                # in a source told in the past, a clause in the present ("hydrogen burns easily") is
                # always so: not an event of the day the source was telling
                told = own or (None if in_past and _present(c) else last_date)
                readings.append(Reading(src.name, c, a.sentences[c.sentence], told))
                last_fact = c
            if own is not None:
                # "recalled Brook on 16 July and, the following day, travelled to Lornby, where ...": the
                # narrative has moved on to the clause's last date
                last_date = [m for m in c.dates if m.resolved][-1]
    facts = _merge(readings, registry)
    return FactBase({s.name: s for s in sources}, facts, registry, analyses, day_first)


def _goes_on(c: Clause, prev: Clause | None) -> bool:
    """Is the clause the same subject's next act, in the sentence of a fact ("Hale rode to the
    crowd, and persuaded them to go home")? Then it is a fact too, though it names no one."""
    if prev is None or prev.sentence != c.sentence or not c.keys:
        return False
    first = next((t for t in c.tokens if t.pos not in ("PUNCT", "CCONJ", "ADV")), None)
    return first is not None and first.finite


def _present(c: Clause) -> bool:
    """Is the clause's first finite verb in the present tense ("burns", "lie")?"""
    first = next((t for t in c.tokens if t.finite), None)
    return first is not None and first.tag in ("VBZ", "VBP")


def _told_in_the_past(a: Analysis) -> bool:
    """Does the source tell its story in the past tense, not in the present of a timeline or notes
    ("4 June: the army lands")? Most of its clauses decide."""
    tags = [t.tag for c in a.clauses for t in c.tokens if t.finite]
    return sum(t == "VBD" for t in tags) > 2 * sum(t in ("VBZ", "VBP") for t in tags)


def _is_fact(c: Clause, registry: EntityRegistry) -> bool:
    """A clause says something checkable: content words plus an entity, a date or a number."""
    if c.text.rstrip().endswith(":") and not c.dates:
        return False  # a heading such as "Effects of the invasion:"
    # "He was 32 years old": the person "he" stands for (see analysis) counts as named
    weight = len(c.keys) + len(c.entity_ids | c.implied_entities) + len(c.quantities) + sum(m.resolved for m in c.dates)
    # "Winter 1871-72: the Burning of Dunmere": a named event with its date says something too
    named_event = any(registry.label(i) in ("EVENT", "ORG", "OTHER") for i in c.entity_ids) \
        and any(m.resolved for m in c.dates)
    return weight >= 2 and bool(c.keys or c.quantities or named_event)


def _match_keys(c: Clause) -> set[str]:
    """A clause's words, entities ("@id"), dates and numbers: what merging compares."""
    return set(c.keys) | {f"@{i}" for i in c.entity_ids} | c.detail_keys()


def _likeness(a: Clause, b: Clause, weight) -> tuple[float, float]:
    """By weight: how much of the shorter clause the longer one holds, and how alike the two are (0..1 each)."""
    fa, fb = _match_keys(a), _match_keys(b)
    wa, wb = sum(weight(k) for k in fa), sum(weight(k) for k in fb)
    if not wa or not wb:
        return 0.0, 0.0
    shared = sum(weight(k) for k in fa & fb)
    return shared / min(wa, wb), 2 * shared / (wa + wb)


def _merge(readings: list[Reading], registry: EntityRegistry) -> list[Fact]:
    """One fact per event: a reading from another source that tells the same event joins it."""
    df: Counter = Counter()
    for r in readings:
        df.update(_match_keys(r.clause))
    n = max(len(readings), 1)
    weight = lambda k: math.log(1 + n / df.get(k, 1))  # noqa: E731
    facts: list[Fact] = []
    holding: dict[str, list[int]] = {}  # match key -> the places in ``facts`` of the facts whose clause has it
    for r in readings:
        best, best_score = None, 0.0
        mine = _match_keys(r.clause)
        # A fact sharing no key holds none of the reading (``_likeness`` 0): only those sharing one are asked.
        for i in sorted({i for k in mine for i in holding.get(k, ())}):
            f = facts[i]
            if any(x.source == r.source for x in f.readings):
                continue  # one source does not tell the same event twice in a row
            if not _same_event(f.clause, r.clause) or _names_differ(f.clause, r.clause, registry) \
                    or _told_of_other_days(f.readings[0], r):
                continue
            held, alike = _likeness(f.clause, r.clause, weight)
            if held >= 0.6 and alike >= 0.35 and held + alike > best_score:
                best, best_score = f, held + alike
        if best is not None:
            best.readings.append(r)
            _record_conflicts(best, registry)
            continue
        for k in mine:
            holding.setdefault(k, []).append(len(facts))
        facts.append(Fact(fact_id(r.source, r.clause.text), r.clause.text, [r], order=len(facts)))
    seen: Counter = Counter()
    for f in facts:  # the same words twice in one source still need two ids
        seen[f.id] += 1
        if seen[f.id] > 1:
            f.id = f"{f.id}-{seen[f.id]}"
    return facts


def _same_event(a: Clause, b: Clause) -> bool:
    """Two readings can tell one event: the same thing happens, at dates that are equal or nearly so.

    Both must share a verb, or, where one has none (a note such as "Boats: only 20"),
    two words. Dates far apart mean two events even with the same words ("started
    shipping grain in May 1869", "learned of the shipment in July 1871").
    """
    shared = set(a.keys) & set(b.keys)
    if a.verbs and b.verbs:
        if not a.verbs & b.verbs:
            return False
    elif len(shared) < 2:
        return False
    da = [m.value for m in a.dates if m.resolved]
    db = [m.value for m in b.dates if m.resolved]
    if da and db and not any(dates_agree(x, y) for x in da for y in db):
        # Different dates: one event told two ways only if the dates are one slip apart
        # and the words match closely; otherwise these are two events.
        if not any(_one_field_apart(x, y) for x in da for y in db) or len(shared) < 2:
            return False
    return bool(shared)


def _resolve_it(a) -> None:
    """In a source, a sentence that opens "It was ..." right after a sentence whose subject is a name
    ("Lornby had been a target from the start. It was finally taken on 27 May") is about that name: the
    name is added to the clause (its entity, or its word where the tagger found none), so a claim that
    names it ("Lornby fell on 27 June") meets the fact. Only a name as the whole subject, never a
    person's, and only the next sentence: "it" stands for too many things to be followed further."""
    first_of: dict[int, Clause] = {}
    for c in a.clauses:
        first_of.setdefault(c.sentence, c)
    for c in a.clauses:
        if first_of.get(c.sentence) is not c or c.sentence - 1 not in first_of or len(c.tokens) < 3:
            continue
        toks = c.tokens
        if toks[0].lower != "it":
            continue
        if not (toks[1].finite or (toks[1].pos == "ADV" and toks[2].finite)):
            continue
        prev = first_of[c.sentence - 1]
        verb = next((i for i, t in enumerate(prev.tokens) if t.finite), None)
        if verb is None or verb == 0:
            continue
        subject = [t for t in prev.tokens[:verb] if t.lower != "the"]
        if not subject or any(t.pos != "PROPN" for t in subject):
            continue
        lo, hi = subject[0].start, subject[-1].end
        named = [m for m in prev.entities if m.start <= lo and hi <= m.end]
        if any(m.label == "PERSON" for m in named):
            continue  # "it" is never a person: "Hale saw that the siege had failed. It was lifted ..."
        named = [m for m in named if m.entity_id]
        it = toks[0]
        if named:
            m = named[0]
            c.entities.append(EntityMention(c.text[it.start - c.start:it.end - c.start], it.start, it.end,
                                            m.entity_id, m.label))
        elif len(subject) == 1 and subject[0].key and subject[0].key not in c.key_spans:
            c.keys.append(subject[0].key)
            c.key_spans[subject[0].key] = (it.start, it.end)


def _told_of_other_days(a: Reading, b: Reading) -> bool:
    """Does a reading with no date of its own come where its source narrates a day far from the day the
    other reading gives ("... only 40 came back the next day" of 2 May; "... fewer than 300 came back
    afterwards" told of 20 May)? Two events told in the same words. (Two dates of
    their own are weighed by ``_same_event``, which lets a slip of one field pass.)"""
    def day(r: Reading):
        own = next((m for m in r.clause.dates if m.resolved), None)
        return (own or r.context_date), own is not None
    (x, own_x), (y, own_y) = day(a), day(b)
    if own_x == own_y or x is None or y is None or x.value is None or y.value is None:
        return False  # (two days only narrated say too little: notes and prose order a story differently)
    return dates_agree(x.value, y.value) is False


def _names_differ(a: Clause, b: Clause, registry: EntityRegistry) -> bool:
    """Does each reading name a different person, or a different place?

    "Hale asked for troops to be placed in Westmarch" and "the NWC had placed troops in
    Eastholm" share what happened but not where: two events. "Hale had failed" and
    "Westmarch lifted the siege" name a person and a country: no clash.
    """
    only_a, only_b = a.entity_ids - b.entity_ids, b.entity_ids - a.entity_ids
    return any(any(registry.label(e) == label for e in only_a) and any(registry.label(e) == label for e in only_b)
               for label in ("PERSON", "PLACE"))


def _one_field_apart(a: TimeValue, b: TimeValue) -> bool:
    """Dates that differ in just the day, the month or the year (by one): a slip, not another event."""
    return len(differing_fields(a, b) or ()) == 1 and abs((a.year or 0) - (b.year or 0)) <= 1


def _record_conflicts(f: Fact, registry: EntityRegistry) -> None:
    f.conflicts = []
    dated = [(r.source, m) for r in f.readings for m in r.clause.dates if m.resolved]
    for i, (sa, ma) in enumerate(dated):
        for sb, mb in dated[i + 1:]:
            if sa != sb and dates_agree(ma.value, mb.value) is False:
                f.conflicts.append({"field": "date", "readings": [
                    {"source": sa, "text": ma.text, "value": ma.value.value},
                    {"source": sb, "text": mb.text, "value": mb.value.value}]})
    qs = [(r.source, q) for r in f.readings for q in r.clause.quantities]
    for i, (sa, qa) in enumerate(qs):
        for sb, qb in qs[i + 1:]:
            if sa != sb and comparable(qa, qb) and quantities_agree(qa, qb) is False:
                f.conflicts.append({"field": "number", "readings": [
                    {"source": sa, "text": qa.text, "value": qa.value},
                    {"source": sb, "text": qb.text, "value": qb.value}]})
