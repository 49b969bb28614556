"""Claim checking: align each claim of an essay with the facts about the same event and judge it.

A claim is ``contradicted`` only when it is clearly about an event the sources
tell and gives it another date, actor, place, number or order. When the match
to the sources is weak the checker says ``unsupported`` or nothing: telling a
student a true sentence is wrong is the worst mistake it can make.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .analysis import Analysis, Clause
from .dates import (DateMention, TimeValue, agree as dates_agree, coarser, differing_fields, order as dates_order,
                    shift)
from .entities import LOCATIVE, SWAPPABLE, EntityMention
from .factbase import Evidence, Fact, FactBase
from .lexicon import LEXICON
from .quantities import Quantity, agree as quantities_agree, comparable, noun_key

#: How closely a claim must match a fact before its details are compared.
STRONG_DICE = 0.34
WEAK_DICE = 0.22
COVER_FRACTION = 0.5
_GENERIC_COUNTS = frozenset(noun_key(w) for w in LEXICON["generic_counts"])
_HYPOTHETICAL = re.compile(r"\b(?:would|could|should|might|will|shall|must|if|unless|wanted|planned|hoped)\b", re.I)
_OPINION = re.compile(r"\b(?:I|we|my|in my opinion|I think|I believe|probably|perhaps|must have|maybe)\b", re.I)


@dataclass
class Finding:
    """One judged claim of an essay."""

    criterion: str  # accuracy | chronology
    verdict: str  # supported | contradicted | unsupported
    kind: str  # date | entity | number | order | relative_date | other
    start: int
    end: int
    claim: str
    expected: str | None
    message: str
    hint: str
    evidence: list[Evidence] = field(default_factory=list)
    fact_id: str | None = None

    def to_dict(self, mode: str = "reveal") -> dict:
        return {
            "criterion": self.criterion, "verdict": self.verdict, "kind": self.kind,
            "start": self.start, "end": self.end, "claim": self.claim,
            "expected": self.expected if mode == "reveal" else None,
            "message": self.message if mode == "reveal" else self.hint,
            "hint": self.hint,  # the hint-mode message, so a stored report can be shown either way
            "evidence": [e.to_dict() for e in self.evidence],
            "fact": self.fact_id,
        }


@dataclass
class Alignment:
    """How well a claim matches one fact."""

    fact: Fact
    dice: float
    claim_cov: float  # share of the claim's weight found in the fact
    fact_cov: float  # share of the fact's weight found in the claim
    content_cov: float  # share of the fact's non-entity words found in the claim
    shared_words: int

    shared_entities: int = 0
    fact_weight: float = 0.0
    claim_weight: float = 0.0

    @property
    def strong(self) -> bool:
        """Clearly about the same event: several shared words, the whole fact, or the whole claim."""
        return (self.shared_words >= 2 and self.dice >= STRONG_DICE) or \
            (self.shared_words >= 1 and self.fact_cov >= 0.8) or \
            (self.shared_words >= 1 and self.shared_entities >= 1 and self.claim_cov >= 0.75 and self.dice >= 0.3) or \
            (self.shared_words >= 2 and self.shared_entities >= 1 and self.claim_cov >= 0.85 and self.dice >= 0.2)

    def timeline_date_agrees(self, claimed: TimeValue) -> bool:
        td = self.fact.timeline_date
        return td is not None and _precisely_agree(claimed, td)

    def same_happening(self, claim: Clause) -> bool:
        """The claim and the fact say the same thing happened, not just name the same things.

        "Hale began the siege of Lornby" and "the siege was lifted" share a word but not an event.
        A fact or claim with no verb of its own (a heading) is judged by its words alone.
        """
        fact_verbs = self.fact.verbs
        if not fact_verbs or not claim.verbs:
            return True
        return bool(fact_verbs & set(claim.keys)) or bool(claim.verbs & fact_verbs)

    @property
    def specific(self) -> bool:
        """The claim names enough of the fact's own words to compare its details."""
        return self.content_cov >= 0.4 or self.claim_cov >= 0.75

    @property
    def score(self) -> float:
        # A short claim told wholly inside a long fact is about that fact, though their overlap is small.
        return 0.5 * self.dice + 0.3 * self.claim_cov + 0.2 * self.fact_cov


@dataclass
class Features:
    """The words and entities of a claim or a stretch of one."""

    words: set[str]
    entities: set[str]

    @classmethod
    def of(cls, clause: Clause, start: int | None = None, end: int | None = None,
           exclude: tuple[int, int] | None = None, anchor: bool = False, details: bool = False) -> "Features":
        """The clause's own event, or with ``anchor`` the event a relative date in it names."""
        lo = clause.start if start is None else start
        hi = clause.end if end is None else end
        anchors = [m.anchor_span for m in clause.dates if m.anchor_span]
        in_anchor = lambda a: any(s <= a < e for s, e in anchors)  # noqa: E731
        inside = lambda a: (lo <= a < hi and not (exclude and exclude[0] <= a < exclude[1])  # noqa: E731
                            and in_anchor(a) == anchor)
        spans = clause.anchor_keys if anchor else clause.key_spans
        words = {k for k, (a, _) in spans.items() if inside(a)}
        ents = {m.entity_id for m in clause.entities if m.entity_id and inside(m.start)}
        if not anchor and start is None and end is None:
            ents |= clause.implied_entities
        if details:
            # Numbers and dates say which fact is told (coverage); never used to judge them.
            ents |= clause.detail_keys(lo, hi)
        return cls(words, ents)


