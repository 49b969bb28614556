"""The labelled essay sets in tests/data, scored the way ../shared/eval/score.py scores them.

Each set was written by someone who never saw the checker's code: planted errors
must be caught and clean essays must get no false alarm.
"""
from __future__ import annotations

import json
import re

import pytest

from essaycheck.assignment import Assignment
from support import DATA

pytestmark = pytest.mark.integration
SETS = sorted(p.name for p in DATA.iterdir() if (p / "labels.json").is_file())


def sentence_of(text: str, start: int, end: int) -> tuple[int, int]:
    spans, pos = [], 0
    for m in re.finditer(r"[.!?]+[\"')\]]*\s+(?=[A-Z0-9\"'(])|\n+", text):
        spans.append((pos, m.end()))
        pos = m.end()
    spans.append((pos, len(text)))
    hit = [s for s in spans if s[0] < max(end, start + 1) and start < s[1]]
    return (min(s[0] for s in hit), max(s[1] for s in hit)) if hit else (start, end)


def score(nlp, name: str) -> tuple[int, int, dict[str, list[str]]]:
    """(errors caught, errors planted, false alarms by essay) for one labelled set."""
    d = DATA / name
    labels = json.loads((d / "labels.json").read_text())
    a = Assignment.from_sources([d / p for p in labels["sources"].values()], nlp=nlp)
    caught = total = 0
    alarms: dict[str, list[str]] = {}
    for essay in labels["essays"]:
        text = (d / essay["file"]).read_text()
        report = a.check(text, essay["file"])
        contra = [(f["start"], f["end"]) for f in report["findings"] if f["verdict"] == "contradicted"]
        error_sentences = []
        for err in essay["errors"]:
            i = text.index(err["quote"])
            s = sentence_of(text, i, i + len(err["quote"]))
            error_sentences.append(s)
            total += 1
            caught += any(a0 < s[1] and s[0] < b0 for a0, b0 in contra)
        false = [text[a0:b0] for a0, b0 in contra if not any(a0 < s[1] and s[0] < b0 for s in error_sentences)]
        if false:
            alarms[essay["id"]] = false
    return caught, total, alarms


def test_planted_errors_are_caught_and_true_claims_are_never_called_wrong(nlp):
    results = {name: score(nlp, name) for name in SETS}
    assert {name: alarms for name, (_, _, alarms) in results.items() if alarms} == {}
    for name, (caught, total, _) in results.items():
        assert caught / total >= 0.6, f"{name}: caught {caught} of {total}"
    pooled = sum(c for c, _, _ in results.values()) / sum(t for _, t, _ in results.values())
    assert pooled >= 0.8, f"caught {pooled:.0%} of all planted errors"
