"""One essay's marks: the teacher's scores and comment, flags dismissed with a reason, comments on
sentences, each change kept with who and when; next and previous through the batch."""
from __future__ import annotations

import json
from datetime import datetime, timezone

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from .. import feedback, timeline
from ..db import db
from ..lti import services as lti_services
from ..models import Change, Essay
from ..review import key_of, remark
from ..sentences import sentences
from ..workspace import rubric_for
from .common import bp, errors_of, num, owned
from .forms import DISMISS_REASONS, ActionForm, CommentForm, DismissForm, MarksForm, criterion_field

REASONS = {c.value: c.label for c in DISMISS_REASONS}


def _neighbours(e: Essay) -> tuple[Essay | None, Essay | None, int, int]:
    """The essays before and after this one in the batch table's usual order (by student), its place,
    and the batch size."""
    rows = sorted(e.batch.essays, key=lambda x: (x.student.lower(), x.id))
    i = next(i for i, x in enumerate(rows) if x.id == e.id)
    return (rows[i - 1] if i > 0 else None), (rows[i + 1] if i + 1 < len(rows) else None), i + 1, len(rows)


def _comment_form(e: Essay) -> CommentForm:
    form = CommentForm(prefix="comment")
    form.sentence.choices = [SelectChoice(f"{s}-{t}", text if len(text) <= 90 else text[:88] + "\u2026")
                             for s, t, text in sentences(e.text)]
    return form


@bp.route("/essays/<int:essay_id>", methods=("GET", "POST"))
def essay(essay_id: int):
    e = owned(Essay, essay_id)
    marks = _marks_form(e)
    if request.method == "POST":
        if e.report is None:
            abort(409)
        if marks.validate_on_submit():
            _save_marks(e, marks)
            flash("Marks saved.")
            sent = lti_services.after_marks_change(e)  # released through a course: the new score goes too
            if sent:
                flash(sent)
            return redirect(url_for("teacher.essay", essay_id=e.id))
    status = 422 if request.method == "POST" else 200
    return _page(e, marks), status


def _page(e: Essay, marks: MarksForm, dismiss: DismissForm | None = None, comment: CommentForm | None = None,
          failed_finding: str | None = None):
    report = e.marked()
    view = drawing = None
    if report is not None:
        view = feedback.build(report, e.text)
        drawing = timeline.svg(report["timeline"], reveal=True)
    before, after, place, size = _neighbours(e)
    keys = [key_of(f) for f in (report or {}).get("findings", [])]
    return render_template("teacher/essay.html", e=e, report=report, view=view, timeline_svg=drawing, mode="reveal",
                           marks=marks, scores=e.scores(), before=before, after=after, place=place, size=size,
                           dismiss=dismiss or DismissForm(formdata=None), failed_finding=failed_finding,
                           comment=comment or _comment_form(e), action=ActionForm(), keys=keys, reasons=REASONS)


def _marks_form(e: Essay) -> MarksForm:
    report = e.report
    criteria = report["rubric"]["criteria"] if report else []

    class Form(MarksForm):
        pass

    for c in criteria:
        setattr(Form, f"score_{c['name']}", criterion_field(f"{c.get('title', c['name'])} (out of {c['max']:g})",
                                                            c["max"]))
    form = Form()
    if request.method == "GET":
        over = e.score_overrides
        for c in criteria:
            getattr(form, f"score_{c['name']}").data = over.get(c["name"])
        form.comment.data = e.comment
    form.criteria = (e.marked() or {"rubric": {"criteria": []}})["rubric"]["criteria"]
    return form


def _save_marks(e: Essay, form: MarksForm) -> None:
    """Store the teacher's scores and comment, keeping who changed what and when."""
    over = e.score_overrides
    for c in form.criteria:
        value = getattr(form, f"score_{c['name']}").data
        new = float(value) if value is not None else None
        if new != over.get(c["name"]):
            _log(e, c["name"], num(over.get(c["name"])) or None, num(new) or None)
            if new is None:
                over.pop(c["name"], None)
            else:
                over[c["name"]] = new
    e.overrides_json = json.dumps(over)
    comment = (form.comment.data or "").strip() or None
    if comment != e.comment:
        _log(e, "comment", e.comment, comment)
        e.comment = comment
    db.session.commit()


