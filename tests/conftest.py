"""Shared fixtures: a blank pipeline for unit tests, the real one for integration tests."""
from __future__ import annotations

import os
import tempfile
import uuid

import pytest

# Every app the tests build keeps its database and secret key in a throwaway folder,
# never in the project's own instance/ folder.
os.environ["ESSAYCHECK_INSTANCE_DIR"] = tempfile.mkdtemp(prefix="essaycheck-tests-")

from support import CMC_PACK, SECOND_TOPIC  # noqa: E402  (after the environment is set)


# .ci/run starts Debian's PostgreSQL and sets ESSAYCHECK_TEST_POSTGRES_URL (a role that may
# create databases); a test that takes ``database_url`` runs on SQLite and on PostgreSQL, with a
# database of its own there, made and dropped around it.
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

    _drop(admin, name)
    admin.dispose()


def _drop(admin, name: str, attempts: int = 20) -> None:
    """Drop a test database once the test's own connections are gone.

    ``WITH (FORCE)`` would also try to end the server's autovacuum worker on it, which a role
    without superuser may not do, so a brief wait and a retry is the reliable way.
    """
    import time

    import sqlalchemy as sa

    for i in range(attempts):
        try:
            with admin.connect() as conn:
                conn.execute(sa.text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :n AND usename = current_user AND pid <> pg_backend_pid()"), {"n": name})
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
            return
        except sa.exc.OperationalError:
            if i == attempts - 1:
                raise
            time.sleep(0.25)


@pytest.fixture(scope="session")
def blank_nlp():
    from essaycheck.pipeline import blank_pipeline

    return blank_pipeline()


@pytest.fixture(scope="session")
def nlp():
    from essaycheck.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def cmc(nlp):
    """The default assignment, built once for the whole run."""
    from essaycheck.assignment import Assignment

    return Assignment.from_pack(CMC_PACK, nlp=nlp)


@pytest.fixture(scope="session")
def gunpowder(nlp):
    """Our own second topic, from sources written for these tests."""
    from essaycheck.assignment import Assignment

    return Assignment.from_sources(sorted((SECOND_TOPIC / "sources").glob("*.txt")), nlp=nlp)


@pytest.fixture(scope="session")
def app(nlp):
    """The web app on the real packs, CSRF off (one test turns it on)."""
    from webapp import create_app

    return create_app({"TESTING": True, "WTF_CSRF_ENABLED": False, "SECRET_KEY": "test"})


@pytest.fixture
def client(app):
    return app.test_client()
