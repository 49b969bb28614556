"""The teacher workspace: assignments and their fact bases, batches, review, release and export.

Every query goes through ``_owned`` or filters on the logged-in teacher, so a teacher only
ever reaches their own assignments, batches and essays; anything else is a 404.
"""
from __future__ import annotations

import io
import json

from flask import Blueprint, Response, abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from essaycheck.errors import EssaycheckError
from essaycheck.pack import load_pack

from .. import feedback, spreadsheet, timeline
from ..db import db
from ..library import library
from ..models import DONE, FAILED, QUEUED, RUNNING, Assignment, Batch, Change, Essay, Source
from ..uploads import Limits, UploadRefused, read_upload
from ..workspace import checker_for
from . import reports
from .forms import AliasForm, FactForm, MarksForm, NewAssignmentForm, ReleaseForm, SettingsForm, UploadForm, \
    criterion_field

bp = Blueprint("teacher", __name__, url_prefix="/teacher")


@bp.before_request
@login_required
def _login() -> None:
    """Every page here needs a teacher logged in."""


def _owned(model, object_id: int):
    """The object if the logged-in teacher owns it, else 404 (never say it exists)."""
    obj = db.session.get(model, object_id)
    owner = {Assignment: lambda o: o.teacher_id, Batch: lambda o: o.assignment.teacher_id,
             Essay: lambda o: o.batch.assignment.teacher_id}[model]
    if obj is None or owner(obj) != current_user.id:
        abort(404)
    return obj


def _errors(form) -> str:
    """A form's validation messages on one line, for a flash message."""
    return "; ".join(e for errs in form.errors.values() for e in errs)


def _chosen(field) -> list[tuple[str, bytes]]:
    """(filename, bytes) of each file chosen in a file field (browsers send an empty part for none)."""
    return [(f.filename, f.read()) for f in (field.data or []) if getattr(f, "filename", "")]


def _read(files: list[tuple[str, bytes]]):
    """Essays (or sources) and problems from uploaded files, under the configured size limit."""
    return read_upload(files, Limits(max_file_bytes=library().settings.max_source_bytes))


def _unique_names(essays) -> list[str]:
    """A name per source, unique within the assignment ("notes.txt" twice: the second is "notes (2).txt")."""
    names: list[str] = []
    for i, e in enumerate(essays):
        name = base = (e.filename or f"source-{i}.txt")[:240]
        n = 1
        while name in names:
            n += 1
            stem, dot, ext = base.rpartition(".")
            name = f"{stem} ({n}).{ext}" if dot else f"{base} ({n})"
        names.append(name)
    return names


# -- assignments ----------------------------------------------------------------------------

@bp.get("/")
def dashboard():
    assignments = db.session.scalars(select(Assignment).where(Assignment.teacher_id == current_user.id)
                                     .order_by(Assignment.created_at.desc())).all()
    return render_template("teacher/dashboard.html", assignments=assignments)


@bp.route("/assignments/new", methods=("GET", "POST"))
def new_assignment():
    form = NewAssignmentForm()
    packs = library().pack_dirs()
    form.pack.choices = [SelectChoice("", "(none: I will upload sources)")] + [
        SelectChoice(k, k.replace("-", " ").title()) for k in packs]
    if not form.validate_on_submit():
        return render_template("teacher/assignment_new.html", form=form), 422 if form.is_submitted() else 200
    a = Assignment(teacher_id=current_user.id, title=form.title.data, mode=form.mode.data,
                   day_first=form.date_order.data == "day-first")
    try:
        if form.pack.data:
            info = load_pack(packs[form.pack.data], library().settings)
            a.origin = f"pack:{form.pack.data}"
            a.sources = [Source(name=s.name, text=s.text) for s in info.sources]
            a.overrides = info.overrides
            if info.rubric_path:
                a.rubric_toml = info.rubric_path.read_text("utf-8")
        else:
            essays, problems = _read(_chosen(form.sources))
            if problems:
                form.sources.errors.extend(f"{p.filename}: {p.reason}" for p in problems)
                return render_template("teacher/assignment_new.html", form=form), 422
            a.sources = [Source(name=n, text=e.text) for n, e in zip(_unique_names(essays), essays)]
        checker_for(a)  # build it now: a broken source set fails here, not in a student's face
    except (UploadRefused, EssaycheckError) as exc:
        db.session.rollback()
        form.sources.errors.append(str(exc))
        return render_template("teacher/assignment_new.html", form=form), 422
    db.session.add(a)
    db.session.commit()
    flash("Assignment created. Review its facts below: correct dates, mark key facts, settle conflicts.")
    return redirect(url_for("teacher.assignment", assignment_id=a.id))


