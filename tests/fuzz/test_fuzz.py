"""Hostile input against a real server, bounded in seconds: no 5xx, no traceback, memory under a bound,
nothing stored from a refused upload.

Generated essays and JSON bodies go to the API; bombs, corrupt files and hostile names go to every
upload path (the API, the student page, a teacher's batch and a teacher's sources); the authorization
matrix tries every object URL as its owner, as another teacher, anonymously and with forged CSRF
tokens. The tests share one server and run in order; the last one reads its peak memory and its log.
"""
from __future__ import annotations

import csv
import difflib
import io
import json
import re
import time
import zipfile
from functools import lru_cache
from pathlib import Path

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hostile
from fuzzing import MEMORY_BOUND_MB, ROOT, scale

pytestmark = pytest.mark.integration
CMC = "cuban-missile-crisis"
ESSAY = hostile.ESSAY
WRONG = "On 18 October 1962 President Kennedy was informed about the missile bases on Cuba."
FUZZ = settings(deadline=None, database=None, suppress_health_check=list(HealthCheck), print_blob=True)

# Every kind of code point, lone surrogates and control characters included.
ANY_CHAR = st.characters(categories=["L", "M", "N", "P", "S", "Z", "Cc", "Cf", "Cs", "Co", "Cn"])
SNIPPETS = [
    "in the 1st century", "the 0th century", "the early 29th century", "On 31 February 1962", "1962-13-45",
    "on 0000-01-01", "in the year 0", "six days later", "ten centuries before the siege", "the 99th of October",
    "about -5 miles", "1e309 kilometres", "9" * 400, "\ud800", "\udfff\ud800", "\x00", "\r\n\r", "\u202e",
    "<script>alert(1)</script>", "=HYPERLINK(\"http://evil.example\")", "' OR 1=1 --", "%s%s%n", "{{7*7}}",
    "Kennedy " * 200, "\t" * 50, "\u0301" * 100,
]
SENTENCES = [s.strip() for p in sorted((ROOT / "rubric" / CMC / "sources").glob("*.txt"))
             for s in re.split(r"(?<=[.!?])\s+", p.read_text()) if 20 < len(s.strip()) < 300][:80]
ESSAYS = st.lists(st.one_of(st.text(ANY_CHAR, max_size=40), st.sampled_from(SNIPPETS), st.sampled_from(SENTENCES)),
                  min_size=1, max_size=12).map(" ".join)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(ANY_CHAR, max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(ANY_CHAR, max_size=10), inner, max_size=4),
    max_leaves=12)
