"""Events: the facts of the sources grouped the way a teacher lists them.

The checker compares claims with facts, one clause of a source each; a teacher thinks
in events ("16 Oct 1871: Hale is told of the army camps"). An event is a fact
with the clauses that only add to it (", which Westmarch felt was unacceptable"),
the undated sentence that leans on it with a pronoun ("Its plan was to overthrow the
Hale government."), and the same event as another source tells it. Events are what
coverage counts, what key facts are chosen from and what a student is shown as missed,
with a summary that reads on its own and a question that does not give the answer away.

Written here because no library groups clauses into events for this use; the words
it relies on are in ``data/events.toml``.
"""
from __future__ import annotations

import math
import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import TYPE_CHECKING

from . import thesaurus
from .dates import TimeValue, agree

if TYPE_CHECKING:
    from .analysis import Clause
    from .factbase import Evidence, Fact, FactBase

WORDS: dict = tomllib.loads(resources.files("essaycheck.data").joinpath("events.toml").read_text("utf-8"))
_RELATIVES = set(WORDS["join"]["relatives"])
_LEANING = set(WORDS["join"]["leaning"])
_PERSON = set(WORDS["join"]["person"])
_LEAD_JUNK = re.compile(r"^[\s,;:\-\u2013\u2014\u2022*]*(?:(?:and|but|so|then|while|as|because|although|though|yet|"
                        r"whereas|however|meanwhile)\b(?!\s+of\b)[\s,]*)*", re.I)
_EDGE = " ,;:.-()[]\u2013\u2014"
_DATE_LEAD = re.compile(r"(?:\b(?P<hedge>around|about|circa|roughly|approximately)\s+)?"
                        r"(?:\b(?:on|in|at|by|during|from|of)\s+)?(?:the\s+)?(?:(?:morning|afternoon|evening|night|"
                        r"early\s+hours|spring|summer|autumn|winter)\s+of\s+)?(?:the\s+)?$", re.I)


@dataclass
class Event:
    """One event of the sources: its facts (the first is its lead), whether it is key, how it reads."""

    facts: list[Fact]
    key: bool = False
    summary: str = ""
    prompt: str = ""
    score: int = 0

    @property
    def lead(self) -> Fact:
        # asked for on every coverage lookup: kept until the event's facts change
        kept = self.__dict__.get("_lead")
        if kept is None or kept[0] != len(self.facts):
            kept = self.__dict__["_lead"] = (len(self.facts),
                                             next((f for f in self.facts if _own_date(f.clause)), self.facts[0]))
        return kept[1]

    @property
    def id(self) -> str:
        return self.lead.id

    @property
    def fact_ids(self) -> list[str]:
        return [f.id for f in self.facts]

    @property
    def date(self) -> TimeValue | None:
        return self.lead.date

    @property
    def sources(self) -> set[str]:
        return {r.source for f in self.facts for r in f.readings}

    @property
    def entity_ids(self) -> set[str]:
        return set().union(*(f.entity_ids for f in self.facts))

    @property
    def evidence(self) -> list[Evidence]:
        return [e for f in self.facts for e in f.evidence]


# -- grouping -----------------------------------------------------------------------------------

def group(fb: FactBase) -> list[Event]:
    """The events of a fact base, in the order the sources tell them, with summaries, prompts and key choice."""
    events: list[Event] = []
    for source in fb.sources:
        text = fb.sources[source].text
        last: Event | None = None
        last_clause: Clause | None = None
        for f in sorted((f for f in fb.facts if f.readings[0].source == source), key=lambda f: f.clause.start):
            c = f.clause
            if last is not None and last_clause is not None and _joins(c, last_clause, last, text):
                last.facts.append(f)
            else:
                last = Event([f])
                events.append(last)
            last_clause = c
    events = _merge_across_sources(events, fb)
    for e in events:
        e.summary = summary(e, fb)
        e.prompt = prompt(e, fb)
    choose_key(events, fb)
    return events


def _own_date(c: Clause) -> bool:
    return any(m.resolved and not m.bound for m in c.dates)


