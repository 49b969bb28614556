"""The teacher's review of a marked essay: findings set aside, comments on sentences, and the scores.

The checker's report is kept as it was; the review sits beside it (``Essay.review_json``)::

    {"dismissed": {"<start>:<end>:<kind>": {"reason": "...", "by": "Ann", "at": "2026-11-29T10:00"}},
     "comments": [{"id": 1, "start": 0, "end": 80, "text": "...", "by": "Ann", "at": "..."}],
     "rubric": {...}}   # the rubric evaluated again without the dismissed findings

A dismissal is keyed by the claim's place and kind, so it still holds when the essay is
re-marked and the checker flags the same claim again. ``teacher_version`` is the one view
of an essay that every page, export and student link shows, so a total is the same
everywhere.
"""
from __future__ import annotations

import copy


def key_of(finding: dict) -> str:
    """What identifies a finding across re-marks of the same essay: its place and kind."""
    return f"{finding['start']}:{finding['end']}:{finding['kind']}"


def remark(report: dict, review: dict, rubric) -> dict:
    """The review with its rubric evaluated again (by the core ``Rubric``) over the findings kept."""
    review = dict(review)
    dismissed = review.get("dismissed") or {}
    if dismissed:
        kept = [f for f in report["findings"] if key_of(f) not in dismissed]
        review["rubric"] = rubric.evaluate(kept, report["coverage"])
    else:
        review.pop("rubric", None)
    return review


def teacher_version(report: dict, review: dict, overrides: dict[str, float]) -> dict:
    """The report as the teacher has reviewed it: dismissed findings set aside (listed under
    ``dismissed``), the rubric marked without them, the teacher's scores in place, and the
    teacher's comments on sentences (under ``comments``)."""
    dismissed = review.get("dismissed") or {}
    out = dict(report)
    out["findings"] = [f for f in report["findings"] if key_of(f) not in dismissed]
    out["dismissed"] = [dict(f, dismissal=dismissed[key_of(f)]) for f in report["findings"]
                        if key_of(f) in dismissed]
    rubric = copy.deepcopy(review["rubric"] if dismissed and review.get("rubric") else report["rubric"])
    total = 0.0
    for c in rubric["criteria"]:
        if c["name"] in overrides:
            c["checker_score"], c["score"], c["overridden"] = c["score"], overrides[c["name"]], True
        total += c["score"] * c.get("weight", 1)
    rubric["total"] = _num(total)
    out["rubric"] = rubric
    out["comments"] = sorted(review.get("comments") or [], key=lambda c: (c["start"], c["id"]))
    return out


def _num(x: float) -> float | int:
    return int(x) if float(x).is_integer() else round(x, 2)
