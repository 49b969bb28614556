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
import uuid
from datetime import timedelta
from itertools import groupby

from sqlalchemy import or_, select, update

from essaycheck.errors import EssaycheckError

from .db import db
from .models import DONE, FAILED, QUEUED, RUNNING, Batch, Essay, now
from .workspace import checker_for

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 3


def _claimable(stale):
    return or_(Essay.status == QUEUED, (Essay.status == RUNNING) & (Essay.claimed_at < stale))


def claim(limit: int, lease: float) -> list[tuple[int, str]]:
    """Take up to ``limit`` essays that are queued or whose claim has expired: (id, claim token) pairs."""
    stale = now() - timedelta(seconds=lease)
    candidates = db.session.scalars(select(Essay.id).where(_claimable(stale)).order_by(Essay.id).limit(limit)).all()
    taken = [(i, token) for i in candidates if (token := _claim(i, stale))]
    db.session.commit()
    return taken


def claim_one(essay_id: int, lease: float) -> str | None:
    """Take one essay if it is free; its claim token, or None if it is done or someone else has it."""
    token = _claim(essay_id, now() - timedelta(seconds=lease))
    db.session.commit()
    return token


def _claim(essay_id: int, stale) -> str | None:
    token = uuid.uuid4().hex
    result = db.session.execute(
        update(Essay).where(Essay.id == essay_id).where(_claimable(stale))
        .values(status=RUNNING, claimed_at=now(), claim_token=token, attempts=Essay.attempts + 1))
    return token if result.rowcount == 1 else None


def store(essay_id: int, token: str, report: dict | None = None, error: str | None = None) -> bool:
    """Record a result, only under the claim that produced it: a worker whose claim was taken over
    (it was too slow, or presumed dead) records nothing, so no essay is ever recorded twice."""
    result = db.session.execute(
        update(Essay).where(Essay.id == essay_id, Essay.claim_token == token, Essay.status == RUNNING)
        .values(status=DONE if report is not None else FAILED, report_json=json.dumps(report) if report else None,
                error=error, checked_at=now(), claim_token=None, writes=Essay.writes + 1))
    return result.rowcount == 1


def release_claim(essay_id: int, token: str, attempts_left: bool) -> None:
    """Give an essay back after an unexpected failure, or fail it for good after too many tries."""
    values = ({"status": QUEUED, "claim_token": None, "claimed_at": None} if attempts_left else
              {"status": FAILED, "claim_token": None, "error": "could not be checked", "writes": Essay.writes + 1})
    db.session.execute(update(Essay).where(Essay.id == essay_id, Essay.claim_token == token).values(**values))


def mark(claims: list[tuple[int, str]], workers: int = 1) -> int:
    """Check claimed essays, grouped by assignment, and record their results; returns how many were recorded."""
    tokens = dict(claims)
    essays = db.session.scalars(select(Essay).where(Essay.id.in_(tokens)).join(Batch)
                                .order_by(Batch.assignment_id, Essay.id)).all()
    recorded = 0
    for _, group in groupby(essays, key=lambda e: e.batch.assignment_id):
        group = list(group)
        checker = checker_for(group[0].batch.assignment)
        good = []
        for e in group:
            try:
                checker.validate_essay(e.text, e.student)
                good.append(e)
            except EssaycheckError as exc:
                recorded += store(e.id, tokens[e.id], error=str(exc))
        try:
            # Stored with the answers: teachers see them; hint-mode students get the hints (see as_mode).
            reports = checker.check_many([(e.filename or e.student, e.text) for e in good], "reveal",
                                         workers=workers)
        except Exception:  # one essay the checker cannot take must not fail the others: one at a time
            log.warning("marking a group of %d failed; marking its essays one by one", len(good))
            recorded += _mark_alone(checker, good, tokens)
            continue
        for e, r in zip(good, reports):
            r.pop("text", None)
            recorded += store(e.id, tokens[e.id], report=r)
    db.session.commit()
    db.session.expire_all()
    return recorded


def _mark_alone(checker, essays: list[Essay], tokens: dict[int, str]) -> int:
    """Check each essay on its own, so only the one that fails is retried (and in the end failed)."""
    recorded = 0
    for e in essays:
        try:
            (report,) = checker.check_many([(e.filename or e.student, e.text)], "reveal")
        except Exception:  # a bug must not lose the essay: retry, then give up with a reason
            log.exception("marking failed", extra={"essay": e.id})
            release_claim(e.id, tokens[e.id], e.attempts < MAX_ATTEMPTS)
            continue
        report.pop("text", None)
        recorded += store(e.id, tokens[e.id], report=report)
    db.session.commit()
    return recorded


def mark_one(essay_id: int, lease: float = 60.0) -> str:
    """Mark one essay if it still needs marking (a Celery task's body): "done", "taken" or "finished"."""
    token = claim_one(essay_id, lease)
    if token is None:
        e = db.session.get(Essay, essay_id)
        return "finished" if e is None or e.status in (DONE, FAILED) else "taken"
    mark([(essay_id, token)])
    return "done"


def run_pending(limit: int = 16, lease: float = 60.0, workers: int = 1) -> int:
    """One round of work in the current app context: claim, mark, record."""
    claims = claim(limit, lease)
    return mark(claims, workers) if claims else 0


def drain(lease: float = 60.0, timeout: float = 300.0) -> int:
    """Mark everything that is waiting (tests, and `flask mark-pending`)."""
    total, deadline = 0, time.monotonic() + timeout
    while time.monotonic() < deadline:
        claims = claim(16, lease)
        if not claims:
            return total
        total += mark(claims)
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
        celery = self.app.extensions.get("celery")
        while not self._stop.is_set():
            try:
                with self.app.app_context():
                    n = sweep(self.app, self.lease) if celery is not None else run_pending(lease=self.lease)
                    db.session.remove()
            except Exception:  # keep the worker alive through a database hiccup
                log.exception("marking round failed")
                n = 0
            if n == 0 or celery is not None:
                self._stop.wait(self.lease / 2 if celery is not None else self.poll)


def sweep(app, lease: float) -> int:
    """With Celery: send again any essay left queued or stuck past its lease (a lost message, a dead
    worker). Marking is idempotent, so a duplicate message costs a look-up, never a second record."""
    from .tasks import enqueue

    stale = now() - timedelta(seconds=lease)
    ids = db.session.scalars(select(Essay.id).join(Batch).where(
        or_((Essay.status == QUEUED) & (Batch.created_at < stale),
            (Essay.status == RUNNING) & (Essay.claimed_at < stale)))).all()
    if ids:
        enqueue(app, list(ids))
    return len(ids)
