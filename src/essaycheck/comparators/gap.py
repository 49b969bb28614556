"""Relative dates: "six days later", "less than a year after the revolution", "the next day".

The event of the claim's side and the event the gap counts from (named: "after the
blockade"; or not: the event the essay told just before) are placed on the sources'
timeline, and the gap the phrase allows, hedges and all (see ``gaps.Gap``), is
compared with the gaps their dates allow. Wrong only when no reading of either event
can be that far apart; a vague gap ("some years later") is never wrong.
"""
from __future__ import annotations

import re

from ..alignment import Features
from ..claims import Claim, GapClaim, hypothetical
from ..findings import Finding
from ..timeline import Dated, days_between, judge_gap, narrated
from . import comparator
from .context import Context, describe
from .stated import stated_gaps, tells_anchor, tells_fact


@comparator("gap")
def check_gaps(claim: Claim, ctx: Context) -> list[Finding]:
    out = []
    for g in claim.gaps:
        side = claim.sides[g.event]
        if side.hypothetical or side.negated or g.mention.gap is None or _planned(claim, g.mention):
            continue
        if side.size and not ctx.tells_an_event(side):
            continue
        if g.anchor is None and _counts_from_own_date(claim, g.mention):
            continue  # "carried out in 1873, having been ordered the year before": which event is dated is unclear
        if g.anchor is None and _anchored_by_clause(claim, g.mention):
            continue  # "on the same day that Marsh reached Lornby": counted from the clause, not the story
        if g.anchor is None and _restated_as_date(claim, g.mention):
            continue  # "the next day, on 3 June": the date is what is claimed, and is judged as a date
        if _dates_another_phrase(claim, side, g.mention):
            continue  # "who reached Dunmere two days after the treaty, was made director on 2 June": two events
        # "That was six weeks after ...": a side with nothing of its own is the event told before
        if side.size:
            events = ctx.dated_events(side)
        elif side.role == "aside":  # "..., which was twenty years after the disaster": the clause it hangs on
            events = ctx.dated_events(claim.sides[0])
        elif g.anchor is None:
            continue  # "That was six years later": both the event and what it counts from were told before
        else:
            events = ctx.previous_events(ctx.index)
        anchors = ctx.dated_events(claim.sides[g.anchor]) if g.anchor is not None else ctx.previous_events(ctx.index)
        if g.anchor is not None and not any(d.resolved and not d.relative for d in claim.sides[g.anchor].dates):
            # "Brook was hurt and died nine days later, on 3 May": a source sentence that tells both
            # dates only the second; its date is not the first's
            mine = {id(e.fact) for e in events if e.fact is not None}
            anchors = [a for a in anchors if a.fact is None or not (id(a.fact) in mine or _dated_by(a.fact, g.mention.gap))]
        if events and not any(d.resolved and not d.relative for d in claim.clause.dates) \
                and all(e.fact is not None and _dated_by(e.fact, g.mention.gap) for e in events):
            continue  # the source tells the event with this very gap: whatever date it puts there is its reading
        verdict, e, a = judge_gap(g.mention.gap, events, anchors) if events and anchors else (None, None, None)
        m = g.mention
        if verdict is None or e is None or a is None:
            out.extend(_against_stated_gaps(claim, g, ctx))
            continue
        if not verdict and g.anchor is None and _fits_own_narrative(side, m, ctx):
            continue  # "On 5 November ... the next day more troops arrived": the day it names is right
        if not verdict:
            stated = _against_stated_gaps(claim, g, ctx)
            if stated and stated[0].verdict == "supported":
                out.extend(stated)  # a source says this very gap in words: the timeline read another anchor
                continue
        if verdict:
            out.append(ctx.finding("chronology", "supported", "relative_date", m.start, m.end, e.fact,
                                   "gap.supported", describe(e.value)))
            continue
        out.append(ctx.finding("chronology", "contradicted", "relative_date", m.start, m.end, e.fact,
                               "gap.contradicted", _expected(e, a),
                               others=(a.fact,) if a.fact is not None and a.fact is not e.fact else ()))
    return out


def _dated_by(fact, gap) -> bool:
    """Does a source tell the fact with this very gap ("and died nine days later")? Then the date it
    has is the end of that gap, not the event the gap counts from."""
    # ("a fortnight" is the sources' "two weeks": the same length in other units)
    return any(m.relative and m.gap is not None and (m.gap == gap or m.gap.meets(gap) is True)
               for r in fact.readings for m in r.clause.dates)


def _fits_own_narrative(side, m, ctx: Context) -> bool:
    """Does the day the essay's own story gives a relative date ("that afternoon", "the next
    day", counted from the date it told before) hold a fact about what the side says?

    Then the facts the side was matched with were the wrong ones, not the student's chain of
    dates; a wrong date earlier in that chain is reported where it stands.
    """
    v = m.value
    if v is None or v.granularity != "day":
        return False
    feats = Features.of_side(side)
    for a in ctx.aligner.align(feats, min_entities=1):
        if a.shared_words + a.shared_entities < 1:
            continue
        told = list(a.fact.dates) + [d.value for d in narrated(a.fact, ctx.fb.sources)]
        if any(d.granularity == "day" and d.value == v.value for d in told):
            return True
    return False


