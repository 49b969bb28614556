"""Numbers stated in text: value, hedge ("about", "over"), unit and what they count."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources

from text_to_num import text2num

from .lexicon import LEXICON
from .spans import SpanSet

_DATA = json.loads(resources.files("essaycheck.data").joinpath("quantities.json").read_text("utf-8"))
#: Words for one thing ("soldier" and "troop"), from the lexicon.
_ONE_THING = LEXICON["same_event"]

# Words that end the run of words naming what a number counts.
# Capitalised words that open a sentence and never name a pier or platform ("Only 12 boats").
_NOT_NAME_WORDS = frozenset("""Only About Around Over Under Some Nearly Almost Just In On By At For From With After
Before During Then About Exactly Roughly Perhaps Maybe Approximately At Least Fewer Less More""".split())

_DIRECTIONS = frozenset(LEXICON["directions"])
_STOP = frozenset("""a an the of to from and or but in on at by for with was were is are be been had has have
that which who this these those it its their his her our as than then when while into onto over under
after before during about around between away out up off so there here would could should will can may
might must did do does not no yes per each every some more most less few many much only just also""".split())


@dataclass(frozen=True)
class Quantity:
    """One stated number with its hedge, unit and the thing it counts."""

    text: str
    start: int
    end: int
    value: float
    hedge: str | None = None  # approx | min | max
    unit: str | None = None
    dimension: str | None = None  # length | mass | time | percent | currency
    base_value: float | None = None  # value in the dimension's base unit
    noun: str | None = None  # lower-cased head word of what is counted ("strikers")
    noun_words: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict:
        d = {"text": self.text, "start": self.start, "end": self.end, "value": self.value}
        for k in ("hedge", "unit", "dimension", "noun"):
            if getattr(self, k):
                d[k] = getattr(self, k)
        return d

    @property
    def display(self) -> str:
        return self.text

    @property
    def amount(self) -> float:
        """The value in its dimension's base unit where it has one ("5 miles" in metres), else the value."""
        return self.base_value if self.base_value is not None else self.value


def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_DIGITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


def _words_value(raw: str, known: dict) -> float | None:
    """The value of a number in words: a phrase of the data file ("half a million") or a
    compound text2num reads ("fifty five", "two hundred and forty")."""
    words = re.sub(r"\s+", " ", raw.replace("-", " ")).strip()
    if words in known:
        return float(known[words])
    if " point " in words:
        whole, _, decimals = words.partition(" point ")
        digits = "".join(str(_DIGITS.index(w)) for w in decimals.split())
        value = _words_value(whole, known)
        return None if value is None else float(f"{int(value)}.{digits}")
    if words.startswith("a "):
        words = "one " + words[2:]  # "a hundred and fifty"
    try:
        return float(text2num(words, "en"))
    except ValueError:
        return None


_CLOCK = re.compile(r"\b\d{1,2}(?:[.:]\d{2})?\s*(?:a\.?m\b\.?|p\.?m\b\.?|o'clock)|\b\d{1,2}:\d{2}\b", re.I)


