"""Date expressions: find them in text, normalise them TIMEX3-style, resolve relative ones.

Written by hand on purpose. dateparser and dateutil parse one string that is
already known to be a date; neither finds date expressions in running text,
reports a granularity ("March 1871" is a month, not the 1st of March), reads
"the early 1870s" or "in the spring of 1872", or anchors "six days later" to the
event the text narrated last. The English words used here live in
``data/dates.json`` so the component that wraps this module is configured by data.
"""
from __future__ import annotations

import calendar
import json
import re
from dataclasses import asdict, dataclass, field, replace
from datetime import date, timedelta
from functools import cached_property
from importlib import resources
from typing import Callable, Iterable

from text_to_num import text2num

from .gaps import HEDGES as GAP_HEDGES, UNIT_DAYS, VAGUE as GAP_VAGUE, Gap
from .spans import ChosenSpans

GRANULARITIES = ("day", "month", "season", "year", "decade", "century", "range")
_COARSENESS = {g: i for i, g in enumerate(GRANULARITIES)}


@dataclass(frozen=True)
class TimeValue:
    """A normalised point or period: known fields plus the granularity they give."""

    granularity: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    season: str | None = None
    decade: int | None = None  # first year of the decade, e.g. 1870
    century: int | None = None  # first year of the century, e.g. 1800
    mod: str | None = None  # START | MID | END, for "early", "mid", "late"
    parts: tuple["TimeValue", "TimeValue"] | None = None  # a range's first and last period ("1871-74")

    @classmethod
    def between(cls, first: "TimeValue", last: "TimeValue") -> "TimeValue":
        """The period from ``first`` to ``last`` ("1871-74", "2 to 6 September 1872")."""
        return cls("range", first.year, parts=(first, last))

    @property
    def value(self) -> str:
        """The TIMEX3-like value: 1871-03-14, 1871-03, 1872-SP, 1871, 187X, 18XX, XXXX-03-14, 1871/1874."""
        if self.granularity == "range" and self.parts:
            return f"{self.parts[0].value}/{self.parts[1].value}"
        if self.granularity == "century" and self.century is not None:
            return f"{self.century // 100:02d}XX"
        if self.granularity == "decade" and self.decade is not None:
            return f"{self.decade // 10:03d}X"
        y = f"{self.year:04d}" if self.year is not None else "XXXX"
        if self.granularity == "year":
            return y
        if self.granularity == "season":
            return f"{y}-{self.season}"
        m = f"{self.month:02d}" if self.month else "XX"
        if self.granularity == "month":
            return f"{y}-{m}"
        return f"{y}-{m}-{self.day:02d}" if self.day else f"{y}-{m}"

    @property
    def complete(self) -> bool:
        """True when the value pins down a period on the calendar (the year is known)."""
        return self.interval() is not None

    def interval(self) -> tuple[date, date] | None:
        """First and last day the value can mean, or None when the year is unknown or off the calendar."""
        try:
            return self._interval()
        except (ValueError, OverflowError):  # a month 13 or a year 0 from an overrides file, say
            return None

    def _interval(self) -> tuple[date, date] | None:
        g = self.granularity
        if g == "range" and self.parts:
            a, b = self.parts[0].interval(), self.parts[1].interval()
            return (a[0], b[1]) if a and b and a[0] <= b[1] else None
        if g == "century" and self.century is not None:
            lo, hi = max(self.century, 1), self.century + 99  # the 1st century starts in year 1: there is no year 0
            lo, hi = _mod_years(lo, hi, self.mod)
            return date(lo, 1, 1), date(hi, 12, 31)
        if g == "decade" and self.decade is not None:
            lo, hi = _mod_years(self.decade, self.decade + 9, self.mod)
            return date(lo, 1, 1), date(hi, 12, 31)
        if self.year is None:
            return None
        if g == "year":
            months = {"START": (1, 5), "MID": (4, 9), "END": (8, 12)}.get(self.mod or "", (1, 12))
            return date(self.year, months[0], 1), _month_end(self.year, months[1])
        if g == "season":
            spans = self.readings()
            return min(lo for lo, _ in spans), max(hi for _, hi in spans)
        if g == "month" and self.month:
            return date(self.year, self.month, 1), _month_end(self.year, self.month)
        if g == "day" and self.month and self.day:
            d = date(self.year, self.month, self.day)
            return d, d
        return None

    def readings(self) -> list[tuple[date, date]]:
        """The stretches of time the value can mean: one, but for a season that straddles the new year
        ("the winter of 1871": the one ending in 1871 or the one starting in it). ``interval`` spans them all."""
        if self.granularity != "season" or self.year is None:
            iv = self.interval()
            return [iv] if iv else []
        months = _DEFAULT_DATA.get("season_readings", {}).get(self.season) or [_DEFAULT_DATA["season_months"][self.season]]
        return [(_month_start(self.year, first), _month_end(self.year + (last - 1) // 12, (last - 1) % 12 + 1))
                for first, last in months]

    def to_dict(self) -> dict:
        return {"value": self.value, "granularity": self.granularity, "mod": self.mod}

    @classmethod
    def from_value(cls, value: str) -> "TimeValue":
        """Parse a TIMEX3-like value string back (used by overrides files)."""
        v = value.strip()
        if "/" in v:
            first, last = v.split("/", 1)
            return cls.between(cls.from_value(first), cls.from_value(last))
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", v):
            y, mo, d = map(int, m.groups())
            date(y, mo, d)  # raises ValueError on an impossible day
            return cls("day", y, mo, d)
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})", v):
            return cls("month", int(m[1]), int(m[2]))
        if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", v):
            return cls("season", int(m[1]), season=m[2])
        if m := re.fullmatch(r"(\d{4})", v):
            return cls("year", int(m[1]))
        if m := re.fullmatch(r"(\d{3})X", v):
            return cls("decade", decade=int(m[1]) * 10)
        if m := re.fullmatch(r"(\d{2})XX", v):
            return cls("century", century=int(m[1]) * 100)
        raise ValueError(f"not a date value: {value!r} (use YYYY-MM-DD, YYYY-MM, YYYY or 187X)")


