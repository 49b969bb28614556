"""People: the wrong person doing a known act, and a known person given the wrong first name.

"In 1871 Brook approved the invasion" where the sources say Hale did is a
swap (see ``swaps``). "Tim Marsh" where the sources only know Rob
Marsh is the right surname with a first name the sources never give him: a
slip a teacher would mark, but only in a claim about something that person did in
the sources (a relative with another first name may be meant elsewhere).
"""
from __future__ import annotations

from ..claims import Claim, Side
from ..findings import Finding
from . import comparator
from .context import Context
from .names import foreign_first_name
from .swaps import swaps


@comparator("person")
def check_people(claim: Claim, ctx: Context) -> list[Finding]:
    out = swaps(claim, ctx, ("PERSON",))
    for side in claim.sides:
        out.extend(_first_names(side, ctx))
    return out


def _first_names(side: Side, ctx: Context) -> list[Finding]:
    reg = ctx.fb.registry
    out = []
    for m in side.entities:
        e = reg.entities.get(m.entity_id or "")
        if e is None or e.label != "PERSON" or not e.confident:
            continue
        said = foreign_first_name(m, e, ctx)
        if said is None:
            continue
        facts = [a for a in ctx.same_event(side) if m.entity_id in a.fact.entity_ids]
        if not facts:
            continue  # not about something this person did in the sources
        start = m.start - len(said.group())
        out.append(ctx.finding("accuracy", "contradicted", "entity", start, m.end, facts[0].fact,
                               "person.first_name", e.name))
    return out
