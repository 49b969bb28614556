"""Drafts: what changed since the student's previous check (fixed, new, still open).

Self-check essays are never stored, so neither is the previous draft. The feedback page's
"Check another draft" form carries the current draft's problems in a hidden field: the
browser holds them, sends them back with the next draft, and the server compares and
forgets. It works without JavaScript. The field is the student's own data coming back, so
it is read defensively (bounded, typed, ignored when malformed) and only ever shown escaped.

A problem is a claim the sources contradict. The same problem in two drafts is the same
kind of error about the same fact (or, when no fact is known, about the same words), so
moving a sentence or fixing another one keeps it matched.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

MAX_FIELD = 40_000  # characters of the hidden field read at most
MAX_PROBLEMS = 200
MAX_CLAIM = 160


@dataclass
class Changes:
    """How this draft compares with the previous one."""

    fixed: list[dict] = field(default_factory=list)  # {"kind", "claim"} from the previous draft
    new: int = 0
    still_open: int = 0
    covered_before: int | None = None
    covered_now: int = 0
    status: dict[int, str] = field(default_factory=dict)  # finding index -> "new" | "still open"


def _problems(report: dict) -> list[tuple[int, dict]]:
    return [(i, f) for i, f in enumerate(report["findings"]) if f["verdict"] == "contradicted"]


def _key(kind: str, fact: str | None, claim: str) -> tuple[str, str]:
    return (kind, f"fact:{fact}" if fact else "words:" + " ".join(claim.lower().split()))


def carry(report: dict) -> str:
    """The hidden field's value for this draft: its problems and how many key facts it covers."""
    problems = [[f["kind"], f.get("fact") or "", f["claim"][:MAX_CLAIM]] for _, f in _problems(report)]
    return json.dumps({"v": 1, "problems": problems[:MAX_PROBLEMS],
                       "covered": report["coverage"].get("covered_key_facts",
                                                         sum(1 for f in report["coverage"]["facts"]
                                                             if f["key"] and f["covered"]))},
                      separators=(",", ":"))


def read(value: str | None) -> dict | None:
    """The previous draft as carried by the form, or None (first draft, or a field not ours)."""
    if not value or len(value) > MAX_FIELD:
        return None
    try:
        data = json.loads(value)
    except ValueError:
        return None
    if not isinstance(data, dict) or data.get("v") != 1 or not isinstance(data.get("problems"), list):
        return None
    problems = []
    for p in data["problems"][:MAX_PROBLEMS]:
        if isinstance(p, list) and len(p) == 3 and all(isinstance(x, str) for x in p):
            problems.append((p[0][:40], p[1][:80], p[2][:MAX_CLAIM]))
    covered = data.get("covered")
    return {"problems": problems, "covered": covered if isinstance(covered, int) and covered >= 0 else None}


def compare(previous: dict, report: dict) -> Changes:
    """Fixed, new and still-open problems of ``report`` against the previous draft."""
    before = Counter(_key(k, f or None, c) for k, f, c in previous["problems"])
    now = _problems(report)
    changes = Changes(covered_before=previous["covered"],
                      covered_now=sum(1 for f in report["coverage"]["facts"] if f["key"] and f["covered"]))
    left = Counter(before)
    for i, f in now:
        k = _key(f["kind"], f.get("fact"), f["claim"])
        if left[k] > 0:
            left[k] -= 1
            changes.status[i] = "still open"
        else:
            changes.status[i] = "new"
    changes.still_open = sum(1 for s in changes.status.values() if s == "still open")
    changes.new = len(changes.status) - changes.still_open
    for kind, fact, claim in previous["problems"]:
        k = _key(kind, fact or None, claim)
        if left[k] > 0:
            left[k] -= 1
            changes.fixed.append({"kind": kind, "claim": claim})
    return changes
