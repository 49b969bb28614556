"""Dates: "On 18 October 1871 Hale was told" against the day the sources give that event.

Compared at the coarser granularity of the two ("October 1871" agrees with 16 October
1871), but a coarse agreement never outweighs a precise contradiction. The date is
judged against the event of its own side of the claim, never against another event
the sentence also names.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .. import thesaurus
from ..alignment import BEST, Alignment, Features
from ..claims import Claim, Side
from ..dates import DateMention, TimeValue, agree, coarser, differing_fields
from ..findings import Finding
from ..lexicon import LEXICON, phrases
from . import comparator
from ..timeline import narrated
from .context import Context, describe, subject_says


@comparator("date")
def check_dates(claim: Claim, ctx: Context) -> list[Finding]:
    out = []
    for side in claim.sides:
        for m in side.dates:
            if m.relative or m.claimed is None or m.bound:
                continue  # "before 1871" says until when, not when
            if m.claimed.month is None and m.claimed.year is None and m.claimed.interval() is None:
                continue  # "the 6th" or "on Tuesday": which month the writer means is only guessed
            if (told := _told_in_when_clause(claim, side, ctx)) is not None:
                f = _check(told, told.sides[0], m, ctx)  # "That changed on 10 May, when Westmarch invaded"
            else:
                f = _check(claim, side, m, ctx)
            if f is None:
                f = _after_its_deadline(claim, side, m, ctx)
            if f is None and not side.negated:
                f = _their_act_that_day(side, m, ctx)
            if f is not None and not ((side.negated or _told_of_a_stranger(side, ctx)) and f.verdict == "contradicted"):
                # "in the early 1870s women still could not vote": the date of what did not happen
                # is not the date of what did.
                out.append(f)
    return out


def _their_act_that_day(side: Side, m: DateMention, ctx: Context) -> Finding | None:
    """"Hale shut the council down in May 1874" where a source says "on 3 May 1874 Hale dissolved
    the court": the same person doing a thing near in meaning in that very month or on that day,
    though too few words match for the claim to align with it. Only ever a "supported"."""
    claimed = m.claimed
    if claimed.granularity not in ("day", "month") or not side.verbs:
        return None
    reg = ctx.fb.registry
    people = ctx.group({e for e in side.entity_ids | side.implied_entities if reg.label(e) == "PERSON"})
    if not people:
        return None
    for f in ctx.facts_naming(people):
        if not any(precisely_agree(claimed, d) for d in f.dates) or ctx.names_differ(side, f):
            continue
        if any(v == w or thesaurus.closeness(v, w) >= 1 for v in side.verbs for w in f.verbs):
            d = next(d for d in f.dates if precisely_agree(claimed, d))
            return ctx.finding("accuracy", "supported", "date", m.start, m.end, f, "date.supported", describe(d))
    return None


def _after_its_deadline(claim: Claim, side: Side, m: DateMention, ctx: Context) -> Finding | None:
    """"The Charter was passed in 1875" where a source says only "by 30 December 1871 the Charter had
    been passed": a date wholly after the day the sources say it had happened by."""
    iv = m.claimed.interval()
    if iv is None:
        return None
    keys = side.words | side.implied_words
    for a in ctx.detail_alignments(claim, side):
        if a.dice < ctx.policy.weak_dice or a.fact.dates or not (
                ctx.names_event(side, a) or (a.strong and a.same_happening(side.verbs, keys))
                or (_shares_named_event(side, a, ctx) and a.fact.verbs & keys)):
            continue
        for d in (d for r in a.fact.readings if _done(r.clause) for d in r.clause.dates):
            if d.bound == "before" and d.resolved and not d.relative and (by := d.value.interval()) and iv[0] > by[1]:
                return ctx.finding("accuracy", "contradicted", "date", m.start, m.end, a.fact, "date.by",
                                   describe(d.value), claimed=describe(m.claimed) if m.claimed.year else m.text)
    return None


_BE = frozenset({"was", "were", "is", "are", "be", "been", "being"})
_HAVE = frozenset({"had", "has", "have"})
_INTENT = frozenset(LEXICON["intent"])