@bp.get("/assignments/<int:assignment_id>")
def assignment(assignment_id: int):
    a = _owned(Assignment, assignment_id)
    checker = checker_for(a)
    fb = checker.factbase
    forms = {}
    for f in fb.facts:
        form = FactForm(prefix=f.id, formdata=None)
        form.date.data = f.date.value if f.date and f.date_override is not None else ""
        form.key.data = f.key
        form.prefer.choices = [SelectChoice("", "(either)")] + [SelectChoice(r.source, r.source) for r in f.readings]
        forms[f.id] = form
    alias_form = AliasForm()
    alias_form.entity.choices = [SelectChoice(e.name, e.name) for e in sorted(
        fb.registry.entities.values(), key=lambda e: e.name) if e.origin != "gazetteer"]
    dropped = [o for o in a.overrides.get("fact", []) if o.get("drop")]
    upload = UploadForm()
    return render_template("teacher/assignment.html", a=a, fb=fb, forms=forms, alias_form=alias_form,
                           dropped=dropped, upload=upload)


@bp.post("/assignments/<int:assignment_id>/facts/<fact_id>")
def edit_fact(assignment_id: int, fact_id: str):
    a = _owned(Assignment, assignment_id)
    fact = checker_for(a).factbase.get(fact_id)
    if fact is None and not any(o.get("id") == fact_id for o in a.overrides.get("fact", [])):
        abort(404)
    form = FactForm(prefix=fact_id)
    form.prefer.choices = [SelectChoice("", "")] + ([SelectChoice(r.source, r.source) for r in fact.readings]
                                                   if fact else [])
    if not form.validate_on_submit():
        flash(_errors(form), "error")
        return redirect(url_for("teacher.assignment", assignment_id=a.id, _anchor=fact_id))
    overrides = a.overrides
    entries = [o for o in overrides.get("fact", []) if o.get("id") != fact_id]
    entry = {"id": fact_id}
    if form.date.data:
        entry["date"] = form.date.data
    if fact is not None and form.key.data != fact.key:
        entry["key"] = form.key.data
    elif fact is not None and any(o.get("id") == fact_id and "key" in o for o in overrides.get("fact", [])):
        entry["key"] = form.key.data
    if form.drop.data:
        entry["drop"] = True
    if form.prefer.data:
        entry["prefer"] = form.prefer.data
    if len(entry) > 1:
        entries.append(entry)
    overrides["fact"] = entries
    a.overrides = overrides
    db.session.commit()
    flash("Fact saved; new checks use it." if not form.drop.data else "Fact dropped.")
    return redirect(url_for("teacher.assignment", assignment_id=a.id, _anchor=fact_id))


@bp.post("/assignments/<int:assignment_id>/facts/<fact_id>/restore")
def restore_fact(assignment_id: int, fact_id: str):
    a = _owned(Assignment, assignment_id)
    if not ReleaseForm().validate_on_submit():
        abort(400)
    overrides = a.overrides
    overrides["fact"] = [{k: v for k, v in o.items() if k != "drop"} if o.get("id") == fact_id else o
                         for o in overrides.get("fact", [])]
    a.overrides = overrides
    db.session.commit()
    flash("Fact restored.")
    return redirect(url_for("teacher.assignment", assignment_id=a.id, _anchor=fact_id))


@bp.post("/assignments/<int:assignment_id>/aliases")
def add_alias(assignment_id: int):
    a = _owned(Assignment, assignment_id)
    form = AliasForm()
    form.entity.choices = [SelectChoice(e.name, e.name) for e in checker_for(a).factbase.registry.entities.values()]
    if not form.validate_on_submit():
        flash(_errors(form), "error")
        return redirect(url_for("teacher.assignment", assignment_id=a.id, _anchor="aliases"))
    overrides = a.overrides
    aliases = overrides.setdefault("aliases", {})
    new = [f.strip() for f in form.forms.data.split(",") if f.strip()]
    aliases[form.entity.data] = sorted(set(aliases.get(form.entity.data, [])) | set(new))
    a.overrides = overrides
    db.session.commit()
    flash(f"Added {', '.join(new)} as other forms of {form.entity.data}.")
    return redirect(url_for("teacher.assignment", assignment_id=a.id, _anchor="aliases"))


