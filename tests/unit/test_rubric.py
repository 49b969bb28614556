"""The rubric engine maps measured findings to levels from data alone."""
from __future__ import annotations

import pytest

from essaycheck.errors import PackError
from essaycheck.rubric import load_rubric, rubric_from_data
from support import ROOT


def _findings(n_accuracy=0, n_chronology=0):
    return ([{"criterion": "accuracy", "verdict": "contradicted", "claim": f"c{i}"} for i in range(n_accuracy)]
            + [{"criterion": "chronology", "verdict": "contradicted", "claim": "t"} for _ in range(n_chronology)]
            + [{"criterion": "accuracy", "verdict": "supported", "claim": "ok"}])


def _coverage(covered, total):
    return {"facts": [{"key": True, "covered": i < covered} for i in range(total)]}


@pytest.fixture(scope="module")
def rubric():
    return load_rubric(ROOT / "rubric" / "default.toml")


@pytest.mark.parametrize(("errors", "score", "level"), [
    (0, 4, "Accurate"), (1, 3, "Mostly accurate"), (3, 2, "Some errors"), (5, 1, "Many errors"), (9, 0, "Unreliable"),
])
def test_accuracy_bands(rubric, errors, score, level):
    acc = rubric.evaluate(_findings(errors), _coverage(5, 5))["criteria"][0]
    assert (acc["score"], acc["level"]) == (score, level)
    assert len(acc["findings"]) == errors


def test_coverage_and_total(rubric):
    r = rubric.evaluate(_findings(1, 1), _coverage(3, 10))
    cov = next(c for c in r["criteria"] if c["name"] == "coverage")
    assert (cov["score"], cov["level"]) == (1, "Thin") and "3 of the 10" in cov["feedback"]
    assert (r["total"], r["max"]) == (3 + 1 + 3, 12)


def test_feedback_names_the_claims_behind_the_level(rubric):
    acc = rubric.evaluate(_findings(1), _coverage(1, 1))["criteria"][0]
    assert "\u201cc0\u201d" in acc["feedback"]


def test_weights_and_custom_bands():
    r = rubric_from_data({"criterion": [
        {"name": "accuracy", "measure": "contradicted", "weight": 2, "max": 2,
         "band": [{"at_most": 0, "score": 2, "level": "Good"}, {"score": 0, "level": "Bad"}]}]})
    out = r.evaluate(_findings(0), _coverage(0, 0))
    assert (out["total"], out["max"]) == (4, 4)


@pytest.mark.parametrize(("data", "message"), [
    ({}, r"no \[\[criterion\]\]"),
    ({"criterion": [{"name": "x", "measure": "vibes", "band": [{"score": 1, "level": "a"}]}]}, "unknown measure"),
    ({"criterion": [{"name": "x", "band": []}]}, "no bands"),
    ({"criterion": [{"name": "x", "band": [{"level": "a"}]}]}, "numeric score"),
    ({"mode": "shout", "criterion": [{"name": "x", "band": [{"score": 1, "level": "a"}]}]}, "hint or reveal"),
])
def test_broken_rubrics_say_what_is_wrong(data, message):
    with pytest.raises(PackError, match=message):
        rubric_from_data(data)
