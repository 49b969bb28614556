"""How cost grows with the size of the input, next to plain en_core_web_sm on the same text. Not a test.

    .venv/bin/python tests/benchmarks/bench_scaling.py [--only essays,sources,pool,memory] [--rounds 3]

The texts are made deterministically from the project's own sources and essays (tests/corpus.py):
long essays repeat the corpus essays, large source sets repeat every source with its names
renamed, and the 5,000 essays of the memory run each carry names of their own.

Figures printed:
  essays    time per 100 words of `check` on essays of 100 to 30,000 words (one fact base of every
            source), beside en_core_web_sm on the same essay; the 30,000-word time per word over
            the 500-word one, cold and warm (below).
  sources   seconds to build the fact base of 1,000 to 50,000 source words, beside
            en_core_web_sm over the same texts; and words/s checking the default pack's essays
            against each of those fact bases, over the same against the default pack itself.
  pool      `essaycheck check --jobs 1` and `--jobs 2` over 800 essays (new processes, wall time).
  memory    a long-running job worker (the web app's marking code, SQLite) over 5,000 essays:
            resident memory and spaCy string-store size every 500 essays.
Each time is the median of --rounds runs (the 20,000- and 50,000-word builds run once).

Essays are timed two ways, because the aligner keeps its answers (up to 2,000) for the life of an
assignment. Warm: the same essay checked --rounds times, so every round after the first is answered
from the store; a 500-word essay asks a few hundred questions and all of them stay, while a
30,000-word essay asks some 10,000 and the store turns over, so a warm ratio of the two measures
the store more than the essay's length. Cold: each round a different essay of that length (the
corpus read from another paragraph), with the aligner's answers emptied first, so that no answer of
an earlier check is reused and both lengths pay for their own questions, as a new essay on a
server does. The done-when ratio is read from the cold figures; what the assignment keeps per fact
(made once per fact base) stays, as it does on a server after its first essay.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("ESSAYCHECK_MAX_ESSAY_CHARS", "1000000")  # a 30,000-word essay is 170,000 characters

import corpus  # noqa: E402

ESSAY_SIZES = (100, 500, 2000, 8000, 30000)
SOURCE_SIZES = (1000, 2000, 5000, 10000, 20000, 50000)


def median_time(fn, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def n_words(text: str) -> int:
    return len(text.split())


def rss_mb(field: str = "VmRSS") -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def pipelines():
    import spacy

    from essaycheck.config import Settings
    from essaycheck.pipeline import load_pipeline

    settings = Settings.from_env()
    plain = next(spacy.load(n) for n in settings.pipelines if _installed(n))
    return settings, load_pipeline(settings), plain


def _installed(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


def assignment_of(sources: list[tuple[str, str]], settings, nlp):
    from essaycheck.assignment import Assignment
    from essaycheck.factbase import Source
    from essaycheck.pack import PackInfo

    return Assignment.from_info(PackInfo("generated", "Generated", [Source(n, t) for n, t in sources]), settings, nlp)


def bench_essays(rounds: int, sizes=ESSAY_SIZES) -> dict:
    settings, nlp, plain = pipelines()
    every_source = list(corpus.sources())
    a = assignment_of(every_source, settings, nlp)
    print(f"\nEssays against one fact base of every source ({sum(n_words(t) for _, t in every_source):,} words); "
          f"time per 100 words, median of {rounds}")
    print("  cold: a different essay each round, the aligner's stored answers emptied first; "
          "warm: one essay checked every round")
    print(f"{'words':>8}{'cold ms':>10}{'warm ms':>10}{'en_core_web_sm ms':>19}{'x en_core_web_sm cold':>23}"
          f"{'warm':>7}")
    a.check(corpus.long_essay(500))  # warm up
    plain(corpus.long_essay(500))
    stride = corpus.paragraph_count() // max(rounds, 1)
    cold, warm = {}, {}
    for size in sizes:
        texts = [corpus.long_essay(size, start=k * stride) for k in range(rounds)]
        cold_ours, cold_ref = [], []
        for text in texts:
            a.checker.aligner.forget()
            cold_ours.append(median_time(lambda: a.check(text), 1) / n_words(text))
            cold_ref.append(median_time(lambda: plain(text), 1) / n_words(text))
        text = texts[0]
        warm_ours = median_time(lambda: a.check(text), rounds) / n_words(text)
        cold[size], warm[size] = statistics.median(cold_ours), warm_ours
        ref = statistics.median(cold_ref)
        w = round(statistics.mean(n_words(t) for t in texts))
        print(f"{w:8,}{cold[size] * 1e5:10.1f}{warm[size] * 1e5:10.1f}{ref * 1e5:19.1f}{cold[size] / ref:23.2f}"
              f"{warm[size] / ref:7.2f}")
    if 500 in cold and 30000 in cold:
        print(f"time per word, 30,000 words over 500 words: {cold[30000] / cold[500]:.2f} cold (done when <= 1.5), "
              f"{warm[30000] / warm[500]:.2f} warm")
    return cold


def bench_sources(rounds: int, sizes=SOURCE_SIZES) -> None:
    from essaycheck.assignment import Assignment

    settings, nlp, plain = pipelines()
    essays = [(n, t) for n, t in corpus.pack_essays(40).items()]
    essay_words = sum(n_words(t) for _, t in essays)
    default = Assignment.from_pack(corpus.PACK, settings, nlp)
    default.check_many(essays[:4])  # warm up
    base = essay_words / median_time(lambda: default.check_many(essays), rounds)
    ref_check = essay_words / median_time(lambda: list(plain.pipe([t for _, t in essays])), rounds)
    print(f"\nFact bases from generated sources; build time beside en_core_web_sm over the same texts, and "
          f"`check` of {len(essays)} default-pack essays ({essay_words:,} words) against each fact base")
    print(f"  against the default pack itself: {base:,.0f} words/s (en_core_web_sm on the same essays: "
          f"{ref_check:,.0f} words/s)")
    print(f"{'words':>8}{'facts':>7}{'build s':>9}{'en_core_web_sm s':>18}{'x en_core_web_sm':>18}"
          f"{'check words/s':>15}{'x default pack':>16}")
    for size in sizes:
        sources = corpus.source_set(size)
        texts = [t for _, t in sources]
        w = sum(n_words(t) for t in texts)
        r = rounds if size <= 10000 else 1
        built = []
        ours = median_time(lambda: built.append(assignment_of(sources, settings, nlp)), r)
        ref = median_time(lambda: list(plain.pipe(texts)), r)
        a = built[-1]
        speed = essay_words / median_time(lambda: a.check_many(essays), rounds)
        print(f"{w:8,}{len(a.factbase.facts):7,}{ours:9.2f}{ref:18.2f}{ours / ref:18.2f}{speed:15,.0f}"
              f"{speed / base:16.2f}")
    print("done when: building 50,000 source words <= 1.5x en_core_web_sm; checking against it >= 0.7x the default pack")


def bench_pool(n_essays: int = 800) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="essaycheck-pool-"))
    paths = []
    for name, text in corpus.pack_essays(n_essays).items():
        (tmp / name).write_text(text, "utf-8")
        paths.append(str(tmp / name))
    words = sum(n_words(Path(p).read_text()) for p in paths)
    exe = str(Path(sys.executable).with_name("essaycheck"))
    print(f"\n`essaycheck check --pack rubric/cuban-missile-crisis --format jsonl` over {n_essays} essays "
          f"({words:,} words), wall time including start-up")
    results = {}
    for jobs in (1, 2):
        t = time.perf_counter()
        done = subprocess.run([exe, "check", "--pack", str(corpus.PACK), "--format", "jsonl", "--jobs", str(jobs),
                               *paths], capture_output=True, text=True)
        results[jobs] = time.perf_counter() - t
        ok = done.returncode == 0 and len(done.stdout.splitlines()) == n_essays
        print(f"  --jobs {jobs}: {results[jobs]:7.1f} s  {n_essays / results[jobs]:6.1f} essays/s"
              f"{'' if ok else '  (FAILED: ' + done.stderr.strip()[-200:] + ')'}")
    print(f"  --jobs 2 over --jobs 1: {results[1] / results[2]:.2f}x as fast")


def bench_memory(n_essays: int = 5000, every: int = 500) -> None:
    print(f"\nA long-running job worker (the web app's marking code on SQLite) over {n_essays:,} essays, "
          f"each with names of its own")
    print(f"{'essays':>8}{'RSS MB':>9}{'strings':>10}{'essays/s':>10}")
    child = subprocess.Popen([sys.executable, __file__, "--memory-child", str(n_essays), str(every)],
                             stdout=subprocess.PIPE, text=True)
    for line in child.stdout:
        print(line.rstrip(), flush=True)
    child.wait()


def memory_child(n_essays: int, every: int) -> None:
    """The job worker's loop: upload essays 500 at a time, mark them with run_pending, report memory."""
    from support import login, make_teacher, pack_assignment, upload_batch, zip_of
    from webapp import create_app
    from webapp.db import db
    from webapp.jobs import run_pending

    from essaycheck.pipeline import load_pipeline

    url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.sqlite3'}"
    app = create_app({"TESTING": True, "WTF_CSRF_ENABLED": False, "SECRET_KEY": "bench",
                      "SQLALCHEMY_DATABASE_URI": url})
    make_teacher(app, "bench@school.org")
    c = login(app, "bench@school.org")
    aid = pack_assignment(c, "Bench")
    stream = corpus.essay_stream(n_essays)
    strings = load_pipeline().vocab.strings
    done, t0 = 0, time.perf_counter()
    for i in range(0, n_essays, every):
        part = stream[i:i + every]
        r = upload_batch(c, aid, f"part {i // every}", [(zip_of({n: t for n, t in part}), "class.zip")])
        assert r.status_code in (200, 302), r.status_code
        with app.app_context():
            while (n := run_pending(limit=16)):
                done += n
            db.session.remove()
        print(f"{done:8,}{rss_mb():9.0f}{len(strings):10,}{done / (time.perf_counter() - t0):10.1f}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", default="essays,sources,pool,memory")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--pool-essays", type=int, default=800)
    ap.add_argument("--memory-essays", type=int, default=5000)
    ap.add_argument("--memory-child", nargs=2, type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.memory_child:
        return memory_child(*args.memory_child)
    parts = args.only.split(",")
    if "essays" in parts:
        bench_essays(args.rounds)
    if "sources" in parts:
        bench_sources(args.rounds)
    if "pool" in parts:
        bench_pool(args.pool_essays)
    if "memory" in parts:
        bench_memory(args.memory_essays)


if __name__ == "__main__":
    main()
