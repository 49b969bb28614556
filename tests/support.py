"""Paths and helpers shared by the tests (a plain module: conftest files are not for importing)."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
CMC_PACK = ROOT / "rubric" / "cuban-missile-crisis"
SECOND_TOPIC = DATA / "gunpowder-plot"
TEACHER_PASSWORD = "correct horse battery"


def make_teacher(app, email: str, password: str = TEACHER_PASSWORD) -> None:
    """A teacher account, made with the real command."""
    result = app.test_cli_runner().invoke(args=["create-teacher", email, "--name", email.split("@")[0].title(),
                                                "--password", password])
    assert result.exit_code == 0, result.output


def login(app, email: str, password: str = TEACHER_PASSWORD):
    """A test client logged in as that teacher."""
    c = app.test_client()
    r = c.post("/teacher/login", data={"email": email, "password": password})
    assert r.status_code == 302, r.get_data(as_text=True)[:500]
    return c
