"""The Celery worker's entry point: `celery -A webapp.worker:celery worker` (settings from the environment)."""
from __future__ import annotations

from . import create_app

flask_app = create_app()
celery = flask_app.extensions.get("celery")
if celery is None:
    raise SystemExit("essaycheck worker: set ESSAYCHECK_BROKER_URL (a Redis URL) to run Celery workers")
