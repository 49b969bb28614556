"""An assignment: its fact base, rubric and feedback mode, and checking essays against it.

This is the core's front door: the command line, the web app and batch jobs
all build an ``Assignment`` once and call ``check`` for each essay.
"""
from __future__ import annotations

import bisect
import gc
import multiprocessing
import multiprocessing.pool
import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from spacy.language import Language

from .analysis import Analysis, analyse
from .checking import Checker
from .config import Settings
from .errors import InputError
from .events import WORDS, event_of
from .factbase import FactBase, build_factbase
from .findings import MODES, mode_name
from .pack import PackInfo, apply_fact_overrides, load_pack, override_entities, read_sources
from .pipeline import essay_disabled, load_pipeline, person_finder
from .reading import normalise
from .rubric import Rubric, load_rubric
from .tokencache import warm as warm_tokenizer
from .zones import gate, memory_zone

REPORT_SCHEMA = "essaycheck.report/1"


@dataclass
class Assignment:
    """Everything needed to check essays on one topic."""

    id: str
    title: str
    factbase: FactBase
    rubric: Rubric
    mode: str
    nlp: Language
    settings: Settings
    modes: tuple[str, ...] = ("flag", "point", "reveal")

    def __post_init__(self) -> None:
        self.checker = Checker(self.factbase, people=person_finder(self.nlp))
        self._pool: tuple[multiprocessing.pool.Pool, int] | None = None

    # -- building ---------------------------------------------------------------------------

    @classmethod
    def from_pack(cls, folder: str | Path, settings: Settings | None = None, nlp: Language | None = None,
                  rubric_path: str | Path | None = None) -> "Assignment":
        settings = settings or Settings.from_env()
        info = load_pack(folder, settings)
        return cls._build(info, settings, nlp, rubric_path)

    @classmethod
    def from_sources(cls, paths: list[str | Path], settings: Settings | None = None, nlp: Language | None = None,
                     rubric_path: str | Path | None = None, title: str = "Sources") -> "Assignment":
        settings = settings or Settings.from_env()
        info = PackInfo("sources", title, read_sources(paths, settings), day_first=settings.day_first)
        return cls._build(info, settings, nlp, rubric_path)

    @classmethod
    def from_info(cls, info: PackInfo, settings: Settings | None = None, nlp: Language | None = None,
                  rubric: Rubric | None = None) -> "Assignment":
        """An assignment from sources and overrides held elsewhere (a database, say)."""
        return cls._build(info, settings or Settings.from_env(), nlp, None, rubric)

    @classmethod
    def _build(cls, info: PackInfo, settings: Settings, nlp: Language | None,
               rubric_path: str | Path | None, rubric: Rubric | None = None) -> "Assignment":
        nlp = nlp or load_pipeline(settings)
        entities, aliases = override_entities(info.overrides)
        warm_tokenizer(nlp, [s.text for s in info.sources])  # essays use the sources' words (tokencache.py)
        with memory_zone(nlp):  # the fact base keeps plain data only, no spaCy object
            fb = build_factbase(nlp, info.sources, settings.gazetteer_path, entities, aliases, info.day_first)
        apply_fact_overrides(fb, info.overrides)
        rubric = rubric or load_rubric(rubric_path or info.rubric_path or settings.default_rubric_path)
        built = cls(info.id, info.title, fb, rubric, mode_name(info.mode or rubric.mode), nlp, settings, info.modes)
        # A fact base is hundreds of thousands of objects that live as long as the assignment, and
        # the cycle collector walked them all again and again while essays were checked (a fifth of
        # the time against a textbook-sized source set). Frozen, it skips them. The fact base holds
        # no reference cycle, so one that is dropped is still freed at once.
        gc.freeze()
        return built

    # -- checking ---------------------------------------------------------------------------

    def validate_essay(self, text: str, name: str | None = None) -> str:
        """The essay text ready to check, or an InputError a user can act on."""
        text = normalise(text)
        where = f"{name}: " if name else ""
        if not text.strip():
            raise InputError(f"{where}the essay is empty", "essay_empty")
        if len(text) > self.settings.max_essay_chars:
            raise InputError(f"{where}the essay has {len(text):,} characters; the limit is "
                             f"{self.settings.max_essay_chars:,}", "essay_too_large")
        return text

    def analyse_essays(self, texts: Iterable[str]) -> list[Analysis]:
        """The essays as plain data. The strings spaCy adds for them are freed afterwards (a
        memory zone, see zones.py), so a long-running process does not grow with every new word."""
        # Small batches: the network pads a batch to its longest text, so large batches of
        # essays are slower and use several times the memory (measured in tests/benchmarks).
        with memory_zone(self.nlp):
            docs = self.nlp.pipe(texts, batch_size=8, disable=essay_disabled(self.nlp), component_cfg={
                "essaycheck_entities": {"registry": self.factbase.registry},
                "essaycheck_dates": {"day_first": self.factbase.day_first}})
            return [analyse(d) for d in docs]

    def check(self, text: str, name: str | None = None, mode: str | None = None) -> dict:
        """The report (schema essaycheck.report/1) for one essay."""
        text = self.validate_essay(text, name)
        return self.report(self.analyse_essays([text])[0], name, mode)

    def check_many(self, items: list[tuple[str | None, str]], mode: str | None = None,
                   workers: int = 1) -> list[dict]:
        """Reports for many (name, text) essays at once, in order; with ``workers`` > 1, on that many cores.

        Every essay is validated first, so a bad one raises before any work starts. Inside
        ``with assignment.worker_pool(workers):`` the block's worker processes do the work;
        otherwise a pool is started for this call alone.
        """
        texts = [self.validate_essay(t, n) for n, t in items]
        names = [n for n, _ in items]
        if workers > 1 and len(texts) >= 2 * workers and _can_fork():
            # Each worker takes every workers-th essay, in one batch, as it always has.
            chunks = [list(range(i, len(texts), workers)) for i in range(workers)]
            jobs = [([names[i] for i in c], [texts[i] for i in c], mode) for c in chunks]
            if self._pool is not None and self._pool[1] == workers:
                parts = self._pool[0].map(_check_chunk, jobs)
            else:
                with self._start_pool(workers) as pool:
                    parts = pool.map(_check_chunk, jobs)
            out: list[dict] = [{}] * len(texts)
            for chunk, reports in zip(chunks, parts):
                for i, r in zip(chunk, reports):
                    out[i] = r
            return out
        return [self.report(a, n, mode) for n, a in zip(names, self.analyse_essays(texts))]

    @contextmanager
    def worker_pool(self, workers: int) -> Iterator[None]:
        """Processes that live as long as the block, for every ``check_many(..., workers)`` in it.

        Starting processes costs more than checking a batch of essays, so a caller with many
        batches (the command line) keeps one pool for the whole run. The workers are forked:
        they inherit the loaded pipeline and this fact base, and only essays and reports travel.
        Without fork (or with one worker) the block does nothing and checking stays in-process.
        """
        if workers <= 1 or not _can_fork() or self._pool is not None:
            yield
            return
        with self._start_pool(workers) as pool:
            self._pool = (pool, workers)
            try:
                yield
            finally:
                self._pool = None

    @contextmanager
    def _start_pool(self, workers: int) -> Iterator[multiprocessing.pool.Pool]:
        with gate(self.nlp).quiet():  # never fork inside a memory zone
            pool = multiprocessing.get_context("fork").Pool(workers, initializer=_adopt, initargs=(self,))
        try:
            yield pool
        except BaseException:
            pool.terminate()  # an error or Ctrl-C: do not wait for work nobody will read
            raise
        else:
            pool.close()
        finally:
            pool.join()

    def report(self, essay: Analysis, name: str | None, mode: str | None = None) -> dict:
        mode = mode or self.mode
        if mode_name(mode) not in MODES:
            raise InputError(f"mode must be one of {', '.join(MODES)} (or hint), not {mode!r}", "bad_mode")
        mode = mode_name(mode)
        findings, covered = self.checker.check(essay)
        coverage = self._coverage(covered, findings, mode)
        finding_dicts = [f.to_dict(mode) for f in findings]
        for d in finding_dicts:
            self._title(d["evidence"])
        rubric = self.rubric.evaluate(finding_dicts, coverage)
        return {"schema": REPORT_SCHEMA, "essay": name, "assignment": self.id, "mode": mode,
                "findings": finding_dicts, "coverage": coverage, "rubric": rubric,
                "timeline": self._timeline(essay, findings, mode), "text": essay.text}

    def _coverage(self, covered: dict[str, list[tuple[int, int]]], findings, mode: str) -> dict:
        """One entry per event of the sources: covered when the essay tells any of its facts.

        Below ``reveal`` the evidence keeps only where to look, and an event the essay got
        wrong is not summarised (its summary would give the answer away).
        """
        wrong = {f.fact_id for f in findings if f.verdict == "contradicted" and f.fact_id}
        hint = mode != "reveal"
        rows = self._event_entries()
        _, _, _, _, at = self.__dict__["_entries"]
        pick = 2 if hint else 1
        # Most events are neither told nor near a wrong claim: their entries are the ones made once per
        # fact base, shared by every report (a textbook's thousands of entries, copied for each of a
        # class's essays, were most of a report's cost). Only the entries this essay changes are copied.
        entries = [r[pick] for r in rows]
        told = {i for i in covered if covered[i]}
        for pos in {p for i in told for p in at.get(i, ())}:
            entry = entries[pos] = dict(entries[pos])
            spans = sorted({tuple(s) for i in entry["facts"] for s in covered.get(i, [])})
            entry["covered"] = bool(spans)
            entry["essay_spans"] = [list(s) for s in spans]
        if hint:
            wrong_at, near = self._hidden_positions(wrong)
            for pos in wrong_at:
                entries[pos] = dict(entries[pos], summary=WORDS["prompt"]["check"], prompt=WORDS["prompt"]["check"],
                                    date=None)
            for pos in near:
                entries[pos] = dict(entries[pos], summary=WORDS["prompt"]["same_time"],
                                    prompt=WORDS["prompt"]["same_time"], date=None)
        keys = [e for e in entries if e["key"]]
        return {"score": round(sum(e["covered"] for e in keys) / len(keys), 3) if keys else 1.0,
                "key_facts": len(keys), "covered_key_facts": sum(e["covered"] for e in keys), "facts": entries}

    def _dates_of(self, fact_ids: set[str]) -> set[str]:
        """The dates of these facts and of the events holding them."""
        if not fact_ids:
            return set()
        facts, events = self._by_fact_id()
        out = {d.value for i in fact_ids if i in facts for d in facts[i].dates}
        return out | {e.date.value for i in fact_ids if (e := events.get(i)) is not None and e.date}

    def _by_fact_id(self) -> tuple[dict, dict]:
        """Fact id -> fact, and fact id -> its event (made once per fact base)."""
        fb = self.factbase
        kept = self.__dict__.get("_by_id")
        if kept is None or kept[0] is not fb.events or kept[1] is not fb.facts:
            kept = self.__dict__["_by_id"] = (fb.events, fb.facts, ({f.id: f for f in fb.facts}, event_of(fb.events)))
        return kept[2]

    def _event_entries(self) -> list[tuple[frozenset[str], dict, dict]]:
        """Each event's fact ids and its coverage entry for an essay that does not tell it, as ``reveal``
        shows it and as the hint modes do (without the sources' words), made once per fact base:
        a textbook-sized source set has thousands of events, and every report lists them all.

        These entries, and their fact-id and evidence lists, are the same objects in every report that
        leaves the event untold (``_coverage`` copies only the entries an essay changes): read a report's
        coverage, do not change it in place. (Its empty "essay_spans" is a tuple, so that a change fails.)
        """
        events = self.factbase.events
        kept = self.__dict__.get("_entries")
        if kept is None or kept[0] is not events:  # regrouping makes a new list
            rows = []
            for e in events:
                evidence = self._title([ev.to_dict() for ev in e.evidence])
                shown = {"id": e.id, "facts": e.fact_ids, "summary": e.summary, "prompt": e.prompt, "key": e.key,
                         "covered": False, "essay_spans": (), "date": e.date.value if e.date else None,
                         "evidence": evidence}
                rows.append((frozenset(e.fact_ids), shown,
                             dict(shown, evidence=[dict(ev, text=None) for ev in evidence])))
            dated = sorted((shown["date"], pos) for pos, (_, shown, _) in enumerate(rows) if shown["date"])
            by_date: dict[str, list[int]] = {}
            for date, pos in dated:
                by_date.setdefault(date, []).append(pos)
            at: dict[str, list[int]] = {}  # fact id -> the positions of the events holding it
            for pos, (ids, _, _) in enumerate(rows):
                for i in ids:
                    at.setdefault(i, []).append(pos)
            kept = self.__dict__["_entries"] = (events, rows, dated, by_date, at)
        return kept[1]

    def _hidden_positions(self, wrong: set[str]) -> tuple[set[int], set[int]]:
        """Below ``reveal``, the positions in ``_event_entries`` (and in the fact base's events) of the
        events holding a fact the essay got wrong, and of the other events dated in or around their
        dates: what a hint must not give away."""
        if not wrong:
            return set(), set()
        self._event_entries()
        at = self.__dict__["_entries"][4]
        wrong_at = {p for i in wrong for p in at.get(i, ())}
        return wrong_at, self._entries_near(self._dates_of(wrong)) - wrong_at

    def _entries_near(self, dates: set[str]) -> set[int]:
        """The positions in ``_event_entries`` of the events dated in or around one of ``dates``
        ("1871-04" holds "1871-04-16", and is held by "1871"): found through the sorted dates, not
        by testing each of a textbook's thousands of events."""
        if not dates:
            return set()
        self._event_entries()
        _, _, dated, by_date, _ = self.__dict__["_entries"]
        out: set[int] = set()
        for d in dates:
            for n in range(1, len(d) + 1):  # the events whose date holds d
                out.update(by_date.get(d[:n], ()))
            for date, pos in dated[bisect.bisect_left(dated, (d,)):]:  # those d holds
                if not date.startswith(d):
                    break
                out.add(pos)
        return out

    def _title(self, evidence: list[dict]) -> list[dict]:
        """Name each source by its title, the way students know it."""
        for ev in evidence:
            src = self.factbase.sources.get(ev.get("source"))
            if src is not None:
                ev["title"] = src.title
        return evidence

    def _timeline(self, essay: Analysis, findings, mode: str = "reveal") -> dict:
        """The sources' dated key events and the essay's dated claims, for drawing side by side.

        Below ``reveal`` an event the essay got wrong is left off: its date is the answer.
        """
        wrong = {f.fact_id for f in findings if f.verdict == "contradicted" and f.fact_id} if mode != "reveal" else set()
        wrong_at, near = self._hidden_positions(wrong)
        hidden = wrong_at | near
        sources = sorted(({"fact": e.id, "value": e.date.value, "granularity": e.date.granularity,
                           "summary": e.summary}
                          for pos, e in enumerate(self.factbase.events) if e.key and e.date is not None
                          and e.date.complete and pos not in hidden),
                         key=lambda e: e["value"])
        by_span = {(f.start, f.end): f for f in findings if f.kind in ("date", "relative_date")}
        mine = []
        for m in essay.dates:
            if not m.resolved:
                continue
            f = by_span.get((m.start, m.end))
            mine.append({"text": m.text, "start": m.start, "end": m.end, "value": m.value.value,
                         "granularity": m.value.granularity, "fact": f.fact_id if f else None,
                         "verdict": f.verdict if f else None})
        order = [{"start": f.start, "end": f.end, "claim": f.claim, "fact": f.fact_id, "verdict": f.verdict}
                 for f in findings if f.kind == "order"]
        return {"sources": sources, "essay": mine, "order": order}


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and os.name == "posix"


_WORKER: dict = {}


def _adopt(assignment: Assignment) -> None:
    """In a forked worker: the assignment it checks for (inherited, never pickled)."""
    _WORKER["assignment"] = assignment


def _check_chunk(job: tuple[list[str | None], list[str], str | None]) -> list[dict]:
    """Check some essays in a worker process."""
    names, texts, mode = job
    a = _WORKER["assignment"]
    return [a.report(x, n, mode) for n, x in zip(names, a.analyse_essays(texts))]