@dataclass
class QuantityGrammar:
    """Compiled number patterns built from a data dictionary (see data/quantities.json)."""

    data: dict = field(default_factory=lambda: dict(_DATA))

    @cached_property
    def _num(self) -> str:
        """A number in digits or words."""
        d = self.data
        part = _alt(d["number_word_parts"])
        # "fifty five", "ninety-eight", "two hundred and forty" ("and" only after hundred, thousand, ...)
        joined = r"(?:\s+|-|(?:(?<=hundred)|(?<=thousand)|(?<=million)|(?<=billion))\s+and\s+)"
        # a run starts with a count: "several thousand people" is no number, "two thousand" is
        lead = _alt([w for w in d["number_word_parts"] if w not in ("hundred", "thousand", "million", "billion")])
        digit = r"(?:zero|one|two|three|four|five|six|seven|eight|nine)"
        # "one point seven (million)": a decimal in words
        # ("a hundred and fifty": "a" counts one of the scale word after it)
        lead = rf"{lead}|a(?=\s+(?:hundred|thousand|million|billion)\s+and\s)"
        compound = rf"(?:{lead})\b(?:{joined}(?:{part})\b)*(?:\s+point(?:\s+{digit}\b)+)?"
        phrases = _alt([w for w in d["number_words"] if " " in w])  # "half a million", "a dozen"
        # a number in words ends at the word's end, or at a hyphen before a unit ("forty-year-old")
        word_end = rf"(?!\w)(?!-(?!(?:{_alt(d['units'])})\b))"
        single = _alt([w for w in d["number_words"] if " " not in w])
        return (rf"\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?"
                rf"|(?:{phrases})(?![\w-])(?!\s+(?:and\s+)?(?:{part})\b)|{compound}{word_end}|(?:{single}){word_end}")

    def _value(self, raw: str) -> float | None:
        """The value of a lower-cased number as ``_num`` matched it: "1,200", "4.5", "fifty five"."""
        return float(raw.replace(",", "")) if raw[0].isdigit() else _words_value(raw, self.data["number_words"])

    @cached_property
    def _bare(self) -> re.Pattern:
        return re.compile(rf"(?<![\w.,-])(?:{self._num})(?![\w,]\d)", re.I)

    def amounts(self, text: str, skip: list[tuple[int, int]] = ()) -> list[float]:
        """Every number in the text outside the ``skip`` spans (its dates), counted or bare ("ten trips to
        Lornby and seven to Dunmere" gives 10 and 7), leaving out what reads as a year."""
        out = []
        skip = SpanSet(list(skip))
        for m in self._bare.finditer(text):
            if skip.overlaps(m.start(), m.end()):
                continue  # the day of "on 9 June" is no amount
            raw = m[0].lower()
            value = self._value(raw)
            if value is not None and not (re.fullmatch(r"1\d{3}|20\d{2}", raw)):
                out.append(value)
        return out

    @cached_property
    def _ratio(self) -> re.Pattern:
        """"Three out of every four", "one in five", "one person in eight": a share, not two counts."""
        return re.compile(rf"(?<![\w.,-])(?P<a>{self._num})\s+(?:(?:{_alt(self.data['share_nouns'])})\s+)?"
                          rf"(?:out\s+of|in|of)\s+(?:every\s+)?(?P<b>{self._num})"
                          rf"(?![\w,.-]\d)", re.I)

    @cached_property
    def _rx(self) -> re.Pattern:
        d = self.data
        num = self._num
        return re.compile(
            rf"(?<![\w.,-])(?:(?P<hedge>{_alt(d['hedges'])})\s+|(?P<tilde>~)\s*)?(?P<cur>[$£€])?"
            rf"(?P<num>{num})(?!\d|,\d|st\b|nd\b|rd\b|th\b|-(?!(?:{_alt(d['units'])})\b)[A-Za-z])"
            rf"(?P<half>\s+and\s+a\s+half\b)?"  # "two and a half years", "one and a half million"
            rf"(?:\s+(?P<mult>{_alt(d['multipliers'])})\b)?"
            rf"(?:(?:\s*|-)(?P<unit>{_alt(d['units'])})\b)?",  # "100 tons", "a 100-ton lid"
            re.I,
        )

    def find(self, text: str, skip: list[tuple[int, int]] = ()) -> list[Quantity]:
        """Every number in ``text`` outside the ``skip`` spans (dates, times of day), in order."""
        out: list[Quantity] = []
        spans = [*skip, *(m.span() for m in _CLOCK.finditer(text))]
        skip = SpanSet(spans)
        shares = [q for m in self._ratio.finditer(text) if not skip.overlaps(m.start(), m.end())
                  and (q := self._share(m, text)) is not None]
        if shares:
            skip = SpanSet([*spans, *((q.start, q.end) for q in shares)])
        for m in self._rx.finditer(text):
            if skip.overlaps(m.start(), m.end()) or (out and m.start() < out[-1].end):
                continue  # (or the second number of "three dozen plus two", read with the first)
            q = self._build(m, text)
            if q is None:
                continue
            if out and _compound_amount(out[-1], q, text):
                q = _joined(out.pop(), q, text)  # "2 hours 30 minutes", "5 feet and 6 inches"
            if q.unit is None and (plus := re.match(rf"\s+plus\s+({self._num})\b", text[q.end:], re.I)) \
                    and (extra := self._value(plus[1].lower())) is not None:
                # "three dozen plus two archers": one amount, the sum
                end = q.end + plus.end()
                words = _counted_words(text, end)
                q = Quantity(text[q.start:end], q.start, end, q.value + extra, q.hedge,
                             noun=_head(words) or q.noun, noun_words=tuple(words) or q.noun_words)
            out.append(q)
        return sorted(out + shares, key=lambda q: q.start) if shares else out

    def _share(self, m: re.Match, text: str) -> Quantity | None:
        """"Three out of every four carts" as a share of 75 per cent of the carts."""
        a, b = self._value(m["a"].lower()), self._value(m["b"].lower())
        if a is None or b is None or not 0 < a < b:
            return None
        if m["b"][0].isdigit() and not m["a"][0].isdigit():
            return None  # "one in 1871" is no share
        noun_words = _counted_words(text, m.end())
        share = round(100 * a / b, 1)
        return Quantity(m[0], m.start(), m.end(), share, "approx", "percent", "percent", share,
                        _head(noun_words), tuple(noun_words))

    def _build(self, m: re.Match, text: str) -> Quantity | None:
        d = self.data
        raw = m["num"].lower()
        words_num = not raw[0].isdigit()
        value = self._value(raw)
        if value is None:
            return None
        if m["half"]:
            # "two and a half" is 2.5; "two million and a half" is half a million more
            words = raw.split()
            scale = _words_value(words[-1], d["number_words"]) if len(words) > 1 and not raw[0].isdigit() else None
            value += 0.5 * (scale if scale in _SCALES else 1)
        if m["mult"]:
            value *= d["multipliers"][m["mult"].lower()]
        before = text[max(0, m.start() - 30):m.start()]
        name = re.search(r"([A-Z][a-z]+)\s+$", before)
        if name and name[1] not in _NOT_NAME_WORDS and not m["hedge"] and not m["tilde"] and not words_num \
                and not m["unit"] and value < 100:
            return None  # "Berth 9", "Platform 11": part of a name
        if words_num and not m["unit"] and not m["hedge"] and value < 2:
            return None
        unit = dimension = None
        base = None
        if m["unit"]:
            unit = re.sub(r"\s+", " ", m["unit"].lower())
            dimension, factor = d["units"][unit]
            base = value * factor
        elif re.search(r"\baged\s+$", before, re.I):
            unit, dimension, base = "year-old", "age", value  # "aged 27"
        elif m["cur"]:
            unit, dimension, base = d["currencies"][m["cur"]], "currency", value
        hedge = d["hedges"].get(re.sub(r"\s+", " ", m["hedge"].lower())) if m["hedge"] else None
        if m["tilde"]:
            hedge = "approx"  # "~60" in notes is "about 60"
        noun_words = _counted_words(text, m.end())
        if not unit and (whole := _OF_THE_WHOLE.search(text[max(0, m.start() - 80):m.start()])):
            noun_words = [whole[1].lower()]  # "Of the 97 people on board, 35 died": 35 people
        elif not unit and _head(noun_words) is None \
                and (whole := _OF_THE_WHOLE_LISTED.search(text[max(0, m.start() - 130):m.start()])):
            noun_words = [whole[1].lower()]  # "..., 35 died and 20 were hurt": 20 people too
        noun = _head(noun_words)
        if unit and noun_words and noun_words[0] == "of":
            noun_words = noun_words[1:]
        if words_num and not unit and noun is None:
            return None  # a bare "two" with nothing counted is not a claim about a number
        start = m.start("hedge") if m["hedge"] else (m.start("tilde") if m["tilde"] else m.start())
        return Quantity(text[start:m.end()], start, m.end(), value, hedge, unit, dimension, base, noun,
                        tuple(noun_words))


