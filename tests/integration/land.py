"""An assignment over one short source of an invented land, and what the checker marks wrong in an
essay against it: the shared set-up of the integration tests that each try one mechanism."""
from __future__ import annotations

from pathlib import Path

from essaycheck.assignment import Assignment


def assignment_over(directory: Path, text: str, nlp) -> Assignment:
    """The assignment whose one source is ``text`` (written to ``directory``)."""
    path = directory / "000_source.txt"
    path.write_text(text, "utf-8")
    return Assignment.from_sources([path], nlp=nlp)


def findings(a: Assignment, essay: str) -> list[dict]:
    return a.check(essay, "e", mode="reveal")["findings"]


def wrong(a: Assignment, essay: str) -> list[str]:
    """The kinds of detail marked wrong in the essay, sorted."""
    return sorted(f["kind"] for f in findings(a, essay) if f["verdict"] == "contradicted")


def gap_verdicts(a: Assignment, essay: str) -> list[tuple[str, str]]:
    """The verdict on each relative date of the essay, with the words it was given on."""
    return [(f["verdict"], essay[f["start"]:f["end"]]) for f in findings(a, essay) if f["kind"] == "relative_date"]