def _joins(c: Clause, prev: Clause, event: Event, text: str) -> bool:
    """Does clause ``c`` only add to the event before it?"""
    if len(event.facts) >= WORDS["join"]["max_facts"] or _own_date(c):
        return False
    first = _first_word(c.text)
    if c.sentence == prev.sentence:
        return first in _RELATIVES or not _has_subject(c)
    # another sentence: kept with the last one when it leans on it, in the same paragraph
    return first in _LEANING and "\n\n" not in text[prev.end:c.start] and not c.dates


def _first_word(s: str) -> str:
    m = re.search(r"[A-Za-z']+", _LEAD_JUNK.sub("", s))
    return m.group().lower() if m else ""


def _has_subject(c: Clause) -> bool:
    """A noun, name or pronoun before the clause's first finite verb: it says who did what."""
    for t in c.tokens:
        if t.finite:
            return False
        if t.pos in ("NOUN", "PROPN", "PRON") and t.lower not in _RELATIVES:
            return True
    return False


def _merge_across_sources(events: list[Event], fb: FactBase) -> list[Event]:
    """The same event told by two sources becomes one, with both pieces of evidence."""
    weight = _weights(events)
    out: list[Event] = []
    keys: dict[int, set[str]] = {}  # id(event) -> _keys(event), kept up to date as events grow
    holding: dict[str, list[int]] = {}  # key -> the places in ``out`` of the events that have it
    for e in events:
        keys[id(e)] = _keys(e)
        best, best_score = None, 0.0
        # Only events sharing a key can be the same one: the index keeps this linear in the sources.
        for i in sorted({i for k in keys[id(e)] for i in holding.get(k, ())}):
            o = out[i]
            if o.sources & e.sources:
                continue
            s = _sameness(o, e, weight, keys[id(o)], keys[id(e)])
            if s > best_score:
                best, best_score = (i, o), s
        if best is not None:
            i, o = best
            o.facts.extend(e.facts)
            grown = _keys(o)
            for k in grown - keys[id(o)]:
                holding.setdefault(k, []).append(i)
            keys[id(o)] = grown
        else:
            for k in keys[id(e)]:
                holding.setdefault(k, []).append(len(out))
            out.append(e)
    return out


def _keys(e: Event) -> set[str]:
    """Its words, names and numbers ("#people:7000"): what two tellings of one event share."""
    return {k for f in e.facts for k in f.keys} | {f"@{i}" for i in e.entity_ids} \
        | {"#" + k.split(":", 1)[-1] for f in e.facts for k in f.detail_keys if k.startswith("#")}


def _weights(events: list[Event]):
    df: Counter = Counter()
    for e in events:
        df.update(_keys(e))
    n = max(len(events), 1)
    known = {k: math.log(1 + n / c) for k, c in df.items()}
    unknown = math.log(1 + n)
    return lambda k: known.get(k, unknown)


def _sameness(a: Event, b: Event, weight, ka: set[str], kb: set[str]) -> float:
    """How surely two events are one: 0 when not, else the share of the smaller one the other holds
    (``ka`` and ``kb`` are their ``_keys``)."""
    da, db = a.date, b.date  # their own dates: the date a notes line sits under may be another event's
    shared = ka & kb
    if not shared:
        return 0.0
    if da is not None and db is not None and (agree(da, db) is not True or da.granularity != db.granularity):
        return 0.0
    held = sum(weight(k) for k in shared) / max(min(sum(weight(k) for k in ka), sum(weight(k) for k in kb)), 1e-9)
    va, vb = set().union(*(f.verbs for f in a.facts)), set().union(*(f.verbs for f in b.facts))
    # the same act in other words counts: "Brook is executed", "Brook was beheaded"
    verbs = va & vb or {x for x in va for y in vb if thesaurus.closeness(x, y)}
    if da is not None and db is not None:
        if da.granularity == "day":
            # the same day: one shared act or two shared words or names is the same event
            return held if verbs or len(shared) >= 2 else 0.0
        return held if verbs and len(shared) >= 2 and held >= 0.4 else 0.0
    numbers = {k for k in shared if k.startswith("#")}
    if numbers:  # "about 7,000 people made homeless", "7,000 of Lornby's 8,000 inhabitants were left homeless"
        return held if len(shared) >= 2 and held >= 0.5 else 0.0
    return held if verbs and held >= 0.6 and len(shared) >= 3 else 0.0


# -- how an event reads --------------------------------------------------------------------------

