"""Where pylti1p3 keeps the login's nonce and the launch's data: a table every process shares.

A platform's login goes through any worker process (or machine) and its launch through
another, so this state lives in the database, not in one process's memory. Values are
written in the request's transaction: a launch that is refused rolls back and stores nothing.
A nonce is used once: the launch that is accepted consumes it, so a replayed id_token is refused.
"""
from __future__ import annotations

import json
from datetime import timedelta

from pylti1p3.launch_data_storage.base import LaunchDataStorage
from sqlalchemy import delete, select

from ..db import db
from ..models import now
from .models import LtiState

DEFAULT_LIFETIME = 3600


class DatabaseStorage(LaunchDataStorage):
    def get_session_cookie_name(self):
        # The browser is tied to its login by pylti1p3's own state cookie; the keys here are unique.
        return None

    def can_set_keys_expiration(self) -> bool:
        return True

    def get_value(self, key: str):
        row = self._row(key)
        return json.loads(row.value_json) if row is not None else None

    def set_value(self, key: str, value, exp: int | None = None) -> None:
        key = self._prepare_key(key)
        row = db.session.get(LtiState, key) or LtiState(key=key)
        row.value_json = json.dumps(value)
        row.expires_at = now() + timedelta(seconds=exp or DEFAULT_LIFETIME)
        db.session.add(row)
        db.session.flush()

    def check_value(self, key: str) -> bool:
        return self._row(key) is not None

    def consume(self, key: str) -> bool:
        """Delete a live value; whether it was there (only one of two racing launches gets True)."""
        result = db.session.execute(delete(LtiState).where(LtiState.key == self._prepare_key(key),
                                                           LtiState.expires_at > now()))
        return result.rowcount == 1

    def _row(self, key: str) -> LtiState | None:
        return db.session.scalar(select(LtiState).where(LtiState.key == self._prepare_key(key),
                                                        LtiState.expires_at > now()))


def purge_expired() -> None:
    db.session.execute(delete(LtiState).where(LtiState.expires_at <= now()))
