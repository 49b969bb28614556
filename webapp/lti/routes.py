"""The tool's LTI endpoints: key set, OIDC log-in, launch, choosing an assignment (deep linking and
first launches), and the page a student launched from the course works on."""
from __future__ import annotations

from flask import (Blueprint, abort, current_app, flash, g, jsonify, redirect, render_template, request, session,
                   url_for)
from flask_login import login_user
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from essaycheck.errors import InputError
from essaycheck.pack import load_pack

from .. import drafts, feedback, runner, timeline
from ..db import db
from ..library import library
from ..models import QUEUED, Assignment, Essay, Source
from ..submission import Refusal, refusal_from, text_of_upload
from ..workspace import checker_for
from . import deeplink, people, services
from .forms import NEW, PickForm, WorkForm
from .launch import Refused, message_launch, oidc_redirect, restored
from .models import LtiLink, LtiMember
from .launch import storage
from .storage import purge_expired

bp = Blueprint("lti", __name__, url_prefix="/lti")
TITLES = {400: "The launch could not be read", 401: "The launch could not be verified",
          403: "essaycheck cannot open this", 404: "This activity is not set up yet",
          409: "That cannot be done now"}


def refused(exc: Refused):
    """A refusal as a page with its status; whatever the request began to store is rolled back."""
    db.session.rollback()
    current_app.logger.info("LTI refused (%s): %s", exc.status, exc.message)
    return render_template("lti/refused.html", title=TITLES.get(exc.status, "Refused"), message=exc.message), \
        exc.status


@bp.get("/jwks")
def jwks():
    return jsonify(services_keys())


def services_keys() -> dict:
    from .keys import jwks as key_set

    return key_set()


@bp.route("/login", methods=("GET", "POST"))
def login():
    """The platform starts a log-in here (third-party initiated): off to its authorisation page."""
    try:
        response = oidc_redirect(url_for("lti.launch", _external=True))
    except Refused as exc:
        return refused(exc)
    purge_expired()
    db.session.commit()
    return response


@bp.post("/launch")
def launch():
    """The platform posts the signed id_token here: check it, then open the right page for who it is."""
    ml = message_launch()
    try:
        data = ml.get_launch_data()
        platform = people.platform_of(data)
        teaching = (ml.check_teacher_access() or ml.check_teaching_assistant_access()
                    or ml.check_designer_access() or ml.check_staff_access())
        if ml.is_deep_link_launch():
            if not teaching:
                raise Refused(403, "Only a teacher of the course can add an essaycheck activity.")
            _start(teacher=people.teacher_for(platform, data))
            response = redirect(url_for("lti.pick", launch=ml.get_launch_id()), 303)
        elif ml.is_resource_launch():
            response = _resource_launch(ml, platform, data, teaching)
        else:
            raise Refused(400, "essaycheck does not take this kind of launch.")
    except Refused as exc:
        return refused(exc)
    db.session.commit()
    return response


def _start(teacher=None) -> None:
    """A new session for the person launched: whoever was here before in this browser is logged out."""
    session.clear()
    if teacher is not None:
        teacher.start_session()
        db.session.flush()
        login_user(teacher)


def _resource_launch(ml, platform, data: dict, teaching: bool):
    link = people.find_link(platform, data)
    if link is None:
        a = people.assignment_from_custom(data)
        if a is None:
            if not teaching:
                raise Refused(404, "Your teacher has not chosen the essaycheck assignment for this activity yet.")
            _start(teacher=people.teacher_for(platform, data))
            return redirect(url_for("lti.pick", launch=ml.get_launch_id()), 303)
        link = people.make_link(platform, data, a)
    else:
        people.update_services(link, data)
    if teaching:
        teacher = people.teacher_for(platform, data)
        _start(teacher=teacher)
        if link.assignment.teacher_id != teacher.id:
            raise Refused(403, "This activity opens another teacher's essaycheck assignment: ask them to share "
                               "it, or add your own.")
        students, problem = services.refresh_roster(link)
        flash(f"{link.context_title}: {students} student(s) on the class list; their work arrives in the batch "
              f"“{link.batch.name}”." + (f" The class list could not be read: {problem}." if problem else ""))
        return redirect(url_for("teacher.assignment", assignment_id=link.assignment_id), 303)
    if not ml.check_student_access():
        raise Refused(403, "essaycheck opens this activity for the course's students and teachers only.")
    member = people.member_for(link, data)
    _start()
    return redirect(url_for("lti.work", t=people.member_token(member)), 303)


# -- choosing the assignment an activity opens ----------------------------------------------------

