"""An assignment's rubric: edited in a form; imported and exported as TOML."""
from __future__ import annotations

import tomllib

import tomli_w
from flask import Response, flash, redirect, render_template, url_for

from essaycheck.errors import PackError

from ..db import db
from ..library import library
from ..models import Assignment
from ..workspace import parse_rubric
from .common import bp, owned
from .rubric_form import ImportForm, RubricForm, from_form, to_form_data


def _data(a: Assignment) -> dict:
    """The assignment's rubric as data (its own, or the default)."""
    return tomllib.loads(a.rubric_toml or library().settings.default_rubric_path.read_text("utf-8"))


def _same(data: dict) -> dict:
    """A rubric's data with its lists of kinds in one order, to compare two rubrics by meaning."""
    return {**data, "criterion": [{k: sorted(v) if k in ("kinds", "checked_kinds") else v for k, v in c.items()}
                                  for c in data.get("criterion", [])]}


def _store(a: Assignment, toml_text: str) -> None:
    """Keep the rubric (None when it is the default's data), and make later checks use it."""
    default = tomllib.loads(library().settings.default_rubric_path.read_text("utf-8"))
    a.rubric_toml = None if _same(tomllib.loads(toml_text)) == _same(default) else toml_text
    a.version += 1
    db.session.commit()


def _page(a: Assignment, form: RubricForm, importer: ImportForm, problems: list[str], status: int = 200):
    return render_template("teacher/rubric.html", a=a, form=form, importer=importer, problems=problems), status


@bp.route("/assignments/<int:assignment_id>/rubric", methods=("GET", "POST"))
def rubric(assignment_id: int):
    a = owned(Assignment, assignment_id)
    if not RubricForm().is_submitted():
        return _page(a, RubricForm(data=to_form_data(_data(a))), ImportForm(formdata=None), [])
    form = RubricForm()
    if not form.validate_on_submit():
        return _page(a, form, ImportForm(formdata=None), ["Nothing was saved: correct the fields marked below."], 422)
    data = from_form(form, keep=_data(a))
    text = tomli_w.dumps(data)
    try:
        parse_rubric(text)
    except PackError as exc:
        return _page(a, form, ImportForm(formdata=None), [f"Nothing was saved: {exc}"], 422)
    _store(a, text)
    flash("Rubric saved; new checks use it. To mark a batch again with it, open the batch and choose Re-mark.")
    return redirect(url_for("teacher.rubric", assignment_id=a.id))


@bp.post("/assignments/<int:assignment_id>/rubric/import")
def import_rubric(assignment_id: int):
    a = owned(Assignment, assignment_id)
    importer = ImportForm()
    page_form = RubricForm(formdata=None, data=to_form_data(_data(a)))
    if not importer.validate_on_submit():
        return _page(a, page_form, importer, ["Nothing was imported: " + "; ".join(
            e for errs in importer.errors.values() for e in errs)], 422)
    text = importer.toml.data or ""
    upload = importer.file.data
    if upload is not None and getattr(upload, "filename", ""):
        raw = upload.read(50_001)
        try:
            text = raw.decode("utf-8") if len(raw) <= 50_000 else ""
        except UnicodeDecodeError:
            text = ""
        if not text:
            importer.file.errors = ["The file is not a UTF-8 text file of at most 50,000 characters."]
            return _page(a, page_form, importer, ["Nothing was imported."], 422)
    if not text.strip():
        importer.toml.errors = ["Paste a rubric, or choose a .toml file."]
        return _page(a, page_form, importer, ["Nothing was imported."], 422)
    try:
        parse_rubric(text)
    except PackError as exc:
        importer.toml.errors = [str(exc)]
        return _page(a, page_form, importer, [f"Nothing was imported: {exc}"], 422)
    _store(a, text)
    flash("Rubric imported; new checks use it.")
    return redirect(url_for("teacher.rubric", assignment_id=a.id))


@bp.get("/assignments/<int:assignment_id>/rubric.toml")
def export_rubric(assignment_id: int):
    a = owned(Assignment, assignment_id)
    text = a.rubric_toml or library().settings.default_rubric_path.read_text("utf-8")
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in a.title)[:60] or "rubric"
    return Response(text, mimetype="application/toml",
                    headers={"Content-Disposition": f'attachment; filename="{safe}-rubric.toml"'})
