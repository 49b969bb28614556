"""Alignment: which facts of the sources a claim (or one side of it) is about, and how closely.

A claim and a fact are compared by the weighted overlap of their content words and
entities, rare words weighing more (inverse document frequency over the facts).
Every threshold that turns an overlap into a judgement lives in one named
``AlignmentPolicy``, so that a change of policy is one visible edit.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from math import fsum

from .analysis import Clause
from .factbase import Fact, FactBase
from . import thesaurus
from .lexicon import LEXICON

_ASPECTUAL = frozenset(LEXICON["aspectual"])
_ENDING = frozenset(LEXICON["aspect_end"])
_BEGINNING = frozenset(LEXICON["aspect_begin_acts"])
#: How near in meaning two words must be to tell one happening: a common sense of their own shared, not only a
#: broader one (thesaurus.closeness): "empty" and "evacuate", not "hang" and "behead"
SAME_MEANING = 4
_SUFFIXES = sorted(LEXICON["derivations"], key=len, reverse=True)
_THING_SUFFIXES = ("ing", "ings", "er", "ers")


def _derived_forms(word: str) -> list[str]:
    """Words that differ from ``word`` only by a derivational suffix: "landing" and "land", "arrive" and "arrival"."""
    out = []
    for suf in _SUFFIXES:
        if word.endswith(suf) and len(word) - len(suf) >= 3:
            stem = word[: -len(suf)]
            out += [stem, stem + "e"]
            if len(stem) >= 4 and stem[-1] == stem[-2]:
                out.append(stem[:-1])  # "planning" -> "plan"
    for suf in _SUFFIXES:
        base = word[:-1] if word.endswith("e") else word
        out += [word + suf, base + suf]
    return out


@dataclass(frozen=True)
class AlignmentPolicy:
    """The thresholds of alignment, named. Shares are of IDF weight (0..1)."""

    strong_dice: float = 0.34  # overlap of two texts that tell the same event
    weak_dice: float = 0.22  # the least overlap at which a fact is worth comparing at all
    whole_fact: float = 0.8  # share of a fact a claim that names it whole holds
    whole_claim: float = 0.75  # share of a claim found in a fact that tells all of it
    named_claim: float = 0.85  # the same, for a claim that shares a name with the fact
    specific_content: float = 0.4  # share of the fact's own words a claim must name to compare details
    cover_fraction: float = 0.5  # share of a fact an essay must tell to cover it
    cover_least: float = 0.2  # the least score at which the event a clause is most about counts as told
    cover_rival: float = 0.6  # another event this close to the best is told too
    cover_events: int = 3  # the most events one clause can tell
    cover_names: int = 2  # names, numbers and dates shared that tell an event without a shared word
    near_best: float = 0.6  # a fact scoring this share of the best is a rival reading
    plausible: float = 0.7  # a rival close enough that the claim may mean it instead
    rival: float = 0.5  # the least score, as a share of the best, of a reading that holds as much of the claim
    undated_rival: float = 0.9  # an undated reading this close to the best leaves the claim's time unknown
    anchor_claim_cov: float = 0.6  # share of an anchor's words a fact must hold to be that anchor
    anchor_fact_share: float = 0.15  # a one-word anchor must be a fair part of the fact it names
    number_claim_cov: float = 0.3  # share of a claim a fact must hold for its number to correct the claim's


POLICY = AlignmentPolicy()

#: The least dice of a ``strong`` alignment that does not hold the whole fact (its weakest clause, a
#: named claim told nearly whole); a floor that keeps every strong alignment keeps this dice.
STRONG_LEAST_DICE = 0.2


@dataclass(frozen=True)
class Floor:
    """What a caller can ever read of an answer: the facts below it are never made into Alignments.

    A fact is kept when any test holds: it is among the ``top`` best; its best reading reaches the
    ``score``, ``dice`` or ``fact_cov`` given; or, with ``named``, one of its readings names something
    the claim names and its best reading shares two words or names with the claim. What is kept
    comes in the order of the whole answer, so a kept answer is the whole one with the rest left out.
    Only a caller that provably reads nothing else may pass one (each says why where it does):
    a claim's cost is then the sums over its candidates, not an object for each of them.
    """

    top: int = 0
    score: float = float("inf")
    dice: float = float("inf")
    fact_cov: float = float("inf")
    named: bool = False


#: For a caller that reads only the fact a claim is most about.
BEST = Floor(top=1)


def _sum(xs: list[float]) -> float:
    """``fsum`` of a list, skipped where it cannot differ: one number, or two (the exactly rounded sum
    of two floats is their plain sum)."""
    n = len(xs)
    if n == 1:
        return xs[0]
    if n == 2:
        return xs[0] + xs[1]
    return fsum(xs) if n else 0.0


@dataclass
class Features:
    """The words and entities of a claim or a stretch of one."""

    words: set[str]
    entities: set[str]
    implied: set[str] = field(default_factory=set)  # what a pronoun stands for: counts only where a fact has it

    @classmethod
    def of(cls, clause: Clause, start: int | None = None, end: int | None = None,
           exclude: tuple[int, int] | None = None, anchor: bool = False, details: bool = False,
           heads: bool = False) -> "Features":
        """The clause's own event, or with ``anchor`` the event a relative date in it names."""
        lo = clause.start if start is None else start
        hi = clause.end if end is None else end
        anchors = [m.anchor_span for m in clause.dates if m.anchor_span]
        in_anchor = lambda a: any(s <= a < e for s, e in anchors)  # noqa: E731
        inside = lambda a: (lo <= a < hi and not (exclude and exclude[0] <= a < exclude[1])  # noqa: E731
                            and in_anchor(a) == anchor)
        spans = clause.anchor_keys if anchor else clause.key_spans
        words = {k for k, (a, _) in spans.items() if inside(a)}
        ents = {m.entity_id for m in clause.entities if m.entity_id and inside(m.start)}
        if not anchor and start is None and end is None:
            ents |= clause.implied_entities
        if details:
            # Numbers and dates say which fact is told (coverage); never used to judge them. So do, with
            # ``heads``, the common nouns heading names ("the guild" for "the Lornby Guild").
            ents |= clause.detail_keys(lo, hi)
        if heads:
            words |= {k for k, (a, _) in clause.head_keys.items() if inside(a)}
        return cls(words, ents)

    @classmethod
    def of_side(cls, side) -> "Features":
        """A claim's side, with what its pronouns stand for.

        "The blockade began" is about the blockade: a word that only says an event began
        is left out when the side names the event itself.
        """
        words = set(side.words)
        if words - _ASPECTUAL:
            words -= _ASPECTUAL
        implied = (side.implied_entities - side.entity_ids) | {f"~{w}" for w in side.implied_words - words}
        return cls(words, side.entity_ids, implied)


