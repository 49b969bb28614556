"""Claims: what each clause of an essay asserts, split into the events it tells and how it orders them.

"Marsh gave in only after Hale blockaded Dunmere" tells two events (two
*sides*) and one order between them; "Six days later, Marsh gave in" tells one
event and a gap from the event told before it. Each side keeps its own words,
names, dates and numbers, so that a comparator judges a date against the event it
belongs to and never takes the second event's place for a swapped place.

Written by hand: the trained pipeline runs without its parser (for speed), and no
maintained library reads temporal connectives into event pairs for English; the
connective words live in ``data/temporal.json``.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from importlib import resources

from .analysis import Analysis, Clause, Tok
from .dates import DateMention
from .entities import EntityMention
from .lexicon import LEXICON
from .quantities import Quantity

_DATA = json.loads(resources.files("essaycheck.data").joinpath("temporal.json").read_text("utf-8"))
_VAGUE_ANCHORS = frozenset(_DATA["vague_anchors"])
_INDEFINITE = frozenset(_DATA["indefinite_openers"])


def _phrases(words) -> list[tuple[str, ...]]:
    return sorted((tuple(w.split()) for w in words), key=len, reverse=True)


_SUB = {tuple(k.split()): v for k, v in _DATA["subordinators"].items()}
_PHRASAL_BEFORE = frozenset(_DATA["phrasal_before"])
#: A phrase that dates something by an event, ending where the event's noun is ("a year after the", "since").
TIME_PHRASE = re.compile(r"\b(?:%s|since)\s+(?:(?:the|a|an|this|that|its|his|her|their)\s+)?(?:[\w'-]+\s+){0,2}$"
                         % "|".join(re.escape(k) for k in sorted(_DATA["subordinators"], key=len, reverse=True)), re.I)
_BARE = {tuple(k.split()): v for k, v in _DATA["bare"].items()}
_VERBS = {tuple(k.split()): v for k, v in _DATA["verbs"].items()}
_PASSIVE = {tuple(k.split()): v for k, v in _DATA["passive_verbs"].items()}
#: Each table's first words: most words start no connective, and are ruled out with one look-up.
_FIRST_WORDS = {id(t): frozenset(k[0] for k in t) for t in (_SUB, _BARE, _VERBS, _PASSIVE)}
_MODIFIERS = _phrases(_DATA["modifiers"])
_FRONTED_ONLY = frozenset(tuple(w.split()) for w in _DATA["fronted_only"])
_CONCESSIVES = tuple(tuple(w.split()) for w in _DATA["concessives"])
_HYPOTHETICAL = frozenset(_DATA["hypothetical"])
_PRON_IT = frozenset(_DATA["pronouns_it"])
_PRON_HE = frozenset(_DATA["pronouns_he"])
_PRON_SHE = frozenset(_DATA["pronouns_she"])
_CONJ = frozenset({"and", "but", "so", "yet"})
_OPENERS = frozenset(_DATA["clause_openers"])
_SIDE_STOP = frozenset({";"}) | _OPENERS
_NOT = frozenset({"not", "n't", "never"})
_INVERTED = frozenset({"did", "does", "do", "had", "has", "was", "were", "could", "would"})
#: Marks that open a line of a list ("- By the time ..."): they come before the clause, not in it.
_BULLETS = frozenset({"-", "*", "\u2022", "\u2013", "\u2014"})
#: "This happened before ...": a side that only says the event told before took place.
_TOLD_BEFORE = re.compile(r"^(?:(?:and|but|so)\s+)?(?:all\s+)?(?:this|that|it|which)(?:\s+(?:all\s+)?"
                          r"(?:happened|occurred|took\s+place|came|was))?$", re.I)


@dataclass
class Side:
    """One event told in a claim: the stretch of text and what it names."""

    start: int
    end: int
    words: set[str]
    verbs: set[str]
    entities: list[EntityMention]
    dates: list[DateMention]
    quantities: list[Quantity]
    role: str = "main"  # main | anchor (the event another is ordered against)
    negated: bool = False
    hypothetical: bool = False
    implied_words: set[str] = field(default_factory=set)  # what "it" stands for: matched, never judged
    implied_entities: set[str] = field(default_factory=set)  # whom "he" stands for
    of_stranger: str | None = None  # ", which emptied Eastholm" told of this unknown name (see date comparator)
    holes: tuple = ()  # stretches inside start..end that are not the side's (another side told within it)
    leans_back: bool = False  # an anchor told by a pronoun ("after she landed", "after his trial"): see context

    @property
    def entity_ids(self) -> set[str]:
        return {m.entity_id for m in self.entities if m.entity_id}

    @property
    def size(self) -> int:
        """How much the side says on its own: content words and names."""
        return len(self.words) + len(self.entity_ids)


@dataclass
class Relation:
    """An order the claim states: side ``event`` lies ``relation`` side ``anchor`` (None: the event told before)."""

    relation: str  # before | after | not_after | not_before
    event: int
    anchor: int | None
    start: int  # the words that state the order, for the finding's span
    end: int
    word: str


@dataclass
class GapClaim:
    """A relative date: side ``event`` lies ``mention.gap`` from side ``anchor`` (None: the event told before)."""

    mention: DateMention
    event: int
    anchor: int | None


@dataclass
class Claim:
    """What one clause of an essay asserts."""

    clause: Clause
    sides: list[Side]
    relations: list[Relation] = field(default_factory=list)
    gaps: list[GapClaim] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.clause.start

    @property
    def end(self) -> int:
        return self.clause.end

    @property
    def text(self) -> str:
        return self.clause.text

    def side_of(self, pos: int) -> int:
        """The side a character position belongs to (the main side when none holds it)."""
        hit = [i for i, s in enumerate(self.sides) if s.start <= pos < s.end]
        if hit:
            return min(hit, key=lambda i: self.sides[i].end - self.sides[i].start)
        return 0


# -- extraction -----------------------------------------------------------------------------

def extract(essay: Analysis) -> list[Claim]:
    """The claims of an essay, one per clause, in order."""
    claims: list[Claim] = []
    for c in essay.clauses:
        claims.append(_claim(c))
    _imply_subjects(claims, essay)
    return claims


def _claim(c: Clause) -> Claim:
    toks = c.tokens
    lowers = [t.lower for t in toks]
    in_date = [any(m.start <= t.start < m.end for m in c.dates) for t in toks]
    cuts: list[tuple] = []  # (kind, relation, token index of connective start, end index, word)

    i = 0
    while i < len(toks):
        if in_date[i]:
            i += 1
            continue
        hit = _match(lowers, i, _PASSIVE) or _match(lowers, i, _VERBS)
        if hit and i > 0:
            n, rel = hit
            cuts.append(("verb", rel, i, i + n, " ".join(lowers[i:i + n])))
            i += n
            continue
        hit = _match(lowers, i, _SUB)
        if hit and i > 0 and lowers[i - 1] in _PHRASAL_BEFORE:
            hit = None  # "looked after by his sister", "named after the king": a verb's particle
        if hit:
            n, rel = hit
            nxt = i + n
            # "before 1871", "after 1873": a date bound, not another event
            if nxt < len(toks) and (in_date[nxt] or (lowers[nxt] == "the" and nxt + 1 < len(toks)
                                                      and in_date[nxt + 1])):
                i = nxt
                continue
            if nxt >= len(toks) or toks[nxt].lower in (",", ".", "that", "this", "then", "which") \
                    or _it_told_before(toks, nxt):
                # "after that", "before this": the event told before
                w = lowers[i]
                if nxt < len(toks) and lowers[nxt] in ("that", "this", "then", "which", "it"):
                    cuts.append(("bare", rel, i, nxt + 1, f"{w} {lowers[nxt]}"))
                    i = nxt + 1
                else:
                    cuts.append(("bare", rel, i, nxt, w))
                    i = nxt
                continue
            if tuple(lowers[i:nxt]) in _FRONTED_ONLY and not _fronted(c, i):
                i = nxt
                continue
            cuts.append(("sub", rel, _with_modifiers(lowers, i), nxt, " ".join(lowers[i:nxt])))
            i = nxt
            continue
        hit = _match(lowers, i, _BARE)
        if hit:
            n, rel = hit
            if _bare_position_ok(toks, lowers, i, n, c):
                cuts.append(("bare", rel, i, i + n, " ".join(lowers[i:i + n])))
            i += n
            continue
        i += 1

    sides: list[Side] = []
    relations: list[Relation] = []
    whole = _side(c, c.start, c.end)
    sides.append(whole)
    for kind, rel, a, b, word in cuts[:2]:
        if kind == "sub":
            _split_sub(c, sides, relations, rel, a, b, word)
        elif kind == "verb":
            _split_verb(c, sides, relations, rel, a, b, word)
        else:
            _split_bare(c, sides, relations, rel, a, b, word)
    _already_when(c, sides, relations, lowers)
    _cleft(c, sides, lowers)
    _asides(c, sides)
    gaps = _gaps(c, sides)
    claim = Claim(c, sides, relations, gaps)
    until = any(t.lower in ("until", "till") for t in c.tokens)
    for s in claim.sides:
        # "Brook did not speak until 14 May": not a denial, a date (he spoke then)
        s.negated = _negated(c, s) and not until
        s.hypothetical = _hypothetical(c, s)
    return claim


def _match(lowers: list[str], i: int, table: dict) -> tuple[int, str] | None:
    if lowers[i] not in _FIRST_WORDS[id(table)]:
        return None
    for n in (4, 3, 2, 1):
        key = tuple(lowers[i:i + n])
        if len(key) == n and key in table:
            return n, table[key]
    return None


def _with_modifiers(lowers: list[str], i: int) -> int:
    """Move a connective's start back over "only", "just", "long", "even": "only after" is one connective."""
    for mod in _MODIFIERS:
        n = len(mod)
        if i - n >= 0 and tuple(lowers[i - n:i]) == mod:
            return i - n
    return i


