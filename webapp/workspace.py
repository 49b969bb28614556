"""Teachers' assignments as checkers: built from the database once per version and shared."""
from __future__ import annotations

import threading
import tomllib

from essaycheck.assignment import Assignment as Checker
from essaycheck.config import Settings
from essaycheck.errors import PackError
from essaycheck.factbase import Source as CoreSource
from essaycheck.pack import PackInfo
from essaycheck.pipeline import load_pipeline
from essaycheck.rubric import Rubric, rubric_from_data

from . import models

_CACHE: dict[tuple[int, int], Checker] = {}
_LOCK = threading.Lock()


def parse_rubric(toml_text: str | None) -> Rubric | None:
    """A rubric from TOML text, or None for the default; a PackError says what is wrong."""
    if not toml_text or not toml_text.strip():
        return None
    try:
        data = tomllib.loads(toml_text)
    except tomllib.TOMLDecodeError as exc:
        raise PackError(f"rubric: not valid TOML ({exc})") from None
    except RecursionError:
        raise PackError("rubric: not valid TOML (nested too deep)") from None
    try:
        rubric = rubric_from_data(data, "rubric")
        rubric.evaluate([], {"facts": []})  # a band that cannot be compared fails here, not in every check
    except PackError:
        raise
    except (TypeError, ValueError, AttributeError, KeyError, IndexError) as exc:
        # A value of the wrong type ("weight = 'heavy'"): the rubric engine takes the types on trust.
        raise PackError(f"rubric: a value has the wrong type ({exc})") from None
    return rubric


def checker_for(a: models.Assignment, settings: Settings | None = None) -> Checker:
    """The built checker for this version of the assignment (built on first use)."""
    key = (a.id, a.version)
    if key in _CACHE:
        return _CACHE[key]
    settings = settings or Settings.from_env()
    info = PackInfo(f"assignment-{a.id}", a.title, [CoreSource(s.name, s.text) for s in a.sources],
                    a.overrides, None, a.mode, a.day_first)
    rubric = parse_rubric(a.rubric_toml)
    with _LOCK:
        if key not in _CACHE:
            for old in [k for k in _CACHE if k[0] == a.id]:
                del _CACHE[old]  # an older version of this assignment
            _CACHE[key] = Checker.from_info(info, settings, load_pipeline(settings), rubric)
    return _CACHE[key]