@dataclass(slots=True)
class Alignment:
    """How well a claim matches one fact (made by the thousand per essay: slots, and the score kept)."""

    fact: Fact
    dice: float
    claim_cov: float  # share of the claim's weight found in the fact
    fact_cov: float  # share of the fact's weight found in the claim
    content_cov: float  # share of the fact's non-entity words found in the claim
    shared_words: int
    shared_entities: int = 0
    fact_weight: float = 0.0
    claim_weight: float = 0.0
    shared: frozenset = field(default_factory=frozenset)  # the words both hold
    policy: AlignmentPolicy = POLICY
    score: float = field(init=False)

    def __post_init__(self) -> None:
        # A short claim told wholly inside a long fact is about that fact, though their overlap is small.
        self.score = 0.5 * self.dice + 0.3 * self.claim_cov + 0.2 * self.fact_cov

    @property
    def strong(self) -> bool:
        """Clearly about the same event: several shared words, the whole fact, or the whole claim."""
        p = self.policy
        return (self.shared_words >= 2 and self.dice >= p.strong_dice) or \
            (self.shared_words >= 1 and self.fact_cov >= p.whole_fact) or \
            (self.shared_words >= 1 and self.shared_entities >= 1 and self.claim_cov >= p.whole_claim
             and self.dice >= 0.3) or \
            (self.shared_words >= 2 and self.shared_entities >= 1 and self.claim_cov >= p.named_claim
             and self.dice >= STRONG_LEAST_DICE)

    def same_happening(self, verbs: set[str], keys) -> bool:
        """The claim and the fact say the same thing happened, not just name the same things.

        "Hale began the siege of Lornby" and "the siege was lifted" share a word but not an event.
        A fact or claim with no verb of its own (a heading) is judged by its words alone.
        """
        fact_verbs = self.fact.verbs
        said, told = set(keys), set(self.fact.keys)
        if (said & _ENDING and told & _ASPECTUAL and not said & _ASPECTUAL) or \
                (said & _ASPECTUAL and told & _ENDING and not said & _ENDING):
            return False  # "finished in November", "construction began in June": two moments of one thing
        if not fact_verbs or not verbs:
            return True
        if (verbs <= _ASPECTUAL and fact_verbs & (_ASPECTUAL | _BEGINNING)) or \
                (fact_verbs <= _ASPECTUAL and verbs & (_ASPECTUAL | _BEGINNING)):
            return True  # "started an inquiry" and "opened an inquiry": one beginning, named by the noun
        # a verb of one told as a noun or participle in the other ("elected", "the election") still meets,
        # and so does a verb sharing a common meaning with one of the other's ("found" and "located")
        return bool(fact_verbs & set(keys)) or bool(verbs & set(self.fact.keys)) or \
            any(thesaurus.closeness(v, w) >= SAME_MEANING for v in verbs for w in fact_verbs)

    @property
    def specific(self) -> bool:
        """The claim names enough of the fact's own words to compare its details."""
        return self.content_cov >= self.policy.specific_content or self.claim_cov >= self.policy.whole_claim