def _bare_position_ok(toks: list[Tok], lowers: list[str], i: int, n: int, c: Clause) -> bool:
    """"Then", "later", "afterwards" order the clause after the last event only where they open or close it.

    "who later became king" dates nothing against the sentence before.
    """
    before = [t for t in lowers[:i] if t not in (",", "and", "but", "so", "\"", "'")]
    after = [t for t in lowers[i + n:] if t not in (",", ".", "!", "?")]
    if lowers[i] == "next":
        return not before and i + 1 < len(lowers) and lowers[i + 1] == ","
    if lowers[i] == "then" and i and lowers[i - 1] == "and" and i + 1 < len(toks) and toks[i + 1].finite:
        return True  # "Hale took the fort and then burnt it": a second act of one subject, ordered after the first
    return not before or not after


_ANCHOR_STOPS = frozenset({",", ";", ".", "!", "?", "-", "\u2013", "\u2014", ":", "(", "and", "but", "or", "before", "after",
                           "when", "while", "until", "because", "so", "which", "who", "that"})
#: Words that open a new subject right after a noun: "the", "a", "he", "they".
_NEW_SUBJECT = frozenset({"the", "a", "an", "he", "she", "they", "we", "it"})


def anchor_span(c: Clause, m: DateMention) -> tuple[int, int] | None:
    """Where the event a relative date counts from is told: "six weeks after Marsh was welcomed as
    a hero in Lornby" runs to the end of the phrase, though the date finder stops at "as"."""
    if not m.anchor_span:
        return None
    a, b = m.anchor_span
    toks = [t for t in c.tokens if t.start >= a]
    stop = next((i for i, t in enumerate(toks) if t.lower in _ANCHOR_STOPS and i > 0), len(toks))
    for i in range(1, stop):
        if toks[i].lower in _NEW_SUBJECT and toks[i - 1].pos in ("NOUN", "PROPN") \
                and any(u.finite for u in toks[i + 1:stop]):
            # "a week after the flood the mill reopened": a new subject right after the anchor's noun
            return a, toks[i].start
    if m.start <= c.start:
        return a, b  # fronted ("Two days after the arrest, ..."): the comma ends it
    toks = [t for t in c.tokens if t.start >= b]
    for i, t in enumerate(toks):
        if t.lower in _ANCHOR_STOPS:
            return a, t.start
        if t.finite and i > 0 and toks[i - 1].pos in ("PRON", "PROPN", "NOUN"):
            # "after Hale's death Marsh attacked Dunmere": a new subject and its verb end the anchor
            subject = i - 1
            while subject > 0 and toks[subject - 1].pos == "PROPN":
                subject -= 1
            return a, toks[subject].start if subject > 0 else b
    return a, max(b, c.end if c.text[-1:] not in ".!?" else c.end - 1)


