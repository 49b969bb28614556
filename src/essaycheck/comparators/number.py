"""Numbers: "about 4,000 exiles" against the sources' count of the same thing.

Two numbers are compared only when they count the same kind of thing (the same noun,
or the same unit dimension: "5 miles" and "8 kilometres"), hedges widen the match
("about 300" and "around 300"), and a number in a fact about something else is never
the one a claim is wrong about.
"""
from __future__ import annotations

import re

from ..alignment import BEST, Features
from ..claims import Claim, Side
from ..dates import agree as agree_dates
from ..entities import ROMAN_NUMERAL as _ROMAN, is_title
from ..findings import Finding
from ..lexicon import LEXICON
from ..quantities import Quantity, agree, amounts, comparable, noun_key
from . import comparator
from .context import PERSONAL_PRONOUNS, Context
from .date import tells_a_repeat

_GENERIC_COUNTS = frozenset(noun_key(w) for w in LEXICON["generic_counts"])
#: The most a count told of something else may differ from the claim's and still be the one it gets wrong.
_SLIP_FACTOR = 10
#: After a length of time: the time gone by since or until something, not how long something lasted.
_ELAPSED = re.compile(r"\s*(?:had\s+)?(?:since|ago|after|before|later|earlier|afterwards|previously)\b", re.I)
_DURATION_VERBS = frozenset(LEXICON["duration_verbs"])


def _its_subject_told(side: Side, fact, ctx: Context) -> bool:
    """Does the fact hold a word the side's "it" stands for (the thing, not the places the clause before
    names: "it" is the expedition, not the town it set out from)?"""
    return bool(ctx.aligner.normalise(set(side.implied_words)) & ctx.aligner.normalise(set(fact.keys)))


_LASTED = re.compile(r"\b(?:for|lasted|lasting|took|taking|spent|spending)\s+(?:about\s+|some\s+|nearly\s+|almost\s+|over\s+)?$", re.I)
#: Dimensions that measure many different things (a distance, a height, a weight).
_MEASURES = frozenset({"length", "mass"})


@comparator("number")
def check_numbers(claim: Claim, ctx: Context) -> list[Finding]:
    out = []
    for side in claim.sides:
        for q in side.quantities:
            f = _check(claim, side, q, ctx)
            if f is not None:
                out.append(f)
    return out


