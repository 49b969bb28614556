"""The log-in form."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SubmitField
from wtforms.validators import DataRequired, Email, Length


class LoginForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired(message="Enter your email address."),
                                            Email(message="Enter an email address like name@school.org.",
                                                  check_deliverability=False)])
    password = PasswordField("Password", validators=[DataRequired(message="Enter your password."),
                                                     Length(max=200)])
    remember = BooleanField("Keep me logged in on this computer")
    submit = SubmitField("Log in")
