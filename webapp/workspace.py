"""Teachers' assignments as checkers: built from the database once per content and shared."""
from __future__ import annotations

import hashlib
import threading
import tomllib
from collections import OrderedDict

from essaycheck.assignment import Assignment as Checker
from essaycheck.config import Settings
from essaycheck.errors import PackError
from essaycheck.factbase import Source as CoreSource
from essaycheck.pack import PackInfo
from essaycheck.pipeline import load_pipeline
from essaycheck.rubric import Rubric, load_rubric, rubric_from_data

from . import models

MAX_CACHED = 16  # built checkers kept per process (a fact base is a few MB)
_CACHE: OrderedDict[str, Checker] = OrderedDict()
_RUBRICS: OrderedDict[str, Rubric] = OrderedDict()
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
    """The built checker for the assignment as it stands (built on first use, then shared).

    Cached by what it is built from (sources, corrections, rubric, level, date order), never
    by the row's id: an unsaved assignment has no id yet, and two of them built in one request
    must not share a checker; nor may two databases' assignment 1.
    """
    key = _digest(a)
    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    settings = settings or Settings.from_env()
    info = PackInfo(f"assignment-{a.id}", a.title, [CoreSource(s.name, s.text) for s in a.sources],
                    a.overrides, None, a.level, a.day_first, (a.level,))
    checker = Checker.from_info(info, settings, load_pipeline(settings), parse_rubric(a.rubric_toml))
    with _LOCK:
        _remember(_CACHE, key, checker)
    return checker


def rubric_for(a: models.Assignment, settings: Settings | None = None) -> Rubric:
    """The assignment's rubric alone (re-scoring a reviewed essay needs no fact base)."""
    key = hashlib.sha256((a.rubric_toml or "").encode()).hexdigest()
    with _LOCK:
        if key in _RUBRICS:
            return _RUBRICS[key]
    rubric = parse_rubric(a.rubric_toml) or load_rubric((settings or Settings.from_env()).default_rubric_path)
    with _LOCK:
        _remember(_RUBRICS, key, rubric)
    return rubric


def _digest(a: models.Assignment) -> str:
    h = hashlib.sha256()
    for part in (a.title, a.level, str(a.day_first), a.overrides_json or "{}", a.rubric_toml or ""):
        h.update(part.encode() + b"\0")
    for src in sorted(a.sources, key=lambda x: x.name):
        h.update(src.name.encode() + b"\0" + src.text.encode() + b"\0")
    return h.hexdigest()


def _remember(cache: OrderedDict, key: str, value) -> None:
    cache[key] = value
    cache.move_to_end(key)
    while len(cache) > MAX_CACHED:
        cache.popitem(last=False)
