"""What every comparator may consult: the fact base, the aligner, the essay and the narrative so far."""
from __future__ import annotations

import dataclasses
import datetime
import re

from dataclasses import dataclass, field

from .. import thesaurus
from ..alignment import BEST, SAME_MEANING, Aligner, Alignment, AlignmentPolicy, Features, Floor
from ..analysis import Analysis
from ..claims import TIME_PHRASE, Claim, Side, intended
from ..dates import TimeValue, agree
from ..factbase import Evidence, Fact, FactBase
from ..findings import Finding, where
from ..entities import LOCATIVE, is_title, spelt_alike, strip_title
from ..lexicon import LEXICON
from ..quantities import Quantity, kind_key
from ..timeline import Dated, narrated, periods, shifted, stated

#: What ``dated_alignments`` is read for: the swap comparator looks at its first three.
DATED_READ = Floor(top=3)
#: How many claims back the event a bare "then" or "six days later" counts from may lie.
NARRATIVE_REACH = 4
_EVENT_VERBS = frozenset(LEXICON["event_verbs"])
_DIRECTIONS = LEXICON["directions"]
BE = frozenset({"is", "are", "was", "were", "be", "been", "being", "'s", "'re"})
_HAVE = frozenset({"has", "have", "had", "'d"})
#: Words before a name that put it in a phrase, not in the subject (data: lexicon "prepositions").
_PREPOSITIONS = frozenset(LEXICON["prepositions"])
_BEFELL = frozenset(LEXICON["befell_a_place"])
#: Kinds of place too wide to say where one event happened ("in Westmarch").
BIG_PLACES = frozenset({"country", "former-country", "region", "continent"})
_ONE_MONTH = datetime.timedelta(days=31)
#: Words that speak of a person told elsewhere ("arrest him", "their commander").
PERSONAL_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "they", "them", "their"})


def word_before(text: str, pos: int) -> str:
    """The word before a name, looking past "the" and "a": "at the Lornby Forge" gives "at"."""
    import re

    words = re.findall(r"\w+", text[max(0, pos - 30):pos])
    while words and words[-1].lower() in ("the", "a", "an"):
        words.pop()
    return words[-1].lower() if words else ""


#: What ends the phrase a date belongs to, in a source line that dates several things.
_PHRASE_BREAKS = (",", ";", "->", "\u2192")


