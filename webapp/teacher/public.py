"""The students' links to released feedback: /r/<code>, no log-in, only once the batch is released."""
from __future__ import annotations

from flask import abort, current_app, render_template
from sqlalchemy import select

from .. import feedback, timeline
from ..db import db
from ..models import Essay


def init_public(app) -> None:
    @app.get("/r/<code>")
    def released(code: str):
        e = db.session.scalar(select(Essay).where(Essay.access_code == code))
        if e is None or not e.batch.released or e.report is None:
            abort(404)
        level = e.batch.assignment.level
        report = feedback.as_mode(e.marked(), level)  # the teacher's version, at the assignment's level
        view = feedback.build(report, e.text)
        drawing = timeline.svg(report["timeline"], reveal=level == "reveal")
        current_app.logger.info("released feedback opened for essay %s", e.id)
        return render_template("teacher/released.html", e=e, report=report, view=view, timeline_svg=drawing,
                               mode=level, scores=e.scores())
