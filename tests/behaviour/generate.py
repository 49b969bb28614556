"""Behavioural tests generated from a topic's own facts (the method of CheckList, Ribeiro et al., ACL 2020).

For any fact base, the dated events the sources tell are taken as (event clause, date)
pairs; from them claims are written the way students write them, some true and some
false, one capability at a time:

- ``date.format`` (true): the event with its own date in other formats and at coarser
  granularity; ``date.wrong`` (false): the same with another day, month or year.
- ``gap.true`` / ``gap.false``: "N days later", in digits and number words, with hedges
  ("about", "less than", "more than", "almost"), from the event told just before or
  from a named anchor.
- ``order.true`` / ``order.false``: two events in at least six constructions (before,
  after, only after, by the time, then, X followed Y, fronted and medial).
- ``paraphrase`` (true): a source sentence with its date reformatted, a misspelt name,
  synonyms for its verb, reordered clauses.
- ``person.swap``, ``person.first_name`` (false): another person of the topic doing the
  act; the right surname with another first name.
- ``number.other`` (true): a fact's number beside a number about something else.
- ``outside`` (true, not in the sources): one of the topic's people doing something no
  source mentions, in words the sources never use; it must be reported as not in the
  sources, and never as wrong.

Nothing here knows a topic: every case comes from the fact base it is given, so the
cases cannot be fitted to an essay. ``run`` checks them and reports each capability's
pass rate.
"""
from __future__ import annotations

import json
import random
from importlib import resources
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

import inflect

from essaycheck.assignment import Assignment
from essaycheck.dates import TimeValue

_P = inflect.engine()
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
FIRST_NAMES = ["Peter", "Margaret", "Oliver", "Harriet", "Walter", "Agnes", "Samuel", "Edith"]


@dataclass
class Case:
    capability: str
    essay: str
    start: int  # the claim whose verdict is tested
    end: int
    wrong: bool  # True: the claim must be marked contradicted; False: it must not be
    outside: bool = False  # True: the sources never say it, and the report must say so (unsupported)


@dataclass
class Event:
    """A dated event of the sources: its clause without the date, and the date."""

    fact_id: str
    clause: str  # "Kennedy blockaded Cuba"
    when: TimeValue
    sentence: str  # the source sentence it came from


# -- events ---------------------------------------------------------------------------------

_LEAD = re.compile(r"^(?:[,;:\-\s]|and\b|but\b|so\b|then\b|which\b|later\b|instead\b|finally\b)+", re.I)
_DATE_PREP = (r"(?:\b(?:on|in|by|during|from|at)\s+)?(?:the\s+)?(?:(?:morning|evening|night|afternoon|early\s+hours|"
              r"spring|summer|autumn|winter)\s+of\s+)?(?:the\s+)?")
_WORDS = json.loads(resources.files("essaycheck").joinpath("data/temporal.json").read_text("utf-8"))
_OPENERS = re.compile(r"(?:%s|when|while|as|although|though|because|since|if)\b" % "|".join(
    re.escape(w) for w in _WORDS["pronouns_it"] + _WORDS["pronouns_he"] + _WORDS["pronouns_she"]
    + list(_WORDS["subordinators"]) + ["we", "you", "i"]), re.I)
_DANGLING = re.compile(r"\b(?:for|of|to|on|in|at|by|until|since|from|than|the|a|an|and|was|were|finally|around|about)$",
                       re.I)

#: What is left where a date was cut out of a phrase: a preposition right before a verb ("the Lornby Charter of
#: was"), or the date phrase's own first word or time of day opening the clause ("Early the army ...").
_BROKEN = re.compile(r"\b(?:of|on|in|at|by|from|for|the)\s+(?:was|were|is|are|had|has|did)\b|"
                     r"^(?:Early|Late|Later|Soon)\s+(?!in\b|on\b)[a-z]|\d+[.:]\d+\s*[ap]\.?m\b", re.I)


#: A clause opening with a phrase of place or time ("In Lornby the quarrel began"), with or without a comma.
_FRONTED = re.compile(r"(?:In|At|On|During|From|By|Under|With|Across|Near|Outside|Inside|Throughout|Over)\s")


