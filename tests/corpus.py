"""Long essays and large source sets made deterministically from the project's own texts.

The labelled topics in tests/data/ and the default pack in rubric/ hold about 6,000 words of
sources and 9,000 of essays. Benchmarks and tests that need more (a 30,000-word essay, a
50,000-word fact base, 5,000 different essays) repeat them, and rename the people, places and
organisations of each repetition so that it reads as another history with its own names:
a name becomes a made-up word derived from the name and the repetition number, the same
within one repetition. Ordinary words, month and day names and dates are kept, so every
repetition has as many dates, numbers, names and claims as the original.
"""
from __future__ import annotations

import hashlib
import json
import random
import re
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
PACK = ROOT / "rubric" / "cuban-missile-crisis"

_WORD = re.compile(r"[A-Za-z]+")
_NAME = re.compile(r"\b[A-Z][a-z]{2,}\b")
_SENTENCE_END = re.compile(r"(?<=[.!?])[ \t]+|\n")
_KEEP = frozenset("""january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday""".split())
_CONSONANTS = "bdfgklmnprstvz"
_VOWELS = "aeiou"


def topic_dirs() -> list[Path]:
    return sorted(d for d in DATA.iterdir() if (d / "labels.json").is_file())


@lru_cache(maxsize=1)
def sources() -> tuple[tuple[str, str], ...]:
    """(name, text) of every source: the default pack's first, then each labelled topic's."""
    out = [(p.name, p.read_text("utf-8")) for p in sorted((PACK / "sources").glob("*.txt"))]
    for d in topic_dirs():
        labels = json.loads((d / "labels.json").read_text("utf-8"))
        out += [(f"{d.name}-{Path(f).name}", (d / f).read_text("utf-8")) for f in labels["sources"].values()]
    return tuple(out)


@lru_cache(maxsize=1)
def essays() -> tuple[tuple[str, str], ...]:
    """(name, text) of every essay: the pack's sample, then each labelled topic's essays."""
    out = [("sample-essay.txt", (PACK / "examples" / "sample-essay.txt").read_text("utf-8"))]
    for d in topic_dirs():
        labels = json.loads((d / "labels.json").read_text("utf-8"))
        out += [(e["file"], (d / e["file"]).read_text("utf-8")) for e in labels["essays"]]
    return tuple(out)


def paragraph_count() -> int:
    """How many paragraphs the corpus essays hold (the ``start`` values of ``long_essay`` that differ)."""
    return sum(1 for _, t in essays() for p in re.split(r"\n\s*\n", t) if p.strip())


@lru_cache(maxsize=1)
def _ordinary_words() -> frozenset[str]:
    """Words the texts also write in lower case: a capital on one of them is a sentence start."""
    seen = set()
    for _, text in (*sources(), *essays()):
        seen.update(w for w in _WORD.findall(text) if w.islower())
    return frozenset(seen | _KEEP)


def made_up_name(word: str, k: int) -> str:
    """A pronounceable made-up name for ``word`` in repetition ``k``: the same for the same pair."""
    digest = hashlib.sha1(f"{word}|{k}".encode()).digest()
    syllables = max(2, min(4, len(word) // 3))
    out = "".join(_CONSONANTS[digest[2 * i] % len(_CONSONANTS)] + _VOWELS[digest[2 * i + 1] % len(_VOWELS)]
                  for i in range(syllables))
    return out[:1].upper() + out[1:] + _CONSONANTS[digest[-1] % len(_CONSONANTS)]


def renamed(text: str, k: int) -> str:
    """``text`` with every name renamed for repetition ``k`` (k=0 keeps the text as it is)."""
    if k == 0:
        return text
    ordinary = _ordinary_words()
    return _NAME.sub(lambda m: m.group() if m.group().lower() in ordinary else made_up_name(m.group(), k), text)


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


def long_essay(n_words: int, start: int = 0) -> str:
    """An essay of about ``n_words`` words: the corpus essays' paragraphs in turn, as often as needed.

    Whole sentences are taken, so the essay ends at the first sentence end at or past
    ``n_words`` words; paragraphs keep their blank line. ``start`` is the paragraph to begin
    at (counted round the corpus), so that essays of one length can differ.
    """
    paragraphs = [p.strip() for _, t in essays() for p in re.split(r"\n\s*\n", t) if p.strip()]
    out: list[str] = []
    count = 0
    i = start
    while count < n_words:
        kept = []
        for s in _sentences(paragraphs[i % len(paragraphs)]):
            kept.append(s)
            count += len(s.split())
            if count >= n_words:
                break
        out.append(" ".join(kept))
        i += 1
    return "\n\n".join(out) + "\n"


def source_set(n_words: int) -> list[tuple[str, str]]:
    """Sources of about ``n_words`` words: every source once, then renamed repetitions of them all.

    The last document is cut at a line end so that the set stops at the first line end at
    or past ``n_words`` words.
    """
    out: list[tuple[str, str]] = []
    count, k = 0, 0
    while count < n_words:
        for name, text in sources():
            if count >= n_words:
                break
            text = renamed(text, k)
            n = len(text.split())
            if count + n > n_words:
                lines, kept = text.splitlines(keepends=True), []
                for line in lines:
                    kept.append(line)
                    count += len(line.split())
                    if count >= n_words:
                        break
                text = "".join(kept)
            else:
                count += n
            out.append((name if k == 0 else f"copy{k}-{name}", text))
        k += 1
    return out


def essay_stream(n: int) -> list[tuple[str, str]]:
    """``n`` different essays: the corpus essays in turn, each with names of its own (new words every time)."""
    base = essays()
    return [(f"student_{i:05d}.txt", renamed(base[i % len(base)][1], i)) for i in range(n)]


def pack_essays(n: int, seed: int = 5) -> dict[str, str]:
    """Essays of 250-450 words on the default pack: its sample essay's and sources' sentences, shuffled."""
    rng = random.Random(seed)
    sentences = []
    for p in sorted((PACK / "sources").glob("*.txt")) + [PACK / "examples" / "sample-essay.txt"]:
        sentences += [s.strip() for s in p.read_text().replace("\n", ". ").split(". ") if len(s.split()) > 4]
    out = {}
    for i in range(n):
        chosen, words = [], 0
        target = rng.randint(250, 450)
        while words < target:
            s = rng.choice(sentences)
            chosen.append(s.rstrip(".") + ".")
            words += len(s.split())
        out[f"student_{i:03d}.txt"] = " ".join(chosen)
    return out