def _date_text(v: TimeValue, short: bool) -> str | None:
    if v.granularity == "day" and v.complete:
        return date(v.year, v.month, v.day).strftime("%-d %b %Y" if short else "%-d %B %Y")
    if v.granularity == "month" and v.year and v.month:
        return date(v.year, v.month, 1).strftime("%b %Y" if short else "%B %Y")
    if v.granularity == "year" and v.year:
        return str(v.year)
    return None


def summary(e: Event, fb: FactBase) -> str:
    """A line a teacher can scan: "16 Oct 1871: Hale was informed about the army camps"."""
    lead = e.lead
    if lead.summary:
        return lead.summary  # the teacher's own words
    r = lead.readings[0]
    text = fb.sources[r.source].text
    c = r.clause
    start = _antecedent_start(c, fb.analyses.get(r.source))
    body = text[start:c.end]
    # its own dates, relative ones too ("six days later" is told by the date in front)
    own = [m for m in c.dates if m.resolved and not m.bound and c.start <= m.start and m.end <= c.end]
    spans, hedged = [], set()
    for m in sorted(own, key=lambda m: m.start):
        a, b = m.start - start, m.end - start
        lead = _DATE_LEAD.search(body[:a])
        spans.append((lead.start() if lead else a, b))
        if lead and lead.group("hedge"):
            hedged.add(spans[-1])
    # A date that opens or closes the clause moves to the front; one inside it ("which took
    # place in October 1871, brought") stays where it is.
    cut = [(a, b) for a, b in spans if _only_junk(body, 0, a, spans) or _only_junk(body, b, len(body), spans)]
    for a, b in reversed(cut):
        body = body[:a] + " " + body[b:]
    dated = bool(cut)
    body = re.sub(r"\(\s*\)|\[\s*\]", " ", body)
    body = re.sub(r"\s+", " ", body)
    body = re.sub(r"\s+([,.;:])", r"\1", body)
    body = _LEAD_JUNK.sub("", body).strip(_EDGE)
    body = _name_the_person(body, c, fb)
    body = _cut(body, WORDS["summary"]["max_words"])
    body = body[:1].upper() + body[1:]
    when = _date_text(e.date, short=True) if e.date is not None and dated else None
    if when and hedged & set(cut):
        when = f"c. {when}"  # "around 11 August" is not told as the day itself
    return f"{when}: {body}" if when and body else body or (when or lead.text.strip())


def _antecedent_start(c: Clause, analysis) -> int:
    """Where a summary of clause c starts: at c, or, when c is a relative clause ("which she reached
    on 2 May"), at the clause before it in the sentence, which says what "which" stands for."""
    if analysis is None or _first_word(c.text) not in _RELATIVES:
        return c.start
    before = [o for o in analysis.clauses_of_sentence(c.sentence) if o.end <= c.start]
    return before[-1].start if before else c.start


def _only_junk(body: str, lo: int, hi: int, spans: list[tuple[int, int]]) -> bool:
    """Is ``body[lo:hi]``, without the dates in it, only punctuation and connectives?"""
    keep, pos = [], lo
    for a, b in spans:
        if b <= lo or a >= hi:
            continue
        keep.append(body[pos:max(a, pos)])
        pos = max(pos, b)
    keep.append(body[pos:hi])
    return not _LEAD_JUNK.sub("", " ".join(keep)).strip(_EDGE)


def _name_the_person(body: str, c: Clause, fb: FactBase) -> str:
    """"He made a pact" reads "Marsh made a pact" when the sentence before named one person."""
    first = _first_word(body)
    if first not in _PERSON:
        return body
    person = _person_before(c, fb)
    if person is None:
        return body
    return re.sub(rf"^{first}\b", person, body, count=1, flags=re.I)


def _person_before(c: Clause, fb: FactBase) -> str | None:
    """The first person the sentence before names (its subject, most often), unless this clause names them."""
    for f in fb.facts:
        for r in f.readings:
            if r.clause is c:
                a = fb.analyses.get(r.source)
                if a is None or c.sentence == 0:
                    return None
                s, e = a.sentences[c.sentence - 1]
                here = c.entity_ids
                named = [m.entity_id for m in a.entities if s <= m.start < e and m.entity_id
                         and fb.registry.label(m.entity_id) == "PERSON"]
                return fb.registry.name(named[0]) if named and named[0] not in here else None
    return None