def events(a: Assignment) -> list[Event]:
    """The facts with one date of their own, stated outright, whose clause reads as a sentence without it."""
    out = []
    fb = a.factbase
    for f in fb.facts:
        if len(f.readings) < 1:
            continue
        r = f.readings[0]
        c = r.clause
        dates = [m for m in c.dates if m.resolved and not m.bound]
        if len(dates) != 1 or dates[0].value.granularity not in ("day", "month", "year"):
            continue  # the source's own date, stated or worked out from its narrative ("that afternoon")
        if c.quantities or c.negated or any(t.lower in ("would", "could", "might", "if") for t in c.tokens):
            continue
        m = dates[0]
        text = fb.sources[r.source].text
        clause = text[c.start:m.start] + "\x00" + text[m.end:c.end]
        clause = re.sub(_DATE_PREP + r"\x00", " ", clause, flags=re.I).replace("\x00", " ")
        clause = _LEAD.sub("", re.sub(r"\s+", " ", clause)).strip(" ,.;:-")
        clause = re.sub(r"\s+,", ",", clause)
        if re.search(r"\d{3,4}|\b(?:later|earlier|before|after|next|following|previous)\b", clause, re.I):
            continue  # another date or order in it: not a single event
        finite = [t for t in c.tokens if t.finite and t.start > m.end or t.finite and t.end <= m.start]
        if not finite or len(clause.split()) < 3 or ":" in clause or "=" in clause or "(" in clause:
            continue
        if _DANGLING.search(clause) or re.search(r"\b(?:of|on|in|for|at|the),", clause) or _BROKEN.search(clause):
            continue  # the date was part of a phrase: what is left does not read
        if clause[:1].islower() and not _starts_with_name(clause, c):
            continue  # a fragment ("was arrested in the cellar"): no subject of its own
        if _OPENERS.match(clause) or ";" in clause or " - " in clause:
            continue  # "He left the city", "When the king died, ...": it needs the sentence before it
        if "," in text[c.start:finite[0].start] or _FRONTED.match(clause):
            continue  # "At the siege of Lornby, Hale ...": a fronted phrase does not read after "before"
        s, e = r.sentence
        out.append(Event(f.id, clause, m.value, text[s:e].strip()))
    return out


def _starts_with_name(clause: str, c) -> bool:
    return any(x.text and clause.startswith(x.text) for x in c.entities)


def lower_first(clause: str, e: Event) -> str:
    """The clause inside a sentence: "The fire began" becomes "the fire began", names keep their capital."""
    first = clause.split(" ", 1)[0]
    if first in ("The", "A", "An", "Its", "Their", "His", "Her", "This", "These", "That"):
        return first.lower() + clause[len(first):]
    return clause


def say(v: TimeValue, style: int = 0) -> str:
    """A date as students write it, in one of several styles."""
    if v.granularity == "day":
        d, m, y = v.day, MONTHS[v.month - 1], v.year
        styles = [f"{d} {m} {y}", f"{m} {d}, {y}", f"the {_P.ordinal(d)} of {m} {y}",
                  f"the {_P.number_to_words(_P.ordinal(d))} of {m} {y}", f"{m} {_P.ordinal(d)} {y}"]
        return styles[style % len(styles)]
    if v.granularity == "month":
        return f"{MONTHS[v.month - 1]} {v.year}"
    return str(v.year)


def on(v: TimeValue) -> str:
    return "on" if v.granularity == "day" else "in"


# -- capabilities -----------------------------------------------------------------------------

def date_cases(evs: list[Event], rng: random.Random) -> list[Case]:
    out = []
    for i, e in enumerate(evs):
        v = e.when
        forms = [f"{on(v)} {say(v, i)}"]
        if v.granularity == "day":
            forms.append(f"in {MONTHS[v.month - 1]} {v.year}")
        if v.granularity in ("day", "month"):
            forms.append(f"in {v.year}")
        for form in forms:
            out.append(_claim("date.format", f"{form[0].upper()}{form[1:]}, {lower_first(e.clause, e)}.", False))
        wrong = _wrong_date(v, rng)
        text = f"{e.clause} {on(wrong)} {say(wrong, i + 1)}."
        out.append(_claim("date.wrong", text, True))
    return out