#: How many alignments an aligner keeps; the store is emptied when full. Each answer takes about
#: 3.5 KB, and memory a process has once used it keeps: 20,000 answers made a long-running worker
#: grow by some 70 MB over its first 4,000 essays; 2,000 keep it within about 7 MB, checking about
#: 3% slower (measured on 1,200 default-pack essays).
_ANSWERS_KEPT = 2_000
#: How many words' readings ("landed" as "land") an aligner keeps: a short string each.
_WORDS_KEPT = 20_000


class Aligner:
    """Finds the facts a claim is about, through an index from each word and entity to the facts holding it."""

    def __init__(self, fb: FactBase, policy: AlignmentPolicy = POLICY):
        self.fb = fb
        self.policy = policy
        self.groups = fb.registry.clusters()
        self._canon = self._canonical_words()
        # (not a word the sources only write as part of a name: a river named after an animal says nothing
        # of the animal)
        common = {t.key for f in fb.facts for r in f.readings for t in r.clause.tokens
                  if t.key and t.tag not in ("NNP", "NNPS")}
        self._by_meaning: dict[str, set[str]] = {}
        for k in set(self._canon.values()) & common:
            for m in thesaurus.related(k):
                self._by_meaning.setdefault(m, set()).add(k)
        self._weights, self._unknown = self._reweigh()
        self._rows, self._index = self._table(details=False)
        self._rows_details, self._index_details = self._table(details=True)
        self._rows_cover, self._index_cover = self._table(details=True, heads=True)
        self._vocabulary = frozenset(self._canon) | frozenset(self._canon.values())
        self._answers: dict[tuple, list[Alignment]] = {}
        self._said: dict[str, str] = {}  # an essay's word -> the sources' word it stands for

    def forget(self) -> None:
        """Empty the stores of answers and word readings, as a new aligner has them: a benchmark that
        times a new essay must not be answered from an earlier check of the same words."""
        self._answers.clear()
        self._said.clear()

    def _canonical_words(self) -> dict[str, str]:
        """Words of the sources that differ only by a suffix that names an event, as one ("arrival", "arrive").

        "-ing" and "-er" words are left apart: "buildings" are things, not the act of building.
        """
        known = {k for f in self.fb.facts for k in f.keys}
        canon: dict[str, str] = {}
        for k in sorted(known, key=len):
            if k in canon:
                continue
            canon[k] = k
            for d in _derived_forms(k):
                if d in known and d not in canon and not d.endswith(_THING_SUFFIXES):
                    canon[d] = k
        return canon

    def _reweigh(self) -> tuple[dict[str, float], float]:
        """IDF weights over the facts, with related words counted as one."""
        import math
        from collections import Counter

        df: Counter = Counter()
        for f in self.fb.facts:
            df.update({self._canon.get(k, k) for k in f.keys}
                      | {f"@{self.groups.get(i, i)}" for i in f.entity_ids} | {f"@{k}" for k in f.detail_keys})
        n = max(len(self.fb.facts), 1)
        return {k: math.log(1 + n / c) for k, c in df.items()}, math.log(1 + n)

    def normalise(self, words: set[str]) -> set[str]:
        """A claim's words as the sources say them: a word the sources never use counts as the one they do
        use that differs only by a derivational suffix ("the landing", "Marsh landed") or, failing that,
        that shares a meaning with it in WordNet ("shut down", "closed")."""
        out = set()
        for w in words:
            if w in self._canon:
                out.add(self._canon[w])
                continue
            said = self._said.get(w)
            if said is None:
                derived = None if w.endswith(_THING_SUFFIXES) else \
                    next((self._canon[d] for d in _derived_forms(w) if d in self._canon), None)
                said = derived or self._synonym(w) or w
                if len(self._said) < _WORDS_KEPT:
                    self._said[w] = said
            out.add(said)
        return out

    def _synonym(self, word: str) -> str | None:
        """The sources' word that shares a meaning with ``word`` in WordNet ("shut" for "closed")."""
        candidates = {k for m in thesaurus.related(word) for k in self._by_meaning.get(m, ())}
        return thesaurus.closest(word, candidates) if candidates else None

    def known(self, words: set[str]) -> set[str]:
        """The words the sources use, of ``words`` (as they are or as the sources' canonical word)."""
        return {w for w in words if w in self._vocabulary}

    def weight(self, key: str) -> float:
        """How much a word says about which fact is meant (rarer: more)."""
        return self._weights.get(key, self._unknown)

    def verbal_forms(self, words: set[str]) -> set[str]:
        """Each word as the sources' verb it derives from, where they have one: "landing" -> "land"."""
        out = set()
        for w in words:
            stems = [self._canon[d] for d in _derived_forms(w) if d in self._canon and len(d) < len(w)]
            out.add(stems[0] if stems else self._canon.get(w, w))
        return out

    def group(self, ids: set[str]) -> set[str]:
        """Entities as groups: two namesakes ("Brook") count as one, since a surname cannot tell them apart."""
        if not ids:
            return set()
        groups = self.groups
        return {groups.get(i, i) for i in ids}

    def _table(self, details: bool, heads: bool = False) -> tuple[list[tuple], dict[str, list[int]]]:
        """One row per reading of a fact: a claim is compared with the telling closest to it, so a
        fact two sources tell at length is not harder to match than one told once."""
        w = lambda k: self._weights.get(k, self._unknown)  # noqa: E731
        rows, index = [], {}
        for f in self.fb.facts:
            for r in f.readings:
                fw = {self._canon.get(k, k) for k in (*r.clause.keys, *(r.clause.head_keys if heads else ()))}
                fe = {f"@{e}" for e in self.group(r.clause.entity_ids) | (r.clause.detail_keys() if details else set())}
                content_w = fsum(w(k) for k in fw)
                rows.append((f, fw, fe, content_w + fsum(w(k) for k in fe), content_w))
                for k in fw | fe:
                    index.setdefault(k, []).append(len(rows) - 1)
        return rows, index

    def align(self, feats: Features, min_entities: int = 0, details: bool | str = False,
              floor: Floor | None = None) -> list[Alignment]:
        """Facts sharing at least one content word with the claim, best first.

        With ``min_entities``, a fact sharing that many entities but no word also counts
        (an event named by who and where: "after Brook fetched Hale from Westmarch").
        ``details`` adds the facts' numbers and dates to what is matched; ``details="cover"`` also the
        common nouns heading their names (coverage only). With a ``floor``, only the facts it keeps.
        The comparators ask about the same words several times per claim, and essays on one
        topic repeat them: answers are kept (a bounded number) for the life of the aligner.
        """
        key = (frozenset(feats.words), frozenset(feats.entities), frozenset(feats.implied), min_entities, details,
               floor)
        found = self._answers.get(key)
        if found is None:
            if len(self._answers) >= _ANSWERS_KEPT:
                self._answers.clear()
            found = self._answers[key] = self._align(feats, min_entities, details, floor)
        return list(found)

    def _align(self, feats: Features, min_entities: int, details: bool | str,
               floor: Floor | None = None) -> list[Alignment]:
        weights, unknown = self._weights, self._unknown
        w = lambda k: weights.get(k, unknown)  # noqa: E731 - the hot loop of the checker
        implied_words = self.normalise({w[1:] for w in feats.implied if w.startswith("~")})
        implied = {f"@{e}" for e in self.group({e for e in feats.implied if not e.startswith("~")})}
        feats = Features(self.normalise(feats.words), feats.entities)
        ents = {f"@{e}" for e in self.group(feats.entities)}
        implied -= ents
        implied_words -= feats.words
        # fsum: sums over sets, exactly rounded, come out the same whatever order the set is read in,
        # so a match on a threshold ("half the claim") does not depend on the interpreter's hash seed
        claim_w = fsum(w(k) for k in feats.words) + fsum(w(k) for k in ents)
        index = self._index_cover if details == "cover" else self._index_details if details else self._index
        rows = self._rows_cover if details == "cover" else self._rows_details if details else self._rows
        # The words and names each row shares with the claim, gathered from the index: the cost is the
        # claim's postings, not every candidate's whole set of words.
        kw = {k: weights.get(k, unknown) for k in (*feats.words, *implied_words, *ents, *implied)}
        words_of: dict[int, list[str]] = {}
        for k in feats.words | implied_words:
            for i in index.get(k, ()):
                words_of.setdefault(i, []).append(k)
        ents_of: dict[int, list[str]] = {}
        for k in ents | implied:
            for i in index.get(k, ()):
                ents_of.setdefault(i, []).append(k)
        candidates = set(words_of)
        if min_entities:  # a row the claim's own names reach (not only what "she" stands for)
            candidates.update(i for i, shared in ents_of.items()
                              if len(shared) >= min_entities and any(k in ents for k in shared))
        # First the numbers of every candidate, then an Alignment for each fact the floor keeps: most
        # candidates of a large fact base share one common word, and the objects were most of the cost.
        best: dict[str, tuple] = {}  # fact id -> (score, row, shared weight, of words, claim weight)
        implied_any = bool(implied or implied_words)
        for i in sorted(candidates):  # in the sources' order: of two equal matches the first stands first
            f, fw, fe, fact_w, content_w = rows[i]
            # what "she" or "it" stands for counts where the fact has it, and costs nothing where it has not
            shared_words = words_of.get(i, ())
            shared_ents = ents_of.get(i, ())
            sww = _sum([kw[k] for k in shared_words])
            sw = sww + _sum([kw[k] for k in shared_ents]) if shared_ents else sww
            cw = claim_w
            if implied_any:
                cw += fsum([*(kw[k] for k in shared_ents if k in implied),
                            *(kw[k] for k in shared_words if k in implied_words)])
            # (Alignment.score, worked out the same way, so that the same reading stands for its fact)
            score = 0.5 * (2 * sw / (cw + fact_w)) + 0.3 * (sw / cw if cw else 0.0) + \
                0.2 * (sw / fact_w if fact_w else 0.0)
            kept = best.get(f.id)
            if kept is None or score > kept[0]:  # the closest reading stands for its fact
                best[f.id] = (score, i, sw, sww, cw)
        ranked = sorted(best.values(), key=lambda b: b[0], reverse=True)
        if floor is not None:
            ranked = self._above(ranked, floor, rows, words_of, ents_of, ents)
        out = []
        for score, i, sw, sww, cw in ranked:
            f, fw, fe, fact_w, content_w = rows[i]
            shared_words = words_of.get(i, ())
            out.append(Alignment(f, 2 * sw / (cw + fact_w), sw / cw if cw else 0.0,
                                 sw / fact_w if fact_w else 0.0, sww / content_w if content_w else 0.0,
                                 len(shared_words), len(ents_of.get(i, ())), fact_w, cw, frozenset(shared_words),
                                 self.policy))
        return out

    def _above(self, ranked: list[tuple], floor: Floor, rows: list[tuple], words_of: dict, ents_of: dict,
               ents: set[str]) -> list[tuple]:
        """The ranked facts a floor keeps, in their order."""
        naming: set[str] = set()
        if floor.named:  # facts one of whose readings names something the claim names
            naming = {rows[i][0].id for i, shared in ents_of.items() if any(k in ents for k in shared)}
        out = []
        for n, b in enumerate(ranked):
            score, i, sw, sww, cw = b
            fact_w = rows[i][3]
            f = rows[i][0]
            if n < floor.top or score >= floor.score or 2 * sw / (cw + fact_w) >= floor.dice \
                    or (sw / fact_w if fact_w else 0.0) >= floor.fact_cov \
                    or (f.id in naming and len(words_of.get(i, ())) + len(ents_of.get(i, ())) >= 2):
                out.append(b)
        return out
