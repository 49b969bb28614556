"""Swapped names: a claim about an event the sources tell, naming another person, place or organisation.

"Brook sent Hale a letter" where the sources say Marsh did: the claim
matches the fact except for one name, and that name stands where the fact has
another of the same kind (a person for a person, after the same preposition for a
place). Guards against the false alarms this invites are written down where they
act: namesakes, places that only locate others ("Lornby in Westmarch"), places the
sources list together, a shorter name inside a longer one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..alignment import Alignment
from ..claims import Claim, Side
from ..dates import agree
from ..entities import _NOT_NAMES, LOCATIVE, SITE, SWAPPABLE, EntityMention, is_title, may_be_heard_as, may_be_misspelt, spelt_alike
from ..quantities import agree as agree_amounts
from ..factbase import Fact, FactBase
from ..findings import Finding
from ..lexicon import LEXICON
from ..thesaurus import is_common_noun
from .context import BE, BIG_PLACES, PERSONAL_PRONOUNS, Context, word_before
from .date import names_missing, precisely_agree
from .names import foreign_first_name
from .role import read_role, source_roles

_LOCATOR = re.compile(r",?\s+(?:in\s+)?|,\s*")


@dataclass
class SwapIndex:
    """What the sources say about their names, computed once per fact base."""

    listed: set[frozenset]  # entities a source lists side by side ("Lornby and Dunmere")
    located: set[tuple[str, str]]  # places a source locates in others ("Lornby in Westmarch")
    sentence_entities: dict[str, set[str]]  # fact id -> every entity of its source sentences

    @classmethod
    def build(cls, fb: FactBase) -> "SwapIndex":
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
        by_sentence: dict[tuple[str, int], set[str]] = {}
        for name, an in fb.analyses.items():
            for c in an.clauses:
                # (every name the sentence says, those in a phrase that only dates it too: "a month after the
                # departure from Lornby, ... left Dunmere" has been at Lornby)
                # (and whom its "he" stands for: "He left Brook in charge" after a sentence about Hale
                # names Hale too)
                by_sentence.setdefault((name, c.sentence), set()).update(
                    c.entity_ids | c.implied_entities | {m.entity_id for m in c.entities if m.entity_id})
        sentence_entities = {f.id: set().union(*(by_sentence.get((r.source, r.clause.sentence), set())
                                                  for r in f.readings)) for f in fb.facts}
        return cls(listed, located, sentence_entities)


def index(ctx: Context) -> SwapIndex:
    idx = ctx.cache.get("swap_index")
    if idx is None:
        idx = ctx.cache["swap_index"] = SwapIndex.build(ctx.fb)
    return idx


def swaps(claim: Claim, ctx: Context, labels: tuple[str, ...]) -> list[Finding]:
    """Findings for names of ``labels`` that stand where the sources have another name."""
    out: list[Finding] = []
    for side in claim.sides:
        if side.negated:
            continue
        out.extend(_side_swaps(claim, side, ctx, labels))
        if "PLACE" in labels:
            out.extend(_unknown_place_swaps(claim, side, ctx))
        if "PERSON" in labels:
            out.extend(_unknown_person_swaps(claim, side, ctx))
    return out


def _candidates(claim: Claim, side: Side, ctx: Context) -> list[Alignment]:
    """The facts a side may tell with a name swapped (see ``_find_candidates``); asked by the person, place
    and unknown-name tests of each side, and worked out once per side."""
    return list(ctx.per_side("swap candidates", side, lambda: _find_candidates(claim, side, ctx)))


def _find_candidates(claim: Claim, side: Side, ctx: Context) -> list[Alignment]:
    # Either the claim is clearly about the fact already, or it would be with the other name:
    # "ran to Hale House in Eastholm" is the whole of "reached Hale House in
    # Westmarch" once Eastholm reads Westmarch.
    # Or it tells the fact's act, with a person it names, on the very day the fact gives: the same
    # event, though the words around differ ("met Ned Brook at Eastholm on 9 June").
    # Or it holds the fact's act and every name the fact gives it but one ("Brook stormed Hale's mill
    # at Lornby" and "at dawn Marsh stormed the mill of Anna Hale at Lornby").
    # Or, more loosely, it tells the fact's act with one of its names at the fact's very day or month
    # (then the name must stand in the slot the fact's own name stands in: see _same_role).
    return [a for a in ctx.dated_alignments(claim, side)[:3] if a.dice >= ctx.policy.weak_dice
            and (_firm(side, a, ctx) or _same_act_same_time(side, a, ctx))]


def _firm(side: Side, a: Alignment, ctx: Context) -> bool:
    """Is the claim about the fact by its words and names alone?"""
    return (a.specific and ((a.strong and a.shared_words >= 2) or a.content_cov >= 0.8
                            or _same_act_same_day(side, a, ctx))) or _all_names_but_one(side, a, ctx)


def _all_names_but_one(side: Side, a: Alignment, ctx: Context) -> bool:
    """Does the fact hold every name of the side but one person's, who acts in the side with a verb the
    fact has ("Brook stormed Hale's mill at Lornby" against "at dawn Marsh stormed Hale's mill at Lornby")?"""
    mine, theirs = ctx.group(side.entity_ids), ctx.group(a.fact.entity_ids)
    if len(mine & theirs) < 2 or len(mine - theirs) != 1:
        return False
    reg = ctx.fb.registry
    other = next(m for m in side.entities if m.entity_id and ctx.group({m.entity_id}) <= mine - theirs)
    return reg.label(other.entity_id) == "PERSON" and _acts_with(ctx, other, side.verbs & a.fact.verbs)


def _acts_with(ctx: Context, m: EntityMention, verbs: set[str]) -> bool:
    """Is the name followed at once by one of ``verbs``, finite and active ("Brook stormed", not "Brook
    was stormed" nor "had Brook seized")?"""
    clause = ctx.essay.clause_at(m.start)
    if clause is None:
        return False
    after = [t for t in clause.tokens if t.start >= m.end and t.pos != "ADV"][:2]
    return bool(after) and after[0].finite and after[0].key in verbs and not (len(after) > 1 and after[1].tag == "VBN")


def _same_act_same_day(side: Side, a: Alignment, ctx: Context) -> bool:
    reg = ctx.fb.registry
    people = {e for e in ctx.group(side.entity_ids) & ctx.group(a.fact.entity_ids) if reg.label(e) == "PERSON"}
    return bool(people and side.verbs & a.fact.verbs and a.content_cov >= 0.5 and _same_day_told(side, a.fact))


def _same_act_same_time(side: Side, a: Alignment, ctx: Context) -> bool:
    """The claim tells the fact's act, with one of its names, at the very day or month the fact gives
    it: "in May 1871 Hale seized the Lornby mill" and "in May 1871 Brook's men seized the Lornby mill"
    are one event however little else they share."""
    return bool(side.verbs & a.fact.verbs) and bool(ctx.group(side.entity_ids) & ctx.group(a.fact.entity_ids)) \
        and _told_at(side, a.fact, ("day", "month"), relative=False)


def _same_role(ctx: Context, m: EntityMention, y: str, fact: Fact) -> bool:
    """Do the essay's name and the fact's stand in one part of the act: both the one who acts, or
    both not?"""
    return _essay_agent(ctx, m) == _subject_of(y, fact)


def _side_swaps(claim: Claim, side: Side, ctx: Context, labels: tuple[str, ...]) -> list[Finding]:
    candidates = _candidates(claim, side, ctx)
    if not candidates:
        return []
    idx = index(ctx)
    best = candidates[0]
    if all(r.clause.negated for r in best.fact.readings) and not side.negated:
        return []  # "Marsh took the fort" is not "the army could not take Hale's fort": no act to swap a name in
    needs_swap = not (best.strong and best.shared_words >= 2)
    loose = not _firm(side, best, ctx)  # one event only by its act and time
    sentence_ents = {i for s in claim.sides for i in s.entity_ids | s.implied_entities} | _sentence_entities(claim, ctx) \
        | _pronoun_referents(claim, ctx)
    strangers: set[str] | None = None  # the sentence's unknown names, once a person has rivals to keep
    reg = ctx.fb.registry
    keys = side.words | side.implied_words
    out = []
    for m in side.entities:
        x = m.entity_id
        if not x or reg.label(x) not in SWAPPABLE or reg.label(x) not in _expand(labels) \
                or x in idx.sentence_entities[best.fact.id]:
            continue
        # The same thing told elsewhere with this entity (the same act, or on the claim's own date): not a swap.
        if any(x in idx.sentence_entities[a.fact.id] for a in ctx.detail_alignments(claim, side)
               if (a.score >= 0.7 * best.score and a.fact.verbs & keys) or _same_day_told(side, a.fact)):
            continue
        if reg.label(x) == "PERSON" and foreign_first_name(m, reg.entities[x], ctx) is not None:
            continue  # "Nell Hale" where the sources know Anna Hale: another Hale, whatever she did
        if reg.label(x) == "PERSON" and best.shared and best.shared <= {w for p, r, _ in source_roles(ctx) if p == x
                                                                         for w in (r.head, *r.modifiers)}:
            continue  # "with their commander, Marsh": only an office both hold, not one act, joins claim and fact
        same_name = set(reg.lookup(m.text))  # "Brook" can name Ned or Rob: never a swap between them
        if _locates_another_place(ctx, m, idx):
            continue  # "Lornby in Westmarch": Westmarch only says where Lornby is
        if _in_office_of_person(ctx, m):
            continue  # "Hale, the head of the Lornby Guard, ...": the Guard is Hale's office, not the act's
        if reg.label(x) != "PERSON" and any(reg.label(y) != "PERSON" and _one_names_the_other(reg.entities[x], reg.entities[y])
                                            for y in best.fact.entity_ids if y in reg.entities):
            continue  # "the mouth of the Lorn" where the fact says "the Lorn River": its own place, said shorter
        # only names the fact says: whom its "him" stands for is the reader's guess, not a rival
        said = {fm.entity_id for r in best.fact.readings for fm in r.clause.entities if fm.entity_id}
        # (not one the fact names only as whose: "Queen Anna's husband" does nothing in it)
        rivals = [y for y in best.fact.entity_ids & said - _only_possessors(best.fact, keys) if _rival_labels(reg.label(x), reg.label(y))
                  and y not in same_name and (reg.label(x) == "PERSON" or frozenset((x, y)) not in idx.listed)
                  and not _one_names_the_other(reg.entities[x], reg.entities[y], reg.label(x) == "PERSON")]
        if reg.label(x) == "PERSON":
            rivals = [y for y in rivals if reg.entities[y].confident and reg.entities[x].confident
                      and y not in sentence_ents and not _also_called(reg, y, sentence_ents)]
            if rivals:
                strangers = _sentence_strangers(claim, ctx) if strangers is None else strangers
                rivals = [y for y in rivals if not _heard_in(strangers, reg, y)]
            if _says_pronoun(claim, ctx):
                # "she signed the treaty and sent Brook": "she" may be the fact's own subject
                rivals = [y for y in rivals if not _subject_of(y, best.fact)]
        else:
            rivals = [y for y in rivals if _rival_places(reg.entities[x], reg.entities[y])]
        rivals = _same_slot(ctx, m, best.fact, rivals, sentence_ents)
        if len(rivals) != 1:
            continue
        y = rivals[0]
        if loose and (y in sentence_ents or not _same_role(ctx, m, y, best.fact)):
            continue  # "left Lornby with Hale", where the fact has Brook leave it: Hale has another part in it
        if reg.label(x) == "PERSON" and _told_elsewhere(side, best.fact, ctx):
            continue  # "At Lornby, Hale stormed a fort" is not "Brook stormed a fort at Dunmere": another event
        if _told_by_its_noun(y, [r.clause for r in best.fact.readings], keys) \
                and not _told_by_its_noun(x, [claim.clause], keys, comma=False):
            continue  # "Hale mourned her daughter" against "her daughter, Brook, drowned": the claim names Brook by that noun
        if _claim_possessor(ctx, m, keys) and y not in _possessors(best.fact):
            continue  # "Hale's clerk, the notary, signed": Hale is whose clerk, not the one who signed
        # Any other person the fact names but the claim does not means another event (one named
        # only in a phrase after the act, "helped by the lawyer Ned Brook", does not).
        if names_missing(claim, best.fact, ctx, ("PERSON",), besides=y,
                         only=_core_people(best.fact, ctx) if reg.label(x) == "PERSON" else None):
            continue
        if needs_swap and not (_whole_once_swapped(ctx, best, x, y) or _same_day_same_words(side, best)
                               or _same_act_same_time(side, best, ctx)
                               or (_all_names_but_one(side, best, ctx) and _claim_whole_once_swapped(ctx, best, x)
                                   and _subject_of(y, best.fact))):
            continue
        if _dated_otherwise(side, best.fact):
            continue  # a date the fact does not have: more likely another event than a swapped name
        if _amount_told_of(x, side, ctx, idx):
            continue  # "Brook had reigned for nine months": the number the sources give of Brook's reign
        kind = "person" if reg.label(x) == "PERSON" else "place"
        out.append(ctx.finding("accuracy", "contradicted", "entity", m.start, m.end, best.fact,
                               f"{kind}.contradicted", reg.name(y)))
    return out


def _dated_otherwise(side: Side, fact: Fact) -> bool:
    """Does the side give a date the fact cannot have ("..., and in November it sank a barge", the
    month taking its year from the range before it)?"""
    def told(d):
        return d.value if d.claimed is not None and d.claimed.year is None and d.value is not None else d.claimed
    return bool(fact.dates) and any(all(agree(told(d), fd) is False for fd in fact.dates)
                                    for d in side.dates if d.claimed is not None and not d.relative)


def _amount_told_of(x: str, side: Side, ctx: Context, idx: SwapIndex) -> bool:
    """Does a source sentence naming x give one of the side's numbers?"""
    if not side.quantities:
        return False
    return any(x in idx.sentence_entities[f.id] and any(agree_amounts(q, fq) for q in side.quantities
                                                           for fq in f.quantities) for f in ctx.fb.facts)


def _told_at(side: Side, fact, grains: tuple[str, ...], relative: bool = True) -> bool:
    """Does the side give one of the fact's dates exactly, at one of these granularities (and, unless
    ``relative``, as a date of its own rather than one worked out from a gap)?"""
    return any(m.claimed is not None and m.claimed.granularity in grains and (relative or not m.relative)
               and any(precisely_agree(m.claimed, d) for d in fact.dates) for m in side.dates)


def _same_day_told(side: Side, fact) -> bool:
    return _told_at(side, fact, ("day",))


def _same_day_same_words(side: Side, a: Alignment) -> bool:
    """The claim holds every word of the fact and gives it the fact's very day or month: the same event,
    whatever else the fact says ("came ashore at Dunmere on 24 July 1871")."""
    return a.content_cov >= 0.99 and _told_at(side, a.fact, ("day", "month"))


def _says_pronoun(claim: Claim, ctx: Context) -> bool:
    """Is the claim's subject a pronoun ("In 1871 she signed ...")?"""
    toks = [t for t in claim.clause.tokens if not any(m.start <= t.start < m.end for m in claim.clause.dates)]
    first = next((i for i, t in enumerate(toks) if t.finite), len(toks))
    before = toks[:first]
    # ("Then, early on the morning of the battle, he split ...": a phrase set off by commas is no subject)
    cut = max((i + 1 for i, t in enumerate(before) if t.lower == ","), default=0)
    before = before[cut:]
    k = next((i for i, t in enumerate(before) if t.lower in ("he", "she", "they")), None)
    return k is not None and not any(t.pos in ("NOUN", "PROPN") for t in before[:k])


def _subject_of(entity_id: str, fact: Fact) -> bool:
    """Does a telling of the fact name the entity before its first verb (as who did it)?"""
    for r in fact.readings:
        toks = r.clause.tokens
        verb = next((t.start for t in toks if t.finite), r.clause.end)
        for m in r.clause.entities:
            # "Hale's captain, Ned Brook, wrote": Hale only says whose
            if m.entity_id == entity_id and m.start < verb and not _possessive(toks, m.end):
                return True
    return False


def _passive_subject(toks, end: int) -> bool:
    """Is the name ending at ``end`` the subject of a passive verb ("Hale was arrested", "the fort was
    taken by Brook"): the one acted on, not the one who acted?"""
    after = [t for t in toks if t.start >= end and t.pos != "ADV"]
    return len(after) >= 2 and after[0].finite and after[0].lower in BE and after[1].tag == "VBN"


def _only_possessors(fact: Fact, words: set[str]) -> set[str]:
    """The entities every telling of the fact names only as whose, of something the claim does not
    speak of ("Queen Anna's husband", where the claim names no husband; not "Hale's reforms" in a
    claim about reforms)."""
    seen: dict[str, bool] = {}
    for r in fact.readings:
        toks = r.clause.tokens
        for m in r.clause.entities:
            if m.entity_id:
                owned = next((t.key for t in toks if t.start > m.end and t.key), None)
                whose = _possessive(toks, m.end) and owned not in words
                seen[m.entity_id] = seen.get(m.entity_id, True) and whose
    return {e for e, only in seen.items() if only}


_DETERMINERS = frozenset("the a an his her their its my our your whose".split())


def _told_elsewhere(side: Side, fact: Fact, ctx: Context) -> bool:
    """Does the side put its event at a place or named event ("At Lornby", "at the Battle of Dunmere")
    the fact does not name, while the fact names a place the side does not?"""
    reg = ctx.fb.registry
    text = ctx.essay.text
    theirs = ctx.group(fact.entity_ids)
    mine = ctx.group(side.entity_ids)
    located = {m.entity_id for m in side.entities if m.entity_id and reg.label(m.entity_id) != "PERSON"
               and (word_before(text, m.start) or "").lower() in LOCATIVE}
    if not located or ctx.group(located) & theirs:
        return False
    return any(reg.label(e) == "PLACE" for e in theirs - mine)


def _told_by_its_noun(y: str, clauses: list, words: set[str], comma: bool = True) -> bool:
    """Do the clauses name y in apposition to a noun the claim has ("her son, Brook", "the mayor, Brook")?
    Where a fact does and the claim does not name its own person so ("its leader, Hale" against "its
    leader, Brook"), the claim speaks of y by that noun: y is no rival of the name it gives. Without
    ``comma``, the noun right before the name counts too ("the pilot Hale")."""
    for clause in clauses:
        toks = clause.tokens
        for fm in clause.entities:
            if fm.entity_id != y:
                continue
            before = [t for t in toks if t.end <= fm.start]
            while before and is_title(before[-1].lower.title()):
                before.pop()  # "his standard-bearer, Sir Ned Brook"
            before = before[-6:]
            if before and before[-1].lower == ",":
                at = len(before) - 2  # "the pilot, Hale"
            elif before and not comma:
                at = len(before) - 1  # "the pilot Hale"
            else:
                continue
            if at < 1 or before[at].tag != "NN" or before[at].key not in words:
                continue
            if not comma:
                return True
            # the noun heads a phrase of its own: "her only son, Brook" (not "Big protests, Brook")
            k = at - 1
            while k >= 0 and (before[k].pos in ("ADJ", "NOUN", "ADV") or before[k].lower == "-"):
                k -= 1
            if k >= 0 and (before[k].lower in _DETERMINERS or before[k].lower in ("'s", "\u2019s")):
                return True
    return False


def _claim_possessor(ctx: Context, m: EntityMention, words: set[str]) -> bool:
    """Does the essay name the person only as whose ("Hale's friend"), of a thing it speaks of?"""
    clause = ctx.essay.clause_at(m.start)
    if clause is None or not _possessive(clause.tokens, m.end):
        return False
    owned = next((t for t in clause.tokens if t.start > m.end and t.key), None)
    return owned is not None and owned.key in words and owned.pos == "NOUN"


def _possessors(fact: Fact) -> set[str]:
    """The entities some telling of the fact names as whose ("Hale's men", "the men of Hale")."""
    out = set()
    for r in fact.readings:
        toks = r.clause.tokens
        for m in r.clause.entities:
            before = [t for t in toks if t.end <= m.start][-2:]
            if m.entity_id and (_possessive(toks, m.end) or (
                    len(before) == 2 and before[1].lower == "of" and before[0].pos == "NOUN")):
                out.add(m.entity_id)
    return out


def _possessive(toks, end: int) -> bool:
    """Is the name ending at ``end`` followed by (or ending in) "'s": a determiner, whose, not who?"""
    return any((t.start == end or t.end == end) and t.lower in ("'s", "\u2019s", "'") for t in toks)


def _essay_agent(ctx: Context, m: EntityMention) -> bool:
    """Does the essay name the person as the one who acts: the subject before the verb, or "by X"
    after a passive verb ("was paid by Ned Brook")?"""
    clause = ctx.essay.clause_at(m.start)
    if clause is None:
        return False
    toks = clause.tokens
    before = [t for t in toks if t.end <= m.start]
    text = ctx.essay.text
    while before and is_title(text[before[-1].start:before[-1].end]):
        before.pop()  # "by" before a title and the name
    if before and before[-1].lower == "by":
        return any(t.tag == "VBN" for t in before[-4:-1])
    verb = next((t.start for t in toks if t.finite), None)
    return verb is not None and m.start < verb and not any(t.pos == "ADP" for t in before[-1:]) \
        and not _passive_subject(toks, m.end) \
        and not any(o.start < m.start and o.entity_id and ctx.fb.registry.label(o.entity_id) == "PERSON"
                    for o in clause.entities)


def _core_people(fact: Fact, ctx: Context) -> set[str]:
    """The people a fact names up to the first comma after its act: who did it and to whom (not whose:
    in "Hale's clerk, Ned Brook, wrote" Hale does nothing)."""
    out: set[str] = set()
    for r in fact.readings:
        c = r.clause
        text = ctx.fb.sources[r.source].text
        verb = next((t.start for t in c.tokens if t.finite), c.start)
        cut = text.find(",", verb, c.end)
        cut = c.end if cut < 0 else cut
        out |= {e.entity_id for e in c.entities if e.entity_id and e.start < cut
                and not (e.start < verb and _possessive(c.tokens, e.end))}
    return out


def _sentence_entities(claim: Claim, ctx: Context) -> set[str]:
    return {i for c in ctx.essay.clauses_of_sentence(claim.clause.sentence) for i in c.entity_ids}


def _also_called(reg, y: str, ids: set[str]) -> bool:
    """Is y one of ``ids`` by another of its names ("Ned Hale, Earl of Lornby": Hale is the Earl)?"""
    e = reg.entities[y]
    return any(o in reg.entities and (e.name in reg.entities[o].aliases or reg.entities[o].name in e.aliases)
               for o in ids if o != y)


def _sentence_strangers(claim: Claim, ctx: Context) -> set[str]:
    """The capitalised words of the claim's sentence that name nothing the sources know (not a title)."""
    reg = ctx.fb.registry
    clauses = ctx.essay.clauses_of_sentence(claim.clause.sentence)
    known = [(m.start, m.end) for c in clauses for m in c.entities if m.entity_id]
    return {w[0] for c in clauses for w in re.finditer(r"\b[A-Z][\w'-]+", c.text)
            if not is_title(w[0]) and w[0] not in _NOT_NAMES and not reg.lookup(w[0])
            and not any(s <= c.start + w.start() < e for s, e in known)}


def _heard_in(strangers: set[str], reg, y: str) -> bool:
    """Is one of the sentence's strangers perhaps y's name spelt by ear ("met Hale, wife of a trader called
    Dunmero" where the sources' trader is Dunmerrowe)? Then y is there, not replaced."""
    # (by the surname: a first name alone may be anyone's)
    theirs = {form.split()[-1] for form in (reg.entities[y].name, *reg.entities[y].aliases)
              if form[:1].isupper() and not is_title(form.split()[-1])}
    return any(may_be_heard_as(w, n) for w in strangers for n in theirs)


def _pronoun_referents(claim: Claim, ctx: Context) -> set[str]:
    """The people of the essay's previous sentence, when the claim speaks of someone by a pronoun
    ("Brook's letter was read to him"): "him" may be the very person a fact names."""
    if not any(t.lower in PERSONAL_PRONOUNS for t in claim.clause.tokens):
        return set()
    reg = ctx.fb.registry
    return {i for c in ctx.essay.clauses_of_sentence(claim.clause.sentence - 1)
            for i in c.entity_ids if reg.label(i) == "PERSON"}


def _expand(labels: tuple[str, ...]) -> set[str]:
    # Taggers confuse places with organisations ("Hale House"): the place comparator judges both.
    return set(labels) | ({"ORG"} if "PLACE" in labels else set())


def _unknown_place_swaps(claim: Claim, side: Side, ctx: Context) -> list[Finding]:
    """"founded the NWC in Dunmere" where the sources say "in Lornby": a place the sources never
    name, standing where a fact of the same event has its place, after the same preposition."""
    reg = ctx.fb.registry
    text = ctx.essay.text
    sentence_ents = _sentence_entities(claim, ctx)
    candidates = _candidates(claim, side, ctx)
    out = []
    for m in side.entities:
        if m.entity_id is not None or m.label not in ("UNKNOWN", "PLACE"):
            continue
        before = word_before(text, m.start)
        if before not in LOCATIVE or ctx.sources_mention(m.text):
            continue  # a name the sources use elsewhere ("Eastholm") is not a stranger in their place
        for a in candidates:
            # Not where the sources name a body by a common noun ("sent word to the Moot"): a body
            # is often called by where it sits ("to Westmarch Hall"), which is no error.
            slot = [fm for r in a.fact.readings for fm in r.clause.entities
                    if fm.entity_id and reg.label(fm.entity_id) in ("PLACE", "ORG")
                    and not is_common_noun(reg.name(fm.entity_id))
                    and fm.entity_id not in sentence_ents
                    and word_before(ctx.fb.sources[r.source].text, fm.start) == before]
            places = {fm.entity_id for fm in slot}
            if len(places) != 1:
                continue
            said = _words(m.text)
            rival = reg.entities[next(iter(places))]
            if any(said <= form for form in _name_words(rival)):
                break  # "the House" is Hale House, said shorter
            if any(spelt_alike(m.text, form) for form in (rival.name, *rival.aliases)):
                break  # "the Lornby Barrir": the sources' place, misspelt
            if names_missing(claim, a.fact, ctx, ("PERSON",)):
                break  # the fact is about someone the claim does not name
            out.append(ctx.finding("accuracy", "contradicted", "entity", m.start, m.end, a.fact,
                                   "place.contradicted", reg.name(places.pop())))
            break
    return out


#: Words before a known place that say where an act happened ("in Westmarch", "the port of Lornby").
_PLACE_BEFORE = LOCATIVE | {"of"}
#: Words before a name that make it someone the act was done with, for or to, never its doer (data).
_NOT_THE_DOER = frozenset(LEXICON["not_the_doer"])
#: Words before a name that make it the one who acted: "led by", "on the orders of", "an order from".
_AGENT_BEFORE = frozenset({"by", "of", "from"})


def _unknown_person_swaps(claim: Claim, side: Side, ctx: Context) -> list[Finding]:
    """"the halt was ordered by General Rook" where the sources say General Marsh ordered it: a person
    the sources never name, standing where the one person of a fact that tells the same act stands
    (the one who did it, or after the same word), where the claim names no one else the fact lacks."""
    reg = ctx.fb.registry
    text = ctx.essay.text
    strangers = [m for m in side.entities if m.entity_id is None and _stranger_person(m, text)]
    # failing one by its label or title, a name of proper names only ("Ivo Quill"), if the recogniser
    # (asked last, being slow) reads it as a person's
    untold = [] if strangers else [m for m in side.entities if m.entity_id is None and _maybe_a_person(m)]
    if len(strangers or untold) != 1:
        return []
    m = (strangers or untold)[0]
    bare = [w for w in m.text.split() if not is_title(w)]
    if not bare or ctx.sources_mention(bare[-1]):
        return []  # a surname the sources use ("Mayor Anna Hale" said with another title), or only a title
    best = next((a for a in _candidates(claim, side, ctx) if a.strong and a.shared_words >= 2), None)
    if best is None:
        return []
    named = ctx.group({x for x in side.entity_ids if reg.label(x) == "PERSON"})
    people = {y for y in best.fact.entity_ids if reg.label(y) == "PERSON"}
    if not named <= ctx.group(people):
        return []  # the claim names someone the fact does not: another event
    people -= named
    if len(people) != 1:
        return []
    places = ctx.group({p.entity_id for p in side.entities if p.entity_id and reg.label(p.entity_id) == "PLACE"
                        and word_before(text, p.start) in _PLACE_BEFORE})
    if places - ctx.group(best.fact.entity_ids):
        return []  # "played in Westmarch under Rook" where the sources' playing was at Lornby: another occasion
    y = people.pop()
    if not reg.entities[y].confident or y in _sentence_entities(claim, ctx) | _pronoun_referents(claim, ctx):
        return []
    if any(may_be_misspelt(bare[-1], w) or may_be_misspelt(" ".join(bare), form)
           for e in reg.entities.values() if e.label == "PERSON"
           for form in (e.name, *e.aliases) for w in _words(form)):
        return []  # "President Hail" is Anna Hale misspelt (or anyone else the sources name), not someone new
    if _dated_otherwise(side, best.fact):
        return []  # a date the fact does not have: more likely another event
    before = word_before(text, m.start)
    theirs = {word_before(ctx.fb.sources[r.source].text, fm.start)
              for r in best.fact.readings for fm in r.clause.entities if fm.entity_id == y}
    agent = (before in _AGENT_BEFORE or _stranger_leads(ctx, m)) and (_subject_of(y, best.fact) or bool(theirs & _AGENT_BEFORE))
    if before not in theirs and not agent:
        return []
    if untold and not ctx.named_person(m):
        return []
    return [ctx.finding("accuracy", "contradicted", "entity", m.start, m.end, best.fact,
                        "person.contradicted", reg.name(y))]


def _maybe_a_person(m: EntityMention) -> bool:
    """Could an unknown name of no known kind be a person's: two words or more, none a common word
    ("Ivo Quill", not "Lornby Bridge")?"""
    words = m.text.split()
    return m.label == "UNKNOWN" and len(words) >= 2 and not _NOT_A_NAME.search(m.text) \
        and not any(is_common_noun(w) for w in words)


def _stranger_person(m: EntityMention, text: str) -> bool:
    """Is an unknown name a person's: tagged so, or said with a title ("General Rook", "King Eadric")?"""
    first = m.text.split()[0]
    return (m.label == "PERSON" or (is_title(first) and len(m.text.split()) >= 2)) and not _NOT_A_NAME.search(m.text)


_NOT_A_NAME = re.compile(r"\d")


def _stranger_leads(ctx: Context, m: EntityMention) -> bool:
    """Does an unknown name come before its clause's first verb, with no other name before it?"""
    clause = ctx.essay.clause_at(m.start)
    if clause is None:
        return False
    verb = next((t.start for t in clause.tokens if t.finite), None)
    return verb is not None and m.start < verb and not any(o.start < m.start for o in clause.entities)


def _locates_another_place(ctx: Context, m: EntityMention, idx: SwapIndex) -> bool:
    """Does the essay put x after a place the way the sources do ("Lornby in Westmarch")?

    Then x only says where that place is. "Hale House in Eastholm", where the
    sources say "in Westmarch", is still a swap.
    """
    text = ctx.essay.text
    # The locator is commas, spaces and "in": walk back over those to the names that end there.
    gap = m.start
    while gap > 0 and (text[gap - 1] in ",in" or text[gap - 1].isspace()):
        gap -= 1
    return any(_LOCATOR.fullmatch(text[end:m.start]) and (o.entity_id, m.entity_id) in idx.located
               for end in range(gap, m.start + 1) for o in ctx.essay.entities_ending_at(end) if o.entity_id)


def _whole_once_swapped(ctx: Context, a: Alignment, x: str, y: str) -> bool:
    """With y read for x, would the claim and the fact match nearly whole?"""
    g = ctx.aligner.groups
    wy = ctx.fb.weight(f"@{g.get(y, y)}")
    wx = ctx.fb.weight(f"@{g.get(x, x)}")
    fact_cov = a.fact_cov + wy / a.fact_weight
    claim_cov = a.claim_cov + wx / a.claim_weight if a.claim_weight else 0.0
    return fact_cov >= 0.85 and claim_cov >= 0.5


def _in_office_of_person(ctx: Context, m: EntityMention) -> bool:
    """Is the name the end of an office given to a person just before it ("Ned Brook, the head of the
    Lornby Guard")?"""
    reg = ctx.fb.registry
    if reg.label(m.entity_id) == "PERSON":
        return False  # "Hale, the wife of Ned Brook": a person there is a relation, which may be wrong
    text = ctx.essay.text
    head = text[max(0, m.start - 60):m.start]
    comma = head.rfind(",")
    role = read_role(head[comma + 1:] + text[m.start:m.end]) if comma >= 0 else None
    if role is None:
        return False
    before = m.start - len(head) + comma
    person = next((o.entity_id for o in ctx.essay.entities if o.end <= before and before - o.end <= 1
                   and o.entity_id and reg.label(o.entity_id) == "PERSON"), None)
    # only the office the sources give that person ("the governor in Eastholm" where they say Westmarch
    # is still a wrong place)
    return person is not None and any(ctx.group({p}) & ctx.group({person}) and r.same_office(role)
                                      for p, r, _ in source_roles(ctx))


def _claim_whole_once_swapped(ctx: Context, a: Alignment, x: str) -> bool:
    """With x read as the fact's own name, would all of the claim be in the fact (however much more the
    fact tells)?"""
    g = ctx.aligner.groups
    wx = ctx.fb.weight(f"@{g.get(x, x)}")
    return bool(a.claim_weight) and a.claim_cov + wx / a.claim_weight >= 0.95


def _same_slot(ctx: Context, m: EntityMention, fact: Fact, rivals: list[str], sentence_ents: set[str]) -> list[str]:
    """Keep the rivals that stand where the essay's entity stands.

    First those after the same preposition ("from Westmarch", "from Eastholm"), even if
    the essay names that rival elsewhere; failing that, for places, those after any
    preposition of a site ("in front of X", "at Y"; not a direction, "across Z") that the
    essay does not name.
    """
    reg = ctx.fb.registry
    clause = ctx.essay.clause_at(m.start)
    head = _apposed_to(clause.tokens, m.start) if clause is not None else None
    if head is not None:
        # "his wife, Ada Frost" does not stand where "his son, Ned Brook" stands
        rivals = [y for y in rivals if not any(
            fm.entity_id == y and _apposed_to(r.clause.tokens, fm.start) not in (None, head)
            for r in fact.readings for fm in r.clause.entities)]
    if clause is not None and _passive_subject(clause.tokens, m.end):
        # "Hale was crowned": whoever the fact has doing the crowning does not stand where Hale stands
        rivals = _not_the_doers(rivals, fact, lambda r, fm: _passive_subject(r.clause.tokens, fm.end))
    if reg.label(m.entity_id) == "PERSON" and word_before(ctx.essay.text, m.start) in _NOT_THE_DOER:
        # "raised a tower, with Hale as its keeper": Hale does not stand where the fact's builder stands
        rivals = _not_the_doers(rivals, fact,
                                lambda r, fm: word_before(ctx.fb.sources[r.source].text, fm.start) in _NOT_THE_DOER)
    if reg.label(m.entity_id) == "PERSON" and clause is not None and _object_of_gerund(clause.tokens, m.start):
        # "a song praising Hale": the one praised stands only where a fact names someone the same way, not
        # where it has the song's maker or owner ("Brook's song")
        rivals = [y for y in rivals if any(fm.entity_id == y and _object_of_gerund(r.clause.tokens, fm.start)
                                           for r in fact.readings for fm in r.clause.entities)]
    if len(rivals) <= 1 and reg.label(m.entity_id) == "PERSON":
        return rivals
    if reg.label(m.entity_id) == "PERSON" and _essay_agent(ctx, m):
        # "the bail was paid by Ned Brook": the one who did it, where the fact names several people
        agents = [y for y in rivals if _subject_of(y, fact)]
        if len(agents) == 1:
            return agents
    before = word_before(ctx.essay.text, m.start)
    same, locative = [], []
    for r in fact.readings:
        text = ctx.fb.sources[r.source].text
        for fm in r.clause.entities:
            if fm.entity_id not in rivals:
                continue
            theirs = word_before(text, fm.start)
            if theirs == before and fm.entity_id not in same:
                same.append(fm.entity_id)
            if theirs in SITE and before in SITE and fm.entity_id not in locative \
                    and fm.entity_id not in sentence_ents:
                locative.append(fm.entity_id)
    return same or (locative if reg.label(m.entity_id) != "PERSON" else [])


def _not_the_doers(rivals: list[str], fact: Fact, alike) -> list[str]:
    """The rivals that are not the fact's doer, or that the fact itself names as ``alike`` says the essay's
    name stands (``alike(reading, mention)``): where the essay's name is not the doer, the doer is no rival."""
    return [y for y in rivals if not _subject_of(y, fact) or any(
        fm.entity_id == y and alike(r, fm) for r in fact.readings for fm in r.clause.entities)]


def _object_of_gerund(tokens, start: int) -> bool:
    """Is the name at ``start`` the object of an "-ing" word right before it ("a song praising Hale")?"""
    before = [t for t in tokens if t.end <= start]
    return bool(before) and before[-1].tag == "VBG" and not before[-1].finite


def _apposed_to(tokens, start: int) -> str | None:
    """The common noun a name is set beside ("his wife, Ada Frost" -> "wife"), if any."""
    before = [t for t in tokens if t.end <= start]
    if len(before) >= 2 and before[-1].lower == "," and before[-2].pos == "NOUN":
        return before[-2].lower
    return None


def _words(name: str) -> set[str]:
    return set(re.findall(r"\w+", name.lower()))


def _name_words(e) -> list[set[str]]:
    """The words of each form of an entity's name."""
    return [_words(f) for f in [e.name, *e.aliases]]


def _one_names_the_other(x, y, people: bool = False) -> bool:
    """"Dunmere" and "Dunmere Prison", "Lornby" and "Old Lornby": a shorter name inside a longer one.

    People are compared by their full names only: "Ned" may be Ned Brook, but
    Rob Brook is not Ned Brook though both are called "Brook".
    """
    if people:
        a, b = _words(x.name), _words(y.name)
        return bool(a and b and (a <= b or b <= a))
    return any(a and b and (a <= b or b <= a) for a in _name_words(x) for b in _name_words(y))


def _rival_labels(a: str, b: str) -> bool:
    """Can an entity of label ``b`` stand where the essay put one of label ``a``?"""
    # Taggers confuse places with organisations ("Hale House"), never with people.
    return a == b or {a, b} <= {"PLACE", "ORG"}


def _rival_places(x, y) -> bool:
    """Could a writer have put place ``x`` for place ``y`` by mistake, rather than one inside the other?

    Westmarch for Eastholm (two countries) or Lornby for Dunmere (two towns) is a swap;
    Westmarch for Lornby (a town in it) is only less precise.
    """
    if x.kind and y.kind:
        return x.kind == y.kind or (x.kind not in BIG_PLACES and y.kind not in BIG_PLACES)
    return (x.kind or y.kind) not in BIG_PLACES
