"""The core package names no topic: none of the people, places or events of the sources the tests and
evaluation use appears in src/essaycheck, comments and docstrings included.

The names are read from those sources themselves, so a new topic is covered the day its sources are
added: a name is a word the sources capitalise in the middle of a sentence. Examples in the core's
comments use the invented land of tests/unit/test_comparators.py (Hale, Brook, Marsh, Westmarch,
Eastholm, Lornby, Dunmere) instead.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("tests/data/*/sources/*.txt", "rubric/*/sources/*.txt")
CORE = ROOT / "src" / "essaycheck"

#: Capitalised words the sources share with the core, none of them a topic's own:
ALLOWED = {
    # the core reads dates: month and day names are its own words, in every topic
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    # the language the checker reads, not a people of one topic
    "English",
    # titles before a name, which the core strips whoever holds them (data/entities.json)
    "President", "King", "Queen", "Archbishop", "Earl", "Lord", "Sir", "Mayor", "Lieutenant", "Brigadier", "General",
    "Vice", "Duke", "Marquis",
    # an ordinary word the sources now capitalise more often than not, as the last word of names
    # ("House of Commons", "White House", "Hale House"): the core's examples use it of the invented land
    "House",
    # a surname of the invented land the core's examples have used from the start (Rob Marsh); one blind
    # topic's source later named a real person with it, which the core never speaks of
    "Marsh",
}

_WORD = re.compile(r"[A-Za-z]+")
#: What ends a stretch of text, so that the next word may be capitalised for that alone: a line start,
#: a full stop, "!", "?" or ":" ("KEY DATES: The ..."), a bullet, or a dash between spaces in notes
#: ("Marsh - General of Westmarch"); opening quotes and brackets in between change nothing.
_OPENING = re.compile(r"(?:^|[.!?:]|^\s*[-\u2013\u2014*\u2022\u25aa]+|\s[-\u2013\u2014]+|->)[\s\"'\u201c\u2018(\[]*$")
_ROMAN = re.compile(r"[IVXLC]+")
#: A word of the core's Python files, identifiers not split at their underscores.
_CORE_WORD = re.compile(r"(?<![\w])[A-Za-z]+(?![\w])")


def _mid_sentence_capitals(line: str):
    words = list(_WORD.finditer(line))
    for k, m in enumerate(words):
        w = m.group()
        if len(w) < 2 or not w[0].isupper() or _ROMAN.fullmatch(w):
            continue  # "I", an initial, or a regnal number ("Aldric IV")
        beside = [words[j].group() for j in (k - 1, k + 1) if 0 <= j < len(words)]
        if w.isupper() and any(len(b) > 1 and b.isupper() for b in beside):
            continue  # a heading in capitals ("KEY PEOPLE"), not an acronym
        if not _OPENING.search(line, 0, m.start()):
            j = k - 2 if k >= 2 and words[k - 1].group() == "s" else k - 1  # "Hale's Mill"
            yield w, j >= 0 and words[j].group()[0].isupper()


@lru_cache(maxsize=1)
def topic_names() -> frozenset[str]:
    """Every word the sources capitalise mid-sentence more often than they write it in lower case.

    A word written in lower case at least as often is an ordinary word some name happens to hold
    ("the House of Lords", "Reactor No. 4"), not a name of its own; so is an ordinary word the
    sources also write in lower case that is capitalised only after another capital, as the last
    word of a longer name ("Lornby Town Hall", "Hale's Mill").
    """
    capital, alone, lower = Counter(), Counter(), Counter()
    for pattern in SOURCES:
        for path in ROOT.glob(pattern):
            for line in path.read_text(encoding="utf-8").splitlines():
                for w, after_capital in _mid_sentence_capitals(line):
                    capital[w] += 1
                    alone[w] += not after_capital
                lower.update(w for w in _WORD.findall(line) if w.islower())
    return frozenset(w for w, n in capital.items()
                     if (alone[w] if lower[w.lower()] else n) > lower[w.lower()]) - ALLOWED


def test_the_sources_yield_names():
    names = topic_names()
    assert len(names) > 100, "no sources found: the check below would pass for nothing"
    assert not {"English", "March", "President", "House", "The"} & names


def test_no_topic_name_in_the_core_package():
    names = topic_names()
    found = [f"{path.relative_to(ROOT)}:{i}: {word}"
             for path in sorted(CORE.rglob("*.py"))
             for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             for word in _CORE_WORD.findall(line) if word in names]
    assert not found, ("names from the topics' sources in the core package (use the invented land of "
                       "tests/unit/test_comparators.py instead):\n" + "\n".join(found))