def _compound_amount(a: Quantity, b: Quantity, text: str) -> bool:
    """Is ``b`` the smaller-unit rest of ``a`` ("2 hours" then "30 minutes")?"""
    return bool(a.unit and b.unit and a.dimension == b.dimension and a.dimension is not None
                and b.hedge is None and a.base_value and b.base_value
                and b.base_value / b.value < a.base_value / a.value
                and re.fullmatch(r"\s*(?:,\s*|and\s+)?", text[a.end:b.start]))


def _joined(a: Quantity, b: Quantity, text: str) -> Quantity:
    base = a.base_value + b.base_value
    value = base / (a.base_value / a.value)
    return Quantity(text[a.start:b.end], a.start, b.end, value, a.hedge, a.unit, a.dimension, base, b.noun,
                    b.noun_words)


#: "Of the 97 people on board, " before a number: the number counts those people.
_WHOLE = (r"\b[Oo]f\s+(?:the|these|those|its|their|his|her)\s+(?:(?:[a-z]+\s+)?[\d,]+\s+|[a-z]+\s+)?([a-z]+s|men|women|"
          r"people|children)\b[^,.;:]{0,40},\s*")
_OF_THE_WHOLE = re.compile(_WHOLE + "$")
#: "Of the 97 people on board, 35 died and 20 were hurt": a later bare number of the list counts them too.
_OF_THE_WHOLE_LISTED = re.compile(_WHOLE + r"[^,.;:]{0,40}?\b(?:and|while)\s+(?:[a-z]+\s+)?$")
_PARTITIVE = re.compile(r"\s+of\s+(?:the|its|their|his|her|these|those)\s+(?:[\d,]+\s+)?(?=[A-Za-z])", re.I)


