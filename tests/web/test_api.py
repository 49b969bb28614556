"""The JSON API exactly as CONTRACT.md describes it, and its OpenAPI document checked against it."""
from __future__ import annotations

import io
import json

import pytest

pytestmark = pytest.mark.integration
CMC = "cuban-missile-crisis"
WRONG = "On 18 October 1962 President Kennedy was informed about the missile bases on Cuba."


def test_assignments_lists_the_default_pack(client):
    r = client.get("/api/v1/assignments")
    assert r.status_code == 200
    assert {"id": CMC, "title": "The Cuban Missile Crisis", "mode": "point",
            "modes": ["flag", "point", "reveal"]} in r.json["assignments"]


def test_check_with_json_returns_the_report(client):
    r = client.post("/api/v1/check", json={"assignment": CMC, "essay": WRONG, "mode": "reveal"})
    report = r.json
    assert r.status_code == 200 and report["schema"] == "essaycheck.report/1" and report["essay"] is None
    (wrong,) = [f for f in report["findings"] if f["verdict"] == "contradicted"]
    assert WRONG[wrong["start"]:wrong["end"]] == "18 October 1962" and wrong["expected"] == "16 October 1962"
    assert report["rubric"]["total"] < report["rubric"]["max"]


def test_check_with_an_upload_names_the_file(client):
    r = client.post("/api/v1/check", data={"assignment": CMC, "file": (io.BytesIO(WRONG.encode()), "anna.txt")},
                    content_type="multipart/form-data")
    assert r.status_code == 200 and r.json["essay"] == "anna.txt"


@pytest.mark.parametrize(("kwargs", "status", "code"), [
    ({"data": "{not json", "content_type": "application/json"}, 400, "bad_json"),
    ({"json": ["a", "list"]}, 400, "bad_json"),
    ({"json": {"essay": WRONG}}, 400, "missing_field"),
    ({"json": {"assignment": CMC, "essay": 42}}, 400, "missing_field"),
    ({"json": {"assignment": CMC, "essay": WRONG, "mode": "loud"}}, 400, "bad_mode"),
    ({"json": {"assignment": "atlantis", "essay": WRONG}}, 404, "assignment_not_found"),
    ({"json": {"assignment": CMC, "essay": "x " * 40_000}}, 413, "essay_too_large"),
    ({"data": WRONG, "content_type": "text/plain"}, 415, "unsupported_media_type"),
    ({"json": {"assignment": CMC, "essay": "  \n "}}, 422, "essay_empty"),
    ({"data": {"assignment": CMC}, "content_type": "multipart/form-data"}, 400, "missing_field"),
    ({"data": {"assignment": CMC, "file": (io.BytesIO(b"MZ"), "e.exe")}, "content_type": "multipart/form-data"},
     415, "unsupported_type"),
    ({"data": {"assignment": CMC, "file": (io.BytesIO(b"\xff\xfe\x00x"), "e.txt")},
      "content_type": "multipart/form-data"}, 422, "unreadable"),
    ({"data": {"assignment": CMC, "file": (io.BytesIO(b"PK\x03\x04broken"), "e.docx")},
      "content_type": "multipart/form-data"}, 422, "unreadable"),
    ({"data": {"assignment": CMC, "file": (io.BytesIO(b"a" * (10 * 1024 * 1024)), "e.txt")},
      "content_type": "multipart/form-data"}, 413, "too_large"),
])
def test_errors_are_json_with_the_contract_status(client, kwargs, status, code):
    r = client.post("/api/v1/check", **kwargs)
    assert r.status_code == status, r.get_data(as_text=True)[:300]
    assert r.json["error"]["code"] == code and r.json["error"]["message"]


def test_unknown_api_paths_and_methods_answer_in_json(client):
    assert client.get("/api/v1/nope").json["error"]["code"] == "not_found"
    r = client.get("/api/v1/check")
    assert r.status_code == 405 and r.json["error"]["code"] == "method_not_allowed"


def test_the_api_needs_no_csrf_token(nlp):
    from webapp import create_app

    app = create_app({"TESTING": True, "SECRET_KEY": "test"})
    assert app.test_client().post("/api/v1/check", json={"assignment": CMC, "essay": WRONG}).status_code == 200


def test_openapi_document_describes_every_route(client, app):
    doc = client.get("/api/v1/openapi.json").json
    assert doc["openapi"].startswith("3.")
    api_rules = {r.rule for r in app.url_map.iter_rules() if r.rule.startswith("/api/")}
    assert api_rules == set(doc["paths"])
    json.dumps(doc)  # serialisable as it stands
