"""The teacher workspace's tables: teachers, their assignments and sources, batches of essays, changes."""
from __future__ import annotations

import hmac
import json
import secrets
from datetime import datetime, timezone

from flask_login import UserMixin
from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, false as sa_false
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from essaycheck.findings import mode_name

from .db import db


def now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Teacher(UserMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=now)
    # Part of every session cookie and checked on each request; a new one on log-out (or a new
    # password) ends every session issued before it.
    session_token: Mapped[str | None] = mapped_column(String(64), nullable=True)

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)
        self.end_sessions()

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def start_session(self) -> None:
        if not self.session_token:
            self.end_sessions()

    def end_sessions(self) -> None:
        self.session_token = secrets.token_urlsafe(32)

    def get_id(self) -> str:
        """What the session cookie holds: the id and the current session token."""
        return f"{self.id}:{self.session_token}"

    def has_session(self, token: str) -> bool:
        return bool(self.session_token) and hmac.compare_digest(self.session_token, token)


class Assignment(db.Model):
    """A teacher's assignment: sources, fact-base corrections, rubric and feedback mode."""

    id: Mapped[int] = mapped_column(primary_key=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("teacher.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    mode: Mapped[str] = mapped_column(String(10), default="point")  # flag | point | reveal ("hint": point)
    day_first: Mapped[bool] = mapped_column(default=True)
    origin: Mapped[str] = mapped_column(String(120), default="upload")  # "upload" or "pack:<id>"
    overrides_json: Mapped[str] = mapped_column(Text, default="{}")  # the same shape as overrides.toml
    rubric_toml: Mapped[str | None] = mapped_column(Text, nullable=True)  # None: the default rubric
    version: Mapped[int] = mapped_column(default=1)  # bumped on every change, so caches rebuild
    # Students self-check against a published assignment by its class code (a link /c/<code>).
    class_code: Mapped[str | None] = mapped_column(String(12), unique=True, nullable=True)
    published: Mapped[bool] = mapped_column(default=False, server_default=sa_false())
    created_at: Mapped[datetime] = mapped_column(default=now)
    updated_at: Mapped[datetime] = mapped_column(default=now, onupdate=now)

    teacher: Mapped[Teacher] = relationship()
    sources: Mapped[list["Source"]] = relationship(back_populates="assignment", cascade="all, delete-orphan",
                                                   order_by="Source.name")
    batches: Mapped[list["Batch"]] = relationship(back_populates="assignment", cascade="all, delete-orphan",
                                                  order_by="Batch.created_at.desc()")

    @property
    def overrides(self) -> dict:
        return json.loads(self.overrides_json or "{}")

    @overrides.setter
    def overrides(self, value: dict) -> None:
        self.overrides_json = json.dumps(value, sort_keys=True)
        self.version = (self.version or 0) + 1

    @property
    def level(self) -> str:
        """The feedback level students get: flag, point or reveal."""
        return mode_name(self.mode or "point")


class Source(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignment.id"), index=True)
    name: Mapped[str] = mapped_column(String(255))
    text: Mapped[str] = mapped_column(Text)

    assignment: Mapped[Assignment] = relationship(back_populates="sources")
    __table_args__ = (UniqueConstraint("assignment_id", "name"),)


class Batch(db.Model):
    """One upload of a class's essays."""

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignment.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    released: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=now)
    problems_json: Mapped[str] = mapped_column(Text, default="[]")  # files that could not be read, and why

    assignment: Mapped[Assignment] = relationship(back_populates="batches")
    essays: Mapped[list["Essay"]] = relationship(back_populates="batch", cascade="all, delete-orphan",
                                                 order_by="Essay.student")

    @property
    def problems(self) -> list[dict]:
        return json.loads(self.problems_json or "[]")


QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"


class Essay(db.Model):
    """A student's essay in a batch: its text, its checking job's state, and the report."""

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id"), index=True)
    student: Mapped[str] = mapped_column(String(200))
    filename: Mapped[str | None] = mapped_column(String(255), nullable=True)
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default=QUEUED)
    claimed_at: Mapped[datetime | None] = mapped_column(nullable=True)  # when a worker took the job
    claim_token: Mapped[str | None] = mapped_column(String(32), nullable=True)  # whose claim is current
    attempts: Mapped[int] = mapped_column(default=0)
    writes: Mapped[int] = mapped_column(default=0, server_default="0")  # times a result was stored: 1
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    report_json: Mapped[str | None] = mapped_column(Text, nullable=True)
    checked_at: Mapped[datetime | None] = mapped_column(nullable=True)
    access_code: Mapped[str] = mapped_column(String(32), unique=True, default=lambda: secrets.token_urlsafe(12))
    overrides_json: Mapped[str] = mapped_column(Text, default="{}")  # criterion -> teacher's score
    comment: Mapped[str | None] = mapped_column(Text, nullable=True)
    # The teacher's review: dismissed findings, comments on sentences, the rubric re-marked without
    # the dismissed findings (see review.py). The checker's report itself is never changed.
    review_json: Mapped[str] = mapped_column(Text, default="{}", server_default="{}")
    marked_version: Mapped[int | None] = mapped_column(nullable=True)  # the assignment version it was marked on

    batch: Mapped[Batch] = relationship(back_populates="essays")
    changes: Mapped[list["Change"]] = relationship(back_populates="essay", cascade="all, delete-orphan",
                                                   order_by="Change.at")
    __table_args__ = (Index("ix_essay_status", "status"),)

    @property
    def report(self) -> dict | None:
        return json.loads(self.report_json) if self.report_json else None

    @property
    def score_overrides(self) -> dict[str, float]:
        return json.loads(self.overrides_json or "{}")

    @property
    def review(self) -> dict:
        return json.loads(self.review_json or "{}")

    def marked(self) -> dict | None:
        """The report as the teacher has reviewed it: the one version every page, export and link shows."""
        from .review import teacher_version

        r = self.report
        return teacher_version(r, self.review, self.score_overrides) if r is not None else None

    def scores(self) -> dict:
        """Per-criterion scores with the teacher's review and overrides applied, and the total."""
        r = self.marked()
        if r is None:
            return {}
        out = {c["name"]: c["score"] for c in r["rubric"]["criteria"]}
        out["total"] = r["rubric"]["total"]
        out["max"] = r["rubric"]["max"]
        return out


class Change(db.Model):
    """Who changed what on an essay's marks, and when: kept for ever."""

    id: Mapped[int] = mapped_column(primary_key=True)
    essay_id: Mapped[int] = mapped_column(ForeignKey("essay.id"), index=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("teacher.id"))
    field: Mapped[str] = mapped_column(String(60))
    old: Mapped[str | None] = mapped_column(Text, nullable=True)
    new: Mapped[str | None] = mapped_column(Text, nullable=True)
    at: Mapped[datetime] = mapped_column(default=now)

    essay: Mapped[Essay] = relationship(back_populates="changes")
    teacher: Mapped[Teacher] = relationship()
