"""The rubric as a form: criteria, weights, bands, descriptors and feedback in fields, TOML for
import and export. What the form holds and the rubric's data (the shape of rubric/default.toml)
convert both ways, so a rubric saved from the form reads back the same.

Bands are tried from the strictest condition down (the lowest "at most" first, the highest
"at least" first, a band without a condition last), so a teacher adds a band anywhere and it
lands in its place.
"""
from __future__ import annotations

from decimal import Decimal

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, DecimalField, FieldList, Form, FormField, IntegerField, SelectField, \
    SelectMultipleField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from essaycheck.rubric import KINDS

KIND_LABELS = {"date": "Dates", "entity": "People and places", "number": "Numbers", "order": "Order of events",
               "relative_date": "Relative dates (\u201csix days later\u201d)", "other": "Other claims"}
MEASURES = [SelectChoice("contradicted", "Claims that contradict the sources (a count)"),
            SelectChoice("coverage", "Key facts covered (a share from 0 to 1)")]


class CheckboxesField(SelectMultipleField):
    """Several choices as a list of checkboxes (WTForms' documented recipe)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class BandForm(Form):
    at_most = DecimalField("Applies when the count is at most", validators=[Optional(), NumberRange(0)])
    at_least = DecimalField("Applies when the share is at least", validators=[Optional(), NumberRange(0, 1)])
    score = DecimalField("Score", validators=[Optional(), NumberRange(0, 1000)])
    level = StringField("Level", validators=[Optional(), Length(max=120)])
    descriptor = TextAreaField("What this level means", validators=[Optional(), Length(max=1000)])
    feedback = TextAreaField("Feedback to the student", validators=[Optional(), Length(max=2000)])
    remove = BooleanField("Remove this band")

    def blank(self) -> bool:
        return (self.score.data is None and not (self.level.data or "").strip()
                and not (self.descriptor.data or "").strip() and not (self.feedback.data or "").strip())

    def validate(self, extra_validators=None) -> bool:
        # Here, not in validate_score: Optional() ends a field's checks when it is empty.
        ok = super().validate(extra_validators)
        if self.remove.data or self.blank():
            return ok
        if self.score.data is None and not self.score.errors:
            self.score.errors = [*self.score.errors, "Give this band a score."]
            ok = False
        if not (self.level.data or "").strip():
            self.level.errors = [*self.level.errors, "Name this band's level."]
            ok = False
        return ok


class TooFewForm(Form):
    score = DecimalField("Score", validators=[Optional(), NumberRange(0, 1000)])
    level = StringField("Level", validators=[Optional(), Length(max=120)])
    descriptor = TextAreaField("What this level means", validators=[Optional(), Length(max=1000)])
    feedback = TextAreaField("Feedback to the student", validators=[Optional(), Length(max=2000)])


class CriterionForm(Form):
    name = StringField("Name (in exports)", validators=[
        DataRequired(message="Give the criterion a name."), Length(max=40),
        Regexp(r"^[a-z][a-z0-9_-]*$", message="Small letters, digits, - and _ only, starting with a letter.")])
    title = StringField("Title", validators=[DataRequired(message="Give the criterion a title."), Length(max=80)])
    measure = SelectField("Measures", choices=MEASURES)
    kinds = CheckboxesField("Counts these kinds of finding", choices=[SelectChoice(k, KIND_LABELS[k]) for k in KINDS])
    checked_kinds = CheckboxesField("Claims that show there is enough to judge (none ticked: the kinds above)",
                                    choices=[SelectChoice(k, KIND_LABELS[k]) for k in KINDS])
    min_checked = IntegerField("Fewest checked claims needed to judge", validators=[Optional(), NumberRange(0, 1000)])
    weight = DecimalField("Weight", validators=[DataRequired(message="Give a weight."), NumberRange(0, 100)])
    max = DecimalField("Highest score", validators=[DataRequired(message="Give the highest score."),
                                                    NumberRange(0, 1000)])
    too_few = FormField(TooFewForm, "Band when too few claims could be checked")
    bands = FieldList(FormField(BandForm))
    remove = BooleanField("Remove this criterion")

    def validate_kinds(self, field) -> None:
        if self.measure.data == "contradicted" and not field.data and not self.remove.data:
            raise ValidationError("Tick the kinds of finding this criterion counts.")


class RubricForm(FlaskForm):
    title = StringField("Rubric title", validators=[Optional(), Length(max=200)])
    criteria = FieldList(FormField(CriterionForm))
    submit = SubmitField("Save the rubric")


class ImportForm(FlaskForm):
    toml = TextAreaField("Paste a rubric in TOML", validators=[Optional(), Length(max=50_000)])
    file = FileField("…or upload a .toml file")
    submit_import = SubmitField("Import this rubric")


def to_form_data(data: dict, spare_bands: int = 1) -> dict:
    """A rubric's data as the form's data, with ``spare_bands`` empty bands per criterion to add to."""
    criteria = []
    for c in data.get("criterion", []):
        t = c.get("too_few") or {}
        criteria.append({
            "name": c.get("name", ""), "title": c.get("title", c.get("name", "").title()),
            "measure": c.get("measure", "contradicted"), "kinds": list(c.get("kinds", [])),
            "checked_kinds": list(c.get("checked_kinds", [])), "min_checked": c.get("min_checked"),
            "weight": c.get("weight", 1), "max": c.get("max", max((b.get("score", 0) for b in c.get("band", [])),
                                                                   default=0)),
            "too_few": {k: t.get(k) for k in ("score", "level", "descriptor", "feedback")},
            "bands": [{k: b.get(k) for k in ("at_most", "at_least", "score", "level", "descriptor", "feedback")}
                      for b in c.get("band", [])] + [{} for _ in range(spare_bands)],
        })
    return {"title": data.get("title", ""), "criteria": criteria}


def from_form(form: RubricForm, keep: dict | None = None) -> dict:
    """The rubric's data from a validated form; top-level keys the form does not edit are kept from ``keep``."""
    data = {k: v for k, v in (keep or {}).items() if k not in ("title", "criterion")}
    if (form.title.data or "").strip():
        data["title"] = form.title.data.strip()
    criteria = []
    for entry in form.criteria:
        c = entry.form
        if c.remove.data:
            continue
        out = {"name": c["name"].data.strip(), "title": c.title.data.strip(), "measure": c.measure.data,
               "weight": _num(c.weight.data), "max": _num(c["max"].data)}
        if c.measure.data == "contradicted":
            out["kinds"] = [k for k in KINDS if k in (c.kinds.data or [])]
            if c.checked_kinds.data:
                out["checked_kinds"] = [k for k in KINDS if k in c.checked_kinds.data]
            if c.min_checked.data:
                out["min_checked"] = int(c.min_checked.data)
            t = c.too_few.form
            if (t.level.data or "").strip():
                out["too_few"] = {"score": _num(t.score.data or 0), "level": t.level.data.strip(),
                                  "descriptor": (t.descriptor.data or "").strip(),
                                  "feedback": (t.feedback.data or "").strip()}
        bands = []
        for b in (e.form for e in c.bands):
            if b.remove.data or b.blank():
                continue
            band = {k: _num(getattr(b, k).data) for k in ("at_most", "at_least") if getattr(b, k).data is not None}
            band.update(score=_num(b.score.data), level=b.level.data.strip(),
                        descriptor=(b.descriptor.data or "").strip(), feedback=(b.feedback.data or "").strip())
            bands.append(band)
        out["band"] = sorted(bands, key=_strictness)
        criteria.append(out)
    data["criterion"] = criteria
    return data


def _strictness(band: dict) -> tuple:
    if "at_most" in band:
        return (0, band["at_most"])
    if "at_least" in band:
        return (1, -band["at_least"])
    return (2, 0)


def _num(value) -> int | float:
    if value is None:
        return 0
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)