def _side(c: Clause, start: int, end: int, role: str = "main", holes: tuple = ()) -> Side:
    """The words, names, dates and numbers of the clause between two character positions (less any holes)."""
    anchors = [sp for m in c.dates if (sp := anchor_span(c, m)) and not (m.start <= start and m.end >= end)]
    in_anchor = lambda p: (any(a <= p < b for a, b in anchors) and role == "main") or \
        any(a <= p < b for a, b in holes)  # noqa: E731
    words, verbs = set(), set()
    for t in c.tokens:
        if start <= t.start < end and t.key and not in_anchor(t.start):
            words.add(t.key)
            if t.pos == "VERB":
                verbs.add(t.key)
    ents = [m for m in c.entities if start <= m.start < end and not in_anchor(m.start)]
    dates = [m for m in c.dates if start <= m.start < end and (m.relative or not in_anchor(m.start))]
    qs = [q for q in c.quantities if start <= q.start < end and not in_anchor(q.start)]
    return Side(start, end, words, verbs, ents, dates, qs, role, holes=holes)


def _tok_start(c: Clause, i: int) -> int:
    return c.tokens[i].start if i < len(c.tokens) else c.end


def _tok_end(c: Clause, i: int) -> int:
    return c.tokens[i].end if i >= 0 else c.start


def _anchor_stop(c: Clause, b: int) -> int:
    """Where a medial connective's anchor ends: at the next comma or semicolon ("until she died in 1873, ...")."""
    toks = c.tokens
    j = b
    while j < len(toks):
        if toks[j].lower in _SIDE_STOP:
            return j
        if toks[j].lower == "," and not _name_list(toks, b, j):  # "after Brook, Marsh and Hale had left"
            skip = _embedded(toks, j)
            if skip is None:
                return j
            j = skip
        j += 1
    return len(toks)


def _name_list(toks: list[Tok], b: int, j: int) -> bool:
    """Is the comma at ``j`` inside a list of names ("Marsh, Ned Brook and Anna Hale were ...")?"""
    before = [t for t in toks[b:j] if t.lower not in (",", "and")]
    return bool(before) and all(t.pos == "PROPN" for t in before) and j + 1 < len(toks) \
        and toks[j + 1].pos == "PROPN"


def _embedded(toks: list[Tok], j: int) -> int | None:
    """If the comma at ``j`` opens an aside that the clause resumes after ("Lord Lornby, an Eastholm
    lord, received a letter"; "Ned Brook, who became President, led"), the closing comma."""
    k = next((i for i in range(j + 1, len(toks)) if toks[i].lower == ","), None)
    if k is None or k == j + 1 or k + 1 >= len(toks):
        return None
    inner = toks[j + 1:k]
    appositive = inner[0].pos == "DET" and not any(t.finite for t in inner)
    relative = inner[0].lower in ("who", "which", "whom", "whose")
    nxt = next((t for t in toks[k + 1:k + 3] if t.pos != "ADV"), None)
    resumes = nxt is not None and (nxt.finite or nxt.pos == "VERB")
    return k if (appositive or relative) and resumes else None


def _fronted(c: Clause, a: int) -> bool:
    """Does the connective open the clause ("After the blockade began, ...", "Even before ...")?"""
    # ("The news spread at once: even before Hale was taken, ...": a colon or dash opens a clause too)
    opened = max((i + 1 for i, t in enumerate(c.tokens[:a]) if t.lower in (":", ";", "\u2014", "--")), default=0)
    before = [t for t in c.tokens[opened:a] if t.lower not in (",", "and", "but", "so", "yet", "then", "it", "was",
                                                                 "is", "not", "only", "even", "just", "\"")
              and t.lower not in _BULLETS]
    return not before


def _opens_conjunct(toks: list[Tok], a: int) -> int | None:
    """The index of the "and" when a connective opens the second of two statements joined by it.

    "The fleet left in May and after a stop in Lornby it reached Dunmere": the "after"
    orders the second statement, not the first.
    """
    j = a - 1
    # back over commas and what dates the second statement ("and two days later, after more torture, he ...")
    while j >= 0 and (toks[j].lower == "," or toks[j].pos == "ADV" or toks[j].key is None and toks[j].pos in (
            "NUM", "NOUN", "PROPN") and not toks[j].finite):
        if toks[j].lower in ("and", "but"):
            break
        j -= 1
    if j <= 0 or toks[j].lower not in ("and", "but"):
        return None
    if not any(t.finite or t.pos == "VERB" for t in toks[:j]):
        return None  # "Hale and after ...": not two statements
    return j