def _wrong_date(v: TimeValue, rng: random.Random) -> TimeValue:
    if v.granularity == "day":
        choice = rng.choice(["day", "month", "year"])
        if choice == "day":
            day = v.day + rng.choice([-9, -7, -5, 5, 7, 9])
            day = day if 1 <= day <= 28 else (v.day + 10 if v.day <= 18 else v.day - 10)
            return TimeValue("day", v.year, v.month, day)
        if choice == "month":
            month = (v.month + rng.choice([2, 3, 4]) - 1) % 12 + 1
            return TimeValue("day", v.year, month, min(v.day, 28))
        return TimeValue("day", v.year + rng.choice([-3, -2, 2, 3]), v.month, v.day)
    if v.granularity == "month":
        return TimeValue("month", v.year + rng.choice([-2, 2, 3]), v.month)
    return TimeValue("year", v.year + rng.choice([-4, -3, 3, 5]))


def _pairs(evs: list[Event], grain: str | None = None) -> list[tuple[Event, Event]]:
    """Ordered pairs (earlier, later) of events on different dates, each event in few pairs."""
    dated = sorted((e for e in evs if grain is None or e.when.granularity == grain),
                   key=lambda e: e.when.interval()[0])
    out = []
    for x, y in zip(dated, dated[1:]):
        if x.when.interval()[1] < y.when.interval()[0] and x.fact_id != y.fact_id:
            out.append((x, y))
    return out


def gap_cases(evs: list[Event], rng: random.Random) -> list[Case]:
    out = []
    for i, (x, y) in enumerate(_pairs(evs, "day")):
        days = (date(y.when.year, y.when.month, y.when.day) - date(x.when.year, x.when.month, x.when.day)).days
        amount, unit = _gap_words(days)
        if amount is None:
            continue
        first = f"{on(x.when).capitalize()} {say(x.when, i)}, {lower_first(x.clause, x)}."
        words = _P.number_to_words(amount) if i % 2 else str(amount)
        plural = unit if amount == 1 else unit + "s"
        true_phrases = [f"{words} {plural} later", f"about {words} {plural} later",
                        f"less than {_P.number_to_words(amount + 2)} {unit}s later",
                        f"more than {max(amount - 1, 0) or 'a few'} {unit if amount - 1 == 1 else unit + 's'} later"
                        if amount > 2 else None]
        for phrase in filter(None, true_phrases):
            out.append(_claim("gap.true", f"{first} {phrase.capitalize()}, {lower_first(y.clause, y)}.", False,
                              offset=len(first) + 1))
        wrong_amount = amount * 2 + 3
        wrong = [f"{_P.number_to_words(wrong_amount)} {unit}s later",
                 f"less than {_P.number_to_words(max(amount // 3, 1))} {unit}{'s' if amount // 3 > 1 else ''} later"
                 if amount >= 6 else None,
                 f"more than {_P.number_to_words(amount * 3)} {unit}s later"]
        for phrase in filter(None, wrong):
            out.append(_claim("gap.false", f"{first} {phrase.capitalize()}, {lower_first(y.clause, y)}.", True,
                              offset=len(first) + 1))
        # a named anchor: "Y, N days after X"
        anchor = _nominal(x)
        if anchor:
            out.append(_claim("gap.true", f"{y.clause}, {words} {plural} after {anchor}.", False))
            out.append(_claim("gap.false", f"{y.clause}, {_P.number_to_words(wrong_amount)} {unit}s after {anchor}.",
                              True))
    return out


def _gap_words(days: int) -> tuple[int | None, str]:
    if days <= 0:
        return None, "day"
    if days <= 13:
        return days, "day"
    if days % 7 == 0 and days <= 70:
        return days // 7, "week"
    if days < 60:
        return None, "day"
    if days < 700:
        months = round(days / 30.44)
        return (months, "month") if abs(days - months * 30.44) <= 6 else (None, "month")
    years = round(days / 365.25)
    return (years, "year") if abs(days - years * 365.25) <= 60 else (None, "year")


def _nominal(e: Event) -> str | None:
    """"the day X happened": an anchor phrase for an event, from its clause ("Kennedy blockaded Cuba")."""
    return f"{lower_first(e.clause, e)}" if len(e.clause.split()) <= 9 else None


