"""What the teacher workspace's areas share: the blueprint, the log-in rule and ownership checks.

Every query goes through ``owned`` or filters on the logged-in teacher, so a teacher only
ever reaches their own assignments, batches and essays; anything else is a 404.
"""
from __future__ import annotations

from flask import Blueprint, Response, abort
from flask_login import current_user, login_required

from ..db import db
from ..library import library
from ..models import Assignment, Batch, Essay
from ..uploads import Limits, read_upload

bp = Blueprint("teacher", __name__, url_prefix="/teacher")


@bp.before_request
@login_required
def _login() -> None:
    """Every page here needs a teacher logged in."""


def owned(model, object_id: int):
    """The object if the logged-in teacher owns it, else 404 (never say it exists)."""
    obj = db.session.get(model, object_id)
    owner = {Assignment: lambda o: o.teacher_id, Batch: lambda o: o.assignment.teacher_id,
             Essay: lambda o: o.batch.assignment.teacher_id}[model]
    if obj is None or owner(obj) != current_user.id:
        abort(404)
    return obj


def errors_of(form) -> str:
    """A form's validation messages on one line, for a flash message."""
    return "; ".join(e for errs in form.errors.values() for e in (errs if isinstance(errs, list) else [str(errs)]))


def chosen(field) -> list[tuple[str, bytes]]:
    """(filename, bytes) of each file chosen in a file field (browsers send an empty part for none)."""
    return [(f.filename, f.read()) for f in (field.data or []) if getattr(f, "filename", "")]


def read_files(files: list[tuple[str, bytes]]):
    """Essays (or sources) and problems from uploaded files, under the configured size limit."""
    return read_upload(files, Limits(max_file_bytes=library().settings.max_source_bytes))


def csv_response(text: str, filename: str) -> Response:
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in filename)
    return Response(text, mimetype="text/csv", headers={"Content-Disposition": f'attachment; filename="{safe}"'})


def num(v) -> str:
    """A score for a cell: 4, 6.5, or empty."""
    if v is None:
        return ""
    return f"{v:g}" if isinstance(v, float) else str(v)
