"""Batch marking on Celery workers, when a broker is configured; the same job code as in-process.

Start workers on any machine that reaches the database and Redis:

    ESSAYCHECK_DATABASE_URL=... ESSAYCHECK_BROKER_URL=redis://host:6379/0 \\
        celery -A webapp.worker:celery worker --concurrency 2

A task acknowledges its message only after the essay is recorded (late acknowledgement), and
a worker that dies mid-essay has its message delivered again; the claim token in the job
code makes the second run a no-op when the first one had already recorded the result.
"""
from __future__ import annotations

import logging

from celery import Celery, Task, shared_task
from flask import Flask, current_app

from .jobs import mark_one

log = logging.getLogger(__name__)
TASK = "essaycheck.mark_essay"


def init_celery(app: Flask) -> Celery | None:
    url = app.config.get("ESSAYCHECK_BROKER_URL")
    if not url:
        return None

    class FlaskTask(Task):
        def __call__(self, *args, **kwargs):
            with app.app_context():
                return self.run(*args, **kwargs)

    celery = Celery(app.import_name, broker=url, task_cls=FlaskTask)
    lease = float(app.config["ESSAYCHECK_JOB_LEASE"])
    celery.conf.update(
        task_acks_late=True,  # acknowledge after the essay is recorded, not when it is received
        task_reject_on_worker_lost=True,  # a killed worker's task goes back on the queue
        worker_prefetch_multiplier=1,  # hold one message at a time: a dead worker strands little
        task_ignore_result=True,  # results live in the database, not in Redis
        broker_transport_options={"visibility_timeout": max(lease, 5.0)},
        broker_connection_retry_on_startup=True,
        worker_hijack_root_logger=False,
    )
    celery.set_default()
    app.extensions["celery"] = celery
    return celery


@shared_task(name=TASK, bind=True, acks_late=True, reject_on_worker_lost=True)
def mark_essay(self, essay_id: int) -> str:
    outcome = mark_one(essay_id, lease=float(current_app.config["ESSAYCHECK_JOB_LEASE"]))
    log.info("essay %s: %s", essay_id, outcome, extra={"essay": essay_id, "worker": self.request.hostname})
    return outcome


def enqueue(app: Flask, essay_ids: list[int]) -> None:
    """Send one task per essay (after the essays are committed, so workers can see them)."""
    celery = app.extensions["celery"]
    for essay_id in essay_ids:
        celery.send_task(TASK, args=[essay_id])
