"""Log in and out. Teacher pages need a login; each teacher sees only their own work."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import func, select

from ..db import db
from ..models import Teacher
from .forms import LoginForm

bp = Blueprint("auth", __name__, url_prefix="/teacher")


@bp.route("/login", methods=("GET", "POST"))
def login():
    if current_user.is_authenticated:
        return redirect(url_for("teacher.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        teacher = db.session.scalar(select(Teacher).where(func.lower(Teacher.email) == form.email.data.lower()))
        if teacher is None or not teacher.check_password(form.password.data):
            form.password.errors.append("That email and password do not match an account.")
            return render_template("auth/login.html", form=form), 401
        login_user(teacher, remember=form.remember.data)
        target = request.args.get("next", "")
        if not target.startswith("/") or urlsplit(target).netloc or target.startswith("//"):
            target = url_for("teacher.dashboard")  # never redirect off this site
        return redirect(target)
    return render_template("auth/login.html", form=form), 422 if form.is_submitted() else 200


@bp.post("/logout")
@login_required
def logout():
    logout_user()
    flash("You have logged out.")
    return redirect(url_for("auth.login"))
