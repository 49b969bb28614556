"""The database: SQLAlchemy through Flask-SQLAlchemy, schema changes through Alembic (Flask-Migrate)."""
from __future__ import annotations

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


def upgrade_database(app) -> None:
    """Bring the database schema up to date (run at start-up and by the tests)."""
    from flask_migrate import upgrade

    with app.app_context():
        upgrade(directory=MIGRATIONS)