def _done(clause) -> bool:
    """Does the clause tell something done ("had been passed", "ended"), not a state that goes on
    ("By the spring Westmarch was close to ruin" says nothing against the summer) or a wish ("by
    1870 Westmarch wanted to build a fleet" says nothing of when it was built)?"""
    toks = clause.tokens
    first = next((i for i, t in enumerate(toks) if t.finite), None)
    if first is None:
        return False
    verb = toks[first].lower
    if verb in _INTENT:
        return False
    if verb in _HAVE:
        return _perfect(toks, first)
    return verb not in _BE


def _perfect(toks, first: int) -> bool:
    """Is the finite verb at ``first`` a "had" or "has" before a past participle ("had been passed")?"""
    nxt = next((t for t in toks[first + 1:first + 3] if t.pos not in ("ADV", "PART")), None)
    return toks[first].lower in _HAVE and nxt is not None and nxt.tag == "VBN"


def _lasted_until(fact) -> bool:
    """Does the fact tell a state that had lasted a while by its date ("Hale had been mayor for three
    years when she retired on 2 May 1871")? Its date is where the state had got to, not when it began:
    it dates only the deed it names ("retired")."""
    for r in fact.readings:
        c = r.clause
        toks = c.tokens
        first = next((i for i, t in enumerate(toks) if t.finite), None)
        if first is None or not _perfect(toks, first):
            return False
        dated = min((d.start for d in c.dates), default=c.end)
        if not any(q.dimension == "time" and toks[first].start < q.start < dated
                   and re.search(r"\bfor\s+(?:\w+\s+){0,3}$", c.text[:q.start - c.start]) for q in c.quantities):
            return False
    return True


_FROM = re.compile(r"\b(?:from|since|ever since)\s+(?:the\s+)?$", re.I)
_TO = re.compile(r"^\s*(?:to|until|till|through|and|-|–)\b", re.I)


def _from_onwards(fact, claimed: TimeValue) -> bool:
    """Does the fact date only the start of something that went on ("From 3 May the guild's ships
    raided the coast"), with no end given, and the claim a time after that start? A time within an
    open stretch is not contradicted by its first day."""
    opened = False
    for r in fact.readings:
        c = r.clause
        for d in c.dates:
            # (only the dates the fact still has: a teacher's correction replaces what the sentence says)
            if not d.resolved or agree(claimed, d.value) is not False or d.value not in fact.dates:
                continue
            # a claim without a year ("early in September") is read in the fact's year
            mine = (claimed if claimed.year or d.value.year is None else replace(claimed, year=d.value.year)).interval()
            iv = d.value.interval()
            if mine is None:
                return False
            start = c.text[:d.start - c.start]
            if iv is None or mine[0] < iv[0] or not _FROM.search(start[-20:]) or _TO.match(c.text[d.end - c.start:]):
                return False
            opened = True
    return opened


def _dated_apart(fact) -> bool:
    """Is the date of a fact that tells a plan inside a phrase of its own ("after Hale's death in 1871
    Brook planned to ..."): the date of that event, not of the plan?"""
    for r in fact.readings:
        c = r.clause
        for d in c.dates:
            head = c.text[:d.start - c.start]
            if re.search(r"\b(?:after|before|since|until|following)\b[^,;]*$", head, re.I):
                return True
    return False


def _told_of_a_stranger(side: Side, ctx: Context) -> bool:
    """Is the side a ", which ..." told of a name no source uses ("the Lornby Sickness, which emptied
    Eastholm in 1302")? That is outside knowledge, its date not the sources' to judge."""
    return bool(side.of_stranger) and not ctx.sources_mention(side.of_stranger)


_PRONOUNS = frozenset({"he", "she", "they", "it", "his", "her", "their", "its"})
_DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})
_IT = frozenset({"it", "its"})


