"""Settings from the environment (or instance/config.py), checked at start-up with clear messages.

Every setting has a default that works on one machine with no set-up; a setting that is
present but wrong stops the server with a one-line message naming it, rather than a
traceback later in some request.
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path

ENV = {
    # config key: (environment variable, kind)
    "SQLALCHEMY_DATABASE_URI": ("ESSAYCHECK_DATABASE_URL", "database"),
    "SECRET_KEY": ("ESSAYCHECK_SECRET_KEY", "secret"),
    "ESSAYCHECK_BROKER_URL": ("ESSAYCHECK_BROKER_URL", "broker"),
    "ESSAYCHECK_PROXY_HOPS": ("ESSAYCHECK_PROXY_HOPS", "count"),
    "ESSAYCHECK_RATE_LIMIT": ("ESSAYCHECK_RATE_LIMIT", "rate"),
    "ESSAYCHECK_LOGIN_LIMIT": ("ESSAYCHECK_LOGIN_LIMIT", "rate"),
    "ESSAYCHECK_LOGIN_ACCOUNT_LIMIT": ("ESSAYCHECK_LOGIN_ACCOUNT_LIMIT", "rate"),
    "ESSAYCHECK_CODE_LIMIT": ("ESSAYCHECK_CODE_LIMIT", "rate"),
    "ESSAYCHECK_MAX_UPLOAD": ("ESSAYCHECK_MAX_UPLOAD_MB", "megabytes"),
    "MAX_CONTENT_LENGTH": ("ESSAYCHECK_MAX_BATCH_MB", "megabytes"),
    "ESSAYCHECK_JOB_LEASE": ("ESSAYCHECK_JOB_LEASE", "seconds"),
    "ESSAYCHECK_LOG_FORMAT": ("ESSAYCHECK_LOG_FORMAT", "log_format"),
    "ESSAYCHECK_PACKS_DIR": ("ESSAYCHECK_RUBRIC_DIR", "folder"),
}


class ConfigError(Exception):
    """A setting is present but wrong: the message says which and why."""


def from_environment(config: dict, env: dict | None = None) -> None:
    """Copy ESSAYCHECK_* variables into ``config``, converted; raise ConfigError on a bad one."""
    env = os.environ if env is None else env
    for key, (var, kind) in ENV.items():
        raw = env.get(var)
        if raw is None or raw == "":
            continue
        config[key] = _convert(var, kind, raw.strip())
    if env.get("ESSAYCHECK_SECURE_COOKIES"):
        secure = _convert("ESSAYCHECK_SECURE_COOKIES", "flag", env["ESSAYCHECK_SECURE_COOKIES"])
        config["SESSION_COOKIE_SECURE"] = config["REMEMBER_COOKIE_SECURE"] = secure


def validate(config: dict) -> None:
    """Check settings however they were given (environment, instance file, tests)."""
    for key, (var, kind) in ENV.items():
        value = config.get(key)
        if value is not None and kind in ("database", "broker", "rate", "log_format"):
            _convert(var, kind, str(value))
    if not config.get("SECRET_KEY"):
        raise ConfigError("SECRET_KEY is empty")


def persistent_secret_key(instance_path: str) -> str:
    """The secret key kept in the instance folder, made once (so sessions survive restarts)."""
    path = Path(instance_path) / "secret_key"
    if path.is_file():
        key = path.read_text().strip()
        if len(key) >= 32:
            return key
    key = secrets.token_hex(32)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(key + "\n")
    return key


def _convert(var: str, kind: str, raw: str):
    if kind == "database":
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError

        try:
            url = make_url(raw)
        except ArgumentError:
            raise ConfigError(f"{var}: {raw!r} is not a database URL (try sqlite:///path or "
                              f"postgresql+psycopg://user:password@host/db)") from None
        if url.get_backend_name() not in ("sqlite", "postgresql"):
            raise ConfigError(f"{var}: {url.get_backend_name()!r} databases are not supported; use sqlite or postgresql")
        return raw
    if kind == "broker":
        if not raw.startswith(("redis://", "rediss://")):
            raise ConfigError(f"{var}: the broker must be a Redis URL such as redis://localhost:6379/0")
        return raw
    if kind in ("count", "megabytes", "seconds"):
        try:
            n = float(raw) if kind == "seconds" else int(raw)
        except ValueError:
            raise ConfigError(f"{var}: {raw!r} is not a number") from None
        if n < 0 or (kind == "megabytes" and n == 0):
            raise ConfigError(f"{var}: must be {'more than' if kind == 'megabytes' else 'at least'} 0")
        return int(n * 1024 * 1024) if kind == "megabytes" else n
    if kind == "rate":
        from limits import parse_many

        try:
            parse_many(raw)
        except ValueError:
            raise ConfigError(f"{var}: {raw!r} is not a rate such as '30 per minute'") from None
        return raw
    if kind == "log_format":
        if raw not in ("json", "text"):
            raise ConfigError(f"{var}: use json or text, not {raw!r}")
        return raw
    if kind == "flag":
        if raw.lower() not in ("0", "1", "true", "false", "yes", "no"):
            raise ConfigError(f"{var}: use 1 or 0, not {raw!r}")
        return raw.lower() in ("1", "true", "yes")
    if kind == "folder":
        if not Path(raw).is_dir():
            raise ConfigError(f"{var}: {raw} is not a folder")
        return raw
    return raw
