"""What a request carries, made safe once at the door: text normalised, JSON bounded in depth.

Every form field, query argument, uploaded file name and JSON string passes through the core's
``normalise`` (no NUL or other control characters, no lone surrogates) before any view sees
it, so essays, names, titles and file names are clean on every path, and PostgreSQL never
meets a NUL. JSON bodies are refused past a nesting depth before they are parsed: Python's
``json`` has no such option and fails deep input with a RecursionError, which is not the
ValueError Werkzeug turns into a 400, so that one check is written here.
"""
from __future__ import annotations

import json
import re

from flask import Flask, Request as FlaskRequest, abort, request
from flask.json.provider import DefaultJSONProvider
from werkzeug.datastructures import FileStorage, ImmutableMultiDict
from werkzeug.utils import cached_property

from essaycheck.reading import clean_line, normalise

MAX_JSON_DEPTH = 32  # the API's bodies are flat objects; 32 leaves room for any client's wrapping
MAX_FILENAME = 255
_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.S)
_UNSAFE_PATH = re.compile("[\x00-\x1f\x7f\ud800-\udfff]")


class Request(FlaskRequest):
    """Flask's request with its form fields, query arguments and file names normalised."""

    @cached_property
    def args(self):
        return _clean(super().args)

    def _load_form_data(self) -> None:
        super()._load_form_data()
        self.__dict__["form"] = _clean(self.__dict__["form"])
        for upload in self.__dict__["files"].values():
            if isinstance(upload, FileStorage) and upload.filename:
                upload.filename = clean_line(upload.filename, MAX_FILENAME)


class JSONProvider(DefaultJSONProvider):
    """Flask's JSON, refusing deep nesting before parsing and normalising every string it reads."""

    def loads(self, s: str | bytes, **kwargs):
        if isinstance(s, (bytes, bytearray)):
            s = s.decode(json.detect_encoding(s), "surrogatepass")
        check_depth(s)
        return _clean_json(super().loads(s, **kwargs))


def check_depth(text: str, limit: int = MAX_JSON_DEPTH) -> None:
    """Raise ValueError (a 400 from ``get_json``) if brackets nest deeper than ``limit`` outside strings."""
    depth = 0
    for m in _JSON_TOKENS.finditer(text):
        c = m.group()
        if c in "[{":
            depth += 1
            if depth > limit:
                raise ValueError(f"JSON nested deeper than {limit} levels")
        elif c in "]}":
            depth -= 1


def _clean(values: ImmutableMultiDict) -> ImmutableMultiDict:
    # A multipart part with an empty name has the key None: kept as it is.
    return ImmutableMultiDict([(normalise(k) if isinstance(k, str) else k, normalise(v) if isinstance(v, str) else v)
                               for k, v in values.items(multi=True)])


def _clean_json(value):
    if isinstance(value, str):
        return normalise(value)
    if isinstance(value, list):
        return [_clean_json(v) for v in value]
    if isinstance(value, dict):
        return {normalise(k): _clean_json(v) for k, v in value.items()}
    return value


def init_app(app: Flask) -> None:
    app.request_class = Request
    app.json = JSONProvider(app)

    @app.before_request
    def _no_control_characters_in_paths() -> None:
        # No route has one; refusing them here keeps a NUL in an id or a code away from the database.
        if _UNSAFE_PATH.search(request.path):
            abort(404)