def _participle_phrase_end(toks, j: int) -> int | None:
    """The comma closing a phrase without a finite verb that opens with a participle or an adverb after
    the comma at ``j`` ("..., brought by a pedlar,"), when a finite verb comes after it."""
    k = next((i for i in range(j + 1, len(toks)) if toks[i].lower == ","), None)
    if k is None or k == j + 1 or any(t.finite for t in toks[j + 1:k]) or not any(t.finite for t in toks[k + 1:]):
        return None
    first = toks[j + 1]
    if first.tag in ("VBN", "VBG") or (first.pos == "ADV" and toks[j + 2].tag in ("VBN", "VBG")):
        return k
    return None


def _subordinate_end(c: Clause, b: int) -> int:
    """Where a fronted subordinate clause ends and the main clause begins.

    At the first comma; failing that, before the subject of the second finite verb
    ("After the blockade began Marsh wrote a letter"), or, with one finite verb,
    before the name or pronoun that is its subject.
    """
    toks = c.tokens
    j = b
    while j < len(toks):
        if toks[j].lower == ",":
            apposed = _apposition_end(toks, b, j)
            if apposed is not None and apposed >= 0:
                return apposed
            if apposed is not None:
                j = -apposed  # past the apposition's closing comma: the subordinate clause goes on
                continue
            skip = _embedded(toks, j)
            if skip is None and (k := _participle_phrase_end(toks, j)) is not None:
                skip = k  # "After the fever reached Lornby, brought by a pedlar, Hale ...": still the fever's
            if skip is None and not _name_list(toks, b, j):
                return j
            j = skip if skip is not None else j
        elif j > b + 1 and toks[j].lower in _INVERTED and j + 1 < len(toks) \
                and toks[j + 1].pos in ("PROPN", "PRON", "DET", "NOUN") and toks[j - 1].pos in ("VERB", "NOUN",
                                                                                              "PROPN", "ADV"):
            return j  # "only after the army had been disbanded did Marsh turn up"
        j += 1
    finite = [j for j in range(b, len(toks)) if toks[j].finite]
    verb = finite[1] if len(finite) >= 2 else (finite[0] if finite else None)
    if verb is None:
        return len(toks)
    j = verb
    while j - 1 > b and toks[j - 1].pos in ("AUX", "ADV", "PART") or (j - 1 > b and toks[j - 1].lower in (
            "had", "has", "have", "was", "were", "did", "already", "finally", "also")):
        j -= 1
    # the subject: a name, pronoun or noun phrase right before the verb
    k = j
    ents = sorted((m for m in c.entities if c.tokens[b].start <= m.start < _tok_start(c, j)), key=lambda m: m.start)
    if ents and _tok_start(c, j) - ents[-1].end <= 1:
        while k - 1 > b and toks[k - 1].start >= ents[-1].start:
            k -= 1
        return k
    if j - 1 > b and toks[j - 1].lower in ("he", "she", "they", "it", "we", "i", "people", "everyone"):
        return j - 1
    while k - 1 > b and toks[k - 1].pos in ("NOUN", "PROPN", "ADJ", "DET", "NUM"):
        k -= 1
        if toks[k].pos == "DET":
            break
    return k if k > b else j


def _apposition_end(toks: list[Tok], b: int, j: int) -> int | None:
    """At a comma inside a fronted clause: is what follows a name's apposition ("After Ned
    Brook, Earl of Lornby, was crowned by Rob Marsh, Archbishop of Dunmere, Hale died")?

    None when it is not; the index of the comma that ends the fronted clause when the apposition
    closes it; minus one minus the comma's index when the clause goes on after it (its verb
    is still to come).
    """
    k = next((i for i in range(j + 1, min(len(toks), j + 8)) if toks[i].lower == ","), None)
    if k is None or k + 1 >= len(toks):
        return None
    seg = toks[j + 1:k]
    if not seg or any(t.finite for t in seg) or seg[0].pos not in ("PROPN", "NOUN", "DET", "ADJ"):
        return None
    if toks[j - 1].pos != "PROPN":
        return None  # an apposition follows a name
    has_verb = any(t.finite for t in toks[b:j])
    if not has_verb and toks[k + 1].finite:
        return -k - 1
    return k if has_verb else None


