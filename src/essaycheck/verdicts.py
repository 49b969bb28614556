"""The verdict policy: what a claim gets when no comparator had anything precise to say.

A claim that matches a fact as a whole is ``supported``; one about something the
sources do not tell (nothing matches it, or what matches lacks what happened, or it
rests on words no source uses) is ``unsupported``: reported, never penalised.
Opinions and claims too thin to check get nothing. When in doubt, nothing: a false
"wrong" is the worst mistake the checker can make, and a false "not in the sources"
the next worst.
"""
from __future__ import annotations

import re

from .alignment import BEST, Alignment, Features
from .claims import Claim
from .findings import Finding
from .lexicon import phrases
from .comparators.context import Context
from .comparators.date import misdated, near_miss
from .dates import agree

# A writer's own view, not a claim about the past ("I think", "in my opinion"). Not every "I" or
# "we": "the I Will Not Yield speech", "which we now call Hale's Folly" still tell something.
_OPINION = re.compile(r"\b(?:I\s+(?:think|believe|feel|reckon|guess|suppose|would|agree|disagree|personally)|"
                      r"in\s+my\s+(?:opinion|view)|personally|probably|perhaps|maybe|must\s+have|might\s+have|"
                      r"we\s+(?:can|could|should|must)\s+(?:see|say|tell|conclude)|my\s+(?:opinion|view))\b", re.I)


def settle(claim: Claim, findings: list[Finding], ctx: Context) -> list[Finding]:
    """The claim's findings, with a whole-claim verdict added when the comparators gave none."""
    if findings and _opinion_sentence(claim, ctx):
        # "In my opinion the real power lay in Westmarch": a view, whose names are not a swap to correct
        findings = [f for f in findings if not (f.verdict == "contradicted" and f.kind == "entity")]
    if findings and _of_the_present(claim):
        # "Each May the weavers of Lornby still hold a fair": today's custom, not the past the sources tell
        findings = [f for f in findings if f.verdict != "contradicted"]
    if _another_event(findings):
        # "Brook's men held Lornby and were given nine ribbons", where the closest fact has Hale's men at
        # Dunmere given five: a claim that differs from one fact in a name and a number is likelier another
        # event the sources tell elsewhere than a double slip
        findings = [f for f in findings if f.verdict != "contradicted"]
    if any(f.verdict == "contradicted" for f in findings) or findings:
        return findings
    c = claim.clause
    aligned = ctx.aligner.align(Features.of(c), floor=BEST)  # only the best is read
    best = aligned[0] if aligned else None
    if best is not None and best.strong and best.claim_cov >= 0.5:
        if (slip := _date_slip(claim, best, ctx)) is not None:
            return [slip]
        return [ctx.finding("accuracy", "supported", "other", c.start, c.end, best.fact, "claim.supported")]
    if _checkable(claim) and _outside(claim, best, ctx):
        return [ctx.finding("accuracy", "unsupported", "other", c.start, c.end, None, "claim.unsupported")]
    return []


def _date_slip(claim: Claim, best: Alignment, ctx: Context) -> Finding | None:
    """The claim matches a fact as a whole but gives it a day that misses the fact's in one field ("12
    August 1872" for 12 August 1871) and that the sources give nothing else: what the writer got
    wrong is the date. A claim that matches whole is not "as the sources say" when its own date differs."""
    told = [m for m in claim.clause.dates if m.resolved and not m.relative and not m.bound and m.claimed is not None]
    if len(told) != 1 or not best.fact.dates:
        return None
    m = told[0]
    if m.claimed.granularity != "day" or any(agree(m.claimed, d) is not False for d in best.fact.dates) \
            or not all(near_miss(m.claimed, d) for d in best.fact.dates):
        return None
    # (a day the sources give something else may be that event's, told in words the match missed)
    said = m.value.value if m.claimed.year is not None else "XXXX" + m.value.value[4:]
    if any(f is not best.fact for f in ctx.facts_dated(said)):
        return None
    return misdated(m, best.fact, ctx)


def _another_event(findings: list[Finding]) -> bool:
    """Do a wrong name and a wrong number come from one fact?"""
    wrong = [f for f in findings if f.verdict == "contradicted" and f.fact_id]
    kinds = {f.fact_id: set() for f in wrong}
    for f in wrong:
        kinds[f.fact_id].add(f.kind)
    return any({"entity", "number"} <= k for k in kinds.values())


_PRESENT = phrases("present")


def _of_the_present(claim: Claim) -> bool:
    """Does the claim tell what happens now: its verb in the present tense beside a word such as
    "still" or "every year"? (A story told in the present, "Hale sails on 2 May", has no such word.)"""
    toks = claim.clause.tokens
    verb = next((t for t in toks if t.finite), None)
    return verb is not None and verb.tag in ("VBP", "VBZ") and bool(_PRESENT.search(claim.clause.text))


def _opinion_sentence(claim: Claim, ctx: Context) -> bool:
    s, e = ctx.essay.sentences[claim.clause.sentence]
    return bool(_OPINION.search(ctx.essay.text[s:e]))


def _checkable(claim: Claim) -> bool:
    """A claim about someone or something datable, not an opinion: "he" counts for the person it stands for."""
    c = claim.clause
    if _OPINION.search(c.text):
        return False
    implied = any(s.implied_entities for s in claim.sides)
    return len(c.keys) >= 2 and bool(c.entities or c.dates or c.quantities or implied)


def _outside(claim: Claim, best: Alignment | None, ctx: Context) -> bool:
    """Is the claim about something the sources do not tell?

    Nothing matches it; or the closest fact lacks what happened (its verbs); or the
    claim rests on words no source uses ("television") and the fact holds little of it.
    """
    c = claim.clause
    fb = ctx.fb
    if best is None or best.dice < ctx.policy.weak_dice:
        return True
    if any(m.entity_id is None and m.text[:1].isupper() and ctx.names_something_new(m.text) for m in c.entities):
        return True  # a name no source uses ("the Lornby Lighthouse", "Hale's Folly")
    if c.verbs and not c.verbs & set(best.fact.keys) and best.claim_cov < 0.6 and not best.strong:
        return True
    # Unknown nouns ("television") bring in new matter; unknown verbs are often just other words.
    unknown = sum(fb.weight(k) for k in c.keys if not fb.known(k) and k not in c.verbs)
    total = sum(fb.weight(k) for k in c.keys) or 1.0
    return best.claim_cov < 0.5 and unknown / total >= 0.25


def dedupe(findings: list[Finding]) -> list[Finding]:
    """One finding per span; a contradiction hides a 'supported' on the same span."""
    out: list[Finding] = []
    at: dict[tuple[int, int], int] = {}
    for f in findings:
        i = at.get((f.start, f.end))
        if i is None:
            at[(f.start, f.end)] = len(out)
            out.append(f)
        elif out[i].verdict != "contradicted" and f.verdict == "contradicted":
            out[i] = f
    return out