def _planned(claim: Claim, m) -> bool:
    """Is the gap part of a plan or a promise ("agreed that its troops would leave within twenty
    months"), judged in the phrase it belongs to, not in the whole clause?"""
    c = claim.clause
    head = c.text[:m.start - c.start]
    cut = max(head.rfind(","), head.rfind(";"), *(mm.end() - 1 for mm in re.finditer(r"\bthat\b", head)))
    return hypothetical(c, c.start + cut + 1 if cut >= 0 else c.start, m.start)


def _dates_another_phrase(claim: Claim, side, m) -> bool:
    """Does the side's own date belong to another statement than the relative one, past a ";", a
    comma and a verb ("..., was hanged on 27 October") or a comma and "and" right before it?"""
    text = claim.clause.text
    c0 = claim.clause.start
    for d in side.dates:
        if d.relative or not d.resolved or d is m:
            continue
        lo, hi = (m.end, d.start) if d.start >= m.end else (d.end, m.start)
        between = text[lo - c0:hi - c0]
        if ";" in between or re.search(r",\s+(?:and\s+)?(?:was|were|is|are|had|has)\b", between):
            return True
        if d.start >= m.end and re.search(r",\s+(?:and|but)\s+(?:(?:in|on|by)\s+)?(?:the\s+)?$", between):
            return True  # "..., and in 1832 Dunmere had its own mayor": the date opens the next statement
        comma = text.find(",", lo - c0, hi - c0) if d.start < m.start else -1
        if comma >= 0 and any(t.finite and c0 + comma < t.start < hi and not any(o.start <= t.start < o.end for o in claim.clause.dates)
                              for t in claim.clause.tokens):
            # "Hale reached Lornby in June, the others landed at Dunmere a month after": two statements (a gap
            # told first, "Three days after the storm, the mill reached ... 1871", opens the one statement)
            return True
    return False


def _anchored_by_clause(claim: Claim, m) -> bool:
    """Does a clause right after the relative date say what it counts from ("the same day that ...",
    "the week when ...")? Then the event told before is not its anchor."""
    c = claim.clause
    return re.match(r"\s+(?:that|as|when|on\s+which)\b", c.text[m.end - c.start:], re.I) is not None


def _restated_as_date(claim: Claim, m) -> bool:
    """Is the relative date followed at once by the date it means ("the next day, on 3 June")?

    The writer counted from a day of their own story, which may be one the checker could not
    place; the date itself says what they claim."""
    return claim.clause.restates(m)


def _counts_from_own_date(claim: Claim, m) -> bool:
    """Does the clause state a date of its own before the relative one, in an earlier phrase (after a
    comma, or in a relative clause: "in 1410 Frost tried to recover the farms that Osric had taken
    six years before")?"""
    c = claim.clause
    return any(d.resolved and not d.relative and d.end <= m.start
               and re.search(r",|\b(?:that|which|who|whom|where)\b", c.text[d.end - c.start:m.start - c.start])
               for d in c.dates)


def _expected(e: Dated, a: Dated) -> str:
    days = days_between(a, e)
    if days is not None:
        word = "day" if abs(days) == 1 else "days"
        return f"{describe(e.value)} ({abs(days)} {word} {'after' if days >= 0 else 'before'} {describe(a.value)})"
    return f"{describe(e.value)} (compared with {describe(a.value)})"


def _against_stated_gaps(claim: Claim, g: GapClaim, ctx: Context) -> list[Finding]:
    """"Marsh gave up the chase ten days after Dunmere" where a source says "Marsh ends the
    chase ... four days after Dunmere": the sources state the gap from the same anchor for the
    same event, in words, though the timeline cannot place both ends. Compared amount with amount.
    """
    event = claim.sides[g.event]
    if g.anchor is not None:
        told_before = [claim.sides[g.anchor]]
    elif not ctx.previous_events(ctx.index):
        # "A week later the inquiry opened", after a paragraph telling the fire the timeline cannot
        # date: counted from the story told just before, which a source may name as the gap's anchor
        told_before = _story_before(ctx)
    else:
        return []
    for s in stated_gaps(ctx):
        if not tells_fact(event, s, ctx) or not any(tells_anchor(a, s, ctx) for a in told_before):
            continue
        meets = g.mention.gap.meets(s.mention.gap)
        if meets is None:
            continue
        verdict, reason = ("supported", "gap.supported") if meets else ("contradicted", "gap.stated")
        return [ctx.finding("chronology", verdict, "relative_date", g.mention.start, g.mention.end, s.fact,
                            reason, s.phrase)]
    return []


#: How far back a gap without an anchor may count from: the claims of this paragraph and the one before.
_PARAGRAPHS_BACK = 2


def _story_before(ctx: Context) -> list:
    """The main sides of the claims told before this one, back to the start of the paragraph before."""
    text = ctx.essay.text
    out, breaks = [], 0
    here = ctx.claims[ctx.index].start
    for c in reversed(ctx.claims[:ctx.index]):
        breaks += text.count("\n\n", c.end, here)
        if breaks >= _PARAGRAPHS_BACK:
            break
        out.extend(s for s in c.sides if s.role == "main" and s.size and not s.negated and not s.hypothetical)
        here = c.start
    return out