def _split_sub(c: Clause, sides: list[Side], relations: list[Relation], rel: str, a: int, b: int,
               word: str) -> None:
    main = sides[0]
    toks = c.tokens
    if b >= len(toks):
        return
    conj = _opens_conjunct(toks, a)
    if conj is not None:
        stop = _subordinate_end(c, b)
        if b < stop < len(toks):
            rest = stop + 1 if toks[stop].lower == "," else stop
            left = _side(c, c.start, _tok_end(c, conj - 1))
            anchor = _side(c, _tok_start(c, b), _tok_end(c, stop - 1), "anchor")
            # the second statement with what dates it ("two days later"), less the anchor
            event = _side(c, _tok_start(c, conj + 1), c.end, holes=((_tok_start(c, a), _tok_end(c, stop - 1)),))
            if left.size and anchor.size and event.size:
                sides[0] = event
                sides.append(anchor)
                relations.append(Relation(rel, 0, len(sides) - 1, _tok_start(c, a), _tok_end(c, stop - 1), word))
                sides.append(left)
        return
    if _fronted(c, a):
        stop = _subordinate_end(c, b)
        if stop <= b or stop >= len(toks):
            return
        rest = stop + 1 if toks[stop].lower == "," else stop
        # a cleft "It was only after X that Y": the event starts after "that"
        if rest < len(toks) and toks[rest].lower == "that" and any(t.lower == "it" for t in toks[:a]):
            rest += 1
        anchor = _side(c, _tok_start(c, b), _tok_end(c, stop - 1), "anchor")
        event = _side(c, _tok_start(c, rest), c.end)
        span_end = _tok_end(c, stop - 1)
    else:
        stop = _anchor_stop(c, b)
        if stop <= b:
            return
        anchor = _side(c, _tok_start(c, b), _tok_end(c, stop - 1), "anchor")
        last = a - 1
        while last >= 0 and toks[last].lower in (",", "and"):
            last -= 1
        if last < 0:
            return
        # "..., which had been built a week before Hale died": the relative clause is what the order dates
        rel_start = next((j + 1 for j in range(last, 0, -1) if toks[j].lower == "which"
                          and toks[j - 1].lower == "," and any(t.finite for t in toks[j + 1:a])), None)
        start = _tok_start(c, rel_start) if rel_start is not None else main.start
        # "Hale was made a judge in 1840 and moved to Lornby after the war": the order belongs to the last of
        # two acts of one subject, the one right before it; the first one's date does not date it
        second = next((j + 1 for j in range(last - 1, 0, -1) if toks[j].lower == "and" and toks[j + 1].finite
                       and toks[j].start >= start and any(t.finite for t in toks[:j] if t.start >= start)), None)
        first_dates = () if second is None or any(toks[second].start <= m.start < toks[last].end for m in c.dates) \
            else tuple((m.start, m.end) for m in c.dates if start <= m.start < toks[second].start and not m.relative)
        event = _side(c, start, _tok_end(c, last), holes=first_dates)
        span_end = _tok_end(c, stop - 1)
    if event.size == 0 and not _fronted(c, a) and _only_told_before(c, event):
        # "This happened before Hale came back": the event told before, ordered against the anchor (an
        # empty side stands for it, as it does for "then")
        if anchor.size and not _indefinite(toks, b, anchor):
            sides[0] = event
            sides.append(anchor)
            relations.append(Relation(rel, 0, len(sides) - 1, _tok_start(c, a), span_end, word))
        return
    if anchor.size == 0 or event.size == 0 or _indefinite(toks, b, anchor):
        return
    if _negated_until(c, toks, a, word):
        rel = "not_before"  # "X did not happen until Y": X came at or after Y
    sides[0] = event
    sides.append(anchor)
    relations.append(Relation(rel, 0, len(sides) - 1, _tok_start(c, a), span_end, word))
    if not _fronted(c, a) and stop + 1 < len(toks) and toks[stop].lower in _OPENERS:
        # "... before the siege because Hale had left": the clause after the anchor says something of its own
        sides.append(_side(c, _tok_start(c, stop + 1), c.end, "aside"))


def _only_told_before(c: Clause, side: Side) -> bool:
    """Does the side only say that the event told before took place ("This happened", "That came")?"""
    return bool(_TOLD_BEFORE.match(c.text[side.start - c.start:side.end - c.start].strip(" ,")))


def _indefinite(toks: list[Tok], b: int, anchor: Side) -> bool:
    """Does the anchor bring in an event of its own, not one told before ("gave in after a siege of
    some weeks", "after a long march", "was followed by hundreds of arrests")? An indefinite or
    counted noun with no name refers to nothing the sources date: the clause tells how it happened,
    not what it came after."""
    return (toks[b].lower in _INDEFINITE or toks[b].pos == "NUM") and not anchor.entity_ids


def _negated_until(c: Clause, toks: list[Tok], a: int, word: str) -> bool:
    if word not in ("until", "till"):
        return False
    return any(t.lower in _NOT for t in toks[:a]) or (a > 0 and toks[a - 1].lower == "not")


def _it_told_before(toks, k: int) -> bool:
    """Is the "it" at k the event told before, not the subject of a clause of its own: "only after it did
    Hale sail", "before it, Hale ..." (not "after it fell")?"""
    if k >= len(toks) or toks[k].lower != "it":
        return False
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    if nxt is None or nxt.lower in (",", ".", ";"):
        return True
    after = toks[k + 2] if k + 2 < len(toks) else None
    # "did the fleet sail": an auxiliary before its subject, the inverted order "only after it" takes
    return nxt.lower in _INVERTING and after is not None and (after.lower in _DETERMINERS or after.tag in ("NNP", "NNPS"))


_INVERTING = frozenset("did was were had could would".split())
_DETERMINERS = frozenset("the a an his her their its this that these those".split())


def _split_verb(c: Clause, sides: list[Side], relations: list[Relation], rel: str, a: int, b: int,
                word: str) -> None:
    """"The blockade was followed by letters": subject and object are the two events."""
    stop = _anchor_stop(c, b)
    if stop <= b:
        return
    event = _side(c, c.start, _tok_end(c, a - 1))
    anchor = _side(c, _tok_start(c, b), _tok_end(c, stop - 1), "anchor")
    if anchor.size == 0 and event.size and [t.lower for t in c.tokens[b:stop] if t.lower not in (".", ",")] \
            in (["it"], ["that"], ["this"]):
        # "X came first, and Y followed it": "it" is the event told before
        sides[0] = event
        relations.append(Relation(rel, 0, None, _tok_start(c, a), _tok_end(c, stop - 1), word))
        return
    if anchor.size == 0 or (event.size == 0 and not _only_told_before(c, event)) or _indefinite(c.tokens, b, anchor):
        return  # ("This came before the siege": the empty side stands for the event told before)
    sides[0] = event
    sides.append(anchor)
    relations.append(Relation(rel, 0, len(sides) - 1, _tok_start(c, a), _tok_end(c, stop - 1), word))


def _split_bare(c: Clause, sides: list[Side], relations: list[Relation], rel: str, a: int, b: int,
                word: str) -> None:
    """"X, and then Y" orders Y after X; a clause-initial "Then Y" orders Y after the event told before."""
    toks = c.tokens
    before = [t for t in toks[:a] if t.lower not in (",", "and", "but", "so")]
    if before and b < len(toks) and not relations:
        # a sequence inside the clause: the part before is the anchor (unless an order told earlier in the
        # clause has made the sides already: "Hale ruled until Brook came, and then ...")
        left_end = a - 1
        while left_end >= 0 and toks[left_end].lower in (",", "and", "but", "so"):
            left_end -= 1
        anchor = _side(c, c.start, _tok_end(c, left_end), "anchor")
        event = _side(c, _tok_start(c, b), c.end)
        if anchor.size and event.size and (event.verbs or any(t.finite for t in toks[b:])):
            # (a light verb tells the event as well as a content one: "then Hale became king")
            sides[0] = event
            sides.append(anchor)
            relations.append(Relation(rel, 0, len(sides) - 1, _tok_start(c, a), _tok_end(c, b - 1), word))
            return
    if before and b >= len(toks):
        relations.append(Relation(rel, 0, None, _tok_start(c, a), _tok_end(c, b - 1), word))
        return
    relations.append(Relation(rel, 0, None, _tok_start(c, a), _tok_end(c, b - 1), word))


