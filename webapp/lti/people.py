"""Who a launch is: the teacher account a platform's instructor acts as, the course link and its
assignment, and a student on the link's class list."""
from __future__ import annotations

import hashlib
import secrets

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer, URLSafeTimedSerializer
from sqlalchemy import func, select

from urllib.parse import urlsplit

from ..db import db
from ..models import Assignment, Batch, Teacher
from .config import find_platform
from .launch import Refused
from .models import LtiLink, LtiMember, LtiPlatform, LtiTeacher

CLAIM = "https://purl.imsglobal.org/spec/lti/claim/"
CUSTOM_KEY = "essaycheck_assignment"  # the custom parameter a deep link puts on the platform's activity
NRPS_CLAIM = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"
AGS_CLAIM = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"


def platform_of(data: dict) -> LtiPlatform:
    aud = data.get("aud")
    platform = find_platform(data.get("iss"), aud[0] if isinstance(aud, list) else aud)
    if platform is None:  # pylti1p3 has found it already; removed in between
        raise Refused(403, "essaycheck is not registered with this platform.")
    return platform


def display_name(data: dict) -> str:
    name = (data.get("name") or " ".join(p for p in (data.get("given_name"), data.get("family_name")) if p)
            or data.get("email") or f"Student {data['sub'][:8]}")
    return name.strip()[:200]


# -- teachers ---------------------------------------------------------------------------------------

def teacher_for(platform: LtiPlatform, data: dict) -> Teacher:
    """The teacher account linked to this platform user, made the first time they launch.

    A new account gets the platform's email when no account here has it; an account that
    already has that email is never taken over by a launch (an administrator links it with
    `flask lti link-teacher`), so the new one gets an address of its own. Its password is random:
    the teacher comes in through the platform (or sets one with the administrator's help).
    """
    link = db.session.scalar(select(LtiTeacher).where(LtiTeacher.platform_id == platform.id,
                                                      LtiTeacher.sub == data["sub"]))
    if link is not None:
        return link.teacher
    email = (data.get("email") or "").strip()[:254]
    if not email or "@" not in email or db.session.scalar(
            select(Teacher.id).where(func.lower(Teacher.email) == email.lower())):
        digest = hashlib.sha256(f"{platform.id}:{data['sub']}".encode()).hexdigest()[:16]
        email = f"lti-{platform.id}-{digest}@lti.invalid"
    teacher = Teacher(email=email, name=display_name(data)[:120])
    teacher.set_password(secrets.token_urlsafe(24))
    db.session.add(teacher)
    db.session.add(LtiTeacher(platform=platform, sub=data["sub"], teacher=teacher))
    db.session.flush()
    return teacher


# -- the link between a course's activity and an assignment ---------------------------------------

def _signer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="essaycheck-lti-assignment")


def custom_value(a: Assignment) -> str:
    """The custom parameter for an activity that opens ``a``: signed, so editing it in the platform
    cannot point an activity at another teacher's assignment."""
    return _signer().dumps({"a": a.id, "t": a.teacher_id})


def assignment_from_custom(data: dict) -> Assignment | None:
    value = (data.get(CLAIM + "custom") or {}).get(CUSTOM_KEY)
    if not value:
        return None
    try:
        ids = _signer().loads(value)
    except BadSignature:
        raise Refused(400, "This activity's essaycheck assignment is not valid: add the activity again "
                           "from essaycheck's list.") from None
    a = db.session.get(Assignment, int(ids.get("a", 0)))
    if a is None or a.teacher_id != ids.get("t"):
        raise Refused(404, "The essaycheck assignment of this activity no longer exists.")
    return a


def find_link(platform: LtiPlatform, data: dict) -> LtiLink | None:
    context = data.get(CLAIM + "context") or {}
    resource = data.get(CLAIM + "resource_link") or {}
    return db.session.scalar(select(LtiLink).where(LtiLink.platform_id == platform.id,
                                                   LtiLink.context_id == str(context.get("id", "")),
                                                   LtiLink.resource_link_id == str(resource.get("id", ""))))


def make_link(platform: LtiPlatform, data: dict, a: Assignment) -> LtiLink:
    """A course activity's link to ``a``, with a batch of its own for the students' work."""
    context = data.get(CLAIM + "context") or {}
    resource = data.get(CLAIM + "resource_link") or {}
    course = str(context.get("title") or context.get("label") or "Course")
    activity = str(resource.get("title") or a.title)
    batch = Batch(assignment=a, name=f"{course}: {activity}"[:200])
    link = LtiLink(platform=platform, deployment_id=str(data.get(CLAIM + "deployment_id", "")),
                   context_id=str(context.get("id", "")), context_title=course[:255],
                   resource_link_id=str(resource.get("id", "")), title=activity[:255], assignment=a, batch=batch)
    db.session.add(link)
    update_services(link, data)
    db.session.flush()
    return link


def update_services(link: LtiLink, data: dict) -> None:
    """Keep the service addresses of the newest launch (platforms may move them)."""
    import json

    nrps = data.get(NRPS_CLAIM) or {}
    if nrps.get("context_memberships_url"):
        link.memberships_url = nrps["context_memberships_url"]
    ags = data.get(AGS_CLAIM) or {}
    if ags:
        link.lineitems_url = ags.get("lineitems") or link.lineitems_url
        link.lineitem_url = ags.get("lineitem") or link.lineitem_url
        link.ags_scopes_json = json.dumps(sorted(ags.get("scope") or []))


# -- students -------------------------------------------------------------------------------------

def member_for(link: LtiLink, data: dict) -> LtiMember:
    """The student's row on the link's class list (added if the class list has not been read yet)."""
    member = db.session.scalar(select(LtiMember).where(LtiMember.link_id == link.id,
                                                       LtiMember.sub == data["sub"]))
    if member is None:
        member = LtiMember(link=link, sub=data["sub"], name=display_name(data), email=data.get("email"))
        db.session.add(member)
    elif data.get("name"):
        member.name = display_name(data)
    db.session.flush()
    return member


STUDENT_PAGE_HOURS = 12  # how long the address a launch gives a student keeps working


def member_token(member: LtiMember) -> str:
    """The student's page address part: signed and dated, so only the student's launch can have made it."""
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="essaycheck-lti-member").dumps(member.id)


def member_from_token(token: str) -> LtiMember | None:
    try:
        member_id = URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="essaycheck-lti-member").loads(
            token, max_age=STUDENT_PAGE_HOURS * 3600)
    except BadSignature:
        return None
    member = db.session.get(LtiMember, int(member_id))
    return member if member is not None and member.link.platform.active else None


def frame_origins(platform: LtiPlatform, data: dict) -> list[str]:
    """The sites that may show the LTI pages in a frame: the platform's own addresses."""
    urls = [platform.issuer, platform.auth_login_url,
            ((data.get("https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings") or {})
             .get("deep_link_return_url")),
            (data.get(CLAIM + "launch_presentation") or {}).get("return_url")]
    out = []
    for u in urls:
        parts = urlsplit(u or "")
        if parts.scheme in ("http", "https") and parts.netloc and f"{parts.scheme}://{parts.netloc}" not in out:
            out.append(f"{parts.scheme}://{parts.netloc}")
    return out
