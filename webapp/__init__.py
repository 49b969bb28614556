"""The essaycheck web app: students check an essay in the browser; teachers mark whole classes."""
from __future__ import annotations

import os
from pathlib import Path

from flask import Flask


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app: defaults, then the instance config file, then ``test_config``."""
    app = Flask(__name__, instance_relative_config=True)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(
        SECRET_KEY=os.environ.get("ESSAYCHECK_SECRET_KEY", "dev-only-not-secret"),
        SQLALCHEMY_DATABASE_URI=os.environ.get(
            "ESSAYCHECK_DATABASE_URL", "sqlite:///" + str(Path(app.instance_path) / "essaycheck.sqlite3")),
        MAX_CONTENT_LENGTH=60 * 1024 * 1024,  # a class's zip; single essays are limited far lower
        ESSAYCHECK_PACKS_DIR=str(Path(__file__).resolve().parents[1] / "rubric"),
        ESSAYCHECK_AUTO_MIGRATE=True,  # bring the schema up to date at start-up
        ESSAYCHECK_START_WORKER=True,  # mark batches in a background thread of this process
        ESSAYCHECK_JOB_LEASE=60.0,  # seconds before a claimed but unfinished essay is taken again
        WTF_CSRF_TIME_LIMIT=None,  # a student may take an hour to paste an essay
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=os.environ.get("ESSAYCHECK_SECURE_COOKIES", "") == "1",
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_SECURE=os.environ.get("ESSAYCHECK_SECURE_COOKIES", "") == "1",
    )
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
    else:
        app.config.from_mapping(test_config)
    app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {"pool_pre_ping": True})

    from . import api, auth, check, commands, errors, teacher
    from .db import MIGRATIONS, db, migrate, upgrade_database
    from .extensions import csrf, login_manager
    from .library import Library

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
    commands.init_app(app)
    errors.init_app(app)
    if app.config["ESSAYCHECK_AUTO_MIGRATE"]:
        upgrade_database(app)
    if app.config["ESSAYCHECK_START_WORKER"] and not app.config.get("TESTING"):
        from .jobs import Worker

        app.extensions["essaycheck_worker"] = Worker(app, lease=app.config["ESSAYCHECK_JOB_LEASE"]).start()
    return app