class Checker:
    """Checks essays against one fact base."""

    def __init__(self, fb: FactBase):
        self.fb = fb
        self._group = fb.registry.clusters()
        self._fact_ents = {f.id: self._groups(f.entity_ids) for f in fb.facts}
        # Rows of (fact, words, "@entity" keys, total weight, word weight) and an index from
        # each key to the rows holding it, so a claim is only compared with facts it touches.
        self._rows, self._index = self._table(details=False)
        self._rows_details, self._index_details = self._table(details=True)
        self._coordinated, self._located = _paired_entities(fb)
        self._fact_sentence_ents: dict[str, set[str]] = {}
        for f in fb.facts:
            ents: set[str] = set()
            for r in f.readings:
                a = fb.analyses.get(r.source)
                if a is None:
                    continue
                for c in a.clauses:
                    if c.sentence == r.clause.sentence:
                        ents |= c.entity_ids
            self._fact_sentence_ents[f.id] = ents

    # -- alignment --------------------------------------------------------------------------

    def _table(self, details: bool) -> tuple[list[tuple], dict[str, list[int]]]:
        """One row per reading of a fact: a claim is compared with the telling closest to it, so a
        fact two sources tell at length is not harder to match than one told once."""
        w = self.fb.weight
        rows, index = [], {}
        for f in self.fb.facts:
            for r in f.readings:
                fw = set(r.clause.keys)
                fe = {f"@{e}" for e in self._groups(r.clause.entity_ids) | (r.clause.detail_keys() if details else set())}
                content_w = sum(w(k) for k in fw)
                rows.append((f, fw, fe, content_w + sum(w(k) for k in fe), content_w))
                for k in fw | fe:
                    index.setdefault(k, []).append(len(rows) - 1)
        return rows, index

    def _groups(self, ids: set[str]) -> set[str]:
        return {self._group.get(i, i) for i in ids}

    def align(self, feats: Features, min_entities: int = 0, details: bool = False) -> list[Alignment]:
        """Facts sharing at least one content word with the claim, best first.

        With ``min_entities``, a fact sharing that many entities but no word also counts
        (an event named by who and where: "after Brook fetched Hale from Westmarch").
        """
        weights, unknown = self.fb.weights, self.fb.unknown_weight
        w = lambda k: weights.get(k, unknown)  # noqa: E731 - the hot loop of the checker
        ents = {f"@{e}" for e in self._groups(feats.entities)}
        claim_w = sum(w(k) for k in feats.words) + sum(w(k) for k in ents)
        index = self._index_details if details else self._index
        candidates = {i for k in feats.words for i in index.get(k, ())}
        if min_entities:
            candidates |= {i for k in ents for i in index.get(k, ())}
        out = []
        for i in candidates:
            f, fw, fe, fact_w, content_w = self._rows_details[i] if details else self._rows[i]
            shared_words = feats.words & fw
            shared_ents = ents & fe
            if not shared_words and not (min_entities and len(shared_ents) >= min_entities):
                continue
            sww = sum(w(k) for k in shared_words)
            sw = sww + sum(w(k) for k in shared_ents)
            out.append(Alignment(f, 2 * sw / (claim_w + fact_w), sw / claim_w if claim_w else 0.0,
                                 sw / fact_w if fact_w else 0.0, sww / content_w if content_w else 0.0,
                                 len(shared_words), len(shared_ents), fact_w, claim_w))
        best: dict[str, Alignment] = {}
        for a in out:  # the closest reading stands for its fact
            if a.fact.id not in best or a.score > best[a.fact.id].score:
                best[a.fact.id] = a
        return sorted(best.values(), key=lambda a: a.score, reverse=True)

    # -- checking ---------------------------------------------------------------------------

    def check(self, essay: Analysis) -> tuple[list[Finding], dict[str, list[tuple[int, int]]]]:
        """All findings for an essay, and for each fact the essay spans that cover it."""
        findings: list[Finding] = []
        covered: dict[str, list[tuple[int, int]]] = {}
        for c in essay.clauses:
            feats = Features.of(c)
            aligned = self.align(feats)
            told = self.align(Features.of(c, details=True), min_entities=2, details=True)
            for i, a in enumerate(told):
                if a.fact_cov >= COVER_FRACTION or (a.content_cov >= 0.6 and a.strong) or \
                        (a.claim_cov >= 0.7 and a.shared_words >= 2 and a.strong) or \
                        (i == 0 and a.claim_cov >= 0.5 and a.shared_words + a.shared_entities >= 3) or \
                        (i == 0 and a.claim_cov >= 0.9 and a.shared_words >= 1 and a.shared_entities >= 1):
                    # The last: the fact a claim is most about, told in other words but with the
                    # same people, places, numbers or dates ("President Hale told the people of Lornby").
                    covered.setdefault(a.fact.id, []).append((c.start, c.end))
            findings.extend(self._check_clause(essay, c, feats, aligned))
        self._cover_by_sentence(essay, covered)
        findings.sort(key=lambda f: (f.start, f.end))
        return _dedupe(findings), covered

    def _cover_by_sentence(self, essay: Analysis, covered: dict) -> None:
        """A fact told across two clauses of one essay sentence is covered by the sentence."""
        by_sent: dict[int, list[Clause]] = {}
        for c in essay.clauses:
            by_sent.setdefault(c.sentence, []).append(c)
        for clauses in by_sent.values():
            if len(clauses) < 2:
                continue
            parts = [Features.of(c, details=True) for c in clauses]
            feats = Features(set().union(*(p.words for p in parts)), set().union(*(p.entities for p in parts)))
            for a in self.align(feats, min_entities=2, details=True):
                if a.fact_cov >= COVER_FRACTION + 0.1 and a.fact.id not in covered:
                    covered[a.fact.id] = [(clauses[0].start, clauses[-1].end)]

    def _check_clause(self, essay: Analysis, c: Clause, feats: Features, aligned: list[Alignment]) -> list[Finding]:
        out: list[Finding] = []
        best = aligned[0] if aligned else None
        for m in c.dates:
            if m.relative:
                out.extend(self._check_relative(essay, c, m, aligned))
            elif m.claimed is not None and not m.bound:  # "before 1918" says when not, only until when
                out.extend(self._check_date(c, m, aligned))
        for q in c.quantities:
            out.extend(self._check_number(c, q, aligned))
        out.extend(self._check_entities(essay, c, aligned))
        if c.negated:
            # "in the early 1900s women still could not vote": the date of what did not happen is not
            # the date of what did.
            out = [f for f in out if f.verdict != "contradicted" or f.kind != "date"]
        for marker in c.markers:
            out.extend(self._check_order(c, marker))
        if not any(f.verdict == "contradicted" for f in out):
            if best is not None and best.strong and not out and best.claim_cov >= 0.5:
                out.append(self._finding("accuracy", "supported", "other", c.start, c.end, c.text, best.fact,
                                         "This matches the sources.", "This matches the sources."))
            elif not out and self._checkable(c) and self._outside(c, best):
                out.append(Finding("accuracy", "unsupported", "other", c.start, c.end, c.text, None,
                                   "The sources do not mention this. It is not marked wrong, but it is not "
                                   "backed by the sources either.",
                                   "The sources do not mention this; it is not marked wrong."))
        return out

    def _outside(self, c: Clause, best: Alignment | None) -> bool:
        """Is the claim about something the sources do not tell?

        Nothing matches it; or the closest fact lacks what happened (its verbs); or the
        claim rests on words no source uses ("television") and the fact holds little of it.
        """
        if best is None or best.dice < WEAK_DICE:
            return True
        if c.verbs and not c.verbs & set(best.fact.keys) and best.claim_cov < 0.6 and not best.strong:
            return True
        w = self.fb.weight
        # Unknown nouns ("television") bring in new matter; unknown verbs are often just other words.
        unknown = sum(w(k) for k in c.keys if not self.fb.known(k) and k not in c.verbs)
        total = sum(w(k) for k in c.keys) or 1.0
        return best.claim_cov < 0.5 and unknown / total >= 0.25

    @staticmethod
    def _checkable(c: Clause) -> bool:
        if _OPINION.search(c.text):
            return False
        return len(c.keys) >= 2 and bool(c.entities or c.dates or c.quantities)

    def _finding(self, criterion, verdict, kind, start, end, claim, fact: Fact | None, message, hint,
                 expected=None) -> Finding:
        evidence = fact.sentence_evidence(self.fb.sources) if fact is not None else []
        return Finding(criterion, verdict, kind, start, end, claim, expected, message, hint, evidence,
                       fact.id if fact else None)

    # -- dates ------------------------------------------------------------------------------

    def _check_date(self, c: Clause, m: DateMention, aligned: list[Alignment]) -> list[Finding]:
        dated = [a for a in aligned if a.fact.dates and a.dice >= WEAK_DICE]
        claimed = m.claimed
        if not dated or claimed is None:
            return []
        best = dated[0]
        near = [a for a in dated if a.score >= 0.6 * best.score]
        # A fact at least as precise as the claim that agrees settles it; one that only agrees
        # at a coarser grain ("1871" for "June 1871") does not outweigh a precise contradiction.
        precise = [a for a in near if any(_precisely_agree(claimed, d) for d in a.fact.dates)]
        loose = [a for a in near if any(dates_agree(claimed, d) for d in a.fact.dates)]
        conflicting = next((a for a in near if a.strong and a.specific and a.same_happening(c)
                            and all(dates_agree(claimed, d) is False for d in a.fact.dates)), None)
        if conflicting is None:
            # A near miss (13 vs 14 March 1871, 1870 vs 1871) by the same actor doing the same thing
            # is the same event misdated, even when the rest of the sentence tells more.
            conflicting = next((a for a in near if ((a.shared_entities >= 1 and a.dice >= 0.3)
                                                    or (a.claim_cov >= 0.9 and a.dice >= 0.5))
                                and (a.fact.verbs & set(c.keys) or a.shared_entities >= 3)
                                and not self._names_missing(c, a.fact)
                                and all(_near_miss(claimed, d) for d in a.fact.dates)), None)
        if conflicting is not None and any(
                a.timeline_date_agrees(claimed) for a in near if a.strong or a is near[0]):
            return []  # the fact it matches best happened while the sources narrate that very day
        agreeing = precise or ([] if conflicting else loose)
        if agreeing:
            a = agreeing[0]
            d = next(d for d in a.fact.dates if dates_agree(claimed, d))
            return [self._finding("accuracy", "supported", "date", m.start, m.end, m.text, a.fact,
                                  f"The sources agree: {describe(d)}.", "This date matches the sources.", describe(d))]
        if conflicting is None or self._agrees_locally(c, m, claimed) or self._date_told_of(c, claimed):
            return []
        best = conflicting
        expected = describe(best.fact.date)
        return [self._finding("accuracy", "contradicted", "date", m.start, m.end, m.text, best.fact,
                              f"The sources date this to {expected}, not {describe(claimed)}.",
                              "Check this date: the sources give a different one. Read the source sentence again.",
                              expected)]

    def _agrees_locally(self, c: Clause, m: DateMention, claimed: TimeValue) -> bool:
        """Does the phrase around the date (between commas) name a fact that has this date?"""
        lo = c.text.rfind(",", 0, max(m.start - c.start, 0))
        hi = c.text.find(",", m.end - c.start)
        local = Features.of(c, c.start + lo + 1 if lo >= 0 else c.start, c.start + hi if hi >= 0 else c.end)
        # A year is shared by many events: one common word is not enough to say which.
        need = 1 if claimed.granularity in ("day", "month") else 2
        return any(a.shared_words >= need and any(_precisely_agree(claimed, d) for d in a.fact.dates)
                   for a in self.align(local))

    def _names_missing(self, c: Clause, fact: Fact, labels=("PERSON", "PLACE"), besides: str | None = None) -> bool:
        """Does the fact name a person or place (of ``labels``) the claim does not, other than
        ``besides``? Then it tells another event."""
        reg = self.fb.registry
        mine = self._groups(c.entity_ids | c.implied_entities)
        return any(reg.label(e) in labels and e != besides and self._group.get(e, e) not in mine
                   for e in fact.entity_ids)

    def _date_told_of(self, c: Clause, claimed: TimeValue) -> bool:
        """Do the sources give this exact day or month to something the claim names?

        "On 14 March 1871 Westmarch and Eastholm became one country" is about the union
        the sources date to that day, though it shares no word with it.
        """
        if claimed.granularity not in ("day", "month"):
            return False
        names = self._groups(c.entity_ids)
        return any(_precisely_agree(claimed, d) and names & self._fact_ents[f.id]
                   for f in self.fb.facts for d in f.dates)

    def _check_relative(self, essay: Analysis, c: Clause, m: DateMention, aligned: list[Alignment]) -> list[Finding]:
        if m.offset is None:
            return []
        event = aligned[0] if aligned and aligned[0].strong and aligned[0].same_happening(c) else None
        if event is None or event.fact.date is None or not _fine_enough(event.fact.date, m.offset[1]):
            return []
        anchor_value, anchor_fact = None, None
        if m.anchor_span:
            feats = Features.of(c, *m.anchor_span, anchor=True)
            found = [a for a in self.align(feats) if a.fact.date is not None and a.fact is not event.fact
                     and (a.fact_cov >= 0.5 or a.claim_cov >= 0.6)]
            if found:
                anchor_fact = found[0].fact
                anchor_value = anchor_fact.date
        if anchor_value is None and m.anchor is not None and (not m.anchor_text or m.anchor.get("via") == "the named event"):
            anchor_value = TimeValue.from_value(m.anchor["value"]) if "X" not in m.anchor["value"] else None
        if anchor_value is None:
            return []
        claimed = shift(anchor_value, *m.offset)
        if claimed is None:
            return []
        truth = event.fact.date
        ok = dates_agree(claimed, truth)
        if ok is False and _within_slack(claimed, truth, m, essay.text):
            ok = True
        if ok is False:
            # Another fact the claim could be about ("she died" fits two deaths) has this very date.
            shared = event.shared_words + event.shared_entities
            other = next((a for a in aligned if a.dice >= WEAK_DICE and a.same_happening(c) and a.fact.date
                          and a.shared_words + a.shared_entities >= shared
                          and (dates_agree(claimed, a.fact.date) or _within_slack(claimed, a.fact.date, m,
                                                                                 essay.text))), None)
            if other is not None:
                event, truth, ok = other, other.fact.date, True
        if ok is None:
            return []
        if ok:
            return [self._finding("chronology", "supported", "relative_date", m.start, m.end, m.text, event.fact,
                                  f"That fits the sources: {describe(truth)}.", "This fits the sources' timeline.",
                                  describe(truth))]
        gap = _gap(anchor_value, truth, m.offset[1])
        expected = describe(truth) + (f" ({gap})" if gap else "")
        return [self._finding("chronology", "contradicted", "relative_date", m.start, m.end, m.text, event.fact,
                              f"This does not fit the sources' timeline: they put it on {expected}.",
                              "Check how long after the earlier event this happened; the sources give "
                              "a different gap.", expected)]

    # -- numbers ----------------------------------------------------------------------------

    def _check_number(self, c: Clause, q: Quantity, aligned: list[Alignment]) -> list[Finding]:
        # A bound ("more than 400,000 people worked") agrees with any larger number, so it speaks
        # only for a fact where the same thing happens; the same amount speaks for any close fact.
        cands = [(a, fq) for a in aligned if a.dice >= WEAK_DICE
                 for fq in a.fact.quantities if comparable(q, fq)
                 and (a.same_happening(c) or fq.hedge not in ("min", "max"))]
        same_thing = [(f, fq) for f in self.fb.facts for fq in f.quantities if comparable(q, fq)]
        for a, fq in cands:
            if quantities_agree(q, fq):
                return [self._finding("accuracy", "supported", "number", q.start, q.end, q.text, a.fact,
                                      f"The sources agree: {fq.text}.", "This number matches the sources.", fq.text)]
        if cands and cands[0][0].strong and cands[0][0].same_happening(c):
            fact, fq = cands[0][0].fact, cands[0][1]
        elif same_thing and self._counts_one_thing(q, same_thing):
            if any(quantities_agree(q, fq) for _, fq in same_thing):
                return []  # the sources give this amount of this thing somewhere: benefit of the doubt
            fact, fq = same_thing[0]  # "only 12 boats" where the sources count boats once, as 20
        else:
            return []
        return [self._finding("accuracy", "contradicted", "number", q.start, q.end, q.text, fact,
                              f"The sources give {fq.text}, not {q.text}.",
                              "Check this number against the source sentence.", fq.text)]

    @staticmethod
    def _counts_one_thing(q: Quantity, same_thing: list[tuple[Fact, Quantity]]) -> bool:
        """The sources count this (specific) thing once, or every count of it agrees."""
        if q.dimension == "time" or (q.dimension is None and (noun_key(q.noun) or "") in _GENERIC_COUNTS | {""}):
            return False  # ages, durations and head counts recur for many things
        first = same_thing[0][1]
        return all(quantities_agree(first, fq) for _, fq in same_thing[1:])

    # -- people, places, organisations -------------------------------------------------------

    def _check_entities(self, essay: Analysis, c: Clause, aligned: list[Alignment]) -> list[Finding]:
        # Either the claim is clearly about the fact already, or it would be with the other name:
        # "ran to Hale House in Eastholm" is the whole of "reached Hale House in
        # Westmarch" once Eastholm reads Westmarch.
        candidates = [a for a in aligned[:3] if a.dice >= WEAK_DICE and a.specific
                      and ((a.strong and a.shared_words >= 2) or a.content_cov >= 0.8)]
        if not candidates:
            return []
        best = candidates[0]
        needs_swap = not (best.strong and best.shared_words >= 2)
        sentence_ents = {i for x in essay.clauses if x.sentence == c.sentence for i in x.entity_ids}
        reg = self.fb.registry
        out = []
        for m in c.entities:
            x = m.entity_id
            if not x or reg.label(x) not in SWAPPABLE or x in self._fact_sentence_ents[best.fact.id]:
                continue
            # The same thing told elsewhere with this entity: not a swap.
            if any(x in self._fact_sentence_ents[a.fact.id] for a in aligned
                   if a.score >= 0.7 * best.score and a.fact.verbs & set(c.keys)):
                continue
            same_name = set(reg.lookup(m.text))  # "Brook" can name Tom or Rob: never a swap between them
            if self._locates_another_place(essay, m):
                continue  # "Lornby in Westmarch": Westmarch only says where Lornby is
            rivals = [y for y in best.fact.entity_ids if _rival_labels(reg.label(x), reg.label(y))
                      and y not in same_name and (reg.label(x) == "PERSON" or not self._listed_together(x, y))
                      and (reg.label(x) == "PERSON" or not _one_names_the_other(reg.entities[x], reg.entities[y]))]
            if reg.label(x) == "PERSON":
                rivals = [y for y in rivals if reg.entities[y].confident and reg.entities[x].confident
                          and y not in sentence_ents]
            else:
                rivals = [y for y in rivals if _rival_places(reg.entities[x], reg.entities[y])]
            rivals = self._same_slot(essay, m, best.fact, rivals, sentence_ents)
            if len(rivals) != 1:
                continue
            y = rivals[0]
            # Any other person the fact names but the claim does not means another event.
            if self._names_missing(c, best.fact, ("PERSON",), besides=y):
                continue
            if needs_swap and not self._whole_once_swapped(best, x, y):
                continue
            if best.fact.dates and any(all(dates_agree(d.claimed, fd) is False for fd in best.fact.dates)
                                       for d in c.dates if d.claimed is not None):
                continue  # a date the fact does not have: more likely another event than a swapped name
            name = reg.name(y)
            out.append(self._finding(
                "accuracy", "contradicted", "entity", m.start, m.end, m.text, best.fact,
                f"The sources say this was {name}, not {m.text}.",
                "Check who or where this was: the sources name someone or somewhere else.", name))
        return out + self._unknown_place_swaps(essay, c, candidates, sentence_ents)

    def _unknown_place_swaps(self, essay: Analysis, c: Clause, candidates: list[Alignment],
                             sentence_ents: set[str]) -> list[Finding]:
        """"founded the WSPU in Leeds" where the sources say "in Manchester": a place the sources never
        name, standing where a fact of the same event has its place, after the same preposition."""
        reg = self.fb.registry
        out = []
        for m in c.entities:
            if m.entity_id is not None or m.label not in ("UNKNOWN", "PLACE"):
                continue
            before = _word_before(essay.text, m.start)
            if before not in LOCATIVE or self._sources_mention(m.text):
                continue  # a name the sources use elsewhere ("the Earth") is not a stranger in their place
            for a in candidates:
                slot = [fm for r in a.fact.readings for fm in r.clause.entities
                        if fm.entity_id and reg.label(fm.entity_id) in ("PLACE", "ORG")
                        and fm.entity_id not in sentence_ents
                        and _word_before(self.fb.sources[r.source].text, fm.start) == before]
                places = {fm.entity_id for fm in slot}
                if len(places) != 1:
                    continue
                said = _words(m.text)
                if any(said <= form for form in _name_words(reg.entities[next(iter(places))])):
                    break  # "the Commons" is the House of Commons, said shorter
                if self._names_missing(c, a.fact, ("PERSON",)):
                    break  # the fact is about someone the claim does not name
                name = reg.name(places.pop())
                out.append(self._finding(
                    "accuracy", "contradicted", "entity", m.start, m.end, m.text, a.fact,
                    f"The sources say this was {name}, not {m.text}.",
                    "Check where this was: the sources name somewhere else.", name))
                break
        return out

    def _sources_mention(self, name: str) -> bool:
        pattern = re.compile(rf"\b{re.escape(name)}\b", re.I)
        return any(pattern.search(src.text) for src in self.fb.sources.values())

    def _locates_another_place(self, essay: Analysis, m: EntityMention) -> bool:
        """Does the essay put x after a place the way the sources do ("Lornby in Westmarch")?

        Then x only says where that place is. "Hale House in Eastholm", where the
        sources say "in Westmarch", is still a swap.
        """
        return any(o.end <= m.start and _LOCATOR.fullmatch(essay.text[o.end:m.start])
                   and (o.entity_id, m.entity_id) in self._located for o in essay.entities if o.entity_id)

    def _listed_together(self, x: str, y: str) -> bool:
        """Do the sources list places x and y side by side ("Lornby and Dunmere")?

        Then neither replaces the other. People listed together ("Hale and Marsh") still
        do different things, so this is asked of places only.
        """
        return frozenset((x, y)) in self._coordinated

    def _anchor_by_person(self, feats: Features, candidates: list[Alignment]) -> list[Alignment]:
        """"Before Reagan made his speech": a named person picks the event when every dated fact about
        that person that could be meant has one date."""
        reg = self.fb.registry
        people = {self._group.get(e, e) for e in feats.entities if reg.label(e) == "PERSON"}
        if not people:
            return []
        theirs = [a for a in candidates if people <= self._fact_ents[a.fact.id]]
        if theirs and all(dates_agree(a.fact.date, theirs[0].fact.date) for a in theirs):
            return theirs
        return []

    def _whole_once_swapped(self, a: Alignment, x: str, y: str) -> bool:
        """With y read for x, would the claim and the fact match nearly whole?"""
        wy = self.fb.weight(f"@{self._group.get(y, y)}")
        wx = self.fb.weight(f"@{self._group.get(x, x)}")
        fact_cov = a.fact_cov + wy / a.fact_weight
        claim_cov = a.claim_cov + wx / a.claim_weight if a.claim_weight else 0.0
        return fact_cov >= 0.85 and claim_cov >= 0.5

    def _same_slot(self, essay: Analysis, m: EntityMention, fact: Fact, rivals: list[str],
                   sentence_ents: set[str]) -> list[str]:
        """Keep the rivals that stand where the essay's entity stands.

        First those after the same preposition ("from Westmarch", "from Eastholm"), even if
        the essay names that rival elsewhere; failing that, for places, those after any
        preposition of place ("in front of X", "at Y") that the essay does not name.
        """
        if len(rivals) <= 1 and self.fb.registry.label(m.entity_id) == "PERSON":
            return rivals
        before = _word_before(essay.text, m.start)
        same, locative = [], []
        for r in fact.readings:
            text = self.fb.sources[r.source].text
            for fm in r.clause.entities:
                if fm.entity_id not in rivals:
                    continue
                theirs = _word_before(text, fm.start)
                if theirs == before and fm.entity_id not in same:
                    same.append(fm.entity_id)
                if theirs in LOCATIVE and before in LOCATIVE and fm.entity_id not in locative \
                        and fm.entity_id not in sentence_ents:
                    locative.append(fm.entity_id)
        return same or (locative if self.fb.registry.label(m.entity_id) != "PERSON" else [])

    # -- order ------------------------------------------------------------------------------

    def _check_order(self, c: Clause, marker) -> list[Finding]:
        if marker.anchor_text is None:
            return []
        if _HYPOTHETICAL.search(c.text[:marker.anchor_end - c.start]):
            return []  # "X would have to go before Y would": a condition someone stated, not an order of events
        anchor_feats = Features.of(c, marker.anchor_start, marker.anchor_end)
        event_feats = Features.of(c, exclude=(marker.start, marker.anchor_end))
        if len(anchor_feats.words) + len(anchor_feats.entities) < 2 or not event_feats.words:
            return []
        candidates = [a for a in self.align(anchor_feats, min_entities=1) if a.fact.date is not None]
        anchors = [a for a in candidates
                   if a.claim_cov >= 0.6 and (a.shared_words or a.shared_entities >= 2 or a.claim_cov >= 0.75)]
        anchors.sort(key=lambda a: a.claim_cov, reverse=True)
        if not anchors:
            anchors = self._anchor_by_person(anchor_feats, candidates)
        # Only the sources' own dates order events: the date a source was narrating is too loose.
        events = [a for a in self.align(event_feats) if a.fact.date is not None and a.strong]
        if not anchors or not events:
            return []
        A, E = anchors[0].fact, events[0].fact
        if A is E:
            return []
        o = dates_order(E.date, A.date)
        if o is None or o == 0:
            return []
        wrong = (marker.direction == "before" and o == 1) or (marker.direction == "after" and o == -1)
        span = (marker.start, marker.anchor_end)
        if not wrong:
            return [self._finding("chronology", "supported", "order", *span, c.text[span[0] - c.start:span[1] - c.start],
                                  E, "The order matches the sources.", "The order matches the sources.")]
        truth = "after" if o == 1 else "before"
        expected = f"{truth} ({describe(E.date)} vs {describe(A.date)})"
        finding = self._finding(
            "chronology", "contradicted", "order", *span, c.text[span[0] - c.start:span[1] - c.start], E,
            f"In the sources this happened {truth} that: {describe(E.date)} compared with "
            f"{describe(A.date)}.",
            "Check the order of these events on the sources' timeline.", expected)
        finding.evidence += A.sentence_evidence(self.fb.sources)
        return [finding]


