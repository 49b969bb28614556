"""Helpers that run real server processes for the operations tests."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class CeleryWorker:
    """A real `celery worker` process (and its children), started in its own process group."""

    def __init__(self, env: dict, name: str, log: Path):
        self.log = log
        self.proc = subprocess.Popen(
            [str(VENV_BIN / "celery"), "-A", "webapp.worker:celery", "worker", "--concurrency", "1", "--pool", "prefork",
             "-n", f"{name}@%h", "--loglevel", "INFO", "--without-gossip", "--without-mingle", "--without-heartbeat"],
            env=env, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True)

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
