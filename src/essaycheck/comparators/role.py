"""Roles: "the plant director, Rob Marsh", "Marsh, Earl of Dunmere", "Hale, pastor of Lornby Chapel".

The sources say who held which office ("The plant director, Ned Brook, the chief
engineer, Rob Marsh"; "Brook, Earl of Dunmere"). An essay that gives a person an
office the sources give to someone else, and never to that person, has the wrong person
(or the wrong office). Offices are read from appositions and a few set phrases around a
person's name; the office words themselves live in ``data/roles.json``.

Written by hand: no maintained library extracts person-office pairs from English text
without a trained relation model; the patterns here are the few students use.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources

from ..claims import Claim
from ..entities import EntityMention, spelt_alike
from ..factbase import Evidence
from ..findings import Finding
from ..quantities import noun_key
from . import comparator
from .context import Context

_DATA = json.loads(resources.files("essaycheck.data").joinpath("roles.json").read_text("utf-8"))
_HEADS = frozenset(_DATA["heads"])
_IGNORE = frozenset(_DATA["ignore_modifiers"])
_NATIONS = frozenset(_DATA["nationalities"])
_RANKS = frozenset(_DATA["ranks"])
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
#: Prepositions and conjunctions: an office phrase never has one before its head word ("of" is read apart).
_LINKS = frozenset(_DATA["link_words"])


@dataclass(frozen=True)
class Role:
    """An office: its head word ("director"), what it is of ("dunmere"), and its other words ("plant")."""

    head: str
    of: str | None
    modifiers: frozenset[str]

    def same_office(self, other: "Role") -> bool:
        """Could the two phrases name one office? ("plant director" and "director"; not "Earl of Dunmere"
        and "Earl of Lornby", nor "chief engineer" and "deputy chief engineer")."""
        if self.head != other.head:
            return False
        if self.of and other.of and not (spelt_alike(self.of, other.of) or _words_within(self.of, other.of)):
            return False
        # ("the village's rector": whose office it is says nothing of which office)
        mine = {w for w in self.modifiers if not w.endswith(("'s", "\u2019s"))}
        theirs = {w for w in other.modifiers if not w.endswith(("'s", "\u2019s"))}
        if bool(self.of) != bool(other.of):
            # "surveyor of roads" is a "road surveyor": what the office is of, said before its head
            # ("Surveyor of Roads" and "road surveyor": one word, each in its own number)
            mine = {noun_key(w) or w for w in mine | set((self.of or "").split())}
            theirs = {noun_key(w) or w for w in theirs | set((other.of or "").split())}
        return mine <= theirs or theirs <= mine

    def text(self) -> str:
        # nationality first and capitalised: "Lornish military governor"
        ordered = sorted(self.modifiers, key=lambda w: (w not in _NATIONS, w))
        words = " ".join(w.title() if w in _NATIONS else w for w in ordered)
        return f"{words} {self.head}".strip() + (f" of {self.of.title()}" if self.of else "")


def _words_within(a: str, b: str) -> bool:
    """Does one name hold all the words of the other ("Lornby Guard", "the Westmarch Lornby Guard")?"""
    wa, wb = set(a.lower().split()), set(b.lower().split())
    return bool(wa and wb) and (wa <= wb or wb <= wa)


def _other_nation(a: Role, b: Role) -> bool:
    """Does each name the office with a nationality, and not the same one ("a Lornish pilot",
    "the Portuguese pilot")?"""
    na, nb = a.modifiers & _NATIONS, b.modifiers & _NATIONS
    return bool(na and nb and not na & nb)


def read_role(phrase: str, whole: bool = False) -> Role | None:
    """A role from a phrase such as "the plant director" or "Archbishop of Lornby"; None if it names no office.

    ``whole``: the phrase must be the office and nothing before it ("Hale, wrote to the mayor"
    gives Hale no office)."""
    said = _WORD.findall(phrase)
    words = [w.lower() for w in said]
    if not words or len(words) > 7:
        return None
    if "in" in words[1:]:
        i = words.index("in", 1)
        if all(w[0].isupper() for w in said[i + 1:] if w not in ("the", "a", "an")) and said[i + 1:]:
            # "the military governor in Westmarch": the office is where it is held, as "of Westmarch"
            said, words = said[:i] + ["of"] + said[i + 1:], words[:i] + ["of"] + words[i + 1:]
    if whole and any(w in ("the", "a", "an") for w in words[1:words.index("of") if "of" in words else None]):
        return None  # "Hale, advised the mayor": a deed told after the name, not an office beside it
    of = None
    if "of" in words:
        i = words.index("of")
        told = [w for w in said[i + 1:] if w not in ("the", "a", "an")]
        if any(a[0].isupper() and b[0].islower() for a, b in zip(told, told[1:])):
            return None  # "Mayor of Lornby stabbed": a statement about the name, not an office beside it
        of = " ".join(w.lower() for w in told) or None  # "of Lornby", "of the harbour guard"
        said, words = said[:i], words[:i]
    if said and said[-1][0].isupper() and not whole:
        # a title before a name is the run of capitalised words ending the phrase, not the lower-case words before it
        k = len(said)
        while k and (said[k - 1][0].isupper() or words[k - 1] in ("the", "a", "an")):
            k -= 1
        said, words = said[k:], words[k:]
    if words and "-" in words[-1] and words[-1] not in _HEADS:
        *parts, last = words[-1].split("-")  # "Vice-Admiral": an admiral, "vice" its kind
        words = words[:-1] + [p for p in parts if p] + [last]
    # "the weavers rose with their commander", "In Westmarch the mayor": the office is the words after
    # the last link word
    cut = max((i for i, w in enumerate(words[:-1]) if w in _LINKS), default=-1)
    if whole and cut >= 0:
        return None
    words = [w for w in words[cut + 1:] if w not in ("the", "a", "an", "its", "his", "her", "their")]
    if not words or words[-1] not in _HEADS:
        return None
    return Role(words[-1], of, frozenset(w for w in words[:-1] if w not in _IGNORE))


_OPENING = re.compile(r"^|[,;.:(]\s*|\b(?:[Tt]he|an?|An?)\s+")
_PHRASE = re.compile(r"([A-Za-z][A-Za-z' -]*?),?\s*")
_NAME_END = re.compile(r"\b[A-Z][\w'-]*$")
_CLOSES = re.compile(r"\s*(?:[,.;:)!?]|$|(?:and|or|who|whose|whom|of)\b)")
_PREDICATE = re.compile(r"\b(?:was|were|is|are|be|been|being|became|become|seemed)\s*$", re.I)


def roles_near(text: str, m: EntityMention, told_first: bool = False) -> list[Role]:
    """Offices a text gives the person named at ``m``: in apposition after or before the name, and with
    ``told_first`` also "Its commander was Hale" (read in the sources only: in an essay, "the real leader
    was Hale" may mean the leader of the whole, not the office a source gives another)."""
    out = []
    after = text[m.end:m.end + 80]
    # "Hale, the plant director", "Hale was the director" (not "Hale was killed after the Mayor of Lornby ...")
    if a := re.match(r"\s*(?:(?:,|\(|:|\bas\b)\s*(?:the\s+|a\s+)?|\bwas\s+elected\s+(?:the\s+|a\s+)?"
                     r"|(?:\bwas\b|\bbecame\b)\s*(?:the\s+|a\s+|(?=[A-Z]))|\b(?:had|has)\s+been\s+(?:the\s+|a\s+)?(?=[a-z]))"
                     r"([A-Za-z][A-Za-z' -]*?)(?=\s*(?:,|\)|;|\.|\band\b|\bwho\b|\bwas\b|\b(?:on|in)\s+\d"
                     r"|\bfor\s+(?:about\s+|nearly\s+|little\s+|more\s+|over\s+|\d|[a-z]+\s+(?:years?|months?|weeks?|days?)\b)|$))", after):
        if r := read_role(a[1], whole=True):
            out.append(r)
    before = text[max(0, m.start - 80):m.start]
    # the office phrase from the nearest opening ("the", "a", a comma) that reads as one: the window's
    # start may be mid-sentence ("alarmed the local landowner and magistrate Hale")
    for b in reversed(list(_OPENING.finditer(before))):
        if (phrase := _PHRASE.fullmatch(before, b.end())) and (r := read_role(phrase[1])):
            if before[b.start():b.end()].startswith(",") and _NAME_END.search(before, 0, b.start()):
                break  # "Brook, Earl of Dunmere, Hale and Marsh": the office is Brook's, told after his name
            # "many held she was the true heir, Hale kept her": the office is said of "she"
            if _PREDICATE.search(before, 0, b.start()):
                break
            # "in a note to the mayor, Hale rode north": a comma after an office inside a sentence, and the
            # name going straight on to its verb, ends a phrase; an apposition closes after the name
            # ("to the mayor, Hale, who ...") or the sentence opens with it ("The mayor, Hale rode north")
            lead = before[:b.start()].rstrip()
            if phrase[0].rstrip().endswith(",") and lead and lead[-1] not in ".!?\n" \
                    and not _CLOSES.match(text, m.end):
                break
            out.append(r)
            break
    # "Vice-Admiral Lord Hale": each title of a run before the name is an office of its own
    if t := re.search(r"(?:\b[A-Z][A-Za-z'-]*\.?\s+)+$", before):
        for r in (read_role(w) for w in t[0].split()):
            if r is not None and r not in out:
                out.append(r)
    # "a Lornish pilot, Lieutenant Hale": the apposition before a title and the name
    if c := re.search(r"\b(?:[Tt]he|an?|An?)\s+([A-Za-z][A-Za-z' -]*?),\s*[A-Z][a-z]+\.?\s+$", before):
        if r := read_role(c[1]):
            out.append(r)
    # "Its commander was General Hale", "The new mayor became Hale": the office told first, then who held it
    if d := re.search(r"(?:^|[,;.:(]\s*)((?:[Tt]he|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)\s+[A-Za-z][A-Za-z' -]*?)"
                      r"\s+(?:was|became)\s+(?:[A-Z][a-z]+\.?\s+)?$", before):
        r = read_role(d[1])
        # In an essay only "The <office> was", opening its sentence ("The judge was Hale"): "the real leader
        # was Hale" may mean the leader of the whole, "its commander" that of something else.
        lead = before[:d.start(1)].rstrip()
        opens = (not lead or lead[-1] in ".!?\n") and d[1].lower().startswith("the ")
        if r is not None and (told_first or (not r.modifiers and not r.of and opens)):
            out.append(r)
    return out


def source_roles(ctx: Context) -> list[tuple[str, Role, Evidence]]:
    """(person id, office, where said) for each office the sources state, read once per fact base."""
    cached = ctx.cache.get("roles")
    if cached is None:
        cached = []
        reg = ctx.fb.registry
        for name, an in ctx.fb.analyses.items():
            text = ctx.fb.sources[name].text
            for m in an.entities:
                if m.entity_id and reg.label(m.entity_id) == "PERSON":
                    s, e = next(((a, b) for a, b in an.sentences if a <= m.start < b), (m.start, m.end))
                    cached.extend((m.entity_id, r, Evidence(name, s, e, text[s:e])) for r in roles_near(text, m, told_first=True))
        ctx.cache["roles"] = cached
    return cached


@comparator("role")
def check_roles(claim: Claim, ctx: Context) -> list[Finding]:
    reg = ctx.fb.registry
    known = source_roles(ctx)
    if not known:
        return []
    out = []
    text = ctx.essay.text
    for m in claim.clause.entities:
        if not m.entity_id or reg.label(m.entity_id) != "PERSON":
            continue
        me = ctx.group({m.entity_id})
        for role in roles_near(text, m):
            mine = [(r, ev) for p, r, ev in known if ctx.group({p}) == me]
            if any(r.same_office(role) for r, _ in mine):
                continue  # the sources give this person this office
            holders = {p: ev for p, r, ev in known if r.same_office(role) and ctx.group({p}) != me}
            bare_rank = role.head in _RANKS and not role.of and not role.modifiers
            if len(holders) == 1 and mine and not bare_rank:  # a rank is held by many: not one office
                holder, ev = next(iter(holders.items()))
                out.append(ctx.finding("accuracy", "contradicted", "entity", m.start, m.end, None,
                                       "person.contradicted", reg.name(holder), evidence=[ev, mine[0][1]]))
                break
            same_head = [(r, ev) for r, ev in mine if r.head == role.head
                         and ((r.of and role.of and not spelt_alike(r.of, role.of)) or _other_nation(r, role))]
            if not holders and same_head:
                held, ev = same_head[0]
                out.append(ctx.finding("accuracy", "contradicted", "entity", m.start, m.end, None,
                                       "role.contradicted", held.text(), evidence=[ev], office=role.text()))
                break
    return out