def _check(claim: Claim, side: Side, q: Quantity, ctx: Context) -> Finding | None:
    if q.value == 0:
        return None  # "lost 0 ships" is told in words ("not a single ship"), not compared as a count
    if q.dimension == "age" and (ages := _source_ages(ctx)):
        # An age is a person's: judged against that person's age in the sources, never another's
        # (where the sources tell whose ages they give, and the claim does not say whose this is, none).
        who = _aged_person(q, side, ctx)
        if who is None:
            reg = ctx.fb.registry
            implied = [i for i in side.implied_entities if reg.label(i) == "PERSON"]
            # "he was 35": whom "he" stands for is a guess, so only an age no one has is judged
            if len(implied) != 1 or any(agree(q, fq) for told in ages.values() for fq, _ in told):
                return None
            who = implied[0]
        return _age_of_person(q, who, side, ctx)
    if q.dimension == "time" and _ELAPSED.match(ctx.essay.text, q.end) \
            and not _LASTED.search(ctx.essay.text[max(0, q.start - 30):q.start]):
        return None  # "two months had passed since the mill burned": time gone by, a gap, not a duration told
    if _ALL_BUT.search(ctx.essay.text[max(0, q.start - 20):q.start]):
        return None  # "all but three of the 20 seats" counts the rest: 17, not three
    if (told := _told_in_its_when_clause(q, ctx)) is not None:
        fact, fq = told
        if agree(q, fq):
            return ctx.finding("accuracy", "supported", "number", q.start, q.end, fact, "number.supported", fq.text)
        if side.negated or not _within_a_slip(q, fq) or any(_same_amount(q2, fq) for q2 in _others_said(claim, q, ctx)):
            return None  # (the claim gives the source's number too, for something else: "300 for some, 150 for others")
        return ctx.finding("accuracy", "contradicted", "number", q.start, q.end, fact, "number.contradicted", fq.text)
    aligned = ctx.detail_alignments(claim, side)
    keys = side.words | side.implied_words
    if not side.hypothetical:
        # "they hoped to move 4,000 people" is a plan: what happened may be any number
        aligned = [a for a in aligned if not ctx.only_intended(a.fact)]
    # A bound ("more than 400,000 people worked") agrees with any larger number, so it speaks
    # only for a fact where the same thing happens; the same amount speaks for any close fact.
    cands = [(a, fq) for a in aligned if a.dice >= ctx.policy.weak_dice
             for fq in a.fact.quantities if comparable(q, fq) and not _share_of_another(q, fq, keys)
             and ((a.same_happening(side.verbs, keys) and a.claim_cov >= ctx.policy.number_claim_cov)
                  or fq.hedge not in ("min", "max"))]
    top = cands[0][0].score if cands else 0.0
    cands, alike = _in_like_state(q, cands, ctx)
    # "over 400 drowned", where the best match counts 120 drowned: a bound another fact's larger count
    # bears out does not outweigh the count of its own event
    settled = bool(cands) and q.hedge in ("min", "max") and id(cands[0][1]) in alike \
        and cands[0][0].score >= top and not any(agree(q, fq) for a, fq in cands
                                                 if id(fq) in alike and a.score >= _TIED * top)
    for a, fq in cands:
        if fq.hedge in ("min", "max") and a.score < ctx.policy.near_best * top:
            continue  # "more than 5,000 died" of a lesser match bears out any larger count, not this one's
        if settled and a.fact is not cands[0][0].fact:
            continue
        if agree(q, fq) and not _another_event(side, a.fact, ctx):
            return ctx.finding("accuracy", "supported", "number", q.start, q.end, a.fact, "number.supported", fq.text)
    # the sources' count of the same thing, in a fact the claim is about at all ("about 40,000
    # weavers" is not corrected by "three weavers were jailed", told of something else)
    near_ids = {id(a.fact) for a in aligned if a.dice >= ctx.policy.weak_dice}
    same_thing = [(f, fq) for f, fq in ctx.quantities_like(q) if (side.hypothetical or not ctx.only_intended(f))
                  and not _share_of_another(q, fq, keys)]
    if same_place := _from_same_place(q, same_thing, ctx):
        # a distance from a place is measured against the distances from that place alone
        same_thing = [(f, fq) for f, fq in same_thing if id(f) in same_place]
        near_ids = near_ids | same_place
    told_near = [(f, fq) for f, fq in same_thing if id(f) in near_ids]
    if cands:
        # "Of the 97 aboard, 45 died" against "Of the 97 aboard, 35 died": not the number the claim also gives
        others = _others_said(claim, q, ctx)
        # (and where the only count of this kind the matched facts give is the claim's other number, "300 grams
        # for the guards, 150 for everyone else", there is nothing left to compare with)
        cands = [c for c in cands if not any(_same_amount(q2, c[1]) for q2 in others)]
    if cands and (((cands[0][0].strong or _wholly_within(cands[0][0]))
                   and (cands[0][0].same_happening(side.verbs, keys) or _held_alike(q, cands[0][1], ctx.essay.text, cands[0][0].fact, ctx)))
                  or _counted_in_like_state(q, cands[0][0], cands[0][1], side, ctx)) \
            and cands[0][0].claim_cov >= ctx.policy.number_claim_cov:
        # ("It had nearly 200 ships" holds all of itself in "only around 60 ships got back", but
        # hardly any of the claim: not the statement it corrects)
        fact, fq = cands[0][0].fact, cands[0][1]
        if _counts_other_thing(q, fq) or _of_other_people(side, fact, ctx) or _whose_count_unsaid(claim, side, q, cands[0][0], aligned, keys, ctx):
            return None
        if all(r.clause.negated != side.negated for r in fact.readings):
            return None  # "sank an hour after it left port" is not "no ship sailed for 14 months"
        if not _within_a_slip(q, fq) and not _same_digits(q, fq):
            # "the long war cost over 9,000 lives" is not one raid's 120: a count of something wider (but
            # "4,100 barrels" for "4.1 million barrels" is a slip of the magnitude)
            return None
    elif same_thing and _counts_one_thing(q, same_thing, near_ids) \
            and not (_names_unknown(side) and not any(a.strong for a in aligned)):
        if any(agree(q, fq) for _, fq in same_thing):
            return None  # the sources give this amount of this thing somewhere: benefit of the doubt
        fact, fq = (told_near or same_thing)[0]  # "only 12 boats" where the sources count boats once, as 20
        if not told_near and not _within_a_slip(q, fq):
            return None  # "about 40,000 weavers" against "three weavers were jailed": another count
        if any(a.strong and a.claim_cov >= ctx.policy.whole_claim and a.fact is not fact
               and not any(comparable(q, x) and noun_key(x.noun) == noun_key(q.noun) for x in a.fact.quantities)
               for a in aligned[:1]):
            return None  # the event the claim tells is told without a count of it: another event's count is not its
    else:
        return None
    if settled:
        # (a bound settled by its own event's count is not borne out by another count of that fact, "over
        # 400 drowned" by the 600 who tried the ford, nor by any larger count of the thing nearby)
        aligned = [a for a in aligned if a.fact is not fact]
        told_near = []
    if side.negated or _given_elsewhere(q, side, aligned, told_near, ctx):
        return None
    if q.dimension == "time" and side.words <= _DURATION_VERBS and not _its_subject_told(side, fact, ctx):
        return None  # "..., and it took 37 hours": how long what "it" stands for lasted, which this fact does not tell
    if sum(comparable(q, x) for x in fact.quantities) == 1 and any(_same_amount(q2, fq) for q2 in _others_said(claim, q, ctx)):
        return None  # "9,000 men against 600 defenders": the fact's number is the claim's other one
    if _a_total(q, fq, fact, ctx) or _read_from_sentence(q, fq, fact, ctx) or ctx.subject_is_a_stranger(claim, side) \
            or tells_a_repeat(claim, side, ctx):
        return None  # a total; something no source names; "another fleet", "its successor"
    if fq.noun_words[:1] == ("other",) and "other" not in q.noun_words:
        return None  # "nine other riders" leaves one out: the claim's ten may be all of them
    if q.noun_words[:1] == ("other",) and "other" not in fq.noun_words and 0 < fq.value - q.value <= _NAMED_BESIDE:
        return None  # "Hale and two other riders": with those named beside them, the source's three
    return ctx.finding("accuracy", "contradicted", "number", q.start, q.end, fact, "number.contradicted", fq.text)


