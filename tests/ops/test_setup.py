"""Set-up as a new user meets it: the README's links and commands work in a fresh clone, and the
server's commands say only what they mean to."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from support import ROOT

DOCS = [ROOT / "README.md", ROOT / "DEVELOPERS.md", *sorted((ROOT / "docs").glob("*.md"))]  # contract.md: the spec
FLASK = Path(sys.executable).parent / "flask"
# Programs the project installs into .venv/bin: a command that names one must give its path.
PROGRAMS = ("essaycheck", "essaycheck-web", "flask", "celery", "python", "pytest", "pip")


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_every_link_in_the_docs_opens_a_file_of_this_repository(doc):
    text = doc.read_text()
    assert "../shared" not in text
    for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
        if not re.match(r"[a-z]+://", target):
            assert (doc.parent / target).resolve().is_file(), f"{doc.name}: {target}"


@pytest.mark.parametrize("doc", [d for d in DOCS if d.name != "contract.md"], ids=lambda p: p.name)
def test_every_command_in_the_docs_names_its_program_by_its_full_path(doc):
    commands = [line.strip() for line in doc.read_text().splitlines() if line.startswith("    ")]
    for line in commands:
        for part in re.split(r"\s*(?:&&|\||;)\s*", line):
            first = part.split()[0] if part.split() else ""
            if first.split("=")[0].isupper() and "=" in first:  # VAR=value command
                first = next((w for w in part.split() if "=" not in w), "")
            assert first not in PROGRAMS, f"{doc.name}: `{line}` (use .venv/bin/{first})"


def _run(args: list[str], instance: Path, stdin: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "ESSAYCHECK_INSTANCE_DIR": str(instance)}
    env.pop("ESSAYCHECK_DATABASE_URL", None)
    return subprocess.run([str(FLASK), "--app", "webapp", *args], input=stdin, capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=120)


def test_commands_print_no_migration_chatter(tmp_path):
    first = _run(["mark-pending"], tmp_path)
    assert first.returncode == 0 and "alembic" not in first.stderr
    assert first.stderr.count("\n") <= 1 and "database schema upgraded" in first.stderr  # one line, the first time
    again = _run(["mark-pending"], tmp_path)
    assert (again.returncode, again.stdout.strip(), again.stderr) == (0, "Marked 0 essay(s).", "")


def test_create_teacher_says_what_a_valid_password_is_before_asking(tmp_path):
    from webapp import create_app

    app = create_app({"TESTING": True, "SECRET_KEY": "test",
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'essaycheck.sqlite3'}"})
    runner = app.test_cli_runner()
    result = runner.invoke(args=["create-teacher", "ann@school.org"],
                           input="abc\ncorrect horse\ncorrect horse\n")
    out = result.output
    assert result.exit_code == 0, out
    assert out.index("at least 8 characters") < out.index("Password:")  # the rule first
    assert "too short" in out and out.count("Password:") == 2  # a short one is refused and asked again
    assert "Created teacher ann@school.org" in out