@bp.route("/assignments/<int:assignment_id>/settings", methods=("GET", "POST"))
def settings(assignment_id: int):
    a = _owned(Assignment, assignment_id)
    form = SettingsForm(obj=None)
    default = library().settings.default_rubric_path.read_text("utf-8")
    if request.method == "GET":
        form.title.data, form.mode.data = a.title, a.mode
        form.date_order.data = "day-first" if a.day_first else "month-first"
        form.rubric.data = a.rubric_toml or default
    if not form.validate_on_submit():
        return render_template("teacher/settings.html", a=a, form=form), 422 if form.is_submitted() else 200
    a.title, a.mode = form.title.data, form.mode.data
    a.day_first = form.date_order.data == "day-first"
    a.rubric_toml = None if form.rubric.data.strip() == default.strip() else form.rubric.data
    a.version += 1
    db.session.commit()
    flash("Settings saved; new checks use them.")
    return redirect(url_for("teacher.assignment", assignment_id=a.id))


# -- batches ----------------------------------------------------------------------------------

@bp.post("/assignments/<int:assignment_id>/batches")
def upload_batch(assignment_id: int):
    a = _owned(Assignment, assignment_id)
    form = UploadForm()
    files = _chosen(form.files)
    if not form.validate_on_submit() or not files:
        flash(_errors(form) or "Choose the essay files to upload.", "error")
        return redirect(url_for("teacher.assignment", assignment_id=a.id, _anchor="upload")), 303
    try:
        essays, problems = _read(files)
    except UploadRefused as exc:
        flash(f"Nothing was uploaded: {exc}", "error")
        return redirect(url_for("teacher.assignment", assignment_id=a.id, _anchor="upload")), 303
    batch = Batch(assignment=a, name=form.name.data,
                  problems_json=json.dumps([{"filename": p.filename, "reason": p.reason} for p in problems]))
    batch.essays = [Essay(student=e.student, filename=e.filename, text=e.text) for e in essays]
    db.session.add(batch)
    db.session.commit()
    if current_app.extensions.get("celery") is not None:
        from ..tasks import enqueue

        enqueue(current_app._get_current_object(), [e.id for e in batch.essays])
    flash(f"{len(essays)} essay(s) queued for marking" + (f"; {len(problems)} could not be read" if problems else ""))
    return redirect(url_for("teacher.batch", batch_id=batch.id))


SORTS = ("student", "status", "total")


@bp.get("/batches/<int:batch_id>")
def batch(batch_id: int):
    b = _owned(Batch, batch_id)
    criteria = _criteria(b)
    sort = request.args.get("sort", "student")
    descending = request.args.get("dir") == "desc"
    rows = [(e, e.scores()) for e in b.essays]
    if sort in criteria or sort == "total":
        rows.sort(key=lambda r: (r[1].get(sort) is None, r[1].get(sort) or 0), reverse=descending)
    elif sort == "status":
        rows.sort(key=lambda r: r[0].status, reverse=descending)
    else:
        rows.sort(key=lambda r: r[0].student.lower(), reverse=descending)
    return render_template("teacher/batch.html", b=b, rows=rows, criteria=criteria, sort=sort,
                           descending=descending, progress=_progress(b), release=ReleaseForm())


@bp.get("/batches/<int:batch_id>/progress.json")
def batch_progress(batch_id: int):
    return jsonify(_progress(_owned(Batch, batch_id)))


def _progress(b: Batch) -> dict:
    counts = {s: 0 for s in (QUEUED, RUNNING, DONE, FAILED)}
    for e in b.essays:
        counts[e.status] += 1
    total = len(b.essays)
    finished = counts[DONE] + counts[FAILED]
    return {"total": total, "done": counts[DONE], "failed": counts[FAILED], "waiting": total - finished,
            "finished": finished, "complete": finished == total}


def _criteria(b: Batch) -> list[str]:
    for e in b.essays:
        r = e.report
        if r:
            return [c["name"] for c in r["rubric"]["criteria"]]
    return []


@bp.post("/batches/<int:batch_id>/release")
def release(batch_id: int):
    b = _owned(Batch, batch_id)
    if not ReleaseForm().validate_on_submit():
        abort(400)
    b.released = not b.released
    db.session.commit()
    flash("Feedback released: students can open their links." if b.released else "Feedback withdrawn.")
    return redirect(url_for("teacher.batch", batch_id=b.id))


