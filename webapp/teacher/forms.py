"""Forms of the teacher workspace: one per screen, validators declared on the fields."""
from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from wtforms import BooleanField, DecimalField, RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp, ValidationError

MODES = [SelectChoice("hint", "Hints: point students to the sources"),
         SelectChoice("reveal", "Reveal: say what the sources say")]
ORDERS = [SelectChoice("day-first", "Day first (05/11/1605 is 5 November)"),
          SelectChoice("month-first", "Month first (05/11/1605 is 11 May)")]


class NewAssignmentForm(FlaskForm):
    title = StringField("Title", validators=[DataRequired(message="Give the assignment a title."), Length(max=200)])
    pack = SelectField("Start from a ready-made assignment", validators=[Optional()])
    sources = MultipleFileField("…or upload its source documents (.txt, .docx or .pdf)")
    mode = RadioField("Feedback for students", choices=MODES, default="hint")
    date_order = SelectField("Dates like 05/11/1605", choices=ORDERS, default="day-first")
    submit = SubmitField("Create the assignment")

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        uploaded = [f for f in (self.sources.data or []) if getattr(f, "filename", "")]
        if ok and not self.pack.data and not uploaded:
            self.sources.errors.append("Upload at least one source document, or choose a ready-made assignment.")
            return False
        return ok


class SettingsForm(FlaskForm):
    title = StringField("Title", validators=[DataRequired(message="Give the assignment a title."), Length(max=200)])
    mode = RadioField("Feedback for students", choices=MODES)
    date_order = SelectField("Dates like 05/11/1605", choices=ORDERS)
    rubric = TextAreaField("Rubric (TOML: criteria, weights, bands, descriptors, feedback)",
                           validators=[Length(max=50_000)])
    submit = SubmitField("Save settings")

    def validate_rubric(self, field) -> None:
        from essaycheck.errors import PackError

        from ..workspace import parse_rubric

        try:
            parse_rubric(field.data)
        except PackError as exc:
            raise ValidationError(str(exc)) from None


class FactForm(FlaskForm):
    """Corrections to one fact; rendered once per fact with the fact's id as prefix."""

    date = StringField("Date", validators=[Optional(), Regexp(r"^\d{4}(-\d{2}){0,2}$|^\d{3}X$",
                                                              message="Use YYYY-MM-DD, YYYY-MM or YYYY.")])
    key = BooleanField("Key fact")
    drop = BooleanField("Drop this fact")
    prefer = SelectField("Trust which source", validators=[Optional()])
    submit = SubmitField("Save")


class AliasForm(FlaskForm):
    entity = SelectField("Name", validators=[DataRequired()])
    forms = StringField("Other ways to write it (comma-separated)",
                        validators=[DataRequired(message="Add at least one other form."), Length(max=500)])
    submit = SubmitField("Add")


class UploadForm(FlaskForm):
    name = StringField("Batch name", validators=[DataRequired(message="Name the batch, e.g. the class."),
                                                 Length(max=200)])
    files = MultipleFileField("Essays: several files, a .zip of them, or a .csv with one essay per row")
    submit = SubmitField("Upload and mark")


class MarksForm(FlaskForm):
    comment = TextAreaField("Comment for the student", validators=[Optional(), Length(max=5000)])
    submit = SubmitField("Save marks")


def criterion_field(label: str, maximum: float) -> DecimalField:
    return DecimalField(label, places=1, validators=[Optional(), NumberRange(0, maximum,
                                                                            message=f"Between 0 and {maximum:g}.")])


class ReleaseForm(FlaskForm):
    submit = SubmitField("Release")
