"""Background marking: essays wait in the database as jobs until a worker checks them.

This module is the job code only; where it runs (a thread of the web process, or Celery
workers) is chosen in ``runner.py``, which imports this module and never the reverse.

The essay row is the job. A worker claims queued essays with a conditional UPDATE, so two
workers never take the same one; a claim older than the lease (a worker that died, a
server restarted mid-batch) can be taken again, so nothing is lost. Writing the result is
idempotent: checking an essay twice stores the same report.
"""
from __future__ import annotations

import json
import logging
import time
import uuid
from datetime import timedelta
from itertools import groupby

from sqlalchemy import or_, select, update

from essaycheck.errors import EssaycheckError

from .db import db
from .models import DONE, FAILED, QUEUED, RUNNING, Batch, Essay, now
from .review import remark
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


def store(essay_id: int, token: str, report: dict | None = None, error: str | None = None,
          review: dict | None = None, version: int | None = None) -> bool:
    """Record a result, only under the claim that produced it: a worker whose claim was taken over
    (it was too slow, or presumed dead) records nothing, so no essay is ever recorded twice.

    ``review`` is the teacher's review re-marked on the new report (when the teacher had
    dismissed findings); ``version`` the assignment version the report was made on.
    """
    values = dict(status=DONE if report is not None else FAILED, report_json=json.dumps(report) if report else None,
                  error=error, checked_at=now(), claim_token=None, writes=Essay.writes + 1, marked_version=version)
    if review is not None:
        values["review_json"] = json.dumps(review)
    result = db.session.execute(
        update(Essay).where(Essay.id == essay_id, Essay.claim_token == token, Essay.status == RUNNING)
        .values(**values))
    return result.rowcount == 1


def _record(checker, e: Essay, token: str, report: dict) -> bool:
    """Store a fresh report, with the teacher's dismissals carried over and scored on it."""
    report.pop("text", None)
    review = remark(report, e.review, checker.rubric) if e.review.get("dismissed") else None
    return store(e.id, token, report=report, review=review, version=e.batch.assignment.version)


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
            recorded += _record(checker, e, tokens[e.id], r)
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
        recorded += _record(checker, e, tokens[e.id], report)
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


def requeue(essay_ids: list[int]) -> list[int]:
    """Put finished essays back in the queue to be marked again (after a rubric or fact-base
    change); their current report stays on show until the new one is recorded. The ids requeued."""
    ids = db.session.scalars(select(Essay.id).where(Essay.id.in_(essay_ids), Essay.status.in_((DONE, FAILED)))).all()
    if ids:
        db.session.execute(update(Essay).where(Essay.id.in_(ids)).values(
            status=QUEUED, claim_token=None, claimed_at=None, attempts=0))
    db.session.commit()
    return list(ids)


def waiting(lease: float) -> list[int]:
    """Essays queued a while ago, or claimed and not finished within the lease."""
    stale = now() - timedelta(seconds=lease)
    return list(db.session.scalars(select(Essay.id).join(Batch).where(
        or_((Essay.status == QUEUED) & (Batch.created_at < stale),
            (Essay.status == RUNNING) & (Essay.claimed_at < stale)))).all())


def drain(lease: float = 60.0, timeout: float = 300.0) -> int:
    """Mark everything that is waiting (tests, and `flask mark-pending`)."""
    total, deadline = 0, time.monotonic() + timeout
    while time.monotonic() < deadline:
        claims = claim(16, lease)
        if not claims:
            return total
        total += mark(claims)
    return total
