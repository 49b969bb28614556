"""LTI Advantage services, called by the tool with a token the platform issues for its signed
assertion: the class list (Names and Role Provisioning) and the gradebook (Assignment and Grade)."""
from __future__ import annotations

import logging
from datetime import datetime, timezone

import requests
from flask import url_for
from pylti1p3.assignments_grades import AssignmentsGradesService
from pylti1p3.exception import LtiException, LtiServiceException
from pylti1p3.grade import Grade
from pylti1p3.lineitem import LineItem
from pylti1p3.names_roles import NamesRolesProvisioningService
from pylti1p3.service_connector import ServiceConnector
from sqlalchemy import select

from ..db import db
from ..models import DONE, Batch, Essay, now
from .config import registration_of
from .models import LtiLink, LtiMember

log = logging.getLogger(__name__)
TIMEOUT = 15  # seconds for any one call to a platform
LEARNER = "membership#Learner"
SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"


class _Session(requests.Session):
    """A requests session whose calls give up after TIMEOUT (a platform that hangs must not hang a page)."""

    def request(self, *args, **kwargs):
        kwargs.setdefault("timeout", TIMEOUT)
        return super().request(*args, **kwargs)


def http() -> requests.Session:
    s = _Session()
    s.headers["User-Agent"] = "essaycheck-lti"
    return s


def _connector(link: LtiLink) -> ServiceConnector:
    return ServiceConnector(registration_of(link.platform), requests_session=http())


def _problem(exc: Exception) -> str:
    if isinstance(exc, LtiServiceException):
        return f"the platform answered {exc.response.status_code}"
    if isinstance(exc, requests.RequestException):
        return "the platform could not be reached"
    return str(exc)[:200]


# -- Names and Role Provisioning ------------------------------------------------------------------

def refresh_roster(link: LtiLink) -> tuple[int, str | None]:
    """Read the course's class list into the link's members: (students listed, problem or None)."""
    if not link.memberships_url:
        return len(link.members), "the platform does not offer the class list for this course"
    service = NamesRolesProvisioningService(_connector(link), {"context_memberships_url": link.memberships_url})
    try:
        members = service.get_members()
    except (LtiException, requests.RequestException, ValueError) as exc:
        log.warning("class list of link %s could not be read: %s", link.id, exc)
        return len(link.members), _problem(exc)
    known = {m.sub: m for m in link.members}
    students = 0
    for m in members:
        roles = m.get("roles") or []
        if m.get("status", "Active") != "Active" or not any(r.endswith(LEARNER) or r == "Learner" for r in roles):
            continue
        students += 1
        name = (m.get("name") or " ".join(p for p in (m.get("given_name"), m.get("family_name")) if p)
                or m.get("email") or f"Student {str(m['user_id'])[:8]}")[:200]
        row = known.get(str(m["user_id"]))
        if row is None:
            db.session.add(LtiMember(link=link, sub=str(m["user_id"]), name=name, email=m.get("email")))
        else:
            row.name, row.email = name, m.get("email") or row.email
    link.roster_at = now()
    db.session.flush()
    return students, None


def not_handed_in(batch: Batch) -> list[LtiMember]:
    """The students on the class list of the batch's course activity who have handed nothing in."""
    link = link_of(batch)
    if link is None:
        return []
    return [m for m in link.members if m.essay_id is None]


def link_of(batch: Batch) -> LtiLink | None:
    return db.session.scalar(select(LtiLink).where(LtiLink.batch_id == batch.id))


# -- Assignment and Grade Services ----------------------------------------------------------------

def _ags(link: LtiLink) -> AssignmentsGradesService:
    return AssignmentsGradesService(_connector(link), {"scope": link.ags_scopes, "lineitems": link.lineitems_url,
                                                       "lineitem": link.lineitem_url})


def _lineitem(link: LtiLink, ags: AssignmentsGradesService, maximum: float) -> str:
    """The gradebook column's address: the one the launch named, else found or made by its resource id."""
    if link.lineitem_url:
        return link.lineitem_url
    if not link.lineitems_url:
        raise LtiException("the platform offers no gradebook column for this activity")
    item = ags.find_or_create_lineitem(
        LineItem().set_label(link.title or link.assignment.title).set_score_maximum(maximum)
        .set_resource_id(f"essaycheck-assignment-{link.assignment_id}").set_resource_link_id(link.resource_link_id))
    link.lineitem_url = item.get_id()
    return link.lineitem_url


def grade_of(member: LtiMember) -> Grade | None:
    """The score to send for a student's essay, the teacher's version (None while it is not marked)."""
    e: Essay | None = member.essay
    if e is None or e.status != DONE or e.report is None:
        return None
    s = e.scores()
    link = url_for("released", code=e.access_code, _external=True)
    stamp = datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return (Grade().set_score_given(float(s["total"])).set_score_maximum(float(s["max"]))
            .set_activity_progress("Completed").set_grading_progress("FullyGraded").set_timestamp(stamp)
            .set_user_id(member.sub).set_comment(f"Feedback from essaycheck: {link}"))


def send_scores(members: list[LtiMember]) -> tuple[int, list[str]]:
    """Send each marked student's score to the gradebook: (how many sent, problems in words)."""
    sent, problems = 0, []
    by_link: dict[int, list[LtiMember]] = {}
    for m in members:
        by_link.setdefault(m.link_id, []).append(m)
    for group in by_link.values():
        link = group[0].link
        if SCORE_SCOPE not in link.ags_scopes:
            problems.append("the platform does not accept scores for this activity")
            continue
        ags = _ags(link)
        for m in group:
            grade = grade_of(m)
            if grade is None:
                continue
            try:
                ags.put_grade(grade, LineItem({"id": _lineitem(link, ags, grade.get_score_maximum())}))
            except (LtiException, requests.RequestException, ValueError) as exc:
                log.warning("score for member %s not sent: %s", m.id, exc)
                m.score_error = _problem(exc)
                problems.append(f"{m.name}: {m.score_error}")
                continue
            m.score_sent = f"{grade.get_score_given():g}/{grade.get_score_maximum():g}"
            m.score_sent_at, m.score_error = now(), None
            sent += 1
    db.session.commit()
    return sent, problems


def after_release(batch: Batch) -> str | None:
    """When a course activity's batch is released: its scores go to the gradebook. A sentence to show."""
    link = link_of(batch)
    if link is None or not batch.released:
        return None
    sent, problems = send_scores([m for m in link.members if m.essay_id is not None])
    return _said(sent, problems)


def after_marks_change(e: Essay) -> str | None:
    """A teacher changed the marks of a released essay handed in through the platform: send the new score."""
    if not e.batch.released:
        return None
    member = db.session.scalar(select(LtiMember).where(LtiMember.essay_id == e.id))
    if member is None:
        return None
    return _said(*send_scores([member]))


def _said(sent: int, problems: list[str]) -> str:
    out = f"{sent} score(s) sent to the course's gradebook."
    if problems:
        out += " Not sent: " + "; ".join(problems[:5]) + ("…" if len(problems) > 5 else "")
    return out