#: A match scoring this share of the best is as good as it: two facts that tell the claim equally well.
_TIED = 0.95
#: The most people a claim names beside "N other ..." ("Hale, Brook and two other riders").
_NAMED_BESIDE = 3


def _told_with(tokens, end: int) -> str | None:
    """The verb a count is told with, just after it ("about 120 drowned", "600 men who tried the ford"), if
    any before the clause goes on to something else."""
    seen = 0
    for t in tokens:
        if t.start < end:
            continue
        if t.lower in (",", ";", ".", ":", "and", "but", "while"):
            return None
        if t.key and (t.pos == "VERB" or t.tag in ("VBN", "VBD", "VBG")):
            return t.key
        seen += 1
        if seen >= 6:
            return None
    return None


def _fact_told_with(fq: Quantity, fact, ctx: Context) -> str | None:
    for r in fact.readings:
        clause = ctx.fb.analyses[r.source].clause_at(fq.start)
        if clause is not None and clause.start <= fq.start < clause.end:
            return _told_with(clause.tokens, fq.end)
    return None


def _in_like_state(q: Quantity, cands: list, ctx: Context) -> tuple[list, set[int]]:
    """Where a fact gives several counts of the kind ("of the 600 men who tried the ford, 120 drowned
    and 150 got across"), the one told with the claim's own verb is the one it speaks of: "over 400 drowned"
    is compared with the 120 drowned, not borne out by the 600 who tried. Where no count is told with that
    verb, every count stays. Also the ids of the counts told with the claim's verb."""
    clause = ctx.essay.clause_at(q.start)
    mine = _told_with(clause.tokens, q.end) if clause is not None else None
    if mine is None:
        return cands, set()
    want = ctx.aligner.normalise({mine})
    told: dict[int, str | None] = {}
    for a, fq in cands:
        if id(fq) not in told:
            told[id(fq)] = _fact_told_with(fq, a.fact, ctx)
    def like(fq) -> bool:
        return bool(told[id(fq)] and ctx.aligner.normalise({told[id(fq)]}) & want)
    if not any(like(fq) for _, fq in cands):
        return cands, set()
    # (nor by a count told elsewhere with another verb: "some 600 men rode to the ford")
    return [(a, fq) for a, fq in cands if like(fq) or told[id(fq)] is None and len(
        [x for x in a.fact.quantities if comparable(q, x)]) == 1], {id(fq) for _, fq in cands if like(fq)}


def _counted_in_like_state(q: Quantity, a, fq: Quantity, side: Side, ctx: Context) -> bool:
    """Do claim and fact count the same noun, said of it with one more word both hold and nothing the
    claim names besides ("about 900 miners were taken prisoner" against "some 700 miners became
    prisoners")? The best match of such a claim is the count it gets wrong, whatever its verb."""
    if not q.noun or q.dimension or noun_key(q.noun) != noun_key(fq.noun) or side.entity_ids or side.negated:
        return False
    # (the word both hold is said of the thing, not part of its name: "enemy ships" lost and "enemy
    # ships" taken are two counts)
    named = set(q.noun_words) | set(fq.noun_words)
    counted = ctx.aligner.normalise(named | {noun_key(w) for w in named})
    others = set(a.shared) - counted - named - _GENERIC_COUNTS
    return len(others) >= 1 and a.shared_words >= 2 and a.dice >= ctx.policy.weak_dice \
        and sum(comparable(q, x) for x in a.fact.quantities) <= 2


