"""The LTI 1.3 tables: platforms registered by an administrator, the tool's own keys, the short-lived
state of logins, and what a launch ties together (a course's link to an assignment, its roster).

Nothing here is read by the rest of the app except through the functions of ``webapp.lti``.
"""
from __future__ import annotations

import json
from datetime import datetime
from urllib.parse import urlsplit

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint, true as sa_true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import db
from ..models import Assignment, Batch, Essay, Teacher, now


class LtiPlatform(db.Model):
    """A learning platform (one Moodle site, one Canvas instance) as its administrator registered it."""

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    issuer: Mapped[str] = mapped_column(String(255))
    client_id: Mapped[str] = mapped_column(String(255))
    auth_login_url: Mapped[str] = mapped_column(Text)  # the platform's OIDC authorisation endpoint
    auth_token_url: Mapped[str] = mapped_column(Text)  # its OAuth 2 token endpoint (for NRPS and AGS)
    key_set_url: Mapped[str] = mapped_column(Text)  # its public keys (JWKS)
    auth_audience: Mapped[str | None] = mapped_column(Text, nullable=True)  # when it is not the token URL
    active: Mapped[bool] = mapped_column(default=True, server_default=sa_true())  # False: removed, work kept
    created_at: Mapped[datetime] = mapped_column(default=now)

    deployments: Mapped[list["LtiDeployment"]] = relationship(back_populates="platform", cascade="all, delete-orphan",
                                                             order_by="LtiDeployment.deployment_id")
    __table_args__ = (UniqueConstraint("issuer", "client_id"),)

    @property
    def origin(self) -> str:
        """Where the platform's pages are (scheme://host:port), for form-action."""
        parts = urlsplit(self.auth_login_url)
        return f"{parts.scheme}://{parts.netloc}"


class LtiDeployment(db.Model):
    """One deployment of the tool on a platform (a whole site, or one course)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    platform_id: Mapped[int] = mapped_column(ForeignKey("lti_platform.id"), index=True)
    deployment_id: Mapped[str] = mapped_column(String(255))

    platform: Mapped[LtiPlatform] = relationship(back_populates="deployments")
    __table_args__ = (UniqueConstraint("platform_id", "deployment_id"),)


class LtiKey(db.Model):
    """The tool's own RSA key pair: made once, published at /lti/jwks, signs what the tool sends."""

    id: Mapped[int] = mapped_column(primary_key=True)
    kid: Mapped[str] = mapped_column(String(64), unique=True)
    private_pem: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=now)


class LtiState(db.Model):
    """Short-lived values of the OIDC login and launch (nonces, launch data), shared by every process."""

    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    value_json: Mapped[str] = mapped_column(Text)
    expires_at: Mapped[datetime] = mapped_column(index=True)


class LtiTeacher(db.Model):
    """A platform user with a teaching role, and the teacher account they act as here."""

    id: Mapped[int] = mapped_column(primary_key=True)
    platform_id: Mapped[int] = mapped_column(ForeignKey("lti_platform.id"), index=True)
    sub: Mapped[str] = mapped_column(String(255))
    teacher_id: Mapped[int] = mapped_column(ForeignKey("teacher.id"), index=True)

    platform: Mapped[LtiPlatform] = relationship()
    teacher: Mapped[Teacher] = relationship()
    __table_args__ = (UniqueConstraint("platform_id", "sub"),)


class LtiLink(db.Model):
    """A course's activity (an LTI resource link) and the essaycheck assignment it opens.

    Its students' work is collected in a batch of its own, marked like any uploaded batch.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    platform_id: Mapped[int] = mapped_column(ForeignKey("lti_platform.id"), index=True)
    deployment_id: Mapped[str] = mapped_column(String(255))
    context_id: Mapped[str] = mapped_column(String(255))
    context_title: Mapped[str] = mapped_column(String(255), default="")
    resource_link_id: Mapped[str] = mapped_column(String(255))
    title: Mapped[str] = mapped_column(String(255), default="")
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignment.id"), index=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id"), index=True, unique=True)
    memberships_url: Mapped[str | None] = mapped_column(Text, nullable=True)  # NRPS
    lineitems_url: Mapped[str | None] = mapped_column(Text, nullable=True)  # AGS
    lineitem_url: Mapped[str | None] = mapped_column(Text, nullable=True)
    ags_scopes_json: Mapped[str] = mapped_column(Text, default="[]")
    roster_at: Mapped[datetime | None] = mapped_column(nullable=True)  # when the class list was last read
    created_at: Mapped[datetime] = mapped_column(default=now)

    platform: Mapped[LtiPlatform] = relationship()
    assignment: Mapped[Assignment] = relationship()
    batch: Mapped[Batch] = relationship()
    members: Mapped[list["LtiMember"]] = relationship(back_populates="link", cascade="all, delete-orphan",
                                                      order_by="LtiMember.name")
    __table_args__ = (UniqueConstraint("platform_id", "context_id", "resource_link_id"),)

    @property
    def ags_scopes(self) -> list[str]:
        return json.loads(self.ags_scopes_json or "[]")


class LtiMember(db.Model):
    """A student of the link's course (from the platform's class list, or from their own launch)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    link_id: Mapped[int] = mapped_column(ForeignKey("lti_link.id"), index=True)
    sub: Mapped[str] = mapped_column(String(255))
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254), nullable=True)
    essay_id: Mapped[int | None] = mapped_column(ForeignKey("essay.id"), nullable=True)
    score_sent: Mapped[str | None] = mapped_column(String(40), nullable=True)  # "6/10", the last score sent
    score_sent_at: Mapped[datetime | None] = mapped_column(nullable=True)
    score_error: Mapped[str | None] = mapped_column(Text, nullable=True)  # why the last send failed

    link: Mapped[LtiLink] = relationship(back_populates="members")
    essay: Mapped[Essay | None] = relationship()
    __table_args__ = (UniqueConstraint("link_id", "sub"),)
