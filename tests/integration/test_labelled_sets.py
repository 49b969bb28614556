"""The labelled essay sets in tests/data, scored the way ../shared/eval/score.py scores them.

Each set was written by someone who never saw the checker's code. ``tests/data/sets.toml``
says which sets were fitted (every error caught bar a few, no false alarm) and which were
blind topics now used for development, with the floors they must keep.
"""
from __future__ import annotations

import json
import re
import tomllib

import pytest

from essaycheck.assignment import Assignment
from support import DATA

pytestmark = pytest.mark.integration
SETS = sorted(p.name for p in DATA.iterdir() if (p / "labels.json").is_file())
REGISTER = tomllib.loads((DATA / "sets.toml").read_text("utf-8"))
FITTED = [name for name in SETS if REGISTER[name]["origin"] == "fitted"]
BLIND = [name for name in SETS if REGISTER[name]["origin"] == "blind"]


def sentence_of(text: str, start: int, end: int) -> tuple[int, int]:
    spans, pos = [], 0
    for m in re.finditer(r"[.!?]+[\"')\]]*\s+(?=[A-Z0-9\"'(])|\n+", text):
        spans.append((pos, m.end()))
        pos = m.end()
    spans.append((pos, len(text)))
    hit = [s for s in spans if s[0] < max(end, start + 1) and start < s[1]]
    return (min(s[0] for s in hit), max(s[1] for s in hit)) if hit else (start, end)


#: The least macro-F1 of "covered" and "missed" over every (essay, key fact) of all the sets together.
#: Only raised: 0.77 on 2026-12-07 (0.783 measured once the event a clause is most about counted from a
#: score of 0.2, one date one thing shared; 0.764 before).
COVERAGE_FLOOR = 0.77
_REPORTS: dict[str, tuple[dict, list[dict]]] = {}


def _reports(nlp, name: str) -> tuple[dict, list[dict]]:
    """The set's labels and the checker's report on each of its essays (checked once per test run)."""
    if name not in _REPORTS:
        d = DATA / name
        labels = json.loads((d / "labels.json").read_text())
        a = Assignment.from_sources([d / p for p in labels["sources"].values()], nlp=nlp)
        _REPORTS[name] = labels, [a.check((d / e["file"]).read_text(), e["file"]) for e in labels["essays"]]
    return _REPORTS[name]


def score(nlp, name: str) -> tuple[int, int, dict[str, list[str]]]:
    """(errors caught, errors planted, false alarms by essay) for one labelled set."""
    d = DATA / name
    labels, reports = _reports(nlp, name)
    caught = total = 0
    alarms: dict[str, list[str]] = {}
    for essay, report in zip(labels["essays"], reports):
        text = (d / essay["file"]).read_text()
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


def test_every_set_is_registered():
    assert set(SETS) == set(REGISTER), "add the set to tests/data/sets.toml, saying where it came from"


def test_fitted_sets_are_caught_and_true_claims_are_never_called_wrong(nlp):
    results = {name: score(nlp, name) for name in FITTED}
    assert {name: alarms for name, (_, _, alarms) in results.items() if alarms} == {}
    for name, (caught, total, _) in results.items():
        assert caught / total >= 0.6, f"{name}: caught {caught} of {total}"
    pooled = sum(c for c, _, _ in results.values()) / sum(t for _, t, _ in results.values())
    assert pooled >= 0.8, f"caught {pooled:.0%} of all planted errors"


@pytest.mark.parametrize("name", BLIND)
def test_blind_sets_keep_their_floors(nlp, name):
    caught, total, alarms = score(nlp, name)
    floor = REGISTER[name]
    raised = sum(len(v) for v in alarms.values())
    print(f"{name}: caught {caught}/{total} ({caught / total:.0%}), {raised} false alarms")
    assert raised <= floor["max_alarms"], f"{name}: new false alarms {alarms}"
    assert caught >= floor["min_caught"], f"{name}: caught {caught} of {total}, fewer than {floor['min_caught']}"


def coverage_counts(nlp, name: str) -> dict[str, int]:
    """Per (essay, key fact): whether the report calls the key fact covered (a covered fact whose
    evidence overlaps the key fact's quote), against the label; counted as score.py counts them."""
    d = DATA / name
    labels, reports = _reports(nlp, name)
    texts = {k: (d / p).read_text() for k, p in labels["sources"].items()}
    files = {k: (d / p).name for k, p in labels["sources"].items()}
    keys = {}
    for kf in labels["key_facts"]:
        i = texts[kf["source"]].index(kf["quote"])
        keys[kf["id"]] = (files[kf["source"]], i, i + len(kf["quote"]))
    n = dict(tp=0, fp=0, fn=0, tn=0)
    for essay, report in zip(labels["essays"], reports):
        facts = report["coverage"]["facts"]
        for kid, (src, a0, b0) in keys.items():
            said = any(f.get("covered") and any(str(ev.get("source", "")).endswith(src) and ev["start"] < b0
                                                 and a0 < ev["end"] for ev in f.get("evidence") or [])
                       for f in facts)
            truth = kid in essay.get("covered", [])
            n["tp" if said and truth else "fp" if said else "fn" if truth else "tn"] += 1
    return n


def test_coverage_agrees_with_the_labels_over_all_sets(nlp):
    n = dict(tp=0, fp=0, fn=0, tn=0)
    for name in SETS:
        for k, v in coverage_counts(nlp, name).items():
            n[k] += v
    f1 = lambda tp, fp, fn: 2 * tp / (2 * tp + fp + fn)  # noqa: E731
    macro = (f1(n["tp"], n["fp"], n["fn"]) + f1(n["tn"], n["fn"], n["fp"])) / 2
    print(f"coverage over {len(SETS)} sets: macro-F1 {macro:.3f} ({n})")
    assert macro >= COVERAGE_FLOOR, n