_HOLDER = re.compile(r"([a-z][a-z-]+)\s+of\s+(?:(?:about|around|some|nearly|almost|over|roughly|perhaps|more\s+than)\s+)?$", re.I)


def _held_alike(q: Quantity, fq: Quantity, text: str, fact, ctx: Context) -> bool:
    """Do claim and fact put the number in the same noun ("a crowd of about 4,000 people" in both)?
    Then it counts the same thing, whatever verb each clause tells it with ("Hale spoke to a crowd
    of 9,000 people" and "where a crowd of about 4,000 people had gathered")."""
    mine = _HOLDER.search(text[max(0, q.start - 40):q.start])
    if mine is None:
        return False
    for r in fact.readings:
        source = ctx.fb.sources[r.source].text
        theirs = _HOLDER.search(source[max(0, fq.start - 40):fq.start])
        if theirs is not None and r.clause.start <= fq.start < r.clause.end:
            return ctx.aligner.normalise({mine[1].lower()}) == ctx.aligner.normalise({theirs[1].lower()})
    return False


def _others_said(claim: Claim, q: Quantity, ctx: Context) -> list[Quantity]:
    """The other amounts of the claim's sentence ("9,000 men against 600 defenders" for the 9,000)."""
    return [q2 for c in ctx.essay.clauses_of_sentence(claim.clause.sentence) for q2 in c.quantities
            if q2.start != q.start]


def _share_of_another(q: Quantity, fq: Quantity, keys: set[str]) -> bool:
    """Is the source's share of a thing the claim never names ("40 per cent of the hull" against "one
    in ten of the crew survived")? A share is compared only with a share of the same thing."""
    if q.dimension != "percent" or fq.dimension != "percent" or not fq.noun:
        return False
    theirs = noun_key(fq.noun)
    return theirs != noun_key(q.noun) and theirs not in {noun_key(k) for k in keys}


def _another_event(side: Side, fact, ctx: Context) -> bool:
    """Does the fact name only people the side does not, while the side names a place the fact does not
    ("two ships reached Dunmere" and "Marsh captured two ships")? Its number bears out nothing of the side's."""
    reg = ctx.fb.registry
    mine = ctx.group(side.entity_ids | side.implied_entities)
    theirs = ctx.group(fact.entity_ids)
    people = {e for e in theirs if reg.label(e) == "PERSON"}
    places = {e for e in mine if reg.label(e) == "PLACE"}
    return bool(people) and not people & mine and bool(places - theirs)


def _whose_count_unsaid(claim: Claim, side: Side, q: Quantity, first, aligned, keys, ctx: Context) -> bool:
    """Does the claim leave unsaid whose count it gives ("some 500 soldiers fell") where the sources
    count that happening for several named sides ("Westmarch lost 200 killed", "Eastholm lost 300")?
    Which one it means, or all of them together, is a guess."""
    if any(s.entity_ids or s.implied_entities for s in claim.sides):
        return False  # "the Westmarchers, who lost 200 men": the clause it hangs on says whose
    theirs = ctx.group(first.fact.entity_ids)
    if not theirs:
        return False
    return any(a.fact is not first.fact and a.strong and a.fact.entity_ids
               and ctx.group(a.fact.entity_ids) != theirs and a.same_happening(side.verbs, keys)
               and any(comparable(q, fq) or _bare_count(q, fq) for fq in a.fact.quantities) for a in aligned)


def _bare_count(q: Quantity, fq: Quantity) -> bool:
    """Is ``fq`` a count that says nothing of what it counts ("lost about 200 killed"), next to a count ``q``?"""
    return q.dimension is None and fq.dimension is None and not fq.noun and fq.value >= 2


def _wholly_within(a) -> bool:
    """Is all of the claim in the fact, and most of the fact in the claim ("Cost: nearly 4,000" and
    "the bridge cost nearly 14,000 to build"), though they share only the one word?"""
    return a.claim_cov >= 0.99 and a.fact_cov >= 0.5 and bool(a.shared - _GENERIC_COUNTS - {"person"})