def _log(e: Essay, field: str, old: str | None, new: str | None) -> None:
    db.session.add(Change(essay=e, teacher_id=current_user.id, field=field[:60], old=old, new=new))


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M")


def _save_review(e: Essay, review: dict) -> None:
    e.review_json = json.dumps(remark(e.report, review, rubric_for(e.batch.assignment)))


@bp.post("/essays/<int:essay_id>/findings/<finding_key>/dismiss")
def dismiss(essay_id: int, finding_key: str):
    """Set a flag aside with a reason: the scores are worked out again without it."""
    e = owned(Essay, essay_id)
    report = e.report
    finding = next((f for f in (report or {}).get("findings", []) if key_of(f) == finding_key), None)
    if finding is None:
        abort(404)
    form = DismissForm()
    if not form.validate_on_submit():
        if "csrf_token" in form.errors:
            abort(400)
        return _page(e, _marks_form(e), dismiss=form, failed_finding=finding_key), 422
    reason = REASONS[form.reason.data] + (f": {form.note.data.strip()}" if (form.note.data or "").strip() else "")
    review = e.review
    review.setdefault("dismissed", {})[finding_key] = {"reason": reason, "by": current_user.name, "at": _now()}
    _save_review(e, review)
    _log(e, "flag dismissed", f"\u201c{finding['claim']}\u201d ({finding['kind']})", reason)
    db.session.commit()
    flash(f"Flag on \u201c{finding['claim']}\u201d dismissed; the scores are worked out again without it.")
    return redirect(url_for("teacher.essay", essay_id=e.id, _anchor="findings-title"))


@bp.post("/essays/<int:essay_id>/findings/<finding_key>/restore")
def restore(essay_id: int, finding_key: str):
    e = owned(Essay, essay_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    review = e.review
    gone = (review.get("dismissed") or {}).pop(finding_key, None)
    if gone is None:
        abort(404)
    _save_review(e, review)
    _log(e, "flag restored", finding_key, None)
    db.session.commit()
    flash("Flag restored; it counts again.")
    return redirect(url_for("teacher.essay", essay_id=e.id, _anchor="findings-title"))


@bp.post("/essays/<int:essay_id>/comments")
def add_comment(essay_id: int):
    """A comment on one sentence, shown to the student where the sentence ends."""
    e = owned(Essay, essay_id)
    form = _comment_form(e)
    if not form.validate_on_submit():
        flash("The comment was not added: " + errors_of(form), "error")
        return _page(e, _marks_form(e), comment=form), 422
    start, end = (int(x) for x in form.sentence.data.split("-"))
    review = e.review
    comments = review.setdefault("comments", [])
    comments.append({"id": max((c["id"] for c in comments), default=0) + 1, "start": start, "end": end,
                     "text": form.text.data.strip(), "by": current_user.name, "at": _now()})
    e.review_json = json.dumps(review)
    _log(e, "sentence comment", e.text[start:end][:200], form.text.data.strip())
    db.session.commit()
    flash("Comment added.")
    return redirect(url_for("teacher.essay", essay_id=e.id, _anchor="comments-title"))


@bp.post("/essays/<int:essay_id>/comments/<int:comment_id>/delete")
def delete_comment(essay_id: int, comment_id: int):
    e = owned(Essay, essay_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    review = e.review
    kept = [c for c in review.get("comments", []) if c["id"] != comment_id]
    if len(kept) == len(review.get("comments", [])):
        abort(404)
    gone = next(c for c in review["comments"] if c["id"] == comment_id)
    review["comments"] = kept
    e.review_json = json.dumps(review)
    _log(e, "sentence comment removed", gone["text"], None)
    db.session.commit()
    flash("Comment removed.")
    return redirect(url_for("teacher.essay", essay_id=e.id, _anchor="comments-title"))