_CLEFT = re.compile(r"^(?:,\s*)?(?:and\s+|but\s+|so\s+)?it\s+(?:was|wasn't|is|had\s+been)\s+(?:not\s+|only\s+|just\s+)?",
                    re.I)


def _cleft(c: Clause, sides: list[Side], lowers: list[str]) -> None:
    """"It was not until twenty years after Dunmere that the bridge was built": the event is what follows
    "that"; what comes before only dates it."""
    if not _CLEFT.match(c.text) or "that" not in lowers:
        return
    k = len(lowers) - 1 - lowers[::-1].index("that")
    if k + 1 >= len(c.tokens) or not any(t.finite for t in c.tokens[k + 1:]):
        return
    main = sides[0]
    if main.start > c.tokens[k].start:
        return
    event = _side(c, _tok_start(c, k + 1), main.end)
    if event.size:
        sides[0] = event


def _asides(c: Clause, sides: list[Side]) -> None:
    """", who had been restored to office in 1873," says something of a person, not of the event.

    A non-restrictive relative clause, or a concessive one (", even though Brook thought the
    office had been promised to him back in 1868"), becomes a side of its own (its date, numbers
    and names are still judged) and leaves the event's side.
    """
    toks = c.tokens
    main = sides[0]
    holes = []
    lowers = [t.lower for t in toks]
    for j, t in enumerate(toks):
        concessive = next((len(w) for w in _CONCESSIVES if tuple(lowers[j + 1:j + 1 + len(w)]) == w), 0)
        if t.lower == "," and j + 1 < len(toks) and (toks[j + 1].lower in ("who", "which", "whom", "whose")
                                                     or concessive) \
                and main.start <= t.start < main.end:
            end = next((k for k in range(j + 2, len(toks)) if toks[k].lower in (",", ";")), len(toks))
            a, b = _tok_start(c, j + 1), min(_tok_end(c, end - 1), main.end)
            if b > a:
                holes.append((a, b, _stranger_before(c, t.start)))
    if not holes:
        return
    rest = _side(c, main.start, main.end, main.role, tuple((a, b) for a, b, _ in holes))
    if rest.size == 0:
        return
    sides[0] = rest
    for a, b, stranger in holes:
        aside = _side(c, a, b)
        aside.role = "aside"
        aside.of_stranger = stranger
        sides.append(aside)


def _stranger_before(c: Clause, comma: int) -> str | None:
    """The unknown name right before a ", which" ("the Great Pestilence, which ..."), if there is one."""
    return next((m.text for m in c.entities if m.entity_id is None and m.label != "PERSON"
                 and 0 <= comma - m.end <= 1), None)


def _already_when(c: Clause, sides: list[Side], relations: list[Relation], lowers: list[str]) -> None:
    """"X had already happened when Y" and "When Y, X had already happened": X came first."""
    if relations or "already" not in lowers or "when" not in lowers:
        return
    w = lowers.index("when")
    ready = lowers.index("already")
    toks = c.tokens
    if w > ready:  # X had already ... when Y
        stop = _anchor_stop(c, w + 1)
        event = _side(c, c.start, _tok_end(c, w - 1))
        anchor = _side(c, _tok_start(c, w + 1), _tok_end(c, stop - 1), "anchor")
    else:  # When Y, X had already ...
        stop = _subordinate_end(c, w + 1)
        if stop >= len(toks):
            return
        rest = stop + 1 if toks[stop].lower == "," else stop
        anchor = _side(c, _tok_start(c, w + 1), _tok_end(c, stop - 1), "anchor")
        event = _side(c, _tok_start(c, rest), c.end)
    if anchor.size == 0 or event.size == 0:
        return
    sides[0] = event
    sides.append(anchor)
    relations.append(Relation("not_after", 0, len(sides) - 1, _tok_start(c, w), anchor.end, "already ... when"))