def _told_in_its_when_clause(q: Quantity, ctx: Context):
    """"The fair's last day was 7 May 1871, when 900 people came", where a source sentence tells the same
    day with its own when-clause count: the (fact, amount) of that count. The when-clause alone says too
    little to align; the clause it hangs on, matched nearly whole, says which source sentence it is."""
    before = _clause_hung_on(ctx)
    if before is None:
        return None
    best = ctx.aligner.align(Features.of(before), floor=BEST)[:1]
    if not best or not (best[0].strong and best[0].claim_cov >= 0.8):
        return None
    for r in best[0].fact.readings:
        for f in ctx.facts_in_sentence(r.source, r.sentence):
            if f is best[0].fact:
                continue
            for fq in f.quantities:
                if comparable(q, fq):
                    return f, fq
    return None


def _sentence_amounts(fact, ctx: Context):
    """Each source sentence telling the fact, with every number in it but its dates (bare values), and
    the amounts the analysis read in it."""
    for ev in fact.sentence_evidence(ctx.fb.sources):
        an = ctx.fb.analyses[ev.source]
        dates = [(d.start - ev.start, d.end - ev.start) for d in an.dates if ev.start <= d.start < ev.end]
        yield ev, amounts(ev.text, dates), [x for x in an.quantities if ev.start <= x.start < ev.end]


def _read_from_sentence(q: Quantity, fq: Quantity, fact, ctx: Context) -> bool:
    """Does the sentence that gives the source's count give the claimed amount another way?

    As another of its amounts with the very hedge the claim copies ("more than 2,100 Fenners died in a
    fortnight, and by the spring the town had lost over 7,000" for "over 7,000 Fenners died"): which
    of the sentence's amounts the claim answers is the writer's reading of it. Or, where the claim
    says it gives a difference ("a majority of 22 votes", "six more than Eastholm"), as the gap between
    two of them ("won by 31 votes to 9"). A bare amount swapped for another of the sentence ("90
    drowned" where 90 sailed and 12 drowned) is still the sentence misread."""
    text = ctx.essay.text
    margin = _MARGIN_BEFORE.search(text[max(0, q.start - 25):q.start]) or _MARGIN_AFTER.match(text, q.end)
    for _, told, read in _sentence_amounts(fact, ctx):
        if q.hedge and any(x.start != fq.start and x.hedge == q.hedge and _same_amount(q, x) for x in read):
            return True
        if margin and q.hedge is None and any(abs(abs(x - y) - q.value) < 0.5 and x != q.value and y != q.value
                                              for i, x in enumerate(told) for y in told[i + 1:]):
            return True
    return False


_MARGIN_BEFORE = re.compile(rf"\b(?:{'|'.join(LEXICON['difference_nouns'])})\s+of\s+$", re.I)
_MARGIN_AFTER = re.compile(rf"\s+(?:\w+\s+)?(?:{'|'.join(LEXICON['difference_comparatives'])})\s+than\b", re.I)


def _a_total(q: Quantity, fq: Quantity, fact, ctx: Context) -> bool:
    """Is the claimed amount the sum of the source's and one or two more numbers in its sentence ("17
    voyages" where a source tells "ten voyages to Lornby and seven to Dunmere")? A total is read, not slipped."""
    if q.hedge in ("min", "max") or fq.value >= q.value:
        return False
    for _, rest, read in _sentence_amounts(fact, ctx):
        if fq.value in rest:
            rest.remove(fq.value)
        for x in read:
            # "two squadrons ... took two banners": a count of another thing is no part of the banners' total
            if x.start != fq.start and _counts_another_noun(x, fq) and x.value in rest:
                rest.remove(x.value)
        rest = [x for x in rest if x >= 2]  # "no one", "one of them": a "one" is seldom a count added in
        if any(abs(fq.value + x - q.value) < 0.5 for x in rest) or any(
                abs(fq.value + x + y - q.value) < 0.5 for i, x in enumerate(rest) for y in rest[i + 1:]):
            return True
    return False


def _counts_another_noun(x: Quantity, fq: Quantity) -> bool:
    """Do two counts each name what they count, and name different things ("two squadrons", "two banners")?"""
    a, b = noun_key(x.noun or ""), noun_key(fq.noun or "")
    return bool(a and b) and a != b and not comparable(x, fq)


_ALL_BUT = re.compile(r"\ball\s+(?:but|except|save)\s+$", re.I)
#: Between a name and an age told of that person: "Hale, a 71-year-old", "Hale, aged 71", "the 71-year-old Hale".
_AGE_AFTER_NAME = re.compile(r",?\s*(?:(?:an?|the|then|aged|who\s+was|was)\s+)?$", re.I)
_AGE_BEFORE_NAME = re.compile(r"\s*(?:(?!(?:of|in|at|by|from|with|near|and|or|to|for|on)\s)[a-z]+\s+){0,2}"
                              r"(?:[A-Z][a-z]+\.?\s+)?$")  # "the nine-year-old daughter Anna Hale"


