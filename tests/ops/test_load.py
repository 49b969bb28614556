"""The production server under concurrent self-checks and batch uploads, on loopback, bounded in size."""
from __future__ import annotations

import io
import os
import re
import subprocess
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor

import pytest

from support import ROOT
from servers import VENV_BIN, free_port

pytestmark = pytest.mark.integration
requests = pytest.importorskip("requests")
SELF_CHECKS, CLIENTS, BATCHES, PER_BATCH = 48, 4, 3, 8


@pytest.fixture
def server(tmp_path, nlp):
    port = free_port()
    env = dict(os.environ, ESSAYCHECK_PORT=str(port), ESSAYCHECK_INSTANCE_DIR=str(tmp_path / "instance"),
               ESSAYCHECK_DATABASE_URL=f"sqlite:///{tmp_path / 'load.sqlite3'}",
               ESSAYCHECK_RATE_LIMIT="1000 per minute", ESSAYCHECK_SECRET_KEY="load-test")
    env.pop("ESSAYCHECK_BROKER_URL", None)
    made = subprocess.run([str(VENV_BIN / "flask"), "--app", "webapp", "create-teacher", "ann@school.org",
                           "--password", "correct horse"], env=env, capture_output=True, text=True, cwd=ROOT)
    assert made.returncode == 0, made.stderr[-2000:]
    log = (tmp_path / "server.log").open("w")
    proc = subprocess.Popen([str(VENV_BIN / "essaycheck-web"), "--threads", "8"], env=env, stdout=log,
                            stderr=subprocess.STDOUT, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if requests.get(base + "/health", timeout=2).status_code == 200:
                break
        except requests.ConnectionError:
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("the server did not start: " + (tmp_path / "server.log").read_text()[-3000:])
    yield base
    proc.terminate()
    proc.wait(30)


def csrf(session, url) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', session.get(url).text).group(1)


def test_concurrent_self_checks_and_batch_uploads_give_no_5xx_and_lose_no_essay(server):
    teacher = requests.Session()
    teacher.post(server + "/teacher/login", data={"email": "ann@school.org", "password": "correct horse",
                                                  "csrf_token": csrf(teacher, server + "/teacher/login")})
    r = teacher.post(server + "/teacher/assignments/new",
                     data={"title": "Load", "pack": "cuban-missile-crisis", "mode": "hint", "date_order": "day-first",
                           "csrf_token": csrf(teacher, server + "/teacher/assignments/new")})
    assignment = r.url
    essay = (ROOT / "rubric" / "cuban-missile-crisis" / "examples" / "sample-essay.txt").read_text()

    def self_check(i: int) -> int:
        return requests.post(server + "/api/v1/check", timeout=60,
                             json={"assignment": "cuban-missile-crisis", "essay": f"{essay}\n\nCheck {i}."}).status_code

    def upload(b: int) -> tuple[int, str]:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            for i in range(PER_BATCH):
                z.writestr(f"b{b}_student_{i}.txt", f"{essay}\n\nBatch {b}, essay {i}.")
        token = csrf(teacher, assignment)
        resp = teacher.post(assignment.rstrip("/") + "/batches", data={"name": f"class {b}", "csrf_token": token},
                            files={"files": ("class.zip", buf.getvalue(), "application/zip")}, timeout=60)
        return resp.status_code, resp.url

    with ThreadPoolExecutor(CLIENTS + 1) as pool:
        checks = pool.map(self_check, range(SELF_CHECKS))
        uploads = [upload(b) for b in range(BATCHES)]
        statuses = list(checks)
    assert statuses == [200] * SELF_CHECKS
    assert all(code == 200 and "/teacher/batches/" in url for code, url in uploads)

    deadline = time.monotonic() + 180
    progress = []
    while time.monotonic() < deadline:
        progress = [teacher.get(url.rstrip("/") + "/progress.json").json() for _, url in uploads]
        if all(p["complete"] for p in progress):
            break
        time.sleep(0.5)
    assert [(p["total"], p["done"], p["failed"]) for p in progress] == [(PER_BATCH, PER_BATCH, 0)] * BATCHES
