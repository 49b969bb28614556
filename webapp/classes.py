"""Class assignments: a teacher publishes an assignment and students reach it by a short code.

The code is the assignment's id for students, on the page (``/c/<code>``) and in the API. Only
a published assignment answers to its code; unpublishing takes it away at once, and
publishing again gives it back under the same code. The built-in packs stay available to all.
"""
from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from sqlalchemy import select

from essaycheck.assignment import Assignment as Checker

from .db import db
from .library import library
from .models import Assignment
from .workspace import checker_for

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read aloud in class and typed on phones
LENGTH = 6
_SHAPE = re.compile(rf"^[{ALPHABET}]{{{LENGTH}}}$")


@dataclass
class Offer:
    """An assignment a student may check against: its public id, title, level(s) and checker."""

    id: str
    title: str
    mode: str
    modes: tuple[str, ...]
    checker: Checker
    code: str | None = None  # set for a class assignment


def new_code() -> str:
    """A class code no other assignment has."""
    while True:
        code = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
        if db.session.scalar(select(Assignment.id).where(Assignment.class_code == code)) is None:
            return code


def normalise(code: str | None) -> str:
    """What a student typed, as a code: capitals, without spaces or dashes ("k7m 2qx" is "K7M2QX")."""
    return re.sub(r"[\s-]+", "", code or "").upper()


def published(code: str | None) -> Assignment | None:
    """The published assignment with this code, or None (unknown, or not published)."""
    code = normalise(code)
    if not _SHAPE.match(code):
        return None
    return db.session.scalar(select(Assignment).where(Assignment.class_code == code, Assignment.published))


def offer(assignment_id: str) -> Offer | None:
    """A built-in pack by its id, or a published class assignment by its code."""
    pack = library().get(assignment_id) if assignment_id in library().pack_dirs() else None
    if pack is not None:
        return Offer(assignment_id, pack.title, pack.mode, tuple(pack.modes), pack)
    a = published(assignment_id)
    if a is None:
        return None
    return Offer(a.class_code, a.title, a.level, (a.level,), checker_for(a), a.class_code)


def describe(o: Offer) -> dict:
    """An assignment as the API lists it."""
    return {"id": o.id, "title": o.title, "mode": o.mode, "modes": list(o.modes)}
