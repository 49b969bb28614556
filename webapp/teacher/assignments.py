"""Assignments: the dashboard, a new assignment from a pack or uploaded sources, settings, publishing."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from essaycheck.errors import EssaycheckError
from essaycheck.findings import mode_name
from essaycheck.pack import load_pack

from .. import classes
from ..db import db
from ..library import library
from ..models import Assignment, Source
from ..uploads import UploadRefused
from ..workspace import checker_for
from .common import bp, chosen, owned, read_files
from .forms import ActionForm, NewAssignmentForm, SettingsForm


def unique_names(essays) -> list[str]:
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
    a = Assignment(teacher_id=current_user.id, title=form.title.data, mode=mode_name(form.mode.data),
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
            essays, problems = read_files(chosen(form.sources))
            if problems:
                form.sources.errors.extend(f"{p.filename}: {p.reason}" for p in problems)
                return render_template("teacher/assignment_new.html", form=form), 422
            a.sources = [Source(name=n, text=e.text) for n, e in zip(unique_names(essays), essays)]
        checker_for(a)  # build it now: a broken source set fails here, not in a student's face
    except (UploadRefused, EssaycheckError) as exc:
        db.session.rollback()
        form.sources.errors.append(str(exc))
        return render_template("teacher/assignment_new.html", form=form), 422
    db.session.add(a)
    db.session.commit()
    flash("Assignment created. Review its facts below: correct dates, mark key facts, settle conflicts.")
    return redirect(url_for("teacher.assignment", assignment_id=a.id))


@bp.route("/assignments/<int:assignment_id>/settings", methods=("GET", "POST"))
def settings(assignment_id: int):
    a = owned(Assignment, assignment_id)
    form = SettingsForm()
    if request.method == "GET":
        form.title.data, form.mode.data = a.title, a.level
        form.date_order.data = "day-first" if a.day_first else "month-first"
    if not form.validate_on_submit():
        return render_template("teacher/settings.html", a=a, form=form), 422 if form.is_submitted() else 200
    a.title, a.mode = form.title.data, form.mode.data
    a.day_first = form.date_order.data == "day-first"
    a.version += 1
    db.session.commit()
    flash("Settings saved; new checks use them.")
    return redirect(url_for("teacher.assignment", assignment_id=a.id))


@bp.post("/assignments/<int:assignment_id>/publish")
def publish(assignment_id: int):
    """Open the assignment to students by its class code, or close it again."""
    a = owned(Assignment, assignment_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    if a.published:
        a.published = False
        flash("Closed: the class code and link no longer open this assignment.")
    else:
        a.class_code = a.class_code or classes.new_code()
        a.published = True
        flash(f"Published: students can check their essays with the class code {a.class_code}.")
    db.session.commit()
    return redirect(url_for("teacher.assignment", assignment_id=a.id, _anchor="publish"))
