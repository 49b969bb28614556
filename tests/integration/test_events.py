"""Events and key facts as a teacher sees them, on every topic: readable, teacher-sized, covered when told."""
from __future__ import annotations

import json
import re

import pytest

from essaycheck.assignment import Assignment
from essaycheck.events import WORDS
from support import CMC_PACK, DATA

pytestmark = pytest.mark.integration
TOPICS = ["cuban-missile-crisis", *sorted(p.name for p in DATA.iterdir() if (p / "sources").is_dir())]
_OPENERS = set(WORDS["join"]["relatives"]) | {"and", "but", "or", "so", "which", "who", "of", "to"}


@pytest.fixture(scope="module")
def topics(nlp):
    out = {"cuban-missile-crisis": Assignment.from_pack(CMC_PACK, nlp=nlp)}
    for name in TOPICS[1:]:
        out[name] = Assignment.from_sources(sorted((DATA / name / "sources").glob("*.txt")), nlp=nlp)
    return out


def _body(summary: str) -> str:
    """The summary without its date: "16 Oct 1962: Kennedy was told" -> "Kennedy was told"."""
    # only a date before the colon: "Three ships left Lornby on 2 May 1871: the Swan, ..." is all body
    dated = re.match(r"^(?:c\. )?(?:\d{1,2} )?(?:[A-Z][a-z]+ )?\d{3,4}s?: ", summary)
    return summary[dated.end():] if dated else summary


def _opens_its_sentence(event, fb) -> bool:
    r = event.lead.readings[0]
    text = fb.sources[r.source].text
    return not text[r.sentence[0]:r.clause.start].strip(" -*\u2022\n\t")


@pytest.mark.parametrize("topic", TOPICS)
def test_key_facts_are_a_teacher_sized_list_of_whole_statements(topics, topic):
    events = topics[topic].factbase.events
    key = [e for e in events if e.key]
    assert 8 <= len(key) <= 22, len(key)
    for e in key:
        body = _body(e.summary)
        first = body.split()[0].lower().strip(",;:")
        opening = body.lstrip("\"'\u201c\u2018(")  # a sentence may open with a quotation
        assert opening[:1].isupper() or opening[:1].isdigit(), e.summary  # reads as a sentence
        # not the tail of another clause ("and sent ..."), though a sentence may open with one ("To raise money, ...")
        assert first not in _OPENERS or _opens_its_sentence(e, topics[topic].factbase), e.summary
        assert len(body.split()) >= 2, e.summary


def test_the_default_pack_keys_its_dated_events(topics):
    events = topics["cuban-missile-crisis"].factbase.events
    summaries = [e.summary for e in events if e.key]
    for day in ("14 Oct 1962", "16 Oct 1962", "22 Oct 1962", "27 Oct 1962", "28 Oct 1962"):
        assert any(s.startswith(day) for s in summaries), (day, summaries)


@pytest.mark.parametrize("topic", TOPICS)
def test_an_event_told_in_its_own_words_is_covered(topics, topic):
    """Each key event's source sentence, as an essay, covers that event (generated from every topic)."""
    a = topics[topic]
    key = [e for e in a.factbase.events if e.key]
    essays = []
    for e in key:
        r = e.lead.readings[0]
        s, end = r.sentence
        essays.append(a.factbase.sources[r.source].text[s:end].strip())
    reports = a.check_many([(None, t) for t in essays])
    missed = [e.summary for e, rep in zip(key, reports)
              if not next(f for f in rep["coverage"]["facts"] if f["id"] == e.id)["covered"]]
    assert missed == []


def test_missed_facts_are_asked_about_without_the_answer(topics):
    a = topics["cuban-missile-crisis"]
    r = a.check("The Cuban Missile Crisis happened during the Cold War.", mode="point")
    missed = [f for f in r["coverage"]["facts"] if f["key"] and not f["covered"]]
    told = next(f for f in missed if f["summary"].startswith("16 Oct 1962"))
    assert told["prompt"] == "What did John F. Kennedy do on 16 October 1962?"
    assert all(f["prompt"].endswith("?") for f in missed)


def test_below_reveal_nothing_in_the_report_gives_the_right_date_away(topics):
    a = topics["cuban-missile-crisis"]
    essay = "On 18 October 1962 President Kennedy was informed about the missile bases on Cuba."
    for mode in ("flag", "point"):
        r = a.check(essay, mode=mode)
        (f,) = [f for f in r["findings"] if f["verdict"] == "contradicted"]
        assert f["kind"] == "date"
        sent = json.dumps({k: v for k, v in r.items() if k != "text"})
        for answer in ("16 October", "16 Oct", "1962-10-16", "16th of October"):
            assert answer not in sent, (mode, answer)
    revealed = json.dumps(a.check(essay, mode="reveal"))
    assert "16 October 1962" in revealed


def test_sources_are_named_by_title(topics):
    a = topics["cuban-missile-crisis"]
    r = a.check("On 18 October 1962 President Kennedy was informed about the missile bases on Cuba.", mode="point")
    (f,) = [f for f in r["findings"] if f["verdict"] == "contradicted"]
    titles = {e["title"] for e in f["evidence"]}
    assert titles and not any(t.endswith(".txt") or re.search(r"[0-9a-f]{12}", t) for t in titles)
    assert "_" not in f["message"] and ".txt" not in f["message"]


def test_an_essay_with_no_facts_gets_at_most_a_quarter_of_the_marks(topics):
    for essay in ("I like history lessons.", "On 18 October 1962 President Kennedy was informed."):
        rubric = topics["cuban-missile-crisis"].check(essay)["rubric"]
        assert rubric["total"] <= rubric["max"] / 4, (essay, rubric["total"])


@pytest.mark.parametrize("topic", TOPICS)
def test_a_summary_does_not_end_on_the_words_that_led_its_date(topics, topic):
    # The date moves to the front ("around 11 August" -> "c. 11 Aug"): the hedge leading it goes too.
    for e in topics[topic].factbase.events:
        if e.summary.endswith("…"):
            continue  # cut short for length
        last = e.summary.rstrip(" .").split()[-1].lower()
        assert last not in {"around", "about", "circa", "roughly", "approximately"}, e.summary
