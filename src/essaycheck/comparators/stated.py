"""Gaps the sources state in words: "Brook presents his own plan, two days after Marsh".

A source that says how long after a named event something happened states both a gap
and an order, even where the timeline cannot date one of the two events. A claim about
the same two events ("ten days after Dunmere", "Brook had shown his plan by the time
Marsh showed his") is compared with what the source states: the gap amount with amount,
the order with its direction.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .. import thesaurus
from ..claims import Side, anchor_span, hypothetical
from ..dates import DateMention
from ..factbase import Fact
from .context import Context

#: How near in meaning two words must be to tell the same act ("showed" his plan, "presents" his plan):
#: a shared meaning (see ``thesaurus.closeness``), not only a broader one.
_SAME_ACT = 4
#: Where a source's anchor phrase ends though the date finder ran on: "after Dunmere - his ships ...".
_PHRASE_END = re.compile(r"\s[-\u2013\u2014:;(]")


@dataclass(frozen=True)
class StatedGap:
    fact: Fact  # the event the source dates by the gap
    mention: DateMention  # "four days after Dunmere"
    anchor_keys: frozenset  # the words and names of the event it counts from
    phrase: str  # the phrase as the source words it


def stated_gaps(ctx: Context) -> list[StatedGap]:
    """Every relative date the sources state with a named anchor (once per fact base)."""
    cached = ctx.cache.get("stated_gaps")
    if cached is None:
        cached = []
        for fact in ctx.fb.facts:
            for r in fact.readings:
                c = r.clause
                if c.negated or hypothetical(c):
                    continue
                text = ctx.fb.sources[r.source].text
                for m in c.dates:
                    if not m.relative or m.gap is None or not m.anchor_span:
                        continue
                    a, b = anchor_span(c, m)
                    cut = _PHRASE_END.search(text[a:b])
                    b = a + cut.start() if cut else b
                    keys = {t.key for t in c.tokens if a <= t.start < b and t.key}
                    keys |= ctx.group({e.entity_id for e in c.entities if e.entity_id and a <= e.start < b})
                    if keys:
                        phrase = text[m.start:b if cut else max(b, m.end)].strip(" ,;:-\u2013\u2014")
                        cached.append(StatedGap(fact, m, frozenset(keys), phrase))
        ctx.cache["stated_gaps"] = cached
    return cached


def side_keys(side: Side, ctx: Context) -> set[str]:
    """The words and (grouped) names of a side, as a stated gap's anchor is matched against them."""
    return ctx.group(side.entity_ids) | side.words


def tells_anchor(side: Side, s: StatedGap, ctx: Context) -> bool:
    """Does the side tell the event the source counts from (most of its words and names)?

    An anchor that is only a person ("two days after Marsh", "nine months before Hale") means
    that person's doing the same as the fact: the side must tell that act too.
    """
    mine = side_keys(side, ctx)
    shared = mine & s.anchor_keys
    if not shared or len(shared) < 0.5 * min(len(mine), len(s.anchor_keys)) \
            or len(shared) < 0.34 * len(s.anchor_keys):
        return False
    reg = ctx.fb.registry
    if all(reg.label(k) == "PERSON" for k in s.anchor_keys if k in reg.entities) \
            and not any(k for k in s.anchor_keys if k not in reg.entities):
        return any(w == k or thesaurus.closeness(w, k) >= _SAME_ACT for w in side.words for k in s.fact.keys)
    return True


def tells_fact(side: Side, s: StatedGap, ctx: Context) -> bool:
    """Does the side tell the event the source dates by the gap, in more than the anchor's words?"""
    if not side.size or ctx.names_differ(side, s.fact):
        return False  # "her own arrest" is not Hale's
    names = (ctx.group(side.entity_ids) & ctx.group(s.fact.entity_ids)) - s.anchor_keys
    if names:
        # one name and no word in common, where another fact tells the side well, is another event:
        # boats setting off towards Lornby are not Lornby made a capital
        best = ctx.aligned(side)[:1]
        return len(names) >= 2 or bool((side.words & set(s.fact.keys)) - s.anchor_keys) \
            or not (best and best[0].strong and best[0].fact is not s.fact)
    for a in ctx.aligned(side)[:5]:
        if a.fact is s.fact and a.dice >= ctx.policy.weak_dice and a.shared - s.anchor_keys:
            return True
    return False
