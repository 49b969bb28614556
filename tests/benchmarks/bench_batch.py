"""Batch marking throughput: 200 generated essays through the teacher workspace. Not a test: prints figures.

    .venv/bin/python tests/benchmarks/bench_batch.py [--essays 200] [--database-url URL]

Creates a teacher and an assignment from the default pack on a fresh database (SQLite
in a temporary folder unless a URL is given), uploads a zip of generated essays through
the real upload route, marks them with the same job code the background worker runs,
and prints essays per minute and the peak memory of the process.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from corpus import pack_essays  # noqa: E402
from support import login, make_teacher, pack_assignment, upload_batch, zip_of  # noqa: E402


def peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--essays", type=int, default=200)
    ap.add_argument("--database-url")
    args = ap.parse_args()

    from webapp import create_app
    from webapp.jobs import drain

    url = args.database_url or f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.sqlite3'}"
    app = create_app({"TESTING": True, "WTF_CSRF_ENABLED": False, "SECRET_KEY": "bench",
                      "SQLALCHEMY_DATABASE_URI": url})
    make_teacher(app, "bench@school.org")
    c = login(app, "bench@school.org")
    aid = pack_assignment(c, "Bench")

    essays = pack_essays(args.essays)
    words = sum(len(t.split()) for t in essays.values())
    data = zip_of(essays)
    t0 = time.perf_counter()
    upload_batch(c, aid, "bench", [(data, "class.zip")])
    t_upload = time.perf_counter() - t0
    with app.app_context():
        t1 = time.perf_counter()
        marked = drain(timeout=3600)
        t_mark = time.perf_counter() - t1
    print(f"database: {url.split(':', 1)[0]}; {marked} of {args.essays} essays marked ({words:,} words)")
    print(f"upload and queue   {t_upload:8.2f} s")
    print(f"marking            {t_mark:8.2f} s   {marked / t_mark * 60:8.0f} essays/minute   "
          f"{words / t_mark:8.0f} words/s")
    print(f"peak memory        {peak_rss_mb():8.0f} MB")


if __name__ == "__main__":
    main()
