"""Order: "before", "after", "only after", "until", "by the time", "then", "X followed Y".

Each side of the claim is placed on the sources' timeline (the event side by a strong
match, the anchor by the facts that hold its words; a bare "then" counts from the
event told just before), and the stated relation is checked with the interval
algebra's relations at the granularity the sources give: wrong only when every reading of the
two events makes it impossible.
"""
from __future__ import annotations

import re

from ..claims import Claim
from ..clock import clock_text, time_of
from ..findings import Finding
from ..timeline import judge_order
from . import comparator
from .context import Context, describe
from .stated import stated_gaps, tells_anchor, tells_fact

#: Which way each stated relation puts the claim's event from its anchor (+1 after, -1 before).
_WAY = {"after": 1, "not_before": 1, "before": -1, "not_after": -1}

@comparator("order")
def check_order(claim: Claim, ctx: Context) -> list[Finding]:
    out = []
    for r in claim.relations:
        side = claim.sides[r.event]
        if side.hypothetical or (side.negated and r.relation != "not_before"):
            continue
        anchor_side = claim.sides[r.anchor] if r.anchor is not None else None
        if anchor_side is not None and anchor_side.hypothetical:
            continue
        if side.size and not ctx.tells_an_event(side) and not _HAPPENED.match(r.word):
            continue  # ("Hale's trial happened before ...": the connective's verb says the noun is an event)
        events = ctx.dated_events(side) if side.size else ctx.previous_events(ctx.index)
        anchors = ctx.dated_events(anchor_side) if anchor_side is not None else ctx.previous_events(ctx.index)
        if events and anchors and all(e.fact is not None and a.fact is e.fact for e in events for a in anchors):
            continue  # both sides name the same fact
        verdict, e, a = judge_order(r.relation, events, anchors) if events and anchors else (None, None, None)
        if verdict is None or e is None or a is None:
            if anchor_side is not None:
                out.extend(_against_stated_order(r, side, anchor_side, ctx))
            continue
        # "Then ..." orders the whole clause after the sentence before: mark the clause
        start, end = (r.start, r.end) if r.anchor is not None else (claim.start, claim.end)
        if verdict:
            out.append(ctx.finding("chronology", "supported", "order", start, end, e.fact, "order.supported"))
            continue
        te, ta = (time_of(e.fact), time_of(a.fact)) if e.fact is not None and a.fact is not None else (None, None)
        if e.period == a.period and te is not None and ta is not None:
            # one day, ordered by the times of day the sources give
            truth = "after" if te > ta else "before"
            expected = f"{truth} that ({clock_text(te)} compared with {clock_text(ta)}, {describe(e.value)})"
        else:
            truth = "after" if e.period[0] > a.period[1] else "before"
            expected = f"{truth} that ({describe(e.value)} compared with {describe(a.value)})"
        out.append(ctx.finding("chronology", "contradicted", "order", start, end, e.fact, "order.contradicted",
                               expected, others=(a.fact,) if a.fact is not None and a.fact is not e.fact else ()))
    return out


_HAPPENED = re.compile(r"(?:happened|occurred|took\s+place|came)\b", re.I)


def _against_stated_order(r, side, anchor_side, ctx: Context) -> list[Finding]:
    """"Brook had shown his plan by the time Marsh showed his" where a source says "Brook presents
    his own plan, two days after Marsh": the order a stated gap gives, for events the timeline
    cannot date both of."""
    for s in stated_gaps(ctx):
        way = s.mention.gap.direction
        if not way:
            continue
        if tells_fact(side, s, ctx) and tells_anchor(anchor_side, s, ctx):
            truth = way
        elif tells_anchor(side, s, ctx) and tells_fact(anchor_side, s, ctx):
            truth = -way
        else:
            continue
        if tells_anchor(side, s, ctx) and tells_anchor(anchor_side, s, ctx):
            continue  # both sides tell the anchor: which is which is unclear
        if truth == _WAY[r.relation]:
            return [ctx.finding("chronology", "supported", "order", r.start, r.end, s.fact, "order.supported")]
        expected = f"{'after' if truth > 0 else 'before'} that ({s.phrase})"
        return [ctx.finding("chronology", "contradicted", "order", r.start, r.end, s.fact, "order.contradicted",
                            expected)]
    return []