ORDER_FORMS = [
    # (template, what it claims about A and B)  A and B are clauses; {a} is A in lower case
    ("{A} before {b}.", "before"),
    ("Before {b}, {a}.", "before"),
    ("After {a}, {b}.", "after"),
    ("{B} only after {a}.", "after"),
    ("By the time {b}, {a}.", "before"),
    ("{A}. Then {b}.", "before"),
    ("{A}, and then {b}.", "before"),
    ("{B} after {a}.", "after"),
    ("Even before {b}, {a}.", "before"),
    ("{A}, and only after it, {b}.", "before"),
]


def order_cases(evs: list[Event], rng: random.Random) -> list[Case]:
    out = []
    for i, (x, y) in enumerate(_pairs(evs)):
        for j, (form, _) in enumerate(ORDER_FORMS):
            if (i + j) % 3:
                continue  # every construction, but not every pair in every one
            true = form.format(A=x.clause, a=lower_first(x.clause, x), B=y.clause, b=lower_first(y.clause, y))
            false = form.format(A=y.clause, a=lower_first(y.clause, y), B=x.clause, b=lower_first(x.clause, x))
            out.append(_claim("order.true", true, False))
            out.append(_claim("order.false", false, True))
    return out


def paraphrase_cases(a: Assignment, evs: list[Event], rng: random.Random) -> list[Case]:
    out = []
    reg = a.factbase.registry
    for i, e in enumerate(evs):
        out.append(_claim("paraphrase", f"{e.clause}, {on(e.when)} {say(e.when, i + 2)}.", False))
        misspelt = _misspell(e.clause, reg, rng)
        if misspelt != e.clause:
            out.append(_claim("paraphrase", f"{on(e.when).capitalize()} {say(e.when, i)}, "
                              f"{lower_first(misspelt, e)}.", False))
    return out


def _misspell(clause: str, reg, rng: random.Random) -> str:
    for ent in reg.entities.values():
        if ent.label != "PERSON":
            continue
        surname = ent.name.split()[-1]
        if len(surname) >= 6 and re.search(rf"\b{re.escape(surname)}\b", clause):
            k = rng.randrange(2, len(surname) - 1)
            return re.sub(rf"\b{re.escape(surname)}\b", surname[:k] + surname[k + 1:], clause, count=1)
    return clause


def person_cases(a: Assignment, evs: list[Event], rng: random.Random) -> list[Case]:
    out = []
    reg = a.factbase.registry
    people = [e for e in reg.entities.values() if e.label == "PERSON" and e.confident and len(e.name.split()) >= 2
              and e.name.replace(" ", "").isalpha()]
    for e in evs:
        named = [p for p in people if re.search(rf"\b{re.escape(p.name)}\b|\b{re.escape(p.name.split()[-1])}\b",
                                                e.clause)]
        if len(named) != 1:
            continue
        who = named[0]
        form = next(f for f in (who.name, who.name.split()[-1]) if re.search(rf"\b{re.escape(f)}\b", e.clause))
        others = [p for p in people if p.id != who.id and p.name.split()[-1] not in e.sentence]
        if others:
            other = rng.choice(others)
            swapped = re.sub(rf"\b{re.escape(form)}\b", other.name, e.clause, count=1)
            out.append(_claim("person.swap", f"{on(e.when).capitalize()} {say(e.when)}, {lower_first(swapped, e)}.",
                              True))
        first = who.name.split()[0]
        new_first = next(n for n in FIRST_NAMES if n != first)
        renamed = re.sub(rf"\b{re.escape(form)}\b", f"{new_first} {who.name.split()[-1]}", e.clause, count=1)
        out.append(_claim("person.first_name", f"{on(e.when).capitalize()} {say(e.when)}, "
                          f"{lower_first(renamed, e)}.", True))
    return out


def number_cases(a: Assignment, rng: random.Random) -> list[Case]:
    """A fact's number told right, beside a number about something else: never wrong."""
    out = []
    fb = a.factbase
    for f in fb.facts:
        qs = [q for q in f.quantities if q.noun and q.dimension is None]
        if len(qs) != 1 or len(f.readings) < 1:
            continue
        r = f.readings[0]
        s, e = r.sentence
        sentence = fb.sources[r.source].text[s:e].strip()
        if len(sentence.split()) > 40:
            continue
        out.append(_claim("number.other", f"{sentence.rstrip('.')} , and it took 37 hours.".replace(" ,", ","),
                          False))
    return out


_AMOUNT = re.compile(r"(?P<amount>[A-Za-z]+|\d+)\s+(?P<unit>day|week|month|year)s?\s+(?:after|before)\s+\S")