def _of_someone_told_before(a: Alignment, side: Side, claim: Claim) -> bool:
    """Is the fact "He had sailed on 30 April": about someone a source named before, where the claim
    ("The last raid was in November") neither names them nor speaks of anyone by a pronoun?"""
    if a.fact.entity_ids or a.shared_entities or side.implied_entities or side.implied_words \
            or any(m.label == "PERSON" for m in side.entities):
        return False  # a person the claim names may be the one the fact's "he" stands for
    if subject_says(claim.clause, side.start, side.end, _PRONOUNS | _DEMONSTRATIVES):
        return False  # "This began on 4 May": the claim's own subject is told before too
    return all(subject_says(r.clause, r.clause.start, r.clause.end, _PRONOUNS) for r in a.fact.readings)


def _one_word_between_pronouns(a: Alignment, claim: Claim, side: Side) -> bool:
    """Do claim and fact share one word and no name, each told of an "it" or "its" ("Its first voyage was
    in 1871" after a sentence about one ship; "it made its first voyage in 1880" in a source about
    another)? Whom each pronoun stands for decides, and one word cannot tell."""
    if a.shared_words + a.shared_entities > 1 or side.entities or a.fact.entity_ids:
        return False
    return subject_says(claim.clause, side.start, side.end, _IT) and all(
        subject_says(r.clause, r.clause.start, r.clause.end, _IT) for r in a.fact.readings)


def _shares_named_event(side: Side, a: Alignment, ctx: Context) -> bool:
    """Do the side and the fact name the same law, battle or treaty ("the Lornby Charter")?"""
    reg = ctx.fb.registry
    return any(reg.label(e) in ("EVENT", "OTHER") for e in ctx.group(side.entity_ids) & ctx.group(a.fact.entity_ids))


_ONGOING = phrases("ongoing")


def _still_going(claim: Claim, side: Side) -> bool:
    """Does the side say something was going on at its date ("was raging", "still going", "continued")?"""
    c = claim.clause
    return _ONGOING.search(c.text[side.start - c.start:side.end - c.start]) is not None


def _not_before(claimed: TimeValue, dates: list[TimeValue]) -> bool:
    """Does the claimed time begin no earlier than each of the fact's dates (a state that began then)?"""
    mine = claimed.interval()
    return mine is not None and all((iv := d.interval()) is not None and mine[0] >= iv[0] for d in dates)


_THIN_VERBS = frozenset(LEXICON["thin_verbs"])


def _told_in_when_clause(claim: Claim, side: Side, ctx: Context) -> Claim | None:
    """The claim of the "when" clause right after a side that says nothing but its date ("That
    changed on 10 May 1871, when Westmarch invaded Eastholm"): the date is that event's."""
    if side.entity_ids or ctx.index + 1 >= len(ctx.claims):
        return None
    nxt = ctx.claims[ctx.index + 1]
    if nxt.clause.sentence != claim.clause.sentence or nxt.clause.dates \
            or not re.match(r"[\s,]*when\b", nxt.clause.text, re.I):
        return None
    if side.words - _THIN_VERBS:
        # "Bad news came on 3 April, when the storm flattened the mill": a few words of its own that the
        # sources tell less well than the when clause ("Hale fell ill on 2 May, when ..." tells its own)
        mine = max((a.score for a in ctx.aligned(side) if a.strong), default=0.0)
        theirs = max((a.score for a in ctx.aligned(nxt.sides[0]) if a.strong), default=0.0)
        if theirs <= mine:
            return None
    return nxt


_NAMED_BY_YEAR = re.compile(r"([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)*)\s+of\s+$")


