"""Student pages: the check form and the feedback it produces. Essays are never stored."""
from __future__ import annotations

from flask import Blueprint, abort, render_template

from essaycheck.errors import InputError

from .. import feedback, timeline
from ..library import library
from ..operations import self_check_limit
from ..submission import Refusal, one_essay_at_a_time, refusal_from, text_of_upload
from wtforms.fields.choices import SelectChoice

from .forms import CheckForm

bp = Blueprint("check", __name__)
bp.before_request(one_essay_at_a_time)


def _form() -> CheckForm:
    lib = library()
    form = CheckForm(max_chars=lib.settings.max_essay_chars)
    form.assignment.choices = [SelectChoice(a["id"], a["title"]) for a in lib.listing()]
    if not form.is_submitted() and form.assignment.choices:
        form.assignment.data = form.assignment.choices[0].value
        a = lib.get(form.assignment.data)
        form.mode.data = a.mode if a else "hint"
    return form


@bp.route("/", methods=("GET", "POST"))
@self_check_limit()
def index():
    form = _form()
    if not form.validate_on_submit():
        status = 200
        if form.is_submitted():
            status = 415 if form.upload.errors else 422  # a wrong file type, or a missing or empty essay
        return render_template("check/index.html", form=form), status
    assignment = library().get(form.assignment.data)
    if assignment is None:
        abort(404)
    try:
        if form.upload.data:
            name = form.upload.data.filename or "upload"
            text = text_of_upload(name, form.upload.data.read(), assignment.settings.max_source_bytes)
        else:
            name, text = None, form.essay.data
        mode = form.mode.data if form.mode.data in assignment.modes else assignment.mode
        report = assignment.check(text, name, mode)
    except (Refusal, InputError) as exc:
        refused = refusal_from(exc)
        _field(form, refused.message)
        return render_template("check/index.html", form=form), refused.status
    view = feedback.build(report, report["text"])
    drawing = timeline.svg(report["timeline"], reveal=mode == "reveal")
    return render_template("check/feedback.html", report=report, view=view, timeline_svg=drawing,
                           assignment=assignment, mode=mode)


def _field(form: CheckForm, message: str) -> None:
    """Put a refusal next to the field it is about."""
    target = form.upload if form.upload.data else form.essay
    target.errors = [*target.errors, message] if isinstance(target.errors, list) else [message]
