"""Claim checking on whole topics: quiet on the sources' own words, loud on every swapped fact."""
from __future__ import annotations

import pytest

import tomllib

from essaycheck.assignment import Assignment
from support import CMC_PACK, DATA
from mutations import mutations, paraphrase, shuffled, source_sentences

pytestmark = pytest.mark.integration
TOPICS = ["cuban-missile-crisis", *sorted(p.name for p in DATA.iterdir() if (p / "sources").is_dir())]
REGISTER = tomllib.loads((DATA / "sets.toml").read_text("utf-8"))
#: On topics written blind and kept for development, the share of swapped facts that must be caught;
#: on the default pack and the fitted topics, every one.
BLIND_MUTATIONS_CAUGHT = 0.85


@pytest.fixture(scope="module")
def topics(nlp):
    out = {"cuban-missile-crisis": Assignment.from_pack(CMC_PACK, nlp=nlp)}
    for name in TOPICS[1:]:
        out[name] = Assignment.from_sources(sorted((DATA / name / "sources").glob("*.txt")), nlp=nlp)
    return out


def contradicted(report):
    return [(f["claim"], f["message"]) for f in report["findings"] if f["verdict"] == "contradicted"]


@pytest.mark.parametrize("topic", TOPICS)
@pytest.mark.parametrize("telling", ["in order", "shuffled", "paraphrased"])
def test_an_essay_made_of_the_sources_is_never_contradicted(topics, topic, telling):
    a = topics[topic]
    if telling == "in order":
        sentences = source_sentences(a)
    elif telling == "shuffled":
        sentences = shuffled(source_sentences(a, standalone=True))
    else:
        sentences = [paraphrase(s) for s in source_sentences(a)]
    report = a.check(" ".join(sentences))
    assert contradicted(report) == []
    assert report["rubric"]["criteria"][0]["score"] == report["rubric"]["criteria"][0]["max"]


@pytest.mark.parametrize("topic", TOPICS)
def test_every_swapped_date_person_place_and_number_is_caught(topics, topic):
    a = topics[topic]
    cases = mutations(a)
    assert len(cases) >= 20 and {m.kind for m in cases} >= {"date", "entity", "number"}
    missed = []
    for m in cases:
        hits = [f for f in a.check(m.essay)["findings"]
                if f["verdict"] == "contradicted" and f["start"] < m.end and m.start < f["end"]]
        if not hits:
            missed.append(f"{m.kind}: {m.original!r} -> {m.essay[m.start:m.end]!r} in {m.essay[:80]!r}")
    if REGISTER.get(topic, {}).get("origin") == "blind":
        # a topic that joined below the common floor keeps the rate it had when it joined (sets.toml says why)
        floor = REGISTER[topic].get("min_mutations_caught", BLIND_MUTATIONS_CAUGHT)
        assert len(missed) <= (1 - floor) * len(cases), missed
    else:
        assert missed == []


def test_a_wrong_date_reports_the_source_sentence_and_the_right_date(topics):
    r = topics["cuban-missile-crisis"].check("On 18 October 1962 President Kennedy was informed about the missile bases.",
                                             mode="reveal")
    (f,) = [f for f in r["findings"] if f["verdict"] == "contradicted"]
    assert f["kind"] == "date" and f["expected"] == "16 October 1962"
    assert f["evidence"][0]["text"].startswith("On the 16th of October, 1962, President Kennedy was informed")


@pytest.mark.parametrize(("essay", "kind"), [
    ("October 1962 was when the U-2 spy plane found the missiles over Cuba.", None),  # coarser date agrees
    ("The CIA trained about 1,400 Cuban exiles.", None),                            # hedges agree
    ("Cuba is only about 90 miles from the USA.", None),                             # 145 km in miles
    ("Krushchev capitulated six days after the blockade.", None),                    # misspelt, relative date fits
    ("Kennedy went on television to tell the American people.", None),              # outside knowledge
    ("On the 26th of October Castro sent Kennedy a letter about negotiations to remove the missiles.", "entity"),
    ("Khrushchev capitulated two days after the blockade.", "relative_date"),
    ("The CIA trained about 4,000 Cuban exiles.", "number"),
    ("Before the Bay of Pigs invasion, a U-2 spy plane found the missile sites.", "order"),
])
def test_claims_are_judged_like_a_careful_teacher(topics, essay, kind):
    found = [f["kind"] for f in topics["cuban-missile-crisis"].check(essay)["findings"]
             if f["verdict"] == "contradicted"]
    assert found == ([kind] if kind else [])


def test_outside_knowledge_is_reported_as_unsupported_not_wrong(topics):
    r = topics["cuban-missile-crisis"].check(
        "That same day an American U-2 plane was shot down over Cuba and its pilot was killed.")
    assert [f["verdict"] for f in r["findings"]] == ["unsupported"]


def test_coverage_lists_every_event_and_marks_what_the_essay_tells(topics):
    a = topics["cuban-missile-crisis"]
    r = a.check("On October 22, 1962, Kennedy blockaded Cuba.")
    facts = r["coverage"]["facts"]
    assert len(facts) == len(a.factbase.events)
    covered = [f["summary"] for f in facts if f["covered"]]
    assert covered == ["22 Oct 1962: Kennedy blockaded Cuba"]
    assert 0 < r["coverage"]["score"] < 0.2