def _person_aged(text: str, q: Quantity, people: list) -> str | None:
    """The known person an age is told of, right beside it, if any."""
    for m in people:
        if m.end <= q.start and q.start - m.end <= 12 and _AGE_AFTER_NAME.fullmatch(text[m.end:q.start]):
            return m.entity_id
        if q.end <= m.start and m.start - q.end <= 12 and _AGE_BEFORE_NAME.fullmatch(text[q.end:m.start]):
            return m.entity_id
    return None


def _source_ages(ctx: Context) -> dict[str, list[tuple]]:
    """Each person's ages as the sources tell them, with the fact (read once per fact base)."""
    ages = ctx.cache.get("ages")
    if ages is None:
        ages = {}
        reg = ctx.fb.registry
        for f in ctx.fb.facts:
            for r in f.readings:
                text = ctx.fb.sources[r.source].text
                people = [m for m in r.clause.entities if m.entity_id and reg.label(m.entity_id) == "PERSON"]
                # "He was 32 years old": the person of the clause before ("he" read as in analysis)
                implied = [i for i in r.clause.implied_entities if reg.label(i) == "PERSON"] if not people else []
                for fq in r.clause.quantities:
                    if fq.dimension != "age":
                        continue
                    who = _person_aged(text, fq, people) or (implied[0] if len(implied) == 1 else None)
                    if who is not None:
                        ages.setdefault(who, []).append((fq, f))
        ctx.cache["ages"] = ages
    return ages


def _aged_person(q: Quantity, side: Side, ctx: Context) -> str | None:
    """The person an age is told of: the one named beside it, else the one person the side names."""
    reg = ctx.fb.registry
    people = [m for m in side.entities if m.entity_id and reg.label(m.entity_id) == "PERSON"]
    beside = _person_aged(ctx.essay.text, q, people)
    if beside is not None:
        return beside
    ids = {m.entity_id for m in people}
    return next(iter(ids)) if len(ids) == 1 else None


def _age_of_person(q: Quantity, who: str, side: Side, ctx: Context) -> Finding | None:
    """"the sixty-year-old Anna Hale" where a source calls her "a 41-year-old": an age told of a
    person, against the age the sources tell of that person; none when they tell no age of theirs."""
    told = [(fq, f) for p, ages in _source_ages(ctx).items() if ctx.group({p}) & ctx.group({who}) for fq, f in ages]
    if not told:
        return None
    for fq, f in told:
        if agree(q, fq):
            return ctx.finding("accuracy", "supported", "number", q.start, q.end, f, "number.supported", fq.text)
    fq, f = told[0]
    if any(not f.dates or all(agree_dates(d.claimed, fd) is False for fd in f.dates)
           for d in side.dates if d.claimed is not None and not d.relative):
        return None  # "the 61-year-old Hale died in 1835": perhaps an age at another time than the sources
    return ctx.finding("accuracy", "contradicted", "number", q.start, q.end, f, "number.contradicted", fq.text)


def _of_other_people(side: Side, fact, ctx: Context) -> bool:
    """Do the claim and the fact each name people, and none in common ("Hale was given two years"
    against "Brook and Marsh were each given one year")? The fact's amount is someone else's."""
    reg = ctx.fb.registry
    mine = {m.entity_id for m in side.entities if m.entity_id and reg.label(m.entity_id) == "PERSON"}
    theirs = {e for e in fact.entity_ids if reg.label(e) == "PERSON"}
    if any(t.lower in PERSONAL_PRONOUNS for r in fact.readings for t in r.clause.tokens):
        return False  # "the Moot promised him a reward": "him" may be the claim's person
    return bool(mine and theirs) and not ctx.group(mine) & ctx.group(theirs)


def _names_unknown(side: Side) -> bool:
    """Does the side name something the sources never do ("the Heron, a Lornby barge, carried
    40 passengers")? Without a fact that tells the same happening, its amount is about that thing. (A title
    or a regnal number, "Warden", "II", names nobody new.)"""
    return any(m.entity_id is None and not is_title(m.text) and not _ROMAN.fullmatch(m.text) for m in side.entities)


def _within_a_slip(a: Quantity, b: Quantity) -> bool:
    """Could one amount be a writer's slip for the other (within a factor of ten)?"""
    x, y = a.amount, b.amount
    return min(x, y) > 0 and max(x, y) / min(x, y) <= _SLIP_FACTOR


