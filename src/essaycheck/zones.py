"""spaCy memory zones, shared safely by the threads of one process.

Every new word a pipeline reads adds a string and a lexeme to its vocabulary, and a
long-running server or job worker would grow with every essay. spaCy 3.8's
``nlp.memory_zone()`` frees what was added inside it when it closes. A zone belongs to the
whole vocabulary, though, not to one thread: while it is open every string any thread
adds is temporary, and closing it frees them all, so it must never close while another
thread is still reading a doc. spaCy's own context manager does not coordinate that.

``memory_zone(nlp)`` does: the threads share one zone; the first to enter opens it and
the last to leave closes it. So that steady traffic cannot keep it open for ever, once
``MAX_USES`` callers have entered, newcomers wait for the current ones to finish, the
zone closes, and a new one opens. Whatever runs inside must keep no spaCy object (Doc,
Span, Token) past its exit: essaycheck turns docs into plain ``Analysis`` data inside it.

Written by hand because spaCy has no shared or thread-safe form of its zones.
"""
from __future__ import annotations

import os
import threading
import weakref
from contextlib import AbstractContextManager, ExitStack, contextmanager
from typing import Iterator

from spacy.language import Language

#: Callers a zone serves before it is closed and a new one opened.
MAX_USES = 256


class ZoneGate:
    """One pipeline's shared memory zone (see the module docstring)."""

    def __init__(self, nlp: Language, max_uses: int = MAX_USES):
        self.nlp, self.max_uses = nlp, max_uses
        self._reset()

    def _reset(self) -> None:
        self._cond = threading.Condition()
        self._local = threading.local()  # how deep this thread is inside the zone
        self._zone: ExitStack | None = None
        self._inside = 0  # threads inside the open zone
        self._uses = 0  # entries since it opened
        self._held = False  # closed on purpose (see quiet) and kept closed
        self.zones_closed = 0

    @contextmanager
    def enter(self) -> Iterator[None]:
        depth = getattr(self._local, "depth", 0)
        if depth:  # already inside on this thread: the same zone
            self._local.depth = depth + 1
            try:
                yield
            finally:
                self._local.depth = depth
            return
        with self._cond:
            while self._held or (self._zone is not None and self._uses >= self.max_uses):
                self._cond.wait()
            if self._zone is None:
                zone = ExitStack()
                zone.enter_context(self.nlp.memory_zone())
                self._zone, self._uses = zone, 0
            self._inside += 1
            self._uses += 1
        self._local.depth = 1
        try:
            yield
        finally:
            self._local.depth = 0
            with self._cond:
                self._inside -= 1
                if self._inside == 0:
                    self._close()

    def _close(self) -> None:
        zone, self._zone = self._zone, None
        if zone is not None:
            zone.close()
            self.zones_closed += 1
        self._cond.notify_all()

    def inside(self) -> bool:
        """Is this thread inside the zone?"""
        return bool(getattr(self._local, "depth", 0))

    @contextmanager
    def quiet(self) -> Iterator[None]:
        """No zone open and none opening while inside: for forking worker processes, which must
        not inherit an open zone (the threads that would close it are not in the child)."""
        if getattr(self._local, "depth", 0):
            raise RuntimeError("cannot wait for the memory zone to close from inside it")
        with self._cond:
            while self._zone is not None or self._held:
                self._cond.wait()
            self._held = True
        try:
            yield
        finally:
            with self._cond:
                self._held = False
                self._cond.notify_all()


_GATES: weakref.WeakKeyDictionary[Language, ZoneGate] = weakref.WeakKeyDictionary()
_GATES_LOCK = threading.Lock()


def gate(nlp: Language) -> ZoneGate:
    """The zone gate of this pipeline (one per pipeline per process)."""
    with _GATES_LOCK:
        g = _GATES.get(nlp)
        if g is None:
            g = _GATES[nlp] = ZoneGate(nlp)
        return g


def memory_zone(nlp: Language) -> AbstractContextManager[None]:
    """A share of the pipeline's memory zone: ``with memory_zone(nlp): ...``."""
    return gate(nlp).enter()


def _after_fork_in_child() -> None:
    # A forked child has one thread: any lock another thread of the parent held is held for
    # ever in the child, so each gate starts afresh (forks happen under ``quiet``: no zone is open).
    global _GATES_LOCK
    _GATES_LOCK = threading.Lock()
    for g in list(_GATES.values()):
        g._reset()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)
