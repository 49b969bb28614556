"""What the feedback page shows, worked out from a report: marks in the essay, checklists, a timeline."""
from __future__ import annotations

from dataclasses import dataclass, field

from essaycheck.spans import ChosenSpans

VERDICTS = {
    # verdict: (label read aloud and printed, icon, css class)
    "contradicted": ("Does not match the sources", "\u2717", "wrong"),
    "unsupported": ("Not in the sources", "?", "outside"),
    "supported": ("Matches the sources", "\u2713", "ok"),
}
_PRIORITY = {"contradicted": 0, "unsupported": 1, "supported": 2}


@dataclass
class Mark:
    """A finding shown in the essay."""

    id: str
    verdict: str
    kind: str
    label: str
    icon: str
    css: str
    claim: str
    message: str
    evidence: list[dict]
    criterion: str


@dataclass
class Segment:
    text: str
    mark: Mark | None = None


@dataclass
class Feedback:
    segments: list[Segment]
    marks: list[Mark]
    rubric: dict
    covered: list[dict]
    missed: list[dict]
    counts: dict = field(default_factory=dict)


def build(report: dict, text: str) -> Feedback:
    """Split the essay into plain and marked stretches; one mark per stretch, the most serious first."""
    marks = []
    for i, f in enumerate(report["findings"]):
        label, icon, css = VERDICTS[f["verdict"]]
        marks.append((f, Mark(f"finding-{i + 1}", f["verdict"], f["kind"], label, icon, css, f["claim"],
                              f["message"], f["evidence"], f["criterion"])))
    chosen: list[tuple[dict, Mark]] = []
    taken = ChosenSpans()
    for f, m in sorted(marks, key=lambda fm: (_PRIORITY[fm[0]["verdict"]], fm[0]["kind"] == "other",
                                              fm[0]["start"])):
        if not taken.overlaps(f["start"], f["end"]):
            taken.add(f["start"], f["end"])
            chosen.append((f, m))
    chosen.sort(key=lambda fm: fm[0]["start"])
    segments, pos = [], 0
    for f, m in chosen:
        if f["start"] > pos:
            segments.append(Segment(text[pos:f["start"]]))
        segments.append(Segment(text[f["start"]:f["end"]], m))
        pos = f["end"]
    if pos < len(text):
        segments.append(Segment(text[pos:]))
    facts = report["coverage"]["facts"]
    counts = {v: sum(1 for f in report["findings"] if f["verdict"] == v) for v in VERDICTS}
    return Feedback(segments, [m for _, m in marks if m.verdict != "supported" or m.kind != "other"],
                    report["rubric"], [f for f in facts if f["key"] and f["covered"]],
                    [f for f in facts if f["key"] and not f["covered"]], counts)


def as_mode(report: dict, mode: str) -> dict:
    """A stored (reveal-mode) report as a student in ``mode`` should see it."""
    if mode == "reveal":
        return report
    out = dict(report, mode="hint")
    out["findings"] = [dict(f, expected=None, message=f.get("hint") or f["message"]) for f in report["findings"]]
    return out
