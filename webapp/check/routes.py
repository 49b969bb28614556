"""Student pages: the check form, class links, and the feedback they produce. Essays are never stored."""
from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for
from wtforms.fields.choices import SelectChoice

from essaycheck.errors import InputError
from essaycheck.findings import mode_name

from .. import classes, drafts, feedback, timeline
from ..library import library
from ..operations import class_code_limit, self_check_limit
from ..submission import Refusal, one_essay_at_a_time, refusal_from, text_of_upload
from .forms import CheckForm

bp = Blueprint("check", __name__)
bp.before_request(one_essay_at_a_time)


@bp.route("/", methods=("GET", "POST"))
@self_check_limit()
def index():
    """The built-in assignments, for anyone."""
    lib = library()
    form = CheckForm(max_chars=lib.settings.max_essay_chars)
    form.assignment.choices = [SelectChoice(a["id"], a["title"]) for a in lib.listing()]
    if not form.is_submitted() and form.assignment.choices:
        form.assignment.data = form.assignment.choices[0].value
        a = lib.get(form.assignment.data)
        form.mode.data = a.mode if a else "point"
    return _check(form, None)


@bp.get("/c")
@class_code_limit()
def find_class():
    """A class code typed on the check page: to the class's page, or back with a message."""
    a = classes.published(request.args.get("code"))
    if a is None:
        lib = library()
        form = CheckForm(max_chars=lib.settings.max_essay_chars, formdata=None)
        form.assignment.choices = [SelectChoice(x["id"], x["title"]) for x in lib.listing()]
        code_error = ("Type the code your teacher gave you." if not (request.args.get("code") or "").strip()
                      else "No class assignment has that code. Check it with your teacher.")
        return render_template("check/index.html", form=form, code_error=code_error,
                               code=request.args.get("code", "")[:40]), 404
    return redirect(url_for("check.class_page", code=a.class_code))


@bp.route("/c/<code>", methods=("GET", "POST"))
@class_code_limit()
@self_check_limit()
def class_page(code: str):
    """A teacher's published assignment, reached by its class code (no account needed)."""
    a = classes.published(code)
    if a is None:
        abort(404, "No class assignment has that code, or the teacher has closed it. Check the link with "
                   "your teacher.")
    if code != a.class_code:
        return redirect(url_for("check.class_page", code=a.class_code), 308)
    form = CheckForm(max_chars=library().settings.max_essay_chars)
    form.assignment.choices = [SelectChoice(a.class_code, a.title)]
    form.assignment.data = a.class_code
    form.mode.data = a.level
    return _check(form, a.class_code)


def _check(form: CheckForm, class_code: str | None):
    """Validate, check, and show the feedback (or the form again with the problem beside its field)."""
    if not form.validate_on_submit():
        status = 200
        if form.is_submitted():
            status = 415 if form.upload.errors else 422  # a wrong file type, or a missing or empty essay
        return render_template("check/index.html", form=form, class_code=class_code), status
    offer = classes.offer(form.assignment.data)
    if offer is None or (class_code is None) != (offer.code is None):
        abort(404)
    mode = mode_name(form.mode.data) if mode_name(form.mode.data or "") in offer.modes else offer.mode
    try:
        if form.upload.data:
            name = form.upload.data.filename or "upload"
            text = text_of_upload(name, form.upload.data.read(), offer.checker.settings.max_source_bytes)
        else:
            name, text = None, form.essay.data
        report = offer.checker.check(text, name, mode)
    except (Refusal, InputError) as exc:
        refused = refusal_from(exc)
        _field(form, refused.message)
        return render_template("check/index.html", form=form, class_code=class_code), refused.status
    text = report.pop("text")
    report = feedback.as_mode(report, mode)
    previous = drafts.read(form.previous.data)
    changes = drafts.compare(previous, report) if previous else None
    view = feedback.build(report, text, changes.status if changes else None)
    drawing = timeline.svg(report["timeline"], reveal=mode == "reveal")
    again = CheckForm(formdata=None, max_chars=form.max_chars)
    again.essay.data, again.previous.data = text, drafts.carry(report)
    again.essay.label.text = "Your essay: change it and check again"
    return render_template("check/feedback.html", report=report, view=view, timeline_svg=drawing, offer=offer,
                           mode=mode, changes=changes, again=again, class_code=class_code)


def _field(form: CheckForm, message: str) -> None:
    """Put a refusal next to the field it is about."""
    target = form.upload if form.upload.data else form.essay
    target.errors = [*target.errors, message] if isinstance(target.errors, list) else [message]