def _check(claim: Claim, side: Side, m: DateMention, ctx: Context) -> Finding | None:
    p = ctx.policy
    named = _NAMED_BY_YEAR.search(ctx.essay.text[max(0, m.start - 50):m.start])
    if named and not ctx.fb.registry.lookup(named[1]):
        return None  # "the Great Storm of 1871": the year names something the sources never mention
    repeat = tells_a_repeat(claim, side, ctx)
    aligned = ctx.detail_alignments(claim, side)
    own = [d for d in side.dates if not d.relative and not d.bound]
    keys = side.words | side.implied_words
    if len(own) >= 2:
        # "exiled in 1871, raided the coast in May 1872": two events; each date goes with its phrase
        local = _phrase_alignments(claim, side, m, ctx)
        aligned = [a for a in aligned if any(b.fact is a.fact for b in local)]
        keys = Features.of(claim.clause, *_phrase(claim, side, m)).words | side.implied_words
    # the side's verbs as the sources say them too: "was ousted" is the sources' "removed"
    verbs = side.verbs | ctx.aligner.normalise(side.verbs)
    keys = keys | ctx.aligner.normalise(side.verbs & keys)
    dated = [a for a in aligned if a.fact.dates and a.dice >= p.weak_dice
             and (side.hypothetical or not ctx.only_intended(a.fact) or _dated_apart(a.fact))  # a plan's day is not the deed's
             and not _of_someone_told_before(a, side, claim)
             and not (_lasted_until(a.fact) and not a.fact.verbs & side.verbs)]
    claimed = m.claimed
    if not dated:
        return None
    best = dated[0]
    near = [a for a in dated if a.score >= p.near_best * best.score]
    # A fact at least as precise as the claim that agrees settles it; one that only agrees
    # at a coarser grain ("1871" for "June 1871") does not outweigh a precise contradiction.
    precise = [a for a in near if any(precisely_agree(claimed, d) for d in a.fact.dates)]
    # A span of years ("between 1861 and 1889") holds a day or a month without telling it
    loose = [a for a in near if any(agree(claimed, d) and not _wide_for(d, claimed) for d in a.fact.dates)]
    # a verb the sources never use names none of their events ("the towns unleashed a strike" where they
    # say "proclaimed"): it cannot tell another event apart, so the words decide
    told_verbs = ctx.aligner.known(verbs)
    conflicting = next((a for a in near if ((a.strong and a.specific and a.same_happening(told_verbs, keys)
                                             and not _one_word_between_pronouns(a, claim, side))
                                            or ctx.names_event(side, a))
                        and all(agree(claimed, d) is False for d in a.fact.dates)), None)
    if conflicting is not None and (_happened_again(conflicting.fact, claim, side, claimed, ctx)
                                    or ctx.told_of_an_unnamed_other(claim, side, conflicting.fact)
                                    or _shares_only_its_relative_clause(conflicting)):
        # "the rot struck again in 1881" is not the date of "the hard times began in 1878"; "Hale died in
        # 1890" is not the date of "she died the next winter", told of someone the sources leave unnamed;
        # "Hale took the vow in May" is not dated by "in March the council promised a reward to any who took it"
        conflicting = None
    if conflicting is None:
        # A near miss (13 vs 14 March 1871, 1870 vs 1871) by the same actor doing the same thing
        # is the same event misdated, even when the rest of the sentence tells more; so is a day that
        # misses by one field, told with two of the fact's names in other verbs ("set off from
        # Dunmere in the Swan on 3 April" for "sailed from Dunmere aboard the Swan on 3 May"). (A claim that says
        # only "it began" holds all of itself in any beginning: it needs a name or a word of its own.)
        conflicting = next((a for a in near if ((a.shared_entities >= 1 and a.dice >= 0.3)
                                                or (a.claim_cov >= 0.9 and a.dice >= 0.5 and side.words - _THIN_VERBS))
                            and (a.fact.verbs & keys or a.shared_entities >= 3
                                 or (a.shared_entities >= 2 and claimed.granularity == "day"))
                            and not names_missing(claim, a.fact, ctx)
                            and all(near_miss(claimed, d) for d in a.fact.dates)), None) \
            or next((a for a in near if _year_slip(claim, keys, a, claimed, ctx)), None)
    starts_too = bool(_FROM.search(ctx.essay.text[max(0, m.start - 20):m.start]))  # "Mayor from 1873": a start against a start
    if conflicting is not None and ((not starts_too and _from_onwards(conflicting.fact, claimed)) or any(
            timeline_date_agrees(a, claimed) for a in near if a.strong or a is near[0])):
        return None  # the fact it matches best happened while the sources narrate that very day
    agreeing = precise or ([] if conflicting else loose)
    if agreeing:
        a = agreeing[0]
        d = next(d for d in a.fact.dates if agree(claimed, d))
        return ctx.finding("accuracy", "supported", "date", m.start, m.end, a.fact, "date.supported", describe(d))
    if conflicting is None or repeat or _agrees_locally(claim, side, m, claimed, ctx, conflicting.fact) \
            or _date_told_of(side, claimed, ctx) or _same_act_that_day(side, claimed, aligned, ctx) \
            or _told_in_same_sentence(conflicting.fact, claimed, ctx) or _clause_tells_date(claim, claimed, ctx):
        return None
    if _still_going(claim, side) and _not_before(claimed, conflicting.fact.dates):
        return None  # "In 1873 the war was still going on" where it broke out in May 1871
    if _plan_against_its_making(claim, m, conflicting.fact):
        return None  # "resolved in 1870 to march in 1871": the fact's date is the march's, not the resolving
    if ctx.subject_is_a_stranger(claim, side) or _dates_another_phrase(claim, side, m, conflicting, ctx) \
            or _end_against_a_moment(m, conflicting.fact, ctx):
        return None
    return misdated(m, conflicting.fact, ctx)