def _cut(body: str, most: int) -> str:
    words = body.split()
    if len(words) <= most:
        return body
    head = " ".join(words[:most])
    comma = head.rfind(",")
    if comma >= 0 and len(head[:comma].split()) >= most // 2:
        return head[:comma] + "\u2026"
    return head.rstrip(",;:") + "\u2026"


def prompt(e: Event, fb: FactBase) -> str:
    """The event as a question that does not give it away: "What happened on 16 October 1871?"."""
    p = WORDS["prompt"]
    lead = e.lead
    person = _subject(lead.clause, fb)
    v = e.date
    when = _date_text(v, short=False) if v is not None else None
    if when:
        day = v.granularity == "day"
        if person:
            return (p["person_dated"] if day else p["person_dated_month"]).format(person=person, date=when)
        return (p["dated"] if day else p["dated_month"]).format(date=when)
    names = []
    for m in lead.clause.entities:
        if m.entity_id and fb.registry.label(m.entity_id) in ("PERSON", "ORG", "PLACE", "EVENT"):
            n = fb.registry.name(m.entity_id)
            if n not in names:
                names.append(n)
    if names:
        return p["about"].format(topic=" and ".join(names[:2]))
    noun = next((t for t in lead.clause.tokens if t.pos == "NOUN"), None)
    return p["about"].format(topic=f"the {noun.lower}" if noun else "this event")


def _subject(c: Clause, fb: FactBase) -> str | None:
    """The person or organisation named before the clause's first finite verb."""
    verb = next((t.start for t in c.tokens if t.finite), c.end)
    in_date = lambda x: any(d.start <= x < d.end for d in c.dates)  # noqa: E731 - "after Brook's execution"
    words = [t for t in c.tokens if t.pos != "PUNCT"]
    opener = c.start
    if words and words[0].pos in ("ADP", "SCONJ"):
        # "After Hale's death in 1873 he still hoped": the subject comes after the opening phrase
        opener = next((t.end for t in c.tokens if t.lower == "," and t.start < verb), c.start)
    pronouns = [t.start for t in c.tokens if t.pos == "PRON" and t.start < verb]
    return next((fb.registry.name(m.entity_id) for m in c.entities if m.entity_id and opener <= m.start < verb
                 and not in_date(m.start) and not any(p > m.start for p in pronouns)
                 and fb.registry.label(m.entity_id) in ("PERSON", "ORG")), None)


# -- key facts -------------------------------------------------------------------------------------

def choose_key(events: list[Event], fb: FactBase) -> None:
    """Key facts a teacher would choose: dated events and the main actors' acts, a teacher-sized list.

    A teacher's choice (``Fact.key_override`` on any of the event's facts) always wins.
    """
    k = WORDS["key"]
    counts: Counter = Counter()
    for e in events:
        for i in e.entity_ids:
            if fb.registry.label(i) in ("PERSON", "ORG"):
                counts[i] += len(e.sources)
    main = {i for i, _ in counts.most_common(max(3, len(counts) // 3))}
    for e in events:
        s = 0
        v = e.date
        if v is not None and any(_own_date(f.clause) for f in e.facts):
            s += k["day_or_month"] if v.granularity in ("day", "month") else k["year"] if v.year else 0
        s += k["main_actor"] * min(2, len(e.entity_ids & main))
        s += k["both_sources"] if len(e.sources) > 1 else 0
        s += k["number"] if any(f.quantities for f in e.facts) else 0
        s += k["no_subject"] if not _has_subject(e.lead.clause) else 0
        e.score = s
    ranked = sorted(range(len(events)), key=lambda i: (-events[i].score, i))
    chosen = [i for i in ranked if events[i].score >= k["least"]][:k["most"]]
    if len(chosen) < k["fewest"]:
        chosen = ranked[:k["fewest"]]
    chosen_set = set(chosen)
    for i, e in enumerate(events):
        told = [f.key_override for f in e.facts if f.key_override is not None]
        e.key = any(told) if told else i in chosen_set
        for f in e.facts:
            f.key = e.key


def event_of(events: list[Event]) -> dict[str, Event]:
    """Each fact's event, by fact id."""
    return {f.id: e for e in events for f in e.facts}