@dataclass
class Context:
    """One essay being checked against one fact base."""

    fb: FactBase
    aligner: Aligner
    essay: Analysis
    claims: list[Claim]
    policy: AlignmentPolicy
    cache: dict = field(default_factory=dict)  # per fact base, shared by every essay the checker sees
    index: int = 0  # the claim being checked
    people: object = None  # texts -> the spans of people's names in each, when the pipeline can tell
    _aligned: dict = field(default_factory=dict)
    _named: dict[int, set[str]] = field(default_factory=dict)  # id(side) -> the events and laws it names
    _events: dict[int, list[Dated]] = field(default_factory=dict)  # claim index -> its dated events
    _wrong_dates: set[tuple[int, int]] = field(default_factory=set)
    _per_side: dict = field(default_factory=dict)

    def per_side(self, what: str, side: Side, work_out):
        """An answer about one side of a claim, worked out once for the essay (several comparators ask it).
        Only for answers that depend on the side, its claim and the sources alone, never on the narrative."""
        key = (what, id(side))
        if key not in self._per_side:
            self._per_side[key] = work_out()
        return self._per_side[key]

    def named_person(self, m) -> bool:
        """Is an unknown name a person's, by the statistical recogniser read over its sentence? (False where
        the pipeline has none.) Asked only where a verdict turns on it: essays skip the recogniser."""
        clause = self.essay.clause_at(m.start)
        if self.people is None or clause is None:
            return False
        parts = self.essay.clauses_of_sentence(clause.sentence) or [clause]
        lo, hi = parts[0].start, parts[-1].end
        (spans,) = self.people([self.essay.text[lo:hi]])
        return any(a <= m.start - lo < b for a, b in spans)

    # -- alignment ---------------------------------------------------------------------------

    def aligned(self, side: Side) -> list[Alignment]:
        """The facts a side is about, best first (cached per side).

        A side that names an event ("the Lornby Charter", "the Dunmere Riot") is also matched
        with the facts naming it, though they share no other word.
        """
        key = id(side)
        if key not in self._aligned:
            reg = self.fb.registry
            named = any(reg.label(e) in ("EVENT", "OTHER") for e in side.entity_ids)
            self._aligned[key] = self.aligner.align(Features.of_side(side), min_entities=1 if named else 2)
        return self._aligned[key]

    def names_event(self, side: Side, a: Alignment) -> bool:
        """Is the side a named event the fact tells, with nothing else said ("the assembly passed the Charter")?"""
        reg = self.fb.registry
        named = self._named.get(id(side))
        if named is None:  # asked of every fact the side aligns with: its own part once
            named = self._named[id(side)] = {e for e in self.group(side.entity_ids)
                                             if reg.label(e) in ("EVENT", "OTHER")}
        if not named or not named & self.group(a.fact.entity_ids):
            return False
        return (side.words - a.shared) <= _EVENT_VERBS

    def dated_alignments(self, claim: Claim, side: Side) -> list[Alignment]:
        """The side's matches with its dates counted as evidence of which event it tells.

        "On 24 July 1871 the ship came home to Dunmere" is the homecoming the
        sources date to that day, though only one word matches: the day says which event.
        Used to judge names, never the dates themselves; only the best three are ever read (by the swap
        comparator), so with the side's dates only those are made.
        """
        key = ("dated", id(side))
        if key not in self._aligned:
            dates = {k for k in claim.clause.detail_keys(side.start, side.end) if k.startswith("~")}
            feats = Features.of_side(side)
            if dates:
                self._aligned[key] = self.aligner.align(Features(feats.words, feats.entities | dates, feats.implied),
                                                        details=True, floor=DATED_READ)
            else:
                self._aligned[key] = self.detail_alignments(claim, side)
        return self._aligned[key]

    def detail_alignments(self, claim: Claim, side: Side) -> list[Alignment]:
        """The facts to compare a side's dates, numbers and names with.

        Usually the side's own matches; but where one source sentence tells both events of
        the claim ("withdraw the troops from Eastholm before the ones in Dunmere"), the whole claim
        matches it better than either side does, and that sentence is the one to compare with.
        """
        own = self.aligned(side)
        if len(claim.sides) == 1:
            return own
        key = id(claim)
        if key not in self._aligned:
            feats = [Features.of_side(s) for s in claim.sides]
            whole = Features(set().union(*(f.words for f in feats)), set().union(*(f.entities for f in feats)))
            # its best alone decides (for each side: ``own`` differs): the whole answer is made when it is used
            self._aligned[key] = (whole, self.aligner.align(whole, floor=BEST))
        whole, best = self._aligned[key]
        if best and best[0].strong and (not own or best[0].score > own[0].score) \
                and all(self._holds(s, best[0].fact) for s in claim.sides if s.size):
            if ("whole", key) not in self._aligned:
                self._aligned[("whole", key)] = self.aligner.align(whole)
            return self._aligned[("whole", key)]
        return own

    def _holds(self, side: Side, fact: Fact) -> bool:
        """Does the fact tell this side of the claim too (half of its words or more)?

        Words, not names: a swapped name is just what the whole sentence is compared to find.
        """
        words = self.aligner.normalise(side.words)
        if not words:
            return True
        theirs = self.aligner.normalise(set(fact.keys))
        w = self.aligner.weight
        return sum(w(k) for k in words & theirs) >= 0.5 * sum(w(k) for k in words)

    def same_event(self, side: Side) -> list[Alignment]:
        """The facts a side clearly tells: a strong match where the same thing happens, and the close rivals."""
        heading = self._headings(side)
        al = [a for a in self.aligned(side)
              if ((a.strong and a.same_happening(side.verbs, side.words | side.implied_words))
                  or self.names_event(side, a)) and not (heading and self._fact_headings(a.fact) - heading)]
        if not al:
            # "Marsh beat Brook at Dunmere": a fact holding all the side's names and nearly all of it
            # ("Marsh routed Brook at Dunmere") tells its event in another verb
            al = [a for a in self.aligned(side)[:1] if a.strong and a.shared_entities >= 2
                  and a.claim_cov >= self.policy.whole_claim and not side.negated]
        if not al:
            return []
        # A claim that says little ("she died") fits every fact holding all of it about as well:
        # each is a reading; the rival readings are those holding as much of the claim.
        best_cov = max(a.claim_cov for a in al)
        best = al[0].score
        return [a for a in al if a.claim_cov >= self.policy.plausible * best_cov
                and a.score >= self.policy.rival * best]

    def _headings(self, side: Side) -> set[str]:
        """The compass directions the side says something went ("rode west")."""
        toks = self.claims[self.index].clause.tokens if self.index < len(self.claims) else []
        return {_DIRECTIONS[t.lower] for t in toks if side.start <= t.start < side.end and t.lower in _DIRECTIONS}

    def _fact_headings(self, fact: Fact) -> set[str]:
        memo = self.cache.setdefault("headings", {})
        if fact.id not in memo:
            memo[fact.id] = {_DIRECTIONS[t.lower] for r in fact.readings for t in r.clause.tokens
                             if t.lower in _DIRECTIONS}
        return memo[fact.id]

    def tells_an_event(self, side: Side, claim: Claim | None = None) -> bool:
        """Does the side say something happened (a verb of its own, a named event, or its own date)?

        "By then there were about 13 rebels" describes a state: it has no moment to order.
        """
        reg = self.fb.registry
        if any(reg.label(e) in ("EVENT", "OTHER") for e in side.entity_ids) or \
                any(m.resolved and not m.relative for m in side.dates):
            return True
        claim = claim or self.claims[self.index]
        toks = [t for t in claim.clause.tokens if side.start <= t.start < side.end
                and not any(a <= t.start < b for a, b in side.holes)]
        first = next((i for i, t in enumerate(toks) if t.finite), None)
        if first is None:
            return bool(side.verbs)
        verb = toks[first].lower
        if verb not in BE and verb not in _HAVE:
            return True  # "Marsh wrote", "the fire spread", "they got the lease"
        if any(a.lower == "to" and b.pos == "VERB" for a, b in zip(toks[:first], toks[1:first])):
            return True  # "the first man to land was Hale": the landing is told, and who landed
        # "be" and "have" tell an event only as auxiliaries: "was arrested", "had got the lease"
        nxt = next((t for t in toks[first + 1:first + 4] if t.pos not in ("ADV", "PART")), None)
        pairs = list(zip(toks[first + 1:first + 9], toks[first + 2:first + 9]))  # each word after the verb, and the next
        if any(a.lower in ("and", "or") and b.tag == "VBN" for a, b in pairs[:4]):
            return True  # "was amazed and routed": a participle the tagger took for an adjective, then another
        if verb in _HAVE and nxt is not None and nxt.pos in ("NOUN", "DET", "PRON") and any(
                a.pos in ("NOUN", "PROPN", "PRON") and b.tag in ("VBN", "VBD") for a, b in pairs):
            return True  # "had the bridge burnt", "had notices posted": an act caused, not a thing owned
        if nxt is None or nxt.pos not in ("VERB", "AUX") or nxt.tag not in ("VBN", "VBG"):
            return False  # "there were 13 rebels", "he was the first", "they had 30 ships"
        return verb in _HAVE or nxt.lower not in BE

    def anchor_facts(self, side: Side) -> list[Alignment]:
        """The facts an anchor ("after the blockade", "before Hale's speech") can name.

        An anchor is a short phrase, so it is matched by how much of it a fact holds; every
        fact that holds it about as well is a reading the writer may have meant. An anchor that matches no
        fact's words but names a person or an event ("before Hale made her speech",
        "before the Dunmere Riot") can be any dated fact naming it.
        """
        p = self.policy
        if (named := self._event_by_head(side)) is not None:
            # "after the battle", where the sources name one battle: the facts naming it, with their dates
            ids = {f.id for f in named}
            told = [a for a in self.aligner.align(Features(set(), set().union(*(f.entity_ids for f in named))),
                                                  min_entities=1) if a.fact.id in ids]
            if told:
                return told
        keys = side.words | side.implied_words
        al = [a for a in self.aligned(side)
              if a.claim_cov >= p.anchor_claim_cov and (a.shared_words or a.shared_entities >= 2)
              and (a.fact_cov >= p.anchor_fact_share or a.shared_words + a.shared_entities >= 2)
              and a.same_happening(side.verbs, keys) and not self._counts_from(a.fact, keys)]
        if not al:
            # a telling of the anchor's own act by "he" first: any fact naming the person is a looser reading
            if told := self._told_of_by_pronoun(side):
                return told
            if named := self._facts_about_name(side):
                # "Hale's men entered Lornby", where a source says "he entered Lornby": that telling
                # holds the act itself, so it is a reading too, though it lacks the anchor's other words
                return named + [a for a in self._told_of_by_pronoun(side, loose=True) if a not in named]
            return self._visits(side)
        if any(m.label == "PERSON" for m in side.entities) and len(side.words) <= 1:
            # "after Hale's death": a fact that has the word for someone else ("Brook's death
            # warrant") or as a plan ("a scheme to murder Hale") does not tell it
            al = [a for a in al if self._own_act(side, a.fact)]
            if not al:
                return []
        # "before the landing": a fact whose own event is the landing, not one that mentions one in passing,
        # though it tells it with the verb ("Marsh landed")
        headed = [a for a in al if a.shared & self._heads(a.fact)]
        if not headed:
            verbal = self.aligner.align(Features(self.aligner.verbal_forms(side.words), side.entity_ids))
            headed = [a for a in verbal if a.shared & self._heads(a.fact) and a.claim_cov >= p.anchor_claim_cov]
        if headed and len(side.words) == 1 and not side.entity_ids:
            # "a year after the vote", where one source tells a vote with its verb and the other by
            # its count ("Lornby won by 31 votes to 9"): a bare noun may mean either (not a fact that
            # names it only to date something else, "a month after the vote", nor one that asks for
            # it, "called for a truce")
            headed += [a for a in al if a not in headed and self._counts_word(a.fact, side.words)]
        if headed:
            al = headed
        elif len(side.words) == 1 and not side.entity_ids and all(a.fact.verbs for a in al):
            # "after the siege", where every fact holding "siege" tells something else ("a year after the
            # siege"): the anchor's own event is not told in that word, so it cannot be placed
            return []
        best = max(a.claim_cov for a in al)
        top = max(a.score for a in al)
        chosen = [a for a in al if a.claim_cov >= p.plausible * best and a.score >= p.plausible * top]
        reg = self.fb.registry
        named_event = any(reg.label(e) in ("EVENT", "OTHER") for e in side.entity_ids)
        if len(side.words) <= 1 and side.entity_ids and not named_event and not any(a.strong for a in chosen):
            # "after Hale's death": one word says little; every dated fact about her may be the one meant
            seen = {a.fact.id for a in chosen}
            chosen += [a for a in self._facts_about_name(side, ("PERSON",)) if a.fact.id not in seen]
        if any(a.strong and a.claim_cov >= p.whole_claim for a in chosen):
            return chosen  # a fact tells the whole anchor: a reading in other words is another event
        return chosen + self._kindred(side, chosen)

    def _counts_word(self, fact: Fact, words: set[str]) -> bool:
        """Does a telling of the fact count one of the words ("by 31 votes to 9"), outside a phrase that
        dates something by it ("after the 31 votes")? A count of the thing says it took place."""
        for r in fact.readings:
            c = r.clause
            toks = c.tokens
            for i, t in enumerate(toks):
                if t.key in words and i and toks[i - 1].pos == "NUM" \
                        and not TIME_PHRASE.search(c.text[:toks[i - 1].start - c.start]):
                    return True
        return False

    def _event_by_head(self, side: Side) -> list[Fact] | None:
        """The dated facts naming the one event a bare "the <noun>" stands for: "the riot" where the
        sources name the Dunmere Riot (or the Riot of Dunmere) and no other riot. None where they name
        none, or several. Read from the sources' capitals, as the entity finder may not label it."""
        if side.entity_ids:
            return None
        said = re.fullmatch(r"(?:the|that)\s+([a-z]+)", self.essay.text[side.start:side.end].strip(" ,.;:!?").lower())
        if said is None:
            return None
        memo = self.cache.setdefault("event_by_head", {})
        head = said[1]
        if head not in memo:
            h = re.escape(head.capitalize())
            name = re.compile(rf"\b{h}\s+of\s+(?:the\s+)?[A-Z][\w'-]*|\b(?:[A-Z][\w'-]*\s+)+{h}\b")
            bare = re.compile(rf"\b(?:[Tt]he|[Tt]hat)\s+{re.escape(head)}\b")  # "the battle", not "the Battle of"
            told: dict[str, list[Fact]] = {}
            bare_dated = False
            for f in self.fb.facts:
                for r in f.readings:
                    text = r.clause.text
                    for m in name.finditer(text):
                        # the name with a date of its own beside it ("the Dunmere Riot of 3 May 1871"), not
                        # a date the clause gives something else ("the Riot, fought four years earlier")
                        near = any(d.resolved and not d.relative and not d.bound
                                   and abs(d.start - r.clause.start - (m.start() if d.start - r.clause.start > m.start()
                                                                       else m.end())) <= 25
                                   for d in r.clause.dates)
                        told.setdefault(re.sub(r"^(?:The|A|An|At|In|On|After|Before)\s+", "", m[0]), []).append(
                            f if near else None)
                    verb = next((t.start - r.clause.start for t in r.clause.tokens if t.finite), len(text))
                    if f.dates and any(m.start() < verb for m in bare.finditer(text)):
                        bare_dated = True  # "the battle was fought on 22 August": the sources' own word is dated
            names = [n for n in told if n.split()[0] not in ("The", "A", "An")]
            memo[head] = None if bare_dated or len(names) != 1 else \
                [f for f in told[names[0]] if f is not None] or None
        return memo[head] or None

    def _by_names(self, side: Side) -> list[Alignment]:
        """The facts naming the side's people, places or events, matched by the names alone (cached per side)."""
        key = ("names", id(side))
        if key not in self._aligned:
            self._aligned[key] = self.aligner.align(Features(set(), side.entity_ids), min_entities=1)
        return self._aligned[key]

    def _kindred(self, side: Side, chosen: list[Alignment]) -> list[Alignment]:
        """Readings in other words: facts about the anchor's people or places whose act is near in
        meaning to its own ("Dunmere was emptied", "the evacuation of Dunmere began"). Another
        reading only makes a wrong order or gap harder to claim, never easier."""
        names = self.group(side.entity_ids)
        if not names or not side.words:
            return []
        seen = {a.fact.id for a in chosen}
        near: dict[str, bool] = {}  # head word -> near in meaning to one of the anchor's (many facts share heads)

        def close(k: str) -> bool:
            v = near.get(k)
            if v is None:
                v = near[k] = any(w != k and thesaurus.closeness(w, k) >= SAME_MEANING for w in side.words)
            return v

        out = []
        for a in self._by_names(side):
            if a.fact.id in seen or not (self.group(a.fact.entity_ids) & names):
                continue
            if any(close(k) for k in self._heads(a.fact)):
                out.append(a)
        return out

    def _own_act(self, side: Side, fact: Fact) -> bool:
        """Does the fact tell the anchor's act as a thing that happened to the person the anchor
        names? Not as another's ("Brook's death warrant" for Hale's death) nor as a plan ("a
        scheme to murder Hale")."""
        people = self.group({m.entity_id for m in side.entities if m.entity_id and m.label == "PERSON"})
        # ("..., and he resigned in June": "he" is the person the sentence before names first)
        if not people or not (self.group(fact.entity_ids | _implied(fact)) & people):
            return False
        words = self.aligner.normalise(side.words)
        names = {m.text for m in side.entities if m.label == "PERSON"}
        for r in fact.readings:
            toks = r.clause.tokens
            for i, t in enumerate(toks):
                if not t.key or not self.aligner.normalise({t.key}) & words:
                    continue
                if i and toks[i - 1].lower == "to":
                    continue  # "to murder": what was meant to happen
                if i >= 2 and toks[i - 1].lower in ("'s", "\u2019s") and \
                        self.fb.sources[r.source].text[toks[i - 2].start:toks[i - 2].end] not in names:
                    continue  # "Brook's death": someone else's
                return True
        return False

    def _counted_from(self, side: Side, any_act: bool = True) -> list[Dated]:
        """An anchor no source tells but as the event another's date counts from ("on 15 May, the morning
        after the mill was saved, ..."): its time is that date less the gap. Unless ``any_act``, only where
        the source's anchor has the claim's own act ("saved")."""
        from .stated import side_keys, stated_gaps, tells_anchor  # (stated reads the context: imported when first asked)
        main = self._main_side()
        acts = self.aligner.normalise(main.verbs) if main is not None else set()
        mine = side_keys(side, self)
        out: list[Dated] = []
        for s in stated_gaps(self):
            if s.mention.gap is None or s.mention.gap.direction == 0 or not tells_anchor(side, s, self):
                continue
            if not any_act and not set(self.aligner.normalise(set(s.anchor_keys))) & set(acts):
                continue
            if len(mine & s.anchor_keys) < 0.6 * len(mine):
                continue  # most of the anchor must be the source's: one shared word of a long clause is not it
            back = dataclasses.replace(s.mention.gap, direction=-s.mention.gap.direction)
            for d in periods(s.fact):
                out.extend(shifted(d, back))
        return out

    def _main_side(self) -> Side | None:
        """The main side of the claim being checked (None past the last claim)."""
        if self.index >= len(self.claims):
            return None
        return next((s for s in self.claims[self.index].sides if s.role == "main"), None)

    def _counts_from(self, fact: Fact, keys: set[str]) -> bool:
        """Does the fact name the anchor's event as the one its own date counts from ("the chapel was
        not saved until 16 May, two days after the mill"): the anchor's words it lacks in its own
        telling stand in that phrase, so it tells another event."""
        own = set(self.aligner.normalise(set(fact.keys)))
        counted = {k for r in fact.readings for k in r.clause.anchor_keys}
        missing = set(self.aligner.normalise(keys)) - own
        return bool(missing) and missing <= set(self.aligner.normalise(counted))

    def _heads(self, fact: Fact) -> set[str]:
        """The words that say what happened in a fact: its verbs, and the first word of each telling
        (made once per fact)."""
        memo = self.cache.setdefault("heads", {})
        out = memo.get(fact.id)
        if out is None:
            out = set(self.aligner.normalise(set(fact.verbs)))
            for r in fact.readings:
                if r.clause.keys:
                    out |= self.aligner.normalise({r.clause.keys[0]})
            memo[fact.id] = out
        return out

    def _facts_about_name(self, side: Side, labels=("PERSON", "EVENT", "OTHER")) -> list[Alignment]:
        """"Before the Dunmere Riot", "before Hale made her speech": every dated fact naming the event or
        person is a reading the writer may mean."""
        reg = self.fb.registry
        names = {e for e in self.group(side.entity_ids) if reg.label(e) in labels}
        if not names:
            return []
        # a full name ("Ada Hale") is that one person, not another of the surname the group joins
        full = {m.entity_id for m in side.entities if m.entity_id and reg.label(m.entity_id) == "PERSON"
                and len(strip_title(m.text)[1].split()) >= 2}
        return [a for a in self._by_names(side)
                if names <= self.group(a.fact.entity_ids) and full <= a.fact.entity_ids and a.fact.dates]

    def _told_of_by_pronoun(self, side: Side, loose: bool = False) -> list[Alignment]:
        """"After Hale resigned", where a source says "..., and she resigned in June 1905" of the person
        the sentence before names: the facts that tell the anchor's act of a "he" or "she" standing for
        the person it names. ``loose``: any that tell the act with the anchor's own verb."""
        reg = self.fb.registry
        people = self.group({e for e in side.entity_ids if reg.label(e) == "PERSON"})
        if len(people) != 1 or not side.verbs:
            return []
        # (the fact must hold most of the anchor's words: "after Hale died", not one word of a longer phrase)
        least = 1 if loose else max(1, 0.6 * len(side.words))
        return [a for a in self.aligned(side) if a.fact.dates and a.shared_words >= least
                and (not loose or a.fact.verbs & side.verbs)
                and a.same_happening(side.verbs, side.words)
                and ((people & self.group(_implied(a.fact)) and self._own_act(side, a.fact))
                     or (loose and self._of_someone_unnamed(a.fact)))]

    def _of_someone_unnamed(self, fact: Fact) -> bool:
        """Is the fact told of a "he" or "she" the sources leave to the reader, naming no person itself?"""
        reg = self.fb.registry
        return not _implied(fact) and not any(reg.label(e) == "PERSON" for e in fact.entity_ids) \
            and any(t.lower in ("he", "she") for r in fact.readings for t in r.clause.tokens)

    def _says_a_name(self, side: Side, fact: Fact) -> bool:
        """Does a telling of the fact hold one of the side's names word for word, though the tagger did
        not take it for a name there ("an inquiry at Lornby")?"""
        names = [m.text for m in side.entities if m.text[:1].isupper() and len(m.text) > 3]
        return any(re.search(rf"\b{re.escape(n)}\b", r.clause.text) for n in names for r in fact.readings)

    def _speaks_for(self, side: Side, fact: Fact) -> bool:
        """Does the side name, as who acts, a capital whose country the fact names ("Lornby recognised the
        republic" where a source says Westmarch did)? Not a capital after a preposition ("near Lornby")."""
        reg = self.fb.registry
        text = self.essay.text
        for m in side.entities:
            e = reg.entities.get(m.entity_id or "")
            if e is None or not e.capital_of or e.capital_of not in fact.entity_ids:
                continue
            before = re.search(r"(\w+)\W*$", text[max(0, m.start - 20):m.start])
            if before is None or before[1].lower() not in _PLACED_BY:
                return True
        return False

    def _visits(self, side: Side) -> list[Alignment]:
        """"After he came back from Lornby": a person at a place, where "he" or a name says who. Every dated
        fact naming both (one place, one person) is a reading the writer may mean."""
        reg = self.fb.registry
        ids = self.group(side.entity_ids | side.implied_entities)
        places = {e for e in ids if reg.label(e) == "PLACE"}
        people = {e for e in ids if reg.label(e) == "PERSON"}
        if not people and self.index < len(self.claims) and (claim := self.claims[self.index]).start <= side.start < claim.end:
            # "Hale was knighted after she came back from Lornby": "she" is the person the clause names
            people = {e for e in self.group(set().union(*(s.entity_ids for s in claim.sides))) if reg.label(e) == "PERSON"}
        if len(places) != 1 or len(people) != 1:
            return []
        return [a for a in self._by_names(side) if places | people <= self.group(a.fact.entity_ids) and a.fact.dates]

    def dated_events(self, side: Side) -> list[Dated]:
        """Where a side's event lies on the sources' timeline.

        The dates of the facts it plausibly tells; where the essay dates the event itself
        (and that date was not found wrong), the facts that agree with it, or failing those
        the essay's own date: it says best which event the writer means.
        """
        if side.role == "anchor" and side.leans_back:
            return self._told_just_before(side)
        if (elided := self._elided_act(side)) is not None:
            return elided
        if side.role == "anchor" and _POINTS_BACK.fullmatch(self.essay.text[side.start:side.end].strip(" ,.;:")) \
                and (told := self.previous_events(self.index)):
            return told  # "two weeks after this attack": the event the essay has just told
        facts = self.same_event(side) if side.role != "anchor" else self.anchor_facts(side)
        if side.entity_ids and side.role != "anchor":
            # "Marsh attacked Dunmere and burnt thirty ships" is not the burning of ships no source ties to
            # Marsh or Dunmere: an event the claim names people or places for must have one of them
            # (a fact told of "he" counts for the person the "he" stands for)
            facts = [a for a in facts if a.shared_entities or self.names_event(side, a) or self._speaks_for(side, a.fact)
                     or self._says_a_name(side, a.fact) or self.group(side.entity_ids) & self.group(_implied(a.fact))]
        if not facts and side.role != "anchor":
            facts = self._whole_act(side)
        if not facts and side.role != "anchor":
            # "the Lornby Charter had been passed": a named law, battle or treaty is its own event
            facts = self._facts_about_name(side, ("EVENT", "OTHER"))
        if not facts:
            facts = self._befell(side)
        # "picked up passengers at Dunmere" is not the pick-up at Lornby: on the timeline a
        # fact that puts another person or place where the claim has its own is another event
        facts = [a for a in facts if not self.names_differ(side, a.fact)]
        if not side.hypothetical:
            facts = [a for a in facts if not self.only_intended(a.fact)]  # the day a thing was set for is not its day
        found: list[Dated] = []
        for a in facts:
            placed = self._dates_of_names(side, a.fact, periods(a.fact)) or narrated(a.fact, self.fb.sources)
            if not placed and side.role == "anchor" and all(r.clause.negated and not r.clause.dates
                                                            for r in a.fact.readings):
                continue  # "after the siege ended", where a source says it "did not stop at once": no time of it
            if not placed and a.score >= self.policy.undated_rival * facts[0].score \
                    and a.claim_cov >= max(b.claim_cov for b in facts):
                found = []  # the event it most likely tells cannot be placed: nor can the claim
                break
            found.extend(placed)
        if side.role == "anchor" and (not facts or not side.verbs):
            # (an anchor with no verb of its own, "two days after the mill", leaves out the claim's act: the
            # mill's saving, where a source counts from that, says when better than facts naming the mill)
            found = self._counted_from(side, not facts) or found
        if not found and side.role == "anchor" and not side.entity_ids and side.words \
                and re.match(r"(?:the|that)\s", self.essay.text[side.start:side.end].strip().lower()):
            # "two days after the fair", where the sources place no fair but the essay told one: its telling
            found = self._told_just_before(side)
        # "in 1667" and "in February 1667" for one event: the precise telling says when (as within a fact)
        found = [d for d in found if not any(o.period != d.period and d.period[0] <= o.period[0]
                                             and o.period[1] <= d.period[1] for o in found)]
        told = [m for m in side.dates if m.resolved and not m.bound and not m.relative
                and (m.start, m.end) not in self._wrong_dates]
        if not told:
            return found
        # "6 September" with its year guessed from the essay's last year: it picks a fact by what it
        # says (day and month); only a date stated whole stands in for a fact the sources do not date
        agreeing = [d for d in found if any(agree(d.value, m.claimed) for m in told)]
        own = [d for m in told if m.kind == "absolute" for d in stated(m.value)]
        return agreeing or own or [d for d in found if all(agree(d.value, m.claimed) is not False for m in told)]

    def _whole_act(self, side: Side) -> list[Alignment]:
        """"They landed at Lornby", where a long source sentence tells the landing and names the place in
        another of its clauses: a fact holding the whole side, its own verb and every name, tells its
        event, though what they share is a small part of the fact. Each such fact is a reading."""
        if side.negated or side.hypothetical or not side.verbs:
            return []
        ids = self.group(side.entity_ids)
        keys = side.words | side.implied_words
        p = self.policy
        # ("the shelling started", where a source says only that and its date, naming no one: each holds all
        # of the other's words, though the date the claim leaves out is most of the fact)
        # (a name the fact tells only by its "he" counts as held: "Hale was seized" and "he was seized at Kell")
        return [a for a in self.aligned(side) if self._claim_cov_with_implied(side, a) >= p.named_claim
                and a.same_happening(side.verbs, keys)
                and ((ids and side.verbs & a.shared and ids <= self.group(a.fact.entity_ids | _implied(a.fact)))
                     or (not ids and a.shared_words and not a.fact.entity_ids and set(a.fact.keys) <= keys))]

    def _claim_cov_with_implied(self, side: Side, a: Alignment) -> float:
        """The share of the side the fact holds, counting the names it tells only by a pronoun as held."""
        missing = self.group(side.entity_ids) - self.group(a.fact.entity_ids)
        if not missing or not a.claim_weight or not missing <= self.group(_implied(a.fact)):
            return a.claim_cov
        return a.claim_cov + sum(self.fb.weight(f"@{g}") for g in missing) / a.claim_weight

    def _befell(self, side: Side) -> list[Alignment]:
        """"The battle at Lornby", "Lornby fell": a side that says only that something befell one place (not
        a country or a region) is what the sources tell there, where every dated fact naming the place falls
        within one month of the story. Each is a reading; places told at different times give none."""
        reg = self.fb.registry
        if side.negated or side.hypothetical or side.implied_entities or not side.words or side.words - _BEFELL:
            return []
        ids = self.group(side.entity_ids)
        if any(reg.label(e) == "PERSON" for e in ids):
            return []
        places = {e for e in ids if reg.label(e) == "PLACE" and (reg.entities[e].kind or "") not in BIG_PLACES}
        if len(places) != 1 or self.index >= len(self.claims):
            return []
        # the word says what befell the place: "the battle at Lornby" (the word, then the place after "at",
        # "of" or "in") or "Lornby fell" (the place, then its verb); not "after Lornby, to defeat Hale"
        toks = [t for t in self.claims[self.index].clause.tokens if side.start <= t.start < side.end]
        at = [i for i, t in enumerate(toks) for m in side.entities
              if m.start == t.start and m.entity_id and self.group({m.entity_id}) & places]
        said = [i for i, t in enumerate(toks) if t.key in _BEFELL]
        text = self.essay.text
        if not at or not said or not any(
                (0 < i - j <= 4 and word_before(text, toks[i].start) in LOCATIVE | {"of"})
                or (0 < j - i <= 4 and toks[j].finite) for i in at for j in said):
            return []
        told = [a for a in self._by_names(side) if places <= self.group(a.fact.entity_ids) and a.fact.dates]
        spans = [d.interval() for a in told for d in a.fact.dates]
        if not told or any(iv is None for iv in spans) or max(e for _, e in spans) - min(s for s, _ in spans) > _ONE_MONTH:
            return []
        return told

    def _elided_act(self, side: Side) -> list[Dated] | None:
        """An anchor that is only a person ("Hale died two months before Ned Brook") or a place leaves out the act,
        which is the claim's own: the times the sources give that person doing it. None where the anchor
        says its act, or the sources never tell the person doing the claim's act (then the anchor is read
        as any other)."""
        reg = self.fb.registry
        labels = {reg.label(e) for e in side.entity_ids}
        # (or only a place, "reached Lornby a week after Dunmere": the times the sources give that act there)
        if side.role != "anchor" or side.words or not side.entity_ids or self.index >= len(self.claims) \
                or not (labels == {"PERSON"} or (labels == {"PLACE"} and len(side.entity_ids) == 1)):
            return None
        toks = [t for t in self.claims[self.index].clause.tokens if side.start <= t.start < side.end]
        main = self._main_side()
        if any(t.finite for t in toks) or main is None or not main.verbs:
            return None
        out: list[Dated] = []
        for f in self.facts_naming(self.group(side.entity_ids)):
            if any(v == w or thesaurus.closeness(v, w) >= 1 for v in main.verbs for w in f.verbs):
                out.extend(self._dates_of_names(side, f, periods(f)))
        return out or None

    def _dates_of_names(self, side: Side, fact: Fact, placed: list[Dated]) -> list[Dated]:
        """Of a fact's several dates, those that go with the names the side gives.

        "Brook (March 1872), Marsh (October 1872), Hale (December 1872)": a claim about
        Hale is dated by the phrase that names her, not by the others'.
        """
        ids = self.group(side.entity_ids)
        if len({d.value for d in placed}) < 2:
            return placed
        words = self.aligner.normalise(set(side.words))
        if not ids and not words:
            return placed
        keep = []
        for r in fact.readings:
            c = r.clause
            text = self.fb.sources[r.source].text
            for m in c.dates:
                if m.value is None:
                    continue
                lo = max([c.start] + [text.rfind(ch, c.start, m.start) + len(ch) for ch in _PHRASE_BREAKS])
                his = [i for ch in _PHRASE_BREAKS if (i := text.find(ch, m.end, c.end)) >= 0]
                hi = min(his, default=c.end)
                if self.group({e.entity_id for e in c.entities if e.entity_id and lo <= e.start < hi}) & ids:
                    keep.append(m.value)
                elif words and self.aligner.normalise({t.key for t in c.tokens if t.key and lo <= t.start < hi}) & words:
                    # a list of three or more dated events ("the fire (2 May) -> the flood (9 May)"): the
                    # date beside the side's own words
                    keep.append(m.value)
        chosen = [d for d in placed if d.value in keep]
        return chosen or placed

    def names_differ(self, side: Side, fact: Fact) -> bool:
        """Do the side and the fact each name a person (or each a place where something happened) the
        other does not? A place counts only after a preposition of place: "the Eastholm army camps"
        says whose, not where."""
        reg = self.fb.registry
        text = self.essay.text
        mine_people = self.group({m.entity_id for m in side.entities if m.entity_id and m.label == "PERSON"}
                                 | side.implied_entities)
        mine_places = self.group({m.entity_id for m in side.entities if m.entity_id and reg.label(m.entity_id) ==
                                  "PLACE" and word_before(text, m.start) in LOCATIVE})
        theirs_people, theirs_places, everyone = self._named_in(fact)
        mine_all = self.group(side.entity_ids | side.implied_entities)
        return bool((mine_people - everyone) and (theirs_people - mine_all)) or \
            bool((mine_places - everyone) and (theirs_places - mine_all))

    def _named_in(self, fact: Fact) -> tuple[set[str], set[str], set[str]]:
        """The people a fact names, the places it puts something at, and every name it holds (as groups);
        made once per fact, for every side of every essay that is compared with it."""
        memo = self.cache.setdefault("named_in", {})
        kept = memo.get(fact.id)
        if kept is None:
            reg = self.fb.registry
            people, places = set(), set()
            for r in fact.readings:
                src = self.fb.sources[r.source].text
                for m in r.clause.entities:
                    if not m.entity_id:
                        continue
                    if reg.label(m.entity_id) == "PERSON":
                        people |= self.group({m.entity_id})
                    elif reg.label(m.entity_id) == "PLACE" and word_before(src, m.start) in LOCATIVE:
                        places |= self.group({m.entity_id})
            kept = memo[fact.id] = (people, places, self.group(fact.entity_ids))
        return kept

    # -- the narrative -----------------------------------------------------------------------

    def record(self, index: int, claim: Claim, findings: list[Finding]) -> None:
        """Remember where a checked claim's events lie, for the claims that count from them."""
        for f in findings:
            if f.kind == "date" and f.verdict == "contradicted":
                self._wrong_dates.add((f.start, f.end))
        # The time the essay has reached: the claim's own events ("who had been president since 1868" is
        # not when it happened, nor is the anchor of "two days after the explosion"), else the time
        # its gap puts it at, else the anchor it was ordered against.
        events: list[Dated] = []
        mains = [s for s in claim.sides if not s.hypothetical and s.role == "main"]
        placed = [self.dated_events(s) for s in mains]
        for p in placed:
            events.extend(p)
        last = max(range(len(mains)), key=lambda i: mains[i].start, default=None)
        if events and last is not None and len(mains) > 1 and mains[last].verbs and not placed[last] \
                and not any(m.resolved and not m.relative for m in mains[last].dates):
            # "X on 3 April, and a month after that the mill reopened": the story has reached an event the
            # sources do not let us place, and a "two weeks later" after it counts from that, not from X
            self._events[index] = []
            return
        if not events and any(f.kind == "relative_date" and f.verdict == "supported" for f in findings):
            # the time its gap puts it at, only when the sources bear the gap out: a later "that same
            # evening" is not to be judged against a day the student worked out wrongly
            events = self._derived(index, claim)
        if not events and not claim.gaps:
            # (not where the claim puts its event a gap away from the anchor: "Hale died a month after they
            # reached Lornby" has reached a time a month on, which the sources do not let us place)
            for s in claim.sides:
                if s.role == "anchor":
                    events.extend(self.dated_events(s))
        if events or claim.clause.dates:
            self._events[index] = events  # a claim with a date we cannot place still ends the look back

    def _told_just_before(self, side: Side) -> list[Dated]:
        """Where an anchor told by a pronoun ("a month after she landed", "a week after his trial") lies:
        where the essay's own telling of that act lies, the nearest earlier claim (as far back as "then"
        reaches) whose event has one of the anchor's words (in the sources' terms), if the essay placed it.
        Nothing where it told none: "she" may be anyone."""
        words = self.aligner.normalise(side.words)
        for j in range(self.index - 1, max(self.index - 1 - NARRATIVE_REACH, -1), -1):
            told = [s for s in self.claims[j].sides if s.role == "main" and not s.hypothetical and not s.negated]
            if any(self.aligner.normalise(s.words | s.verbs) & words for s in told):
                return self._events.get(j, [])
        return []

    def _unplaced_event_before(self, index: int) -> bool:
        """Does the claim just before, in the same sentence, tell an event (a finite verb of its own)?"""
        prev, here = self.claims[index - 1], self.claims[index]
        if prev.clause.sentence != here.clause.sentence:
            return False
        return any(s.role == "main" and s.size and not s.hypothetical and self.tells_an_event(s, prev) for s in prev.sides)

    def _derived(self, index: int, claim: Claim) -> list[Dated]:
        """"That evening she stopped at Dunmere": an event placed only by its gap from the one before."""
        out: list[Dated] = []
        for g in claim.gaps:
            gap = g.mention.gap
            if gap is None or gap.high is None:
                continue
            anchors = self.dated_events(claim.sides[g.anchor]) if g.anchor is not None else \
                self.previous_events(index)
            for a in anchors:
                out.extend(shifted(a, gap))
        return out

    def previous_events(self, index: int) -> list[Dated]:
        """What "then", "that evening" or "two days later" counts from: the event told just before.

        Every reading of it: the dated events of the nearest earlier claim that has any, and
        the day the essay itself last named (a reader counts "that evening" from the day the
        essay is telling, whichever event of it came last).
        """
        out: list[Dated] = []
        if index >= 1 and (index - 1) not in self._events and self._unplaced_event_before(index):
            # "The news was printed on the coronation morning, and within days ...": the clause before, in
            # the same sentence, tells an event the sources do not let us place; it is what the gap counts from
            return []
        for j in range(index - 1, max(index - 1 - NARRATIVE_REACH, -1), -1):
            if j in self._events:
                # every event of that claim's sentence: which of them "then" follows is the writer's
                sentence = self.claims[j].clause.sentence
                for k in range(j, -1, -1):
                    if self.claims[k].clause.sentence != sentence:
                        break
                    out.extend(self._events.get(k, []))
                break
        start = self.claims[index].start if index < len(self.claims) else len(self.essay.text)
        told = next((m for m in reversed(self.essay.dates) if m.end <= start and m.resolved and not m.bound
                     and not m.relative and (m.start, m.end) not in self._wrong_dates), None)
        if told is not None and out:
            out.extend(stated(told.value))
        return out

    # -- findings ----------------------------------------------------------------------------

    def finding(self, criterion: str, verdict: str, kind: str, start: int, end: int, fact: Fact | None,
                reason: str, expected: str | None = None, others: tuple[Fact, ...] = (),
                evidence: list[Evidence] | None = None, **params) -> Finding:
        evidence = list(evidence or []) + (fact.sentence_evidence(self.fb.sources) if fact is not None else [])
        for o in others:
            evidence += o.sentence_evidence(self.fb.sources)
        params.setdefault("where", where(evidence, self.fb.sources))
        return Finding(criterion, verdict, kind, start, end, self.essay.text[start:end], expected, reason, params,
                       evidence, fact.id if fact else None)

    def only_intended(self, fact: Fact) -> bool:
        """Is every telling of the fact a plan, hope or attempt ("hoped to rescue 4,000 men")? What
        happened may differ from it in amount and day without either being wrong."""
        memo = self.cache.setdefault("only_intended", {})
        if fact.id not in memo:
            memo[fact.id] = all(intended(r.clause) for r in fact.readings)
        return memo[fact.id]

    def subject_is_a_stranger(self, claim: Claim, side: Side) -> bool:
        """Does the side's subject name something no source names ("Lady Oda Fenn died in 1890",
        "the Eastholm Ferry Quay was finished in 1902", where the sources know neither)? Its dates and numbers
        are not the sources' to judge: a fact about another person or thing does not correct them.

        A name of two words or more, at least one of them a capitalised word the sources never use,
        nor one spelt like it: a misspelt name ("Ned Broook") is the sources' own person.
        """
        toks = [t for t in claim.clause.tokens if side.start <= t.start < side.end]
        verb = next((t.start for t in toks if t.finite), side.end)
        text = self.essay.text
        for m in side.entities:
            if m.start >= verb or m.entity_id or word_before(text, m.start) in _PREPOSITIONS:
                continue  # after the verb, a name the sources know, or in a phrase ("at the Lornby Forge")
            run = re.search(r"(?:[A-Z][\w'-]*\s+)*$", text[max(0, m.start - 40):m.start])
            after = re.match(r"(?:\s+[A-Z][\w'-]*)*", text[m.end:m.end + 40])
            words = ((run[0] if run else "") + text[m.start:m.end] + (after[0] if after else "")).split()
            words = [w for w in words if w not in ("The", "A", "An") and not is_title(w)] if len(words) >= 2 else []
            if any(w[:1].isupper() and self._new_word(w) for w in words):
                return True
        return False

    def told_of_an_unnamed_other(self, claim: Claim, side: Side, fact: Fact) -> bool:
        """Is the side's subject a person it names ("Hale died in 1890") and the fact told of a "he" or
        "she" the sources never name ("... his widow was left penniless; she died the next winter")?
        Then the fact is another person's act: its date or count does not correct the claim's."""
        if not self._of_someone_unnamed(fact):
            return False
        if not all(subject_says(r.clause, r.clause.start, r.clause.end, frozenset({"he", "she"}))
                   for r in fact.readings):
            return False
        toks = [t for t in claim.clause.tokens if side.start <= t.start < side.end]
        verb = next((t.start for t in toks if t.finite), side.end)
        text, reg = self.essay.text, self.fb.registry
        # (not one named as whose: "Hale's widow died" may well be the fact's "she")
        return any(m.start < verb and word_before(text, m.start) not in _PREPOSITIONS
                   and not re.match(r"['’]s?\b", text[m.end:m.end + 2])
                   and (m.label == "PERSON" or (m.entity_id and reg.label(m.entity_id) == "PERSON"))
                   for m in side.entities)

    def names_something_new(self, name: str) -> bool:
        """Does a name the registry does not know hold a capitalised word the sources never use (nor one
        spelt like it), other than a title? "The Westmarch Guard" where the sources say "the Guard of
        Westmarch", or "the Mayor", names nothing new; "the Lornby Lighthouse" does."""
        return any(w[:1].isupper() and not is_title(w) and self._new_word(w)
                   for w in re.findall(r"[\w'’-]+", name) if w not in ("The", "A", "An"))

    def _new_word(self, word: str) -> bool:
        """Is the capitalised word one the sources never use, nor spell alike?"""
        known = self.cache.get("capitalised")
        if known is None:
            known = self.cache["capitalised"] = {w for src in self.fb.sources.values()
                                                 for w in re.findall(r"\b[A-Z][\w'-]*", src.text)}
        return word not in known and not any(spelt_alike(word, k) for k in known)

    def sources_mention(self, name: str) -> bool:
        """Do the sources use this name anywhere, as a whole word in any case?"""
        pattern = re.compile(rf"\b{re.escape(name)}\b", re.I)
        return any(pattern.search(src.text) for src in self.fb.sources.values())

    def group(self, ids: set[str]) -> set[str]:
        return self.aligner.group(ids)

    # -- facts by what they hold (indexes made once per fact base, in the fact base's order) ---

    def facts_naming(self, groups: set[str]) -> list[Fact]:
        """The facts naming any of these entity groups (``group`` ids)."""
        idx = self.cache.get("facts_by_group")
        if idx is None:
            idx = self.cache["facts_by_group"] = {}
            for n, f in enumerate(self.fb.facts):
                for g in self.group(f.entity_ids):
                    idx.setdefault(g, []).append(n)
        return [self.fb.facts[n] for n in sorted({n for g in groups for n in idx.get(g, ())})]

    def quantities_like(self, q: Quantity) -> list[tuple[Fact, Quantity]]:
        """Every amount of the sources ``comparable`` with q, with its fact."""
        key = kind_key(q)
        if key is None:
            return []
        idx = self.cache.get("quantities_by_kind")
        if idx is None:
            idx = self.cache["quantities_by_kind"] = {}
            for f in self.fb.facts:
                for fq in f.quantities:
                    if (k := kind_key(fq)) is not None:
                        idx.setdefault(k, []).append((f, fq))
        return idx.get(key, [])

    def facts_dated(self, value: str) -> list[Fact]:
        """The facts that give this very date ("1871-05-02"); for a day without its year
        ("XXXX-05-02", "on 2 May"), those that give that day of any year."""
        idx = self.cache.get("facts_by_date")
        if idx is None:
            idx = self.cache["facts_by_date"] = {}
            for f in self.fb.facts:
                for d in {d.value for d in f.dates}:
                    idx.setdefault(d, []).append(f)
                    if re.fullmatch(r"\d{4}-\d\d-\d\d", d):
                        idx.setdefault("XXXX" + d[4:], []).append(f)
        return idx.get(value, [])

    def facts_in_sentence(self, source: str, sentence: int) -> list[Fact]:
        """The facts one of whose readings lies in that sentence of that source."""
        idx = self.cache.get("facts_by_sentence")
        if idx is None:
            idx = self.cache["facts_by_sentence"] = {}
            for n, f in enumerate(self.fb.facts):
                for r in f.readings:
                    idx.setdefault((r.source, r.sentence), []).append(n)
        return [self.fb.facts[n] for n in sorted(set(idx.get((source, sentence), ())))]