def _gaps(c: Clause, sides: list[Side]) -> list[GapClaim]:
    """Each relative date of the clause, with the side it dates and the side it counts from."""
    out = []
    for m in c.dates:
        if not m.relative or m.gap is None:
            continue
        event = next((i for i, s in enumerate(sides) if s.role == "main" and s.start <= m.start < s.end), None)
        if event is None:
            event = next((i for i, s in enumerate(sides) if s.start <= m.start < s.end and s.role != "anchor"), 0)
        elif m.anchor_span and (later := _after_and(c, sides[event], m)) is not None:
            # "X in 1870, and a day after the fair, Y": the gap dates Y, not X
            sides.append(later)
            event = len(sides) - 1
        anchor = None
        if m.anchor_span:
            a, b = anchor_span(c, m)
            # "six weeks after Marsh sailed on 12 April 1871": a date right after the anchor is the anchor's
            follow = next((d for d in c.dates if d is not m and not d.relative and d.start >= b
                           and re.fullmatch(r"\s+(?:on|in|of)?\s*", c.text[b - c.start:d.start - c.start])), None)
            if follow is not None:
                b = follow.end
                for s in sides:
                    if s.role == "main" and follow in s.dates:
                        s.dates.remove(follow)
            side = _side(c, a, b, "anchor")
            said = c.text[a - c.start:b - c.start].strip().lower()
            vague = side.words <= _VAGUE_ANCHORS and not side.entity_ids and said.startswith("the ")
            # "his arrival" and a fronted "before it ended" lean on someone named before: they count from
            # the essay's own telling of that act, if it told one just before (see context)
            side.leans_back = (not side.entity_ids and re.fullmatch(r"(?:his|her|their|its)\s+[a-z'-]+", said) is not None) \
                or (m.start <= c.start + 1 and re.match(r"(?:it|they|he|she)\s", said) is not None)
            if side.size and not vague:
                sides.append(side)
                anchor = len(sides) - 1
            else:
                continue  # "two days after the end": counted from something the essay names too loosely
        else:
            # "X, and two days later, after more torture, Y": the statement before the "and"
            anchor = next((i for i, s in enumerate(sides) if i != event and s.role == "main"
                           and s.end <= m.start and s.size), None)
            if anchor is None:
                anchor = _sequence_anchor(c, sides, m, event)
            if anchor is None and m.gap.direction == 0:
                anchor = _same_time_anchor(c, sides, m, event)
        out.append(GapClaim(m, event, anchor))
    # "X thirty years after the fire, and three years after that Y": the later gap narrowed the side the
    # first was given to down to Y; the first dates the side that now holds it
    counted_from = {g.anchor for g in out}
    for k, g in enumerate(out):
        s = sides[g.event]
        if not s.start <= g.mention.start < s.end:
            held = next((i for i, x in enumerate(sides) if i != g.anchor and i in counted_from
                         and x.start <= g.mention.start < x.end), None)
            if held is not None:
                out[k] = GapClaim(g.mention, held, g.anchor)
    return out


def _after_and(c: Clause, side: Side, m: DateMention) -> Side | None:
    """The statement after the last ", and" before ``m`` in the side, when a statement with its own
    verb comes before it; None when there is no such "and"."""
    toks = [t for t in c.tokens if side.start <= t.start < m.start]
    k = max((i for i in range(1, len(toks)) if toks[i].lower == "and" and toks[i - 1].lower == ","), default=None)
    if k is None or not any(t.finite for t in toks[:k]):
        return None
    later = _side(c, toks[k].end, side.end)
    return later if later.size else None


def _sequence_anchor(c: Clause, sides: list[Side], m: DateMention, event: int) -> int | None:
    """"Hale blockaded Dunmere and six days later Marsh gave in": the gap counts from the part before.

    The clause is cut at the "and" (or comma) before the relative date; the part
    before becomes the anchor side, the part after the event side.
    """
    toks = c.tokens
    i = next((j for j, t in enumerate(toks) if t.start >= m.start), None)
    if i is None or i == 0:
        return None
    s = sides[event]
    # the last "and" or "but" before the relative date that joins two statements, each with a verb
    # (or a comma before a participle that tells the next step: "X sailed for home, reaching Lornby a
    # month later")
    joins = [j for j in range(i) if s.start <= toks[j].start and (
        toks[j].lower in ("and", "but", ";")
        or (toks[j].lower == "," and toks[j + 1].tag == "VBG" and any(t.finite for t in toks[:j])))]
    if not joins:
        return None
    j = joins[-1]
    start = toks[j].end
    k = j - 1
    while k >= 0 and toks[k].lower in (",", "then"):
        k -= 1
    if k < 0 or s.start >= toks[k].start:
        return None
    first = s.start
    if toks[j].lower == ",":
        # "..., and a year later they set sail, arriving two weeks after": the participle's step follows
        # the statement right before it, not the whole clause
        first = next((toks[p].end for p in range(j - 1, -1, -1) if toks[p].lower in ("and", "but", ";")
                      and s.start <= toks[p].start), s.start)
    anchor = _side(c, first, _tok_end(c, k), "anchor")
    rest = _side(c, start, s.end)
    if anchor.size == 0 or rest.size == 0:
        return None
    if not any(t.finite or t.pos == "VERB" for t in toks[j + 1:]):
        # "Hale's home was bombed on 30 January, and Brook's home two days later": the verb is the first's
        rest.implied_words |= anchor.verbs
        rest.verbs |= anchor.verbs
    sides[event] = rest
    sides.append(anchor)
    return len(sides) - 1


def _same_time_anchor(c: Clause, sides: list[Side], m: DateMention, event: int) -> int | None:
    """"The lawsuit was filed on 1 February, the same day Brook's home was bombed": the words after the phrase
    tell the other event; the clause before it is the event dated."""
    toks = c.tokens
    i = next((j for j, t in enumerate(toks) if t.start >= m.end), None)
    first = next((j for j, t in enumerate(toks) if t.start >= m.start), None)
    if i is None or first is None or first == 0 or toks[first - 1].lower != ",":
        return None
    stop = next((j for j in range(i, len(toks)) if toks[j].lower in (",", ";")), len(toks))
    if not any(t.finite for t in toks[i:stop]):
        return None
    s = sides[event]
    anchor = _side(c, _tok_start(c, i), _tok_end(c, stop - 1), "anchor")
    rest = _side(c, s.start, _tok_end(c, first - 2), s.role)
    if anchor.size == 0 or rest.size == 0:
        return None
    sides[event] = rest
    sides.append(anchor)
    return len(sides) - 1


def _negated(c: Clause, s: Side) -> bool:
    toks = [t for t in c.tokens if s.start <= t.start < s.end
            and not any(q.start <= t.start < q.end for q in c.quantities)]  # "no fewer than 200" negates nothing
    first = next((i for i, t in enumerate(toks) if t.finite), None)
    if first is None:
        return any(t.lower in _NOT for t in toks)
    return any(t.lower in _NOT for t in toks[first:first + 3]) or any(t.lower in ("no", "nobody", "none", "neither")
                                                                       for t in toks[:first])


_MODALS = frozenset({"would", "could", "might", "should", "will", "shall", "must", "may", "can"})
_INTENT = frozenset(LEXICON["intent"])


