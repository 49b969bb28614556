"""The fuzz suite's server: started once for the module (or a staging server), its tally printed at the end."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

import fuzzing

_TARGETS: list[fuzzing.Target] = []


@pytest.fixture(scope="session")
def target():
    if os.environ.get(fuzzing.ENV_URL):
        t = fuzzing.remote()
        _TARGETS.append(t)
        yield t
        return
    folder = Path(tempfile.mkdtemp(prefix="essaycheck-fuzz-"))
    try:
        t, proc, database = fuzzing.start_local(folder)
    except RuntimeError as exc:
        pytest.fail(str(exc), pytrace=False)
    _TARGETS.append(t)
    yield t
    t.final_peak_mb = t.memory_mb()
    proc.terminate()
    proc.wait(30)
    if database:
        fuzzing.drop_postgres_database(database)


def pytest_terminal_summary(terminalreporter):
    for t in _TARGETS:
        terminalreporter.write_line(t.summary())
