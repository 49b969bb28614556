"""A fresh database per test, on SQLite and, where a server is given, on PostgreSQL too.

.ci/run starts Debian's PostgreSQL and sets ESSAYCHECK_TEST_POSTGRES_URL (a role that may
create databases); each test gets its own database there, made and dropped around it.
"""
from __future__ import annotations

import os
import uuid

import pytest

POSTGRES = os.environ.get("ESSAYCHECK_TEST_POSTGRES_URL")


def _backends():
    yield pytest.param("sqlite", id="sqlite")
    if POSTGRES or os.environ.get("ESSAYCHECK_REQUIRE_POSTGRES"):
        yield pytest.param("postgresql", id="postgresql")


@pytest.fixture(params=list(_backends()))
def database_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'essaycheck.sqlite3'}"
        return
    if not POSTGRES:
        pytest.fail("ESSAYCHECK_REQUIRE_POSTGRES is set but ESSAYCHECK_TEST_POSTGRES_URL is not", pytrace=False)
    import sqlalchemy as sa

    name = f"essaycheck_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    yield POSTGRES.rsplit("/", 1)[0] + "/" + name

    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


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