def _hypothetical(c: Clause, s: Side) -> bool:
    return hypothetical(c, s.start, s.end)


def hypothetical(c: Clause, start: int | None = None, end: int | None = None) -> bool:
    """Does the clause's (or a stretch's) main event only might have happened ("would attack", "planned to
    invade", "if ...")?

    Judged at its first finite verb: a letter "saying there could be talks" was still sent.
    """
    start = c.start if start is None else start
    end = c.end if end is None else end
    toks = [t for t in c.tokens if start <= t.start < end
            and not any(m.start <= t.start < m.end for m in c.dates)]  # "May" is a month, not a modal
    first = next((i for i, t in enumerate(toks) if t.finite or t.lower in _MODALS), None)
    if first is None:
        return any(t.lower in ("if", "unless") for t in toks[:3])
    if any(t.lower in ("if", "unless") for t in toks[:first]):
        return True
    verb = toks[first].lower
    if verb in _MODALS:
        return True
    nxt = toks[first + 1].lower if first + 1 < len(toks) else ""
    return verb in _INTENT and nxt == "to" or (verb in ("was", "were") and nxt == "going"
                                               and first + 2 < len(toks) and toks[first + 2].lower == "to")


_SCHEDULED = frozenset(LEXICON["scheduled"])


def intended(c: Clause) -> bool:
    """Is the clause's main event a plan, hope or attempt ("hoped to rescue", "planned to invade")?"""
    toks = [t for t in c.tokens if not any(m.start <= t.start < m.end for m in c.dates)]
    first = next((i for i, t in enumerate(toks) if t.finite), None)
    if first is None:
        return False
    if toks[first].lower in _INTENT and first + 1 < len(toks) and toks[first + 1].lower == "to":
        return True
    # "the ceremony was first set for 23 October", "was originally due to open in May": a day fixed beforehand
    # ("had been set for 3 May": the auxiliaries before the participle say nothing)
    rest = [t for t in toks[first + 1:first + 5] if t.pos != "ADV" and t.lower not in ("been", "being")]
    return len(rest) >= 2 and rest[0].lower in _SCHEDULED and rest[1].lower in ("for", "to")


def _imply_subjects(claims: list[Claim], essay: Analysis) -> None:
    """A side whose subject is "it", "they" or "he" is about what the claim before was about.

    "The fire began in a bakery. It spread west" is about the fire: the words of the
    earlier subject are added for matching (never judged). "He" and "she" stand for
    the last clause's first-named person.
    """
    last_subject: set[str] = set()
    last_subject_ents: set[str] = set()
    last_person: str | None = None
    last_name_was_person = False
    for cl in claims:
        c = cl.clause
        spoken = [(r.start, r.end) for r in cl.relations] + [(m.start, m.end) for m in c.dates]
        for s in cl.sides:
            toks = [t for t in c.tokens if s.start <= t.start < s.end
                    and not any(a <= t.start < b for a, b in spoken) and t.pos != "PUNCT"
                    and t.lower not in (",", "and", "but", "so", "then", "only", "even", "when")]
            says_he = any(t.lower in _PRON_HE for t in toks) or \
                (any(t.lower in _PRON_SHE for t in toks) and last_name_was_person)
            people = [m for m in s.entities if m.entity_id and m.label == "PERSON"]
            # "Hale married Brook before his coronation": in the anchor, "his" is most often the subject
            own = [m.entity_id for m in cl.sides[0].entities if m.entity_id and m.label == "PERSON"] \
                if s.role == "anchor" and s is not cl.sides[0] else []
            if says_he and not people and (own or last_person):
                s.implied_entities.add(own[0] if own else last_person)
            if s.size < 4 and _after_relative_pronoun(c, s):
                # "Hale founded Lornby Forge, which opened in May": the forge
                named = [m.entity_id for m in c.entities if m.entity_id and m.end <= s.start]
                if named:
                    s.implied_entities.add(named[-1])
            # "It spread west", "They were defeated": a pronoun subject, right before its verb
            if len(toks) >= 2 and toks[0].lower in _PRON_IT and (toks[1].finite or toks[1].pos in ("AUX", "VERB")) \
                    and s.size < 4:
                s.implied_words |= last_subject
                s.implied_entities |= last_subject_ents
        main = cl.sides[0]
        subject, ents = _subject(c, main)
        if subject or ents:
            last_subject, last_subject_ents = subject, ents
        people = [m.entity_id for s in cl.sides for m in s.entities if m.entity_id and m.label == "PERSON"]
        if people:
            last_person = people[0]
        last_name_was_person = bool(people)  # "she" in the next clause is the person this one named


def _after_relative_pronoun(c: Clause, s: Side) -> bool:
    """Does the side open with "which" or "who", or come right after one?"""
    first = next((i for i, t in enumerate(c.tokens) if t.start >= s.start), None)
    if first is None:
        return False
    return c.tokens[first].lower in ("which", "who") or (first > 0 and c.tokens[first - 1].lower in ("which", "who"))


def _subject(c: Clause, s: Side) -> tuple[set[str], set[str]]:
    """The things a side is about, that a later "it" may stand for: its nouns and non-person names.

    The subject is the likeliest, but "work started on the mill, and it was completed"
    means the mill: every noun is offered, and counts only where a fact has it.
    """
    toks = [t for t in c.tokens if s.start <= t.start < s.end]
    verb = next((t for t in toks if t.finite), None)
    if verb is None:
        return set(), set()
    words = {t.key for t in toks if t.key and t.pos in ("NOUN", "PROPN", "")}
    ents = {m.entity_id for m in s.entities if m.entity_id and m.label != "PERSON"}
    if any(t.lower in _PRON_IT | _PRON_HE for t in toks if t.start < verb.start) and not words:
        return set(), set()  # a pronoun subject: keep the one it stands for
    return words, ents
