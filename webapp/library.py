"""The assignments the app serves, each built once per process and shared by every request.

Building an assignment runs the whole pipeline over its sources, so it happens once,
under a lock; checking an essay only reads the built fact base, so requests on any
number of threads share it safely.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from flask import current_app

from essaycheck.assignment import Assignment
from essaycheck.config import Settings
from essaycheck.errors import EssaycheckError
from essaycheck.pipeline import load_pipeline


@dataclass
class Library:
    """Packs found in a folder, built on first use."""

    packs_dir: Path
    settings: Settings
    _built: dict[str, Assignment] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def from_config(cls, config) -> "Library":
        return cls(Path(config["ESSAYCHECK_PACKS_DIR"]), Settings.from_env())

    def pack_dirs(self) -> dict[str, Path]:
        """Pack id -> folder, for every folder with a sources/ directory."""
        out = {}
        if self.packs_dir.is_dir():
            for d in sorted(self.packs_dir.iterdir()):
                if (d / "sources").is_dir():
                    out[d.name] = d
        return out

    def get(self, assignment_id: str) -> Assignment | None:
        if assignment_id in self._built:
            return self._built[assignment_id]
        folder = self.pack_dirs().get(assignment_id)
        if folder is None:
            return None
        with self._lock:
            if assignment_id not in self._built:
                self._built[assignment_id] = Assignment.from_pack(folder, self.settings,
                                                                  nlp=load_pipeline(self.settings))
        return self._built[assignment_id]

    def listing(self) -> list[dict]:
        """Every assignment that builds, with its title and default feedback mode."""
        out = []
        for pack_id in self.pack_dirs():
            try:
                a = self.get(pack_id)
            except EssaycheckError as exc:
                current_app.logger.warning("assignment %s cannot be built: %s", pack_id, exc)
                continue
            out.append({"id": pack_id, "title": a.title, "mode": a.mode, "modes": list(a.modes)})
        return out


def library() -> Library:
    return current_app.extensions["essaycheck"]
