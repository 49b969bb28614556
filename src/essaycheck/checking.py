"""Checking an essay: its claims, each judged by the comparators, then a verdict policy; and coverage.

The flow is plain function calls on plain data: ``claims.extract`` turns the essay's
clauses into claims (sides, orders, gaps); each comparator named in the checker's
configuration (``comparators.DEFAULT``) judges the claim's details against the facts
``alignment`` finds for each side; ``verdicts.settle`` adds a whole-claim verdict
where none was given. Claims are checked in essay order, so a "then" or "six days
later" counts from the event the essay told just before.
"""
from __future__ import annotations

from .alignment import POLICY, STRONG_LEAST_DICE, Aligner, AlignmentPolicy, Features, Floor
from .analysis import Analysis, Clause
from .claims import extract
from .comparators import DEFAULT, Context, get
from .comparators.swaps import SwapIndex
from .events import event_of
from .factbase import FactBase
from .findings import Finding
from .verdicts import dedupe, settle


class Checker:
    """Checks essays against one fact base. Safe to share between threads: nothing per essay is kept."""

    def __init__(self, fb: FactBase, comparators: tuple[str, ...] = DEFAULT, policy: AlignmentPolicy = POLICY,
                 people=None):
        self.fb = fb
        self.people = people  # texts -> the spans of people's names in each (a statistical recogniser), or None
        self.policy = policy
        self.aligner = Aligner(fb, policy)
        self.comparators = [get(n) for n in comparators]
        self._cache: dict = {"swap_index": SwapIndex.build(fb)}
        self._event_of = event_of(fb.events)
        # What coverage reads of a clause's facts (see ``coverage`` and the two _cover_ helpers): the
        # best; any holding half the fact (or the whole, for ``strong``); any with the least dice of
        # a strong match; any event's best from ``cover_least`` up; any naming an event the clause
        # names with two things shared. Every other fact of a large fact base is never looked at.
        p = policy
        self._told_floor = Floor(top=1, score=p.cover_least, dice=min(p.strong_dice, STRONG_LEAST_DICE),
                                 fact_cov=min(p.cover_fraction, p.whole_fact), named=True)
        self._sentence_floor = Floor(fact_cov=p.cover_fraction + 0.1)

    def check(self, essay: Analysis) -> tuple[list[Finding], dict[str, list[tuple[int, int]]]]:
        """All findings for an essay, and for each fact the essay spans that cover it."""
        claims = extract(essay)
        ctx = Context(self.fb, self.aligner, essay, claims, self.policy, self._cache, people=self.people)
        findings: list[Finding] = []
        for i, claim in enumerate(claims):
            ctx.index = i
            out: list[Finding] = []
            for compare in self.comparators:
                out.extend(compare(claim, ctx))
            out = settle(claim, out, ctx)
            ctx.record(i, claim, out)
            findings.extend(out)
        findings.sort(key=lambda f: (f.start, f.end))
        findings = dedupe(findings)
        return findings, self.coverage(essay, findings)

    # -- coverage ----------------------------------------------------------------------------

    def coverage(self, essay: Analysis, findings: list[Finding] = ()) -> dict[str, list[tuple[int, int]]]:
        """For each fact the essay tells, the essay spans that tell it.

        A claim judged against a fact tells that fact, whether it got its details right
        or not: the student has written about the event. Otherwise a clause covers the
        facts it tells most of, in words or in names, numbers and dates.
        """
        p = self.policy
        covered: dict[str, list[tuple[int, int]]] = {}
        for f in findings:
            if f.fact_id and f.verdict in ("supported", "contradicted"):
                c = essay.clause_at(f.start)
                span = (c.start, c.end) if c is not None else (f.start, f.end)
                if span not in covered.setdefault(f.fact_id, []):
                    covered[f.fact_id].append(span)
        for c in essay.clauses:
            told = self.aligner.align(Features.of(c, details=True, heads=True), min_entities=2, details="cover",
                                      floor=self._told_floor)
            for i, a in enumerate(told):
                if a.fact_cov >= p.cover_fraction or (a.content_cov >= 0.6 and a.strong) or \
                        (a.claim_cov >= 0.7 and a.shared_words >= 2 and a.strong) or \
                        (i == 0 and a.claim_cov >= 0.5 and a.shared_words + a.shared_entities >= 3) or \
                        (i == 0 and a.claim_cov >= 0.9 and a.shared_words >= 1 and a.shared_entities >= 1):
                    # The last: the fact a claim is most about, told in other words but with the
                    # same people, places, numbers or dates ("President Hale told the people of Lornby").
                    covered.setdefault(a.fact.id, []).append((c.start, c.end))
            self._cover_best_event(c, told, covered)
            self._cover_named_event(c, told, covered)
        self._cover_by_sentence(essay, covered)
        return covered

    def _cover_named_event(self, c: Clause, told: list, covered: dict) -> None:
        """A clause that names a battle, a law or a treaty ("on the field of Dunmere", "the Lornby Act")
        and something more the fact has tells the event of the fact it matches best among those naming
        it, in whatever words."""
        reg = self.fb.registry
        named = {e for e in Features.of(c).entities if reg.label(e) in ("EVENT", "OTHER")}
        if not named:
            return
        groups = self.aligner.group(named)
        best = next((a for a in told if groups & self.aligner.group(a.fact.entity_ids)
                     and a.shared_words + a.shared_entities >= 2), None)
        if best is not None:
            span = (c.start, c.end)
            if span not in covered.setdefault(best.fact.id, []):
                covered[best.fact.id].append(span)

    def _cover_best_event(self, c: Clause, told: list, covered: dict) -> None:
        """The event a clause is most about is told, in the student's own words, when they share
        what happened or who took part and something more ("At the end of 1872 Westmarch and
        Eastholm offered to fund it" tells the offer to fund the mill)."""
        p = self.policy
        best_of: dict[int, object] = {}  # id(event) -> its best alignment
        for a in told:
            e = self._event_of.get(a.fact.id)
            if e is not None and (id(e) not in best_of or a.score > best_of[id(e)].score):
                best_of[id(e)] = a
        ranked = sorted(best_of.values(), key=lambda a: a.score, reverse=True)
        if not ranked:
            return
        top = ranked[0].score
        dates = {k for k in c.detail_keys() if k.startswith("~")}
        for a in ranked[:p.cover_events]:
            if a.score < p.cover_rival * top or a.score < p.cover_least:
                break
            # (one date is one thing shared, though it is matched by its year, month and day)
            said = {k for r in a.fact.readings for k in r.clause.detail_keys() if k in dates} if dates else ()
            names = a.shared_entities - max(0, len(said) - 1)
            if (a.shared_words >= 1 and names >= 1) or a.shared_words >= 2 or names >= p.cover_names:
                span = (c.start, c.end)
                if span not in covered.setdefault(a.fact.id, []):
                    covered[a.fact.id].append(span)

    def _cover_by_sentence(self, essay: Analysis, covered: dict) -> None:
        """A fact told across two clauses of one essay sentence is covered by the sentence."""
        by_sent: dict[int, list[Clause]] = {}
        for c in essay.clauses:
            by_sent.setdefault(c.sentence, []).append(c)
        for clauses in by_sent.values():
            if len(clauses) < 2:
                continue
            parts = [Features.of(c, details=True, heads=True) for c in clauses]
            feats = Features(set().union(*(p.words for p in parts)), set().union(*(p.entities for p in parts)))
            for a in self.aligner.align(feats, min_entities=2, details="cover", floor=self._sentence_floor):
                if a.fact_cov >= self.policy.cover_fraction + 0.1 and a.fact.id not in covered:
                    covered[a.fact.id] = [(clauses[0].start, clauses[-1].end)]
