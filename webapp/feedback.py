"""What the feedback page shows, worked out from a report: marks in the essay, checklists, a timeline.

``as_mode`` is the only way a report reaches a student (the check page, the API, released
feedback): in ``flag`` and ``point`` no field carries the corrected value or a source
sentence, whatever the stored report holds.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from essaycheck.findings import mode_name
from essaycheck.spans import ChosenSpans

from .review import key_of

VERDICTS = {
    # verdict: (label read aloud and printed, icon, css class)
    "contradicted": ("Does not match the sources", "\u2717", "wrong"),
    "unsupported": ("Not in the sources", "?", "outside"),
    "supported": ("Matches the sources", "\u2713", "ok"),
}
_PRIORITY = {"contradicted": 0, "unsupported": 1, "supported": 2}
#: Shown in flag and point for a fact the essay gets wrong, in place of its summary (which would answer it),
#: and for another fact of the same date (whose date would).
CHECK_YOUR_CLAIM = "A fact one of your claims gets wrong: see the claims to check above."
SAME_DAY = "A key fact from the time of a claim you need to check (hidden until you have checked it)."


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
    key: str = ""  # what identifies it across re-marks (review.key_of)
    draft: str | None = None  # "new" or "still open" compared with the previous draft


@dataclass
class Segment:
    text: str
    mark: Mark | None = None
    comment: int | None = None  # the number of a teacher's comment ending here


@dataclass
class Feedback:
    segments: list[Segment]
    marks: list[Mark]
    rubric: dict
    covered: list[dict]
    missed: list[dict]
    counts: dict = field(default_factory=dict)
    comments: list[dict] = field(default_factory=list)


def build(report: dict, text: str, drafts: dict[int, str] | None = None) -> Feedback:
    """Split the essay into plain and marked stretches; one mark per stretch, the most serious first.

    ``drafts`` maps a finding's index to "new" or "still open" (see drafts.py); the teacher's
    comments on sentences (``report["comments"]``) are numbered where their sentence ends.
    """
    drafts = drafts or {}
    marks = []
    for i, f in enumerate(report["findings"]):
        label, icon, css = VERDICTS[f["verdict"]]
        marks.append((f, Mark(f"finding-{i + 1}", f["verdict"], f["kind"], label, icon, css, f["claim"],
                              f["message"], f["evidence"], f["criterion"], key_of(f), drafts.get(i))))
    chosen: list[tuple[dict, Mark]] = []
    taken = ChosenSpans()
    for f, m in sorted(marks, key=lambda fm: (_PRIORITY[fm[0]["verdict"]], fm[0]["kind"] == "other",
                                              fm[0]["start"])):
        if not taken.overlaps(f["start"], f["end"]):
            taken.add(f["start"], f["end"])
            chosen.append((f, m))
    comments = report.get("comments") or []
    segments = _segments(text, chosen, comments)
    facts = report["coverage"]["facts"]
    counts = {v: sum(1 for f in report["findings"] if f["verdict"] == v) for v in VERDICTS}
    return Feedback(segments, [m for _, m in marks if m.verdict != "supported" or m.kind != "other"],
                    report["rubric"], [f for f in facts if f["key"] and f["covered"]],
                    [f for f in facts if f["key"] and not f["covered"]], counts, comments)


def _segments(text: str, chosen: list[tuple[dict, Mark]], comments: list[dict]) -> list[Segment]:
    starts = {f["start"]: (f, m) for f, m in chosen}
    anchors: dict[int, list[int]] = defaultdict(list)
    for n, c in enumerate(comments, 1):
        p = min(max(int(c["end"]), 0), len(text))
        for f, _ in chosen:  # a comment never splits a mark: it goes after it
            if f["start"] < p < f["end"]:
                p = f["end"]
        anchors[p].append(n)
    stops = sorted(set(anchors) | set(starts) | {len(text)})
    segments: list[Segment] = []
    pos = 0
    while pos < len(text):
        if pos in starts:
            f, m = starts[pos]
            segments.append(Segment(text[f["start"]:f["end"]], m))
            pos = f["end"]
        else:
            nxt = next((p for p in stops if p > pos), len(text))
            segments.append(Segment(text[pos:nxt]))
            pos = nxt
        segments.extend(Segment("", comment=n) for n in anchors.pop(pos, []))
    for p in sorted(anchors):
        segments.extend(Segment("", comment=n) for n in anchors[p])
    return segments


def as_mode(report: dict, mode: str) -> dict:
    """A report as a student at ``mode`` should see it (a stored report is made in reveal).

    In flag and point: ``expected`` is null, the message is the level's own, evidence keeps
    the source and offsets but not the sentence; the coverage list keeps no source sentence,
    and a fact the essay contradicts shows neither its summary nor its date, on the list or
    on the timeline. Findings the teacher dismissed are never shown to a student.
    """
    level = mode_name(mode)
    out = {k: v for k, v in report.items() if k != "dismissed"}
    out["mode"] = level
    out["findings"] = [_finding_at(f, level, mode_name(report.get("mode") or "reveal")) for f in report["findings"]]
    if level == "reveal":
        return out
    wrong = {f["fact"] for f in report["findings"] if f["verdict"] == "contradicted" and f.get("fact")}
    # an entry of the coverage list is an event of one or more facts: wrong when any of them is
    wrong |= {f["id"] for f in report["coverage"]["facts"] if wrong & set(f.get("facts") or ())}
    dates = {f["date"] for f in report["coverage"]["facts"] if f["id"] in wrong and f.get("date")}
    dates |= {e["value"] for e in report.get("timeline", {}).get("sources", []) if e.get("fact") in wrong}
    coverage = dict(report["coverage"])
    coverage["facts"] = [_fact_at(f, wrong, dates) for f in coverage["facts"]]
    out["coverage"] = coverage
    if "timeline" in report:
        timeline = dict(report["timeline"])
        timeline["sources"] = [e for e in timeline.get("sources", [])
                               if e.get("fact") not in wrong and not _overlaps(e.get("value"), dates)]
        out["timeline"] = timeline
    return out


def _finding_at(f: dict, level: str, made_in: str) -> dict:
    messages = f.get("messages") or {}
    if level in messages:
        message = messages[level]
    elif made_in == level:
        message = f["message"]
    else:  # a report stored before each level's message was kept: the point-level one
        message = f.get("hint") or f["message"]
    if level == "reveal":
        return dict(f, message=message)
    out = {k: v for k, v in f.items() if k != "messages"}
    out.update(expected=None, message=message, evidence=[dict(e, text=None) for e in f.get("evidence", [])])
    return out


def _overlaps(value: str | None, dates: set[str]) -> bool:
    """Whether a date falls in (or contains) one of ``dates``: "1961-04-16" and "1961-04" do."""
    return bool(value) and any(value.startswith(d) or d.startswith(value) for d in dates)


def _fact_at(fact: dict, wrong: set[str], dates: set[str]) -> dict:
    out = dict(fact, evidence=[dict(e, text=None) for e in fact.get("evidence", [])])
    hidden = CHECK_YOUR_CLAIM if fact["id"] in wrong else SAME_DAY if _overlaps(fact.get("date"), dates) else None
    if hidden:
        out.update(summary=hidden, date=None)
        if "prompt" in fact:
            out["prompt"] = hidden
    return out