#: Capitalised words listed before the last of them: "Westmarch, Eastholm and " of "... Lornby soldiers".
_NAME_LIST = re.compile(r"\s*(?:[A-Z][A-Za-z'-]*(?:\s*,\s*|\s+and\s+|\s+or\s+|,\s+and\s+))+(?=[A-Z][A-Za-z'-]*\s+[a-z])")


def _counted_words(text: str, pos: int) -> list[str]:
    """Up to three content words after a number: "300 Westmarch strikers" gives [westmarch, strikers].

    "60 of the 120 ships" counts ships too.
    """
    if m := _PARTITIVE.match(text, pos):
        pos = m.end() - 1
    if m := _NAME_LIST.match(text, pos):
        pos = m.end() - 1  # "80,000 Westmarch, Eastholm and Lornby soldiers": the soldiers are counted
    words: list[str] = []
    last = 0
    for m in re.finditer(r"\s*([A-Za-z][A-Za-z'-]*)", text[pos:pos + 60]):
        if m.start() != 0 and not words and not text[pos:pos + m.start()].isspace():
            break
        if words and m.start() != last:
            break  # "17,000 men + 26 ships": the words after the men are another count's
        last = m.end()
        w = m[1].lower()
        if w in _STOP or len(words) >= 3 or (not words and all(p in _DIRECTIONS for p in w.split("-"))):
            break  # ("75 miles east of Lornby": where, not what is measured)
        words.append(w)
        nxt = text[pos + m.end():pos + m.end() + 1]
        if nxt and nxt not in " -":
            break
    return words