def _near_miss(claimed: TimeValue, fact_date: TimeValue) -> bool:
    """Two days or two months that differ in exactly one of day, month or year."""
    return claimed.granularity in ("day", "month") and len(differing_fields(claimed, fact_date) or ()) == 1


_HEDGED = re.compile(r"\b(?:about|around|roughly|some|nearly|almost|approximately|just over|just under|over|"
                     r"more than|less than|under)\s*$", re.I)


def _within_slack(claimed: TimeValue, truth: TimeValue, m: DateMention, text: str) -> bool:
    """A gap in weeks, or a hedged gap ("about six weeks later"), is as exact as people mean it:
    weeks to within three days, a hedged gap to within a sixth of its length."""
    ic, it = claimed.interval(), truth.interval()
    if not (ic and it) or m.offset is None or claimed.granularity != "day":
        return False
    amount, unit = m.offset
    days = abs(amount) * {"day": 1, "week": 7, "fortnight": 14}.get(unit, 0)
    slack = 3 if unit in ("week", "fortnight") else 0
    if _HEDGED.search(text[max(0, m.start - 20):m.start]):
        slack = max(slack, 1, days // 6)
    return slack > 0 and abs((ic[0] - it[0]).days) <= slack


def _fine_enough(v: TimeValue, unit: str) -> bool:
    """Is a date precise enough to check a gap counted in ``unit``?"""
    need = {"day": "day", "week": "day", "fortnight": "day", "month": "month"}.get(unit, "year")
    return coarser(v.granularity, need) == need


def _precisely_agree(claimed: TimeValue, fact_date: TimeValue) -> bool:
    """The fact's date is at least as precise as the claim and agrees with it."""
    return bool(dates_agree(claimed, fact_date)) and coarser(fact_date.granularity, claimed.granularity) \
        == claimed.granularity


_LOCATOR = re.compile(r",?\s+(?:in\s+)?|,\s*")


def _paired_entities(fb: FactBase) -> tuple[set[frozenset], set[tuple[str, str]]]:
    """Entities a source lists side by side ("Lornby and Dunmere"), and places it locates
    in others ("Lornby in Westmarch")."""
    listed: set[frozenset] = set()
    located: set[tuple[str, str]] = set()
    for name, an in fb.analyses.items():
        text = fb.sources[name].text
        ents = [m for m in an.entities if m.entity_id]
        for a, b in zip(ents, ents[1:]):
            between = text[a.end:b.start]
            if re.fullmatch(r"\s*(?:,|and|or|,\s*and)\s*", between):
                listed.add(frozenset((a.entity_id, b.entity_id)))
            if _LOCATOR.fullmatch(between):
                located.add((a.entity_id, b.entity_id))
    return listed, located


def _words(name: str) -> set[str]:
    return set(re.findall(r"\w+", name.lower()))


def _name_words(e) -> list[set[str]]:
    """The words of each form of an entity's name."""
    return [_words(f) for f in [e.name, *e.aliases]]


def _one_names_the_other(x, y) -> bool:
    """"Holloway" and "Holloway Prison", "Berlin" and "West Berlin": a shorter name inside a longer one."""
    return any(a and b and (a <= b or b <= a) for a in _name_words(x) for b in _name_words(y))


def _rival_labels(a: str, b: str) -> bool:
    """Can an entity of label ``b`` stand where the essay put one of label ``a``?"""
    # Taggers confuse places with organisations ("Hale House"), never with people.
    return a == b or {a, b} <= {"PLACE", "ORG"}


_BIG_PLACES = frozenset({"country", "former-country", "region", "continent"})


def _rival_places(x, y) -> bool:
    """Could a writer have put place ``x`` for place ``y`` by mistake, rather than one inside the other?

    Westmarch for Eastholm (two countries) or Lornby for Dunmere (two towns) is a swap;
    Westmarch for Lornby (a town in it) is only less precise.
    """
    if x.kind and y.kind:
        return x.kind == y.kind or (x.kind not in _BIG_PLACES and y.kind not in _BIG_PLACES)
    return (x.kind or y.kind) not in _BIG_PLACES


def _word_before(text: str, pos: int) -> str:
    """The word before a name, looking past "the" and "a": "at the Lornby Gate" gives "at"."""
    words = re.findall(r"\w+", text[max(0, pos - 30):pos])
    while words and words[-1].lower() in ("the", "a", "an"):
        words.pop()
    return words[-1].lower() if words else ""


def _gap(a: TimeValue, b: TimeValue, unit: str) -> str | None:
    ia, ib = a.interval(), b.interval()
    if not (ia and ib) or a.granularity != "day" or b.granularity != "day":
        return None
    days = (ib[0] - ia[0]).days
    word = "day" if abs(days) == 1 else "days"
    return f"{abs(days)} {word} {'after' if days >= 0 else 'before'} {describe(a)}"


_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]
_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}