def misdated(m: DateMention, fact, ctx: Context) -> Finding:
    """The finding that the essay's date ``m`` is wrong for the fact: the fact's date against the one told."""
    claimed = m.claimed
    return ctx.finding("accuracy", "contradicted", "date", m.start, m.end, fact, "date.contradicted",
                       describe(fact.date), claimed=describe(claimed) if claimed.year else m.text)


_RELATIVE_TAGS = frozenset({"WP", "WDT"})


def _shares_only_its_relative_clause(a: Alignment) -> bool:
    """Does the claim share with the fact only words of a "who ..." or "which ..." clause after the fact's
    own verb, while the fact's date stands before it ("In March the council promised a reward to any who
    took the vow")? The date is the main verb's; the clause says who, not when."""
    if not a.shared:
        return False
    for r in a.fact.readings:
        c = r.clause
        verb = next((i for i, t in enumerate(c.tokens) if t.finite), None)
        rel = next((t.start for t in c.tokens[verb + 1:] if t.tag in _RELATIVE_TAGS), None) if verb is not None else None
        spans = [c.key_spans[k] for k in a.shared if k in c.key_spans]
        dates = [m for m in c.dates if m.resolved and not m.relative and not m.bound]
        if rel is None or not spans or not dates or any(s < rel for s, _ in spans) or any(m.start > rel for m in dates):
            return False
    return True


def _year_slip(claim: Claim, keys, a: Alignment, claimed: TimeValue, ctx: Context) -> bool:
    """Is the claim an act of someone or at somewhere it names, on the very day and month (or in the very
    month) a source gives that act, in another year ("Hale was shot on 8 July 1871" for "on 8 July 1872
    Brook shot Hale dead"; "in May 1871 Hale's men nearly reached the top" for "on 28 May 1872 Hale
    reached ...")? The other names the fact gives take part in the same act; the year is the slip."""
    if claimed.granularity not in ("day", "month") or not a.fact.verbs & keys:
        return False
    if not all(d.granularity in ("day", claimed.granularity) and d.month == claimed.month and d.year != claimed.year
               and (claimed.granularity == "month" or d.day == claimed.day) for d in a.fact.dates):
        return False
    names = {e for s in claim.sides for e in s.entity_ids | s.implied_entities}
    return bool(names) and bool(ctx.group(names) & ctx.group(a.fact.entity_ids))


_RECURRENCE = frozenset(LEXICON["recurrence_words"])


def _happened_again(fact, claim: Claim, side: Side, claimed: TimeValue, ctx: Context) -> bool:
    """Does the fact tell the side's own act happening once more ("the rot struck again in 1881",
    "returned"), in the clause that gives the date the claim's misses, where the side does not? That date
    is the second time's; the claim may tell the first. ("Released, then arrested again": the again is
    the arrests', not the act the claim dates.)"""
    said = {t.lower for t in claim.clause.tokens if side.start <= t.start < side.end}
    if said & (_RECURRENCE | _REPEAT):
        return False
    mine = ctx.aligner.normalise(side.words | side.verbs)
    for r in fact.readings:
        if not any(m.resolved and agree(claimed, m.value) is False for m in r.clause.dates):
            continue
        toks = r.clause.tokens
        for i, t in enumerate(toks):
            if t.lower in _RECURRENCE:
                near = {u.key for u in toks[max(0, i - 3):i + 2] if u.key}
                if ctx.aligner.normalise(near) & mine:
                    return True
    return False