def _same_digits(a: Quantity, b: Quantity) -> bool:
    """Do two amounts have the same significant digits ("4,100" and "4.1 million"; not "9,000" and "120")?"""
    def digits(x: float) -> str:
        return f"{x:.6e}".split("e")[0].replace(".", "").rstrip("0")
    return a.amount > 0 and b.amount > 0 and digits(a.amount) == digits(b.amount)


def _same_amount(a: Quantity, b: Quantity) -> bool:
    """The same amount, whatever each says it counts (within rounding)."""
    if (a.dimension or b.dimension) and a.dimension != b.dimension:
        return False
    x, y = a.amount, b.amount
    return abs(x - y) <= 0.02 * max(abs(x), abs(y))


def _given_elsewhere(q: Quantity, side: Side, aligned, told_near, ctx: Context) -> bool:
    """Do the sources give this very amount where the writer may have read it? In a fact the claim
    matches at all, of whatever it counts (``_said_nearby``) or of the same thing (``told_near``: a
    bound such as "more than 400" says too little to count); or in a fact about the same names."""
    return _said_nearby(q, aligned, ctx) or any(agree(q, x) and x.hedge not in ("min", "max") for _, x in told_near) \
        or _said_of_same_names(q, side, ctx) or _said_of_same_thing(q, ctx) or _said_of_that_day(q, side, ctx) \
        or _rounded_from_sources(q, ctx) or _read_to_the_unit(q, ctx)


def _read_to_the_unit(q: Quantity, ctx: Context) -> bool:
    """Do the sources give this particular amount ("362", "about 480": two or more significant digits,
    at least a hundred) of anything, with the same hedge or none? So particular an amount is read
    there, though the writer may say of it what the source says of another count in the sentence."""
    if q.value < 100 or _significant(q.value) < 2 or q.hedge in ("min", "max"):
        return False
    told = ctx.cache.get("amounts_told")
    if told is None:  # (every amount of the sources, gathered once per fact base, not once per number)
        told = ctx.cache["amounts_told"] = {(fq.value, fq.dimension, fq.hedge is None)
                                            for f in ctx.fb.facts for fq in f.quantities}
    return (q.value, q.dimension, q.hedge is None) in told


def _rounded_from_sources(q: Quantity, ctx: Context) -> bool:
    """Is a hedged amount of two or more significant digits ("about 5,700 men", "nearly 5,750") the
    rounding of an amount a source gives to the unit, of whatever it counts ("5,747 casualties")? So
    particular an amount is read there, not slipped; a round "about 5,000" could be anyone's."""
    if q.hedge is None or _significant(q.value) < 2:
        return False
    step = 2 * _rounding_of(q.value)
    for f in ctx.fb.facts:
        for fq in f.quantities:
            if fq.dimension != q.dimension or fq.hedge is not None or _significant(fq.value) <= _significant(q.value):
                continue
            if abs(fq.value - q.value) <= step and not (q.hedge == "min" and fq.value < q.value) \
                    and not (q.hedge == "max" and fq.value > q.value):
                return True
    return False


def _significant(x: float) -> int:
    """How many significant digits a whole amount has (57,470: 4; 57,000: 2); 0 for a fraction."""
    if x != int(x) or x <= 0:
        return 0
    return len(str(int(x)).rstrip("0"))


def _rounding_of(x: float) -> float:
    """Half the place value of the last significant digit of a whole amount (57,000: 500)."""
    n = int(x)
    return 0.5 * 10 ** (len(str(n)) - len(str(n).rstrip("0")))


def _said_nearby(q: Quantity, aligned, ctx: Context) -> bool:
    """Does a fact the claim matches at all give this very amount, of whatever it names it?

    "fewer than 100 Westmarch sailors were killed" where a source says "fewer than 100
    Westmarchers killed": the same amount in a matching fact is the same claim, worded apart.
    """
    return any(_same_amount(q, fq) and q.hedge == fq.hedge
               for a in aligned if a.dice >= ctx.policy.weak_dice for fq in a.fact.quantities)


def _said_of_same_thing(q: Quantity, ctx: Context) -> bool:
    """Do the sources give this exact amount of this very thing anywhere ("1,318 people" on the first
    day, where the matched fact is the planners' 4,000 people)? A count stated to the unit is read, not
    slipped; a round number or a bound is too common to be taken for a reading."""
    if q.hedge is not None or q.value < 100 or q.value % 100 == 0:
        return False
    return any(fq.hedge is None and fq.value == q.value and fq.dimension == q.dimension
               for _, fq in ctx.quantities_like(q))


