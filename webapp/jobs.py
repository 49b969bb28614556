"""Background marking: essays wait in the database as jobs until a worker checks them.

The essay row is the job. A worker claims queued essays with a conditional UPDATE, so two
workers never take the same one; a claim older than the lease (a worker that died, a
server restarted mid-batch) can be taken again, so nothing is lost. Writing the result is
idempotent: checking an essay twice stores the same report.
"""
from __future__ import annotations

import json
import logging
import threading
import time
from datetime import timedelta
from itertools import groupby

from sqlalchemy import or_, select, update

from essaycheck.errors import EssaycheckError

from .db import db
from .models import DONE, FAILED, QUEUED, RUNNING, Batch, Essay, now
from .workspace import checker_for

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 3


def claim(limit: int, lease: float) -> list[int]:
    """Take up to ``limit`` essays that are queued or whose claim has expired; return their ids."""
    stale = now() - timedelta(seconds=lease)
    candidates = db.session.scalars(
        select(Essay.id).where(or_(Essay.status == QUEUED, (Essay.status == RUNNING) & (Essay.claimed_at < stale)))
        .order_by(Essay.id).limit(limit)).all()
    taken = []
    for essay_id in candidates:
        result = db.session.execute(
            update(Essay).where(Essay.id == essay_id)
            .where(or_(Essay.status == QUEUED, (Essay.status == RUNNING) & (Essay.claimed_at < stale)))
            .values(status=RUNNING, claimed_at=now(), attempts=Essay.attempts + 1))
        if result.rowcount == 1:
            taken.append(essay_id)
    db.session.commit()
    return taken


def mark(essay_ids: list[int], workers: int = 1) -> int:
    """Check claimed essays, grouped by assignment, and store their reports; returns how many were done."""
    essays = db.session.scalars(select(Essay).where(Essay.id.in_(essay_ids)).join(Batch)
                                .order_by(Batch.assignment_id, Essay.id)).all()
    done = 0
    for _, group in groupby(essays, key=lambda e: e.batch.assignment_id):
        group = list(group)
        checker = checker_for(group[0].batch.assignment)
        good = []
        for e in group:
            try:
                checker.validate_essay(e.text, e.student)
                good.append(e)
            except EssaycheckError as exc:
                _finish(e, error=str(exc))
        try:
            # Stored with the answers: teachers see them; hint-mode students get the hints (see as_mode).
            reports = checker.check_many([(e.filename or e.student, e.text) for e in good], "reveal",
                                         workers=workers)
        except Exception as exc:  # a bug must not lose the batch: retry, then give up with a reason
            log.exception("marking failed")
            for e in good:
                if e.attempts >= MAX_ATTEMPTS:
                    _finish(e, error=f"could not be checked ({type(exc).__name__})")
                else:
                    e.status, e.claimed_at = QUEUED, None
            db.session.commit()
            continue
        for e, r in zip(good, reports):
            r.pop("text", None)
            _finish(e, report=r)
            done += 1
    db.session.commit()
    return done


def _finish(e: Essay, report: dict | None = None, error: str | None = None) -> None:
    e.report_json = json.dumps(report) if report is not None else None
    e.error = error
    e.status = DONE if report is not None else FAILED
    e.checked_at = now()


def run_pending(limit: int = 16, lease: float = 60.0, workers: int = 1) -> int:
    """One round of work in the current app context: claim, mark, store."""
    ids = claim(limit, lease)
    return mark(ids, workers) if ids else 0


def drain(lease: float = 60.0, timeout: float = 300.0) -> int:
    """Mark everything that is waiting (tests, and `flask mark-pending`)."""
    total, deadline = 0, time.monotonic() + timeout
    while time.monotonic() < deadline:
        ids = claim(16, lease)
        if not ids:
            return total
        total += mark(ids)
    return total


class Worker:
    """A thread in the web process that keeps marking while there is work."""

    def __init__(self, app, poll: float = 1.0, lease: float = 60.0):
        self.app, self.poll, self.lease = app, poll, lease
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._loop, name="essaycheck-marker", daemon=True)

    def start(self) -> "Worker":
        self.thread.start()
        return self

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self.thread.join(timeout)

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                with self.app.app_context():
                    n = run_pending(lease=self.lease)
                    db.session.remove()
            except Exception:  # keep the worker alive through a database hiccup
                log.exception("marking round failed")
                n = 0
            if n == 0:
                self._stop.wait(self.poll)
