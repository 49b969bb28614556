"""The rubric engine maps measured findings to levels from data alone."""
from __future__ import annotations

import pytest

from essaycheck.errors import PackError
from essaycheck.rubric import load_rubric, rubric_from_data
from support import ROOT


def _findings(n_accuracy=0, n_chronology=0, checked=4):
    return ([{"criterion": "accuracy", "kind": "date", "verdict": "contradicted", "claim": f"c{i}"}
             for i in range(n_accuracy)]
            + [{"criterion": "chronology", "kind": "order", "verdict": "contradicted", "claim": "t"}
               for _ in range(n_chronology)]
            + [{"criterion": "accuracy", "kind": "number", "verdict": "supported", "claim": "ok"}] * checked
            + [{"criterion": "chronology", "kind": "order", "verdict": "supported", "claim": "ok"}] * checked)


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
        {"name": "accuracy", "measure": "contradicted", "kinds": ["date"], "weight": 2, "max": 2,
         "band": [{"at_most": 0, "score": 2, "level": "Good"}, {"score": 0, "level": "Bad"}]}]})
    out = r.evaluate(_findings(0), _coverage(0, 0))
    assert (out["total"], out["max"]) == (4, 4)


@pytest.mark.parametrize(("data", "message"), [
    ({}, r"no \[\[criterion\]\]"),
    ({"criterion": [{"name": "x", "measure": "vibes", "band": [{"score": 1, "level": "a"}]}]}, "unknown measure"),
    ({"criterion": [{"name": "x", "band": []}]}, "no bands"),
    ({"criterion": [{"name": "x", "band": [{"level": "a"}]}]}, "numeric score"),
    ({"mode": "shout", "criterion": [{"name": "accuracy", "band": [{"score": 1, "level": "a"}]}]}, "flag, point or reveal"),
    ({"criterion": [{"name": "facts", "band": [{"score": 1, "level": "a"}]}]}, "must list the kinds"),
    ({"criterion": [{"name": "x", "kinds": ["dates"], "band": [{"score": 1, "level": "a"}]}]}, "kinds of 'x' must be"),
])
def test_broken_rubrics_say_what_is_wrong(data, message):
    with pytest.raises(PackError, match=message):
        rubric_from_data(data)


def test_a_renamed_criterion_still_counts_a_wrong_date(rubric):
    """Criteria choose findings by kind: calling accuracy "facts" changes nothing but the name."""
    import tomllib

    data = tomllib.loads((ROOT / "rubric" / "default.toml").read_text("utf-8"))
    data["criterion"][0]["name"] = "facts"
    renamed = rubric_from_data(data)
    findings = _findings(1)
    before = rubric.evaluate(findings, _coverage(5, 5))["criteria"][0]
    after = renamed.evaluate(findings, _coverage(5, 5))["criteria"][0]
    assert after["name"] == "facts" and after["score"] == before["score"] < after["max"]


@pytest.mark.parametrize("checked", [0, 1, 2])
def test_an_essay_with_too_few_checked_claims_is_not_marked_accurate(rubric, checked):
    acc = rubric.evaluate(_findings(0, 0, checked=checked), _coverage(0, 5))["criteria"][0]
    assert acc["level"] == "Not enough facts to judge" and acc["score"] < acc["max"]
    assert f"Only {checked} of your claims" in acc["feedback"]


def test_an_essay_with_no_facts_scores_at_most_a_quarter(rubric):
    r = rubric.evaluate(_findings(0, 0, checked=0), _coverage(0, 5))
    assert r["total"] <= r["max"] / 4
