"""The matcher's view of a text: sentences, clauses, and the dates, entities and numbers in each.

Sources and essays go through the same function; a clause is the unit a fact
(in a source) or a claim (in an essay) is made of.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from spacy.tokens import Doc, Span

from .dates import DateMention
from .entities import _ROMAN, _TITLE_WORDS, EntityMention, is_title
from .lexicon import LEXICON, doc_keys, phrasal_key
from .thesaurus import is_common_noun
from .pipeline import text_of
from .spans import ByStart
from .quantities import Quantity

_SUBORDINATORS = frozenset("after before until till when whenever while because since if unless once although though "
                           "whereas which who whom whose that".split())
_TITLES_LOWER = frozenset(t.lower() for t in _TITLE_WORDS)
_TIME_SUBORDINATORS = frozenset("after before until till when while because since once".split())
_DASHES = frozenset({"-", "\u2013", "\u2014"})
_SPLIT_AFTER_COMMA = frozenset("and but so while whereas although though because as when where yet".split())
_ORDER = LEXICON["order_markers"]
_CAUSE = LEXICON["cause_markers"]
_FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
#: Tokens that can open a new statement inside a sentence (see _clause_spans).
_SPLIT_MARKS = frozenset({";", ":"}) | _DASHES
_SPLIT_WORDS = _SPLIT_AFTER_COMMA | {"which", "whom"}


class Tok(NamedTuple):
    """A token as the checker reads it: where it is, its word, tags and content key."""

    start: int
    end: int
    lower: str
    pos: str
    tag: str
    key: str | None  # the content key, None for function words, names, dates and numbers
    finite: bool  # a finite verb ("was", "blockaded", "had"): a clause of its own starts around it


@dataclass
class OrderMarker:
    """An order claim in a clause: "after the siege", "before", "led to"."""

    word: str
    direction: str  # the clause's event is "after" or "before" the anchor
    start: int
    end: int
    anchor_text: str | None  # None for a bare "then" or "later": the previous event
    anchor_start: int | None = None
    anchor_end: int | None = None


@dataclass
class Clause:
    """A stretch of a sentence that states one event."""

    index: int
    sentence: int
    start: int
    end: int
    text: str
    keys: list[str]
    entities: list[EntityMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    negated: bool = False
    markers: list[OrderMarker] = field(default_factory=list)
    key_spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    head_keys: dict[str, tuple[int, int]] = field(default_factory=dict)  # common nouns heading names ("Guild" of "Lornby Guild")
    anchor_keys: dict[str, tuple[int, int]] = field(default_factory=dict)  # words naming a relative date's anchor
    verbs: set[str] = field(default_factory=set)  # keys of the clause's verbs: what happened
    implied_entities: set[str] = field(default_factory=set)  # whom "he" refers to: matched, never judged
    tokens: list[Tok] = field(default_factory=list)

    def restates(self, m: DateMention) -> bool:
        """Is the date ``m`` followed at once by a date of its own ("the next day, on 3 June", "three days
        later, on 6 May")? That date says what is meant, whatever the count would make of the story."""
        return any(d.resolved and not d.relative and d.start >= m.end
                   and _RESTATING.fullmatch(self.text[m.end - self.start:d.start - self.start]) for d in self.dates)

    def detail_keys(self, lo: int | None = None, hi: int | None = None) -> set[str]:
        """Numbers and dates as matchable keys: "#count:300" (a number, whatever it counts), "~1871-03"."""
        lo = self.start if lo is None else lo
        hi = self.end if hi is None else hi
        out = set()
        for q in self.quantities:
            if lo <= q.start < hi:
                kind = q.dimension or "count"  # "1,000 men" tells the fact of "1,000 soldiers"
                value = q.amount
                out.add(f"#{kind}:{float(f'{value:.2g}'):g}")
        for m in self.dates:
            v = m.value
            if lo <= m.start < hi and v is not None and v.year is not None:
                out.add(f"~{v.year}")
                if v.granularity in ("day", "month") and v.month:
                    out.add(f"~{v.year}-{v.month:02d}")
                if v.granularity == "day":
                    out.add(f"~{v.value}")
        return out

    @property
    def entity_ids(self) -> frozenset[str]:
        """Entities of the clause's own event: not those naming a relative date's anchor (worked
        out once: a clause does not change after analysis)."""
        kept = self.__dict__.get("_entity_ids")
        if kept is None:
            anchors = [m.anchor_span for m in self.dates if m.anchor_span]
            kept = self.__dict__["_entity_ids"] = frozenset(
                m.entity_id for m in self.entities if m.entity_id and not any(a <= m.start < b for a, b in anchors))
        return kept


@dataclass
class Analysis:
    """A text with its sentences and clauses."""

    text: str
    sentences: list[tuple[int, int]]
    clauses: list[Clause]
    dates: list[DateMention]
    entities: list[EntityMention]
    quantities: list[Quantity]

    def sentence_of(self, clause: Clause) -> tuple[int, int]:
        return self.sentences[clause.sentence]

    def clauses_of_sentence(self, sentence: int) -> list[Clause]:
        """The clauses of the ``sentence``-th sentence, in order (an empty list outside the text)."""
        return self._by_sentence.get(sentence, [])

    def clause_at(self, offset: int) -> Clause | None:
        """The first clause holding the offset."""
        starts = self._clause_starts
        if starts is None:
            return next((c for c in self.clauses if c.start <= offset < c.end), None)
        # Clauses in order and apart: only the last one starting at or before the offset can hold it.
        i = bisect_right(starts, offset) - 1
        return self.clauses[i] if i >= 0 and offset < self.clauses[i].end else None

    def entities_ending_at(self, offset: int) -> list[EntityMention]:
        return self._by_end.get(offset, [])

    @cached_property
    def _by_sentence(self) -> dict[int, list[Clause]]:
        return _grouped(self.clauses, lambda c: c.sentence)

    @cached_property
    def _clause_starts(self) -> list[int] | None:
        cs = self.clauses
        if all(a.end <= b.start for a, b in zip(cs, cs[1:])):
            return [c.start for c in cs]
        return None

    @cached_property
    def _by_end(self) -> dict[int, list[EntityMention]]:
        return _grouped(self.entities, lambda m: m.end)


def _grouped(items, key) -> dict:
    """The items by ``key``, each group in the items' order."""
    out: dict = {}
    for x in items:
        out.setdefault(key(x), []).append(x)
    return out


def analyse(doc: Doc) -> Analysis:
    """Split a processed doc into clauses and attach each mention to its clause."""
    dates = list(doc._.dates or [])
    quantities = list(doc._.quantities or [])
    entities = list(doc._.entities or [])
    text = text_of(doc)  # a property that joins every token: read it once
    sentences: list[tuple[int, int]] = []
    clauses: list[Clause] = []
    index = (ByStart(dates), ByStart(entities), ByStart(quantities))
    for sent in doc.sents:
        s, e = _trim(text, sent.start_char, sent.end_char)
        if s >= e:
            continue
        sentences.append((s, e))
        for span in _clause_spans(sent):
            cs, ce = _trim(text, span.start_char, span.end_char)
            if cs >= ce:
                continue
            clauses.append(_clause(text, len(clauses), len(sentences) - 1, span, cs, ce,
                                   *(i.within(cs, ce) for i in index)))
    _resolve_he(clauses)
    return Analysis(text, sentences, clauses, dates, entities, quantities)


#: What may stand between a relative date and the date it means: ", on", " (in the".
_RESTATING = re.compile(r"[\s,(\u2013-]*(?:on|in)?\s*(?:the\s+)?", re.I)
_HE = re.compile(r"\b(?:he|him|his|himself)\b", re.I)


def _resolve_he(clauses: list[Clause]) -> None:
    """A clause that says "he" and names no person is about the last clause's first-named person.

    The first-named is most often the subject ("Hale sent Brook letters ... he
    wrote"). Only "he": "she" and "it" name ships and countries as often as people.
    """
    last = None
    prev = None
    for c in clauses:
        people = [m for m in c.entities if m.entity_id and m.label == "PERSON"]
        if not people and last is not None and _HE.search(c.text):
            c.implied_entities = {last}
        elif people and last is not None and c.tokens and c.tokens[0].lower == "he" \
                and all(m.entity_id != last for m in people):
            # "He left Brook in charge of the fort": the subject is still the last one named, whoever
            # else the clause names
            c.implied_entities = {last}
        elif not people and prev is not None and prev.sentence == c.sentence and _goes_on(c):
            # "He set out for Lornby, but died at Dunmere": the clause goes on with the same subject
            c.implied_entities = set(prev.implied_entities) or (
                {m.entity_id for m in prev.entities if m.entity_id and m.label == "PERSON"} and {last})
        if people and not (c.implied_entities and c.tokens and c.tokens[0].lower == "he"):
            last = people[0].entity_id
        prev = c


def _goes_on(c: Clause) -> bool:
    """Does the clause open with "and" or "but" and go straight on to its verb, with no subject of its own?"""
    toks = [t for t in c.tokens if t.lower not in (",", ";")]
    return len(toks) >= 2 and toks[0].lower in ("and", "but") and toks[1].finite


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


_NOT = frozenset(LEXICON["negations"]["at_verb"])
_NO = frozenset(LEXICON["negations"]["in_subject"])


def _negated(toks, amounts=()) -> bool:
    """Does the clause say its main event did not happen? ("could not vote", "no woman could vote")

    Only a negation at the first finite verb, or a "no" in its subject, counts: "agreed not to
    attack" further on negates something else; so does none inside an amount ("no fewer than 200").
    """
    if amounts:
        toks = [t for t in toks if not any(a.start <= t.idx < a.end for a in amounts)]
    first = next((i for i, t in enumerate(toks) if _is_finite(t)), None)
    if first is None:
        return any(t.lower_ in _NOT or t.lower_ in _NO for t in toks)
    return any(t.lower_ in _NOT for t in toks[first:first + 3]) or any(t.lower_ in _NO for t in toks[:first])


def _is_finite(tok) -> bool:
    if tok.tag_:
        return tok.tag_ in _FINITE_TAGS
    return tok.lower_ in ("was", "were", "is", "are", "had", "has", "did") or tok.lower_.endswith("ed")


def _compound_subject(toks, start: int, i: int) -> bool:
    """Is the "and" at ``i`` inside the subject of a subordinate clause ("only after Westmarch and
    Eastholm signed")? Then no new statement starts there: no verb since the subordinator."""
    k = next((j for j in range(i - 1, start - 1, -1) if toks[j].lower_ in _TIME_SUBORDINATORS), None)
    return k is not None and not any(_is_finite(x) for x in toks[k + 1:i])


def _clause_spans(sent: Span) -> list[Span]:
    """Split at a conjunction that starts a new statement with its own finite verb.

    Only the words that can start one (";", ":", a dash, "and", "which", ...) are looked at, and
    the finite verbs are marked once: a long sentence costs as many steps as it has words.
    """
    toks = list(sent)
    n = len(toks)
    finite = [_is_finite(x) for x in toks]
    # finite verbs up to each token: "is there one in toks[a:b]" is one subtraction
    seen = [0] * (n + 1)
    for i, f in enumerate(finite):
        seen[i + 1] = seen[i] + f
    cuts = [0]
    for i in range(1, n - 2):
        t = toks[i]
        word, low = t.text, t.lower_
        if word not in _SPLIT_MARKS and low not in _SPLIT_WORDS:
            continue
        prev_has_verb = seen[i] > seen[cuts[-1]]
        after_comma = toks[i - 1].text == ","
        # After ", and" the new statement may open with a phrase of its own ("two days later, on the
        # 14th, Hale was told"), so look as far as the next ", and"; after a bare "and", to the next comma.
        stop = n
        for j in range(i + 1, n):
            x = toks[j]
            if x.text == ";" or (after_comma and j > i + 1 and x.lower_ in _SPLIT_AFTER_COMMA and toks[j - 1].text == ",") \
                    or (not after_comma and (x.text in ",:" or x.lower_ in ("and", "but"))) \
                    or (j > i + 1 and x.lower_ in _SUBORDINATORS):
                # "the armies of Westmarch, Eastholm and Dunmere out of the city only after X joined": the verb
                # of a subordinate clause does not make the words before it a statement of their own
                stop = j
                break
        next_has_verb = seen[stop] > seen[i + 1]
        first = toks[i + 1]
        if word in (";", ":") and prev_has_verb and next_has_verb:
            cuts.append(i + 1)
        elif word in _DASHES and t.whitespace_ and toks[i - 1].whitespace_ and next_has_verb \
                and (prev_has_verb or any(x.like_num for x in toks[cuts[-1]:i])):
            # "Battle of Dunmere 18 August 1872 - Westmarch fought close up": a note and a statement,
            # not a dash around an aside ("Marsh - exhausted after the march - fought on")
            cuts.append(i + 1)
        elif low in _SPLIT_AFTER_COMMA and after_comma and prev_has_verb and next_has_verb:
            cuts.append(i - 1)
        elif low in ("which", "whom") and after_comma and prev_has_verb and next_has_verb \
                and first.pos_ in ("DET", "PROPN", "PRON", "NOUN"):
            # ", which Hale had imposed on 14 March": a relative clause with its own subject
            # tells an event of its own; ", which were under construction" only describes.
            cuts.append(i - 1)
        elif low in ("and", "but") and not after_comma and prev_has_verb and next_has_verb \
                and (first.pos_ in ("DET", "PRON", "PROPN", "NOUN", "ADP") or not first.pos_) \
                and not _compound_subject(toks, cuts[-1], i):
            cuts.append(i)
    cuts.append(n)
    return [sent[a:b] for a, b in zip(cuts, cuts[1:]) if b > a]


def _split_particle(toks, i: int) -> int | None:
    """The particle of a verb whose object stands between ("called the march off"), if any."""
    for j in range(i + 2, min(i + 5, len(toks))):
        if toks[j].is_punct:
            return None
        if toks[j].tag_ == "RP":
            return j
    return None


def _beside_a_person(m: EntityMention, ents: list[EntityMention]) -> bool:
    """Is an unknown name a title before a known person, or a regnal number after one?"""
    words = m.text.split()
    title = all(is_title(w) for w in words)
    regnal = bool(_ROMAN.fullmatch(m.text)) and m.text.isupper()
    for o in ents:
        if o is m or not o.entity_id or o.label != "PERSON":
            continue
        if title and 0 <= o.start - m.end <= 1:
            return True
        if regnal and 0 <= m.start - o.end <= 1:
            return True
    return False


def _name_heads(toks, c_ents) -> list[int]:
    """Token indexes of the common noun heading each known name of two or more words that is not a
    person's: "Guild" of "the Lornby Guild", "Treaty" of "the Treaty of Dunmere"."""
    out = []
    for m in c_ents:
        if not m.entity_id or m.label == "PERSON":
            continue
        inside = [i for i, t in enumerate(toks) if m.start <= t.idx < m.end and t.is_alpha]
        if len(inside) < 2:
            continue
        words = [toks[i].lower_ for i in inside]
        head = inside[words.index("of") - 1] if "of" in words[1:] else inside[-1]
        if is_common_noun(toks[head].text) and toks[head].text[:1].isupper():
            out.append(head)
    return out


def _clause(text: str, index: int, sentence: int, span: Span, s: int, e: int, c_dates, c_ents,
            c_qty) -> Clause:
    """The clause [s, e) of ``span``, with the mentions that start inside it."""
    # A known entity's words become its id; an unknown name keeps its words ("Charter", "Rights").
    masked = [(m.start, m.end) for m in (*c_dates, *c_qty, *(e for e in c_ents if e.entity_id))]
    # Masked too: a title or a regnal number beside a known person ("the President Anna Hale",
    # "King Ned Brook II"): part of the name, not something said
    masked += [(m.start, m.end) for m in c_ents if m.entity_id is None and _beside_a_person(m, c_ents)]
    people = {m.start for m in c_ents if m.entity_id and m.label == "PERSON"}
    toks = list(span)
    doc_key = doc_keys(span.doc)
    masked += [(t.idx, t.idx + len(t)) for t, nxt in zip(toks, toks[1:])  # "the young sultan Hale"
               if t.lower_ in _TITLES_LOWER and nxt.idx in people]
    anchors = [m.anchor_span for m in c_dates if m.anchor_span]
    keys: list[str] = []
    key_spans: dict[str, tuple[int, int]] = {}
    anchor_keys: dict[str, tuple[int, int]] = {}
    verbs: set[str] = set()
    particle = -1
    negated = _negated(toks, c_qty)
    records: list[Tok] = []
    starts = [t.idx for t in toks]
    in_masked = _covered(starts, masked)
    in_anchors = _covered(starts, anchors)
    in_names = _covered(starts, [(m.start, m.end) for m in c_ents])
    for i, t in enumerate(toks):
        if i == particle:
            records.append(Tok(t.idx, t.idx + len(t), t.lower_, t.pos_, t.tag_, None, False))
            continue  # the "in" of "gave in", read with its verb
        k = phrasal_key(t, toks[i + 1] if i + 1 < len(toks) else None)
        if k is not None:
            particle = i + 1
        elif t.pos_ == "VERB" and (j := _split_particle(toks, i)) is not None \
                and (k := phrasal_key(t, toks[j])) is not None:
            particle = j  # "called the march off": the particle after the object
        else:
            k = doc_key[t.i]
        if k and i and t.tag_ == "VBG" and toks[i - 1].lower_ == "without" and i + 1 < len(toks) \
                and toks[i + 1].pos_ in ("DET", "PROPN", "PRON", "NOUN", "NUM"):
            # "Hale rode west for a week without meeting Brook": an act that did not happen is no word of the
            # event (an idiom with no object, "left without warning", still says how it happened)
            k = None
        is_masked = i in in_masked
        in_anchor = i in in_anchors and i not in in_names
        records.append(Tok(t.idx, t.idx + len(t), t.lower_, t.pos_, t.tag_,
                           (k or None) if in_anchor or not is_masked else None, _is_finite(t)))
        if not k:
            continue
        if i in in_anchors:
            if in_anchor:
                anchor_keys.setdefault(k, (t.idx, t.idx + len(t)))
        elif not is_masked and k not in key_spans:
            keys.append(k)
            key_spans[k] = (t.idx, t.idx + len(t))
            if t.pos_ == "VERB":
                verbs.add(k)
    clause = Clause(index, sentence, s, e, text[s:e], keys, c_ents, c_dates, c_qty, negated)
    clause.key_spans = key_spans
    # "the new guild met" tells "the Lornby Guild met": a place's or body's name holds the common
    # noun that says what it is (a cue to which fact is told, for coverage; never a word judged)
    clause.head_keys = {k: (toks[i].idx, toks[i].idx + len(toks[i])) for i in _name_heads(toks, c_ents)
                        if (k := doc_key[toks[i].i]) and k not in key_spans and i not in in_anchors}
    clause.anchor_keys = anchor_keys
    clause.verbs = verbs
    clause.markers = _markers(text, s, e, c_dates)
    clause.tokens = records
    return clause


def _covered(starts: list[int], spans) -> set[int]:
    """Indexes of the tokens (by their sorted start offsets) that start inside any of the spans."""
    out: set[int] = set()
    for a, b in spans:
        out.update(range(bisect_left(starts, a), bisect_left(starts, b)))
    return out


_MARKER_RX = re.compile(
    r"\b(?P<w>" + "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in (*_ORDER, *_CAUSE)),
                                  key=len, reverse=True)) + r")\b", re.I)