@bp.route("/pick", methods=("GET", "POST"))
def pick():
    """Choose the assignment a course activity opens: for the platform's "add an activity" dialog (deep
    linking), or for an activity launched before it had one.

    The page is reached by the launch's id (in the address, then in the form), which only the
    teacher's browser has: platforms show this page in a frame of their own site, where the browser
    may send no cookie of this site, so the launch id stands for the log-in and the CSRF token.
    """
    launch_id = request.values.get("launch", "")
    if not launch_id.startswith("lti1p3-launch-"):
        abort(403, "Open this page from your course's “add an activity” dialog.")
    try:
        ml = restored(launch_id)
        data = ml.get_launch_data()
        platform = people.platform_of(data)
        if not (ml.check_teacher_access() or ml.check_teaching_assistant_access() or ml.check_designer_access()
                or ml.check_staff_access()):
            raise Refused(403, "Only a teacher of the course can choose its assignment.")
    except Refused as exc:
        return refused(exc)
    teacher = people.teacher_for(platform, data)
    g.lti_frame_origins = people.frame_origins(platform, data)
    form = PickForm(meta={"csrf": False})
    mine = db.session.scalars(select(Assignment).where(Assignment.teacher_id == teacher.id)
                              .order_by(Assignment.created_at.desc())).all()
    form.assignment.choices = [SelectChoice(str(a.id), a.title) for a in mine] + [
        SelectChoice(NEW, "A new assignment from a ready-made one")]
    packs = library().pack_dirs()
    form.pack.choices = [SelectChoice("", "(choose one)")] + [SelectChoice(k, k.replace("-", " ").title())
                                                             for k in packs]
    deep = ml.is_deep_link_launch()
    if not form.validate_on_submit():
        return render_template("lti/pick.html", form=form, deep=deep, launch_id=launch_id), \
            422 if form.is_submitted() else 200
    if form.assignment.data == NEW:
        a = _new_assignment(teacher, form.title.data.strip(), packs[form.pack.data])
    else:
        a = db.session.get(Assignment, int(form.assignment.data))
    if deep:
        return_url, token = deeplink.response(ml, a)
        storage().consume(launch_id)  # one answer per dialog
        db.session.commit()
        g.lti_form_action = return_url
        return render_template("lti/return.html", return_url=return_url, token=token, a=a)
    link = people.find_link(platform, data) or people.make_link(platform, data, a)
    storage().consume(launch_id)
    students, problem = services.refresh_roster(link)
    _start(teacher=teacher)
    db.session.commit()
    flash(f"This activity now opens “{a.title}”. {students} student(s) on the class list."
          + (f" The class list could not be read: {problem}." if problem else ""))
    return redirect(url_for("teacher.assignment", assignment_id=a.id), 303)


def _new_assignment(teacher, title: str, pack_dir) -> Assignment:
    info = load_pack(pack_dir, library().settings)
    a = Assignment(teacher_id=teacher.id, title=title, mode=info.mode or "point", day_first=info.day_first,
                   origin=f"pack:{pack_dir.name}")
    a.sources = [Source(name=s.name, text=s.text) for s in info.sources]
    a.overrides = info.overrides
    if info.rubric_path:
        a.rubric_toml = info.rubric_path.read_text("utf-8")
    db.session.add(a)
    db.session.flush()
    return a


# -- the student's page ---------------------------------------------------------------------------

def _member(token: str) -> LtiMember:
    member = people.member_from_token(token)
    if member is None:
        abort(403, "This page's address has expired or is not valid: open the assignment from your course again.")
    g.lti_frame_origins = people.frame_origins(member.link.platform, {})
    return member


@bp.route("/work", methods=("GET", "POST"))
def work():
    """A student's page, reached by a signed address the launch gave (it works inside the platform's frame,
    where this site's cookies may not be sent): check drafts, hand in, read released feedback."""
    token = request.args.get("t", "")
    member = _member(token)
    link: LtiLink = member.link
    a = link.assignment
    form = WorkForm(meta={"csrf": False})  # the address is the student's own secret: it stands for the token
    if not form.validate_on_submit():
        status = 422 if form.is_submitted() else 200
        return _work_page(member, form, token), status
    try:
        if form.upload.data:
            name = form.upload.data.filename or "upload"
            text = text_of_upload(name, form.upload.data.read(), library().settings.max_source_bytes)
        else:
            name, text = None, form.essay.data
        checker = checker_for(a)
        if form.hand_in.data:
            checker.validate_essay(text, member.name)
            return _hand_in(member, text, name, token)
        report = checker.check(text, name, a.level)
    except (Refusal, InputError) as exc:
        problem = refusal_from(exc)
        (form.upload if form.upload.data else form.essay).errors.append(problem.message)
        return _work_page(member, form, token), problem.status
    except Refused as exc:
        return refused(exc)
    text = report.pop("text")
    report = feedback.as_mode(report, a.level)
    previous = drafts.read(form.previous.data)
    changes = drafts.compare(previous, report) if previous else None
    again = WorkForm(formdata=None, meta={"csrf": False})
    again.essay.data, again.previous.data = text, drafts.carry(report)
    return _work_page(member, again, token, report=report,
                      view=feedback.build(report, text, changes.status if changes else None),
                      timeline_svg=timeline.svg(report["timeline"], reveal=a.level == "reveal"), changes=changes)


def _work_page(member: LtiMember, form: WorkForm, token: str, **shown):
    return render_template("lti/student.html", member=member, link=member.link, a=member.link.assignment,
                           essay=member.essay, form=form, mode=member.link.assignment.level, token=token, **shown)


def _hand_in(member: LtiMember, text: str, filename: str | None, token: str):
    link = member.link
    if link.batch.released:
        raise Refused(409, "Your teacher has already released the feedback on this assignment: it cannot be "
                           "handed in again.")
    e = member.essay
    if e is None:
        e = Essay(batch=link.batch, student=member.name, filename=filename, text=text)
        db.session.add(e)
        db.session.flush()
        member.essay_id = e.id
    else:
        e.text, e.filename, e.student = text, filename, member.name
        e.status, e.claim_token, e.claimed_at, e.attempts, e.error = QUEUED, None, None, 0, None
    db.session.commit()
    runner.submit(current_app._get_current_object(), [e.id])
    return redirect(url_for("lti.work", t=token), 303)