def stated_gap_cases(a: Assignment, rng: random.Random) -> list[Case]:
    """A gap a source states from a named event ("eight days after leaving Corunna"), retold in the
    source's own sentence: right as the source has it, wrong with another amount."""
    out = []
    fb = a.factbase
    seen = set()
    for f in fb.facts:
        for r in f.readings:
            s, e = r.sentence
            text = fb.sources[r.source].text
            sentence = text[s:e].strip()
            for m in r.clause.dates:
                g = m.gap
                if not m.relative or g is None or not m.anchor_span or g.hedge or g.low != g.high or not g.low \
                        or (m.start, r.source) in seen or len(sentence.split()) > 45:
                    continue
                hit = _AMOUNT.match(text, m.start)
                if hit is None or hit.end() > e:
                    continue
                seen.add((m.start, r.source))
                lead = len(text[s:e]) - len(text[s:e].lstrip())
                lo, hi = hit.start("amount") - s - lead, hit.end("amount") - s - lead
                other = int(g.low) * 3 + rng.choice([2, 3, 4])
                wrong = sentence[:lo] + str(other) + sentence[hi:]
                out.append(Case("stated_gap.true", sentence, lo, hi, False))
                out.append(Case("stated_gap.false", wrong, lo, lo + len(str(other)), True))
    return out


#: Acts no history source on a topic of its own is likely to tell; a case is kept only when
#: none of its words is in the fact base.
OUTSIDE = ["later wrote a cookery book about Italian desserts", "once kept a pet parrot called Biscuit",
           "enjoyed painting watercolours of lighthouses", "collected rare butterflies as a hobby",
           "was a keen chess player who won a tournament in Vienna", "learned to play the violin as a child",
           "owned a vineyard that produced sweet wine", "bred racing pigeons in a garden shed"]


def outside_cases(a: Assignment, rng: random.Random) -> list[Case]:
    out = []
    fb = a.factbase
    people = [e for e in fb.registry.entities.values() if e.label == "PERSON" and e.confident
              and len(e.name.split()) >= 2 and e.name.replace(" ", "").replace(".", "").isalpha()]
    known = {w for f in fb.facts for r in f.readings for w in re.findall(r"[a-z]+", r.clause.text.lower())}
    acts = [x for x in OUTSIDE if not ({w for w in re.findall(r"[a-z]+", x.lower()) if len(w) > 3} & known)]
    for p in people[:6]:
        if acts:
            out.append(Case("outside", f"{p.name} {rng.choice(acts)}.", 0, 0, False, True))
            out[-1].end = len(out[-1].essay)
    return out


def _claim(capability: str, text: str, wrong: bool, offset: int = 0) -> Case:
    text = re.sub(r"\s+", " ", text).strip()
    return Case(capability, text, offset, len(text), wrong)


def cases(a: Assignment, seed: int = 11) -> list[Case]:
    rng = random.Random(seed)
    evs = events(a)
    return (date_cases(evs, rng) + gap_cases(evs, rng) + order_cases(evs, rng)
            + paraphrase_cases(a, evs, rng) + person_cases(a, evs, rng) + number_cases(a, rng)
            + outside_cases(a, rng) + stated_gap_cases(a, rng))


def run(a: Assignment, seed: int = 11) -> tuple[dict[str, list[int]], list[str]]:
    """Check every case; per capability [passed, total], and the failures written out."""
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    failures = []
    all_cases = cases(a, seed)
    reports = a.check_many([(None, c.essay) for c in all_cases], "reveal")
    for c, r in zip(all_cases, reports):
        hit = [f for f in r["findings"] if f["verdict"] == "contradicted" and f["start"] < c.end and c.start < f["end"]]
        said_outside = any(f["verdict"] == "unsupported" for f in r["findings"])
        ok = bool(hit) == c.wrong and (said_outside or not c.outside)
        tally[c.capability][0] += ok
        tally[c.capability][1] += 1
        if not ok:
            why = "; ".join(f"{f['kind']}: {f['message']}" for f in hit) or "nothing flagged"
            label = "wrong" if c.wrong else "true" if hit or not c.outside else "outside"
            failures.append(f"{c.capability} [{label}] {c.essay!r} -> {why}")
    return dict(tally), failures
