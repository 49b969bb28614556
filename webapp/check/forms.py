"""The check form: one assignment, and an essay pasted or uploaded."""
from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField
from wtforms import HiddenField, RadioField, SelectField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Optional

from ..uploads import ESSAY_TYPES

LEVELS = [SelectChoice("flag", "Flag: tell me which claims to check"),
          SelectChoice("point", "Point: and where in the sources to reread"),
          SelectChoice("reveal", "Reveal: show me what the sources say")]


class EssayForm(FlaskForm):
    """An essay pasted (a subclass's ``essay`` field) or uploaded: one of the two must be given."""

    upload = FileField("…or upload a file (.txt, .docx or .pdf)",
                       validators=[FileAllowed([t.lstrip(".") for t in ESSAY_TYPES],
                                               "This file type cannot be checked: use .txt, .docx or .pdf.")])
    previous = HiddenField()  # the previous draft's problems (drafts.py), carried by the browser

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if ok and not (self.essay.data or "").strip() and not self.upload.data:
            self.essay.errors.append("Your essay is empty: paste it here or upload a file.")
            return False
        return ok


class CheckForm(EssayForm):
    assignment = SelectField("Assignment", validators=[DataRequired(message="Choose an assignment.")])
    essay = TextAreaField("Paste your essay", validators=[Optional()])
    mode = RadioField("Feedback", choices=LEVELS, default="point", validate_choice=False)
    submit = SubmitField("Check my essay")

    def __init__(self, *args, max_chars: int = 60_000, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_chars = max_chars  # shown as a hint; the core says when an essay is over it
