"""Log in and out. Teacher pages need a login; each teacher sees only their own work."""
from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from ..db import db
from ..models import Teacher
from ..operations import login_limits
from .forms import LoginForm

bp = Blueprint("auth", __name__, url_prefix="/teacher")

# A path on this site: one leading slash, then no slash or backslash (browsers read "/\\x" as "//x"),
# and no white space or control character anywhere (a header cannot carry them).
_LOCAL_PATH = re.compile(r"/(?![/\\])[^\s\\\x00-\x1f\x7f]*")


@lru_cache(maxsize=1)
def _stand_in_hash() -> str:
    """A hash to check unknown addresses against, so they take as long as known ones."""
    return generate_password_hash("no account has this password")


@bp.route("/login", methods=("GET", "POST"))
@login_limits
def login():
    if current_user.is_authenticated:
        return redirect(url_for("teacher.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        teacher = db.session.scalar(select(Teacher).where(func.lower(Teacher.email) == form.email.data.lower()))
        if teacher is None:
            check_password_hash(_stand_in_hash(), form.password.data)  # the same work as a wrong password
        if teacher is None or not teacher.check_password(form.password.data):
            form.password.errors.append("That email and password do not match an account.")
            return render_template("auth/login.html", form=form), 401
        teacher.start_session()
        db.session.commit()
        session.clear()  # nothing from before the log-in carries over
        login_user(teacher, remember=form.remember.data)
        return redirect(safe_next(request.args.get("next", "")))
    return render_template("auth/login.html", form=form), 422 if form.is_submitted() else 200


def safe_next(target: str) -> str:
    """Where to go after logging in: a path on this site, or the dashboard."""
    if _LOCAL_PATH.fullmatch(target) and not urlsplit(target).netloc:
        return target
    return url_for("teacher.dashboard")


@bp.post("/logout")
@login_required
def logout():
    current_user.end_sessions()  # every cookie issued before now stops working, here and elsewhere
    db.session.commit()
    logout_user()
    session.clear()
    flash("You have logged out.")
    return redirect(url_for("auth.login"))
