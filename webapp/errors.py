"""Error pages for people and JSON errors for programs: never a traceback, never a bare 500."""
from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from essaycheck.errors import EssaycheckError

log = logging.getLogger(__name__)
_CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 413: "too_large",
          415: "unsupported_type", 422: "unprocessable", 429: "too_many_requests", 503: "unavailable"}
_TITLES = {400: "Something was missing from the form", 404: "Page not found", 405: "Not allowed",
           413: "That is too large", 429: "Too many requests", 503: "Not available right now"}


def wants_json() -> bool:
    return request.path.startswith("/api/")


def error_response(status: int, code: str, message: str, headers: dict | None = None):
    headers = headers or {}
    if wants_json():
        return jsonify({"error": {"code": code, "message": message}}), status, headers
    return render_template("errors/error.html", title=_TITLES.get(status, "Something went wrong"),
                           message=message, status=status), status, headers


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(exc: CSRFError):
        return error_response(400, "csrf", "The form had expired or was not sent from this site. "
                                           "Go back, reload the page and try again.")

    @app.errorhandler(413)
    def too_large(exc):
        limit = request.max_content_length or app.config.get("MAX_CONTENT_LENGTH") or 0
        return error_response(413, "too_large", f"The upload is larger than the limit of {limit / 1024 / 1024:g} MB.")

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        # Keep what HTTP requires of the error, such as the Allow header of a 405.
        headers = {k: v for k, v in exc.get_headers() if k.lower() in ("allow", "retry-after")}
        return error_response(exc.code or 500, _CODES.get(exc.code or 500, "error"), exc.description or exc.name,
                              headers)

    @app.errorhandler(EssaycheckError)
    def pack_problem(exc: EssaycheckError):
        # A broken pack or a missing pipeline is the server's problem, not the user's: say so plainly.
        app.logger.error("essaycheck error: %s", exc)
        return error_response(503, "unavailable", f"This assignment cannot be checked right now: {exc}")

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        if isinstance(exc, HTTPException):
            return http_error(exc)
        app.logger.exception("unexpected error")
        _roll_back()
        return error_response(500, "internal", "Something went wrong on our side. Nothing you sent was stored.")


def _roll_back() -> None:
    """End a failed transaction, so the error page itself can still load the logged-in teacher."""
    from .db import db

    try:
        db.session.rollback()
    except Exception:  # the database is down: the page renders without it
        log.warning("could not roll back after an error", exc_info=True)
