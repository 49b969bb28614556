"""JSON API v1: list assignments, check an essay sent as JSON or as an uploaded file."""
from __future__ import annotations

from flask import Blueprint, jsonify, request

from essaycheck.errors import InputError
from essaycheck.findings import MODES, mode_name

from .. import classes, feedback
from ..errors import error_response
from ..extensions import csrf
from ..library import library
from ..operations import class_code_limit, self_check_limit
from ..submission import Refusal, one_essay_at_a_time, refusal_from, text_of_upload
from .openapi import document

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)  # programs authenticate per request, not with a browser session
bp.before_request(one_essay_at_a_time)


@bp.get("/assignments")
@class_code_limit()
def assignments():
    """The built-in assignments, and with ``?code=`` the class assignment published under that code."""
    listed = [{"id": a["id"], "title": a["title"], "mode": a["mode"], "modes": a["modes"]}
              for a in library().listing()]
    code = request.args.get("code")
    if code is not None:
        a = classes.published(code)
        if a is None:
            return error_response(404, "class_not_found", "no published class assignment has that code")
        listed.append({"id": a.class_code, "title": a.title, "mode": a.level, "modes": [a.level]})
    return jsonify({"assignments": listed})


@bp.get("/openapi.json")
def openapi():
    return jsonify(document())


@bp.post("/check")
@self_check_limit()
def check():
    try:
        assignment_id, text, name, mode = _read_request()
        offer = classes.offer(assignment_id)
        if offer is None:
            raise Refusal(404, "assignment_not_found", f"there is no assignment {assignment_id!r}")
        if mode is not None and mode not in offer.modes:
            raise Refusal(400, "mode_not_allowed",
                          f"assignment {assignment_id!r} allows mode {', '.join(offer.modes)}, not {mode!r}")
        mode = mode or offer.mode
        report = offer.checker.check(text, name, mode)
    except (Refusal, InputError) as exc:
        refused = refusal_from(exc)
        return error_response(refused.status, refused.code, refused.message)
    report.pop("text", None)
    report["assignment"] = offer.id
    return jsonify(feedback.as_mode(report, mode))


def _mode(value: str | None) -> str | None:
    if value is not None and value not in (*MODES, "hint"):
        raise Refusal(400, "bad_mode", "'mode' must be 'flag', 'point' or 'reveal' ('hint' means 'point')")
    return mode_name(value) if value is not None else None


def _read_request() -> tuple[str, str, str | None, str | None]:
    """(assignment id, essay text, essay name, mode) from a JSON body or a multipart upload."""
    kind = request.mimetype
    if kind == "application/json":
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            raise Refusal(400, "bad_json", "the body must be a JSON object with 'assignment' and 'essay'")
        for key in ("assignment", "essay"):
            if not isinstance(body.get(key), str):
                raise Refusal(400, "missing_field", f"'{key}' is required and must be a string")
        return body["assignment"], body["essay"], None, _mode(body.get("mode"))
    if kind == "multipart/form-data":
        assignment_id = request.form.get("assignment")
        upload = request.files.get("file")
        if not assignment_id:
            raise Refusal(400, "missing_field", "the form field 'assignment' is required")
        if upload is None or not upload.filename:
            raise Refusal(400, "missing_field", "the form field 'file' (a .txt, .docx or .pdf essay) is required")
        mode = _mode(request.form.get("mode") or None)
        limit = library().settings.max_source_bytes
        return assignment_id, text_of_upload(upload.filename, upload.read(), limit), upload.filename, mode
    raise Refusal(415, "unsupported_media_type",
                  "send application/json or multipart/form-data, not " + (kind or "no content type"))
