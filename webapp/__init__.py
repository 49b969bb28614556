"""The essaycheck web app: students check an essay in the browser; teachers mark whole classes."""
from __future__ import annotations

import os
from pathlib import Path

from flask import Flask


def create_app(test_config: dict | None = None, start_worker: bool | None = None) -> Flask:
    """Build the app: defaults, then the instance config file, then ``test_config``.

    ``start_worker=False`` leaves the marking thread for the caller to start (a server that
    forks worker processes starts one in each, after the fork).
    """
    from . import settings

    instance = (test_config or {}).get("INSTANCE_PATH") or os.environ.get("ESSAYCHECK_INSTANCE_DIR")
    app = Flask(__name__, instance_relative_config=True,
                instance_path=str(Path(instance).resolve()) if instance else None)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(
        SECRET_KEY=None,  # from the environment, the instance file, or made once and kept in instance/
        SQLALCHEMY_DATABASE_URI="sqlite:///" + str(Path(app.instance_path) / "essaycheck.sqlite3"),
        MAX_CONTENT_LENGTH=60 * 1024 * 1024,  # a class's zip; single essays are limited far lower
        ESSAYCHECK_MAX_UPLOAD=2 * 1024 * 1024,  # one essay file on the student page and the API
        ESSAYCHECK_PACKS_DIR=str(Path(__file__).resolve().parents[1] / "rubric"),
        ESSAYCHECK_AUTO_MIGRATE=True,  # bring the schema up to date at start-up
        ESSAYCHECK_START_WORKER=True,  # mark batches in a background thread (or sweep for Celery)
        ESSAYCHECK_JOB_LEASE=60.0,  # seconds before a claimed but unfinished essay is taken again
        ESSAYCHECK_BROKER_URL=None,  # a Redis URL: batch marking runs on Celery workers
        ESSAYCHECK_PROXY_HOPS=0,  # proxies in front whose X-Forwarded-* headers to trust
        ESSAYCHECK_RATE_LIMIT="30 per minute;300 per hour",  # anonymous self-checks per client
        ESSAYCHECK_LOGIN_LIMIT="10 per minute;100 per hour",  # log-in attempts per client
        ESSAYCHECK_LOGIN_ACCOUNT_LIMIT="10 per 15 minutes;30 per day",  # failed log-ins per account
        ESSAYCHECK_CODE_LIMIT="20 per minute;200 per hour",  # class codes not found, per client
        ESSAYCHECK_LOG_FORMAT="json",
        WTF_CSRF_TIME_LIMIT=None,  # a student may take an hour to paste an essay
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=False,  # ESSAYCHECK_SECURE_COOKIES=1 when served over HTTPS
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_SECURE=False,
    )
    settings.from_environment(app.config)
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
    else:
        app.config.from_mapping(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = settings.persistent_secret_key(app.instance_path)
    if app.config.get("TESTING"):
        app.config.setdefault("RATELIMIT_ENABLED", False)
        app.config["ESSAYCHECK_LOG_FORMAT"] = app.config.get("ESSAYCHECK_LOG_FORMAT_IN_TESTS", "text")
    settings.validate(app.config)
    app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {"pool_pre_ping": True})

    from . import api, auth, check, commands, errors, headers, intake, lti, operations, tasks, teacher, wording
    from .db import MIGRATIONS, db, migrate, upgrade_database
    from .extensions import csrf, login_manager
    from .library import Library

    operations.init_logging(app)
    operations.init_proxy(app)
    intake.init_app(app)
    headers.init_app(app)
    operations.init_limits(app)
    tasks.init_celery(app)
    db.init_app(app)
    migrate.init_app(app, db, directory=MIGRATIONS)
    csrf.init_app(app)
    login_manager.init_app(app)
    app.extensions["essaycheck"] = Library.from_config(app.config)
    app.register_blueprint(check.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(teacher.bp)
    teacher.init_public(app)
    lti.init_app(app)
    commands.init_app(app)
    commands.init_backup(app)
    errors.init_app(app)
    wording.init_app(app)
    operations.init_health(app)
    if app.config["ESSAYCHECK_AUTO_MIGRATE"]:
        upgrade_database(app)
    if start_worker is not False and app.config["ESSAYCHECK_START_WORKER"] and not app.config.get("TESTING"):
        start_marking(app)
    return app


def start_marking(app: Flask) -> None:
    """Mark batches in a background thread of this process (or, with Celery, sweep for lost messages)."""
    from . import runner

    runner.start(app)
