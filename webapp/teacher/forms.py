"""Forms of the teacher workspace: one per screen, validators declared on the fields."""
from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from wtforms import BooleanField, DecimalField, Form, HiddenField, RadioField, SelectField, StringField, \
    SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp, ValidationError

from essaycheck.findings import mode_name

MODES = [SelectChoice("flag", "Flag: say which claims to check and what kind of thing is wrong"),
         SelectChoice("point", "Point: also say which source and paragraph to reread (no answer)"),
         SelectChoice("reveal", "Reveal: say what the sources say, with the source sentence")]
ORDERS = [SelectChoice("day-first", "Day first (05/11/1605 is 5 November)"),
          SelectChoice("month-first", "Month first (05/11/1605 is 11 May)")]
DISMISS_REASONS = [SelectChoice("sources-slip", "The sources are wrong or unclear here"),
                   SelectChoice("claim-right", "The student's claim is right"),
                   SelectChoice("not-a-claim", "This is not a claim about the sources"),
                   SelectChoice("other", "Another reason (say below)")]


class NewAssignmentForm(FlaskForm):
    title = StringField("Title", validators=[DataRequired(message="Give the assignment a title."), Length(max=200)])
    pack = SelectField("Start from a ready-made assignment", validators=[Optional()])
    sources = MultipleFileField("…or upload its source documents (.txt, .docx or .pdf)")
    mode = RadioField("Feedback for students", choices=MODES, default="point", validate_choice=False)
    date_order = SelectField("Dates like 05/11/1605", choices=ORDERS, default="day-first")
    submit = SubmitField("Create the assignment")

    def validate_mode(self, field) -> None:
        _level(field)

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        uploaded = [f for f in (self.sources.data or []) if getattr(f, "filename", "")]
        if ok and not self.pack.data and not uploaded:
            self.sources.errors.append("Upload at least one source document, or choose a ready-made assignment.")
            return False
        return ok


class SettingsForm(FlaskForm):
    title = StringField("Title", validators=[DataRequired(message="Give the assignment a title."), Length(max=200)])
    mode = RadioField("Feedback for students", choices=MODES, validate_choice=False)
    date_order = SelectField("Dates like 05/11/1605", choices=ORDERS)
    submit = SubmitField("Save settings")

    def validate_mode(self, field) -> None:
        _level(field)


def _level(field) -> None:
    """Accept the three levels, and "hint" (the old name of point), stored as the level's name."""
    level = mode_name(field.data or "")
    if level not in {c.value for c in MODES}:
        raise ValidationError("Choose flag, point or reveal.")
    field.data = level


class FactForm(Form):
    """Corrections to one fact: one of many in the fact-base form, prefixed by the fact's id."""

    shown = HiddenField(default="1")  # the fact was on the page: an unticked box means "no", not "not sent"
    date = StringField("Correct date", validators=[Optional(), Regexp(
        r"^\d{4}(-\d{2}){0,2}$|^\d{3}X$", message="Use YYYY-MM-DD, YYYY-MM or YYYY (or 187X for a decade).")])
    key = BooleanField("Key fact")
    drop = BooleanField("Drop")
    prefer = SelectField("Trust", validators=[Optional()], validate_choice=False)


class FactsForm(FlaskForm):
    """The fact base as one form: every fact's corrections saved together."""

    submit = SubmitField("Save all changes")


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


class DismissForm(FlaskForm):
    reason = SelectField("Why", choices=DISMISS_REASONS)
    note = StringField("Note (optional)", validators=[Length(max=300)])
    submit = SubmitField("Dismiss this flag")

    def validate_note(self, field) -> None:
        if self.reason.data == "other" and not (field.data or "").strip():
            raise ValidationError("Say why you dismiss it.")


class CommentForm(FlaskForm):
    sentence = SelectField("Sentence", validators=[DataRequired(message="Choose a sentence.")])
    text = TextAreaField("Comment", validators=[DataRequired(message="Write the comment."), Length(max=2000)])
    submit = SubmitField("Add the comment")


class ActionForm(FlaskForm):
    """A button that changes something: only its CSRF token to check."""

    submit = SubmitField("Go")


ReleaseForm = ActionForm