_ANCHOR_END = re.compile(r"[,.;:!?]|\s(?:and|but|when|while|which|so)\s", re.I)


def _markers(text: str, s: int, e: int, dates: list[DateMention]) -> list[OrderMarker]:
    """Order claims in a clause, except those that are part of a relative date ("six days later")."""
    out = []
    for m in _MARKER_RX.finditer(text, s, e):
        if any(d.start <= m.start() < d.end for d in dates):
            continue
        word = re.sub(r"\s+", " ", m["w"].lower())
        direction = _ORDER.get(word) or _CAUSE.get(word)
        rest = text[m.end():e]
        stop = _ANCHOR_END.search(rest)
        anchor = rest[:stop.start()] if stop else rest
        a_start = m.end() + (len(anchor) - len(anchor.lstrip()))
        anchor = anchor.strip()
        bare = not anchor or word in ("then", "later", "afterwards", "afterward", "earlier", "previously",
                                      "beforehand", "subsequently") or re.match(r"(?:that|this|it)\b", anchor, re.I)
        if word in _CAUSE and not bare:
            # "A led to B": the clause's event (A, before the marker) is before B.
            out.append(OrderMarker(word, direction, m.start(), m.end(), anchor or None, a_start,
                                   a_start + len(anchor)))
        elif bare:
            out.append(OrderMarker(word, direction, m.start(), m.end(), None))
        else:
            out.append(OrderMarker(word, direction, m.start(), m.end(), anchor, a_start, a_start + len(anchor)))
    return out