def _wide_for(fact_date: TimeValue, claimed: TimeValue) -> bool:
    """Is the fact's date a span of more than a year, too wide to bear out a claimed day or month?"""
    iv = fact_date.interval()
    return claimed.granularity in ("day", "month") and iv is not None and (iv[1] - iv[0]).days > 366


def _same_act_that_day(side: Side, claimed: TimeValue, aligned, ctx: Context) -> bool:
    """Does another fact the side matches at all tell its act on the very date it gives ("he was
    crowned on 2 June" when one ruler was crowned in January and another on 2 June)? Then the
    claim may mean that one: the wrong reading of "he" is not a wrong date."""
    return any(a.dice >= ctx.policy.weak_dice and a.fact.verbs & side.verbs
               and any(precisely_agree(claimed, d) for d in a.fact.dates) for a in aligned)


def _told_in_same_sentence(fact, claimed: TimeValue, ctx: Context) -> bool:
    """Does the source sentence of the fact the claim contradicts give the claimed date to another of
    its clauses ("Hale reached Lornby on 2 May, and Brook followed her in early June")? Then the
    claim may tell that clause's event, which it names in other words."""
    where = {(r.source, r.sentence) for r in fact.readings}
    return any(f is not fact and any(precisely_agree(claimed, d) for d in f.dates)
               for w in where for f in ctx.facts_in_sentence(*w))


def _clause_tells_date(claim: Claim, claimed: TimeValue, ctx: Context) -> bool:
    """Does the whole clause match, nearly word for word, a fact with this date ("Hale signed the
    treaty, which came into force on 3 May 1871")? Then a side of few words ("which came into force")
    that also fits another fact ("it came into force in 1874", told of something else) is not wrong."""
    best = ctx.aligner.align(Features.of(claim.clause), floor=BEST)[:1]
    return any(a.strong and a.claim_cov >= 0.8 and any(precisely_agree(claimed, d) for d in a.fact.dates)
               for a in best)


def tells_a_repeat(claim: Claim, side: Side, ctx: Context) -> bool:
    """"Marsh sent another fleet in 1874": another time the same thing happened, not the one the sources
    date (unless a source tells "another" too: "another letter from Brook" is the second letter)."""
    toks = claim.clause.tokens
    said = {t.lower for t in toks if side.start <= t.start < side.end} & _REPEAT
    if side.role == "aside":
        # "its successor, which was finished in 1902": the thing a relative clause is told of
        before = [t for t in toks if t.end <= side.start and t.lower != ","][-3:]
        said |= {t.lower for t in before} & _REPEAT
    if not said:
        return False
    told = {w for a in ctx.aligned(side)[:3] for r in a.fact.readings
            for w in re.findall(r"[a-z]+", r.clause.text.lower())}
    return not said <= told


_REPEAT = frozenset(LEXICON["repeat_words"])


def precisely_agree(claimed: TimeValue, fact_date: TimeValue) -> bool:
    """The fact's date is at least as precise as the claim and agrees with it."""
    return bool(agree(claimed, fact_date)) and coarser(fact_date.granularity, claimed.granularity) \
        == claimed.granularity


def near_miss(claimed: TimeValue, fact_date: TimeValue) -> bool:
    """Two days or two months that differ in exactly one of day, month or year ("May 1873" and 28 May
    1872 are compared as months)."""
    if claimed.granularity not in ("day", "month"):
        return False
    if claimed.granularity == "month" and fact_date.granularity == "day":
        fact_date = TimeValue("month", fact_date.year, fact_date.month)
    return len(differing_fields(claimed, fact_date) or ()) == 1


def timeline_date_agrees(a: Alignment, claimed: TimeValue) -> bool:
    td = a.fact.timeline_date
    return td is not None and precisely_agree(claimed, td)


