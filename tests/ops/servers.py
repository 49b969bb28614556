"""Helpers that run real server processes for the operations tests."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_redis(directory: Path) -> tuple[subprocess.Popen, str]:
    """A throwaway redis-server on a free loopback port, once it answers: (process, URL)."""
    import redis

    port = free_port()
    proc = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no", "--dir", str(directory)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    client = redis.Redis(port=port)
    for _ in range(100):
        try:
            if client.ping():
                return proc, f"redis://127.0.0.1:{port}/0"
        except redis.ConnectionError:
            time.sleep(0.05)
    proc.kill()
    raise RuntimeError("redis-server did not start")


class CeleryWorker:
    """A real `celery worker` process (and its children), started in its own process group."""

    def __init__(self, env: dict, name: str, log: Path | None, loglevel: str = "INFO"):
        self.log = log
        out = log.open("w") if log is not None else subprocess.DEVNULL
        self.proc = subprocess.Popen(
            [str(VENV_BIN / "celery"), "-A", "webapp.worker:celery", "worker", "--concurrency", "1", "--pool",
             "prefork", "-n", f"{name}@%h", "--loglevel", loglevel, "--without-gossip", "--without-mingle",
             "--without-heartbeat"],
            env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)

    def kill(self) -> None:
        """SIGKILL the worker and its pool processes at once, as a crash or a pulled plug would."""
        import signal

        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)

    def stop(self) -> None:
        if self.proc.poll() is None:
            import signal

            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