def _mod_years(lo: int, hi: int, mod: str | None) -> tuple[int, int]:
    span = hi - lo + 1
    if mod == "START":
        return lo, lo + max(span * 4 // 10 - 1, 0)
    if mod == "MID":
        return lo + span * 3 // 10, lo + span * 7 // 10
    if mod == "END":
        return lo + span * 6 // 10, hi
    return lo, hi


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _month_start(year: int, month: int) -> date:
    """The first day of a month counted from ``year``'s January as 1 (0 is the December before)."""
    return date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


def coarser(a: str, b: str) -> str:
    """The coarser of two granularities."""
    return a if _COARSENESS.get(a, 9) >= _COARSENESS.get(b, 9) else b


def agree(a: TimeValue, b: TimeValue) -> bool | None:
    """Whether two dates can mean the same time, at the coarser granularity; None if incomparable.

    "March 1871" agrees with 14 March 1871 because the periods overlap.
    A date without a year ("14 March") is compared on the fields both give.
    """
    ia, ib = a.interval(), b.interval()
    if ia and ib:
        return any(x[0] <= y[1] and y[0] <= x[1] for x in a.readings() for y in b.readings())
    shared = False
    for f in ("month", "day"):
        va, vb = getattr(a, f), getattr(b, f)
        if va is not None and vb is not None:
            shared = True
            if va != vb:
                return False
    return True if shared else None


_FIELDS = {"day": ("year", "month", "day"), "month": ("year", "month"), "year": ("year",)}


def differing_fields(a: TimeValue, b: TimeValue) -> list[str] | None:
    """The fields in which two dates of one granularity differ ("14 March 1871" and "14 May 1871":
    ["month"]), leaving out those ``a`` does not give; None unless both are days, months or years."""
    if a.granularity != b.granularity or a.granularity not in _FIELDS:
        return None
    return [f for f in _FIELDS[a.granularity] if getattr(a, f) is not None and getattr(a, f) != getattr(b, f)]


def order(a: TimeValue, b: TimeValue) -> int | None:
    """-1 if a is wholly before b, 1 if wholly after, 0 if they overlap, None if unknown."""
    ia, ib = a.interval(), b.interval()
    if not (ia and ib):
        return None
    if ia[1] < ib[0]:
        return -1
    if ib[1] < ia[0]:
        return 1
    return 0


def shift(base: TimeValue, amount: int, unit: str) -> TimeValue | None:
    """The value ``amount`` units after ``base``, at a granularity the two can support."""
    if base.year is None:
        return None
    if unit in ("day", "week", "fortnight"):
        if base.granularity != "day":
            return None
        days = amount * {"day": 1, "week": 7, "fortnight": 14}[unit]
        d = date(base.year, base.month, base.day) + timedelta(days=days)
        return TimeValue("day", d.year, d.month, d.day)
    if unit == "month":
        if base.granularity not in ("day", "month"):
            return None
        idx = base.year * 12 + (base.month - 1) + amount
        return TimeValue("month", idx // 12, idx % 12 + 1)
    if unit in ("year", "decade"):
        if base.granularity not in ("day", "month", "season", "year"):
            return None
        return TimeValue("year", base.year + amount * (10 if unit == "decade" else 1))
    return None


def shift_by_gap(base: TimeValue, gap: Gap) -> TimeValue | None:
    """The period a hedged or vague gap after ``base`` can fall in ("about a week later": 5 to 9 days on)."""
    iv = base.interval()
    if iv is None or gap.high is None or gap.direction == 0:
        return None
    days = UNIT_DAYS[gap.unit]
    lo, hi = sorted((gap.direction * gap.low * days, gap.direction * gap.high * days))
    first, last = iv[0] + timedelta(days=round(lo)), iv[1] + timedelta(days=round(hi))
    return TimeValue.between(TimeValue("day", first.year, first.month, first.day),
                             TimeValue("day", last.year, last.month, last.day))


@dataclass
class DateMention:
    """A date expression found in a text, with its resolved value (or why it has none)."""

    text: str
    start: int
    end: int
    kind: str  # absolute | partial | relative
    value: TimeValue | None = None
    offset: tuple[int, str] | None = None  # (signed amount, unit) for relative dates
    anchor_text: str | None = None  # the event a relative date names ("the siege"), if any
    anchor: dict | None = None  # what it was resolved against: {"text", "start", "end", "value"}
    note: str | None = None
    stated: TimeValue | None = None  # only the parts the text itself gives, when others were inferred
    bound: str | None = None  # "before" or "after": "before 1871" bounds an event, it does not date it
    gap: Gap | None = None  # for a relative date: the range of time it puts after (or before) its anchor
    weekday: int | None = None  # the day name the text gives with it (0 = Monday): "Sunday 2 June"

    @property
    def claimed(self) -> TimeValue | None:
        """What the writer actually committed to: "the 14th of March" says nothing about the year."""
        return self.stated if self.stated is not None else self.value

    @property
    def relative(self) -> bool:
        return self.kind == "relative"

    @property
    def anchor_span(self) -> tuple[int, int] | None:
        """Where the named anchor ("the siege") stands inside the mention, if it has one."""
        if not self.anchor_text or not self.text.endswith(self.anchor_text):
            return None
        return self.end - len(self.anchor_text), self.end

    @property
    def resolved(self) -> bool:
        return self.value is not None and self.value.complete

    def to_dict(self) -> dict:
        d = {"text": self.text, "start": self.start, "end": self.end, "relative": self.relative,
             "value": self.value.value if self.value else None,
             "granularity": self.value.granularity if self.value else None,
             "resolved": self.resolved}
        if self.offset:
            d["offset"] = {"amount": self.offset[0], "unit": self.offset[1]}
        if self.anchor_text:
            d["anchor_text"] = self.anchor_text
        if self.anchor:
            d["anchor"] = self.anchor
        if self.note:
            d["note"] = self.note
        if self.bound:
            d["bound"] = self.bound
        if self.gap:
            d["gap"] = {"low": self.gap.low, "high": self.gap.high, "unit": self.gap.unit,
                        "direction": self.gap.direction, "calendar": self.gap.calendar, "hedge": self.gap.hedge}
        return d


def _load_default_data() -> dict:
    return json.loads(resources.files("essaycheck.data").joinpath("dates.json").read_text("utf-8"))


_DEFAULT_DATA = _load_default_data()


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@dataclass
class _Raw:
    start: int
    end: int
    rule: str
    groups: dict


_ANCHOR_STOP = re.compile(r"\s+(?:and|but|while|when|which|who|so|because|as|then|until|where|that)\s+|\s*[,;:()]", re.I)


_PRONOUN = re.compile(r"\s(?:they|he|she|we|I|you|it|there)\b")
_FUNCTION = frozenset("the a an of on in at by to for from and his her its their this that".split())


def _trim_anchor(anchor: str) -> str:
    """The event a relative date counts from, without the clause that follows it.

    "the arrest they reached Hale House" names "the arrest"; so does
    "the siege Hale surrendered" (a name right after a common noun
    starts a new clause).
    """
    if m := _PRONOUN.search(anchor):
        anchor = anchor[:m.start()]
    ws = anchor.split()
    for i in range(1, len(ws)):
        prev = ws[i - 1]
        if ws[i][:1].isupper() and prev.islower() and prev not in _FUNCTION:
            ws = ws[:i]
            break
    return " ".join(ws[:8])


_UNITS_WORDS = ("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
                "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred "
                "thousand").split()
_NUMBER_WORD = "|".join(sorted(_UNITS_WORDS, key=len, reverse=True))
#: An amount as written: digits, number words ("thirty-eight", "a hundred and five"), "a", "half a".
NUMBER = (rf"\d{{1,3}}(?:\.\d)?|(?:a\s+|one\s+)?(?:{_NUMBER_WORD})(?:(?:-|\s+|\s+and\s+)(?:{_NUMBER_WORD}))*\b"
          r"|half\s+an?|an?")


def parse_amount(words: str) -> float | None:
    """The value of an amount as written: "38", "thirty-eight", "a", "half a", "a hundred and five".

    Number words are read by text2num (a maintained parser), not by a word list of our own.
    """
    w = re.sub(r"\s+", " ", words.strip().lower())
    if re.fullmatch(r"\d+(?:\.\d+)?", w):
        return float(w)
    if w in ("a", "an", "one"):
        return 1.0
    if w.startswith("half a"):
        return 0.5
    w = re.sub(r"^an? (?=hundred|thousand)", "one ", w)
    try:
        return float(text2num(w, "en"))
    except ValueError:
        return None


# "before 1871" or "by 1872" only bounds when something happened; "until January 1873" and
# "since 1868" date the edges of the event itself, so they stay dates.
_BEFORE_WORDS = ("before", "by", "prior to")
_BOUND = re.compile(r"\b(before|by|prior to|after)\s+(?:the\s+)?(?:(?:very\s+)?(?:end|close|start|beginning|middle)\s+of\s+(?:the\s+)?)?$", re.I)
#: ("since 1868", and "since her banishment in 1868": a state's start, told through the event that began it)
_SINCE = re.compile(r"\b(?:since|ever since)\s+(?:the\s+)?(?:(?:his|her|their|its|the|[a-z]+'s)\s+[a-z]+\s+(?:in|of|on)\s+(?:the\s+)?)?$",
                    re.I)


#: How far before and after its trigger word a rule's match may reach: more than any date phrase, anchor included.
_WINDOW = (100, 200)
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n")


@dataclass
class DateGrammar:
    """Compiled date patterns built from a data dictionary (see data/dates.json)."""

    data: dict = field(default_factory=lambda: dict(_DEFAULT_DATA))
    day_first: bool = True
    document_date: TimeValue | None = None  # when the text was written (a dated letter, a diary, the news)

    @cached_property
    def _full_date(self) -> re.Pattern:
        """A date with its month and year ("19 November 1871", "November 19, 1871", "November 1871")."""
        months = _alt(self.data['months'])
        return re.compile(rf"\b(?:(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{months})\.?"
                          rf"|(?P<month2>{months})\.?(?:\s+(?P<day2>[0-3]?\d)"
                          rf"(?:st|nd|rd|th)?,?)?)\s+(?P<year>[12]\d{{3}})\b", re.I)

    @cached_property
    def _rules(self) -> list[tuple[str, re.Pattern]]:
        d = self.data
        # a dot after an abbreviation ("Aug. 3"), never after a whole name: "in August.\n3. Next" ends a sentence
        short = [k for k, v in d["months"].items() if any(o != k and o.startswith(k) and w == v for o, w in d["months"].items())]
        month = rf"(?P<month>{_alt(d['months'])})(?:(?:{'|'.join(f'(?<={re.escape(k)})' for k in short)})\.)?"
        weekday = rf"(?:(?P<wday>{_alt(d['weekdays'])})\.?,?\s+(?:the\s+)?)?"
        day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
        # an ordinal word before a capitalised word is a name: "June the Third Lornby Guard", "the Second Tarnby Guard"
        oday = rf"(?:{day}|(?P<oword>{_alt(d['ordinal_words'])})(?!\s+(?-i:[A-Z])))"
        year = r"(?P<year>[12]\d{3})"
        mod = rf"(?:(?P<mod>{_alt(d['modifiers'])})[-\s]+)?"
        count = rf"(?P<n>{NUMBER}|{_alt(GAP_VAGUE)})"
        hedge = rf"(?:(?P<hedge>{_alt(GAP_HEDGES)})\s+)?"
        unit = rf"(?P<unit>{_alt(d['units'])})"
        half = r"(?P<half>\s+and\s+a\s+half)?"
        after = _alt(d["after_words"] + d["before_words"])
        anchor = r"(?:\s+(?P<anchor>[^,.;:!?\n]{1,80}))?"
        rules = [
            ("iso", r"\b(?P<year>[12]\d{3})-(?P<m>[01]?\d)-(?P<day>[0-3]?\d)\b"),
            ("numeric", r"\b(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)[/.](?P<year>[12]\d{3}|\d{2})\b"),
            ("day_range", rf"\b(?:(?:between|from)\s+)?(?:the\s+)?(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|–|to|and|until|till)\s*"
                          rf"(?:the\s+)?{day}\s+(?:of\s+)?{month}(?:,?\s+{year})?\b"),
            # "from May to August 1871": the year the second month has is the first's (or the year before)
            ("month_range", rf"\b(?:between|from)\s+(?P<m1>{_alt(d['months'])})\s+(?:to|and|until|till)\s+"
                            rf"{month},?\s+{year}\b"),
            ("year_range", r"\b(?:(?P<from>between|from)\s+)?(?P<y1>[12]\d{3})\s*(?:[-–—]|\s(?:and|to|until|till)\s)\s*"
                           r"(?P<y2>[12]\d{3}|\d{2})\b(?![-–/]\d)"),
            ("holiday", rf"\b(?P<holiday>{_alt(d['holidays'])})(?:,?\s+{year})?\b"),
            ("day_of_month", rf"\b{weekday}(?:the\s+)?{oday}\s+(?:day\s+)?of\s+{month}(?:,?\s+{year})?\b"),
            ("day_month", rf"\b{weekday}{day}\s+{month}(?:,?\s+{year})?\b"),
            ("month_day", rf"\b{weekday}{month}\s+(?:the\s+)?{oday}(?!\s*(?:,\s*)?\d{{3}}\b)(?:,?\s+{year})?\b"),
            ("month_year", rf"\b{mod}{month},?\s+(?:of\s+)?{year}\b"),
            ("season", rf"\b(?:the\s+)?{mod}(?P<season>{_alt(d['seasons'])})\s+(?:of\s+)?{year}\b"),
            ("the_year", rf"\b(?:the\s+)?year\s+(?:of\s+)?{year}\b"),
            ("decade", rf"\b(?:the\s+)?{mod}(?P<decade>[12]\d{{2}}0)'?s\b"),
            ("century", rf"\b(?:the\s+)?{mod}(?P<cent>[12]?\d)(?:st|nd|rd|th)[-\s]+century\b"),
            ("rel_to_the_day", rf"\b{count}\s+{unit}\s+to\s+the\s+day\s+(?P<dir>{after}){anchor}"),
            ("rel_count", rf"\b{hedge}{count}\s+(?:(?:whole|full|good|clear|entire|mere|further|short|long)\s+)?"
                          rf"{unit}{half}\s+(?P<dir>{after}){anchor}"),
            ("rel_compound", rf"\b{hedge}{count}\s+{unit},?\s+and\s+(?P<n2>{NUMBER})\s+(?P<unit2>{_alt(d['units'])})"
                             rf"\s+(?P<dir>{after}){anchor}"),
            ("rel_within", rf"\b(?P<hedge>within|inside)\s+(?:the\s+)?(?:(?:next|following)\s+)?{count}?\s*{unit}"
                           rf"(?:\s+(?P<dir>of|after){anchor})?"),
            ("rel_the", rf"\b(?:the|that)\s+(?:very\s+)?(?P<which>{_alt(d['next_words'])})\s+{unit}\b"),
            ("rel_day_after", rf"\bthe\s+{unit}\s+(?P<dir>after|before){anchor}"),
            ("later_that", rf"\blater\s+(?:that|the\s+same|in\s+the\s+same)\s+{unit}\b"),
            ("same_unit", rf"\b(?:on\s+|in\s+|during\s+)?(?:(?:that|the)\s+(?:very\s+)?same|that(?:\s+very)?)\s+{unit}\b"),
            ("deictic", rf"\b(?P<deictic>{_alt(d['deictic_days'])})\b"),
            ("deictic_unit", rf"\b(?P<which>{_alt(d['deictic_units'])})\s+(?P<unit>year|month)\b"),
            # "last June", "next summer", but not "the next summer" (the one after the narrated date)
            ("deictic_named", rf"(?<![Tt]he\s)\b(?:(?:early|late|mid)\s+)?(?P<which>last|this|next|past)\s+"
                              rf"(?:(?P<season>{_alt(d['seasons'])})|{month})\b"),
            ("ago", rf"\b{hedge}{count}\s+{unit}\s+ago\b"),
            ("weekday", rf"\b(?:(?P<wrel>{_alt(d['weekday_relations'])})|by|until|till|from)\s+(?:the\s+)?(?P<weekday>{_alt(d['weekdays'])})"
                        r"(?:\s+(?:the\s+)?(?P<wdom>[0-3]?\d)(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?[A-Z]))?\b"
                        r"(?!\s*,?\s*(?:the\s+)?\d)"),
            # not "the 15th Dragoons", "the 7th Earl": an ordinal before a name names a regiment or a rank
            # (not "the 8th Tarnby Horse", nor "the 8th and 10th Tarnby Horse": a unit's number before its name)
            ("day_only", r"\bthe\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)\b(?!\s+(?:of|century)|[ -]+(?-i:[A-Z])"
                         r"|\s+(?:and|or|&)\s+(?:the\s+)?\d{1,2}(?:st|nd|rd|th)[ -]+(?-i:[A-Z]))"),
            ("bare_month", rf"\b(?P<prep>{_alt(d['context_prepositions'])})\s+{mod}{month}\b"
                           r"(?!\s*(?:[0-3]?\d(?:st|nd|rd|th)?|\d{4})\b)"),
            ("year", rf"(?:\b(?P<mod>{_alt(d['modifiers'])})[-\s]+|(?<![\d,.$£€/-])){year}(?!\d|,\d|-\d)"),  # "mid-1871"
        ]
        return [(name, re.compile(rx, re.I)) for name, rx in rules]

    @cached_property
    def _triggers(self) -> tuple[tuple[re.Pattern, frozenset[str]], ...]:
        """Words without which a rule cannot match (a unit of time, a month name, a digit, "ago"), and the
        rules that need them.

        Most of a text holds no date; the costliest rules run only near these words (see ``scan``),
        which finds the same matches faster.
        """
        d = self.data
        return ((re.compile(rf"\b(?:{_alt(d['units'])})\b", re.I),
                 frozenset({"rel_the", "same_unit", "deictic_unit"})),
                (re.compile(rf"\b(?:{_alt(d['units'])})(?:\s+and\s+a\s+half)?\s+"
                            rf"(?:{_alt(d['after_words'] + d['before_words'])})\b", re.I),
                 frozenset({"rel_count", "rel_day_after"})),
                (re.compile(r"\b(?:within|inside)\b", re.I), frozenset({"rel_within"})),
                (re.compile(r"\blater\b", re.I), frozenset({"later_that"})),
                (re.compile(rf"\b(?:{_alt(d['units'])}),?\s+and\b", re.I), frozenset({"rel_compound"})),
                (re.compile(r"\bago\b", re.I), frozenset({"ago"})),
                (re.compile(r"\bto\s+the\s+day\b", re.I), frozenset({"rel_to_the_day"})),
                (re.compile(rf"\b(?:{_alt(d['months'])})\b", re.I),
                 frozenset({"day_of_month", "day_month", "month_day", "month_year", "day_range", "bare_month",
                            "month_range"})),
                (re.compile(r"\d"),
                 frozenset({"iso", "numeric", "year_range", "decade", "the_year", "season", "century", "year",
                            "day_only"})))

    def _windows(self, text: str) -> dict[str, list[tuple[int, int]]]:
        """Per rule needing a trigger word, the stretches of text around each one (merged)."""
        out: dict[str, list[tuple[int, int]]] = {}
        for rx, names in self._triggers:
            spans: list[tuple[int, int]] = []
            for m in rx.finditer(text):
                lo, hi = max(0, m.start() - _WINDOW[0]), min(len(text), m.end() + _WINDOW[1])
                if spans and lo <= spans[-1][1]:
                    spans[-1] = (spans[-1][0], hi)
                else:
                    spans.append((lo, hi))
            for name in names:
                out[name] = spans
        return out

    def scan(self, text: str) -> list[_Raw]:
        """All non-overlapping raw matches, longest first where they overlap."""
        found: list[_Raw] = []
        windows = self._windows(text)
        for name, rx in self._rules:
            for lo, hi in windows.get(name, ((0, len(text)),)):
                for m in rx.finditer(text, lo, hi):
                    raw = self._accept(name, m, text)
                    if raw is not None:
                        found.append(raw)
        found.sort(key=lambda r: (-(r.end - r.start), r.start))
        taken = ChosenSpans()
        chosen: list[_Raw] = []
        for r in found:
            if not taken.overlaps(r.start, r.end):
                taken.add(r.start, r.end)
                chosen.append(r)
        # "a few hours before the assembly was due to open on 5 November 1872": the anchor's own date counts
        inner: list[_Raw] = []
        for c in list(chosen):
            if "anchor" not in c.groups:
                continue
            a = c.end - len(c.groups["anchor"])
            for r in found:  # longest first
                if a <= r.start < c.end and "anchor" not in r.groups \
                        and all(r.end <= x.start or r.start >= x.end for x in inner):
                    inner.append(r)
                    if r.end > c.end:  # the anchor's date runs past where its words were cut
                        c.groups["anchor"] += text[c.end:r.end]
                        c.end = r.end
                        chosen = [x for x in chosen if x is c or x.end <= r.start or x.start >= r.end]
        return sorted(chosen + inner, key=lambda r: r.start)

    def _accept(self, name: str, m: re.Match, text: str) -> _Raw | None:
        g = {k: v for k, v in m.groupdict().items() if v is not None}
        start, end = m.start(), m.end()
        if "month" in g and g["month"].lower().rstrip(".") == "may" and name in ("bare_month", "month_day"):
            if not g["month"][0].isupper():
                return None
        if name == "bare_month":
            if not g["month"][0].isupper():
                return None
            start = m.start("month") if "mod" not in g else m.start("mod")
            if g.get("prep", "").lower() in self.data["modifiers"]:
                start = m.start("prep")
                g["mod"] = g["prep"]
        if name == "year" and not self._looks_like_year(text, m):
            return None
        if name.startswith("rel") and re.search(r"\bfor\s+(?:about\s+|around\s+|nearly\s+|almost\s+)?$",
                                                text[max(0, start - 20):start], re.I):
            return None  # "besieges the city for 18 days before it surrenders": how long, not when
        if name == "rel_compound" and self.data["units"][g["unit"].lower()] == self.data["units"][g["unit2"].lower()]:
            return None  # "within six days, and two days after the siege": two amounts, not "six days and two"
        if name == "numeric" and len(g["year"]) == 2:
            return None  # "14/03/71" is too ambiguous to read without a century
        if name == "weekday" and g["weekday"].lower() not in self.data["weekday_full"]:
            return None  # "sat", "wed": words first; only a full day name ("friday" too, as pupils write it) is a day
        if name == "weekday" and g.get("wrel", "").lower() in ("on", ""):
            start = m.start("weekday")  # "by Thursday": "by" bounds the date, it is not part of it
        if name == "year_range":
            y1, y2 = int(g["y1"]), g["y2"]
            y2 = int(y2) if len(y2) == 4 else (y1 // 100) * 100 + int(y2)
            if not y1 < y2 <= y1 + 100 or not _plausible_year(y1):
                return None  # "1874-1871" is not a range; "2-3" no years
            if len(g["y2"]) == 2 and not g.get("from") and re.match(r"\s*[-–—]", text[m.end("y1"):]) is None:
                return None
            g["y2"] = str(y2)
        if "anchor" in g:
            anchor = _trim_anchor(_ANCHOR_STOP.split(g["anchor"], maxsplit=1)[0].strip())
            if demonstrative := re.match(r"(?:that|this|it|then)\b(?=\s*(?:had\s+|has\s+)?(?:happened|occurred)?$)",
                                         anchor, re.I):
                anchor = demonstrative.group()  # "after that happened" names no event; "after it started" does
            elif demonstrative := re.match(r"(?:that|this|then)\b(?=\s+(?:[A-Z]|(?:he|she|they|we|it|the|a|an|"
                                           r"his|her|their)\b))", anchor):
                anchor = demonstrative.group()  # "a month after that Hale was found guilty": after that, Hale...
            end = m.start("anchor") + len(g["anchor"]) - len(g["anchor"].lstrip()) + len(anchor)
            if name == "rel_within" and g["dir"].lower() == "of":
                g["dir"] = "after"  # "within a week of the explosion": counted from it
            if g["dir"].lower() not in ("after", "before") or not anchor:
                end = m.end("dir") if "dir" in g else m.end("unit")
                g.pop("anchor", None)
            else:
                g["anchor"] = anchor
        return _Raw(start, end, name, g)

    @staticmethod
    def _looks_like_year(text: str, m: re.Match) -> bool:
        y = int(m["year"])
        if not _plausible_year(y):
            return False
        before = text[max(0, m.start() - 25):m.start()].lower()
        if re.search(r"\b(?:in|of|since|by|until|till|from|during|after|before|year|early|late|mid|circa|c\.)\s+$",
                     before):
            return True
        if re.search(r"(?:about|around|approximately|roughly|nearly|almost|over|than|some|least|to)\s+$", before):
            return False
        after = text[m.end():m.end() + 30]
        nxt = re.match(r"\s+([A-Za-z]+)", after)
        if nxt:
            w = nxt[1]
            if w.islower() and len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
                return False  # "1500 soldiers"
        return True

    def find(self, text: str,
             anchor_lookup: Callable[[str, int, list[DateMention]], DateMention | None] | None = None,
             ) -> list[DateMention]:
        """Find and resolve every date expression of a text, in order."""
        mentions = _Mentions()
        if self.document_date is not None:  # the day a dated document was written: "yesterday" counts from it
            mentions.append(DateMention(self.document_date.value, -1, -1, "absolute", self.document_date))
        for raw in self.scan(text):
            mention = self._resolve(raw, text, mentions, anchor_lookup)
            if mention is not None:
                if mention.kind != "relative" and (b := _BOUND.search(text[max(0, raw.start - 16):raw.start])):
                    mention.bound = "before" if b[1].lower() in _BEFORE_WORDS else "after"
                # "who had led Eastholm since 1868, was forced out that October": a state's start
                # is not the time the text is telling, so it dates no later "that October"
                mentions.append(mention, narrative=not _SINCE.search(text[max(0, raw.start - 40):raw.start]))
        return [m for m in mentions if m.start >= 0]  # not the document's own date

    # -- resolution -------------------------------------------------------------------------

    def _resolve(self, raw: _Raw, text: str, before: list[DateMention],
                 anchor_lookup: Callable[[str, int], DateMention | None] | None) -> DateMention | None:
        g, d = raw.groups, self.data
        span_text = text[raw.start:raw.end]
        wday = d["weekdays"].get(g["wday"].lower().rstrip(".")) if g.get("wday") else None
        mk = lambda kind, value=None, **kw: DateMention(span_text, raw.start, raw.end, kind, value,  # noqa: E731
                                                        **({"weekday": wday} | kw))
        mod = d["modifiers"].get(g.get("mod", "").lower()) if g.get("mod") else None
        month = d["months"][g["month"].lower().rstrip(".")] if "month" in g else None
        year = int(g["year"]) if "year" in g else None
        dayn = int(g["day"]) if "day" in g else (d["ordinal_words"][g["oword"].lower()] if "oword" in g else None)
        r = raw.rule
        if r == "holiday":  # a day known by name (data: holidays), with or without its year
            month, dayn = d["holidays"][re.sub(r"\s+", " ", g["holiday"].lower())]
            r = "day_month"
        try:
            if r == "iso":
                return mk("absolute", _day(year, int(g["m"]), dayn))
            if r == "numeric":
                a, b = int(g["a"]), int(g["b"])
                day_first = self.day_first if a <= 12 and b <= 12 else a > 12
                dd, mm = (a, b) if day_first else (b, a)
                return mk("absolute", _day(year, mm, dd))
            if r in ("day_of_month", "day_month", "month_day"):
                if year is not None:
                    return mk("absolute", _day(year, month, dayn))
                ctx = _context(before, need_month=False)
                stated = TimeValue("day", None, month, dayn)
                later = self._later_in_sentence(text, raw.end)
                if later is not None and (ctx is None or ctx.value.year != later[0]) \
                        and (later[1], later[2] or 31) >= (month, dayn) \
                        and (ctx is None or ctx.value.year > later[0]):
                    # "first set for 23 October, then moved to 19 November 1871": the year the sentence gives
                    # on, where the story so far would put the day after the date it was moved to
                    return mk("partial", _day(later[0], month, dayn), note="year taken from later in the sentence",
                              stated=stated)
                if ctx is None:
                    return mk("partial", stated, note="year not stated")
                return mk("partial", _day(ctx.value.year, month, dayn), note=f"year taken from {ctx.text!r}",
                          stated=stated)
            if r == "month_year":
                return mk("absolute", TimeValue("month", year, month, mod=mod))
            if r == "season":
                return mk("absolute", TimeValue("season", year, season=d["seasons"][g["season"].lower()], mod=mod))
            if r in ("the_year", "year"):
                return mk("absolute", TimeValue("year", year, mod=mod))
            if r == "decade":
                return mk("absolute", TimeValue("decade", decade=int(g["decade"]), mod=mod))
            if r == "century":
                n = int(g["cent"])
                if n < 1:
                    raise ValueError("there is no 0th century")
                return mk("absolute", TimeValue("century", century=(n - 1) * 100, mod=mod))
            if r == "bare_month":
                ctx = _context(before, need_month=False)
                stated = TimeValue("month", None, month, mod=mod)
                if ctx is None:
                    return mk("partial", stated, note="year not stated")
                return mk("partial", TimeValue("month", ctx.value.year, month, mod=mod),
                          note=f"year taken from {ctx.text!r}", stated=stated)
            if r == "month_range":
                first = d["months"][g["m1"].lower()]
                return mk("absolute", TimeValue.between(TimeValue("month", year if first <= month else year - 1, first),
                                                        TimeValue("month", year, month)))
            if r == "year_range":
                return mk("absolute", TimeValue.between(TimeValue("year", int(g["y1"])),
                                                        TimeValue("year", int(g["y2"]))))
            if r == "day_range":
                d1, d2 = int(g["d1"]), dayn
                if year is None:
                    ctx = _context(before, need_month=False)
                    if ctx is None:
                        return mk("partial", None, note="year not stated")
                    year = ctx.value.year
                if not d1 < d2:
                    return mk("partial", None, note="not a range of days")
                return mk("absolute" if "year" in g else "partial",
                          TimeValue.between(_day(year, month, d1), _day(year, month, d2)))
            if r == "weekday":
                return self._resolve_weekday(g, before, mk)
            if r in ("deictic", "deictic_unit", "ago", "deictic_named"):
                return self._resolve_deictic(r, g, mk)
            if r == "day_only":
                ctx = _context(before, need_month=True)
                stated = TimeValue("day", None, None, dayn)
                if ctx is None:
                    return mk("partial", stated, note="month and year not stated")
                return mk("partial", _day(ctx.value.year, ctx.value.month, dayn),
                          note=f"month and year taken from {ctx.text!r}", stated=stated)
        except ValueError:
            return mk("partial", None, note="not a real calendar date")
        return self._resolve_relative(raw, text, before, anchor_lookup, mk)

    def _later_in_sentence(self, text: str, end: int) -> tuple[int, int, int | None] | None:
        """(year, month, day) of the first full date later in the sentence that ends after ``end``."""
        stop = _SENTENCE_END.search(text, end)
        rest = text[end:stop.start() if stop else len(text)]
        m = self._full_date.search(rest)
        if m is None:
            return None
        month = self.data["months"][(m["month"] or m["month2"]).lower()]
        day = m["day"] or m["day2"]
        return int(m["year"]), month, int(day) if day else None

    def _resolve_relative(self, raw: _Raw, text: str, before: list[DateMention],
                          anchor_lookup, mk) -> DateMention:
        g, d = raw.groups, self.data
        unit = d["units"].get(g.get("unit", "").lower())
        if unit is None:  # "the next morning" and the like: a day
            unit = "day"
        gap = self._gap(raw.rule, g, unit)
        amount, sign = None, 0
        if gap is not None:
            sign = gap.direction
            if gap.exact and gap.low == int(gap.low):
                amount = int(gap.low)
        anchor_text = g.get("anchor")
        if anchor_text and re.fullmatch(r"(?:that|this|it|then)", anchor_text, re.I):
            anchor_text = None
        if gap is None:
            return mk("relative", None, anchor_text=anchor_text, note="the amount of time is not stated")
        # the gap's own unit: "three weeks and a day" is counted in days
        offset = (amount * sign, gap.unit) if amount is not None else None
        anchor = None
        if anchor_text and anchor_lookup is not None:
            anchor = anchor_lookup(anchor_text, raw.start, before)
        how = "the named event" if anchor is not None else "the event narrated last"
        if anchor is None and anchor_text and re.search(r"[A-Z]", anchor_text):
            # "the year after Hale's death" where no earlier date goes with her death:
            # a named event is not the one narrated last, so the date stays unknown
            return mk("relative", None, offset=offset, anchor_text=anchor_text, gap=gap,
                      note=f"no earlier date is given for {anchor_text!r}")
        if anchor is None:
            # The last date told as a point or period: a hedged gap's range is no place to count from.
            anchor = _last_resolved(before)
        if anchor is None:
            return mk("relative", None, offset=offset, anchor_text=anchor_text, gap=gap,
                      note="no earlier date to count from")
        value = shift(anchor.value, offset[0], offset[1]) if offset is not None else shift_by_gap(anchor.value, gap)
        anchor_info = {"text": anchor.text, "start": anchor.start, "end": anchor.end,
                       "value": anchor.value.value, "via": how}
        if value is None:
            return mk("relative", None, offset=offset, anchor_text=anchor_text, anchor=anchor_info, gap=gap,
                      note=f"{anchor.text!r} is not precise enough to count {unit}s from")
        return mk("relative", value, offset=offset, anchor_text=anchor_text, anchor=anchor_info, gap=gap)

    def _gap(self, rule: str, g: dict, unit: str) -> Gap | None:
        """The range of time a relative date states: "less than a year later", "the next day"."""
        d = self.data
        if rule == "rel_compound":  # "a year and a day after": counted in the smaller unit
            first, second = parse_amount(g["n"]), parse_amount(g["n2"])
            unit2 = d["units"][g["unit2"].lower()]
            if first is None or second is None:
                return None
            small = min((unit, unit2), key=lambda u: UNIT_DAYS[u])
            total = (first * UNIT_DAYS[unit] + second * UNIT_DAYS[unit2]) / UNIT_DAYS[small]
            sign = 1 if g["dir"].lower() in d["after_words"] else -1
            hedge = re.sub(r"\s+", " ", g["hedge"].lower()) if g.get("hedge") else None
            return Gap.stated(round(total), small, sign, hedge if hedge in GAP_HEDGES else None)
        if rule == "rel_to_the_day":
            amount = parse_amount(g["n"]) if g.get("n") else None
            if amount is None:
                return None
            sign = 1 if g["dir"].lower() in d["after_words"] else -1
            return Gap(amount, amount, unit, sign, calendar=True, hedge="to_the_day")
        if rule in ("rel_count", "rel_within"):
            n = re.sub(r"\s+", " ", (g.get("n") or "a").lower())
            if not g.get("n") and g["unit"].lower().endswith("s") and "a few" in GAP_VAGUE:
                n = "a few"  # "within weeks": a few of them, not one
            vague = n if n in GAP_VAGUE else None
            amount = None if vague else parse_amount(n)
            if amount is not None and g.get("half"):
                amount += 0.5
            if rule == "rel_within":
                sign = 1
            else:
                sign = 1 if g["dir"].lower() in d["after_words"] else -1
            hedge = (g.get("hedge") or "").lower() or None
            if hedge and re.sub(r"\s+", " ", hedge) not in GAP_HEDGES:
                hedge = None
            gap = Gap.stated(amount, unit, sign, re.sub(r"\s+", " ", hedge) if hedge else None, vague)
            if rule == "rel_within" and vague and gap is not None:
                gap = Gap(0, gap.high, gap.unit, 1, calendar=gap.calendar, hedge="max")  # "within weeks": none to a few
            return gap
        if rule == "rel_the":
            step = d["next_words"][g["which"].lower()]
            return Gap(abs(step), abs(step), unit, step, calendar=True)
        if rule == "rel_day_after":
            sign = 1 if g["dir"].lower() == "after" else -1
            return Gap(1, 1, unit, sign, calendar=True)
        if rule == "later_that":
            return Gap(0, 0, unit, 1, calendar=True)
        if rule == "same_unit":
            return Gap(0, 0, unit, 0, calendar=True)
        return None

    def _resolve_deictic(self, rule: str, g: dict, mk) -> DateMention:
        """"Yesterday", "last year", "two years ago": counted from the document's own date, if it has one."""
        base = self.document_date
        if base is None or base.interval() is None:
            return mk("partial", None, note="no document date to count from")
        if rule == "deictic":
            step = self.data["deictic_days"][g["deictic"].lower()]
            value = shift(base, step, "day")
        elif rule == "deictic_named":
            # "last June", "this summer", "next March": the one before, of, or after the document's date
            step = self.data["deictic_units"][g["which"].lower()]
            if "season" in g:
                season = self.data["seasons"][g["season"].lower()]
                first = self.data["season_months"][season][0]
                year = base.year + step if step else base.year
                if step < 0 and base.month and first < base.month and first + 3 <= base.month:
                    year = base.year  # "last summer", said in the autumn: this year's
                value = TimeValue("season", year, season=season)
            else:
                month = self.data["months"][g["month"].lower().rstrip(".")]
                year = base.year
                if step < 0 and base.month is not None and month >= base.month:
                    year -= 1
                elif step > 0 and base.month is not None and month <= base.month:
                    year += 1
                value = TimeValue("month", year, month)
        elif rule == "deictic_unit":
            unit = self.data["units"][g["unit"].lower()]
            step = self.data["deictic_units"][g["which"].lower()]
            value = shift(base, step, unit)
            if value is not None and unit == "month" and value.granularity == "day":
                value = TimeValue("month", value.year, value.month)
        else:
            gap = self._gap("rel_count", {**g, "dir": "before"}, self.data["units"][g["unit"].lower()])
            value = None
            if gap is not None and gap.exact and gap.low == int(gap.low):
                value = shift(base, -int(gap.low), gap.unit)
            elif gap is not None:
                value = shift_by_gap(base, gap)
        if value is None:
            return mk("partial", None, note=f"{base.value} is not precise enough to count from")
        return mk("relative", value, anchor={"text": "the document's date", "start": -1, "end": -1,
                                             "value": base.value, "via": "the document date"})

    def _resolve_weekday(self, g: dict, before: list[DateMention], mk) -> DateMention:
        """"On Tuesday", "by Thursday the 6th": a day counted by name from a day whose name is known.

        From the last date the text gave with its day name ("Sunday 2 June 1872"), so
        the count holds in any calendar (a date before 1753 may be Julian; Python's dates are Gregorian);
        or, for dates from 1753 on and for the document's own date, from the calendar.
        "last Tuesday" counts back, "next Tuesday" skips to the week after.
        """
        want = self.data["weekday_full"][g["weekday"].lower()]
        rel = self.data["weekday_relations"].get(re.sub(r"\s+", " ", (g.get("wrel") or "on").lower()), 0)
        named = next((m for m in reversed(before) if m.weekday is not None and m.value is not None
                      and m.value.granularity == "day" and m.value.year is not None), None)
        if named is not None:
            base, base_day = named.value, named.weekday
        else:
            ctx = next((m for m in reversed(before) if m.value is not None and m.value.granularity == "day"
                        and m.value.year is not None and m.kind != "relative"), None)
            base = ctx.value if ctx is not None else self.document_date
            if base is None or base.granularity != "day" or base.year is None or (ctx is not None
                                                                                   and base.year < 1753):
                return mk("partial", None, note="no day of known name to count from", weekday=want)
            base_day = date(base.year, base.month, base.day).weekday()
        b = date(base.year, base.month, base.day)
        ahead = (want - base_day) % 7
        if named is None and (ctx is None or ctx.start < 0) and rel == 0:
            # "Thursday" in a report written on a Friday: the nearest Thursday, most often the one just gone
            back = (base_day - want) % 7
            d = b - timedelta(days=back) if back <= ahead else b + timedelta(days=ahead)
            return mk("partial", TimeValue("day", d.year, d.month, d.day), weekday=want, stated=TimeValue("day"),
                      note=f"the {g['weekday']} nearest {base.value}")
        back = (base_day - want) % 7
        if rel == 0 and not g.get("wdom") and 0 < back < ahead and ahead >= 4:
            # "(Hale would march on Monday 5 June.) Brook spoke of it on Sunday": the Sunday before
            # is as likely as the one after: the day is left unknown
            return mk("partial", None, note=f"the {g['weekday']} before or after {base.value}", weekday=want)
        if rel < 0:
            d = b - timedelta(days=(base_day - want) % 7 or 7)
        else:
            d = b + timedelta(days=ahead + (7 if rel > 0 and ahead == 0 else 0))
        if g.get("wdom") and int(g["wdom"]) != d.day:
            return mk("partial", None, note=f"the {g['weekday']} after {base.value} is not the {g['wdom']}",
                      weekday=want)
        return mk("partial", TimeValue("day", d.year, d.month, d.day), weekday=want,
                  stated=TimeValue("day"),  # the writer named a day of the week, not a date
                  note=f"the {g['weekday']} after {base.value}" if rel >= 0 else f"the {g['weekday']} before {base.value}")


def _plausible_year(y: int) -> bool:
    lo, hi = _DEFAULT_DATA["year_range"]
    return lo <= y <= hi


def _day(year: int | None, month: int | None, day: int | None) -> TimeValue:
    if year is not None and month and day:
        date(year, month, day)  # ValueError on 31 February
    elif month and day and not 1 <= day <= calendar.monthrange(2000, month)[1]:
        raise ValueError("impossible day")
    return TimeValue("day", year, month, day)


def _gives_year(m: DateMention) -> bool:
    v = m.value
    if v is not None and v.granularity == "range" and v.parts:
        # "between April and August 1452 ..., and in November": a range within one year gives it
        return v.year is not None and all(p.year == v.year for p in v.parts)
    return v is not None and v.year is not None and v.granularity in ("day", "month", "season", "year")


def _counts_from(m: DateMention) -> bool:
    """A date told as a point or period: a hedged gap's range is no place to count from."""
    return m.resolved and m.value.granularity != "range"


def _gives_month(m: DateMention) -> bool:
    return _gives_year(m) and m.value.month is not None and m.value.granularity in ("day", "month")


class _Mentions(list):
    """The mentions found so far, knowing the latest that can date what follows.

    Looking back from each new mention through all the earlier ones made a long essay
    with few full dates quadratic; each append updates these three instead.
    """

    def __init__(self) -> None:
        super().__init__()
        self.last_resolved: DateMention | None = None
        self.last_year: DateMention | None = None
        self.last_month: DateMention | None = None

    def append(self, m: DateMention, narrative: bool = True) -> None:
        super().append(m)
        if not narrative:
            return
        if _counts_from(m):
            self.last_resolved = m
        elif m.value is None and m.kind == "relative":
            # "Some years later Hale left. Two days after that...": the story has moved on by an
            # unknown time, so nothing earlier dates what follows
            self.last_resolved = None
        if m.kind != "relative" and _gives_year(m):
            self.last_year = m
            if _gives_month(m):
                self.last_month = m


def _last_resolved(before: list[DateMention]) -> DateMention | None:
    if isinstance(before, _Mentions):
        return before.last_resolved
    return next((m for m in reversed(before) if _counts_from(m)), None)


def _context(before: list[DateMention], need_month: bool) -> DateMention | None:
    """The latest stated date that gives a year (and a month, when needed).

    A relative date's value is only worked out ("a week after Marsh" from whichever
    Marsh came last), so it never lends its year to the next partial date.
    """
    if isinstance(before, _Mentions):
        return before.last_month if need_month else before.last_year
    return next((m for m in reversed(before) if m.kind != "relative"
                 and (_gives_month(m) if need_month else _gives_year(m))), None)


def mention_from_dict(d: dict) -> DateMention:
    """Rebuild a mention from ``DateMention.to_dict`` output (for cached fact bases)."""
    value = TimeValue.from_value(d["value"]) if d.get("value") and "X" not in d["value"][:4] else None
    off = d.get("offset")
    return DateMention(d["text"], d["start"], d["end"], "relative" if d.get("relative") else "absolute", value,
                       offset=(off["amount"], off["unit"]) if off else None,
                       anchor_text=d.get("anchor_text"), anchor=d.get("anchor"), note=d.get("note"))


__all__ = ["TimeValue", "DateMention", "DateGrammar", "agree", "order", "shift", "coarser",
           "mention_from_dict", "asdict", "replace"]
