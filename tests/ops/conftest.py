"""Real servers for the operations tests: Redis and Celery workers as separate processes."""
from __future__ import annotations

import os
import shutil

import pytest

from servers import start_redis


@pytest.fixture
def redis_url(tmp_path):
    """A throwaway Redis server on a free loopback port (Debian's redis-server)."""
    if shutil.which("redis-server") is None:
        message = "redis-server is not installed (.ci/run installs Debian's redis-server)"
        if os.environ.get("ESSAYCHECK_REQUIRE_REDIS"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    try:
        proc, url = start_redis(tmp_path)
    except RuntimeError as exc:
        pytest.fail(str(exc))
    yield url
    proc.terminate()
    proc.wait(10)
