"""The essaycheck web app: students check an essay in the browser; programs use the JSON API."""
from __future__ import annotations

import os
from pathlib import Path

from flask import Flask


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app: defaults, then the instance config file, then ``test_config``."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(
        SECRET_KEY=os.environ.get("ESSAYCHECK_SECRET_KEY", "dev-only-not-secret"),
        MAX_CONTENT_LENGTH=2 * 1024 * 1024,  # uploads; essays themselves are limited by characters
        ESSAYCHECK_PACKS_DIR=str(Path(__file__).resolve().parents[1] / "rubric"),
        WTF_CSRF_TIME_LIMIT=None,  # a student may take an hour to paste an essay
    )
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
    else:
        app.config.from_mapping(test_config)

    from . import api, check, errors
    from .extensions import csrf
    from .library import Library

    csrf.init_app(app)
    app.extensions["essaycheck"] = Library.from_config(app.config)
    app.register_blueprint(check.bp)
    app.register_blueprint(api.bp)
    errors.init_app(app)
    return app
