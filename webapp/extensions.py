"""Flask extensions, created once and bound to the app in ``create_app``."""
from __future__ import annotations

from flask_login import LoginManager
from flask_wtf import CSRFProtect

csrf = CSRFProtect()
login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = "Log in to see your assignments."


@login_manager.user_loader
def _load_teacher(user_id: str):
    from .db import db
    from .models import Teacher

    # "id:token": a cookie from before a log-out carries an old token and loads nobody.
    teacher_id, _, token = user_id.partition(":")
    if not teacher_id.isdigit() or not token:
        return None
    teacher = db.session.get(Teacher, int(teacher_id))
    return teacher if teacher is not None and teacher.has_session(token) else None
