"""Running the app for real: logs as JSON lines, rate limits, the health check, proxies."""
from __future__ import annotations

import hashlib
import json
import logging
import sys
import time
from datetime import datetime, timezone

from flask import Flask, g, jsonify, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import current_user
from sqlalchemy import func, select, text
from werkzeug.middleware.proxy_fix import ProxyFix

limiter = Limiter(key_func=get_remote_address, default_limits=[], headers_enabled=True)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message and any request fields."""

    FIELDS = ("method", "path", "status", "ms", "remote", "essay", "batch", "worker")

    def format(self, record: logging.LogRecord) -> str:
        out = {"time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
               "level": record.levelname.lower(), "logger": record.name, "message": record.getMessage()}
        for f in self.FIELDS:
            if hasattr(record, f):
                out[f] = getattr(record, f)
        if record.exc_info:
            out["error"] = self.formatException(record.exc_info)
        return json.dumps(out)


def init_logging(app: Flask) -> None:
    """Structured logs on stderr. Essay text is never logged: only ids, paths and timings."""
    if app.config.get("ESSAYCHECK_LOG_FORMAT", "json") == "json":
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(JsonFormatter())
        root = logging.getLogger()
        root.handlers = [handler]
        root.setLevel(logging.INFO)
        app.logger.handlers = []
        app.logger.propagate = True
    log = logging.getLogger("essaycheck.requests")

    @app.before_request
    def _start_timer() -> None:
        g.started = time.perf_counter()

    @app.after_request
    def _log_request(response):
        if request.path.startswith("/static/"):
            return response
        log.info("request", extra={"method": request.method, "path": request.path, "status": response.status_code,
                                   "ms": round((time.perf_counter() - g.get("started", time.perf_counter())) * 1000, 1),
                                   "remote": request.remote_addr})
        return response


def init_proxy(app: Flask) -> None:
    """Trust X-Forwarded-For/Proto/Host from this many proxies (nginx in front: 1)."""
    hops = int(app.config.get("ESSAYCHECK_PROXY_HOPS") or 0)
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_prefix=hops)


def init_limits(app: Flask) -> None:
    """Anonymous self-checks are rate-limited per client address; logged-in teachers are not."""
    app.config.setdefault("RATELIMIT_STORAGE_URI", app.config.get("ESSAYCHECK_BROKER_URL") or "memory://")
    limiter.init_app(app)


def self_check_limit():
    """The decorator for the anonymous check endpoints."""
    from flask import current_app

    # One allowance per client shared by the page and the API: a self-check is a self-check.
    return limiter.shared_limit(lambda: current_app.config["ESSAYCHECK_RATE_LIMIT"], scope="self-check",
                                methods=["POST"], exempt_when=lambda: current_user.is_authenticated)


def class_code_limit():
    """Looking up class codes: only codes that are not found count, so guessing codes stops soon
    while a class opening its real link is never held up."""
    from flask import current_app

    return limiter.shared_limit(lambda: current_app.config["ESSAYCHECK_CODE_LIMIT"], scope="class-code",
                                deduct_when=lambda response: response.status_code == 404,
                                exempt_when=lambda: current_user.is_authenticated)


def login_limits(view):
    """Log-in attempts: limited per client address, and failed ones per account tried.

    The account limit counts only failures (401), keyed by a hash of the address typed, so an
    attacker spreading guesses over many clients still stops, and a teacher who types the
    right password is never counted.
    """
    from flask import current_app

    message = "Too many log-in attempts. Wait a few minutes and try again."
    per_client = limiter.limit(lambda: current_app.config["ESSAYCHECK_LOGIN_LIMIT"], methods=["POST"],
                               scope="login-client", error_message=message)
    per_account = limiter.limit(lambda: current_app.config["ESSAYCHECK_LOGIN_ACCOUNT_LIMIT"], methods=["POST"],
                                key_func=_account_key, scope="login-account", error_message=message,
                                deduct_when=lambda response: response.status_code == 401)
    return per_client(per_account(view))


def _account_key() -> str:
    email = (request.form.get("email") or "").strip().lower()[:254]
    return "account:" + hashlib.sha256(email.encode("utf-8", "replace")).hexdigest()


def init_health(app: Flask) -> None:
    @app.get("/health")
    def health():
        from essaycheck.pipeline import load_pipeline

        from .db import db
        from .library import library
        from .models import QUEUED, RUNNING, Essay

        report, ok = {}, True
        try:
            db.session.execute(text("SELECT 1"))
            report["database"] = {"ok": True, "backend": db.engine.url.get_backend_name()}
        except Exception as exc:  # the health check must answer even when the database does not
            ok = False
            report["database"] = {"ok": False, "error": type(exc).__name__}
        try:
            nlp = load_pipeline(library().settings)
            report["pipeline"] = {"ok": True, "name": f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}",
                                  "version": nlp.meta.get("version")}
        except Exception as exc:
            ok = False
            report["pipeline"] = {"ok": False, "error": str(exc)[:200]}
        jobs = {"backend": "celery" if app.config.get("ESSAYCHECK_BROKER_URL") else "in-process"}
        try:
            counts = dict(db.session.execute(select(Essay.status, func.count()).group_by(Essay.status)).all())
            jobs.update(queued=counts.get(QUEUED, 0), running=counts.get(RUNNING, 0))
        except Exception:
            pass
        if jobs["backend"] == "celery":
            jobs["broker_ok"] = _broker_ok(app.config["ESSAYCHECK_BROKER_URL"])
            ok = ok and jobs["broker_ok"]
        else:
            worker = app.extensions.get("essaycheck_worker")
            jobs["worker_alive"] = bool(worker and worker.thread.is_alive())
        report["jobs"] = jobs
        report["status"] = "ok" if ok else "degraded"
        return jsonify(report), 200 if ok else 503

    limiter.exempt(health)


def _broker_ok(url: str) -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2).ping())
    except Exception:
        return False
