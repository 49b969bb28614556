"""An assignment's page and its fact base: facts reviewed and corrected in one form, names, dropped facts."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict
from wtforms.fields.choices import SelectChoice

from ..db import db
from ..models import Assignment
from ..wording import date_in_words
from ..workspace import checker_for
from .common import bp, errors_of, owned
from .forms import ActionForm, AliasForm, FactForm, FactsForm, UploadForm


def _fact_forms(fb, formdata: MultiDict | None) -> dict:
    """One FactForm per fact, prefixed by its id; filled from the fact base, or from a posted form."""
    forms = {}
    for f in fb.facts:
        form = FactForm(formdata=formdata, prefix=f.id)
        if formdata is None:
            form.date.data = f.date.value if f.date and f.date_override is not None else ""
            form.key.data = f.key
        form.prefer.choices = [SelectChoice("", "(either)")] + [
            SelectChoice(r.source, _title(fb, r.source)) for r in f.readings]
        forms[f.id] = form
    return forms


def _title(fb, source: str) -> str:
    s = fb.sources.get(source)
    return s.title if s is not None else source


def _facts_view(fb) -> list[dict]:
    """What the review shows of each fact: names (never ids), sources by title, the date in words."""
    out = []
    for f in fb.facts:
        out.append({
            "id": f.id, "text": f.text, "key": f.key, "fact": f,
            "date": date_in_words(f.date.value) if f.date else None, "corrected": f.date_override is not None,
            "names": sorted({fb.registry.name(i) for i in f.entity_ids}),
            "sources": list(dict.fromkeys(_title(fb, e.source) for e in f.evidence)),
            "conflicts": [{"field": c["field"], "resolved": c.get("resolved"),
                           "readings": [{"source": _title(fb, r["source"]), "text": r["text"]}
                                        for r in c["readings"]]} for c in f.conflicts],
        })
    return out


def _page(a: Assignment, forms: dict | None = None, facts_form: FactsForm | None = None, status: int = 200):
    fb = checker_for(a).factbase
    forms = forms if forms is not None else _fact_forms(fb, None)
    alias_form = AliasForm()
    alias_form.entity.choices = [SelectChoice(e.name, e.name) for e in sorted(
        fb.registry.entities.values(), key=lambda e: e.name) if e.origin != "gazetteer"]
    dropped = [o for o in a.overrides.get("fact", []) if o.get("drop")]
    errors = [(fid, name, msg) for fid, form in forms.items() for name, msgs in form.errors.items() for msg in msgs]
    return render_template("teacher/assignment.html", a=a, fb=fb, facts=_facts_view(fb), forms=forms,
                           facts_form=facts_form or FactsForm(), fact_errors=errors, alias_form=alias_form,
                           dropped=dropped, upload=UploadForm(), action=ActionForm(),
                           sources=[(s.name, _title(fb, s.name)) for s in a.sources]), status


@bp.get("/assignments/<int:assignment_id>")
def assignment(assignment_id: int):
    return _page(owned(Assignment, assignment_id))


@bp.post("/assignments/<int:assignment_id>/facts")
def save_facts(assignment_id: int):
    """Save every fact's corrections at once; with any error, save nothing and show it beside its field."""
    a = owned(Assignment, assignment_id)
    facts_form = FactsForm()
    if not facts_form.validate_on_submit():
        abort(400)
    fb = checker_for(a).factbase
    forms = _fact_forms(fb, request.form)
    shown = {fid: form for fid, form in forms.items() if form.shown.data}
    if not all(form.validate() for form in shown.values()):
        flash("Nothing was saved: correct the fields marked below.", "error")
        return _page(a, forms, facts_form, 422)
    overrides = a.overrides
    entries = {o["id"]: o for o in overrides.get("fact", []) if o.get("id")}
    changed = 0
    for fid, form in shown.items():
        fact = fb.get(fid)
        old = entries.get(fid, {"id": fid})
        entry = {k: v for k, v in old.items() if k not in ("date", "key", "drop", "prefer", "text")}
        if form.date.data:
            entry["date"] = form.date.data
        if form.key.data != fact.key or "key" in old:
            entry["key"] = form.key.data
        if form.drop.data:
            entry.update(drop=True, text=fact.text[:300])  # the text: a dropped fact is listed by it, not its id
        if form.prefer.data and form.prefer.data in {r.source for r in fact.readings}:
            entry["prefer"] = form.prefer.data
        if entry != old:
            changed += 1
        if len(entry) > 1:
            entries[fid] = entry
        else:
            entries.pop(fid, None)
    if changed:
        overrides["fact"] = list(entries.values())
        a.overrides = overrides
        db.session.commit()
        flash(f"Saved {changed} change{'s' if changed != 1 else ''} to the fact base; new checks use "
              f"{'them' if changed != 1 else 'it'}. To mark a batch again, open it and choose Re-mark.")
    else:
        flash("Nothing had changed.")
    return redirect(url_for("teacher.assignment", assignment_id=a.id, _anchor="facts-title"))


@bp.post("/assignments/<int:assignment_id>/facts/<fact_id>/restore")
def restore_fact(assignment_id: int, fact_id: str):
    a = owned(Assignment, assignment_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    overrides = a.overrides
    overrides["fact"] = [{k: v for k, v in o.items() if k not in ("drop", "text")} if o.get("id") == fact_id else o
                         for o in overrides.get("fact", [])]
    overrides["fact"] = [o for o in overrides["fact"] if len(o) > 1]
    a.overrides = overrides
    db.session.commit()
    flash("Fact restored.")
    return redirect(url_for("teacher.assignment", assignment_id=a.id, _anchor=fact_id))


@bp.post("/assignments/<int:assignment_id>/aliases")
def add_alias(assignment_id: int):
    a = owned(Assignment, assignment_id)
    form = AliasForm()
    form.entity.choices = [SelectChoice(e.name, e.name) for e in checker_for(a).factbase.registry.entities.values()]
    if not form.validate_on_submit():
        flash(errors_of(form), "error")
        return redirect(url_for("teacher.assignment", assignment_id=a.id, _anchor="aliases"))
    overrides = a.overrides
    aliases = overrides.setdefault("aliases", {})
    new = [f.strip() for f in form.forms.data.split(",") if f.strip()]
    aliases[form.entity.data] = sorted(set(aliases.get(form.entity.data, [])) | set(new))
    a.overrides = overrides
    db.session.commit()
    flash(f"Added {', '.join(new)} as other forms of {form.entity.data}.")
    return redirect(url_for("teacher.assignment", assignment_id=a.id, _anchor="aliases"))