@bp.get("/batches/<int:batch_id>/export.csv")
def export(batch_id: int):
    b = _owned(Batch, batch_id)
    criteria = _criteria(b)
    out = io.StringIO()
    w = spreadsheet.writer(out)
    w.writerow(["student", "file", "status", *criteria, "total", "max", "overridden", "comment", "link"])
    for e in sorted(b.essays, key=lambda e: e.student.lower()):
        s = e.scores()
        w.writerow([e.student, e.filename or "", e.status, *[_num(s.get(c)) for c in criteria], _num(s.get("total")),
                    _num(s.get("max")), "yes" if e.score_overrides else "no", e.comment or "",
                    url_for("released", code=e.access_code, _external=True)])
    return _csv(out.getvalue(), f"{b.name}-marks.csv")


@bp.get("/batches/<int:batch_id>/report")
def class_report(batch_id: int):
    b = _owned(Batch, batch_id)
    data = reports.class_report(b)
    return render_template("teacher/report.html", b=b, data=data, chart=reports.chart_svg(data))


@bp.get("/batches/<int:batch_id>/report.csv")
def class_report_csv(batch_id: int):
    b = _owned(Batch, batch_id)
    data = reports.class_report(b)
    out = io.StringIO()
    w = spreadsheet.writer(out)
    w.writerow(["fact", "summary", "contradicted", "missed", "common wrong values"])
    for row in data["facts"]:
        w.writerow([row["id"], row["summary"], row["contradicted"], row["missed"],
                    "; ".join(f"{v} ({n})" for v, n in row["wrong_values"])])
    return _csv(out.getvalue(), f"{b.name}-class-report.csv")


def _csv(text: str, filename: str) -> Response:
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in filename)
    return Response(text, mimetype="text/csv", headers={"Content-Disposition": f'attachment; filename="{safe}"'})


def _num(v) -> str:
    if v is None:
        return ""
    return f"{v:g}" if isinstance(v, float) else str(v)


# -- one essay -------------------------------------------------------------------------------

@bp.route("/essays/<int:essay_id>", methods=("GET", "POST"))
def essay(essay_id: int):
    e = _owned(Essay, essay_id)
    report = e.report
    marks = _marks_form(e)
    if request.method == "POST":
        if report is None:
            abort(409)
        if marks.validate_on_submit():
            _save_marks(e, marks)
            flash("Marks saved.")
            return redirect(url_for("teacher.essay", essay_id=e.id))
    view = drawing = None
    if report is not None:
        view = feedback.build(report, e.text)
        drawing = timeline.svg(report["timeline"], reveal=True)
    status = 422 if request.method == "POST" else 200
    return render_template("teacher/essay.html", e=e, report=report, view=view, timeline_svg=drawing,
                           mode="reveal", marks=marks, scores=e.scores()), status


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
    form.criteria = criteria
    return form


def _save_marks(e: Essay, form: MarksForm) -> None:
    """Store the teacher's scores and comment, keeping who changed what and when."""
    over = e.score_overrides
    for c in form.criteria:
        value = getattr(form, f"score_{c['name']}").data
        new = float(value) if value is not None else None
        if new != over.get(c["name"]):
            db.session.add(Change(essay=e, teacher_id=current_user.id, field=c["name"],
                                  old=_num(over.get(c["name"])) or None, new=_num(new) or None))
            if new is None:
                over.pop(c["name"], None)
            else:
                over[c["name"]] = new
    e.overrides_json = json.dumps(over)
    comment = (form.comment.data or "").strip() or None
    if comment != e.comment:
        db.session.add(Change(essay=e, teacher_id=current_user.id, field="comment", old=e.comment, new=comment))
        e.comment = comment
    db.session.commit()


def init_public(app) -> None:
    """The students' links to released feedback: /r/<code>, no login, only once released."""

    @app.get("/r/<code>")
    def released(code: str):
        e = db.session.scalar(select(Essay).where(Essay.access_code == code))
        if e is None or not e.batch.released or e.report is None:
            abort(404)
        mode = e.batch.assignment.mode
        report = feedback.as_mode(e.report, mode)
        view = feedback.build(report, e.text)
        drawing = timeline.svg(report["timeline"], reveal=mode == "reveal")
        current_app.logger.info("released feedback opened for essay %s", e.id)
        return render_template("teacher/released.html", e=e, report=report, view=view, timeline_svg=drawing,
                               mode=mode, scores=e.scores())
