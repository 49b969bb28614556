"""Where marking jobs run: on Celery workers when a broker is configured, else in a thread of
this process. The one module that knows both; ``jobs`` (the job code) and ``tasks`` (the Celery
task) never import it, so there is no import circle between them.
"""
from __future__ import annotations

import logging
import threading

from flask import Flask

from . import jobs
from .db import db

log = logging.getLogger(__name__)


def uses_celery(app: Flask) -> bool:
    return app.extensions.get("celery") is not None


def submit(app: Flask, essay_ids: list[int]) -> None:
    """Have these queued essays marked (call after they are committed, so workers can see them)."""
    if uses_celery(app) and essay_ids:
        from .tasks import enqueue

        enqueue(app, essay_ids)
    # Without Celery the marking thread finds queued essays on its next round.


def sweep(app: Flask, lease: float) -> int:
    """With Celery: send again any essay left queued or stuck past its lease (a lost message, a dead
    worker). Marking is idempotent, so a duplicate message costs a look-up, never a second record."""
    ids = jobs.waiting(lease)
    if ids:
        submit(app, ids)
    return len(ids)


class Worker:
    """A thread in the web process that keeps marking while there is work (or, with Celery, sweeps)."""

    def __init__(self, app: Flask, poll: float = 1.0, lease: float = 60.0):
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
        celery = uses_celery(self.app)
        while not self._stop.is_set():
            try:
                with self.app.app_context():
                    n = sweep(self.app, self.lease) if celery else jobs.run_pending(lease=self.lease)
                    db.session.remove()
            except Exception:  # keep the worker alive through a database hiccup
                log.exception("marking round failed")
                n = 0
            if n == 0 or celery:
                self._stop.wait(self.lease / 2 if celery else self.poll)


def start(app: Flask) -> Worker:
    """Start this process's marking thread."""
    worker = app.extensions["essaycheck_worker"] = Worker(app, lease=app.config["ESSAYCHECK_JOB_LEASE"]).start()
    return worker