#: Words before a name that say where, not who: "near Lornby", "the court of Lornby".
_PLACED_BY = LOCATIVE | {"of", "near", "by", "on"}


def subject_says(clause, start: int, end: int, words: frozenset[str]) -> bool:
    """Does one of ``words`` come before the first finite verb of the clause's stretch [start, end)?"""
    toks = [t for t in clause.tokens if start <= t.start < end]
    first = next((i for i, t in enumerate(toks) if t.finite), len(toks))
    return any(t.lower in words for t in toks[:first])


#: An anchor that points back at the event just told: "this attack", "that decision", "these talks".
_POINTS_BACK = re.compile(r"(?:this|that|these|those)\s+[a-z]+(?:\s+[a-z]+)?", re.I)


def _implied(fact: Fact) -> set[str]:
    """Whom the fact's "he" stands for, in any of its tellings (see analysis)."""
    return set().union(*(r.clause.implied_entities for r in fact.readings))


def describe(v: TimeValue | None) -> str:
    """A date as a person writes it: "14 March 1871", "April 1872", "the early 1870s", "1871 to 1874"."""
    if v is None:
        return "an unknown date"
    if v.granularity == "range" and v.parts:
        a, b = v.parts
        if a.granularity == "day" and b.granularity == "day" and (a.year, a.month) == (b.year, b.month):
            return f"{a.day} to {describe(b)}"
        return f"{describe(a)} to {describe(b)}"
    mod = {"START": "early ", "MID": "mid-", "END": "late "}.get(v.mod or "", "")
    year = str(v.year) if v.year is not None else ""
    if v.granularity == "day":
        return " ".join(x for x in (str(v.day), _MONTHS[v.month - 1] if v.month else "", year) if x)
    if v.granularity == "month":
        return f"{mod}{_MONTHS[v.month - 1]} {year}".strip() if v.month else year
    if v.granularity == "season":
        return f"{mod}{_SEASONS[v.season]} {year}".strip()
    if v.granularity == "year":
        return f"{mod}{year}"
    if v.granularity == "decade":
        return f"the {mod}{v.decade}s"
    if v.granularity == "century":
        n = v.century // 100 + 1
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"the {mod}{n}{suffix} century"
    return v.value


_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]
_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
