"""Speed and memory of the core, next to plain en_core_web_sm on the same text in the same run.

Not a test: it prints figures. Run with `make bench` or
    .venv/bin/python tests/benchmarks/bench_core.py [--repeat N]

Figures printed:
  fact base build      words/s building fact bases from every topic's sources
  essay matching       words/s of the matcher (sentences, entities, dates, numbers) on essays
  check                words/s of `check` over the essay corpus, after start-up
  one 500-word essay   median seconds for a single check
  start-up             seconds from a new process to an assignment ready to check
  peak memory          resident set size of a process that checked the corpus
each beside plain en_core_web_sm (every component, nlp.pipe) over the same texts.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
PACK = ROOT / "rubric" / "cuban-missile-crisis"


def topics() -> list[tuple[list[Path], list[Path]]]:
    out: list[tuple[list[Path], list[Path]]] = [(sorted((PACK / "sources").glob("*.txt")), [])]
    for d in sorted(p for p in DATA.iterdir() if (p / "labels.json").is_file()):
        labels = json.loads((d / "labels.json").read_text())
        out.append(([d / s for s in labels["sources"].values()], [d / e["file"] for e in labels["essays"]]))
    return out


def words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def timed(fn, *args) -> float:
    t = time.perf_counter()
    fn(*args)
    return time.perf_counter() - t


def essay_of_500_words(texts: list[str]) -> list[str]:
    """Essays of about 500 words, made by joining corpus essays of one topic."""
    out = []
    for i in range(0, len(texts) - 1, 2):
        joined = texts[i] + "\n\n" + texts[i + 1]
        out.append(" ".join(joined.split(" ")[:500]))
    return out


def child(mode: str) -> None:
    """Run in a fresh process: start-up time, or check the corpus and report peak memory."""
    t0 = time.perf_counter()
    from essaycheck.assignment import Assignment

    a = Assignment.from_pack(PACK)
    startup = time.perf_counter() - t0
    if mode == "startup":
        print(json.dumps({"startup_s": startup}))
        return
    for sources, essays in topics():
        b = Assignment.from_sources(sources, nlp=a.nlp) if essays else a
        b.check_many([(p.name, p.read_text()) for p in essays] * 3)
    print(json.dumps({"peak_rss_mb": peak_rss_mb()}))


def peak_rss_mb() -> float:
    """This process's high-water resident set size (VmHWM: getrusage's figure survives exec on Linux)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5, help="times the corpus is repeated")
    ap.add_argument("--child", choices=("startup", "memory"))
    args = ap.parse_args()
    if args.child:
        return child(args.child)

    import spacy

    from essaycheck.assignment import Assignment
    from essaycheck.config import Settings
    from essaycheck.pipeline import load_pipeline

    settings = Settings.from_env()
    nlp = load_pipeline(settings)
    plain = next(spacy.load(n) for n in settings.pipelines if _installed(n))
    print(f"pipeline: {plain.meta['name']} {plain.meta['version']}, components {plain.pipe_names}")

    all_topics = topics()
    source_texts = [p.read_text() for s, _ in all_topics for p in s] * args.repeat
    essays_by_topic = [(s, [p.read_text() for p in e]) for s, e in all_topics if e]
    essay_texts = [t for _, es in essays_by_topic for t in es] * args.repeat

    list(plain.pipe(source_texts[:4]))  # warm both pipelines up
    list(nlp.pipe(source_texts[:4]))
    rows = []

    def row(name, ours_s, ref_s, n_words):
        rows.append((name, n_words / ours_s, n_words / ref_s))

    assignments = [Assignment.from_sources(s, nlp=nlp) for s, _ in essays_by_topic]
    t_build = timed(lambda: [Assignment.from_sources(s, nlp=nlp) for s, _ in all_topics for _ in range(args.repeat)])
    t_plain = timed(lambda: list(plain.pipe(source_texts)))
    row("fact base build", t_build, t_plain, words(source_texts))

    t_match = timed(lambda: [a.analyse_essays(es * args.repeat) for a, (_, es) in zip(assignments, essays_by_topic)])
    t_plain = timed(lambda: list(plain.pipe(essay_texts)))
    t_plain_small = timed(lambda: list(plain.pipe(essay_texts, batch_size=8)))
    row("essay matching", t_match, t_plain, words(essay_texts))

    t_check = timed(lambda: [a.check_many([(None, t) for t in es * args.repeat])
                             for a, (_, es) in zip(assignments, essays_by_topic)])
    row("check", t_check, t_plain, words(essay_texts))
    t_check2 = timed(lambda: [a.check_many([(None, t) for t in es * args.repeat], workers=2)
                              for a, (_, es) in zip(assignments, essays_by_topic)])
    row("check, 2 workers", t_check2, t_plain, words(essay_texts))

    five_hundred = essay_of_500_words(essays_by_topic[0][1])
    singles = []
    for _ in range(args.repeat):
        for t in five_hundred:
            singles.append(timed(assignments[0].check, t))
    plain_singles = [timed(plain, t) for t in five_hundred * args.repeat]

    print(f"\n{'':22}{'essaycheck':>14}{'en_core_web_sm':>16}{'ratio':>8}")
    for name, ours, ref in rows:
        print(f"{name + ' (words/s)':22}{ours:14,.0f}{ref:16,.0f}{ours / ref:8.2f}")
    print(f"{'(en_core_web_sm with batch_size=8, as essaycheck uses it: ' + format(words(essay_texts) / t_plain_small, ',.0f') + ' words/s)':>60}")
    print(f"{'one 500-word essay (s)':22}{statistics.median(singles):14.3f}{statistics.median(plain_singles):16.3f}"
          f"{statistics.median(plain_singles) / statistics.median(singles):8.2f}")

    startup = [json.loads(_run_child("startup"))["startup_s"] for _ in range(3)]
    memory = json.loads(_run_child("memory"))["peak_rss_mb"]
    print(f"{'start-up (s)':22}{statistics.median(startup):14.2f}   (new process to an assignment ready to check)")
    print(f"{'peak memory (MB)':22}{memory:14.0f}   (process that checked the corpus three times)")


def _installed(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


def _run_child(mode: str) -> str:
    return subprocess.run([sys.executable, __file__, "--child", mode], capture_output=True, text=True,
                          check=True).stdout.strip().splitlines()[-1]


if __name__ == "__main__":
    main()
