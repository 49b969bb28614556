"""The forms of the LTI pages: choosing an assignment for a course activity, and a student's work."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import Length, Optional

from ..check.forms import EssayForm

NEW = "new"


class PickForm(FlaskForm):
    assignment = RadioField("Which essaycheck assignment should this activity open?", validate_choice=True)
    title = StringField("Title of the new assignment", validators=[Optional(), Length(max=200)])
    pack = SelectField("Ready-made assignment to start from", validators=[Optional()])
    submit = SubmitField("Add this assignment to the course")

    def validate(self, extra_validators=None) -> bool:
        if not self.assignment.data:
            self.assignment.errors = ["Choose an assignment, or a new one."]
            super().validate(extra_validators)
            return False
        ok = super().validate(extra_validators)
        if ok and self.assignment.data == NEW:
            if not (self.title.data or "").strip():
                self.title.errors.append("Give the new assignment a title.")
                ok = False
            if not self.pack.data:
                self.pack.errors.append("Choose the ready-made assignment to start from.")
                ok = False
        return ok


class WorkForm(EssayForm):
    essay = TextAreaField("Your essay", validators=[Optional()])
    check = SubmitField("Check my draft")
    hand_in = SubmitField("Hand in to my teacher")
