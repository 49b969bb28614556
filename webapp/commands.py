"""Command-line tasks for the server: `flask --app webapp create-teacher EMAIL`, `mark-pending`."""
from __future__ import annotations

import click
from flask import Flask
from sqlalchemy import func, select

from .db import db
from .models import Teacher


MIN_PASSWORD = 8
PASSWORD_RULE = f"at least {MIN_PASSWORD} characters (a few words together are easy to remember)"


def _valid_password(password: str, hint: str | None = None) -> str:
    """The password if it follows the rule; otherwise a message saying the rule (and, at a prompt, ask again)."""
    if len(password) < MIN_PASSWORD:
        if hint:
            raise click.BadParameter(f"use {PASSWORD_RULE}", param_hint=hint)
        raise click.UsageError(f"That password is too short: use {PASSWORD_RULE}.")
    return password


def init_app(app: Flask) -> None:
    @app.cli.command("create-teacher")
    @click.argument("email")
    @click.option("--name", default=None, help="the teacher's name as shown on pages")
    @click.option("--password", default=None, help=f"at least {MIN_PASSWORD} characters; asked for if not given")
    def create_teacher(email: str, name: str | None, password: str | None) -> None:
        """Create a teacher account (the first one, or another)."""
        if "@" not in email:
            raise click.BadParameter("that is not an email address", param_hint="EMAIL")
        if password is None:
            click.echo(f"Choose a password for {email}: {PASSWORD_RULE}.")
            password = click.prompt("Password", hide_input=True, confirmation_prompt="The same password again",
                                    value_proc=_valid_password)
        else:
            _valid_password(password, "--password")
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


def init_backup(app: Flask) -> None:
    @app.cli.command("backup")
    @click.argument("target", type=click.Path(dir_okay=False, writable=True))
    def backup_command(target: str) -> None:
        """Copy the database to TARGET while the app keeps running (SQLite online backup, or pg_dump)."""
        from .backup import BackupError, backup

        try:
            backup(app, target)
        except BackupError as exc:
            raise click.ClickException(str(exc)) from None
        click.echo(f"Backed up the database to {target}.")

    @app.cli.command("restore")
    @click.argument("source", type=click.Path(exists=True, dir_okay=False))
    @click.option("--yes", is_flag=True, help="do not ask before replacing the current data")
    def restore_command(source: str, yes: bool) -> None:
        """Replace the database's contents with the backup SOURCE (stop the app first)."""
        from .backup import BackupError, restore

        if not yes:
            click.confirm("This replaces everything in the database with the backup. Go on?", abort=True)
        try:
            restore(app, source)
        except BackupError as exc:
            raise click.ClickException(str(exc)) from None
        click.echo(f"Restored the database from {source}.")
