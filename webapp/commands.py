"""Command-line tasks for the server: `flask --app webapp create-teacher EMAIL`, `mark-pending`."""
from __future__ import annotations

import click
from flask import Flask
from sqlalchemy import func, select

from .db import db
from .models import Teacher


def init_app(app: Flask) -> None:
    @app.cli.command("create-teacher")
    @click.argument("email")
    @click.option("--name", default=None, help="the teacher's name as shown on pages")
    @click.password_option(help="asked for if not given")
    def create_teacher(email: str, name: str | None, password: str) -> None:
        """Create a teacher account (the first one, or another)."""
        if "@" not in email:
            raise click.BadParameter("that is not an email address", param_hint="EMAIL")
        if len(password) < 8:
            raise click.BadParameter("use at least 8 characters", param_hint="--password")
        if db.session.scalar(select(Teacher).where(func.lower(Teacher.email) == email.lower())):
            raise click.ClickException(f"a teacher with the email {email} already exists")
        t = Teacher(email=email, name=name or email.split("@")[0])
        t.set_password(password)
        db.session.add(t)
        db.session.commit()
        click.echo(f"Created teacher {t.email}. Log in at /teacher/login.")

    @app.cli.command("mark-pending")
    def mark_pending() -> None:
        """Check every essay still waiting in a batch, then exit."""
        from .jobs import drain

        click.echo(f"Marked {drain()} essay(s).")