_MEMBERS = frozenset(_DATA["member_nouns"])
_IRREGULAR_PLURALS = frozenset("men women people children police cattle feet teeth mice geese".split())


def _head(words: list[str]) -> str | None:
    """The counted noun: the last plural in "300 Westmarch strikers", "300 men died"; else the first word."""
    plurals = [w for w in words if w in _IRREGULAR_PLURALS or
               (w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 2)]
    if plurals and plurals[-1] in _MEMBERS and words.index(plurals[-1]) > 0:
        return words[words.index(plurals[-1]) - 1]  # "12 crew members" counts crew
    if plurals:
        return plurals[-1] if words.index(plurals[-1]) <= 2 else plurals[0]
    return words[0] if words else None


def noun_key(word: str | None) -> str | None:
    """A crude singular for matching counted nouns ("strikers" and "striker"), read through the
    lexicon's words for one thing ("soldiers" and "troops")."""
    if not word:
        return None
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        word = word[:-1]
    return _ONE_THING.get(word, word)


def comparable(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities measure the same kind of thing."""
    if a.dimension or b.dimension:
        return a.dimension == b.dimension and a.dimension is not None
    return noun_key(a.noun) is not None and noun_key(a.noun) == noun_key(b.noun)


def kind_key(q: Quantity) -> tuple[str, str] | None:
    """What ``comparable`` compares: two quantities are comparable when their keys are equal and not None."""
    if q.dimension:
        return ("dimension", q.dimension)
    noun = noun_key(q.noun)
    return ("noun", noun) if noun is not None else None


def agree(a: Quantity, b: Quantity, data: dict = _DATA) -> bool | None:
    """Whether two comparable quantities can be the same amount; None if not comparable.

    "about 300" and "around 300" agree; "5 miles" and "8 kilometres" agree; an
    "over 1,000" agrees with any amount above a thousand.
    """
    if not comparable(a, b):
        return None
    va, vb = a.amount, b.amount
    # "six and a half months" is no count of days: a time in months or years is told to half its unit
    slack = 0.5 * max(va / a.value, vb / b.value) if a.dimension == "time" and a.unit != b.unit \
        and a.value and b.value else 0.0
    for x, y, vx, vy in ((a, b, va, vb), (b, a, vb, va)):
        if x.hedge == "min" and y.hedge != "max":
            return vy >= vx - max(vx * data["exact_tolerance"], slack)
        if x.hedge == "max" and y.hedge != "min":
            return vy <= vx + max(vx * data["exact_tolerance"], slack)
    if a.hedge or b.hedge:
        return abs(va - vb) <= max(data["approx_tolerance"] * max(abs(va), abs(vb)), slack)
    if a.unit != b.unit:  # converted: "5 miles" is 8.05 km, and writers round it
        return abs(va - vb) <= max(data["exact_tolerance"] * max(abs(va), abs(vb)), slack)
    # Same unit, no hedge: equal within the rounding of the rounder number (1,400 covers 1,378; 312 is not 305).
    return abs(a.value - b.value) <= max(_rounding(a.value), _rounding(b.value))


#: Number words that scale the number before them ("a thousand and a half": a half of the scale).
_SCALES = frozenset({100.0, 1000.0, 1e6, 1e9, 1e12})


def _rounding(x: float) -> float:
    """Half the place value of a number's last significant digit: 1,400 -> 50, 312 -> 0.5."""
    if x != int(x):
        return 0.05
    n, zeros = int(abs(x)), 0
    while n and n % 10 == 0 and zeros < 6:
        n //= 10
        zeros += 1
    return 0.5 * 10 ** zeros if zeros else 0.5


_GRAMMAR = QuantityGrammar()


def amounts(text: str, skip: list[tuple[int, int]] = ()) -> list[float]:
    """Every number in a text outside ``skip``, by the default grammar (see ``QuantityGrammar.amounts``)."""
    return _GRAMMAR.amounts(text, skip)
