"""Backing up and restoring the database: SQLite's online backup API, or pg_dump and pg_restore."""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

from .db import db


class BackupError(Exception):
    """A backup or restore that could not be done, with the reason."""


def _url(app):
    return make_url(app.config["SQLALCHEMY_DATABASE_URI"])


def backup(app, target: str | os.PathLike) -> Path:
    """Write a consistent copy of the live database to ``target``."""
    url, target = _url(app), Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    if url.get_backend_name() == "sqlite":
        with sqlite3.connect(url.database) as src, sqlite3.connect(target) as dst:
            src.backup(dst)  # page by page, consistent even while the app writes
        return target
    _run(["pg_dump", "--format=custom", "--no-owner", f"--file={target}", _libpq(url)], url)
    return target


def restore(app, source: str | os.PathLike) -> None:
    """Replace the database's contents with a backup made by ``backup``."""
    url, source = _url(app), Path(source)
    with app.app_context():
        db.session.remove()
        db.engine.dispose()  # no pooled connection may hold the old data
    if url.get_backend_name() == "sqlite":
        with sqlite3.connect(source) as src:
            try:
                sound = src.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            except sqlite3.DatabaseError:  # not a database at all
                sound = False
            if not sound:
                raise BackupError(f"{source} is not a sound SQLite database")
            with sqlite3.connect(url.database) as dst:
                src.backup(dst)
        return
    _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
          f"--dbname={_libpq(url)}", str(source)], url)


def _libpq(url) -> str:
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def _run(argv: list[str], url) -> None:
    if shutil.which(argv[0]) is None:
        raise BackupError(f"{argv[0]} is not installed (Debian: apt install postgresql-client)")
    proc = subprocess.run(argv, capture_output=True, text=True)
    if proc.returncode != 0:
        raise BackupError(f"{argv[0]} failed: {proc.stderr.strip().splitlines()[-1] if proc.stderr else proc.returncode}")