def names_missing(claim: Claim, fact, ctx: Context, labels=("PERSON", "PLACE"), besides: str | None = None,
                  only: set[str] | None = None) -> bool:
    """Does the fact name a person or place (of ``labels``) the claim does not, other than ``besides``
    (and, given ``only``, one of those)? Then it tells another event. (The whole claim counts: "X
    would remove theirs before Y removed the ones in Eastholm" names both actors, though each side names one.)"""
    reg = ctx.fb.registry
    mine = ctx.group(set().union(*(s.entity_ids | s.implied_entities for s in claim.sides)))
    return any(reg.label(e) in labels and e != besides and ctx.aligner.groups.get(e, e) not in mine
               and (only is None or e in only) for e in fact.entity_ids)


_BREAK = re.compile(r",|;|\s(?:and|but|then|while)\s")
_AND = re.compile(r"\s(?:and|but|then)\s")  # one subject doing two things: "died in 1871 and was buried at Lornby"


def _phrase(claim: Claim, side: Side, m: DateMention, breaks: re.Pattern | None = None) -> tuple[int, int]:
    """The phrase of the side a date belongs to: between the commas or the "and" around it.

    "Work on the mill started in June and was completed on 30 November 1872":
    June goes with "started", 30 November with "was completed".
    """
    c = claim.clause
    rel = lambda x: x - c.start  # noqa: E731
    breaks = [(b.start(), b.end()) for b in (breaks or _BREAK).finditer(c.text)]
    lo = max((b for a, b in breaks if b <= rel(m.start)), default=0)
    hi = min((a for a, b in breaks if a >= rel(m.end)), default=len(c.text))
    return max(c.start + lo, side.start), min(c.start + hi, side.end)


_UNTIL = re.compile(r"\b(?:until|till|up\s+to)\s+(?:the\s+)?$", re.I)
_ENDING = frozenset(LEXICON["aspect_end"])
_NOT_UNTIL = re.compile(r"\b(?:not|n't|never|only)\b(?:\s+\w+){0,4}\s+(?:until|till)\s+(?:the\s+)?$", re.I)


def _end_against_a_moment(m: DateMention, fact, ctx: Context) -> bool:
    """Is the date the end of something that went on ("the siege lasted until 1880"), held against a
    fact that tells a moment of it, not its end ("the battle was fought on 3 May 1871")? Only an end
    the sources give ("until", "ended") says when it stopped."""
    before = ctx.essay.text[max(0, m.start - 40):m.start]
    if not _UNTIL.search(before) or _NOT_UNTIL.search(before):
        return False  # "it was not until 1871 that ...", "not turned off until 1871": the very time it happened
    if fact.verbs & _ENDING or any(k in _ENDING for k in fact.keys):
        return False
    return not any(_UNTIL.search(r.clause.text[:max(0, d.start - r.clause.start)][-12:])
                   for r in fact.readings for d in r.clause.dates)


_PLAN_VERBS = frozenset(LEXICON["plan_verbs"])


def _in_infinitive(clause, start: int) -> bool:
    """Is the text at ``start`` inside an infinitive a verb of planning governs ("resolved to march on
    Eastholm in 1871"; not "began to leave on 3 June"), with no comma between?"""
    toks = [t for t in clause.tokens if t.start < start]
    for i in range(len(toks) - 1, 1, -1):
        if toks[i].lower in (",", ";"):
            return False
        if toks[i - 1].lower == "to" and toks[i].tag == "VB":
            return toks[i - 2].key in _PLAN_VERBS
    return False


def _plan_against_its_making(claim: Claim, m: DateMention, fact) -> bool:
    """Does every telling of the fact date only what an infinitive plans ("they resolved to march in
    1871"), while the claim's date is outside its own infinitive ("resolved in 1870 to march")? Then
    the claim dates the resolving, which the fact leaves undated."""
    if _in_infinitive(claim.clause, m.start):
        return False
    told = [(r.clause, [d for d in r.clause.dates if not d.relative]) for r in fact.readings]
    return all(dates and all(_in_infinitive(c, d.start) for d in dates) for c, dates in told)


