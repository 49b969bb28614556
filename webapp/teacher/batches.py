"""Batches: upload, the results table and its progress, re-marking, release, exports, the class report."""
from __future__ import annotations

import io
import json

from flask import abort, current_app, flash, jsonify, redirect, render_template, request, url_for

from .. import runner, spreadsheet
from ..lti import services as lti_services
from ..db import db
from ..jobs import requeue
from ..models import DONE, FAILED, QUEUED, RUNNING, Assignment, Batch, Essay
from ..uploads import UploadRefused, student_from_filename
from . import reports
from .common import bp, chosen, csv_response, errors_of, num, owned, read_files
from .forms import ActionForm, UploadForm

SORTS = ("student", "status", "total")


@bp.post("/assignments/<int:assignment_id>/batches")
def upload_batch(assignment_id: int):
    a = owned(Assignment, assignment_id)
    form = UploadForm()
    files = chosen(form.files)
    if not form.validate_on_submit() or not files:
        flash(errors_of(form) or "Choose the essay files to upload.", "error")
        return redirect(url_for("teacher.assignment", assignment_id=a.id, _anchor="upload")), 303
    try:
        essays, problems = read_files(files)
    except UploadRefused as exc:
        flash(f"Nothing was uploaded: {exc}", "error")
        return redirect(url_for("teacher.assignment", assignment_id=a.id, _anchor="upload")), 303
    batch = Batch(assignment=a, name=form.name.data,
                  problems_json=json.dumps([{"filename": p.filename, "reason": p.reason} for p in problems]))
    batch.essays = [Essay(student=e.student, filename=e.filename, text=e.text) for e in essays]
    db.session.add(batch)
    db.session.commit()
    runner.submit(current_app._get_current_object(), [e.id for e in batch.essays])
    flash(f"{len(essays)} essay(s) queued for marking" + (f"; {len(problems)} could not be read" if problems else ""))
    return redirect(url_for("teacher.batch", batch_id=batch.id))


def ordered(b: Batch, sort: str = "student", descending: bool = False) -> list[tuple[Essay, dict]]:
    """The batch's essays with their scores, in the table's order (the order next and previous follow)."""
    criteria = criteria_of(b)
    rows = [(e, e.scores()) for e in b.essays]
    if sort in criteria or sort == "total":
        rows.sort(key=lambda r: (r[1].get(sort) is None, r[1].get(sort) or 0), reverse=descending)
    elif sort == "status":
        rows.sort(key=lambda r: r[0].status, reverse=descending)
    else:
        rows.sort(key=lambda r: r[0].student.lower(), reverse=descending)
    return rows


@bp.get("/batches/<int:batch_id>")
def batch(batch_id: int):
    b = owned(Batch, batch_id)
    sort = request.args.get("sort", "student")
    descending = request.args.get("dir") == "desc"
    rows = ordered(b, sort, descending)
    version = b.assignment.version
    stale = sum(1 for e in b.essays if e.status == DONE and e.marked_version not in (None, version))
    return render_template("teacher/batch.html", b=b, rows=rows, criteria=criteria_of(b), sort=sort,
                           descending=descending, progress=progress(b), action=ActionForm(), stale=stale,
                           course=lti_services.link_of(b), missing=lti_services.not_handed_in(b))


@bp.get("/batches/<int:batch_id>/progress.json")
def batch_progress(batch_id: int):
    return jsonify(progress(owned(Batch, batch_id)))


def progress(b: Batch) -> dict:
    counts = {s: 0 for s in (QUEUED, RUNNING, DONE, FAILED)}
    for e in b.essays:
        counts[e.status] += 1
    total = len(b.essays)
    finished = counts[DONE] + counts[FAILED]
    return {"total": total, "done": counts[DONE], "failed": counts[FAILED], "waiting": total - finished,
            "finished": finished, "complete": finished == total}


def criteria_of(b: Batch) -> list[str]:
    for e in b.essays:
        r = e.report
        if r:
            return [c["name"] for c in r["rubric"]["criteria"]]
    return []


@bp.post("/batches/<int:batch_id>/remark")
def remark(batch_id: int):
    """Mark the whole batch again with the assignment as it is now (after a rubric or fact-base change)."""
    b = owned(Batch, batch_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    ids = requeue([e.id for e in b.essays])
    runner.submit(current_app._get_current_object(), ids)
    flash(f"{len(ids)} essay(s) queued to be marked again; the marks below change as each one is done. "
          "Your dismissed flags, comments and scores are kept.")
    return redirect(url_for("teacher.batch", batch_id=b.id))


@bp.post("/batches/<int:batch_id>/release")
def release(batch_id: int):
    b = owned(Batch, batch_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    b.released = not b.released
    db.session.commit()
    flash("Feedback released: students can open their links." if b.released else "Feedback withdrawn.")
    sent = lti_services.after_release(b)  # a course activity's scores go to the platform's gradebook
    if sent:
        flash(sent)
    return redirect(url_for("teacher.batch", batch_id=b.id))


@bp.get("/batches/<int:batch_id>/export.csv")
def export(batch_id: int):
    """The marks, one row per student, the teacher's version; files that could not be read are rows too."""
    b = owned(Batch, batch_id)
    criteria = criteria_of(b)
    out = io.StringIO()
    w = spreadsheet.writer(out)
    w.writerow(["student", "file", "status", *criteria, "total", "max", "overridden", "comment", "link", "reason",
                "dismissed"])
    for e in sorted(b.essays, key=lambda e: e.student.lower()):
        s = e.scores()
        w.writerow([e.student, e.filename or "", e.status, *[num(s.get(c)) for c in criteria], num(s.get("total")),
                    num(s.get("max")), "yes" if e.score_overrides else "no", e.comment or "",
                    url_for("released", code=e.access_code, _external=True), e.error or "",
                    len(e.review.get("dismissed") or {})])
    for p in b.problems:
        student = "" if " row " in p["filename"] else student_from_filename(p["filename"])
        w.writerow([student, p["filename"], "unreadable", *[""] * len(criteria), "", "", "", "", "", p["reason"], ""])
    return csv_response(out.getvalue(), f"{b.name}-marks.csv")


@bp.get("/batches/<int:batch_id>/report")
def class_report(batch_id: int):
    b = owned(Batch, batch_id)
    data = reports.class_report(b)
    return render_template(
        "teacher/report.html", b=b, data=data,
        mistakes_chart=reports.chart_svg(data["mistakes"], data["essays"], "The mistakes most often made",
                                         "mistakes-chart"),
        missed_chart=reports.chart_svg(data["missed"], data["essays"], "The key facts most often left out",
                                       "missed-chart", hatched=True))


@bp.get("/batches/<int:batch_id>/report.csv")
def class_report_csv(batch_id: int):
    b = owned(Batch, batch_id)
    return csv_response(reports.class_report_csv(reports.class_report(b)), f"{b.name}-class-report.csv")
