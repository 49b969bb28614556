"""Batch throughput on Celery workers: one worker process, then two. Not a test: prints figures.

    .venv/bin/python tests/benchmarks/bench_workers.py [--essays 200]

Starts a throwaway Redis server, uploads a batch of generated essays through the teacher
workspace, starts N `celery worker --concurrency 1` processes (N = 1, then 2) and times
how long until every essay is recorded; prints essays per minute, the speed-up, and the
resident memory of each worker's pool process. The same method works on a school's
servers: point the workers at the real database and broker and upload a batch.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "ops"))

from corpus import pack_essays  # noqa: E402
from servers import CeleryWorker, start_redis  # noqa: E402
from support import login, make_teacher, pack_assignment, upload_batch, zip_of  # noqa: E402


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return [int(x) for x in out.split()]


def run(n_workers: int, n_essays: int) -> tuple[float, list[float]]:
    tmp = Path(tempfile.mkdtemp(prefix="essaycheck-bench-"))
    redis, redis_url = start_redis(tmp)
    env = dict(os.environ, ESSAYCHECK_DATABASE_URL=f"sqlite:///{tmp / 'db.sqlite3'}",
               ESSAYCHECK_BROKER_URL=redis_url, ESSAYCHECK_INSTANCE_DIR=str(tmp / "instance"),
               ESSAYCHECK_SECRET_KEY="bench", ESSAYCHECK_LOG_FORMAT="text")
    os.environ.update({k: env[k] for k in ("ESSAYCHECK_DATABASE_URL", "ESSAYCHECK_BROKER_URL",
                                           "ESSAYCHECK_INSTANCE_DIR", "ESSAYCHECK_SECRET_KEY")})
    from webapp import create_app
    from webapp.db import db
    from webapp.models import DONE, Essay

    app = create_app({"TESTING": True, "WTF_CSRF_ENABLED": False, "SECRET_KEY": "bench",
                      "SQLALCHEMY_DATABASE_URI": env["ESSAYCHECK_DATABASE_URL"],
                      "ESSAYCHECK_BROKER_URL": env["ESSAYCHECK_BROKER_URL"]})
    make_teacher(app, "b@school.org")
    c = login(app, "b@school.org")
    aid = pack_assignment(c, "Bench")
    workers = [CeleryWorker(env, f"w{i}", None, loglevel="WARNING") for i in range(n_workers)]
    try:
        # Let every worker load the pipeline and build the assignment before timing starts.
        warm = zip_of({f"warm_{i}.txt": "In 1959 Castro took power in Cuba." for i in range(4 * n_workers)})
        upload_batch(c, aid, "warm", [(warm, "w.zip")])
        _wait(app, db, Essay, DONE, 4 * n_workers, 300)
        data = zip_of(pack_essays(n_essays))
        t0 = time.perf_counter()
        upload_batch(c, aid, "bench", [(data, "class.zip")])
        _wait(app, db, Essay, DONE, 4 * n_workers + n_essays, 1800)
        elapsed = time.perf_counter() - t0
        memory = [rss_mb(child) for w in workers for child in children(w.proc.pid)]
        return n_essays / elapsed * 60, memory
    finally:
        for w in workers:
            w.stop()
        redis.terminate()


def _wait(app, db, Essay, DONE, n, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with app.app_context():
            done = db.session.query(Essay).filter(Essay.status == DONE).count()
            db.session.remove()
        if done >= n:
            return
        time.sleep(0.1)
    raise SystemExit(f"timed out with {done} of {n} essays marked")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--essays", type=int, default=200)
    args = ap.parse_args()
    one, mem1 = run(1, args.essays)
    two, mem2 = run(2, args.essays)
    print(f"{args.essays} generated essays of 250-450 words, SQLite, Redis broker, on {os.cpu_count()} cores")
    print(f"1 worker process   {one:8.0f} essays/minute   worker memory {', '.join(f'{m:.0f} MB' for m in mem1)}")
    print(f"2 worker processes {two:8.0f} essays/minute   worker memory {', '.join(f'{m:.0f} MB' for m in mem2)}")
    print(f"speed-up           {two / one:8.2f}x")


if __name__ == "__main__":
    main()
