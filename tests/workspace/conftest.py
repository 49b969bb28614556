"""The teacher workspace on a fresh database per test: SQLite, and PostgreSQL where a server is
given (the ``database_url`` fixture in tests/conftest.py)."""
from __future__ import annotations

import pytest


@pytest.fixture
def workspace(nlp, database_url):
    """The app on a fresh database, with the background thread off: tests drain jobs themselves."""
    from webapp import create_app
    from webapp.db import db

    app = create_app({"TESTING": True, "WTF_CSRF_ENABLED": False, "SECRET_KEY": "test",
                      "SQLALCHEMY_DATABASE_URI": database_url})
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def sqlite_workspace(nlp, tmp_path):
    """The same on SQLite only, for pages whose behaviour does not depend on the database."""
    from webapp import create_app
    from webapp.db import db

    app = create_app({"TESTING": True, "WTF_CSRF_ENABLED": False, "SECRET_KEY": "test",
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'essaycheck.sqlite3'}"})
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