def _clause_hung_on(ctx: Context):
    """The clause before, in the same sentence, when the claim being checked opens with "when" or
    "where" (", when 300 boats sailed" is told of the "Lornby Riot" before it); else None."""
    i = ctx.index
    here = ctx.claims[i].clause
    if i == 0 or not re.match(r"[\s,]*(?:when|where)\b", here.text, re.I):
        return None
    before = ctx.claims[i - 1].clause
    return before if before.sentence == here.sentence else None


def _names_a_when_clause_hangs_on(ctx: Context) -> set[str]:
    """The names of the clause a "when" or "where" clause hangs on."""
    before = _clause_hung_on(ctx)
    return set(before.entity_ids) if before is not None else set()


def _said_of_that_day(q: Quantity, side: Side, ctx: Context) -> bool:
    """Do the sources give this amount of this thing on the day the essay is telling ("On Friday 8 June
    ... about 2,000 troops camped in Lornby", where 2,000 is that day's count and another fact
    counts another day's)? The day is the side's own, else the last one the essay told."""
    own = [m for m in side.dates if m.resolved and not m.bound]
    day = own[-1] if own else next((m for m in reversed(ctx.essay.dates) if m.end <= q.start and m.resolved
                                    and not m.bound and m.value is not None
                                    and m.value.granularity in ("day", "range", "month")), None)
    if day is None or day.value is None:
        return False
    return any(agree(q, fq) and fq.hedge not in ("min", "max") and any(agree_dates(day.value, fd) for fd in f.dates)
               for f, fq in ctx.quantities_like(q))


def _said_of_same_names(q: Quantity, side: Side, ctx: Context) -> bool:
    """Does a fact about the same named people or places give this very amount, worded apart?

    "nine rebels were hanged at Lornby" where one source counts ten rebels put to death in all and
    another says "nine men died on the Lornby gallows": the writer counted what the second one did.
    """
    names = {m.entity_id for m in side.entities if m.entity_id} | _names_a_when_clause_hangs_on(ctx)
    return bool(names) and any(f.entity_ids & names and any(
        (_same_amount(q, fq) and q.hedge == fq.hedge) or (comparable(q, fq) and agree(q, fq) and fq.hedge not in ("min", "max"))
        for fq in f.quantities) for f in ctx.facts_naming(ctx.group(names)))


_FROM_PLACE = re.compile(r"\s*(?:[a-z]+(?:-[a-z]+)?\s+)?(?:from|of|off)\s+(?:the\s+)?([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*)")


def _from_same_place(q: Quantity, same_thing, ctx: Context) -> set[int]:
    """The facts whose distance is told from the place the claim's is ("40 miles from Lornby" and "75
    miles east of Lornby"): the same measure, though neither says what it measures."""
    if q.dimension != "length" or not (m := _FROM_PLACE.match(ctx.essay.text, q.end)):
        return set()
    out = set()
    for f, fq in same_thing:
        for r in f.readings:
            theirs = _FROM_PLACE.match(ctx.fb.sources[r.source].text, fq.end)
            if theirs and r.clause.start <= fq.start < r.clause.end and theirs[1].lower() == m[1].lower():
                out.add(id(f))
    return out


def _counts_one_thing(q: Quantity, same_thing, near: set[int]) -> bool:
    """The sources count this (specific) thing once, or every count of it agrees. An amount with
    a unit must measure the same thing, or come from a fact the claim is about (ids in ``near``)."""
    if q.dimension == "time" or (q.dimension is None and (noun_key(q.noun) or "") in _GENERIC_COUNTS | {""}):
        return False  # ages, durations and head counts recur for many things
    first = same_thing[0][1]
    if q.dimension in _MEASURES and not _same_measure(q, first) and id(same_thing[0][0]) not in near:
        return False  # "20 kilometres outside Lornby" is not the walls' "12 metres high", though both are lengths
    return all(agree(first, fq) for _, fq in same_thing[1:])


def _same_measure(q: Quantity, fq: Quantity) -> bool:
    """Do two amounts of one dimension say they measure the same thing ("miles long", "km long")?"""
    mine = {noun_key(w) for w in q.noun_words if w} - {None}
    theirs = {noun_key(w) for w in fq.noun_words if w} - {None}
    return bool(mine & theirs)


def _counts_other_thing(q: Quantity, fq: Quantity) -> bool:
    """Two numbers of one dimension that say what they measure, and measure different things.

    "guns with a range of 2 miles" and "Dunmere lies 90 miles away" are both
    lengths, but one is a range and the other a distance.
    """
    if q.dimension is None or q.dimension != fq.dimension:
        return False
    mine = {noun_key(w) for w in q.noun_words if w} - {None}
    theirs = {noun_key(w) for w in fq.noun_words if w} - {None}
    return bool(mine and theirs and not mine & theirs)
