"""The fuzz suite's target and tally: a real server, what was sent to it, and how it held up.

By default the production server (``essaycheck-web``, waitress) is started here on loopback,
on PostgreSQL when ESSAYCHECK_TEST_POSTGRES_URL names one (NUL bytes and long names only fail
there) and SQLite otherwise, and its memory is read from /proc. With ESSAYCHECK_FUZZ_URL the
same inputs go to a staging server instead; ESSAYCHECK_FUZZ_TEACHERS then names two throwaway
teacher accounts on it (``a@school.org:password,b@school.org:password``), and memory is not
watched (watch it on the server). ESSAYCHECK_FUZZ_SCALE multiplies every count (1 in CI).
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import requests

ENV_URL, ENV_TEACHERS, ENV_SCALE = "ESSAYCHECK_FUZZ_URL", "ESSAYCHECK_FUZZ_TEACHERS", "ESSAYCHECK_FUZZ_SCALE"
ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
MEMORY_BOUND_MB = 1000  # the server's peak resident memory over the whole run
PASSWORD = "fuzz the server well"
_CSRF = re.compile(r'name="csrf_token"[^>]*? value="([^"]+)"')


def scale() -> int:
    return max(1, int(os.environ.get(ENV_SCALE, "1")))


@dataclass
class Target:
    """A server under test and the tally of what it was sent."""

    base: str
    teachers: list[tuple[str, str]]
    pid: int | None = None
    log: Path | None = None
    tried: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    started_mb: float | None = None
    final_peak_mb: float | None = None  # read just before a local server is stopped

    @property
    def local(self) -> bool:
        return self.pid is not None

    def send(self, kind: str, session: requests.Session, method: str, path: str, **kwargs) -> requests.Response:
        """One request, counted under ``kind``; a 5xx or a traceback fails the test that sent it."""
        kwargs.setdefault("allow_redirects", False)
        r = session.request(method, self.base + path, timeout=120, **kwargs)
        self.tried[kind] += 1
        body = r.text
        if r.status_code >= 500 or "Traceback (most recent call last)" in body:
            self.errors.append(f"{kind}: {method} {path} -> {r.status_code}")
        assert r.status_code < 500, f"{kind}: {method} {path} gave {r.status_code}: {body[:500]}"
        assert "Traceback (most recent call last)" not in body, f"{kind}: {method} {path} shows a traceback"
        return r

    def csrf(self, session: requests.Session, path: str) -> str:
        r = session.get(self.base + path, timeout=60)
        assert r.status_code == 200, (path, r.status_code)
        return _CSRF.search(r.text).group(1)

    def login(self, which: int) -> requests.Session:
        email, password = self.teachers[which]
        s = requests.Session()
        r = s.post(self.base + "/teacher/login", timeout=60, allow_redirects=False,
                   data={"email": email, "password": password, "csrf_token": self.csrf(s, "/teacher/login")})
        assert r.status_code == 302, f"log-in as {email}: {r.status_code}"
        return s

    def memory_mb(self, key: str = "VmHWM") -> float | None:
        """The server's resident memory now (VmRSS) or at its peak so far (VmHWM), in MB."""
        if not self.local:
            return None
        status = Path(f"/proc/{self.pid}/status")
        if not status.is_file():
            return None
        m = re.search(rf"^{key}:\s+(\d+) kB", status.read_text(), re.M)
        return int(m.group(1)) / 1024 if m else None

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log and self.log.is_file() else ""

    def summary(self) -> str:
        kinds = ", ".join(f"{k}: {n}" for k, n in sorted(self.tried.items()))
        peak = self.final_peak_mb or self.memory_mb()
        memory = (f"server memory {self.started_mb:.0f} MB after start-up, peak {peak:.0f} MB "
                  f"(bound {MEMORY_BOUND_MB} MB)") if peak and self.started_mb else "server memory not watched (remote)"
        return f"fuzz: {sum(self.tried.values())} requests ({kinds}); 5xx: {len(self.errors)}; {memory}"


def remote() -> Target:
    """The staging server named by ESSAYCHECK_FUZZ_URL, with its two throwaway teacher accounts."""
    pairs = [p.split(":", 1) for p in os.environ.get(ENV_TEACHERS, "").split(",") if ":" in p]
    if len(pairs) != 2:
        raise RuntimeError(f"{ENV_TEACHERS} must name two teacher accounts: a@school.org:password,b@school.org:pw")
    return Target(os.environ[ENV_URL].rstrip("/"), [(e, p) for e, p in pairs])


def start_local(folder: Path) -> tuple[Target, subprocess.Popen, str | None]:
    """The production server on a free loopback port, with two teachers; (target, process, database to drop)."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    database, dropped = f"sqlite:///{folder / 'fuzz.sqlite3'}", None
    if os.environ.get("ESSAYCHECK_TEST_POSTGRES_URL"):
        database, dropped = _postgres_database()
    env = dict(os.environ, ESSAYCHECK_PORT=str(port), ESSAYCHECK_INSTANCE_DIR=str(folder / "instance"),
               ESSAYCHECK_DATABASE_URL=database, ESSAYCHECK_SECRET_KEY="fuzz-" + uuid.uuid4().hex,
               ESSAYCHECK_RATE_LIMIT="100000 per minute", ESSAYCHECK_LOGIN_LIMIT="1000 per minute",
               ESSAYCHECK_LOGIN_ACCOUNT_LIMIT="1000 per minute", ESSAYCHECK_CODE_LIMIT="100000 per minute",
               ESSAYCHECK_LOG_FORMAT="json",
               ESSAYCHECK_WORKERS="1")
    env.pop("ESSAYCHECK_BROKER_URL", None)
    teachers = [("ann.fuzz@school.org", PASSWORD), ("bob.fuzz@school.org", PASSWORD)]
    for email, password in teachers:
        made = subprocess.run([str(VENV_BIN / "flask"), "--app", "webapp", "create-teacher", email, "--password",
                               password], env=env, capture_output=True, text=True, cwd=ROOT)
        assert made.returncode == 0, made.stderr[-2000:]
    log = folder / "server.log"
    proc = subprocess.Popen([str(VENV_BIN / "essaycheck-web"), "--threads", "8"], env=env,
                            stdout=log.open("w"), stderr=subprocess.STDOUT, cwd=ROOT)
    target = Target(f"http://127.0.0.1:{port}", teachers, proc.pid, log)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if requests.get(target.base + "/health", timeout=2).status_code == 200:
                target.started_mb = target.memory_mb("VmRSS")
                return target, proc, dropped
        except requests.ConnectionError:
            time.sleep(0.2)
        if proc.poll() is not None:
            break
    proc.kill()
    raise RuntimeError("the server did not start: " + target.log_text()[-3000:])


def _postgres_database() -> tuple[str, str]:
    import sqlalchemy as sa

    url = os.environ["ESSAYCHECK_TEST_POSTGRES_URL"]
    name = f"essaycheck_fuzz_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return url.rsplit("/", 1)[0] + "/" + name, name


def drop_postgres_database(name: str) -> None:
    import sqlalchemy as sa

    admin = sa.create_engine(os.environ["ESSAYCHECK_TEST_POSTGRES_URL"], isolation_level="AUTOCOMMIT")
    for _ in range(20):
        try:
            with admin.connect() as conn:
                conn.execute(sa.text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                     "WHERE datname = :n AND usename = current_user AND pid <> pg_backend_pid()"),
                             {"n": name})
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
            break
        except sa.exc.OperationalError:
            time.sleep(0.25)
    admin.dispose()
