"""A process that checks essays for a long time: flat memory, the same reports, workers started once."""
from __future__ import annotations

import dataclasses
import gc
import io
import json
import multiprocessing
import threading
import weakref

import pytest
from spacy.language import Language
from spacy.lexeme import Lexeme
from spacy.strings import StringStore
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from corpus import essay_stream, pack_essays
from essaycheck.analysis import analyse
from essaycheck.cli import main
from essaycheck.pipeline import essay_disabled
from support import CMC_PACK

pytestmark = pytest.mark.integration
SPACY_TYPES = (Doc, Span, Token, Lexeme, Vocab, StringStore, Language)


def spacy_objects(root) -> list[str]:
    """Paths to every spaCy object reachable from ``root`` through plain data and dataclasses."""
    found, seen, todo = [], set(), [(root, "root")]
    while todo:
        obj, path = todo.pop()
        if id(obj) in seen or isinstance(obj, (str, bytes, int, float, bool, type(None))):
            continue
        seen.add(id(obj))
        if isinstance(obj, SPACY_TYPES):
            found.append(path)
        elif dataclasses.is_dataclass(obj):
            todo += [(getattr(obj, f.name), f"{path}.{f.name}") for f in dataclasses.fields(obj)]
        elif isinstance(obj, dict):
            todo += [(v, f"{path}[{k!r}]") for k, v in obj.items()] + [(k, f"{path} key") for k in obj]
        elif isinstance(obj, (list, tuple, set, frozenset)):
            todo += [(v, f"{path}[{i}]") for i, v in enumerate(obj)]
        elif hasattr(obj, "__dict__"):
            todo += [(v, f"{path}.{k}") for k, v in vars(obj).items()]
    return found


def test_what_outlives_a_memory_zone_holds_no_spacy_object(cmc):
    # Docs live only inside a zone (see essaycheck.zones): the fact base and an essay's
    # analysis must be plain data, or they would read freed strings.
    assert spacy_objects(cmc.factbase) == []
    assert spacy_objects(cmc.analyse_essays([essay_stream(2)[1][1]])) == []


def test_a_dropped_assignment_leaves_no_garbage_the_frozen_collector_would_keep(nlp):
    # Building an assignment freezes the collector (gc.freeze) so that checking does not walk
    # the fact base again and again. Frozen objects in a reference cycle are never freed: a web
    # server rebuilding an edited assignment would then grow without end.
    from essaycheck.assignment import Assignment

    built = Assignment.from_pack(CMC_PACK, nlp=nlp)
    built.check_many(pack_essays(3).items())
    assert gc.get_freeze_count() > 0
    refs = [weakref.ref(x) for x in (built, built.factbase, built.checker, built.factbase.facts[0])]
    del built
    # freed by reference counting alone, with no collection: nothing of it sits in a cycle
    assert [r() for r in refs] == [None] * len(refs)


def test_a_zone_changes_no_report(cmc):
    text = essay_stream(3)[2][1]
    doc = next(cmc.nlp.pipe([text], disable=essay_disabled(cmc.nlp), component_cfg={
        "essaycheck_entities": {"registry": cmc.factbase.registry},
        "essaycheck_dates": {"day_first": cmc.factbase.day_first}}))
    assert cmc.report(analyse(doc), "x") == cmc.check(text, "x")


def test_new_words_in_essays_do_not_grow_the_string_store(cmc):
    strings = cmc.nlp.vocab.strings
    essays = essay_stream(48)[1:]  # each with made-up names of its own
    for name, text in essays[:8]:
        cmc.check(text, name)
    before = len(strings)
    for name, text in essays[8:]:
        cmc.check(text, name)
    assert len(strings) == before


def test_threads_checking_at_once_get_the_reports_of_one_at_a_time(cmc):
    essays = essay_stream(17)[1:]
    alone = [cmc.check(t, n) for n, t in essays]
    before = len(cmc.nlp.vocab.strings)
    together: list = [None] * len(essays)

    def check(k: int) -> None:
        for i in range(k, len(essays), 4):
            together[i] = cmc.check(essays[i][1], essays[i][0])

    threads = [threading.Thread(target=check, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert together == alone
    assert len(cmc.nlp.vocab.strings) == before


def test_worker_processes_live_as_long_as_the_pool_block(cmc):
    essays = list(pack_essays(12).items())
    in_process = cmc.check_many(essays)
    with cmc.worker_pool(2):
        first = cmc.check_many(essays[:6], workers=2)
        workers = {p.pid for p in multiprocessing.active_children()}
        second = cmc.check_many(essays[6:], workers=2)
        assert {p.pid for p in multiprocessing.active_children()} == workers and len(workers) == 2
    assert first + second == in_process
    assert not workers & {p.pid for p in multiprocessing.active_children()}


def test_jobs_2_prints_what_jobs_1_prints(tmp_path):
    paths = []
    for name, text in pack_essays(20).items():
        (tmp_path / name).write_text(text)
        paths.append(str(tmp_path / name))
    outputs = []
    for jobs in ("1", "2"):
        out, err = io.StringIO(), io.StringIO()
        assert main(["check", "--pack", str(CMC_PACK), "--format", "jsonl", "--jobs", jobs, *paths],
                    stdout=out, stderr=err) == 0, err.getvalue()
        outputs.append([json.loads(line) for line in out.getvalue().splitlines()])
    assert [r["essay"] for r in outputs[1]] == paths
    assert outputs[1] == outputs[0]


def test_with_jobs_2_a_bad_essay_loses_none_of_the_others(tmp_path):
    paths = []
    for name, text in pack_essays(20).items():
        (tmp_path / name).write_text(text)
        paths.append(str(tmp_path / name))
    (tmp_path / "empty.txt").write_text("  \n")
    paths.insert(9, str(tmp_path / "empty.txt"))  # inside the first pool batch of 16
    outputs = []
    for jobs in ("1", "2"):
        out, err = io.StringIO(), io.StringIO()
        assert main(["check", "--pack", str(CMC_PACK), "--format", "jsonl", "--jobs", jobs, *paths],
                    stdout=out, stderr=err) == 1
        outputs.append([json.loads(line) for line in out.getvalue().splitlines()])
    assert [r["essay"] for r in outputs[1]] == paths
    assert "error" in outputs[1][9] and "findings" not in outputs[1][9]
    assert outputs[1] == outputs[0]
    assert all("findings" in r for k, r in enumerate(outputs[1]) if k != 9)
