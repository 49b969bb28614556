"""Real servers for the operations tests: Redis and Celery workers as separate processes."""
from __future__ import annotations

import os
import shutil
import subprocess
import time

import pytest

from servers import free_port


@pytest.fixture
def redis_url(tmp_path):
    """A throwaway Redis server on a free loopback port (Debian's redis-server)."""
    binary = shutil.which("redis-server")
    if binary is None:
        message = "redis-server is not installed (.ci/run installs Debian's redis-server)"
        if os.environ.get("ESSAYCHECK_REQUIRE_REDIS"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    port = free_port()
    proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                             "--dir", str(tmp_path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    import redis

    client = redis.Redis(port=port)
    for _ in range(100):
        try:
            if client.ping():
                break
        except redis.ConnectionError:
            time.sleep(0.05)
    else:
        proc.kill()
        pytest.fail("redis-server did not start")
    yield f"redis://127.0.0.1:{port}/0"
    proc.terminate()
    proc.wait(10)
