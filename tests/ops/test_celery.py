"""Batch marking on real Celery workers with a real Redis broker: all marked, and marked once."""
from __future__ import annotations

import os
import time

import pytest
from sqlalchemy import select

from support import CMC_PACK, login, make_teacher, pack_assignment, upload_batch, zip_of

from servers import CeleryWorker

pytestmark = pytest.mark.integration
ESSAY = ("On 18 October 1962 President Kennedy was informed about the missile bases on Cuba. Essay {}.\n\n"
         + (CMC_PACK / "examples" / "sample-essay.txt").read_text())


@pytest.fixture
def setup(nlp, tmp_path, redis_url):
    """The web app (this process) and the environment a worker process needs, on one SQLite file."""
    from webapp import create_app

    db_url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    env = dict(os.environ, ESSAYCHECK_DATABASE_URL=db_url, ESSAYCHECK_BROKER_URL=redis_url,
               ESSAYCHECK_INSTANCE_DIR=str(tmp_path / "instance"), ESSAYCHECK_JOB_LEASE="5",
               ESSAYCHECK_SECRET_KEY="celery-test")
    app = create_app({"TESTING": True, "WTF_CSRF_ENABLED": False, "SECRET_KEY": "celery-test",
                      "SQLALCHEMY_DATABASE_URI": db_url, "ESSAYCHECK_BROKER_URL": redis_url,
                      "ESSAYCHECK_JOB_LEASE": 5.0})
    make_teacher(app, "ann@school.org")
    client = login(app, "ann@school.org")
    aid = pack_assignment(client)
    workers = []
    yield app, client, aid, env, workers
    for w in workers:
        w.stop()


def upload(client, aid: int, n: int) -> None:
    essays = {f"student_{i:02d}.txt": ESSAY.format(i) for i in range(n)}
    assert upload_batch(client, aid, "10A", [(zip_of(essays), "class.zip")]).status_code == 302


def essays(app):
    from webapp.db import db
    from webapp.models import Essay

    with app.app_context():
        out = [(e.id, e.status, e.writes, e.attempts) for e in db.session.scalars(select(Essay))]
        db.session.remove()
        return out


def wait_for(app, predicate, timeout: float, worker_logs=(), worker=None) -> list:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        rows = essays(app)
        if predicate(rows):
            return rows
        if worker is not None and worker.proc.poll() is not None:
            break  # the worker died: say why at once
        time.sleep(0.05)
    logs = "\n".join(p.read_text()[-3000:] for p in worker_logs)
    pytest.fail(f"timed out; essays: {essays(app)}\nworker logs:\n{logs}")


def test_a_batch_is_marked_by_a_celery_worker(setup, tmp_path):
    app, client, aid, env, workers = setup
    upload(client, aid, 12)
    assert all(status == "queued" for _, status, _, _ in essays(app))  # nothing marks in the web process
    worker = CeleryWorker(env, "w1", tmp_path / "w1.log")
    workers.append(worker)
    rows = wait_for(app, lambda rows: all(s == "done" for _, s, _, _ in rows), 180, [tmp_path / "w1.log"], worker)
    assert len(rows) == 12 and all(writes == 1 for _, _, writes, _ in rows)


def test_a_killed_worker_loses_nothing_and_nothing_is_marked_twice(setup, tmp_path):
    app, client, aid, env, workers = setup
    first = CeleryWorker(env, "first", tmp_path / "first.log")
    workers.append(first)
    upload(client, aid, 60)
    wait_for(app, lambda rows: any(s == "done" for _, s, _, _ in rows), 180, [tmp_path / "first.log"], first)
    first.kill()  # mid-batch, probably mid-essay
    left = [r for r in essays(app) if r[1] != "done"]
    assert left, "the first worker finished everything before it was killed"
    second = CeleryWorker(env, "second", tmp_path / "second.log")
    workers.append(second)
    rows = wait_for(app, lambda rows: all(s == "done" for _, s, _, _ in rows), 240,
                    [tmp_path / "first.log", tmp_path / "second.log"], second)
    assert len(rows) == 60
    assert [writes for _, _, writes, _ in rows] == [1] * 60  # each essay recorded exactly once
