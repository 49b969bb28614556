"""The database: SQLAlchemy through Flask-SQLAlchemy, schema changes through Alembic (Flask-Migrate)."""
from __future__ import annotations

import logging
from pathlib import Path

from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData

# Named constraints, so migrations can alter them on every database (SQLite included).
NAMING = {"ix": "ix_%(column_0_label)s", "uq": "uq_%(table_name)s_%(column_0_name)s",
          "ck": "ck_%(table_name)s_%(constraint_name)s",
          "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s", "pk": "pk_%(table_name)s"}

db = SQLAlchemy(metadata=MetaData(naming_convention=NAMING))
migrate = Migrate()
MIGRATIONS = str(Path(__file__).resolve().parent / "migrations")
log = logging.getLogger(__name__)


def upgrade_database(app) -> None:
    """Bring the database schema up to date (run at start-up and by the tests).

    Every command starts the app, so this runs before each one: when the schema is already
    current it says nothing, and when it upgrades it says so in one line, not Alembic's
    chatter about its SQLite implementation.
    """
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory
    from flask_migrate import upgrade

    alembic = logging.getLogger("alembic")
    level = alembic.level
    alembic.setLevel(logging.WARNING)
    try:
        with app.app_context():
            head = ScriptDirectory.from_config(migrate.get_config(MIGRATIONS)).get_current_head()
            with db.engine.connect() as conn:
                current = MigrationContext.configure(conn).get_current_revision()
            if current == head:
                return
            upgrade(directory=MIGRATIONS)
    finally:
        alembic.setLevel(level)
    log.info("database schema upgraded from %s to %s", current or "an empty database", head)
