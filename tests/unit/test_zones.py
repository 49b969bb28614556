"""Memory zones shared by threads: strings live while any thread is inside, and are freed after the last."""
from __future__ import annotations

import threading

import spacy

from essaycheck.zones import ZoneGate, memory_zone

WAIT = 10  # seconds: a bound on every wait, so a broken gate fails instead of hanging


def test_new_words_are_forgotten_when_the_zone_closes():
    nlp = spacy.blank("en")
    with memory_zone(nlp):
        assert [t.text for t in nlp("Zorblaxian quibbleworts")] == ["Zorblaxian", "quibbleworts"]
        assert "quibbleworts" in nlp.vocab.strings
    assert "quibbleworts" not in nlp.vocab.strings
    with memory_zone(nlp):  # and the pipeline works as before afterwards
        assert [t.text for t in nlp("Zorblaxian quibbleworts")] == ["Zorblaxian", "quibbleworts"]


def test_the_zone_stays_open_while_another_thread_still_reads_its_doc():
    nlp = spacy.blank("en")
    inside, leave, read = threading.Event(), threading.Event(), []

    def other() -> None:
        with memory_zone(nlp):
            doc = nlp("Wugglesnorf marched")
            inside.set()
            leave.wait(WAIT)
            read.append([t.lower_ for t in doc])

    with memory_zone(nlp):
        nlp("Quorbish")
        worker = threading.Thread(target=other)
        worker.start()
        assert inside.wait(WAIT)
    # This thread has left; the other is still inside, so nothing of the zone is freed yet.
    assert "Wugglesnorf" in nlp.vocab.strings and "Quorbish" in nlp.vocab.strings
    leave.set()
    worker.join(WAIT)
    assert read == [["wugglesnorf", "marched"]]
    assert "Wugglesnorf" not in nlp.vocab.strings and "Quorbish" not in nlp.vocab.strings


def test_steady_traffic_cannot_keep_a_zone_open_for_ever():
    nlp = spacy.blank("en")
    gate = ZoneGate(nlp, max_uses=3)
    order: list[str] = []
    inside, leave = threading.Event(), threading.Event()

    def long_check() -> None:
        with gate.enter():
            order.append("long in")
            inside.set()
            leave.wait(WAIT)
            order.append("long out")

    def short_check(name: str) -> None:
        with gate.enter():
            order.append(name)

    first = threading.Thread(target=long_check)
    first.start()
    assert inside.wait(WAIT)
    short_check("second")
    short_check("third")  # the zone has now served three callers
    fourth = threading.Thread(target=short_check, args=("fourth",))
    fourth.start()
    fourth.join(0.3)
    assert fourth.is_alive()  # it waits for the zone to close
    leave.set()
    first.join(WAIT)
    fourth.join(WAIT)
    assert order == ["long in", "second", "third", "long out", "fourth"]
    assert gate.zones_closed == 2


def test_a_thread_may_enter_again_from_inside():
    nlp = spacy.blank("en")
    gate = ZoneGate(nlp, max_uses=1)
    with gate.enter():
        with gate.enter():  # would wait for itself if it were counted as a newcomer
            nlp("Blorptastic")
        assert "Blorptastic" in nlp.vocab.strings
    assert "Blorptastic" not in nlp.vocab.strings
