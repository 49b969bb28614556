"""Order: "before", "after", "only after", "until", "by the time", "then", "X followed Y".

Each side of the claim is placed on the sources' timeline (the event side by a strong
match, the anchor by the facts that hold its words; a bare "then" counts from the
event told just before), and the stated relation is checked with Allen's interval
relations at the granularity the sources give: wrong only when every reading of the
two events makes it impossible.
"""
from __future__ import annotations

from ..claims import Claim
from ..findings import Finding
from ..timeline import judge_order
from . import comparator
from .context import Context, describe

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
        if side.size and not ctx.tells_an_event(side):
            continue
        events = ctx.dated_events(side) if side.size else ctx.previous_events(ctx.index)
        anchors = ctx.dated_events(anchor_side) if anchor_side is not None else ctx.previous_events(ctx.index)
        if not events or not anchors:
            continue
        if all(e.fact is not None and a.fact is e.fact for e in events for a in anchors):
            continue  # both sides name the same fact
        verdict, e, a = judge_order(r.relation, events, anchors)
        if verdict is None or e is None or a is None:
            continue
        # "Then ..." orders the whole clause after the sentence before: mark the clause
        start, end = (r.start, r.end) if r.anchor is not None else (claim.start, claim.end)
        if verdict:
            out.append(ctx.finding("chronology", "supported", "order", start, end, e.fact, "order.supported"))
            continue
        truth = "after" if e.period[0] > a.period[1] else "before"
        expected = f"{truth} that ({describe(e.value)} compared with {describe(a.value)})"
        out.append(ctx.finding("chronology", "contradicted", "order", start, end, e.fact, "order.contradicted",
                               expected, others=(a.fact,) if a.fact is not None and a.fact is not e.fact else ()))
    return out
