"""Findings: one judged claim each, and what a student is told about it at each feedback level.

Messages are chosen by reason code from ``data/messages.toml``. In ``flag`` and
``point`` no field of a finding carries what the sources say (the corrected value or
the source sentence): ``expected`` is null and the evidence keeps only where to look.
"""
from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from .factbase import Evidence, Source

MESSAGES: dict = tomllib.loads(resources.files("essaycheck.data").joinpath("messages.toml").read_text("utf-8"))
MODES = ("flag", "point", "reveal")
#: Older names of the levels, still accepted.
MODE_ALIASES = {"hint": "point"}


def mode_name(mode: str) -> str:
    """The level a mode name means ("hint" is "point")."""
    return MODE_ALIASES.get(mode, mode)


def render(reason: str, mode: str, params: dict) -> str:
    group, _, verdict = reason.partition(".")
    text = MESSAGES[group][verdict][mode_name(mode)]
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):
        return MESSAGES[group][verdict]["flag"]


@dataclass
class Finding:
    """One judged claim of an essay."""

    criterion: str  # accuracy | chronology
    verdict: str  # supported | contradicted | unsupported
    kind: str  # date | entity | number | order | relative_date | other
    start: int
    end: int
    claim: str
    expected: str | None
    reason: str  # a key of data/messages.toml, e.g. "date.contradicted"
    params: dict = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)
    fact_id: str | None = None

    def message(self, mode: str = "reveal") -> str:
        return render(self.reason, mode, {"claimed": self.claim, "expected": self.expected or "", **self.params})

    @property
    def hint(self) -> str:
        return self.message("point")

    def to_dict(self, mode: str = "reveal") -> dict:
        mode = mode_name(mode)
        reveal = mode == "reveal"
        d = {
            "criterion": self.criterion, "verdict": self.verdict, "kind": self.kind,
            "start": self.start, "end": self.end, "claim": self.claim,
            "expected": self.expected if reveal else None,
            "message": self.message(mode),
            "hint": self.hint,  # the point-level message, so a stored report can be shown at any level
            "evidence": [e.to_dict() if reveal else {**e.to_dict(), "text": None} for e in self.evidence],
            "fact": self.fact_id,
            "reason": self.reason,
        }
        if reveal:
            d["messages"] = {m: self.message(m) for m in MODES}
        return d


def where(evidence: list[Evidence], sources: dict[str, Source]) -> str:
    """Where to reread, without quoting it: a source's title and the paragraph or line."""
    if not evidence:
        return "the sources"
    e = evidence[0]
    src = sources.get(e.source)
    if src is None:
        return "the sources"
    return f"\u201c{src.title}\u201d, {locate(src.text, e.start)}"


def locate(text: str, offset: int) -> str:
    """"paragraph 3" in prose; "line 12" in notes that put one statement per line."""
    paragraphs, lines = _starts(text)
    if len(paragraphs) >= 3 and len(lines) < 2 * len(paragraphs):
        return f"paragraph {max(bisect_right(paragraphs, offset), 1)}"
    return f"line {max(bisect_right(lines, offset), 1)}"


@lru_cache(maxsize=64)
def _starts(text: str) -> tuple[list[int], list[int]]:
    """Where each paragraph and each line of a source starts (read once per source, not per finding)."""
    return ([m.start() for m in re.finditer(r"(?:^|\n\s*\n)\s*(?=\S)", text)],
            [m.start() for m in re.finditer(r"(?m)^(?=[ \t]*\S)", text)])