def describe(v: TimeValue | None) -> str:
    """A date as a person writes it: "14 March 1871", "April 1872", "the early 1870s"."""
    if v is None:
        return "an unknown date"
    mod = {"START": "early ", "MID": "mid-", "END": "late "}.get(v.mod or "", "")
    year = str(v.year) if v.year is not None else ""
    if v.granularity == "day":
        return " ".join(x for x in (str(v.day), _MONTHS[v.month - 1] if v.month else "", year) if x)
    if v.granularity == "month":
        return f"{mod}{_MONTHS[v.month - 1]} {year}".strip() if v.month else year
    if v.granularity == "season":
        return f"{mod}{_SEASONS[v.season]} {year}".strip()
    if v.granularity == "year":
        return f"{mod}{year}"
    if v.granularity == "decade":
        return f"the {mod}{v.decade}s"
    if v.granularity == "century":
        n = v.century // 100 + 1
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"the {mod}{n}{suffix} century"
    return v.value


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """One finding per span and verdict; a contradiction hides a 'supported' on the same span."""
    out: list[Finding] = []
    for f in findings:
        clash = next((g for g in out if g.start == f.start and g.end == f.end), None)
        if clash is None:
            out.append(f)
        elif clash.verdict != "contradicted" and f.verdict == "contradicted":
            out[out.index(clash)] = f
    return out
