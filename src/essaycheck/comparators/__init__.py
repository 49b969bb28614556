"""Comparators: one small judge per kind of detail (date, number, person, place, gap, order).

Each is a function ``(claim, context) -> list[Finding]`` registered by name, like a
spaCy factory, and the checker runs the ones its configuration lists. A comparator
says ``contradicted`` only when the claim is clearly about an event the sources tell
and no reading of the sources agrees with it; otherwise it says ``supported`` or
nothing.
"""
from __future__ import annotations

from typing import Callable

from ..claims import Claim
from ..findings import Finding
from .context import Context

Comparator = Callable[[Claim, Context], list[Finding]]
REGISTRY: dict[str, Comparator] = {}
#: The comparators a checker runs unless told otherwise, in order.
DEFAULT = ("date", "number", "person", "place", "role", "gap", "order")


def comparator(name: str) -> Callable[[Comparator], Comparator]:
    """Register a comparator under ``name``."""
    def register(fn: Comparator) -> Comparator:
        REGISTRY[name] = fn
        return fn
    return register


def get(name: str) -> Comparator:
    try:
        return REGISTRY[name]
    except KeyError:
        raise KeyError(f"no comparator named {name!r} (known: {', '.join(sorted(REGISTRY))})") from None


# Importing the modules registers them.
from . import date, gap, number, order, person, place, role  # noqa: E402,F401

__all__ = ["Context", "Comparator", "DEFAULT", "REGISTRY", "comparator", "get"]