# Names typed into forms and file names: a browser sends a lone surrogate as U+FFFD (a form field is a
# USVString), and an HTTP client cannot encode one at all, so they arrive replaced.
NAMES = st.text(ANY_CHAR, min_size=1, max_size=300).map(
    lambda s: "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in s))


# -- shared state: two teachers, an assignment with a marked batch ----------------------------------

@pytest.fixture(scope="module")
def world(target):
    """Ann's assignment with a marked batch of three essays, and the ids the matrix needs."""
    ann, bob = target.login(0), target.login(1)
    token = target.csrf(ann, "/teacher/assignments/new")
    r = target.send("setup", ann, "POST", "/teacher/assignments/new", data={
        "title": "Fuzz", "pack": CMC, "mode": "hint", "date_order": "day-first", "csrf_token": token})
    a = int(r.headers["Location"].rstrip("/").split("/")[-1])
    essays = [(f"student_{i}.txt", f"{ESSAY} {s}".encode()) for i, s in enumerate(SENTENCES[:3])]
    essays[0] = ("student_0.txt", f"{ESSAY} {WRONG}".encode())  # a flag to dismiss
    r = target.send("setup", ann, "POST", f"/teacher/assignments/{a}/batches",
                    data={"name": "10A", "csrf_token": target.csrf(ann, f"/teacher/assignments/{a}")},
                    files=[("files", (n, d, "text/plain")) for n, d in essays])
    b = int(r.headers["Location"].rstrip("/").split("/")[-1])
    deadline = time.monotonic() + 120
    while not ann.get(f"{target.base}/teacher/batches/{b}/progress.json", timeout=30).json()["complete"]:
        assert time.monotonic() < deadline, "the batch was not marked in time"
        time.sleep(0.3)
    batch_page = ann.get(f"{target.base}/teacher/batches/{b}", timeout=30).text
    e = int(re.search(r'href="/teacher/essays/(\d+)"', batch_page).group(1))
    essay_page = ann.get(f"{target.base}/teacher/essays/{e}", timeout=30).text
    k = re.search(r'/findings/([^/"]+)/dismiss', essay_page).group(1)
    sentence = re.search(r'<option value="(\d+-\d+)"', essay_page).group(1)
    r = target.send("setup", ann, "POST", f"/teacher/essays/{e}/comments", data={
        "comment-sentence": sentence, "comment-text": "A comment", "csrf_token": target.csrf(ann, f"/teacher/essays/{e}")})
    assert r.status_code == 302
    f = re.search(r'<li id="(f\w+)" class="fact', ann.get(f"{target.base}/teacher/assignments/{a}").text).group(1)
    export = list(csv.DictReader(io.StringIO(ann.get(f"{target.base}/teacher/batches/{b}/export.csv").text)))
    code = export[0]["link"].rstrip("/").split("/")[-1]
    return {"ann": ann, "bob": bob, "a": a, "b": b, "e": e, "f": f, "code": code, "k": k, "n": 1}


def batches_of(target, world) -> set[str]:
    page = world["ann"].get(f"{target.base}/teacher/assignments/{world['a']}", timeout=60).text
    return set(re.findall(r'href="/teacher/batches/(\d+)"', page))


def assignments_of(target, session) -> set[str]:
    return set(re.findall(r'href="/teacher/assignments/(\d+)"', session.get(f"{target.base}/teacher/", timeout=60).text))


# -- generated essays and JSON bodies against the API ------------------------------------------------

@settings(FUZZ, max_examples=100 * scale())
@given(essay=ESSAYS, mode=st.sampled_from([None, "hint", "reveal"]))
def test_generated_essays_never_break_the_api(target, essay, mode):
    body = {"assignment": CMC, "essay": essay, **({"mode": mode} if mode else {})}
    r = target.send("essays (API)", requests, "POST", "/api/v1/check", data=json.dumps(body),
                    headers={"Content-Type": "application/json"})
    assert r.status_code in (200, 413, 422, 429), r.text[:300]  # 429: a staging server's rate limit
    if r.status_code == 200:
        report = r.json()
        assert report["schema"] == "essaycheck.report/1" and "rubric" in report


@settings(FUZZ, max_examples=150 * scale())
@given(body=st.one_of(
    JSON_VALUES.map(json.dumps),
    st.fixed_dictionaries({"assignment": st.one_of(st.just(CMC), JSON_VALUES), "essay": st.one_of(ESSAYS, JSON_VALUES)},
                          optional={"mode": st.one_of(st.sampled_from(["hint", "reveal", "flag", "point"]),
                                                      JSON_VALUES)}).map(json.dumps),
    st.integers(1, 20_000).map(lambda n: "[" * n + "]" * n),
    st.integers(1, 5_000).map(lambda n: '{"a":' * n + "1" + "}" * n),
    st.binary(max_size=300).map(lambda b: b.decode("latin-1")),
), content_type=st.sampled_from(["application/json", "application/json; charset=utf-16", "text/plain", ""]))
def test_generated_json_bodies_never_break_the_api(target, body, content_type):
    r = target.send("JSON bodies (API)", requests, "POST", "/api/v1/check", data=body.encode("utf-8", "surrogatepass"),
                    headers={"Content-Type": content_type} if content_type else {})
    assert r.status_code in (200, 400, 404, 413, 415, 422, 429), r.text[:300]
    assert r.headers["Content-Type"].startswith("application/json")
    if r.status_code != 200:
        assert r.json()["error"]["message"]


# -- bombs, corrupt files and hostile names against every upload path ----------------------------------

@lru_cache(maxsize=1)
def corpus() -> list[tuple[str, str, bytes]]:
    """(what, file name, bytes): each a way a file can hurt a reader."""
    many = [(f"e{i}.txt", ESSAY) for i in range(600)]
    return [
        ("docx: 200 MB of XML, deflated", "essay.docx", hostile.docx_bomb(200)),
        ("docx: 20 MB of XML, LZMA", "essay.docx", hostile.docx_bomb(20, zipfile.ZIP_LZMA)),
        ("docx: 2 MB of XML, bzip2", "essay.docx", hostile.docx_bomb(2, zipfile.ZIP_BZIP2)),
        ("docx: a size that lies", "essay.docx", hostile.lie_about_size(hostile.docx_bomb(30), "word/document.xml", 99)),
        ("docx: 7 MB of tiny paragraphs", "essay.docx", hostile.docx_bomb(7)),
        ("docx: XML 5,000 deep", "essay.docx", hostile.docx_deep(5000)),
        ("docx: billion laughs", "essay.docx", hostile.docx_laughs()),
        ("pdf: a 60 MB stream", "essay.pdf", hostile.pdf_bomb(60)),
        ("pdf: 400 pages", "essay.pdf", hostile.pdf_of([hostile.text_stream("A page.")] * 400)),
        ("pdf: 5 MB of text", "essay.pdf", hostile.pdf_of([hostile.text_stream("y" * 200, 300)] * 90)),
        ("pdf: garbage", "essay.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 40),
        ("zip: 30 MB of zeros", "class.zip", hostile.zip_bomb(30)),
        ("zip: an LZMA member", "class.zip", hostile.zip_with_method(zipfile.ZIP_LZMA, 20)),
        ("zip: a bzip2 member", "class.zip", hostile.zip_with_method(zipfile.ZIP_BZIP2, 20)),
        ("zip: a size that lies", "class.zip", hostile.lie_about_size(hostile.zip_bomb(30), "bomb.txt", 99)),
        ("zip: a path out of its folder", "class.zip", _zip([("../../evil.txt", ESSAY)])),
        ("zip: 600 files", "class.zip", _zip(many)),
        ("zip: a zip inside", "class.zip", _zip([("inner.zip", _zip([("a.txt", ESSAY)])), ("b.txt", ESSAY)])),
        ("zip: hostile member names", "class.zip", _zip([("a\x01b\x7f.txt", ESSAY), ("x" * 250 + ".txt", ESSAY)])),
        ("csv: a million empty rows", "class.csv", b"student,essay\n" + b",\n" * 1_000_000),
        ("csv: a million rows", "class.csv", b"student,essay\n" + f"Ann,{ESSAY}\n".encode() * 1_000_000),
        ("csv: a 200,000-character cell", "class.csv", hostile.csv_of([("Ann", "x" * 200_000)])),
        ("csv: formulas and NUL", "class.csv", hostile.csv_of([("=1+1\x00", ESSAY), ("@x" * 200, "-" + ESSAY)])),
        ("csv: no header", "class.csv", b""),
        ("txt: binary", "essay.txt", bytes(range(256)) * 10),
        ("txt: Latin-1", "essay.txt", "Caf\xe9 in 1962".encode("latin-1")),
        ("txt: 3 MB", "essay.txt", b"In 1962 Kennedy was told. " * 120_000),
        ("an executable", "essay.exe", b"MZ" + bytes(1000)),
        ("an empty file", "essay.txt", b""),
    ]


def _zip(entries) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            z.writestr(name, data)
    return buf.getvalue()


def via_api(target, world, name: str, data: bytes, kind: str) -> None:
    r = target.send(kind, requests, "POST", "/api/v1/check", data={"assignment": CMC},
                    files={"file": (name, data, "application/octet-stream")})
    assert r.status_code in (200, 400, 413, 415, 422, 429)


def via_student_page(target, world, name: str, data: bytes, kind: str) -> None:
    s = requests.Session()
    token = target.csrf(s, "/")
    r = target.send(kind, s, "POST", "/", data={"assignment": CMC, "mode": "hint", "csrf_token": token},
                    files={"upload": (name, data, "application/octet-stream")})
    assert r.status_code in (200, 400, 413, 415, 422, 429)


def via_batch(target, world, name: str, data: bytes, kind: str, batch_name: str = "fuzz") -> None:
    ann, a = world["ann"], world["a"]
    before = batches_of(target, world)
    r = target.send(kind, ann, "POST", f"/teacher/assignments/{a}/batches",
                    data={"name": batch_name, "csrf_token": target.csrf(ann, "/teacher/")},
                    files=[("files", (name, data, "application/octet-stream"))])
    made = re.search(r"/teacher/batches/(\d+)$", r.headers.get("Location", ""))
    if made is None:  # refused whole, or too large for the server: nothing of it may be stored
        assert r.status_code in (303, 400, 413), r.status_code
        assert batches_of(target, world) == before, f"{kind}: a refused upload left a batch behind"
    else:
        assert batches_of(target, world) == before | {made.group(1)}


def via_sources(target, world, name: str, data: bytes, kind: str, title: str = "Fuzz sources") -> None:
    ann = world["ann"]
    before = assignments_of(target, ann)
    r = target.send(kind, ann, "POST", "/teacher/assignments/new",
                    data={"title": title, "pack": "", "mode": "hint", "date_order": "day-first",
                          "csrf_token": target.csrf(ann, "/teacher/")},
                    files=[("sources", (name, data, "application/octet-stream"))])
    if r.status_code == 302:
        assert len(assignments_of(target, ann) - before) == 1
    else:
        assert r.status_code in (400, 413, 422), r.status_code
        assert assignments_of(target, ann) == before, f"{kind}: a refused source upload left an assignment"


PATHS = {"API": via_api, "student page": via_student_page, "batch": via_batch, "sources": via_sources}


@pytest.mark.parametrize("path", list(PATHS))
def test_bombs_and_broken_files_are_refused_on_every_upload_path(target, world, path):
    for what, name, data in corpus():
        PATHS[path](target, world, name, data, f"files ({path})")


VALID = {"essay.docx": lambda: hostile.docx_of(hostile.document_xml([ESSAY, "In 1959 Castro took power."])),
         "essay.pdf": lambda: hostile.pdf_of([hostile.text_stream(ESSAY)]),
         "class.zip": lambda: _zip([("anna.txt", ESSAY), ("ben.docx", VALID["essay.docx"]())]),
         "class.csv": lambda: hostile.csv_of([("Ann", ESSAY), ("Ben", ESSAY)])}


@settings(FUZZ, max_examples=40 * scale())
@given(name=st.sampled_from(sorted(VALID)), cuts=st.lists(st.tuples(st.floats(0, 1), st.binary(max_size=8)),
                                                          min_size=1, max_size=6),
       truncate=st.floats(0.05, 1.0), path=st.sampled_from(["API", "batch"]))
def test_corrupted_files_are_refused_or_read(target, world, name, cuts, truncate, path):
    data = bytearray(VALID[name]())
    for where, junk in cuts:
        i = int(where * len(data))
        data[i:i + len(junk)] = junk
    data = bytes(data[:max(1, int(truncate * len(data)))])
    PATHS[path](target, world, name, data, f"corrupted files ({path})")


@settings(FUZZ, max_examples=25 * scale())
@given(file_name=NAMES, batch_name=NAMES, title=NAMES)
def test_hostile_names_and_titles_are_stored_clean(target, world, file_name, batch_name, title):
    via_batch(target, world, file_name + ".txt", ESSAY.encode(), "names (batch)", batch_name=batch_name)
    via_sources(target, world, file_name + ".txt", ESSAY.encode(), "names (sources)", title=title)
    via_api(target, world, file_name + ".txt", ESSAY.encode(), "names (API)")


# -- the authorization matrix ------------------------------------------------------------------------

# Every URL with an object in it, each with the methods it answers (checked against the app below).
MATRIX = [
    ("GET", "/teacher/assignments/{a}"), ("GET", "/teacher/assignments/{a}/settings"),
    ("POST", "/teacher/assignments/{a}/settings"), ("POST", "/teacher/assignments/{a}/facts"),
    ("POST", "/teacher/assignments/{a}/facts/{f}/restore"), ("POST", "/teacher/assignments/{a}/aliases"),
    ("POST", "/teacher/assignments/{a}/publish"), ("GET", "/teacher/assignments/{a}/rubric"),
    ("POST", "/teacher/assignments/{a}/rubric"), ("POST", "/teacher/assignments/{a}/rubric/import"),
    ("GET", "/teacher/assignments/{a}/rubric.toml"),
    ("POST", "/teacher/assignments/{a}/batches"), ("GET", "/teacher/batches/{b}"),
    ("GET", "/teacher/batches/{b}/progress.json"), ("POST", "/teacher/batches/{b}/remark"),
    ("POST", "/teacher/batches/{b}/release"),
    ("GET", "/teacher/batches/{b}/export.csv"), ("GET", "/teacher/batches/{b}/report"),
    ("GET", "/teacher/batches/{b}/report.csv"), ("GET", "/teacher/essays/{e}"), ("POST", "/teacher/essays/{e}"),
    ("POST", "/teacher/essays/{e}/findings/{k}/dismiss"), ("POST", "/teacher/essays/{e}/findings/{k}/restore"),
    ("POST", "/teacher/essays/{e}/comments"), ("POST", "/teacher/essays/{e}/comments/{n}/delete"),
    ("GET", "/r/{code}"), ("GET", "/c/{code}"), ("POST", "/c/{code}"),
]
PUBLIC = ("/r/", "/c/")  # students' links: no log-in, and not found until released or published
FORMS = {"/teacher/assignments/{a}/settings": {"title": "Changed", "mode": "reveal", "date_order": "month-first"},
         "/teacher/assignments/{a}/facts": {"{f}-shown": "1", "{f}-date": "1900-01-01", "{f}-drop": "y"},
         "/teacher/assignments/{a}/rubric/import": {"toml": "title = 'stolen'"},
         "/teacher/essays/{e}/findings/{k}/dismiss": {"reason": "other", "note": "stolen"},
         "/teacher/essays/{e}/comments": {"comment-sentence": "0-10", "comment-text": "stolen"},
         "/c/{code}": {"assignment": "{code}", "essay": "stolen"},
         "/teacher/assignments/{a}/aliases": {"entity": "Kennedy", "forms": "stolen"},
         "/teacher/assignments/{a}/batches": {"name": "stolen"},
         "/teacher/essays/{e}": {"score_accuracy": "0", "comment": "changed"}}
_TOKEN_VALUES = re.compile(r'(value=")[\w-]+\.[\w-]+\.[\w-]{20,}"')  # Flask-WTF's signed tokens: new on every page


def _fill(template: str, world: dict) -> str:
    return template.format(**{k: world[k] for k in ("a", "b", "e", "f", "code", "k", "n")})


def _snapshot(target, world) -> list[str]:
    ann = world["ann"]
    pages = [f"/teacher/assignments/{world['a']}", f"/teacher/assignments/{world['a']}/settings",
             f"/teacher/assignments/{world['a']}/rubric",
             f"/teacher/batches/{world['b']}", f"/teacher/essays/{world['e']}",
             f"/teacher/batches/{world['b']}/export.csv", "/teacher/"]
    return [_TOKEN_VALUES.sub(r"\1", ann.get(target.base + p, timeout=60).text) for p in pages]


def test_the_matrix_covers_every_object_url(target, app):
    if not target.local:
        pytest.skip("compared with the app's own routes on a local server only")
    names = {"assignment_id": "a", "batch_id": "b", "essay_id": "e", "fact_id": "f", "code": "code",
             "finding_key": "k", "comment_id": "n"}
    covered = set(MATRIX)
    for rule in app.url_map.iter_rules():
        if not rule.arguments or rule.endpoint == "static":
            continue
        template = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: "{" + names[m.group(1)] + "}", rule.rule)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert (method, template) in covered, f"{method} {template} is not in the authorization matrix"


def test_no_one_but_the_owner_reaches_an_object(target, world):
    before = _snapshot(target, world)
    bob, anonymous = world["bob"], requests.Session()
    bob_token = target.csrf(bob, "/teacher/assignments/new")
    for method, template in MATRIX:
        url = _fill(template, world)
        form = {_fill(k, world): v for k, v in FORMS.get(template, {}).items()}
        if method == "GET":
            r = target.send("authorization", bob, "GET", url)
            assert r.status_code == 404, f"another teacher: GET {url} gave {r.status_code}"
            r = target.send("authorization", anonymous, "GET", url)
            if template.startswith(PUBLIC):
                assert r.status_code == 404  # not released or published yet
            else:
                assert r.status_code == 302 and "/teacher/login" in r.headers["Location"], url
            continue
        r = target.send("authorization", bob, "POST", url, data={**form, "csrf_token": bob_token})
        assert r.status_code == 404, f"another teacher: POST {url} gave {r.status_code}"
        r = target.send("authorization", anonymous, "POST", url, data=form)
        assert r.status_code in (302, 400), f"anonymous: POST {url} gave {r.status_code}"
        for token in ("forged", bob_token, None):  # made up, someone else's, none at all
            data = {**form, **({"csrf_token": token} if token else {})}
            r = target.send("forged CSRF", world["ann"], "POST", url, data=data)
            assert r.status_code == 400, f"forged CSRF: POST {url} gave {r.status_code}"
    after = _snapshot(target, world)
    changed = [difflib.unified_diff(b.splitlines(), a.splitlines(), lineterm="", n=1) for b, a in zip(before, after)
               if b != a]
    assert not changed, "an attempt by someone other than the owner changed something:\n" + "\n".join(
        list(changed[0])[:40])


def test_the_owner_reaches_every_object(target, world):
    ann = world["ann"]
    for method, template in MATRIX:
        url = _fill(template, world)
        if template.startswith(PUBLIC):
            continue  # a student's link, not the teacher's: tried below, once the batch is released
        if method == "GET":
            r = target.send("authorization", ann, "GET", url)
            assert r.status_code == 200, f"owner: GET {url} gave {r.status_code}"
            continue
        token = target.csrf(ann, f"/teacher/assignments/{world['a']}")
        form = {_fill(k, world): v for k, v in FORMS.get(template, {}).items()}
        r = target.send("authorization", ann, "POST", url, data={**form, "csrf_token": token})
        assert r.status_code in (200, 302, 303, 422), f"owner: POST {url} gave {r.status_code}"
    released = target.send("authorization", requests.Session(), "GET", _fill("/r/{code}", world))
    assert released.status_code == 200  # the owner's release above opened the student's link


# -- last: the server's memory and log over the whole run ---------------------------------------------

def test_the_server_stayed_under_its_memory_bound_and_logged_no_traceback(target):
    assert not target.errors, target.errors
    if not target.local:
        pytest.skip("memory and logs are watched on a local server only; watch the staging server's own")
    peak = target.memory_mb()
    assert peak is not None and peak < MEMORY_BOUND_MB, f"peak {peak:.0f} MB, bound {MEMORY_BOUND_MB} MB"
    log = target.log_text()
    assert "Traceback" not in log and '"level": "error"' not in log, log[-3000:]