def _dates_another_phrase(claim: Claim, side: Side, m: DateMention, a: Alignment, ctx: Context) -> bool:
    """Is the date inside a phrase of its own, after that phrase's verb, while the fact shares only
    the words of another phrase? "Hale died in 1871 and was buried at Lornby, where she was married":
    1871 dates the death, not the wedding at Lornby. (A date told before any verb, "In 1871 Hale
    sailed and built a mill", is the whole side's.)"""
    lo, hi = _phrase(claim, side, m, _AND)
    if (lo, hi) == (side.start, side.end) or ctx.names_event(side, a):
        return False
    if not any(t.finite for t in claim.clause.tokens if lo <= t.start < m.start):
        return False
    phrase = Features.of(claim.clause, lo, hi)
    if ctx.group(phrase.entities) & ctx.group(a.fact.entity_ids):
        return False  # "The Lornby Charter was passed in 1871 and gave ...": the phrase names the fact
    return not ctx.aligner.normalise(phrase.words) & a.shared


def _phrase_alignments(claim: Claim, side: Side, m: DateMention, ctx: Context):
    """The facts the phrase around a date (between commas, within the side) tells."""
    c = claim.clause
    start, end = _phrase(claim, side, m)
    feats = Features.of(c, start, end)
    feats.entities |= side.entity_ids | side.implied_entities
    return [a for a in ctx.aligner.align(feats) if a.shared_words]


def _agrees_locally(claim: Claim, side: Side, m: DateMention, claimed: TimeValue, ctx: Context,
                    conflicting=None) -> bool:
    """Does the phrase around the date (between commas) name a fact that has this date?

    Not when the phrase is about the conflicting fact more than about any fact with the
    date: "When Hale became president in the year 1871" tells the election, whatever else
    happened to the president that year.
    """
    c = claim.clause
    start, end = _phrase(claim, side, m)
    local = Features.of(c, start, end)
    # A year is shared by many events: one common word is not enough to say which.
    need = 1 if claimed.granularity in ("day", "month") else 2
    names = ctx.group(side.entity_ids | side.implied_entities)
    for a in ctx.aligner.align(local):
        if a.fact is conflicting:
            return False
        # one word is enough for a year when the fact is about someone the claim names too
        enough = a.shared_words >= need or (a.shared_words and names & ctx.group(a.fact.entity_ids))
        told = list(a.fact.dates) + [d.value for d in narrated(a.fact, ctx.fb.sources)]
        if enough and any(precisely_agree(claimed, d) for d in told):
            return True
    return False


def _date_told_of(side: Side, claimed: TimeValue, ctx: Context) -> bool:
    """Do the sources give this exact day or month to something the claim names?

    "On 14 March 1871 Westmarch and Eastholm became one country" is about the union
    the sources date to that day, though it shares no word with it.
    """
    if claimed.granularity not in ("day", "month"):
        return False
    # (where the side names people, a fact that names one of them in its sentence or shares a word of the
    # side: "On 3 May Hale signed the Lornby pact" is not told by a fact of 3 May about others in Lornby)
    from .swaps import index  # (swaps reads this module's helpers: imported when first asked)
    reg = ctx.fb.registry
    mine = ctx.group(side.entity_ids)
    people = ctx.group({e for e in side.entity_ids if reg.label(e) == "PERSON"})
    words = ctx.aligner.normalise(side.words - _THIN_VERBS)
    told = index(ctx).sentence_entities
    if any(any(precisely_agree(claimed, d) for d in f.dates)
           and (not people or people & ctx.group(told[f.id]) or words & ctx.aligner.normalise(set(f.keys)))
           for f in ctx.facts_naming(mine)):
        return True
    # "Her first ship sailed on 2 May 1871" where a source tells, of that day, that "her first ship left
    # the harbour": a whole day, given in the sources to a fact holding a word of the claim's own, says
    # which event the claim tells in other words
    # (not a fact about others than the people the side names: "when Hale surrendered on 3 May", where
    # Hale gave up on the 2nd and the last of her men on the 3rd)
    return claimed.granularity == "day" and bool(words) and any(
        words & ctx.aligner.normalise(set(f.keys)) and (not people or people & ctx.group(f.entity_ids))
        for f in ctx.facts_dated(claimed.value))
