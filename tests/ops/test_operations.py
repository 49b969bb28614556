"""Running for real: start-up settings, the secret key, /health, rate limits, proxies, logs, backups."""
from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys

import pytest
from sqlalchemy import select

from support import ROOT, login, make_teacher, pack_assignment

pytestmark = pytest.mark.integration


def app_with(tmp_path, **config):
    from webapp import create_app

    base = {"TESTING": True, "WTF_CSRF_ENABLED": False, "INSTANCE_PATH": str(tmp_path / "instance"),
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    return create_app({**base, **config})


@pytest.mark.parametrize(("env", "message"), [
    ({"ESSAYCHECK_DATABASE_URL": "not a url"}, "ESSAYCHECK_DATABASE_URL: 'not a url' is not a database URL"),
    ({"ESSAYCHECK_DATABASE_URL": "mysql://u@h/db"}, "'mysql' databases are not supported"),
    ({"ESSAYCHECK_BROKER_URL": "amqp://guest@localhost//"}, "the broker must be a Redis URL"),
    ({"ESSAYCHECK_PROXY_HOPS": "two"}, "ESSAYCHECK_PROXY_HOPS: 'two' is not a number"),
    ({"ESSAYCHECK_RATE_LIMIT": "lots"}, "ESSAYCHECK_RATE_LIMIT: 'lots' is not a rate"),
    ({"ESSAYCHECK_MAX_UPLOAD_MB": "0"}, "ESSAYCHECK_MAX_UPLOAD_MB: must be more than 0"),
    ({"ESSAYCHECK_LOG_FORMAT": "xml"}, "ESSAYCHECK_LOG_FORMAT: use json or text"),
    ({"ESSAYCHECK_RUBRIC_DIR": "/no/such/folder"}, "ESSAYCHECK_RUBRIC_DIR: /no/such/folder is not a folder"),
    ({"ESSAYCHECK_SECURE_COOKIES": "maybe"}, "ESSAYCHECK_SECURE_COOKIES: use 1 or 0"),
])
def test_a_bad_setting_stops_start_up_with_one_line_naming_it(tmp_path, env, message):
    full = dict(os.environ, ESSAYCHECK_INSTANCE_DIR=str(tmp_path), ESSAYCHECK_PORT="0", **env)
    proc = subprocess.run([sys.executable, "-m", "webapp.serve"], env=full, capture_output=True, text=True,
                          timeout=120, cwd=ROOT)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines()[-1] == f"essaycheck-web: {message}" or message in proc.stderr
    assert "Traceback" not in proc.stderr


def test_the_secret_key_is_made_once_and_kept(tmp_path):
    first = app_with(tmp_path).config["SECRET_KEY"]
    again = app_with(tmp_path).config["SECRET_KEY"]
    assert first == again and len(first) >= 64
    assert oct((tmp_path / "instance" / "secret_key").stat().st_mode & 0o777) == "0o600"


def test_health_reports_database_pipeline_and_jobs(tmp_path, nlp):
    r = app_with(tmp_path).test_client().get("/health")
    body = r.get_json()
    assert r.status_code == 200 and body["status"] == "ok"
    assert body["database"] == {"ok": True, "backend": "sqlite"}
    assert body["pipeline"]["ok"] and body["jobs"]["backend"] == "in-process" and body["jobs"]["queued"] == 0


def test_health_says_degraded_when_the_broker_is_down(tmp_path, nlp):
    r = app_with(tmp_path, ESSAYCHECK_BROKER_URL="redis://127.0.0.1:1/0").test_client().get("/health")
    assert r.status_code == 503 and r.get_json()["jobs"]["broker_ok"] is False


def test_anonymous_self_checks_are_rate_limited_but_teachers_are_not(tmp_path, nlp):
    app = app_with(tmp_path, RATELIMIT_ENABLED=True, ESSAYCHECK_RATE_LIMIT="2 per minute")
    c = app.test_client()
    body = {"assignment": "cuban-missile-crisis", "essay": "In 1959 Castro took power in Cuba."}
    assert [c.post("/api/v1/check", json=body).status_code for _ in range(3)] == [200, 200, 429]
    r = c.post("/api/v1/check", json=body)
    assert r.get_json()["error"]["code"] == "too_many_requests" and "Retry-After" in r.headers
    assert c.post("/", data={"assignment": "cuban-missile-crisis", "essay": "x"}).status_code == 429
    make_teacher(app, "ann@school.org")
    teacher = login(app, "ann@school.org")
    assert all(teacher.post("/api/v1/check", json=body).status_code == 200 for _ in range(4))
    assert c.get("/health").status_code == 200  # never limited


def test_behind_a_proxy_the_forwarded_headers_are_trusted(tmp_path, nlp):
    headers = {"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https", "X-Forwarded-Host": "essays.school"}
    app = app_with(tmp_path, ESSAYCHECK_PROXY_HOPS=1)
    make_teacher(app, "ann@school.org")
    r = app.test_client().get("/teacher/", headers=headers)
    assert r.headers["Location"].startswith("https://essays.school/teacher/login") or \
        r.headers["Location"].startswith("/teacher/login")
    plain = app_with(tmp_path).test_client().get("/teacher/", headers=headers)
    assert "essays.school" not in plain.headers["Location"]


def test_logs_are_json_lines_without_essay_text(tmp_path, nlp, capsys):
    app = app_with(tmp_path, ESSAYCHECK_LOG_FORMAT_IN_TESTS="json")
    secret = "Zanzibar-unique-sentence"
    app.test_client().post("/api/v1/check", json={"assignment": "cuban-missile-crisis",
                                                  "essay": f"In 1959 Castro took power in Cuba. {secret}"})
    err = capsys.readouterr().err
    lines = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
    request = next(x for x in lines if x.get("path") == "/api/v1/check")
    assert request["status"] == 200 and request["method"] == "POST" and request["ms"] >= 0
    assert secret not in err
    logging.getLogger().handlers = []  # leave other tests' logging alone


def _fill(app):
    make_teacher(app, "ann@school.org")
    c = login(app, "ann@school.org")
    pack_assignment(c, "Before")


def _titles(app):
    from webapp.db import db
    from webapp.models import Assignment

    with app.app_context():
        titles = sorted(db.session.scalars(select(Assignment.title)))
        db.session.remove()
        return titles


def test_backup_and_restore_while_running(tmp_path, nlp, database_url):
    if database_url.startswith("postgresql") and not shutil.which("pg_dump"):
        pytest.skip("needs pg_dump and pg_restore (Debian's postgresql-client)")
    from webapp.db import db

    app = app_with(tmp_path, SQLALCHEMY_DATABASE_URI=database_url)
    _fill(app)
    runner = app.test_cli_runner()
    assert runner.invoke(args=["backup", str(tmp_path / "backup")]).exit_code == 0
    c = login(app, "ann@school.org")
    pack_assignment(c, "After")
    assert _titles(app) == ["After", "Before"]
    result = runner.invoke(args=["restore", str(tmp_path / "backup"), "--yes"])
    assert result.exit_code == 0, result.output
    assert _titles(app) == ["Before"]
    (tmp_path / "junk").write_bytes(b"not a database at all" * 100)
    refused = runner.invoke(args=["restore", str(tmp_path / "junk"), "--yes"])
    assert refused.exit_code == 1 and "Error: " in refused.output  # a one-line reason, not a traceback
    assert _titles(app) == ["Before"]  # a bad backup changes nothing
    with app.app_context():
        db.engine.dispose()
